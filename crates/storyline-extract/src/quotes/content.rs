//! The content of an attribution: what its cue introduces, read off the
//! dependency tree (the clausal complement, the quotation, the clause a
//! parenthetical or `according to` reports) and widened to whole
//! quotations where the tree stops inside one.

use super::cues::Frame;
use super::marks::Quotations;
use super::tree::{Tree, rel_is};
use crate::analysis::Analysis;

/// The content of cue `cue` with frame `frame`, as an inclusive token
/// range, or `None` when the frame gives none. `phrase` is the span of the
/// cue with its source (what a parenthetical cuts out of its clause);
/// `next_cue` the next cue of the sentence, where reported speech running
/// on to the end of the sentence stops.
pub fn of(
    analysis: &Analysis,
    tree: &Tree,
    quotes: &Quotations,
    cue: usize,
    frame: Frame,
    phrase: (usize, usize),
    next_cue: Option<usize>,
) -> Option<(usize, usize)> {
    let none = |_: usize| false;
    let span = match frame {
        Frame::Quote => {
            let span = quoted(analysis, tree, quotes, cue)?;
            let start = after_phrase(analysis, quotes, phrase);
            if span.0 > start && start < analysis.tokens.len() && quotes.region(start).is_none() {
                // `says Obama is “obsessed”`: a partial quotation inside
                // reported speech, not a quotation the cue governs.
                run_on(analysis, tree, cue, (start, span.1), next_cue)
            } else {
                continued(analysis, tree, quotes, cue, span, next_cue)
            }
        }
        Frame::Clause => {
            let c = tree
                .children(cue)
                .find(|&c| {
                    let rel = &analysis.tag(c).deprel;
                    rel_is(rel, "ccomp") || rel_is(rel, "acl")
                })
                .or_else(|| super::cues::misparsed_clause(analysis, tree, cue))?;
            let span = tree.extent(c, &none);
            if c > cue {
                run_on(analysis, tree, cue, span, next_cue)
            } else {
                span
            }
        }
        Frame::Open => {
            let complement = tree
                .child(analysis, cue, "xcomp")
                .or_else(|| tree.child(analysis, cue, "acl"))?;
            let span = predicate(analysis, tree, cue, complement);
            raised_subject(analysis, tree, cue, into_quotation(analysis, quotes, span))
        }
        Frame::Passive => tree.extent(tree.child(analysis, cue, "nsubj:pass")?, &none),
        Frame::Oblique => {
            let o = super::cues::oblique(analysis, tree, cue)?;
            let (mut first, last) = predicate(analysis, tree, cue, o);
            // The preposition belongs to the cue (`spoke about`).
            while first < o && analysis.tag(first).deprel == "case" {
                first += 1;
            }
            into_quotation(analysis, quotes, (first, last))
        }
        Frame::Object => {
            let object = tree.child(analysis, cue, "obj")?;
            match subject_of_clause(analysis, tree, cue, object) {
                Some(span) => run_on(analysis, tree, cue, span, next_cue),
                None => into_quotation(analysis, quotes, predicate(analysis, tree, cue, object)),
            }
        }
        Frame::Parenthetical | Frame::Case => around(analysis, quotes, phrase)?,
        Frame::Other => return None,
    };
    let span = fronted(analysis, tree, cue, frame, phrase, span);
    let span = before_next_report(analysis, cue, span, next_cue);
    let span = before_coordinated_act(analysis, tree, cue, span);
    let span = before_final_relative(analysis, tree, cue, span);
    let span = widen_to_quotations(quotes, within_paragraph(analysis, cue, span));
    trim(analysis, quotes, span)
}

