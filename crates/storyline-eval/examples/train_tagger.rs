//! Trains the POS tagger and lemmatiser on CoNLL-U files.
//!
//! ```text
//! cargo run --release -p storyline-eval --example train_tagger -- \
//!     TRAIN.conllu DEV.conllu OUT.bin [EPOCHS] [SEED] [PRUNE] [MIN_FEATURE_COUNT] [CLUSTERS.bin]
//! ```
//!
//! `CLUSTERS.bin` (from the `induce_clusters` example) adds word-cluster
//! features; the clusters are stored inside the tagger model.
//!
//! Set `TWO_PASS=1` to train the look-ahead second pass too, and
//! `NO_BACKWARD=1` to skip the right-to-left model.

use std::path::Path;
use std::time::Instant;

use storyline_eval::conllu;
use storyline_nlp::clusters::Clusters;
use storyline_nlp::tagger::{Tagger, TrainOptions};
use storyline_nlp::treebank::TreebankSentence;

fn read(path: &str) -> Vec<TreebankSentence> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    conllu::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!(
            "usage: train_tagger TRAIN DEV OUT [EPOCHS] [SEED] [PRUNE] [MIN_FEATURE_COUNT] [CLUSTERS]"
        );
        std::process::exit(2);
    }
    let defaults = TrainOptions::default();
    let arg = |i: usize| args.get(i).map(String::as_str);
    let opts = TrainOptions {
        epochs: arg(3).map_or(defaults.epochs, |s| s.parse().expect("epochs")),
        seed: arg(4).map_or(defaults.seed, |s| s.parse().expect("seed")),
        prune: arg(5).map_or(defaults.prune, |s| s.parse().expect("prune")),
        min_feature_count: arg(6).map_or(defaults.min_feature_count, |s| {
            s.parse().expect("min feature count")
        }),
        two_pass: std::env::var_os("TWO_PASS").is_some(),
        backward: std::env::var_os("NO_BACKWARD").is_none(),
        clusters: arg(7).map(|p| Clusters::load(Path::new(p)).expect("clusters")),
        verbose: true,
        ..defaults
    };
    let train = read(&args[0]);
    let dev = read(&args[1]);
    let (tagger, report) = Tagger::train(&train, &dev, &opts).expect("training");
    eprintln!("{report:?}");
    let out = Path::new(&args[2]);
    tagger.save(out).expect("save");
    let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    let t = Instant::now();
    let loaded = Tagger::load(out).expect("load");
    eprintln!(
        "saved {} bytes; load {:.1} ms",
        size,
        t.elapsed().as_secs_f64() * 1000.0
    );
    // Tagging speed on dev, one core.
    let sentences: Vec<Vec<&str>> = dev
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let n_words: usize = sentences.iter().map(Vec::len).sum();
    let t = Instant::now();
    let mut ids = 0usize;
    for s in &sentences {
        ids += loaded.tag_ids(s).len();
    }
    let tag_secs = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut lemmas = 0usize;
    for s in &sentences {
        lemmas += loaded.tag(s).len();
    }
    let full_secs = t.elapsed().as_secs_f64();
    assert_eq!(ids, n_words);
    assert_eq!(lemmas, n_words);
    let (upos, xpos, lemma) = loaded.accuracy(&dev);
    eprintln!(
        "reloaded dev upos {upos:.4} xpos {xpos:.4} lemma {lemma:.4}; tags only {:.0} words/s, tags+lemmas {:.0} words/s",
        n_words as f64 / tag_secs,
        n_words as f64 / full_secs
    );
}
