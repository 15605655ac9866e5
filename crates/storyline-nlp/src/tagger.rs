//! Part-of-speech tagger and lemmatiser: a greedy left-to-right averaged
//! perceptron over combined `UPOS|XPOS` classes (one decision gives both tags,
//! and they can never disagree), plus the learned [`Lemmatizer`].
//!
//! A right-to-left model of the same kind tags the sentence first; its
//! scores are added to the left-to-right model's at each decision (a
//! two-direction vote: on EWT dev about +0.2 point for twice the tagging
//! time and model size).
//!
//! Speed comes from three things: features are hashed from per-token
//! "atoms" computed once per sentence (no string per feature), frequent
//! unambiguous words skip scoring entirely (the tag dictionary of early
//! spaCy), and the frozen model is a flat weight table.

mod features;

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use crate::codec::{self, ByteReader, ByteWriter};
use crate::error::ModelError;
use crate::features::{Feature, PassThrough};
use crate::lemma::Lemmatizer;
use crate::perceptron::{Model, Rng, Trainer, argmax};
use crate::treebank::{TreebankSentence, Word};

use crate::clusters::Clusters;
use features::{ClusterIndex, Context, Lexicon, Scorer};

/// Model-file kind tag.
const KIND: &str = "tagger";
/// Payload format version, bumped on incompatible changes.
const VERSION: u32 = 5;
/// Folds of the jackknife that produces first-pass tags for training.
const FOLDS: usize = 4;

/// Options of [`Tagger::train`].
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Maximum number of passes over the training data; the best epoch on
    /// dev is kept.
    pub epochs: usize,
    /// Seed of the shuffles: the same seed gives the same model.
    pub seed: u64,
    /// Train on at most this many sentences (quick runs, tests).
    pub max_sentences: Option<usize>,
    /// Progress lines on stderr.
    pub verbose: bool,
    /// Drop features whose largest averaged weight is below this (smaller
    /// model file, almost no accuracy cost).
    pub prune: f32,
    /// Keep only features seen at least this often in training (with gold
    /// history); rarer ones mostly memorise noise and cost memory.
    pub min_feature_count: u32,
    /// Stop after this many epochs without a dev improvement.
    pub patience: usize,
    /// Also train the second (look-ahead) pass: on EWT about +0.1 point
    /// of accuracy for twice the model size and tagging time.
    pub two_pass: bool,
    /// Also train a right-to-left model and add its scores to the
    /// left-to-right one's (kept only if it helps on dev).
    pub backward: bool,
    /// Word clusters induced from unlabelled text
    /// ([`crate::clusters::induce`]); their ids become features and they
    /// are stored in the model.
    pub clusters: Option<Clusters>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            seed: 1,
            max_sentences: None,
            verbose: false,
            prune: 0.0,
            min_feature_count: 2,
            patience: 3,
            two_pass: false,
            backward: true,
            clusters: None,
        }
    }
}

/// What training measured.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainReport {
    /// The 1-based epoch whose averaged model was kept.
    pub best_epoch: usize,
    /// UPOS accuracy on dev (gold words), 0–1.
    pub dev_upos: f64,
    /// XPOS accuracy on dev, 0–1.
    pub dev_xpos: f64,
    /// Lemma accuracy on dev with predicted tags, 0–1.
    pub dev_lemma: f64,
    /// Wall-clock training time.
    pub seconds: f64,
    /// Features with weights in the kept model.
    pub features: usize,
}

/// A compact tag id: an index into the tagger's `UPOS|XPOS` classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TagId(pub u16);

/// One tagged word. Tag names borrow from the tagger; only the lemma is
/// allocated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tagged<'a> {
    /// Universal POS tag.
    pub upos: &'a str,
    /// Penn Treebank tag.
    pub xpos: &'a str,
    /// Lemma.
    pub lemma: String,
    /// The class id, for callers that want to key on tags cheaply.
    pub id: TagId,
}

