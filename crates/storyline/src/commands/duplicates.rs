//! `storyline eval duplicates`: the JSON line of the near-duplicate evaluation.

use std::path::Path;
use std::time::Instant;

use anyhow::Result;
use serde_json::json;
use storyline_store::near;

use crate::commands::eval::round4;

/// Runs the evaluation and returns its JSON line.
pub fn evaluate(set: &Path, distractors: Option<&Path>) -> Result<serde_json::Value> {
    let start = Instant::now();
    let r = storyline_eval::duplicates::evaluate(set, distractors)?;
    Ok(json!({
        "eval": "duplicates",
        "set": set.display().to_string(),
        "distractors": distractors.map(|d| d.display().to_string()),
        "articles": r.articles,
        "reprinted": r.reprinted,
        "not_reprinted_short": r.not_reprinted_short,
        "not_reprinted_already_copies": r.not_reprinted_already_copies,
        "distractor_texts": r.distractor_texts,
        "links_among_distractors": r.links_among_distractors,
        "threshold": near::THRESHOLD,
        "containment": near::CONTAINMENT,
        "precision": round4(r.precision),
        "recall": round4(r.recall),
        "f1": round4(r.f1),
        "true_links": r.true_links,
        "false_links": r.false_links,
        "missed": r.missed,
        "reprint_similarity_min": round4(r.reprint_similarity_min),
        "unrelated_similarity_max": round4(r.unrelated_similarity_max),
        "seconds": round4(start.elapsed().as_secs_f64()),
    }))
}
