//! `storyline bench scale`: how time and memory grow with the length of
//! one document. The documents are generated: the shipped example article
//! and sentences written for this benchmark, repeated in a shuffled order
//! to each size, in two variants — ordinary news text, and the same text
//! without any sentence punctuation (paragraph breaks kept).

use std::time::Instant;

use anyhow::Result;
use rayon::prelude::*;
use serde_json::{Value, json};
use storyline_extract::{Budget, Pipeline, PipelineOptions};
use storyline_ingest::Document;

use crate::cli::ScaleArgs;
use crate::commands::eval::round4;
use crate::memory::{peak_rss_mb, reset_peak_rss};

/// The shipped example article, the first source of paragraphs.
const EXAMPLE: &str = include_str!("../../../../examples/harbour-talks.txt");

/// Sentences written for this benchmark, one per line.
const SENTENCES: &str = include_str!("scale/sentences.txt");

/// The paragraphs generated text is made of: the example's paragraphs and
/// the benchmark's sentences in groups of three.
fn paragraphs() -> Vec<String> {
    let mut out: Vec<String> = EXAMPLE
        .split("\n\n")
        .skip(1)
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let lines: Vec<&str> = SENTENCES.lines().filter(|l| !l.trim().is_empty()).collect();
    out.extend(lines.chunks(3).map(|c| c.join(" ")));
    out
}

/// News text of about `bytes` bytes: paragraphs in a shuffled order
/// (a fixed linear congruential sequence, so every run reads the same text).
pub fn news_text(bytes: usize) -> String {
    let paragraphs = paragraphs();
    let mut text = String::from("Talks Resume After Weeks of Standoff\n\n");
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    while text.len() < bytes {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let pick = (state >> 33) as usize % paragraphs.len();
        text.push_str(&paragraphs[pick]);
        text.push_str("\n\n");
    }
    text
}

/// The same text without sentence punctuation (`.`, `!`, `?`, `;`, `:`).
pub fn unpunctuated(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '.' | '!' | '?' | ';' | ':'))
        .collect()
}

/// Parses a size such as `10k`, `1m` or `2500`.
pub fn parse_size(s: &str) -> Result<usize, String> {
    let lower = s.trim().to_ascii_lowercase();
    let (digits, unit) = match lower.strip_suffix(['k', 'm']) {
        Some(d) if lower.ends_with('k') => (d, 1_000),
        Some(d) => (d, 1_000_000),
        None => (lower.as_str(), 1),
    };
    digits
        .parse::<usize>()
        .ok()
        .filter(|&n| n > 0)
        .map(|n| n * unit)
        .ok_or_else(|| format!("{s:?}: expected a size in bytes such as 10k, 100k, 1m"))
}

fn document(text: String, size: usize) -> Document {
    Document {
        id: format!("scale-{size}"),
        url: None,
        title: None,
        published: Some("2026-06-01".to_string()),
        author: None,
        site: None,
        text,
        warnings: Vec::new(),
    }
}

/// One size of one variant: one thread, then one copy per core at once.
fn measure(pipeline: &Pipeline, variant: &str, doc: &Document) -> Value {
    reset_peak_rss();
    let start = Instant::now();
    let mut budget = Budget::unlimited();
    let record = pipeline.run_within(doc, PipelineOptions::default(), &mut budget);
    let seconds = start.elapsed().as_secs_f64();
    let peak = peak_rss_mb();
    let words = storyline_text::tokenize(&doc.text).len();
    let record = record.expect("an unlimited budget never runs out");
    let threads = rayon::current_num_threads();
    let start = Instant::now();
    (0..threads).into_par_iter().for_each(|_| {
        pipeline.run(doc, PipelineOptions::default());
    });
    let all = start.elapsed().as_secs_f64();
    // A long document is read in segments: each stage's laps add up.
    let mut totals: Vec<(&str, f64)> = Vec::new();
    for &(stage, s) in budget.laps() {
        match totals.iter_mut().find(|t| t.0 == stage) {
            Some(t) => t.1 += s,
            None => totals.push((stage, s)),
        }
    }
    let stages: serde_json::Map<String, Value> = totals
        .into_iter()
        .map(|(stage, s)| (stage.to_string(), json!(round4(s))))
        .collect();
    json!({
        "variant": variant,
        "bytes": doc.text.len(),
        "words": words,
        "sentences": record.sentences.len(),
        "single_thread": {"seconds": round4(seconds), "words_per_sec": (words as f64 / seconds).round()},
        "all_cores": {"seconds": round4(all), "words_per_sec": ((words * threads) as f64 / all).round()},
        "peak_rss_mb": peak,
        "stage_seconds": stages,
        "warnings": record.warnings.len(),
    })
}

/// Runs the benchmark and returns its JSON line.
pub fn scale(args: &ScaleArgs) -> Result<Value> {
    let start = Instant::now();
    let pipeline = Pipeline::shipped()?;
    // A first document loads every model and lexicon.
    pipeline.run(&document(news_text(2_000), 0), PipelineOptions::default());
    let load_ms = start.elapsed().as_secs_f64() * 1000.0;
    reset_peak_rss();
    let models_rss = peak_rss_mb();
    let mut sizes = Vec::new();
    for &size in &args.sizes {
        let text = news_text(size);
        sizes.push(measure(&pipeline, "news", &document(text.clone(), size)));
        sizes.push(measure(
            &pipeline,
            "unpunctuated",
            &document(unpunctuated(&text), size),
        ));
    }
    Ok(json!({
        "bench": "scale",
        "threads": rayon::current_num_threads(),
        "model_load_ms": round4(load_ms),
        "rss_after_models_mb": models_rss,
        "sizes": sizes,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("10k"), Ok(10_000));
        assert_eq!(parse_size("1M"), Ok(1_000_000));
        assert_eq!(parse_size("2500"), Ok(2500));
        assert!(parse_size("x").is_err());
        assert!(parse_size("0").is_err());
    }

    #[test]
    fn generated_text_reaches_its_size_and_loses_its_punctuation() {
        let text = news_text(20_000);
        assert!(text.len() >= 20_000 && text.len() < 22_000);
        let bare = unpunctuated(&text);
        assert!(!bare.contains('.') && bare.contains("\n\n"));
    }
}
