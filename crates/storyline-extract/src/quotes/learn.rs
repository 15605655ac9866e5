//! Training the cue classifier ([`super::cue_model`]) on PolNeAR train.
//!
//! Every cue candidate (a content word with a frame that gives a content)
//! is one instance. It is positive when it is a word of a gold cue span
//! *and* a content it yields matches that relation's content (Jaccard ≥
//! 0.5, the evaluation's own criterion): a right cue whose content comes
//! out wrong would only add a false positive to the miss, so the
//! classifier is taught to fire where the whole attribution will be right.
//! Any word of a multiword cue counts, not only its syntactic head: in
//! `tried to defend his remarks` it is `defend` whose object is the
//! content.
//!
//! The trainer takes texts already read ([`GoldText`]); reading them from
//! PolNeAR's files is the data set's business (`storyline-eval`).

use rayon::prelude::*;
use storyline_nlp::features::Feature;
use storyline_nlp::perceptron::{Rng, Trainer};

use super::cue_model::{self, CUE, CueModel};
use super::cues::{self, Frame};
use super::overlap::{Fragments, jaccard};
use super::{content, marks, spans, speaker, tree::Tree};
use crate::analysis::Analysis;

/// Training passes over the instances.
pub const EPOCHS: usize = 4;

/// One gold attribution relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldRelation {
    /// The source's span, when annotated.
    pub source: Option<Fragments>,
    /// The cue's span, when annotated.
    pub cue: Option<Fragments>,
    /// What was attributed.
    pub content: Fragments,
}

/// One text with its gold relations.
#[derive(Debug, Clone)]
pub struct GoldText {
    /// The text's name (PolNeAR's file stem).
    pub name: String,
    /// The text the offsets index.
    pub text: String,
    /// Relations that have a Content span, in file order.
    pub relations: Vec<GoldRelation>,
}

/// One cue candidate with its features and gold labels.
#[derive(Debug, Clone)]
pub struct Instance {
    /// The candidate's features.
    pub features: Vec<Feature>,
    /// The candidate's token.
    pub token: usize,
    /// The candidate's frame.
    pub frame: Frame,
    /// Is a word of a gold cue span.
    pub cue: bool,
    /// Is a word of a gold cue span and one of its content candidates
    /// matches that relation's content.
    pub matched: bool,
    /// The content candidates.
    pub contents: Vec<spans::Candidate>,
    /// Ranking features of each content candidate.
    pub candidates: Vec<Vec<Feature>>,
    /// Whether each candidate matches the content of a relation whose cue
    /// holds this candidate's word.
    pub right: Vec<bool>,
}

/// Trains the shipped cue classifier on `texts` (PolNeAR train; never
/// dev), each analysed by `analyse` (the shipped pipeline's
/// [`crate::Pipeline::analyse`]; taken as a function so that attribution
/// does not depend on the pipeline that runs it). Deterministic for a
/// given `seed`.
pub fn train_cue_model(
    texts: &[GoldText],
    analyse: impl Fn(&str) -> Analysis + Sync,
    seed: u64,
) -> CueModel {
    let per_text: Vec<Vec<Instance>> = texts
        .par_iter()
        .map(|t| instances(&analyse(&t.text), &t.relations))
        .collect();
    let all: Vec<&Instance> = per_text.iter().flatten().collect();
    train(&all, EPOCHS, seed)
}

/// Step size of the cue classifier's logistic-regression updates.
pub const CUE_RATE: f32 = 0.05;

/// Averaged weights smaller than this are dropped: logistic updates touch
/// every feature of every instance, and the many tiny weights they leave
/// double the file without changing a decision (two-fold content F1
/// 0.6785 unpruned, 0.6784 pruned; 5.9 MB against 2.9 MB).
pub const PRUNE: f32 = 0.005;

/// Step size of the content ranker's log-linear updates.
pub const RANK_RATE: f32 = 0.15;

/// Averaged stochastic-gradient training over `instances`: the cue
/// classifier is a logistic regression on `matched`, the content ranker a
/// log-linear model (softmax over each right cue's candidates). Both are
/// calibrated probabilities, so the decoder can weigh them
/// ([`super::MIN_MARGIN`], minimum-Bayes-risk content choice).
pub fn train(instances: &[&Instance], epochs: usize, seed: u64) -> CueModel {
    let mut classifier = Trainer::new(2);
    let mut ranker = Trainer::new(1);
    let mut order: Vec<usize> = (0..instances.len()).collect();
    let mut rng = Rng::new(seed);
    let mut scores = Vec::new();
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let instance = instances[k];
            logistic_step(&mut classifier, instance);
            classifier.tick();
            if instance.matched && instance.candidates.len() > 1 {
                softmax_step(&mut ranker, instance, &mut scores);
                ranker.tick();
            }
        }
    }
    CueModel::new(classifier.average(PRUNE), ranker.average(PRUNE))
}

/// One stochastic gradient step of logistic regression on "is a cue whose
/// content can come out right", with the two class rows as the logit.
fn logistic_step(classifier: &mut Trainer, instance: &Instance) {
    let mut scores = [0.0f32; 2];
    classifier.score_into(&instance.features, &mut scores);
    let p = 1.0 / (1.0 + (scores[1 - CUE] - scores[CUE]).exp());
    let y = if instance.matched { 1.0 } else { 0.0 };
    let delta = CUE_RATE * (y - p);
    if delta.abs() > 1e-6 {
        classifier.update(&instance.features, CUE, delta);
        classifier.update(&instance.features, 1 - CUE, -delta);
    }
}

/// One stochastic gradient step of the log-linear ranker: raises the
/// log-probability of the right candidates (together) under a softmax
/// over all candidates.
fn softmax_step(ranker: &mut Trainer, instance: &Instance, scores: &mut Vec<f32>) {
    scores.clear();
    for c in &instance.candidates {
        let mut s = [0.0f32];
        ranker.score_into(c, &mut s);
        scores.push(s[0]);
    }
    let top = scores.iter().copied().fold(f32::MIN, f32::max);
    let p: Vec<f32> = scores.iter().map(|s| (s - top).exp()).collect();
    let z: f32 = p.iter().sum();
    let right: f32 = p
        .iter()
        .zip(&instance.right)
        .filter(|(_, r)| **r)
        .map(|(p, _)| p)
        .sum();
    for (k, c) in instance.candidates.iter().enumerate() {
        let target = if instance.right[k] { p[k] / right } else { 0.0 };
        let delta = RANK_RATE * (target - p[k] / z);
        if delta.abs() > 1e-6 {
            ranker.update(c, 0, delta);
        }
    }
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
    for (i, holding) in cue_of.iter().enumerate() {
        if !cues::is_candidate(analysis, i) {
            continue;
        }
        let frame = cues::frame(analysis, &tree, &quotes, i);
        if frame == Frame::Other {
            continue;
        }
        let found = candidates(analysis, &tree, &quotes, i, frame);
        let right: Vec<bool> = found
            .iter()
            .map(|c| {
                let chars = c.chars(analysis);
                holding
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
                spans::features(analysis, &tree, &quotes, i, frame, c, &mut f);
                f
            })
            .collect();
        out.push(Instance {
            features,
            token: i,
            frame,
            cue: !holding.is_empty(),
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
