//! Token features of one sentence, in the spirit of Ratinov & Roth (2009):
//! word forms in a ±2 window, shapes, affixes, capitalisation patterns,
//! gazetteer matches with their BILOU position, and a case profile of the
//! word learned from the training text (is it usually written lower-case?),
//! which tells `UPDATE:` and `Stay` at the start of a sentence from names.

use std::collections::HashMap;

use crate::features::{Feature, FeatureHasher, PassThrough};

use super::gazetteer::{Gazetteer, KINDS, normalize};

/// What the features of one sentence are computed from, kept for the
/// document-level second pass.
#[derive(Debug, Clone, Default)]
pub struct SentenceInfo {
    /// Normalised lower-case forms (digits as `0`).
    pub lower: Vec<String>,
    /// Whether each token starts with an upper-case letter.
    pub cap: Vec<bool>,
    /// Tokens that may only be outside an entity (hashtags, URLs, handles).
    pub forced_o: Vec<bool>,
}

/// How a word is usually written in the training text, by lower-case key.
#[derive(Debug, Clone, Default)]
pub struct CaseProfile {
    /// 1 = mostly lower-case, 2 = mixed, 3 = mostly capitalised.
    pub classes: HashMap<u64, u8, PassThrough>,
}

impl CaseProfile {
    /// Counts, for each word seen at least twice away from the start of a
    /// sentence in mixed-case text, how often it was capitalised.
    pub fn build<W: AsRef<[S]>, S: AsRef<str>>(sentences: &[W]) -> Self {
        let mut counts: HashMap<u64, (u32, u32), PassThrough> = HashMap::default();
        for s in sentences {
            let s = s.as_ref();
            if all_caps_sentence(s) {
                continue;
            }
            for w in s.iter().skip(1) {
                let w = w.as_ref();
                if !w.chars().any(char::is_alphabetic) {
                    continue;
                }
                let c = counts.entry(word_key(&normalize(w))).or_default();
                if starts_upper(w) {
                    c.1 += 1;
                } else {
                    c.0 += 1;
                }
            }
        }
        let classes = counts
            .into_iter()
            .filter(|(_, (l, u))| l + u >= 2)
            .map(|(k, (l, u))| {
                let class = if l >= 3 * u {
                    1
                } else if u >= 3 * l {
                    3
                } else {
                    2
                };
                (k, class)
            })
            .collect();
        CaseProfile { classes }
    }

    fn class(&self, lower: &str) -> u8 {
        self.classes.get(&word_key(lower)).copied().unwrap_or(0)
    }
}

fn word_key(lower: &str) -> u64 {
    FeatureHasher::new(0xCA5E).str(lower).finish()
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Whether every token with two or more letters is written in capitals
/// (headlines, datelines).
pub fn all_caps_sentence<S: AsRef<str>>(words: &[S]) -> bool {
    let mut any = false;
    for w in words {
        let w = w.as_ref();
        if w.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
            if w.chars().any(char::is_lowercase) {
                return false;
            }
            any = true;
        }
    }
    any
}

/// Whether the sentence is in title case (a headline: at least three
/// words of two or more letters, three quarters of them capitalised), where
/// capitals say as little as in an all-caps headline.
pub fn title_case_sentence<S: AsRef<str>>(words: &[S]) -> bool {
    let (mut total, mut caps) = (0, 0);
    for w in words {
        let w = w.as_ref();
        if w.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
            total += 1;
            caps += usize::from(starts_upper(w));
        }
    }
    total >= 3 && caps * 4 >= total * 3
}

/// The character shape: `Xxxx` → `Xxxx` (capped at 8 chars), digits `d`.
fn shape(w: &str, collapse: bool) -> String {
    let mut out = String::new();
    let mut last = '\0';
    let mut n = 0;
    for c in w.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if collapse && s == last {
            continue;
        }
        last = s;
        out.push(s);
        n += 1;
        if n >= 8 {
            break;
        }
    }
    out
}

fn is_forced_o(w: &str) -> bool {
    let hashtag = w.len() > 1 && (w.starts_with('#') || w.starts_with('@'));
    hashtag || w.starts_with("http://") || w.starts_with("https://") || w.starts_with("www.")
}

