//! The tagger's feature extraction.
//!
//! Each sentence is first turned into per-token atoms (hashes of the form,
//! its normalised form, prefixes, suffixes and shape), computed once with
//! reusable buffers; a feature is then just a template number mixed with a
//! few atoms or tag ids, so extraction never allocates.

use std::collections::HashMap;

use crate::clusters::Clusters;
use crate::features::{Feature, FeatureHasher, PassThrough};
use crate::perceptron::{Model, Trainer};

/// Anything that can score features: live training weights or a frozen
/// model.
pub(super) trait Scorer {
    /// Adds the scores of `features` to `scores`.
    fn score(&self, features: &[Feature], scores: &mut [f32]);
}

impl Scorer for Model {
    #[inline]
    fn score(&self, features: &[Feature], scores: &mut [f32]) {
        self.score_into(features, scores);
    }
}

impl Scorer for Trainer {
    #[inline]
    fn score(&self, features: &[Feature], scores: &mut [f32]) {
        self.score_into(features, scores);
    }
}

/// Tokens of padding on each side, so neighbours ±2 always exist.
const PAD: usize = 2;
/// Longest prefix/suffix used.
const AFFIX: usize = 4;
/// History value before the first word.
const START_TAG: u64 = u16::MAX as u64;
/// Template of atom hashes (distinct from every feature template).
const ATOM: u32 = 1000;
/// Ambiguity class of words not in the lexicon.
pub(super) const UNKNOWN: u64 = 0x5EED;
/// Template of the exact-form hash shared with the tag dictionary.
const FORM: u32 = 1001;

const HYPHEN: u64 = 1;
const DIGIT: u64 = 2;
const UPPER: u64 = 4;
const ALL_UPPER: u64 = 8;
const TITLE: u64 = 16;

/// The hashed properties of one token.
#[derive(Debug, Clone, Copy, Default)]
struct Atoms {
    form: u64,
    norm: u64,
    prefix: [u64; AFFIX],
    suffix: [u64; AFFIX],
    shape: u64,
    flags: u64,
    /// The set of classes the word had in training ("ambiguity class"),
    /// or a marker for unknown words.
    ambiguity: u64,
    /// The same for the normalised form (case and digits folded).
    norm_ambiguity: u64,
    /// Hashes of the word's cluster at each level (finest first).
    cluster: [u64; CLUSTER_LEVELS],
}

/// Most cluster levels used.
pub(super) const CLUSTER_LEVELS: usize = 4;

/// Word → cluster atoms at every level, keyed by the exact-form hash or
/// the normalised-form hash (as the clusters were induced).
#[derive(Debug, Clone, Default)]
pub(super) struct ClusterIndex {
    by_norm: bool,
    levels: usize,
    map: HashMap<u64, [u64; CLUSTER_LEVELS], PassThrough>,
}

impl ClusterIndex {
    /// The index of `clusters`.
    pub(super) fn new(clusters: &Clusters) -> Self {
        let levels = clusters.levels().min(CLUSTER_LEVELS);
        let by_norm = clusters.lowercase();
        let map = clusters
            .iter()
            .map(|(word, path)| {
                let key = if by_norm {
                    norm_hash(word)
                } else {
                    form_hash(word)
                };
                let mut atoms = [0; CLUSTER_LEVELS];
                for (l, a) in atoms.iter_mut().enumerate() {
                    // Levels beyond the clusters' own repeat the coarsest.
                    let id = path[l.min(levels - 1)];
                    *a = cluster_atom(l, u64::from(id));
                }
                (key, atoms)
            })
            .collect();
        ClusterIndex {
            by_norm,
            levels,
            map,
        }
    }

    fn get(&self, a: &Atoms) -> [u64; CLUSTER_LEVELS] {
        let key = if self.by_norm { a.norm } else { a.form };
        match self.map.get(&key) {
            Some(&atoms) => atoms,
            None => std::array::from_fn(|l| cluster_atom(l, u64::from(u16::MAX))),
        }
    }
}

