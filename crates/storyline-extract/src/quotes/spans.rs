//! Content candidates for a cue and the features that rank them.
//!
//! The hand rules of [`super::content`] give one reading of what a cue
//! introduces; parse errors and annotation conventions often make another
//! reading right: the subtree of a different dependent of the cue, the rest
//! of the sentence, the clause before the cue phrase, the reading cut at
//! its first comma or run on to the end of the paragraph. Every distinct
//! reading becomes a candidate, and a learned ranker
//! ([`super::cue_model::CueModel::rank`]) picks one.

use storyline_nlp::features::{Feature, FeatureHasher};

use super::content::{trim, widen_to_quotations as widen};
use super::cues::Frame;
use super::marks::Quotations;
use super::tree::Tree;
use crate::analysis::Analysis;

/// Where a candidate reading comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The hand rules' reading.
    Rule,
    /// The subtree of one dependent of the cue.
    Child,
    /// Everything after the cue phrase to the end of the sentence.
    Rest,
    /// Everything before the cue phrase from the start of the sentence.
    Before,
    /// The rules' reading cut at its first comma, dash, colon or semicolon.
    Cut,
    /// The rules' reading cut at its last comma, dash, colon or semicolon.
    CutLast,
    /// The rules' reading run on to the end of its paragraph.
    Paragraph,
    /// The rules' quotation with the quotation that resumes it after the
    /// cue phrase (`“A,” she said. “B.”`).
    Resumed,
}

impl Kind {
    /// The reading's name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Rule => "rule",
            Kind::Child => "child",
            Kind::Rest => "rest",
            Kind::Before => "before",
            Kind::Cut => "cut",
            Kind::CutLast => "cutlast",
            Kind::Paragraph => "para",
            Kind::Resumed => "resumed",
        }
    }
}

/// One candidate content: an inclusive token range and every way it was
/// reached (the dependent's relation for [`Kind::Child`]).
#[derive(Debug, Clone)]
pub struct Candidate {
    /// First and last token.
    pub span: (usize, usize),
    /// The readings that gave this span.
    pub kinds: Vec<(Kind, Option<usize>)>,
    /// The span's pieces without the cue phrase when that interrupts it
    /// (see [`super::pieces`]); empty when it is one piece.
    pub pieces: Vec<(usize, usize)>,
}

impl Candidate {
    /// The candidate's character ranges (its pieces, or its span), as the
    /// evaluation measures them.
    pub fn chars(&self, analysis: &Analysis) -> Vec<(usize, usize)> {
        if self.pieces.is_empty() {
            super::char_ranges(analysis, &[self.span])
        } else {
            super::char_ranges(analysis, &self.pieces)
        }
    }
}

/// Relations whose subtrees are never what was said.
const NOT_CONTENT: [&str; 12] = [
    "punct",
    "aux",
    "aux:pass",
    "cop",
    "mark",
    "cc",
    "det",
    "case",
    "compound:prt",
    "fixed",
    "discourse",
    "expl",
];

/// The candidate contents of cue `cue`: `rule` is the hand rules' reading,
/// `phrase` the cue with its source, `next_cue` the next cue of the
/// sentence (a report of its own, which no new reading may swallow).
pub fn candidates(
    analysis: &Analysis,
    tree: &Tree,
    quotes: &Quotations,
    cue: usize,
    phrase: (usize, usize),
    rule: Option<(usize, usize)>,
    next_cue: Option<usize>,
) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut add = |span: Option<(usize, usize)>, kind: Kind, child: Option<usize>| {
        let span = span.filter(|s| s.0 <= s.1);
        let Some(span) = span.and_then(|s| trim(analysis, quotes, s)) else {
            return;
        };
        // Only the rules may read a report around its cue (`…, he said,
        // …`); a new reading that swallows the cue phrase is no content.
        let around = span.0 <= phrase.1 && phrase.0 <= span.1;
        if around && !matches!(kind, Kind::Rule | Kind::Resumed) {
            return;
        }
        if kind != Kind::Rule && next_cue.is_some_and(|n| span.0 <= n && n <= span.1) {
            return;
        }
        match out.iter_mut().find(|c| c.span == span) {
            Some(c) => c.kinds.push((kind, child)),
            None => out.push(Candidate {
                span,
                kinds: vec![(kind, child)],
                pieces: super::pieces(analysis, quotes, phrase, span),
            }),
        }
    };
    add(rule, Kind::Rule, None);
    for c in tree.children(cue) {
        let rel = analysis.tag(c).deprel.as_str();
        if NOT_CONTENT.contains(&rel) {
            continue;
        }
        let (mut first, last) = tree.extent(c, &|_| false);
        while first < c && analysis.tag(first).deprel == "case" {
            first += 1;
        }
        add(Some(widen(quotes, (first, last))), Kind::Child, Some(c));
    }
    let sentence = &analysis.sentences[analysis.sentence_of(cue)];
    let (start, end) = (sentence.tokens.start, sentence.tokens.end - 1);
    if phrase.1 < end {
        add(Some(widen(quotes, (phrase.1 + 1, end))), Kind::Rest, None);
    }
    if phrase.0 > start {
        add(
            Some(widen(quotes, (start, phrase.0 - 1))),
            Kind::Before,
            None,
        );
    }
    if let Some((first, last)) = rule {
        let breaks = |k: &usize| {
            matches!(analysis.token_text(*k), "," | ";" | "—" | "–" | ":") && !quotes.is_mark(*k)
        };
        if let Some(stop) = (first + 1..last).find(breaks) {
            add(Some((first, stop - 1)), Kind::Cut, None);
        }
        if let Some(stop) = (first + 1..last).rev().find(breaks) {
            add(Some((first, stop - 1)), Kind::CutLast, None);
        }
        add(
            Some((first, paragraph_end(analysis, last))),
            Kind::Paragraph,
            None,
        );
        add(
            resumed(analysis, quotes, cue, last).map(|end| (first, end)),
            Kind::Resumed,
            None,
        );
    }
    out
}

