//! Actors: one entity per real-world referent, built from the recogniser's
//! mentions. Mentions of a person by part of their name (`Donald Trump`,
//! later `Trump`) join the fuller name met earlier; other names join by
//! their normalised text.

use std::collections::HashMap;

use crate::analysis::Analysis;
use crate::record::{Entity, TextSpan};

/// The entities of a document and where each token's mention points.
#[derive(Debug, Clone, Default)]
pub struct Actors {
    /// Entities in order of first mention (`E1`, `E2`, …).
    pub entities: Vec<Entity>,
    /// For each mention of `Analysis::mentions`, the index of its entity.
    pub mention_entity: Vec<usize>,
    /// For each token, the index of the entity whose mention covers it.
    pub token_entity: Vec<Option<usize>>,
}

impl Actors {
    /// The entity a token belongs to, if any.
    pub fn entity_of(&self, token: usize) -> Option<&Entity> {
        self.token_entity
            .get(token)
            .copied()
            .flatten()
            .map(|i| &self.entities[i])
    }
}

impl Actors {
    /// The entity a source or argument headed by `token` refers to: the
    /// entity of a name, or for a personal pronoun the last person named
    /// before it. (A first approximation; role nominals come later.)
    pub fn resolve(&self, analysis: &Analysis, token: usize) -> Option<usize> {
        if let Some(index) = self.token_entity.get(token).copied().flatten() {
            return Some(index);
        }
        let word = analysis.token_text(token).to_lowercase();
        if !matches!(word.as_str(), "he" | "she" | "him" | "her") {
            return None;
        }
        (0..token).rev().find_map(|t| {
            self.token_entity[t].filter(|&i| self.entities[i].kind == "PERSON")
        })
    }
}

/// Record type names for the recogniser's CoNLL labels.
pub fn record_type(label: &str) -> &'static str {
    match label {
        "PER" => "PERSON",
        "ORG" => "ORG",
        "LOC" => "LOC",
        _ => "MISC",
    }
}

/// Builds the document's entities from its mentions.
pub fn build(analysis: &Analysis) -> Actors {
    let mut actors = Actors {
        token_entity: vec![None; analysis.tokens.len()],
        ..Actors::default()
    };
    // Lower-cased name → entity, and for persons each name part → entity.
    let mut by_name: HashMap<(String, &'static str), usize> = HashMap::new();
    let mut by_part: HashMap<String, usize> = HashMap::new();
    for mention in &analysis.mentions {
        let kind = record_type(&mention.label);
        let words: Vec<&str> = (mention.start..mention.end)
            .map(|i| analysis.token_text(i))
            .collect();
        let name = words.join(" ");
        let key = (name.to_lowercase(), kind);
        let existing = by_name.get(&key).copied().or_else(|| {
            (kind == "PERSON" && words.len() == 1)
                .then(|| by_part.get(&name.to_lowercase()).copied())
                .flatten()
        });
        let index = existing.unwrap_or_else(|| {
            actors.entities.push(Entity {
                id: format!("E{}", actors.entities.len() + 1),
                name: name.clone(),
                kind: kind.to_string(),
                titles: Vec::new(),
                affiliation: None,
                mentions: Vec::new(),
            });
            actors.entities.len() - 1
        });
        by_name.insert(key, index);
        if kind == "PERSON" && words.len() > 1 {
            for part in &words {
                by_part.entry(part.to_lowercase()).or_insert(index);
            }
        }
        let first = &analysis.tokens[mention.start];
        let last = &analysis.tokens[mention.end - 1];
        actors.entities[index].mentions.push(TextSpan {
            start: first.start,
            end: last.end,
            text: analysis.text[first.byte_start..last.byte_end].to_string(),
        });
        if words.len() > actors.entities[index].name.split(' ').count() {
            actors.entities[index].name = name;
        }
        actors.mention_entity.push(index);
        for slot in &mut actors.token_entity[mention.start..mention.end] {
            *slot = Some(index);
        }
    }
    actors
}
