//! Scores the tokenizer and segmenter on UD English EWT dev (shared data).

use std::path::PathBuf;

use storyline_eval::{conllu, tokens};

fn shared_data(relative: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "shared data missing: {} ({e}); this test needs ../shared/data",
            path.display()
        )
    })
}

#[test]
fn ewt_dev_scores_shared_data() {
    let sentences = conllu::parse(&shared_data("ud-en-ewt/dev.conllu")).expect("valid CoNLL-U");
    let scores = tokens::evaluate_tokens(&sentences);
    println!("EWT dev: {scores:#?}");
    assert!(scores.token_f1 >= 0.98, "token F1 {:.4}", scores.token_f1);
    assert!(
        scores.sentence_f1 >= 0.90,
        "sentence F1 {:.4}",
        scores.sentence_f1
    );
}
