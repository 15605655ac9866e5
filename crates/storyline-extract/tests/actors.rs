//! Actors: one entity per referent, with titles, roles and affiliations.
//! Each rule on small sentences written for the test, then the seed
//! article (shared data). Scores against the gold files in `tests/gold/`
//! are `storyline-eval`'s tests.

use std::path::{Path, PathBuf};

use storyline_extract::actors::{self, Actors};
use storyline_extract::record::Entity;
use storyline_extract::{Analysis, Pipeline};

fn pipeline() -> Pipeline {
    Pipeline::shipped().expect("the shipped models are embedded")
}

fn read(text: &str) -> (Analysis, Actors) {
    let analysis = pipeline().analyse(text);
    let actors = actors::build(&analysis);
    (analysis, actors)
}

fn entity<'a>(actors: &'a Actors, name: &str) -> &'a Entity {
    actors
        .entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity {name:?} in {:#?}", actors.entities))
}

fn token(analysis: &Analysis, word: &str, nth: usize) -> usize {
    (0..analysis.tokens.len())
        .filter(|&i| analysis.token_text(i) == word)
        .nth(nth)
        .unwrap_or_else(|| panic!("no token {word:?} #{nth}"))
}

#[test]
fn full_names_and_their_parts_merge() {
    let (_, actors) = read(
        "Senator Maria Gonzalez said on Tuesday that the bill would pass. \
         Gonzalez added that she expected support from both parties.",
    );
    let e = entity(&actors, "Maria Gonzalez");
    let texts: Vec<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
    assert!(texts.contains(&"Senator Maria Gonzalez"), "{texts:?}");
    assert!(texts.contains(&"Gonzalez"), "{texts:?}");
    assert_eq!(e.titles, ["Senator"]);
}

#[test]
fn people_sharing_a_family_name_stay_apart() {
    let (_, actors) = read(
        "Hillary Clinton spoke in Ohio on Monday. Her daughter Chelsea Clinton \
         introduced her. Clinton told the crowd that the economy came first.",
    );
    let hillary = entity(&actors, "Hillary Clinton");
    let chelsea = entity(&actors, "Chelsea Clinton");
    assert_ne!(hillary.id, chelsea.id);
    assert!(hillary.mentions.iter().any(|m| m.text == "Clinton"));
    assert_eq!(chelsea.titles, ["daughter"]);
}

#[test]
fn premodifier_titles_give_title_and_affiliation() {
    let (_, actors) = read(
        "French Foreign Minister Claire Dubois met British Prime Minister \
         James Holloway in London on Friday.",
    );
    let dubois = entity(&actors, "Claire Dubois");
    assert_eq!(dubois.titles, ["Foreign Minister"]);
    assert_eq!(dubois.affiliation.as_deref(), Some("France"));
    let holloway = entity(&actors, "James Holloway");
    assert_eq!(holloway.titles, ["Prime Minister"]);
    assert_eq!(holloway.affiliation.as_deref(), Some("United Kingdom"));
}

#[test]
fn title_with_of_complement() {
    let (_, actors) = read("U.S. Secretary of Defense Paul Whitaker arrived in Tokyo on Monday.");
    let e = entity(&actors, "Paul Whitaker");
    assert_eq!(e.titles, ["Secretary of Defense"]);
    assert_eq!(e.affiliation.as_deref(), Some("United States"));
}

#[test]
fn appositions_give_titles() {
    let (_, actors) = read(
        "The talks were led by Samir Haddad, the Lebanese Energy Minister, who \
         arrived on Sunday.",
    );
    let e = entity(&actors, "Samir Haddad");
    assert_eq!(e.titles, ["Energy Minister"]);
    assert_eq!(e.affiliation.as_deref(), Some("Lebanon"));
}

#[test]
fn possessive_roles_inherit_affiliation() {
    let (_, actors) = read(
        "Chinese President Li Wen hosted the summit. Li's chief of staff, \
         Zhao Ming, told reporters the meeting had gone well.",
    );
    let e = entity(&actors, "Zhao Ming");
    assert_eq!(e.titles, ["chief of staff"]);
    assert_eq!(e.affiliation.as_deref(), Some("China"));
}

