//! Events and stances against the gold files: the project's own articles in
//! `tests/gold-events/` and the seed article in `../shared/data/seed/`.

mod events_support;

use std::path::{Path, PathBuf};

use events_support::{lines, record, stance_lines};
use storyline_extract::events::eval::{EventScores, aggregate, evaluate_events};
use storyline_extract::gold;

fn score(path: &Path, verbose: bool) -> EventScores {
    let g = gold::read_gold(path).expect("gold file");
    let article = gold::article_for(path).expect("article beside gold");
    let text = std::fs::read_to_string(article).expect("article");
    let rec = record(&text, g.published.as_deref());
    let s = evaluate_events(&rec, &g);
    if verbose {
        println!(
            "== {} event F1 {:.2} stance F1 {:.2}",
            path.display(),
            s.event_f1,
            s.stance_f1
        );
        for l in lines(&rec) {
            println!("  ev {l}");
        }
        for l in stance_lines(&rec) {
            println!("  st {l}");
        }
        for e in &s.errors {
            println!("  !! {e}");
        }
    }
    s
}

#[test]
fn gold_events_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold-events");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("gold-events folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 10, "at least ten gold files");
    let verbose = std::env::var("EVENTS_VERBOSE").is_ok();
    let scores: Vec<EventScores> = paths.iter().map(|p| score(p, verbose)).collect();
    let all = aggregate(&scores);
    println!("{}", serde_json::to_string(&all).unwrap());
    assert!(
        all.event_f1 >= 0.80,
        "event F1 {:.3}: {:#?}",
        all.event_f1,
        all.errors
    );
    assert!(
        all.stance_f1 >= 0.75,
        "stance F1 {:.3}: {:#?}",
        all.stance_f1,
        all.errors
    );
}

#[test]
fn seed_events_shared_data() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/seed/gold.json");
    assert!(path.is_file(), "shared data missing: {}", path.display());
    let s = score(&path, true);
    assert_eq!(s.event_r, 1.0, "every gold event found: {:#?}", s.errors);
    assert_eq!(s.stance_r, 1.0, "every gold stance found: {:#?}", s.errors);
    let text = std::fs::read_to_string(path.with_file_name("article.txt")).unwrap();
    let rec = record(&text, None);
    let tail = text.find("Stay tuned").expect("closing line");
    let tail = text[..tail].chars().count();
    assert!(
        rec.events.iter().all(|e| e.trigger.start < tail),
        "no event from the closing call to action: {:?}",
        lines(&rec)
    );
}
