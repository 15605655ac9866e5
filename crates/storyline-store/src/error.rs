//! What can go wrong with a store, worded for the person at the terminal.

use thiserror::Error;

/// A store operation that failed.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The database file cannot be used at all (not Storyline's, corrupt,
    /// read-only, newer than this binary). Nothing was written to it.
    #[error("{path}: {reason}")]
    Unusable {
        /// The database file.
        path: String,
        /// Why, in a few words, with what to do when there is something to do.
        reason: String,
    },
    /// The disk (or the database's size limit) is full. The batch being
    /// written was rolled back; everything committed before it is kept.
    #[error(
        "{path}: the disk is full (or the database reached its size limit): the last batch was not stored, everything before it is; free space and run the same command again"
    )]
    Full {
        /// The database file.
        path: String,
    },
    /// A search query the full-text engine cannot read.
    #[error("malformed query {query:?}: {reason}")]
    Query {
        /// The query as given.
        query: String,
        /// What is wrong with it, and how to write it instead.
        reason: String,
    },
    /// A command-line argument the store cannot use (an unknown document, a bad date…).
    #[error("{0}")]
    Invalid(String),
    /// Any other database failure.
    #[error("{path}: {message}")]
    Database {
        /// The database file.
        path: String,
        /// SQLite's message.
        message: String,
    },
}

impl StoreError {
    /// Whether the database file itself is the problem (exit status 2).
    pub fn is_unusable(&self) -> bool {
        matches!(self, StoreError::Unusable { .. })
    }
}
