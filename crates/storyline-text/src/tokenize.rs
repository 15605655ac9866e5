//! The tokenizer: UD English EWT / Penn Treebank conventions in one pass.
//!
//! The text is cut at whitespace into chunks; each chunk is then split by
//! peeling punctuation off both ends and cutting its core at clitics
//! (`ca|n't`, `Putin|’s`), hyphens and other word-internal punctuation.
//! Only slices and byte indices are handled, so a token costs no allocation.

use crate::Token;
use crate::lexicon;

/// Splits `text` into tokens following the UD English EWT conventions.
///
/// Offsets are code point offsets (end-exclusive) plus byte offsets; no token
/// is empty or contains whitespace, and tokens come in text order.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut pieces = Vec::new();
    let mut tail = Vec::new();
    let mut chunks = Chunks::new(text).peekable();
    while let Some(chunk) = chunks.next() {
        // Only a period can need the look-ahead; skip the lexicon otherwise.
        let has_period = chunk.text.as_bytes().contains(&b'.');
        let may_end = has_period
            && match chunks.peek() {
                None => true,
                Some(next) => {
                    is_paragraph_break(&text[chunk.byte_end()..next.byte_start])
                        || starts_with_sentence_starter(next.text)
                }
            };
        pieces.clear();
        split_chunk(chunk.text, may_end, &mut pieces, &mut tail);
        push_tokens(&chunk, &pieces, &mut tokens);
    }
    tokens
}

/// A maximal run of non-whitespace characters.
struct Chunk<'a> {
    text: &'a str,
    byte_start: usize,
    char_start: usize,
}

impl Chunk<'_> {
    fn byte_end(&self) -> usize {
        self.byte_start + self.text.len()
    }
}

/// Iterates over the whitespace-separated chunks of a text, counting code
/// points on the way so no second pass is needed for offsets.
struct Chunks<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> Chunks<'a> {
    fn new(text: &'a str) -> Self {
        Chunks {
            text,
            byte: 0,
            chars: 0,
        }
    }
}

impl<'a> Iterator for Chunks<'a> {
    type Item = Chunk<'a>;

    fn next(&mut self) -> Option<Chunk<'a>> {
        let rest = &self.text[self.byte..];
        let mut start = None;
        let mut start_chars = 0;
        for (offset, c) in rest.char_indices() {
            let white = c.is_whitespace();
            match (start, white) {
                (None, false) => {
                    start = Some(offset);
                    start_chars = self.chars;
                }
                (Some(s), true) => {
                    let chunk = Chunk {
                        text: &rest[s..offset],
                        byte_start: self.byte + s,
                        char_start: start_chars,
                    };
                    self.byte += offset;
                    return Some(chunk);
                }
                _ => {}
            }
            self.chars += 1;
        }
        self.byte = self.text.len();
        start.map(|s| Chunk {
            text: &rest[s..],
            byte_start: self.text.len() - rest.len() + s,
            char_start: start_chars,
        })
    }
}

/// Converts chunk-relative byte ranges into tokens with absolute offsets.
fn push_tokens(chunk: &Chunk, pieces: &[(usize, usize)], tokens: &mut Vec<Token>) {
    let mut byte = 0;
    let mut chars = 0;
    let mut advance = |to: usize| {
        chars += chunk.text[byte..to].chars().count();
        byte = to;
        chars
    };
    for &(start, end) in pieces {
        let char_start = advance(start);
        let char_end = advance(end);
        tokens.push(Token {
            start: chunk.char_start + char_start,
            end: chunk.char_start + char_end,
            byte_start: chunk.byte_start + start,
            byte_end: chunk.byte_start + end,
        });
    }
}

/// Whether the whitespace between two chunks contains a blank line.
pub(crate) fn is_paragraph_break(gap: &str) -> bool {
    gap.bytes().filter(|&b| b == b'\n').count() >= 2 || gap.contains('\u{2029}')
}

