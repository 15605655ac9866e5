//! Smoke test of attribution training: the cue classifier and content
//! ranker are trained on a tiny copy of PolNeAR train (three texts, copied
//! to a temporary folder at test time; the data are never committed), the
//! model survives its file format, and quote finding runs with it. Catches
//! a broken training path long before anyone retrains `models/cues.bin`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use storyline_eval::polnear;
use storyline_extract::Pipeline;
use storyline_extract::actors;
use storyline_extract::quotes::cue_model::CueModel;
use storyline_extract::quotes::{find_quotes_with, learn};

/// Texts copied: few and short, so the test stays quick in debug builds
/// (CI runs `cargo test --workspace` unoptimised).
const TEXTS: usize = 3;

/// Copies the first `TEXTS` texts (in name order) of 1–4 kB that have a
/// non-empty annotation file, with all their `NAME_*.ann` files.
fn tiny_polnear(train: &Path, to: &Path) -> Vec<String> {
    let (text_dir, ann_dir) = (train.join("text"), train.join("attributions"));
    std::fs::create_dir_all(to.join("text")).unwrap();
    std::fs::create_dir_all(to.join("attributions")).unwrap();
    let mut texts: Vec<PathBuf> = std::fs::read_dir(&text_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    texts.sort();
    let mut anns: Vec<String> = std::fs::read_dir(&ann_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    anns.sort();
    let mut copied = Vec::new();
    for text in texts {
        let size = std::fs::metadata(&text).unwrap().len();
        let Some(name) = text.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        // `NAME_X.ann`: X (the annotator) has no underscore.
        let mine: Vec<&String> = anns
            .iter()
            .filter(|a| {
                a.strip_prefix(name)
                    .and_then(|r| r.strip_prefix('_'))
                    .and_then(|r| r.strip_suffix(".ann"))
                    .is_some_and(|x| !x.contains('_'))
            })
            .collect();
        let annotated = mine
            .first()
            .is_some_and(|a| std::fs::metadata(ann_dir.join(a)).unwrap().len() > 0);
        if !(1000..=4000).contains(&size) || !annotated {
            continue;
        }
        std::fs::copy(&text, to.join("text").join(format!("{name}.txt"))).unwrap();
        for a in mine {
            std::fs::copy(ann_dir.join(a), to.join("attributions").join(a)).unwrap();
        }
        copied.push(name.to_string());
        if copied.len() == TEXTS {
            break;
        }
    }
    copied
}

#[test]
fn cue_model_trains_on_a_tiny_polnear_copy_shared_data() {
    let train =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/polnear/train");
    if !train.join("text").is_dir() {
        eprintln!("note: skipped, PolNeAR train is not at {}", train.display());
        return;
    }
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let copied = tiny_polnear(&train, dir.path());
    assert_eq!(copied.len(), TEXTS, "{copied:?}");

    let pipeline = Pipeline::shipped().expect("shipped models");
    let texts = polnear::read_dir(dir.path()).expect("the tiny copy reads");
    let model = learn::train_cue_model(&texts, |text| pipeline.analyse(text), 1);

    // The file format keeps every weight: a re-read model writes the same bytes.
    let bytes = model.to_bytes();
    let read = CueModel::from_bytes(&bytes).expect("a trained model reads back");
    assert_eq!(read.to_bytes(), bytes);

    let text = "The talks will resume on Monday, the minister said. \
                \"We are ready,\" said Anna Berg, who leads the delegation. \
                Officials told reporters that no date had been set.";
    let analysis = pipeline.analyse(text);
    let actors = actors::build(&analysis);
    let quotes = find_quotes_with(&analysis, &actors, Some(&read));
    let chars = text.chars().count();
    for q in &quotes {
        assert!(
            q.content.start < q.content.end && q.content.end <= chars,
            "{q:?}"
        );
    }
    eprintln!(
        "trained on {copied:?}: {} bytes, {} quotes, {:.1} s",
        bytes.len(),
        quotes.len(),
        started.elapsed().as_secs_f64()
    );
}
