//! Gold files: the hand-made expected reading of an article, shaped like
//! `shared/data/seed/gold.json` (entities with name, type, aliases, titles
//! and affiliation; quotes; times; events; stances). Every section is
//! optional so a gold file can describe only what it tests.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// An expected reading of one article.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Gold {
    /// How a record is matched against this file.
    #[serde(default)]
    pub about: Option<String>,
    /// The article's publication date, when the scorer should assume one.
    #[serde(default)]
    pub published: Option<String>,
    /// Expected entities.
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    /// Expected quotes.
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
    /// Expected time expressions.
    #[serde(default)]
    pub times: Vec<GoldTime>,
    /// Expected events.
    #[serde(default)]
    pub events: Vec<GoldEvent>,
    /// Expected stances.
    #[serde(default)]
    pub stances: Vec<GoldStance>,
}

/// An expected entity.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct GoldEntity {
    /// The fullest proper name.
    pub name: String,
    /// `PERSON`, `ORG`, `LOC` or `MISC`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Other names and mentions that identify it.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Titles that must all be present.
    #[serde(default)]
    pub titles: Vec<String>,
    /// The country or organisation it acts for.
    #[serde(default)]
    pub affiliation: Option<String>,
}

/// An expected quote.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct GoldQuote {
    /// The speaker's gold entity name, or null for an unnamed source.
    #[serde(default)]
    pub speaker: Option<String>,
    /// The source as written, for unnamed sources.
    #[serde(default)]
    pub speaker_text: Option<String>,
    /// A substring of the content.
    pub contains: String,
    /// `direct`, `indirect` or `mixed`.
    #[serde(default)]
    pub kind: Option<String>,
}

/// An expected time expression.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct GoldTime {
    /// The expression as written.
    pub text: String,
    /// Its TimeML value.
    #[serde(default)]
    pub value: Option<String>,
}

/// An expected event.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct GoldEvent {
    /// Event type (`MEET`, `DEMAND`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// Gold entity names of the actors.
    #[serde(default)]
    pub actors: Vec<String>,
    /// Gold entity names of the targets.
    #[serde(default)]
    pub targets: Vec<String>,
    /// Gold entity name of the place.
    #[serde(default)]
    pub place: Option<String>,
    /// TimeML value of when.
    #[serde(default)]
    pub time: Option<String>,
    /// `actual`, `planned`, …
    #[serde(default)]
    pub modality: Option<String>,
    /// Other names the actors may appear under (`Moscow`, `Kremlin`).
    #[serde(default)]
    pub actor_aliases: Vec<String>,
}

/// An expected stance.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct GoldStance {
    /// Gold entity name of the holder.
    #[serde(default)]
    pub holder: Option<String>,
    /// A substring of the issue.
    #[serde(default)]
    pub issue_contains: Option<String>,
    /// `demand`, `reject`, …
    pub position: String,
    /// Other names the holder may appear under.
    #[serde(default)]
    pub holder_aliases: Vec<String>,
}

/// Why a gold file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    /// The file could not be read.
    #[error("cannot read gold file {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not a gold file.
    #[error("{path} is not a gold file: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: serde_json::Error,
    },
}

/// Reads a gold file.
pub fn read_gold(path: &Path) -> Result<Gold, GoldError> {
    let text = std::fs::read_to_string(path).map_err(|source| GoldError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|source| GoldError::Json {
        path: path.to_path_buf(),
        source,
    })
}

/// The article a gold file describes: the `.txt` file with the same stem
/// beside it, else `article.txt` in its folder.
pub fn article_for(gold_path: &Path) -> Option<PathBuf> {
    let same = gold_path.with_extension("txt");
    if same.is_file() {
        return Some(same);
    }
    let article = gold_path.parent()?.join("article.txt");
    article.is_file().then_some(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_gold_parses() {
        let gold: Gold = serde_json::from_str(
            r#"{"entities":[{"name":"Acme","type":"ORG"}],"quotes":[{"speaker":null,"contains":"x"}]}"#,
        )
        .unwrap();
        assert_eq!(gold.entities[0].kind, "ORG");
        assert!(gold.entities[0].affiliation.is_none());
        assert!(gold.quotes[0].speaker.is_none());
    }
}
