//! Entity recogniser on the shared CoNLL-2003 data (outside the repository:
//! these tests fail loudly when it is missing).

use std::path::PathBuf;

use storyline_eval::conll2003::read_conll;
use storyline_nlp::ner::{Ner, TrainOptions, evaluate_ner};

fn data(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/conll2003")
        .join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("shared data missing: {}: {e}", path.display()))
}

#[test]
fn ner_train_smoke_shared_data() {
    let train = read_conll(&data("train.txt")).unwrap();
    let dev = read_conll(&data("dev.txt")).unwrap();
    assert!(train.len() > 10_000 && dev.len() > 3_000);
    let opts = TrainOptions {
        max_epochs: 1,
        ..TrainOptions::default()
    };
    let (ner, report) = Ner::train(&train[..300], &dev[..300], &opts).unwrap();
    assert_eq!(report.pass1_epochs, 1);
    // 300 sentences already teach something.
    assert!(report.dev.f1 > 0.2, "{:?}", report.dev);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ner.bin");
    ner.save(&path).unwrap();
    let loaded = Ner::load(&path).unwrap();
    assert_eq!(
        evaluate_ner(&loaded, &dev[..300]).f1,
        evaluate_ner(&ner, &dev[..300]).f1
    );
}

#[test]
fn shipped_ner_shared_data() {
    let ner =
        Ner::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models/ner.bin")).unwrap();
    let dev = read_conll(&data("dev.txt")).unwrap();
    let scores = evaluate_ner(&ner, &dev);
    eprintln!(
        "dev P {:.4} R {:.4} F1 {:.4}, {:.0} tokens/s",
        scores.precision, scores.recall, scores.f1, scores.tokens_per_sec
    );
    assert!(scores.f1 >= 0.90, "{scores:?}");
    for ty in ["PER", "ORG", "LOC", "MISC"] {
        assert!(scores.per_type[ty].f1 > 0.8, "{ty}: {scores:?}");
    }

    // A news paragraph written for this test, tokenised like the pipeline.
    let text = "UPDATE: Finance ministers from the European Union met in Brussels on Tuesday. \
        German Chancellor Olaf Scholz told Reuters that the talks with Poland had gone well. \
        Scholz later flew to Warsaw, where Prime Minister Donald Tusk’s office said a deal was near. \
        Stay tuned and follow #EUSummit for more.";
    let (tokens, sentences) = storyline_text::analyse(text);
    let doc: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| {
            tokens[s.tokens.clone()]
                .iter()
                .map(|t| t.text(text))
                .collect()
        })
        .collect();
    let found: Vec<(String, &str)> = ner
        .recognize(&doc)
        .iter()
        .zip(&doc)
        .flat_map(|(spans, words)| {
            spans
                .iter()
                .map(|e| (words[e.start..e.end].join(" "), e.label))
        })
        .collect();
    for (name, label) in [
        ("European Union", "ORG"),
        ("Brussels", "LOC"),
        ("Olaf Scholz", "PER"),
        ("Reuters", "ORG"),
        ("Poland", "LOC"),
        ("Scholz", "PER"),
        ("Warsaw", "LOC"),
        ("Donald Tusk", "PER"),
    ] {
        assert!(
            found.iter().any(|(t, l)| t == name && *l == label),
            "{name}/{label}: {found:?}"
        );
    }
    for (t, l) in &found {
        assert!(
            !(*l == "PER" && (t.starts_with("UPDATE") || t.starts_with("Stay") || t.contains('#'))),
            "{found:?}"
        );
    }
}
