//! `storyline bench stories`: the cost of story assignment as a database
//! grows — every stored document placed again in publication order, the
//! assignment timed per successive 1,000 documents.

use std::path::Path;
use std::time::Instant;

use anyhow::{Result, bail};
use serde_json::json;
use storyline_store::{Membership, Merge, Mode, StoryLedger};
use storyline_story::index::StoryIndex;
use storyline_story::{Clusterer, DocFeatures, Model};

use crate::commands::eval::round4;
use crate::memory::peak_rss_mb;

/// Runs the benchmark on the database at `db` (its stories are rebuilt).
pub fn bench(db: &Path, limit: Option<usize>) -> Result<serde_json::Value> {
    let mut store = storyline_store::open(db, Mode::Write)?;
    let mut docs = store.story_documents()?;
    if let Some(n) = limit {
        docs.truncate(n);
    }
    if docs.is_empty() {
        bail!(
            "{}: no documents to place ('storyline ingest' or 'storyline bench ingest --search-db' fills it)",
            db.display()
        );
    }
    let mut clusterer = Clusterer::new(Model::shipped());
    let mut ledger = StoryLedger::default();
    let (mut read_s, mut features_s, mut assign_s) = (0.0, 0.0, 0.0);
    let mut per_1000 = Vec::new();
    let mut block = 0.0;
    for (i, d) in docs.iter().enumerate() {
        let t = Instant::now();
        let record = store.record(&d.id, d.version)?;
        read_s += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let features = DocFeatures::of(&record, d.published.as_deref());
        features_s += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let decision = clusterer.assign(&features);
        let spent = t.elapsed().as_secs_f64();
        assign_s += spent;
        block += spent;
        if let Some(from) = decision.merged {
            ledger.merges.push((
                Merge {
                    story: from,
                    into: decision.story,
                },
                ledger.members.len() as u64,
            ));
        }
        ledger.members.push(Membership {
            doc: d.id.clone(),
            story: decision.story,
            score: decision.probability,
            features: features.to_bytes(),
        });
        if (i + 1) % 1000 == 0 {
            per_1000.push(round4(block * 1000.0 / 1000.0));
            block = 0.0;
        }
    }
    let t = Instant::now();
    store.replace_stories(&ledger)?;
    let write_s = t.elapsed().as_secs_f64();
    drop(store);
    let store = storyline_store::open(db, Mode::Read)?;
    let t = Instant::now();
    let index = StoryIndex::load(store.as_ref(), Model::shipped())?;
    let replay_s = t.elapsed().as_secs_f64();
    let n = docs.len() as f64;
    let mut stories: Vec<u64> = ledger
        .members
        .iter()
        .map(|m| clusterer.resolve(m.story))
        .collect();
    stories.sort_unstable();
    stories.dedup();
    drop(index);
    Ok(json!({
        "bench": "stories",
        "db": db.display().to_string(),
        "documents": docs.len(),
        "stories": stories.len(),
        "merges": ledger.merges.len(),
        "threads": 1,
        "assign_ms_per_doc": round4(1000.0 * assign_s / n),
        "assign_ms_per_doc_per_1000": per_1000,
        "features_ms_per_doc": round4(1000.0 * features_s / n),
        "record_read_ms_per_doc": round4(1000.0 * read_s / n),
        "write_seconds": round4(write_s),
        "replay_seconds": round4(replay_s),
        "peak_rss_mb": peak_rss_mb(),
    }))
}
