//! `storyline extract`: documents in, records out.

use std::io::Write;

use anyhow::{Context, Result};
use rayon::prelude::*;
use storyline_extract::{OverBudget, Pipeline, PipelineOptions, Record};
use storyline_ingest::Document;

use crate::cli::{ExtractArgs, Format};
use crate::commands::reading;
use crate::render;

/// Documents analysed in parallel before their records are printed in order:
/// large enough to keep every core busy, small enough to stream.
pub const BATCH: usize = 32;

/// Runs the command; returns whether every input was read.
pub fn run(args: &ExtractArgs) -> Result<bool> {
    let read = &args.read;
    let inputs = reading::inputs(read, "extract")?;
    reading::check(read, &inputs)?;
    let opts = reading::options(read);
    let pipeline = Pipeline::shipped()?;
    let options = PipelineOptions {
        tokens: args.tokens,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut all_ok = true;
    let mut failed_inputs = false;
    let mut batch: Vec<Document> = Vec::with_capacity(BATCH);
    let mut flush = |batch: &mut Vec<Document>, out: &mut dyn Write| -> Result<()> {
        let records: Vec<Result<Record, OverBudget>> = batch
            .par_iter()
            .map(|doc| pipeline.run_within(doc, options, &mut reading::budget(read)))
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
                batch.push(reading::apply_overrides(doc, read));
                if batch.len() == BATCH {
                    flush(&mut batch, &mut out)?;
                }
            }
            Err(error) => {
                failed_inputs = true;
                reading::report(&error);
            }
        }
    }
    flush(&mut batch, &mut out)?;
    Ok(all_ok && !failed_inputs)
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
