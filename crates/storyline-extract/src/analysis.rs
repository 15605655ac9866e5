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
    /// What the analysis had to do to stay within its bounds (a sentence
    /// cut for the models), for the record's warnings.
    pub warnings: Vec<String>,
    /// For each token, how many paragraph breaks come before it (counted
    /// on first use), so the breaks between two tokens cost nothing to
    /// count however far apart they are.
    pub(crate) breaks_before: std::sync::OnceLock<Vec<u32>>,
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

impl Analysis {
    /// The sentence index holding token `i`.
    pub fn sentence_of(&self, i: usize) -> usize {
        self.sentences
            .partition_point(|s| s.tokens.end <= i)
            .min(self.sentences.len().saturating_sub(1))
    }

    /// The dependents of token `i`, in text order (empty without a parse).
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let range = self
            .sentences
            .get(self.sentence_of(i))
            .map_or(0..0, |s| s.tokens.clone());
        range.filter(move |&j| self.tags.get(j).and_then(|t| t.head) == Some(i))
    }

    /// First and last token (inclusive) of the subtree headed by `i`.
    pub fn subtree(&self, i: usize) -> (usize, usize) {
        let (mut first, mut last) = (i, i);
        let mut stack = vec![i];
        while let Some(t) = stack.pop() {
            for c in self.children(t) {
                first = first.min(c);
                last = last.max(c);
                stack.push(c);
            }
        }
        (first, last)
    }

    /// The code point span and text of tokens `first..=last`.
    pub fn span_text(&self, first: usize, last: usize) -> crate::record::TextSpan {
        let (a, b) = (&self.tokens[first], &self.tokens[last]);
        crate::record::TextSpan {
            start: a.start,
            end: b.end,
            text: self.text[a.byte_start..b.byte_end].to_string(),
        }
    }

    /// How many paragraph breaks (runs of white space holding a line
    /// break) lie between tokens `a` and `b`, in either order.
    pub fn paragraphs_between(&self, a: usize, b: usize) -> usize {
        let (a, b) = (a.min(b), a.max(b));
        let breaks = self.breaks_before.get_or_init(|| self.count_breaks());
        (breaks[b] - breaks[a]) as usize
    }

    /// The last token of the paragraph holding token `i`.
    pub fn paragraph_end(&self, i: usize) -> usize {
        let breaks = self.breaks_before.get_or_init(|| self.count_breaks());
        let here = breaks[i];
        breaks.partition_point(|&b| b <= here) - 1
    }

    fn count_breaks(&self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.tokens.len());
        let mut total = 0u32;
        for (k, token) in self.tokens.iter().enumerate() {
            if k > 0 {
                let gap = &self.text[self.tokens[k - 1].byte_end..token.byte_start];
                total += gap_breaks(gap);
            }
            out.push(total);
        }
        out
    }

    /// The tags of token `i` (default when no model ran).
    pub fn tag(&self, i: usize) -> &TokenTags {
        static EMPTY: TokenTags = TokenTags {
            lemma: String::new(),
            upos: String::new(),
            xpos: String::new(),
            head: None,
            deprel: String::new(),
        };
        self.tags.get(i).unwrap_or(&EMPTY)
    }
}

/// Paragraph breaks in the white space between two tokens: each run of
/// white space that holds a line break counts once.
fn gap_breaks(gap: &str) -> u32 {
    let (mut breaks, mut in_break) = (0, false);
    for c in gap.chars() {
        if c == '\n' && !in_break {
            breaks += 1;
            in_break = true;
        } else if !c.is_whitespace() {
            in_break = false;
        }
    }
    breaks
}
