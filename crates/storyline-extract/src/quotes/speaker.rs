//! The source of an attribution (who said it) and the entity it names.

use super::cues::Frame;
use super::marks::Quotations;
use super::tree::{Tree, rel_is};
use crate::actors::Actors;
use crate::analysis::Analysis;

/// Dependents that are not part of a source's name or description
/// (`Froman, a former trade representative, …` keeps `Froman`).
const NOT_SOURCE: [&str; 9] = [
    "acl",
    "appos",
    "punct",
    "parataxis",
    "dep",
    "advcl",
    "ccomp",
    "cc",
    "conj",
];

/// An attribution's source: its head token and its inclusive token span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// The token an entity is resolved from.
    pub head: usize,
    /// First token of the source.
    pub first: usize,
    /// Last token of the source (inclusive).
    pub last: usize,
}

/// The source of cue `cue`: from the tree, else (the parser often misses
/// inversions) the noun phrase right after a cue that follows its content
/// (`“…,” said Virginia delegate Beau Correll`, `according to the paper`).
pub fn source(
    analysis: &Analysis,
    tree: &Tree,
    quotes: &Quotations,
    cue: usize,
    frame: Frame,
) -> Option<Source> {
    // A subject inside a quotation the cue is not in speaks within it.
    let outside =
        |h: &usize| quotes.region_of[*h].is_none() || quotes.region_of[*h] == quotes.region_of[cue];
    if let Some(head) = source_head(analysis, tree, cue, frame).filter(outside) {
        let (first, last) = source_span(analysis, tree, head);
        if frame != Frame::Case || first > cue {
            return Some(Source { head, first, last });
        }
        if head > cue {
            // `according to early results of the exit poll conducted by
            // …`: the whole noun phrase after the cue (PolNeAR's extent).
            let mut first = cue + 1;
            while first < head && analysis.tag(first).deprel == "fixed" {
                first += 1;
            }
            let (_, mut last) = tree.extent(head, &|_| false);
            while last > head && analysis.tag(last).upos == "PUNCT" {
                last -= 1;
            }
            return Some(Source { head, first, last });
        }
    }
    if !matches!(frame, Frame::Quote | Frame::Parenthetical | Frame::Case) {
        if analysis.tag(cue).upos == "VERB" {
            return left_noun_phrase(analysis, quotes, cue);
        }
        return None;
    }
    let mut first = cue + 1;
    if frame == Frame::Case
        && first < analysis.tokens.len()
        && analysis.tag(first).deprel == "fixed"
    {
        first += 1;
    }
    noun_phrase(analysis, first)
}

/// When the tree gives a verb cue no subject (a misparse): the noun
/// phrase ending right before it, past auxiliaries and adverbs
/// (`Eli Stoklos says`, `the group also warned`).
fn left_noun_phrase(analysis: &Analysis, quotes: &Quotations, cue: usize) -> Option<Source> {
    let sentence = &analysis.sentences[analysis.sentence_of(cue)];
    let mut i = cue;
    while i > sentence.tokens.start {
        let t = analysis.tag(i - 1);
        if matches!(t.upos.as_str(), "AUX" | "ADV" | "PART") {
            i -= 1;
        } else {
            break;
        }
    }
    if i == sentence.tokens.start {
        return None;
    }
    let head = i - 1;
    if quotes.region(head).is_some() {
        return None;
    }
    let tag = analysis.tag(head);
    match tag.upos.as_str() {
        "PRON" if !matches!(tag.xpos.as_str(), "WP" | "WDT") => {
            return Some(Source {
                head,
                first: head,
                last: head,
            });
        }
        "PROPN" | "NOUN" => {}
        _ => return None,
    }
    let mut first = head;
    while first > sentence.tokens.start
        && matches!(
            analysis.tag(first - 1).upos.as_str(),
            "PROPN" | "NOUN" | "ADJ" | "DET" | "NUM"
        )
        && quotes.region(first - 1).is_none()
    {
        first -= 1;
    }
    Some(Source {
        head,
        first,
        last: head,
    })
}

/// The noun phrase starting at `first` (determiners, adjectives, nouns,
/// names, numbers; or one pronoun), headed by its last noun or name.
fn noun_phrase(analysis: &Analysis, first: usize) -> Option<Source> {
    let n = analysis.tokens.len();
    let sentence_end = analysis
        .sentences
        .get(analysis.sentence_of(first.min(n.saturating_sub(1))))?
        .tokens
        .end;
    if first >= sentence_end {
        return None;
    }
    if analysis.tag(first).upos == "PRON" {
        return Some(Source {
            head: first,
            first,
            last: first,
        });
    }
    let mut last = None;
    let mut head = None;
    for i in first..sentence_end {
        match analysis.tag(i).upos.as_str() {
            "PROPN" | "NOUN" => {
                head = Some(i);
                last = Some(i);
            }
            "DET" | "ADJ" | "NUM" | "PART" if head.is_none() || analysis.token_text(i) == "’s" => {
                last = Some(i)
            }
            _ => break,
        }
    }
    Some(Source {
        head: head?,
        first,
        last: last?,
    })
}

