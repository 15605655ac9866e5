//! Named entity recognition: PER, ORG, LOC and MISC spans over tokens.
//!
//! A BILOU sequence labeller (Ratinov & Roth 2009) with averaged-perceptron
//! emission scores and learned first-order transitions, decoded by
//! constrained Viterbi (so spans are always well-formed). It runs in two
//! passes over a whole document: the first labels each sentence from local
//! features and gazetteers; the second adds what the first pass said about
//! the same words elsewhere in the document ([`doc`]). The first-pass
//! labels of the training data come from models trained on the other half
//! of it (jackknifing), so the second pass learns how far to trust them.

pub mod decode;
pub mod doc;
pub mod feats;
pub mod gazetteer;
pub mod tags;
mod train;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use crate::codec::{ByteReader, ByteWriter, decode_file, encode_file, load_file, save_file};
use crate::error::ModelError;
use crate::features::{Feature, FeatureHasher};
use crate::perceptron::Model;

use decode::{START, viterbi};
use feats::{CaseProfile, SentenceInfo, sentence_features};
use gazetteer::Gazetteer;
use tags::{Chunk, N_TAGS, TYPES, bilou_chunks, iob_chunks};

pub use train::TrainOptions;

/// Kind tag of NER model files.
const KIND: &str = "ner";
/// Format version inside the payload.
const VERSION: u32 = 1;

/// One sentence of CoNLL-2003-style training data.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NerSentence {
    /// Token texts.
    pub words: Vec<String>,
    /// IOB2 tags (`O`, `B-PER`, `I-ORG`, …), one per word.
    pub tags: Vec<String>,
}

/// One recognised entity: tokens `start..end` of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct EntitySpan {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// `"PER"`, `"ORG"`, `"LOC"` or `"MISC"`.
    pub label: &'static str,
}

/// Scores for one entity type.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct TypeScores {
    /// Correct spans / predicted spans.
    pub precision: f64,
    /// Correct spans / gold spans.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

/// Exact-match span scores, as conlleval computes them.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct NerScores {
    /// Over all types.
    pub precision: f64,
    /// Over all types.
    pub recall: f64,
    /// Over all types.
    pub f1: f64,
    /// Per entity type.
    pub per_type: BTreeMap<String, TypeScores>,
    /// Tokens labelled per second (one thread, both passes).
    pub tokens_per_sec: f64,
}

/// What training did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct NerReport {
    /// Epochs of the first-pass model (best on dev).
    pub pass1_epochs: usize,
    /// Epochs of the second-pass model (best on dev).
    pub pass2_epochs: usize,
    /// Dev F1 of the first pass after each epoch.
    pub pass1_dev_f1: Vec<f64>,
    /// Dev F1 of the second pass after each epoch.
    pub pass2_dev_f1: Vec<f64>,
    /// Features kept in the two models.
    pub features: (usize, usize),
    /// Final dev scores.
    pub dev: NerScores,
    /// Wall-clock training time.
    pub seconds: f64,
}

/// A trained entity recogniser.
#[derive(Debug, Clone)]
pub struct Ner {
    pass1: Model,
    pass2: Model,
    case: CaseProfile,
    gaz: Gazetteer,
    trans1: Vec<f32>,
    trans2: Vec<f32>,
}

/// The feature that carries the weights of transitions out of `prev`
/// (a tag, or [`START`]): its weight for class `next` scores `prev -> next`.
pub(crate) fn transition_feature(prev: usize) -> Feature {
    FeatureHasher::new(999).int(prev as u64).finish()
}

/// The `(N_TAGS + 1) x N_TAGS` transition table of a model.
pub(crate) fn transitions(score: impl Fn(&[Feature], &mut [f32])) -> Vec<f32> {
    let mut t = vec![0.0; (N_TAGS + 1) * N_TAGS];
    for p in 0..=START {
        score(
            &[transition_feature(p)],
            &mut t[p * N_TAGS..(p + 1) * N_TAGS],
        );
    }
    t
}

