//! The record: the public JSON contract of `storyline extract`
//! (`storyline.record/1`, described in DESIGN.md). Field names are fixed;
//! fields may be added.

use serde::{Deserialize, Serialize};

/// The schema identifier written in every record.
pub const SCHEMA: &str = "storyline.record/1";

/// Everything Storyline read from one document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Record {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The document's identifier (path, `path#N`, or the input's own id).
    pub id: String,
    /// Where the document came from, when known.
    pub url: Option<String>,
    /// Headline, when known.
    pub title: Option<String>,
    /// Publication date (`YYYY-MM-DD`), when known.
    pub published: Option<String>,
    /// Author(s), when the source names them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Language of the text (Storyline reads English).
    pub language: String,
    /// The text every offset refers to (Unicode code points, end-exclusive).
    pub text: String,
    /// Sentence spans.
    pub sentences: Vec<Span>,
    /// Tokens with their analysis; present only when asked for (`--tokens`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<TokenRecord>>,
    /// People, organisations, places and other named things.
    pub entities: Vec<Entity>,
    /// Who said what.
    pub quotes: Vec<Quote>,
    /// Time expressions with TimeML values.
    pub times: Vec<Time>,
    /// Who did what to whom, where and when.
    pub events: Vec<Event>,
    /// Positions held on contested issues.
    pub stances: Vec<Stance>,
    /// Problems met while reading or analysing the document.
    pub warnings: Vec<String>,
}

/// A character span without text.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct Span {
    /// Code point offset of the first character.
    pub start: usize,
    /// Code point offset one past the last character.
    pub end: usize,
}

/// A character span with the text it covers.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TextSpan {
    /// Code point offset of the first character.
    pub start: usize,
    /// Code point offset one past the last character.
    pub end: usize,
    /// The covered text.
    pub text: String,
}

/// One token with its grammatical analysis.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TokenRecord {
    /// Code point offset of the first character.
    pub start: usize,
    /// Code point offset one past the last character.
    pub end: usize,
    /// The token's text.
    pub text: String,
    /// Dictionary form.
    pub lemma: Option<String>,
    /// Universal POS tag.
    pub upos: Option<String>,
    /// Penn Treebank tag.
    pub xpos: Option<String>,
    /// Index of the head token in `tokens`, or -1 for a sentence root.
    pub head: Option<i64>,
    /// Universal dependency relation to the head.
    pub deprel: Option<String>,
    /// Entity label in BILOU-free form (`PER`, `ORG`, `LOC`, `MISC`), when inside an entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ner: Option<String>,
}

/// One real-world referent named in the document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Entity {
    /// `E1`, `E2`, … in order of first mention.
    pub id: String,
    /// The fullest proper name.
    pub name: String,
    /// `PERSON`, `ORG`, `LOC` or `MISC`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Titles and roles as written (`President`, `Special Envoy`).
    pub titles: Vec<String>,
    /// The country or organisation the entity acts for.
    pub affiliation: Option<String>,
    /// Every mention with offsets.
    pub mentions: Vec<TextSpan>,
}

/// One attribution: a source, a cue and what was said.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Quote {
    /// `Q1`, `Q2`, …
    pub id: String,
    /// Entity id of the speaker, or null when the source names no entity.
    pub speaker: Option<String>,
    /// The source as written.
    pub source: Option<TextSpan>,
    /// The cue (`said`, `according to`).
    pub cue: Option<TextSpan>,
    /// What was said.
    pub content: TextSpan,
    /// When the attribution interrupts what was said (`“A,” he said.
    /// “B.”`, `A, he said, B`), its pieces without the interruption;
    /// empty when the content is one piece.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<TextSpan>,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// Index of the sentence holding the cue (or the content's start).
    pub sentence: usize,
}

/// A time expression, TimeML TIMEX3 style.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Time {
    /// Code point offset of the first character.
    pub start: usize,
    /// Code point offset one past the last character.
    pub end: usize,
    /// The expression as written.
    pub text: String,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Normalised value (`2025-12-02`, `P4Y`), when it can be computed.
    pub value: Option<String>,
}

/// Something that happened (or was planned, denied, reported).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Event {
    /// `V1`, `V2`, …
    pub id: String,
    /// Event type (`MEET`, `DEMAND`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// CAMEO root code (`04`).
    pub cameo: String,
    /// The word or phrase that signals the event.
    pub trigger: TextSpan,
    /// Entity ids of who acted.
    pub actors: Vec<String>,
    /// Entity ids of whom it was done to or with.
    pub targets: Vec<String>,
    /// Entity id of the place.
    pub place: Option<String>,
    /// TimeML value of when.
    pub time: Option<String>,
    /// `actual`, `planned`, `possible`, `negated` or `reported`.
    pub modality: String,
    /// Index of the sentence.
    pub sentence: usize,
}

/// A party's position on an issue.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Stance {
    /// Entity id of who holds the position.
    pub holder: Option<String>,
    /// The issue, as a phrase from the text.
    pub issue: String,
    /// `demand`, `propose`, `support`, `accept`, `reject` or `oppose`.
    pub position: String,
    /// The words that show it.
    pub evidence: TextSpan,
}