/// A trained POS tagger and lemmatiser.
#[derive(Debug, Clone)]
pub struct Tagger {
    /// `(upos, xpos)` per class.
    classes: Vec<(Box<str>, Box<str>)>,
    /// First pass: left context tags only.
    first: Model,
    /// Right-to-left model whose scores are added to the first pass's
    /// (absent when it did not help on dev).
    backward: Option<Model>,
    /// Second pass: also the first pass's tags to the right (absent when
    /// it did not help on dev, or the training set was tiny).
    second: Option<Model>,
    /// Exact form hash → class, for frequent unambiguous words.
    tagdict: HashMap<u64, u16, PassThrough>,
    /// Exact form hash → ambiguity class, for features.
    lexicon: Lexicon,
    lemmatizer: Lemmatizer,
    /// Word clusters, if the model uses them.
    clusters: Option<Clusters>,
    /// Their lookup by form hash.
    cluster_index: ClusterIndex,
}

/// Everything training needs about the training sentences.
struct TrainData<'a> {
    words: Vec<Vec<&'a str>>,
    gold: Vec<Vec<u16>>,
    ambiguities: Vec<Vec<(u64, u64)>>,
    allowed: Option<HashMap<Feature, (), PassThrough>>,
}

impl Tagger {
    /// Trains on `train`, keeping the epoch that tags `dev` best.
    ///
    /// Two greedy passes are trained: the first sees only tags to its left;
    /// the second also sees the first pass's tags to its right. On training
    /// data the first-pass tags come from jackknifing (models that did not
    /// see the sentence), so they are as noisy as on new text.
    pub fn train(
        train: &[TreebankSentence],
        dev: &[TreebankSentence],
        opts: &TrainOptions,
    ) -> Result<(Tagger, TrainReport), ModelError> {
        let start = Instant::now();
        let train = &train[..opts.max_sentences.unwrap_or(usize::MAX).min(train.len())];
        if train.is_empty() {
            return Err(ModelError::Data("no training sentences".into()));
        }
        let (classes, class_of) = collect_classes(train);
        let gold: Vec<Vec<u16>> = train
            .iter()
            .map(|s| s.words.iter().map(|w| class_of[&pair(w)]).collect())
            .collect();
        let counts = form_counts(train, &gold);
        let ambiguities = training_ambiguities(train, &gold, &counts);
        let words: Vec<Vec<&str>> = train
            .iter()
            .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
            .collect();
        let cluster_index = opts
            .clusters
            .as_ref()
            .map_or_else(ClusterIndex::default, ClusterIndex::new);
        let allowed = frequent_features(
            &words,
            &gold,
            &ambiguities,
            &cluster_index,
            opts.min_feature_count,
        );
        let mut tagger = Tagger {
            classes,
            first: Model::default(),
            backward: None,
            second: None,
            tagdict: build_tagdict(train, &gold),
            lexicon: build_lexicon(&counts),
            lemmatizer: Lemmatizer::train(train.iter().flat_map(|s| {
                s.words
                    .iter()
                    .map(|w| (w.form.as_str(), w.xpos.as_str(), w.lemma.as_str()))
            })),
            clusters: opts.clusters.clone(),
            cluster_index,
        };
        let data = TrainData {
            words,
            gold,
            ambiguities,
            allowed,
        };
        let all: Vec<usize> = (0..train.len()).collect();
        let log = |pass: &str| {
            if opts.verbose {
                eprintln!("{pass} ({:.0}s)", start.elapsed().as_secs_f64());
            }
        };
        log("pass 1");
        let (first, first_epoch, mut scores) =
            tagger.train_pass(&data, &all, Slot::First, opts.epochs, Some(dev), opts);
        tagger.first = first;
        let mut best_epoch = first_epoch;
        if opts.backward {
            log("pass 1, right to left");
            let reversed = data.reversed(&tagger.cluster_index, opts.min_feature_count);
            let (backward, epoch, back_scores) = tagger.train_pass(
                &reversed,
                &all,
                Slot::Backward,
                opts.epochs,
                Some(dev),
                opts,
            );
            if back_scores.key() > scores.key() {
                tagger.backward = Some(backward);
                best_epoch = best_epoch.max(epoch);
                scores = back_scores;
            }
        }
        if opts.two_pass && train.len() >= 2 * FOLDS {
            log("jackknifing pass-1 tags");
            let ahead = tagger.jackknife(&data, first_epoch, opts);
            log("pass 2");
            let (second, epoch, second_scores) = tagger.train_pass(
                &data,
                &all,
                Slot::Second(&ahead),
                opts.epochs,
                Some(dev),
                opts,
            );
            // Keep the second pass only if it measurably helps on dev.
            if second_scores.key() > scores.key() {
                tagger.second = Some(second);
                best_epoch = epoch;
                scores = second_scores;
            }
        }
        let report = TrainReport {
            best_epoch,
            dev_upos: scores.upos,
            dev_xpos: scores.xpos,
            dev_lemma: scores.lemma,
            seconds: start.elapsed().as_secs_f64(),
            features: tagger.first.n_features()
                + tagger.backward.as_ref().map_or(0, Model::n_features)
                + tagger.second.as_ref().map_or(0, Model::n_features),
        };
        Ok((tagger, report))
    }

