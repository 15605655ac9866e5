//! Shared helpers of the events tests: a record with events and stances
//! built through the shipped pipeline and the stages they read.

#![allow(dead_code)]

use std::sync::OnceLock;

use storyline_extract::record::Record;
use storyline_extract::{Pipeline, PipelineOptions, actors, events, quotes, time};
use storyline_ingest::Document;

/// The shipped pipeline, loaded once per test binary.
pub fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::shipped().expect("shipped models"))
}

/// The record of `text` with its events and stances filled in.
pub fn record(text: &str, published: Option<&str>) -> Record {
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
pub fn name(rec: &Record, id: &str) -> String {
    rec.entities
        .iter()
        .find(|e| e.id == id)
        .map_or(id.to_string(), |e| e.name.clone())
}

/// Events as readable lines (`MEET A, B → C @P 2025-12-02 [actual]
/// ("met")`).
pub fn lines(rec: &Record) -> Vec<String> {
    let list = |ids: &[String]| {
        let names: Vec<String> = ids.iter().map(|id| name(rec, id)).collect();
        names.join(", ")
    };
    rec.events
        .iter()
        .map(|e| {
            format!(
                "{} {} → {} @{} {} [{}] ({:?})",
                e.kind,
                list(&e.actors),
                list(&e.targets),
                e.place.as_deref().map_or("-".to_string(), |p| name(rec, p)),
                e.time.as_deref().unwrap_or("-"),
                e.modality,
                e.trigger.text
            )
        })
        .collect()
}

/// Stances as readable lines.
pub fn stance_lines(rec: &Record) -> Vec<String> {
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
