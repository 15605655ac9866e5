//! Near-duplicate linking (`storyline eval duplicates`): reprints built
//! from a folder of articles, among other articles on the same topic.
//!
//! Each article of the set is stored under its own URL, then reprinted the
//! way syndication changes copy: a new headline (outlet suffixes, "Opinion |",
//! a rewrite), a different first sentence, the last paragraph dropped and a
//! new URL. A reprint linked to its own original is a true link; any other
//! link (a reprint to another article, an article or distractor to anything)
//! is false. Distractors are further articles on the same topic that must
//! not be linked. The store is a real SQLite file in a temporary folder.

use std::path::{Path, PathBuf};

use serde::Serialize;
use storyline_extract::Pipeline;
use storyline_ingest::{Document, IngestError, IngestOptions};
use storyline_store::near::{self, Signature};
use storyline_store::{Identity, Incoming, Mode, Outcome, SqliteStore, Store, StoreError};
use thiserror::Error;

/// Why the evaluation could not run.
#[derive(Debug, Error)]
pub enum DuplicatesError {
    /// A folder that is not one, or holds no articles.
    #[error("{0}")]
    Folder(String),
    /// An article that could not be read.
    #[error(transparent)]
    Read(#[from] IngestError),
    /// The temporary store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The temporary folder could not be made.
    #[error("creating a temporary folder: {0}")]
    Temp(#[from] std::io::Error),
}

/// What the evaluation found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DuplicatesReport {
    /// Articles in the set.
    pub articles: usize,
    /// Articles reprinted and scored.
    pub reprinted: usize,
    /// Articles too short to reprint (fewer than three paragraphs).
    pub not_reprinted_short: usize,
    /// Articles that already copy another source article.
    pub not_reprinted_already_copies: usize,
    /// Distractor articles.
    pub distractor_texts: usize,
    /// Links the store made among the distractors (the sources' own reprints; not scored).
    pub links_among_distractors: usize,
    /// Reprints linked to their own original.
    pub true_links: usize,
    /// Any other link of a reprint or a scored article.
    pub false_links: usize,
    /// Reprints left unlinked or linked elsewhere.
    pub missed: usize,
    /// true / (true + false) links.
    pub precision: f64,
    /// true links / reprints.
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
    /// The lowest estimated similarity of a reprint to its original.
    pub reprint_similarity_min: f64,
    /// The highest estimated similarity of a scored article to any other.
    pub unrelated_similarity_max: f64,
}

/// Documents per transaction, as `ingest` writes them.
const BATCH: usize = 32;

/// Runs the evaluation.
pub fn evaluate(
    set: &Path,
    distractors: Option<&Path>,
) -> Result<DuplicatesReport, DuplicatesError> {
    let originals = read_folder(set, "https://original.example")?;
    let others = match distractors {
        Some(dir) => read_folder(dir, "https://distractor.example")?,
        None => Vec::new(),
    };
    let long_enough = originals
        .iter()
        .filter(|d| paragraphs(near::body(d)).len() >= MIN_PARAGRAPHS)
        .count();
    let scored = scored_articles(&originals, &others);
    let reprints: Vec<(usize, Document)> = scored
        .iter()
        .map(|&i| (i, reprint(&originals[i], i)))
        .collect();
    let folder = tempfile::tempdir()?;
    let mut store = SqliteStore::open(&folder.path().join("duplicates.db"), Mode::Write)?;
    let pipeline = Pipeline::text_only();
    let distractor_outcomes = store_all(&mut store, &pipeline, others.iter())?;
    let original_outcomes = store_all(&mut store, &pipeline, originals.iter())?;
    let reprint_outcomes = store_all(&mut store, &pipeline, reprints.iter().map(|(_, d)| d))?;

    let mut true_links = 0usize;
    let mut false_links = 0usize;
    for ((i, _), outcome) in reprints.iter().zip(&reprint_outcomes) {
        match outcome {
            Outcome::Duplicate { of, .. } if *of == Identity::of(&originals[*i]).id => {
                true_links += 1;
            }
            Outcome::Duplicate { .. } => false_links += 1,
            _ => {}
        }
    }
    false_links += scored
        .iter()
        .filter(|&&i| matches!(original_outcomes[i], Outcome::Duplicate { .. }))
        .count();
    let is_link = |o: &&Outcome| matches!(o, Outcome::Duplicate { .. });
    let among_distractors = distractor_outcomes.iter().filter(is_link).count();
    let links = true_links + false_links;
    let precision = if links == 0 {
        1.0
    } else {
        true_links as f64 / links as f64
    };
    let recall = true_links as f64 / scored.len().max(1) as f64;
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    let (positive_min, negative_max) = margins(&originals, &reprints, &scored, &others);
    Ok(DuplicatesReport {
        articles: originals.len(),
        reprinted: reprints.len(),
        not_reprinted_short: originals.len() - long_enough,
        not_reprinted_already_copies: long_enough - scored.len(),
        distractor_texts: others.len(),
        links_among_distractors: among_distractors,
        true_links,
        false_links,
        missed: reprints.len() - true_links,
        precision,
        recall,
        f1,
        reprint_similarity_min: positive_min,
        unrelated_similarity_max: negative_max,
    })
}

/// Paragraphs an article needs to be reprinted: one to lose, one whose
/// first sentence changes, one left as it was.
const MIN_PARAGRAPHS: usize = 3;
/// Exact shingle containment from which two source articles are already
/// copies of each other (the data holds wire stories printed twice): such
/// an article has no right answer of its own and is not reprinted.
const SOURCE_COPY: f64 = 0.5;

/// The set's articles that are reprinted and scored.
fn scored_articles(originals: &[Document], others: &[Document]) -> Vec<usize> {
    let sets: Vec<Vec<u64>> = originals
        .iter()
        .chain(others)
        .map(|d| near::shingles(near::body(d)))
        .collect();
    (0..originals.len())
        .filter(|&i| paragraphs(near::body(&originals[i])).len() >= MIN_PARAGRAPHS)
        .filter(|&i| {
            !sets
                .iter()
                .enumerate()
                .any(|(j, other)| j != i && containment(&sets[i], other) >= SOURCE_COPY)
        })
        .collect()
}

/// |A ∩ B| / min(|A|, |B|) of two sorted, distinct hash lists.
fn containment(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared as f64 / a.len().min(b.len()) as f64
}

fn paragraphs(body: &str) -> Vec<&str> {
    body.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The `.txt` articles of a folder, each under a URL of its own.
fn read_folder(dir: &Path, site: &str) -> Result<Vec<Document>, DuplicatesError> {
    if !dir.is_dir() {
        return Err(DuplicatesError::Folder(format!(
            "{}: not a folder of .txt articles",
            dir.display()
        )));
    }
    let mut docs = Vec::new();
    for result in storyline_ingest::read_inputs(&[PathBuf::from(dir)], &IngestOptions::default()) {
        let mut doc = result?;
        let stem = Path::new(&doc.id)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        doc.url = Some(format!("{site}/{stem}"));
        docs.push(doc);
    }
    if docs.is_empty() {
        return Err(DuplicatesError::Folder(format!(
            "{}: no articles",
            dir.display()
        )));
    }
    Ok(docs)
}

/// Headline rewrites a syndicating outlet makes.
const RETITLE: &[&str] = &[
    "Opinion | {} – The Evening Ledger",
    "{} - Wire Report",
    "Analysis: {}",
    "{} | Regional News",
];
/// Sentences that replace the first one.
const FIRST_SENTENCE: &[&str] = &[
    "This report first appeared in another newspaper and is republished with permission.",
    "What follows was distributed to member papers by a news agency on the same day.",
];

/// The syndicated copy of `doc`: new headline, new first sentence, last
/// paragraph dropped, new URL.
fn reprint(doc: &Document, i: usize) -> Document {
    let title = doc.title.clone().unwrap_or_default();
    let new_title = RETITLE[i % RETITLE.len()].replace("{}", &title);
    let mut paragraphs = paragraphs(near::body(doc));
    if paragraphs.len() > 1 {
        paragraphs.pop();
    }
    let mut text = format!("{new_title}\n\n");
    for (k, paragraph) in paragraphs.iter().enumerate() {
        if k == 0 {
            let rest = after_first_sentence(paragraph);
            text.push_str(FIRST_SENTENCE[i % FIRST_SENTENCE.len()]);
            if !rest.is_empty() {
                text.push(' ');
                text.push_str(rest);
            }
        } else {
            text.push_str(paragraph);
        }
        text.push_str("\n\n");
    }
    Document {
        id: format!("reprint-{i}"),
        url: Some(format!(
            "https://reprints.example/story/{i}?utm_source=feed"
        )),
        title: Some(new_title),
        published: doc.published.clone(),
        text: text.trim_end().to_owned(),
        ..Document::default()
    }
}

/// The paragraph after its first sentence (a full stop, question or
/// exclamation mark followed by a space).
fn after_first_sentence(paragraph: &str) -> &str {
    paragraph
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '?' | '!') && paragraph[i + 1..].starts_with(' '))
        .map_or("", |(i, _)| paragraph[i + 1..].trim_start())
}

