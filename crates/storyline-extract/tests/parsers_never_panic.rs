//! Property tests for the readers and pattern matchers of this crate:
//! brat standoff, TimeML, gold files and time expressions give a value or an
//! error on any input, never a panic.

use proptest::prelude::*;
use storyline_extract::quotes::polnear::parse_ann;
use storyline_extract::time::eval::parse_timeml;
use storyline_extract::time::find_times;

/// Lines shaped like brat annotations, broken in every way.
fn brat_like() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        "T[0-9]{1,2}\t(Source|Cue|Content|Attribution) [0-9]{1,3} [0-9]{1,3}\t[a-z ]{0,10}",
        "T[0-9]{1,2}\tContent [0-9]{1,3} [0-9]{1,3};[0-9]{1,3} [0-9]{1,3}\tx",
        "E[0-9]{1,2}\tAttribution:T[0-9] Content:T[0-9]( Cue:T[0-9])?( Source:T[0-9])?",
        "\\PC{0,24}",
    ];
    prop::collection::vec(line, 0..20).prop_map(|lines| lines.join("\n"))
}

/// Text dense in the words and digits that trigger time patterns.
fn timey() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        "(January|Feb\\.|March|Sept\\.|Dec|December|Tuesday|spring|summer)",
        "[0-9]{1,4}",
        "[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}",
        "[0-9]{1,2}:[0-9]{2}",
        "(a\\.m\\.|p\\.m\\.|GMT|ago|last|next|earlier|later|days|weeks|years|every|now|the|,|\\.|-)",
        "\\PC{0,6}",
    ];
    prop::collection::vec(word, 0..40).prop_map(|words| words.join(" "))
}

proptest! {
    #[test]
    fn brat_reader_never_panics(text in brat_like()) {
        let _ = parse_ann(&text);
    }

    #[test]
    fn timeml_reader_never_panics(text in "\\PC{0,80}", tag in "(<TEXT>|</TEXT>|<DCT>|<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998\">|</TIMEX3>)") {
        let _ = parse_timeml(&format!("{tag}{text}{tag}"));
    }

    #[test]
    fn time_expressions_stay_inside_the_text(text in timey(), published in prop::option::of("20[0-9]{2}-(0[1-9]|1[0-2])-[0-3][0-9]")) {
        let (tokens, _) = storyline_text::analyse(&text);
        let found = find_times(&text, &tokens, published.as_deref());
        let chars: Vec<char> = text.chars().collect();
        for t in found.times {
            prop_assert!(t.start < t.end && t.end <= chars.len());
            let slice: String = chars[t.start..t.end].iter().collect();
            prop_assert_eq!(slice, t.text);
        }
    }
}