/// What the reported clause has before its cue phrase: the relative
/// pronoun standing for its missing subject (`attacks, which the probe
/// said were covered up`) or, when the phrase is set off by commas, the clause's
/// fronted part (`Riding alone in the park, they said, can be hazardous`).
fn fronted(
    analysis: &Analysis,
    tree: &Tree,
    cue: usize,
    frame: Frame,
    (pf, pl): (usize, usize),
    (first, last): (usize, usize),
) -> (usize, usize) {
    if first <= cue || pf == 0 || !matches!(frame, Frame::Clause | Frame::Object | Frame::Open) {
        return (first, last);
    }
    let before = pf - 1;
    let tag = analysis.tag(before);
    if frame == Frame::Clause
        && matches!(tag.xpos.as_str(), "WDT" | "WP" | "WP$")
        && !(tag.head == Some(cue) && rel_is(&tag.deprel, "nsubj"))
        && !rel_is(&analysis.tag(first).deprel, "nsubj")
    {
        return (before, last);
    }
    let set_off = analysis.token_text(before) == ","
        && pl + 1 < analysis.tokens.len()
        && analysis.token_text(pl + 1) == ",";
    if frame != Frame::Clause || !set_off {
        return (first, last);
    }
    let sentence = &analysis.sentences[analysis.sentence_of(cue)];
    let start = tree
        .children(cue)
        .filter(|&d| d < pf && d >= sentence.tokens.start)
        .filter(|&d| analysis.tag(d).upos != "PUNCT" && analysis.tag(d).upos != "CCONJ")
        .map(|d| tree.extent(d, &|_| false).0)
        .min();
    (start.unwrap_or(first).min(first), last)
}

/// `praised Putin, saying he was a stronger leader`: a later cue set off
/// by a comma or dash (`, and said …`) starts a report of its own, which
/// the content stops short of; a cue run into the content (`said she told
/// him …`) is reported speech inside it and stays.
fn before_next_report(
    analysis: &Analysis,
    cue: usize,
    (first, last): (usize, usize),
    next_cue: Option<usize>,
) -> (usize, usize) {
    let Some(next) = next_cue.filter(|&n| n > cue && n > first && n <= last) else {
        return (first, last);
    };
    let mut i = next - 1;
    while i > first && analysis.tag(i).upos == "CCONJ" {
        i -= 1;
    }
    if i > first && matches!(analysis.token_text(i), "," | "—" | "–" | ";") {
        (first, i - 1)
    } else {
        (first, last)
    }
}

/// `says he respects Clinton and calls her …`, `calling him “dopey” and
/// accusing him …`: a verb of the cue's own form coordinated after the
/// content, with no subject or complementizer of its own, is a second act
/// of the cue's subject (however the parser attached it), not more of
/// what was said.
fn before_coordinated_act(
    analysis: &Analysis,
    tree: &Tree,
    cue: usize,
    (first, last): (usize, usize),
) -> (usize, usize) {
    let form = analysis.tag(cue).xpos.as_str();
    if first <= cue || !matches!(form, "VBZ" | "VBG") {
        return (first, last);
    }
    for i in first + 1..last {
        if analysis.tag(i).upos != "CCONJ" {
            continue;
        }
        let mut verb = i + 1;
        while verb < last && analysis.tag(verb).upos == "ADV" {
            verb += 1;
        }
        let own = |rel: &str| tree.child(analysis, verb, rel).is_some();
        if analysis.tag(verb).xpos == form && !own("nsubj") && !own("mark") && !own("expl") {
            return (first, i - 1);
        }
    }
    (first, last)
}

/// `ordered a review of the visa program, which allows …`: a relative
/// clause set off by a comma at the end of the content describes what the
/// report mentions in the writer's words, and PolNeAR leaves it out
/// (unless it belongs to the subject, which the report needs).
fn before_final_relative(
    analysis: &Analysis,
    tree: &Tree,
    cue: usize,
    (first, last): (usize, usize),
) -> (usize, usize) {
    if first <= cue {
        return (first, last);
    }
    for i in first + 1..last {
        if analysis.token_text(i) != ","
            || !matches!(analysis.tag(i + 1).xpos.as_str(), "WDT" | "WP" | "WP$")
        {
            continue;
        }
        let Some(clause) = analysis.tag(i + 1).head else {
            continue;
        };
        let relative = rel_is(&analysis.tag(clause).deprel, "acl")
            && tree.extent(clause, &|_| false).1 >= last
            && analysis
                .tag(clause)
                .head
                .is_some_and(|n| !rel_is(&analysis.tag(n).deprel, "nsubj"));
        if relative {
            return (first, i - 1);
        }
    }
    (first, last)
}

