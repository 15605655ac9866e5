//! The tagger and lemmatiser on the shared EWT treebank: a training smoke
//! test and the shipped model's accuracy floors.

use std::path::PathBuf;

use storyline_eval::conllu;
use storyline_nlp::tagger::{Tagger, TrainOptions};
use storyline_nlp::treebank::TreebankSentence;

fn shared(file: &str) -> Vec<TreebankSentence> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ud-en-ewt")
        .join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("shared treebank {} missing: {e}", path.display()));
    conllu::parse(&text).expect("valid treebank")
}

#[test]
fn train_smoke_shared_data() {
    let train = shared("train.conllu");
    let dev = shared("dev.conllu");
    let opts = TrainOptions {
        epochs: 1,
        max_sentences: Some(200),
        ..TrainOptions::default()
    };
    let (tagger, report) = Tagger::train(&train, &dev[..100], &opts).unwrap();
    assert_eq!(report.best_epoch, 1);
    let (upos, xpos, lemma) = tagger.accuracy(&dev[..100]);
    assert!(upos > 0.70, "upos {upos}");
    assert!(xpos > 0.65, "xpos {xpos}");
    assert!(lemma > 0.85, "lemma {lemma}");
}

#[test]
fn shipped_tagger_shared_data() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models/tagger.bin");
    let tagger = Tagger::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let words = [
        "The",
        "minister",
        "said",
        "he",
        "met",
        "rebels",
        "and",
        "that",
        "negotiations",
        "were",
        "going",
        "better",
        "than",
        "expected",
        ".",
    ];
    let tagged = tagger.tag(&words);
    let said = &tagged[2];
    assert_eq!(
        (said.upos, said.xpos, said.lemma.as_str()),
        ("VERB", "VBD", "say")
    );
    assert_eq!(tagged[4].lemma, "meet");
    assert_eq!(tagged[8].lemma, "negotiation");
    assert_eq!(tagged[9].lemma, "be");
    assert_eq!(tagged[11].lemma, "good");
    let dev = shared("dev.conllu");
    let (upos, xpos, lemma) = tagger.accuracy(&dev);
    eprintln!("shipped tagger on EWT dev: upos {upos:.4} xpos {xpos:.4} lemma {lemma:.4}");
    // Measured 0.9557 / 0.9489 / 0.9718: the project targets (UPOS 0.955,
    // lemma 0.97) and regression floors.
    assert!(upos >= 0.955, "dev upos {upos}");
    assert!(xpos >= 0.948, "dev xpos {xpos}");
    assert!(lemma >= 0.971, "dev lemma {lemma}");
}
