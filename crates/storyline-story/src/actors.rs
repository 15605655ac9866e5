//! The actors of a set of documents: each document's entities resolved
//! into one actor per real-world referent — name variants and
//! transliterations (`Zelensky`/`Zelenskyy`), surname-only mentions of a
//! person named in full elsewhere, titles with the days they were seen,
//! affiliation by a vote weighted by mentions, mention and quote counts.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use storyline_extract::Record;
use storyline_store::StoryDocument;

use crate::terms::{fold, skeleton, words};

/// One actor across documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actor {
    /// `A1`, `A2`, … by number of mentions.
    pub id: String,
    /// The fullest, most used name.
    pub name: String,
    /// `PERSON`, `ORG`, `LOC` or `MISC`, by vote.
    #[serde(rename = "type")]
    pub kind: String,
    /// Every spelling used, most used first.
    pub variants: Vec<String>,
    /// Titles with the first and last day they were seen.
    pub titles: Vec<TitleSeen>,
    /// The country or organisation the actor acts for, by vote.
    pub affiliation: Option<String>,
    /// Mentions over all documents.
    pub mentions: usize,
    /// Quotes attributed to the actor.
    pub quotes: usize,
    /// Documents naming the actor, in publication order.
    pub documents: Vec<String>,
    /// First day the actor was seen (publication date).
    pub first_seen: Option<String>,
    /// When the first document naming the actor was stored.
    pub first_ingested: String,
}

/// A title and when it was used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TitleSeen {
    /// The title as written.
    pub title: String,
    /// First publication day it was seen.
    pub first: Option<String>,
    /// Last publication day it was seen.
    pub last: Option<String>,
    /// Documents using it.
    pub documents: usize,
}

/// The actors and which document entity each one is.
#[derive(Debug, Clone, Default)]
pub struct Actors {
    /// The actors, most mentioned first.
    pub list: Vec<Actor>,
    by_entity: HashMap<(usize, String), usize>,
}

impl Actors {
    /// The actor an entity of the `doc`-th document is, if any.
    pub fn of(&self, doc: usize, entity: &str) -> Option<&Actor> {
        self.by_entity
            .get(&(doc, entity.to_string()))
            .map(|i| &self.list[*i])
    }

    /// Actors whose name or a variant matches `name` (case-insensitive,
    /// transliterations folded).
    pub fn named(&self, name: &str) -> Vec<&Actor> {
        let want = fold(name.trim());
        let want_skeleton = skeleton(&want);
        self.list
            .iter()
            .filter(|a| {
                a.variants.iter().any(|v| {
                    let v = fold(v);
                    v == want
                        || v.split_whitespace().any(|w| w == want)
                        || (want_skeleton.len() >= 4
                            && v.split_whitespace().any(|w| skeleton(w) == want_skeleton))
                })
            })
            .collect()
    }
}

/// One entity of one document, on its way into an actor.
struct Seen<'a> {
    doc: usize,
    entity: &'a storyline_extract::record::Entity,
    words: Vec<String>,
}

/// Resolves the entities of `docs` (with their records) into actors.
pub fn resolve(docs: &[(StoryDocument, Record)]) -> Actors {
    let mut seen = Vec::new();
    for (i, (_, record)) in docs.iter().enumerate() {
        for e in &record.entities {
            let words: Vec<String> = words(&e.name).filter(|w| w != "the").collect();
            if !words.is_empty() {
                seen.push(Seen {
                    doc: i,
                    entity: e,
                    words,
                });
            }
        }
    }
    let groups = group(&seen);
    let mut actors: Vec<(Actor, Vec<usize>)> = groups
        .into_iter()
        .map(|members| (build(&members, &seen, docs), members))
        .collect();
    actors.sort_by(|a, b| {
        b.0.mentions
            .cmp(&a.0.mentions)
            .then_with(|| a.0.name.cmp(&b.0.name))
    });
    let mut result = Actors::default();
    for (i, (mut actor, members)) in actors.into_iter().enumerate() {
        actor.id = format!("A{}", i + 1);
        for m in members {
            result
                .by_entity
                .insert((seen[m].doc, seen[m].entity.id.clone()), i);
        }
        result.list.push(actor);
    }
    result
}