/// Cuts a span at the paragraph breaks next to its cue: the sentence
/// splitter can hang the next paragraph's opening quotation mark on this
/// sentence, and content never runs into another paragraph except inside
/// a quotation (which widening restores whole).
fn within_paragraph(
    analysis: &Analysis,
    cue: usize,
    (first, last): (usize, usize),
) -> (usize, usize) {
    let breaks = |i: usize| {
        analysis.text[analysis.tokens[i - 1].byte_end..analysis.tokens[i].byte_start].contains('\n')
    };
    let from = first.max(cue) + 1;
    let last = (from..=last)
        .find(|&i| breaks(i))
        .map_or(last, |i| (i - 1).max(first));
    let first = (first + 1..=cue.min(last))
        .rev()
        .find(|&i| breaks(i))
        .unwrap_or(first);
    (first, last)
}

/// Reported speech after its cue, made robust to parse errors: pieces the
/// parser hung on the cue between it and its complement (`said the plan
/// [obl] would fail [ccomp]`) join the content, which runs on to the end of
/// the sentence unless another cue follows the complement there.
fn run_on(
    analysis: &Analysis,
    tree: &Tree,
    cue: usize,
    (mut first, last): (usize, usize),
    next_cue: Option<usize>,
) -> (usize, usize) {
    let complement = first;
    for c in tree.children(cue).filter(|&c| c > cue && c < complement) {
        let rel = analysis.tag(c).deprel.as_str();
        let caseless = tree.child(analysis, c, "case").is_none();
        if ["nsubj", "dep", "conj", "nmod"]
            .iter()
            .any(|r| rel_is(rel, r))
            || (rel_is(rel, "obl") && caseless)
        {
            first = first.min(tree.extent(c, &|_| false).0);
        }
    }
    let sentence = &analysis.sentences[analysis.sentence_of(cue)];
    let mut end = sentence.tokens.end - 1;
    // `…, compared with …`, `…, citing …`: a participle clause after a
    // comma comments on the report rather than continuing it.
    if let Some(comma) = (last + 1..end).find(|&i| {
        analysis.token_text(i) == ","
            && (matches!(analysis.tag(i + 1).xpos.as_str(), "VBG" | "VBN")
                || matches!(
                    analysis.token_text(i + 1).to_ascii_lowercase().as_str(),
                    "according"
                        | "which"
                        | "but"
                        | "who"
                        | "while"
                        | "where"
                        | "though"
                        | "although"
                        | "even"
                        | "as"
                        | "whereas"
                        | "including"
                ))
    }) {
        end = comma;
    }
    match next_cue {
        Some(n) if n > last && n <= end => (first, last),
        _ => (first, end.max(last)),
    }
}

/// `said “it gets me mad” every time he thinks about …`: a quotation right
/// after its cue that the sentence runs on from is the start of reported
/// speech, which goes on as a clause would.
fn continued(
    analysis: &Analysis,
    tree: &Tree,
    quotes: &Quotations,
    cue: usize,
    (first, last): (usize, usize),
    next_cue: Option<usize>,
) -> (usize, usize) {
    let next = last + 1;
    let runs_on = first > cue
        && next < analysis.tokens.len()
        && analysis.sentence_of(next) == analysis.sentence_of(cue)
        && quotes.region(next).is_none()
        && !matches!(analysis.tag(next).upos.as_str(), "PUNCT" | "CCONJ")
        && !matches!(analysis.tag(next).xpos.as_str(), "WDT" | "WP")
        // `“…,” the senator said`: a quotation closed on a comma is a
        // whole utterance, whatever follows it.
        && !(last >= 2 && analysis.token_text(last - 1) == ",");
    if runs_on {
        run_on(analysis, tree, cue, (first, last), next_cue)
    } else {
        (first, last)
    }
}

