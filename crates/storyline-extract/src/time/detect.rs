//! Detection: one left-to-right pass over the tokens that recognises the
//! shapes of time expressions and says what they mean (without an anchor).
//!
//! Each pattern is a small function from a token position to an optional
//! [`Match`]. The scanner only calls them at trigger tokens (digits, month,
//! weekday, unit and relative words), takes the longest match, and jumps past
//! it, so the cost is one cheap test per token plus a few comparisons at the
//! rare triggers.

use super::lexicon::{self, Unit};
use super::meaning::{Clock, From, Meaning};

/// A token seen through the lowercased text.
#[derive(Debug, Clone, Copy)]
pub struct Tok<'a> {
    /// The token, ASCII-lowercased.
    pub lower: &'a str,
    /// The token as written (for capitalisation checks).
    pub orig: &'a str,
}

/// A detected expression: a token range and its meaning.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Index of the first token.
    pub first: usize,
    /// Index one past the last token.
    pub last: usize,
    /// What the expression means.
    pub meaning: Meaning,
    /// A time of day, which makes the expression a TIME.
    pub clock: Option<Clock>,
}

/// A pattern's result: where it ended and what it means.
#[derive(Debug, Clone, PartialEq)]
struct Match {
    end: usize,
    meaning: Meaning,
    clock: Option<Clock>,
}

impl Match {
    fn new(end: usize, meaning: Meaning) -> Self {
        Match {
            end,
            meaning,
            clock: None,
        }
    }

    /// Durations and counted offsets may take an approximator (`nearly`).
    fn takes_approximator(&self) -> bool {
        matches!(
            self.meaning,
            Meaning::Fixed {
                kind: "DURATION",
                ..
            } | Meaning::UnitOffset { .. }
                | Meaning::DayOffset { .. }
        )
    }

    /// Dates may take a position modifier (`early`, `the end of`).
    fn takes_position(&self) -> bool {
        !matches!(
            self.meaning,
            Meaning::Fixed {
                kind: "DURATION" | "SET",
                ..
            }
        )
    }
}

/// Finds every time expression in `toks`, left to right, without overlaps.
pub fn detect(toks: &[Tok]) -> Vec<Candidate> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !is_trigger(toks[i].lower) {
            i += 1;
            continue;
        }
        match longest_at(toks, i) {
            Some(m) => {
                let last = m.end;
                found.push(Candidate {
                    first: i,
                    last,
                    meaning: m.meaning,
                    clock: m.clock,
                });
                i = last;
            }
            None => i += 1,
        }
    }
    found
}

/// The cheap first test: could a time expression start with this token?
fn is_trigger(w: &str) -> bool {
    let Some(&b) = w.as_bytes().first() else {
        return false;
    };
    b.is_ascii_digit()
        || matches!(
            w,
            "the"
                | "a"
                | "an"
                | "this"
                | "last"
                | "next"
                | "past"
                | "coming"
                | "current"
                | "previous"
                | "following"
                | "early"
                | "late"
                | "mid"
                | "earlier"
                | "later"
                | "end"
                | "every"
                | "each"
                | "per"
                | "more"
                | "less"
                | "at"
                | "no"
                | "up"
                | "within"
                | "right"
                | "fiscal"
                | "its"
                | "recent"
                | "several"
                | "few"
                | "many"
                | "year"
                | "these"
                | "'"
        )
        || lexicon::duration_modifier(w)
        || w == "over"
        || word_trigger(w)
}

/// Content words that start an expression on their own.
fn word_trigger(w: &str) -> bool {
    let bare = w.strip_suffix('.').unwrap_or(w);
    lexicon::month(bare).is_some()
        || lexicon::weekday(bare).is_some()
        || lexicon::weekday(w.strip_suffix('s').unwrap_or(w)).is_some()
        || lexicon::unit(w).is_some()
        || lexicon::season(w).is_some()
        || lexicon::cardinal(w).is_some()
        || lexicon::ordinal(w).is_some()
        || fuzzy_word(w).is_some()
        || set_adverb(w).is_some()
        || w.starts_with("mid-")
        || matches!(
            w,
            "today"
                | "tonight"
                | "tomorrow"
                | "yesterday"
                | "noon"
                | "midnight"
                | "overnight"
                | "nineteen"
                | "two"
                | "future"
                | "nineties"
                | "eighties"
                | "seventies"
                | "sixties"
        )
}

/// Prefixes that TimeML keeps inside the extent, with what they may precede.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PrefixKind {
    /// `nearly`, `more than`: durations and counted offsets.
    Approximator,
    /// `early`, `the end of`: dates.
    Position,
}

