//! Long and hostile inputs finish, with a record or a one-line error:
//! a 2 MB document, 200,000 nested HTML elements, a line of words without
//! punctuation, an empty folder, a document over its time budget. These
//! tests assert completion and output, never timing.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_storyline"))
        .args(args)
        .output()
        .expect("storyline runs")
}

fn record(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("one JSON record")
}

fn example() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/harbour-talks.txt");
    std::fs::read_to_string(path).unwrap()
}

/// The text a span's offsets select (offsets count code points).
fn slice(text: &[char], span: &Value) -> String {
    let (a, b) = (
        span["start"].as_u64().unwrap(),
        span["end"].as_u64().unwrap(),
    );
    text[a as usize..b as usize].iter().collect()
}

#[test]
fn a_two_megabyte_document_is_read_whole() {
    let article = example();
    let mut text = String::new();
    while text.len() < 2_000_000 {
        text.push_str(&article);
        text.push_str("\n\n");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    std::fs::write(&path, &text).unwrap();
    let r = record(&run(&[
        "extract",
        path.to_str().unwrap(),
        "--max-seconds-per-doc",
        "0",
    ]));
    let copies = text.matches("Halvorsen told reporters").count();
    let chars: Vec<char> = r["text"].as_str().unwrap().chars().collect();
    assert_eq!(chars.len(), text.chars().count());
    let quotes = r["quotes"].as_array().unwrap();
    assert!(
        quotes.len() >= copies,
        "{} quotes for {copies} copies",
        quotes.len()
    );
    for q in quotes {
        assert_eq!(
            slice(&chars, &q["content"]),
            q["content"]["text"].as_str().unwrap()
        );
    }
    // One Halvorsen, however many segments the document was read in.
    let entities = r["entities"].as_array().unwrap();
    let halvorsen: Vec<&Value> = entities
        .iter()
        .filter(|e| e["name"].as_str().unwrap().contains("Halvorsen"))
        .collect();
    assert_eq!(halvorsen.len(), 1);
    let mentions = halvorsen[0]["mentions"].as_array().unwrap();
    assert!(mentions.len() >= copies);
    for m in mentions {
        assert_eq!(slice(&chars, m), m["text"].as_str().unwrap());
    }
    let warnings = r["warnings"].to_string();
    assert!(warnings.contains("segments"), "{warnings}");
}

#[test]
fn html_nested_two_hundred_thousand_deep_is_read_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.html");
    let page = format!(
        "<html><head><title>Deep page</title></head><body>{}<p>The minister said the talks would go on.</p>{}</body></html>",
        "<div>".repeat(200_000),
        "</div>".repeat(200_000)
    );
    std::fs::write(&path, page).unwrap();
    let r = record(&run(&["extract", path.to_str().unwrap()]));
    assert_eq!(r["title"], "Deep page");
    assert!(
        r["text"]
            .as_str()
            .unwrap()
            .contains("the talks would go on")
    );
    assert!(
        r["warnings"]
            .to_string()
            .contains("nested 200000 levels deep")
    );
}

#[test]
fn a_long_line_without_punctuation_is_not_read_as_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("line.txt");
    let words = "officials met the envoys in the capital and talks went on ".repeat(5_000);
    std::fs::write(&path, &words).unwrap();
    let r = record(&run(&["extract", path.to_str().unwrap()]));
    let sentences = r["sentences"].as_array().unwrap();
    assert!(sentences.len() > 100);
    assert!(
        r["warnings"]
            .to_string()
            .contains("without a sentence boundary")
    );
}

#[test]
fn an_empty_folder_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.pdf"), b"%PDF").unwrap();
    let out = run(&["extract", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no supported files in"), "{err}");
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn a_document_over_its_budget_fails_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let long = dir.path().join("a-long.txt");
    let mut text = String::new();
    while text.len() < 300_000 {
        text.push_str(&example());
        text.push_str("\n\n");
    }
    std::fs::write(&long, text).unwrap();
    let short = dir.path().join("b-short.txt");
    std::fs::write(&short, example()).unwrap();
    let dir_arg = dir.path().to_str().unwrap();
    let out = run(&[
        "extract",
        dir_arg,
        "--format",
        "jsonl",
        "--max-seconds-per-doc",
        "0.5",
        "-j",
        "1",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("a-long.txt: took longer than the 0.5 s allowed"),
        "{err}"
    );
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 1);
    assert!(lines[0].contains("b-short.txt"));
}
