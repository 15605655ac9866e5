//! Training: structured perceptron over constrained Viterbi, two passes,
//! jackknifed first-pass labels for the second pass, early stopping on dev.

use std::time::Instant;

use rayon::prelude::*;

use crate::error::ModelError;
use crate::features::Feature;
use crate::perceptron::{Model, Rng, Trainer};

use super::decode::START;
use super::doc::{add_doc_features, split_documents};
use super::feats::{CaseProfile, SentenceInfo, sentence_features};
use super::gazetteer::Gazetteer;
use super::tags::{Chunk, N_TAGS, bilou_chunks, chunks_to_bilou};
use super::{
    Counts, EVAL_DOC_SENTENCES, Ner, NerReport, NerSentence, decode_with, evaluate_ner,
    gold_chunks, transition_feature, transitions,
};

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Most epochs per pass.
    pub max_epochs: usize,
    /// Stop a pass after this many epochs without a better dev F1.
    pub patience: usize,
    /// Seed of the shuffling.
    pub seed: u64,
    /// Pseudo-document size for data without document markers.
    pub doc_sentences: usize,
    /// Most features kept per pass (smallest weights pruned), bounding the
    /// model size: each costs 8 + 2 × 17 bytes.
    pub max_features: usize,
    /// Folds for the jackknifed first-pass labels of the training data.
    pub folds: usize,
    /// Print progress to stderr.
    pub verbose: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            max_epochs: 12,
            patience: 3,
            seed: 1,
            doc_sentences: EVAL_DOC_SENTENCES,
            max_features: 120_000,
            folds: 2,
            verbose: false,
        }
    }
}

/// A sentence ready for learning.
struct Prepared {
    feats: Vec<Vec<Feature>>,
    info: SentenceInfo,
    gold: Vec<usize>,
    chunks: Vec<Chunk>,
}

fn prepare(
    data: &[NerSentence],
    doc_sentences: usize,
    gaz: &Gazetteer,
    case: &CaseProfile,
) -> Result<Vec<Vec<Prepared>>, ModelError> {
    let words: Vec<&[String]> = data.iter().map(|s| s.words.as_slice()).collect();
    let words_owned: Vec<Vec<&str>> = words
        .iter()
        .map(|w| w.iter().map(String::as_str).collect())
        .collect();
    split_documents(&words_owned, doc_sentences)
        .into_par_iter()
        .map(|range| {
            data[range]
                .iter()
                .map(|s| {
                    let chunks = gold_chunks(s)?;
                    let mut feats = Vec::new();
                    let info = sentence_features(&s.words, gaz, case, &mut feats);
                    Ok(Prepared {
                        gold: chunks_to_bilou(s.words.len(), &chunks),
                        feats,
                        info,
                        chunks,
                    })
                })
                .collect()
        })
        .collect()
}

/// The best averaged model with at most `max_features` features: prunes
/// the smallest weights, finding the threshold by bisection.
fn shrink(trainer: &Trainer, max_features: usize) -> Model {
    let model = trainer.average(0.0);
    if model.n_features() <= max_features {
        return model;
    }
    let (mut lo, mut hi) = (1e-6f32, 1e3f32);
    let mut best = None;
    for _ in 0..14 {
        let mid = (lo * hi).sqrt();
        let m = trainer.average(mid);
        if m.n_features() > max_features {
            lo = mid;
        } else {
            hi = mid;
            best = Some(m);
        }
    }
    best.unwrap_or_else(|| trainer.average(hi))
}

fn tag_with(
    model: &Model,
    feats: &[Vec<Feature>],
    info: &SentenceInfo,
    trans: &[f32],
    em: &mut Vec<f32>,
) -> Vec<usize> {
    decode_with(
        |f, s| model.score_into(f, s),
        trans,
        feats,
        &info.forced_o,
        em,
    )
}

fn dev_f1(model: &Model, dev: &[&Prepared]) -> f64 {
    let trans = transitions(|f, s| model.score_into(f, s));
    let mut counts = Counts::default();
    let mut em = Vec::new();
    for s in dev {
        let tags = tag_with(model, &s.feats, &s.info, &trans, &mut em);
        counts.add(&s.chunks, &bilou_chunks(&tags));
    }
    counts.scores().f1
}

/// One epoch of structured-perceptron learning.
fn epoch(trainer: &mut Trainer, data: &[&Prepared], rng: &mut Rng) {
    let mut order: Vec<usize> = (0..data.len()).collect();
    rng.shuffle(&mut order);
    let mut em = Vec::new();
    for &k in &order {
        let s = data[k];
        let trans = transitions(|f, sc| trainer.score_into(f, sc));
        let pred = decode_with(
            |f, sc| trainer.score_into(f, sc),
            &trans,
            &s.feats,
            &s.info.forced_o,
            &mut em,
        );
        for i in 0..pred.len() {
            trainer.tick();
            let (g, p) = (s.gold[i], pred[i]);
            if g != p {
                trainer.update(&s.feats[i], g, 1.0);
                trainer.update(&s.feats[i], p, -1.0);
            }
            let gp = if i == 0 { START } else { s.gold[i - 1] };
            let pp = if i == 0 { START } else { pred[i - 1] };
            if (gp, g) != (pp, p) {
                trainer.update(&[transition_feature(gp)], g, 1.0);
                trainer.update(&[transition_feature(pp)], p, -1.0);
            }
        }
    }
}

