//! Publication dates normalised to `YYYY-MM-DD`.

use jiff::civil::Date;
use jiff::fmt::{rfc2822, strtime};
use jiff::{Timestamp, tz::TimeZone};

/// Human date layouts seen in news metadata, tried after the ISO forms.
const LAYOUTS: &[&str] = &[
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%Y/%m/%d",
    "%Y%m%d",
];

/// Normalises a date or timestamp string to `YYYY-MM-DD`, or `None` when it
/// cannot be parsed.
///
/// A timestamp keeps the calendar date written in it (the date of
/// publication where the article was published), except that a bare UTC
/// instant (`…Z`) is read in UTC.
pub fn normalise_date(raw: &str) -> Option<String> {
    parse_date(raw.trim()).map(|d| d.to_string())
}

fn parse_date(s: &str) -> Option<Date> {
    if s.is_empty() {
        return None;
    }
    // Civil parsing accepts `2025-12-02`, `2025-12-02T10:00`, and timestamps
    // with a numeric offset, whose written date it keeps.
    if let Ok(d) = s.parse::<Date>() {
        return Some(d);
    }
    if let Ok(ts) = s.parse::<Timestamp>() {
        return Some(ts.to_zoned(TimeZone::UTC).date());
    }
    if let Ok(z) = rfc2822::parse(s) {
        return Some(z.date());
    }
    LAYOUTS
        .iter()
        .find_map(|layout| strtime::parse(layout, s).ok()?.to_date().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        for (raw, want) in [
            ("2025-12-02", "2025-12-02"),
            ("2025-12-02T23:30:00-05:00", "2025-12-02"),
            ("2025-12-02T10:00:00Z", "2025-12-02"),
            ("2025-12-02T10:00:00.123+00:00", "2025-12-02"),
            ("Tue, 02 Dec 2025 10:00:00 GMT", "2025-12-02"),
            ("December 2, 2025", "2025-12-02"),
            ("2 Dec 2025", "2025-12-02"),
        ] {
            assert_eq!(normalise_date(raw).as_deref(), Some(want), "{raw}");
        }
        assert_eq!(normalise_date("yesterday"), None);
        assert_eq!(normalise_date(""), None);
    }
}
