//! Feature templates of the transition and label classifiers, in the style
//! of Zhang & Nivre (2011): words and tags of the stack and buffer, the
//! outermost children and their labels, distance, valency and label sets,
//! and pair and triple combinations.
//!
//! Words and tags are hashed once per sentence into `u64` ids, so building
//! a feature is a few integer mixes and extraction never allocates.

use super::system::{NONE, State};
use crate::clusters::Clusters;
use crate::features::{Feature, FeatureHasher};

const ROOT: u64 = 0x5EED_0001;
const NULL: u64 = 0x5EED_0002;
/// Cluster levels used (finest first; 1024 → 256 → 64 → 16 in the shipped
/// clusters: 1024, 64 and 16 classes).
const CLUSTER_LEVELS: [usize; 3] = [0, 2, 3];

/// Pre-hashed words and tags of one sentence; token 0 is the root.
#[derive(Debug, Default, Clone)]
pub struct Tokens {
    /// Normalised word form ids.
    pub w: Vec<u64>,
    /// XPOS ids.
    pub p: Vec<u64>,
    /// UPOS ids.
    pub u: Vec<u64>,
    /// Ids of the last three characters (lower-cased) and of the word's
    /// shape: these survive tagging errors, which hurt the parser most.
    pub x: Vec<u64>,
    /// Word-cluster ids (Koo et al. 2008) at a fine, a middle and a coarse
    /// level; empty when the parser has no clusters.
    pub c: Vec<[u64; 3]>,
}

impl Tokens {
    /// Fills the ids for `words` with their tags, reusing the buffers.
    pub fn fill(
        &mut self,
        words: &[&str],
        upos: &[&str],
        xpos: &[&str],
        clusters: Option<&Clusters>,
    ) {
        self.w.clear();
        self.p.clear();
        self.u.clear();
        self.x.clear();
        self.c.clear();
        self.w.push(ROOT);
        self.p.push(ROOT);
        self.u.push(ROOT);
        self.x.push(ROOT);
        for (i, word) in words.iter().enumerate() {
            self.w.push(word_id(word));
            self.x.push(suffix_shape_id(word));
            self.p.push(tag_id(xpos.get(i).copied().unwrap_or("_")));
            self.u.push(tag_id(upos.get(i).copied().unwrap_or("_")));
        }
        if let Some(clusters) = clusters {
            self.c.push([ROOT; 3]);
            let levels = clusters.levels();
            for word in words {
                self.c.push(match clusters.get(word) {
                    Some(path) => CLUSTER_LEVELS.map(|l| {
                        let l = l.min(levels - 1);
                        ((l as u64) << 32 | u64::from(path[l])) + 1
                    }),
                    // Unclustered words: their suffix and shape stand in.
                    None => [u64::MAX; 3],
                });
            }
        }
    }

    /// Whether cluster ids are present.
    #[inline]
    fn has_clusters(&self) -> bool {
        !self.c.is_empty()
    }
    #[inline]
    fn c(&self, i: usize, level: usize) -> u64 {
        if i == NONE { NULL } else { self.c[i][level] }
    }

    #[inline]
    fn w(&self, i: usize) -> u64 {
        if i == NONE { NULL } else { self.w[i] }
    }
    #[inline]
    fn p(&self, i: usize) -> u64 {
        if i == NONE { NULL } else { self.p[i] }
    }
    #[inline]
    fn u(&self, i: usize) -> u64 {
        if i == NONE { NULL } else { self.u[i] }
    }
    #[inline]
    fn x(&self, i: usize) -> u64 {
        if i == NONE { NULL } else { self.x[i] }
    }
}

/// Id of a word form: lower-cased, digits folded to `0`, so that "The" and
/// "the", "1984" and "2023" share weights.
pub fn word_id(form: &str) -> u64 {
    let mut h = FeatureHasher::new(u32::MAX);
    let mut buf = [0u8; 4];
    for c in form.chars() {
        let c = if c.is_ascii_digit() {
            '0'
        } else {
            c.to_lowercase().next().unwrap_or(c)
        };
        h = h.str(c.encode_utf8(&mut buf));
    }
    h.finish()
}

