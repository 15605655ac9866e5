//! Developer aid: prints a document's analysis and entities
//! (`ACTORS_DUMP=path cargo test -p storyline-extract --test actors_dump -- --ignored --nocapture`).

use storyline_extract::Pipeline;
use storyline_extract::actors;

#[test]
#[ignore]
fn dump() {
    let path = std::env::var("ACTORS_DUMP").expect("ACTORS_DUMP=path");
    let text = std::fs::read_to_string(path).unwrap();
    let analysis = analyse(&text);
    if std::env::var("ACTORS_TOKENS").is_ok() {
        let mut ner = vec![String::new(); analysis.tokens.len()];
        for m in &analysis.mentions {
            for (k, slot) in ner[m.start..m.end].iter_mut().enumerate() {
                *slot = format!("{}-{}", if k == 0 { "B" } else { "I" }, m.label);
            }
        }
        for (i, _) in analysis.tokens.iter().enumerate() {
            let t = analysis.tag(i);
            println!(
                "{i}\t{}\t{}\t{}\t{}\t{:?}\t{}",
                analysis.token_text(i),
                t.lemma,
                t.upos,
                t.xpos,
                t.head,
                t.deprel
            );
            if !ner[i].is_empty() {
                println!("\t\t{}", ner[i]);
            }
        }
    }
    let actors = actors::build(&analysis);
    for e in &actors.entities {
        let mentions: Vec<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
        println!(
            "{} {} [{}] titles={:?} aff={:?} {:?}",
            e.id, e.name, e.kind, e.titles, e.affiliation, mentions
        );
    }
}

/// The full pipeline when every model shipped, else the tagger and recogniser alone.
pub fn analyse(text: &str) -> storyline_extract::Analysis {
    if let Ok(pipeline) = Pipeline::shipped() {
        return pipeline.analyse(text);
    }
    use storyline_extract::analysis::{Mention, TokenTags};
    use storyline_extract::models;
    let mut analysis = Pipeline::text_only().analyse(text);
    let tagger = models::shipped_tagger().expect("tagger");
    let ner = models::shipped_ner().expect("ner");
    let doc: Vec<Vec<&str>> = analysis
        .sentences
        .iter()
        .map(|s| analysis.sentence_words(s))
        .collect();
    let mut tags = Vec::new();
    for words in &doc {
        for t in tagger.tag(words) {
            tags.push(TokenTags {
                lemma: t.lemma,
                upos: t.upos.to_string(),
                xpos: t.xpos.to_string(),
                head: None,
                deprel: String::new(),
            });
        }
    }
    let spans = ner.recognize(&doc);
    let mut mentions = Vec::new();
    for (s, spans) in analysis.sentences.iter().zip(spans) {
        for sp in spans {
            mentions.push(Mention {
                start: s.tokens.start + sp.start,
                end: s.tokens.start + sp.end,
                label: sp.label.to_string(),
            });
        }
    }
    analysis.tags = tags;
    analysis.mentions = mentions;
    analysis
}
