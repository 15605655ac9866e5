//! The store on real SQLite files in temporary folders: identity,
//! revisions, near-duplicates, diffs, search and refusals.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use storyline_extract::{Pipeline, PipelineOptions, Record};
use storyline_ingest::Document;
use storyline_store::diff::diff;
use storyline_store::{
    Incoming, Mode, Outcome, Scope, SearchQuery, SqliteStore, Store, StoreError,
};

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::shipped().expect("shipped models load"))
}

fn doc(id: &str, url: Option<&str>, text: &str) -> Document {
    Document {
        id: id.into(),
        url: url.map(Into::into),
        title: storyline_ingest::detect_title(text),
        published: Some("2026-03-04".into()),
        text: text.into(),
        ..Document::default()
    }
}

fn put(store: &mut SqliteStore, docs: &[Document]) -> Vec<Outcome> {
    let records: Vec<Record> = docs
        .iter()
        .map(|d| pipeline().run(d, PipelineOptions::default()))
        .collect();
    let batch: Vec<Incoming<'_>> = docs
        .iter()
        .zip(&records)
        .map(|(document, record)| Incoming { document, record })
        .collect();
    store.put(&batch).expect("batch stored")
}

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("test.db");
    (dir, path)
}

const TALKS: &str = "Harbour Talks Resume in Bergen\n\n\
BERGEN, May 12, 2026 - Norway's trade minister Ola Berg met the Danish envoy Mette Lund in Bergen on Tuesday to discuss port fees, officials said.\n\n\
\u{201c}We are closer to a deal than we were in April,\u{201d} Berg told reporters after the meeting. Lund said Denmark wanted lower fees for its ferries.\n\n\
The two sides will meet again in Copenhagen next month, according to a statement from the Danish foreign ministry.\n\n\
Port workers in both countries have threatened to strike if the fees rise again this summer.";

const TALKS_V2: &str = "Harbour Talks Resume in Bergen\n\n\
BERGEN, May 12, 2026 - Norway's trade minister Ola Berg met the Danish envoy Mette Lund in Bergen on Tuesday to discuss port fees, officials said.\n\n\
\u{201c}We are closer to a deal than we were in April,\u{201d} Berg told reporters after the meeting. Lund said Denmark wanted lower fees for its ferries.\n\n\
The two sides will meet again in Copenhagen next month, according to a statement from the Danish foreign ministry.\n\n\
\u{201c}Nobody wants a strike in July,\u{201d} said Anders Holm, a spokesman for the port workers' union.\n\n\
Port workers in both countries have threatened to strike if the fees rise again this summer.";

const REPRINT: &str = "Opinion | Bergen harbour talks \u{2013} The Fjord Gazette\n\n\
BERGEN, Norway (Fjord Wire) - Norwegian trade minister Ola Berg met Danish envoy Mette Lund on Tuesday to discuss port fees, officials said.\n\n\
\u{201c}We are closer to a deal than we were in April,\u{201d} Berg told reporters after the meeting. Lund said Denmark wanted lower fees for its ferries.\n\n\
The two sides will meet again in Copenhagen next month, according to a statement from the Danish foreign ministry.";

const SAME_TOPIC: &str = "Danish Ferry Operators Warn Over Port Fees\n\n\
COPENHAGEN, May 13, 2026 - Danish ferry companies said on Wednesday that higher Norwegian port fees would force them to cut routes, a day after ministers met in Bergen.\n\n\
The operators' association said fares could rise by a tenth if no agreement is reached before the summer season.\n\n\
Norwegian officials declined to comment on the talks, which are due to continue in Copenhagen.";

#[test]
fn reingesting_the_same_content_is_a_no_op_whatever_the_file_name() {
    let (_dir, path) = temp_db();
    let mut store = SqliteStore::open(&path, Mode::Write).unwrap();
    let a = doc("a.txt", None, TALKS);
    assert_eq!(put(&mut store, std::slice::from_ref(&a)), [Outcome::Added]);
    let renamed = doc("elsewhere/b.txt", None, &TALKS.replace('\n', "\r\n"));
    assert_eq!(
        put(&mut store, &[a, renamed]),
        [Outcome::Unchanged, Outcome::Unchanged]
    );
    let counts = store.counts().unwrap();
    assert_eq!((counts.documents, counts.versions), (1, 1));
}

