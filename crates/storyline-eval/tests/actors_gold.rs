//! Entities, titles and affiliations against the gold files: the seed
//! article (shared data) and the project's own articles in
//! `storyline-extract/tests/gold/`.

use std::path::{Path, PathBuf};

use storyline_eval::{actors, gold};
use storyline_extract::record::{Entity, Record};
use storyline_extract::{Pipeline, PipelineOptions};
use storyline_ingest::Document;

fn record(text: &str) -> Record {
    let doc = Document {
        id: "test".into(),
        url: None,
        title: None,
        published: None,
        author: None,
        site: None,
        text: text.into(),
        warnings: Vec::new(),
    };
    let pipeline = Pipeline::shipped().expect("the shipped models are embedded");
    pipeline.run(&doc, PipelineOptions::default())
}

fn shared(path: &str) -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(path);
    assert!(p.exists(), "shared data missing: {}", p.display());
    p
}

#[test]
fn seed_actors_shared_data() {
    let gold_path = shared("seed/gold.json");
    let gold = gold::read_gold(&gold_path).unwrap();
    let text = std::fs::read_to_string(gold::article_for(&gold_path).unwrap()).unwrap();
    let record = record(&text);
    let scores = actors::evaluate_actors(&record, &gold);
    println!("{}", serde_json::to_string(&scores).unwrap());
    assert_eq!(scores.gold_entities, 14);
    assert_eq!(scores.entities_found, 1.0, "{:?}", scores.errors);
    assert_eq!(scores.type_accuracy, 1.0, "{:?}", scores.errors);
    assert_eq!(scores.title_accuracy, 1.0, "{:?}", scores.errors);
    assert_eq!(scores.affiliation_accuracy, 1.0, "{:?}", scores.errors);
    let trumps: Vec<&Entity> = record
        .entities
        .iter()
        .filter(|e| e.mentions.iter().any(|m| m.text.contains("Trump")))
        .collect();
    assert_eq!(trumps.len(), 1);
    let texts: Vec<&str> = trumps[0].mentions.iter().map(|m| m.text.as_str()).collect();
    assert!(texts.contains(&"President Donald Trump") && texts.contains(&"Trump"));
    let rubios = record
        .entities
        .iter()
        .filter(|e| e.mentions.iter().any(|m| m.text.contains("Rubio")))
        .count();
    assert_eq!(rubios, 1);
}

#[test]
fn gold_articles() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../storyline-extract/tests/gold");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 5);
    for path in files {
        let gold = gold::read_gold(&path).unwrap();
        let text = std::fs::read_to_string(gold::article_for(&path).unwrap()).unwrap();
        let scores = actors::evaluate_actors(&record(&text), &gold);
        println!(
            "{} {}",
            path.file_name().unwrap().to_string_lossy(),
            serde_json::to_string(&scores).unwrap()
        );
        // Floors, not targets: misses here are the recogniser's (see the report).
        assert!(scores.entities_found >= 0.7, "{path:?} {scores:?}");
        assert!(scores.type_accuracy >= 0.7, "{path:?} {scores:?}");
        assert!(scores.title_accuracy >= 0.7, "{path:?} {scores:?}");
        assert!(scores.affiliation_accuracy >= 0.6, "{path:?} {scores:?}");
    }
}
