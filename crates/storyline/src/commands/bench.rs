//! `storyline bench`: throughput on one core and on all cores, and peak memory.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use serde_json::json;
use storyline_extract::{Pipeline, PipelineOptions};
use storyline_ingest::{Document, IngestOptions};

use crate::cli::{BenchArgs, BenchCommand};
use crate::commands::eval::round4;
use crate::memory::peak_rss_mb;

/// Runs a benchmark and prints its JSON line.
pub fn run(command: &BenchCommand) -> Result<()> {
    let line = match command {
        BenchCommand::Text(args) => text(args)?,
        BenchCommand::Nlp(args) => nlp(args)?,
        BenchCommand::Scale(args) => crate::commands::scale::scale(args)?,
        BenchCommand::Ingest(args) => crate::commands::bench_ingest::bench(args)?,
        BenchCommand::Stories { db, docs } => crate::commands::bench_stories::bench(db, *docs)?,
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

/// Seconds per pass of `work` over `items` (averaged over `repeat` passes)
/// and the words `work` reports per pass. In parallel, all passes form one
/// pool of work so that short corpora still keep every core busy.
fn measure<T: Sync>(
    items: &[T],
    repeat: usize,
    parallel: bool,
    work: &(dyn Fn(&T) -> usize + Sync),
) -> (f64, usize) {
    let repeat = repeat.max(1);
    let jobs: Vec<&T> = (0..repeat).flat_map(|_| items.iter()).collect();
    let start = Instant::now();
    let words: usize = if parallel {
        jobs.par_iter().map(|item| work(item)).sum()
    } else {
        jobs.iter().map(|item| work(item)).sum()
    };
    (
        start.elapsed().as_secs_f64() / repeat as f64,
        words / repeat,
    )
}

/// Single-thread and all-core throughput of `work`, after one warm-up pass.
fn throughput<T: Sync>(
    items: &[T],
    bytes: usize,
    repeat: usize,
    work: &(dyn Fn(&T) -> usize + Sync),
) -> serde_json::Value {
    measure(items, 1, false, work);
    let rate = |(seconds, words): (f64, usize)| {
        json!({
            "seconds": round4(seconds),
            "mb_per_sec": round4(bytes as f64 / 1e6 / seconds),
            "words_per_sec": (words as f64 / seconds).round(),
        })
    };
    json!({
        "single_thread": rate(measure(items, repeat, false, work)),
        "all_cores": rate(measure(items, repeat, true, work)),
    })
}

fn text(args: &BenchArgs) -> Result<serde_json::Value> {
    let corpus = load_corpus(&args.input)?;
    let opts = IngestOptions::default();
    let work = |(name, bytes): &(String, Vec<u8>)| -> usize {
        storyline_ingest::read_bytes(name, bytes, &opts)
            .into_iter()
            .flatten()
            .map(|doc| storyline_text::analyse(&doc.text).0.len())
            .sum()
    };
    let words = measure(&corpus.files, 1, false, &work).1;
    Ok(json!({
        "bench": "text",
        "files": corpus.files.len(),
        "bytes": corpus.bytes,
        "words": words,
        "threads": rayon::current_num_threads(),
        "ingest_and_text_layer": throughput(&corpus.files, corpus.bytes, args.repeat, &work),
        "peak_rss_mb": peak_rss_mb(),
    }))
}

fn nlp(args: &BenchArgs) -> Result<serde_json::Value> {
    let corpus = load_corpus(&args.input)?;
    let opts = IngestOptions::default();
    let docs: Vec<Document> = corpus
        .files
        .iter()
        .flat_map(|(name, bytes)| storyline_ingest::read_bytes(name, bytes, &opts))
        .filter_map(Result::ok)
        .collect();
    let start = Instant::now();
    let pipeline = Pipeline::shipped()?;
    let load_ms = start.elapsed().as_secs_f64() * 1000.0;
    let models = storyline_extract::models::shipped()?;
    // Sentences as word lists, so the model stages are measured alone.
    let sentences: Vec<Vec<Vec<&str>>> = docs
        .iter()
        .map(|doc| {
            let (tokens, sentences) = storyline_text::analyse(&doc.text);
            sentences
                .iter()
                .map(|s| {
                    tokens[s.tokens.clone()]
                        .iter()
                        .map(|t| t.text(&doc.text))
                        .collect()
                })
                .collect()
        })
        .collect();
    let words: usize = sentences.iter().flatten().map(Vec::len).sum();
    let tag_parse = |doc: &Vec<Vec<&str>>| -> usize {
        doc.iter()
            .map(|words| {
                let tagged = models.tagger.tag(words);
                let upos: Vec<&str> = tagged.iter().map(|t| t.upos).collect();
                let xpos: Vec<&str> = tagged.iter().map(|t| t.xpos).collect();
                models.parser.parse(words, &upos, &xpos).len()
            })
            .sum()
    };
    let ner = |doc: &Vec<Vec<&str>>| -> usize {
        models.ner.recognize(doc);
        doc.iter().map(Vec::len).sum()
    };
    let analysed: Vec<(&Document, storyline_extract::Analysis)> = docs
        .iter()
        .map(|doc| (doc, pipeline.analyse(&doc.text)))
        .collect();
    let times = |(doc, analysis): &(&Document, storyline_extract::Analysis)| -> usize {
        storyline_extract::time::find_times(
            &analysis.text,
            &analysis.tokens,
            doc.published.as_deref(),
        );
        analysis.tokens.len()
    };
    // Actors are part of the cost: quotes resolve their speakers through them.
    let attribution = |(_, analysis): &(&Document, storyline_extract::Analysis)| -> usize {
        let actors = storyline_extract::actors::build(analysis);
        storyline_extract::quotes::find_quotes(analysis, &actors);
        analysis.tokens.len()
    };
    let extract = |(doc, analysis): &(&Document, storyline_extract::Analysis)| -> usize {
        pipeline.extract(doc, analysis.clone(), PipelineOptions::default());
        analysis.tokens.len()
    };
    let whole = |doc: &Document| -> usize {
        let record = pipeline.run(doc, PipelineOptions { tokens: true });
        record.tokens.map_or(0, |t| t.len())
    };
    Ok(json!({
        "bench": "nlp",
        "files": corpus.files.len(),
        "bytes": corpus.bytes,
        "words": words,
        "threads": rayon::current_num_threads(),
        "model_load_ms": round4(load_ms),
        "tag_parse": throughput(&sentences, corpus.bytes, args.repeat, &tag_parse),
        "ner": throughput(&sentences, corpus.bytes, args.repeat, &ner),
        "times": throughput(&analysed, corpus.bytes, args.repeat, &times),
        "attribution": throughput(&analysed, corpus.bytes, args.repeat, &attribution),
        "extraction": throughput(&analysed, corpus.bytes, args.repeat, &extract),
        "pipeline": throughput(&docs, corpus.bytes, args.repeat, &whole),
        "peak_rss_mb": peak_rss_mb(),
    }))
}
