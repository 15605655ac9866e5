//! Stances: a holder's position (`demand`, `propose`, `support`, `accept`,
//! `reject`, `oppose`) on an issue, from cues in `lexicons/stance_cues.txt`
//! in four forms:
//! - verbal: `Ukraine rejected X` (issue: object, controlled clause,
//!   complement clause or `on/for/to` phrase);
//! - nominal: `demands from Moscow for X`, `Kyiv's rejection of X`;
//! - relative clause: `X, a point that Ukraine has rejected` (issue: the
//!   position just stated in the sentence, else the antecedent phrase);
//! - attributed: `Ushakov said Russia would not accept X` (the cue's own
//!   subject holds it; a negated support/accept reads oppose/reject).
//!
//! An anaphoric issue (`rejected the demand`) takes the issue of the last
//! position of that kind.

use super::arguments;
use super::doc::Doc;
use super::lexicon::{Pos, lexicon};
use super::triggers;
use crate::record::{Quote, Stance};

/// Nouns that stand for an issue stated nearby (`a point that …`).
const GENERIC: &[&str] = &[
    "point",
    "issue",
    "demand",
    "proposal",
    "condition",
    "plan",
    "idea",
    "position",
    "matter",
    "move",
    "step",
    "request",
    "offer",
    "call",
    "claim",
    "option",
    "proposition",
];

/// One stance before it becomes a record.
#[derive(Debug, Clone)]
struct Found {
    holder: Option<usize>,
    issue: (usize, usize),
    issue_text: String,
    position: &'static str,
    cue: usize,
    noun: bool,
}

/// Whether token `i` is a stance cue.
pub fn is_cue(doc: &Doc, i: usize) -> bool {
    let pos = match doc.upos(i) {
        "VERB" => Pos::Verb,
        "NOUN" => Pos::Noun,
        _ => return false,
    };
    !lexicon().cues(doc.lemma(i), pos).is_empty()
}

/// The issues of a document's positions as `(cue, first, last)` token
/// ranges: what a party demands or rejects is not itself an event.
pub fn issue_ranges(doc: &Doc, quotes: &[Quote]) -> Vec<(usize, usize, usize)> {
    found(doc, quotes)
        .iter()
        .map(|f| (f.cue, f.issue.0, f.issue.1))
        .collect()
}

/// Finds the stances of a document, in text order of their cue.
pub fn find(doc: &Doc, quotes: &[Quote]) -> Vec<Stance> {
    let found = found(doc, quotes);
    records(doc, found)
}

fn found(doc: &Doc, quotes: &[Quote]) -> Vec<Found> {
    let lex = lexicon();
    let mut found: Vec<Found> = Vec::new();
    // Nouns first, so a relative clause or an anaphor later in the
    // sentence can take their issue.
    for i in 0..doc.len() {
        if doc.upos(i) != "NOUN" || doc.headline == Some(doc.a.sentence_of(i)) {
            continue;
        }
        let Some(cue) = lex.cues(doc.lemma(i), Pos::Noun).first() else {
            continue;
        };
        if let Some(f) = nominal(doc, i, cue.position) {
            found.push(f);
        }
    }
    for i in 0..doc.len() {
        if doc.upos(i) != "VERB" || doc.headline == Some(doc.a.sentence_of(i)) {
            continue;
        }
        let Some(cue) = lex.cues(doc.lemma(i), Pos::Verb).iter().find(|c| {
            c.with.is_empty()
                || c.with.iter().all(|w| {
                    doc.kids(i).iter().any(|&k| {
                        (doc.deprel(k) == "compound:prt" && doc.lower(k) == *w)
                            || doc.case(k) == Some(w)
                            || (doc.lower(k) == *w && matches!(doc.upos(k), "ADP" | "ADV"))
                    })
                })
        }) else {
            continue;
        };
        if let Some(f) = verbal(doc, i, cue.position, &found, quotes) {
            found.push(f);
        }
    }
    found.sort_by_key(|f| f.cue);
    found
}

