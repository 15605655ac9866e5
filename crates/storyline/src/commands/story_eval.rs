//! `storyline eval stories|timeline|story` and `storyline train stories`:
//! the story layer measured on ECB+, Timeline17 and the project's own
//! story gold files, always through the real ingest path (a temporary
//! SQLite store, the online assignment in arrival order).

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use serde_json::json;
use storyline_eval::ecbplus::{self, EcbDocument};
use storyline_eval::{clustering, story_gold, tilse, timeline17};
use storyline_extract::{Pipeline, Record};
use storyline_ingest::Document;
use storyline_store::{Identity, Incoming, Mode, Outcome, SqliteStore, Store};
use storyline_story::index::{Arrival, StoryIndex};
use storyline_story::model::{Model, N_FEATURES};
use storyline_story::timeline::{self, Entry};
use storyline_story::{Clusterer, DocFeatures};

use crate::commands::eval::round4;

/// Documents read and analysed, in arrival order.
pub struct Read {
    /// The documents.
    pub docs: Vec<Document>,
    /// Their records.
    pub records: Vec<Record>,
}

/// Analyses documents in parallel with the shipped models.
pub fn analyse(docs: Vec<Document>) -> Result<Read> {
    let pipeline = Pipeline::shipped()?;
    let records = docs
        .par_iter()
        .map(|d| pipeline.run(d, Default::default()))
        .collect();
    Ok(Read { docs, records })
}

/// A text as an input, read as a `.txt` file would be.
pub fn text_document(name: &str, text: &str) -> Result<Document> {
    let opts = storyline_ingest::IngestOptions::default();
    let name = if name.ends_with(".txt") {
        name.to_string()
    } else {
        format!("{name}.txt")
    };
    storyline_ingest::read_bytes(&name, text.as_bytes(), &opts)
        .into_iter()
        .next()
        .context("nothing read")?
        .map_err(|e| anyhow::anyhow!("{name}: {e}"))
}

/// ECB+ documents as inputs (undated, no URL: ECB+ gives neither).
fn ecb_documents(docs: &[EcbDocument]) -> Result<Vec<Document>> {
    docs.iter()
        .map(|d| text_document(&d.file, &d.text))
        .collect()
}

/// Stores documents in a fresh temporary database and places them in
/// stories in arrival order; returns each document's story.
pub fn ingest_in_order(read: &Read, folder: &Path, model: Model) -> Result<(Vec<u64>, f64)> {
    let mut store = SqliteStore::open(&folder.join("stories.db"), Mode::Write)?;
    let mut index = StoryIndex::load(&store, model)?;
    let mut ids = Vec::with_capacity(read.docs.len());
    let mut seconds = 0.0;
    for (doc, record) in read.docs.iter().zip(&read.records) {
        let incoming = [Incoming {
            document: doc,
            record,
        }];
        let outcome = store.put(&incoming)?.remove(0);
        let id = Identity::of(doc).id;
        let copy_of = match outcome {
            Outcome::Duplicate { of, .. } => Some(of),
            _ => None,
        };
        if !index.has(&id) {
            let arrival = Arrival {
                id: id.clone(),
                copy_of,
                features: DocFeatures::of(record, doc.published.as_deref()),
            };
            let start = Instant::now();
            index.place(&mut store, &[arrival])?;
            seconds += start.elapsed().as_secs_f64();
        }
        ids.push(id);
    }
    let stories = ids
        .iter()
        .map(|id| index.story_of(id).unwrap_or(0))
        .collect();
    Ok((stories, seconds))
}

/// `storyline eval stories --ecbplus DIR --topics A-B`.
pub fn eval_stories(dir: &Path, topics: &str) -> Result<serde_json::Value> {
    let start = Instant::now();
    let range = ecbplus::parse_topics(topics).map_err(anyhow::Error::msg)?;
    let ecb = ecbplus::read_topics(dir, range).map_err(anyhow::Error::msg)?;
    if ecb.is_empty() {
        bail!("{}: no ECB+ documents in topics {topics}", dir.display());
    }
    let read = analyse(ecb_documents(&ecb)?)?;
    let folder = tempfile::tempdir()?;
    let (stories, seconds) = ingest_in_order(&read, folder.path(), Model::shipped())?;
    let subtopics: Vec<&str> = ecb.iter().map(|d| d.subtopic.as_str()).collect();
    let topics_gold: Vec<u32> = ecb.iter().map(|d| d.topic).collect();
    let sub = clustering::score(&stories, &subtopics);
    let top = clustering::score(&stories, &topics_gold);
    let mut distinct = stories.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let mut gold_sub = subtopics.clone();
    gold_sub.sort_unstable();
    gold_sub.dedup();
    Ok(json!({
        "eval": "stories",
        "topics": topics,
        "documents": ecb.len(),
        "stories": distinct.len(),
        "gold_subtopics": gold_sub.len(),
        "subtopic": scores(&sub),
        "topic": scores(&top),
        "assign_ms_per_doc": round4(1000.0 * seconds / ecb.len() as f64),
        "seconds": round4(start.elapsed().as_secs_f64()),
    }))
}

