//! Normalisation: reads a detected [`Meaning`] against the anchor (the
//! document creation time) and the narrative (the last date the text
//! mentioned) and writes its TimeML type and value.

use jiff::civil::Date;
use jiff::{Span, ToSpan};

use super::lexicon::Unit;
use super::meaning::{Clock, From, Meaning};

/// How precise a resolved date is; TimeML writes each differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Granularity {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

/// A resolved date: its first day and its precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    /// A day inside the period (its first day for periods).
    pub date: Date,
    /// How much of it the expression named.
    pub granularity: Granularity,
}

/// What normalisation needs besides the expression itself.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// The document creation time, if known.
    pub anchor: Option<Date>,
    /// The last date the narrative mentioned.
    pub narrative: Option<Point>,
    /// Whether the sentence looks forward (`will`, `next`): decides which
    /// `Tuesday` or `December 30` is meant when nothing else does.
    pub future: bool,
}

/// The TimeML type and value of an expression, and the point it names (for
/// the narrative).
#[derive(Debug, Clone, PartialEq)]
pub struct Normalised {
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    pub kind: &'static str,
    /// The TimeML value, `None` when it cannot be known (no anchor, invalid date).
    pub value: Option<String>,
    /// The date named, if any.
    pub point: Option<Point>,
}

/// Whether a meaning moves the narrative's reference date. Comparisons
/// (`a year earlier`) look back without moving the story there.
pub fn moves_narrative(meaning: &Meaning) -> bool {
    !matches!(meaning, Meaning::UnitOffset { keep: true, .. })
}

/// Reads `meaning` (plus an optional clock time) against `ctx`.
pub fn normalise(meaning: &Meaning, clock: Option<Clock>, ctx: &Context) -> Normalised {
    if let Meaning::Fixed { kind, value } = meaning {
        return Normalised {
            kind,
            value: Some(value.clone()),
            point: None,
        };
    }
    if let Meaning::UnitOffset {
        unit: Unit::Decade, ..
    } = meaning
    {
        let year = resolve(meaning, ctx).map(|p| p.date.year() / 10);
        return Normalised {
            kind: "DATE",
            value: year.map(|y| y.to_string()),
            point: None,
        };
    }
    if let Meaning::Decade(d) = meaning {
        return Normalised {
            kind: "DATE",
            value: Some(d.to_string()),
            point: None,
        };
    }
    if matches!(
        meaning,
        Meaning::Season { .. }
            | Meaning::Weekend { .. }
            | Meaning::Part {
                unit: Unit::Half,
                ..
            }
    ) {
        return Normalised {
            kind: "DATE",
            value: special(meaning, ctx),
            point: None,
        };
    }
    let point = resolve(meaning, ctx);
    match clock {
        Some(clock) => {
            let day = match point {
                Some(p) if p.granularity == Granularity::Day => Some(format_point(p)),
                Some(_) => None,
                None if ctx.anchor.is_none() => Some("XXXX-XX-XX".to_string()),
                None => None,
            };
            Normalised {
                kind: "TIME",
                value: day.map(|d| format!("{d}T{}", format_clock(clock))),
                point,
            }
        }
        None => Normalised {
            kind: "DATE",
            value: point.map(format_point),
            point,
        },
    }
}

fn format_clock(clock: Clock) -> String {
    match clock {
        Clock::At(h, m) => format!("{h:02}:{m:02}"),
        Clock::Part(p) => p.to_string(),
    }
}

