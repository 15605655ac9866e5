//! The story index over a store: replayed from the memberships the store
//! keeps, extended as documents arrive, rebuilt from scratch on request.

use std::collections::HashMap;

use storyline_store::{Membership, Merge, Store, StoreError, StoryDocument, StoryLedger};

use crate::cluster::{Clusterer, Decision};
use crate::features::DocFeatures;
use crate::model::Model;

/// A document on its way into a story.
#[derive(Debug, Clone)]
pub struct Arrival {
    /// The document's id in the store.
    pub id: String,
    /// The original it copies, when it is a near-duplicate: it joins that
    /// original's story.
    pub copy_of: Option<String>,
    /// Its features.
    pub features: DocFeatures,
}

/// Where a document went.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The document's id.
    pub id: String,
    /// The story it joined.
    pub story: u64,
    /// Whether it started that story.
    pub new: bool,
    /// A story merged into it on this document's arrival.
    pub merged: Option<u64>,
}

/// The clusterer with the store's memberships replayed into it.
pub struct StoryIndex {
    clusterer: Clusterer,
    story_of: HashMap<String, u64>,
}

impl StoryIndex {
    /// Replays the store's memberships and merges, in their order.
    pub fn load(store: &dyn Store, model: Model) -> Result<StoryIndex, StoreError> {
        let ledger = store.story_ledger()?;
        let mut index = StoryIndex {
            clusterer: Clusterer::new(model),
            story_of: HashMap::new(),
        };
        let mut merges = ledger.merges.iter().peekable();
        for (i, m) in ledger.members.iter().enumerate() {
            while let Some((merge, _)) = merges.next_if(|(_, before)| *before as usize <= i) {
                index.clusterer.merge(merge.story, merge.into);
            }
            let features = DocFeatures::from_bytes(&m.features).unwrap_or_default();
            index.clusterer.add(&features, m.story);
            index.story_of.insert(m.doc.clone(), m.story);
        }
        for (merge, _) in merges {
            index.clusterer.merge(merge.story, merge.into);
        }
        Ok(index)
    }

    /// Whether a document already has a story.
    pub fn has(&self, id: &str) -> bool {
        self.story_of.contains_key(id)
    }

    /// The story a document is in (after merges).
    pub fn story_of(&self, id: &str) -> Option<u64> {
        self.story_of.get(id).map(|s| self.clusterer.resolve(*s))
    }

    /// Places documents (in the order given, which should be publication
    /// order) and writes their memberships in one transaction.
    pub fn place(
        &mut self,
        store: &mut dyn Store,
        arrivals: &[Arrival],
    ) -> Result<Vec<Placed>, StoreError> {
        let (members, merges, placed) = self.decide(arrivals);
        store.add_to_stories(&members, &merges)?;
        Ok(placed)
    }

    fn decide(&mut self, arrivals: &[Arrival]) -> (Vec<Membership>, Vec<Merge>, Vec<Placed>) {
        let mut members = Vec::with_capacity(arrivals.len());
        let mut merges = Vec::new();
        let mut placed = Vec::with_capacity(arrivals.len());
        for a in arrivals {
            let original = a.copy_of.as_deref().and_then(|o| self.story_of(o));
            let decision = match original {
                Some(story) => {
                    self.clusterer.add(&a.features, story);
                    Decision {
                        story,
                        probability: 1.0,
                        new: false,
                        merged: None,
                    }
                }
                None => self.clusterer.assign(&a.features),
            };
            if let Some(from) = decision.merged {
                merges.push(Merge {
                    story: from,
                    into: decision.story,
                });
            }
            self.story_of.insert(a.id.clone(), decision.story);
            members.push(Membership {
                doc: a.id.clone(),
                story: decision.story,
                score: decision.probability,
                features: a.features.to_bytes(),
            });
            placed.push(Placed {
                id: a.id.clone(),
                story: decision.story,
                new: decision.new,
                merged: decision.merged,
            });
        }
        (members, merges, placed)
    }

    /// Places every stored document that has no story yet (after an
    /// interrupted ingest, or a database stored before stories existed).
    pub fn catch_up(&mut self, store: &mut dyn Store) -> Result<usize, StoreError> {
        let pending: Vec<StoryDocument> = store
            .story_documents()?
            .into_iter()
            .filter(|d| !self.has(&d.id))
            .collect();
        let mut done = 0;
        for chunk in pending.chunks(256) {
            let arrivals = chunk
                .iter()
                .map(|d| arrival(store, d, None))
                .collect::<Result<Vec<_>, _>>()?;
            done += self.place(store, &arrivals)?.len();
        }
        Ok(done)
    }
}

/// A stored document as an arrival: features kept from an earlier
/// assignment when there are some, else computed from its record.
pub fn arrival(
    store: &dyn Store,
    doc: &StoryDocument,
    kept: Option<&[u8]>,
) -> Result<Arrival, StoreError> {
    let features = match kept.and_then(DocFeatures::from_bytes) {
        Some(f) => f,
        None => {
            let record = store.record(&doc.id, doc.version)?;
            DocFeatures::of(&record, doc.published.as_deref())
        }
    };
    Ok(Arrival {
        id: doc.id.clone(),
        copy_of: doc.copy_of.clone(),
        features,
    })
}

/// What a rebuild did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Rebuilt {
    /// Documents placed.
    pub documents: usize,
    /// Stories formed (merged ones not counted).
    pub stories: usize,
    /// Merges made.
    pub merges: usize,
}

/// Re-clusters the whole store from scratch, in publication order (then
/// storage order): the same store always gives the same stories.
pub fn rebuild(store: &mut dyn Store, model: Model) -> Result<Rebuilt, StoreError> {
    let docs = store.story_documents()?;
    let kept: HashMap<String, Vec<u8>> = store
        .story_ledger()?
        .members
        .into_iter()
        .map(|m| (m.doc, m.features))
        .collect();
    let arrivals = docs
        .iter()
        .map(|d| arrival(store, d, kept.get(&d.id).map(Vec::as_slice)))
        .collect::<Result<Vec<_>, _>>()?;
    let mut index = StoryIndex {
        clusterer: Clusterer::new(model),
        story_of: HashMap::new(),
    };
    let mut ledger = StoryLedger::default();
    for a in &arrivals {
        let (members, merges, _) = index.decide(std::slice::from_ref(a));
        for m in merges {
            ledger.merges.push((m, ledger.members.len() as u64));
        }
        ledger.members.extend(members);
    }
    store.replace_stories(&ledger)?;
    let mut stories: Vec<u64> = index
        .story_of
        .values()
        .map(|s| index.clusterer.resolve(*s))
        .collect();
    stories.sort_unstable();
    stories.dedup();
    Ok(Rebuilt {
        documents: arrivals.len(),
        stories: stories.len(),
        merges: ledger.merges.len(),
    })
}
