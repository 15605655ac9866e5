//! Reader configuration.

/// Default limit on the size of one input: 50 MB.
pub const DEFAULT_MAX_BYTES: u64 = 50 * 1024 * 1024;

/// Options shared by all readers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestOptions {
    /// Largest input accepted, in bytes. Checked against the file size before
    /// reading, and against the decompressed size of gzipped input (so a
    /// small "gzip bomb" cannot exhaust memory).
    pub max_bytes: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        Self {
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}
