//! The timeline: every event and every attributed statement of a set of
//! documents, dated by when it happened, with reports of the same
//! happening merged into one entry that lists all its sources.
//!
//! An event is dated by its own time when the reading found one (a day, or
//! a month); otherwise, like a statement without a time expression in its
//! sentence, by its article's publication day, and marked so
//! (`dated_by: "published"`). Reports merge when they are of the same
//! type, on the same or a compatible date (a day inside a month, or a day
//! apart across time zones), with compatible actors and place; statements
//! when the speaker is the same and the words largely agree.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use storyline_extract::Record;
use storyline_store::StoryDocument;

use crate::actors::Actors;
use crate::features::day_number;
use crate::terms::terms;

/// The type of an entry made from a sentence that dates something to a day
/// while the reading coded no event there.
pub const DATED: &str = "DATED";

/// Event types whose actors and targets can swap places between reports.
const SYMMETRIC: &[&str] = &[
    "MEET",
    "NEGOTIATE",
    "CONSULT",
    "AGREE",
    "COOPERATE",
    "FIGHT",
];

/// Unattributed statements must agree this much (Jaccard of terms) to merge.
const SAME_WORDS: f64 = 0.6;

/// Statement content agreeing this much (Jaccard of terms) is one statement.
const SAME_STATEMENT: f64 = 0.3;

/// One report of an entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// The document's id.
    pub doc: String,
    /// Its outlet.
    pub site: Option<String>,
    /// Its publication day.
    pub published: Option<String>,
    /// The evidence sentence's offsets in the document's text.
    pub start: usize,
    /// End of the evidence sentence (exclusive).
    pub end: usize,
    /// The evidence sentence.
    pub evidence: String,
    /// The original this document copies, when it is a near-duplicate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<String>,
    /// When the document's current version was stored.
    pub ingested_at: String,
}

/// One happening or statement, with every report of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// When it happened: `YYYY-MM-DD`, or `YYYY-MM` when only the month is known.
    pub date: Option<String>,
    /// `text` when the reading dated it, `published` when it took the
    /// article's date.
    pub dated_by: String,
    /// Event type (`MEET`, `REJECT`, …) or `STATEMENT`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Who acted (or spoke), by actor name.
    pub actors: Vec<String>,
    /// Whom it was done to or with.
    pub targets: Vec<String>,
    /// Where, when known.
    pub place: Option<String>,
    /// The trigger word (events) or cue (statements).
    pub trigger: String,
    /// What was said (statements).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// The best evidence sentence: the one the other sources agree with
    /// most, shorter first.
    pub summary: String,
    /// Sources, counting near-duplicate copies of one article once.
    pub independent_sources: usize,
    /// Outlets that reported it.
    pub outlets: Vec<String>,
    /// Every report.
    pub sources: Vec<Source>,
}

/// One report before merging.
struct Report {
    kind: String,
    date: Option<String>,
    dated_by: &'static str,
    actors: Vec<String>,
    targets: Vec<String>,
    place: Option<String>,
    trigger: String,
    content: Option<String>,
    words: HashSet<String>,
    source: Source,
}

/// Builds the timeline of `docs`, whose actors are `actors`; entries in
/// date order (undated last), then by number of sources.
pub fn build(docs: &[(StoryDocument, Record)], actors: &Actors) -> Vec<Entry> {
    let mut merged: Vec<(Entry, Vec<HashSet<String>>)> = Vec::new();
    let mut buckets: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, doc) in docs.iter().enumerate() {
        for report in reports(i, doc, actors) {
            let keys = bucket_keys(&report);
            let found = keys
                .iter()
                .filter_map(|k| buckets.get(k))
                .flatten()
                .copied()
                .find(|&e| compatible(&merged[e].0, &merged[e].1, &report));
            match found {
                Some(e) => absorb(&mut merged[e], report),
                None => {
                    let e = merged.len();
                    buckets.entry(keys[0].clone()).or_default().push(e);
                    merged.push(start(report));
                }
            }
        }
    }
    let mut entries: Vec<Entry> = merged
        .into_iter()
        .map(|(mut e, words)| {
            finish(&mut e, &words);
            e
        })
        .collect();
    entries.sort_by(|a, b| {
        (a.date.is_none(), &a.date)
            .cmp(&(b.date.is_none(), &b.date))
            .then(b.independent_sources.cmp(&a.independent_sources))
            .then_with(|| a.summary.cmp(&b.summary))
    });
    entries
}

