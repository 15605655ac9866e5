//! The text layer: tokens with code-point offsets and sentence boundaries.
//!
//! Tokenisation follows the Universal Dependencies / Penn Treebank conventions
//! used by UD English EWT so that the trained models see the tokens they were
//! trained on. Offsets are Unicode code point offsets, end-exclusive, into the
//! original text; byte offsets are carried alongside for cheap slicing in Rust.
//!
//! As in the EWT release in `shared/data`, hyphenated compounds are split
//! (`four - year`) except after prefixes listed in
//! `lexicons/hyphen_prefixes.txt` (`e-mail`, `non-profit`), and an
//! abbreviation that ends a sentence gives up its period (`U.S` `.`).

use serde::Serialize;

/// One token of the original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Token {
    /// Code point offset of the first character.
    pub start: usize,
    /// Code point offset one past the last character.
    pub end: usize,
    /// Byte offset of the first character (for slicing `&str`).
    #[serde(skip)]
    pub byte_start: usize,
    /// Byte offset one past the last character.
    #[serde(skip)]
    pub byte_end: usize,
}

impl Token {
    /// The token's text, sliced from the text it was found in.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.byte_start..self.byte_end]
    }
}

/// One sentence: a character span and the range of its tokens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// Code point offset of the sentence's first token.
    pub start: usize,
    /// Code point offset one past the sentence's last token.
    pub end: usize,
    /// Index range into the document's token list.
    #[serde(skip)]
    pub tokens: std::ops::Range<usize>,
}

mod bound;
mod lexicon;
mod segment;
mod tokenize;

pub use bound::{Bounded, MAX_PROSE_RUN, MAX_SENTENCE_TOKENS, bound_sentences};
pub use segment::segment;
pub use tokenize::tokenize;

/// Tokenizes `text` and splits it into sentences in one call.
pub fn analyse(text: &str) -> (Vec<Token>, Vec<Sentence>) {
    let tokens = tokenize(text);
    let sentences = segment(text, &tokens);
    (tokens, sentences)
}
