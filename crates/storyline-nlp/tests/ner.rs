//! Entity recogniser: decoding constraints, gazetteers, document
//! consistency and robustness cases, on hand-made inputs and the shipped
//! model (`models/ner.bin`, part of the repository).

use std::path::PathBuf;

use storyline_nlp::ner::Ner;
use storyline_nlp::ner::decode::{START, viterbi};
use storyline_nlp::ner::gazetteer::{self, Gazetteer};
use storyline_nlp::ner::tags::{N_TAGS, O, Pos, allowed, allowed_end, bilou_chunks, tag};

const PER: usize = 0;
const ORG: usize = 1;
const LOC: usize = 2;

fn shipped() -> Ner {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models/ner.bin");
    Ner::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Entities of one tokenised document as `(text, label)` per sentence.
fn entities(ner: &Ner, doc: &[&str]) -> Vec<Vec<(String, &'static str)>> {
    let doc: Vec<Vec<&str>> = doc.iter().map(|s| s.split(' ').collect()).collect();
    ner.recognize(&doc)
        .iter()
        .zip(&doc)
        .map(|(spans, words)| {
            spans
                .iter()
                .map(|e| (words[e.start..e.end].join(" "), e.label))
                .collect()
        })
        .collect()
}

fn has(found: &[(String, &str)], text: &str, label: &str) -> bool {
    found.iter().any(|(t, l)| t == text && *l == label)
}

#[test]
fn transition_rules() {
    assert!(!allowed(Some(O), tag(PER, Pos::I)));
    assert!(!allowed(Some(O), tag(PER, Pos::L)));
    assert!(!allowed(None, tag(LOC, Pos::I)));
    assert!(!allowed(Some(tag(PER, Pos::B)), tag(ORG, Pos::L)));
    assert!(!allowed(Some(tag(PER, Pos::B)), O));
    assert!(!allowed(Some(tag(PER, Pos::U)), tag(PER, Pos::I)));
    assert!(allowed(Some(tag(PER, Pos::B)), tag(PER, Pos::L)));
    assert!(allowed(Some(tag(PER, Pos::L)), tag(ORG, Pos::U)));
    assert!(!allowed_end(tag(PER, Pos::B)));
    assert!(allowed_end(tag(PER, Pos::U)));
}

/// Emissions that, read greedily, would give `O I-PER L-ORG`: the decoder
/// must produce a valid sequence instead.
#[test]
fn viterbi_never_breaks_constraints() {
    let n = 3;
    let mut em = vec![0.0f32; n * N_TAGS];
    em[O] = 5.0;
    em[tag(PER, Pos::B)] = -20.0;
    em[N_TAGS + tag(PER, Pos::I)] = 10.0;
    em[N_TAGS + tag(PER, Pos::B)] = 4.0;
    em[2 * N_TAGS + tag(ORG, Pos::L)] = 10.0;
    em[2 * N_TAGS + tag(PER, Pos::L)] = 6.0;
    let trans = vec![0.0f32; (N_TAGS + 1) * N_TAGS];
    let tags = viterbi(&em, &trans, &[]);
    assert_eq!(tags, [O, tag(PER, Pos::B), tag(PER, Pos::L)]);
    // A sentence cannot end inside an entity.
    let mut em = vec![0.0f32; N_TAGS];
    em[tag(LOC, Pos::B)] = 9.0;
    em[tag(LOC, Pos::U)] = 1.0;
    assert_eq!(viterbi(&em, &trans[..], &[]), [tag(LOC, Pos::U)]);
}

#[test]
fn viterbi_uses_transitions_and_forced_outside() {
    let mut em = vec![0.0f32; 2 * N_TAGS];
    em[tag(PER, Pos::U)] = 1.0;
    em[N_TAGS + tag(PER, Pos::U)] = 1.0;
    em[N_TAGS + O] = 0.9;
    let mut trans = vec![0.0f32; (N_TAGS + 1) * N_TAGS];
    // Two one-word persons in a row are unlikely.
    trans[tag(PER, Pos::U) * N_TAGS + tag(PER, Pos::U)] = -1.0;
    assert_eq!(viterbi(&em, &trans, &[]), [tag(PER, Pos::U), O]);
    assert_eq!(viterbi(&em, &trans, &[true, false])[0], O);
    assert_eq!(trans.len(), (START + 1) * N_TAGS);
    let tags = viterbi(&vec![1.0; 4 * N_TAGS], &trans, &[]);
    let chunks = bilou_chunks(&tags);
    assert!(chunks.iter().all(|c| c.0 < c.1));
}

#[test]
fn gazetteer_loads_and_matches_spans() {
    let g = Gazetteer::builtin();
    assert!(g.len() > 10_000, "{}", g.len());
    assert_ne!(g.lookup(&["Moscow"]) & gazetteer::LOC, 0);
    assert_ne!(g.lookup(&["UKRAINE"]) & gazetteer::LOC, 0);
    assert_ne!(g.lookup(&["United", "Nations"]) & gazetteer::ORG, 0);
    assert_ne!(g.lookup(&["Reuters"]) & gazetteer::ORG, 0);
    assert_ne!(g.lookup(&["Russian"]) & gazetteer::DEMONYM, 0);
    assert_ne!(g.lookup(&["U.S."]) & gazetteer::LOC, 0);
    assert_ne!(g.lookup(&["Maria"]) & gazetteer::FIRST, 0);
    assert_eq!(g.lookup(&["tuned"]), 0);
    let words: Vec<String> = "talks in New York and the Council on Foreign Relations"
        .split(' ')
        .map(gazetteer::normalize)
        .collect();
    let m = g.matches(&words);
    assert!(
        m.iter()
            .any(|m| (m.start, m.end) == (2, 4) && m.mask & gazetteer::LOC != 0)
    );
    assert!(
        m.iter()
            .any(|m| (m.start, m.end) == (6, 10) && m.mask & gazetteer::ORG != 0)
    );
    // Hand-built gazetteers: possessives split like the tokenizer does.
    let mut g = Gazetteer::new();
    g.add("People's Republic", gazetteer::LOC);
    assert_eq!(g.lookup(&["People", "’s", "Republic"]), gazetteer::LOC);
}

#[test]
fn demonyms_cover_un_members() {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../lexicons/demonyms.txt"),
    )
    .unwrap();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
        .collect();
    assert!(rows.len() >= 195);
    assert!(
        rows.iter()
            .all(|r| r.len() >= 3 && r.iter().take(3).all(|c| !c.is_empty()))
    );
    assert!(
        rows.iter()
            .any(|r| r[0] == "Ukraine" && r[1] == "Ukrainian")
    );
    assert!(
        rows.iter().any(|r| r[0] == "United States"
            && r.len() == 4
            && r[3].split('|').any(|x| x == "U.S."))
    );
}