/// Weight of a document published on a day, against one that refers back
/// to it (chosen on the Timeline17 topics, where it is reported).
const PUBLISHED_WEIGHT: f64 = 0.25;

/// The `k` most important days. A day counts each document published
/// *after* it that dates an entry to it from its text (looking back at a
/// day is the strongest sign that it mattered, and it ignores a text's
/// misread future dates and reader-comment stamps), plus a quarter for
/// each document published on it. Ties: more entries, then the earlier day.
pub fn top_dates(entries: &[Entry], k: usize) -> Vec<String> {
    let mut referring: BTreeMap<&str, HashSet<&str>> = BTreeMap::new();
    let mut published: HashMap<&str, HashSet<&str>> = HashMap::new();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for e in entries {
        for s in &e.sources {
            if let Some(p) = s.published.as_deref().and_then(|p| p.get(..10)) {
                published.entry(p).or_default().insert(&s.doc);
            }
        }
        let Some(day) = e.date.as_deref().filter(|d| d.len() == 10) else {
            continue;
        };
        *count.entry(day).or_default() += 1;
        if e.dated_by != "text" {
            continue;
        }
        let later = e.sources.iter().filter(|s| {
            s.published
                .as_deref()
                .and_then(|p| p.get(..10))
                .is_some_and(|p| p > day)
        });
        let set = referring.entry(day).or_default();
        for s in later {
            set.insert(s.copy_of.as_deref().unwrap_or(&s.doc));
        }
    }
    let mut days: HashSet<&str> = referring.keys().copied().collect();
    days.extend(published.keys().copied());
    let mut ranked: Vec<(&str, f64, usize)> = days
        .into_iter()
        .map(|d| {
            let score = referring.get(d).map_or(0, HashSet::len) as f64
                + PUBLISHED_WEIGHT * published.get(d).map_or(0, HashSet::len) as f64;
            (d, score, count.get(d).copied().unwrap_or(0))
        })
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(b.0)));
    let mut dates: Vec<String> = ranked
        .into_iter()
        .take(k)
        .map(|r| r.0.to_string())
        .collect();
    dates.sort();
    dates
}

fn reports(i: usize, (doc, record): &(StoryDocument, Record), actors: &Actors) -> Vec<Report> {
    let name = |eid: &str| actors.of(i, eid).map(|a| a.name.clone());
    let names = |ids: &[String]| -> Vec<String> {
        let mut v: Vec<String> = ids.iter().filter_map(|id| name(id)).collect();
        v.sort();
        v.dedup();
        v
    };
    let chars: Vec<usize> = record.text.char_indices().map(|(b, _)| b).collect();
    let sentence = |s: usize| -> Source {
        let span = record
            .sentences
            .get(s)
            .copied()
            .unwrap_or(storyline_extract::record::Span { start: 0, end: 0 });
        let byte = |c: usize| chars.get(c).copied().unwrap_or(record.text.len());
        Source {
            doc: doc.id.clone(),
            site: doc.site.clone(),
            published: doc.published.clone(),
            start: span.start,
            end: span.end,
            evidence: record.text[byte(span.start)..byte(span.end)]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            copy_of: doc.copy_of.clone(),
            ingested_at: doc.ingested_at.clone(),
        }
    };
    let published = doc
        .published
        .clone()
        .filter(|p| p.len() >= 10)
        .map(|p| p[..10].to_string());
    let mut out = Vec::new();
    for ev in &record.events {
        let (date, dated_by) = match ev.time.as_deref().and_then(calendar_date) {
            Some(d) => (Some(d), "text"),
            None => (published.clone(), "published"),
        };
        let source = sentence(ev.sentence);
        out.push(Report {
            kind: ev.kind.clone(),
            date,
            dated_by,
            actors: names(&ev.actors),
            targets: names(&ev.targets),
            place: ev.place.as_deref().and_then(name),
            trigger: ev.trigger.text.clone(),
            content: None,
            words: terms(&source.evidence).into_iter().collect(),
            source,
        });
    }
    // Sentences that date something to a day but hold no coded event or
    // quote dated from the text: the reading missed what happened, the
    // date says something did.
    let dated_sentences: HashSet<usize> = out
        .iter()
        .filter(|r| r.dated_by == "text")
        .map(|r| r.source.start)
        .collect();
    let quoted: HashSet<usize> = record.quotes.iter().map(|q| q.sentence).collect();
    for (si, span) in record.sentences.iter().enumerate() {
        let days: Vec<String> = sentence_dates(record, span.start, span.end)
            .into_iter()
            .filter(|d| d.len() == 10)
            .collect();
        let day = pick_date(&days, published.as_deref());
        let Some(day) = day else { continue };
        if dated_sentences.contains(&span.start) || quoted.contains(&si) {
            continue;
        }
        let source = sentence(si);
        let mut who: Vec<String> = record
            .entities
            .iter()
            .filter(|e| {
                e.mentions
                    .iter()
                    .any(|m| m.start >= span.start && m.end <= span.end)
            })
            .filter_map(|e| name(&e.id))
            .collect();
        who.sort();
        who.dedup();
        out.push(Report {
            kind: DATED.into(),
            date: Some(day),
            dated_by: "text",
            actors: who,
            targets: Vec::new(),
            place: None,
            trigger: String::new(),
            content: None,
            words: terms(&source.evidence).into_iter().collect(),
            source,
        });
    }
    for q in &record.quotes {
        let source = sentence(q.sentence);
        let dates = sentence_dates(record, source.start, source.end);
        let (date, dated_by) = match pick_date(&dates, published.as_deref()) {
            Some(d) => (Some(d), "text"),
            None => (published.clone(), "published"),
        };
        out.push(Report {
            kind: "STATEMENT".into(),
            date,
            dated_by,
            actors: q.speaker.as_deref().and_then(name).into_iter().collect(),
            targets: Vec::new(),
            place: None,
            trigger: q.cue.as_ref().map(|c| c.text.clone()).unwrap_or_default(),
            content: Some(q.content.text.clone()),
            words: terms(&q.content.text).into_iter().collect(),
            source,
        });
    }
    out
}