/// Length and kind of a prefix starting at `i`, if any.
fn prefix_at(t: &[Tok], i: usize) -> Option<(usize, PrefixKind)> {
    use PrefixKind::*;
    let (a, b, c) = (w(t, i), w(t, i + 1), w(t, i + 2));
    let two = |x: &str, y: &str| a == x && b == y;
    if (a == "the" || a == "at")
        && matches!(b, "end" | "beginning" | "start" | "middle" | "turn")
        && c == "of"
    {
        return Some((3, Position));
    }
    if two("more", "than") || two("less", "than") || two("at", "least") || two("up", "to") {
        return Some((2, Approximator));
    }
    if a == "no" && matches!(b, "more" | "less") && c == "than" {
        return Some((3, Approximator));
    }
    // `over the past year`: the article starts the expression, not `over`.
    if lexicon::duration_modifier(a) || a == "within" || (a == "over" && b != "the") {
        return Some((1, Approximator));
    }
    if matches!(a, "early" | "late" | "mid" | "earlier" | "later") {
        return Some((1, Position));
    }
    if matches!(a, "end" | "beginning" | "middle") && b == "of" {
        return Some((2, Position));
    }
    None
}

/// The longest expression starting at `i`, with an optional prefix.
fn longest_at(t: &[Tok], i: usize) -> Option<Match> {
    let mut best = core_at(t, i);
    if let Some((len, kind)) = prefix_at(t, i)
        && let Some(m) = core_at(t, i + len)
    {
        let fits = match kind {
            PrefixKind::Approximator => m.takes_approximator(),
            PrefixKind::Position => m.takes_position(),
        };
        if fits && best.as_ref().is_none_or(|b| m.end > b.end) {
            best = Some(m);
        }
    }
    best
}

/// A pattern: from a token position to what starts there, if anything.
type Pattern = fn(&[Tok], usize) -> Option<Match>;

/// The longest unprefixed expression starting at `i`.
fn core_at(t: &[Tok], i: usize) -> Option<Match> {
    let patterns: [Pattern; 11] = [
        clock,
        numeric_date,
        day_first_date,
        month_date,
        weekday,
        day_word,
        relative_unit,
        quarter,
        quantity,
        set,
        fuzzy,
    ];
    let mut best: Option<Match> = None;
    for p in patterns {
        if let Some(m) = p(t, i)
            && best.as_ref().is_none_or(|b| m.end > b.end)
        {
            best = Some(m);
        }
    }
    best.or_else(|| year_or_decade(t, i))
}

/// The lowercased token at `i`, or "" past the end.
fn w<'a>(t: &[Tok<'a>], i: usize) -> &'a str {
    t.get(i).map_or("", |x| x.lower)
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn capitalised(t: &[Tok], i: usize) -> bool {
    t.get(i)
        .and_then(|x| x.orig.chars().next())
        .is_some_and(char::is_uppercase)
}

/// A plausible year written in digits.
fn year_number(s: &str) -> Option<i32> {
    if s.len() != 4 || !is_digits(s) {
        return None;
    }
    let y: i32 = s.parse().ok()?;
    (1800..=2099).contains(&y).then_some(y)
}

/// A day of the month written as a number or ordinal.
fn day_number(s: &str) -> Option<u8> {
    let d = if is_digits(s) && s.len() <= 2 {
        s.parse().ok()?
    } else {
        lexicon::ordinal(s)?
    };
    (1..=31).contains(&d).then_some(d as u8)
}

/// A month name at `i` (capitalised, as news writes them), and the index after it.
fn month_at(t: &[Tok], i: usize) -> Option<u8> {
    let s = w(t, i);
    let s = s.strip_prefix("mid-").unwrap_or(s);
    let bare = s.strip_suffix('.').unwrap_or(s);
    let m = lexicon::month(bare)?;
    let orig = t[i].orig;
    let orig = orig.strip_prefix("mid-").unwrap_or(orig);
    if !orig.starts_with(char::is_uppercase) {
        return None;
    }
    // Abbreviations like `Mar`, `Jun` without a period are rare as months.
    if bare.len() == 3
        && bare != "may"
        && !s.ends_with('.')
        && !matches!(bare, "jan" | "feb" | "aug" | "oct" | "nov" | "dec")
    {
        return None;
    }
    Some(m)
}

/// `May` and `March` are also a modal and a verb; accept them only when the
/// context says month.
fn month_is_plausible(t: &[Tok], i: usize, has_day_or_year: bool) -> bool {
    let s = w(t, i);
    if !matches!(s, "may" | "march") || has_day_or_year {
        return true;
    }
    i > 0
        && matches!(
            w(t, i - 1),
            "in" | "last"
                | "next"
                | "this"
                | "early"
                | "late"
                | "mid"
                | "since"
                | "until"
                | "of"
                | "by"
                | "from"
                | "through"
                | "during"
                | "before"
                | "after"
                | "between"
                | "and"
                | "or"
                | "to"
        )
}

/// `June last year`, `January this year`: a month tied to a relative year.
fn relative_year_after(t: &[Tok], j: usize) -> Option<i32> {
    if w(t, j + 1) != "year" {
        return None;
    }
    match w(t, j) {
        "last" => Some(-1),
        "this" => Some(0),
        "next" => Some(1),
        _ => None,
    }
}

