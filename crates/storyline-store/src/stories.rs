//! What the store keeps for the story layer: each document's story with the
//! features its assignment used, merges between stories, and ingest runs.
//!
//! The store does not interpret features: the story layer writes them as
//! bytes and reads them back to rebuild its index.

use serde::Serialize;

/// A document as the story layer sees it (its current version).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryDocument {
    /// The stable id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Publication date (`YYYY-MM-DD`), when known.
    pub published: Option<String>,
    /// The outlet.
    pub site: Option<String>,
    /// The original it copies, when it is a near-duplicate.
    pub copy_of: Option<String>,
    /// When the document was first stored (RFC 3339, UTC).
    pub first_seen: String,
    /// When its current version was stored (RFC 3339, UTC).
    pub ingested_at: String,
    /// The current version's number.
    pub version: u32,
}

/// One document's place in a story.
#[derive(Debug, Clone, PartialEq)]
pub struct Membership {
    /// The document's id.
    pub doc: String,
    /// The story's number.
    pub story: u64,
    /// How sure the assignment was (the join probability; 1 for a story's
    /// first document or a copy).
    pub score: f64,
    /// The story layer's features of the document, opaque to the store.
    pub features: Vec<u8>,
}

/// A story merged into another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Merge {
    /// The story merged away (its number stays resolvable).
    pub story: u64,
    /// The story it now belongs to.
    pub into: u64,
}

/// Everything the story layer wrote, in assignment order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryLedger {
    /// Memberships, oldest assignment first.
    pub members: Vec<Membership>,
    /// Merges, oldest first; each with the number of memberships written
    /// before it.
    pub merges: Vec<(Merge, u64)>,
}

/// One ingest run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IngestRun {
    /// Its number, from 1.
    pub id: u64,
    /// When it started (RFC 3339, UTC).
    pub started_at: String,
}
