//! Reading the inputs of `extract` and `ingest`: which inputs, how they are
//! checked, and the per-document overrides.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Result, bail};
use storyline_extract::Budget;
use storyline_ingest::{Document, IngestError, IngestOptions, STDIN};

use crate::cli::ReadArgs;

/// The inputs to read: the arguments, or standard input when it is piped.
pub fn inputs(args: &ReadArgs, command: &str) -> Result<Vec<PathBuf>> {
    if !args.inputs.is_empty() {
        return Ok(args.inputs.clone());
    }
    if std::io::stdin().is_terminal() {
        bail!(
            "no input given: name files or folders, or '-' to read standard input (see 'storyline {command} --help')"
        );
    }
    Ok(vec![PathBuf::from(STDIN)])
}

/// Checks the options that do not depend on the inputs' content;
/// `--published` and `--url` describe one document, so they need one input.
pub fn check(args: &ReadArgs, inputs: &[PathBuf]) -> Result<()> {
    if args.max_seconds_per_doc.is_nan() || args.max_seconds_per_doc < 0.0 {
        bail!(
            "--max-seconds-per-doc {}: expected a number of seconds, 0 or more",
            args.max_seconds_per_doc
        );
    }
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

/// The reader's options.
pub fn options(args: &ReadArgs) -> IngestOptions {
    IngestOptions {
        max_bytes: args.max_size.saturating_mul(1024 * 1024),
    }
}

/// A fresh time budget for one document.
pub fn budget(args: &ReadArgs) -> Budget {
    Budget::seconds(args.max_seconds_per_doc)
}

/// The document with the command line's `--published` and `--url` applied.
pub fn apply_overrides(mut doc: Document, args: &ReadArgs) -> Document {
    if let Some(date) = &args.published {
        doc.published = Some(date.clone());
    }
    if let Some(url) = &args.url {
        doc.url = Some(url.clone());
    }
    doc
}

/// Reports an input that could not be read, as one line.
pub fn report(error: &IngestError) {
    eprintln!("storyline: error: {error}");
}