#[test]
fn new_text_at_the_same_url_is_a_revision_and_the_old_version_is_kept() {
    let (_dir, path) = temp_db();
    let mut store = SqliteStore::open(&path, Mode::Write).unwrap();
    let v1 = doc(
        "v1.txt",
        Some("https://News.example/talks/?utm_source=x"),
        TALKS,
    );
    let v2 = doc(
        "v2.txt",
        Some("https://news.example/talks#update"),
        TALKS_V2,
    );
    assert_eq!(put(&mut store, std::slice::from_ref(&v1)), [Outcome::Added]);
    assert_eq!(
        put(&mut store, std::slice::from_ref(&v2)),
        [Outcome::Revised { version: 2 }]
    );
    // Both versions again, in their old order: nothing changes.
    assert_eq!(
        put(&mut store, &[v1, v2]),
        [Outcome::Unchanged, Outcome::Unchanged]
    );

    let id = store
        .find("https://news.example/talks")
        .unwrap()
        .expect("found by URL");
    assert_eq!(store.find(&id[..6]).unwrap().as_deref(), Some(id.as_str()));
    assert_eq!(store.find("v1.txt").unwrap().as_deref(), Some(id.as_str()));
    let versions = store.revisions(&id).unwrap();
    assert_eq!(versions.len(), 2);
    assert!(!versions[0].current && versions[1].current);
    assert_eq!(versions[0].source, "v1.txt");
    assert_eq!(store.document(&id).unwrap().current, 2);
    assert_eq!(store.record(&id, 1).unwrap().text, TALKS);
    assert_eq!(store.record(&id, 2).unwrap().text, TALKS_V2);
    assert!(matches!(store.record(&id, 3), Err(StoreError::Invalid(_))));
}

#[test]
fn the_diff_shows_the_new_quote_with_its_speaker() {
    let (_dir, path) = temp_db();
    let mut store = SqliteStore::open(&path, Mode::Write).unwrap();
    put(
        &mut store,
        &[doc("v1.txt", Some("https://news.example/talks"), TALKS)],
    );
    put(
        &mut store,
        &[doc("v2.txt", Some("https://news.example/talks"), TALKS_V2)],
    );
    let id = store.find("https://news.example/talks").unwrap().unwrap();
    let d = diff(
        &id,
        1,
        &store.record(&id, 1).unwrap(),
        2,
        &store.record(&id, 2).unwrap(),
    );
    assert!(!d.minor);
    assert_eq!(d.text.words_removed, 0);
    assert_eq!(d.text.hunks.len(), 1);
    assert!(
        d.text.hunks[0]
            .added
            .starts_with("\u{201c}Nobody wants a strike")
    );
    let added: Vec<_> = d
        .quotes
        .added
        .iter()
        .map(|q| q.speaker.as_deref())
        .collect();
    assert_eq!(added, [Some("Anders Holm")], "{:?}", d.quotes);
    assert!(d.quotes.removed.is_empty());
    assert!(
        d.entities
            .added
            .iter()
            .any(|e| e.starts_with("Anders Holm"))
    );
    assert!(d.title.is_none());
}

#[test]
fn a_typo_fix_is_a_minor_edit() {
    let old = pipeline().run(&doc("a", None, TALKS), PipelineOptions::default());
    let new = pipeline().run(
        &doc("a", None, &TALKS.replace("ferries", "feries")),
        PipelineOptions::default(),
    );
    let d = diff("x", 1, &old, 2, &new);
    assert!(d.minor, "{:?}", d.text);
    let retitled = pipeline().run(
        &doc("a", None, &TALKS.replace("Resume in Bergen", "Collapse")),
        PipelineOptions::default(),
    );
    assert!(!diff("x", 1, &old, 2, &retitled).minor);
}

