//! What the commands show: the list of stories and one story's documents,
//! actors, timeline and changes, all read from the store.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use storyline_extract::Record;
use storyline_store::{Store, StoreError, StoryDocument};

use crate::actors::{self, Actor, Actors};
use crate::features::DocFeatures;
use crate::timeline::{self, Entry};

/// One line of `storyline stories`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StorySummary {
    /// The story's number.
    pub id: u64,
    /// Its most central headline (or its top actors when no document has one).
    pub label: String,
    /// First publication day of its documents.
    pub first: Option<String>,
    /// Last publication day.
    pub last: Option<String>,
    /// Documents in it.
    pub documents: usize,
    /// Outlets that published them.
    pub outlets: Vec<String>,
    /// Most named actors (by documents naming them).
    pub top_actors: Vec<String>,
    /// Stories merged into this one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<u64>,
    /// When its newest document was stored.
    pub updated: String,
    /// Every name its documents give an entity (for filtering by actor).
    #[serde(skip)]
    pub names: Vec<String>,
}

impl StorySummary {
    /// Whether the story names this actor (whole name, one of its words,
    /// or a transliteration of one).
    pub fn names_actor(&self, name: &str) -> bool {
        let want = crate::terms::fold(name.trim());
        let skeleton = crate::terms::skeleton(&want);
        self.names.iter().any(|n| {
            let n = crate::terms::fold(n);
            n == want
                || n.split_whitespace().any(|w| {
                    w == want || (skeleton.len() >= 4 && crate::terms::skeleton(w) == skeleton)
                })
        })
    }
}

/// The stories of the store, newest activity first.
pub fn list(store: &dyn Store) -> Result<Vec<StorySummary>, StoreError> {
    let ledger = store.story_ledger()?;
    let docs: HashMap<String, StoryDocument> = store
        .story_documents()?
        .into_iter()
        .map(|d| (d.id.clone(), d))
        .collect();
    let merges: Vec<storyline_store::Merge> = ledger.merges.iter().map(|(m, _)| *m).collect();
    let resolve = resolver(&merges);
    let mut groups: BTreeMap<u64, Vec<(&StoryDocument, DocFeatures)>> = BTreeMap::new();
    let mut merged: BTreeMap<u64, Vec<u64>> = BTreeMap::new();
    for (m, _) in &ledger.merges {
        merged.entry(resolve(m.into)).or_default().push(m.story);
    }
    for m in &ledger.members {
        if let Some(doc) = docs.get(&m.doc) {
            let f = DocFeatures::from_bytes(&m.features).unwrap_or_default();
            groups.entry(resolve(m.story)).or_default().push((doc, f));
        }
    }
    let mut out: Vec<StorySummary> = groups
        .into_iter()
        .map(|(id, members)| summarise(id, &members, merged.remove(&id).unwrap_or_default()))
        .collect();
    out.sort_by(|a, b| (&b.last, &b.updated, b.id).cmp(&(&a.last, &a.updated, a.id)));
    Ok(out)
}

fn summarise(id: u64, members: &[(&StoryDocument, DocFeatures)], merged: Vec<u64>) -> StorySummary {
    let mut lead: HashMap<&str, f32> = HashMap::new();
    let mut actor_docs: HashMap<&str, usize> = HashMap::new();
    let mut names: HashMap<&str, &str> = HashMap::new();
    for (_, f) in members {
        for (t, w) in &f.lead {
            *lead.entry(t).or_default() += w;
        }
        for (k, _) in &f.entities {
            if k.starts_with("p:") || k.starts_with("o:") {
                *actor_docs.entry(k).or_default() += 1;
            }
        }
        for (k, n) in &f.names {
            let e = names.entry(k).or_insert(n);
            if n.len() > e.len() {
                *e = n;
            }
        }
    }
    let mut top: Vec<(&str, usize)> = actor_docs.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let top_actors: Vec<String> = top
        .iter()
        .take(4)
        .map(|(k, _)| {
            names
                .get(k)
                .map(|n| n.to_string())
                .unwrap_or_else(|| k[2..].to_string())
        })
        .collect();
    let central = members
        .iter()
        .filter(|(d, _)| d.title.as_deref().is_some_and(|t| !t.trim().is_empty()))
        .max_by(|a, b| {
            centrality(&a.1, &lead)
                .total_cmp(&centrality(&b.1, &lead))
                .then_with(|| b.0.id.cmp(&a.0.id))
        });
    let label = match central {
        Some((d, _)) => d.title.clone().unwrap_or_default(),
        None if !top_actors.is_empty() => top_actors.join(", "),
        None => format!("story {id}"),
    };
    let mut outlets: Vec<String> = members.iter().filter_map(|(d, _)| d.site.clone()).collect();
    outlets.sort();
    outlets.dedup();
    StorySummary {
        id,
        label,
        first: members
            .iter()
            .filter_map(|(d, _)| d.published.clone())
            .min(),
        last: members
            .iter()
            .filter_map(|(d, _)| d.published.clone())
            .max(),
        documents: members.len(),
        outlets,
        top_actors,
        merged,
        updated: members
            .iter()
            .map(|(d, _)| d.ingested_at.clone())
            .max()
            .unwrap_or_default(),
        names: {
            let mut all: Vec<String> = names.values().map(|n| n.to_string()).collect();
            all.sort();
            all
        },
    }
}

