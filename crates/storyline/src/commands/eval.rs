//! `storyline eval`: scores on public data sets, one JSON line each.

use std::path::Path;

use anyhow::{Context, Result};
use serde_json::json;

use storyline_extract::models;
use storyline_nlp::ner::Ner;
use storyline_nlp::parser::Parser;
use storyline_nlp::tagger::Tagger;

use crate::cli::{EvalCommand, ModelPaths};

/// Runs an evaluation command and prints its JSON line.
pub fn run(command: &EvalCommand) -> Result<()> {
    let line = match command {
        EvalCommand::Tokens { conllu } => tokens(conllu)?,
        EvalCommand::Html { benchmark } => html(benchmark)?,
        EvalCommand::Ud { conllu, models } => ud(conllu, models)?,
        EvalCommand::Ner { conll, models } => ner(conll, models)?,
        EvalCommand::Timex { timeml } => timex(timeml)?,
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

fn ud(path: &Path, paths: &ModelPaths) -> Result<serde_json::Value> {
    let sentences = read_conllu(path)?;
    let tagger = match &paths.tagger {
        Some(file) => Tagger::load(file)?,
        None => models::shipped_tagger()?,
    };
    let parser = match &paths.parser {
        Some(file) => Parser::load(file)?,
        None => models::shipped_parser()?,
    };
    let s = storyline_nlp::eval::evaluate_ud(&tagger, &parser, &sentences);
    Ok(json!({
        "words": s.words,
        "upos": round4(s.upos),
        "xpos": round4(s.xpos),
        "lemma": round4(s.lemma),
        "uas": round4(s.uas),
        "las": round4(s.las),
        "words_per_sec": s.words_per_sec.round(),
    }))
}

fn ner(path: &Path, paths: &ModelPaths) -> Result<serde_json::Value> {
    let sentences = crate::commands::train::read_conll(path)?;
    let model = match &paths.ner {
        Some(file) => Ner::load(file)?,
        None => models::shipped_ner()?,
    };
    let s = storyline_nlp::ner::evaluate_ner(&model, &sentences);
    let per_type: serde_json::Map<String, serde_json::Value> = s
        .per_type
        .iter()
        .map(|(label, t)| {
            let scores = json!({"precision": round4(t.precision), "recall": round4(t.recall), "f1": round4(t.f1)});
            (label.clone(), scores)
        })
        .collect();
    Ok(json!({
        "precision": round4(s.precision),
        "recall": round4(s.recall),
        "f1": round4(s.f1),
        "per_type": per_type,
        "tokens_per_sec": s.tokens_per_sec.round(),
    }))
}

fn timex(dir: &Path) -> Result<serde_json::Value> {
    let s = storyline_extract::time::eval::evaluate_timeml(dir)?;
    Ok(json!({
        "extent_strict_f1": round4(s.extent_strict_f1),
        "extent_relaxed_f1": round4(s.extent_relaxed_f1),
        "type_accuracy": round4(s.type_accuracy),
        "value_f1": round4(s.value_f1),
        "files": s.files,
        "gold": s.gold,
        "predicted": s.predicted,
    }))
}

/// Four decimals: finer digits are noise for every score we report.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
