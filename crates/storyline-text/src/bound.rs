//! Sentences of bounded length for the models.
//!
//! A tagger, parser and recogniser read one sentence at a time, and later
//! stages look across a sentence's tokens; a "sentence" of a million tokens
//! (a page without punctuation) would cost far more than its length. Any
//! sentence longer than [`MAX_SENTENCE_TOKENS`] is cut into pieces at the
//! best boundary each stretch offers: a line break, then a semicolon, a
//! colon, a dash, a comma, and only where none is found, a fixed window.

use crate::{Sentence, Token};

/// The most tokens in a sentence the models read. Longer than any sentence
/// of the treebanks and news benchmarks the project measures on (the
/// longest in UD English EWT has 159 words).
pub const MAX_SENTENCE_TOKENS: usize = 250;

/// The longest run of tokens without a sentence boundary that is still
/// read as prose. A longer run (a page of words without punctuation or
/// line breaks) is cut, but left to the text layer: the models would take
/// seconds over something no reader would call sentences.
pub const MAX_PROSE_RUN: usize = 5000;

/// Sentences cut to a bounded length.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bounded {
    /// The sentences, long ones cut into pieces.
    pub sentences: Vec<Sentence>,
    /// For each sentence, whether it is a piece of a run longer than
    /// [`MAX_PROSE_RUN`] tokens, which the models do not read.
    pub unread: Vec<bool>,
    /// One line per sentence that was cut.
    pub warnings: Vec<String>,
}

/// Boundaries a piece may end at, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Boundary {
    Window,
    Comma,
    Dash,
    Colon,
    Semicolon,
    LineBreak,
}

fn boundary_after(text: &str, tokens: &[Token], i: usize) -> Boundary {
    let next = tokens.get(i + 1);
    if next.is_some_and(|n| text[tokens[i].byte_end..n.byte_start].contains('\n')) {
        return Boundary::LineBreak;
    }
    match tokens[i].text(text) {
        ";" => Boundary::Semicolon,
        ":" => Boundary::Colon,
        "—" | "–" | "-" | "--" => Boundary::Dash,
        "," => Boundary::Comma,
        _ => Boundary::Window,
    }
}

/// Cuts every sentence longer than `max` tokens into pieces of at most
/// `max` (and, but for the last, at least half of that), with one warning
/// per sentence that was cut.
pub fn bound_sentences(
    text: &str,
    tokens: &[Token],
    sentences: Vec<Sentence>,
    max: usize,
) -> Bounded {
    let max = max.max(2);
    if sentences.iter().all(|s| s.tokens.len() <= max) {
        let unread = vec![false; sentences.len()];
        return Bounded {
            sentences,
            unread,
            warnings: Vec::new(),
        };
    }
    let mut out = Vec::with_capacity(sentences.len());
    let mut unread = Vec::with_capacity(sentences.len());
    let mut warnings = Vec::new();
    for sentence in sentences {
        if sentence.tokens.len() <= max {
            out.push(sentence);
            unread.push(false);
            continue;
        }
        let before = out.len();
        let mut first = sentence.tokens.start;
        while sentence.tokens.end - first > max {
            let window = first + max / 2..first + max;
            // The best boundary in the window, the latest of its kind.
            let last = window
                .rev()
                .max_by_key(|&i| boundary_after(text, tokens, i))
                .unwrap_or(first + max - 1);
            out.push(piece(tokens, first, last + 1));
            first = last + 1;
        }
        out.push(piece(tokens, first, sentence.tokens.end));
        let prose = sentence.tokens.len() <= MAX_PROSE_RUN;
        unread.resize(out.len(), !prose);
        warnings.push(if prose {
            format!(
                "sentence at characters {}–{} has {} tokens, more than {max}: cut into {} pieces for the models",
                sentence.start,
                sentence.end,
                sentence.tokens.len(),
                out.len() - before
            )
        } else {
            format!(
                "characters {}–{} run {} tokens without a sentence boundary, more than {MAX_PROSE_RUN}: not read as prose (no tags, parse or entities there)",
                sentence.start,
                sentence.end,
                sentence.tokens.len()
            )
        });
    }
    Bounded {
        sentences: out,
        unread,
        warnings,
    }
}

fn piece(tokens: &[Token], first: usize, end: usize) -> Sentence {
    Sentence {
        start: tokens[first].start,
        end: tokens[end - 1].end,
        tokens: first..end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_sentences_pass_unchanged() {
        let text = "One two three. Four five.";
        let (tokens, sentences) = crate::analyse(text);
        let bounded = bound_sentences(text, &tokens, sentences.clone(), 250);
        assert_eq!(bounded.sentences, sentences);
        assert!(bounded.warnings.is_empty());
    }

    #[test]
    fn long_sentence_is_cut_at_commas_then_windows() {
        let text = "a b c d, e f g h i j k l m n o p";
        let (tokens, sentences) = crate::analyse(text);
        let Bounded {
            sentences: bounded,
            unread,
            warnings,
        } = bound_sentences(text, &tokens, sentences, 6);
        assert_eq!(warnings.len(), 1);
        assert!(unread.iter().all(|&u| !u));
        assert!(bounded.iter().all(|s| s.tokens.len() <= 6));
        // The comma closes the first piece.
        assert_eq!(&text[..bounded[0].end], "a b c d,");
        let covered: usize = bounded.iter().map(|s| s.tokens.len()).sum();
        assert_eq!(covered, tokens.len());
    }
}
