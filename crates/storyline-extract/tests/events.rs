//! Event and stance rules on short sentences written for these tests,
//! through the shipped pipeline, actors, times and quotes.

mod events_support;

use events_support::{lines, record, stance_lines};
use proptest::prelude::*;
use storyline_extract::record::Record;

/// The one event of type `kind`, as a line.
fn event(rec: &Record, kind: &str) -> String {
    let found: Vec<String> = lines(rec)
        .into_iter()
        .filter(|l| l.starts_with(&format!("{kind} ")))
        .collect();
    assert!(!found.is_empty(), "no {kind} event in {:?}", lines(rec));
    found[0].clone()
}

#[test]
fn verbal_trigger_with_place_time_and_target() {
    let rec = record(
        "Chancellor Olaf Brandt met President Maria Lopez in Vienna on May 5, 2026.",
        None,
    );
    let e = event(&rec, "MEET");
    assert!(
        e.contains("Olaf Brandt") && e.contains("Maria Lopez"),
        "{e}"
    );
    assert!(e.contains("@Vienna 2026-05-05 [actual]"), "{e}");
}

#[test]
fn light_verb_resolves_to_the_noun_event() {
    let rec = record(
        "Foreign Minister Anna Berg held talks with Prime Minister Jonas Holm in Oslo on June 3, 2026.",
        None,
    );
    let e = event(&rec, "NEGOTIATE");
    assert!(e.contains("Anna Berg") && e.contains("Jonas Holm"), "{e}");
    assert!(e.contains("@Oslo 2026-06-03"), "{e}");
}

#[test]
fn nominal_trigger_with_possessor_actor() {
    let rec = record(
        "Peru's sanctions on Bolivia took effect on March 1, 2026.",
        None,
    );
    let e = event(&rec, "SANCTION");
    assert!(e.contains("SANCTION Peru → Bolivia"), "{e}");
}

#[test]
fn metonymic_capital_acts_for_its_country() {
    let rec = record(
        "Russia and Ukraine remain far apart. Moscow rejected the plan on Friday.",
        Some("2026-02-10"),
    );
    let e = event(&rec, "REJECT");
    assert!(e.starts_with("REJECT Russia "), "{e}");
}

#[test]
fn invitation_to_future_talks_is_planned() {
    let rec = record("Kenya invited Ethiopia to Nairobi for further talks.", None);
    let inv = event(&rec, "INVITE");
    assert!(
        inv.contains("Kenya → Ethiopia @Nairobi") && inv.contains("[actual]"),
        "{inv}"
    );
    let talks = event(&rec, "NEGOTIATE");
    assert!(
        talks.contains("[planned]") && talks.contains("@Nairobi"),
        "{talks}"
    );
}

#[test]
fn modalities() {
    let planned = record("Germany will sign the treaty with Poland.", None);
    assert!(
        event(&planned, "SIGN").contains("[planned]"),
        "{:?}",
        lines(&planned)
    );
    let possible = record("Japan could impose sanctions on North Korea.", None);
    assert!(
        event(&possible, "SANCTION").contains("[possible]"),
        "{:?}",
        lines(&possible)
    );
    let negated = record("Chile did not sign the agreement with Peru.", None);
    assert!(
        event(&negated, "SIGN").contains("[negated]"),
        "{:?}",
        lines(&negated)
    );
    let reported = record("Iran reportedly deployed troops to Iraq.", None);
    assert!(
        event(&reported, "MOBILIZE").contains("[reported]"),
        "{:?}",
        lines(&reported)
    );
}

#[test]
fn no_event_from_a_call_to_action() {
    let rec = record(
        "Stay tuned for more updates as this story unfolds, and share your thoughts on social media.",
        None,
    );
    assert!(rec.events.is_empty(), "{:?}", lines(&rec));
}

#[test]
fn verbal_stance() {
    let rec = record("Ukraine rejected the ceasefire proposal.", None);
    assert_eq!(
        stance_lines(&rec),
        vec!["Ukraine reject \"the ceasefire proposal\"".to_string()]
    );
}

#[test]
fn nominal_stances() {
    let rec = record(
        "Kyiv's rejection of the territorial plan surprised no one in Ukraine.",
        None,
    );
    let s = stance_lines(&rec).join(" | ");
    assert!(s.contains("reject \"the territorial plan\""), "{s}");
    let rec = record(
        "Rubio noted the demands from Moscow for Ukrainian troops to leave the Donbas region.",
        None,
    );
    let s = stance_lines(&rec).join(" | ");
    assert!(
        s.contains("Moscow demand") && s.contains("Ukrainian troops to leave"),
        "{s}"
    );
}

#[test]
fn relative_clause_stance_takes_the_stated_position() {
    let rec = record(
        "Egypt demands a binding deal on water releases, a point that Ethiopia has rejected.",
        None,
    );
    let s = stance_lines(&rec).join(" | ");
    assert!(
        s.contains("Ethiopia reject \"a binding deal on water releases"),
        "{s}"
    );
}

#[test]
fn attributed_negated_acceptance_is_rejection() {
    let rec = record(
        "Yuri Ushakov said Russia would not accept any foreign troops in Ukraine.",
        None,
    );
    let s = stance_lines(&rec).join(" | ");
    assert!(s.contains("Russia reject \"any foreign troops"), "{s}");
}

#[test]
fn anaphoric_issue_takes_the_earlier_demand() {
    let rec = record(
        "Germany demanded a 9 percent budget cut. France rejected the demand.",
        None,
    );
    let s = stance_lines(&rec).join(" | ");
    assert!(
        s.contains("France reject \"a 9 percent budget cut\""),
        "{s}"
    );
}

#[test]
fn empty_and_model_free_input() {
    let rec = record("", None);
    assert!(rec.events.is_empty() && rec.stances.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn never_panics(text in "\\PC{0,300}") {
        let rec = record(&text, None);
        for e in &rec.events {
            prop_assert!(e.id.starts_with('V'));
        }
    }

    #[test]
    fn never_panics_on_news_like_words(words in proptest::collection::vec(
        prop_oneof![
            Just("Moscow"), Just("met"), Just("talks"), Just("with"), Just("the"), Just("rejected"),
            Just("demands"), Just("from"), Just("for"), Just("to"), Just("in"), Just("Kyiv"),
            Just(","), Just("."), Just("a point that"), Just("on May 2"), Just("will"), Just("not"),
            Just("Putin"), Just("“"), Just("”"), Just("invited"), Just("Miami"), Just("held"),
        ], 0..40)) {
        let text = words.join(" ");
        let rec = record(&text, Some("2026-01-01"));
        prop_assert!(rec.events.len() <= text.len());
    }
}