    /// First-pass tags for every training sentence, each from a model
    /// trained (for `epochs` epochs) on the other folds.
    fn jackknife(&self, data: &TrainData<'_>, epochs: usize, opts: &TrainOptions) -> Vec<Vec<u16>> {
        let n = data.words.len();
        let folds: Vec<(Vec<usize>, Model)> = (0..FOLDS)
            .map(|k| {
                let rest: Vec<usize> = (0..n).filter(|i| i % FOLDS != k).collect();
                let (model, _, _) = self.train_pass(data, &rest, Slot::First, epochs, None, opts);
                ((0..n).filter(|i| i % FOLDS == k).collect(), model)
            })
            .collect();
        let mut ahead = vec![Vec::new(); n];
        let mut ctx = Context::default();
        for (held_out, model) in &folds {
            for &i in held_out {
                ctx.fill(&data.words[i], &self.lexicon, &self.cluster_index);
                ctx.set_ambiguities(&data.ambiguities[i]);
                ctx.set_ahead(None);
                ahead[i] = self.decode(model, &ctx, data.words[i].len(), None, None);
            }
        }
        ahead
    }

    /// Trains one pass (the first when `ahead` is `None`) on the sentences
    /// `subset`; with `dev`, keeps the best epoch on dev (the pass being
    /// trained is plugged into a copy of `self` to measure it), otherwise
    /// the last.
    fn train_pass(
        &self,
        data: &TrainData<'_>,
        subset: &[usize],
        slot: Slot<'_>,
        epochs: usize,
        dev: Option<&[TreebankSentence]>,
        opts: &TrainOptions,
    ) -> (Model, usize, Scores) {
        let mut trainer = Trainer::new(self.classes.len());
        let mut rng = Rng::new(opts.seed);
        let mut order = subset.to_vec();
        let mut best: Option<(Model, usize, Scores)> = None;
        let mut ctx = Context::default();
        let mut probe = self.clone();
        let ahead = match slot {
            Slot::Second(ahead) => Some(ahead),
            _ => None,
        };
        for epoch in 1..=epochs.max(1) {
            rng.shuffle(&mut order);
            let (mut correct, mut total) = (0usize, 0usize);
            for &i in &order {
                ctx.fill(&data.words[i], &self.lexicon, &self.cluster_index);
                ctx.set_ambiguities(&data.ambiguities[i]);
                ctx.set_ahead(ahead.map(|a| a[i].as_slice()));
                let (c, t) = self.train_sentence(&mut trainer, &ctx, &data.gold[i], &data.allowed);
                correct += c;
                total += t;
            }
            let Some(dev) = dev else {
                continue;
            };
            let model = trainer.average(opts.prune);
            match slot {
                Slot::First => probe.first = model,
                Slot::Backward => probe.backward = Some(model),
                Slot::Second(_) => probe.second = Some(model),
            }
            let scores = probe.evaluate(dev);
            if opts.verbose {
                eprintln!(
                    "  epoch {epoch}: train {:.4}  dev upos {:.4} xpos {:.4} lemma {:.4}",
                    correct as f64 / total.max(1) as f64,
                    scores.upos,
                    scores.xpos,
                    scores.lemma,
                );
            }
            if best.as_ref().is_none_or(|(_, _, b)| scores.key() > b.key()) {
                let model = match slot {
                    Slot::First => std::mem::take(&mut probe.first),
                    Slot::Backward => probe.backward.take().expect("just set"),
                    Slot::Second(_) => probe.second.take().expect("just set"),
                };
                best = Some((model, epoch, scores));
            } else if best
                .as_ref()
                .is_some_and(|(_, e, _)| epoch - e >= opts.patience)
            {
                break;
            }
        }
        best.unwrap_or_else(|| {
            let zero = Scores {
                upos: 0.0,
                xpos: 0.0,
                lemma: 0.0,
            };
            (trainer.average(opts.prune), epochs.max(1), zero)
        })
    }

