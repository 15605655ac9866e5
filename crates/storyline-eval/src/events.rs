//! Scores a record's events and stances against a gold file shaped like
//! `shared/data/seed/gold.json`.
//!
//! Each gold event is aligned one-to-one with a record event of the same
//! type, choosing pairs that agree on the most fields; an event is matched
//! when actors, targets, place, time and modality all agree (for the
//! symmetric types MEET, NEGOTIATE, AGREE and FIGHT actors and targets are
//! pooled). Entities match by name or mention text against the gold name,
//! its aliases in the gold entities, and the event's `actor_aliases`
//! (metonymy: `Russia` ↔ `Moscow`). A stance is matched by holder, position
//! and a substring of the issue. Per field, recall counts aligned pairs
//! right in that field over gold items, precision over record items.

use std::collections::BTreeMap;

use serde::Serialize;
use storyline_extract::record::{Entity, Event, Record, Stance};

use crate::gold::{Gold, GoldEvent, GoldStance};

/// Event types whose actors and targets are pooled when matching.
pub const SYMMETRIC: &[&str] = &["MEET", "NEGOTIATE", "AGREE", "FIGHT"];

const EVENT_FIELDS: &[&str] = &["type", "actors", "targets", "place", "time", "modality"];
const STANCE_FIELDS: &[&str] = &["holder", "position", "issue"];

/// Precision and recall of one field.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct FieldScore {
    /// Right in this field over record items.
    pub precision: f64,
    /// Right in this field over gold items.
    pub recall: f64,
}

/// Scores of one record (or, aggregated, of several) against gold.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct EventScores {
    /// Gold events.
    pub gold_events: usize,
    /// Record events.
    pub record_events: usize,
    /// Gold events matched in every field.
    pub matched_events: usize,
    /// Matched over record events.
    pub event_p: f64,
    /// Matched over gold events.
    pub event_r: f64,
    /// Harmonic mean of the two.
    pub event_f1: f64,
    /// Gold stances.
    pub gold_stances: usize,
    /// Record stances.
    pub record_stances: usize,
    /// Gold stances matched by holder, position and issue.
    pub matched_stances: usize,
    /// Matched over record stances.
    pub stance_p: f64,
    /// Matched over gold stances.
    pub stance_r: f64,
    /// Harmonic mean of the two.
    pub stance_f1: f64,
    /// Per field: `type`, `actors`, `targets`, `place`, `time`,
    /// `modality` (events) and `holder`, `position`, `issue` (stances).
    pub fields: BTreeMap<String, FieldScore>,
    /// Aligned pairs right in each field (for aggregation).
    pub field_counts: BTreeMap<String, usize>,
    /// One line per gold item not matched.
    pub errors: Vec<String>,
}

fn norm(s: &str) -> String {
    let s = s.trim().to_lowercase().replace('’', "'");
    s.strip_prefix("the ").map(str::to_string).unwrap_or(s)
}

/// Every name a gold entity goes by, with extra aliases.
fn names(gold: &Gold, name: &str, extra: &[String]) -> Vec<String> {
    let mut out: Vec<String> = vec![norm(name)];
    out.extend(extra.iter().map(|s| norm(s)));
    for g in &gold.entities {
        let all: Vec<String> = std::iter::once(&g.name)
            .chain(&g.aliases)
            .map(|s| norm(s))
            .collect();
        if all.contains(&norm(name)) {
            out.extend(all);
        }
    }
    out
}

fn entity<'r>(record: &'r Record, id: &str) -> Option<&'r Entity> {
    record.entities.iter().find(|e| e.id == id)
}

fn entity_is(record: &Record, id: &str, names: &[String]) -> bool {
    entity(record, id).is_some_and(|e| {
        names.contains(&norm(&e.name)) || e.mentions.iter().any(|m| names.contains(&norm(&m.text)))
    })
}