#[test]
fn reprints_link_to_the_first_seen_original_and_other_articles_do_not() {
    let (_dir, path) = temp_db();
    let mut store = SqliteStore::open(&path, Mode::Write).unwrap();
    let original = doc("o.txt", Some("https://wire.example/talks"), TALKS);
    let copy = doc(
        "c.txt",
        Some("https://gazette.example/opinion/talks"),
        REPRINT,
    );
    let same_text = doc("s.txt", Some("https://other.example/talks"), TALKS);
    let copy_of_copy = doc(
        "cc.txt",
        Some("https://third.example/t"),
        &format!("{REPRINT}\n\nMore to follow."),
    );
    let other = doc("x.txt", Some("https://ferries.example/fees"), SAME_TOPIC);
    let outcomes = put(
        &mut store,
        &[original.clone(), copy, same_text, copy_of_copy, other],
    );
    let id = store.find("https://wire.example/talks").unwrap().unwrap();
    assert_eq!(outcomes[0], Outcome::Added);
    for (i, o) in outcomes[1..4].iter().enumerate() {
        match o {
            Outcome::Duplicate { of, similarity } => {
                assert_eq!(*of, id, "copy {i} links to the original");
                assert!(*similarity > 0.0 && *similarity <= 1.0);
            }
            other => panic!("copy {i} should be a duplicate, was {other:?}"),
        }
    }
    assert_eq!(
        outcomes[2],
        Outcome::Duplicate {
            of: id.clone(),
            similarity: 1.0
        }
    );
    assert_eq!(
        outcomes[4],
        Outcome::Added,
        "an article on the same topic is not a copy"
    );
    assert_eq!(store.counts().unwrap().copies, 3);
    let copy_id = store
        .find("https://gazette.example/opinion/talks")
        .unwrap()
        .unwrap();
    assert_eq!(
        store.document(&copy_id).unwrap().copy_of.as_deref(),
        Some(id.as_str())
    );
}

fn search_store() -> (tempfile::TempDir, SqliteStore) {
    let (dir, path) = temp_db();
    let mut store = SqliteStore::open(&path, Mode::Write).unwrap();
    let mut later = doc("x.txt", Some("https://ferries.example/fees"), SAME_TOPIC);
    later.published = Some("2026-05-13".into());
    put(
        &mut store,
        &[
            doc("o.txt", Some("https://wire.example/talks"), TALKS_V2),
            later,
        ],
    );
    (dir, store)
}

fn hits(store: &SqliteStore, query: SearchQuery) -> Vec<String> {
    store
        .search(&query)
        .unwrap()
        .into_iter()
        .map(|h| h.title.unwrap_or_default())
        .collect()
}

#[test]
fn search_documents_with_phrases_prefixes_and_dates() {
    let (_dir, store) = search_store();
    assert_eq!(hits(&store, SearchQuery::new("\"port fees\"")).len(), 2);
    let ferry = hits(&store, SearchQuery::new("operat*"));
    assert_eq!(ferry, ["Danish Ferry Operators Warn Over Port Fees"]);
    let mut since = SearchQuery::new("fees");
    since.since = Some("2026-05-01".into());
    assert_eq!(hits(&store, since).len(), 1);
    let mut until = SearchQuery::new("fees");
    until.until = Some("2026-03-31".into());
    assert_eq!(hits(&store, until), ["Harbour Talks Resume in Bergen"]);
    let mut limited = SearchQuery::new("fees");
    limited.limit = 1;
    assert_eq!(hits(&store, limited).len(), 1);
    let hit = &store.search(&SearchQuery::new("ferries")).unwrap()[0];
    assert!(hit.snippet.contains("«ferries»"), "{}", hit.snippet);
    assert_eq!(hits(&store, SearchQuery::new("cease-fire")).len(), 0);
}