/// TimeML notation for a point at its granularity.
pub fn format_point(p: Point) -> String {
    let d = p.date;
    match p.granularity {
        Granularity::Day => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
        Granularity::Week => {
            let w = d.iso_week_date();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        Granularity::Month => format!("{:04}-{:02}", d.year(), d.month()),
        Granularity::Quarter => format!("{:04}-Q{}", d.year(), (d.month() - 1) / 3 + 1),
        Granularity::Year => format!("{:04}", d.year()),
    }
}

/// The point a dated meaning names, or `None` when it cannot be known.
fn resolve(meaning: &Meaning, ctx: &Context) -> Option<Point> {
    match *meaning {
        Meaning::Calendar {
            year,
            month,
            day,
            year_shift,
            direction,
        } => calendar(year, month, day, year_shift, direction, ctx),
        Meaning::Weekday { day, shift } => weekday(day, shift, ctx),
        Meaning::DayOffset { days, from } => {
            let base = base(from, ctx)?;
            Some(day_point(base.checked_add(days.days()).ok()?))
        }
        Meaning::UnitOffset {
            unit,
            amount,
            from,
            keep,
        } => unit_offset(unit, amount, from, keep, ctx),
        Meaning::Season { .. } | Meaning::Weekend { .. } => None,
        Meaning::Part {
            unit,
            index,
            year,
            shift,
        } => part(unit, index, year, shift, ctx),
        Meaning::ThatQuarter => that_quarter(ctx),
        Meaning::Decade(_) | Meaning::Fixed { .. } => None,
    }
}

fn day_point(date: Date) -> Point {
    Point {
        date,
        granularity: Granularity::Day,
    }
}

/// The date a relative expression counts from.
fn base(from: From, ctx: &Context) -> Option<Date> {
    match from {
        From::Dct => ctx.anchor,
        From::Narrative => ctx.narrative.map(|p| p.date).or(ctx.anchor),
    }
}

fn date(y: i32, m: u8, d: u8) -> Option<Date> {
    Date::new(i16::try_from(y).ok()?, m as i8, d as i8).ok()
}

fn calendar(
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
    year_shift: Option<i32>,
    direction: Option<i32>,
    ctx: &Context,
) -> Option<Point> {
    let anchor = ctx.anchor;
    let year = match (year, year_shift) {
        (Some(y), _) => y,
        (None, Some(shift)) => i32::from(anchor?.year()) + shift,
        (None, None) => {
            let anchor = anchor?;
            let month = month?;
            match (day, direction) {
                (Some(d), _) => infer_day_year(month, d, anchor, ctx.future)?,
                (None, Some(dir)) => month_year_by_direction(month, dir, anchor),
                (None, None) => nearest_month_year(month, anchor, ctx.future),
            }
        }
    };
    match (month, day) {
        (Some(m), Some(d)) => date(year, m, d).map(day_point),
        (Some(m), None) => date(year, m, 1).map(|date| Point {
            date,
            granularity: Granularity::Month,
        }),
        _ => date(year, 1, 1).map(|date| Point {
            date,
            granularity: Granularity::Year,
        }),
    }
}

/// The year that puts `month`/`day` nearest the anchor; a forward-looking
/// sentence breaks near-ties towards the future, otherwise towards the past
/// (news mostly reports what happened).
fn infer_day_year(month: u8, day: u8, anchor: Date, future: bool) -> Option<i32> {
    let ay = i32::from(anchor.year());
    let mut best: Option<(i64, i32)> = None;
    for y in [ay - 1, ay, ay + 1] {
        let Some(d) = date(y, month, day) else {
            continue;
        };
        let diff = days_between(anchor, d);
        // A little bias (about a month) decides dates near half a year away.
        let score = diff.abs() + if diff > 0 && !future { 90 } else { 0 };
        if best.is_none_or(|(s, _)| score < s) {
            best = Some((score, y));
        }
    }
    // An impossible date (February 30) has no year at all.
    best.map(|(_, y)| y)
}

fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map(|s| i64::from(s.get_days())).unwrap_or(0)
}

/// `last April` is the latest April before the anchor's month; `next April`
/// the first after it; `this April` the anchor's year's.
fn month_year_by_direction(month: u8, dir: i32, anchor: Date) -> i32 {
    let ay = i32::from(anchor.year());
    let am = anchor.month() as u8;
    match dir {
        d if d < 0 => {
            if month < am {
                ay
            } else {
                ay - 1
            }
        }
        d if d > 0 => {
            if month > am {
                ay
            } else {
                ay + 1
            }
        }
        _ => ay,
    }
}

/// The year that puts a bare month nearest the anchor.
fn nearest_month_year(month: u8, anchor: Date, future: bool) -> i32 {
    let ay = i32::from(anchor.year());
    let here = ay * 12 + anchor.month() as i32;
    [ay, ay - 1, ay + 1]
        .into_iter()
        .min_by_key(|y| {
            let diff = y * 12 + month as i32 - here;
            // Unmarked months are mostly past in news: half a year's bias.
            diff.abs() + if diff > 0 && !future { 6 } else { 0 }
        })
        .unwrap_or(ay)
}

/// `Tuesday` in a past-tense sentence is the latest Tuesday on or before
/// the anchor; in a forward-looking one the first on or after it. `last`
/// and `next` step strictly past the anchor's own week day.
fn weekday(day: u8, shift: Option<i32>, ctx: &Context) -> Option<Point> {
    let anchor = ctx.anchor?;
    let today = anchor.weekday().to_monday_one_offset() as i64;
    let back = (today - day as i64).rem_euclid(7);
    let forward = (day as i64 - today).rem_euclid(7);
    let offset = match shift {
        Some(s) if s < 0 => -(if back == 0 { 7 } else { back }),
        Some(s) if s > 0 => {
            if forward == 0 {
                7
            } else {
                forward
            }
        }
        Some(_) => day as i64 - today,
        None if ctx.future => forward,
        None => -back,
    };
    Some(day_point(anchor.checked_add(offset.days()).ok()?))
}

fn span_of(unit: Unit, amount: i64) -> Option<Span> {
    let a = amount;
    Some(match unit {
        Unit::Day => a.days(),
        Unit::Week | Unit::Weekend => a.weeks(),
        Unit::Month => a.months(),
        Unit::Quarter => (a * 3).months(),
        Unit::Half => (a * 6).months(),
        Unit::Year => a.years(),
        Unit::Decade => (a * 10).years(),
        Unit::Century => (a * 100).years(),
        Unit::Second | Unit::Minute | Unit::Hour => return None,
    })
}

