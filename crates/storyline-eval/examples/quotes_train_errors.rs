//! Error analysis of the attribution stage on PolNeAR **train** (never dev):
//! `cargo run --release -p storyline-eval --example quotes_train_errors -- ../shared/data/polnear/train [REPORT.txt]`
//!
//! Prints the scores and writes, per text, unmatched gold relations with
//! the best-overlapping prediction, and unmatched predictions. With a third
//! argument `--held-out`, the cue model is trained on the odd-numbered
//! texts and the report covers the even-numbered ones, so the errors are
//! those of unseen text.

use std::fmt::Write as _;
use std::path::PathBuf;

use rayon::prelude::*;
use storyline_eval::attribution::{Counts, said, score_text, scores};
use storyline_eval::polnear;
use storyline_extract::Pipeline;
use storyline_extract::actors;
use storyline_extract::quotes::overlap::jaccard;
use storyline_extract::quotes::{find_quotes, find_quotes_with, learn};

fn slice(text: &[char], f: &[(usize, usize)]) -> String {
    f.iter()
        .map(|&(a, b)| text[a..b.min(text.len())].iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" … ")
        .replace('\n', " ")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .ok_or("usage: quotes_train_errors DIR [REPORT]")?,
    );
    let report = args.next();
    let held_out = args.next().is_some_and(|a| a == "--held-out");
    let pipeline = Pipeline::shipped()?;
    let mut texts = polnear::read_dir(&dir)?;
    let model = if held_out {
        let train: Vec<Vec<learn::Instance>> = texts
            .par_iter()
            .skip(1)
            .step_by(2)
            .map(|t| learn::instances(&pipeline.analyse(&t.text), &t.relations))
            .collect();
        let all: Vec<&learn::Instance> = train.iter().flatten().collect();
        texts = texts.into_iter().step_by(2).collect();
        Some(learn::train(&all, learn::EPOCHS, 1))
    } else {
        None
    };
    let results: Vec<(Counts, String)> = texts
        .par_iter()
        .map(|t| {
            let analysis = pipeline.analyse(&t.text);
            let actors = actors::build(&analysis);
            let quotes = match &model {
                Some(m) => find_quotes_with(&analysis, &actors, Some(m)),
                None => find_quotes(&analysis, &actors),
            };
            let counts = score_text(&t.relations, &quotes);
            if let Ok(want) = std::env::var("DEBUG_NEEDLE") {
                for sent in &analysis.sentences {
                    let words = analysis.sentence_words(sent).join(" ");
                    if words.contains(&want) {
                        let mut d = String::new();
                        for i in sent.tokens.clone() {
                            let g = analysis.tag(i);
                            let _ = write!(
                                d,
                                "{i}:{}/{}/{}>{:?} ",
                                analysis.token_text(i),
                                g.xpos,
                                g.deprel,
                                g.head
                            );
                        }
                        eprintln!("{}\n{d}\n", t.name);
                    }
                }
            }
            let chars: Vec<char> = t.text.chars().collect();
            let mut out = String::new();
            let pred: Vec<Vec<(usize, usize)>> = quotes.iter().map(said).collect();
            for g in &t.relations {
                let best = pred
                    .iter()
                    .enumerate()
                    .map(|(p, f)| (jaccard(f, &g.content), p))
                    .max_by(|a, b| a.0.total_cmp(&b.0));
                let ok = best.is_some_and(|b| b.0 >= 0.5);
                let src = g
                    .source
                    .as_ref()
                    .map(|s| slice(&chars, s))
                    .unwrap_or_default();
                let cue = g.cue.as_ref().map(|s| slice(&chars, s)).unwrap_or_default();
                let psrc = best
                    .and_then(|b| quotes[b.1].source.as_ref())
                    .map(|s| s.text.replace('\n', " "))
                    .unwrap_or_default();
                let srcok = match (best.and_then(|b| quotes[b.1].source.as_ref()), &g.source) {
                    (Some(s), Some(gs)) => gs.iter().any(|&(a, b)| a < s.end && s.start < b),
                    (None, None) => true,
                    _ => false,
                };
                let tag = if !ok {
                    "MISS"
                } else if !srcok {
                    "SRC"
                } else {
                    "OK"
                };
                let _ = writeln!(
                    out,
                    "{tag}\t{}\tGOLD[{src} | {cue} | {}]",
                    t.name,
                    slice(&chars, &g.content)
                );
                if let Some((j, p)) = best.filter(|b| b.0 > 0.0) {
                    let q = &quotes[p];
                    let _ = writeln!(
                        out,
                        "\tPRED j={j:.2} g={:?} p={}-{} [{psrc} | {} | {}]",
                        g.content,
                        q.content.start,
                        q.content.end,
                        q.cue.as_ref().map(|c| c.text.as_str()).unwrap_or(""),
                        q.content.text.replace('\n', " ")
                    );
                }
            }
            for (p, f) in pred.iter().enumerate() {
                if t.relations.iter().all(|g| jaccard(f, &g.content) < 0.5) {
                    let q = &quotes[p];
                    let _ = writeln!(
                        out,
                        "FP\t{}\t[{} | {} | {}]",
                        t.name,
                        q.source.as_ref().map(|c| c.text.as_str()).unwrap_or(""),
                        q.cue.as_ref().map(|c| c.text.as_str()).unwrap_or(""),
                        q.content.text.replace('\n', " ")
                    );
                }
            }
            (counts, out)
        })
        .collect();
    let total = results.iter().fold(Counts::default(), |a, r| a + r.0);
    println!("{}", serde_json::to_string(&scores(total, texts.len()))?);
    if let Some(path) = report {
        let all: String = results.into_iter().map(|r| r.1).collect();
        std::fs::write(path, all)?;
    }
    Ok(())
}