/// `Dec. 2`, `December 2, 2025`, `March 1996`, `June last year`, `December`.
fn month_date(t: &[Tok], i: usize) -> Option<Match> {
    let month = month_at(t, i)?;
    let mut j = i + 1;
    let mut day = None;
    if let Some(d) = day_number(w(t, j)) {
        // `Dec. 2 million` is not a date, `2:30` belongs to a clock.
        if lexicon::unit(w(t, j + 1)).is_none()
            && !matches!(w(t, j + 1), "million" | "billion" | "%" | "percent")
        {
            day = Some(d);
            j += 1;
        }
    }
    let mut year = None;
    let mut year_shift = None;
    let after_comma = if w(t, j) == "," { j + 1 } else { j };
    let after_of = if day.is_none() && w(t, j) == "of" {
        j + 1
    } else {
        j
    };
    if let Some(y) = year_number(w(t, after_comma)) {
        year = Some(y);
        j = after_comma + 1;
    } else if let Some(y) = year_number(w(t, after_of)) {
        year = Some(y);
        j = after_of + 1;
    } else if let Some((y, end)) = spoken_year(t, j) {
        year = Some(y);
        j = end;
    } else if let Some(shift) = relative_year_after(t, j) {
        year_shift = Some(shift);
        j += 2;
    }
    if !month_is_plausible(
        t,
        i,
        day.is_some() || year.is_some() || year_shift.is_some(),
    ) {
        return None;
    }
    Some(Match::new(
        j,
        Meaning::Calendar {
            year,
            month: Some(month),
            day,
            year_shift,
            direction: None,
        },
    ))
}

/// `2 December 2025`, `the 2nd of December`.
fn day_first_date(t: &[Tok], i: usize) -> Option<Match> {
    let start = if w(t, i) == "the" { i + 1 } else { i };
    let day = day_number(w(t, start))?;
    let mut j = start + 1;
    if w(t, j) == "of" {
        j += 1;
    }
    let month = month_at(t, j)?;
    j += 1;
    let mut year = None;
    if let Some(y) = year_number(w(t, j)) {
        year = Some(y);
        j += 1;
    }
    Some(Match::new(
        j,
        Meaning::Calendar {
            year,
            month: Some(month),
            day: Some(day),
            year_shift: None,
            direction: None,
        },
    ))
}

/// `12/02/2025` (month first, as US news writes it, unless the first number
/// cannot be a month) and `2025-12-02` (split by the tokenizer).
fn numeric_date(t: &[Tok], i: usize) -> Option<Match> {
    let s = w(t, i);
    if s.contains('/') {
        let parts: Vec<&str> = s.split('/').collect();
        if parts.len() != 3 || !parts.iter().all(|p| is_digits(p) && p.len() <= 4) {
            return None;
        }
        let a: u32 = parts[0].parse().ok()?;
        let b: u32 = parts[1].parse().ok()?;
        let mut y: i32 = parts[2].parse().ok()?;
        if parts[2].len() == 2 {
            y += if y < 50 { 2000 } else { 1900 };
        } else if parts[2].len() != 4 {
            return None;
        }
        let (m, d) = if a > 12 { (b, a) } else { (a, b) };
        if m == 0 || m > 12 || d == 0 || d > 31 {
            return None;
        }
        return Some(Match::new(
            i + 1,
            Meaning::Calendar {
                year: Some(y),
                month: Some(m as u8),
                day: Some(d as u8),
                year_shift: None,
                direction: None,
            },
        ));
    }
    let y = year_number(s)?;
    if w(t, i + 1) != "-" || w(t, i + 3) != "-" {
        return None;
    }
    let (ms, ds) = (w(t, i + 2), w(t, i + 4));
    if ms.len() != 2 || ds.len() != 2 || !is_digits(ms) || !is_digits(ds) {
        return None;
    }
    let m: u8 = ms.parse().ok()?;
    let d: u8 = ds.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(Match::new(
        i + 5,
        Meaning::Calendar {
            year: Some(y),
            month: Some(m),
            day: Some(d),
            year_shift: None,
            direction: None,
        },
    ))
}

/// `1998`, `fiscal 1989`, `the 1990s`, `mid-1990s`, `nineteen ninety-six`.
fn year_or_decade(t: &[Tok], i: usize) -> Option<Match> {
    let mut j = i;
    if w(t, j) == "fiscal" || w(t, j) == "the" {
        j += 1;
    }
    let s = w(t, j);
    let s = s.strip_prefix("mid-").unwrap_or(s);
    let year = |y: i32, end: usize| {
        Some(Match::new(
            end,
            Meaning::Calendar {
                year: Some(y),
                month: None,
                day: None,
                year_shift: None,
                direction: None,
            },
        ))
    };
    if let Some(decade) = s.strip_suffix('s').and_then(year_number)
        && decade % 10 == 0
    {
        return Some(Match::new(j + 1, Meaning::Decade(decade / 10)));
    }
    if let Some(decade) = spoken_decade(s) {
        return Some(Match::new(j + 1, Meaning::Decade(decade)));
    }
    if let Some(y) = year_number(s) {
        // A bare `the` or a following count noun makes it a quantity.
        if w(t, i) == "the" && j == i + 1 {
            return None;
        }
        if i > 0 && matches!(w(t, i - 1), "$" | "#" | "no." | "number") {
            return None;
        }
        if matches!(
            w(t, j + 1),
            "%" | "percent" | "people" | "shares" | "million" | "billion"
        ) {
            return None;
        }
        return year(y, j + 1);
    }
    if let Some((y, end)) = spoken_year(t, j) {
        return year(y, end);
    }
    None
}

