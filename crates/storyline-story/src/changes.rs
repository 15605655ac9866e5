//! What changed since a moment: entries first reported after it, entries
//! with new sources, actors first seen after it, stance changes (a holder
//! whose position on an issue turned) and contradictions (two holders
//! taking opposite positions on one issue), each with its evidence.
//!
//! "After" is by when the store received a document (its current
//! version), so `--since` answers "what is new since I last looked".

use std::collections::HashSet;

use serde::Serialize;
use storyline_extract::Record;
use storyline_store::StoryDocument;

use crate::actors::{Actor, Actors};
use crate::terms::terms;
use crate::timeline::{Entry, Source};

/// Issues whose words overlap this much (Jaccard) are one issue.
const SAME_ISSUE: f64 = 0.5;

/// A position seen in one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Position {
    /// Who holds it.
    pub holder: String,
    /// The issue, as written.
    pub issue: String,
    /// `demand`, `propose`, `support`, `accept`, `reject` or `oppose`.
    pub position: String,
    /// The words that show it.
    pub evidence: String,
    /// Where it was read.
    pub doc: String,
    /// The document's outlet.
    pub site: Option<String>,
    /// The document's publication day.
    pub published: Option<String>,
    /// When the document was stored.
    pub ingested_at: String,
}

/// A holder whose position on an issue turned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StanceChange {
    /// The earlier position.
    pub from: Position,
    /// The later one, received after the moment asked about.
    pub to: Position,
}

/// Two holders on opposite sides of one issue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contradiction {
    /// One side.
    pub one: Position,
    /// The other side (at least one of the two received after the moment).
    pub other: Position,
}

/// An entry that gained sources.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewSources {
    /// The entry (all its sources).
    pub entry: Entry,
    /// The sources received after the moment.
    pub new: Vec<Source>,
}

/// Everything new since a moment.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Changes {
    /// The moment (RFC 3339, UTC, or a day).
    pub since: String,
    /// Entries all of whose sources arrived after it.
    pub new_entries: Vec<Entry>,
    /// Entries known before that gained sources.
    pub new_sources: Vec<NewSources>,
    /// Actors first seen after it.
    pub new_actors: Vec<Actor>,
    /// Positions that turned.
    pub stance_changes: Vec<StanceChange>,
    /// Opposite positions on one issue.
    pub contradictions: Vec<Contradiction>,
}

/// Whether a stored moment (RFC 3339 or a day) is after `since`: a day
/// `since` means from the start of that day.
pub fn after(moment: &str, since: &str) -> bool {
    moment >= since
}

/// The changes in `docs` (with their timeline and actors) since `since`.
pub fn since(
    since: &str,
    docs: &[(StoryDocument, Record)],
    actors: &Actors,
    timeline: &[Entry],
) -> Changes {
    let mut changes = Changes {
        since: since.to_string(),
        ..Changes::default()
    };
    for e in timeline {
        let new: Vec<Source> = e
            .sources
            .iter()
            .filter(|s| after(&s.ingested_at, since))
            .cloned()
            .collect();
        if new.len() == e.sources.len() {
            changes.new_entries.push(e.clone());
        } else if !new.is_empty() {
            changes.new_sources.push(NewSources {
                entry: e.clone(),
                new,
            });
        }
    }
    changes.new_actors = actors
        .list
        .iter()
        .filter(|a| after(&a.first_ingested, since))
        .cloned()
        .collect();
    let positions = positions(docs, actors);
    let groups = issue_groups(&positions);
    for group in groups {
        compare(&positions, &group, since, &mut changes);
    }
    changes
}

fn positions(docs: &[(StoryDocument, Record)], actors: &Actors) -> Vec<Position> {
    let mut out = Vec::new();
    for (i, (doc, record)) in docs.iter().enumerate() {
        for s in &record.stances {
            let Some(holder) = s.holder.as_deref().and_then(|h| actors.of(i, h)) else {
                continue;
            };
            out.push(Position {
                holder: holder.name.clone(),
                issue: s.issue.clone(),
                position: s.position.clone(),
                evidence: s.evidence.text.clone(),
                doc: doc.id.clone(),
                site: doc.site.clone(),
                published: doc.published.clone(),
                ingested_at: doc.ingested_at.clone(),
            });
        }
    }
    out.sort_by(|a, b| {
        (&a.published, &a.ingested_at, &a.doc).cmp(&(&b.published, &b.ingested_at, &b.doc))
    });
    out
}

/// Positions grouped by issue (single link on word overlap).
fn issue_groups(positions: &[Position]) -> Vec<Vec<usize>> {
    let words: Vec<HashSet<String>> = positions
        .iter()
        .map(|p| terms(&p.issue).into_iter().collect())
        .collect();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in 0..positions.len() {
        let home = groups.iter().position(|g| {
            g.iter().any(|&j| {
                let inter = words[i].intersection(&words[j]).count();
                let union = words[i].len() + words[j].len() - inter;
                union > 0 && inter as f64 / union as f64 >= SAME_ISSUE
            })
        });
        match home {
            Some(g) => groups[g].push(i),
            None => groups.push(vec![i]),
        }
    }
    groups
}

fn polarity(position: &str) -> i8 {
    match position {
        "reject" | "oppose" => -1,
        _ => 1,
    }
}

fn compare(positions: &[Position], group: &[usize], since: &str, changes: &mut Changes) {
    // Stance changes: one holder's consecutive positions that turned.
    let mut holders: Vec<&str> = group
        .iter()
        .map(|&i| positions[i].holder.as_str())
        .collect();
    holders.sort_unstable();
    holders.dedup();
    for holder in &holders {
        let mine: Vec<&Position> = group
            .iter()
            .map(|&i| &positions[i])
            .filter(|p| p.holder == *holder)
            .collect();
        for pair in mine.windows(2) {
            if polarity(&pair[0].position) != polarity(&pair[1].position)
                && after(&pair[1].ingested_at, since)
            {
                changes.stance_changes.push(StanceChange {
                    from: pair[0].clone(),
                    to: pair[1].clone(),
                });
            }
        }
    }
    // Contradictions: the latest positions of two holders, opposite.
    let latest: Vec<&Position> = holders
        .iter()
        .filter_map(|h| {
            group
                .iter()
                .rev()
                .map(|&i| &positions[i])
                .find(|p| p.holder == *h)
        })
        .collect();
    for (a, one) in latest.iter().enumerate() {
        for other in &latest[a + 1..] {
            if polarity(&one.position) != polarity(&other.position)
                && (after(&one.ingested_at, since) || after(&other.ingested_at, since))
            {
                changes.contradictions.push(Contradiction {
                    one: (*one).clone(),
                    other: (*other).clone(),
                });
            }
        }
    }
}
