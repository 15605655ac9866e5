//! `storyline ingest`, `search`, `revisions` and `diff` as a user runs
//! them: the real binary on real files and real SQLite databases, killed
//! with SIGKILL mid-ingest.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use serde_json::Value;
use storyline_store::{Mode, SqliteStore, Store};

fn storyline() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_storyline"));
    cmd.env_remove("STORYLINE_DB");
    cmd
}

fn run(args: &[&str]) -> Output {
    storyline().args(args).output().expect("storyline runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn summary(output: &Output) -> Value {
    serde_json::from_str(stdout(output).trim()).unwrap_or_else(|e| {
        panic!(
            "summary is JSON ({e}): {} / {}",
            stdout(output),
            stderr(output)
        )
    })
}

fn counts(value: &Value) -> [u64; 5] {
    ["added", "unchanged", "revised", "duplicates", "failed"].map(|k| value[k].as_u64().unwrap())
}

/// A small, distinct news-like article: words drawn from a seeded
/// generator, so no two are near-duplicates.
fn article(seed: u64) -> String {
    const NAMES: &[&str] = &[
        "Anna Berg",
        "Piotr Nowak",
        "Lena Fischer",
        "Omar Haddad",
        "Maria Costa",
        "Jon Eriksen",
    ];
    const WORDS: &[&str] = &[
        "council", "budget", "harbour", "railway", "school", "hospital", "tax", "bridge", "river",
        "election", "court", "farmers", "union", "strike", "ferry", "energy", "police", "museum",
        "festival", "airport", "market", "prices", "housing", "water", "forest", "road", "bank",
    ];
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut text = format!("Article {seed} on the {}\n\n", WORDS[next(WORDS.len())]);
    for _ in 0..3 {
        let name = NAMES[next(NAMES.len())];
        let w: Vec<&str> = (0..8).map(|_| WORDS[next(WORDS.len())]).collect();
        text.push_str(&format!(
            "{name} said on Tuesday that the {} and the {} would need a new {} plan. \
             \"We want the {} fixed before the {} season,\" {name} told reporters in the {} office. \
             Officials from the {} department declined to comment on the {}.\n\n",
            w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]
        ));
    }
    text
}

fn write_articles(dir: &Path, n: u64) {
    for i in 0..n {
        std::fs::write(dir.join(format!("a{i:04}.txt")), article(i)).unwrap();
    }
}