#[test]
fn from_or_of_an_organisation_gives_affiliation() {
    let (_, actors) = read(
        "Rachel Stein from the International Monetary Fund said growth would slow. \
         Omar Farouk of Amnesty International criticised the law.",
    );
    assert_eq!(
        entity(&actors, "Rachel Stein").affiliation.as_deref(),
        Some("International Monetary Fund")
    );
    assert_eq!(
        entity(&actors, "Omar Farouk").affiliation.as_deref(),
        Some("Amnesty International")
    );
}

#[test]
fn kinship_roles_are_titles() {
    let (_, actors) =
        read("Governor Tom Brennan of Ohio campaigned with his wife Linda Brennan on Saturday.");
    let e = entity(&actors, "Linda Brennan");
    assert_eq!(e.titles, ["wife"]);
}

#[test]
fn acronyms_join_their_expansions() {
    let (_, actors) = read(
        "The Council on Foreign Relations (CFR) published a report. \
         The North Atlantic Treaty Organization met in Brussels, and NATO \
         ministers agreed to meet again.",
    );
    let cfr = entity(&actors, "Council on Foreign Relations");
    assert!(cfr.mentions.iter().any(|m| m.text == "CFR"), "{cfr:?}");
    let nato = entity(&actors, "North Atlantic Treaty Organization");
    assert!(nato.mentions.iter().any(|m| m.text == "NATO"), "{nato:?}");
}

#[test]
fn countries_named_differently_are_one_place() {
    let (_, actors) = read(
        "The United States and Canada signed the accord. U.S. officials said \
         America would ratify it within a year.",
    );
    let us = entity(&actors, "United States");
    assert_eq!(us.kind, "LOC");
    let texts: Vec<&str> = us.mentions.iter().map(|m| m.text.as_str()).collect();
    assert!(
        texts.contains(&"U.S.") && texts.contains(&"America"),
        "{texts:?}"
    );
}

#[test]
fn demonyms_are_not_actors() {
    let (_, actors) = read("Russian troops and Ukrainian drones were seen near the border.");
    assert!(
        actors
            .entities
            .iter()
            .all(|e| e.name != "Russian" && e.name != "Ukrainian"),
        "{:?}",
        actors.entities
    );
}

#[test]
fn role_nominals_resolve_to_the_role_holder() {
    let (analysis, actors) = read(
        "On Monday, trade talks opened in Brasilia between Brazilian President Maria Santos \
         and Argentine President Carlos Mendez. \
         The Brazilian President said trade would grow. The envoy Paulo Lima \
         joined later, and the envoy said little.",
    );
    let santos = entity(&actors, "Maria Santos");
    assert!(
        santos
            .mentions
            .iter()
            .any(|m| m.text == "The Brazilian President"),
        "{santos:?}"
    );
    let t = token(&analysis, "President", 2);
    let id = actors
        .resolve(&analysis, t)
        .map(|e| actors.entities[e].name.as_str());
    assert_eq!(id, Some("Maria Santos"));
    let envoy = token(&analysis, "envoy", 1);
    let id = actors
        .resolve(&analysis, envoy)
        .map(|e| actors.entities[e].name.as_str());
    assert_eq!(id, Some("Paulo Lima"));
}

#[test]
fn indefinite_sources_resolve_to_nothing() {
    let (analysis, actors) =
        read("Chancellor Karl Weber spoke on Monday. A senior official said the plan was ready.");
    let official = token(&analysis, "official", 0);
    assert_eq!(actors.resolve(&analysis, official), None);
}