/// Emission scores of every token, then constrained Viterbi.
pub(crate) fn decode_with(
    score: impl Fn(&[Feature], &mut [f32]),
    trans: &[f32],
    feats: &[Vec<Feature>],
    forced_o: &[bool],
    emissions: &mut Vec<f32>,
) -> Vec<usize> {
    emissions.clear();
    emissions.resize(feats.len() * N_TAGS, 0.0);
    for (f, e) in feats.iter().zip(emissions.chunks_mut(N_TAGS)) {
        score(f, e);
    }
    viterbi(emissions, trans, forced_o)
}

impl Ner {
    /// Trains both passes on `train`, choosing epochs by F1 on `dev`.
    pub fn train(
        train: &[NerSentence],
        dev: &[NerSentence],
        opts: &TrainOptions,
    ) -> Result<(Ner, NerReport), ModelError> {
        train::train(train, dev, opts)
    }

    fn from_models(pass1: Model, pass2: Model, case: CaseProfile) -> Ner {
        let trans1 = transitions(|f, s| pass1.score_into(f, s));
        let trans2 = transitions(|f, s| pass2.score_into(f, s));
        Ner {
            pass1,
            pass2,
            case,
            gaz: Gazetteer::builtin(),
            trans1,
            trans2,
        }
    }

    /// A whole document as sentences of token texts; returns per sentence its entity spans.
    pub fn recognize(&self, doc: &[Vec<&str>]) -> Vec<Vec<EntitySpan>> {
        self.tag_document(doc)
            .iter()
            .map(|tags| {
                bilou_chunks(tags)
                    .into_iter()
                    .map(|(start, end, ty)| EntitySpan {
                        start,
                        end,
                        label: TYPES[ty],
                    })
                    .collect()
            })
            .collect()
    }

    /// BILOU tags of every token of a document (both passes).
    fn tag_document<S: AsRef<str>>(&self, doc: &[Vec<S>]) -> Vec<Vec<usize>> {
        let mut feats: Vec<Vec<Vec<Feature>>> = Vec::with_capacity(doc.len());
        let mut info: Vec<SentenceInfo> = Vec::with_capacity(doc.len());
        let mut pass1 = Vec::with_capacity(doc.len());
        let mut emissions = Vec::new();
        for sentence in doc {
            let mut f = Vec::new();
            let inf = sentence_features(sentence, &self.gaz, &self.case, &mut f);
            pass1.push(decode_with(
                |x, s| self.pass1.score_into(x, s),
                &self.trans1,
                &f,
                &inf.forced_o,
                &mut emissions,
            ));
            feats.push(f);
            info.push(inf);
        }
        doc::add_doc_features(&info, &pass1, &mut feats);
        feats
            .iter()
            .zip(&info)
            .map(|(f, inf)| {
                decode_with(
                    |x, s| self.pass2.score_into(x, s),
                    &self.trans2,
                    f,
                    &inf.forced_o,
                    &mut emissions,
                )
            })
            .collect()
    }

    fn to_bytes(&self) -> Vec<u8> {
        let mut w = ByteWriter::new();
        w.u32(VERSION);
        self.pass1.write(&mut w);
        self.pass2.write(&mut w);
        let mut case: Vec<(u64, u8)> = self.case.classes.iter().map(|(&k, &v)| (k, v)).collect();
        case.sort_unstable();
        w.u32(case.len() as u32);
        for (k, v) in case {
            w.u64(k);
            w.u32(u32::from(v));
        }
        encode_file(KIND, &w.into_bytes())
    }

