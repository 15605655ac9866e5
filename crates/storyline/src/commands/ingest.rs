//! `storyline ingest`: documents in, stored with their records.

use std::io::IsTerminal;
use std::time::Duration;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use storyline_extract::{OverBudget, Pipeline, PipelineOptions, Record};
use storyline_ingest::Document;
use storyline_store::{Identity, Incoming, Mode, Outcome, Store, StoreError};
use storyline_story::index::{Arrival, StoryIndex};
use storyline_story::{DocFeatures, Model};

use crate::cli::{IngestArgs, ReadArgs};
use crate::commands::extract::BATCH;
use crate::commands::reading;

/// What an ingest did, by document.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Summary {
    /// New documents.
    pub added: u64,
    /// Already stored, not read again.
    pub unchanged: u64,
    /// New versions of stored documents.
    pub revised: u64,
    /// New documents that copy a stored one.
    pub duplicates: u64,
    /// Inputs that could not be read or analysed.
    pub failed: u64,
    /// Stories started by the new documents.
    pub new_stories: u64,
    /// The ingest run's number (for 'storyline changes --since').
    pub ingest: u64,
}

impl Summary {
    fn count(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Added => self.added += 1,
            Outcome::Unchanged => self.unchanged += 1,
            Outcome::Revised { .. } => self.revised += 1,
            Outcome::Duplicate { .. } => self.duplicates += 1,
        }
    }

    fn line(&self, db: &str) -> String {
        format!(
            "{db}: {} added, {} unchanged, {} revised, {} near-duplicates, {} failed; {} new stories (ingest run {})",
            self.added,
            self.unchanged,
            self.revised,
            self.duplicates,
            self.failed,
            self.new_stories,
            self.ingest
        )
    }
}

/// Runs the command; returns whether every input was stored.
pub fn run(args: &IngestArgs) -> Result<bool> {
    let read = &args.read;
    let inputs = reading::inputs(read, "ingest")?;
    reading::check(read, &inputs)?;
    let mut store = storyline_store::open(&args.db.db, Mode::Write)?;
    let pipeline = Pipeline::shipped()?;
    let progress = progress_bar();
    let run = store.begin_ingest()?;
    let mut stories = StoryIndex::load(store.as_ref(), Model::shipped())?;
    // Documents stored by an ingest that was stopped before it placed them.
    stories.catch_up(store.as_mut())?;
    let mut ingest = Ingest {
        store: store.as_mut(),
        stories,
        pipeline: &pipeline,
        read,
        verbose: args.verbose,
        progress: &progress,
        summary: Summary {
            ingest: run.id,
            ..Summary::default()
        },
    };
    let result = ingest.all(&inputs);
    let summary = ingest.summary;
    progress.finish_and_clear();
    if args.json {
        println!("{}", serde_json::to_string(&summary)?);
    } else {
        println!("{}", summary.line(store.location()));
    }
    result?;
    Ok(summary.failed == 0)
}

struct Ingest<'a> {
    store: &'a mut dyn Store,
    stories: StoryIndex,
    pipeline: &'a Pipeline,
    read: &'a ReadArgs,
    verbose: bool,
    progress: &'a ProgressBar,
    summary: Summary,
}