#[test]
fn save_load_round_trip() {
    let ner = shipped();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ner.bin");
    ner.save(&path).unwrap();
    let again = Ner::from_bytes(&std::fs::read(&path).unwrap()).unwrap();
    let doc = ["Angela Merkel flew to Paris ."];
    assert_eq!(entities(&ner, &doc), entities(&again, &doc));
    assert!(Ner::from_bytes(b"not a model").is_err());
}

/// A surname first seen in a clear context ("central banker Halvard
/// Strumke") keeps its type in a later list of names where, alone, the
/// shipped model reads it as an organisation.
#[test]
fn document_consistency() {
    let ner = shipped();
    let doc = [
        "Former central banker Halvard Strumke said on Monday that inflation would ease .",
        "Strumke , Vantor and Kelbridge lead the new coalition .",
    ];
    let found = entities(&ner, &doc);
    assert!(has(&found[0], "Halvard Strumke", "PER"), "{found:?}");
    assert!(has(&found[1], "Strumke", "PER"), "{found:?}");
}

#[test]
fn all_caps_dateline() {
    let ner = shipped();
    let found = entities(
        &ner,
        &["MOSCOW , Dec 2 ( Reuters ) - Russian officials met U.S. envoys ."],
    );
    assert!(has(&found[0], "MOSCOW", "LOC"), "{found:?}");
    assert!(has(&found[0], "Reuters", "ORG"), "{found:?}");
    assert!(has(&found[0], "Russian", "MISC"), "{found:?}");
}

#[test]
fn names_with_particles_initials_and_hyphens() {
    let ner = shipped();
    let found = entities(
        &ner,
        &[
            "Composer Ludwig van Beethoven and author J. K. Rowling visited Jean-Pierre Dubois in Paris .",
        ],
    );
    for name in [
        "Ludwig van Beethoven",
        "J. K. Rowling",
        "Jean-Pierre Dubois",
    ] {
        assert!(has(&found[0], name, "PER"), "{name}: {found:?}");
    }
}

#[test]
fn hashtags_and_sentence_starters_are_not_persons() {
    let ner = shipped();
    let found = entities(
        &ner,
        &["UPDATE : Stay tuned for more on #CeasefireNow from Nairobi ."],
    );
    assert!(has(&found[0], "Nairobi", "LOC"), "{found:?}");
    for (text, label) in &found[0] {
        assert!(
            !(label == &"PER" && ["UPDATE", "Stay", "#CeasefireNow"].contains(&text.as_str())),
            "{found:?}"
        );
    }
    assert!(found[0].iter().all(|(t, _)| !t.contains('#')), "{found:?}");
}
