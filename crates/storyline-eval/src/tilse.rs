//! Timeline summarisation metrics in the definitions of `tilse`
//! (Martschat & Markert 2017, 2018), as news-tls (Ghalandari & Ifrim 2020)
//! reports them on Timeline17: Date-F1, concat ROUGE and
//! alignment-based ROUGE (`align_date_content_costs_many_to_one`, "align+
//! m:1" in the EACL'17 paper).
//!
//! A [`Timeline`] maps a date to its summary sentences. A predicted
//! timeline is scored against one gold timeline; news-tls scores against
//! each gold timeline of a topic separately and averages, which is
//! [`mean`].
//!
//! # Definitions implemented
//!
//! **Tokens.** A summary's sentences are concatenated (in order) into one
//! text, lowercased, and split on every character that is not
//! alphanumeric ([`tokenize`]); no stemming, no stopword removal. N-grams
//! are taken over the concatenated tokens, so a bigram can span two
//! sentences of the same summary (ROUGE-1.5.5 builds its n-grams from a
//! summary's whole text too). Overlap `hits(a, b)` is the clipped count
//! `Σ min(count_a(x), count_b(x))` over n-grams `x`.
//!
//! **Date-F1.** Precision `|P ∩ G| / |P|` and recall `|P ∩ G| / |G|` over
//! the sets of dates; each is 0 when its denominator is 0, F1 is 0 when
//! both are 0.
//!
//! **Concat.** All summaries of a timeline, dates ascending, form one text;
//! `P = hits / |pred n-grams|`, `R = hits / |gold n-grams|`,
//! `F = 2PR / (P + R)`.
//!
//! **Align+ m:1.** With `d(p, g) = |days between p and g|` and the
//! date-distance weight `w(p, g) = 1 / (d + 1)`, the cost of aligning
//! predicted date `p` with gold date `g` is
//!
//! `cost(p, g) = (1 − w(p, g)) · (1 − F1₁(p, g))`
//!
//! where `F1₁` is the unigram F1 of the two summaries (tilse's
//! "approximation of ROUGE-1": clipped unigram matches over the predicted
//! count and over the gold count). Note the product: the same date costs
//! 0 whatever the content, and identical content costs 0 at any distance.
//! For precision every predicted date is aligned to the gold date of least
//! cost (many-to-one; on equal costs the nearest gold date, then the
//! earliest, see below), and
//!
//! `P_n = Σ_p w(p, a(p)) · hits_n(p, a(p)) / Σ_p |n-grams of p|`.
//!
//! For recall every gold date is aligned to the predicted date of least
//! cost (the same cost, ties to the earliest predicted date), and
//!
//! `R_n = Σ_g w(a(g), g) · hits_n(a(g), g) / Σ_g |n-grams of g|`.
//!
//! With no predicted dates the gold dates stay unaligned and contribute
//! only to the recall denominator (tilse would fail there). Every ratio is
//! 0 when its denominator is 0; `F = 2PR / (P + R)`, 0 when `P + R = 0`.
//!
//! # Where this differs from tilse
//!
//! - tilse runs the ROUGE-1.5.5 script with Porter stemming (`-m`) and
//!   stopword removal (`-s`) on whitespace-split tokens of pre-tokenised
//!   text; this module neither stems nor removes stopwords, and makes its
//!   own tokens by splitting on non-alphanumeric characters (so the
//!   figures are close to, not identical with, published ones).
//! - tilse's alignment cost uses whitespace tokens, case kept; here the
//!   cost uses the same tokens as the scores.
//! - Ties: tilse takes `argmin` over the dates in ascending order, i.e.
//!   the earliest date of least cost. Because the cost is a product, the
//!   same date (cost 0) ties with any date of identical content (cost 0
//!   too), and tilse would then align to the earlier, distant one and
//!   weight it down, so that a timeline is not perfect against itself
//!   when two of its dates have the same words. Here equal costs go to
//!   the nearest date first and only then to the earliest; this changes
//!   nothing but exact ties.
//! - Only one gold timeline per call (tilse can score against several at
//!   once, summing their counts).

use std::collections::{BTreeMap, HashMap};

pub use jiff::civil::Date;
use serde::Serialize;

/// A timeline: date → summary sentences.
pub type Timeline = BTreeMap<Date, Vec<String>>;

