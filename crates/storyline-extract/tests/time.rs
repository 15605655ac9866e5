//! Time expressions: formats, relative rules, anchors, robustness.

use storyline_extract::record::Time;
use storyline_extract::time::{TimeAnnotations, find_times};

fn run(text: &str, published: Option<&str>) -> TimeAnnotations {
    let (tokens, _) = storyline_text::analyse(text);
    find_times(text, &tokens, published)
}

/// The single expression whose text is `expr` (panics with all found otherwise).
fn find<'a>(found: &'a TimeAnnotations, expr: &str) -> &'a Time {
    found
        .times
        .iter()
        .find(|t| t.text == expr)
        .unwrap_or_else(|| panic!("{expr:?} not found in {:?}", found.times))
}

fn value_of(text: &str, published: &str, expr: &str) -> (String, Option<String>) {
    let found = run(text, Some(published));
    let t = find(&found, expr);
    (t.kind.clone(), t.value.clone())
}

fn assert_time(text: &str, published: &str, expr: &str, kind: &str, value: &str) {
    let (k, v) = value_of(text, published, expr);
    assert_eq!(
        (k.as_str(), v.as_deref()),
        (kind, Some(value)),
        "{expr:?} in {text:?}"
    );
}

#[test]
fn absolute_date_formats() {
    let d = "2025-12-05";
    assert_time(
        "They met on Dec. 2 in Moscow.",
        d,
        "Dec. 2",
        "DATE",
        "2025-12-02",
    );
    assert_time(
        "They met on 2 December 2025 in Moscow.",
        d,
        "2 December 2025",
        "DATE",
        "2025-12-02",
    );
    assert_time(
        "They met on 12/02/2025 in Moscow.",
        d,
        "12/02/2025",
        "DATE",
        "2025-12-02",
    );
    assert_time(
        "They met on 2025-12-02 in Moscow.",
        d,
        "2025-12-02",
        "DATE",
        "2025-12-02",
    );
    assert_time(
        "They met on December 2, 2025, in Moscow.",
        d,
        "December 2, 2025",
        "DATE",
        "2025-12-02",
    );
}

#[test]
fn partial_dates_months_years_decades_seasons() {
    let d = "2025-12-05";
    assert_time("Prices rose in November.", d, "November", "DATE", "2025-11");
    assert_time(
        "Prices rose in March 1996.",
        d,
        "March 1996",
        "DATE",
        "1996-03",
    );
    assert_time("Prices rose in 1998.", d, "1998", "DATE", "1998");
    assert_time("Prices rose in the 1990s.", d, "the 1990s", "DATE", "199");
    assert_time(
        "Prices rose this summer.",
        d,
        "this summer",
        "DATE",
        "2025-SU",
    );
    assert_time("Prices rose last week.", d, "last week", "DATE", "2025-W48");
    assert_time(
        "Profit fell in the third quarter.",
        d,
        "the third quarter",
        "DATE",
        "2025-Q3",
    );
}

#[test]
fn weekdays_follow_tense() {
    // 2025-12-03 is a Wednesday.
    assert_time(
        "The talks ended Tuesday.",
        "2025-12-03",
        "Tuesday",
        "DATE",
        "2025-12-02",
    );
    assert_time(
        "The talks will resume Friday.",
        "2025-12-03",
        "Friday",
        "DATE",
        "2025-12-05",
    );
    assert_time(
        "They met last Friday.",
        "2025-12-03",
        "last Friday",
        "DATE",
        "2025-11-28",
    );
}

#[test]
fn times_of_day_with_zones() {
    let d = "2025-12-02";
    assert_time(
        "The meeting began after 5 p.m. Moscow time.",
        d,
        "5 p.m. Moscow time",
        "TIME",
        "2025-12-02T17:00",
    );
    assert_time(
        "The plane landed at 16:40 GMT.",
        d,
        "16:40 GMT",
        "TIME",
        "2025-12-02T16:40",
    );
    assert_time(
        "It ended this morning.",
        d,
        "this morning",
        "TIME",
        "2025-12-02TMO",
    );
}