/// Id of a word's last three characters (lower-cased) and coarse shape
/// (capitalised, all capitals, digits, hyphen).
pub fn suffix_shape_id(form: &str) -> u64 {
    let mut h = FeatureHasher::new(u32::MAX - 2);
    let mut buf = [0u8; 4];
    let start = form.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
    for c in form[start..].chars() {
        h = h.str(c.to_lowercase().next().unwrap_or(c).encode_utf8(&mut buf));
    }
    let first_upper = form.chars().next().is_some_and(char::is_uppercase);
    let all_upper = form.chars().all(|c| !c.is_lowercase()) && form.chars().any(char::is_uppercase);
    let digit = form.bytes().any(|b| b.is_ascii_digit());
    let hyphen = form.contains('-');
    h.int(
        u64::from(first_upper)
            | u64::from(all_upper) << 1
            | u64::from(digit) << 2
            | u64::from(hyphen) << 3,
    )
    .finish()
}

fn tag_id(tag: &str) -> u64 {
    FeatureHasher::new(u32::MAX - 1).str(tag).finish()
}

/// Writes features with consecutive template numbers.
struct Emit<'a> {
    out: &'a mut Vec<Feature>,
    template: u32,
}

impl Emit<'_> {
    #[inline]
    fn f(&mut self, values: &[u64]) {
        let mut h = FeatureHasher::new(self.template);
        for &v in values {
            h = h.int(v);
        }
        self.out.push(h.finish());
        self.template += 1;
    }
}

#[inline]
fn child(slots: &[[usize; 2]], i: usize, k: usize) -> usize {
    if i == NONE { NONE } else { slots[i][k] }
}

#[inline]
fn label(st: &State, i: usize) -> u64 {
    if i == NONE {
        0
    } else {
        u64::from(st.labels[i]) + 1
    }
}

#[inline]
fn valency(st: &State, i: usize, side: usize) -> u64 {
    if i == NONE {
        99
    } else {
        u64::from(st.valency[i][side])
    }
}

#[inline]
fn label_set(st: &State, i: usize, side: usize) -> u64 {
    if i == NONE {
        1 << 63
    } else {
        st.label_sets[i][side]
    }
}

/// Bucketed distance between two tokens (`NONE` gets its own bucket).
#[inline]
fn distance(a: usize, b: usize) -> u64 {
    if a == NONE || b == NONE {
        return 99;
    }
    match a.abs_diff(b) {
        d @ 0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        _ => 7,
    }
}