    /// One greedy pass over a training sentence (whose atoms `ctx` already
    /// holds) with perceptron updates; returns (correct, total).
    fn train_sentence(
        &self,
        trainer: &mut Trainer,
        ctx: &Context,
        gold: &[u16],
        allowed: &Option<HashMap<Feature, (), PassThrough>>,
    ) -> (usize, usize) {
        let mut history: Vec<u16> = Vec::with_capacity(gold.len());
        let mut feats = Vec::with_capacity(64);
        let mut scores = vec![0.0f32; self.classes.len()];
        let mut correct = 0;
        for (i, &truth) in gold.iter().enumerate() {
            // Dictionary words are neither scored nor learned from: at
            // prediction time the dictionary answers for them.
            let guess = if let Some(&tag) = self.tagdict.get(&ctx.form_hash(i)) {
                tag
            } else {
                let base = ctx.features(i, &history, &mut feats);
                // The count filter knows only first-pass features.
                if let Some(allowed) = allowed {
                    let mut k = 0;
                    feats.retain(|f| {
                        k += 1;
                        k > base || allowed.contains_key(f)
                    });
                }
                scores.fill(0.0);
                trainer.score_into(&feats, &mut scores);
                let guess = argmax(&scores) as u16;
                trainer.learn(&feats, usize::from(truth), usize::from(guess));
                trainer.tick();
                guess
            };
            correct += usize::from(guess == truth);
            history.push(guess);
        }
        (correct, gold.len())
    }

    /// Tags `words` and returns class ids only (no lemma): the cheapest
    /// call, for the parser.
    pub fn tag_ids(&self, words: &[&str]) -> Vec<TagId> {
        let mut ctx = Context::default();
        self.predict(&mut ctx, words)
            .into_iter()
            .map(TagId)
            .collect()
    }