/// `nineties` → 199 (TimeML writes decades as their first three digits).
fn spoken_decade(s: &str) -> Option<i32> {
    Some(match s {
        "sixties" => 196,
        "seventies" => 197,
        "eighties" => 198,
        "nineties" => 199,
        _ => return None,
    })
}

/// Years read aloud in broadcast transcripts: `nineteen ninety-six`,
/// `the year two thousand`.
fn spoken_year(t: &[Tok], i: usize) -> Option<(i32, usize)> {
    let mut j = i;
    if w(t, j) == "year" {
        j += 1;
    }
    if w(t, j) == "two" && w(t, j + 1) == "thousand" {
        return Some((2000, j + 2));
    }
    if w(t, j) != "nineteen" {
        return None;
    }
    let tens = lexicon::cardinal(w(t, j + 1)).filter(|n| (20..=90).contains(n) && n % 10 == 0)?;
    let mut end = j + 2;
    let mut units = 0;
    let unit_at = if w(t, end) == "-" { end + 1 } else { end };
    if let Some(u) = lexicon::cardinal(w(t, unit_at)).filter(|n| (1..=9).contains(n)) {
        units = u;
        end = unit_at + 1;
    }
    Some((1900 + tens as i32 + units as i32, end))
}

/// A count: digits, number words (`twenty-four`), `a`, `a couple of`, or a
/// vague amount (`several`, `a few`), as a TimeML amount (`X` when vague).
fn amount(t: &[Tok], i: usize) -> Option<(String, usize, bool)> {
    let s = w(t, i);
    if is_digits(s) && s.len() <= 4 {
        let n: u32 = s.parse().ok()?;
        return Some((n.to_string(), i + 1, false));
    }
    if (s == "a" || s == "an") && w(t, i + 1) == "few" {
        return Some(("X".into(), i + 2, false));
    }
    if (s == "a" || s == "an") && w(t, i + 1) == "couple" && w(t, i + 2) == "of" {
        return Some(("2".into(), i + 3, false));
    }
    if (s == "a" || s == "an") && w(t, i + 1) == "hundred" {
        return Some(("100".into(), i + 2, false));
    }
    if s == "a" || s == "an" {
        return Some(("1".into(), i + 1, true));
    }
    if lexicon::vague_amount(s) && s != "some" && s != "couple" {
        return Some(("X".into(), i + 1, false));
    }
    let mut n = lexicon::cardinal(s)?;
    let mut end = i + 1;
    if n >= 20 && n % 10 == 0 {
        let unit_at = if w(t, end) == "-" { end + 1 } else { end };
        if let Some(u) = lexicon::cardinal(w(t, unit_at)).filter(|u| (1..=9).contains(u)) {
            n += u;
            end = unit_at + 1;
        }
    }
    if w(t, end) == "hundred" {
        n *= 100;
        end += 1;
    }
    Some((n.to_string(), end, false))
}

/// `five hours`, `four-year`, `two days earlier`, `a year ago`, `8-month-old`.
fn quantity(t: &[Tok], i: usize) -> Option<Match> {
    let mut start = i;
    let mut with_the = false;
    if w(t, start) == "the" {
        with_the = true;
        start += 1;
        if matches!(
            w(t, start),
            "past"
                | "last"
                | "next"
                | "first"
                | "coming"
                | "previous"
                | "final"
                | "latest"
                | "following"
                | "same"
        ) {
            start += 1;
        }
    } else if matches!(w(t, start), "next" | "past" | "last" | "first" | "coming")
        && w(t, start + 1) != "year"
    {
        // `last three years` without the article.
        start += 1;
    }
    let (amt, mut j, from_article) = amount(t, start)?;
    let hyphenated = w(t, j) == "-";
    if hyphenated {
        j += 1;
    }
    if matches!(
        w(t, j),
        "trading" | "business" | "working" | "calendar" | "straight" | "consecutive"
    ) {
        j += 1;
    }
    let (unit, plural) = lexicon::unit(w(t, j))?;
    if from_article && (plural || with_the) {
        return None;
    }
    // `a second term`, `a quarter of the shares`: not times.
    if from_article && (unit == Unit::Second || (unit == Unit::Quarter && w(t, j + 1) == "of")) {
        return None;
    }
    if unit == Unit::Second && amt == "X" {
        return None;
    }
    j += 1;
    let count: Option<i64> = amt.parse().ok();
    let next = w(t, j);
    if !with_the && !hyphenated {
        let offset = |sign: i64, from: From, end: usize| {
            let meaning = match count {
                Some(n) => Meaning::UnitOffset {
                    unit,
                    amount: sign * n,
                    from,
                    keep: unit == Unit::Year,
                },
                None => Meaning::Fixed {
                    kind: "DATE",
                    value: if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }.into(),
                },
            };
            Some(Match::new(end, meaning))
        };
        match next {
            "ago" => return offset(-1, From::Dct, j + 1),
            "earlier" | "previously" => return offset(-1, From::Narrative, j + 1),
            "later" | "afterward" | "afterwards" => return offset(1, From::Narrative, j + 1),
            "from" if w(t, j + 1) == "now" => return offset(1, From::Dct, j + 2),
            "hence" => return offset(1, From::Dct, j + 1),
            _ => {}
        }
        if from_article && i > 0 && is_rate_context(w(t, i - 1)) {
            return Some(Match::new(
                j,
                Meaning::Fixed {
                    kind: "SET",
                    value: unit.duration("1"),
                },
            ));
        }
    }
    // `55 years old` is an age; `a year-earlier quarter` is a comparison.
    if next == "old" || (next == "-" && matches!(w(t, j + 1), "earlier" | "ago")) {
        return None;
    }
    if unit == Unit::Quarter && plural && next == "of" {
        return None;
    }
    let mut end = j;
    if hyphenated && next == "-" && w(t, j + 1) == "old" {
        end = j + 2;
    }
    if unit == Unit::Weekend {
        return None;
    }
    Some(Match::new(
        end,
        Meaning::Fixed {
            kind: "DURATION",
            value: unit.duration(&amt),
        },
    ))
}