/// Features for choosing the next move in `st`.
pub fn transition_features(t: &Tokens, st: &State, out: &mut Vec<Feature>) {
    out.clear();
    let mut e = Emit { out, template: 0 };
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2) = (st.b(0), st.b(1), st.b(2));
    let (s0l, s0l2) = (child(&st.left, s0, 0), child(&st.left, s0, 1));
    let (s0r, s0r2) = (child(&st.right, s0, 0), child(&st.right, s0, 1));
    let (s1l, s1r, s1r2) = (
        child(&st.left, s1, 0),
        child(&st.right, s1, 0),
        child(&st.right, s1, 1),
    );
    let (b0l, b0l2) = (child(&st.left, b0, 0), child(&st.left, b0, 1));

    e.f(&[]); // bias
    // Unigrams of the main positions.
    for i in [s0, s1, s2, b0, b1, b2] {
        e.f(&[t.w(i)]);
        e.f(&[t.p(i)]);
        e.f(&[t.w(i), t.p(i)]);
    }
    for i in [s0, s1, b0, b1] {
        e.f(&[t.u(i)]);
        e.f(&[t.x(i)]);
        e.f(&[t.x(i), t.u(i)]);
    }
    e.f(&[t.x(s0), t.u(b0)]);
    e.f(&[t.u(s0), t.x(b0)]);
    e.f(&[t.x(s1), t.u(s0)]);
    e.f(&[t.u(s1), t.x(s0)]);
    e.f(&[t.u(s1), t.u(s0), t.u(b0)]);
    e.f(&[t.u(s0), t.u(b0), t.u(b1)]);
    // Outermost children: word, tag, label.
    for i in [s0l, s0r, s1l, s1r, b0l] {
        e.f(&[t.w(i)]);
        e.f(&[t.p(i)]);
        e.f(&[label(st, i)]);
    }
    for i in [s0l2, s0r2, s1r2, b0l2] {
        e.f(&[t.p(i)]);
        e.f(&[label(st, i)]);
    }
    // Pairs around the two places an arc can be built: s0–b0 and s1–s0.
    for (a, b) in [(s0, b0), (s1, s0)] {
        let (aw, ap, bw, bp) = (t.w(a), t.p(a), t.w(b), t.p(b));
        e.f(&[aw, ap, bw, bp]);
        e.f(&[aw, ap, bw]);
        e.f(&[aw, bw, bp]);
        e.f(&[aw, ap, bp]);
        e.f(&[ap, bw, bp]);
        e.f(&[aw, bw]);
        e.f(&[ap, bp]);
        e.f(&[t.u(a), t.u(b)]);
    }
    e.f(&[t.p(b0), t.p(b1)]);
    e.f(&[t.p(s0), t.p(b1)]);
    e.f(&[t.p(s1), t.p(b0)]);
    e.f(&[t.w(b0), t.w(b1)]);
    // Triples of tags.
    e.f(&[t.p(b0), t.p(b1), t.p(b2)]);
    e.f(&[t.p(s0), t.p(b0), t.p(b1)]);
    e.f(&[t.p(s1), t.p(s0), t.p(b0)]);
    e.f(&[t.p(s2), t.p(s1), t.p(s0)]);
    e.f(&[t.p(s0), t.p(s0l), t.p(b0)]);
    e.f(&[t.p(s0), t.p(s0r), t.p(b0)]);
    e.f(&[t.p(s0), t.p(b0), t.p(b0l)]);
    e.f(&[t.p(s1), t.p(s0), t.p(s0l)]);
    e.f(&[t.p(s1), t.p(s0), t.p(s0r)]);
    e.f(&[t.p(s1), t.p(s1r), t.p(s0)]);
    e.f(&[t.p(s1), t.p(s1l), t.p(s0)]);
    e.f(&[t.p(s0), t.p(s0l), t.p(s0l2)]);
    e.f(&[t.p(s0), t.p(s0r), t.p(s0r2)]);
    e.f(&[t.p(s1), t.p(s1r), t.p(s1r2)]);
    e.f(&[t.p(b0), t.p(b0l), t.p(b0l2)]);
    // Distance.
    for (a, b) in [(s0, b0), (s1, s0)] {
        let d = distance(a, b);
        e.f(&[t.w(a), d]);
        e.f(&[t.p(a), d]);
        e.f(&[t.w(b), d]);
        e.f(&[t.p(b), d]);
        e.f(&[t.w(a), t.w(b), d]);
        e.f(&[t.p(a), t.p(b), d]);
    }
    // Valency and label sets.
    for (i, side) in [(s0, 0), (s0, 1), (s1, 0), (s1, 1), (b0, 0)] {
        let v = valency(st, i, side);
        let ls = label_set(st, i, side);
        e.f(&[t.w(i), v]);
        e.f(&[t.p(i), v]);
        e.f(&[t.w(i), ls]);
        e.f(&[t.p(i), ls]);
    }
    // Words of the children paired with their heads.
    e.f(&[t.w(s0), t.p(s0), label(st, s0l), label(st, s0r)]);
    e.f(&[t.p(s1), label(st, s1l), label(st, s1r), t.p(s0)]);
    e.f(&[t.w(b0), t.p(b0), label(st, b0l)]);
    if t.has_clusters() {
        cluster_transition_features(t, &mut e, [s0, s1, b0, b1, b2], [s0l, s0r, b0l]);
    }
    lookahead_features(t, st, &mut e);
}

