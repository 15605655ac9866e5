//! Training: the averaged perceptron guided by the dynamic oracle, with
//! exploration of the model's own (possibly wrong) moves, early stopping on
//! dev LAS, and optionally jackknifed predicted tags.

use std::collections::HashMap;
use std::time::Instant;

use super::feats::{self, Tokens};
use super::oracle;
use super::system::{Move, N_MOVES, State};
use super::{EpochReport, Parser, ParserReport, ROOT_LABEL, TrainOptions, Workspace, best_valid};
use crate::clusters::Clusters;
use crate::error::ModelError;
use crate::features::Feature;
use crate::perceptron::{Rng, Trainer, argmax};
use crate::tagger::{self, Tagger};
use crate::treebank::TreebankSentence;

/// One training sentence, ready for the oracle.
struct Example {
    tokens: Tokens,
    /// Gold head per token (index 0 unused).
    heads: Vec<usize>,
    /// Gold label id per token (index 0 unused).
    labels: Vec<u16>,
}

/// Per-sentence (UPOS, XPOS) tags.
type Tags = Vec<(String, String)>;

/// Trains a parser; see [`Parser::train`].
pub(super) fn train(
    train: &[TreebankSentence],
    dev: &[TreebankSentence],
    opts: &TrainOptions,
) -> Result<(Parser, ParserReport), ModelError> {
    let start = Instant::now();
    let train = &train[..opts.max_sentences.unwrap_or(usize::MAX).min(train.len())];
    if train.is_empty() {
        return Err(ModelError::Data("no training sentences".into()));
    }
    check_trees(train)?;
    let labels = collect_labels(train);
    let label_of: HashMap<&str, u16> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i as u16))
        .collect();
    let root_label = label_of[ROOT_LABEL];

    let train_tags = cached_training_tags(train, dev, opts)?;
    let clusters = opts.clusters;
    let mut examples: Vec<Example> = train
        .iter()
        .zip(&train_tags)
        .map(|(s, tags)| example(s, tags, &label_of, clusters))
        .collect();
    let predicted = opts.tagger.is_some() || opts.jackknife_folds > 1;
    if opts.gold_copy && predicted {
        examples.extend(
            train
                .iter()
                .map(|s| example(s, &gold_tags(s), &label_of, clusters)),
        );
    }
    let non_projective = examples
        .iter()
        .take(train.len())
        .filter(|e| !oracle::is_projective(&e.heads))
        .count();
    if opts.skip_non_projective {
        examples.retain(|e| oracle::is_projective(&e.heads));
    }
    let dev_tokens: Vec<Tokens> = dev
        .iter()
        .map(|s| {
            let tags = match opts.tagger {
                Some(t) => predicted_tags(t, s),
                None => gold_tags(s),
            };
            tokens(s, &tags, clusters)
        })
        .collect();
    if opts.verbose {
        eprintln!(
            "parser: {} training sentences ({non_projective} non-projective), {} labels, tags ready after {:.1}s",
            train.len(),
            labels.len(),
            start.elapsed().as_secs_f64()
        );
    }

    let mut moves = Trainer::new(N_MOVES);
    let mut labeller = Trainer::new(labels.len());
    let mut rng = Rng::new(opts.seed);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut ws = TrainWorkspace::default();
    let mut best: Option<(Parser, EpochReport)> = None;
    let mut history = Vec::new();
    for epoch in 1..=opts.epochs.max(1) {
        rng.shuffle(&mut order);
        let explore = (epoch >= opts.explore_from).then_some(opts.explore_prob);
        for &i in &order {
            let mut learner = Learner {
                moves: &mut moves,
                labeller: &mut labeller,
                rng: &mut rng,
                explore,
                root_label,
            };
            learner.sentence(&examples[i], &mut ws);
        }
        let parser = Parser::from_parts(
            labels.clone(),
            moves.average(opts.prune),
            labeller.average(opts.prune),
            clusters.cloned(),
        )?;
        let (dev_uas, dev_las) = attachment_scores(&parser, dev, &dev_tokens);
        let report = EpochReport {
            epoch,
            dev_uas,
            dev_las,
            seconds: start.elapsed().as_secs_f64(),
        };
        if opts.verbose {
            eprintln!(
                "parser epoch {epoch}: dev UAS {:.4} LAS {:.4} ({:.0}s)",
                dev_uas, dev_las, report.seconds
            );
        }
        history.push(report.clone());
        if best.as_ref().is_none_or(|(_, b)| dev_las > b.dev_las) {
            best = Some((parser, report));
        } else if best
            .as_ref()
            .is_some_and(|(_, b)| epoch - b.epoch >= opts.patience.max(1))
        {
            break;
        }
    }
    let (parser, best) = best.expect("at least one epoch");
    let report = ParserReport {
        best_epoch: best.epoch,
        dev_uas: best.dev_uas,
        dev_las: best.dev_las,
        predicted_tags: opts.tagger.is_some(),
        train_sentences: train.len(),
        non_projective,
        epochs: history,
        features: (parser.moves.n_features(), parser.labeller.n_features()),
        seconds: start.elapsed().as_secs_f64(),
    };
    Ok((parser, report))
}

