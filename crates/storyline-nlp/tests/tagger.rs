//! Tagger and lemmatiser: training on inline data and persistence (the
//! shipped model on the shared EWT treebank is tested in `storyline-eval`).

use storyline_nlp::clusters::{self, ClusterOptions};
use storyline_nlp::tagger::{Tagger, TrainOptions};
use storyline_nlp::treebank::{TreebankSentence, Word};

/// A tiny treebank, repeated so the perceptron can fit it.
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
    let mut sentences = Vec::new();
    for _ in 0..5 {
        for sentence in rows {
            let words = sentence
                .iter()
                .map(|&(form, lemma, upos, xpos)| Word {
                    form: form.into(),
                    lemma: lemma.into(),
                    upos: upos.into(),
                    xpos: xpos.into(),
                    head: 0,
                    deprel: "dep".into(),
                    no_space_after: false,
                })
                .collect();
            sentences.push(TreebankSentence {
                words,
                ..TreebankSentence::default()
            });
        }
    }
    sentences
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
