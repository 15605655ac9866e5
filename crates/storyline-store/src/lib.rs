//! Storyline's memory: every document read, each version of it, its reading
//! in queryable tables, near-duplicate links between reprints, and
//! full-text search.
//!
//! Callers talk to the [`Store`] trait; [`SqliteStore`] is the embedded
//! backend (one file, WAL mode, safe against a killed process). A shared
//! backend implements the same trait.

pub mod canonical;
pub mod diff;
pub mod error;
pub mod identity;
pub mod near;
pub mod schema;
pub mod search;
mod sqlite;
pub mod stories;

use serde::Serialize;
use storyline_extract::Record;
use storyline_ingest::Document;

pub use canonical::canonical_url;
pub use error::StoreError;
pub use identity::Identity;
pub use search::{Hit, Scope, SearchQuery};
pub use sqlite::{Mode, SqliteStore};
pub use stories::{IngestRun, Membership, Merge, StoryDocument, StoryLedger};

/// One analysed document on its way into the store.
#[derive(Debug, Clone, Copy)]
pub struct Incoming<'a> {
    /// The document as read.
    pub document: &'a Document,
    /// Its reading.
    pub record: &'a Record,
}

/// What storing one document did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// A document not seen before.
    Added,
    /// Content already stored under this identity: nothing written.
    Unchanged,
    /// Same URL, new content: stored as a new version, now the current one.
    Revised {
        /// The new version's number (the first version is 1).
        version: u32,
    },
    /// A new document that copies one already stored (a reprint,
    /// syndicated wire copy): stored, and linked to the first-seen original.
    Duplicate {
        /// The original's id.
        of: String,
        /// Estimated Jaccard similarity of their word shingles (1 for identical text).
        similarity: f64,
    },
}

/// One document's place in the store.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentInfo {
    /// The stable id.
    pub id: String,
    /// Its canonical URL, when it has one.
    pub canonical_url: Option<String>,
    /// The current version's number.
    pub current: u32,
    /// The original it copies, when it is a near-duplicate.
    pub copy_of: Option<String>,
    /// Similarity with that original.
    pub similarity: Option<f64>,
    /// When it was first stored (RFC 3339, UTC).
    pub first_seen: String,
}

/// One stored version of a document, without its text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Revision {
    /// Version number, from 1.
    pub version: u32,
    /// Whether it is the current version.
    pub current: bool,
    /// SHA-256 of its title and text.
    pub content_hash: String,
    /// The input it was read from.
    pub source: String,
    /// Its URL as given.
    pub url: Option<String>,
    /// Its headline.
    pub title: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
    /// The outlet.
    pub site: Option<String>,
    /// Words in its text.
    pub words: u64,
    /// When it was stored (RFC 3339, UTC).
    pub ingested_at: String,
}

/// Totals over a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Counts {
    /// Documents (identities).
    pub documents: u64,
    /// Versions of all documents.
    pub versions: u64,
    /// Documents that are near-duplicates of another.
    pub copies: u64,
}

/// Where documents and their readings are kept. The embedded backend is
/// [`SqliteStore`]; the callers (ingest, search, diff, later the server)
/// use only this trait.
pub trait Store {
    /// Where the store is (a file name, later a connection string), for messages.
    fn location(&self) -> &str;

    /// Whether this exact content is already stored under this identity
    /// (lets an ingest skip analysing what it would not store).
    fn knows(&self, identity: &Identity) -> Result<bool, StoreError>;

    /// Stores a batch in one transaction: either every document of the
    /// batch is stored or none is.
    fn put(&mut self, batch: &[Incoming<'_>]) -> Result<Vec<Outcome>, StoreError>;

    /// The id of the document a command-line reference names: an id, a
    /// unique id prefix, a URL (any spelling of it) or the input path it
    /// was read from. `None` when nothing matches.
    fn find(&self, reference: &str) -> Result<Option<String>, StoreError>;

    /// The document with this id.
    fn document(&self, id: &str) -> Result<DocumentInfo, StoreError>;

    /// Every version of a document, oldest first.
    fn revisions(&self, id: &str) -> Result<Vec<Revision>, StoreError>;

    /// The record of one version (text included).
    fn record(&self, id: &str, version: u32) -> Result<Record, StoreError>;

    /// Full-text search, best first.
    fn search(&self, query: &SearchQuery) -> Result<Vec<Hit>, StoreError>;

    /// Totals.
    fn counts(&self) -> Result<Counts, StoreError>;

    /// Every document's current version, in publication order (undated
    /// documents last), for the story layer.
    fn story_documents(&self) -> Result<Vec<StoryDocument>, StoreError>;

    /// Every membership and merge the story layer wrote, in order.
    fn story_ledger(&self) -> Result<StoryLedger, StoreError>;

    /// Adds memberships (a document's new one replaces its old) and merges,
    /// in one transaction.
    fn add_to_stories(
        &mut self,
        members: &[Membership],
        merges: &[Merge],
    ) -> Result<(), StoreError>;

    /// Replaces all memberships and merges at once (a rebuild).
    fn replace_stories(&mut self, ledger: &StoryLedger) -> Result<(), StoreError>;

    /// Records the start of an ingest run and returns it.
    fn begin_ingest(&mut self) -> Result<IngestRun, StoreError>;

    /// Every ingest run, oldest first.
    fn ingests(&self) -> Result<Vec<IngestRun>, StoreError>;
}

/// Opens the store at `location` with the backend it names (today: an
/// SQLite file). Callers hold a `dyn Store` and never name the backend.
pub fn open(location: &std::path::Path, mode: Mode) -> Result<Box<dyn Store>, StoreError> {
    Ok(Box::new(SqliteStore::open(location, mode)?))
}
