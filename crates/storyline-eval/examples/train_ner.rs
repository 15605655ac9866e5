//! Trains the entity recogniser on CoNLL-2003 and writes `models/ner.bin`.
//!
//! ```text
//! cargo run --release -p storyline-eval --example train_ner -- \
//!     --train ../shared/data/conll2003/train.txt --dev ../shared/data/conll2003/dev.txt \
//!     --out models/ner.bin [--epochs 12] [--seed 1] [--max-features 120000]
//! ```

use std::path::PathBuf;

use storyline_eval::conll2003::read_conll;
use storyline_nlp::ner::{Ner, TrainOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut train = PathBuf::from("../shared/data/conll2003/train.txt");
    let mut dev = PathBuf::from("../shared/data/conll2003/dev.txt");
    let mut out = PathBuf::from("models/ner.bin");
    let mut opts = TrainOptions {
        verbose: true,
        ..TrainOptions::default()
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--train" => train = value()?.into(),
            "--dev" => dev = value()?.into(),
            "--out" => out = value()?.into(),
            "--epochs" => opts.max_epochs = value()?.parse()?,
            "--seed" => opts.seed = value()?.parse()?,
            "--max-features" => opts.max_features = value()?.parse()?,
            "--patience" => opts.patience = value()?.parse()?,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let train = read_conll(&std::fs::read_to_string(&train)?)?;
    let dev = read_conll(&std::fs::read_to_string(&dev)?)?;
    eprintln!("{} train, {} dev sentences", train.len(), dev.len());
    let (ner, report) = Ner::train(&train, &dev, &opts)?;
    ner.save(&out)?;
    let size = std::fs::metadata(&out)?.len();
    eprintln!("wrote {} ({size} bytes)", out.display());
    println!(
        "pass1 epochs {} (dev F1 {:?})\npass2 epochs {} (dev F1 {:?})\nfeatures {:?}\ntraining {:.0}s",
        report.pass1_epochs,
        report.pass1_dev_f1,
        report.pass2_epochs,
        report.pass2_dev_f1,
        report.features,
        report.seconds
    );
    let d = &report.dev;
    println!(
        "dev P {:.4} R {:.4} F1 {:.4}, {:.0} tokens/s",
        d.precision, d.recall, d.f1, d.tokens_per_sec
    );
    for (ty, s) in &d.per_type {
        println!(
            "  {ty:5} P {:.4} R {:.4} F1 {:.4}",
            s.precision, s.recall, s.f1
        );
    }
    Ok(())
}