fn records(doc: &Doc, found: Vec<Found>) -> Vec<Stance> {
    let mut out: Vec<Stance> = Vec::new();
    for f in found {
        let Some(h) = f.holder else { continue };
        let holder = doc.actors.entities[h].id.clone();
        if out.iter().any(|s| {
            s.holder.as_deref() == Some(holder.as_str())
                && s.position == f.position
                && s.issue == f.issue_text
        }) {
            continue;
        }
        let s = doc.a.sentence_of(f.cue);
        let range = doc.a.sentences[s].tokens.clone();
        let first = f.cue.min(f.issue.0).max(range.start);
        let last = f.cue.max(f.issue.1).min(range.end.saturating_sub(1));
        let _ = f.noun;
        out.push(Stance {
            holder: Some(holder),
            issue: f.issue_text,
            position: f.position.to_string(),
            evidence: doc.a.span_text(first, last.max(first)),
        });
    }
    out
}

/// The text of tokens `first..=last`.
fn text(doc: &Doc, first: usize, last: usize) -> String {
    doc.a.span_text(first, last).text
}

/// An issue phrase headed by `k`, running on through a following `to`
/// infinitive (`Ukrainian forces to withdraw from …`) up to the next comma.
fn issue_phrase(doc: &Doc, k: usize) -> (usize, usize) {
    let (mut first, mut last) = doc.phrase(k);
    // `for Ukrainian forces to withdraw …`: the issue starts after `for`.
    if arguments::for_to_clause(doc, k) {
        first += 1;
    }
    let s = doc.a.sentence_of(k);
    let end = doc.a.sentences[s].tokens.end;
    if last + 1 < end && doc.lower(last + 1) == "to" && doc.upos(last + 1) == "PART" {
        let mut j = last + 1;
        while j + 1 < end && !matches!(doc.lower(j + 1), "," | ";" | "." | ":" | "”" | "\"" | "—")
        {
            j += 1;
        }
        last = j;
    }
    (first, last)
}

fn holder_of(doc: &Doc, cue: usize, tokens: &[usize], quotes: &[Quote]) -> Option<usize> {
    for &t in tokens {
        // `Sudan said it supports …`: the reporting clause's subject.
        if matches!(doc.lower(t), "it" | "they" | "we")
            && doc.deprel(cue) == "ccomp"
            && let Some(h) = doc.head(cue)
            && let Some(e) = arguments::subjects(doc, h)
                .into_iter()
                .find_map(|s| doc.entities(s, true).first().copied())
        {
            return Some(e);
        }
        // `we`/`I` in a quotation: its speaker.
        if matches!(doc.lower(t), "we" | "i") {
            let at = doc.a.tokens[t].start;
            if let Some(id) = quotes
                .iter()
                .find(|q| q.content.start <= at && at < q.content.end)
                .and_then(|q| q.speaker.as_ref())
            {
                return doc.actors.entities.iter().position(|e| &e.id == id);
            }
            continue;
        }
        if let Some(&e) = doc.entities(t, true).first() {
            return Some(e);
        }
    }
    None
}

fn nominal(doc: &Doc, n: usize, position: &'static str) -> Option<Found> {
    let mut holders = arguments::noun_actors(doc, n);
    if holders.is_empty()
        && let Some(l) = triggers::light_verb(doc, n)
    {
        holders = arguments::subjects(doc, l);
    }
    let holder = holder_of(doc, n, &holders, &[]);
    let pps = arguments::noun_pps(doc, n);
    let issue = pps
        .iter()
        .find(|(_, c)| matches!(c.as_str(), "for" | "of" | "on" | "to" | "against"))
        .map(|&(k, _)| issue_phrase(doc, k))
        .or_else(|| {
            doc.kids(n)
                .iter()
                .copied()
                .find(|&k| {
                    doc.deprel(k) == "acl" && doc.kids(k).iter().any(|&m| doc.lower(m) == "to")
                })
                .map(|k| doc.phrase(k))
        })?;
    Some(Found {
        holder,
        issue,
        issue_text: text(doc, issue.0, issue.1),
        position,
        cue: n,
        noun: true,
    })
}

