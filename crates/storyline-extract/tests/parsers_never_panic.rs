//! Property tests for the pattern matchers of this crate: time expressions
//! stay inside the text on any input, never a panic. (The data-set readers'
//! are `storyline-eval`'s.)

use proptest::prelude::*;
use storyline_extract::time::find_times;

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
