//! The averaged perceptron (Collins 2002) over hashed sparse features: the
//! learning core shared by the tagger, the parser and the entity recogniser.
//!
//! Each feature owns one row of `n_classes` weights. Training keeps, per
//! weight, the running total and the time of its last change, so averaging
//! costs nothing per update (the "lazy" trick of early spaCy).

use std::collections::HashMap;

use crate::codec::{ByteReader, ByteWriter};
use crate::error::ModelError;
use crate::features::{Feature, PassThrough};

type Index = HashMap<Feature, u32, PassThrough>;

/// A perceptron being trained.
#[derive(Debug, Clone)]
pub struct Trainer {
    n_classes: usize,
    index: Index,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    instances: u32,
}

impl Trainer {
    /// A trainer for `n_classes` classes with no features yet.
    pub fn new(n_classes: usize) -> Self {
        Trainer {
            n_classes,
            index: Index::default(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            instances: 0,
        }
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Adds the scores of `features` to `scores` (length `n_classes`).
    pub fn score_into(&self, features: &[Feature], scores: &mut [f32]) {
        for f in features {
            if let Some(&row) = self.index.get(f) {
                let start = row as usize * self.n_classes;
                let weights = &self.weights[start..start + self.n_classes];
                for (s, w) in scores.iter_mut().zip(weights) {
                    *s += w;
                }
            }
        }
    }

    /// The best-scoring class.
    pub fn predict(&self, features: &[Feature]) -> usize {
        let mut scores = vec![0.0; self.n_classes];
        self.score_into(features, &mut scores);
        argmax(&scores)
    }

    /// Counts one training instance; call once per prediction made in
    /// training, whether or not it was right, so averages are correct.
    pub fn tick(&mut self) {
        self.instances += 1;
    }

    /// Moves the weights of `features` for `class` by `delta`.
    pub fn update(&mut self, features: &[Feature], class: usize, delta: f32) {
        for &f in features {
            let row = self.row(f);
            let i = row * self.n_classes + class;
            let elapsed = self.instances - self.stamps[i];
            self.totals[i] += f64::from(elapsed) * f64::from(self.weights[i]);
            self.stamps[i] = self.instances;
            self.weights[i] += delta;
        }
    }

    /// The standard perceptron step: reward `truth`, penalise `guess`.
    pub fn learn(&mut self, features: &[Feature], truth: usize, guess: usize) {
        if truth != guess {
            self.update(features, truth, 1.0);
            self.update(features, guess, -1.0);
        }
    }

    fn row(&mut self, f: Feature) -> usize {
        let next = self.index.len() as u32;
        let row = *self.index.entry(f).or_insert(next) as usize;
        if row == next as usize {
            let len = self.weights.len() + self.n_classes;
            self.weights.resize(len, 0.0);
            self.totals.resize(len, 0.0);
            self.stamps.resize(len, 0);
        }
        row
    }

    /// The averaged weights, dropping features whose largest absolute
    /// averaged weight is below `prune` (0 keeps every non-zero row).
    pub fn average(&self, prune: f32) -> Model {
        let n = self.n_classes;
        let instances = f64::from(self.instances.max(1));
        let mut index = Index::default();
        let mut weights = Vec::new();
        let mut rows: Vec<(Feature, u32)> = self.index.iter().map(|(&f, &r)| (f, r)).collect();
        rows.sort_unstable();
        let mut averaged = vec![0.0f32; n];
        for (feature, row) in rows {
            let start = row as usize * n;
            let mut max = 0.0f32;
            for (c, avg) in averaged.iter_mut().enumerate() {
                let i = start + c;
                let elapsed = f64::from(self.instances - self.stamps[i]);
                let total = self.totals[i] + elapsed * f64::from(self.weights[i]);
                *avg = (total / instances) as f32;
                max = max.max(avg.abs());
            }
            if max > 0.0 && max >= prune {
                index.insert(feature, (weights.len() / n) as u32);
                weights.extend_from_slice(&averaged);
            }
        }
        Model::quantise(n, index, &weights)
    }
}

/// A trained (averaged, frozen) perceptron.
///
/// Weights are kept as 16-bit integers with one scale per model, in memory
/// as in the file: half the memory of `f32`, and the rounding is far below
/// what changes a decision. Features live in an open-addressing table
/// (linear probing, at most 3/4 full); with at most four classes the
/// weights sit in the table slot itself, so a lookup touches one cache
/// line (the parser's move classifier), otherwise the slot holds the row.
/// Scores are summed as integers and scaled once.
#[derive(Debug, Clone, Default)]
pub struct Model {
    n_classes: usize,
    n_features: usize,
    table: Table,
    scale: f32,
}

/// Classes whose weights are stored inline in the table.
const INLINE: usize = 4;
/// Stands in for the (astronomically unlikely) feature key 0, which marks
/// an empty slot.
const KEY_ZERO: u64 = 0x8000_0000_0000_0001;

#[derive(Debug, Clone, Copy, Default)]
struct RowSlot {
    key: u64,
    row: u32,
}

#[derive(Debug, Clone)]
enum Table {
    /// Few classes: a SwissTable (one probe of its control bytes answers
    /// most misses) with the weights in the bucket.
    Inline(HashMap<Feature, [i16; INLINE], PassThrough>),
    Rows {
        slots: Vec<RowSlot>,
        weights: Vec<i16>,
    },
}

impl Default for Table {
    fn default() -> Self {
        Table::Rows {
            slots: vec![RowSlot::default()],
            weights: Vec::new(),
        }
    }
}

#[inline]
fn slot_key(f: Feature) -> u64 {
    if f == 0 { KEY_ZERO } else { f }
}

/// Table size for `n` features: a power of two, at most 3/4 full.
fn capacity(n: usize) -> usize {
    (n + n / 3 + 1).next_power_of_two()
}

/// The slot of `key` (or the empty slot where it would go).
#[inline]
fn probe<T>(slots: &[T], key: u64, key_of: impl Fn(&T) -> u64) -> usize {
    let mask = slots.len() - 1;
    let mut i = key as usize & mask;
    loop {
        let k = key_of(&slots[i]);
        if k == key || k == 0 {
            return i;
        }
        i = (i + 1) & mask;
    }
}

impl Model {
    /// Builds the table from features in row order and their weight rows.
    fn from_rows(n_classes: usize, features: &[Feature], weights: &[i16], scale: f32) -> Model {
        let table = if n_classes <= INLINE {
            let mut map = HashMap::with_capacity_and_hasher(features.len(), PassThrough);
            for (row, &f) in features.iter().enumerate() {
                let mut w = [0i16; INLINE];
                w[..n_classes].copy_from_slice(&weights[row * n_classes..(row + 1) * n_classes]);
                map.insert(f, w);
            }
            Table::Inline(map)
        } else {
            let mut slots = vec![RowSlot::default(); capacity(features.len())];
            for (row, &f) in features.iter().enumerate() {
                let key = slot_key(f);
                let i = probe(&slots, key, |s| s.key);
                slots[i] = RowSlot {
                    key,
                    row: row as u32,
                };
            }
            Table::Rows {
                slots,
                weights: weights.to_vec(),
            }
        };
        Model {
            n_classes,
            n_features: features.len(),
            table,
            scale,
        }
    }

    fn quantise(n_classes: usize, index: Index, weights: &[f32]) -> Model {
        let max = weights.iter().fold(0.0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut features = vec![0; index.len()];
        for (&f, &row) in &index {
            features[row as usize] = f;
        }
        let weights: Vec<i16> = weights
            .iter()
            .map(|&x| (x / scale).round() as i16)
            .collect();
        Model::from_rows(n_classes, &features, &weights, scale)
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of features with weights.
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Adds the scores of `features` to `scores` (length `n_classes`).
    #[inline]
    pub fn score_into(&self, features: &[Feature], scores: &mut [f32]) {
        let n = self.n_classes;
        match &self.table {
            Table::Inline(map) => {
                let mut acc = [0i32; INLINE];
                for f in features {
                    if let Some(ws) = map.get(f) {
                        for (a, &w) in acc.iter_mut().zip(ws) {
                            *a += i32::from(w);
                        }
                    }
                }
                for (s, &a) in scores.iter_mut().zip(&acc[..n]) {
                    *s += a as f32 * self.scale;
                }
            }
            Table::Rows { slots, weights } => {
                let mut stack = [0i32; 256];
                let mut heap = Vec::new();
                let acc: &mut [i32] = if n <= stack.len() {
                    &mut stack[..n]
                } else {
                    heap.resize(n, 0);
                    &mut heap
                };
                for &f in features {
                    let key = slot_key(f);
                    let s = &slots[probe(slots, key, |s| s.key)];
                    if s.key == key {
                        let start = s.row as usize * n;
                        for (a, &w) in acc.iter_mut().zip(&weights[start..start + n]) {
                            *a += i32::from(w);
                        }
                    }
                }
                for (s, &a) in scores.iter_mut().zip(acc.iter()) {
                    *s += a as f32 * self.scale;
                }
            }
        }
    }

    /// The best-scoring class.
    pub fn predict(&self, features: &[Feature]) -> usize {
        let mut scores = vec![0.0; self.n_classes];
        self.score_into(features, &mut scores);
        argmax(&scores)
    }

    /// The model without the features whose largest absolute weight is
    /// below `min` (a cheaper stand-in for training with a higher prune).
    pub fn pruned(&self, min: f32) -> Model {
        let n = self.n_classes;
        let mut rows = self.rows();
        rows.sort_unstable_by_key(|&(f, _)| f);
        let mut features = Vec::new();
        let mut weights = Vec::new();
        for (f, row) in rows {
            let max = row.iter().map(|&w| f32::from(w).abs()).fold(0.0, f32::max);
            if max * self.scale >= min {
                features.push(f);
                weights.extend_from_slice(row);
            }
        }
        Model::from_rows(n, &features, &weights, self.scale)
    }

    /// Every feature with its weight row.
    fn rows(&self) -> Vec<(Feature, &[i16])> {
        let n = self.n_classes;
        let unkey = |k: u64| if k == KEY_ZERO { 0 } else { k };
        match &self.table {
            Table::Inline(map) => map.iter().map(|(&f, w)| (f, &w[..n])).collect(),
            Table::Rows { slots, weights } => slots
                .iter()
                .filter(|s| s.key != 0)
                .map(|s| {
                    let start = s.row as usize * n;
                    (unkey(s.key), &weights[start..start + n])
                })
                .collect(),
        }
    }

    /// Serialises the weights (rows sorted by feature, so equal models give
    /// equal files).
    pub fn write(&self, w: &mut ByteWriter) {
        w.u32(self.n_classes as u32);
        w.u32(self.n_features as u32);
        w.f32(self.scale);
        let mut rows = self.rows();
        rows.sort_unstable_by_key(|&(f, _)| f);
        for &(feature, _) in &rows {
            w.u64(feature);
        }
        for &(_, row) in &rows {
            for &x in row {
                w.i16(x);
            }
        }
    }

    /// Reads weights written by [`Model::write`].
    pub fn read(r: &mut ByteReader<'_>) -> Result<Model, ModelError> {
        let n_classes = r.u32()? as usize;
        if n_classes == 0 {
            return Err(ModelError::Corrupt("model with no classes".into()));
        }
        let n_rows = r.len(8 + 2 * n_classes)?;
        let scale = r.f32()?;
        let mut features = Vec::with_capacity(n_rows);
        for _ in 0..n_rows {
            features.push(r.u64()?);
        }
        let weights: Vec<i16> = r
            .bytes(n_rows * n_classes * 2)?
            .chunks_exact(2)
            .map(|b| i16::from_le_bytes([b[0], b[1]]))
            .collect();
        Ok(Model::from_rows(n_classes, &features, &weights, scale))
    }
}

/// Index of the largest score (the first on ties, so results are stable).
pub fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// A deterministic pseudo-random generator (SplitMix64) for shuffling
/// training data: the same seed always gives the same model.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    /// The next pseudo-random number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        crate::features::mix(self.0)
    }
    /// Shuffles `items` in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::{ByteReader, ByteWriter};
    use crate::features::FeatureHasher;

    fn feats(x: &str) -> Vec<Feature> {
        vec![
            FeatureHasher::new(0).str(x).finish(),
            FeatureHasher::new(1).str(&x[..1]).finish(),
            FeatureHasher::new(9).finish(),
        ]
    }

    /// Class = whether the word starts with a vowel: linearly separable
    /// through the first-letter feature.
    #[test]
    fn learns_a_separable_problem() {
        let words = [
            "apple", "egg", "ice", "orange", "umbrella", "bat", "cat", "dog", "fish", "goat",
        ];
        let label = |w: &str| usize::from("aeiou".contains(&w[..1]));
        let mut trainer = Trainer::new(2);
        let mut rng = Rng::new(1);
        let mut order: Vec<&str> = words.to_vec();
        for _ in 0..10 {
            rng.shuffle(&mut order);
            for w in &order {
                let f = feats(w);
                let guess = trainer.predict(&f);
                trainer.learn(&f, label(w), guess);
                trainer.tick();
            }
        }
        let model = trainer.average(0.0);
        for w in words {
            assert_eq!(model.predict(&feats(w)), label(w), "{w}");
        }
        // Unseen words with a seen first letter generalise.
        assert_eq!(model.predict(&feats("ant")), 1);
        assert_eq!(model.predict(&feats("bee")), 0);
    }

    #[test]
    fn save_load_round_trip_keeps_predictions() {
        let mut trainer = Trainer::new(3);
        for (i, w) in ["a", "b", "c", "a", "b", "c"].iter().enumerate() {
            let f = feats(w);
            let guess = trainer.predict(&f);
            trainer.learn(&f, i % 3, guess);
            trainer.tick();
        }
        let model = trainer.average(0.0);
        let mut w = ByteWriter::new();
        model.write(&mut w);
        let bytes = w.into_bytes();
        let loaded = Model::read(&mut ByteReader::new(&bytes)).unwrap();
        assert_eq!(loaded.n_features(), model.n_features());
        for w in ["a", "b", "c"] {
            assert_eq!(loaded.predict(&feats(w)), model.predict(&feats(w)));
        }
        assert!(Model::read(&mut ByteReader::new(&bytes[..bytes.len() / 2])).is_err());
    }

    #[test]
    fn shuffling_is_deterministic() {
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        Rng::new(7).shuffle(&mut a);
        Rng::new(7).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..50).collect::<Vec<_>>());
    }
}