/// Refuses trees the parser cannot represent (bad head indices).
fn check_trees(sentences: &[TreebankSentence]) -> Result<(), ModelError> {
    for (i, s) in sentences.iter().enumerate() {
        if s.words.iter().any(|w| w.head > s.words.len()) {
            return Err(ModelError::Data(format!(
                "training sentence {} has a head outside the sentence",
                i + 1
            )));
        }
    }
    Ok(())
}

/// The label inventory, sorted so the model is independent of data order;
/// `root` is always present.
fn collect_labels(sentences: &[TreebankSentence]) -> Vec<String> {
    let mut labels: Vec<String> = sentences
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.deprel.clone()))
        .chain([ROOT_LABEL.to_string()])
        .collect();
    labels.sort_unstable();
    labels.dedup();
    labels
}

fn gold_tags(s: &TreebankSentence) -> Tags {
    s.words
        .iter()
        .map(|w| (w.upos.clone(), w.xpos.clone()))
        .collect()
}

fn predicted_tags(tagger: &Tagger, s: &TreebankSentence) -> Tags {
    let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
    tagger
        .tag_ids(&words)
        .into_iter()
        .map(|id| (tagger.upos(id).to_string(), tagger.xpos(id).to_string()))
        .collect()
}

/// [`training_tags`], read from or written to `opts.tags_cache`: one line
/// per sentence, `UPOS XPOS` pairs separated by tabs.
fn cached_training_tags(
    train: &[TreebankSentence],
    dev: &[TreebankSentence],
    opts: &TrainOptions,
) -> Result<Vec<Tags>, ModelError> {
    let Some(path) = opts.tags_cache else {
        return training_tags(train, dev, opts);
    };
    if let Ok(text) = std::fs::read_to_string(path) {
        let tags: Vec<Tags> = text
            .lines()
            .map(|line| {
                line.split('\t')
                    .filter(|p| !p.is_empty())
                    .map(|p| {
                        let (u, x) = p.split_once(' ').unwrap_or((p, "_"));
                        (u.to_string(), x.to_string())
                    })
                    .collect()
            })
            .collect();
        let fits = tags.len() == train.len()
            && tags
                .iter()
                .zip(train)
                .all(|(t, s)| t.len() == s.words.len());
        if fits {
            if opts.verbose {
                eprintln!("parser: training tags read from {}", path.display());
            }
            return Ok(tags);
        }
        return Err(ModelError::Data(format!(
            "{}: cached tags do not fit the training data",
            path.display()
        )));
    }
    let tags = training_tags(train, dev, opts)?;
    let mut text = String::new();
    for sentence in &tags {
        let pairs: Vec<String> = sentence.iter().map(|(u, x)| format!("{u} {x}")).collect();
        text.push_str(&pairs.join("\t"));
        text.push('\n');
    }
    std::fs::write(path, text).map_err(|e| ModelError::Data(format!("{}: {e}", path.display())))?;
    Ok(tags)
}

/// Tags the parser is trained on: jackknifed predictions (each fold tagged
/// by a tagger that never saw it), the given tagger's, or gold.
fn training_tags(
    train: &[TreebankSentence],
    dev: &[TreebankSentence],
    opts: &TrainOptions,
) -> Result<Vec<Tags>, ModelError> {
    let k = opts.jackknife_folds;
    if k > 1 {
        let mut tags: Vec<Tags> = vec![Vec::new(); train.len()];
        for fold in 0..k {
            let rest: Vec<TreebankSentence> = train
                .iter()
                .enumerate()
                .filter(|(i, _)| i % k != fold)
                .map(|(_, s)| s.clone())
                .collect();
            // The fold taggers are built like the given tagger: same
            // direction(s) and word clusters.
            let topts = tagger::TrainOptions {
                epochs: opts.jackknife_epochs,
                seed: opts.seed,
                backward: opts.tagger.is_none_or(Tagger::has_backward),
                clusters: opts.tagger.and_then(Tagger::clusters).cloned(),
                ..Default::default()
            };
            let (fold_tagger, report) = Tagger::train(&rest, dev, &topts)?;
            if opts.verbose {
                eprintln!(
                    "parser: jackknife fold {}/{k}: tagger dev UPOS {:.4} XPOS {:.4}",
                    fold + 1,
                    report.dev_upos,
                    report.dev_xpos
                );
            }
            for (i, s) in train.iter().enumerate().filter(|(i, _)| i % k == fold) {
                tags[i] = predicted_tags(&fold_tagger, s);
            }
        }
        return Ok(tags);
    }
    Ok(match opts.tagger {
        Some(t) => train.iter().map(|s| predicted_tags(t, s)).collect(),
        None => train.iter().map(gold_tags).collect(),
    })
}

