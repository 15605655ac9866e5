//! Trigger words: verbs and event nouns from the lexicon, light-verb
//! constructions (`held talks`), and the nouns that are not events of their
//! own (compound modifiers, objects of another trigger, anaphoric mentions).

use super::doc::Doc;
use super::lexicon::{Pos, Trigger, lexicon};

/// A trigger found in the text.
#[derive(Debug, Clone)]
pub struct Cand {
    /// The trigger token.
    pub token: usize,
    /// Event type.
    pub kind: &'static str,
    /// CAMEO root code.
    pub cameo: &'static str,
    /// Whether the trigger is a noun.
    pub noun: bool,
    /// The light verb governing a trigger noun (`held` in `held talks`).
    pub light: Option<usize>,
    /// A speech verb that needs its own place or date.
    pub occasion: bool,
}

impl Cand {
    /// The verb whose clause carries the event: the trigger verb, or the
    /// light verb of a trigger noun.
    pub fn verb(&self) -> Option<usize> {
        if self.noun {
            self.light
        } else {
            Some(self.token)
        }
    }
}

/// Whether the words an entry needs accompany token `i`: a verb's particle
/// or the preposition of one of its nominal dependents; a noun's compound
/// modifiers.
fn accompanied(doc: &Doc, i: usize, with: &[&str], pos: Pos) -> bool {
    with.iter().all(|w| {
        doc.kids(i).iter().any(|&k| match pos {
            Pos::Verb => {
                (doc.deprel(k) == "compound:prt" && doc.lower(k) == *w)
                    || (matches!(
                        doc.base(k),
                        "obl" | "obj" | "nmod" | "advcl" | "ccomp" | "xcomp"
                    ) && doc
                        .kids(k)
                        .iter()
                        .any(|&c| matches!(doc.deprel(c), "case" | "mark") && doc.lower(c) == *w))
                    || (doc.lower(k) == *w && matches!(doc.upos(k), "ADP" | "ADV"))
            }
            Pos::Noun => doc.base(k) == "compound" && doc.lemma(k) == *w,
        })
    })
}

/// The first entry of `entries` whose accompanying words are present.
fn pick<'l>(doc: &Doc, i: usize, entries: &'l [Trigger], pos: Pos) -> Option<&'l Trigger> {
    entries
        .iter()
        .find(|t| t.with.is_empty() || accompanied(doc, i, &t.with, pos))
}

/// The light verb of token `i` when one governs it directly.
pub fn light_verb(doc: &Doc, i: usize) -> Option<usize> {
    let h = doc.head(i)?;
    if !doc.is_verb(h) || !matches!(doc.base(i), "obj" | "obl" | "nsubj") {
        return None;
    }
    // `talks were held`: the noun is the passive subject.
    if doc.base(i) == "nsubj" && doc.deprel(i) != "nsubj:pass" && doc.lemma(h) != "hold" {
        return None;
    }
    lexicon()
        .triggers(doc.lemma(h), Pos::Verb)
        .iter()
        .any(|t| t.kind == "LIGHT")
        .then_some(h)
}

/// The event entry of token `i`, if it is a trigger (light verbs are not).
pub fn entry(doc: &Doc, i: usize) -> Option<&'static Trigger> {
    let pos = match doc.upos(i) {
        "VERB" => Pos::Verb,
        "NOUN" => Pos::Noun,
        _ => return None,
    };
    let lex = lexicon();
    let mut found = pick(doc, i, lex.triggers(doc.lemma(i), pos), pos);
    if found.is_none() && pos == Pos::Noun {
        found = pick(doc, i, lex.triggers(doc.lower(i), pos), pos);
    }
    found.filter(|t| t.kind != "LIGHT")
}

/// Every trigger in the document, in text order, before arguments are read.
pub fn find(doc: &Doc) -> Vec<Cand> {
    let mut out = Vec::new();
    for i in 0..doc.len() {
        if doc.headline == Some(doc.a.sentence_of(i)) {
            continue;
        }
        let Some(t) = entry(doc, i) else {
            continue;
        };
        let noun = doc.upos(i) == "NOUN";
        // A noun modifying another noun (`sanctions package`, `signing
        // ceremony`) names a kind of thing, not an event.
        if noun && doc.base(i) == "compound" {
            continue;
        }
        let light = if noun { light_verb(doc, i) } else { None };
        let mut kind = t.kind;
        let mut cameo = t.cameo;
        if t.labour {
            let intransitive = !noun
                && doc.kids_rel(i, "obj").next().is_none()
                && !doc
                    .kids(i)
                    .iter()
                    .any(|&k| doc.base(k) == "obl" && doc.case(k) == Some("on"));
            let held = light.is_some_and(|l| {
                matches!(
                    doc.lemma(l),
                    "hold" | "stage" | "call" | "go" | "begin" | "start" | "launch"
                )
            }) && !doc
                .kids(i)
                .iter()
                .any(|&k| matches!(doc.lower(k), "air" | "missile" | "drone"));
            if intransitive || held {
                kind = "PROTEST";
                cameo = "14";
            }
        }
        out.push(Cand {
            token: i,
            kind,
            cameo,
            noun,
            light,
            occasion: t.occasion,
        });
    }
    out
}
