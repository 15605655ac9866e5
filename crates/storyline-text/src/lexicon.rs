//! Hand-written word lists the tokenizer and segmenter consult.
//!
//! The lists live in `lexicons/` at the workspace root so that non-programmers
//! can review them; they are compiled in with `include_str!` so the crate does
//! no I/O at run time.

use std::collections::HashSet;
use std::sync::OnceLock;

const ABBREVIATIONS: &str = include_str!("../../../lexicons/abbreviations.txt");
const TITLE_ABBREVIATIONS: &str = include_str!("../../../lexicons/title_abbreviations.txt");
const SENTENCE_STARTERS: &str = include_str!("../../../lexicons/sentence_starters.txt");
const HYPHEN_PREFIXES: &str = include_str!("../../../lexicons/hyphen_prefixes.txt");

/// The entries of a lexicon file: one per line, `#` starts a comment line.
fn entries(source: &'static str) -> HashSet<&'static str> {
    source
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
}

fn set(
    cell: &'static OnceLock<HashSet<&'static str>>,
    source: &'static str,
) -> &'static HashSet<&'static str> {
    cell.get_or_init(|| entries(source))
}

/// Whether `word` (without its period) is a title such as `Mr` or `Gen`,
/// which keeps its period and never ends a sentence.
pub fn is_title_abbreviation(word: &str) -> bool {
    static CELL: OnceLock<HashSet<&'static str>> = OnceLock::new();
    set(&CELL, TITLE_ABBREVIATIONS).contains(word)
}

/// Whether `word` (without its period) is an abbreviation such as `Sept` or
/// `Inc` that keeps its period but may end a sentence.
pub fn is_abbreviation(word: &str) -> bool {
    static CELL: OnceLock<HashSet<&'static str>> = OnceLock::new();
    set(&CELL, ABBREVIATIONS).contains(word)
}

/// Whether `word` is a capitalised word that typically starts a sentence.
pub fn is_sentence_starter(word: &str) -> bool {
    static CELL: OnceLock<HashSet<&'static str>> = OnceLock::new();
    set(&CELL, SENTENCE_STARTERS).contains(word)
}

/// Whether `prefix` stays attached across a hyphen (`e-mail`, `non-profit`).
/// Compared case-insensitively; prefixes are short ASCII words.
pub fn is_hyphen_prefix(prefix: &str) -> bool {
    static CELL: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let mut buf = [0u8; 16];
    if prefix.len() > buf.len() || !prefix.is_ascii() {
        return false;
    }
    let lower = &mut buf[..prefix.len()];
    lower.copy_from_slice(prefix.as_bytes());
    lower.make_ascii_lowercase();
    // ASCII lowercasing keeps the bytes valid UTF-8.
    let lower = std::str::from_utf8(lower).unwrap_or_default();
    set(&CELL, HYPHEN_PREFIXES).contains(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load() {
        assert!(is_title_abbreviation("Mr"));
        assert!(is_abbreviation("Sept"));
        assert!(!is_abbreviation("the"));
        assert!(is_sentence_starter("The"));
        assert!(!is_sentence_starter("the"));
        assert!(is_hyphen_prefix("Non"));
        assert!(!is_hyphen_prefix("son"));
    }
}