fn cluster_atom(level: usize, id: u64) -> u64 {
    FeatureHasher::new(ATOM + 3)
        .int(level as u64)
        .int(id)
        .finish()
}

/// Exact-form hash → hash of the word's ambiguity class.
pub(super) type Lexicon = HashMap<u64, u64, PassThrough>;

/// Hash of a sorted set of class ids.
pub(super) fn ambiguity_hash(classes: &[u16]) -> u64 {
    classes
        .iter()
        .fold(FeatureHasher::new(ATOM + 2), |h, &c| h.int(u64::from(c)))
        .finish()
}

/// Reusable per-sentence state.
#[derive(Debug, Default)]
pub(super) struct Context {
    tokens: Vec<Atoms>,
    /// First-pass tags (padded like `tokens`), when decoding the second pass.
    ahead: Vec<u64>,
    lower: String,
    shape: String,
    /// Cluster levels in use (0: no cluster features).
    cluster_levels: usize,
}

/// The hash of a form as written, the key of the tag dictionary.
pub(super) fn form_hash(form: &str) -> u64 {
    FeatureHasher::new(FORM).str(form).finish()
}

/// The hash of a form's normalised spelling (lower case, digits 0), the
/// key of its case-folded ambiguity class in the lexicon (atom hashes never
/// collide with [`form_hash`] keys: their templates differ).
pub(super) fn norm_hash(form: &str) -> u64 {
    let mut lower = String::with_capacity(form.len());
    normalise_into(form, &mut lower);
    atom(1, &lower)
}

