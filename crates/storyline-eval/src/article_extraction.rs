//! Article-extraction evaluation (scrapinghub's article-extraction-benchmark).
//!
//! The metric is the benchmark's own (`evaluate.py`): the words (`\w+` runs,
//! case kept) of the true and the extracted body are cut into overlapping
//! 4-word shingles; the shingle multisets give TP/FP/FN, normalised per page
//! so long pages weigh no more; precision and recall are each averaged over
//! the pages where they are defined, and F1 is computed from the two averages.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use storyline_ingest::{IngestError, IngestOptions, extract_article_body, one_line};

/// Shingle length of the benchmark.
const SHINGLE: usize = 4;

/// Scores of the HTML reader on an article-extraction benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HtmlScores {
    /// Mean per-page precision.
    pub precision: f64,
    /// Mean per-page recall.
    pub recall: f64,
    /// F1 of the mean precision and mean recall.
    pub f1: f64,
    /// Number of pages evaluated.
    pub pages: usize,
}

/// Per-page true positives, false positives and false negatives, normalised
/// to sum to 1 (all zero when both texts have no words).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PageCounts {
    /// Shingles in both texts.
    pub tp: f64,
    /// Shingles only in the extracted text.
    pub fp: f64,
    /// Shingles only in the true text.
    pub fn_: f64,
}

#[derive(Deserialize)]
struct Truth {
    #[serde(rename = "articleBody", default)]
    article_body: String,
}

/// Evaluates the HTML reader on every page of `DIR/ground-truth.json`
/// (`{HASH: {articleBody, url}}`; the URL is not used), reading `DIR/html/HASH.html.gz`.
/// A page the reader cannot extract counts as an empty extraction.
pub fn evaluate_article_extraction(dir: &Path) -> Result<HtmlScores, IngestError> {
    evaluate_pages(dir, None)
}

/// Like [`evaluate_article_extraction`], on the first `limit` pages in hash
/// order (all pages for `None`); useful for quick checks.
pub fn evaluate_pages(dir: &Path, limit: Option<usize>) -> Result<HtmlScores, IngestError> {
    let truth = load_truth(dir)?;
    let mut keys: Vec<&String> = truth.keys().collect();
    keys.sort();
    keys.truncate(limit.unwrap_or(usize::MAX));
    let counts: Vec<PageCounts> = keys
        .par_iter()
        .map(|key| {
            let entry = &truth[*key];
            let path = dir.join("html").join(format!("{key}.html.gz"));
            let predicted = extract_page(&path)?;
            Ok(shingle_counts(&entry.article_body, &predicted))
        })
        .collect::<Result<_, IngestError>>()?;
    Ok(scores(&counts))
}

fn load_truth(dir: &Path) -> Result<HashMap<String, Truth>, IngestError> {
    let path = dir.join("ground-truth.json");
    let name = one_line(&path.display().to_string());
    let text = std::fs::read_to_string(&path).map_err(|e| IngestError::from_io(&name, &e))?;
    serde_json::from_str(&text).map_err(|e| IngestError::MalformedJson {
        input: name,
        line: Some(e.line()),
        reason: one_line(&e.to_string()),
    })
}

/// The article body our HTML reader extracts from a gzipped page ("" when
/// it finds none). A missing or unreadable page is an error: the benchmark
/// would be meaningless without it.
fn extract_page(path: &Path) -> Result<String, IngestError> {
    let name = one_line(&path.display().to_string());
    let raw = std::fs::read(path).map_err(|e| IngestError::from_io(&name, &e))?;
    extract_article_body(&name, &raw, &IngestOptions::default())
}

/// The benchmark's word tokens: maximal runs of alphanumeric characters or `_`.
pub fn words(text: &str) -> Vec<&str> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    text.split(|c: char| !is_word(c))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The multiset of overlapping 4-word shingles; a text of fewer than four
/// words is one shingle of all its words (none when it has no words).
fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let words = words(text);
    let mut counts = HashMap::new();
    if words.is_empty() {
        return counts;
    }
    let n = words.len().saturating_sub(SHINGLE) + 1;
    for i in 0..n {
        let end = (i + SHINGLE).min(words.len());
        *counts.entry(words[i..end].to_vec()).or_insert(0) += 1;
    }
    counts
}

/// TP/FP/FN of the shingle multisets of `truth` and `predicted`, normalised.
pub fn shingle_counts(truth: &str, predicted: &str) -> PageCounts {
    let t = shingles(truth);
    let p = shingles(predicted);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (key, &tc) in &t {
        let pc = p.get(key).copied().unwrap_or(0);
        tp += tc.min(pc);
        fn_ += tc.saturating_sub(pc);
    }
    for (key, &pc) in &p {
        fp += pc.saturating_sub(t.get(key).copied().unwrap_or(0));
    }
    let sum = (tp + fp + fn_) as f64;
    if sum == 0.0 {
        return PageCounts::default();
    }
    PageCounts {
        tp: tp as f64 / sum,
        fp: fp as f64 / sum,
        fn_: fn_ as f64 / sum,
    }
}

/// Precision of one page as the benchmark defines it (`None`: undefined).
fn page_precision(c: &PageCounts) -> Option<f64> {
    if c.tp + c.fp <= 0.0 {
        return None;
    }
    Some(if c.fp == 0.0 && c.fn_ == 0.0 {
        1.0
    } else {
        c.tp / (c.tp + c.fp)
    })
}

/// Recall of one page as the benchmark defines it (`None`: undefined).
fn page_recall(c: &PageCounts) -> Option<f64> {
    if c.tp + c.fn_ <= 0.0 {
        return None;
    }
    Some(if c.fp == 0.0 && c.fn_ == 0.0 {
        1.0
    } else {
        c.tp / (c.tp + c.fn_)
    })
}

/// Averages per-page precision and recall over the pages where each is
/// defined (as `evaluate.py` does) and combines them into F1.
pub fn scores(pages: &[PageCounts]) -> HtmlScores {
    let mean = |values: Vec<f64>| {
        if values.is_empty() {
            0.0
        } else {
            values.iter().sum::<f64>() / values.len() as f64
        }
    };
    let precision = mean(pages.iter().filter_map(page_precision).collect());
    let recall = mean(pages.iter().filter_map(page_recall).collect());
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    HtmlScores {
        precision,
        recall,
        f1,
        pages: pages.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_unicode_runs() {
        assert_eq!(
            words("Zürich's snake_case, 2025!"),
            ["Zürich", "s", "snake_case", "2025"]
        );
    }

    #[test]
    fn short_texts_are_one_shingle() {
        let c = shingle_counts("a b c", "a b c");
        assert_eq!((c.tp, c.fp, c.fn_), (1.0, 0.0, 0.0));
        let c = shingle_counts("a b c", "a b");
        assert_eq!((c.tp, c.fp, c.fn_), (0.0, 0.5, 0.5));
    }

    #[test]
    fn counts_and_scores() {
        // truth shingles: abcd bcde; predicted: abcd bcdx → tp 1, fp 1, fn 1.
        let c = shingle_counts("a b c d e", "a b c d x");
        assert!((c.tp - 1.0 / 3.0).abs() < 1e-12);
        let s = scores(&[c, shingle_counts("", "")]);
        assert!((s.precision - 0.5).abs() < 1e-12);
        assert!((s.recall - 0.5).abs() < 1e-12);
        assert_eq!(s.pages, 2);
        // An empty extraction has no precision but zero recall.
        let s = scores(&[shingle_counts("a b c d", "")]);
        assert_eq!((s.precision, s.recall), (0.0, 0.0));
    }
}