/// Whether the record's entity ids name exactly the gold entities.
fn same_set(
    record: &Record,
    gold: &Gold,
    want: &[String],
    extra: &[String],
    got: &[String],
) -> bool {
    let mut got: Vec<&String> = got.iter().collect();
    got.dedup();
    if got.len() != want.len() {
        return false;
    }
    let mut used = vec![false; got.len()];
    want.iter().all(|w| {
        let ns = names(gold, w, extra);
        match (0..got.len()).find(|&k| !used[k] && entity_is(record, got[k], &ns)) {
            Some(k) => {
                used[k] = true;
                true
            }
            None => false,
        }
    })
}

/// Which event fields a record event gets right for a gold event.
fn event_fields(record: &Record, gold: &Gold, g: &GoldEvent, r: &Event) -> [bool; 6] {
    if g.kind != r.kind {
        return [false; 6];
    }
    let (actors, targets) = if SYMMETRIC.contains(&g.kind.as_str()) {
        let want: Vec<String> = g.actors.iter().chain(&g.targets).cloned().collect();
        let got: Vec<String> = r.actors.iter().chain(&r.targets).cloned().collect();
        let ok = same_set(record, gold, &want, &g.actor_aliases, &got);
        (ok, ok)
    } else {
        (
            same_set(record, gold, &g.actors, &g.actor_aliases, &r.actors),
            same_set(record, gold, &g.targets, &g.actor_aliases, &r.targets),
        )
    };
    let place = match (&g.place, &r.place) {
        (None, None) => true,
        (Some(p), Some(id)) => entity_is(record, id, &names(gold, p, &[])),
        _ => false,
    };
    let time = g.time == r.time;
    let modality = g.modality.as_ref().is_none_or(|m| *m == r.modality);
    [true, actors, targets, place, time, modality]
}

fn stance_fields(record: &Record, gold: &Gold, g: &GoldStance, r: &Stance) -> [bool; 3] {
    let holder = match (&g.holder, &r.holder) {
        (None, None) => true,
        (Some(h), Some(id)) => entity_is(record, id, &names(gold, h, &g.holder_aliases)),
        _ => false,
    };
    let issue = g
        .issue_contains
        .as_ref()
        .is_none_or(|s| norm(&r.issue).contains(&norm(s)));
    [holder, g.position == r.position, issue]
}

