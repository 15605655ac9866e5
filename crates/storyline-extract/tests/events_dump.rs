//! Developer aid: prints the parse, entities and the events and stances of a
//! text (`EVENTS_DUMP=path cargo test -p storyline-extract --test events_dump -- --ignored --nocapture`).

use storyline_extract::{Pipeline, actors};

#[test]
#[ignore]
fn dump() {
    let path = std::env::var("EVENTS_DUMP").expect("EVENTS_DUMP=path");
    let text = std::fs::read_to_string(path).unwrap();
    let analysis = Pipeline::shipped().expect("models").analyse(&text);
    let actors = actors::build(&analysis);
    if std::env::var("EVENTS_TOKENS").is_ok() {
        for (i, _) in analysis.tokens.iter().enumerate() {
            let t = analysis.tag(i);
            let e = actors.token_entity[i].map(|e| actors.entities[e].id.clone());
            println!(
                "{i}\t{}\t{}\t{}\t{:?}\t{}\t{}",
                analysis.token_text(i),
                t.lemma,
                t.upos,
                t.head,
                t.deprel,
                e.unwrap_or_default()
            );
        }
    }
    for e in &actors.entities {
        println!("{} {} [{}]", e.id, e.name, e.kind);
    }
}
