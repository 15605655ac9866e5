//! `storyline eval`: scores on public data sets, one JSON line each.

use std::path::Path;

use anyhow::{Context, Result};
use serde_json::json;

use crate::cli::EvalCommand;

/// Runs an evaluation command and prints its JSON line.
pub fn run(command: &EvalCommand) -> Result<()> {
    let line = match command {
        EvalCommand::Tokens { conllu } => tokens(conllu)?,
        EvalCommand::Html { benchmark } => html(benchmark)?,
    };
    println!("{line}");
    Ok(())
}

/// Reads and parses a CoNLL-U file, naming it in every error.
pub fn read_conllu(path: &Path) -> Result<Vec<storyline_text::conllu::TreebankSentence>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    storyline_text::conllu::parse(&text)
        .with_context(|| format!("{}: malformed CoNLL-U", path.display()))
}

fn tokens(path: &Path) -> Result<serde_json::Value> {
    let scores = storyline_text::eval::evaluate_tokens(&read_conllu(path)?);
    Ok(json!({
        "token_f1": round4(scores.token_f1),
        "sentence_f1": round4(scores.sentence_f1),
    }))
}

fn html(dir: &Path) -> Result<serde_json::Value> {
    let scores = storyline_ingest::eval::evaluate_article_extraction(dir)?;
    Ok(json!({
        "precision": round4(scores.precision),
        "recall": round4(scores.recall),
        "f1": round4(scores.f1),
        "pages": scores.pages,
    }))
}

/// Four decimals: finer digits are noise for every score we report.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