/// The calendar dates (days or months) of a sentence's DATE expressions.
fn sentence_dates(record: &Record, start: usize, end: usize) -> Vec<String> {
    record
        .times
        .iter()
        .filter(|t| t.kind == "DATE" && t.start >= start && t.end <= end)
        .filter_map(|t| t.value.as_deref().and_then(calendar_date))
        .collect()
}

/// The date a sentence gives: the first that is not the article's own day
/// (a dateline such as `OSLO, March 4, 2026 -` says when it was written,
/// not when it happened), else the first.
fn pick_date(dates: &[String], published: Option<&str>) -> Option<String> {
    dates
        .iter()
        .find(|d| Some(d.as_str()) != published)
        .or(dates.first())
        .cloned()
}

/// A TimeML value as a calendar day or month (`2025-12-02`, `2025-12`;
/// a part of the day is dropped), or `None` for anything vaguer.
pub fn calendar_date(value: &str) -> Option<String> {
    let b = value.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if !(digits(0..4) && b.get(4) == Some(&b'-') && digits(5..7)) {
        return None;
    }
    if b.get(7) == Some(&b'-') && digits(8..10) {
        let day = &value[..10];
        return day_number(day).map(|_| day.to_string());
    }
    Some(value[..7].to_string())
}

fn bucket_keys(r: &Report) -> Vec<(String, String)> {
    let base = |d: &str| (r.kind.clone(), d.to_string());
    let Some(date) = &r.date else {
        return vec![base("")];
    };
    let mut keys = vec![base(date)];
    if date.len() == 10 {
        keys.push(base(&date[..7]));
        if let Some(n) = day_number(date) {
            for d in [n - 1, n + 1] {
                keys.push(base(&day_string(d)));
            }
        }
    }
    keys
}

fn day_string(n: i32) -> String {
    let d = jiff::civil::date(1970, 1, 1) + jiff::Span::new().days(n as i64);
    d.to_string()
}

