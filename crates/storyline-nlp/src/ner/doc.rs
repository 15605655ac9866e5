//! Document-level consistency (Ratinov & Roth's "context aggregation" and
//! "extended prediction history"): a second pass sees, for each token, how
//! the first pass labelled the same word elsewhere in the document, and
//! whether the word was part of a longer entity there. `Putin` alone after
//! `Vladimir Putin`, or a headline in capitals after a body in mixed case,
//! then get the label their clearest mention earned.

use std::collections::HashMap;
use std::ops::Range;

use crate::features::{Feature, FeatureHasher};

use super::feats::SentenceInfo;
use super::tags::{N_TAGS, Pos, bilou_chunks, split};

const T_MAJORITY: u32 = 40;
const T_SEEN_TYPE: u32 = 41;
const T_LONGER: u32 = 42;
const T_PASS1: u32 = 43;
const T_PASS1_WIN: u32 = 44;
const T_NONE: u32 = 45;

/// Adds document features to `feats` (per sentence, per token), given the
/// first pass's tags `pass1` and the sentences' [`SentenceInfo`].
pub fn add_doc_features(
    info: &[SentenceInfo],
    pass1: &[Vec<usize>],
    feats: &mut [Vec<Vec<Feature>>],
) {
    // Label counts of capitalised words: O, PER, ORG, LOC, MISC.
    let mut counts: HashMap<&str, [u16; 5]> = HashMap::new();
    // Multi-token entities each word took part in: (sentence, start, type, pos).
    let mut longer: HashMap<&str, Vec<(usize, usize, usize, u8)>> = HashMap::new();
    for (s, (inf, tags)) in info.iter().zip(pass1).enumerate() {
        for (i, &t) in tags.iter().enumerate() {
            if inf.cap[i] {
                let c = counts.entry(inf.lower[i].as_str()).or_default();
                c[split(t).map_or(0, |(ty, _)| ty + 1)] += 1;
            }
        }
        for (start, end, ty) in bilou_chunks(tags) {
            if end - start < 2 {
                continue;
            }
            for i in start..end {
                let pos = if i == start {
                    0
                } else if i + 1 == end {
                    2
                } else {
                    1
                };
                longer
                    .entry(inf.lower[i].as_str())
                    .or_default()
                    .push((s, start, ty, pos));
            }
        }
    }
    for (s, (inf, tags)) in info.iter().zip(pass1).enumerate() {
        let n = tags.len();
        for i in 0..n {
            let f = &mut feats[s][i];
            let t = tags[i];
            f.push(FeatureHasher::new(T_PASS1).int(t as u64).finish());
            let prev = if i > 0 { tags[i - 1] } else { N_TAGS };
            let next = if i + 1 < n { tags[i + 1] } else { N_TAGS };
            f.push(
                FeatureHasher::new(T_PASS1_WIN)
                    .int(prev as u64)
                    .int(t as u64)
                    .int(next as u64)
                    .finish(),
            );
            if !inf.cap[i] {
                continue;
            }
            let word = inf.lower[i].as_str();
            let mut others = counts.get(word).copied().unwrap_or_default();
            others[split(t).map_or(0, |(ty, _)| ty + 1)] -= 1;
            let total: u16 = others.iter().sum();
            if total == 0 {
                f.push(FeatureHasher::new(T_NONE).finish());
            } else {
                let best = (0..5)
                    .max_by_key(|&k| (others[k], std::cmp::Reverse(k)))
                    .unwrap_or(0);
                let unanimous = others[best] == total;
                let bucket = total.min(3);
                f.push(
                    FeatureHasher::new(T_MAJORITY)
                        .int(best as u64)
                        .int(u64::from(unanimous))
                        .int(u64::from(bucket))
                        .finish(),
                );
                for (k, &c) in others.iter().enumerate().skip(1) {
                    if c > 0 {
                        f.push(FeatureHasher::new(T_SEEN_TYPE).int(k as u64).finish());
                    }
                }
            }
            let own_start = own_chunk_start(tags, i);
            if let Some(list) = longer.get(word) {
                for &(s2, start2, ty, pos) in list {
                    if s2 == s && Some(start2) == own_start {
                        continue;
                    }
                    let earlier = s2 < s || (s2 == s && start2 < i);
                    f.push(
                        FeatureHasher::new(T_LONGER)
                            .int(ty as u64)
                            .int(u64::from(pos))
                            .int(u64::from(earlier))
                            .finish(),
                    );
                }
            }
        }
    }
}

/// Start of the entity the first pass put token `i` in, if any.
fn own_chunk_start(tags: &[usize], i: usize) -> Option<usize> {
    split(tags[i])?;
    let mut j = i;
    while j > 0 && matches!(split(tags[j]), Some((_, Pos::I | Pos::L))) {
        j -= 1;
    }
    Some(j)
}

/// Splits a stream of sentences without document markers into pseudo
/// documents: a new one starts at the headline before each dateline
/// (`LONDON 1996-08-30`), and none is longer than `max_sentences`.
pub fn split_documents<S: AsRef<str>>(
    sentences: &[Vec<S>],
    max_sentences: usize,
) -> Vec<Range<usize>> {
    let is_dateline = |s: &[S]| {
        s.len() <= 10
            && s.last().is_some_and(|w| {
                let b = w.as_ref().as_bytes();
                b.len() == 10
                    && b[4] == b'-'
                    && b[7] == b'-'
                    && b.iter()
                        .enumerate()
                        .all(|(k, c)| k == 4 || k == 7 || c.is_ascii_digit())
            })
    };
    let mut out = Vec::new();
    let mut start = 0;
    for (i, sentence) in sentences.iter().enumerate() {
        let boundary = i >= 1 && i - 1 > start && is_dateline(sentence);
        if boundary || i - start >= max_sentences.max(1) {
            let cut = if boundary { i - 1 } else { i };
            out.push(start..cut);
            start = cut;
        }
    }
    if start < sentences.len() {
        out.push(start..sentences.len());
    }
    out
}