impl Ingest<'_> {
    /// Reads every input; documents already stored are not analysed again.
    fn all(&mut self, inputs: &[std::path::PathBuf]) -> Result<(), StoreError> {
        let opts = reading::options(self.read);
        // Each document with its id, computed once when it is read.
        let mut batch: Vec<(Document, String)> = Vec::with_capacity(BATCH);
        for result in storyline_ingest::read_inputs(inputs, &opts) {
            match result {
                Ok(doc) => {
                    let doc = reading::apply_overrides(doc, self.read);
                    let identity = Identity::of(&doc);
                    if self.store.knows(&identity)? {
                        self.done(&doc.id, &identity.id, &Outcome::Unchanged);
                        continue;
                    }
                    batch.push((doc, identity.id));
                    if batch.len() == BATCH {
                        self.flush(&mut batch)?;
                    }
                }
                Err(error) => {
                    self.summary.failed += 1;
                    self.progress.suspend(|| reading::report(&error));
                    self.progress.inc(1);
                }
            }
        }
        self.flush(&mut batch)
    }

    /// Analyses a batch in parallel and stores it in one transaction.
    fn flush(&mut self, batch: &mut Vec<(Document, String)>) -> Result<(), StoreError> {
        let records: Vec<Result<Record, OverBudget>> = batch
            .par_iter()
            .map(|(doc, _)| {
                self.pipeline.run_within(
                    doc,
                    PipelineOptions::default(),
                    &mut reading::budget(self.read),
                )
            })
            .collect();
        let mut incoming = Vec::with_capacity(batch.len());
        let mut ids = Vec::with_capacity(batch.len());
        for ((doc, id), record) in batch.iter().zip(&records) {
            match record {
                Ok(record) => {
                    incoming.push(Incoming {
                        document: doc,
                        record,
                    });
                    ids.push(id);
                }
                Err(over) => {
                    self.summary.failed += 1;
                    self.progress
                        .suspend(|| eprintln!("storyline: error: {}: {over}", doc.id));
                    self.progress.inc(1);
                }
            }
        }
        let outcomes = self.store.put(&incoming)?;
        self.place(&incoming, &ids, &outcomes)?;
        for ((item, id), outcome) in incoming.iter().zip(ids).zip(&outcomes) {
            self.done(&item.document.id, id, outcome);
        }
        batch.clear();
        Ok(())
    }

    /// Puts the batch's new documents into stories, oldest publication first.
    fn place(
        &mut self,
        incoming: &[Incoming<'_>],
        ids: &[&String],
        outcomes: &[Outcome],
    ) -> Result<(), StoreError> {
        let mut arrivals: Vec<(Option<&str>, Arrival)> = Vec::new();
        for ((item, id), outcome) in incoming.iter().zip(ids).zip(outcomes) {
            let copy_of = match outcome {
                Outcome::Added => None,
                Outcome::Duplicate { of, .. } => Some(of.clone()),
                // A revision stays in its story.
                Outcome::Revised { .. } | Outcome::Unchanged => continue,
            };
            if self.stories.has(id) {
                continue;
            }
            let published = item.document.published.as_deref();
            arrivals.push((
                published,
                Arrival {
                    id: (*id).clone(),
                    copy_of,
                    features: DocFeatures::of(item.record, published),
                },
            ));
        }
        arrivals.sort_by(|a, b| (a.0.is_none(), a.0).cmp(&(b.0.is_none(), b.0)));
        let arrivals: Vec<Arrival> = arrivals.into_iter().map(|(_, a)| a).collect();
        for placed in self.stories.place(self.store, &arrivals)? {
            if placed.new {
                self.summary.new_stories += 1;
            }
        }
        Ok(())
    }

    fn done(&mut self, input: &str, id: &str, outcome: &Outcome) {
        self.summary.count(outcome);
        self.progress.inc(1);
        self.progress.set_message(format!(
            "{} added, {} unchanged, {} revised, {} near-duplicates",
            self.summary.added,
            self.summary.unchanged,
            self.summary.revised,
            self.summary.duplicates
        ));
        if self.verbose {
            let what = match outcome {
                Outcome::Added => "added".to_owned(),
                Outcome::Unchanged => "unchanged".to_owned(),
                Outcome::Revised { version } => format!("revised (version {version})"),
                Outcome::Duplicate { of, similarity } => {
                    format!("near-duplicate of {of} (similarity {similarity:.2})")
                }
            };
            self.progress.suspend(|| eprintln!("{id}  {what}  {input}"));
        }
    }
}

/// A spinner with counts on a terminal; nothing when standard error is not one.
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} documents, {per_sec}  {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}
