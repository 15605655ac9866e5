//! The anchor: the date relative expressions are read against.
//!
//! In order of trust: the record's publication date, a dateline at the top
//! of the text (`OSLO, March 4 (Reuters) -`), and, when neither is known,
//! the latest fully specified date in the text (with a warning, because a
//! story can mention a date later than the one it was written on).

use jiff::civil::Date;

use super::detect::{Candidate, Tok};
use super::meaning::Meaning;

/// The chosen anchor and any warnings about how it was chosen.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Anchor {
    /// The date used, if any could be found.
    pub date: Option<Date>,
    /// Explanations for the record's `warnings`.
    pub warnings: Vec<String>,
}

/// Parses the `YYYY-MM-DD` start of an ISO date or timestamp.
pub fn parse_iso_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let head = s.get(..10)?;
    let b = head.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i16 = head[..4].parse().ok()?;
    let m: i8 = head[5..7].parse().ok()?;
    let d: i8 = head[8..10].parse().ok()?;
    Date::new(y, m, d).ok()
}

/// Chooses the anchor for a document.
pub fn choose(published: Option<&str>, toks: &[Tok], found: &[Candidate]) -> Anchor {
    let mut warnings = Vec::new();
    if let Some(p) = published {
        match parse_iso_date(p) {
            Some(date) => {
                return Anchor {
                    date: Some(date),
                    warnings,
                };
            }
            None => warnings.push(format!(
                "publication date {p:?} is not an ISO date; relative dates read against the text instead"
            )),
        }
    }
    let latest = latest_full_date(found);
    if let Some(date) = dateline(toks, found, latest) {
        return Anchor {
            date: Some(date),
            warnings,
        };
    }
    match latest {
        Some(date) => warnings.push(format!(
            "no publication date: relative dates read against {date}, the latest full date in the text"
        )),
        None if found.is_empty() => {}
        None => warnings.push(
            "no publication date and no full date in the text: relative dates left without a value"
                .to_string(),
        ),
    }
    Anchor {
        date: latest,
        warnings,
    }
}

/// The latest valid `year-month-day` date written out in full.
fn latest_full_date(found: &[Candidate]) -> Option<Date> {
    found
        .iter()
        .filter_map(|c| c.meaning.full_date())
        .filter_map(|(y, m, d)| Date::new(i16::try_from(y).ok()?, m as i8, d as i8).ok())
        .max()
}

/// A dateline: a date among the first tokens, after a comma, followed by an
/// agency in parentheses or a dash (`OSLO, March 4 (Reuters) -`). Datelines
/// rarely carry a year; it is then taken from the latest full date in the
/// text, or the dateline is not usable.
fn dateline(toks: &[Tok], found: &[Candidate], latest: Option<Date>) -> Option<Date> {
    let c = found.first().filter(|c| c.first > 0 && c.first <= 8)?;
    let Meaning::Calendar {
        year,
        month: Some(month),
        day: Some(day),
        ..
    } = c.meaning
    else {
        return None;
    };
    if toks[c.first - 1].lower != "," {
        return None;
    }
    let next = toks.get(c.last).map_or("", |t| t.lower);
    if !matches!(next, "(" | "-" | "--" | "—" | "–" | ":") {
        return None;
    }
    let year = match year {
        Some(y) => y,
        None => {
            // The dateline's year is the latest full date's, or the one before
            // when the dateline would otherwise fall after it by months.
            let latest = latest?;
            let y = i32::from(latest.year());
            let same = Date::new(y as i16, month as i8, day as i8).ok()?;
            if latest.until(same).ok()?.get_days() > 180 {
                y - 1
            } else {
                y
            }
        }
    };
    Date::new(i16::try_from(year).ok()?, month as i8, day as i8).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_and_timestamps() {
        assert_eq!(parse_iso_date("2025-12-03"), Date::new(2025, 12, 3).ok());
        assert_eq!(
            parse_iso_date("2025-12-03T10:00:00Z"),
            Date::new(2025, 12, 3).ok()
        );
        assert_eq!(parse_iso_date("3 Dec 2025"), None);
        assert_eq!(parse_iso_date("2025-02-30"), None);
    }
}