/// Whether a chunk begins (after opening quotes or brackets) with a word that
/// typically starts a sentence, which lets an abbreviation before it end one.
fn starts_with_sentence_starter(chunk: &str) -> bool {
    let word = chunk.trim_start_matches(is_opening);
    let end = word
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(word.len(), |(i, _)| i);
    lexicon::is_sentence_starter(&word[..end])
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '{' | '«' | '`')
}

/// Punctuation split off the front of a chunk (runs of one character form
/// one token: `((`, `''`, `<<`).
fn is_leading_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '“'
            | '”'
            | '‘'
            | '’'
            | '\''
            | '('
            | '['
            | '{'
            | '«'
            | '‹'
            | '<'
            | '`'
            | '*'
            | '|'
            | '~'
            | '¡'
            | '¿'
            | '—'
            | '–'
            | '$'
            | '£'
            | '€'
            | '¥'
            | '…'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '>'
            | '»'
    )
}

/// Punctuation split off the end of a chunk (periods are decided separately).
fn is_trailing_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '”'
            | '’'
            | '“'
            | '\''
            | ')'
            | ']'
            | '}'
            | '»'
            | '›'
            | '>'
            | ','
            | ';'
            | ':'
            | '*'
            | '|'
            | '%'
            | '—'
            | '–'
            | '…'
            | '('
            | '['
            | '-'
    )
}

/// Apostrophe-initial clitics that stand alone (`'s` written apart).
fn is_bare_clitic(s: &str) -> bool {
    let rest = s.trim_start_matches(['\'', '’']);
    rest.len() < s.len()
        && matches!(
            rest.to_ascii_lowercase().as_str(),
            "s" | "m" | "d" | "re" | "ve" | "ll"
        )
}

/// Length in bytes of the run of `c` at the start of `s`.
fn run_len(s: &str, c: char) -> usize {
    s.len() - s.trim_start_matches(c).len()
}

/// Length in bytes of the run of `c` at the end of `s`.
fn run_len_back(s: &str, c: char) -> usize {
    s.len() - s.trim_end_matches(c).len()
}

/// Splits one chunk into byte ranges relative to the chunk.
fn split_chunk(
    s: &str,
    may_end: bool,
    out: &mut Vec<(usize, usize)>,
    tail: &mut Vec<(usize, usize)>,
) {
    let (mut lo, mut hi) = (0, s.len());
    if is_emoticon(s) {
        out.push((lo, hi));
        return;
    }
    while lo < hi {
        match leading_len(&s[lo..hi]) {
            Some(len) => {
                out.push((lo, lo + len));
                lo += len;
            }
            None => break,
        }
    }
    tail.clear();
    while lo < hi {
        match trailing_len(&s[lo..hi], may_end) {
            Some(len) => {
                tail.push((hi - len, hi));
                hi -= len;
            }
            None => break,
        }
    }
    if lo < hi {
        split_core(s, lo, hi, out);
    }
    out.extend(tail.drain(..).rev());
}

/// Length of the punctuation token at the front of `rest`, if any.
fn leading_len(rest: &str) -> Option<usize> {
    let mut chars = rest.chars();
    let c = chars.next()?;
    let next = chars.next();
    match c {
        // Hashtags and handles stay whole.
        '#' | '@' if next.is_some_and(char::is_alphanumeric) => None,
        '.' if rest.starts_with("..") => Some(run_len(rest, '.')),
        '-' if rest.starts_with("--") => Some(run_len(rest, '-')),
        // A leading hyphen before a number is a minus sign.
        '-' if next.is_some_and(|n| n.is_ascii_digit()) => None,
        '-' => Some(1),
        '\'' | '’' if is_bare_clitic(rest) => None,
        '$' | '£' | '€' | '¥' => Some(c.len_utf8()),
        c if is_leading_punct(c) => Some(run_len(rest, c)),
        _ => None,
    }
}

