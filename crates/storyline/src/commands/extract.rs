//! `storyline extract`: documents in, records out.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use storyline_extract::{Budget, OverBudget, Pipeline, PipelineOptions, Record};
use storyline_ingest::{Document, IngestError, IngestOptions, STDIN};

use crate::cli::{ExtractArgs, Format};
use crate::render;

/// Documents analysed in parallel before their records are printed in order:
/// large enough to keep every core busy, small enough to stream.
const BATCH: usize = 32;

/// Runs the command; returns whether every input was read.
pub fn run(args: &ExtractArgs) -> Result<bool> {
    let inputs = inputs(args)?;
    check_overrides(args, &inputs)?;
    if args.max_seconds_per_doc.is_nan() || args.max_seconds_per_doc < 0.0 {
        bail!(
            "--max-seconds-per-doc {}: expected a number of seconds, 0 or more",
            args.max_seconds_per_doc
        );
    }
    let opts = IngestOptions {
        max_bytes: args.max_size.saturating_mul(1024 * 1024),
    };
    let pipeline = Pipeline::shipped()?;
    let options = PipelineOptions {
        tokens: args.tokens,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut all_ok = true;
    let mut failed_inputs = false;
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    let seconds = args.max_seconds_per_doc;
    let mut flush = |batch: &mut Vec<Document>, out: &mut dyn Write| -> Result<()> {
        let records: Vec<Result<Record, OverBudget>> = batch
            .par_iter()
            .map(|doc| pipeline.run_within(doc, options, &mut Budget::seconds(seconds)))
            .collect();
        for (doc, record) in batch.iter().zip(&records) {
            match record {
                Ok(record) => write_record(out, record, args.format)?,
                Err(over) => {
                    all_ok = false;
                    eprintln!("storyline: error: {}: {over}", doc.id);
                }
            }
        }
        batch.clear();
        out.flush().context("writing to standard output")
    };
    for result in storyline_ingest::read_inputs(&inputs, &opts) {
        match result {
            Ok(doc) => {
                batch.push(apply_overrides(doc, args));
                if batch.len() == BATCH {
                    flush(&mut batch, &mut out)?;
                }
            }
            Err(error) => {
                failed_inputs = true;
                report(&error);
            }
        }
    }
    flush(&mut batch, &mut out)?;
    Ok(all_ok && !failed_inputs)
}

/// The inputs to read: the arguments, or standard input when it is piped.
fn inputs(args: &ExtractArgs) -> Result<Vec<PathBuf>> {
    if !args.inputs.is_empty() {
        return Ok(args.inputs.clone());
    }
    if std::io::stdin().is_terminal() {
        bail!(
            "no input given: name files or folders, or '-' to read standard input (see 'storyline extract --help')"
        );
    }
    Ok(vec![PathBuf::from(STDIN)])
}

/// `--published` and `--url` describe one document, so they need one input.
fn check_overrides(args: &ExtractArgs, inputs: &[PathBuf]) -> Result<()> {
    if let Some(date) = &args.published
        && storyline_ingest::normalise_date(date).as_deref() != Some(date.as_str())
    {
        bail!("--published {date:?}: expected a calendar date as YYYY-MM-DD");
    }
    let single = inputs.len() == 1 && (inputs[0].as_os_str() == STDIN || !inputs[0].is_dir());
    if (args.published.is_some() || args.url.is_some()) && !single {
        bail!("--published and --url describe a single input, but several inputs were given");
    }
    Ok(())
}

fn apply_overrides(mut doc: Document, args: &ExtractArgs) -> Document {
    if let Some(date) = &args.published {
        doc.published = Some(date.clone());
    }
    if let Some(url) = &args.url {
        doc.url = Some(url.clone());
    }
    doc
}

fn write_record(out: &mut dyn Write, record: &Record, format: Format) -> Result<()> {
    let result = match format {
        Format::Json => serde_json::to_writer_pretty(&mut *out, record)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out)),
        Format::Jsonl => serde_json::to_writer(&mut *out, record)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out)),
        Format::Pretty => write!(out, "{}", render::pretty(record)),
    };
    result.context("writing to standard output")
}

fn report(error: &IngestError) {
    eprintln!("storyline: error: {error}");
}