/// The first token after a cue phrase and the punctuation following it.
fn after_phrase(analysis: &Analysis, quotes: &Quotations, (_, last): (usize, usize)) -> usize {
    let mut i = last + 1;
    while i < analysis.tokens.len()
        && analysis.tag(i).upos == "PUNCT"
        && !quotes.is_mark(i)
        && analysis.token_text(i) != "—"
    {
        i += 1;
    }
    i
}

/// An object or open complement with what the cue governs after it
/// (`called Trump “unhinged”`, `urged Congress to act`, `defended his
/// record as secretary of state`, `criticized the media for ignoring
/// them`): PolNeAR's content runs to the end of the cue's phrase, short of
/// conjuncts and of what a comma sets off.
fn predicate(analysis: &Analysis, tree: &Tree, cue: usize, complement: usize) -> (usize, usize) {
    let (first, mut last) = tree.extent(complement, &|_| false);
    let end = last;
    for c in tree.children(cue).filter(|&c| c > end) {
        let rel = analysis.tag(c).deprel.as_str();
        let (c_first, c_last) = tree.extent(c, &|_| false);
        let after_comma = c_first > 0 && analysis.token_text(c_first - 1) == ",";
        let loose = [
            "conj",
            "cc",
            "punct",
            "parataxis",
            "nsubj",
            "mark",
            "aux",
            "discourse",
        ]
        .iter()
        .any(|r| rel_is(rel, r));
        if !loose && !after_comma {
            last = last.max(c_last);
        }
    }
    (first, last)
}

/// `says their organizations were better`, `feared her employer would
/// think …`: an object the parser took for the cue's, right before a
/// finite verb outside it, is the subject of the reported clause; the
/// clause's extent (its head hung elsewhere) is the object onwards.
fn subject_of_clause(
    analysis: &Analysis,
    tree: &Tree,
    cue: usize,
    object: usize,
) -> Option<(usize, usize)> {
    let (first, last) = tree.extent(object, &|_| false);
    let next = last + 1;
    let finite = next < analysis.tokens.len()
        && analysis.sentence_of(next) == analysis.sentence_of(object)
        && matches!(
            analysis.tag(next).xpos.as_str(),
            "VBZ" | "VBD" | "VBP" | "MD"
        );
    // `those who preferred legal status outnumbered …`: when the cue's
    // phrase modifies the subject of that verb, the verb is the sentence's
    // own, not reported.
    let verb = [Some(next), analysis.tag(next).head];
    let mut node = cue;
    let mut governing = false;
    for _ in 0..8 {
        let rel = analysis.tag(node).deprel.as_str();
        let Some(head) = analysis.tag(node).head else {
            break;
        };
        if rel_is(rel, "nsubj") {
            governing = verb.contains(&Some(head));
            break;
        }
        if !["acl", "xcomp", "nmod", "appos"]
            .iter()
            .any(|r| rel_is(rel, r))
        {
            break;
        }
        node = head;
    }
    (finite && !governing).then_some((first, last))
}

/// Verbs whose subject belongs to their complement rather than being an
/// agent (`the plan seems to work` is about the plan working).
const RAISING: [&str; 4] = ["seem", "appear", "tend", "prove"];