/// Lower-cases `word` into `out` with every ASCII digit written `0`.
fn normalise_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        if c.is_ascii_digit() {
            out.push('0');
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

fn atom(kind: u64, s: &str) -> u64 {
    FeatureHasher::new(ATOM).int(kind).str(s).finish()
}

impl Context {
    /// Computes the atoms of a sentence.
    pub(super) fn fill(&mut self, words: &[&str], lexicon: &Lexicon, clusters: &ClusterIndex) {
        self.tokens.clear();
        self.cluster_levels = clusters.levels;
        let start = padding(atom(0, "<s>"));
        let end = padding(atom(0, "</s>"));
        self.tokens.extend([start; PAD]);
        for w in words {
            let mut a = self.atoms(w);
            a.ambiguity = lexicon.get(&a.form).copied().unwrap_or(UNKNOWN);
            a.norm_ambiguity = lexicon.get(&a.norm).copied().unwrap_or(UNKNOWN);
            if self.cluster_levels > 0 {
                a.cluster = clusters.get(&a);
            }
            self.tokens.push(a);
        }
        self.tokens.extend([end; PAD]);
    }

    /// Reverses the words of the sentence in place (padding stays put):
    /// the same atoms as filling with the reversed words.
    pub(super) fn reverse(&mut self) {
        let n = self.tokens.len();
        self.tokens[PAD..n - PAD].reverse();
    }

    /// Sets the first-pass tags the second pass looks at; `None` switches
    /// look-ahead features off (first pass).
    pub(super) fn set_ahead(&mut self, tags: Option<&[u16]>) {
        self.ahead.clear();
        if let Some(tags) = tags {
            self.ahead.extend([START_TAG; PAD]);
            self.ahead.extend(tags.iter().map(|&t| u64::from(t)));
            self.ahead.extend([START_TAG - 3; PAD]);
        }
    }

    /// Replaces the ambiguity classes of the sentence's words (training
    /// uses leave-one-out classes so they are as uninformative as on unseen
    /// text).
    pub(super) fn set_ambiguities(&mut self, ambiguities: &[(u64, u64)]) {
        for (t, &(a, n)) in self.tokens[PAD..].iter_mut().zip(ambiguities) {
            t.ambiguity = a;
            t.norm_ambiguity = n;
        }
    }

    /// The exact-form hash of word `i`.
    #[inline]
    pub(super) fn form_hash(&self, i: usize) -> u64 {
        self.tokens[i + PAD].form
    }

    fn atoms(&mut self, word: &str) -> Atoms {
        // Normalised form: lower case, every digit 0, so "1984" and "2001"
        // share statistics.
        self.lower.clear();
        let mut flags = 0;
        let mut letters = 0;
        let mut uppers = 0;
        for c in word.chars() {
            if c.is_ascii_digit() {
                flags |= DIGIT;
                self.lower.push('0');
            } else {
                if c == '-' {
                    flags |= HYPHEN;
                }
                if c.is_alphabetic() {
                    letters += 1;
                }
                if c.is_uppercase() {
                    uppers += 1;
                    flags |= UPPER;
                }
                self.lower.extend(c.to_lowercase());
            }
        }
        if letters > 1 && uppers == letters {
            flags |= ALL_UPPER;
        }
        if word.chars().next().is_some_and(char::is_uppercase) {
            flags |= TITLE;
        }
        let mut a = Atoms {
            form: form_hash(word),
            norm: atom(1, &self.lower),
            flags,
            ..Atoms::default()
        };
        // Byte offsets of the ends of the first AFFIX characters and of
        // the starts of the last AFFIX (whole word when shorter).
        let len = self.lower.len();
        let mut ends = [len; AFFIX];
        for (k, (i, c)) in self.lower.char_indices().take(AFFIX).enumerate() {
            ends[k] = i + c.len_utf8();
        }
        let mut starts = [0; AFFIX];
        for (k, (i, _)) in self.lower.char_indices().rev().take(AFFIX).enumerate() {
            starts[k] = i;
        }
        let n = self.lower.chars().count();
        for k in 1..=AFFIX {
            let k_eff = k.min(n);
            let (end, start) = if k_eff == 0 {
                (0, len)
            } else {
                (ends[k_eff - 1], starts[k_eff - 1])
            };
            a.prefix[k - 1] = atom(10 + k as u64, &self.lower[..end]);
            a.suffix[k - 1] = atom(20 + k as u64, &self.lower[start..]);
        }
        self.fill_shape(word);
        a.shape = atom(2, &self.shape);
        a
    }

    /// Word shape with runs capped at four: `Xxxx`, `dddd`, `XX.`, `x-xxxx`.
    fn fill_shape(&mut self, word: &str) {
        self.shape.clear();
        let mut last = '\0';
        let mut run = 0;
        for c in word.chars() {
            let s = if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_numeric() {
                'd'
            } else {
                c
            };
            run = if s == last { run + 1 } else { 1 };
            last = s;
            if run <= 4 {
                self.shape.push(s);
            }
        }
    }

    /// The features of word `i` given the tags already chosen for words
    /// `0..i` (`history`), written into `out`. Returns how many of them
    /// are first-pass features (the look-ahead ones come after).
    pub(super) fn features(&self, i: usize, history: &[u16], out: &mut Vec<Feature>) -> usize {
        out.clear();
        let t = &self.tokens;
        let c = i + PAD;
        let w = &t[c];
        let tag = |k: usize| {
            if i >= k {
                u64::from(history[i - k])
            } else {
                START_TAG - k as u64
            }
        };
        let (p1, p2) = (tag(1), tag(2));
        let f = FeatureHasher::new;
        out.push(f(0).finish());
        out.push(f(1).int(w.form).finish());
        out.push(f(2).int(w.norm).finish());
        for k in 0..AFFIX {
            out.push(f(3 + k as u32).int(w.prefix[k]).finish());
            out.push(f(7 + k as u32).int(w.suffix[k]).finish());
        }
        out.push(f(11).int(w.shape).finish());
        out.push(f(12).int(w.flags).finish());
        out.push(f(13).int(p1).finish());
        out.push(f(14).int(p2).finish());
        out.push(f(15).int(p1).int(p2).finish());
        out.push(f(16).int(p1).int(w.norm).finish());
        out.push(f(17).int(t[c - 1].norm).finish());
        out.push(f(18).int(t[c - 2].norm).finish());
        out.push(f(19).int(t[c + 1].norm).finish());
        out.push(f(20).int(t[c + 2].norm).finish());
        out.push(f(21).int(t[c - 1].suffix[2]).finish());
        out.push(f(22).int(t[c + 1].suffix[2]).finish());
        out.push(f(23).int(t[c - 1].norm).int(w.norm).finish());
        out.push(f(24).int(w.norm).int(t[c + 1].norm).finish());
        out.push(f(25).int(t[c + 1].shape).finish());
        out.push(f(26).int(p1).int(w.suffix[2]).finish());
        out.push(f(27).int(u64::from(i == 0)).int(w.flags).finish());
        out.push(f(28).int(p1).int(t[c + 1].norm).finish());
        out.push(f(29).int(w.ambiguity).finish());
        out.push(f(30).int(t[c + 1].ambiguity).finish());
        out.push(f(31).int(t[c + 2].ambiguity).finish());
        out.push(f(32).int(t[c - 1].ambiguity).finish());
        out.push(f(33).int(p1).int(w.ambiguity).finish());
        out.push(f(34).int(w.ambiguity).int(t[c + 1].ambiguity).finish());
        out.push(f(35).int(w.norm).int(t[c + 1].ambiguity).finish());
        out.push(f(36).int(w.ambiguity).int(w.suffix[2]).finish());
        // Case-folded ambiguity class: `The`, `APPLE` and `apple` share
        // what the lexicon knows; sentence-initial capitals mostly carry
        // no information beyond it.
        out.push(f(39).int(w.norm_ambiguity).finish());
        out.push(
            f(49)
                .int(w.norm_ambiguity)
                .int(w.flags)
                .int(u64::from(i == 0))
                .finish(),
        );
        let levels = self.cluster_levels;
        if levels > 0 {
            // Word clusters (Koo et al. 2008; Owoputi et al. 2013): every
            // level of the word and its neighbours ±1, the coarsest of ±2,
            // and a few conjunctions at a middle level.
            let (mid, coarse) = (1.min(levels - 1), levels - 1);
            for l in 0..levels {
                out.push(f(50 + l as u32).int(w.cluster[l]).finish());
                out.push(f(54 + l as u32).int(t[c - 1].cluster[l]).finish());
                out.push(f(58 + l as u32).int(t[c + 1].cluster[l]).finish());
            }
            out.push(f(62).int(t[c - 2].cluster[coarse]).finish());
            out.push(f(63).int(t[c + 2].cluster[coarse]).finish());
            out.push(f(64).int(p1).int(w.cluster[mid]).finish());
            out.push(f(65).int(w.cluster[mid]).int(w.flags).finish());
            out.push(
                f(66)
                    .int(w.cluster[mid])
                    .int(t[c + 1].cluster[mid])
                    .finish(),
            );
            out.push(
                f(67)
                    .int(t[c - 1].cluster[mid])
                    .int(w.cluster[mid])
                    .finish(),
            );
        }
        let base = out.len();
        if !self.ahead.is_empty() {
            let a = &self.ahead;
            out.push(f(40).int(a[c]).finish());
            out.push(f(41).int(a[c + 1]).finish());
            out.push(f(42).int(a[c + 2]).finish());
            out.push(f(43).int(a[c + 1]).int(a[c + 2]).finish());
            out.push(f(44).int(p1).int(a[c + 1]).finish());
            out.push(f(45).int(a[c]).int(a[c + 1]).finish());
            out.push(f(46).int(w.norm).int(a[c + 1]).finish());
            out.push(f(47).int(a[c]).int(w.norm).finish());
        }
        base
    }
}

fn padding(a: u64) -> Atoms {
    Atoms {
        form: a,
        norm: a,
        prefix: [a; AFFIX],
        suffix: [a; AFFIX],
        shape: a,
        flags: 0,
        ambiguity: a,
        norm_ambiguity: a,
        cluster: [a; CLUSTER_LEVELS],
    }
}
