//! RSS 2.0 / RSS 1.0 / Atom reader via `feed-rs`.

use std::panic::{AssertUnwindSafe, catch_unwind};

use feed_rs::model::{Entry, Link};

use crate::error::one_line;
use crate::strip::html_to_text;
use crate::{Document, IngestError, dates};

/// Reads a feed: one document per item, with the item's content (or its
/// summary when there is no content) as plain text. Item ids are `input#N`.
pub fn read_feed(
    input: &str,
    bytes: &[u8],
    warnings: &[String],
) -> Vec<Result<Document, IngestError>> {
    // feed-rs is a third-party parser fed untrusted bytes: contain panics.
    let parsed = catch_unwind(AssertUnwindSafe(|| feed_rs::parser::parse(bytes)));
    let feed = match parsed {
        Ok(Ok(feed)) => feed,
        Ok(Err(e)) => return vec![Err(malformed(input, &e.to_string()))],
        Err(_) => return vec![Err(malformed(input, "the feed parser panicked"))],
    };
    if feed.entries.is_empty() {
        return vec![Err(IngestError::Empty {
            input: input.to_owned(),
        })];
    }
    let site = feed
        .title
        .as_ref()
        .map(|t| html_to_text(&t.content))
        .filter(|t| !t.is_empty());
    feed.entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let mut doc = item(entry, &format!("{input}#{}", i + 1), warnings)?;
            doc.site.clone_from(&site);
            Ok(doc)
        })
        .collect()
}

fn item(entry: Entry, id: &str, warnings: &[String]) -> Result<Document, IngestError> {
    let content = entry.content.and_then(|c| c.body).map(|b| html_to_text(&b));
    let summary = entry.summary.map(|s| html_to_text(&s.content));
    let text = content
        .filter(|t| !t.trim().is_empty())
        .or(summary)
        .unwrap_or_default();
    if text.trim().is_empty() {
        return Err(IngestError::Empty {
            input: one_line(id),
        });
    }
    let authors: Vec<String> = entry
        .authors
        .iter()
        .map(|p| p.name.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    Ok(Document {
        id: id.to_owned(),
        url: article_link(&entry.links),
        title: entry
            .title
            .map(|t| html_to_text(&t.content))
            .filter(|t| !t.is_empty()),
        published: entry
            .published
            .or(entry.updated)
            .and_then(|d| dates::normalise_date(&d.to_rfc3339())),
        author: (!authors.is_empty()).then(|| authors.join(", ")),
        site: None,
        text,
        warnings: warnings.to_vec(),
    })
}

/// The item's own page: the `alternate` link (Atom), else the first link.
fn article_link(links: &[Link]) -> Option<String> {
    links
        .iter()
        .find(|l| l.rel.as_deref() == Some("alternate"))
        .or_else(|| links.first())
        .map(|l| l.href.clone())
}

fn malformed(input: &str, reason: &str) -> IngestError {
    IngestError::MalformedFeed {
        input: input.to_owned(),
        reason: one_line(reason),
    }
}