/// One-to-one alignment by most agreeing fields; returns (gold, record,
/// fields) triples.
fn align<const N: usize>(
    n_gold: usize,
    n_record: usize,
    fields: impl Fn(usize, usize) -> Option<[bool; N]>,
) -> Vec<(usize, usize, [bool; N])> {
    let mut pairs = Vec::new();
    for g in 0..n_gold {
        for r in 0..n_record {
            if let Some(f) = fields(g, r) {
                let score = f.iter().filter(|&&x| x).count();
                pairs.push((score, g, r, f));
            }
        }
    }
    pairs.sort_by_key(|&(s, g, r, _)| (std::cmp::Reverse(s), g, r));
    let (mut gu, mut ru) = (vec![false; n_gold], vec![false; n_record]);
    let mut out = Vec::new();
    for (_, g, r, f) in pairs {
        if !gu[g] && !ru[r] {
            gu[g] = true;
            ru[r] = true;
            out.push((g, r, f));
        }
    }
    out
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        if a == 0 { 1.0 } else { 0.0 }
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Fills the ratios from the counts.
fn finish(mut s: EventScores) -> EventScores {
    s.event_p = ratio(s.matched_events, s.record_events);
    s.event_r = ratio(s.matched_events, s.gold_events);
    s.event_f1 = f1(s.event_p, s.event_r);
    s.stance_p = ratio(s.matched_stances, s.record_stances);
    s.stance_r = ratio(s.matched_stances, s.gold_stances);
    s.stance_f1 = f1(s.stance_p, s.stance_r);
    s.fields.clear();
    for (name, &n) in &s.field_counts {
        let (g, r) = if EVENT_FIELDS.contains(&name.as_str()) {
            (s.gold_events, s.record_events)
        } else {
            (s.gold_stances, s.record_stances)
        };
        s.fields.insert(
            name.clone(),
            FieldScore {
                precision: ratio(n, r),
                recall: ratio(n, g),
            },
        );
    }
    s
}

/// Scores one record's events and stances against one gold file.
pub fn evaluate_events(record: &Record, gold: &Gold) -> EventScores {
    let mut s = EventScores {
        gold_events: gold.events.len(),
        record_events: record.events.len(),
        gold_stances: gold.stances.len(),
        record_stances: record.stances.len(),
        ..EventScores::default()
    };
    for f in EVENT_FIELDS.iter().chain(STANCE_FIELDS) {
        s.field_counts.insert(f.to_string(), 0);
    }
    let pairs = align(gold.events.len(), record.events.len(), |g, r| {
        (gold.events[g].kind == record.events[r].kind)
            .then(|| event_fields(record, gold, &gold.events[g], &record.events[r]))
    });
    let mut matched = vec![false; gold.events.len()];
    for &(g, _, f) in &pairs {
        for (k, name) in EVENT_FIELDS.iter().enumerate() {
            if f[k] {
                *s.field_counts.entry(name.to_string()).or_default() += 1;
            }
        }
        if f.iter().all(|&x| x) {
            matched[g] = true;
            s.matched_events += 1;
        }
    }
    for (g, ok) in matched.iter().enumerate() {
        if !ok {
            let e = &gold.events[g];
            let got = pairs.iter().find(|p| p.0 == g).map(|p| &record.events[p.1]);
            s.errors.push(format!(
                "event {} {:?}→{:?} @{:?} {:?} {:?}: got {}",
                e.kind,
                e.actors,
                e.targets,
                e.place,
                e.time,
                e.modality,
                got.map_or("nothing".to_string(), |r| describe(record, r))
            ));
        }
    }
    let spairs = align(gold.stances.len(), record.stances.len(), |g, r| {
        Some(stance_fields(
            record,
            gold,
            &gold.stances[g],
            &record.stances[r],
        ))
        .filter(|f| f.iter().any(|&x| x))
    });
    let mut smatched = vec![false; gold.stances.len()];
    for &(g, _, f) in &spairs {
        for (k, name) in STANCE_FIELDS.iter().enumerate() {
            if f[k] {
                *s.field_counts.entry(name.to_string()).or_default() += 1;
            }
        }
        if f.iter().all(|&x| x) {
            smatched[g] = true;
            s.matched_stances += 1;
        }
    }
    for (g, ok) in smatched.iter().enumerate() {
        if !ok {
            let st = &gold.stances[g];
            s.errors.push(format!(
                "stance {:?} {} {:?}: not found",
                st.holder, st.position, st.issue_contains
            ));
        }
    }
    finish(s)
}

/// A record event in one line, with entity names.
pub fn describe(record: &Record, e: &Event) -> String {
    let name = |id: &String| entity(record, id).map_or(id.clone(), |x| x.name.clone());
    let list = |v: &[String]| v.iter().map(name).collect::<Vec<_>>().join(", ");
    format!(
        "{} {} → {} @{} {} [{}] ({:?})",
        e.kind,
        list(&e.actors),
        list(&e.targets),
        e.place.as_ref().map_or("-".to_string(), name),
        e.time.as_deref().unwrap_or("-"),
        e.modality,
        e.trigger.text
    )
}

/// Micro-averaged scores over several files.
pub fn aggregate(scores: &[EventScores]) -> EventScores {
    let mut s = EventScores::default();
    for x in scores {
        s.gold_events += x.gold_events;
        s.record_events += x.record_events;
        s.matched_events += x.matched_events;
        s.gold_stances += x.gold_stances;
        s.record_stances += x.record_stances;
        s.matched_stances += x.matched_stances;
        for (k, v) in &x.field_counts {
            *s.field_counts.entry(k.clone()).or_default() += v;
        }
        s.errors.extend(x.errors.iter().cloned());
    }
    finish(s)
}