/// The end of the quotation that resumes the one ending at `last`, in the
/// same paragraph: within a few words, or opening the sentence after the
/// cue's (`“A,” said X, a long description of X. “B.”`).
fn resumed(analysis: &Analysis, quotes: &Quotations, cue: usize, last: usize) -> Option<usize> {
    let current = quotes.region(last)?;
    let next = quotes
        .regions
        .get(quotes.regions.partition_point(|r| r.first <= current.last))?;
    let near = next.first - current.last <= super::MAX_RESUME_GAP
        || (current.last < cue && super::opens_next_sentence(analysis, cue, next.first));
    let same_paragraph = paragraph_end(analysis, current.last) >= next.first;
    (near && same_paragraph).then_some(next.last)
}

/// The most tokens a content reading runs on to its paragraph's end: far
/// beyond any news paragraph, it keeps a page without paragraph breaks
/// from making every reading as long as the page.
pub const MAX_PARAGRAPH_RUN: usize = 1000;

/// The last token of the paragraph holding token `i`, at most
/// [`MAX_PARAGRAPH_RUN`] tokens on.
fn paragraph_end(analysis: &Analysis, i: usize) -> usize {
    analysis.paragraph_end(i).min(i + MAX_PARAGRAPH_RUN)
}

/// Feature templates of the ranker.
#[repr(u32)]
enum T {
    Kind = 101,
    KindFrame,
    KindLemma,
    ChildRel,
    ChildRelFrame,
    ChildRelLemma,
    ChildPos,
    Side,
    Length,
    Start,
    End,
    Quoted,
    WholeQuote,
    Sentences,
    Paragraphs,
    Kinds,
    KindsLemma,
    LengthFrame,
    StartKind,
    EndKind,
    EndPos,
    StartPos,
    Before,
    InnerCue,
    ConjVerb,
    Commas,
    Covers,
    CoversLemma,
}

fn h(t: T) -> FeatureHasher {
    FeatureHasher::new(t as u32)
}

