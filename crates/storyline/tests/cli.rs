//! End-to-end tests of the `storyline` binary: real files in, records and
//! one-line errors out.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn storyline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_storyline"))
}

fn run(args: &[&str]) -> Output {
    storyline().args(args).output().expect("storyline runs")
}

fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = storyline()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("storyline starts");
    // The command may refuse its arguments before reading standard input, so
    // a broken pipe here is not a failure.
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn seed_article() -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/seed/article.txt");
    assert!(path.exists(), "shared data missing: {}", path.display());
    path
}

/// Records of `jsonl` output.
fn records(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn extract_seed_article_shared_data() {
    let path = seed_article();
    let output = run(&["extract", path.to_str().unwrap(), "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let record: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(record["schema"], "storyline.record/1");
    assert_eq!(
        record["title"],
        "Trump Confirms “Good Meeting” Between Putin, Kushner, Witkoff"
    );
    let text = record["text"].as_str().unwrap();
    assert_eq!(text, std::fs::read_to_string(&path).unwrap());
    let sentences = record["sentences"].as_array().unwrap();
    assert!(
        (21..=23).contains(&sentences.len()),
        "{} sentences",
        sentences.len()
    );
    // Offsets are code points: the first sentence is the title line.
    let chars: Vec<char> = text.chars().collect();
    let first: String = chars[sentences[0]["start"].as_u64().unwrap() as usize
        ..sentences[0]["end"].as_u64().unwrap() as usize]
        .iter()
        .collect();
    assert_eq!(first, record["title"].as_str().unwrap());
    for field in [
        "entities", "quotes", "times", "events", "stances", "warnings",
    ] {
        assert!(record[field].is_array(), "{field} is present");
    }
}

#[test]
fn extract_example_article_in_every_format() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/harbour-talks.txt");
    let example = example.to_str().unwrap();
    let jsonl = run(&["extract", example, "--format", "jsonl"]);
    assert!(jsonl.status.success());
    assert_eq!(records(&jsonl).len(), 1);
    let pretty = run(&["extract", example, "--format", "pretty"]);
    let view = stdout(&pretty);
    assert!(
        view.starts_with("━━ Fishing Dispute Talks Resume in Oslo"),
        "{view}"
    );
    assert!(view.contains("sentences"));
    let tokens = run(&["extract", example, "--tokens", "--format", "jsonl"]);
    let record = &records(&tokens)[0];
    let first = &record["tokens"][0];
    assert_eq!(first["text"], "Fishing");
    assert_eq!(first["start"], 0);
}

#[test]
fn reads_standard_input_and_applies_overrides() {
    let output = run_with_stdin(
        &[
            "extract",
            "-",
            "--published",
            "2025-12-03",
            "--url",
            "https://example.org/a",
            "--format",
            "jsonl",
        ],
        "Ministers met in Vienna. They talked.".as_bytes(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let record = &records(&output)[0];
    assert_eq!(record["published"], "2025-12-03");
    assert_eq!(record["url"], "https://example.org/a");
    assert_eq!(record["sentences"].as_array().unwrap().len(), 2);
}

#[test]
fn rejects_a_malformed_published_date() {
    let output = run_with_stdin(
        &["extract", "-", "--published", "03/12/2025"],
        b"Some text.",
    );
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("YYYY-MM-DD"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn bad_inputs_are_reported_one_line_each_and_the_rest_still_runs() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_str().unwrap().to_string()
    };
    let good = write("good.txt", b"Officials met in Geneva on Monday.\n");
    let empty = write("empty.txt", b"  \n\n");
    let binary = write("binary.txt", b"\x00\x01\x02\x03ELF\x00\x00\x00binary\x00");
    let lines = write(
        "items.jsonl",
        b"{\"text\": \"First item.\"}\n{not json}\n{\"text\": \"Third item.\"}\n",
    );
    let feed = write("broken.rss", b"<rss><channel><item><title>x</title>");
    let big = write("big.txt", &vec![b'a'; 1024 * 1024 + 10]);
    let missing = dir.path().join("missing.txt").to_str().unwrap().to_string();
    let output = run(&[
        "extract",
        &missing,
        &empty,
        &binary,
        &good,
        &lines,
        &feed,
        &big,
        "--max-size",
        "1",
        "--format",
        "jsonl",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    let lines_of = |needle: &str| errors.lines().filter(|l| l.contains(needle)).count();
    assert_eq!(lines_of("missing.txt"), 1, "{errors}");
    assert_eq!(lines_of("empty.txt"), 1, "{errors}");
    assert_eq!(lines_of("binary.txt"), 1, "{errors}");
    assert_eq!(lines_of("broken.rss"), 1, "{errors}");
    assert_eq!(lines_of("big.txt"), 1, "{errors}");
    assert!(
        errors
            .lines()
            .any(|l| l.contains("items.jsonl") && l.contains("line 2")),
        "{errors}"
    );
    assert!(
        errors.lines().all(|l| l.starts_with("storyline: error: ")),
        "{errors}"
    );
    let texts: Vec<String> = records(&output)
        .iter()
        .map(|r| r["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        texts,
        [
            "Officials met in Geneva on Monday.\n",
            "First item.",
            "Third item."
        ]
    );
}

#[test]
fn a_folder_is_read_recursively_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("b")).unwrap();
    std::fs::write(dir.path().join("b/one.txt"), "Second file.").unwrap();
    std::fs::write(dir.path().join("a.txt"), "First file.").unwrap();
    std::fs::write(dir.path().join("notes.bin"), [0u8, 1, 2]).unwrap();
    let output = run(&["extract", dir.path().to_str().unwrap(), "--format", "jsonl"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let texts: Vec<Value> = records(&output).iter().map(|r| r["text"].clone()).collect();
    assert_eq!(texts, ["First file.", "Second file."]);
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    let output = run(&["extract", "--format", "yaml", "x.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("possible values"));
}

/// The one line `storyline train attribution` prints on standard error when
/// it refuses its arguments; asserts it failed before training.
fn train_attribution_error(train: &Path, out: &Path) -> String {
    let output = run(&[
        "train",
        "attribution",
        "--train",
        train.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));
    let errors = stderr(&output);
    assert_eq!(errors.lines().count(), 1, "{errors}");
    assert!(errors.starts_with("storyline: error: "), "{errors}");
    errors
}

#[test]
fn train_attribution_refuses_a_missing_or_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cues.bin");
    let missing = dir.path().join("no-such-folder");
    let errors = train_attribution_error(&missing, &out);
    assert!(
        errors.contains("no-such-folder: no such folder"),
        "{errors}"
    );
    // A folder without text/ and attributions/.
    let errors = train_attribution_error(dir.path(), &out);
    assert!(errors.contains("not a PolNeAR folder"), "{errors}");
    // The right layout but no texts.
    std::fs::create_dir(dir.path().join("text")).unwrap();
    std::fs::create_dir(dir.path().join("attributions")).unwrap();
    let errors = train_attribution_error(dir.path(), &out);
    assert!(errors.contains("no .txt files"), "{errors}");
    assert!(!out.exists(), "nothing is written on failure");
}

#[test]
fn train_attribution_refuses_an_unwritable_output() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("text")).unwrap();
    std::fs::create_dir(dir.path().join("attributions")).unwrap();
    std::fs::write(
        dir.path().join("text/a.txt"),
        "The minister said it rained.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("attributions/a_x.ann"), "").unwrap();
    let out = dir.path().join("no-such-folder/cues.bin");
    let errors = train_attribution_error(dir.path(), &out);
    assert!(errors.contains("cues.bin: cannot write"), "{errors}");
    let errors = train_attribution_error(dir.path(), dir.path());
    assert!(errors.contains("is a folder"), "{errors}");
}

#[test]
fn train_attribution_help_names_its_data_and_output() {
    let output = run(&["train", "attribution", "--help"]);
    assert!(output.status.success());
    let help = stdout(&output);
    for needle in [
        "--train",
        "--out",
        "--seed",
        "never the dev split",
        "models/cues.bin",
    ] {
        assert!(help.contains(needle), "{needle} missing from:\n{help}");
    }
}
