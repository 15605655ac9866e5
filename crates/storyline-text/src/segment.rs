//! The sentence segmenter: boundaries after terminal punctuation and at
//! paragraph breaks, decided over the tokens.
//!
//! Abbreviation periods are already decided by the tokenizer (a period that
//! stays on `Mr.` or `U.S.` is not a sentence end; one split off `U.S` is), so
//! here a standalone `.`, `?`, `!` or ellipsis is a candidate, closing quotes
//! and brackets right after it join the ending sentence, and the next word
//! decides.

use crate::tokenize::is_paragraph_break;
use crate::{Sentence, Token};

/// A line shorter than this (in code points) that ends without punctuation
/// and is followed by a line break is taken as a heading or list item.
const SHORT_LINE: usize = 60;

/// Groups `tokens` (as produced by [`crate::tokenize`] on `text`) into
/// sentences. Every token belongs to exactly one sentence, in order.
pub fn segment(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut first = 0;
    let mut i = 0;
    while i < tokens.len() {
        let mut last = i;
        let mut boundary = false;
        if is_terminator(tokens[i].text(text)) && !is_list_number(text, tokens, first, i) {
            let mut next = i + 1;
            let mut quoted = false;
            let mut spaced_dots = false;
            // `. . .`, `? ? ?` and closing quotes or brackets stay with the
            // sentence they end.
            while next < tokens.len() && !is_paragraph_break(gap(text, tokens, next - 1)) {
                if is_closer(text, tokens, next) {
                    quoted = true;
                } else if is_terminator(tokens[next].text(text)) {
                    spaced_dots = true;
                } else {
                    break;
                }
                next += 1;
            }
            last = next - 1;
            boundary =
                next == tokens.len() || starts_sentence(text, tokens, i, next, quoted, spaced_dots);
        }
        if !boundary && last + 1 < tokens.len() {
            boundary = line_break_ends_sentence(text, tokens, last);
        }
        if boundary || last + 1 == tokens.len() {
            sentences.push(Sentence {
                start: tokens[first].start,
                end: tokens[last].end,
                tokens: first..last + 1,
            });
            first = last + 1;
        }
        i = last + 1;
    }
    sentences
}

/// The whitespace between token `i` and the next one.
fn gap<'a>(text: &'a str, tokens: &[Token], i: usize) -> &'a str {
    &text[tokens[i].byte_end..tokens[i + 1].byte_start]
}

/// Sentence-final punctuation: `.`, `?`, `!`, runs of them, ellipses.
fn is_terminator(token: &str) -> bool {
    !token.is_empty() && token.chars().all(|c| matches!(c, '.' | '?' | '!' | '…'))
}

fn is_ellipsis(token: &str) -> bool {
    token == "…" || token.starts_with("..")
}

/// A one- or two-digit number opening the sentence before `.`: a list item
/// (`1. The pricing…`), whose period does not end a sentence.
fn is_list_number(text: &str, tokens: &[Token], first: usize, terminator: usize) -> bool {
    terminator == first + 1
        && tokens[terminator].text(text) == "."
        && tokens[first].byte_end == tokens[terminator].byte_start
        && matches!(tokens[first].text(text).len(), 1 | 2)
        && tokens[first].text(text).bytes().all(|b| b.is_ascii_digit())
}

/// URLs and e-mail addresses usually stand on their own.
fn is_link(token: &str) -> bool {
    token.contains("://") || token.starts_with("www.") || token.contains('@')
}

/// Whether token `j` closes a quotation or bracket that the preceding
/// terminator ends (`left.”`, `left.)`).
fn is_closer(text: &str, tokens: &[Token], j: usize) -> bool {
    let attached = tokens[j - 1].byte_end == tokens[j].byte_start;
    match tokens[j].text(text) {
        "”" | "»" | "’" | "’’" => !is_paragraph_break(gap(text, tokens, j - 1)),
        ")" | "]" | "}" => true,
        "\"" | "'" | "''" => attached,
        _ => false,
    }
}

/// Whether the token at `next` starts a new sentence after the terminator at
/// `terminator` (closing quotes in between already joined the sentence).
fn starts_sentence(
    text: &str,
    tokens: &[Token],
    terminator: usize,
    next: usize,
    quoted: bool,
    spaced_dots: bool,
) -> bool {
    if is_paragraph_break(gap(text, tokens, next - 1)) {
        return true;
    }
    let term = tokens[terminator].text(text);
    // `. . .` written with spaces is an ellipsis too.
    let ellipsis = is_ellipsis(term) || spaced_dots;
    // Look through opening quotes and brackets to the first word.
    let mut word = next;
    while word + 1 < tokens.len() && is_opener(tokens[word].text(text)) {
        word += 1;
    }
    let Some(c) = tokens[word].text(text).chars().next() else {
        return true;
    };
    if c.is_uppercase() {
        return true;
    }
    if is_link(tokens[word].text(text)) {
        return true;
    }
    if c.is_lowercase() {
        // `“Why?” he asked.` and `I was... thinking` continue; a bare period
        // or question mark before a lower-case word is a sentence end in
        // informal text.
        return !quoted && !ellipsis;
    }
    if c.is_numeric() {
        return !ellipsis;
    }
    !quoted && !ellipsis
}

fn is_opener(token: &str) -> bool {
    matches!(token, "“" | "\"" | "‘" | "'" | "(" | "[" | "«" | "``")
}

/// Whether the line break after token `last` ends the sentence: a blank line
/// always does; a single line break does when the next line is indented or a
/// list item, or when the current line is short, like a heading.
fn line_break_ends_sentence(text: &str, tokens: &[Token], last: usize) -> bool {
    let gap = gap(text, tokens, last);
    if is_paragraph_break(gap) {
        return true;
    }
    let Some(newline) = gap.rfind('\n') else {
        return false;
    };
    let indented = newline + 1 < gap.len();
    let next = tokens[last + 1].text(text);
    let bullet = matches!(next, "-" | "*" | "•" | "–" | "—" | "·");
    if indented || bullet {
        return true;
    }
    let line_start = text[..tokens[last].byte_start]
        .rfind('\n')
        .map_or(0, |n| n + 1);
    let line = text[line_start..tokens[last].byte_end].trim();
    let last_char = line.chars().next_back();
    let continues =
        last_char.is_some_and(|c| matches!(c, ',' | ';' | ':' | '-' | '(') || c.is_lowercase());
    let next_upper = next
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric());
    !continues && next_upper && line.chars().count() < SHORT_LINE
}
