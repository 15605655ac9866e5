//! Gazetteers: lists of known names, matched as token sequences.
//!
//! Entries are hashed as sequences of normalised lower-case tokens, so one
//! hash lookup per candidate span finds every list a span belongs to. The
//! lists are compiled into the binary (`include_str!`), so a model file
//! never depends on files beside it.

use std::collections::HashMap;

use crate::features::{FeatureHasher, PassThrough};

/// Kinds of gazetteer entries (bit positions in a match mask).
pub const KINDS: [&str; 5] = ["LOC", "ORG", "PER-first", "PER-last", "DEMONYM"];
/// Place names: countries, capitals, large cities, US states, continents.
pub const LOC: u8 = 1;
/// Organisations.
pub const ORG: u8 = 2;
/// Given names.
pub const FIRST: u8 = 4;
/// Surnames.
pub const LAST: u8 = 8;
/// Nationality adjectives and nouns (`Russian`, `Britons`).
pub const DEMONYM: u8 = 16;

/// Longest span looked up, in tokens.
pub const MAX_SPAN: usize = 6;

const LOC_TXT: &str = include_str!("../../../../lexicons/gazetteer-loc.txt");
const ORG_TXT: &str = include_str!("../../../../lexicons/gazetteer-org.txt");
const FIRST_TXT: &str = include_str!("../../../../lexicons/gazetteer-per-first.txt");
const LAST_TXT: &str = include_str!("../../../../lexicons/gazetteer-per-last.txt");
const DEMONYMS_TXT: &str = include_str!("../../../../lexicons/demonyms.txt");

/// One gazetteer hit: tokens `start..end` are an entry of the kinds in `mask`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GazMatch {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Bit mask of [`LOC`], [`ORG`], ….
    pub mask: u8,
}

/// A set of gazetteers keyed by normalised token sequences.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entries: HashMap<u64, u8, PassThrough>,
    max_len: usize,
}

/// Lower-cases a token and unifies typographic apostrophes and quotes, so
/// `Putin’s` and `Putin's` look alike.
pub fn normalize(token: &str) -> String {
    token
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Splits a gazetteer entry into tokens the way news text is tokenised:
/// at spaces, with a possessive `'s` and a trailing comma split off.
fn entry_tokens(entry: &str) -> Vec<String> {
    let mut out = Vec::new();
    for word in entry.split_whitespace() {
        let word = normalize(word);
        let (word, comma) = match word.strip_suffix(',') {
            Some(w) => (w.to_string(), true),
            None => (word, false),
        };
        match word.strip_suffix("'s") {
            Some(stem) if !stem.is_empty() => {
                out.push(stem.to_string());
                out.push("'s".to_string());
            }
            _ => out.push(word),
        }
        if comma {
            out.push(",".to_string());
        }
    }
    out
}

fn key<S: AsRef<str>>(tokens: &[S]) -> u64 {
    let mut h = FeatureHasher::new(0);
    for t in tokens {
        h = h.str(t.as_ref());
    }
    h.finish()
}

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new() -> Self {
        Self::default()
    }

    /// The gazetteers shipped in `lexicons/`.
    pub fn builtin() -> Self {
        let mut g = Gazetteer::new();
        g.add_lines(LOC_TXT, LOC);
        g.add_lines(ORG_TXT, ORG);
        g.add_lines(FIRST_TXT, FIRST);
        g.add_lines(LAST_TXT, LAST);
        for line in DEMONYMS_TXT.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            for (i, col) in cols.iter().enumerate() {
                // Column 0 and 3 name the country, 1 and 2 its people.
                let kind = if i == 0 || i == 3 { LOC } else { DEMONYM };
                for name in col.split('|').filter(|s| !s.is_empty()) {
                    g.add(name, kind);
                }
            }
        }
        g
    }

    /// Adds every non-empty, non-comment line of `text` as an entry.
    pub fn add_lines(&mut self, text: &str, kind: u8) {
        for line in text.lines() {
            let line = line.trim();
            if !line.is_empty() && !line.starts_with('#') {
                self.add(line, kind);
            }
        }
    }

    /// Adds one entry (a name, tokenised at spaces) of kind `kind`.
    pub fn add(&mut self, entry: &str, kind: u8) {
        let tokens = entry_tokens(entry);
        if tokens.is_empty() || tokens.len() > MAX_SPAN {
            return;
        }
        self.max_len = self.max_len.max(tokens.len());
        *self.entries.entry(key(&tokens)).or_insert(0) |= kind;
    }

    /// Number of distinct entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Kinds of the entry spelled by `tokens` (0 if none).
    pub fn lookup<S: AsRef<str>>(&self, tokens: &[S]) -> u8 {
        let norm: Vec<String> = tokens.iter().map(|t| normalize(t.as_ref())).collect();
        self.entries.get(&key(&norm)).copied().unwrap_or(0)
    }

    /// Every span of `normalized` tokens (see [`normalize`]) that is an entry.
    pub fn matches<S: AsRef<str>>(&self, normalized: &[S]) -> Vec<GazMatch> {
        let mut out = Vec::new();
        for start in 0..normalized.len() {
            let mut h = FeatureHasher::new(0);
            for end in start + 1..=(start + self.max_len).min(normalized.len()) {
                h = h.str(normalized[end - 1].as_ref());
                if let Some(&mask) = self.entries.get(&h.finish()) {
                    out.push(GazMatch { start, end, mask });
                }
            }
        }
        out
    }
}
