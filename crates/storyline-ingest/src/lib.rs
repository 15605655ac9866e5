//! Readers that turn input files into [`Document`]s.

use serde::Serialize;

/// One news document as read from an input, before any analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Document {
    /// Stable identifier (file path, path#item for feeds and JSON lines, or the JSON `id`).
    pub id: String,
    /// Where the document came from on the web, when known.
    pub url: Option<String>,
    /// Headline, when known.
    pub title: Option<String>,
    /// Publication date as `YYYY-MM-DD` (or a longer ISO 8601 timestamp), when known.
    pub published: Option<String>,
    /// Author(s), when the source names them.
    pub author: Option<String>,
    /// The text every offset of the record refers to.
    pub text: String,
    /// Problems met while reading that did not stop the reader (e.g. invalid UTF-8 replaced).
    pub warnings: Vec<String>,
}