fn verbal(
    doc: &Doc,
    v: usize,
    position: &'static str,
    earlier: &[Found],
    quotes: &[Quote],
) -> Option<Found> {
    let negated = doc
        .kids(v)
        .iter()
        .any(|&k| matches!(doc.lemma(k), "not" | "never") && doc.base(k) != "obj");
    let position = match (negated, position) {
        (false, p) => p,
        (true, "support") => "oppose",
        (true, "accept") => "reject",
        (true, _) => return None,
    };
    let holder = holder_of(doc, v, &arguments::subjects_or_linear(doc, v), quotes);
    let kids = doc.kids(v);
    // The parser often gives a direct object as a case-less `obl`.
    let obj = kids
        .iter()
        .copied()
        .find(|&k| {
            !doc.relative(k)
                && (doc.deprel(k) == "obj" || (doc.base(k) == "obl" && doc.case(k).is_none()))
        })
        .or_else(|| {
            kids.iter().copied().find(|&k| {
                doc.relative(k)
                    && (doc.deprel(k) == "obj"
                        || (doc.deprel(k) == "nsubj:pass" && !arguments::passive(doc, v)))
            })
        });
    let to_clause = kids.iter().copied().find(|&k| {
        matches!(doc.base(k), "xcomp" | "advcl" | "ccomp")
            && doc.is_verb(k)
            && doc
                .kids(k)
                .iter()
                .any(|&m| doc.lower(m) == "to" && doc.deprel(m) == "mark")
    });
    let relative =
        obj.is_some_and(|o| doc.relative(o)) || (obj.is_none() && doc.deprel(v) == "acl:relcl");
    let phrase = |k: usize| {
        let p = issue_phrase(doc, k);
        (p, text(doc, p.0, p.1))
    };
    let issue = if relative {
        antecedent(doc, v, earlier)
    } else if let Some(x) = to_clause {
        Some(phrase(x))
    } else if let Some(o) = obj {
        anaphoric(doc, o, position, earlier).or_else(|| Some(phrase(o)))
    } else if let Some(x) = kids.iter().copied().find(|&k| doc.base(k) == "xcomp") {
        Some(phrase(x))
    } else if let Some(c) = kids.iter().copied().find(|&k| doc.base(k) == "ccomp") {
        Some(phrase(c))
    } else {
        kids.iter()
            .copied()
            .find(|&k| {
                doc.base(k) == "obl" && matches!(doc.case(k), Some("on" | "for" | "to" | "against"))
            })
            .map(phrase)
    };
    let (range, issue_text) = issue?;
    Some(Found {
        holder,
        issue: range,
        issue_text,
        position,
        cue: v,
        noun: false,
    })
}

/// `rejected the demand`: the issue of the last position of that kind.
fn anaphoric(
    doc: &Doc,
    o: usize,
    position: &str,
    earlier: &[Found],
) -> Option<((usize, usize), String)> {
    let definite = doc
        .kids(o)
        .iter()
        .any(|&k| doc.deprel(k) == "det" && matches!(doc.lower(k), "the" | "this" | "that"));
    let bare = !doc
        .kids(o)
        .iter()
        .any(|&k| matches!(doc.base(k), "nmod" | "acl"));
    if !definite || !bare || !GENERIC.contains(&doc.lemma(o)) {
        return None;
    }
    let wanted = match doc.lemma(o) {
        "demand" | "request" | "call" => "demand",
        "proposal" | "offer" | "plan" | "idea" => "propose",
        _ => return None,
    };
    let _ = position;
    earlier
        .iter()
        .rev()
        .find(|f| f.position == wanted && f.cue < o && f.holder.is_some())
        .map(|f| (f.issue, f.issue_text.clone()))
}

/// The issue a relative clause's antecedent stands for: a position stated
/// earlier in the sentence (`demands for X, a point that Ukraine rejected`),
/// else the antecedent's phrase (through an apposition to what it renames).
fn antecedent(doc: &Doc, v: usize, earlier: &[Found]) -> Option<((usize, usize), String)> {
    let a = doc.head(v)?;
    let s = doc.a.sentence_of(v);
    if GENERIC.contains(&doc.lemma(a))
        && let Some(f) = earlier
            .iter()
            .rev()
            .find(|f| f.cue < a && doc.a.sentence_of(f.cue) == s)
    {
        return Some((f.issue, f.issue_text.clone()));
    }
    let mut np = a;
    if doc.deprel(np) == "appos"
        && let Some(h) = doc.head(np)
    {
        np = h;
        while doc.base(np) == "nmod"
            && let Some(h) = doc.head(np)
            && !doc.is_verb(h)
        {
            np = h;
        }
    }
    let p = doc.phrase(np);
    Some((p, text(doc, p.0, p.1)))
}
