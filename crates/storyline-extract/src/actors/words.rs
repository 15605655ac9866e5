//! Word-level views of the token stream: hyphenated compounds split by the
//! tokenizer (`son - in - law`, EWT style) read as one word, and small
//! predicates about tokens that the title and coreference rules share.

use crate::analysis::Analysis;

/// Whether tokens `a` and `a + 1` touch (no space between them).
fn glued(analysis: &Analysis, a: usize) -> bool {
    analysis.tokens[a].byte_end == analysis.tokens[a + 1].byte_start
}

fn is_hyphen(analysis: &Analysis, i: usize) -> bool {
    matches!(analysis.token_text(i), "-" | "‐" | "–")
}

/// The word ending at token `last` (inclusive): its first token. A word is
/// a run of tokens glued by hyphens.
pub fn word_start(analysis: &Analysis, last: usize, floor: usize) -> usize {
    let mut s = last;
    while s > floor
        && glued(analysis, s - 1)
        && (is_hyphen(analysis, s) || is_hyphen(analysis, s - 1))
    {
        s -= 1;
    }
    s
}

/// The word starting at token `first`: one past its last token.
pub fn word_end(analysis: &Analysis, first: usize, ceiling: usize) -> usize {
    let mut e = first + 1;
    while e < ceiling
        && glued(analysis, e - 1)
        && (is_hyphen(analysis, e) || is_hyphen(analysis, e - 1))
    {
        e += 1;
    }
    e
}

/// The text of tokens `a..b` as written (inner spacing kept).
pub fn text(analysis: &Analysis, a: usize, b: usize) -> &str {
    &analysis.text[analysis.tokens[a].byte_start..analysis.tokens[b - 1].byte_end]
}

/// Whether the token starts with an upper-case letter.
pub fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Possessive clitics (`’s`, `'s`, `'`).
pub fn is_possessive_clitic(word: &str) -> bool {
    matches!(word, "'s" | "’s" | "'" | "’" | "'S" | "’S")
}

/// Possessive determiners whose owner is a person or group.
pub fn is_possessive_pronoun(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "his" | "her" | "their" | "its"
    )
}

/// Articles and demonstratives that open a noun phrase.
pub fn is_determiner(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "the" | "a" | "an" | "this" | "that" | "these" | "those"
    )
}

/// Weekday and month names, capitalised but never part of a title.
pub fn is_calendar_word(word: &str) -> bool {
    const WORDS: [&str; 19] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    WORDS.contains(&word.to_lowercase().as_str())
}

/// Word classes that can modify a title head (`foreign policy aide`,
/// `Special Envoy`, `National Security Council Secretary`).
pub fn modifier_class(upos: &str) -> bool {
    matches!(upos, "PROPN" | "NOUN" | "ADJ" | "NUM" | "X" | "")
}