#[test]
fn search_quotes_and_events_by_actor() {
    let (_dir, store) = search_store();
    let mut quotes = SearchQuery::new("nobody");
    quotes.scope = Scope::Quotes;
    let found = store.search(&quotes).unwrap();
    assert_eq!(found.len(), 1);
    let quote = found[0].quote.as_ref().unwrap();
    assert_eq!(quote.speaker.as_deref(), Some("Anders Holm"));
    assert!(
        found[0].snippet.contains("«Nobody»"),
        "{}",
        found[0].snippet
    );
    quotes.actor = Some("holm".into());
    assert_eq!(store.search(&quotes).unwrap().len(), 1);
    quotes.actor = Some("Berg".into());
    assert!(store.search(&quotes).unwrap().is_empty());

    let mut events = SearchQuery::new("met");
    events.scope = Scope::Events;
    events.actor = Some("Mette Lund".into());
    let found = store.search(&events).unwrap();
    assert!(!found.is_empty());
    assert_eq!(found[0].event.as_ref().unwrap().kind, "MEET");
    events.actor = Some("Anders Holm".into());
    assert!(store.search(&events).unwrap().is_empty());

    let mut documents = SearchQuery::new("fees");
    documents.actor = Some("Mette Lund".into());
    assert_eq!(hits(&store, documents), ["Harbour Talks Resume in Bergen"]);
}

#[test]
fn a_malformed_query_is_a_clear_error() {
    let (_dir, store) = search_store();
    for bad in ["\"unclosed", "AND", "fees NOT", "*"] {
        match store.search(&SearchQuery::new(bad)) {
            Err(StoreError::Query { query, reason }) => {
                assert_eq!(query, bad);
                assert!(!reason.contains("SQL"), "{reason}");
            }
            other => panic!("{bad}: expected a query error, got {other:?}"),
        }
    }
}

/// The bytes of a file, to check that a refused database is untouched.
fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

fn refused(path: &Path, mode: Mode, needle: &str) {
    let before = bytes(path);
    match SqliteStore::open(path, mode) {
        Err(e @ StoreError::Unusable { .. }) => {
            assert!(e.to_string().contains(needle), "{e}");
            assert!(e.is_unusable());
        }
        Err(other) => panic!("expected an unusable database, got {other}"),
        Ok(_) => panic!("{} should be refused", path.display()),
    }
    assert_eq!(bytes(path), before, "the file is untouched");
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    assert!(!Path::new(&wal).exists(), "no journal was created");
}

#[test]
fn files_that_are_not_storyline_databases_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "just some notes\n").unwrap();
    refused(&text, Mode::Write, "not an SQLite file");
    refused(&text, Mode::Read, "not an SQLite file");

    let other = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    refused(&other, Mode::Write, "SQLite database of something else");

    let (_d, good) = temp_db();
    drop(SqliteStore::open(&good, Mode::Write).unwrap());
    let newer = dir.path().join("newer.db");
    std::fs::copy(&good, &newer).unwrap();
    {
        let conn = rusqlite::Connection::open(&newer).unwrap();
        conn.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;")
            .unwrap();
    }
    refused(&newer, Mode::Write, "newer Storyline");
    refused(&newer, Mode::Read, "newer Storyline");
}

#[test]
fn a_corrupt_database_is_refused_untouched() {
    let (dir, good) = temp_db();
    drop(SqliteStore::open(&good, Mode::Write).unwrap());
    let mut data = bytes(&good);
    // Keep the 100-byte header, scramble the schema page after it.
    for (i, b) in data.iter_mut().enumerate().skip(100).take(3000) {
        *b = (i * 7 % 251) as u8;
    }
    let corrupt = dir.path().join("corrupt.db");
    std::fs::write(&corrupt, &data).unwrap();
    refused(&corrupt, Mode::Write, "corrupt");
}

#[test]
fn a_read_only_database_is_refused_for_writing_but_searchable() {
    let (_dir, path) = temp_db();
    {
        let mut store = SqliteStore::open(&path, Mode::Write).unwrap();
        put(&mut store, &[doc("o.txt", None, TALKS)]);
    }
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    refused(&path, Mode::Write, "read-only");
    let store = SqliteStore::open(&path, Mode::Read).unwrap();
    assert_eq!(store.search(&SearchQuery::new("ferries")).unwrap().len(), 1);
}

#[test]
fn a_missing_database_is_not_created_by_a_reader() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("none.db");
    assert!(matches!(
        SqliteStore::open(&path, Mode::Read),
        Err(StoreError::Unusable { .. })
    ));
    assert!(!path.exists());
    let missing_folder = dir.path().join("no/such/folder/x.db");
    let err = SqliteStore::open(&missing_folder, Mode::Write)
        .err()
        .unwrap();
    assert!(err.to_string().contains("does not exist"), "{err}");
}

