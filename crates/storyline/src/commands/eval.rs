//! `storyline eval`: scores on public data sets, one JSON line each.

use std::path::Path;

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use serde_json::json;
use storyline_eval::gold::{self, Gold};
use storyline_extract::{Pipeline, PipelineOptions, Record};

use storyline_extract::models;
use storyline_nlp::ner::Ner;
use storyline_nlp::parser::Parser;
use storyline_nlp::tagger::Tagger;
use storyline_nlp::treebank::TreebankSentence;

use crate::cli::{EvalCommand, ModelPaths};

/// Runs an evaluation command and prints its JSON line.
pub fn run(command: &EvalCommand) -> Result<()> {
    let line = match command {
        EvalCommand::Tokens { conllu } => tokens(conllu)?,
        EvalCommand::Html { benchmark } => html(benchmark)?,
        EvalCommand::Ud { conllu, models } => ud(conllu, models)?,
        EvalCommand::Ner { conll, models } => ner(conll, models)?,
        EvalCommand::Timex { timeml } => timex(timeml)?,
        EvalCommand::Attribution { polnear } => attribution(polnear)?,
        EvalCommand::Actors { gold } => actors(gold)?,
        EvalCommand::Events { gold } => events(gold)?,
        EvalCommand::Stories { ecbplus, topics } => {
            crate::commands::story_eval::eval_stories(ecbplus, topics)?
        }
        EvalCommand::Timeline { timeline17 } => {
            crate::commands::story_eval::eval_timeline(timeline17)?
        }
        EvalCommand::Story { gold, data } => crate::commands::story_eval::eval_story(gold, data)?,
        EvalCommand::Duplicates { set, distractors } => {
            crate::commands::duplicates::evaluate(set, distractors.as_deref())?
        }
    };
    println!("{line}");
    Ok(())
}

/// Reads and parses a CoNLL-U file, naming it in every error.
pub fn read_conllu(path: &Path) -> Result<Vec<TreebankSentence>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    storyline_eval::conllu::parse(&text)
        .with_context(|| format!("{}: malformed CoNLL-U", path.display()))
}

fn tokens(path: &Path) -> Result<serde_json::Value> {
    let scores = storyline_eval::tokens::evaluate_tokens(&read_conllu(path)?);
    Ok(json!({
        "token_f1": round4(scores.token_f1),
        "sentence_f1": round4(scores.sentence_f1),
    }))
}

fn html(dir: &Path) -> Result<serde_json::Value> {
    let scores = storyline_eval::article_extraction::evaluate_article_extraction(dir)?;
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
    let s = storyline_eval::ud::evaluate_ud(&tagger, &parser, &sentences);
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
    let s = storyline_eval::timex::evaluate_timeml(dir)?;
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

fn attribution(dir: &Path) -> Result<serde_json::Value> {
    let pipeline = Pipeline::shipped()?;
    let s = storyline_eval::attribution::evaluate_polnear(dir, &pipeline)?;
    Ok(json!({
        "content_p": round4(s.content_p),
        "content_r": round4(s.content_r),
        "content_f1": round4(s.content_f1),
        "relation_f1": round4(s.relation_f1),
        "cue_p": round4(s.cue_p),
        "cue_r": round4(s.cue_r),
        "cue_f1": round4(s.cue_f1),
        "texts": s.texts,
        "gold": s.gold,
        "predicted": s.predicted,
    }))
}

/// Gold files named directly or found (sorted) in named folders.
fn gold_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("{}: cannot list folder", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    if files.is_empty() {
        bail!("no gold files (*.json) found");
    }
    Ok(files)
}

/// Reads a gold file and runs the pipeline on the article it describes.
fn gold_and_record(path: &Path, pipeline: &Pipeline) -> Result<(Gold, Record)> {
    let gold = gold::read_gold(path)?;
    let article = gold::article_for(path).with_context(|| {
        format!(
            "{}: no article beside it (same stem .txt, or article.txt)",
            path.display()
        )
    })?;
    let opts = storyline_ingest::IngestOptions::default();
    let mut doc = storyline_ingest::read_file(&article, &opts)
        .into_iter()
        .next()
        .with_context(|| format!("{}: no document", article.display()))??;
    if gold.published.is_some() {
        doc.published = gold.published.clone();
    }
    let record = pipeline.run(&doc, PipelineOptions::default());
    Ok((gold, record))
}

fn actors(paths: &[PathBuf]) -> Result<serde_json::Value> {
    let pipeline = Pipeline::shipped()?;
    let files = gold_files(paths)?;
    let (mut gold_entities, mut record_entities) = (0, 0);
    let (mut found, mut typed, mut titled, mut affiliated) = (0.0, 0.0, 0.0, 0.0);
    let mut errors = Vec::new();
    for path in &files {
        let (gold, record) = gold_and_record(path, &pipeline)?;
        let s = storyline_eval::actors::evaluate_actors(&record, &gold);
        // Fractions back to counts, so several files pool their entities.
        let n = s.gold_entities as f64;
        gold_entities += s.gold_entities;
        record_entities += s.record_entities;
        found += s.entities_found * n;
        typed += s.type_accuracy * n;
        titled += s.title_accuracy * n;
        affiliated += s.affiliation_accuracy * n;
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        errors.extend(s.errors.iter().map(|e| format!("{name}: {e}")));
    }
    let frac = |x: f64| round4(x / (gold_entities.max(1) as f64));
    Ok(json!({
        "files": files.len(),
        "gold_entities": gold_entities,
        "record_entities": record_entities,
        "entities_found": frac(found),
        "type_accuracy": frac(typed),
        "title_accuracy": frac(titled),
        "affiliation_accuracy": frac(affiliated),
        "errors": errors,
    }))
}

fn events(paths: &[PathBuf]) -> Result<serde_json::Value> {
    use storyline_eval::events as eval;
    let pipeline = Pipeline::shipped()?;
    let files = gold_files(paths)?;
    let mut scores = Vec::new();
    for path in &files {
        let (gold, record) = gold_and_record(path, &pipeline)?;
        let mut s = eval::evaluate_events(&record, &gold);
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        s.errors = s.errors.iter().map(|e| format!("{name}: {e}")).collect();
        scores.push(s);
    }
    let s = eval::aggregate(&scores);
    let mut value = serde_json::to_value(&s)?;
    round_all(&mut value);
    value["files"] = json!(files.len());
    Ok(value)
}

/// Rounds every fraction inside a JSON value to four decimals.
fn round_all(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(n) if n.is_f64() => {
            *value = json!(round4(n.as_f64().unwrap_or_default()));
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(round_all),
        serde_json::Value::Object(map) => map.values_mut().for_each(round_all),
        _ => {}
    }
}

/// Four decimals: finer digits are noise for every score we report.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
