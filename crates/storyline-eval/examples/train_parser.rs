//! Trains the dependency parser on a CoNLL-U treebank.
//!
//! ```text
//! cargo run --release -p storyline-eval --example train_parser -- \
//!     TRAIN.conllu DEV.conllu OUT.bin EPOCHS SEED [TAGGER.bin]
//! ```
//!
//! With a tagger, training tags are jackknifed (taggers trained on the
//! other folds) and dev is parsed on the shipped tagger's predicted tags.
//! `PARSER_JACKKNIFE=0` trains on the given tagger's own tags instead,
//! `PARSER_JACKKNIFE=k` uses k folds (default 10). Other knobs (defaults are
//! the shipped model's): `PARSER_PRUNE` (1.2), `PARSER_PATIENCE` (4),
//! `PARSER_GOLD_COPY` (true), `PARSER_EXPLORE_FROM` (2), `PARSER_EXPLORE_PROB`
//! (1.0), `PARSER_SKIP_NONPROJ` (false).
//!
//! `train_parser --eval PARSER.bin TAGGER.bin FILE.conllu` prints the UD
//! scores of a trained parser on predicted tags (one JSON-like line).

use std::path::Path;
use std::process::ExitCode;

use storyline_eval::conllu;
use storyline_eval::ud::evaluate_ud;
use storyline_nlp::clusters::Clusters;
use storyline_nlp::parser::{Parser, TrainOptions};
use storyline_nlp::tagger::Tagger;
use storyline_nlp::treebank::TreebankSentence;

fn read(path: &str) -> Result<Vec<TreebankSentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    conllu::parse(&text).map_err(|e| format!("{path}: {e}"))
}

fn env<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// CPU time of the current thread, from `/proc/thread-self/schedstat`.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Separate CPU times of tagging and parsing, for tuning.
fn profile(tagger: &Tagger, parser: &Parser, sentences: &[TreebankSentence]) {
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let n: usize = words.iter().map(Vec::len).sum();
    let t0 = thread_cpu_seconds();
    let tags: Vec<_> = words.iter().map(|w| tagger.tag(w)).collect();
    let t1 = thread_cpu_seconds();
    for (w, t) in words.iter().zip(&tags) {
        let upos: Vec<&str> = t.iter().map(|t| t.upos).collect();
        let xpos: Vec<&str> = t.iter().map(|t| t.xpos).collect();
        std::hint::black_box(parser.parse(w, &upos, &xpos));
    }
    let t2 = thread_cpu_seconds();
    let (mut uas, mut las) = (0usize, 0usize);
    for (s, w) in sentences.iter().zip(&words) {
        let upos: Vec<&str> = s.words.iter().map(|w| w.upos.as_str()).collect();
        let xpos: Vec<&str> = s.words.iter().map(|w| w.xpos.as_str()).collect();
        for (g, (h, l)) in s.words.iter().zip(parser.parse(w, &upos, &xpos)) {
            uas += usize::from(g.head == h);
            las += usize::from(g.head == h && g.deprel == l);
        }
    }
    eprintln!(
        "gold tags: UAS {:.4} LAS {:.4}",
        uas as f64 / n as f64,
        las as f64 / n as f64
    );
    if let (Some(t0), Some(t1), Some(t2)) = (t0, t1, t2) {
        eprintln!(
            "CPU: tagging {:.0} words/s, parsing {:.0} words/s",
            n as f64 / (t1 - t0),
            n as f64 / (t2 - t1)
        );
    }
}