/// Words after which `a year`, `a day` is a rate (`$5 a year`, `twice a day`).
fn is_rate_context(prev: &str) -> bool {
    is_digits(prev)
        || matches!(
            prev,
            "million"
                | "billion"
                | "trillion"
                | "%"
                | "percent"
                | "times"
                | "twice"
                | "once"
                | "dollars"
                | "cents"
        )
}

/// `16:40 GMT`, `5 p.m. Moscow time`, `10 p.m. Wednesday`, `noon Saturday`.
fn clock(t: &[Tok], i: usize) -> Option<Match> {
    let s = w(t, i);
    let (mut hour, minute, mut j);
    if let Some((h, m)) = s.split_once(':') {
        if !is_digits(h) || h.len() > 2 || m.len() != 2 || !is_digits(m) {
            return None;
        }
        hour = h.parse::<u8>().ok()?;
        minute = m.parse::<u8>().ok()?;
        j = i + 1;
    } else if s == "noon" || s == "midnight" {
        hour = if s == "noon" { 12 } else { 24 };
        minute = 0;
        j = i + 1;
    } else if is_digits(s) && s.len() <= 2 {
        hour = s.parse().ok()?;
        minute = 0;
        j = i + 1;
        if !is_meridiem(w(t, j)) && w(t, j) != "o'clock" {
            return None;
        }
    } else {
        return None;
    }
    if hour > 24 || minute > 59 {
        return None;
    }
    let m = w(t, j);
    if is_meridiem(m) {
        if m.starts_with('p') && hour < 12 {
            hour += 12;
        } else if m.starts_with('a') && hour == 12 {
            hour = 0;
        }
        j += 1;
    } else if m == "o'clock" {
        j += 1;
    } else if !s.contains(':') && s != "noon" && s != "midnight" {
        return None;
    }
    if lexicon::zone(w(t, j)) {
        j += 1;
    } else if capitalised(t, j) && w(t, j + 1) == "time" {
        // `Moscow time`, `Kyiv time`.
        j += 2;
    }
    let mut meaning = Meaning::DayOffset {
        days: 0,
        from: From::Dct,
    };
    let day_at = if w(t, j) == "," || w(t, j) == "on" {
        j + 1
    } else {
        j
    };
    if let Some(day) = day_reference(t, day_at) {
        meaning = day.meaning;
        j = day.end;
    }
    if hour == 24 {
        hour = 24;
    }
    Some(Match {
        end: j,
        meaning,
        clock: Some(Clock::At(hour, minute)),
    })
}

fn is_meridiem(s: &str) -> bool {
    matches!(s, "a.m." | "p.m." | "a.m" | "p.m" | "am" | "pm")
}

/// A day a clock time can attach to: a weekday, a date, `today`.
fn day_reference(t: &[Tok], i: usize) -> Option<Match> {
    weekday(t, i)
        .or_else(|| {
            month_date(t, i).filter(|m| matches!(m.meaning, Meaning::Calendar { day: Some(_), .. }))
        })
        .or_else(|| day_word(t, i))
        .filter(|m| m.clock.is_none())
}

/// `Tuesday`, `last Friday`, `Saturday night`, `Saturday, April 25`.
fn weekday(t: &[Tok], i: usize) -> Option<Match> {
    let (shift, at) = match (w(t, i), w(t, i + 1)) {
        ("last", _) => (Some(-1), i + 1),
        ("next", _) | ("this", "coming") => (Some(1), i + if w(t, i) == "this" { 2 } else { 1 }),
        ("this", _) | ("coming", _) => (Some(0), i + 1),
        ("the", "previous") => (Some(-1), i + 2),
        ("the", "following") | ("the", "next") => (Some(1), i + 2),
        _ => (None, i),
    };
    let s = w(t, at);
    // Abbreviations (`Sun`, `Wed`) are too often names or words.
    let day = lexicon::weekday(s).filter(|_| s.len() > 5)?;
    if !capitalised(t, at) {
        return None;
    }
    let mut j = at + 1;
    // A following date names the day outright (`Saturday, April 25`).
    let date_at = if w(t, j) == "," { j + 1 } else { j };
    if let Some(date) = month_date(t, date_at)
        && matches!(date.meaning, Meaning::Calendar { day: Some(_), .. })
    {
        return Some(date);
    }
    let mut clock = None;
    if let Some(part) = lexicon::part_of_day(w(t, j)) {
        clock = Some(Clock::Part(part));
        j += 1;
    }
    Some(Match {
        end: j,
        meaning: Meaning::Weekday { day, shift },
        clock,
    })
}