#[test]
fn relative_expressions() {
    let d = "2025-12-03";
    assert_time("He spoke yesterday.", d, "yesterday", "DATE", "2025-12-02");
    assert_time(
        "He will speak tomorrow.",
        d,
        "tomorrow",
        "DATE",
        "2025-12-04",
    );
    assert_time(
        "Talks began earlier this month.",
        d,
        "earlier this month",
        "DATE",
        "2025-12",
    );
    assert_time(
        "Elections are due next year.",
        d,
        "next year",
        "DATE",
        "2026",
    );
    assert_time(
        "Two years ago, prices fell.",
        d,
        "Two years ago",
        "DATE",
        "2023",
    );
}

#[test]
fn narrative_anchor_for_earlier_and_later() {
    let text = "The deal was signed on March 10, 2024. Two days earlier, talks had stalled. The next day, markets rose.";
    assert_time(text, "2025-12-03", "Two days earlier", "DATE", "2024-03-08");
    assert_time(text, "2025-12-03", "The next day", "DATE", "2024-03-09");
}

#[test]
fn durations_and_sets() {
    let d = "2025-12-03";
    assert_time(
        "The talks lasted five hours.",
        d,
        "five hours",
        "DURATION",
        "PT5H",
    );
    assert_time(
        "the nearly four-year war",
        d,
        "nearly four-year",
        "DURATION",
        "P4Y",
    );
    assert_time(
        "He served two decades in office.",
        d,
        "two decades",
        "DURATION",
        "P2E",
    );
    assert_time("They meet every week.", d, "every week", "SET", "P1W");
    assert_time(
        "They meet each Thursday.",
        d,
        "each Thursday",
        "SET",
        "XXXX-WXX-4",
    );
}

#[test]
fn fuzzy_references() {
    let d = "2025-12-03";
    assert_time("Talks are now stalled.", d, "now", "DATE", "PRESENT_REF");
    assert_time("He recently resigned.", d, "recently", "DATE", "PAST_REF");
    assert_time(
        "In the past, such deals failed.",
        d,
        "the past",
        "DATE",
        "PAST_REF",
    );
    assert_time(
        "In the future, deals may succeed.",
        d,
        "the future",
        "DATE",
        "FUTURE_REF",
    );
}

#[test]
fn year_inference_across_new_year() {
    assert_time(
        "The vote was held on December 30.",
        "2026-01-02",
        "December 30",
        "DATE",
        "2025-12-30",
    );
    assert_time(
        "The vote will be held on January 5.",
        "2025-12-30",
        "January 5",
        "DATE",
        "2026-01-05",
    );
}

#[test]
fn invalid_dates_have_no_value() {
    let found = run(
        "The deadline was February 30, 2025, officials said.",
        Some("2025-03-01"),
    );
    assert!(
        found
            .times
            .iter()
            .all(|t| t.value.as_deref() != Some("2025-02-30"))
    );
    for t in &found.times {
        if t.text.contains("February 30") {
            assert_eq!(t.value, None);
        }
    }
    let found = run("It happened on February 30.", Some("2025-03-01"));
    assert!(
        found
            .times
            .iter()
            .all(|t| t.value.is_none() || !t.text.contains("30"))
    );
}

#[test]
fn dateline_sets_the_anchor() {
    let text = "OSLO, March 4 (Reuters) - Norway said on Tuesday it would act. The plan was first drafted on January 20, 2026.";
    let found = run(text, None);
    assert_eq!(found.anchor.as_deref(), Some("2026-03-04"));
    assert_eq!(find(&found, "Tuesday").value.as_deref(), Some("2026-03-03"));
    let with_year = run("KYIV, Dec. 2, 2025 (AP) - Talks resumed yesterday.", None);
    assert_eq!(with_year.anchor.as_deref(), Some("2025-12-02"));
    assert_eq!(
        find(&with_year, "yesterday").value.as_deref(),
        Some("2025-12-01")
    );
}