    /// Writes the model to `path`.
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        let bytes = self.to_bytes();
        let payload = decode_file(KIND, &bytes)?;
        save_file(path, KIND, &payload)
    }

    /// Reads a model written by [`Ner::save`].
    pub fn load(path: &Path) -> Result<Ner, ModelError> {
        Self::from_payload(&load_file(path, KIND)?)
    }

    /// Reads a model from the bytes of a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Ner, ModelError> {
        Self::from_payload(&decode_file(KIND, bytes)?)
    }

    fn from_payload(payload: &[u8]) -> Result<Ner, ModelError> {
        let mut r = ByteReader::new(payload);
        let version = r.u32()?;
        if version != VERSION {
            return Err(ModelError::Corrupt(format!(
                "NER model version {version}, expected {VERSION}"
            )));
        }
        let pass1 = Model::read(&mut r)?;
        let pass2 = Model::read(&mut r)?;
        if pass1.n_classes() != N_TAGS || pass2.n_classes() != N_TAGS {
            return Err(ModelError::Corrupt(
                "NER model with a wrong number of tags".into(),
            ));
        }
        let n = r.len(12)?;
        let mut case = CaseProfile::default();
        for _ in 0..n {
            let k = r.u64()?;
            case.classes.insert(k, r.u32()? as u8);
        }
        Ok(Ner::from_models(pass1, pass2, case))
    }

    /// Number of features with weights in the two passes.
    pub fn n_features(&self) -> (usize, usize) {
        (self.pass1.n_features(), self.pass2.n_features())
    }
}

/// Gold chunks of a sentence (an error for unknown types).
pub(crate) fn gold_chunks(s: &NerSentence) -> Result<Vec<Chunk>, ModelError> {
    if s.words.len() != s.tags.len() {
        return Err(ModelError::Data(
            "sentence with unequal words and tags".into(),
        ));
    }
    iob_chunks(&s.tags).map_err(ModelError::Data)
}

/// Span counts per type: (correct, predicted, gold).
#[derive(Debug, Clone, Default)]
pub(crate) struct Counts(pub [[usize; 3]; 4]);

impl Counts {
    pub(crate) fn add(&mut self, gold: &[Chunk], pred: &[Chunk]) {
        for &(_, _, ty) in gold {
            self.0[ty][2] += 1;
        }
        for p in pred {
            self.0[p.2][1] += 1;
            if gold.contains(p) {
                self.0[p.2][0] += 1;
            }
        }
    }

    pub(crate) fn scores(&self) -> NerScores {
        let prf = |c: usize, p: usize, g: usize| {
            let precision = if p == 0 { 0.0 } else { c as f64 / p as f64 };
            let recall = if g == 0 { 0.0 } else { c as f64 / g as f64 };
            let f1 = if precision + recall == 0.0 {
                0.0
            } else {
                2.0 * precision * recall / (precision + recall)
            };
            TypeScores {
                precision,
                recall,
                f1,
            }
        };
        let mut total = [0; 3];
        let mut per_type = BTreeMap::new();
        for (ty, c) in self.0.iter().enumerate() {
            for k in 0..3 {
                total[k] += c[k];
            }
            per_type.insert(TYPES[ty].to_string(), prf(c[0], c[1], c[2]));
        }
        let all = prf(total[0], total[1], total[2]);
        NerScores {
            precision: all.precision,
            recall: all.recall,
            f1: all.f1,
            per_type,
            tokens_per_sec: 0.0,
        }
    }
}

/// Pseudo-document size used on data without document markers.
pub const EVAL_DOC_SENTENCES: usize = 40;

/// Scores `ner` on gold sentences (exact span and type, like conlleval).
/// The sentences are grouped into pseudo documents (see
/// [`doc::split_documents`]) so the document pass has context. Training
/// chooses its epochs by this score, so it lives with the recogniser
/// rather than with the other scorers in `storyline-eval`.
pub fn evaluate_ner(ner: &Ner, sentences: &[NerSentence]) -> NerScores {
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| s.words.iter().map(String::as_str).collect())
        .collect();
    let mut counts = Counts::default();
    let mut elapsed = 0.0;
    for range in doc::split_documents(&words, EVAL_DOC_SENTENCES) {
        let start = Instant::now();
        let predicted = ner.tag_document(&words[range.clone()]);
        elapsed += start.elapsed().as_secs_f64();
        for (s, tags) in sentences[range].iter().zip(&predicted) {
            let gold = iob_chunks(&s.tags).unwrap_or_default();
            counts.add(&gold, &bilou_chunks(tags));
        }
    }
    let mut scores = counts.scores();
    let n_tokens: usize = words.iter().map(Vec::len).sum();
    scores.tokens_per_sec = if elapsed > 0.0 {
        n_tokens as f64 / elapsed
    } else {
        0.0
    };
    scores
}
