//! The content of an attribution: what its cue introduces, read off the
//! dependency tree (the clausal complement, the quotation, the clause a
//! parenthetical or `according to` reports) and widened to whole
//! quotations where the tree stops inside one.

use super::cues::Frame;
use super::marks::Quotations;
use super::tree::{Tree, rel_is};
use crate::analysis::Analysis;

/// The content of cue `cue` with frame `frame`, as an inclusive token
/// range, or `None` when the frame gives none.
pub fn of(
    analysis: &Analysis,
    tree: &Tree,
    quotes: &Quotations,
    cue: usize,
    frame: Frame,
) -> Option<(usize, usize)> {
    let none = |_: usize| false;
    let span = match frame {
        Frame::Quote => quoted(analysis, tree, quotes, cue)?,
        Frame::Clause => {
            let c = tree.children(cue).find(|&c| {
                let rel = &analysis.tag(c).deprel;
                rel_is(rel, "ccomp") || rel_is(rel, "acl")
            })?;
            tree.extent(c, &none)
        }
        Frame::Open => tree.extent(tree.child(analysis, cue, "xcomp")?, &none),
        Frame::Object => tree.extent(tree.child(analysis, cue, "obj")?, &none),
        Frame::Parenthetical => {
            let head = analysis.tag(cue).head?;
            without(tree, head, cue)?
        }
        Frame::Case => {
            let noun = analysis.tag(cue).head?;
            let clause = analysis.tag(noun).head?;
            without(tree, clause, noun)?
        }
        Frame::Other => return None,
    };
    let span = widen_to_quotations(quotes, span);
    trim(analysis, quotes, span)
}

/// The subtree of `head` without the subtree of `cut` (a parenthetical or
/// the `according to` phrase); a cut at either end of the clause clips it.
fn without(tree: &Tree, head: usize, cut: usize) -> Option<(usize, usize)> {
    let (first, last) = tree.extent(head, &|c| c == cut);
    let (cf, cl) = tree.extent(cut, &|_| false);
    let span = if cf <= first {
        (cl + 1, last)
    } else if cl >= last {
        (first, cf - 1)
    } else {
        (first, last)
    };
    (span.0 <= span.1).then_some(span)
}

/// The quotation(s) cue `cue` governs or interrupts: from the first to the
/// last quotation of its sentence next to the cue's clause.
fn quoted(
    analysis: &Analysis,
    tree: &Tree,
    quotes: &Quotations,
    cue: usize,
) -> Option<(usize, usize)> {
    let own = quotes.region(cue);
    let linked = tree
        .children(cue)
        .chain(analysis.tag(cue).head)
        .find_map(|t| quotes.region(t).filter(|r| Some(*r) != own))?;
    let (mut first, mut last) = (linked.first, linked.last);
    // `“A,” he said, “B.”`: a second quotation right after the cue's phrase.
    let sentence = &analysis.sentences[analysis.sentence_of(cue)];
    if linked.last < cue {
        let (_, cue_last) = tree.extent(cue, &|c| quotes.region(c).is_some());
        let mut next = cue_last + 1;
        while next < sentence.tokens.end
            && analysis.tag(next).upos == "PUNCT"
            && quotes.region(next).is_none()
        {
            next += 1;
        }
        if let Some(r) = quotes.region(next).filter(|r| r.first == next) {
            last = r.last;
        }
    } else if linked.first > cue {
        first = first.min(linked.first);
    }
    Some((first, last))
}

/// Extends a span to cover every quotation it starts or ends in.
fn widen_to_quotations(quotes: &Quotations, (first, last): (usize, usize)) -> (usize, usize) {
    let first = quotes.region(first).map_or(first, |r| r.first.min(first));
    let last = quotes.region(last).map_or(last, |r| r.last.max(last));
    (first, last)
}

/// Drops punctuation (but not quotation marks) at both ends.
fn trim(
    analysis: &Analysis,
    quotes: &Quotations,
    (mut first, mut last): (usize, usize),
) -> Option<(usize, usize)> {
    let loose = |i: usize| {
        analysis.tag(i).upos == "PUNCT" && !quotes.is_mark(i) || analysis.token_text(i) == "—"
    };
    while first < last && loose(first) {
        first += 1;
    }
    while last > first && loose(last) {
        last -= 1;
    }
    (!loose(first)).then_some((first, last))
}
