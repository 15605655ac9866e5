//! The source of an attribution (who said it) and the entity it names.

use super::cues::Frame;
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
    // A second verb sharing the subject: `said … and added`, `went on to say`.
    let shares = ["conj", "xcomp"].iter().any(|r| rel_is(&tag.deprel, r));
    tag.head
        .filter(|_| shares)
        .and_then(|h| subject(analysis, tree, h))
}

/// The active subject of a verb.
fn subject(analysis: &Analysis, tree: &Tree, verb: usize) -> Option<usize> {
    tree.children(verb).find(|&c| {
        let rel = analysis.tag(c).deprel.as_str();
        rel == "nsubj" || rel == "csubj"
    })
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
    tree.extent(head, &|c| {
        let rel = analysis.tag(c).deprel.as_str();
        NOT_SOURCE.iter().any(|r| rel_is(rel, r))
    })
}

/// The entity the source refers to: its head's entity (a name, a pronoun
/// or a nominal the actors stage resolves), else the entity of a name in
/// apposition (`the spokesman, Dmitry Peskov`).
pub fn speaker(analysis: &Analysis, tree: &Tree, actors: &Actors, head: usize) -> Option<usize> {
    actors.resolve(analysis, head).or_else(|| {
        tree.children(head)
            .filter(|&c| rel_is(&analysis.tag(c).deprel, "appos"))
            .find_map(|c| actors.resolve(analysis, c))
    })
}
