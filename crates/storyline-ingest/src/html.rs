//! HTML reader: main text and metadata via `rs-trafilatura`.

use std::panic::{AssertUnwindSafe, catch_unwind};

use rs_trafilatura::{ExtractResult, Options, encoding::transcode_to_utf8};

use crate::error::one_line;
use crate::{Document, IngestError, dates, decode};

/// Reads an HTML page: the article body (without the title, which is a
/// separate field), title, author, canonical URL and publication date.
pub fn read_html(id: &str, bytes: &[u8]) -> Result<Document, IngestError> {
    let html = transcode_to_utf8(bytes);
    if let Some(reason) = crate::shape::shape(&html).too_complex() {
        return read_as_plain_text(id, bytes, &html, &reason);
    }
    let (result, warnings) = extract_decoded(id, bytes, &html)?;
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
        site: meta
            .sitename
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty()),
        text,
        warnings,
    })
}

/// Reads a page too complex for the article extractor with the linear tag
/// stripper: all of its text, title from `<title>`, no other metadata.
fn read_as_plain_text(
    id: &str,
    bytes: &[u8],
    html: &str,
    reason: &str,
) -> Result<Document, IngestError> {
    let mut warnings = decoding_warnings(bytes, html);
    warnings.push(format!(
        "HTML with {reason}: read as plain text with every tag removed, without article extraction"
    ));
    let (title, body_start) = title_element(html);
    let text = crate::strip::html_to_text(&html[body_start..]);
    if text.trim().is_empty() {
        return Err(IngestError::Empty {
            input: id.to_owned(),
        });
    }
    Ok(Document {
        id: id.to_owned(),
        url: None,
        title,
        published: None,
        author: None,
        site: None,
        text,
        warnings,
    })
}

/// The text of the first `<title>` element, if any, and the byte offset
/// after it (0 without one), where the body's text starts.
fn title_element(html: &str) -> (Option<String>, usize) {
    let mut cut = html.len().min(64 * 1024);
    while !html.is_char_boundary(cut) {
        cut -= 1;
    }
    // ASCII lower-casing keeps byte offsets.
    let lower = html[..cut].to_ascii_lowercase();
    let found = (|| {
        let open = lower.find("<title")?;
        let start = open + lower[open..].find('>')? + 1;
        let end = start + lower[start..].find("</title")?;
        let after = end + lower[end..].find('>').map_or(lower.len() - end, |i| i + 1);
        Some((start, end, after))
    })();
    let Some((start, end, after)) = found else {
        return (None, 0);
    };
    let title = crate::strip::html_to_text(&html[start..end]);
    let title = title.trim();
    ((!title.is_empty()).then(|| title.to_owned()), after)
}

/// The article body the extractor finds in `bytes` (charset from the
/// page's meta tags, UTF-8 otherwise), "" when it finds none or fails.
pub(crate) fn article_body(id: &str, bytes: &[u8]) -> String {
    extract_decoded(id, bytes, &transcode_to_utf8(bytes))
        .map(|(result, _)| result.content_text)
        .unwrap_or_default()
}

/// The invalid-UTF-8 warning, when the page's bytes needed replacing.
fn decoding_warnings(bytes: &[u8], html: &str) -> Vec<String> {
    if std::str::from_utf8(bytes).is_err() && html.contains(char::REPLACEMENT_CHARACTER) {
        vec![decode::invalid_utf8_warning()]
    } else {
        Vec::new()
    }
}

/// [`extract`] on the page already decoded to `html`.
fn extract_decoded(
    id: &str,
    bytes: &[u8],
    html: &str,
) -> Result<(ExtractResult, Vec<String>), IngestError> {
    let warnings = decoding_warnings(bytes, html);
    // Defaults measured best on the article-extraction benchmark; passing
    // the page URL or `favor_precision` both lowered F1 there.
    let options = Options::default();
    // The extractor is a large third-party parser; a panic inside it must
    // cost one input, not the whole run.
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        rs_trafilatura::extract_with_options(html, &options)
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
