//! Argument structure from the dependency parse: who acts (subjects,
//! passive agents, possessors and `by`/`from` phrases of event nouns), to
//! whom (objects, `with`/`against`/`on` phrases, recipients), and the
//! governing clause of an event noun.

use super::doc::Doc;
use super::lexicon::{Pos, lexicon};
use super::triggers;

/// What governs a trigger noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Governor {
    /// A light verb: the noun is the event of that clause.
    Light(usize),
    /// Another trigger or a stance cue: the noun is its content
    /// (`signed an agreement`, `welcomed the deal`).
    Content(usize),
    /// An ordinary verb whose subject is the noun's actor
    /// (`during a briefing, Trump said`).
    Verb(usize),
    /// Nothing usable.
    Free,
}

/// Whether `h` is an event trigger or a stance cue.
pub fn is_predicate(doc: &Doc, h: usize) -> bool {
    let pos = match doc.upos(h) {
        "VERB" => Pos::Verb,
        "NOUN" => Pos::Noun,
        _ => return false,
    };
    let lex = lexicon();
    triggers::entry(doc, h).is_some_and(|t| !t.occasion) || !lex.cues(doc.lemma(h), pos).is_empty()
}

/// What governs noun `n`, climbing through nouns (`a round of talks`).
pub fn governor(doc: &Doc, n: usize) -> Governor {
    if let Some(l) = triggers::light_verb(doc, n) {
        return Governor::Light(l);
    }
    let mut cur = n;
    for _ in 0..6 {
        let Some(h) = doc.head(cur) else {
            return Governor::Free;
        };
        if matches!(
            doc.base(cur),
            "conj" | "parataxis" | "appos" | "list" | "root" | "dep" | "compound"
        ) {
            return Governor::Free;
        }
        if is_predicate(doc, h) {
            return Governor::Content(h);
        }
        if doc.is_verb(h) {
            // Only a verb the noun depends on directly lends its subject:
            // `about the outcome of the discussions` is nobody's talks.
            return if cur == n {
                Governor::Verb(h)
            } else {
                Governor::Free
            };
        }
        cur = h;
    }
    Governor::Free
}

/// Whether verb `v` is passive.
pub fn passive(doc: &Doc, v: usize) -> bool {
    doc.kids(v).iter().any(|&k| doc.deprel(k) == "aux:pass")
}

/// Subject tokens of clause `v` (passive agents for passives), inherited
/// from the governing clause for coordinated and controlled verbs.
pub fn subjects(doc: &Doc, v: usize) -> Vec<usize> {
    let mut v = v;
    for _ in 0..5 {
        let pass = passive(doc, v);
        let mut out: Vec<usize> = doc
            .kids(v)
            .iter()
            .copied()
            .filter(|&k| {
                let d = doc.deprel(k);
                !doc.relative(k) && (d == "nsubj" || (d == "nsubj:pass" && !pass))
            })
            .collect();
        if pass {
            out.extend(
                doc.kids(v)
                    .iter()
                    .copied()
                    .filter(|&k| doc.base(k) == "obl" && doc.case(k) == Some("by")),
            );
        }
        if !out.is_empty() {
            return out;
        }
        let Some(h) = doc.head(v) else {
            return out;
        };
        let to_clause = doc.deprel(v) == "ccomp"
            && doc
                .kids(v)
                .iter()
                .any(|&k| doc.lower(k) == "to" && doc.deprel(k) == "mark");
        let finite = matches!(doc.a.tag(v).xpos.as_str(), "VBD" | "VBZ" | "VBP");
        match doc.deprel(v) {
            "conj" | "advcl" if doc.is_verb(h) => v = h,
            // A finite verb hung on a noun (`troops fired`, `the United
            // Nations delivered`) is that noun's predicate.
            "acl" | "conj" | "amod" if finite && !doc.is_verb(h) => return vec![h],
            "xcomp" | "ccomp" if doc.deprel(v) == "xcomp" || to_clause => {
                // `called on Kyiv to withdraw`: the object controls.
                let objects: Vec<usize> = doc
                    .kids(h)
                    .iter()
                    .copied()
                    .filter(|&k| {
                        doc.base(k) == "obj" || (doc.base(k) == "obl" && doc.case(k) == Some("on"))
                    })
                    .collect();
                if !objects.is_empty() && !matches!(doc.lemma(h), "promise" | "pledge" | "agree") {
                    return Vec::new();
                }
                v = h;
            }
            "acl:relcl" if !doc.is_verb(h) => return vec![h],
            _ => return out,
        }
    }
    Vec::new()
}