/// Groups entities that are one referent. People: by the skeleton of the
/// surname, then split where given names disagree; a surname-only entity
/// joins the most mentioned full name with that surname (whatever type the
/// document gave it: a lone surname is often mistyped). Others: by folded name.
fn group(seen: &[Seen<'_>]) -> Vec<Vec<usize>> {
    let mut people: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut others: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
    for (i, s) in seen.iter().enumerate() {
        if s.entity.kind == "PERSON" {
            let last = s.words.last().map(|w| skeleton(w)).unwrap_or_default();
            people.entry(last).or_default().push(i);
        }
    }
    for (i, s) in seen.iter().enumerate() {
        if s.entity.kind == "PERSON" {
            continue;
        }
        if s.words.len() == 1
            && let Some(list) = people.get_mut(&skeleton(&s.words[0]))
        {
            list.push(i);
            continue;
        }
        others
            .entry((s.entity.kind.clone(), s.words.join(" ")))
            .or_default()
            .push(i);
    }
    let mut groups = Vec::new();
    for (_, members) in people {
        groups.extend(split_by_given_name(&members, seen));
    }
    groups.extend(others.into_values());
    groups
}

/// Within one surname: full names with different given names are different
/// people; surname-only mentions join the most mentioned full name.
fn split_by_given_name(members: &[usize], seen: &[Seen<'_>]) -> Vec<Vec<usize>> {
    let mut by_given: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut bare = Vec::new();
    for &m in members {
        let w = &seen[m].words;
        if w.len() >= 2 {
            by_given.entry(w[0].clone()).or_default().push(m);
        } else {
            bare.push(m);
        }
    }
    // An initial (`V. Zelensky`) is the full given name that starts with it.
    let givens: Vec<String> = by_given.keys().cloned().collect();
    for g in &givens {
        if g.chars().count() == 1
            && let Some(full) = givens
                .iter()
                .find(|f| f.len() > 1 && f.starts_with(g.as_str()))
        {
            let moved = by_given.remove(g).unwrap_or_default();
            by_given.entry(full.clone()).or_default().extend(moved);
        }
    }
    let mut groups: Vec<Vec<usize>> = by_given.into_values().collect();
    if groups.is_empty() {
        return vec![bare];
    }
    let biggest = (0..groups.len())
        .max_by_key(|&i| {
            let mentions: usize = groups[i]
                .iter()
                .map(|&m| seen[m].entity.mentions.len())
                .sum();
            (mentions, std::cmp::Reverse(i))
        })
        .unwrap_or(0);
    groups[biggest].extend(bare);
    groups
}

fn build(members: &[usize], seen: &[Seen<'_>], docs: &[(StoryDocument, Record)]) -> Actor {
    let mut names: HashMap<&str, usize> = HashMap::new();
    let mut kinds: HashMap<&str, usize> = HashMap::new();
    let mut affiliations: HashMap<&str, usize> = HashMap::new();
    let mut titles: BTreeMap<String, TitleSeen> = BTreeMap::new();
    let mut documents: Vec<usize> = Vec::new();
    let (mut mentions, mut quotes) = (0, 0);
    for &m in members {
        let s = &seen[m];
        let (doc, record) = &docs[s.doc];
        let weight = s.entity.mentions.len().max(1);
        *names.entry(s.entity.name.as_str()).or_default() += weight;
        *kinds.entry(s.entity.kind.as_str()).or_default() += weight * (s.words.len().min(2));
        if let Some(a) = &s.entity.affiliation {
            *affiliations.entry(a.as_str()).or_default() += weight;
        }
        for t in &s.entity.titles {
            let entry = titles.entry(t.clone()).or_insert_with(|| TitleSeen {
                title: t.clone(),
                first: None,
                last: None,
                documents: 0,
            });
            entry.documents += 1;
            if let Some(day) = &doc.published {
                if entry.first.as_ref().is_none_or(|f| day < f) {
                    entry.first = Some(day.clone());
                }
                if entry.last.as_ref().is_none_or(|l| day > l) {
                    entry.last = Some(day.clone());
                }
            }
        }
        mentions += s.entity.mentions.len();
        quotes += record
            .quotes
            .iter()
            .filter(|q| q.speaker.as_deref() == Some(s.entity.id.as_str()))
            .count();
        documents.push(s.doc);
    }
    documents.sort_unstable();
    documents.dedup();
    let mut variants: Vec<(&str, usize)> = names.into_iter().collect();
    variants.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let name = variants
        .iter()
        .max_by(|a, b| {
            let words = |s: &str| s.split_whitespace().count().min(3);
            (words(a.0), a.1, std::cmp::Reverse(a.0)).cmp(&(
                words(b.0),
                b.1,
                std::cmp::Reverse(b.0),
            ))
        })
        .map(|v| v.0.to_string())
        .unwrap_or_default();
    let mut titles: Vec<TitleSeen> = titles.into_values().collect();
    titles.sort_by(|a, b| a.first.cmp(&b.first).then_with(|| a.title.cmp(&b.title)));
    Actor {
        id: String::new(),
        name,
        kind: vote(kinds).unwrap_or_else(|| "MISC".into()),
        variants: variants.iter().map(|v| v.0.to_string()).collect(),
        titles,
        affiliation: vote(affiliations),
        mentions,
        quotes,
        documents: documents.iter().map(|&d| docs[d].0.id.clone()).collect(),
        first_seen: documents
            .iter()
            .filter_map(|&d| docs[d].0.published.clone())
            .min(),
        first_ingested: documents
            .iter()
            .map(|&d| docs[d].0.first_seen.clone())
            .min()
            .unwrap_or_default(),
    }
}

fn vote(counts: HashMap<&str, usize>) -> Option<String> {
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(k, _)| k.to_string())
}
