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
/// what changes a decision.
#[derive(Debug, Clone, Default)]
pub struct Model {
    n_classes: usize,
    index: Index,
    weights: Vec<i16>,
    scale: f32,
}

impl Model {
    fn quantise(n_classes: usize, index: Index, weights: &[f32]) -> Model {
        let max = weights.iter().fold(0.0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        Model {
            n_classes,
            index,
            weights: weights
                .iter()
                .map(|&x| (x / scale).round() as i16)
                .collect(),
            scale,
        }
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of features with weights.
    pub fn n_features(&self) -> usize {
        self.index.len()
    }

    /// Adds the scores of `features` to `scores` (length `n_classes`).
    #[inline]
    pub fn score_into(&self, features: &[Feature], scores: &mut [f32]) {
        let n = self.n_classes;
        for f in features {
            if let Some(&row) = self.index.get(f) {
                let start = row as usize * n;
                for (s, &w) in scores.iter_mut().zip(&self.weights[start..start + n]) {
                    *s += f32::from(w) * self.scale;
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

    /// Serialises the weights (rows sorted by feature, so equal models give
    /// equal files).
    pub fn write(&self, w: &mut ByteWriter) {
        w.u32(self.n_classes as u32);
        w.u32(self.index.len() as u32);
        w.f32(self.scale);
        let mut rows: Vec<(Feature, u32)> = self.index.iter().map(|(&f, &r)| (f, r)).collect();
        rows.sort_unstable();
        for &(feature, _) in &rows {
            w.u64(feature);
        }
        for &(_, row) in &rows {
            let start = row as usize * self.n_classes;
            for &x in &self.weights[start..start + self.n_classes] {
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
        let mut index = Index::with_capacity_and_hasher(n_rows, PassThrough);
        for row in 0..n_rows {
            index.insert(r.u64()?, row as u32);
        }
        let weights = r
            .bytes(n_rows * n_classes * 2)?
            .chunks_exact(2)
            .map(|b| i16::from_le_bytes([b[0], b[1]]))
            .collect();
        Ok(Model {
            n_classes,
            index,
            weights,
            scale,
        })
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