fn scores(s: &clustering::ClusterScores) -> serde_json::Value {
    json!({
        "bcubed_p": round4(s.bcubed_p),
        "bcubed_r": round4(s.bcubed_r),
        "bcubed_f1": round4(s.bcubed_f1),
        "pairwise_p": round4(s.pairwise_p),
        "pairwise_r": round4(s.pairwise_r),
        "pairwise_f1": round4(s.pairwise_f1),
    })
}

/// One training pair: similarity features, and whether it is the gold story.
type Example = ([f64; N_FEATURES], bool);

/// Training pairs from Timeline17: every topic's articles in one dated
/// stream (publication order), the gold story of an article being its
/// topic group (`bpoil`, `H1N1`, `LibyaWar`, `MJ`: the outlets of one
/// group report one story). It teaches the time features, which ECB+
/// (undated) cannot.
fn timeline17_examples(dir: &Path) -> Result<(usize, Vec<Example>)> {
    let topics = timeline17::read_topics(dir).map_err(anyhow::Error::msg)?;
    let mut articles: Vec<(&str, String, &timeline17::T17Article)> = topics
        .iter()
        .flat_map(|t| {
            let group = t.name.split('_').next().unwrap_or(&t.name);
            t.articles.iter().map(move |a| (group, a.date.clone(), a))
        })
        .collect();
    articles.sort_by(|a, b| (&a.1, &a.2.path).cmp(&(&b.1, &b.2.path)));
    let mut docs = Vec::new();
    let mut groups = Vec::new();
    for (group, date, a) in &articles {
        if let Ok(mut doc) = text_document(&a.path.display().to_string(), &a.text) {
            doc.published = Some(date.clone());
            docs.push(doc);
            groups.push(*group);
        }
    }
    let read = analyse(docs)?;
    let mut clusterer = Clusterer::new(Model::untrained());
    let mut story_of: HashMap<&str, u64> = HashMap::new();
    let mut examples = Vec::new();
    for ((doc, record), group) in read.docs.iter().zip(&read.records).zip(&groups) {
        let features = DocFeatures::of(record, doc.published.as_deref());
        let truth = story_of.get(group).copied();
        for c in clusterer.candidates(&features) {
            examples.push((c.x, Some(c.story) == truth));
        }
        let next = story_of.len() as u64 + 1;
        let story = *story_of.entry(group).or_insert(next);
        clusterer.add(&features, story);
    }
    Ok((read.docs.len(), examples))
}

/// The join threshold that gives the best sub-topic B-cubed F1 when the
/// training stream itself is clustered online (ties: the lower threshold).
fn best_threshold(model: &Model, read: &Read, gold: &[EcbDocument]) -> f64 {
    let features: Vec<DocFeatures> = read
        .docs
        .iter()
        .zip(&read.records)
        .map(|(d, r)| DocFeatures::of(r, d.published.as_deref()))
        .collect();
    let subtopics: Vec<&str> = gold.iter().map(|d| d.subtopic.as_str()).collect();
    let mut best = (f64::MIN, 0.5);
    for step in 4..=18 {
        let threshold = step as f64 * 0.05;
        let mut m = model.clone();
        m.threshold = threshold;
        let mut clusterer = Clusterer::new(m);
        let stories: Vec<u64> = features.iter().map(|f| clusterer.assign(f).story).collect();
        let stories: Vec<u64> = stories.iter().map(|s| clusterer.resolve(*s)).collect();
        let f1 = clustering::score(&stories, &subtopics).bcubed_f1;
        if f1 > best.0 + 1e-9 {
            best = (f1, threshold);
        }
    }
    best.1
}

