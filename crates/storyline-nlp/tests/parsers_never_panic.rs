//! Property tests for the file readers of this crate: CoNLL-2003 text and
//! model files must give a value or an error on any input, never a panic.

use proptest::prelude::*;
use storyline_nlp::codec::{decode_file, encode_file};
use storyline_nlp::ner::{Ner, read_conll};
use storyline_nlp::parser::Parser;
use storyline_nlp::tagger::Tagger;

/// Lines that look like CoNLL-2003 rows, broken in every way.
fn conll_like() -> impl Strategy<Value = String> {
    let row = prop_oneof![
        "[A-Za-z.,]{1,8} [A-Z]{1,4} [BIO]-[A-Z]{2} [BIO]-(PER|ORG|LOC|MISC)",
        "[A-Za-z]{1,6} (B|I)-(PER|LOC)",
        "",
        "-DOCSTART- -X- -X- O",
        "\\PC{0,20}",
    ];
    prop::collection::vec(row, 0..30).prop_map(|rows| rows.join("\n"))
}

proptest! {
    #[test]
    fn conll_reader_never_panics(text in conll_like()) {
        if let Ok(sentences) = read_conll(&text) {
            for s in sentences {
                prop_assert_eq!(s.words.len(), s.tags.len());
            }
        }
    }

    #[test]
    fn model_loaders_refuse_garbage(payload in prop::collection::vec(any::<u8>(), 0..512)) {
        // A well-formed container around a corrupt payload reaches each
        // model's own decoder.
        for kind in ["tagger", "parser", "ner"] {
            let file = encode_file(kind, &payload);
            prop_assert!(decode_file(kind, &file).is_ok());
        }
        prop_assert!(Tagger::from_bytes(&encode_file("tagger", &payload)).is_err());
        prop_assert!(Parser::from_bytes(&encode_file("parser", &payload)).is_err());
        prop_assert!(Ner::from_bytes(&encode_file("ner", &payload)).is_err());
        prop_assert!(Tagger::from_bytes(&payload).is_err());
    }
}
