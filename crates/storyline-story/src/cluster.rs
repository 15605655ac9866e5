//! Online story assignment (in the spirit of Miranda et al. 2018, "Multilingual
//! clustering of streaming news"): each document, in arrival order, joins
//! the most probable existing story or starts a new one.
//!
//! A story is a running centroid of its documents' term counts (headline and
//! lead, whole text), entity counts and publication days. Similarity uses
//! IDF weights from every document seen so far. Candidate stories come from
//! an inverted index of entity keys and each document's most specific
//! terms, reading only the newest stories of each posting list, so the cost
//! per document does not grow with the number of stories.

use std::collections::HashMap;

use crate::features::DocFeatures;
use crate::model::{Model, N_FEATURES};

/// Postings read per key (the newest stories holding it).
const POSTINGS_READ: usize = 12;
/// Candidate stories scored per document (those sharing the most keys).
const MAX_CANDIDATES: usize = 40;
/// Terms of a document (by TF-IDF) that go into the inverted index.
const INDEX_TERMS: usize = 12;
/// Terms kept in a story's body centroid (and in its lead, entity and
/// date centroids): a story's cost per comparison stays bounded however
/// many documents it has.
const CENTROID_TERMS: usize = 400;
const CENTROID_LEAD: usize = 150;
const CENTROID_ENTITIES: usize = 150;
const CENTROID_DATES: usize = 60;
/// Two candidate stories both this probable for one document merge.
const MERGE_PROBABILITY: f64 = 0.95;
/// … when their own body centroids are at least this similar.
const MERGE_COSINE: f64 = 0.5;
/// Days over which time proximity decays (newest date; mean date).
const DECAY_NEWEST: f64 = 3.0;
const DECAY_MEAN: f64 = 14.0;

// A fixed hasher: the same insertions give the same iteration order, so
// sums (and so every decision) are the same on every run.
type Vector =
    HashMap<u32, f32, std::hash::BuildHasherDefault<std::collections::hash_map::DefaultHasher>>;

#[derive(Debug, Clone, Default)]
struct StoryState {
    lead: Vector,
    body: Vector,
    entities: Vector,
    dates: Vector,
    keys: std::collections::HashSet<u32>,
    size: u32,
    newest: Option<i32>,
    day_sum: f64,
    dated: u32,
}

/// What the assignment decided for one document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decision {
    /// The story joined (numbered from 1).
    pub story: u64,
    /// The join probability (1 for a new story).
    pub probability: f64,
    /// Whether the document started the story.
    pub new: bool,
    /// A story merged into `story` because of this document.
    pub merged: Option<u64>,
}

/// One candidate story with its features, for training.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The story's number.
    pub story: u64,
    /// Its similarity features with the document.
    pub x: [f64; N_FEATURES],
}

/// The online clusterer.
#[derive(Debug, Clone)]
pub struct Clusterer {
    model: Model,
    vocab: HashMap<String, u32>,
    df: Vec<u32>,
    documents: u32,
    stories: Vec<StoryState>,
    parent: Vec<u32>,
    postings: HashMap<u32, Vec<u32>>,
}

/// A document's features with ids in the clusterer's vocabulary.
struct Encoded {
    lead: Vec<(u32, f32)>,
    body: Vec<(u32, f32)>,
    entities: Vec<(u32, f32)>,
    dates: Vec<(u32, f32)>,
    day: Option<i32>,
}

impl Clusterer {
    /// An empty clusterer deciding with `model`.
    pub fn new(model: Model) -> Clusterer {
        Clusterer {
            model,
            vocab: HashMap::new(),
            df: Vec::new(),
            documents: 0,
            stories: Vec::new(),
            parent: Vec::new(),
            postings: HashMap::new(),
        }
    }

    /// Number of stories started (merged ones included).
    pub fn stories(&self) -> usize {
        self.stories.len()
    }

    /// The story a (possibly merged) story number now belongs to.
    pub fn resolve(&self, story: u64) -> u64 {
        let mut s = story as usize;
        if s == 0 || s > self.parent.len() {
            return story;
        }
        while self.parent[s - 1] as usize != s {
            s = self.parent[s - 1] as usize;
        }
        s as u64
    }