/// `storyline train stories`: fits the join-or-new model on ECB+ topics,
/// replaying each topic range's documents in file order with the gold
/// sub-topics as the stories so far.
pub fn train_stories(
    dir: &Path,
    topics: &str,
    timeline17_dir: Option<&Path>,
    out: &Path,
) -> Result<serde_json::Value> {
    let range = ecbplus::parse_topics(topics).map_err(anyhow::Error::msg)?;
    if range.clone().any(|t| (23..=35).contains(&t)) {
        bail!(
            "--topics {topics}: topics 23-35 are the dev split 'eval stories' reports; train on 1-22"
        );
    }
    let ecb = ecbplus::read_topics(dir, range).map_err(anyhow::Error::msg)?;
    if ecb.is_empty() {
        bail!("{}: no ECB+ documents in topics {topics}", dir.display());
    }
    let read = analyse(ecb_documents(&ecb)?)?;
    let mut clusterer = Clusterer::new(Model::untrained());
    let mut story_of: HashMap<&str, u64> = HashMap::new();
    let mut examples: Vec<([f64; N_FEATURES], bool)> = Vec::new();
    for ((doc, record), gold) in read.docs.iter().zip(&read.records).zip(&ecb) {
        let features = DocFeatures::of(record, doc.published.as_deref());
        let truth = story_of.get(gold.subtopic.as_str()).copied();
        for c in clusterer.candidates(&features) {
            examples.push((c.x, Some(c.story) == truth));
        }
        let next = story_of.len() as u64 + 1;
        let story = *story_of.entry(gold.subtopic.as_str()).or_insert(next);
        clusterer.add(&features, story);
    }
    let mut trained_on = format!("ECB+ topics {topics} ({} documents)", ecb.len());
    if let Some(t17) = timeline17_dir {
        let (n, more) = timeline17_examples(t17)?;
        examples.extend(more);
        trained_on.push_str(&format!(
            " and Timeline17 ({n} articles, one story per topic group)"
        ));
    }
    let mut model = Model::fit(&examples, &trained_on);
    model.threshold = best_threshold(&model, &read, &ecb);
    let json = serde_json::to_string_pretty(&model)?;
    std::fs::write(out, json + "\n").with_context(|| format!("{}: cannot write", out.display()))?;
    let positives = examples.iter().filter(|e| e.1).count();
    Ok(json!({
        "train": "stories",
        "topics": topics,
        "documents": ecb.len(),
        "candidate_pairs": examples.len(),
        "joins": positives,
        "threshold": round4(model.threshold),
        "weights": model.features.iter().zip(&model.weights).map(|(f, w)| (f.clone(), json!(round4(*w)))).collect::<serde_json::Map<_, _>>(),
        "out": out.display().to_string(),
    }))
}

/// `storyline eval timeline --timeline17 DIR`.
pub fn eval_timeline(dir: &Path) -> Result<serde_json::Value> {
    let start = Instant::now();
    let topics = if dir.join("InputDocs").is_dir() {
        vec![timeline17::read_topic(dir).map_err(anyhow::Error::msg)?]
    } else {
        timeline17::read_topics(dir).map_err(anyhow::Error::msg)?
    };
    if topics.is_empty() {
        bail!(
            "{}: no Timeline17 topics (folders with InputDocs/ and timelines/)",
            dir.display()
        );
    }
    let mut per_topic = Vec::new();
    let mut all = Vec::new();
    for topic in &topics {
        let outlet = topic
            .name
            .split('_')
            .nth(1)
            .unwrap_or(&topic.name)
            .to_string();
        // Some articles are empty files: they are left out and counted.
        let docs: Vec<Document> = topic
            .articles
            .iter()
            .filter_map(|a| {
                let name = a.path.display().to_string();
                let mut doc = text_document(&name, &a.text).ok()?;
                doc.published = Some(a.date.clone());
                doc.site = Some(outlet.clone());
                Some(doc)
            })
            .collect();
        let empty = topic.articles.len() - docs.len();
        let read = analyse(docs)?;
        let folder = tempfile::tempdir()?;
        ingest_in_order(&read, folder.path(), Model::shipped())?;
        let store = SqliteStore::open(&folder.path().join("stories.db"), Mode::Read)?;
        let loaded = storyline_story::views::load(&store, None)?;
        if let Some(dump) = std::env::var_os("STORYLINE_DUMP_TIMELINE") {
            let path = Path::new(&dump).join(format!("{}.json", topic.name));
            std::fs::write(&path, serde_json::to_string(&loaded.timeline)?)?;
        }
        for gold in &topic.timelines {
            let gold_tl =
                tilse::timeline_from_entries(&gold.entries).map_err(anyhow::Error::msg)?;
            let k = gold_tl.len();
            let sentences: usize = gold_tl.values().map(Vec::len).sum();
            let per_date = ((sentences as f64 / k.max(1) as f64).round() as usize).max(1);
            let predicted = predicted_timeline(&loaded.timeline, k, per_date);
            let s = tilse::score(&predicted, &gold_tl);
            per_topic.push(json!({
                "topic": topic.name,
                "timeline": gold.name,
                "articles": topic.articles.len(),
                "empty_articles": empty,
                "entries": loaded.timeline.len(),
                "dates": k,
                "sentences_per_date": per_date,
                "date_f1": round4(s.date_f1),
                "ar1_f": round4(s.align_r1_f),
                "ar2_f": round4(s.align_r2_f),
            }));
            all.push(s);
        }
    }
    let mean = tilse::mean(&all);
    Ok(json!({
        "eval": "timeline",
        "topics": topics.len(),
        "timelines": all.len(),
        "date_f1": round4(mean.date_f1),
        "ar1_f": round4(mean.align_r1_f),
        "ar2_f": round4(mean.align_r2_f),
        "concat_r1_f": round4(mean.concat_r1_f),
        "concat_r2_f": round4(mean.concat_r2_f),
        "per_timeline": per_topic,
        "seconds": round4(start.elapsed().as_secs_f64()),
    }))
}