/// The ranking features of candidate `c` of cue `cue` (frame `frame`).
pub fn features(
    analysis: &Analysis,
    tree: &Tree,
    quotes: &Quotations,
    cue: usize,
    frame: Frame,
    c: &Candidate,
    out: &mut Vec<Feature>,
) {
    let lemma = analysis.tag(cue).lemma.to_lowercase();
    let f = frame.name();
    let mut kinds: Vec<&str> = c.kinds.iter().map(|k| k.0.name()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let joined = kinds.join("+");
    out.push(h(T::Kinds).str(&joined).str(f).finish());
    out.push(h(T::KindsLemma).str(&joined).str(&lemma).finish());
    for &(kind, child) in &c.kinds {
        let k = kind.name();
        out.push(h(T::Kind).str(k).finish());
        out.push(h(T::KindFrame).str(k).str(f).finish());
        out.push(h(T::KindLemma).str(k).str(&lemma).finish());
        if let Some(child) = child {
            let rel = analysis.tag(child).deprel.as_str();
            out.push(h(T::ChildRel).str(rel).finish());
            out.push(h(T::ChildRelFrame).str(rel).str(f).finish());
            out.push(h(T::ChildRelLemma).str(rel).str(&lemma).finish());
            out.push(
                h(T::ChildPos)
                    .str(&analysis.tag(child).upos)
                    .str(rel)
                    .finish(),
            );
        }
    }
    let (first, last) = c.span;
    let side = if first > cue {
        "after"
    } else if last < cue {
        "before"
    } else {
        "around"
    };
    out.push(h(T::Side).str(side).str(f).finish());
    let length = (last + 1 - first).min(1024).ilog2();
    out.push(h(T::Length).int(u64::from(length)).str(kinds[0]).finish());
    out.push(h(T::LengthFrame).int(u64::from(length)).str(f).finish());
    let start = analysis.token_text(first).to_lowercase();
    out.push(h(T::Start).str(&start).finish());
    out.push(h(T::StartKind).str(&start).str(&joined).finish());
    let sentence_end = analysis.sentences[analysis.sentence_of(last)].tokens.end - 1;
    let end = if last == sentence_end || last + 1 == sentence_end {
        "sentence"
    } else {
        analysis.token_text(last + 1)
    };
    out.push(h(T::End).str(end).finish());
    out.push(h(T::EndKind).str(end).str(&joined).finish());
    if end != "sentence" {
        // What follows the reading: a participle, relative pronoun or
        // conjunction after a comma usually starts a comment on the report.
        let after = (last + 2).min(analysis.tokens.len() - 1);
        out.push(
            h(T::EndPos)
                .str(end)
                .str(&analysis.tag(after).xpos)
                .str(kinds[0])
                .finish(),
        );
    }
    out.push(
        h(T::StartPos)
            .str(&analysis.tag(first).xpos)
            .str(side)
            .str(f)
            .finish(),
    );
    let quoted = (first..=last)
        .filter(|&t| quotes.region(t).is_some())
        .count();
    let share = (4 * quoted / (last + 1 - first)) as u64;
    out.push(h(T::Quoted).int(share).str(side).finish());
    let whole = quotes
        .region(first)
        .is_some_and(|r| r.first == first && r.last == last);
    out.push(h(T::WholeQuote).int(u64::from(whole)).finish());
    let sentences = analysis.sentence_of(last) - analysis.sentence_of(first);
    out.push(h(T::Sentences).int(sentences.min(3) as u64).finish());
    let paragraphs = paragraph_end(analysis, first) < last;
    out.push(h(T::Paragraphs).int(u64::from(paragraphs)).finish());
    let before = if first == 0 {
        "<s>".to_string()
    } else {
        analysis.token_text(first - 1).to_lowercase()
    };
    out.push(h(T::Before).str(&before).str(side).finish());
    let inner_cue = (first..=last).any(|t| {
        t != cue
            && analysis.tag(t).upos == "VERB"
            && super::cues::is_hand_listed(&analysis.tag(t).lemma.to_lowercase())
    });
    out.push(
        h(T::InnerCue)
            .int(u64::from(inner_cue))
            .str(&joined)
            .finish(),
    );
    let conj_verb = (first..=last).any(|t| {
        let g = analysis.tag(t);
        g.deprel == "conj" && g.upos == "VERB" && g.head.is_some_and(|h| h >= first && h < t)
    });
    out.push(
        h(T::ConjVerb)
            .int(u64::from(conj_verb))
            .str(&joined)
            .finish(),
    );
    let commas = (first..=last)
        .filter(|&t| analysis.token_text(t) == ",")
        .count()
        .min(3);
    out.push(h(T::Commas).int(commas as u64).str(kinds[0]).finish());
    // Which of the cue's dependents the reading takes in, whole or in
    // part: an object with its time and place obliques, or without them.
    for d in tree.children(cue) {
        let rel = analysis.tag(d).deprel.as_str();
        if rel == "punct" {
            continue;
        }
        let (a, b) = tree.extent(d, &|_| false);
        let cover = if a >= first && b <= last {
            "whole"
        } else if a <= last && first <= b {
            "part"
        } else {
            continue;
        };
        let case = tree
            .children(d)
            .find(|&m| m < d && analysis.tag(m).deprel == "case")
            .map_or("-".to_string(), |m| analysis.token_text(m).to_lowercase());
        out.push(h(T::Covers).str(rel).str(&case).str(cover).str(f).finish());
        if rel_is_oblique(rel) {
            out.push(h(T::CoversLemma).str(&case).str(cover).str(&lemma).finish());
        }
    }
}

/// Whether `rel` attaches an oblique or adverbial phrase.
fn rel_is_oblique(rel: &str) -> bool {
    rel.starts_with("obl") || rel.starts_with("advcl") || rel == "advmod"
}