fn store_all<'a>(
    store: &mut SqliteStore,
    pipeline: &Pipeline,
    docs: impl Iterator<Item = &'a Document>,
) -> Result<Vec<Outcome>, StoreError> {
    let docs: Vec<&Document> = docs.collect();
    let mut outcomes = Vec::with_capacity(docs.len());
    for chunk in docs.chunks(BATCH) {
        let records: Vec<_> = chunk
            .iter()
            .map(|d| pipeline.run(d, Default::default()))
            .collect();
        let batch: Vec<Incoming<'_>> = chunk
            .iter()
            .zip(&records)
            .map(|(&document, record)| Incoming { document, record })
            .collect();
        outcomes.extend(store.put(&batch)?);
    }
    Ok(outcomes)
}

/// The lowest similarity of a reprint to its original, and the highest of
/// a scored article to any other article or distractor (not its own reprint).
fn margins(
    originals: &[Document],
    reprints: &[(usize, Document)],
    scored: &[usize],
    others: &[Document],
) -> (f64, f64) {
    let all: Vec<Signature> = originals.iter().chain(others).map(Signature::of).collect();
    let positive_min = reprints
        .iter()
        .map(|(i, r)| all[*i].similarity(&Signature::of(r)))
        .fold(1.0, f64::min);
    let mut negative_max: f64 = 0.0;
    for &i in scored {
        for (j, other) in all.iter().enumerate() {
            if j != i {
                negative_max = negative_max.max(all[i].similarity(other));
            }
        }
    }
    (positive_min, negative_max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reprint_changes_title_first_sentence_and_last_paragraph() {
        let doc = Document {
            id: "a.txt".into(),
            title: Some("Talks end".into()),
            text: "Talks end\n\nEnvoys met. They talked.\n\nSecond.\n\nThird.\n\nLast one.".into(),
            ..Document::default()
        };
        let copy = reprint(&doc, 0);
        assert_eq!(
            copy.title.as_deref(),
            Some("Opinion | Talks end – The Evening Ledger")
        );
        assert!(
            copy.text
                .contains("republished with permission. They talked.")
        );
        assert!(!copy.text.contains("Envoys met."));
        assert!(!copy.text.contains("Last one."));
        assert!(copy.text.contains("Third."));
    }
}