    /// Tags and lemmatises one sentence of words.
    pub fn tag(&self, words: &[&str]) -> Vec<Tagged<'_>> {
        self.tag_ids(words)
            .into_iter()
            .zip(words)
            .map(|(id, form)| {
                let (upos, xpos) = &self.classes[usize::from(id.0)];
                Tagged {
                    upos,
                    xpos,
                    lemma: self.lemmatizer.lemmatize(form, xpos),
                    id,
                }
            })
            .collect()
    }

    /// The UPOS name of a class id.
    pub fn upos(&self, id: TagId) -> &str {
        &self.classes[usize::from(id.0)].0
    }

    /// The XPOS name of a class id.
    pub fn xpos(&self, id: TagId) -> &str {
        &self.classes[usize::from(id.0)].1
    }

    /// Number of `UPOS|XPOS` classes.
    pub fn n_classes(&self) -> usize {
        self.classes.len()
    }

    /// The word clusters the model uses, if any.
    pub fn clusters(&self) -> Option<&Clusters> {
        self.clusters.as_ref()
    }

    /// Whether the model has the right-to-left vote.
    pub fn has_backward(&self) -> bool {
        self.backward.is_some()
    }

    /// The lemmatiser, for callers that already have tags.
    pub fn lemmatizer(&self) -> &Lemmatizer {
        &self.lemmatizer
    }

    /// Every pass over one sentence.
    fn predict(&self, ctx: &mut Context, words: &[&str]) -> Vec<u16> {
        let n = words.len();
        ctx.fill(words, &self.lexicon, &self.cluster_index);
        ctx.set_ahead(None);
        let bias = self.backward.as_ref().map(|backward| {
            ctx.reverse();
            let mut scores = Vec::new();
            self.decode(backward, ctx, n, None, Some(&mut scores));
            ctx.reverse();
            // Back to sentence order.
            let c = self.classes.len();
            let mut bias = vec![0.0f32; scores.len()];
            for i in 0..n {
                bias[i * c..(i + 1) * c].copy_from_slice(&scores[(n - 1 - i) * c..(n - i) * c]);
            }
            bias
        });
        let tags = self.decode(&self.first, ctx, n, bias.as_deref(), None);
        match &self.second {
            Some(second) => {
                ctx.set_ahead(Some(&tags));
                self.decode(second, ctx, n, None, None)
            }
            None => tags,
        }
    }

    /// Greedy left-to-right decoding of the sentence in `ctx` with any
    /// scorer (live training weights or a frozen model). `bias` (`n` rows
    /// of class scores) is added before each decision; `keep` receives the
    /// scorer's own rows (zeros for dictionary words).
    fn decode<S: Scorer>(
        &self,
        scorer: &S,
        ctx: &Context,
        n: usize,
        bias: Option<&[f32]>,
        mut keep: Option<&mut Vec<f32>>,
    ) -> Vec<u16> {
        let c = self.classes.len();
        let mut history: Vec<u16> = Vec::with_capacity(n);
        let mut feats = Vec::with_capacity(64);
        let mut scores = vec![0.0f32; c];
        if let Some(keep) = keep.as_deref_mut() {
            keep.clear();
            keep.resize(n * c, 0.0);
        }
        for i in 0..n {
            let tag = match self.tagdict.get(&ctx.form_hash(i)) {
                Some(&tag) => tag,
                None => {
                    ctx.features(i, &history, &mut feats);
                    scores.fill(0.0);
                    scorer.score(&feats, &mut scores);
                    if let Some(keep) = keep.as_deref_mut() {
                        keep[i * c..(i + 1) * c].copy_from_slice(&scores);
                    }
                    if let Some(bias) = bias {
                        for (s, b) in scores.iter_mut().zip(&bias[i * c..(i + 1) * c]) {
                            *s += b;
                        }
                    }
                    argmax(&scores) as u16
                }
            };
            history.push(tag);
        }
        history
    }

    /// Accuracy on gold-segmented sentences.
    fn evaluate(&self, sentences: &[TreebankSentence]) -> Scores {
        let mut ctx = Context::default();
        let (mut upos, mut xpos, mut lemma, mut total) = (0usize, 0usize, 0usize, 0usize);
        for s in sentences {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let tags = self.predict(&mut ctx, &words);
            for (w, &t) in s.words.iter().zip(&tags) {
                let (u, x) = &self.classes[usize::from(t)];
                upos += usize::from(**u == *w.upos);
                xpos += usize::from(**x == *w.xpos);
                lemma += usize::from(self.lemmatizer.lemmatize(&w.form, x) == w.lemma);
                total += 1;
            }
        }
        let total = total.max(1) as f64;
        Scores {
            upos: upos as f64 / total,
            xpos: xpos as f64 / total,
            lemma: lemma as f64 / total,
        }
    }

    /// Accuracy `(upos, xpos, lemma)` on gold-segmented treebank sentences.
    pub fn accuracy(&self, sentences: &[TreebankSentence]) -> (f64, f64, f64) {
        let s = self.evaluate(sentences);
        (s.upos, s.xpos, s.lemma)
    }

    /// Serialises the tagger into model-file bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = ByteWriter::new();
        w.u32(VERSION);
        let upos: Vec<&str> = self.classes.iter().map(|c| &*c.0).collect();
        let xpos: Vec<&str> = self.classes.iter().map(|c| &*c.1).collect();
        w.strings(&upos);
        w.strings(&xpos);
        let mut dict: Vec<(u64, u16)> = self.tagdict.iter().map(|(&k, &v)| (k, v)).collect();
        dict.sort_unstable();
        w.u32(dict.len() as u32);
        for (k, v) in dict {
            w.u64(k);
            w.u32(u32::from(v));
        }
        let mut lex: Vec<(u64, u64)> = self.lexicon.iter().map(|(&k, &v)| (k, v)).collect();
        lex.sort_unstable();
        w.u32(lex.len() as u32);
        for (k, v) in lex {
            w.u64(k);
            w.u64(v);
        }
        self.first.write(&mut w);
        w.u32(u32::from(self.backward.is_some()));
        if let Some(backward) = &self.backward {
            backward.write(&mut w);
        }
        w.u32(u32::from(self.second.is_some()));
        if let Some(second) = &self.second {
            second.write(&mut w);
        }
        self.lemmatizer.write(&mut w);
        w.u32(u32::from(self.clusters.is_some()));
        if let Some(clusters) = &self.clusters {
            clusters.write(&mut w);
        }
        codec::encode_file(KIND, &w.into_bytes())
    }

    /// Writes the model file.
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        std::fs::write(path, self.to_bytes()).map_err(|source| ModelError::Io {
            path: path.display().to_string(),
            source,
        })
    }

    /// Reads a model file written by [`Tagger::save`].
    pub fn load(path: &Path) -> Result<Tagger, ModelError> {
        let payload = codec::load_file(path, KIND)?;
        Self::from_payload(&payload)
    }

    /// Reads a model from the bytes of a model file (e.g. `include_bytes!`).
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        let payload = codec::decode_file(KIND, bytes)?;
        Self::from_payload(&payload)
    }

    fn from_payload(payload: &[u8]) -> Result<Tagger, ModelError> {
        let mut r = ByteReader::new(payload);
        let version = r.u32()?;
        // Format 4 is format 5 without the clusters.
        if version != VERSION && version != 4 {
            return Err(ModelError::Corrupt(format!(
                "tagger format {version}, expected {VERSION}"
            )));
        }
        let upos = r.strings()?;
        let xpos = r.strings()?;
        if upos.len() != xpos.len() || upos.is_empty() || upos.len() > usize::from(u16::MAX) {
            return Err(ModelError::Corrupt("inconsistent tag classes".into()));
        }
        let classes: Vec<(Box<str>, Box<str>)> = upos
            .into_iter()
            .zip(xpos)
            .map(|(u, x)| (u.into_boxed_str(), x.into_boxed_str()))
            .collect();
        let n = r.len(12)?;
        let mut tagdict = HashMap::with_capacity_and_hasher(n, PassThrough);
        for _ in 0..n {
            let key = r.u64()?;
            let class = r.u32()?;
            if class as usize >= classes.len() {
                return Err(ModelError::Corrupt(
                    "tag dictionary class out of range".into(),
                ));
            }
            tagdict.insert(key, class as u16);
        }
        let n = r.len(16)?;
        let mut lexicon = Lexicon::with_capacity_and_hasher(n, PassThrough);
        for _ in 0..n {
            let key = r.u64()?;
            lexicon.insert(key, r.u64()?);
        }
        let first = Model::read(&mut r)?;
        let backward = match r.u32()? {
            0 => None,
            _ => Some(Model::read(&mut r)?),
        };
        let second = match r.u32()? {
            0 => None,
            _ => Some(Model::read(&mut r)?),
        };
        if std::iter::once(&first)
            .chain(&backward)
            .chain(&second)
            .any(|m| m.n_classes() != classes.len())
        {
            return Err(ModelError::Corrupt("model and tag classes disagree".into()));
        }
        let lemmatizer = Lemmatizer::read(&mut r)?;
        let clusters = match if version >= 5 { r.u32()? } else { 0 } {
            0 => None,
            _ => Some(Clusters::read(&mut r)?),
        };
        let cluster_index = clusters
            .as_ref()
            .map_or_else(ClusterIndex::default, ClusterIndex::new);
        Ok(Tagger {
            classes,
            first,
            backward,
            second,
            tagdict,
            lexicon,
            lemmatizer,
            clusters,
            cluster_index,
        })
    }
}

