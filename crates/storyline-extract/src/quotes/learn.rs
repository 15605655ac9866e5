//! Training the cue classifier ([`super::cue_model`]) on PolNeAR train.
//!
//! Every cue candidate (a content word with a frame that gives a content)
//! is one instance. It is positive when it heads a gold cue span *and* the
//! content its frame yields matches that relation's content (Jaccard ≥ 0.5,
//! the evaluation's own criterion): a right cue whose content comes out
//! wrong would only add a false positive to the miss, so the classifier is
//! taught to fire where the whole attribution will be right.

use std::path::Path;

use rayon::prelude::*;
use storyline_nlp::features::Feature;
use storyline_nlp::perceptron::{Rng, Trainer};

use super::cue_model::{self, CUE, CueModel};
use super::cues::{self, Frame};
use super::eval::{AttributionEvalError, jaccard};
use super::polnear::{self, GoldRelation};
use super::{content, marks, spans, speaker, tree::Tree};
use crate::analysis::Analysis;
use crate::pipeline::Pipeline;

/// Training passes over the instances.
pub const EPOCHS: usize = 4;

/// One cue candidate with its features and gold labels.
#[derive(Debug, Clone)]
pub struct Instance {
    /// The candidate's features.
    pub features: Vec<Feature>,
    /// The candidate's token.
    pub token: usize,
    /// The candidate's frame.
    pub frame: Frame,
    /// Heads a gold cue span.
    pub cue: bool,
    /// Heads a gold cue span and one of its content candidates matches
    /// the gold content.
    pub matched: bool,
    /// The content candidates.
    pub contents: Vec<spans::Candidate>,
    /// Ranking features of each content candidate.
    pub candidates: Vec<Vec<Feature>>,
    /// Whether each candidate matches the content of a relation this
    /// candidate cue heads.
    pub right: Vec<bool>,
}

/// Trains the shipped cue classifier on `DIR` (PolNeAR train; never dev).
/// Deterministic for a given `seed`.
pub fn train_cue_model(
    dir: &Path,
    pipeline: &Pipeline,
    seed: u64,
) -> Result<CueModel, AttributionEvalError> {
    let texts = polnear::read_dir(dir)?;
    if texts.is_empty() {
        return Err(AttributionEvalError::Empty(dir.display().to_string()));
    }
    let per_text: Vec<Vec<Instance>> = texts
        .par_iter()
        .map(|t| instances(&pipeline.analyse(&t.text), &t.relations))
        .collect();
    let all: Vec<&Instance> = per_text.iter().flatten().collect();
    Ok(train(&all, EPOCHS, seed))
}

/// Averaged-perceptron training over `instances`: the cue classifier on
/// `matched`, the content ranker on the candidates of right cues.
pub fn train(instances: &[&Instance], epochs: usize, seed: u64) -> CueModel {
    let mut trainer = Trainer::new(2);
    let mut ranker = Trainer::new(1);
    let mut order: Vec<usize> = (0..instances.len()).collect();
    let mut rng = Rng::new(seed);
    let mut scores = Vec::new();
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let instance = instances[k];
            let truth = if instance.matched { CUE } else { 1 - CUE };
            let guess = trainer.predict(&instance.features);
            trainer.learn(&instance.features, truth, guess);
            trainer.tick();
            if instance.matched && instance.candidates.len() > 1 {
                scores.clear();
                for c in &instance.candidates {
                    let mut s = [0.0f32];
                    ranker.score_into(c, &mut s);
                    scores.push(s[0]);
                }
                let best = |only_right: bool| {
                    (0..scores.len())
                        .filter(|&c| !only_right || instance.right[c])
                        .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
                };
                if let (Some(guess), Some(gold)) = (best(false), best(true))
                    && !instance.right[guess]
                {
                    ranker.update(&instance.candidates[gold], 0, 1.0);
                    ranker.update(&instance.candidates[guess], 0, -1.0);
                }
                ranker.tick();
            }
        }
    }
    CueModel::new(trainer.average(0.0), ranker.average(0.0))
}

/// The cue candidates of one analysed text labelled by gold `relations`.
pub fn instances(analysis: &Analysis, relations: &[GoldRelation]) -> Vec<Instance> {
    let n = analysis.tokens.len();
    if analysis.tags.len() != n {
        return Vec::new();
    }
    let tree = Tree::build(analysis);
    let quotes = marks::find(analysis);
    let entities = cue_model::entity_labels(analysis);
    // For every token, the relations whose cue span holds it.
    let mut cue_of: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (r, rel) in relations.iter().enumerate() {
        for &(a, b) in rel.cue.iter().flatten() {
            for (i, token) in analysis.tokens.iter().enumerate() {
                if token.start >= a && token.end <= b {
                    cue_of[i].push(r);
                }
            }
        }
    }
    let mut out = Vec::new();
    for i in 0..n {
        if !cues::is_candidate(analysis, i) {
            continue;
        }
        let frame = cues::frame(analysis, &tree, &quotes, i);
        if frame == Frame::Other {
            continue;
        }
        // The cue's syntactic head: in a cue span, its head outside it.
        let heads: Vec<usize> = cue_of[i]
            .iter()
            .copied()
            .filter(|&r| analysis.tag(i).head.is_none_or(|h| !cue_of[h].contains(&r)))
            .collect();
        let found = candidates(analysis, &tree, &quotes, i, frame);
        let right: Vec<bool> = found
            .iter()
            .map(|c| {
                let (a, b) = c.span;
                let chars = vec![(analysis.tokens[a].start, analysis.tokens[b].end)];
                heads
                    .iter()
                    .any(|&r| jaccard(&chars, &relations[r].content) >= 0.5)
            })
            .collect();
        let mut features = Vec::new();
        cue_model::features(analysis, &tree, &quotes, &entities, i, frame, &mut features);
        let candidates = found
            .iter()
            .map(|c| {
                let mut f = Vec::new();
                spans::features(analysis, &quotes, i, frame, c, &mut f);
                f
            })
            .collect();
        out.push(Instance {
            features,
            token: i,
            frame,
            cue: !heads.is_empty(),
            matched: right.contains(&true),
            contents: found,
            candidates,
            right,
        });
    }
    out
}

/// The content candidates of cue candidate `i` when it stands alone in its
/// sentence.
fn candidates(
    analysis: &Analysis,
    tree: &Tree,
    quotes: &marks::Quotations,
    i: usize,
    frame: Frame,
) -> Vec<spans::Candidate> {
    let source = speaker::source(analysis, tree, quotes, i, frame);
    let phrase = super::phrase(analysis, tree, i, source);
    let rule = content::of(analysis, tree, quotes, i, frame, phrase, None);
    spans::candidates(analysis, tree, quotes, i, phrase, rule, None)
}
