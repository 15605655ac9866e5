//! Attribution cues: words that introduce what someone said, wrote,
//! thought or wanted (`said`, `told`, `according to`, `warned`, `hopes`).
//!
//! This module finds the candidates and their syntactic frame (a verb with
//! a clausal complement is a far likelier cue than the same verb with an
//! object); whether a candidate is a cue is decided by the learned
//! classifier in [`super::cue_model`], for which the short hand list
//! `lexicons/cue_verbs.txt` of core speech verbs is one feature.

use std::collections::HashSet;
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
    /// Takes a prepositional complement: `talked about X`, `support for X`.
    Oblique,
    /// A passive whose subject is what was said or judged: `the move was
    /// first reported by X`, `the plan was criticised`.
    Passive,
    /// Marks an oblique: `according to X`.
    Case,
    /// None of the above.
    Other,
}

/// All frames, in the order of the weights table.
pub const FRAMES: [Frame; 9] = [
    Frame::Quote,
    Frame::Clause,
    Frame::Parenthetical,
    Frame::Open,
    Frame::Object,
    Frame::Oblique,
    Frame::Passive,
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
            Frame::Oblique => "oblique",
            Frame::Passive => "passive",
            Frame::Case => "case",
            Frame::Other => "other",
        }
    }

    fn rank(self) -> usize {
        FRAMES
            .iter()
            .position(|&f| f == self)
            .unwrap_or(FRAMES.len())
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
    let rank = |f: Frame| f.rank();
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
        } else if rel_is(rel, "xcomp")
            || (tag.upos == "NOUN" && rel_is(rel, "acl") && has_to(analysis, tree, c))
        {
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
        // `the paper claims the refusal is …` hung on the sentence as
        // parataxis: a complement of its own makes it no parenthetical.
        let own_complement = f == Frame::Parenthetical
            && matches!(frame, Frame::Open | Frame::Object)
            && tree.children(i).any(|c| {
                c > i
                    && ["obj", "xcomp"]
                        .iter()
                        .any(|r| rel_is(&analysis.tag(c).deprel, r))
            });
        if rank(f) < rank(frame) && !own_complement {
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
    if frame == Frame::Other
        && tag.upos == "VERB"
        && tree.child(analysis, i, "nsubj:pass").is_some()
    {
        frame = Frame::Passive;
    }
    if frame == Frame::Other
        && matches!(tag.upos.as_str(), "VERB" | "NOUN" | "ADJ")
        && oblique(analysis, tree, i).is_some()
    {
        frame = Frame::Oblique;
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

/// Whether clause `c` is an infinitive (`plan to leave`).
fn has_to(analysis: &Analysis, tree: &Tree, c: usize) -> bool {
    tree.children(c).any(|m| {
        analysis.tag(m).deprel == "mark" && analysis.token_text(m).eq_ignore_ascii_case("to")
    })
}

/// Whether clause `c` is introduced by `that`.
fn has_that(analysis: &Analysis, tree: &Tree, c: usize) -> bool {
    tree.children(c).any(|m| {
        analysis.tag(m).deprel == "mark" && analysis.token_text(m).eq_ignore_ascii_case("that")
    })
}

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

/// The hand list of core speech verbs (`lexicons/cue_verbs.txt`).
fn hand_list() -> &'static HashSet<&'static str> {
    static HAND: OnceLock<HashSet<&'static str>> = OnceLock::new();
    HAND.get_or_init(|| {
        include_str!("../../../../lexicons/cue_verbs.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Whether `lemma` (lowercase) is a hand-listed core speech verb.
pub fn is_hand_listed(lemma: &str) -> bool {
    hand_list().contains(lemma)
}

/// The prepositional dependent after `i` that a cue of frame
/// [`Frame::Oblique`] reports (`talked about X`, `called for X`, `support
/// for X`), if any.
pub fn oblique(analysis: &Analysis, tree: &Tree, i: usize) -> Option<usize> {
    tree.children(i).filter(|&c| c > i).find(|&c| {
        let rel = analysis.tag(c).deprel.as_str();
        (rel == "obl" || rel == "nmod")
            && tree
                .children(c)
                .any(|m| m < c && analysis.tag(m).deprel == "case")
    })
}
