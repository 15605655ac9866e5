//! The dependency parser on the shared EWT treebank: a training smoke test
//! and the shipped model's attachment scores.

use std::path::{Path, PathBuf};

use storyline_eval::conllu;
use storyline_eval::ud::evaluate_ud;
use storyline_nlp::parser::{Parser, TrainOptions};
use storyline_nlp::tagger::Tagger;
use storyline_nlp::treebank::TreebankSentence;

fn parse_sentence<'p>(parser: &'p Parser, s: &TreebankSentence) -> Vec<(usize, &'p str)> {
    let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
    let upos: Vec<&str> = s.words.iter().map(|w| w.upos.as_str()).collect();
    let xpos: Vec<&str> = s.words.iter().map(|w| w.xpos.as_str()).collect();
    parser.parse(&words, &upos, &xpos)
}

fn shared(file: &str) -> Vec<TreebankSentence> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ud-en-ewt")
        .join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("shared data missing: {}: {e}", path.display()));
    conllu::parse(&text).expect("valid CoNLL-U")
}

fn uas(parser: &Parser, sentences: &[TreebankSentence]) -> f64 {
    let (mut right, mut total) = (0, 0);
    for s in sentences {
        for (w, (h, _)) in s.words.iter().zip(parse_sentence(parser, s)) {
            right += usize::from(w.head == h);
            total += 1;
        }
    }
    right as f64 / total as f64
}

#[test]
fn parser_train_smoke_shared_data() {
    let train = shared("train.conllu");
    let dev = shared("dev.conllu");
    let dev = &dev[..100];
    let opts = TrainOptions {
        epochs: 1,
        seed: 1,
        max_sentences: Some(200),
        ..Default::default()
    };
    let (parser, report) = Parser::train(&train, dev, &opts).expect("trains");
    assert_eq!(report.train_sentences, 200);
    let score = uas(&parser, dev);
    assert!(score > 0.5, "UAS {score} after 1 epoch on 200 sentences");
    assert!((score - report.dev_uas).abs() < 1e-9);
}

fn models_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models")
}

#[test]
fn shipped_parser_shared_data() {
    let start = std::time::Instant::now();
    let parser = Parser::load(&models_dir().join("parser.bin")).expect("models/parser.bin loads");
    let load_ms = start.elapsed().as_millis();
    let tagger = Tagger::load(&models_dir().join("tagger.bin")).expect("models/tagger.bin loads");

    let words = [
        "Senator",
        "Maria",
        "Lopez",
        "said",
        "that",
        "the",
        "negotiators",
        "held",
        "a",
        "long",
        "meeting",
        "with",
        "the",
        "minister",
        "in",
        "Paris",
        ".",
    ];
    let tagged = tagger.tag(&words);
    let upos: Vec<&str> = tagged.iter().map(|t| t.upos).collect();
    let xpos: Vec<&str> = tagged.iter().map(|t| t.xpos).collect();
    let tree = parser.parse(&words, &upos, &xpos);
    let at = |w: &str| words.iter().position(|x| *x == w).expect("word");
    let said = at("said") + 1;
    assert_eq!(tree[at("said")], (0, "root"), "{tree:?}");
    // EWT heads a multiword name on its first word ("Maria"), with the rest
    // attached as `flat`; either word heading the subject is accepted.
    let (maria, lopez) = (at("Maria"), at("Lopez"));
    let subject = if tree[lopez] == (said, "nsubj") {
        lopez
    } else {
        assert_eq!(tree[lopez], (maria + 1, "flat"), "{tree:?}");
        maria
    };
    assert_eq!(tree[subject], (said, "nsubj"), "{tree:?}");
    assert_eq!(tree[at("meeting")], (at("held") + 1, "obj"), "{tree:?}");
    assert_eq!(tree[at("held")], (said, "ccomp"), "{tree:?}");
    assert!(load_ms < 1000, "parser load took {load_ms} ms");

    let scores = evaluate_ud(&tagger, &parser, &shared("dev.conllu"));
    eprintln!("{scores:?}, parser load {load_ms} ms");
    // The shipped model measures UAS 0.8595 / LAS 0.8269 with the shipped
    // tagger. LAS meets the project target (0.82); UAS is just short of
    // its target (0.86), so its floor guards against regressions.
    // The targets (UAS ≥ 0.86, LAS ≥ 0.82); the shipped model has
    // 0.8600 / 0.8277.
    assert!(scores.uas >= 0.86, "dev UAS {:.4}", scores.uas);
    assert!(scores.las >= 0.82, "dev LAS {:.4}", scores.las);
}
