//! Attribution on the shared data: every quote of the seed article's
//! expected reading (PolNeAR dev scores are `storyline-eval`'s tests).
//! Fails loudly when the data are missing.

use std::path::PathBuf;

use storyline_extract::Pipeline;
use storyline_extract::actors;
use storyline_extract::quotes::find_quotes;

fn data(path: &str) -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(path);
    assert!(p.exists(), "shared data missing: {}", p.display());
    p
}

#[test]
fn seed_quotes_shared_data() {
    let text = std::fs::read_to_string(data("seed/article.txt")).unwrap();
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data("seed/gold.json")).unwrap()).unwrap();
    let pipeline = Pipeline::shipped().expect("shipped models");
    let analysis = pipeline.analyse(&text);
    let actors = actors::build(&analysis);
    let quotes = find_quotes(&analysis, &actors);
    let mut failures = Vec::new();
    for g in gold["quotes"].as_array().expect("quotes") {
        let contains = g["contains"].as_str().unwrap();
        let kind = g["kind"].as_str().unwrap();
        let ok = quotes.iter().any(|q| {
            let name = q
                .speaker
                .as_deref()
                .and_then(|id| actors.entities.iter().find(|e| e.id == id))
                .map(|e| e.name.as_str());
            let speaker_ok = match g["speaker"].as_str() {
                // The entity's name holds the gold speaker's surname.
                Some(gold) => name.is_some_and(|n| n.contains(gold.rsplit(' ').next().unwrap())),
                None => {
                    let source = g["speaker_text"].as_str().unwrap_or("");
                    name.is_none() && q.source.as_ref().is_some_and(|s| s.text.contains(source))
                }
            };
            q.content.text.contains(contains) && q.kind == kind && speaker_ok
        });
        if !ok {
            failures.push(format!("{g}"));
        }
    }
    assert!(
        failures.is_empty(),
        "missed:\n{}\nfound:\n{quotes:#?}",
        failures.join("\n")
    );
}
