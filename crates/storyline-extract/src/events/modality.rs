//! Modality: whether an event happened (`actual`), is planned (`will
//! meet`, `plan to hold`, an invitation's future talks), possible (`could`,
//! `may`, `potential`), negated (`did not`, `no breakthrough`, `failed
//! to`) or only reported (`reportedly`, `according to reports`).
//!
//! Attribution to a named or official source keeps an event `actual`: the
//! record's quotes already say who vouches for it (this is how the seed
//! gold reads `According to a senior official, X invited Y`). Only hedged
//! reporting makes it `reported`.

use super::doc::Doc;
use crate::record::Quote;

const PLAN_VERBS: &[&str] = &[
    "plan", "intend", "expect", "schedule", "hope", "want", "prepare", "promise", "pledge", "aim",
    "decide", "seek", "vow", "propose", "agree", "set", "due", "offer",
];
const FAIL_VERBS: &[&str] = &["fail", "refuse", "decline", "cancel", "postpone", "stop"];
const POSSIBLE_AUX: &[&str] = &["could", "may", "might", "can"];
const PLANNED_AUX: &[&str] = &["will", "shall", "'ll", "’ll", "would", "wo"];
const PLANNED_ADJ: &[&str] = &[
    "future", "upcoming", "further", "planned", "next", "another", "proposed", "new",
];
const POSSIBLE_ADJ: &[&str] = &["potential", "possible", "likely"];
const HEDGES: &[&str] = &["reportedly", "allegedly", "purportedly", "supposedly"];
const REPORT_NOUNS: &[&str] = &[
    "report", "reports", "media", "sources", "source", "rumours", "rumors",
];

fn negator(doc: &Doc, k: usize) -> bool {
    matches!(doc.lemma(k), "not" | "never") && matches!(doc.base(k), "advmod" | "neg" | "aux")
}

/// The modality of an event at `trigger` whose clause verb is `verb`.
/// `invite_for` marks a noun inside an invitation's `for` phrase; `after`
/// says whether its date lies after the document's date.
pub fn modality(
    doc: &Doc,
    trigger: usize,
    verb: Option<usize>,
    invite_for: bool,
    after: bool,
    reports: &ReportSpans,
) -> &'static str {
    let (mut negated, mut possible, mut planned, mut reported) = (false, false, invite_for, false);
    let mut look = vec![trigger];
    if let Some(v) = verb
        && v != trigger
    {
        look.push(v);
    }
    // Climb controlled clauses: `failed to reach`, `plan to hold`.
    let mut top = verb.unwrap_or(trigger);
    for _ in 0..3 {
        let to_clause = doc.deprel(top) == "ccomp"
            && doc
                .kids(top)
                .iter()
                .any(|&k| doc.lower(k) == "to" && doc.deprel(k) == "mark");
        if doc.deprel(top) != "xcomp" && !to_clause {
            break;
        }
        let Some(h) = doc.head(top) else { break };
        if FAIL_VERBS.contains(&doc.lemma(h)) {
            negated = true;
        }
        if PLAN_VERBS.contains(&doc.lemma(h)) {
            planned = true;
        }
        look.push(h);
        top = h;
    }
    // A noun object of a planning verb (`promised an investigation`).
    if verb.is_none()
        && let Some(h) = doc.head(trigger)
        && doc.base(trigger) == "obj"
        && PLAN_VERBS.contains(&doc.lemma(h))
    {
        planned = true;
        look.push(h);
    }
    for &t in &look {
        for &k in doc.kids(t) {
            let w = doc.lower(k);
            if negator(doc, k) || (t == trigger && doc.deprel(k) == "det" && w == "no") {
                negated = true;
            }
            if doc.base(k) == "aux" {
                if POSSIBLE_AUX.contains(&w) {
                    possible = true;
                }
                if PLANNED_AUX.contains(&w) {
                    planned = true;
                }
            }
            if t == trigger && doc.deprel(k) == "amod" {
                if POSSIBLE_ADJ.contains(&w) {
                    possible = true;
                }
                if PLANNED_ADJ.contains(&w) && w != "new" {
                    planned = true;
                }
            }
            if HEDGES.contains(&w) {
                reported = true;
            }
            if doc.base(k) == "obl"
                && REPORT_NOUNS.contains(&w)
                && doc.kids(k).iter().any(|&c| doc.lower(c) == "according")
            {
                reported = true;
            }
        }
    }
    // Content of an attribution to unnamed reports (`media reports said`).
    let at = doc.a.tokens[trigger].start;
    if reports.covers(at) {
        reported = true;
    }
    if negated {
        "negated"
    } else if possible {
        "possible"
    } else if planned || after {
        "planned"
    } else if reported {
        "reported"
    } else {
        "actual"
    }
}

/// The characters said by unnamed reports (`media reports said …`): the
/// contents of quotes without a speaker whose source holds a report noun,
/// merged into disjoint ranges so that a trigger is looked up by binary
/// search.
#[derive(Debug, Default)]
pub struct ReportSpans(Vec<(usize, usize)>);

impl ReportSpans {
    /// The report contents among a document's quotes.
    pub fn new(quotes: &[Quote]) -> Self {
        let mut spans: Vec<(usize, usize)> = quotes
            .iter()
            .filter(|q| {
                q.speaker.is_none()
                    && q.source.as_ref().is_some_and(|s| {
                        let source = s.text.to_lowercase();
                        REPORT_NOUNS.iter().any(|r| source.contains(r))
                    })
            })
            .map(|q| (q.content.start, q.content.end))
            .filter(|(a, b)| a < b)
            .collect();
        spans.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for (a, b) in spans {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        ReportSpans(merged)
    }

    /// Whether character `at` lies in a report's content.
    pub fn covers(&self, at: usize) -> bool {
        let i = self.0.partition_point(|&(a, _)| a <= at);
        i > 0 && at < self.0[i - 1].1
    }
}
