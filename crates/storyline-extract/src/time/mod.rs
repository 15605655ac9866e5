//! Time expressions: detection and TimeML normalisation.
//!
//! [`find_times`] finds TIMEX3 expressions (DATE, TIME, DURATION, SET) in a
//! document's tokens and gives each a TimeML value read against the
//! document's anchor date (see [`anchor`]) and, for expressions like `two
//! days earlier`, against the last date the narrative mentioned.
//!
//! Rules were written with TimeBank's annotation conventions in view (it is
//! the only TimeML data available) but are meant to hold for news in general.

pub mod anchor;
mod detect;
mod lexicon;
mod meaning;
mod normalise;

use storyline_text::Token;

use crate::record::Time;
use detect::Tok;
use normalise::{Context, Granularity};

/// The time expressions of one document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TimeAnnotations {
    /// Expressions in text order, with code point offsets.
    pub times: Vec<Time>,
    /// The anchor date used (`YYYY-MM-DD`), if any.
    pub anchor: Option<String>,
    /// How the anchor was chosen when it was not the publication date.
    pub warnings: Vec<String>,
}

/// Finds and normalises the time expressions in `text`.
///
/// `tokens` are `text`'s tokens (from `storyline_text::analyse`); `published`
/// is the record's publication date (`YYYY-MM-DD` or a longer ISO
/// timestamp), if any.
pub fn find_times(text: &str, tokens: &[Token], published: Option<&str>) -> TimeAnnotations {
    // One lowercased copy of the text: ASCII lowercasing keeps byte offsets,
    // so every token's lowercase form is a slice of it.
    let lower = text.to_ascii_lowercase();
    let mut toks = Vec::with_capacity(tokens.len());
    let mut kept = Vec::with_capacity(tokens.len());
    for t in tokens {
        if let (Some(l), Some(o)) = (
            lower.get(t.byte_start..t.byte_end),
            text.get(t.byte_start..t.byte_end),
        ) {
            toks.push(Tok { lower: l, orig: o });
            kept.push(t);
        }
    }
    let found = detect::detect(&toks);
    let anchor = anchor::choose(published, &toks, &found);
    let mut narrative = None;
    let mut times = Vec::with_capacity(found.len());
    for c in &found {
        let ctx = Context {
            anchor: anchor.date,
            narrative,
            future: looks_forward(&toks, c.first, c.last),
        };
        let n = normalise::normalise(&c.meaning, c.clock, &ctx);
        if let Some(p) = n.point
            && normalise::moves_narrative(&c.meaning)
            && p.granularity <= Granularity::Year
        {
            narrative = Some(p);
        }
        let (first, last) = (kept[c.first], kept[c.last - 1]);
        times.push(Time {
            start: first.start,
            end: last.end,
            text: text[first.byte_start..last.byte_end].to_string(),
            kind: n.kind.to_string(),
            value: n.value,
        });
    }
    TimeAnnotations {
        times,
        anchor: anchor.date.map(|d| d.to_string()),
        warnings: anchor.warnings,
    }
}

/// A cheap tense cue: a future word (`will`, `next`, `scheduled`) in the
/// same sentence, within a few tokens of the expression.
fn looks_forward(toks: &[Tok], first: usize, last: usize) -> bool {
    let is_end = |t: &Tok| matches!(t.lower, "." | "!" | "?");
    let before = toks[first.saturating_sub(12)..first]
        .iter()
        .rev()
        .take_while(|t| !is_end(t))
        .any(|t| lexicon::future_cue(t.lower));
    let after = toks[last..(last + 6).min(toks.len())]
        .iter()
        .take_while(|t| !is_end(t))
        .any(|t| lexicon::future_cue(t.lower));
    before || after
}
