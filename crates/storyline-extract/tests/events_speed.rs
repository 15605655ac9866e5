//! Throughput of the events stage against the whole pipeline, on the gold
//! articles (`cargo test --release -p storyline-extract --test events_speed -- --ignored --nocapture`).

use std::time::Instant;

use storyline_extract::{Pipeline, actors, events, quotes, time};

#[test]
#[ignore]
fn events_speed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold-events");
    let mut text = String::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    paths.sort();
    for p in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
    {
        text.push_str(&std::fs::read_to_string(p).unwrap());
        text.push_str("\n\n");
    }
    let text = text.repeat(20);
    let words = text.split_whitespace().count();
    let pipeline = Pipeline::shipped().unwrap();
    let t0 = Instant::now();
    let analysis = pipeline.analyse(&text);
    let actors = actors::build(&analysis);
    let times = time::find_times(&text, &analysis.tokens, None);
    let quotes = quotes::find_quotes(&analysis, &actors);
    let t1 = Instant::now();
    let ev = events::find_events(&analysis, &actors, &times, &quotes, None);
    let st = events::find_stances(&analysis, &actors, &quotes);
    let t2 = Instant::now();
    let all = (t2 - t0).as_secs_f64();
    let stage = (t2 - t1).as_secs_f64();
    println!(
        "{words} words: pipeline with events {:.0} words/s; events+stances stage alone {:.0} words/s ({} events, {} stances)",
        words as f64 / all,
        words as f64 / stage,
        ev.len(),
        st.len()
    );
}
