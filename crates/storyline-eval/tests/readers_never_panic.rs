//! Property tests for the data-set readers: CoNLL-2003 text, brat standoff
//! and TimeML give a value or an error on any input, never a panic.
//! (CoNLL-U's is a unit test of [`storyline_eval::conllu`].)

use proptest::prelude::*;
use storyline_eval::conll2003::read_conll;
use storyline_eval::polnear::parse_ann;
use storyline_eval::timeml::parse_timeml;

/// Lines that look like CoNLL-2003 rows, broken in every way.
fn conll_like() -> impl Strategy<Value = String> {
    let row = prop_oneof![
        "[A-Za-z.,]{1,8} [A-Z]{1,4} [BIO]-[A-Z]{2} [BIO]-(PER|ORG|LOC|MISC)",
        "[A-Za-z]{1,6} (B|I)-(PER|LOC)",
        "",
        "-DOCSTART- -X- -X- O",
        "\\PC{0,20}",
    ];
    prop::collection::vec(row, 0..30).prop_map(|rows| rows.join("\n"))
}

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

proptest! {
    #[test]
    fn conll_reader_never_panics(text in conll_like()) {
        if let Ok(sentences) = read_conll(&text) {
            for s in sentences {
                prop_assert_eq!(s.words.len(), s.tags.len());
            }
        }
    }

    #[test]
    fn brat_reader_never_panics(text in brat_like()) {
        let _ = parse_ann(&text);
    }

    #[test]
    fn timeml_reader_never_panics(text in "\\PC{0,80}", tag in "(<TEXT>|</TEXT>|<DCT>|<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998\">|</TIMEX3>)") {
        let _ = parse_timeml(&format!("{tag}{text}{tag}"));
    }
}
