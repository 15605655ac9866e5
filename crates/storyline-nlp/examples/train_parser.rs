//! Trains the dependency parser on a CoNLL-U treebank.
//!
//! ```text
//! cargo run --release -p storyline-nlp --example train_parser -- \
//!     TRAIN.conllu DEV.conllu OUT.bin EPOCHS SEED [TAGGER.bin]
//! ```
//!
//! With a tagger, training tags are jackknifed (taggers trained on the
//! other folds) and dev is parsed on the shipped tagger's predicted tags.
//! `PARSER_JACKKNIFE=0` trains on the given tagger's own tags instead,
//! `PARSER_JACKKNIFE=k` uses k folds (default 5).

use std::path::Path;
use std::process::ExitCode;

use storyline_nlp::parser::{Parser, TrainOptions};
use storyline_nlp::tagger::Tagger;
use storyline_text::conllu;

fn read(path: &str) -> Result<Vec<conllu::TreebankSentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    conllu::parse(&text).map_err(|e| format!("{path}: {e}"))
}

fn env<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn run(args: &[String]) -> Result<(), String> {
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
    let opts = TrainOptions {
        epochs,
        seed,
        tagger: tagger.as_ref(),
        jackknife_folds: if tagger.is_some() {
            env("PARSER_JACKKNIFE", 5)
        } else {
            0
        },
        jackknife_epochs: env("PARSER_JACKKNIFE_EPOCHS", 5),
        explore_from: env("PARSER_EXPLORE_FROM", 2),
        explore_prob: env("PARSER_EXPLORE_PROB", 0.9),
        prune: env("PARSER_PRUNE", 0.0),
        patience: env("PARSER_PATIENCE", 3),
        skip_non_projective: env("PARSER_SKIP_NONPROJ", false),
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