/// `today`, `yesterday morning`, `tonight`, `this evening`, `last night`.
fn day_word(t: &[Tok], i: usize) -> Option<Match> {
    let (days, mut j) = match (w(t, i), w(t, i + 1)) {
        ("today", _) => (0, i + 1),
        ("tonight" | "overnight", _) => {
            return Some(day_offset(i + 1, 0, Some(Clock::Part("NI"))));
        }
        ("tomorrow", _) => (1, i + 1),
        ("yesterday", _) => (-1, i + 1),
        ("this", p) | ("last", p) | ("the", p) if lexicon::part_of_day(p).is_some() => {
            let part = lexicon::part_of_day(p)?;
            let days = if w(t, i) == "last" && p == "night" {
                -1
            } else {
                0
            };
            if w(t, i) == "last" && p != "night" {
                return None;
            }
            return Some(day_offset(i + 2, days, Some(Clock::Part(part))));
        }
        ("the", "day") => return narrative_day(t, i),
        _ => return None,
    };
    let mut clock = None;
    if let Some(part) = lexicon::part_of_day(w(t, j)) {
        clock = Some(Clock::Part(part));
        j += 1;
    }
    Some(day_offset(j, days, clock))
}

/// A day counted from the document's date, ending at token `end`.
fn day_offset(end: usize, days: i64, clock: Option<Clock>) -> Match {
    Match {
        end,
        meaning: Meaning::DayOffset {
            days,
            from: From::Dct,
        },
        clock,
    }
}

/// `the day before (yesterday)`, `the day after (tomorrow)`.
fn narrative_day(t: &[Tok], i: usize) -> Option<Match> {
    let dir = match w(t, i + 2) {
        "before" => -1,
        "after" => 1,
        _ => return None,
    };
    let meaning = match w(t, i + 3) {
        "yesterday" => Meaning::DayOffset {
            days: -2,
            from: From::Dct,
        },
        "tomorrow" => Meaning::DayOffset {
            days: 2,
            from: From::Dct,
        },
        // `the day before the vote` names an event, not a time.
        "," | "." | ";" | "" => Meaning::DayOffset {
            days: dir,
            from: From::Narrative,
        },
        _ => return None,
    };
    let end = if matches!(w(t, i + 3), "yesterday" | "tomorrow") {
        i + 4
    } else {
        i + 3
    };
    Some(Match::new(end, meaning))
}

/// `last week`, `this month`, `next year`, `the following day`, `this summer`,
/// `last April`, `the weekend`, `year-earlier`.
fn relative_unit(t: &[Tok], i: usize) -> Option<Match> {
    let (shift, from, at) = match (w(t, i), w(t, i + 1)) {
        ("this", "past") => (-1, From::Dct, i + 2),
        ("this", _) | ("current", _) => (0, From::Dct, i + 1),
        ("the", "current") | ("the", "present") => (0, From::Dct, i + 2),
        ("last", _) | ("past", _) | ("previous", _) => (-1, From::Dct, i + 1),
        ("next", _) | ("coming", _) => (1, From::Dct, i + 1),
        ("the", "past") | ("the", "last") => (-1, From::Dct, i + 2),
        ("the", "previous") | ("the", "prior") => (-1, From::Narrative, i + 2),
        ("the", "following") | ("the", "next") => (1, From::Narrative, i + 2),
        ("the", "coming") => (1, From::Dct, i + 2),
        ("the", "same") => (0, From::Narrative, i + 2),
        ("year", "-") | ("the", "year") if year_earlier_at(t, i) > 0 => {
            let mut end = year_earlier_at(t, i);
            if matches!(w(t, end), "quarter" | "period") {
                end += 1;
            }
            return Some(Match::new(
                end,
                Meaning::UnitOffset {
                    unit: Unit::Year,
                    amount: -1,
                    from: From::Narrative,
                    keep: true,
                },
            ));
        }
        ("the", _) => return the_unit(t, i),
        _ => return None,
    };
    let s = w(t, at);
    if let Some(code) = lexicon::season(s) {
        return Some(Match::new(
            at + 1,
            Meaning::Season {
                code,
                year: None,
                shift: Some(shift as i32),
            },
        ));
    }
    if let Some(month) = month_at(t, at) {
        return Some(Match::new(
            at + 1,
            Meaning::Calendar {
                year: None,
                month: Some(month),
                day: None,
                year_shift: None,
                direction: Some(shift as i32),
            },
        ));
    }
    let (unit, plural) = lexicon::unit(s)?;
    if plural {
        return None;
    }
    if unit == Unit::Weekend {
        return Some(Match::new(
            at + 1,
            Meaning::Weekend {
                shift: Some(shift as i32),
            },
        ));
    }
    // `the next day` follows the narrative; `next day` alone does too.
    let from = if unit == Unit::Day {
        From::Narrative
    } else {
        from
    };
    if unit == Unit::Day && shift == 0 {
        return None;
    }
    if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) {
        return None;
    }
    // `the past year` reads as a period, `past year` alone too; keep the DATE
    // reading TimeBank prefers only for the article-less forms.
    Some(Match::new(
        at + 1,
        Meaning::UnitOffset {
            unit,
            amount: shift,
            from,
            keep: false,
        },
    ))
}