    /// Decides the document's story and adds it there.
    pub fn assign(&mut self, features: &DocFeatures) -> Decision {
        let doc = self.encode(features);
        let scored: Vec<(u64, f64)> = self
            .candidates_of(&doc)
            .into_iter()
            .map(|c| (c.story, self.model.probability(&c.x)))
            .collect();
        let best = scored
            .iter()
            .copied()
            .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)));
        let decision = match best {
            Some((story, p)) if p >= self.model.threshold => {
                let merged = scored
                    .iter()
                    .filter(|(s, q)| {
                        *s != story && *q >= MERGE_PROBABILITY && p >= MERGE_PROBABILITY
                    })
                    .map(|(s, _)| *s)
                    .find(|s| self.centroid_cosine(story, *s) >= MERGE_COSINE);
                Decision {
                    story,
                    probability: p,
                    new: false,
                    merged,
                }
            }
            _ => Decision {
                story: self.stories.len() as u64 + 1,
                probability: 1.0,
                new: true,
                merged: None,
            },
        };
        self.add_encoded(&doc, decision.story);
        if let Some(other) = decision.merged {
            self.merge(other, decision.story);
        }
        decision
    }

    /// The candidate stories of a document with their features, without
    /// adding it anywhere (for training on gold stories).
    pub fn candidates(&mut self, features: &DocFeatures) -> Vec<Candidate> {
        let doc = self.encode(features);
        self.candidates_of(&doc)
    }

    /// Adds a document to a given story (numbered from 1; the next unused
    /// number starts a new story). Used to replay stored assignments and to
    /// train on gold stories.
    pub fn add(&mut self, features: &DocFeatures, story: u64) {
        let doc = self.encode(features);
        self.add_encoded(&doc, story);
    }

    /// Merges story `from` into story `into`.
    pub fn merge(&mut self, from: u64, into: u64) {
        let (from, into) = (self.resolve(from), self.resolve(into));
        if from == into || from == 0 || into == 0 {
            return;
        }
        let (f, i) = (from as usize - 1, into as usize - 1);
        if f >= self.stories.len() || i >= self.stories.len() {
            return;
        }
        let taken = std::mem::take(&mut self.stories[f]);
        let target = &mut self.stories[i];
        for (k, v) in taken.lead {
            *target.lead.entry(k).or_insert(0.0) += v;
        }
        for (k, v) in taken.body {
            *target.body.entry(k).or_insert(0.0) += v;
        }
        prune(&mut target.body, CENTROID_TERMS);
        for (k, v) in taken.entities {
            *target.entities.entry(k).or_insert(0.0) += v;
        }
        for (k, v) in taken.dates {
            *target.dates.entry(k).or_insert(0.0) += v;
        }
        prune(&mut target.lead, CENTROID_LEAD);
        prune(&mut target.entities, CENTROID_ENTITIES);
        prune(&mut target.dates, CENTROID_DATES);
        target.size += taken.size;
        target.newest = target.newest.max(taken.newest);
        target.day_sum += taken.day_sum;
        target.dated += taken.dated;
        for k in taken.keys {
            if target.keys.insert(k) {
                self.postings.entry(k).or_default().push(into as u32);
            }
        }
        self.parent[f] = into as u32;
    }

    fn encode(&mut self, f: &DocFeatures) -> Encoded {
        let mut ids = |terms: &[(String, f32)], prefix: &str| -> Vec<(u32, f32)> {
            terms
                .iter()
                .map(|(t, w)| (self.id_of(prefix, t), *w))
                .collect()
        };
        Encoded {
            lead: ids(&f.lead, "t:"),
            body: ids(&f.body, "t:"),
            entities: ids(&f.entities, "e:"),
            dates: ids(&f.dates, "d:"),
            day: f.day,
        }
    }

    fn id_of(&mut self, prefix: &str, term: &str) -> u32 {
        let key = format!("{prefix}{term}");
        if let Some(id) = self.vocab.get(&key) {
            return *id;
        }
        let id = self.df.len() as u32;
        self.vocab.insert(key, id);
        self.df.push(0);
        id
    }

    fn idf(&self, id: u32) -> f32 {
        let n = self.documents as f32 + 1.0;
        let df = self.df.get(id as usize).copied().unwrap_or(0) as f32;
        (n / (df + 1.0)).ln() + 1.0
    }

    /// The keys under which a document is indexed and looked up: its
    /// entities and its most specific terms.
    fn keys_of(&self, doc: &Encoded) -> Vec<u32> {
        let mut terms: Vec<(u32, f32)> = doc
            .body
            .iter()
            .map(|(id, tf)| (*id, tf * self.idf(*id)))
            .collect();
        terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        terms
            .into_iter()
            .take(INDEX_TERMS)
            .map(|(id, _)| id)
            .chain(doc.entities.iter().map(|(id, _)| *id))
            .collect()
    }

    fn candidates_of(&self, doc: &Encoded) -> Vec<Candidate> {
        let mut hits: HashMap<u32, u32> = HashMap::new();
        for key in self.keys_of(doc) {
            if let Some(list) = self.postings.get(&key) {
                for s in list.iter().rev().take(POSTINGS_READ) {
                    *hits.entry(self.resolve(*s as u64) as u32).or_insert(0) += 1;
                }
            }
        }
        let mut ranked: Vec<(u32, u32)> = hits.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        ranked.truncate(MAX_CANDIDATES);
        let lead = self.weighted(&doc.lead);
        let body = self.weighted(&doc.body);
        let entities = self.weighted(&doc.entities);
        let dates = self.weighted(&doc.dates);
        ranked
            .into_iter()
            .map(|(s, _)| Candidate {
                story: s as u64,
                x: self.features(
                    &self.stories[s as usize - 1],
                    doc,
                    [&lead, &body, &entities, &dates],
                ),
            })
            .collect()
    }

    fn weighted(&self, v: &[(u32, f32)]) -> (Vec<(u32, f32)>, f32) {
        let w: Vec<(u32, f32)> = v.iter().map(|(id, tf)| (*id, tf * self.idf(*id))).collect();
        let norm = w.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
        (w, norm)
    }

    fn cosine(&self, doc: &(Vec<(u32, f32)>, f32), story: &Vector) -> f64 {
        if doc.1 == 0.0 || story.is_empty() {
            return 0.0;
        }
        let dot: f32 = doc
            .0
            .iter()
            .filter_map(|(id, w)| story.get(id).map(|s| w * s * self.idf(*id)))
            .sum();
        let norm = story
            .iter()
            .map(|(id, s)| {
                let x = s * self.idf(*id);
                x * x
            })
            .sum::<f32>()
            .sqrt();
        if norm == 0.0 {
            0.0
        } else {
            (dot / (doc.1 * norm)) as f64
        }
    }

    fn features(
        &self,
        story: &StoryState,
        doc: &Encoded,
        [lead, body, entities, dates]: [&(Vec<(u32, f32)>, f32); 4],
    ) -> [f64; N_FEATURES] {
        let shared = doc
            .entities
            .iter()
            .filter(|(id, _)| story.entities.contains_key(id))
            .map(|(id, _)| self.idf(*id) as f64)
            .sum::<f64>();
        let (near_newest, near_mean, undated) = match (doc.day, story.newest) {
            (Some(d), Some(newest)) => {
                let mean = story.day_sum / story.dated.max(1) as f64;
                (
                    (-((d - newest).abs() as f64) / DECAY_NEWEST).exp(),
                    (-(d as f64 - mean).abs() / DECAY_MEAN).exp(),
                    0.0,
                )
            }
            _ => (0.0, 0.0, 1.0),
        };
        [
            1.0,
            self.cosine(lead, &story.lead),
            self.cosine(body, &story.body),
            self.cosine(entities, &story.entities),
            (1.0 + shared).ln() / 3.0,
            self.cosine(dates, &story.dates),
            near_newest,
            near_mean,
            undated,
            (1.0 + story.size as f64).ln() / 5.0,
        ]
    }

    fn centroid_cosine(&self, a: u64, b: u64) -> f64 {
        let (a, b) = (
            &self.stories[self.resolve(a) as usize - 1],
            &self.stories[self.resolve(b) as usize - 1],
        );
        let av: Vec<(u32, f32)> = a.body.iter().map(|(k, v)| (*k, v * self.idf(*k))).collect();
        let norm = av.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
        self.cosine(&(av, norm), &b.body)
    }

    fn add_encoded(&mut self, doc: &Encoded, story: u64) {
        let keys = self.keys_of(doc);
        self.documents += 1;
        for (id, _) in &doc.body {
            self.df[*id as usize] += 1;
        }
        for (id, _) in doc.entities.iter().chain(&doc.dates) {
            self.df[*id as usize] += 1;
        }
        let story = self.resolve(story);
        while self.stories.len() < story as usize {
            self.stories.push(StoryState::default());
            self.parent.push(self.stories.len() as u32);
        }
        let s = &mut self.stories[story as usize - 1];
        for (k, v) in &doc.lead {
            *s.lead.entry(*k).or_insert(0.0) += v;
        }
        for (k, v) in &doc.body {
            *s.body.entry(*k).or_insert(0.0) += v;
        }
        prune(&mut s.body, CENTROID_TERMS);
        for (k, v) in &doc.entities {
            *s.entities.entry(*k).or_insert(0.0) += v;
        }
        for (k, v) in &doc.dates {
            *s.dates.entry(*k).or_insert(0.0) += v;
        }
        prune(&mut s.lead, CENTROID_LEAD);
        prune(&mut s.entities, CENTROID_ENTITIES);
        prune(&mut s.dates, CENTROID_DATES);
        s.size += 1;
        if let Some(d) = doc.day {
            s.newest = Some(s.newest.map_or(d, |n| n.max(d)));
            s.day_sum += d as f64;
            s.dated += 1;
        }
        for k in keys {
            if s.keys.insert(k) {
                self.postings.entry(k).or_default().push(story as u32);
            }
        }
    }
}

/// Keeps a centroid to its `keep` heaviest terms once it is twice that.
fn prune(v: &mut Vector, keep: usize) {
    if v.len() <= 2 * keep {
        return;
    }
    let mut all: Vec<(u32, f32)> = std::mem::take(v).into_iter().collect();
    all.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    all.truncate(keep);
    v.extend(all);
}