/// What `timeline --dates K` shows, as a dated summary: each kept day with
/// the summaries of its `per_date` best-sourced entries.
fn predicted_timeline(entries: &[Entry], k: usize, per_date: usize) -> tilse::Timeline {
    let keep = timeline::top_dates(entries, k);
    let mut out = tilse::Timeline::new();
    for day in &keep {
        let mut on_day: Vec<&Entry> = entries
            .iter()
            .filter(|e| e.date.as_deref() == Some(day.as_str()))
            .collect();
        on_day.sort_by(|a, b| {
            b.independent_sources
                .cmp(&a.independent_sources)
                .then((a.dated_by != "text").cmp(&(b.dated_by != "text")))
        });
        let mut summaries: Vec<String> = Vec::new();
        for e in on_day {
            if summaries.len() == per_date {
                break;
            }
            if !summaries.contains(&e.summary) {
                summaries.push(e.summary.clone());
            }
        }
        if let Ok(date) = day.parse() {
            out.insert(date, summaries);
        }
    }
    out
}

/// `storyline eval story --gold FILE…`: stories, actors and timeline
/// entries against the project's story gold files.
pub fn eval_story(gold_paths: &[std::path::PathBuf], data: &Path) -> Result<serde_json::Value> {
    let start = Instant::now();
    let files = story_gold::files(gold_paths).map_err(anyhow::Error::msg)?;
    if files.is_empty() {
        bail!(
            "no gold files in {}",
            gold_paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let mut results = Vec::new();
    for file in &files {
        let gold = story_gold::read(file).map_err(anyhow::Error::msg)?;
        results.push(score_story_gold(&gold, data)?);
    }
    let mean = |key: &str| {
        let v: Vec<f64> = results.iter().filter_map(|r| r[key].as_f64()).collect();
        round4(v.iter().sum::<f64>() / v.len().max(1) as f64)
    };
    Ok(json!({
        "eval": "story",
        "files": files.len(),
        "bcubed_f1": mean("bcubed_f1"),
        "actor_recall": mean("actor_recall"),
        "actor_precision_top": mean("actor_precision_top"),
        "entry_recall": mean("entry_recall"),
        "entry_recall_any_date": mean("entry_recall_any_date"),
        "source_recall": mean("source_recall"),
        "per_file": results,
        "seconds": round4(start.elapsed().as_secs_f64()),
    }))
}

fn score_story_gold(gold: &story_gold::StoryGold, data: &Path) -> Result<serde_json::Value> {
    let mut docs = Vec::new();
    for a in &gold.articles {
        let text = story_gold::article_text(data, a).map_err(anyhow::Error::msg)?;
        let mut doc = text_document(&a.path, &text)?;
        doc.published = a.published.clone();
        doc.site = a.site.clone();
        docs.push(doc);
    }
    let read = analyse(docs)?;
    let folder = tempfile::tempdir()?;
    let (stories, _) = ingest_in_order(&read, folder.path(), Model::shipped())?;
    let path_of: HashMap<String, &str> = read
        .docs
        .iter()
        .zip(&gold.articles)
        .map(|(d, a)| (Identity::of(d).id, a.path.as_str()))
        .collect();
    let gold_story: Vec<&str> = gold.articles.iter().map(|a| a.story.as_str()).collect();
    let clusters = clustering::score(&stories, &gold_story);
    let store = SqliteStore::open(&folder.path().join("stories.db"), Mode::Read)?;
    let (mut actors_found, mut actors_total, mut top_found, mut top_total) = (0, 0, 0, 0);
    let (mut entries_found, mut entries_any_date, mut entries_total) = (0, 0, 0);
    let (mut sources_found, mut sources_total, mut system_entries) = (0, 0, 0);
    for g in &gold.stories {
        let mine: Vec<u64> = gold
            .articles
            .iter()
            .zip(&stories)
            .filter(|(a, _)| a.story == g.id)
            .map(|(_, s)| *s)
            .collect();
        let mut counts: HashMap<u64, usize> = HashMap::new();
        for s in &mine {
            *counts.entry(*s).or_default() += 1;
        }
        let Some(story) = counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|c| c.0)
        else {
            continue;
        };
        let loaded = storyline_story::views::load(&store, Some(story))?;
        system_entries += loaded.timeline.len();
        let spellings = |a: &storyline_story::actors::Actor| {
            let mut v = a.variants.clone();
            v.push(a.name.clone());
            v
        };
        actors_total += g.actors.len();
        actors_found += g
            .actors
            .iter()
            .filter(|ga| {
                loaded
                    .actors
                    .list
                    .iter()
                    .any(|a| story_gold::names_match(ga, &spellings(a)))
            })
            .count();
        let top = &loaded.actors.list[..loaded.actors.list.len().min(g.actors.len())];
        top_total += top.len();
        top_found += top
            .iter()
            .filter(|a| {
                g.actors
                    .iter()
                    .any(|ga| story_gold::names_match(ga, &spellings(a)))
            })
            .count();
        for ge in &g.entries {
            entries_total += 1;
            let actor_of = |name: &str| g.actors.iter().find(|a| a.name == name);
            let matching = |e: &Entry, dated: bool| {
                let shares_source = e.sources.iter().any(|s| {
                    path_of
                        .get(&s.doc)
                        .is_some_and(|p| ge.sources.iter().any(|g| g == p))
                });
                let date_ok = e.date.as_deref().is_some_and(|d| {
                    if ge.date.len() == 10 {
                        d == ge.date
                    } else {
                        d.starts_with(&ge.date)
                    }
                });
                let same_actor = ge
                    .actors
                    .iter()
                    .filter_map(|n| actor_of(n))
                    .any(|ga| story_gold::names_match(ga, &e.actors));
                shares_source && (!dated || date_ok) && (e.kind == ge.kind || same_actor)
            };
            if loaded.timeline.iter().any(|e| matching(e, false)) {
                entries_any_date += 1;
            }
            let best = loaded
                .timeline
                .iter()
                .filter(|e| matching(e, true))
                .map(|e| {
                    e.sources
                        .iter()
                        .filter_map(|s| path_of.get(&s.doc))
                        .filter(|p| ge.sources.iter().any(|g| g == *p))
                        .collect::<std::collections::HashSet<_>>()
                        .len()
                })
                .max();
            sources_total += ge.sources.len();
            if let Some(n) = best {
                entries_found += 1;
                sources_found += n;
            }
        }
    }
    let ratio = |a: usize, b: usize| round4(if b == 0 { 0.0 } else { a as f64 / b as f64 });
    Ok(json!({
        "gold": gold.name,
        "articles": gold.articles.len(),
        "gold_stories": gold.stories.len(),
        "bcubed_p": round4(clusters.bcubed_p),
        "bcubed_r": round4(clusters.bcubed_r),
        "bcubed_f1": round4(clusters.bcubed_f1),
        "actor_recall": ratio(actors_found, actors_total),
        "actor_precision_top": ratio(top_found, top_total),
        "entries": entries_total,
        "system_entries": system_entries,
        "entry_recall": ratio(entries_found, entries_total),
        "entry_recall_any_date": ratio(entries_any_date, entries_total),
        "source_recall": ratio(sources_found, sources_total),
    }))
}
