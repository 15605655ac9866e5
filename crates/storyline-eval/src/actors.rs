//! Scores a record's entities against a gold file: an entity is found when
//! its name or one of its mention texts equals the gold name or an alias
//! (case-insensitive, apostrophes unified); then its type must match, every
//! gold title must be among its titles, and its affiliation must equal the
//! gold one (null included).

use serde::Serialize;
use storyline_extract::record::{Entity, Record};

use crate::gold::{Gold, GoldEntity};

/// Per-field accuracy over the gold entities (fractions 0–1; an entity not
/// found counts as wrong in every field).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct ActorScores {
    /// Number of gold entities.
    pub gold_entities: usize,
    /// Number of entities in the record.
    pub record_entities: usize,
    /// Fraction of gold entities found.
    pub entities_found: f64,
    /// Fraction found with the right type.
    pub type_accuracy: f64,
    /// Fraction found with every gold title.
    pub title_accuracy: f64,
    /// Fraction found with the right affiliation.
    pub affiliation_accuracy: f64,
    /// One line per gold entity that is missing or wrong in some field.
    pub errors: Vec<String>,
}

fn norm(s: &str) -> String {
    s.trim().to_lowercase().replace('’', "'")
}

/// The record entity that matches a gold entity, preferring one of the
/// right type and one whose name (not just a mention) matches.
pub fn find<'r>(record: &'r Record, gold: &GoldEntity) -> Option<&'r Entity> {
    let names: Vec<String> = std::iter::once(&gold.name)
        .chain(&gold.aliases)
        .map(|s| norm(s))
        .collect();
    let by_name = |e: &Entity| names.contains(&norm(&e.name));
    let by_mention = |e: &Entity| e.mentions.iter().any(|m| names.contains(&norm(&m.text)));
    let candidates: Vec<&Entity> = record
        .entities
        .iter()
        .filter(|e| by_name(e) || by_mention(e))
        .collect();
    candidates
        .iter()
        .copied()
        .max_by_key(|e| (e.kind == gold.kind, by_name(e), e.mentions.len()))
}

/// Whether a record affiliation equals the gold one, also through the gold
/// file's names for one entity (`OSCE` and its expansion).
fn affiliation_matches(gold: &Gold, record: Option<&str>, expected: Option<&str>) -> bool {
    let (Some(r), Some(x)) = (record, expected) else {
        return record.is_none() && expected.is_none();
    };
    let (r, x) = (norm(r), norm(x));
    r == x
        || gold.entities.iter().any(|g| {
            let names: Vec<String> = std::iter::once(&g.name)
                .chain(&g.aliases)
                .map(|s| norm(s))
                .collect();
            names.contains(&r) && names.contains(&x)
        })
}

/// Scores a record's entities against the gold entities.
pub fn evaluate_actors(record: &Record, gold: &Gold) -> ActorScores {
    let mut found = 0;
    let mut typed = 0;
    let mut titled = 0;
    let mut affiliated = 0;
    let mut errors = Vec::new();
    for g in &gold.entities {
        let Some(e) = find(record, g) else {
            errors.push(format!("missing: {}", g.name));
            continue;
        };
        found += 1;
        let mut wrong = Vec::new();
        if e.kind == g.kind {
            typed += 1;
        } else {
            wrong.push(format!("type {} not {}", e.kind, g.kind));
        }
        let has = |t: &String| e.titles.iter().any(|x| norm(x) == norm(t));
        if g.titles.iter().all(has) {
            titled += 1;
        } else {
            wrong.push(format!("titles {:?} lack some of {:?}", e.titles, g.titles));
        }
        if affiliation_matches(gold, e.affiliation.as_deref(), g.affiliation.as_deref()) {
            affiliated += 1;
        } else {
            wrong.push(format!(
                "affiliation {:?} not {:?}",
                e.affiliation, g.affiliation
            ));
        }
        if !wrong.is_empty() {
            errors.push(format!("{}: {}", g.name, wrong.join("; ")));
        }
    }
    let n = gold.entities.len();
    let frac = |k: usize| if n == 0 { 1.0 } else { k as f64 / n as f64 };
    ActorScores {
        gold_entities: n,
        record_entities: record.entities.len(),
        entities_found: frac(found),
        type_accuracy: frac(typed),
        title_accuracy: frac(titled),
        affiliation_accuracy: frac(affiliated),
        errors,
    }
}