/// The end of `year-earlier`/`the year-ago` starting at `i`, or 0.
fn year_earlier_at(t: &[Tok], i: usize) -> usize {
    let at = if w(t, i) == "the" { i + 1 } else { i };
    if w(t, at) == "year" && w(t, at + 1) == "-" && matches!(w(t, at + 2), "earlier" | "ago") {
        at + 3
    } else {
        0
    }
}

/// `the weekend`, `the summer`, `the quarter`, `the latest quarter`.
fn the_unit(t: &[Tok], i: usize) -> Option<Match> {
    let s = w(t, i + 1);
    if s == "weekend" {
        return Some(Match::new(i + 2, Meaning::Weekend { shift: None }));
    }
    if let Some(code) = lexicon::season(s) {
        let (year, end) = of_year(t, i + 2);
        return Some(Match::new(
            end,
            Meaning::Season {
                code,
                year,
                shift: None,
            },
        ));
    }
    if s == "quarter" && !matches!(w(t, i + 2), "of" | "-") {
        return Some(Match::new(i + 2, Meaning::ThatQuarter));
    }
    if matches!(s, "latest" | "most") {
        let at = if w(t, i + 2) == "recent" {
            i + 3
        } else {
            i + 2
        };
        if matches!(w(t, at), "quarter" | "period") {
            return Some(Match::new(at + 1, Meaning::ThatQuarter));
        }
    }
    None
}

/// An optional `of 1994` / `1994` after a season or quarter.
fn of_year(t: &[Tok], j: usize) -> (Option<i32>, usize) {
    let at = if matches!(w(t, j), "of" | "in") {
        j + 1
    } else {
        j
    };
    if let Some(y) = year_number(w(t, at)) {
        return (Some(y), at + 1);
    }
    match spoken_year(t, at) {
        Some((y, end)) if at > j => (Some(y), end),
        _ => (None, j),
    }
}

/// `the third quarter`, `third-quarter`, `fiscal 1989's first quarter`,
/// `the first half of 1990`, `this year's second quarter`, `summer`.
fn quarter(t: &[Tok], i: usize) -> Option<Match> {
    let mut j = i;
    let mut year = None;
    let mut shift = None;
    if matches!(w(t, j), "the" | "its") {
        j += 1;
    }
    if matches!(w(t, j), "this" | "last" | "next") && w(t, j + 1) == "year" && w(t, j + 2) == "'s" {
        shift = Some(match w(t, j) {
            "last" => -1,
            "next" => 1,
            _ => 0,
        });
        j += 3;
    } else if let Some(y) = year_number(w(t, j)).filter(|_| w(t, j + 1) == "'s") {
        year = Some(y);
        j += 2;
    }
    if matches!(w(t, j), "fiscal" | "flat") {
        j += 1;
    }
    if w(t, j) == "fiscal" && w(t, j + 1) == "-" {
        j += 2;
    }
    if let Some(code) = lexicon::season(w(t, j)).filter(|_| j == i) {
        // A bare season (`summer`); the article and year forms are in `the_unit`.
        let (year, end) = of_year(t, j + 1);
        if w(t, j) == "fall" && year.is_none() {
            return None;
        }
        return Some(Match::new(
            end,
            Meaning::Season {
                code,
                year,
                shift: None,
            },
        ));
    }
    let index = lexicon::ordinal(w(t, j)).filter(|n| (1..=4).contains(n))?;
    j += 1;
    if w(t, j) == "-" {
        j += 1;
    }
    if w(t, j) == "fiscal" {
        j += 1;
    }
    let unit = match w(t, j) {
        "quarter" => Unit::Quarter,
        "half" if index <= 2 => Unit::Half,
        _ => return None,
    };
    j += 1;
    if year.is_none() {
        let (y, end) = of_year(t, j);
        year = y;
        j = end;
    }
    Some(Match::new(
        j,
        Meaning::Part {
            unit,
            index: index as u8,
            year,
            shift,
        },
    ))
}