#[test]
fn pronouns_resolve_to_people_and_organisations() {
    let (analysis, actors) = read(
        "Finance Minister Ruth Adler presented the budget on Tuesday. \
         \"We will not raise taxes,\" she said. \
         The Bank of England said it would keep rates unchanged.",
    );
    let she = token(&analysis, "she", 0);
    let e = actors.resolve(&analysis, she).expect("she resolves");
    assert_eq!(actors.entities[e].name, "Ruth Adler");
    let it = token(&analysis, "it", 0);
    let e = actors.resolve(&analysis, it).expect("it resolves");
    assert_eq!(actors.entities[e].name, "Bank of England");
}

#[test]
fn capitals_and_seats_stand_for_their_country() {
    let (analysis, actors) = read(
        "Russia and Ukraine traded accusations. Moscow demanded a withdrawal, \
         and the Kremlin said talks were over. Kyiv rejected the demand.",
    );
    let moscow = token(&analysis, "Moscow", 0);
    let e = actors.resolve_actor(&analysis, moscow).unwrap();
    assert_eq!(actors.entities[e].name, "Russia");
    let kyiv = token(&analysis, "Kyiv", 0);
    let e = actors.resolve_actor(&analysis, kyiv).unwrap();
    assert_eq!(actors.entities[e].name, "Ukraine");
    let plain = actors.resolve(&analysis, kyiv).unwrap();
    assert_eq!(actors.country_of(plain), Some("Ukraine"));
}

#[test]
fn a_capital_without_its_country_stays_itself() {
    let (analysis, actors) = read("Beijing rejected the report on Monday.");
    let t = token(&analysis, "Beijing", 0);
    let e = actors.resolve_actor(&analysis, t).unwrap();
    assert_eq!(actors.entities[e].name, "Beijing");
    assert_eq!(actors.country_of(e), Some("China"));
}

fn shared(path: &str) -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(path);
    assert!(p.exists(), "shared data missing: {}", p.display());
    p
}

#[test]
fn seed_resolution_shared_data() {
    let text = std::fs::read_to_string(shared("seed/article.txt")).unwrap();
    let (analysis, actors) = read(&text);
    let name = |e: Option<usize>| e.map(|e| actors.entities[e].name.clone());
    // `“We’re still not close enough,” he stated` → Rubio.
    let stated = token(&analysis, "stated", 1);
    assert_eq!(
        name(actors.resolve(&analysis, stated - 1)),
        Some("Marco Rubio".into())
    );
    // `the Russian President “would like to end the war”` → Putin.
    let president = token(&analysis, "President", 2);
    assert_eq!(
        name(actors.resolve(&analysis, president)),
        Some("Vladimir Putin".into())
    );
    // `demands from Moscow` → Moscow, standing for Russia.
    let moscow = token(&analysis, "Moscow", 2);
    let e = actors.resolve_actor(&analysis, moscow).unwrap();
    assert_eq!(actors.country_of(e), Some("Russia"));
}

/// Arbitrary text never makes `build` panic (a seeded generator over
/// words, names, titles, punctuation and odd characters; the crate has no
/// proptest dependency).
#[test]
fn build_never_panics_on_arbitrary_text() {
    const PIECES: [&str; 28] = [
        "the",
        "The",
        "President",
        "Trump",
        "’s",
        "'s",
        ",",
        ".",
        "of",
        "U.S.",
        "Russian",
        "aide",
        "(",
        ")",
        "NATO",
        "he",
        "it",
        "—",
        "son-in-law",
        "Kremlin",
        "\"",
        "“",
        "”",
        "Moscow",
        "Mr.",
        "\n\n",
        "é",
        "Secretary",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let p = pipeline();
    for _ in 0..300 {
        let len = (next() % 40) as usize;
        let text: Vec<&str> = (0..len).map(|_| PIECES[(next() % 28) as usize]).collect();
        let text = text.join(if next() % 2 == 0 { " " } else { "" });
        let analysis = p.analyse(&text);
        let actors = actors::build(&analysis);
        for t in 0..analysis.tokens.len() {
            let _ = actors.resolve(&analysis, t);
            let _ = actors.resolve_actor(&analysis, t);
        }
        assert_eq!(actors.token_entity.len(), analysis.tokens.len());
    }
}
