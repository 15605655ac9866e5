//! What the story assignment knows of one document: weighted words of its
//! headline and lead, of its whole text, the entities it names, and its
//! publication day. Computed once from the record and kept in the store,
//! so the story index is rebuilt without reading text again.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use storyline_extract::Record;

use crate::terms::terms;

/// At most this many body terms are kept per document (by frequency): the
/// tail of a long article says little about which story it belongs to.
pub const MAX_BODY_TERMS: usize = 300;

/// One document's features.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct DocFeatures {
    /// Term counts of the headline and the first sentence.
    pub lead: Vec<(String, f32)>,
    /// Term counts of the whole text (title included).
    pub body: Vec<(String, f32)>,
    /// Entity keys (`p:surname`, `o:name`, `l:name`, `m:name`) with mention counts.
    pub entities: Vec<(String, f32)>,
    /// Publication day as days since 1970-01-01, when known.
    pub day: Option<i32>,
    /// Calendar references in the text (`y:2008`, `m:2008-10`, `d:2008-10-03`)
    /// with counts: two similar happenings are often told apart only by when.
    #[serde(default)]
    pub dates: Vec<(String, f32)>,
    /// The name written for each entity key (the fullest seen here), so a
    /// story's actors can be listed without reading records.
    #[serde(default)]
    pub names: Vec<(String, String)>,
}

impl DocFeatures {
    /// The features of a record; `published` overrides the record's own date.
    pub fn of(record: &Record, published: Option<&str>) -> DocFeatures {
        let title = record.title.as_deref().unwrap_or("");
        let first = record
            .sentences
            .iter()
            .map(|s| slice(&record.text, s.start, s.end))
            .find(|s| !s.trim().eq_ignore_ascii_case(title.trim()))
            .unwrap_or("");
        let mut lead = HashMap::new();
        for t in terms(title).into_iter().chain(terms(first)) {
            *lead.entry(t).or_insert(0.0) += 1.0;
        }
        let mut body = HashMap::new();
        for t in terms(title).into_iter().chain(terms(&record.text)) {
            *body.entry(t).or_insert(0.0) += 1.0;
        }
        let mut entities = HashMap::new();
        let mut names: HashMap<String, String> = HashMap::new();
        for e in &record.entities {
            if let Some(key) = entity_key(&e.kind, &e.name) {
                *entities.entry(key.clone()).or_insert(0.0) += e.mentions.len().max(1) as f32;
                let name = names.entry(key).or_default();
                if e.name.len() > name.len() {
                    *name = e.name.clone();
                }
            }
        }
        let mut dates = HashMap::new();
        for t in record.times.iter().filter(|t| t.kind == "DATE") {
            for key in date_keys(t.value.as_deref().unwrap_or("")) {
                *dates.entry(key).or_insert(0.0) += 1.0;
            }
        }
        let mut names: Vec<(String, String)> = names.into_iter().collect();
        names.sort();
        DocFeatures {
            lead: sorted(lead, usize::MAX),
            body: sorted(body, MAX_BODY_TERMS),
            entities: sorted(entities, usize::MAX),
            day: published
                .or(record.published.as_deref())
                .and_then(day_number),
            names,
            dates: sorted(dates, usize::MAX),
        }
    }

    /// The features as bytes for the store.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Features read back from the store; `None` when unreadable.
    pub fn from_bytes(bytes: &[u8]) -> Option<DocFeatures> {
        serde_json::from_slice(bytes).ok()
    }
}

/// The key that makes one entity the same across documents: a person by
/// surname (news names a person in full once, then by surname), anything
/// else by its folded full name.
pub fn entity_key(kind: &str, name: &str) -> Option<String> {
    let words: Vec<String> = crate::terms::words(name).collect();
    let last = words.last()?;
    let prefix = match kind {
        "PERSON" => return Some(format!("p:{}", crate::terms::skeleton(last))),
        "ORG" => "o",
        "LOC" => "l",
        _ => "m",
    };
    Some(format!("{prefix}:{}", words.join(" ")))
}

/// The calendar keys of a TimeML value: its year, month and day as far
/// as it names them.
fn date_keys(value: &str) -> Vec<String> {
    let b = value.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let mut keys = Vec::new();
    if digits(0..4) {
        keys.push(format!("y:{}", &value[..4]));
        if b.get(4) == Some(&b'-') && digits(5..7) {
            keys.push(format!("m:{}", &value[..7]));
            if b.get(7) == Some(&b'-') && digits(8..10) {
                keys.push(format!("d:{}", &value[..10]));
            }
        }
    }
    keys
}

/// Days since 1970-01-01 of a `YYYY-MM-DD…` date.
pub fn day_number(date: &str) -> Option<i32> {
    let d: jiff::civil::Date = date.get(..10)?.parse().ok()?;
    let epoch = jiff::civil::date(1970, 1, 1);
    Some((d - epoch).get_days())
}

fn sorted(counts: HashMap<String, f32>, keep: usize) -> Vec<(String, f32)> {
    let mut v: Vec<(String, f32)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(keep);
    v
}

fn slice(text: &str, start: usize, end: usize) -> &str {
    let mut chars = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let from = chars.nth(start).unwrap_or(text.len());
    let to = text[from..]
        .char_indices()
        .map(|(i, _)| from + i)
        .chain(std::iter::once(text.len()))
        .nth(end.saturating_sub(start))
        .unwrap_or(text.len());
    &text[from..to]
}
