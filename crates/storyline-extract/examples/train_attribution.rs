//! Trains the attribution cue classifier on PolNeAR train and writes
//! `models/cues.bin`:
//! `cargo run --release -p storyline-extract --example train_attribution -- ../shared/data/polnear/train models/cues.bin`
//!
//! With `--folds K` instead of an output path, it cross-validates on the
//! given folder alone (trains on K−1 parts, scores the held-out part, sums
//! over parts), for choosing features without touching dev.

use std::path::PathBuf;

use rayon::prelude::*;
use storyline_extract::Pipeline;
use storyline_extract::actors;
use storyline_extract::quotes::eval::{Counts, score_text, scores};
use storyline_extract::quotes::learn::{self, EPOCHS, Instance};
use storyline_extract::quotes::{find_quotes_with, polnear};

const USAGE: &str = "usage: train_attribution POLNEAR_TRAIN_DIR (OUT.bin | --folds K)";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or(USAGE)?);
    let target = args.next().ok_or(USAGE)?;
    let pipeline = Pipeline::shipped()?;
    if target != "--folds" {
        let model = learn::train_cue_model(&dir, &pipeline, 1)?;
        std::fs::write(&target, model.to_bytes())?;
        eprintln!("wrote {target}");
        return Ok(());
    }
    let folds: usize = args.next().ok_or(USAGE)?.parse()?;
    let texts = polnear::read_dir(&dir)?;
    let analysed: Vec<_> = texts
        .par_iter()
        .map(|t| {
            let analysis = pipeline.analyse(&t.text);
            let mut instances = learn::instances(&analysis, t);
            if std::env::var("XLABEL").is_ok_and(|v| v == "cue") {
                for i in &mut instances {
                    i.matched = i.cue;
                }
            }
            if std::env::var("XLABEL").is_ok_and(|v| v == "quote") {
                for i in &mut instances {
                    if i.frame == storyline_extract::quotes::cues::Frame::Quote {
                        i.matched = i.cue;
                    }
                }
            }
            (analysis, instances)
        })
        .collect();
    let all: Vec<&Instance> = analysed.iter().flat_map(|a| &a.1).collect();
    eprintln!(
        "instances {} cue {} matched {}",
        all.len(),
        all.iter().filter(|i| i.cue).count(),
        all.iter().filter(|i| i.matched).count()
    );
    for frame in storyline_extract::quotes::cues::FRAMES {
        let of: Vec<_> = all.iter().filter(|i| i.frame == frame).collect();
        eprintln!(
            "{:14} n {:6} cue {:5} matched {:5}",
            frame.name(),
            of.len(),
            of.iter().filter(|i| i.cue).count(),
            of.iter().filter(|i| i.matched).count()
        );
    }
    let mut total = Counts::default();
    for fold in 0..folds {
        let train: Vec<&Instance> = analysed
            .iter()
            .enumerate()
            .filter(|(k, _)| k % folds != fold)
            .flat_map(|(_, a)| &a.1)
            .collect();
        let epochs = std::env::var("XEPOCHS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(EPOCHS);
        let model = learn::train(&train, epochs, 1);
        let (mut right, mut all_matched, mut rule_right) = (0, 0, 0);
        for (k, (_, inst)) in analysed.iter().enumerate() {
            if k % folds != fold {
                continue;
            }
            for i in inst.iter().filter(|i| i.matched) {
                all_matched += 1;
                let r = model.rank(&i.candidates);
                right += usize::from(r.is_some_and(|r| i.right[r]));
                if std::env::var("XRANK").is_ok() && r.is_some_and(|r| !i.right[r]) {
                    println!(
                        "RANK\t{}\t{}\t{:?}\t{:?}",
                        i.frame.name(),
                        r.unwrap_or(0),
                        i.right,
                        i.contents
                            .iter()
                            .map(|c| c
                                .kinds
                                .iter()
                                .map(|k| k.0.name())
                                .collect::<Vec<_>>()
                                .join("+"))
                            .collect::<Vec<_>>()
                    );
                }
                rule_right += usize::from(i.right[0]);
            }
        }
        eprintln!("ranker: {right} of {all_matched} right (first candidate: {rule_right})");
        let mut confusion = [0usize; 4];
        for (k, (_, inst)) in analysed.iter().enumerate() {
            if k % folds != fold {
                continue;
            }
            for i in inst {
                let yes = model.margin(&i.features) > storyline_extract::quotes::MIN_MARGIN;
                confusion[usize::from(yes) * 2 + usize::from(i.matched)] += 1;
            }
        }
        eprintln!(
            "classifier: tp {} fn {} fp {} tn {}",
            confusion[3], confusion[1], confusion[2], confusion[0]
        );
        if std::env::var("XDUMP").is_ok() {
            for (k, (analysis, inst)) in analysed.iter().enumerate() {
                if k % folds != fold {
                    continue;
                }
                for i in inst {
                    let m = model.margin(&i.features);
                    let yes = m > storyline_extract::quotes::MIN_MARGIN;
                    if yes != i.matched {
                        println!(
                            "{}\t{}\t{}\t{}\t{:.1}\t{}",
                            if i.matched { "FN" } else { "FP" },
                            analysis.tag(i.token).lemma.to_lowercase(),
                            i.frame.name(),
                            i.cue,
                            m,
                            analysis
                                .sentence_words(&analysis.sentences[analysis.sentence_of(i.token)])
                                .join(" ")
                        );
                    }
                }
            }
        }
        let counts = analysed
            .par_iter()
            .enumerate()
            .filter(|(k, _)| k % folds == fold)
            .map(|(k, (analysis, _))| {
                let actors = actors::build(analysis);
                let quotes = find_quotes_with(analysis, &actors, Some(&model));
                score_text(&texts[k].relations, &quotes)
            })
            .reduce(Counts::default, |a, b| a + b);
        total = total + counts;
    }
    println!("{}", serde_json::to_string(&scores(total, texts.len()))?);
    Ok(())
}