/// Length of the punctuation token at the end of `rest`, if any.
fn trailing_len(rest: &str, may_end: bool) -> Option<usize> {
    let c = rest.chars().next_back()?;
    match c {
        '.' | '!' | '?' => {
            let run = rest.len() - rest.trim_end_matches(['.', '!', '?']).len();
            if run > 1 {
                return Some(run);
            }
            if c == '.' && keeps_period(&rest[..rest.len() - 1], may_end) {
                return None;
            }
            Some(1)
        }
        c if is_trailing_punct(c) => {
            if rest.len() == c.len_utf8() {
                return Some(rest.len());
            }
            Some(run_len_back(rest, c))
        }
        _ => None,
    }
}

/// Whether a word keeps its final period: titles always do; abbreviations,
/// initials and dotted acronyms do unless the period also ends the sentence
/// (then EWT writes `U.S` `.`).
fn keeps_period(core: &str, may_end: bool) -> bool {
    if core.is_empty() {
        return false;
    }
    if lexicon::is_title_abbreviation(core) {
        return true;
    }
    let abbreviation =
        lexicon::is_abbreviation(core) || is_initial(core) || is_dotted_acronym(core);
    abbreviation && !may_end
}

/// A single letter, as in `J. R. R. Tolkien`.
fn is_initial(core: &str) -> bool {
    let mut chars = core.chars();
    chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none()
}

/// Short letter groups joined by periods: `U.S`, `e.g`, `p.m`, `Ph.D`.
fn is_dotted_acronym(core: &str) -> bool {
    core.contains('.')
        && core
            .split('.')
            .all(|part| (1..=3).contains(&part.len()) && part.chars().all(char::is_alphabetic))
}

/// Splits the core of a chunk (no leading or trailing punctuation left).
fn split_core(s: &str, lo: usize, hi: usize, out: &mut Vec<(usize, usize)>) {
    let core = &s[lo..hi];
    if is_whole_word(core) {
        out.push((lo, hi));
        return;
    }
    if let Some(split) = fused_split(core) {
        out.push((lo, lo + split));
        out.push((lo + split, hi));
        return;
    }
    if let Some(split) = unit_split(core) {
        out.push((lo, lo + split));
        out.push((lo + split, hi));
        return;
    }
    let stem_end = hi - clitic_len(core);
    split_internal(s, lo, stem_end, out);
    if stem_end < hi {
        out.push((stem_end, hi));
    }
}

/// URLs, e-mail addresses, hashtags and handles are never split inside.
fn is_whole_word(core: &str) -> bool {
    if is_emoticon(core) {
        return true;
    }
    if core.contains("://")
        || core
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("www."))
    {
        return true;
    }
    if core.starts_with('#') || core.starts_with('@') {
        return true;
    }
    match core.find('@') {
        Some(at) => at > 0 && core[at..].contains('.'),
        None => false,
    }
}

/// `:)`, `;-)`, `:D`: kept whole as in EWT.
fn is_emoticon(s: &str) -> bool {
    let b = s.as_bytes();
    let (eyes, mouth) = match b {
        [e, m] => (*e, *m),
        [e, b'-', m] => (*e, *m),
        _ => return false,
    };
    matches!(eyes, b':' | b';') && matches!(mouth, b')' | b'(' | b'D' | b'P' | b'p')
}

/// A number glued to a unit (`5pm`, `65k`, `$170m` after the `$`): EWT
/// writes the unit as its own word. Returns where the unit starts.
fn unit_split(core: &str) -> Option<usize> {
    const UNITS: [&str; 17] = [
        "am", "pm", "AM", "PM", "k", "K", "m", "M", "bn", "b", "B", "mm", "cm", "km", "kg", "ft",
        "mph",
    ];
    let unit = core.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    let number = &core[..core.len() - unit.len()];
    let is_number = number.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && number
            .bytes()
            .next_back()
            .is_some_and(|b| b.is_ascii_digit());
    (is_number && UNITS.contains(&unit)).then_some(number.len())
}