/// Builds a [`Timeline`] from `(YYYY-MM-DD, sentences)` entries (e.g.
/// [`crate::timeline17::T17Timeline::entries`]); sentences of a repeated
/// date are appended.
pub fn timeline_from_entries(entries: &[(String, Vec<String>)]) -> Result<Timeline, String> {
    let mut timeline = Timeline::new();
    for (date, sentences) in entries {
        let parsed: Date = date
            .trim()
            .parse()
            .map_err(|e| format!("bad date {date:?}: {e}"))?;
        timeline
            .entry(parsed)
            .or_default()
            .extend(sentences.iter().cloned());
    }
    Ok(timeline)
}

/// The ROUGE tokens of a text: lowercased, split on every character that is
/// not alphanumeric.
pub fn tokenize(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Precision, recall and F-score.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Prf {
    /// Precision.
    pub p: f64,
    /// Recall.
    pub r: f64,
    /// F1.
    pub f: f64,
}

impl Prf {
    fn new(p: f64, r: f64) -> Self {
        Self { p, r, f: f1(p, r) }
    }
}

/// All the scores of one predicted timeline against one gold timeline.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct TimelineScores {
    /// Date precision.
    pub date_p: f64,
    /// Date recall.
    pub date_r: f64,
    /// Date F1.
    pub date_f1: f64,
    /// Concat ROUGE-1 F.
    pub concat_r1_f: f64,
    /// Concat ROUGE-2 F.
    pub concat_r2_f: f64,
    /// Align+ m:1 ROUGE-1 precision.
    pub align_r1_p: f64,
    /// Align+ m:1 ROUGE-1 recall.
    pub align_r1_r: f64,
    /// Align+ m:1 ROUGE-1 F.
    pub align_r1_f: f64,
    /// Align+ m:1 ROUGE-2 precision.
    pub align_r2_p: f64,
    /// Align+ m:1 ROUGE-2 recall.
    pub align_r2_r: f64,
    /// Align+ m:1 ROUGE-2 F.
    pub align_r2_f: f64,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

fn ratio(num: f64, den: f64) -> f64 {
    if den > 0.0 { num / den } else { 0.0 }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn day_number(date: Date) -> i64 {
    let (y, m, d) = (
        i64::from(date.year()),
        i64::from(date.month()),
        i64::from(date.day()),
    );
    // Years start in March so that the leap day ends a year.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_from_march = (m + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + d - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date-distance weight `1 / (|days| + 1)`.
fn date_weight(a: Date, b: Date) -> f64 {
    1.0 / ((day_number(a) - day_number(b)).unsigned_abs() as f64 + 1.0)
}

/// Date precision, recall and F1 over the sets of dates.
pub fn date_f1(predicted: &Timeline, gold: &Timeline) -> (f64, f64, f64) {
    let common = predicted.keys().filter(|d| gold.contains_key(d)).count() as f64;
    let p = ratio(common, predicted.len() as f64);
    let r = ratio(common, gold.len() as f64);
    (p, r, f1(p, r))
}

/// A multiset of n-grams (token ids packed into a `u64`).
#[derive(Debug, Default)]
struct Bag {
    counts: HashMap<u64, u32>,
    total: u64,
}

impl Bag {
    fn of(ids: &[u32], n: usize) -> Self {
        let mut bag = Bag::default();
        if n == 0 || ids.len() < n {
            return bag;
        }
        for gram in ids.windows(n) {
            let key = gram.iter().fold(0u64, |k, &id| {
                k.wrapping_mul(1 << 32).wrapping_add(u64::from(id))
            });
            *bag.counts.entry(key).or_insert(0) += 1;
            bag.total += 1;
        }
        bag
    }

    /// Clipped overlap with another bag.
    fn hits(&self, other: &Bag) -> u64 {
        let (small, large) = if self.counts.len() <= other.counts.len() {
            (self, other)
        } else {
            (other, self)
        };
        small
            .counts
            .iter()
            .map(|(k, &c)| u64::from(c.min(large.counts.get(k).copied().unwrap_or(0))))
            .sum()
    }
}

/// Token ids shared by the two timelines being compared.
#[derive(Default)]
struct Interner(HashMap<String, u32>);

impl Interner {
    fn ids<'a>(&mut self, sentences: impl IntoIterator<Item = &'a String>) -> Vec<u32> {
        let mut ids = Vec::new();
        for sentence in sentences {
            for token in tokenize(sentence) {
                let next = self.0.len() as u32;
                ids.push(*self.0.entry(token).or_insert(next));
            }
        }
        ids
    }
}

/// One date's summary as unigram and bigram bags.
struct Day {
    date: Date,
    grams: [Bag; 2],
}

fn days(timeline: &Timeline, interner: &mut Interner) -> Vec<Day> {
    timeline
        .iter()
        .map(|(&date, sentences)| {
            let ids = interner.ids(sentences);
            Day {
                date,
                grams: [Bag::of(&ids, 1), Bag::of(&ids, 2)],
            }
        })
        .collect()
}

/// Unigram F1 of two summaries (tilse's ROUGE-1 approximation).
fn content_f1(a: &Day, b: &Day) -> f64 {
    let hits = a.grams[0].hits(&b.grams[0]) as f64;
    f1(
        ratio(hits, a.grams[0].total as f64),
        ratio(hits, b.grams[0].total as f64),
    )
}

/// For every day of `from`, the index of its least-cost day in `to` (on
/// equal costs the nearest date, then the earliest); `None` when `to` is
/// empty.
fn align(from: &[Day], to: &[Day]) -> Vec<Option<usize>> {
    from.iter()
        .map(|a| {
            let mut best: Option<(usize, f64, f64)> = None;
            for (j, b) in to.iter().enumerate() {
                let weight = date_weight(a.date, b.date);
                let cost = (1.0 - weight) * (1.0 - content_f1(a, b));
                if best.is_none_or(|(_, c, w)| cost < c || (cost == c && weight > w)) {
                    best = Some((j, cost, weight));
                }
            }
            best.map(|(j, _, _)| j)
        })
        .collect()
}

/// `Σ w · hits / Σ |n-grams of from|` over an alignment of `from` to `to`.
fn aligned_ratio(from: &[Day], to: &[Day], alignment: &[Option<usize>], n: usize) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    for (a, target) in from.iter().zip(alignment) {
        den += a.grams[n - 1].total as f64;
        if let Some(j) = target {
            let b = &to[*j];
            num += date_weight(a.date, b.date) * a.grams[n - 1].hits(&b.grams[n - 1]) as f64;
        }
    }
    ratio(num, den)
}

/// Align+ m:1 ROUGE-1 and ROUGE-2 (see the module docs).
fn align_scores(pred: &[Day], gold: &[Day]) -> [Prf; 2] {
    let prec_alignment = align(pred, gold);
    let rec_alignment = align(gold, pred);
    [1, 2].map(|n| {
        Prf::new(
            aligned_ratio(pred, gold, &prec_alignment, n),
            aligned_ratio(gold, pred, &rec_alignment, n),
        )
    })
}

/// Concat ROUGE-1 and ROUGE-2 (see the module docs).
fn concat_scores(predicted: &Timeline, gold: &Timeline, interner: &mut Interner) -> [Prf; 2] {
    let pred_ids = interner.ids(predicted.values().flatten());
    let gold_ids = interner.ids(gold.values().flatten());
    [1, 2].map(|n| {
        let (p, g) = (Bag::of(&pred_ids, n), Bag::of(&gold_ids, n));
        let hits = p.hits(&g) as f64;
        Prf::new(ratio(hits, p.total as f64), ratio(hits, g.total as f64))
    })
}

/// Concat ROUGE-`n` (`n` is 1 or 2) of `predicted` against `gold`.
///
/// # Panics
///
/// When `n` is not 1 or 2.
pub fn concat_rouge(predicted: &Timeline, gold: &Timeline, n: usize) -> Prf {
    assert!(n == 1 || n == 2, "ROUGE-1 or ROUGE-2");
    concat_scores(predicted, gold, &mut Interner::default())[n - 1]
}

/// Align+ m:1 ROUGE-`n` (`n` is 1 or 2) of `predicted` against `gold`.
///
/// # Panics
///
/// When `n` is not 1 or 2.
pub fn align_rouge(predicted: &Timeline, gold: &Timeline, n: usize) -> Prf {
    assert!(n == 1 || n == 2, "ROUGE-1 or ROUGE-2");
    let mut interner = Interner::default();
    let pred = days(predicted, &mut interner);
    let gold = days(gold, &mut interner);
    align_scores(&pred, &gold)[n - 1]
}

/// Every score of `predicted` against `gold`.
pub fn score(predicted: &Timeline, gold: &Timeline) -> TimelineScores {
    let (date_p, date_r, date_f1) = date_f1(predicted, gold);
    let mut interner = Interner::default();
    let [c1, c2] = concat_scores(predicted, gold, &mut interner);
    let pred_days = days(predicted, &mut interner);
    let gold_days = days(gold, &mut interner);
    let [a1, a2] = align_scores(&pred_days, &gold_days);
    TimelineScores {
        date_p,
        date_r,
        date_f1,
        concat_r1_f: c1.f,
        concat_r2_f: c2.f,
        align_r1_p: a1.p,
        align_r1_r: a1.r,
        align_r1_f: a1.f,
        align_r2_p: a2.p,
        align_r2_r: a2.r,
        align_r2_f: a2.f,
    }
}

/// The field-by-field mean of several scores (F-scores are averaged, not
/// recomputed from the mean P and R, as news-tls does); all zeros when
/// `scores` is empty.
pub fn mean(scores: &[TimelineScores]) -> TimelineScores {
    if scores.is_empty() {
        return TimelineScores::default();
    }
    let n = scores.len() as f64;
    let avg = |field: fn(&TimelineScores) -> f64| scores.iter().map(field).sum::<f64>() / n;
    TimelineScores {
        date_p: avg(|s| s.date_p),
        date_r: avg(|s| s.date_r),
        date_f1: avg(|s| s.date_f1),
        concat_r1_f: avg(|s| s.concat_r1_f),
        concat_r2_f: avg(|s| s.concat_r2_f),
        align_r1_p: avg(|s| s.align_r1_p),
        align_r1_r: avg(|s| s.align_r1_r),
        align_r1_f: avg(|s| s.align_r1_f),
        align_r2_p: avg(|s| s.align_r2_p),
        align_r2_r: avg(|s| s.align_r2_r),
        align_r2_f: avg(|s| s.align_r2_f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn tl(entries: &[(&str, &[&str])]) -> Timeline {
        entries
            .iter()
            .map(|(d, s)| (date(d), s.iter().map(|x| x.to_string()).collect()))
            .collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    fn all(s: &TimelineScores) -> [f64; 11] {
        [
            s.date_p,
            s.date_r,
            s.date_f1,
            s.concat_r1_f,
            s.concat_r2_f,
            s.align_r1_p,
            s.align_r1_r,
            s.align_r1_f,
            s.align_r2_p,
            s.align_r2_r,
            s.align_r2_f,
        ]
    }

    #[test]
    fn tokens() {
        assert_eq!(
            tokenize("BP's $8bn oil-spill, 11%!"),
            ["bp", "s", "8bn", "oil", "spill", "11"]
        );
        assert!(tokenize(" -- ").is_empty());
    }

    #[test]
    fn day_numbers() {
        assert_eq!(day_number(date("1970-01-01")), 0);
        assert_eq!(
            day_number(date("2000-03-01")) - day_number(date("2000-02-28")),
            2
        );
        assert_eq!(
            day_number(date("2010-01-01")) - day_number(date("2009-01-01")),
            365
        );
        assert_eq!(day_number(date("1969-12-31")), -1);
    }

    #[test]
    fn identical_timelines_score_one() {
        let t = tl(&[
            (
                "2010-04-20",
                &["The rig explodes in the Gulf.", "Eleven workers die."],
            ),
            ("2010-07-15", &["BP caps the well."]),
        ]);
        for v in all(&score(&t, &t)) {
            assert!(close(v, 1.0), "{v}");
        }
    }

    #[test]
    fn disjoint_content_scores_zero_rouge() {
        let p = tl(&[("2010-04-20", &["alpha beta gamma"])]);
        let g = tl(&[("2010-04-20", &["delta epsilon zeta"])]);
        let s = score(&p, &g);
        assert!(close(s.date_f1, 1.0));
        for v in &all(&s)[3..] {
            assert!(close(*v, 0.0));
        }
    }

    #[test]
    fn one_day_off_gets_half_weight() {
        let p = tl(&[("2010-04-21", &["the well is capped"])]);
        let g = tl(&[("2010-04-20", &["the well is capped"])]);
        let s = score(&p, &g);
        assert!(close(s.date_f1, 0.0));
        assert!(close(s.concat_r1_f, 1.0));
        for v in [
            s.align_r1_p,
            s.align_r1_r,
            s.align_r1_f,
            s.align_r2_p,
            s.align_r2_r,
            s.align_r2_f,
        ] {
            assert!(close(v, 0.5), "{v}");
        }
    }

    #[test]
    fn empty_prediction_scores_zero() {
        let g = tl(&[("2010-04-20", &["the well is capped"])]);
        let s = score(&Timeline::new(), &g);
        for v in all(&s) {
            assert!(close(v, 0.0));
        }
        for v in all(&score(&Timeline::new(), &Timeline::new())) {
            assert!(close(v, 0.0));
        }
        for v in all(&score(&g, &Timeline::new())) {
            assert!(close(v, 0.0));
        }
    }

    #[test]
    fn many_to_one_alignment_by_date_and_content() {
        // Gold: 04-20 "explosion rig fire", 04-30 "oil reaches coast".
        let g = tl(&[
            ("2010-04-20", &["explosion rig fire"]),
            ("2010-04-30", &["oil reaches coast"]),
        ]);
        // Predicted 04-29 "oil reaches coast": cost to 04-30 is 0 (content
        // identical), to 04-20 (1 - 1/10)·1; it aligns to 04-30, weight 1/2.
        // Predicted 04-21 "rig fire": aligns to 04-20 (cost 1/2 · (1 - 0.8)).
        let p = tl(&[
            ("2010-04-21", &["rig fire"]),
            ("2010-04-29", &["oil reaches coast"]),
        ]);
        let r1 = align_rouge(&p, &g, 1);
        // Precision: (1/2·2 + 1/2·3) / 5; recall: gold 04-20 → 04-21
        // (1/2·2), gold 04-30 → 04-29 (1/2·3), over 6.
        assert!(close(r1.p, 2.5 / 5.0));
        assert!(close(r1.r, 2.5 / 6.0));
        let r2 = align_rouge(&p, &g, 2);
        assert!(close(r2.p, (0.5 * 1.0 + 0.5 * 2.0) / 3.0));
        assert!(close(r2.r, (0.5 * 1.0 + 0.5 * 2.0) / 4.0));
        // Concat: 5 of 5 predicted unigrams hit, 5 of 6 gold.
        let c1 = concat_rouge(&p, &g, 1);
        assert!(close(c1.p, 1.0) && close(c1.r, 5.0 / 6.0));
    }

    #[test]
    fn ties_go_to_the_nearest_then_earliest_date() {
        let g = tl(&[("2010-01-01", &["a b"]), ("2010-01-03", &["a b"])]);
        let p = tl(&[("2010-01-02", &["c d"])]);
        let mut interner = Interner::default();
        let (pd, gd) = (days(&p, &mut interner), days(&g, &mut interner));
        assert_eq!(align(&pd, &gd), [Some(0)]);
        // Same date and identical content elsewhere both cost 0.
        let t = tl(&[("2010-01-01", &["a b"]), ("2010-01-05", &["a b"])]);
        let td = days(&t, &mut interner);
        assert_eq!(align(&td, &td), [Some(0), Some(1)]);
    }

    #[test]
    fn entries_convert() {
        let t = timeline_from_entries(&[
            ("2010-01-02".into(), vec!["x".into()]),
            ("2010-01-02".into(), vec!["y".into()]),
        ])
        .unwrap();
        assert_eq!(t[&date("2010-01-02")], ["x", "y"]);
        assert!(timeline_from_entries(&[("2011-04-0".into(), vec![])]).is_err());
    }

    #[test]
    fn mean_of_scores() {
        let a = TimelineScores {
            date_f1: 1.0,
            align_r2_f: 0.5,
            ..Default::default()
        };
        let b = TimelineScores::default();
        let m = mean(&[a, b]);
        assert!(close(m.date_f1, 0.5) && close(m.align_r2_f, 0.25));
        assert_eq!(mean(&[]), TimelineScores::default());
    }

    fn timeline_strategy() -> impl Strategy<Value = Timeline> {
        prop::collection::btree_map(
            (0i16..60).prop_map(|d| {
                date("2010-01-01")
                    .checked_add(jiff::Span::new().days(d))
                    .unwrap()
            }),
            prop::collection::vec("[a-e]( [a-e]){0,5}", 0..3),
            0..6,
        )
    }

    proptest! {
        #[test]
        fn scores_are_probabilities(p in timeline_strategy(), g in timeline_strategy()) {
            for v in all(&score(&p, &g)) {
                prop_assert!(v.is_finite() && (0.0..=1.0 + 1e-12).contains(&v));
            }
        }

        #[test]
        fn swapping_sides_swaps_precision_and_recall(p in timeline_strategy(), g in timeline_strategy()) {
            let (a, b) = (score(&p, &g), score(&g, &p));
            prop_assert!(close(a.date_p, b.date_r) && close(a.date_r, b.date_p));
            prop_assert!(close(a.align_r1_p, b.align_r1_r) && close(a.align_r1_r, b.align_r1_p));
            prop_assert!(close(a.align_r2_p, b.align_r2_r));
            prop_assert!(close(a.concat_r1_f, b.concat_r1_f));
        }

        #[test]
        fn a_timeline_against_itself_is_perfect(t in timeline_strategy()) {
            let s = score(&t, &t);
            let words = t.values().flatten().any(|x| !tokenize(x).is_empty());
            if !t.is_empty() {
                prop_assert!(close(s.date_f1, 1.0));
            }
            if words {
                prop_assert!(close(s.align_r1_f, 1.0) && close(s.concat_r1_f, 1.0));
            }
        }
    }
}
