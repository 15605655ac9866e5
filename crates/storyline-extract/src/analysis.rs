//! The analysed document: tokens, sentences and per-token annotations that
//! later extraction stages read. It keeps the text, so no stage needs to
//! reach back to the input.

use storyline_text::{Sentence, Token};

/// Grammatical annotations of one token (empty strings when no model ran).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TokenTags {
    /// Dictionary form.
    pub lemma: String,
    /// Universal POS tag.
    pub upos: String,
    /// Penn Treebank tag.
    pub xpos: String,
    /// Document-level index of the head token, `None` for a sentence root.
    pub head: Option<usize>,
    /// Universal dependency relation.
    pub deprel: String,
}

/// A document after the text layer and the statistical models.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The text all offsets index.
    pub text: String,
    /// Tokens in order.
    pub tokens: Vec<Token>,
    /// Sentences in order; each holds a range of `tokens`.
    pub sentences: Vec<Sentence>,
    /// One entry per token when the tagger ran, else empty.
    pub tags: Vec<TokenTags>,
    /// Entity mentions as token ranges with CoNLL labels (`PER`, `ORG`, `LOC`, `MISC`).
    pub mentions: Vec<Mention>,
}

/// A named-entity mention found by the recogniser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// First token index.
    pub start: usize,
    /// One past the last token index.
    pub end: usize,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub label: String,
}

impl Analysis {
    /// The text of token `i`.
    pub fn token_text(&self, i: usize) -> &str {
        self.tokens[i].text(&self.text)
    }

    /// The token texts of one sentence.
    pub fn sentence_words(&self, sentence: &Sentence) -> Vec<&str> {
        self.tokens[sentence.tokens.clone()]
            .iter()
            .map(|t| t.text(&self.text))
            .collect()
    }
}
