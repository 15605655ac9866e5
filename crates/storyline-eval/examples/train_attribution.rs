//! Trains the attribution cue classifier and content ranker on PolNeAR
//! train and writes `models/cues.bin` (the same as `storyline train
//! attribution`):
//! `cargo run --release -p storyline-eval --example train_attribution -- ../shared/data/polnear/train models/cues.bin`
//!
//! With `--folds K` instead of an output path, it cross-validates on the
//! given folder alone (trains on K−1 parts, scores the held-out part, sums
//! over parts), for choosing features and `MIN_MARGIN` without touching
//! dev. It prints the scores, and on stderr the candidates per frame, the
//! ranker's accuracy and the classifier's confusion counts per fold. With
//! `DUMP_ERRORS=1` it also prints every held-out classifier error (label,
//! lemma, frame, whether it heads a gold cue, margin, sentence).

use std::path::PathBuf;

use rayon::prelude::*;
use storyline_eval::attribution::{Counts, read_texts, score_text, scores};
use storyline_eval::polnear;
use storyline_extract::quotes::cue_model::CueModel;
use storyline_extract::quotes::cues::FRAMES;
use storyline_extract::quotes::learn::{self, EPOCHS, Instance};
use storyline_extract::quotes::{MIN_MARGIN, choose_content, find_quotes_at};
use storyline_extract::{Analysis, Pipeline, actors};

const USAGE: &str = "usage: train_attribution POLNEAR_TRAIN_DIR (OUT.bin | --folds K)";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or(USAGE)?);
    let target = args.next().ok_or(USAGE)?;
    let pipeline = Pipeline::shipped()?;
    if target != "--folds" {
        let model = learn::train_cue_model(&read_texts(&dir)?, |text| pipeline.analyse(text), 1);
        std::fs::write(&target, model.to_bytes())?;
        eprintln!("wrote {target}");
        return Ok(());
    }
    let folds: usize = args.next().ok_or(USAGE)?.parse()?;
    if folds < 2 {
        return Err("--folds needs at least 2".into());
    }
    let texts = polnear::read_dir(&dir)?;
    let analysed: Vec<(Analysis, Vec<Instance>)> = texts
        .par_iter()
        .map(|t| {
            let analysis = pipeline.analyse(&t.text);
            let instances = learn::instances(&analysis, &t.relations);
            (analysis, instances)
        })
        .collect();
    report_frames(&analysed);
    let dump = std::env::var("DUMP_ERRORS").is_ok();
    let min_margin = std::env::var("MIN_MARGIN")
        .ok()
        .and_then(|m| m.parse().ok())
        .unwrap_or(MIN_MARGIN);
    let mut total = Counts::default();
    for fold in 0..folds {
        let held_out = |k: usize| k % folds == fold;
        let train: Vec<&Instance> = analysed
            .iter()
            .enumerate()
            .filter(|(k, _)| !held_out(*k))
            .flat_map(|(_, a)| &a.1)
            .collect();
        let model = learn::train(
            &train,
            EPOCHS,
            std::env::var("SEED")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(1),
        );
        let test: Vec<&(Analysis, Vec<Instance>)> = analysed
            .iter()
            .enumerate()
            .filter(|(k, _)| held_out(*k))
            .map(|(_, a)| a)
            .collect();
        report_fold(&model, &test, min_margin, dump);
        total = total
            + analysed
                .par_iter()
                .enumerate()
                .filter(|(k, _)| held_out(*k))
                .map(|(k, (analysis, _))| {
                    let actors = actors::build(analysis);
                    let quotes = find_quotes_at(analysis, &actors, Some(&model), min_margin);
                    score_text(&texts[k].relations, &quotes)
                })
                .reduce(Counts::default, |a, b| a + b);
    }
    println!("{}", serde_json::to_string(&scores(total, texts.len()))?);
    Ok(())
}

/// Candidates, gold cue heads and candidates with a right content, per frame.
fn report_frames(analysed: &[(Analysis, Vec<Instance>)]) {
    let all: Vec<&Instance> = analysed.iter().flat_map(|a| &a.1).collect();
    for frame in FRAMES {
        let of: Vec<_> = all.iter().filter(|i| i.frame == frame).collect();
        eprintln!(
            "{:14} candidates {:6} cue heads {:5} right content {:5}",
            frame.name(),
            of.len(),
            of.iter().filter(|i| i.cue).count(),
            of.iter().filter(|i| i.matched).count()
        );
    }
}

/// The ranker's accuracy and the classifier's confusion on held-out texts.
fn report_fold(model: &CueModel, test: &[&(Analysis, Vec<Instance>)], min_margin: f32, dump: bool) {
    let (mut ranked_right, mut rankable, mut first_right) = (0, 0, 0);
    let mut confusion = [0usize; 4];
    for (analysis, instances) in test {
        for i in instances {
            if i.matched {
                rankable += 1;
                let pick = choose_content(analysis, &i.contents, &model.rank_scores(&i.candidates));
                ranked_right += usize::from(pick.is_some_and(|r| i.right[r]));
                if std::env::var("DUMP_RANK").is_ok()
                    && let Some(p) = pick.filter(|&p| !i.right[p])
                {
                    let show = |c: &storyline_extract::quotes::spans::Candidate| {
                        let kinds: Vec<&str> = c.kinds.iter().map(|k| k.0.name()).collect();
                        format!(
                            "{}<{}>",
                            kinds.join("+"),
                            (c.span.0..=c.span.1)
                                .map(|t| analysis.token_text(t))
                                .collect::<Vec<_>>()
                                .join(" ")
                        )
                    };
                    let right: Vec<String> = (0..i.contents.len())
                        .filter(|&k| i.right[k])
                        .map(|k| show(&i.contents[k]))
                        .collect();
                    println!(
                        "RANK\t{}\t{}\tPICK {}\tRIGHT {}",
                        analysis.token_text(i.token),
                        i.frame.name(),
                        show(&i.contents[p]),
                        right.join(" | ")
                    );
                }
                first_right += usize::from(i.right.first() == Some(&true));
            }
            let margin = model.margin(&i.features);
            let yes = margin > min_margin;
            confusion[usize::from(yes) * 2 + usize::from(i.matched)] += 1;
            if dump && (yes != i.matched || std::env::var("DUMP_ALL").is_ok()) {
                let sentence = &analysis.sentences[analysis.sentence_of(i.token)];
                println!(
                    "{}\t{}\t{}\t{}\t{margin:.1}\t{}\t{}",
                    if i.matched { "FN" } else { "FP" },
                    analysis.tag(i.token).lemma.to_lowercase(),
                    i.frame.name(),
                    i.cue,
                    {
                        let quotes = storyline_extract::quotes::marks::find(analysis);
                        quotes.region(i.token).map_or(0, |r| r.last + 1 - r.first)
                    },
                    analysis.sentence_words(sentence).join(" ")
                );
            }
        }
    }
    eprintln!(
        "ranker: {ranked_right} of {rankable} right (the rules' reading: {first_right}); \
         classifier: tp {} fn {} fp {} tn {}",
        confusion[3], confusion[1], confusion[2], confusion[0]
    );
}
