//! Readers that turn input files into [`Document`]s.
//!
//! Supported inputs: plain text, HTML (main text via `rs-trafilatura`), JSON
//! objects/arrays and JSON Lines, RSS/Atom feeds, gzip-compressed versions of
//! all of these, and directories of them. [`read_inputs`] reads paths,
//! [`read_bytes`] reads content already in memory (e.g. standard input).
//! Each input, feed item or JSON record yields its own `Result`, so one bad
//! input never stops the others; no input makes the readers panic.

#![warn(missing_docs)]

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};

use serde::Serialize;

mod dates;
mod decode;
mod error;
mod feed;
mod format;
mod html;
mod json;
mod options;
mod plain;
pub mod shape;
mod strip;
mod walk;

pub use dates::normalise_date;
pub use error::{IngestError, one_line};
pub use format::{Format, sniff};
pub use options::{DEFAULT_MAX_BYTES, IngestOptions};
pub use plain::detect_title;
pub use strip::html_to_text;

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
    /// The outlet that published it (site name or feed title), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// The text every offset of the record refers to.
    pub text: String,
    /// Problems met while reading that did not stop the reader (e.g. invalid UTF-8 replaced).
    pub warnings: Vec<String>,
}

/// The name that stands for standard input in [`read_inputs`].
pub const STDIN: &str = "-";

/// Reads every input in order. A directory yields its supported files
/// (recursively, sorted by path, hidden files skipped); `-` reads standard
/// input. Directories are listed when reached, files read one at a time.
pub fn read_inputs(
    paths: &[PathBuf],
    opts: &IngestOptions,
) -> impl Iterator<Item = Result<Document, IngestError>> {
    paths
        .iter()
        .flat_map(|path| expand(path))
        .flat_map(move |entry| match entry {
            Ok((path, walked)) => read_listed(&path, opts, walked),
            Err(e) => vec![Err(e)],
        })
}

/// One input path as a list of files; `true` marks files found by a walk.
fn expand(path: &Path) -> Vec<Result<(PathBuf, bool), IngestError>> {
    if path.as_os_str() != STDIN && path.is_dir() {
        let files = walk::list_files(path);
        if files.is_empty() {
            return vec![Err(IngestError::NoSupportedFiles {
                input: error::one_line(&path.display().to_string()),
            })];
        }
        files.into_iter().map(|r| r.map(|p| (p, true))).collect()
    } else {
        vec![Ok((path.to_path_buf(), false))]
    }
}

/// Reads one listed file. Files met in a directory walk whose content turns
/// out unsupported (an `.xml` file that is no feed) are skipped silently.
fn read_listed(
    path: &Path,
    opts: &IngestOptions,
    walked: bool,
) -> Vec<Result<Document, IngestError>> {
    let mut results = read_file(path, opts);
    if walked {
        results.retain(|r| !matches!(r, Err(IngestError::Unsupported { .. })));
    }
    results
}

/// Reads one file (or standard input for `-`). The size is checked before
/// reading; the format comes from the extension, else from the content.
pub fn read_file(path: &Path, opts: &IngestOptions) -> Vec<Result<Document, IngestError>> {
    let name = error::one_line(&path.display().to_string());
    let bytes = if path.as_os_str() == STDIN {
        read_bounded(&name, std::io::stdin().lock(), opts.max_bytes)
    } else {
        open_checked(path, &name, opts.max_bytes)
            .and_then(|file| read_bounded(&name, file, opts.max_bytes))
    };
    match bytes {
        Ok(bytes) => read_bytes(&name, &bytes, opts),
        Err(e) => vec![Err(e)],
    }
}

/// Opens a regular file after checking that it exists and is within the limit.
fn open_checked(path: &Path, name: &str, limit: u64) -> Result<File, IngestError> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        ErrorKind::NotFound => IngestError::NotFound {
            input: name.to_owned(),
        },
        _ => walk::unreadable(path, &e),
    })?;
    if meta.is_dir() {
        return Err(IngestError::Unreadable {
            input: name.to_owned(),
            reason: "is a directory".to_owned(),
        });
    }
    if meta.len() > limit {
        return Err(IngestError::TooLarge {
            input: name.to_owned(),
            what: format!("file of {} bytes", meta.len()),
            limit,
        });
    }
    File::open(path).map_err(|e| walk::unreadable(path, &e))
}

/// Reads at most `limit` bytes; more means the input is too large (files can
/// grow after the size check, and pipes have no size).
fn read_bounded(name: &str, reader: impl Read, limit: u64) -> Result<Vec<u8>, IngestError> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| IngestError::Unreadable {
            input: name.to_owned(),
            reason: error::one_line(&e.to_string()),
        })?;
    if bytes.len() as u64 > limit {
        return Err(IngestError::TooLarge {
            input: name.to_owned(),
            what: "input".to_owned(),
            limit,
        });
    }
    Ok(bytes)
}

/// Reads content already in memory. `name` becomes the document id and its
/// extension (if any, `.gz` ignored) chooses the reader; otherwise (e.g. `-`
/// for standard input) the content is sniffed. Gzip is detected by its magic
/// bytes and decompressed within [`IngestOptions::max_bytes`].
pub fn read_bytes(
    name: &str,
    bytes: &[u8],
    opts: &IngestOptions,
) -> Vec<Result<Document, IngestError>> {
    let name = &error::one_line(name);
    let bytes = match decode::prepare(name, bytes, opts.max_bytes) {
        Ok(bytes) => bytes,
        Err(e) => return vec![Err(e)],
    };
    let format = match format::hint_from_name(name) {
        format::Hint::Known(f) => f,
        format::Hint::Unknown => sniff(&bytes),
        format::Hint::XmlMaybeFeed => match sniff(&bytes) {
            Format::Feed => Format::Feed,
            _ => {
                return vec![Err(IngestError::Unsupported {
                    input: name.clone(),
                    reason: "XML that is not an RSS or Atom feed".to_owned(),
                })];
            }
        },
    };
    read_format(name, &bytes, format)
}

/// The article body the HTML reader's extractor finds in a page (gzip is
/// decompressed within [`IngestOptions::max_bytes`]), "" when it finds
/// none: the part of [`read_bytes`] that the article-extraction benchmark
/// measures, without the plain-text fallback for pages too complex to
/// extract, the trimming or the metadata. Content that is too large, not
/// valid gzip or binary is an error.
pub fn extract_article_body(
    name: &str,
    bytes: &[u8],
    opts: &IngestOptions,
) -> Result<String, IngestError> {
    let name = &error::one_line(name);
    let bytes = decode::prepare(name, bytes, opts.max_bytes)?;
    Ok(html::article_body(name, &bytes))
}

/// Runs the reader for `format` on decompressed, non-binary content.
fn read_format(name: &str, bytes: &[u8], format: Format) -> Vec<Result<Document, IngestError>> {
    match format {
        Format::Text => vec![plain::read_text(name, bytes)],
        Format::Html => vec![html::read_html(name, bytes)],
        Format::Json | Format::JsonLines => {
            let (text, warnings) = decode::decode_text(bytes);
            json::read_json(name, &text, format == Format::JsonLines, &warnings)
        }
        Format::Feed => {
            // The XML parser decodes the feed itself, honouring its declared
            // encoding; only undeclared, invalid UTF-8 deserves a warning.
            let warnings = match decode::xml_declared_encoding(bytes) {
                Some(enc) if !enc.eq_ignore_ascii_case("utf-8") => Vec::new(),
                _ => decode::decode_text(bytes).1,
            };
            feed::read_feed(name, bytes, &warnings)
        }
    }
}
