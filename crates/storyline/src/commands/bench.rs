//! `storyline bench`: throughput on one core and on all cores, and peak memory.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use serde_json::json;
use storyline_ingest::IngestOptions;

use crate::cli::{BenchArgs, BenchCommand};
use crate::commands::eval::round4;
use crate::memory::peak_rss_mb;

/// Runs a benchmark and prints its JSON line.
pub fn run(command: &BenchCommand) -> Result<()> {
    let line = match command {
        BenchCommand::Text(args) => text(args)?,
    };
    println!("{line}");
    Ok(())
}

/// The raw inputs, read into memory first so the disk is not measured.
struct Corpus {
    files: Vec<(String, Vec<u8>)>,
    bytes: usize,
}

fn load_corpus(dir: &Path) -> Result<Corpus> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot list folder", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        bail!("{}: no .txt files to measure", dir.display());
    }
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let bytes =
            std::fs::read(&path).with_context(|| format!("{}: cannot read", path.display()))?;
        files.push((path.display().to_string(), bytes));
    }
    let bytes = files.iter().map(|(_, b)| b.len()).sum();
    Ok(Corpus { files, bytes })
}

/// Ingest and text layer of one file; returns its token count.
fn text_layer(name: &str, bytes: &[u8], opts: &IngestOptions) -> usize {
    storyline_ingest::read_bytes(name, bytes, opts)
        .into_iter()
        .flatten()
        .map(|doc| storyline_text::analyse(&doc.text).0.len())
        .sum()
}

/// Seconds per pass of `work` over the corpus (averaged over `repeat`
/// passes), and words per pass. In parallel, all passes form one pool of
/// work so that short corpora still keep every core busy.
fn measure(
    corpus: &Corpus,
    repeat: usize,
    parallel: bool,
    work: &(dyn Fn(&str, &[u8]) -> usize + Sync),
) -> (f64, usize) {
    let repeat = repeat.max(1);
    let jobs: Vec<&(String, Vec<u8>)> = (0..repeat).flat_map(|_| corpus.files.iter()).collect();
    let start = Instant::now();
    let words: usize = if parallel {
        jobs.par_iter().map(|(n, b)| work(n, b)).sum()
    } else {
        jobs.iter().map(|(n, b)| work(n, b)).sum()
    };
    (
        start.elapsed().as_secs_f64() / repeat as f64,
        words / repeat,
    )
}

fn throughput(corpus: &Corpus, seconds: f64, words: usize) -> serde_json::Value {
    json!({
        "seconds": round4(seconds),
        "mb_per_sec": round4(corpus.bytes as f64 / 1e6 / seconds),
        "words_per_sec": (words as f64 / seconds).round(),
    })
}

fn text(args: &BenchArgs) -> Result<serde_json::Value> {
    let corpus = load_corpus(&args.input)?;
    let opts = IngestOptions::default();
    let work = |name: &str, bytes: &[u8]| text_layer(name, bytes, &opts);
    // One untimed pass warms caches and lazily built tables.
    measure(&corpus, 1, false, &work);
    let (single, words) = measure(&corpus, args.repeat, false, &work);
    let (all, _) = measure(&corpus, args.repeat, true, &work);
    Ok(json!({
        "bench": "text",
        "files": corpus.files.len(),
        "bytes": corpus.bytes,
        "words": words,
        "single_thread": throughput(&corpus, single, words),
        "all_cores": { "threads": rayon::current_num_threads(), "result": throughput(&corpus, all, words) },
        "peak_rss_mb": peak_rss_mb(),
    }))
}
