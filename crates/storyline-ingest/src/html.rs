//! HTML reader: main text and metadata via `rs-trafilatura`.

use std::panic::{AssertUnwindSafe, catch_unwind};

use rs_trafilatura::{ExtractResult, Options, encoding::transcode_to_utf8};

use crate::error::one_line;
use crate::{Document, IngestError, dates, decode};

/// Reads an HTML page: the article body (without the title, which is a
/// separate field), title, author, canonical URL and publication date.
pub fn read_html(id: &str, bytes: &[u8]) -> Result<Document, IngestError> {
    let (result, warnings) = extract(id, bytes)?;
    let text = result.content_text.trim().to_owned();
    if text.is_empty() {
        return Err(IngestError::Empty {
            input: id.to_owned(),
        });
    }
    let meta = result.metadata;
    Ok(Document {
        id: id.to_owned(),
        url: meta.url.filter(|u| !u.trim().is_empty()),
        title: meta
            .title
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty()),
        published: meta
            .date
            .and_then(|d| dates::normalise_date(&d.to_rfc3339())),
        author: meta
            .author
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty()),
        text,
        warnings,
    })
}

/// Runs the extractor on `bytes` (charset from the page's meta tags, UTF-8
/// otherwise), returning its result and our decoding warnings.
pub(crate) fn extract(id: &str, bytes: &[u8]) -> Result<(ExtractResult, Vec<String>), IngestError> {
    let html = transcode_to_utf8(bytes);
    let mut warnings = Vec::new();
    if std::str::from_utf8(bytes).is_err() && html.contains(char::REPLACEMENT_CHARACTER) {
        warnings.push(decode::invalid_utf8_warning());
    }
    // Defaults measured best on the article-extraction benchmark; passing
    // the page URL or `favor_precision` both lowered F1 there.
    let options = Options::default();
    // The extractor is a large third-party parser; a panic inside it must
    // cost one input, not the whole run.
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        rs_trafilatura::extract_with_options(&html, &options)
    }));
    let failed = |reason: String| IngestError::Html {
        input: id.to_owned(),
        reason: one_line(&reason),
    };
    match outcome {
        Ok(Ok(result)) => Ok((result, warnings)),
        Ok(Err(rs_trafilatura::Error::NoContent)) => Err(IngestError::Empty {
            input: id.to_owned(),
        }),
        Ok(Err(e)) => Err(failed(e.to_string())),
        Err(_) => Err(failed("the extractor panicked".to_owned())),
    }
}