#[test]
fn a_full_disk_rolls_back_the_batch_and_keeps_what_was_committed() {
    let (_dir, path) = temp_db();
    let mut store = SqliteStore::open(&path, Mode::Write).unwrap();
    put(&mut store, &[doc("o.txt", None, TALKS)]);
    let pages: u64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    store.limit_pages(pages + 1).unwrap();
    let big: Vec<Document> = (0..20)
        .map(|i| {
            doc(
                &format!("{i}.txt"),
                None,
                &format!("{SAME_TOPIC}\n\n{}", "Filler words here. ".repeat(200 + i)),
            )
        })
        .collect();
    let records: Vec<Record> = big
        .iter()
        .map(|d| Pipeline::text_only().run(d, PipelineOptions::default()))
        .collect();
    let batch: Vec<Incoming<'_>> = big
        .iter()
        .zip(&records)
        .map(|(document, record)| Incoming { document, record })
        .collect();
    match store.put(&batch) {
        Err(e @ StoreError::Full { .. }) => assert!(e.to_string().contains("full")),
        other => panic!("expected a full database, got {other:?}"),
    }
    assert_eq!(store.integrity_check().unwrap(), "ok");
    assert_eq!(store.counts().unwrap().documents, 1);
    assert_eq!(store.search(&SearchQuery::new("ferries")).unwrap().len(), 1);
}

#[test]
fn a_reader_works_while_a_writer_holds_a_transaction() {
    let (_dir, path) = temp_db();
    let mut store = SqliteStore::open(&path, Mode::Write).unwrap();
    put(&mut store, &[doc("o.txt", None, TALKS)]);
    let writer = rusqlite::Connection::open(&path).unwrap();
    writer
        .execute_batch("BEGIN IMMEDIATE; DELETE FROM lsh;")
        .unwrap();
    let reader = SqliteStore::open(&path, Mode::Read).unwrap();
    assert_eq!(
        reader.search(&SearchQuery::new("ferries")).unwrap().len(),
        1
    );
    writer.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn search_sees_only_the_current_version() {
    let (_dir, path) = temp_db();
    let mut store = SqliteStore::open(&path, Mode::Write).unwrap();
    let url = Some("https://news.example/talks");
    put(&mut store, &[doc("v1.txt", url, TALKS)]);
    put(
        &mut store,
        &[doc("v2.txt", url, &TALKS.replace("ferries", "trawlers"))],
    );
    assert!(
        store
            .search(&SearchQuery::new("ferries"))
            .unwrap()
            .is_empty()
    );
    let hits = store.search(&SearchQuery::new("trawlers")).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].version, 2);
}

#[test]
fn a_version_1_database_is_migrated_when_opened_for_writing() {
    let (_dir, path) = temp_db();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(storyline_store::schema::MIGRATIONS[0])
            .unwrap();
        conn.execute_batch(&format!(
            "PRAGMA application_id = {}; PRAGMA user_version = 1;
             INSERT INTO documents (id, current, first_seen, signature, shingles)
             VALUES ('00000000000000aa', 1, '2026-01-01T00:00:00Z', x'', 0);
             INSERT INTO versions (doc, version, content_hash, source, title, published, text, words, record, ingested_at)
             VALUES (1, 1, 'h', 'old.txt', 'Old', '2026-01-01', 'Trawlers returned to port.', 4, '{{}}', '2026-01-01T00:00:00Z');",
            storyline_store::schema::APPLICATION_ID
        ))
        .unwrap();
    }
    assert!(
        SqliteStore::open(&path, Mode::Read).is_err(),
        "a reader does not migrate"
    );
    drop(SqliteStore::open(&path, Mode::Write).unwrap());
    let store = SqliteStore::open(&path, Mode::Read).unwrap();
    let mut q = SearchQuery::new("trawlers");
    q.since = Some("2026-01-01".into());
    assert_eq!(store.search(&q).unwrap().len(), 1);
    assert_eq!(store.integrity_check().unwrap(), "ok");
}