fn tokens(s: &TreebankSentence, tags: &Tags, clusters: Option<&Clusters>) -> Tokens {
    let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
    let upos: Vec<&str> = tags.iter().map(|t| t.0.as_str()).collect();
    let xpos: Vec<&str> = tags.iter().map(|t| t.1.as_str()).collect();
    let mut t = Tokens::default();
    t.fill(&words, &upos, &xpos, clusters);
    t
}

fn example(
    s: &TreebankSentence,
    tags: &Tags,
    label_of: &HashMap<&str, u16>,
    clusters: Option<&Clusters>,
) -> Example {
    let mut heads = vec![super::NONE];
    let mut labels = vec![0];
    for w in &s.words {
        heads.push(w.head);
        labels.push(label_of[w.deprel.as_str()]);
    }
    Example {
        tokens: tokens(s, tags, clusters),
        heads,
        labels,
    }
}

/// (UAS, LAS) of `parser` on gold-segmented sentences with the given tags.
fn attachment_scores(parser: &Parser, gold: &[TreebankSentence], tokens: &[Tokens]) -> (f64, f64) {
    let mut ws = Workspace::default();
    let (mut uas, mut las, mut total) = (0usize, 0usize, 0usize);
    for (s, t) in gold.iter().zip(tokens) {
        ws.tokens.clone_from(t);
        parser.parse_tokens(&mut ws);
        for (i, w) in s.words.iter().enumerate() {
            let head_ok = ws.state.heads[i + 1] == w.head;
            uas += usize::from(head_ok);
            las += usize::from(
                head_ok && parser.labels[usize::from(ws.state.labels[i + 1])] == w.deprel,
            );
            total += 1;
        }
    }
    let total = total.max(1) as f64;
    (uas as f64 / total, las as f64 / total)
}

#[derive(Default)]
struct TrainWorkspace {
    state: State,
    feats: Vec<Feature>,
    scores: Vec<f32>,
}

/// The live classifiers and the exploration policy of one epoch.
struct Learner<'a> {
    moves: &'a mut Trainer,
    labeller: &'a mut Trainer,
    rng: &'a mut Rng,
    /// Probability of following the model's own move, if exploring.
    explore: Option<f64>,
    root_label: u16,
}

impl Learner<'_> {
    /// One pass of the oracle over a sentence, updating both classifiers.
    fn sentence(&mut self, ex: &Example, ws: &mut TrainWorkspace) {
        let n = ex.heads.len() - 1;
        ws.state.reset(n);
        while !ws.state.is_terminal() {
            let next = self.choose_move(ex, ws);
            let label = match ws.state.arc(next) {
                Some((head, dep)) => self.label(ex, ws, head, dep),
                None => 0,
            };
            ws.state.apply(next, label);
        }
    }

    /// Scores the moves, learns from the oracle's cheapest ones, and returns
    /// the move to follow.
    fn choose_move(&mut self, ex: &Example, ws: &mut TrainWorkspace) -> Move {
        feats::transition_features(&ex.tokens, &ws.state, &mut ws.feats);
        let mut scores = [0.0f32; N_MOVES];
        self.moves.score_into(&ws.feats, &mut scores);
        let valid = ws.state.valid_moves();
        let costs = oracle::costs(&ws.state, &ex.heads);
        let min_cost = *costs.iter().min().expect("three moves");
        let cheapest = costs.map(|c| c == min_cost);
        let guess = best_valid(&scores, &valid);
        let target = best_valid(&scores, &cheapest);
        if costs[guess as usize] > min_cost {
            self.moves.update(&ws.feats, target as usize, 1.0);
            self.moves.update(&ws.feats, guess as usize, -1.0);
        }
        self.moves.tick();
        match self.explore {
            Some(p) if uniform(self.rng) < p => guess,
            _ => target,
        }
    }

    /// Predicts the label of `head → dep`, learning from the gold label when
    /// the arc is a gold arc.
    fn label(&mut self, ex: &Example, ws: &mut TrainWorkspace, head: usize, dep: usize) -> u16 {
        if head == 0 {
            return self.root_label;
        }
        feats::label_features(&ex.tokens, &ws.state, head, dep, &mut ws.feats);
        ws.scores.clear();
        ws.scores.resize(self.labeller.n_classes(), 0.0);
        self.labeller.score_into(&ws.feats, &mut ws.scores);
        ws.scores[usize::from(self.root_label)] = f32::NEG_INFINITY;
        let guess = argmax(&ws.scores);
        if ex.heads[dep] == head {
            self.labeller
                .learn(&ws.feats, usize::from(ex.labels[dep]), guess);
            self.labeller.tick();
        }
        guess as u16
    }
}

/// A uniform draw in [0, 1).
fn uniform(rng: &mut Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}