fn compatible(entry: &Entry, words: &[HashSet<String>], r: &Report) -> bool {
    if entry.kind != r.kind {
        return false;
    }
    if r.kind == DATED {
        return words.iter().any(|w| jaccard(w, &r.words) >= SAME_STATEMENT);
    }
    if r.kind == "STATEMENT" {
        // Unattributed words merge only when they are nearly the same words.
        let needed = if r.actors.is_empty() {
            SAME_WORDS
        } else {
            SAME_STATEMENT
        };
        return entry.actors == r.actors && words.iter().any(|w| jaccard(w, &r.words) >= needed);
    }
    if let (Some(a), Some(b)) = (&entry.place, &r.place)
        && a != b
    {
        return false;
    }
    let shared = |a: &[String], b: &[String]| a.iter().any(|x| b.contains(x));
    if SYMMETRIC.contains(&r.kind.as_str()) {
        // `A met B` and `B met A` are one meeting.
        let mine: Vec<String> = entry.actors.iter().chain(&entry.targets).cloned().collect();
        let theirs: Vec<String> = r.actors.iter().chain(&r.targets).cloned().collect();
        if !mine.is_empty() && !theirs.is_empty() {
            return shared(&mine, &theirs);
        }
    }
    if !entry.actors.is_empty() && !r.actors.is_empty() {
        return shared(&entry.actors, &r.actors);
    }
    // Without actors on one side, the wording must say it is the same.
    words.iter().any(|w| jaccard(w, &r.words) >= SAME_STATEMENT)
}

fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

fn start(r: Report) -> (Entry, Vec<HashSet<String>>) {
    let entry = Entry {
        date: r.date,
        dated_by: r.dated_by.into(),
        kind: r.kind,
        actors: r.actors,
        targets: r.targets,
        place: r.place,
        trigger: r.trigger,
        content: r.content,
        summary: String::new(),
        independent_sources: 0,
        outlets: Vec::new(),
        sources: vec![r.source],
    };
    (entry, vec![r.words])
}

fn absorb((entry, words): &mut (Entry, Vec<HashSet<String>>), r: Report) {
    // A report that dates it from the text, or to the day, is the better date.
    let better = (r.dated_by == "text" && entry.dated_by != "text")
        || (r.dated_by == entry.dated_by
            && r.date.as_ref().is_some_and(|d| d.len() == 10)
            && entry.date.as_ref().is_some_and(|d| d.len() == 7));
    if better {
        entry.date = r.date;
        entry.dated_by = r.dated_by.into();
    }
    for a in r.actors {
        if !entry.actors.contains(&a) {
            entry.actors.push(a);
        }
    }
    for t in r.targets {
        if !entry.targets.contains(&t) {
            entry.targets.push(t);
        }
    }
    if entry.place.is_none() {
        entry.place = r.place;
    }
    entry.sources.push(r.source);
    words.push(r.words);
}

fn finish(entry: &mut Entry, words: &[HashSet<String>]) {
    entry
        .sources
        .sort_by(|a, b| (&a.published, &a.doc, a.start).cmp(&(&b.published, &b.doc, b.start)));
    entry
        .sources
        .dedup_by(|a, b| a.doc == b.doc && a.start == b.start);
    let roots: HashSet<&str> = entry
        .sources
        .iter()
        .map(|s| s.copy_of.as_deref().unwrap_or(&s.doc))
        .collect();
    entry.independent_sources = roots.len();
    let mut outlets: Vec<String> = entry
        .sources
        .iter()
        .filter_map(|s| s.site.clone())
        .collect();
    outlets.sort();
    outlets.dedup();
    entry.outlets = outlets;
    entry.summary = best_sentence(entry, words);
}

/// The evidence sentence the others agree with most; among equals the
/// shortest one that reads as a sentence (five words or more).
fn best_sentence(entry: &Entry, _words: &[HashSet<String>]) -> String {
    let sets: Vec<HashSet<String>> = entry
        .sources
        .iter()
        .map(|s| terms(&s.evidence).into_iter().collect())
        .collect();
    let mut best: Option<(f64, usize, usize)> = None;
    for (i, s) in entry.sources.iter().enumerate() {
        let agreement: f64 = sets
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, o)| jaccard(&sets[i], o))
            .sum();
        let words = s.evidence.split_whitespace().count();
        let clean = (5..=60).contains(&words);
        let key = (if clean { agreement + 1.0 } else { agreement }, words);
        let better = match best {
            None => true,
            Some((a, w, _)) => key.0 > a + 1e-9 || ((key.0 - a).abs() <= 1e-9 && key.1 < w),
        };
        if better {
            best = Some((key.0, key.1, i));
        }
    }
    best.map(|(_, _, i)| entry.sources[i].evidence.clone())
        .unwrap_or_default()
}
