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

/// Verbs whose subject is raised from the clause they report (`he
/// seemed to …`): the subject is what the impression is about, not who
/// holds it, which is the writer.
const RAISING: [&str; 2] = ["seem", "appear"];

/// The source of cue `cue`: from the tree, else (the parser often misses
/// inversions and misreads names) the noun phrase next to the cue, before
/// it (`Jolly said`, `Terrie Rizzo, the Democratic chair …, said`) or after
/// it (`“…,” said Virginia delegate Beau Correll`, `according to the
/// paper`). Raising verbs and passives without an agent have none.
pub fn source(
    analysis: &Analysis,
    tree: &Tree,
    quotes: &Quotations,
    cue: usize,
    frame: Frame,
) -> Option<Source> {
    let tag = analysis.tag(cue);
    if tag.upos == "VERB" && RAISING.contains(&tag.lemma.to_ascii_lowercase().as_str()) {
        return None;
    }
    if let Some(head) = source_head(analysis, tree, quotes, cue, frame) {
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
    // A passive cue without an agent (`is expected to`, `was announced`)
    // leaves who said it unsaid; its subject is what was said.
    if passive(analysis, tree, cue) {
        return None;
    }
    let mut first = cue + 1;
    if frame == Frame::Case
        && first < analysis.tokens.len()
        && analysis.tag(first).deprel == "fixed"
    {
        first += 1;
    }
    let right = || noun_phrase(analysis, quotes, first);
    let left = || left_noun_phrase(analysis, quotes, cue);
    match frame {
        Frame::Case => right(),
        // `“…,” said X` names the speaker after the cue, `“…,” X said`
        // before it; a name before the cue wins over a time after it
        // (`Sen. Chuck Schumer (D-N.Y.) said Tuesday`).
        Frame::Quote | Frame::Parenthetical => left().or_else(right),
        _ if tag.upos == "VERB" => left().or_else(|| {
            // An inverted cue right after punctuation (`…, said X`).
            let after_punct = cue > 0
                && analysis.tag(cue - 1).upos == "PUNCT"
                && analysis.sentence_of(cue - 1) == analysis.sentence_of(cue);
            // `, urging people to …` names an object, not a speaker;
            // `, said Gov. Bill Richardson of New Mexico, …` does.
            let closes = |s: &Source| {
                s.last + 1 >= analysis.sentences[analysis.sentence_of(cue)].tokens.end
                    || matches!(analysis.tag(s.last + 1).upos.as_str(), "PUNCT" | "ADP")
            };
            right().filter(|s| after_punct && closes(s))
        }),
        _ => None,
    }
}

/// Whether verb `cue` is passive: a past participle with a form of
/// `be` or `get` as (passive) auxiliary. A passive subject alone is not
/// enough: the parser gives `We’ve seen` one.
fn passive(analysis: &Analysis, tree: &Tree, cue: usize) -> bool {
    let tag = analysis.tag(cue);
    tag.upos == "VERB"
        && tag.xpos == "VBN"
        && tree.children(cue).any(|c| {
            let t = analysis.tag(c);
            rel_is(&t.deprel, "aux")
                && (t.lemma.eq_ignore_ascii_case("be") || t.lemma.eq_ignore_ascii_case("get"))
        })
}

/// Whether token `i` reads as part of a name whatever its tag: a
/// capitalised word (the tagger takes `Cuban` for an adjective, `Will`
/// for an auxiliary, a sentence-opening `Jolly` for an adverb), but not a
/// function word capitalised for opening its sentence (`In`, `But`, `To`,
/// `Why`).
fn capitalised(analysis: &Analysis, i: usize) -> bool {
    let word = analysis.token_text(i);
    let tag = analysis.tag(i);
    word.starts_with(char::is_uppercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '.' || c == '-')
        && word != "I"
        && !matches!(
            tag.upos.as_str(),
            "ADP" | "CCONJ" | "SCONJ" | "PART" | "DET" | "PRON" | "INTJ"
        )
        && !tag.xpos.starts_with('W')
}

/// When the tree gives a verb cue no subject (a misparse): the noun
/// phrase ending right before it, past auxiliaries, adverbs and a
/// parenthesis (`Eli Stoklos says`, `the group also warned`, `Sen. Mitch
/// McConnell (R-Ky.) said`).
fn left_noun_phrase(analysis: &Analysis, quotes: &Quotations, cue: usize) -> Option<Source> {
    let sentence = &analysis.sentences[analysis.sentence_of(cue)];
    let start = sentence.tokens.start;
    let mut i = cue;
    while i > start {
        let t = analysis.tag(i - 1);
        if matches!(t.upos.as_str(), "AUX" | "ADV" | "PART") && !capitalised(analysis, i - 1) {
            i -= 1;
        } else if analysis.token_text(i - 1) == ")" {
            let Some(open) = (start..i - 1)
                .rev()
                .find(|&k| analysis.token_text(k) == "(")
            else {
                break;
            };
            i = open;
        } else {
            break;
        }
    }
    if i == start {
        return None;
    }
    if analysis.token_text(i - 1) == "," {
        return named_before_commas(analysis, quotes, start, i - 1);
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
        "PROPN" | "NOUN" | "NUM" => {}
        _ if capitalised(analysis, head) => {}
        _ => return None,
    }
    let mut first = head;
    while first > start
        && (matches!(
            analysis.tag(first - 1).upos.as_str(),
            "PROPN" | "NOUN" | "ADJ" | "DET" | "NUM"
        ) || capitalised(analysis, first - 1))
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

/// The name before an apposition or relative clause set off by commas
/// and ending at comma `comma` (`Terrie Rizzo, the Democratic chair of
/// Palm Beach County, said`, `Levine, who has given money to Marco Rubio,
/// said`), looking back at most two such stretches. Only a name is taken:
/// a common noun before a comma is too often an introductory phrase.
fn named_before_commas(
    analysis: &Analysis,
    quotes: &Quotations,
    start: usize,
    comma: usize,
) -> Option<Source> {
    let mut end = comma;
    for _ in 0..2 {
        let open = (start..end)
            .rev()
            .find(|&k| analysis.token_text(k) == "," || quotes.region(k).is_some())?;
        if quotes.region(open).is_some() || analysis.token_text(open) != "," || open == start {
            return None;
        }
        let after = analysis.tag(open + 1);
        if matches!(
            after.upos.as_str(),
            "VERB" | "AUX" | "ADP" | "SCONJ" | "CCONJ"
        ) {
            return None;
        }
        let head = open - 1;
        if analysis.tag(head).upos == "PROPN" || capitalised(analysis, head) {
            let mut first = head;
            while first > start
                && (analysis.tag(first - 1).upos == "PROPN" || capitalised(analysis, first - 1))
                && quotes.region(first - 1).is_none()
            {
                first -= 1;
            }
            return Some(Source {
                head,
                first,
                last: head,
            });
        }
        end = open;
    }
    None
}

/// The noun phrase starting at `first` (determiners, adjectives, nouns,
/// names, numbers; or one pronoun), headed by its last noun or name.
fn noun_phrase(analysis: &Analysis, quotes: &Quotations, first: usize) -> Option<Source> {
    let n = analysis.tokens.len();
    let sentence_end = analysis
        .sentences
        .get(analysis.sentence_of(first.min(n.saturating_sub(1))))?
        .tokens
        .end;
    if first >= sentence_end || quotes.region(first).is_some() {
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
        let tag = analysis.tag(i);
        if quotes.region(i).is_some() {
            break;
        }
        match tag.upos.as_str() {
            "PROPN" | "NOUN" => {
                head = Some(i);
                last = Some(i);
            }
            _ if capitalised(analysis, i) => {
                head = Some(i);
                last = Some(i);
            }
            // `said retired neurosurgeon Ben Carson`.
            "VERB" if head.is_none() && matches!(tag.xpos.as_str(), "VBN" | "VBG") => {
                last = Some(i)
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
pub fn source_head(
    analysis: &Analysis,
    tree: &Tree,
    quotes: &Quotations,
    cue: usize,
    frame: Frame,
) -> Option<usize> {
    // A subject inside a quotation the cue is not in speaks within it.
    let outside =
        |h: &usize| quotes.region_of[*h].is_none() || quotes.region_of[*h] == quotes.region_of[cue];
    let tag = analysis.tag(cue);
    if frame == Frame::Case {
        // `according to X`: the cue is the case marker of X.
        return tag.head.filter(outside);
    }
    if let Some(s) = subject(analysis, tree, cue, true) {
        return Some(s).filter(outside);
    }
    if tag.upos == "NOUN" {
        // `X's statement that …`, `a statement by X`, `X issued a statement …`.
        if let Some(p) = tree.child(analysis, cue, "nmod:poss") {
            return Some(p).filter(outside);
        }
        if let Some(n) = tree.children(cue).find(|&c| {
            rel_is(&analysis.tag(c).deprel, "nmod") && has_case(analysis, tree, c, &["by", "from"])
        }) {
            return Some(n).filter(outside);
        }
        return tag
            .head
            .filter(|_| rel_is(&tag.deprel, "obj"))
            .and_then(|h| subject(analysis, tree, h, true))
            .filter(outside);
    }
    // A passive cue with its agent: `was described by X`.
    if let Some(agent) = tree
        .children(cue)
        .find(|&c| rel_is(&analysis.tag(c).deprel, "obl") && has_case(analysis, tree, c, &["by"]))
    {
        return Some(agent).filter(outside);
    }
    if passive(analysis, tree, cue) {
        return None;
    }
    // A verb sharing its subject with the one it hangs on: `said … and
    // added`, `went on to say`, `…, saying …`, `he told reporters, calling …`.
    // A participle after a quotation is often hung on a verb inside it
    // (`“…,” suggesting …`): the verbs of the quotation are passed by, as
    // its speaker is who introduced it.
    // A participle set off by a comma after a complement clause speaks
    // for the clause's reporter, not its subject (`Trump announced that he
    // filed …, saying …`).
    let comma_participle =
        tag.xpos == "VBG" && cue > 0 && matches!(analysis.token_text(cue - 1), "," | "—");
    let mut verb = cue;
    for _ in 0..6 {
        let tag = analysis.tag(verb);
        let quoted = !outside(&verb);
        // A participle after its verb (`he said, adding …`) has no subject
        // of its own, however the parser hangs it.
        let participle = tag.xpos == "VBG" && tag.head.is_some_and(|h| h < verb);
        // `X issued a statement saying …`, `X carried signs saying …`.
        let object = matches!(tag.upos.as_str(), "NOUN" | "PROPN") && rel_is(&tag.deprel, "obj");
        let complement = comma_participle && verb != cue && rel_is(&tag.deprel, "ccomp");
        let shares = quoted
            || participle
            || object
            || complement
            || ["conj", "xcomp", "advcl", "acl"]
                .iter()
                .any(|r| rel_is(&tag.deprel, r));
        // Conjoined and open-complement verbs share even a passive
        // subject: `X was forced into damage control and said …`, `X was
        // asked to explain …`.
        let coordinate = rel_is(&tag.deprel, "conj") || rel_is(&tag.deprel, "xcomp");
        verb = tag.head.filter(|_| shares)?;
        if !outside(&verb) {
            continue;
        }
        let passive_subject = || {
            tree.children(verb)
                .find(|&c| analysis.tag(c).deprel == "nsubj:pass" && c < verb)
                .filter(|_| coordinate)
        };
        let reported = comma_participle
            && rel_is(&analysis.tag(verb).deprel, "ccomp")
            && analysis
                .tag(verb)
                .head
                .is_some_and(|h| h < verb && quotes.region(h).is_none());
        if reported {
            continue;
        }
        if let Some(s) = subject(analysis, tree, verb, true).or_else(passive_subject) {
            return Some(s).filter(outside);
        }
    }
    None
}

/// The active subject of a verb; of several (a misparse), the one
/// nearest before it, else the first after it, never one with a
/// preposition (`… on Foreign Relations indicated` is a misread modifier).
/// With `misparse`, a passive subject of a verb with no passive auxiliary
/// counts (`Mr. Zuckerberg also agreed`); not for a verb the cue hangs on,
/// where such a subject is more often a wrong attachment.
fn subject(analysis: &Analysis, tree: &Tree, verb: usize, misparse: bool) -> Option<usize> {
    let active = misparse && !passive(analysis, tree, verb);
    let subjects = tree.children(verb).filter(|&c| {
        let rel = analysis.tag(c).deprel.as_str();
        (rel == "nsubj" || rel == "csubj" || (active && rel == "nsubj:pass"))
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
    best.or_else(|| opening_subject(analysis, tree, verb))
}

/// The subject the parser gave to an unmarked participial clause opening
/// a subjectless verb's sentence instead of the verb (`House Democrats,
/// looking for a way …, seized the floor`; `Sullivan, struck by her story,
/// told her …`).
fn opening_subject(analysis: &Analysis, tree: &Tree, verb: usize) -> Option<usize> {
    let clause = tree.children(verb).find(|&c| {
        c < verb
            && rel_is(&analysis.tag(c).deprel, "advcl")
            && matches!(analysis.tag(c).xpos.as_str(), "VBG" | "VBN")
            && tree.children(c).all(|k| analysis.tag(k).deprel != "mark")
    })?;
    tree.children(clause)
        .find(|&k| k < clause && matches!(analysis.tag(k).deprel.as_str(), "nsubj" | "nsubj:pass"))
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
