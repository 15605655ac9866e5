//! The join-or-new decision: a logistic model over the similarity of a
//! document and a candidate story, trained by `storyline train stories`.

use serde::{Deserialize, Serialize};

/// The similarity features, in the order of [`Model::weights`].
pub const FEATURES: &[&str] = &[
    "bias",
    "cos_lead",
    "cos_body",
    "cos_entities",
    "shared_entities",
    "cos_dates",
    "near_newest",
    "near_mean",
    "undated",
    "size",
];

/// Number of features.
pub const N_FEATURES: usize = 10;

/// The model shipped with Storyline (trained on ECB+ topics 1–22).
const SHIPPED: &str = include_str!("../../../models/stories.json");

/// Logistic weights over [`FEATURES`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// Names of the features, as a check against a mismatched file.
    pub features: Vec<String>,
    /// One weight per feature.
    pub weights: Vec<f64>,
    /// A document joins its most probable story when the probability is
    /// at least this (chosen on the training stream).
    #[serde(default = "half")]
    pub threshold: f64,
    /// Where the model was trained, for the record.
    pub trained_on: String,
}

fn half() -> f64 {
    0.5
}

impl Model {
    /// The shipped model.
    pub fn shipped() -> Model {
        Model::from_json(SHIPPED).unwrap_or_else(|_| Model::untrained())
    }

    /// A model read from JSON, checked against this build's features.
    pub fn from_json(json: &str) -> Result<Model, String> {
        let model: Model = serde_json::from_str(json).map_err(|e| e.to_string())?;
        if model.features != FEATURES || model.weights.len() != N_FEATURES {
            return Err(format!(
                "the model's features ({}) are not this build's ({})",
                model.features.join(", "),
                FEATURES.join(", ")
            ));
        }
        Ok(model)
    }

    /// Reasonable hand-set weights, used only before any training.
    pub fn untrained() -> Model {
        Model {
            features: FEATURES.iter().map(|s| s.to_string()).collect(),
            weights: vec![-3.0, 2.0, 6.0, 2.0, 0.5, 1.0, 1.0, 0.5, 0.0, 0.0],
            threshold: 0.5,
            trained_on: "untrained".into(),
        }
    }

    /// The probability that the document belongs to the story.
    pub fn probability(&self, x: &[f64; N_FEATURES]) -> f64 {
        let z: f64 = self.weights.iter().zip(x).map(|(w, v)| w * v).sum();
        1.0 / (1.0 + (-z).exp())
    }

    /// Fits weights by L2-regularised logistic regression (full-batch
    /// gradient descent; deterministic).
    pub fn fit(examples: &[([f64; N_FEATURES], bool)], trained_on: &str) -> Model {
        let mut w = [0.0f64; N_FEATURES];
        let positives = examples.iter().filter(|e| e.1).count().max(1) as f64;
        let negatives = examples.iter().filter(|e| !e.1).count().max(1) as f64;
        // Classes weighted equally: a stream has far more wrong candidates
        // than right ones, and the decision must not just say "new".
        let (wp, wn) = if std::env::var_os("STORYLINE_BALANCED").is_some() {
            (0.5 / positives, 0.5 / negatives)
        } else {
            let n = positives + negatives;
            (1.0 / n, 1.0 / n)
        };
        let lambda = 1e-3;
        let mut rate = 2.0;
        for epoch in 0..3000 {
            let mut grad = [0.0f64; N_FEATURES];
            for (x, y) in examples {
                let z: f64 = w.iter().zip(x).map(|(a, b)| a * b).sum();
                let p = 1.0 / (1.0 + (-z).exp());
                let (err, weight) = if *y { (p - 1.0, wp) } else { (p, wn) };
                for (g, v) in grad.iter_mut().zip(x) {
                    *g += weight * err * v;
                }
            }
            for (i, (wi, g)) in w.iter_mut().zip(grad).enumerate() {
                let reg = if i == 0 { 0.0 } else { lambda * *wi };
                *wi -= rate * (g + reg);
            }
            if epoch % 1000 == 999 {
                rate *= 0.5;
            }
        }
        Model {
            features: FEATURES.iter().map(|s| s.to_string()).collect(),
            weights: w.to_vec(),
            threshold: 0.5,
            trained_on: trained_on.into(),
        }
    }
}