/// Deeper look-ahead, coarse-tag triples and linear neighbours of s0 and
/// b0 (format-2 templates, numbered from 600).
fn lookahead_features(t: &Tokens, st: &State, e: &mut Emit) {
    e.template = 600;
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2, b3) = (st.b(0), st.b(1), st.b(2), st.b(3));
    let next = |i: usize| if i == NONE || i >= st.n { NONE } else { i + 1 };
    let prev = |i: usize| if i == NONE || i <= 1 { NONE } else { i - 1 };
    e.f(&[t.p(b3)]);
    e.f(&[t.w(b3)]);
    e.f(&[t.p(b1), t.p(b2), t.p(b3)]);
    e.f(&[t.u(b0), t.u(b1), t.u(b2)]);
    e.f(&[t.u(s2), t.u(s1), t.u(s0)]);
    e.f(&[t.u(s1), t.u(s0), t.u(b0), t.u(b1)]);
    e.f(&[t.w(s0), t.p(b0), t.p(b1)]);
    e.f(&[t.p(s0), t.w(b0), t.p(b1)]);
    e.f(&[t.w(b0), t.p(b1), t.p(b2)]);
    e.f(&[t.x(b1), t.u(b0)]);
    e.f(&[t.p(s0), t.p(next(s0)), t.p(b0)]);
    e.f(&[t.p(s0), t.p(prev(b0)), t.p(b0)]);
    e.f(&[t.p(prev(s0)), t.p(s0), t.p(b0)]);
    e.f(&[t.p(s1), t.p(next(s1)), t.p(s0)]);
    // Word pairs across the two arc sites, and distance and valency with
    // coarse tags (numbered from 700).
    e.template = 700;
    let s0r = child(&st.right, s0, 0);
    e.f(&[t.w(s0), t.w(b1)]);
    e.f(&[t.w(s1), t.w(b0)]);
    e.f(&[t.p(s1), t.w(s0), t.p(b0)]);
    e.f(&[t.u(s0), t.u(b0), distance(s0, b0), valency(st, s0, 1)]);
    e.f(&[t.p(b0), t.p(b1), distance(s0, b0)]);
    e.f(&[label_set(st, s0, 0), label_set(st, s0, 1), t.p(s0), t.p(b0)]);
    e.f(&[t.p(s0), t.p(s0r), t.p(b0), t.p(b1)]);
    if t.has_clusters() {
        e.f(&[t.c(b2, 1), t.p(b1)]);
        e.f(&[t.c(b1, 0), t.p(b0)]);
    }
}

/// Word-cluster templates of the move classifier (Koo et al. 2008):
/// cluster unigrams, clusters paired with tags at the two arc sites.
fn cluster_transition_features(t: &Tokens, e: &mut Emit, main: [usize; 5], kids: [usize; 3]) {
    e.template = 500;
    let [s0, s1, b0, b1, b2] = main;
    for i in [s0, s1, b0, b1] {
        e.f(&[t.c(i, 0)]);
        e.f(&[t.c(i, 1)]);
        e.f(&[t.c(i, 0), t.p(i)]);
    }
    e.f(&[t.c(b2, 1)]);
    for i in kids {
        e.f(&[t.c(i, 1)]);
    }
    for (a, b) in [(s0, b0), (s1, s0)] {
        e.f(&[t.c(a, 0), t.p(b)]);
        e.f(&[t.p(a), t.c(b, 0)]);
        e.f(&[t.c(a, 1), t.c(b, 1)]);
        e.f(&[t.c(a, 2), t.p(a), t.c(b, 2), t.p(b)]);
        e.f(&[t.c(a, 0), t.c(b, 2), distance(a, b)]);
    }
    e.f(&[t.c(s0, 1), t.c(b0, 1), t.c(b1, 1)]);
    e.f(&[t.c(s1, 2), t.c(s0, 2), t.c(b0, 2)]);
}