#[test]
fn published_timestamp_is_accepted() {
    let found = run("He spoke yesterday.", Some("2025-12-03T08:15:00Z"));
    assert_eq!(found.anchor.as_deref(), Some("2025-12-03"));
    assert!(found.warnings.is_empty());
}

#[test]
fn seed_article_without_published_shared_data() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/seed/article.txt");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("seed article missing at {}: {e}", path.display()));
    let found = run(&text, None);
    assert_eq!(
        find(&found, "December 2, 2025").value.as_deref(),
        Some("2025-12-02")
    );
    assert_eq!(
        find(&found, "December 3").value.as_deref(),
        Some("2025-12-03")
    );
    let war = find(&found, "nearly four-year");
    assert_eq!(
        (war.kind.as_str(), war.value.as_deref()),
        ("DURATION", Some("P4Y"))
    );
    assert_eq!(found.anchor.as_deref(), Some("2025-12-02"));
    assert!(
        found
            .warnings
            .iter()
            .any(|w| w.contains("no publication date") && w.contains("2025-12-02")),
        "{:?}",
        found.warnings
    );
}

/// A small deterministic generator: the crate has no proptest dev-dependency.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn never_panics_and_spans_slice_the_text() {
    let pieces = [
        "December",
        "Dec.",
        "2",
        "30",
        ",",
        "2025",
        "February",
        "29",
        "-",
        "12/02/2025",
        "2025",
        "12",
        "02",
        "5",
        "p.m.",
        "GMT",
        "Moscow",
        "time",
        "16:40",
        "99:99",
        "last",
        "next",
        "week",
        "year",
        "years",
        "ago",
        "earlier",
        "the",
        "past",
        "nearly",
        "four",
        "-year",
        "every",
        "Tuesday",
        "Tuesdays",
        "now",
        "é",
        "日本",
        "🙂",
        "\n",
        " ",
        ".",
        "(Reuters)",
        "OSLO",
        "quarter",
        "third",
        "a",
        "few",
        "mid-1990s",
        "nineteen",
        "ninety",
        "0",
        "00/00/0000",
        "9999",
        "1/2",
        "'s",
    ];
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let n = (rng.next() % 40) as usize;
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(pieces[(rng.next() % pieces.len() as u64) as usize]);
            if !rng.next().is_multiple_of(3) {
                text.push(' ');
            }
        }
        let published = match rng.next() % 3 {
            0 => None,
            1 => Some("2025-12-03"),
            _ => Some("garbage"),
        };
        let found = run(&text, published);
        let chars: Vec<char> = text.chars().collect();
        for t in &found.times {
            assert!(t.start < t.end && t.end <= chars.len(), "{t:?} in {text:?}");
            let slice: String = chars[t.start..t.end].iter().collect();
            assert_eq!(slice, t.text, "in {text:?}");
        }
    }
}

#[test]
fn fast_enough() {
    let unit = "OSLO, March 4 (Reuters) - Officials said on Tuesday that talks held on December 2, 2025, \
        lasted five hours and would resume next week, two days after the vote. Prices rose 5% in the third quarter \
        from a year earlier, the company said in a statement. ";
    let text = unit.repeat(2000);
    let (tokens, _) = storyline_text::analyse(&text);
    let start = std::time::Instant::now();
    let found = find_times(&text, &tokens, Some("2026-03-04"));
    let secs = start.elapsed().as_secs_f64();
    let mb_per_s = text.len() as f64 / 1e6 / secs;
    println!(
        "time expressions: {mb_per_s:.1} MB/s ({} found)",
        found.times.len()
    );
    assert!(found.times.len() >= 2000 * 8);
    assert!(mb_per_s > 1.0, "{mb_per_s} MB/s");
}
