//! Search requests and results, independent of the backend.

use serde::Serialize;

use crate::StoreError;

/// Where to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// Headlines and texts of the current versions.
    #[default]
    Documents,
    /// The content and speaker of quotes.
    Quotes,
    /// The sentences events were read from, their triggers and types.
    Events,
}

/// A full-text search with its filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// FTS5 syntax: words (all must match), `"a phrase"`, `prefix*`, `OR`, `NOT`.
    pub text: String,
    /// What to search.
    pub scope: Scope,
    /// Only where an entity with this name (or a mention with this text,
    /// case-insensitively) takes part: in the document, as the quote's
    /// speaker, or among the event's actors, targets and place.
    pub actor: Option<String>,
    /// Published (for events: happened) on or after this date, `YYYY-MM-DD`.
    pub since: Option<String>,
    /// Published (for events: happened) on or before this date, `YYYY-MM-DD`.
    pub until: Option<String>,
    /// At most this many hits.
    pub limit: usize,
}

impl SearchQuery {
    /// A documents search for `text` with no filters and 10 hits.
    pub fn new(text: &str) -> Self {
        SearchQuery {
            text: text.to_owned(),
            scope: Scope::Documents,
            actor: None,
            since: None,
            until: None,
            limit: 10,
        }
    }

    /// Checks what SQLite would otherwise reject with a less helpful message.
    pub fn validate(&self) -> Result<(), StoreError> {
        if self.text.trim().is_empty() {
            return Err(StoreError::Query {
                query: self.text.clone(),
                reason: "the query is empty".into(),
            });
        }
        for (flag, date) in [("--since", &self.since), ("--until", &self.until)] {
            if let Some(date) = date
                && !is_date(date)
            {
                return Err(StoreError::Invalid(format!(
                    "{flag} {date:?}: expected a date as YYYY-MM-DD"
                )));
            }
        }
        Ok(())
    }
}

/// A calendar date written `YYYY-MM-DD`.
pub fn is_date(text: &str) -> bool {
    text.len() == 10 && text.parse::<jiff::civil::Date>().is_ok()
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The document's id.
    pub doc: String,
    /// The version searched (the current one).
    pub version: u32,
    /// Its headline.
    pub title: Option<String>,
    /// Its URL.
    pub url: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
    /// The outlet.
    pub site: Option<String>,
    /// The original, when this document is a near-duplicate of it.
    pub copy_of: Option<String>,
    /// bm25 relevance: lower is better (SQLite's convention).
    pub score: f64,
    /// The matching passage, matches between `«` and `»`.
    pub snippet: String,
    /// The quote that matched (quote searches).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<QuoteHit>,
    /// The event that matched (event searches).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<EventHit>,
}

/// The quote of a quote search hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuoteHit {
    /// The quote's id in the record.
    pub id: String,
    /// The speaker's name (the entity's, else the source's text).
    pub speaker: Option<String>,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// Code point offsets of the content in the document's text.
    pub start: usize,
    /// End of the content (exclusive).
    pub end: usize,
}

/// The event of an event search hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventHit {
    /// The event's id in the record.
    pub id: String,
    /// Its type (`MEET`, `DEMAND`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// The trigger word(s).
    pub trigger: String,
    /// When it happened, when known.
    pub time: Option<String>,
    /// `actual`, `planned`, …
    pub modality: String,
    /// Code point offsets of the trigger.
    pub start: usize,
    /// End of the trigger (exclusive).
    pub end: usize,
}

/// The query as FTS5 reads it: a bare word with punctuation inside
/// (`cease-fire`, `U.S.`, `O'Brien`) becomes a quoted phrase, which is what
/// a reader means by it; FTS5 would read the hyphen as an operator.
/// Everything else, quoted phrases and operators included, is left alone.
pub fn fts_query(query: &str) -> String {
    let mut out = String::with_capacity(query.len() + 8);
    let mut in_quotes = false;
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if needs_quotes(word) {
            out.push('"');
            out.push_str(word);
            out.push('"');
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in query.chars() {
        if in_quotes {
            out.push(c);
            if c == '"' {
                in_quotes = false;
            }
        } else if c == '"' {
            flush(&mut word, &mut out);
            out.push(c);
            in_quotes = true;
        } else if c.is_whitespace() || matches!(c, '(' | ')') {
            flush(&mut word, &mut out);
            out.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Letters or digits on both sides of inner punctuation, which FTS5
/// syntax does not allow in a bare word (`*`, `:`, `^` and `+` are its own).
fn needs_quotes(word: &str) -> bool {
    let inner = |c: char| !(c.is_alphanumeric() || matches!(c, '_' | '*' | ':' | '^' | '+'));
    let chars: Vec<char> = word.chars().collect();
    chars.len() > 2
        && chars[0].is_alphanumeric()
        && chars.iter().any(|&c| inner(c))
        && !chars.iter().any(|&c| c == ':' || c == '"')
}

/// A query error from the full-text engine, reworded.
pub(crate) fn query_error(query: &str, message: &str) -> Option<StoreError> {
    let reason = if let Some(rest) = message.strip_prefix("fts5: ") {
        format!(
            "{rest} (words with punctuation go in double quotes, e.g. \"cease-fire\"; operators are AND, OR, NOT, NEAR and a trailing * for prefixes)"
        )
    } else if let Some(column) = message.strip_prefix("no such column: ") {
        format!(
            "{column:?} reads as a column name (a word before a colon names one); put words with punctuation in double quotes"
        )
    } else if message == "unterminated string" {
        "a double quote is not closed".into()
    } else if message.starts_with("unknown special query") {
        "a query cannot start with '*'".into()
    } else {
        return None;
    };
    Some(StoreError::Query {
        query: query.to_owned(),
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_with_inner_punctuation_become_phrases() {
        assert_eq!(fts_query("cease-fire talks"), "\"cease-fire\" talks");
        assert_eq!(fts_query("U.S. envoy"), "\"U.S.\" envoy");
        assert_eq!(fts_query("O'Brien OR Smith"), "\"O'Brien\" OR Smith");
    }

    #[test]
    fn syntax_is_left_alone() {
        for q in [
            "\"a phrase\" talk*",
            "title:Clinton",
            "NEAR(a b, 5)",
            "a NOT b",
            "(a OR b) c",
            "\"cease-fire\"",
        ] {
            assert_eq!(fts_query(q), q);
        }
    }

    #[test]
    fn dates_are_checked() {
        assert!(is_date("2026-12-03"));
        assert!(!is_date("2026-13-03"));
        assert!(!is_date("03/12/2026"));
        let mut q = SearchQuery::new("x");
        q.since = Some("yesterday".into());
        assert!(matches!(q.validate(), Err(StoreError::Invalid(_))));
        assert!(matches!(
            SearchQuery::new("  ").validate(),
            Err(StoreError::Query { .. })
        ));
    }
}