/// The head token of the source of cue `cue`, when the tree shows one.
pub fn source_head(analysis: &Analysis, tree: &Tree, cue: usize, frame: Frame) -> Option<usize> {
    let tag = analysis.tag(cue);
    if frame == Frame::Case {
        // `according to X`: the cue is the case marker of X.
        return tag.head;
    }
    if let Some(s) = subject(analysis, tree, cue) {
        return Some(s);
    }
    if tag.upos == "NOUN" {
        // `X's statement that …`, `a statement by X`, `X issued a statement …`.
        if let Some(p) = tree.child(analysis, cue, "nmod:poss") {
            return Some(p);
        }
        if let Some(n) = tree.children(cue).find(|&c| {
            rel_is(&analysis.tag(c).deprel, "nmod") && has_case(analysis, tree, c, &["by", "from"])
        }) {
            return Some(n);
        }
        return tag
            .head
            .filter(|_| rel_is(&tag.deprel, "obj"))
            .and_then(|h| subject(analysis, tree, h));
    }
    // A passive cue with its agent: `was described by X`.
    if let Some(agent) = tree
        .children(cue)
        .find(|&c| rel_is(&analysis.tag(c).deprel, "obl") && has_case(analysis, tree, c, &["by"]))
    {
        return Some(agent);
    }
    // A verb sharing its subject with the one it hangs on: `said … and
    // added`, `went on to say`, `…, saying …`, `he told reporters, calling …`.
    let mut verb = cue;
    for _ in 0..3 {
        let tag = analysis.tag(verb);
        let shares = ["conj", "xcomp", "advcl", "acl"]
            .iter()
            .any(|r| rel_is(&tag.deprel, r));
        verb = tag.head.filter(|_| shares)?;
        if let Some(s) = subject(analysis, tree, verb) {
            return Some(s);
        }
    }
    None
}

/// The active subject of a verb; of several (a misparse), the one
/// nearest before it, else the first after it, never one with a
/// preposition (`… on Foreign Relations indicated` is a misread modifier).
fn subject(analysis: &Analysis, tree: &Tree, verb: usize) -> Option<usize> {
    let subjects = tree.children(verb).filter(|&c| {
        let rel = analysis.tag(c).deprel.as_str();
        (rel == "nsubj" || rel == "csubj")
            && tree.children(c).all(|k| {
                analysis.tag(k).deprel != "case"
                    || matches!(
                        analysis.token_text(k).to_ascii_lowercase().as_str(),
                        "after"
                            | "before"
                            | "since"
                            | "as"
                            | "while"
                            | "because"
                            | "when"
                            | "until"
                            | "if"
                    )
            })
    });
    let mut best = None;
    for s in subjects {
        if s < verb || best.is_none() {
            best = Some(s);
        }
    }
    best
}

fn has_case(analysis: &Analysis, tree: &Tree, noun: usize, words: &[&str]) -> bool {
    tree.children(noun).any(|c| {
        analysis.tag(c).deprel == "case"
            && words
                .iter()
                .any(|w| analysis.token_text(c).eq_ignore_ascii_case(w))
    })
}

/// The source's span (inclusive tokens): its head with its determiners,
/// modifiers and name parts, without appositions and clauses.
pub fn source_span(analysis: &Analysis, tree: &Tree, head: usize) -> (usize, usize) {
    let (mut first, mut last) = tree.extent(head, &|c| {
        let rel = analysis.tag(c).deprel.as_str();
        NOT_SOURCE.iter().any(|r| rel_is(rel, r))
    });
    // A misparse can hang an introductory phrase on the source: keep the
    // comma-free stretch around the head.
    if let Some(comma) = (first..head).rev().find(|&i| analysis.token_text(i) == ",") {
        first = comma + 1;
    }
    if let Some(comma) = (head..=last).find(|&i| analysis.token_text(i) == ",") {
        last = comma - 1;
    }
    (first, last)
}

/// The entity the source refers to: its head's entity (a name, a pronoun
/// or a nominal the actors stage resolves), else for a definite source the
/// entity of a name in apposition (`the spokesman, Dmitry Peskov`; an
/// indefinite `a senior official` names no one).
pub fn speaker(analysis: &Analysis, tree: &Tree, actors: &Actors, head: usize) -> Option<usize> {
    if indefinite(analysis, tree, head) {
        return None;
    }
    actors.resolve(analysis, head).or_else(|| {
        let definite = tree.children(head).any(|c| {
            let rel = analysis.tag(c).deprel.as_str();
            rel == "nmod:poss"
                || (rel == "det" && analysis.token_text(c).eq_ignore_ascii_case("the"))
        });
        tree.children(head)
            .filter(|&c| definite && rel_is(&analysis.tag(c).deprel, "appos"))
            .find_map(|c| actors.resolve(analysis, c))
    })
}

/// Whether a source introduces someone new rather than naming or
/// referring back: `a senior official`, `some analysts`, bare `experts`.
fn indefinite(analysis: &Analysis, tree: &Tree, head: usize) -> bool {
    let tag = analysis.tag(head);
    if tag.upos != "NOUN" {
        return false;
    }
    let mut determined = false;
    for c in tree.children(head) {
        let rel = analysis.tag(c).deprel.as_str();
        if rel == "det" {
            let word = analysis.token_text(c).to_ascii_lowercase();
            if matches!(
                word.as_str(),
                "a" | "an" | "some" | "several" | "many" | "few" | "any"
            ) {
                return true;
            }
            determined = true;
        } else if rel == "nmod:poss" {
            determined = true;
        }
    }
    // A bare plural (`experts`, `sources`) names a kind of people.
    !determined && tag.xpos == "NNS"
}
