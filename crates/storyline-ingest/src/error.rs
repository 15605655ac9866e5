//! The one error type of this crate.

use thiserror::Error;

/// Why an input (a file, a feed item, a JSON line…) yielded no document.
///
/// Every variant names the input, and `Display` always renders on a single
/// line so command-line tools can print one line per failed input.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IngestError {
    /// The path does not exist.
    #[error("{input}: file not found")]
    NotFound {
        /// The input as named by the caller.
        input: String,
    },
    /// The input exists but could not be read (permissions, not a regular file…).
    #[error("{input}: cannot read: {reason}")]
    Unreadable {
        /// The input as named by the caller.
        input: String,
        /// The operating system's reason.
        reason: String,
    },
    /// The content looks binary rather than text.
    #[error("{input}: binary content ({reason})")]
    Binary {
        /// The input as named by the caller.
        input: String,
        /// What gave it away.
        reason: String,
    },
    /// A folder holds no file of a supported kind.
    #[error(
        "no supported files in {input} (looked for .txt, .html, .htm, .json, .jsonl, .ndjson, .rss, .atom, .xml, also gzipped)"
    )]
    NoSupportedFiles {
        /// The folder as named by the caller.
        input: String,
    },
    /// Nothing but whitespace was left to analyse.
    #[error("{input}: empty document (no text)")]
    Empty {
        /// The input (or item) as named in document ids.
        input: String,
    },
    /// The input (or its decompressed content) is larger than the configured limit.
    #[error("{input}: {what} exceeds the size limit of {limit} bytes")]
    TooLarge {
        /// The input as named by the caller.
        input: String,
        /// What exceeded the limit, e.g. "file of 123 bytes" or "decompressed content".
        what: String,
        /// The limit in bytes ([`crate::IngestOptions::max_bytes`]).
        limit: u64,
    },
    /// The input is compressed but the compressed stream is broken.
    #[error("{input}: corrupt gzip data: {reason}")]
    Gzip {
        /// The input as named by the caller.
        input: String,
        /// The decoder's reason.
        reason: String,
    },
    /// A JSON document, JSON line or JSON record is malformed.
    #[error("{input}{}: malformed JSON: {reason}", line.map(|l| format!(": line {l}")).unwrap_or_default())]
    MalformedJson {
        /// The input (file, or `file#N` for array elements).
        input: String,
        /// 1-based line number, when known.
        line: Option<usize>,
        /// What is wrong.
        reason: String,
    },
    /// An RSS/Atom feed could not be parsed.
    #[error("{input}: malformed feed: {reason}")]
    MalformedFeed {
        /// The input as named by the caller.
        input: String,
        /// The parser's reason.
        reason: String,
    },
    /// The HTML extractor failed on the page.
    #[error("{input}: HTML extraction failed: {reason}")]
    Html {
        /// The input as named by the caller.
        input: String,
        /// The extractor's reason.
        reason: String,
    },
    /// The input's format is not one this crate reads (e.g. an `.xml` file that is no feed).
    #[error("{input}: unsupported format ({reason})")]
    Unsupported {
        /// The input as named by the caller.
        input: String,
        /// Why it is not supported.
        reason: String,
    },
}

impl IngestError {
    /// The error for an input that could not be read: missing, or
    /// unreadable for the operating system's reason.
    pub fn from_io(input: &str, error: &std::io::Error) -> Self {
        match error.kind() {
            std::io::ErrorKind::NotFound => IngestError::NotFound {
                input: input.to_owned(),
            },
            _ => IngestError::Unreadable {
                input: input.to_owned(),
                reason: one_line(&error.to_string()),
            },
        }
    }

    /// The input (or item) the error is about, as it appears in the message.
    pub fn input(&self) -> &str {
        match self {
            Self::NotFound { input }
            | Self::Unreadable { input, .. }
            | Self::Binary { input, .. }
            | Self::Empty { input }
            | Self::NoSupportedFiles { input }
            | Self::TooLarge { input, .. }
            | Self::Gzip { input, .. }
            | Self::MalformedJson { input, .. }
            | Self::MalformedFeed { input, .. }
            | Self::Html { input, .. }
            | Self::Unsupported { input, .. } => input,
        }
    }
}

/// Makes `s` safe to embed in a one-line message: line breaks and other
/// control characters (which may come from file names or parser messages)
/// are escaped, so an error never spans several lines.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push(' '),
            // U+2028/2029 are line breaks for some terminals and editors.
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                out.extend(c.escape_unicode())
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_error_with_and_without_line() {
        let e = IngestError::MalformedJson {
            input: "a.jsonl".into(),
            line: Some(3),
            reason: "x".into(),
        };
        assert_eq!(e.to_string(), "a.jsonl: line 3: malformed JSON: x");
        let e = IngestError::MalformedJson {
            input: "a.json#2".into(),
            line: None,
            reason: "x".into(),
        };
        assert_eq!(e.to_string(), "a.json#2: malformed JSON: x");
    }

    #[test]
    fn one_line_escapes_breaks() {
        assert_eq!(one_line("a\nb\r\u{0}"), "a\\nb\\r\\u{0}");
    }
}