/// `the decision is expected to be unfavorable`, `he seemed lost`, `a
/// developer known to be bullish`: the subject of a passive or raising
/// cue is the subject of what is reported, and PolNeAR's content starts
/// with it.
fn raised_subject(
    analysis: &Analysis,
    tree: &Tree,
    cue: usize,
    (first, last): (usize, usize),
) -> (usize, usize) {
    let tag = analysis.tag(cue);
    let passive = tag.xpos == "VBN"
        && tree
            .children(cue)
            .any(|c| analysis.tag(c).deprel == "aux:pass");
    let raising = RAISING.iter().any(|r| tag.lemma.eq_ignore_ascii_case(r));
    if !passive && !raising {
        return (first, last);
    }
    if let Some(subject) = tree.child(analysis, cue, "nsubj").filter(|&s| s < cue) {
        return (tree.extent(subject, &|_| false).0.min(first), last);
    }
    match tag.head {
        Some(noun) if noun < cue && rel_is(&tag.deprel, "acl") && tag.xpos == "VBN" => {
            (tree.extent(noun, &|c| c >= cue).0.min(first), last)
        }
        _ => (first, last),
    }
}

/// `described the plan as “workable”`: a quotation right after a
/// complement, or after `as`, continues it however the parser attached it.
fn into_quotation(
    analysis: &Analysis,
    quotes: &Quotations,
    (first, last): (usize, usize),
) -> (usize, usize) {
    let next = last + 1;
    let start =
        if next < analysis.tokens.len() && analysis.token_text(next).eq_ignore_ascii_case("as") {
            next + 1
        } else {
            next
        };
    let opens = quotes
        .region(start)
        .filter(|r| r.first == start && r.open.is_some());
    (first, opens.map_or(last, |r| r.last))
}

/// The clause a parenthetical cue phrase (`he said`, `according to X`)
/// interrupts or ends: the rest of its sentence.
fn around(
    analysis: &Analysis,
    quotes: &Quotations,
    (pf, pl): (usize, usize),
) -> Option<(usize, usize)> {
    let sentence = &analysis.sentences[analysis.sentence_of(pf)];
    let (sf, sl) = trim(
        analysis,
        quotes,
        (sentence.tokens.start, sentence.tokens.end - 1),
    )?;
    // Punctuation next to the phrase belongs to neither side.
    let loose = |i: usize| analysis.tag(i).upos == "PUNCT" && !quotes.is_mark(i);
    let mut before = pf;
    while before > sf && loose(before - 1) {
        before -= 1;
    }
    let mut after = pl + 1;
    while after <= sl && loose(after) {
        after += 1;
    }
    if before <= sf {
        (after <= sl).then_some((after, sl))
    } else if after > sl {
        Some((sf, before - 1))
    } else if quotes.is_mark(before - 1) && !quotes.is_mark(after)
        || analysis.tag(after).xpos == "VBG"
    {
        // `“…,” McCain said, citing …`: what follows is not what was said.
        Some((sf, before - 1))
    } else {
        Some((sf, sl))
    }
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
        // Punctuation joins the two (`“A,” he said, “B.”`); a paragraph
        // break (the next paragraph's opening mark can pass for a closer of
        // this sentence) or a word (`said after a brief “sorry”`) before
        // the quotation starts something else.
        let joined = next > cue_last + 1
            && next < analysis.tokens.len()
            && !analysis.text[analysis.tokens[cue_last].byte_end..analysis.tokens[next].byte_start]
                .contains('\n');
        if let Some(r) = quotes.region(next).filter(|r| joined && r.first == next) {
            last = r.last;
        }
    } else if linked.first > cue {
        first = first.min(linked.first);
    }
    Some((first, last))
}

/// Extends a span to every quotation it starts or ends in (a clause
/// inside a quotation becomes the quotation: PolNeAR attributes quotations
/// whole).
pub(crate) fn widen_to_quotations(
    quotes: &Quotations,
    (first, last): (usize, usize),
) -> (usize, usize) {
    let first = quotes.region(first).map_or(first, |r| r.first.min(first));
    let last = quotes.region(last).map_or(last, |r| r.last.max(last));
    (first, last)
}

/// Drops punctuation (but not quotation marks) at both ends.
pub(crate) fn trim(
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