/// Which model [`Tagger::train_pass`] trains.
#[derive(Clone, Copy)]
enum Slot<'a> {
    First,
    Backward,
    /// The look-ahead pass, with first-pass tags of the training data.
    Second(&'a [Vec<u16>]),
}

impl TrainData<'_> {
    /// The same data with every sentence reversed, for the right-to-left
    /// model.
    fn reversed(&self, clusters: &ClusterIndex, min_feature_count: u32) -> Self {
        fn rev<T: Clone>(rows: &[Vec<T>]) -> Vec<Vec<T>> {
            rows.iter()
                .map(|r| r.iter().rev().cloned().collect())
                .collect()
        }
        let words = rev(&self.words);
        let gold = rev(&self.gold);
        let ambiguities = rev(&self.ambiguities);
        let allowed = frequent_features(&words, &gold, &ambiguities, clusters, min_feature_count);
        TrainData {
            words,
            gold,
            ambiguities,
            allowed,
        }
    }
}

/// Dev accuracies of one epoch.
#[derive(Debug, Clone, Copy)]
struct Scores {
    upos: f64,
    xpos: f64,
    lemma: f64,
}

impl Scores {
    /// What early stopping maximises: both tag accuracies.
    fn key(&self) -> f64 {
        self.upos + self.xpos
    }
}

