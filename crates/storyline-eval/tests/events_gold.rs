//! Events and stances against the gold files: the project's own articles in
//! `storyline-extract/tests/gold-events/` and the seed article in
//! `../shared/data/seed/`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use storyline_eval::events::{EventScores, aggregate, describe, evaluate_events};
use storyline_eval::gold;
use storyline_extract::record::Record;
use storyline_extract::{Pipeline, PipelineOptions, actors, events, quotes, time};
use storyline_ingest::Document;

/// The shipped pipeline, loaded once per test binary.
fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::shipped().expect("shipped models"))
}

/// The record of `text` with its events and stances filled in.
fn record(text: &str, published: Option<&str>) -> Record {
    let p = pipeline();
    let doc = Document {
        id: "test".to_string(),
        url: None,
        title: None,
        published: published.map(str::to_string),
        author: None,
        site: None,
        text: text.to_string(),
        warnings: Vec::new(),
    };
    let mut rec = p.run(&doc, PipelineOptions::default());
    let analysis = p.analyse(text);
    let actors = actors::build(&analysis);
    let times = time::find_times(text, &analysis.tokens, published);
    let quotes = quotes::find_quotes(&analysis, &actors);
    rec.events = events::find_events(&analysis, &actors, &times, &quotes, published);
    rec.stances = events::find_stances(&analysis, &actors, &quotes);
    rec.quotes = quotes;
    rec
}

/// The name of entity `id` in a record.
fn name(rec: &Record, id: &str) -> String {
    rec.entities
        .iter()
        .find(|e| e.id == id)
        .map_or(id.to_string(), |e| e.name.clone())
}

/// Events as readable lines (`MEET A, B → C @P 2025-12-02 [actual]`).
fn lines(rec: &Record) -> Vec<String> {
    rec.events.iter().map(|e| describe(rec, e)).collect()
}

/// Stances as readable lines.
fn stance_lines(rec: &Record) -> Vec<String> {
    rec.stances
        .iter()
        .map(|s| {
            format!(
                "{} {} {:?}",
                s.holder
                    .as_deref()
                    .map_or("-".to_string(), |h| name(rec, h)),
                s.position,
                s.issue
            )
        })
        .collect()
}

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
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../storyline-extract/tests/gold-events");
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
