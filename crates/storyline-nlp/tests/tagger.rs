//! Tagger and lemmatiser: training on inline data, persistence, and the
//! shipped model on the shared EWT treebank.

use std::path::PathBuf;

use storyline_nlp::clusters::{self, ClusterOptions};
use storyline_nlp::tagger::{Tagger, TrainOptions};
use storyline_text::conllu::{self, TreebankSentence};

/// A tiny treebank in CoNLL-U, repeated so the perceptron can fit it.
fn tiny_treebank() -> Vec<TreebankSentence> {
    let rows: &[&[(&str, &str, &str, &str)]] = &[
        &[
            ("The", "the", "DET", "DT"),
            ("minister", "minister", "NOUN", "NN"),
            ("said", "say", "VERB", "VBD"),
            ("talks", "talk", "NOUN", "NNS"),
            ("failed", "fail", "VERB", "VBD"),
            (".", ".", "PUNCT", "."),
        ],
        &[
            ("She", "she", "PRON", "PRP"),
            ("met", "meet", "VERB", "VBD"),
            ("Smith", "Smith", "PROPN", "NNP"),
            ("in", "in", "ADP", "IN"),
            ("Paris", "Paris", "PROPN", "NNP"),
            (".", ".", "PUNCT", "."),
        ],
        &[
            ("Negotiations", "negotiation", "NOUN", "NNS"),
            ("were", "be", "AUX", "VBD"),
            ("better", "good", "ADJ", "JJR"),
            ("than", "than", "ADP", "IN"),
            ("expected", "expect", "VERB", "VBN"),
            (".", ".", "PUNCT", "."),
        ],
    ];
    let mut text = String::new();
    for _ in 0..5 {
        for sentence in rows {
            for (i, (form, lemma, upos, xpos)) in sentence.iter().enumerate() {
                text.push_str(&format!(
                    "{}\t{form}\t{lemma}\t{upos}\t{xpos}\t_\t0\tdep\t_\t_\n",
                    i + 1
                ));
            }
            text.push('\n');
        }
    }
    conllu::parse(&text).expect("valid CoNLL-U")
}

fn forms(s: &TreebankSentence) -> Vec<&str> {
    s.words.iter().map(|w| w.form.as_str()).collect()
}

#[test]
fn tagger_learns_tiny_treebank() {
    let data = tiny_treebank();
    let opts = TrainOptions {
        epochs: 5,
        min_feature_count: 1,
        ..TrainOptions::default()
    };
    let (tagger, report) = Tagger::train(&data, &data[..3], &opts).unwrap();
    assert!(report.dev_upos > 0.99, "{report:?}");
    assert!(report.dev_lemma > 0.99, "{report:?}");
    for s in &data[..3] {
        let tagged = tagger.tag(&forms(s));
        for (t, w) in tagged.iter().zip(&s.words) {
            assert_eq!(
                (t.upos, t.xpos, t.lemma.as_str()),
                (&*w.upos, &*w.xpos, &*w.lemma)
            );
            assert_eq!(tagger.upos(t.id), t.upos);
        }
    }
    assert!(tagger.tag(&[]).is_empty());
}

#[test]
fn tagger_save_load_round_trip() {
    let data = tiny_treebank();
    let opts = TrainOptions {
        epochs: 3,
        min_feature_count: 1,
        ..TrainOptions::default()
    };
    let (tagger, _) = Tagger::train(&data, &data[..3], &opts).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tagger.bin");
    tagger.save(&path).unwrap();
    let loaded = Tagger::load(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let from_bytes = Tagger::from_bytes(&bytes).unwrap();
    for s in &data[..3] {
        assert_eq!(loaded.tag(&forms(s)), tagger.tag(&forms(s)));
        assert_eq!(from_bytes.tag(&forms(s)), tagger.tag(&forms(s)));
    }
    assert!(Tagger::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    assert!(Tagger::from_bytes(b"not a model").is_err());
}

#[test]
fn tagger_with_clusters_round_trip() {
    let data = tiny_treebank();
    let sentences: Vec<Vec<String>> = data
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.clone()).collect())
        .collect();
    let clusters = clusters::induce(
        &sentences,
        &ClusterOptions {
            classes: vec![8, 4],
            ..ClusterOptions::default()
        },
    );
    assert!(!clusters.is_empty());
    let opts = TrainOptions {
        epochs: 3,
        min_feature_count: 1,
        clusters: Some(clusters),
        ..TrainOptions::default()
    };
    let (tagger, report) = Tagger::train(&data, &data[..3], &opts).unwrap();
    assert!(report.dev_upos > 0.9, "{report:?}");
    let bytes = tagger.to_bytes();
    let loaded = Tagger::from_bytes(&bytes).unwrap();
    assert_eq!(loaded.to_bytes(), bytes);
    for s in &data[..3] {
        assert_eq!(loaded.tag(&forms(s)), tagger.tag(&forms(s)));
    }
    assert!(Tagger::from_bytes(&bytes[..bytes.len() - 5]).is_err());
}

#[test]
fn training_is_deterministic() {
    let data = tiny_treebank();
    let opts = TrainOptions {
        epochs: 2,
        seed: 9,
        min_feature_count: 1,
        ..TrainOptions::default()
    };
    let (a, _) = Tagger::train(&data, &data[..3], &opts).unwrap();
    let (b, _) = Tagger::train(&data, &data[..3], &opts).unwrap();
    assert_eq!(a.to_bytes(), b.to_bytes());
    assert!(Tagger::train(&[], &data, &opts).is_err());
}

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
