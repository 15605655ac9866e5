//! What a detected expression means, before it is read against an anchor.
//!
//! Detection only recognises shapes; everything that needs the anchor or
//! the narrative (which year `December 3` is, which Friday) is left to
//! [`super::normalise`], so both stay small and separately testable.

use super::lexicon::Unit;

/// Where a relative expression counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum From {
    /// The document creation time (`yesterday`, `two days ago`, `last week`).
    Dct,
    /// The last date the narrative mentioned (`two days earlier`, `the next day`).
    Narrative,
}

/// A time of day attached to a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// Hours and minutes on the 24-hour clock (`5 p.m.` → 17:00).
    At(u8, u8),
    /// A TimeML part of day (`MO`, `AF`, `EV`, `NI`).
    Part(&'static str),
}

/// The meaning of one time expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Meaning {
    /// A calendar date, possibly partial. `year_shift` is set for `June last
    /// year` (-1): the year is counted from the anchor's. `direction` is set
    /// for `last April` (-1: the latest one before the anchor), `next April`
    /// (+1) and `this April` (0). With neither, the year is inferred.
    Calendar {
        year: Option<i32>,
        month: Option<u8>,
        day: Option<u8>,
        year_shift: Option<i32>,
        direction: Option<i32>,
    },
    /// A decade written as its first three digits (`199` for the 1990s).
    Decade(i32),
    /// A weekday; `shift` is -1 for `last`, +1 for `next`, 0 for `this`, `None`
    /// when tense decides.
    Weekday { day: u8, shift: Option<i32> },
    /// A day counted from the anchor (`yesterday` = -1).
    DayOffset { days: i64, from: From },
    /// A unit counted from an anchor (`last week` = Week -1, `this year` = Year 0,
    /// `two years earlier` = Year -2 from the narrative).
    ///
    /// `keep` marks comparisons (`a year earlier`, `year-ago`) that take the
    /// granularity of the period the narrative is about.
    UnitOffset {
        unit: Unit,
        amount: i64,
        from: From,
        keep: bool,
    },
    /// A season, counted from the anchor year when `year` is unknown.
    Season {
        code: &'static str,
        year: Option<i32>,
        shift: Option<i32>,
    },
    /// A quarter (`Q1`–`Q4`) or half (`H1`, `H2`) of a year.
    Part {
        unit: Unit,
        index: u8,
        year: Option<i32>,
        shift: Option<i32>,
    },
    /// `the quarter`, `the latest quarter`: the quarter the narrative is about.
    ThatQuarter,
    /// The weekend nearest the anchor, or `shift` weekends away.
    Weekend { shift: Option<i32> },
    /// `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`, or another fixed value.
    Fixed { kind: &'static str, value: String },
}

impl Meaning {
    /// A complete calendar date known without any anchor, if this is one.
    pub fn full_date(&self) -> Option<(i32, u8, u8)> {
        match *self {
            Meaning::Calendar {
                year: Some(y),
                month: Some(m),
                day: Some(d),
                ..
            } => Some((y, m, d)),
            _ => None,
        }
    }
}
