//! A greedy transition-based dependency parser: arc-hybrid transitions,
//! averaged-perceptron classifiers trained with a dynamic oracle and
//! exploration (Goldberg & Nivre 2012, 2013), labelled with full UD
//! relations (`nmod:poss`, `obl:tmod`, …).
//!
//! Two classifiers keep the model small and fast: one chooses among the
//! three unlabelled moves, the other labels each arc as it is built.

mod feats;
mod oracle;
mod system;
mod train;

use std::path::Path;

use serde::Serialize;

use crate::clusters::Clusters;
use crate::codec::{ByteReader, ByteWriter, decode_file, encode_file, load_file, save_file};
use crate::error::ModelError;
use crate::features::Feature;
use crate::perceptron::{Model, argmax};
use crate::tagger::Tagger;
use crate::treebank::TreebankSentence;

use feats::Tokens;
pub use oracle::{costs, is_projective};
pub use system::{Move, N_MOVES, NONE, State};

const KIND: &str = "parser";
/// Format 2 adds optional word clusters after the two models (format 1,
/// without them, still loads).
const VERSION: u32 = 2;
/// The label of the arc from the root token.
pub const ROOT_LABEL: &str = "root";

/// Options of [`Parser::train`].
#[derive(Debug, Clone)]
pub struct TrainOptions<'a> {
    /// Maximum number of passes over the training data; the epoch with the
    /// best dev LAS is kept.
    pub epochs: usize,
    /// Seed of shuffles and exploration: the same seed gives the same model.
    pub seed: u64,
    /// Train on at most this many sentences (quick runs, tests).
    pub max_sentences: Option<usize>,
    /// Tagger whose predicted tags the parser is measured on (dev) and, when
    /// `jackknife_folds` is 0, trained on. `None` uses gold tags.
    pub tagger: Option<&'a Tagger>,
    /// When > 1 (and a tagger is given), train tags come from taggers
    /// trained on the other folds, so training sees realistic tag errors.
    pub jackknife_folds: usize,
    /// Epochs of each jackknife tagger.
    pub jackknife_epochs: usize,
    /// First epoch (1-based) in which the model's own moves are followed.
    pub explore_from: usize,
    /// Probability of following the model's move once exploring.
    pub explore_prob: f64,
    /// Drop features whose largest averaged weight is below this.
    pub prune: f32,
    /// Stop after this many epochs without a dev LAS improvement.
    pub patience: usize,
    /// Skip non-projective training trees (otherwise the oracle's
    /// minimum-cost moves are learnt on them too).
    pub skip_non_projective: bool,
    /// Also train on a copy of each sentence with gold tags (with predicted
    /// training tags only): more data, and clean tags to learn syntax from.
    pub gold_copy: bool,
    /// Word clusters whose ids become features; stored in the model.
    pub clusters: Option<&'a Clusters>,
    /// Where to keep the jackknifed training tags: read if the file exists
    /// (written by an earlier run with the same data, tagger settings and
    /// folds), written otherwise. Saves the jackknife taggers' time.
    pub tags_cache: Option<&'a Path>,
    /// Progress lines on stderr.
    pub verbose: bool,
}

impl Default for TrainOptions<'_> {
    fn default() -> Self {
        TrainOptions {
            epochs: 15,
            seed: 1,
            max_sentences: None,
            tagger: None,
            jackknife_folds: 0,
            jackknife_epochs: 5,
            explore_from: 2,
            explore_prob: 1.0,
            prune: 0.0,
            patience: 3,
            skip_non_projective: false,
            gold_copy: false,
            clusters: None,
            tags_cache: None,
            verbose: false,
        }
    }
}

/// Dev scores after one epoch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpochReport {
    /// 1-based epoch.
    pub epoch: usize,
    /// Unlabelled attachment score on dev, 0–1.
    pub dev_uas: f64,
    /// Labelled attachment score on dev, 0–1.
    pub dev_las: f64,
    /// Seconds since training started.
    pub seconds: f64,
}

/// What training measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParserReport {
    /// The 1-based epoch whose model was kept.
    pub best_epoch: usize,
    /// Dev UAS of the kept model, 0–1.
    pub dev_uas: f64,
    /// Dev LAS of the kept model, 0–1.
    pub dev_las: f64,
    /// Whether dev was parsed on predicted tags.
    pub predicted_tags: bool,
    /// Training sentences used.
    pub train_sentences: usize,
    /// Non-projective training sentences among them.
    pub non_projective: usize,
    /// Per-epoch dev scores.
    pub epochs: Vec<EpochReport>,
    /// Features of the transition and label classifiers in the kept model.
    pub features: (usize, usize),
    /// Wall-clock training time.
    pub seconds: f64,
}

/// A trained dependency parser.
#[derive(Debug, Clone)]
pub struct Parser {
    labels: Vec<String>,
    root_label: u16,
    moves: Model,
    labeller: Model,
    clusters: Option<Clusters>,
}

/// Reusable buffers of one parse.
#[derive(Debug, Default)]
pub(crate) struct Workspace {
    pub tokens: Tokens,
    pub state: State,
    pub feats: Vec<Feature>,
    pub scores: Vec<f32>,
}

impl Parser {
    /// Trains on `train`, keeping the epoch that parses `dev` best (LAS).
    pub fn train(
        train: &[TreebankSentence],
        dev: &[TreebankSentence],
        opts: &TrainOptions,
    ) -> Result<(Parser, ParserReport), ModelError> {
        train::train(train, dev, opts)
    }