fn eval(args: &[String]) -> Result<(), String> {
    let [parser, tagger, file] = args else {
        return Err("usage: train_parser --eval PARSER TAGGER FILE".into());
    };
    let start = std::time::Instant::now();
    let mut parser = Parser::load(Path::new(parser)).map_err(|e| e.to_string())?;
    if let Ok(p) = std::env::var("EVAL_PRUNE") {
        let mut it = p.split(',').map(|x| x.parse::<f32>().unwrap_or(0.0));
        let (m, l) = (it.next().unwrap_or(0.0), it.next().unwrap_or(0.0));
        let kept = parser.prune(m, l);
        eprintln!("pruned to {kept:?} features");
        if let Ok(out) = std::env::var("EVAL_PRUNE_OUT") {
            parser.save(Path::new(&out)).map_err(|e| e.to_string())?;
        }
    }
    eprintln!(
        "parser loaded in {:.0} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    let tagger = Tagger::load(Path::new(tagger)).map_err(|e| e.to_string())?;
    let sentences = read(file)?;
    profile(&tagger, &parser, &sentences);
    let cpu = thread_cpu_seconds();
    let scores = evaluate_ud(&tagger, &parser, &sentences);
    // On a shared machine wall time undercounts speed; the thread's CPU time
    // (Linux only) shows what one free core would do.
    if let (Some(a), Some(b)) = (cpu, thread_cpu_seconds()) {
        eprintln!(
            "tag+parse CPU time {:.3}s: {:.0} words per CPU second",
            b - a,
            scores.words as f64 / (b - a)
        );
    }
    println!(
        "{{\"words\":{},\"upos\":{:.4},\"xpos\":{:.4},\"lemma\":{:.4},\"uas\":{:.4},\"las\":{:.4},\"words_per_sec\":{:.0}}}",
        scores.words,
        scores.upos,
        scores.xpos,
        scores.lemma,
        scores.uas,
        scores.las,
        scores.words_per_sec
    );
    Ok(())
}

fn run(args: &[String]) -> Result<(), String> {
    if args.first().map(String::as_str) == Some("--eval") {
        return eval(&args[1..]);
    }
    if args.len() < 5 {
        return Err("usage: train_parser TRAIN DEV OUT EPOCHS SEED [TAGGER]".into());
    }
    let train = read(&args[0])?;
    let dev = read(&args[1])?;
    let epochs: usize = args[3].parse().map_err(|_| "EPOCHS must be a number")?;
    let seed: u64 = args[4].parse().map_err(|_| "SEED must be a number")?;
    let tagger = match args.get(5) {
        Some(path) => Some(Tagger::load(Path::new(path)).map_err(|e| e.to_string())?),
        None => None,
    };
    // `PARSER_CLUSTERS=FILE` adds word-cluster features (clusters stored in
    // the model); `PARSER_TAGS_CACHE=FILE` keeps the jackknifed tags.
    let clusters = match std::env::var("PARSER_CLUSTERS") {
        Ok(path) => Some(Clusters::load(Path::new(&path)).map_err(|e| e.to_string())?),
        Err(_) => None,
    };
    let tags_cache = std::env::var("PARSER_TAGS_CACHE").ok();
    let opts = TrainOptions {
        epochs,
        seed,
        tagger: tagger.as_ref(),
        jackknife_folds: if tagger.is_some() {
            env("PARSER_JACKKNIFE", 10)
        } else {
            0
        },
        jackknife_epochs: env("PARSER_JACKKNIFE_EPOCHS", 5),
        explore_from: env("PARSER_EXPLORE_FROM", 2),
        explore_prob: env("PARSER_EXPLORE_PROB", 1.0),
        prune: env("PARSER_PRUNE", 1.2),
        patience: env("PARSER_PATIENCE", 4),
        skip_non_projective: env("PARSER_SKIP_NONPROJ", false),
        gold_copy: env("PARSER_GOLD_COPY", true),
        clusters: clusters.as_ref(),
        tags_cache: tags_cache.as_deref().map(Path::new),
        verbose: true,
        ..Default::default()
    };
    let (parser, report) = Parser::train(&train, &dev, &opts).map_err(|e| e.to_string())?;
    let out = Path::new(&args[2]);
    parser.save(out).map_err(|e| e.to_string())?;
    let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    println!(
        "best epoch {} dev UAS {:.4} LAS {:.4} (predicted tags: {}), features {:?}, {:.0}s, {} bytes",
        report.best_epoch,
        report.dev_uas,
        report.dev_las,
        report.predicted_tags,
        report.features,
        report.seconds,
        size
    );
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train_parser: {e}");
            ExitCode::FAILURE
        }
    }
}
