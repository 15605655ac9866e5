//! TempEval-3 style scoring of [`storyline_extract::time::find_times`] on
//! TimeML files (read by [`crate::timeml`]).
//!
//! For every `.tml` file: the DCT is the publication date, the `<TEXT>`
//! content with its tags stripped is the text (gold offsets are counted
//! while stripping, so they align), and the predictions are compared with
//! the gold TIMEX3s (the DCT's own TIMEX3 is not part of the text and so is
//! never gold).

use std::path::{Path, PathBuf};

use serde::Serialize;
use storyline_extract::record::Time;
use storyline_extract::time::find_times;

use crate::timeml::{GoldTimex, TimeMlDoc, parse_timeml};

/// Scores over a directory of TimeML files (micro-averaged over expressions).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TimexScores {
    /// F1 of exact span matches.
    pub extent_strict_f1: f64,
    /// F1 of one-to-one overlapping matches.
    pub extent_relaxed_f1: f64,
    /// Share of relaxed matches with the gold type.
    pub type_accuracy: f64,
    /// F1 of relaxed matches with the gold value (P over predictions, R over gold).
    pub value_f1: f64,
    /// Files scored.
    pub files: usize,
    /// Gold expressions.
    pub gold: usize,
    /// Predicted expressions.
    pub predicted: usize,
}

/// Why a directory could not be scored.
#[derive(Debug, thiserror::Error)]
pub enum TimeEvalError {
    /// The directory or a file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file is not TimeML as expected.
    #[error("malformed TimeML in {path}: {message}")]
    Malformed {
        /// The offending file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The directory holds no `.tml` file.
    #[error("no .tml files in {0}")]
    Empty(PathBuf),
}

/// Scores every `.tml` file in `dir`.
pub fn evaluate_timeml(dir: &Path) -> Result<TimexScores, TimeEvalError> {
    let mut totals = Counts::default();
    let files = for_each_document(dir, |_, doc, predicted| {
        totals.add(&score_document(&doc.timexes, predicted));
    })?;
    Ok(totals.scores(files))
}

/// Runs `find_times` on every `.tml` file in `dir` (sorted by name) and hands
/// each document and its predictions to `visit`; returns the file count.
pub fn for_each_document(
    dir: &Path,
    mut visit: impl FnMut(&Path, &TimeMlDoc, &[Time]),
) -> Result<usize, TimeEvalError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| TimeEvalError::Io { path, source }
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(TimeEvalError::Empty(dir.to_path_buf()));
    }
    for path in &paths {
        let xml = std::fs::read_to_string(path).map_err(io(path))?;
        let doc = parse_timeml(&xml).map_err(|message| TimeEvalError::Malformed {
            path: path.clone(),
            message,
        })?;
        let (tokens, _) = storyline_text::analyse(&doc.text);
        let found = find_times(&doc.text, &tokens, doc.dct.as_deref());
        visit(path, &doc, &found.times);
    }
    Ok(paths.len())
}

/// Match counts for one or more documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold expressions.
    pub gold: usize,
    /// Predicted expressions.
    pub predicted: usize,
    /// Exact span matches.
    pub strict: usize,
    /// One-to-one overlapping matches.
    pub relaxed: usize,
    /// Relaxed matches with the right type.
    pub typed: usize,
    /// Relaxed matches with the right value.
    pub valued: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.typed += o.typed;
        self.valued += o.valued;
    }

    fn scores(&self, files: usize) -> TimexScores {
        let f1 = |hits: usize| {
            let p = ratio(hits, self.predicted);
            let r = ratio(hits, self.gold);
            if p + r == 0.0 {
                0.0
            } else {
                2.0 * p * r / (p + r)
            }
        };
        TimexScores {
            extent_strict_f1: f1(self.strict),
            extent_relaxed_f1: f1(self.relaxed),
            type_accuracy: ratio(self.typed, self.relaxed),
            value_f1: f1(self.valued),
            files,
            gold: self.gold,
            predicted: self.predicted,
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Pairs each gold expression with the first unused overlapping prediction.
pub fn align(gold: &[GoldTimex], predicted: &[Time]) -> Vec<(usize, usize)> {
    let mut used = vec![false; predicted.len()];
    let mut pairs = Vec::new();
    for (g, gt) in gold.iter().enumerate() {
        let hit = predicted
            .iter()
            .enumerate()
            .find(|(p, pt)| !used[*p] && pt.start < gt.end && gt.start < pt.end);
        if let Some((p, _)) = hit {
            used[p] = true;
            pairs.push((g, p));
        }
    }
    pairs
}

/// Counts matches between one document's gold and predicted expressions.
pub fn score_document(gold: &[GoldTimex], predicted: &[Time]) -> Counts {
    let strict = gold
        .iter()
        .filter(|g| {
            predicted
                .iter()
                .any(|p| p.start == g.start && p.end == g.end)
        })
        .count();
    let pairs = align(gold, predicted);
    let typed = pairs
        .iter()
        .filter(|&&(g, p)| gold[g].kind == predicted[p].kind)
        .count();
    let valued = pairs
        .iter()
        .filter(|&&(g, p)| predicted[p].value.as_deref() == Some(gold[g].value.as_str()))
        .count();
    Counts {
        gold: gold.len(),
        predicted: predicted.len(),
        strict,
        relaxed: pairs.len(),
        typed,
        valued,
    }
}
