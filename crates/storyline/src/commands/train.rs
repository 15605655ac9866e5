//! `storyline train`: models from public data sets. Each run prints one JSON
//! line describing what it trained and how it scored on the dev data.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use serde_json::json;
use storyline_eval::{conll2003, polnear};
use storyline_extract::Pipeline;
use storyline_extract::quotes::learn;
use storyline_nlp::ner::{self, Ner};
use storyline_nlp::parser::{self, Parser};
use storyline_nlp::tagger::{self, Tagger};

use crate::cli::{TrainArgs, TrainAttributionArgs, TrainCommand};
use crate::commands::eval::{read_conllu, round4};

/// Runs a training command.
pub fn run(command: &TrainCommand) -> Result<()> {
    let report = match command {
        TrainCommand::Tagger(args) => train_tagger(args)?,
        TrainCommand::Parser {
            args,
            tagger,
            jackknife,
        } => train_parser(args, tagger.as_deref(), *jackknife)?,
        TrainCommand::Ner(args) => train_ner(args)?,
        TrainCommand::Attribution(args) => train_attribution(args)?,
        TrainCommand::Stories {
            ecbplus,
            topics,
            timeline17,
            out,
        } => {
            crate::commands::story_eval::train_stories(ecbplus, topics, timeline17.as_deref(), out)?
        }
    };
    println!("{report}");
    Ok(())
}

fn truncate<T>(mut items: Vec<T>, max: Option<usize>) -> Vec<T> {
    if let Some(max) = max {
        items.truncate(max);
    }
    items
}

fn model_size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

fn train_tagger(args: &TrainArgs) -> Result<serde_json::Value> {
    let train = truncate(read_conllu(&args.train)?, args.max_sentences);
    let dev = read_conllu(&args.dev)?;
    let mut opts = tagger::TrainOptions {
        seed: args.seed,
        verbose: !args.quiet,
        // The shipped tagger's setting: most of the accuracy at twice the speed.
        prune: args.prune.unwrap_or(2.0),
        ..Default::default()
    };
    if let Some(epochs) = args.epochs {
        opts.epochs = epochs;
    }
    let (model, report) = Tagger::train(&train, &dev, &opts)?;
    model.save(&args.out)?;
    Ok(json!({
        "model": "tagger", "out": args.out.display().to_string(), "bytes": model_size(&args.out),
        "train_sentences": train.len(), "best_epoch": report.best_epoch,
        "dev_upos": round4(report.dev_upos), "dev_xpos": round4(report.dev_xpos),
        "dev_lemma": round4(report.dev_lemma), "features": report.features,
        "seconds": round4(report.seconds), "seed": args.seed,
    }))
}

fn train_parser(
    args: &TrainArgs,
    tagger: Option<&Path>,
    jackknife: usize,
) -> Result<serde_json::Value> {
    let train = truncate(read_conllu(&args.train)?, args.max_sentences);
    let dev = read_conllu(&args.dev)?;
    let tagger = match tagger {
        Some(path) => Tagger::load(path)?,
        None => {
            storyline_extract::models::shipped_tagger().context("loading the shipped tagger")?
        }
    };
    let mut opts = parser::TrainOptions {
        seed: args.seed,
        verbose: !args.quiet,
        prune: args.prune.unwrap_or(parser::TrainOptions::default().prune),
        tagger: Some(&tagger),
        jackknife_folds: jackknife,
        ..Default::default()
    };
    if let Some(epochs) = args.epochs {
        opts.epochs = epochs;
    }
    let (model, report) = Parser::train(&train, &dev, &opts)?;
    model.save(&args.out)?;
    Ok(json!({
        "model": "parser", "out": args.out.display().to_string(), "bytes": model_size(&args.out),
        "train_sentences": report.train_sentences, "best_epoch": report.best_epoch,
        "dev_uas": round4(report.dev_uas), "dev_las": round4(report.dev_las),
        "predicted_tags": report.predicted_tags, "features": report.features,
        "seconds": round4(report.seconds), "seed": args.seed,
    }))
}

/// Reads and parses a CoNLL-2003 file, naming it in every error.
pub fn read_conll(path: &Path) -> Result<Vec<ner::NerSentence>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    conll2003::read_conll(&text)
        .with_context(|| format!("{}: malformed CoNLL file", path.display()))
}

fn train_ner(args: &TrainArgs) -> Result<serde_json::Value> {
    let train = truncate(read_conll(&args.train)?, args.max_sentences);
    let dev = read_conll(&args.dev)?;
    let mut opts = ner::TrainOptions {
        seed: args.seed,
        verbose: !args.quiet,
        ..Default::default()
    };
    if let Some(epochs) = args.epochs {
        opts.max_epochs = epochs;
    }
    let (model, report) = Ner::train(&train, &dev, &opts)?;
    model.save(&args.out)?;
    Ok(json!({
        "model": "ner", "out": args.out.display().to_string(), "bytes": model_size(&args.out),
        "train_sentences": train.len(), "epochs": [report.pass1_epochs, report.pass2_epochs],
        "dev_f1": round4(report.dev.f1), "dev_precision": round4(report.dev.precision),
        "dev_recall": round4(report.dev.recall), "features": report.features,
        "seconds": round4(report.seconds), "seed": args.seed,
    }))
}

/// What a PolNeAR training folder must hold, for error messages.
const POLNEAR_LAYOUT: &str = "expected a PolNeAR train folder with text/ and attributions/";

fn train_attribution(args: &TrainAttributionArgs) -> Result<serde_json::Value> {
    let started = Instant::now();
    let dir = &args.train;
    if !dir.is_dir() {
        bail!("{}: no such folder ({POLNEAR_LAYOUT})", dir.display());
    }
    // Reading the gold first (well under a second) turns a wrong folder into
    // a clear error before the pipeline spends ~20 s analysing it.
    let texts = polnear::read_dir(dir)
        .with_context(|| format!("{}: not a PolNeAR folder", dir.display()))?;
    if texts.is_empty() {
        bail!(
            "{}: no .txt files ({POLNEAR_LAYOUT})",
            dir.join("text").display()
        );
    }
    // An unwritable output is found now rather than after training.
    let created = check_writable(&args.out)?;
    let trained = Pipeline::shipped()
        .context("loading the shipped models")
        .map(|pipeline| learn::train_cue_model(&texts, |text| pipeline.analyse(text), args.seed));
    let model = match trained {
        Ok(model) => model,
        Err(error) => {
            // Leave no empty file behind that was not there before.
            if created {
                let _ = std::fs::remove_file(&args.out);
            }
            return Err(error);
        }
    };
    std::fs::write(&args.out, model.to_bytes())
        .with_context(|| format!("{}: cannot write", args.out.display()))?;
    Ok(json!({
        "model": "attribution", "out": args.out.display().to_string(), "bytes": model_size(&args.out),
        "train_texts": texts.len(),
        "train_relations": texts.iter().map(|t| t.relations.len()).sum::<usize>(),
        "seconds": round4(started.elapsed().as_secs_f64()), "seed": args.seed,
    }))
}

/// Fails with a one-line error unless `path` can be written; opens it
/// without truncating, so an existing model survives a failed run. Returns
/// whether the file was created by this check.
fn check_writable(path: &Path) -> Result<bool> {
    if path.is_dir() {
        bail!("{}: is a folder, not a file", path.display());
    }
    let existed = path.exists();
    std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(!existed)
}
