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
    if tag.upos == "VERB" {
        if matches!(frame, Frame::Other | Frame::Object)
            && misparsed_clause(analysis, tree, i).is_some()
        {
            frame = Frame::Clause;
        }
        if frame == Frame::Other && trailing_conj(analysis, tree, i) {
            frame = Frame::Parenthetical;
        }
    }
    frame
}

/// `said the real extremist … is Clinton` parsed with the clause as an
/// oblique or loose dependent: a caseless dependent after the verb that
/// has a subject or a copula of its own.
pub fn misparsed_clause(analysis: &Analysis, tree: &Tree, i: usize) -> Option<usize> {
    tree.children(i).filter(|&c| c > i).find(|&c| {
        let rel = analysis.tag(c).deprel.as_str();
        (rel_is(rel, "obl") || rel == "dep" || rel_is(rel, "obj"))
            && tree.child(analysis, c, "case").is_none()
            && tree.children(c).any(|g| {
                let r = analysis.tag(g).deprel.as_str();
                r == "cop" || (rel_is(r, "nsubj") && g < c)
            })
    })
}

/// `…, Mr. Sykes said.` parsed as a conjunct of the clause it reports: a
/// verb with a subject, nothing after it but punctuation, and a comma
/// before its subject.
fn trailing_conj(analysis: &Analysis, tree: &Tree, i: usize) -> bool {
    let tag = analysis.tag(i);
    if !rel_is(&tag.deprel, "conj") || tag.head.is_none_or(|h| h > i) {
        return false;
    }
    if tree
        .children(i)
        .any(|c| c > i && analysis.tag(c).upos != "PUNCT")
    {
        return false;
    }
    let Some(subject) = tree
        .children(i)
        .find(|&c| rel_is(&analysis.tag(c).deprel, "nsubj") && c < i)
    else {
        return false;
    };
    let first = tree.extent(subject, &|_| false).0;
    first > 0
        && analysis.token_text(first - 1) == ","
        && !tree.children(i).any(|c| analysis.tag(c).deprel == "cc")
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

/// How many times a (lemma, context, frame) triple must be seen before
/// its own ratio is used.
const MIN_CONTEXT_SEEN: u32 = 5;

/// The context of candidate cue `i` that changes its chance most: inside
/// a quotation (`q`; PolNeAR rarely marks attributions nested in quoted
/// speech) or with a first- or second-person subject (`i`: `I think`).
pub fn context(
    analysis: &Analysis,
    tree: &Tree,
    quotes: &Quotations,
    i: usize,
) -> Option<&'static str> {
    if quotes.region(i).is_some() {
        return Some("q");
    }
    let personal = tree.children(i).any(|c| {
        rel_is(&analysis.tag(c).deprel, "nsubj")
            && matches!(
                analysis.token_text(c).to_ascii_lowercase().as_str(),
                "i" | "we" | "you"
            )
    });
    personal.then_some("i")
}

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

    /// The chance that `lemma` in `frame` is a cue, in context `context`
    /// (see [`context`]): the context's own counts when there are enough,
    /// else the lemma's.
    pub fn score_in(&self, lemma: &str, context: Option<&str>, frame: Frame) -> f64 {
        let hand = self.hand.contains_key(lemma)
            && matches!(frame, Frame::Quote | Frame::Clause | Frame::Parenthetical);
        if let Some(ctx) = context.filter(|_| !hand) {
            let mut key = String::with_capacity(lemma.len() + ctx.len() + 1);
            key.push_str(lemma);
            key.push('#');
            key.push_str(ctx);
            if let Some(row) = self.counts.get(key.as_str()) {
                let (pos, seen) = row[frame.index()];
                if seen >= MIN_CONTEXT_SEEN {
                    return f64::from(pos) / f64::from(seen + 1);
                }
            }
        }
        self.score(lemma, frame)
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
