//! Closed word classes that trigger or build time expressions.
//!
//! Everything here takes an ASCII-lowercased token. The tables are `match`
//! statements rather than hash sets: the compiler turns them into a few
//! length-and-byte comparisons, which is the cheapest membership test there
//! is and needs no start-up work.

/// A calendar unit, as used by durations, relative expressions and sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The TimeML duration designator (`P2Y`, `PT5H`, `P3Q` …).
    pub fn duration(self, amount: &str) -> String {
        match self {
            Unit::Second => format!("PT{amount}S"),
            Unit::Minute => format!("PT{amount}M"),
            Unit::Hour => format!("PT{amount}H"),
            Unit::Day => format!("P{amount}D"),
            Unit::Week | Unit::Weekend => format!("P{amount}W"),
            Unit::Month => format!("P{amount}M"),
            Unit::Quarter => format!("P{amount}Q"),
            Unit::Half => format!("P{amount}H"),
            Unit::Year => format!("P{amount}Y"),
            Unit::Decade => format!("P{amount}E"),
            Unit::Century => format!("P{amount}C"),
        }
    }
}

/// A unit noun, singular or plural, with whether it was plural.
pub fn unit(word: &str) -> Option<(Unit, bool)> {
    Some(match word {
        "second" => (Unit::Second, false),
        "seconds" => (Unit::Second, true),
        "minute" => (Unit::Minute, false),
        "minutes" | "mins" => (Unit::Minute, true),
        "hour" => (Unit::Hour, false),
        "hours" | "hrs" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "weekend" => (Unit::Weekend, false),
        "weekends" => (Unit::Weekend, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" => (Unit::Year, false),
        "years" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

/// Month number for a month name or its news abbreviation (`Sept`, `Dec`).
/// The trailing period of an abbreviation is stripped by the caller.
pub fn month(word: &str) -> Option<u8> {
    Some(match word {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// ISO weekday number (Monday = 1) for a weekday name or abbreviation.
pub fn weekday(word: &str) -> Option<u8> {
    Some(match word {
        "monday" | "mon" => 1,
        "tuesday" | "tue" | "tues" => 2,
        "wednesday" | "wed" => 3,
        "thursday" | "thu" | "thur" | "thurs" => 4,
        "friday" | "fri" => 5,
        "saturday" | "sat" => 6,
        "sunday" | "sun" => 7,
        _ => return None,
    })
}

/// TimeML season code.
pub fn season(word: &str) -> Option<&'static str> {
    Some(match word {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// TimeML part-of-day code.
pub fn part_of_day(word: &str) -> Option<&'static str> {
    Some(match word {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" | "overnight" => "NI",
        _ => return None,
    })
}

/// Cardinal number words up to ninety-nine; tens and units are joined by
/// the caller.
pub fn cardinal(word: &str) -> Option<i64> {
    Some(match word {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Ordinal words and numerals as used for days and quarters (`third`, `3rd`).
pub fn ordinal(word: &str) -> Option<i64> {
    let named = match word {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        _ => 0,
    };
    if named > 0 {
        return Some(named);
    }
    let digits = word
        .strip_suffix("st")
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))?;
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Vague quantities that make a duration's amount unknown (`X`).
pub fn vague_amount(word: &str) -> bool {
    matches!(word, "several" | "few" | "many" | "some" | "couple")
}

/// Approximators and bounds that TimeML keeps inside a duration's extent.
pub fn duration_modifier(word: &str) -> bool {
    matches!(
        word,
        "nearly" | "almost" | "about" | "around" | "approximately" | "roughly" | "some"
    )
}

/// Time zone abbreviations common in news.
pub fn zone(word: &str) -> bool {
    matches!(
        word,
        "gmt"
            | "utc"
            | "est"
            | "edt"
            | "et"
            | "cst"
            | "cdt"
            | "ct"
            | "mst"
            | "mdt"
            | "pst"
            | "pdt"
            | "pt"
            | "bst"
            | "cet"
            | "cest"
            | "eet"
            | "eest"
            | "msk"
            | "ist"
            | "jst"
            | "aest"
            | "hkt"
            | "sgt"
    )
}

/// Words that make a following weekday or unit refer to a reported past
/// or planned future: cheap tense cues, read from the sentence around.
pub fn future_cue(word: &str) -> bool {
    matches!(
        word,
        "will"
            | "'ll"
            | "wo"
            | "shall"
            | "upcoming"
            | "scheduled"
            | "planned"
            | "plans"
            | "plan"
            | "expected"
            | "expects"
            | "due"
            | "next"
            | "tomorrow"
    )
}