#[test]
fn ingest_then_search_revisions_and_diff() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let db = db.to_str().unwrap();
    let ex = examples();
    let v1 = ex.join("harbour-talks.txt");
    let v2 = ex.join("harbour-talks-v2.txt");
    let url = "https://example.org/harbour-talks";
    let first = run(&[
        "ingest",
        v1.to_str().unwrap(),
        "--url",
        url,
        "--db",
        db,
        "--json",
    ]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(counts(&summary(&first)), [1, 0, 0, 0, 0]);
    let again = run(&[
        "ingest",
        v1.to_str().unwrap(),
        "--url",
        url,
        "--db",
        db,
        "--json",
    ]);
    assert_eq!(counts(&summary(&again)), [0, 1, 0, 0, 0]);
    let second = run(&[
        "ingest",
        v2.to_str().unwrap(),
        "--url",
        &format!("{url}/?utm_source=x"),
        "--db",
        db,
        "--json",
    ]);
    assert_eq!(counts(&summary(&second)), [0, 0, 1, 0, 0]);
    let reprint = ex.join("harbour-talks-reprint.txt");
    let copy = run(&["ingest", reprint.to_str().unwrap(), "--db", db]);
    assert!(copy.status.success());
    assert!(
        stdout(&copy).contains("1 near-duplicates"),
        "{}",
        stdout(&copy)
    );

    let revisions = run(&["revisions", url, "--db", db, "--format", "json"]);
    assert!(revisions.status.success(), "{}", stderr(&revisions));
    let listed: Value = serde_json::from_str(&stdout(&revisions)).unwrap();
    assert_eq!(listed["versions"].as_array().unwrap().len(), 2);
    assert_eq!(listed["versions"][1]["current"], true);

    let diff = run(&["diff", url, "--db", db, "--format", "json"]);
    assert!(diff.status.success(), "{}", stderr(&diff));
    let change: Value = serde_json::from_str(&stdout(&diff)).unwrap();
    let added = change["quotes"]["added"].as_array().unwrap();
    assert!(
        added.iter().any(|q| q["speaker"] == "Kari Nilsen"),
        "{change}"
    );
    let pretty = run(&["diff", url, "--db", db]);
    assert!(
        stdout(&pretty).contains("version 1 → 2"),
        "{}",
        stdout(&pretty)
    );
    assert!(
        stdout(&pretty).contains("+ Kari Nilsen"),
        "{}",
        stdout(&pretty)
    );

    let hits = run(&["search", "mackerel", "--db", db, "--format", "jsonl"]);
    assert!(hits.status.success(), "{}", stderr(&hits));
    assert_eq!(
        stdout(&hits).lines().count(),
        2,
        "the article and its reprint"
    );
    let quotes = run(&[
        "search",
        "\"keep talking\"",
        "--in",
        "quotes",
        "--actor",
        "Halvorsen",
        "--db",
        db,
        "--format",
        "csv",
    ]);
    let csv = stdout(&quotes);
    assert!(csv.starts_with("doc,version,title"), "{csv}");
    assert!(csv.contains("Ingrid Halvorsen"), "{csv}");
    let bad = run(&["search", "\"unclosed", "--db", db]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("malformed query"), "{}", stderr(&bad));
    assert_eq!(stderr(&bad).lines().count(), 1);
    let missing = run(&["diff", "https://example.org/nothing", "--db", db]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("no document"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn the_database_can_come_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.db");
    let v1 = examples().join("harbour-talks.txt");
    let out = storyline()
        .args(["ingest", v1.to_str().unwrap()])
        .env("STORYLINE_DB", &db)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(db.exists());
    assert!(!dir.path().join("storyline.db").exists());
}

#[test]
fn bad_inputs_fail_one_line_each_and_the_rest_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    write_articles(&inputs, 3);
    std::fs::write(inputs.join("empty.txt"), "").unwrap();
    std::fs::write(inputs.join("binary.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    let db = dir.path().join("x.db");
    let out = run(&[
        "ingest",
        inputs.to_str().unwrap(),
        "/no/such/file.txt",
        "--db",
        db.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let s = summary(&out);
    assert_eq!(s["added"], 3);
    assert_eq!(s["failed"], 3, "{s}");
    let errors = stderr(&out);
    assert_eq!(errors.lines().count(), 3, "{errors}");
    assert!(
        errors.lines().all(|l| l.starts_with("storyline: error: ")),
        "{errors}"
    );
}

#[test]
fn an_unusable_database_exits_2_and_is_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = examples().join("harbour-talks.txt");
    let notes = dir.path().join("notes.db");
    std::fs::write(&notes, "not a database\n").unwrap();
    let readonly = dir.path().join("ro.db");
    let ok = run(&[
        "ingest",
        v1.to_str().unwrap(),
        "--db",
        readonly.to_str().unwrap(),
    ]);
    assert!(ok.status.success());
    let mut perms = std::fs::metadata(&readonly).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&readonly, perms).unwrap();
    for db in [&notes, &readonly] {
        let before = std::fs::read(db).unwrap();
        let out = run(&["ingest", v1.to_str().unwrap(), "--db", db.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
        assert!(stderr(&out).contains(db.to_str().unwrap()));
        assert_eq!(std::fs::read(db).unwrap(), before);
    }
    let search = run(&["search", "x", "--db", notes.to_str().unwrap()]);
    assert_eq!(search.status.code(), Some(2));
}

#[test]
fn a_full_disk_stops_the_ingest_with_a_clear_message_and_a_consistent_database() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    write_articles(&inputs, 120);
    let db = dir.path().join("small.db");
    let out = storyline()
        .args([
            "ingest",
            inputs.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
            "--json",
        ])
        .env("STORYLINE_DB_MAX_PAGES", "150")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("disk is full"), "{}", stderr(&out));
    let stored = summary(&out)["added"].as_u64().unwrap();
    assert!(stored < 120);
    let store = SqliteStore::open(&db, Mode::Read).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(store.counts().unwrap().documents, stored);
    drop(store);
    let rest = run(&[
        "ingest",
        inputs.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--json",
    ]);
    assert!(rest.status.success(), "{}", stderr(&rest));
    let s = summary(&rest);
    assert_eq!(s["unchanged"].as_u64().unwrap(), stored);
    assert_eq!(s["added"].as_u64().unwrap(), 120 - stored);
}

/// Kills the real binary with SIGKILL at several moments of an ingest of
/// 300 documents, runs it again to the end, and checks that every document
/// is stored exactly once and the file is sound.
#[test]
fn kill_9_mid_ingest_loses_nothing_committed_and_a_rerun_finishes() {
    const DOCS: u64 = 300;
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    write_articles(&inputs, DOCS);
    let db = dir.path().join("killed.db");
    let args = [
        "ingest",
        inputs.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--json",
    ];
    let mut seen_progress = 0u64;
    // Kill times in milliseconds: early (loading models), then mid-ingest.
    for (round, wait) in [150u64, 1500, 2300, 3100, 3900].into_iter().enumerate() {
        let mut child = storyline()
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // A different moment on every run: up to 400 ms of jitter from the clock.
        let jitter = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| u64::from(d.subsec_nanos()) % 400);
        std::thread::sleep(Duration::from_millis(wait + jitter));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        if db.exists() {
            let store = SqliteStore::open(&db, Mode::Read).unwrap();
            assert_eq!(store.integrity_check().unwrap(), "ok", "after kill {round}");
            let c = store.counts().unwrap();
            assert_eq!(
                c.documents, c.versions,
                "no half-written document after kill {round}"
            );
            assert!(c.documents >= seen_progress, "nothing committed was lost");
            eprintln!(
                "kill {round} after {wait} ms: {} documents stored",
                c.documents
            );
            seen_progress = c.documents;
        }
        if finished {
            break;
        }
    }
    let last = run(&args);
    assert!(last.status.success(), "{}", stderr(&last));
    let s = summary(&last);
    assert_eq!(
        s["added"].as_u64().unwrap() + s["unchanged"].as_u64().unwrap(),
        DOCS,
        "{s}"
    );
    assert_eq!(s["unchanged"].as_u64().unwrap(), seen_progress, "{s}");
    assert_eq!(s["duplicates"], 0);
    let store = SqliteStore::open(&db, Mode::Read).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let c = store.counts().unwrap();
    assert_eq!((c.documents, c.versions, c.copies), (DOCS, DOCS, 0));
    assert_eq!(
        store
            .search(&storyline_store::SearchQuery::new("reporters"))
            .unwrap()
            .len(),
        10,
        "searchable"
    );
}

#[test]
fn a_search_runs_while_an_ingest_writes() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    write_articles(&inputs, 200);
    let db = dir.path().join("busy.db");
    let db_s = db.to_str().unwrap();
    let first = run(&[
        "ingest",
        examples().join("harbour-talks.txt").to_str().unwrap(),
        "--db",
        db_s,
    ]);
    assert!(first.status.success());
    let mut ingest = storyline()
        .args(["ingest", inputs.to_str().unwrap(), "--db", db_s])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut searches = 0;
    while ingest.try_wait().unwrap().is_none() && searches < 20 {
        let out = run(&["search", "mackerel", "--db", db_s, "--format", "jsonl"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(stdout(&out).lines().count(), 1);
        searches += 1;
    }
    assert!(ingest.wait().unwrap().success());
    assert!(searches > 0, "the ingest ended before any search");
}