/// The nearest nominal before verb `v` in its clause that names an entity:
/// the subject when the parse gives none (`French President Emmanuel
/// Macron will meet`, parsed without a subject).
pub fn linear_subject(doc: &Doc, v: usize) -> Option<usize> {
    let s = doc.a.sentence_of(v);
    let start = doc.a.sentences[s].tokens.start;
    let mut j = v;
    while j > start {
        j -= 1;
        if doc.upos(j) == "VERB"
            || doc.relative(j)
            || matches!(doc.lower(j), "," | ";" | ":" | "“" | "”" | "\"")
        {
            return None;
        }
        if matches!(doc.upos(j), "NOUN" | "PROPN") && !doc.entities(j, true).is_empty() {
            return Some(j);
        }
    }
    None
}

/// Subjects from the tree, else the linear fallback.
pub fn subjects_or_linear(doc: &Doc, v: usize) -> Vec<usize> {
    let s = subjects(doc, v);
    if !s.is_empty() {
        return s;
    }
    linear_subject(doc, v).into_iter().collect()
}

/// Nominal dependents of noun `n` with their preposition: its own `nmod`s,
/// and prepositional phrases the parser hung on the noun's head although
/// they follow the noun directly (`demands from Moscow for …`).
pub fn noun_pps(doc: &Doc, n: usize) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = doc
        .kids(n)
        .iter()
        .copied()
        .filter(|&k| matches!(doc.base(k), "nmod" | "appos") && doc.deprel(k) != "nmod:poss")
        .filter_map(|k| doc.case(k).map(|c| (k, c.to_string())))
        .collect();
    let Some(h) = doc.head(n) else {
        return out;
    };
    let (_, mut end) = doc.a.subtree(n);
    for &s in doc.kids(h) {
        if s <= end {
            continue;
        }
        // A preposition the parser hung on the verb (`sanctions on
        // Bolivia took effect`).
        if matches!(doc.deprel(s), "case" | "mark") && doc.upos(s) == "ADP" && s == end + 1 {
            end = s;
            continue;
        }
        let (first, last) = doc.a.subtree(s);
        if first != end + 1 || matches!(doc.base(s), "conj" | "punct" | "cc") {
            break;
        }
        // `demands … for Ukrainian forces to withdraw`: the parser may hang
        // the `for … to` clause on the verb; it still completes the noun.
        let Some(c) = doc
            .case(s)
            .or_else(|| for_to_clause(doc, s).then_some("for"))
        else {
            break;
        };
        out.push((s, c.to_string()));
        end = last;
    }
    out
}

/// Whether `v` heads a `for X to VP` clause: a verb whose first word is
/// the subordinator `for` and that has a `to` infinitive marker.
pub fn for_to_clause(doc: &Doc, v: usize) -> bool {
    let first = doc.a.subtree(v).0;
    let kids = doc.kids(v);
    doc.upos(v) == "VERB"
        && kids.contains(&first)
        && doc.deprel(first) == "mark"
        && doc.lower(first) == "for"
        && kids
            .iter()
            .any(|&k| doc.lower(k) == "to" && doc.upos(k) == "PART")
}

/// Actor tokens of noun `n` from its own words: possessor, `by`/`from`
/// phrase, a demonym or name modifying it (`Russian demands`).
pub fn noun_actors(doc: &Doc, n: usize) -> Vec<usize> {
    let mut out: Vec<usize> = doc
        .kids(n)
        .iter()
        .copied()
        .filter(|&k| {
            doc.deprel(k) == "nmod:poss"
                || (matches!(doc.base(k), "amod" | "compound")
                    && doc.word_entity(k, true).is_some())
        })
        .collect();
    out.extend(
        noun_pps(doc, n)
            .into_iter()
            .filter(|(_, c)| c == "by" || c == "from")
            .map(|(k, _)| k),
    );
    out
}