fn pair(w: &Word) -> (String, String) {
    (w.upos.clone(), w.xpos.clone())
}

/// The `UPOS|XPOS` pairs of the training data, most frequent first (so
/// ties in scores favour frequent classes), and their ids.
#[allow(clippy::type_complexity)]
fn collect_classes(
    train: &[TreebankSentence],
) -> (Vec<(Box<str>, Box<str>)>, HashMap<(String, String), u16>) {
    let mut counts: HashMap<(String, String), usize> = HashMap::new();
    for w in train.iter().flat_map(|s| &s.words) {
        *counts.entry(pair(w)).or_default() += 1;
    }
    let mut sorted: Vec<((String, String), usize)> = counts.into_iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let class_of = sorted
        .iter()
        .enumerate()
        .map(|(i, (p, _))| (p.clone(), i as u16))
        .collect();
    let classes = sorted
        .into_iter()
        .map(|((u, x), _)| (u.into_boxed_str(), x.into_boxed_str()))
        .collect();
    (classes, class_of)
}

/// Words seen at least this often…
const DICT_MIN_COUNT: usize = 20;
/// …with at least this share of one class are tagged by dictionary.
const DICT_MIN_SHARE: f64 = 0.995;

fn build_tagdict(train: &[TreebankSentence], gold: &[Vec<u16>]) -> HashMap<u64, u16, PassThrough> {
    let mut counts: HashMap<u64, HashMap<u16, usize>, PassThrough> = HashMap::default();
    for (s, tags) in train.iter().zip(gold) {
        for (w, &t) in s.words.iter().zip(tags) {
            *counts
                .entry(features::form_hash(&w.form))
                .or_default()
                .entry(t)
                .or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter_map(|(form, by_tag)| {
            let total: usize = by_tag.values().sum();
            let (&tag, &n) = by_tag
                .iter()
                .max_by_key(|&(&t, &n)| (n, std::cmp::Reverse(t)))?;
            (total >= DICT_MIN_COUNT && n as f64 / total as f64 >= DICT_MIN_SHARE)
                .then_some((form, tag))
        })
        .collect()
}

/// Words seen at least this often get an ambiguity class; rarer words
/// look "unknown", as most dev words unseen in training do.
const LEXICON_MIN_COUNT: usize = 2;
/// Classes below this share of a word's occurrences are annotation noise.
const LEXICON_MIN_SHARE: f64 = 0.02;

/// Class counts per exact-form hash.
type FormCounts = HashMap<u64, HashMap<u16, usize>, PassThrough>;

fn form_counts(train: &[TreebankSentence], gold: &[Vec<u16>]) -> FormCounts {
    let mut counts = FormCounts::default();
    for (s, tags) in train.iter().zip(gold) {
        for (w, &t) in s.words.iter().zip(tags) {
            for key in [features::form_hash(&w.form), features::norm_hash(&w.form)] {
                *counts.entry(key).or_default().entry(t).or_default() += 1;
            }
        }
    }
    counts
}

/// The ambiguity class of a word with these class counts, or `None` when
/// it is too rare to have one. `minus` removes one occurrence of a class
/// (leave-one-out for training tokens).
fn ambiguity(by_tag: &HashMap<u16, usize>, minus: Option<u16>) -> Option<u64> {
    let count = |t: u16, n: usize| n - usize::from(minus == Some(t));
    let total: usize = by_tag.iter().map(|(&t, &n)| count(t, n)).sum();
    if total < LEXICON_MIN_COUNT {
        return None;
    }
    let mut set: Vec<u16> = by_tag
        .iter()
        .filter(|&(&t, &n)| count(t, n) as f64 / total as f64 >= LEXICON_MIN_SHARE)
        .map(|(&t, _)| t)
        .collect();
    set.sort_unstable();
    Some(features::ambiguity_hash(&set))
}

fn build_lexicon(counts: &FormCounts) -> Lexicon {
    counts
        .iter()
        .filter_map(|(&form, by_tag)| Some((form, ambiguity(by_tag, None)?)))
        .collect()
}

/// Leave-one-out ambiguity classes of every training token.
fn training_ambiguities(
    train: &[TreebankSentence],
    gold: &[Vec<u16>],
    counts: &FormCounts,
) -> Vec<Vec<(u64, u64)>> {
    let class = |key: u64, t: u16| {
        counts
            .get(&key)
            .and_then(|c| ambiguity(c, Some(t)))
            .unwrap_or(features::UNKNOWN)
    };
    train
        .iter()
        .zip(gold)
        .map(|(s, tags)| {
            s.words
                .iter()
                .zip(tags)
                .map(|(w, &t)| {
                    (
                        class(features::form_hash(&w.form), t),
                        class(features::norm_hash(&w.form), t),
                    )
                })
                .collect()
        })
        .collect()
}

/// Features occurring at least `min_count` times in training with gold
/// history, or `None` when every feature is allowed.
fn frequent_features(
    words: &[Vec<&str>],
    gold: &[Vec<u16>],
    ambiguities: &[Vec<(u64, u64)>],
    clusters: &ClusterIndex,
    min_count: u32,
) -> Option<HashMap<Feature, (), PassThrough>> {
    if min_count <= 1 {
        return None;
    }
    let mut counts: HashMap<Feature, u32, PassThrough> = HashMap::default();
    let mut ctx = Context::default();
    let mut feats = Vec::new();
    for ((words, tags), amb) in words.iter().zip(gold).zip(ambiguities) {
        ctx.fill(words, &Lexicon::default(), clusters);
        ctx.set_ambiguities(amb);
        for i in 0..words.len() {
            ctx.features(i, &tags[..i], &mut feats);
            for &f in &feats {
                *counts.entry(f).or_default() += 1;
            }
        }
    }
    Some(
        counts
            .into_iter()
            .filter(|&(_, n)| n >= min_count)
            .map(|(f, _)| (f, ()))
            .collect(),
    )
}
