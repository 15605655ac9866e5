//! Attribution cues: words that introduce what someone said, wrote,
//! thought or wanted (`said`, `told`, `according to`, `warned`, `hopes`).
//!
//! A word's chance of being a cue depends on its lemma and on its
//! syntactic frame (a verb with a clausal complement is a far likelier cue
//! than the same verb with an object). The chances are counted on PolNeAR
//! train (`lexicons/cue_weights.tsv`, rebuilt by [`super::learn`]); the
//! short hand list `lexicons/cue_verbs.txt` vouches for core speech verbs
//! whenever they take a clause or a quotation.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::marks::Quotations;
use super::tree::{Tree, rel_is};
use crate::analysis::Analysis;

/// The syntactic frame of a candidate cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Frame {
    /// Governs (or is a parenthetical of) a quotation: `“…,” he said`.
    Quote,
    /// Takes a clausal complement: `said that …`, `the claim that …`.
    Clause,
    /// A parenthetical of the clause it reports: `…, he said, …`.
    Parenthetical,
    /// Takes an open clausal complement: `wants to …`, `urged him to …`.
    Open,
    /// Takes an object: `denied the report`.
    Object,
    /// Marks an oblique: `according to X`.
    Case,
    /// None of the above.
    Other,
}

/// All frames, in the order of the weights table.
pub const FRAMES: [Frame; 7] = [
    Frame::Quote,
    Frame::Clause,
    Frame::Parenthetical,
    Frame::Open,
    Frame::Object,
    Frame::Case,
    Frame::Other,
];

impl Frame {
    /// The frame's name in the weights table.
    pub fn name(self) -> &'static str {
        match self {
            Frame::Quote => "quote",
            Frame::Clause => "clause",
            Frame::Parenthetical => "parenthetical",
            Frame::Open => "open",
            Frame::Object => "object",
            Frame::Case => "case",
            Frame::Other => "other",
        }
    }

    fn index(self) -> usize {
        FRAMES.iter().position(|&f| f == self).unwrap_or(6)
    }

    fn parse(name: &str) -> Option<Frame> {
        FRAMES.iter().copied().find(|f| f.name() == name)
    }
}

/// Whether a token's part of speech lets it be a cue.
pub fn is_candidate(analysis: &Analysis, i: usize) -> bool {
    matches!(
        analysis.tag(i).upos.as_str(),
        "VERB" | "NOUN" | "ADP" | "ADJ" | "ADV"
    )
}

/// The frame of token `i`.
pub fn frame(analysis: &Analysis, tree: &Tree, quotes: &Quotations, i: usize) -> Frame {
    let tag = analysis.tag(i);
    let quoted = |t: usize| quotes.region(t).is_some() && quotes.region(t) != quotes.region(i);
    let outside = quotes.region(i).is_none();
    let mut frame = Frame::Other;
    let rank = |f: Frame| f.index();
    for c in tree.children(i) {
        let rel = analysis.tag(c).deprel.as_str();
        let f = if outside
            && quoted(c)
            && [
                "ccomp",
                "parataxis",
                "obj",
                "xcomp",
                "dep",
                "advcl",
                "csubj",
            ]
            .iter()
            .any(|r| rel_is(rel, r))
        {
            Frame::Quote
        } else if rel_is(rel, "ccomp")
            || (tag.upos == "NOUN" && rel_is(rel, "acl") && has_that(analysis, tree, c))
        {
            Frame::Clause
        } else if rel_is(rel, "xcomp") {
            Frame::Open
        } else if rel_is(rel, "obj") {
            Frame::Object
        } else {
            continue;
        };
        if rank(f) < rank(frame) {
            frame = f;
        }
    }
    let head = tag.head;
    if rel_is(&tag.deprel, "parataxis")
        || (rel_is(&tag.deprel, "ccomp") && head.is_some_and(|h| h > i))
    {
        let f = if outside && head.is_some_and(quoted) {
            Frame::Quote
        } else {
            Frame::Parenthetical
        };
        if rank(f) < rank(frame) {
            frame = f;
        }
    }
    if frame == Frame::Other && tag.deprel == "case" {
        frame = Frame::Case;
    }
    frame
}

/// Whether clause `c` is introduced by `that`.
fn has_that(analysis: &Analysis, tree: &Tree, c: usize) -> bool {
    tree.children(c).any(|m| {
        analysis.tag(m).deprel == "mark" && analysis.token_text(m).eq_ignore_ascii_case("that")
    })
}

/// Learned cue counts per lemma and frame.
#[derive(Debug, Default)]
pub struct CueWeights {
    counts: HashMap<Box<str>, [(u32, u32); 7]>,
    hand: HashMap<Box<str>, ()>,
}

/// How many times a (lemma, frame) pair must be seen before its own ratio
/// is trusted over the lemma's overall ratio.
const MIN_SEEN: u32 = 3;

impl CueWeights {
    /// Reads a weights table (`lemma TAB frame TAB cues TAB seen` lines,
    /// `#` comments) and a hand list (one lemma a line).
    pub fn parse(table: &str, hand: &str) -> CueWeights {
        let mut counts: HashMap<Box<str>, [(u32, u32); 7]> = HashMap::new();
        for line in table.lines().filter(|l| !l.starts_with('#')) {
            let mut f = line.split('\t');
            let (Some(lemma), Some(frame), Some(pos), Some(seen)) =
                (f.next(), f.next(), f.next(), f.next())
            else {
                continue;
            };
            let (Some(frame), Ok(pos), Ok(seen)) = (Frame::parse(frame), pos.parse(), seen.parse())
            else {
                continue;
            };
            counts.entry(lemma.into()).or_default()[frame.index()] = (pos, seen);
        }
        let hand = hand
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| (l.into(), ()))
            .collect();
        CueWeights { counts, hand }
    }

    /// The shipped weights (decoded once).
    pub fn shipped() -> &'static CueWeights {
        static WEIGHTS: OnceLock<CueWeights> = OnceLock::new();
        WEIGHTS.get_or_init(|| {
            CueWeights::parse(
                include_str!("../../../../lexicons/cue_weights.tsv"),
                include_str!("../../../../lexicons/cue_verbs.txt"),
            )
        })
    }

    /// The chance that `lemma` in `frame` is a cue.
    pub fn score(&self, lemma: &str, frame: Frame) -> f64 {
        let hand = self.hand.contains_key(lemma)
            && matches!(frame, Frame::Quote | Frame::Clause | Frame::Parenthetical);
        let floor = if hand { 0.9 } else { 0.0 };
        let Some(row) = self.counts.get(lemma) else {
            return floor;
        };
        let (pos, seen) = row[frame.index()];
        let learned = if seen >= MIN_SEEN {
            f64::from(pos) / f64::from(seen + 1)
        } else {
            let (p, s) = row.iter().fold((0, 0), |(a, b), &(p, s)| (a + p, b + s));
            0.8 * f64::from(p) / f64::from(s + 1)
        };
        learned.max(floor)
    }
}
