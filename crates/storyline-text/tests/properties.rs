//! Invariants of the tokenizer and segmenter on arbitrary Unicode text.

use proptest::prelude::*;
use storyline_text::{segment, tokenize};

/// Text mixing arbitrary Unicode with the punctuation and whitespace the
/// rules care about, so the interesting branches are reached.
fn texts() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9 .,!?'’\"“”‘\\-—–…:;/@#$%()\n\r\t\u{a0}]{0,40}",
        Just("U.S. ".to_string()),
        Just("can't ".to_string()),
        Just("Mr. ".to_string()),
        Just("...\n\n".to_string()),
        Just("http://x.y/z. ".to_string()),
    ];
    prop::collection::vec(pieces, 0..8).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn tokens_are_well_formed(text in texts()) {
        let tokens = tokenize(&text);
        let byte_to_char: std::collections::HashMap<usize, usize> = text
            .char_indices()
            .enumerate()
            .map(|(ci, (bi, _))| (bi, ci))
            .chain(std::iter::once((text.len(), text.chars().count())))
            .collect();
        let mut previous_end = 0;
        for token in &tokens {
            prop_assert!(token.start < token.end, "empty token {token:?}");
            prop_assert!(token.byte_start < token.byte_end);
            prop_assert!(token.start >= previous_end, "overlap or disorder at {token:?}");
            prop_assert!(token.byte_end <= text.len());
            prop_assert!(text.is_char_boundary(token.byte_start) && text.is_char_boundary(token.byte_end));
            prop_assert_eq!(byte_to_char[&token.byte_start], token.start);
            prop_assert_eq!(byte_to_char[&token.byte_end], token.end);
            prop_assert!(!token.text(&text).chars().any(char::is_whitespace));
            previous_end = token.end;
        }
        // Every non-whitespace character is in some token.
        let covered: usize = tokens.iter().map(|t| t.end - t.start).sum();
        prop_assert_eq!(covered, text.chars().filter(|c| !c.is_whitespace()).count());
    }

    #[test]
    fn sentences_cover_tokens_in_order(text in texts()) {
        let tokens = tokenize(&text);
        let sentences = segment(&text, &tokens);
        let mut next = 0;
        for sentence in &sentences {
            prop_assert_eq!(sentence.tokens.start, next);
            prop_assert!(sentence.tokens.end > sentence.tokens.start);
            prop_assert_eq!(sentence.start, tokens[sentence.tokens.start].start);
            prop_assert_eq!(sentence.end, tokens[sentence.tokens.end - 1].end);
            next = sentence.tokens.end;
        }
        prop_assert_eq!(next, tokens.len());
    }
}