fn centrality(f: &DocFeatures, lead: &HashMap<&str, f32>) -> f64 {
    let dot: f32 = f
        .lead
        .iter()
        .filter_map(|(t, w)| lead.get(t.as_str()).map(|c| c * w))
        .sum();
    let norm: f32 = f.lead.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm == 0.0 {
        0.0
    } else {
        (dot / norm) as f64
    }
}

/// Follows recorded merges to the story a number now belongs to.
pub fn resolver(merges: &[storyline_store::Merge]) -> impl Fn(u64) -> u64 + '_ {
    let into: HashMap<u64, u64> = merges.iter().map(|m| (m.story, m.into)).collect();
    move |mut s| {
        let mut steps = 0;
        while let Some(next) = into.get(&s) {
            s = *next;
            steps += 1;
            if steps > merges.len() {
                break;
            }
        }
        s
    }
}

/// One story (or the whole store) read in full: documents with records,
/// actors and timeline.
pub struct Loaded {
    /// The story's number, or `None` for the whole store.
    pub story: Option<u64>,
    /// Its documents with their records, in publication order.
    pub docs: Vec<(StoryDocument, Record)>,
    /// The actors of those documents.
    pub actors: Actors,
    /// Their timeline.
    pub timeline: Vec<Entry>,
}

/// Why a story cannot be shown.
#[derive(Debug, thiserror::Error)]
pub enum ViewError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// No story with that number.
    #[error("no story {0} in {1} ('storyline stories' lists them)")]
    NoStory(u64, String),
}

/// The story a number names now (following merges), or an error.
pub fn resolve_story(store: &dyn Store, story: u64) -> Result<u64, ViewError> {
    let ledger = store.story_ledger()?;
    let merges: Vec<storyline_store::Merge> = ledger.merges.iter().map(|(m, _)| *m).collect();
    let resolved = resolver(&merges)(story);
    if ledger
        .members
        .iter()
        .any(|m| resolver(&merges)(m.story) == resolved)
    {
        Ok(resolved)
    } else {
        Err(ViewError::NoStory(story, store.location().to_string()))
    }
}

/// Reads a story's documents (or every document, for `None`) with their
/// records, and builds its actors and timeline.
pub fn load(store: &dyn Store, story: Option<u64>) -> Result<Loaded, ViewError> {
    let mut docs = store.story_documents()?;
    if let Some(s) = story {
        let ledger = store.story_ledger()?;
        let merges: Vec<storyline_store::Merge> = ledger.merges.iter().map(|(m, _)| *m).collect();
        let resolve = resolver(&merges);
        let members: std::collections::HashSet<&str> = ledger
            .members
            .iter()
            .filter(|m| resolve(m.story) == s)
            .map(|m| m.doc.as_str())
            .collect();
        if members.is_empty() {
            return Err(ViewError::NoStory(s, store.location().to_string()));
        }
        docs.retain(|d| members.contains(d.id.as_str()));
    }
    let docs = docs
        .into_iter()
        .map(|d| {
            let record = store.record(&d.id, d.version)?;
            Ok((d, record))
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let actors = actors::resolve(&docs);
    let timeline = timeline::build(&docs, &actors);
    Ok(Loaded {
        story,
        docs,
        actors,
        timeline,
    })
}

/// The actors of a loaded story, for listing.
pub fn actor_list(loaded: &Loaded) -> &[Actor] {
    &loaded.actors.list
}