/// Trains one pass; with `dev`, keeps the epoch with the best dev F1.
fn train_pass(
    data: &[&Prepared],
    dev: &[&Prepared],
    epochs: usize,
    opts: &TrainOptions,
    name: &str,
) -> (Model, usize, Vec<f64>) {
    let mut trainer = Trainer::new(N_TAGS);
    let mut rng = Rng::new(opts.seed);
    let mut history = Vec::new();
    let mut best: Option<(f64, usize, Model)> = None;
    for e in 1..=epochs {
        let t = Instant::now();
        epoch(&mut trainer, data, &mut rng);
        if dev.is_empty() {
            continue;
        }
        let model = shrink(&trainer, opts.max_features);
        let f1 = dev_f1(&model, dev);
        history.push(f1);
        if opts.verbose {
            eprintln!(
                "{name} epoch {e}: dev F1 {f1:.4}, {} features, {:.1}s",
                model.n_features(),
                t.elapsed().as_secs_f64()
            );
        }
        if best.as_ref().is_none_or(|b| f1 > b.0) {
            best = Some((f1, e, model));
        } else if best.as_ref().is_some_and(|b| e - b.1 >= opts.patience) {
            break;
        }
    }
    match best {
        Some((_, e, model)) => (model, e, history),
        None => (shrink(&trainer, opts.max_features), epochs, history),
    }
}

/// First-pass tags of a document's sentences.
fn pass1_tags(model: &Model, doc: &[Prepared]) -> Vec<Vec<usize>> {
    let trans = transitions(|f, s| model.score_into(f, s));
    let mut em = Vec::new();
    doc.iter()
        .map(|s| tag_with(model, &s.feats, &s.info, &trans, &mut em))
        .collect()
}

/// Adds document features computed from `tags` to a copy of the document.
fn with_doc_features(doc: &[Prepared], tags: &[Vec<usize>]) -> Vec<Prepared> {
    let info: Vec<SentenceInfo> = doc.iter().map(|s| s.info.clone()).collect();
    let mut feats: Vec<Vec<Vec<Feature>>> = doc.iter().map(|s| s.feats.clone()).collect();
    add_doc_features(&info, tags, &mut feats);
    doc.iter()
        .zip(feats)
        .map(|(s, feats)| Prepared {
            feats,
            info: s.info.clone(),
            gold: s.gold.clone(),
            chunks: s.chunks.clone(),
        })
        .collect()
}

pub(super) fn train(
    train: &[NerSentence],
    dev: &[NerSentence],
    opts: &TrainOptions,
) -> Result<(Ner, NerReport), ModelError> {
    let start = Instant::now();
    if train.is_empty() {
        return Err(ModelError::Data("no training sentences".into()));
    }
    let gaz = Gazetteer::builtin();
    let train_words: Vec<&[String]> = train.iter().map(|s| s.words.as_slice()).collect();
    let case = CaseProfile::build(&train_words);
    let train_docs = prepare(train, opts.doc_sentences, &gaz, &case)?;
    let dev_docs = prepare(dev, opts.doc_sentences, &gaz, &case)?;
    let train_flat: Vec<&Prepared> = train_docs.iter().flatten().collect();
    let dev_flat: Vec<&Prepared> = dev_docs.iter().flatten().collect();

    // Pass 1 on all the training data.
    let (model1, e1, hist1) = train_pass(&train_flat, &dev_flat, opts.max_epochs, opts, "pass1");

    // Jackknife: first-pass tags of each fold from a model of the others.
    let folds = opts.folds.max(2);
    let fold_models: Vec<Model> = (0..folds)
        .into_par_iter()
        .map(|k| {
            let rest: Vec<&Prepared> = train_docs
                .iter()
                .enumerate()
                .filter(|(d, _)| d % folds != k)
                .flat_map(|(_, doc)| doc)
                .collect();
            train_pass(&rest, &[], e1, opts, "fold").0
        })
        .collect();
    let train2: Vec<Vec<Prepared>> = train_docs
        .par_iter()
        .enumerate()
        .map(|(d, doc)| with_doc_features(doc, &pass1_tags(&fold_models[d % folds], doc)))
        .collect();
    drop(fold_models);
    let dev2: Vec<Vec<Prepared>> = dev_docs
        .par_iter()
        .map(|doc| with_doc_features(doc, &pass1_tags(&model1, doc)))
        .collect();
    drop(train_docs);
    let train2_flat: Vec<&Prepared> = train2.iter().flatten().collect();
    let dev2_flat: Vec<&Prepared> = dev2.iter().flatten().collect();
    let (model2, e2, hist2) = train_pass(&train2_flat, &dev2_flat, opts.max_epochs, opts, "pass2");

    let ner = Ner::from_models(model1, model2, case);
    let dev_scores = if dev.is_empty() {
        Default::default()
    } else {
        evaluate_ner(&ner, dev)
    };
    let report = NerReport {
        pass1_epochs: e1,
        pass2_epochs: e2,
        pass1_dev_f1: hist1,
        pass2_dev_f1: hist2,
        features: ner.n_features(),
        dev: dev_scores,
        seconds: start.elapsed().as_secs_f64(),
    };
    Ok((ner, report))
}