/// `last week`, `two days earlier`, `a year ago`.
fn unit_offset(unit: Unit, amount: i64, from: From, keep: bool, ctx: &Context) -> Option<Point> {
    // `up 5% from a year earlier` compares with the period just named:
    // keep its granularity (a quarter a year earlier is a quarter).
    if keep
        && let Some(p) = ctx.narrative
        && matches!(p.granularity, Granularity::Quarter | Granularity::Month)
    {
        let date = p.date.checked_add(amount.years()).ok()?;
        return Some(Point { date, ..p });
    }
    let base = base(from, ctx)?;
    let granularity = match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => Granularity::Day,
        Unit::Week | Unit::Weekend => Granularity::Week,
        Unit::Month => Granularity::Month,
        Unit::Quarter => Granularity::Quarter,
        Unit::Half | Unit::Year | Unit::Decade | Unit::Century => Granularity::Year,
    };
    let date = match span_of(unit, amount) {
        Some(span) => base.checked_add(span).ok()?,
        None => base,
    };
    Some(Point { date, granularity })
}

/// `the third quarter`, `the first half of 1990`.
fn part(
    unit: Unit,
    index: u8,
    year: Option<i32>,
    shift: Option<i32>,
    ctx: &Context,
) -> Option<Point> {
    let months_per = if unit == Unit::Half { 6 } else { 3 };
    let first_month = (index - 1) * months_per + 1;
    let year = match (year, shift) {
        (Some(y), _) => y,
        (None, Some(s)) => i32::from(ctx.anchor?.year()) + s,
        (None, None) => {
            let anchor = ctx.anchor?;
            let ay = i32::from(anchor.year());
            let here = ay * 12 + anchor.month() as i32;
            let middle = first_month as i32 + months_per as i32 / 2;
            [ay, ay - 1, ay + 1]
                .into_iter()
                .min_by_key(|y| {
                    let diff = y * 12 + middle - here;
                    diff.abs() + if diff > 0 && !ctx.future { 6 } else { 0 }
                })
                .unwrap_or(ay)
        }
    };
    let date = date(year, first_month, 1)?;
    Some(Point {
        date,
        granularity: if unit == Unit::Half {
            Granularity::Year
        } else {
            Granularity::Quarter
        },
    })
}

/// `the quarter`: the quarter the narrative is about, else the last one
/// completed before the anchor (what an earnings report describes).
fn that_quarter(ctx: &Context) -> Option<Point> {
    if let Some(p) = ctx
        .narrative
        .filter(|p| p.granularity == Granularity::Quarter)
    {
        return Some(p);
    }
    let anchor = ctx.anchor?;
    let current_first = (anchor.month() as u8 - 1) / 3 * 3 + 1;
    let date = date(i32::from(anchor.year()), current_first, 1)?
        .checked_add((-3).months())
        .ok()?;
    Some(Point {
        date,
        granularity: Granularity::Quarter,
    })
}

/// Seasons, halves and weekends have their own TimeML notation; they are
/// written here rather than through [`Point`].
pub fn special(meaning: &Meaning, ctx: &Context) -> Option<String> {
    match *meaning {
        Meaning::Season { code, year, shift } => {
            let year = match year {
                Some(y) => y,
                None => season_year(code, shift, ctx.anchor?),
            };
            Some(format!("{year:04}-{code}"))
        }
        Meaning::Part {
            unit: Unit::Half,
            index,
            year,
            shift,
        } => {
            let p = part(Unit::Half, index, year, shift, ctx)?;
            Some(format!("{:04}-H{index}", p.date.year()))
        }
        Meaning::Weekend { shift } => {
            let anchor = ctx.anchor?;
            let weeks = match shift {
                Some(s) => s as i64,
                // Early in the week `the weekend` is the one just past.
                None if anchor.weekday().to_monday_one_offset() <= 3 && !ctx.future => -1,
                None => 0,
            };
            let d = anchor.checked_add(weeks.weeks()).ok()?;
            Some(format!(
                "{}-WE",
                format_point(Point {
                    date: d,
                    granularity: Granularity::Week
                })
            ))
        }
        _ => None,
    }
}

/// `last summer` is the latest summer that has ended by the anchor;
/// `next summer` the first that has not begun.
fn season_year(code: &str, shift: Option<i32>, anchor: Date) -> i32 {
    let ay = i32::from(anchor.year());
    let am = anchor.month() as i32;
    let (first, last) = match code {
        "SP" => (3, 5),
        "SU" => (6, 8),
        "FA" => (9, 11),
        _ => (12, 14),
    };
    match shift {
        Some(s) if s < 0 => {
            if last < am {
                ay
            } else {
                ay - 1
            }
        }
        Some(s) if s > 0 => {
            if first > am {
                ay
            } else {
                ay + 1
            }
        }
        _ => ay,
    }
}
