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

/// PolNeAR dev spot-check: person entities with their mentions, for the
/// first `ACTORS_DOCS` (default 10) dev texts (shared data).
#[test]
#[ignore]
fn polnear_dev_people_shared_data() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/polnear/dev/text");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("PolNeAR dev texts")
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let n: usize = std::env::var("ACTORS_DOCS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    let step = (files.len() / n).max(1);
    let pipeline = Pipeline::shipped().expect("shipped models");
    let (mut words, mut seconds) = (0usize, 0f64);
    for path in files.iter().step_by(step).take(n) {
        let text = std::fs::read_to_string(path).unwrap();
        let t = std::time::Instant::now();
        let analysis = pipeline.analyse(&text);
        let actors = actors::build(&analysis);
        seconds += t.elapsed().as_secs_f64();
        words += analysis.tokens.len();
        println!("== {}", path.file_name().unwrap().to_string_lossy());
        for e in actors.entities.iter().filter(|e| e.kind == "PERSON") {
            let mut mentions: Vec<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
            mentions.dedup();
            println!(
                "  {} titles={:?} aff={:?} {:?}",
                e.name, e.titles, e.affiliation, mentions
            );
        }
    }
    println!(
        "{words} tokens in {seconds:.3}s: {:.0} tokens/s",
        words as f64 / seconds
    );
}

/// Speed of `actors::build` alone over PolNeAR dev (shared data).
#[test]
#[ignore]
fn actors_speed_shared_data() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/polnear/dev/text");
    let pipeline = Pipeline::shipped().expect("shipped models");
    let analyses: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| pipeline.analyse(&std::fs::read_to_string(e.unwrap().path()).unwrap()))
        .collect();
    let words: usize = analyses.iter().map(|a| a.tokens.len()).sum();
    let t = std::time::Instant::now();
    let entities: usize = analyses
        .iter()
        .map(|a| actors::build(a).entities.len())
        .sum();
    let s = t.elapsed().as_secs_f64();
    println!(
        "actors: {words} tokens, {entities} entities in {s:.3}s: {:.0} tokens/s",
        words as f64 / s
    );
}