// Feature template numbers (stable: changing one invalidates models).
const T_BIAS: u32 = 0;
const T_LOWER: u32 = 1;
const T_WORD: u32 = 2;
const T_SHAPE: u32 = 3;
const T_SHORT: u32 = 4;
const T_PREFIX: u32 = 5;
const T_SUFFIX: u32 = 6;
const T_WIN_LOWER: u32 = 7;
const T_WIN_SHORT: u32 = 8;
const T_BIGRAM_L: u32 = 9;
const T_BIGRAM_R: u32 = 10;
const T_CAPS: u32 = 11;
const T_ALLCAPS_LOWER: u32 = 12;
const T_ALLCAPS_SHAPE: u32 = 13;
const T_FIRST_LOWER: u32 = 14;
const T_GAZ: u32 = 15;
const T_GAZ_CAP: u32 = 16;
const T_GAZ_WIN: u32 = 17;
const T_CASE: u32 = 18;
const T_SHAPE3: u32 = 19;
const T_HYPHEN: u32 = 20;
const T_GAZ_LEN: u32 = 21;
const T_CASE_WIN: u32 = 22;

/// Computes the features of every token of `words` into `out` (one vector
/// per token; `out` is resized).
pub fn sentence_features<S: AsRef<str>>(
    words: &[S],
    gaz: &Gazetteer,
    case: &CaseProfile,
    out: &mut Vec<Vec<Feature>>,
) -> SentenceInfo {
    let n = words.len();
    let norm: Vec<String> = words.iter().map(|w| normalize(w.as_ref())).collect();
    let lower: Vec<String> = norm
        .iter()
        .map(|w| {
            w.chars()
                .map(|c| if c.is_ascii_digit() { '0' } else { c })
                .collect()
        })
        .collect();
    let cap: Vec<bool> = words.iter().map(|w| starts_upper(w.as_ref())).collect();
    let short: Vec<String> = words.iter().map(|w| shape(w.as_ref(), true)).collect();
    let cases: Vec<u8> = norm.iter().map(|w| case.class(w)).collect();
    // Headlines in capitals or title case: the capitals carry no signal,
    // so the lower-case form and the case profile must do the work.
    let allcaps = all_caps_sentence(words) || title_case_sentence(words);
    // The first word, after any opening quotes or brackets.
    let first = words
        .iter()
        .position(|w| w.as_ref().chars().any(char::is_alphanumeric))
        .unwrap_or(0);
    let forced_o: Vec<bool> = words.iter().map(|w| is_forced_o(w.as_ref())).collect();

    // Gazetteer hits per token: (kind bit, BILOU position, span length).
    let mut gaz_hits: Vec<Vec<(u8, u8, u8)>> = vec![Vec::new(); n];
    for m in gaz.matches(&norm) {
        let len = m.end - m.start;
        for (i, hits) in gaz_hits.iter_mut().enumerate().take(m.end).skip(m.start) {
            let pos = if len == 1 {
                3
            } else if i == m.start {
                0
            } else if i + 1 == m.end {
                2
            } else {
                1
            };
            for k in 0..KINDS.len() as u8 {
                if m.mask & (1 << k) != 0 {
                    hits.push((k, pos, len.min(4) as u8));
                }
            }
        }
    }

    let lw = |j: isize| -> &str {
        if j < 0 {
            "<s>"
        } else if j as usize >= n {
            "</s>"
        } else {
            &lower[j as usize]
        }
    };
    let sh = |j: isize| -> &str {
        if j < 0 || j as usize >= n {
            "_"
        } else {
            &short[j as usize]
        }
    };
    out.resize_with(n, Vec::new);
    for (i, f) in out.iter_mut().enumerate() {
        f.clear();
        let ii = i as isize;
        let w = words[i].as_ref();
        let l = &lower[i];
        f.push(FeatureHasher::new(T_BIAS).finish());
        f.push(FeatureHasher::new(T_LOWER).str(l).finish());
        f.push(FeatureHasher::new(T_WORD).str(w).finish());
        f.push(FeatureHasher::new(T_SHAPE).str(&shape(w, false)).finish());
        f.push(FeatureHasher::new(T_SHORT).str(&short[i]).finish());
        let chars: Vec<char> = l.chars().collect();
        for k in 1..=4.min(chars.len()) {
            let p: String = chars[..k].iter().collect();
            let s: String = chars[chars.len() - k..].iter().collect();
            f.push(FeatureHasher::new(T_PREFIX).str(&p).finish());
            f.push(FeatureHasher::new(T_SUFFIX).str(&s).finish());
        }
        for d in [-2isize, -1, 1, 2] {
            f.push(
                FeatureHasher::new(T_WIN_LOWER)
                    .int(d as u64)
                    .str(lw(ii + d))
                    .finish(),
            );
        }
        for d in [-1isize, 1] {
            f.push(
                FeatureHasher::new(T_WIN_SHORT)
                    .int(d as u64)
                    .str(sh(ii + d))
                    .finish(),
            );
        }
        f.push(
            FeatureHasher::new(T_BIGRAM_L)
                .str(lw(ii - 1))
                .str(l)
                .finish(),
        );
        f.push(
            FeatureHasher::new(T_BIGRAM_R)
                .str(l)
                .str(lw(ii + 1))
                .finish(),
        );
        let mut caps = 0u64;
        for d in -2isize..=2 {
            let j = ii + d;
            let v = if j < 0 || j as usize >= n {
                3
            } else {
                u64::from(cap[j as usize])
            };
            caps = caps * 4 + v;
        }
        f.push(
            FeatureHasher::new(T_CAPS)
                .int(caps)
                .int(u64::from(allcaps))
                .finish(),
        );
        if allcaps {
            f.push(FeatureHasher::new(T_ALLCAPS_LOWER).str(l).finish());
            f.push(
                FeatureHasher::new(T_ALLCAPS_SHAPE)
                    .str(&short[i])
                    .int(i.min(2) as u64)
                    .finish(),
            );
        }
        if i == first {
            f.push(FeatureHasher::new(T_FIRST_LOWER).str(l).finish());
        }
        let ctx = (u64::from(cap[i]) << 2) | (u64::from(i == first) << 1) | u64::from(allcaps);
        f.push(
            FeatureHasher::new(T_CASE)
                .int(u64::from(cases[i]))
                .int(ctx)
                .finish(),
        );
        let prev_case = if i > 0 { cases[i - 1] } else { 9 };
        let next_case = if i + 1 < n { cases[i + 1] } else { 9 };
        f.push(
            FeatureHasher::new(T_CASE_WIN)
                .int(u64::from(prev_case))
                .int(u64::from(cases[i]))
                .int(u64::from(next_case))
                .int(u64::from(cap[i]))
                .finish(),
        );
        f.push(
            FeatureHasher::new(T_SHAPE3)
                .str(sh(ii - 1))
                .str(&short[i])
                .str(sh(ii + 1))
                .finish(),
        );
        if w.contains('-') && w.len() > 1 {
            for part in l.split('-').filter(|p| !p.is_empty()) {
                f.push(FeatureHasher::new(T_HYPHEN).str(part).finish());
            }
        }
        for &(k, pos, len) in &gaz_hits[i] {
            let (k, pos) = (u64::from(k), u64::from(pos));
            f.push(FeatureHasher::new(T_GAZ).int(k).int(pos).finish());
            f.push(
                FeatureHasher::new(T_GAZ_CAP)
                    .int(k)
                    .int(pos)
                    .int(ctx)
                    .finish(),
            );
            f.push(
                FeatureHasher::new(T_GAZ_LEN)
                    .int(k)
                    .int(pos)
                    .int(u64::from(len))
                    .finish(),
            );
        }
        for d in [-1isize, 1] {
            let j = ii + d;
            if j >= 0 && (j as usize) < n {
                for &(k, _, _) in &gaz_hits[j as usize] {
                    f.push(
                        FeatureHasher::new(T_GAZ_WIN)
                            .int(d as u64)
                            .int(u64::from(k))
                            .finish(),
                    );
                }
            }
        }
    }
    SentenceInfo {
        lower,
        cap,
        forced_o,
    }
}