    /// Parses one sentence: `words`, and per word its UPOS and XPOS tags.
    /// Returns per word `(head, deprel)`, head 0 for the root and otherwise
    /// the 1-based index of the head word. The result is always a tree with
    /// exactly one word attached to the root, labelled `root`.
    pub fn parse(&self, words: &[&str], upos: &[&str], xpos: &[&str]) -> Vec<(usize, &str)> {
        let mut ws = Workspace::default();
        ws.tokens.fill(words, upos, xpos, self.clusters.as_ref());
        self.parse_tokens(&mut ws);
        (1..=words.len())
            .map(|d| {
                (
                    ws.state.heads[d],
                    self.labels[usize::from(ws.state.labels[d])].as_str(),
                )
            })
            .collect()
    }

    /// Parses the sentence in `ws.tokens`, leaving the tree in `ws.state`.
    pub(crate) fn parse_tokens(&self, ws: &mut Workspace) {
        let n = ws.tokens.w.len() - 1;
        ws.state.reset(n);
        while !ws.state.is_terminal() {
            feats::transition_features(&ws.tokens, &ws.state, &mut ws.feats);
            let mut scores = [0.0f32; N_MOVES];
            self.moves.score_into(&ws.feats, &mut scores);
            let m = best_valid(&scores, &ws.state.valid_moves());
            let label = match ws.state.arc(m) {
                Some((head, dep)) => self.predict_label(ws, head, dep),
                None => 0,
            };
            ws.state.apply(m, label);
        }
    }

    fn predict_label(&self, ws: &mut Workspace, head: usize, dep: usize) -> u16 {
        if head == 0 {
            return self.root_label;
        }
        feats::label_features(&ws.tokens, &ws.state, head, dep, &mut ws.feats);
        ws.scores.clear();
        ws.scores.resize(self.labels.len(), 0.0);
        self.labeller.score_into(&ws.feats, &mut ws.scores);
        // Only arcs from the root token are labelled `root`.
        ws.scores[usize::from(self.root_label)] = f32::NEG_INFINITY;
        argmax(&ws.scores) as u16
    }

    /// Drops move and label features whose largest absolute weight is below
    /// `moves` and `labels` (smaller, faster model; for tuning).
    #[doc(hidden)]
    /// Returns the move and label features kept.
    pub fn prune(&mut self, moves: f32, labels: f32) -> (usize, usize) {
        self.moves = self.moves.pruned(moves);
        self.labeller = self.labeller.pruned(labels);
        (self.moves.n_features(), self.labeller.n_features())
    }

    /// The relation labels the parser can predict.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Serialises the parser into model-file bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        encode_file(KIND, &self.payload())
    }

    /// Writes the model file.
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        save_file(path, KIND, &self.payload())
    }

    fn payload(&self) -> Vec<u8> {
        let mut w = ByteWriter::new();
        w.u32(VERSION);
        w.strings(&self.labels);
        self.moves.write(&mut w);
        self.labeller.write(&mut w);
        w.u32(u32::from(self.clusters.is_some()));
        if let Some(clusters) = &self.clusters {
            clusters.write(&mut w);
        }
        w.into_bytes()
    }

    /// Reads a model file written by [`Parser::save`].
    pub fn load(path: &Path) -> Result<Parser, ModelError> {
        Self::from_payload(&load_file(path, KIND)?)
    }

    /// Reads model-file bytes (e.g. from `include_bytes!`).
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, ModelError> {
        Self::from_payload(&decode_file(KIND, bytes)?)
    }

    fn from_payload(payload: &[u8]) -> Result<Parser, ModelError> {
        let mut r = ByteReader::new(payload);
        let version = r.u32()?;
        if !(1..=VERSION).contains(&version) {
            return Err(ModelError::Corrupt(format!(
                "parser format version {version}, expected {VERSION}"
            )));
        }
        let labels = r.strings()?;
        let moves = Model::read(&mut r)?;
        let labeller = Model::read(&mut r)?;
        let clusters = match if version >= 2 { r.u32()? } else { 0 } {
            0 => None,
            _ => Some(Clusters::read(&mut r)?),
        };
        Self::from_parts(labels, moves, labeller, clusters)
    }

    pub(crate) fn from_parts(
        labels: Vec<String>,
        moves: Model,
        labeller: Model,
        clusters: Option<Clusters>,
    ) -> Result<Parser, ModelError> {
        let root_label = labels
            .iter()
            .position(|l| l == ROOT_LABEL)
            .ok_or_else(|| ModelError::Corrupt("parser without a root label".into()))?
            as u16;
        if moves.n_classes() != N_MOVES || labeller.n_classes() != labels.len() {
            return Err(ModelError::Corrupt("parser class counts disagree".into()));
        }
        Ok(Parser {
            labels,
            root_label,
            moves,
            labeller,
            clusters,
        })
    }
}

/// The best-scoring valid move (there is always one before the end).
pub(crate) fn best_valid(scores: &[f32; N_MOVES], valid: &[bool; N_MOVES]) -> Move {
    let mut best: Option<usize> = None;
    for i in 0..N_MOVES {
        if valid[i] && best.is_none_or(|b| scores[i] > scores[b]) {
            best = Some(i);
        }
    }
    Move::ALL[best.expect("a non-terminal state has a valid move")]
}
