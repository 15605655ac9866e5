//! ECB+ and Timeline17 as the readers see them (the data sets in
//! `shared/data`; set `STORYLINE_SHARED_DATA` to read them from elsewhere).
//! Each test prints a message and passes when its data set is missing.

use std::collections::BTreeSet;
use std::path::PathBuf;

use storyline_eval::{ecbplus, tilse, timeline17};

/// `DATA/NAME`, or `None` (with a message) when it is not there.
fn data_dir(name: &str) -> Option<PathBuf> {
    let root = std::env::var_os("STORYLINE_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    let dir = root.join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped: {} is missing", dir.display());
        None
    }
}

#[test]
fn ecbplus_topics_1_to_35() {
    let Some(dir) = data_dir("ecbplus") else {
        return;
    };
    let topics = ecbplus::parse_topics("1-35").unwrap();
    let docs = ecbplus::read_topics(&dir, topics).expect("ECB+ reads");
    assert_eq!(docs.len(), 772);
    let subtopics: BTreeSet<&str> = docs.iter().map(|d| d.subtopic.as_str()).collect();
    assert_eq!(subtopics.len(), 66);
    assert!(docs.windows(2).all(|w| w[0].topic <= w[1].topic));
    assert!(docs.iter().all(|d| !d.text.trim().is_empty()));
    let plus = docs
        .iter()
        .find(|d| d.file == "3_7ecbplus.xml")
        .expect("3_7ecbplus.xml");
    assert!(
        plus.text.starts_with("http://www.wibw.com/"),
        "{}",
        plus.text
    );
    assert!(
        plus.text
            .contains("\n\nTexas Lifer Escapes Prison Van Near Houston\n\n"),
        "{}",
        plus.text
    );
}

#[test]
fn timeline17_topics() {
    let Some(dir) = data_dir("timeline17") else {
        return;
    };
    let topics = timeline17::read_topics(&dir).expect("Timeline17 reads");
    assert_eq!(topics.len(), 11);
    for topic in &topics {
        assert!(
            !topic.timelines.is_empty(),
            "{} has no timeline",
            topic.name
        );
        assert!(!topic.articles.is_empty(), "{} has no article", topic.name);
        assert!(topic.articles.windows(2).all(|w| w[0].date <= w[1].date));
        for timeline in &topic.timelines {
            assert!(
                !timeline.entries.is_empty(),
                "{}/{}",
                topic.name,
                timeline.name
            );
            let tl = tilse::timeline_from_entries(&timeline.entries).expect("valid dates");
            // A gold timeline is perfect against itself.
            let s = tilse::score(&tl, &tl);
            assert!((s.align_r1_f - 1.0).abs() < 1e-9 && (s.date_f1 - 1.0).abs() < 1e-9);
        }
    }
    let bbc = topics
        .iter()
        .find(|t| t.name == "bpoil_bbc")
        .expect("bpoil_bbc");
    let text: String = bbc.timelines[0]
        .entries
        .iter()
        .flat_map(|(_, s)| s.iter().cloned())
        .collect();
    assert!(text.contains("\"effectively dead\""), "{text}");
    assert!(!text.contains("-LRB-") && !text.contains(" 's"));
}