/// `every week`, `each Thursday`, `daily`, `Tuesday nights`.
fn set(t: &[Tok], i: usize) -> Option<Match> {
    let s = w(t, i);
    if let Some(value) = set_adverb(s) {
        // `daily newspaper`: an adjective before a noun is not a time.
        let next = w(t, i + 1);
        if next.starts_with(|c: char| c.is_ascii_alphabetic())
            && !matches!(
                next,
                "in" | "on"
                    | "at"
                    | "for"
                    | "by"
                    | "to"
                    | "and"
                    | "or"
                    | "since"
                    | "until"
                    | "from"
            )
        {
            return None;
        }
        return Some(Match::new(
            i + 1,
            Meaning::Fixed {
                kind: "SET",
                value: value.into(),
            },
        ));
    }
    if let Some(day) = s
        .strip_suffix('s')
        .and_then(lexicon::weekday)
        .filter(|_| s.len() > 6)
    {
        if !capitalised(t, i) {
            return None;
        }
        let mut value = format!("XXXX-WXX-{day}");
        let mut end = i + 1;
        if let Some(part) = lexicon::part_of_day(w(t, end).strip_suffix('s').unwrap_or("")) {
            value.push('T');
            value.push_str(part);
            end += 1;
        }
        return Some(Match::new(end, Meaning::Fixed { kind: "SET", value }));
    }
    if !matches!(s, "every" | "each" | "per") {
        return None;
    }
    let mut j = i + 1;
    if w(t, j) == "other" {
        j += 1;
    }
    let n = w(t, j);
    let value = if let Some((unit, false)) = lexicon::unit(n) {
        let amount = if j > i + 1 { "2" } else { "1" };
        unit.duration(amount)
    } else if let Some(day) = lexicon::weekday(n) {
        format!("XXXX-WXX-{day}")
    } else if let Some(month) = month_at(t, j) {
        format!("XXXX-{month:02}")
    } else if let Some(code) = lexicon::season(n) {
        format!("XXXX-{code}")
    } else {
        return None;
    };
    Some(Match::new(j + 1, Meaning::Fixed { kind: "SET", value }))
}

/// Adverbs that name a frequency.
fn set_adverb(s: &str) -> Option<&'static str> {
    Some(match s {
        "daily" | "nightly" => "P1D",
        "weekly" => "P1W",
        "monthly" => "P1M",
        "annually" | "yearly" => "P1Y",
        "hourly" => "PT1H",
        _ => return None,
    })
}

/// Vague references to the present, past and future.
fn fuzzy_word(s: &str) -> Option<&'static str> {
    Some(match s {
        "now" | "currently" | "nowadays" | "presently" => "PRESENT_REF",
        "recently" | "lately" => "PAST_REF",
        "soon" => "FUTURE_REF",
        _ => return None,
    })
}

/// `now`, `right now`, `recently`, `the past`, `the future`, `the near term`,
/// `these days`, `recent years`, `current`.
fn fuzzy(t: &[Tok], i: usize) -> Option<Match> {
    let fixed = |end: usize, value: &str| {
        Some(Match::new(
            end,
            Meaning::Fixed {
                kind: "DATE",
                value: value.into(),
            },
        ))
    };
    let (a, b, c) = (w(t, i), w(t, i + 1), w(t, i + 2));
    if let Some(v) = fuzzy_word(a) {
        return fixed(i + 1, v);
    }
    if a == "right" && b == "now" {
        return fixed(i + 2, "PRESENT_REF");
    }
    if a == "these" && b == "days" {
        return fixed(i + 2, "PRESENT_REF");
    }
    if a == "recent" {
        // `recent months`: a period of unknown length reaching to now.
        if let Some((unit, true)) = lexicon::unit(b) {
            return Some(Match::new(
                i + 2,
                Meaning::Fixed {
                    kind: "DURATION",
                    value: unit.duration("X"),
                },
            ));
        }
        return None;
    }
    // Bare `current` is PRESENT_REF; `current quarter` is a relative date.
    if a == "current" && lexicon::unit(b).is_none() && b != "fiscal" {
        return fixed(i + 1, "PRESENT_REF");
    }
    if a != "the" {
        return None;
    }
    match (b, c) {
        ("past", n) if !starts_quantity(n) && lexicon::unit(n).is_none() => {
            fixed(i + 2, "PAST_REF")
        }
        ("future", _) => fixed(i + 2, "FUTURE_REF"),
        ("near" | "short", "term" | "future") => fixed(i + 3, "FUTURE_REF"),
        _ => None,
    }
}

/// Whether `s` can begin a count (`two`, `12`, `few`).
fn starts_quantity(s: &str) -> bool {
    is_digits(s) || lexicon::cardinal(s).is_some() || matches!(s, "few" | "several" | "couple")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(words: &[&'static str]) -> Vec<Tok<'static>> {
        words
            .iter()
            .map(|w| Tok {
                lower: Box::leak(w.to_ascii_lowercase().into_boxed_str()),
                orig: w,
            })
            .collect()
    }

    #[test]
    fn month_day_year_is_one_candidate() {
        let t = toks(&["On", "December", "2", ",", "2025", "in"]);
        let found = detect(&t);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].first, found[0].last), (1, 5));
    }

    #[test]
    fn may_as_modal_is_not_a_month() {
        let t = toks(&["He", "May", "go"]);
        assert!(detect(&t).is_empty());
    }

    #[test]
    fn hyphenated_duration() {
        let t = toks(&["the", "nearly", "four", "-", "year", "war"]);
        let found = detect(&t);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].first, found[0].last), (1, 5));
    }
}
