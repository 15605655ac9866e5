//! Property tests for the file readers of this crate: model files must give
//! a value or an error on any input, never a panic. (The CoNLL-2003
//! reader's are `storyline-eval`'s.)

use proptest::prelude::*;
use storyline_nlp::codec::{decode_file, encode_file};
use storyline_nlp::ner::Ner;
use storyline_nlp::parser::Parser;
use storyline_nlp::tagger::Tagger;

proptest! {
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