/// Features for labelling the arc `head → dep` about to be built in `st`
/// (`right` says whether it is built by the Right move).
pub fn label_features(t: &Tokens, st: &State, head: usize, dep: usize, out: &mut Vec<Feature>) {
    out.clear();
    let mut e = Emit {
        out,
        template: 1000,
    };
    let dir = u64::from(dep > head);
    let d = distance(head, dep);
    let (hw, hp, hu) = (t.w(head), t.p(head), t.u(head));
    let (dw, dp, du) = (t.w(dep), t.p(dep), t.u(dep));
    let (dl, dl2, dr) = (
        child(&st.left, dep, 0),
        child(&st.left, dep, 1),
        child(&st.right, dep, 0),
    );
    let (hl, hr) = (child(&st.left, head, 0), child(&st.right, head, 0));
    let next = |i: usize| if i == NONE || i >= st.n { NONE } else { i + 1 };
    let prev = |i: usize| if i == NONE || i <= 1 { NONE } else { i - 1 };

    e.f(&[dir]);
    e.f(&[hw, dir]);
    e.f(&[hp, dir]);
    e.f(&[hu, dir]);
    e.f(&[dw, dir]);
    e.f(&[dp, dir]);
    e.f(&[du, dir]);
    e.f(&[hw, hp, dw, dp]);
    e.f(&[hw, dp, dir]);
    e.f(&[hp, dw, dir]);
    e.f(&[hw, dw]);
    e.f(&[hp, dp, dir]);
    e.f(&[hu, du, dir, d]);
    e.f(&[hp, dp, d]);
    e.f(&[dw, dp]);
    e.f(&[t.x(dep), du, dir]);
    e.f(&[t.x(head), hu, dir]);
    // The dependent's own children tell its function: a case marker ("in",
    // "'s"), a determiner, an auxiliary.
    e.f(&[t.w(dl), t.p(dl), dir]);
    e.f(&[t.w(dl), hp, dp]);
    e.f(&[t.p(dl2), t.p(dl), dp]);
    e.f(&[t.w(dr), t.p(dr), dp]);
    e.f(&[label(st, dl), label(st, dr), dp]);
    e.f(&[label_set(st, dep, 0), label_set(st, dep, 1), du]);
    // Siblings already attached: a second subject is unlikely.
    e.f(&[label_set(st, head, 0), hp, dp, dir]);
    e.f(&[label_set(st, head, 1), hp, dp, dir]);
    e.f(&[label(st, hl), label(st, hr), du, dir]);
    e.f(&[hu, du, t.u(st.s(2)), dir]);
    // Neighbourhood.
    e.f(&[t.p(prev(dep)), dp, t.p(next(dep))]);
    e.f(&[t.p(prev(head)), hp, t.p(next(head)), dir]);
    e.f(&[t.w(next(dep)), dp]);
    e.f(&[t.w(prev(dep)), dp]);
    e.f(&[t.p(st.b(0)), hp, dp, dir]);
    if t.has_clusters() {
        e.f(&[t.c(dep, 0), dir]);
        e.f(&[t.c(head, 0), dir]);
        e.f(&[t.c(dep, 1), hp, dir]);
        e.f(&[t.c(head, 1), dp, dir]);
        e.f(&[t.c(head, 0), t.c(dep, 1), dir]);
        e.f(&[t.c(head, 2), t.c(dep, 2), hu, du, dir]);
        e.f(&[t.c(dl, 1), dp]);
    }
    e.template = 1100;
    e.f(&[dp, t.p(next(dep)), t.p(next(next(dep)))]);
    e.f(&[hp, t.w(next(head))]);
    e.f(&[hw, du, dir]);
    e.f(&[hu, dw, dir]);
    e.f(&[t.w(dl), dw]);
    if t.has_clusters() {
        e.f(&[t.c(head, 1), dw]);
    }
}