/// Words EWT writes as two without an apostrophe: `can|not`, `gon|na`.
fn fused_split(core: &str) -> Option<usize> {
    const FUSED: [(&str, usize); 4] = [("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3)];
    // Negations typed without the apostrophe (`dont`); `cant` and `wont` are
    // left alone because they are also words.
    const NEGATIONS: [&str; 12] = [
        "dont", "didnt", "doesnt", "isnt", "wasnt", "arent", "werent", "havent", "hasnt",
        "couldnt", "wouldnt", "shouldnt",
    ];
    if let Some(&(_, split)) = FUSED
        .iter()
        .find(|(word, _)| core.eq_ignore_ascii_case(word))
    {
        return Some(split);
    }
    NEGATIONS
        .iter()
        .any(|word| core.eq_ignore_ascii_case(word))
        .then(|| core.len() - 2)
}

/// Byte length of a clitic at the end of a word (`n't`, `'s`, `’ll`), or 0.
fn clitic_len(core: &str) -> usize {
    const NEGATION: [&str; 2] = ["n't", "n’t"];
    const CLITICS: [&str; 6] = ["s", "m", "d", "re", "ve", "ll"];
    for suffix in NEGATION {
        if ends_with_ignore_case(core, suffix) && core.len() > suffix.len() {
            return suffix.len();
        }
    }
    for clitic in CLITICS {
        for apostrophe in ['\'', '’'] {
            let len = clitic.len() + apostrophe.len_utf8();
            if core.len() <= len || !ends_with_ignore_case(core, clitic) {
                continue;
            }
            let stem = &core[..core.len() - clitic.len()];
            if stem.ends_with(apostrophe)
                && stem[..stem.len() - apostrophe.len_utf8()]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            {
                return len;
            }
        }
    }
    0
}

fn ends_with_ignore_case(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.is_char_boundary(s.len() - suffix.len())
        && s[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

/// Cuts a word at internal punctuation: hyphens between words (except after
/// prefixes like `non-`), dashes, slashes between words, commas and colons
/// not between digits, brackets, quotes and ellipses.
fn split_internal(s: &str, lo: usize, hi: usize, out: &mut Vec<(usize, usize)>) {
    let word = &s[lo..hi];
    let mut segment = 0;
    let mut prev: Option<char> = None;
    let mut iter = word.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let cut = match c {
            '-' if word[i..].starts_with("--") => Some(run_len(&word[i..], '-')),
            '.' if word[i..].starts_with("..") => Some(run_len(&word[i..], '.')),
            '-' => (!keeps_hyphen(word, segment, i, prev, next)).then_some(1),
            '/' | ',' | ':' => {
                let digits = prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit());
                (!digits).then_some(1)
            }
            '—' | '–' | '…' | ';' | '!' | '?' | '"' | '“' | '”' | '(' | ')' | '[' | ']' => {
                Some(run_len(&word[i..], c))
            }
            _ => None,
        };
        if let Some(len) = cut {
            if i > segment {
                out.push((lo + segment, lo + i));
            }
            out.push((lo + i, lo + i + len));
            segment = i + len;
            // Skip the rest of the run.
            while iter.peek().is_some_and(|&(j, _)| j < segment) {
                iter.next();
            }
            prev = word[..segment].chars().next_back();
            continue;
        }
        prev = Some(c);
    }
    if segment < word.len() {
        out.push((lo + segment, hi));
    }
}

/// Whether a single hyphen at `i` stays inside the word: after a prefix
/// (`e-mail`), inside phone numbers (`713-853-3989`), or not between two
/// word characters at all.
fn keeps_hyphen(
    word: &str,
    segment: usize,
    i: usize,
    prev: Option<char>,
    next: Option<char>,
) -> bool {
    let (Some(p), Some(n)) = (prev, next) else {
        return true;
    };
    if !p.is_alphanumeric() || !n.is_alphanumeric() {
        return true;
    }
    let left = &word[segment..i];
    let left_part = left.rsplit('-').next().unwrap_or(left);
    if p.is_ascii_digit() && n.is_ascii_digit() {
        let left_digits = left_part.len()
            - left_part
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .len();
        let right = &word[i + 1..];
        let right_digits =
            right.len() - right.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        return left_digits == 3 && right_digits >= 3;
    }
    lexicon::is_hyphen_prefix(left_part)
}
