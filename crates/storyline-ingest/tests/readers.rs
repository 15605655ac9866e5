//! Each reader on small inputs written by the test.

mod common;

use common::{PAGE, gzip, read, read_one, write};
use storyline_ingest::{IngestError, IngestOptions, read_bytes};
use tempfile::TempDir;

#[test]
fn text_with_title_is_kept_unchanged() {
    let dir = TempDir::new().unwrap();
    let content = "Envoys meet president\n\nTwo envoys met the president on Tuesday.\n";
    let path = write(dir.path(), "a.txt", content.as_bytes());
    let doc = read_one(&path);
    assert_eq!(doc.id, path.display().to_string());
    assert_eq!(doc.title.as_deref(), Some("Envoys meet president"));
    assert_eq!(doc.text, content);
    assert!(doc.warnings.is_empty());
}

#[test]
fn text_without_title() {
    let dir = TempDir::new().unwrap();
    let content = "Two envoys met the president.\n\nThey talked.";
    let doc = read_one(&write(dir.path(), "b.txt", content.as_bytes()));
    assert_eq!(doc.title, None);
    assert_eq!(doc.text, content);
}

#[test]
fn text_keeps_crlf_line_endings() {
    let dir = TempDir::new().unwrap();
    let content = "Talks resume\r\n\r\nEnvoys met.\r\nThey talked.\r\n";
    let doc = read_one(&write(dir.path(), "c.txt", content.as_bytes()));
    assert_eq!(doc.title.as_deref(), Some("Talks resume"));
    assert_eq!(doc.text, content);
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning() {
    let dir = TempDir::new().unwrap();
    let doc = read_one(&write(dir.path(), "d.txt", b"Caf\xe9 talks end.\n"));
    assert_eq!(doc.text, "Caf\u{fffd} talks end.\n");
    assert_eq!(doc.warnings.len(), 1);
    assert!(doc.warnings[0].contains("UTF-8"), "{:?}", doc.warnings);
}

#[test]
fn stdin_like_bytes_are_sniffed() {
    let opts = IngestOptions::default();
    let docs = read_bytes("-", b"Headline here\n\nBody text.", &opts);
    let doc = docs[0].as_ref().unwrap();
    assert_eq!(doc.id, "-");
    assert_eq!(doc.title.as_deref(), Some("Headline here"));
    let docs = read_bytes("-", br#"{"text": "Body.", "id": "x1"}"#, &opts);
    assert_eq!(docs[0].as_ref().unwrap().id, "x1");
    let docs = read_bytes("-", PAGE.as_bytes(), &opts);
    assert!(docs[0].as_ref().unwrap().text.contains("Two envoys met"));
    let docs = read_bytes("-", &gzip(b"Gzipped plain text."), &opts);
    assert_eq!(docs[0].as_ref().unwrap().text, "Gzipped plain text.");
}

fn check_page(doc: &storyline_ingest::Document) {
    assert!(
        doc.text.starts_with("Two envoys met the president"),
        "{:?}",
        doc.text
    );
    assert!(doc.text.contains("contrary to its constitution"));
    assert!(!doc.text.contains("Privacy policy"), "{:?}", doc.text);
    assert!(
        !doc.text.contains("Envoys meet president in capital"),
        "title prepended: {:?}",
        doc.text
    );
    assert_eq!(
        doc.title.as_deref(),
        Some("Envoys meet president in capital")
    );
    assert_eq!(doc.author.as_deref(), Some("Jane Reporter"));
    assert_eq!(doc.published.as_deref(), Some("2025-12-02"));
}

#[test]
fn html_page() {
    let dir = TempDir::new().unwrap();
    let doc = read_one(&write(dir.path(), "page.html", PAGE.as_bytes()));
    check_page(&doc);
    assert_eq!(doc.url.as_deref(), Some("https://news.example/envoys-meet"));
}

#[test]
fn gzipped_html_page() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "page.htm.gz", &gzip(PAGE.as_bytes()));
    let doc = read_one(&path);
    check_page(&doc);
    assert_eq!(doc.id, path.display().to_string());
}

#[test]
fn json_object() {
    let dir = TempDir::new().unwrap();
    let json = r#"{"text": "Envoys met.", "title": "Talks", "url": "https://x.example/1",
                   "published": "2025-12-02T10:00:00Z", "author": "A. Writer"}"#;
    let path = write(dir.path(), "one.json", json.as_bytes());
    let doc = read_one(&path);
    assert_eq!(doc.id, path.display().to_string());
    assert_eq!(doc.text, "Envoys met.");
    assert_eq!(doc.title.as_deref(), Some("Talks"));
    assert_eq!(doc.url.as_deref(), Some("https://x.example/1"));
    assert_eq!(doc.published.as_deref(), Some("2025-12-02"));
    assert_eq!(doc.author.as_deref(), Some("A. Writer"));
}

#[test]
fn json_array_ids() {
    let dir = TempDir::new().unwrap();
    let json =
        r#"[{"text": "First."}, {"text": "Second.", "id": "own"}, {"text": "Third.", "id": 7}]"#;
    let path = write(dir.path(), "many.json", json.as_bytes());
    let ids: Vec<String> = read(&path).into_iter().map(|r| r.unwrap().id).collect();
    let p = path.display();
    assert_eq!(ids, [format!("{p}#1"), "own".into(), "7".into()]);
}

#[test]
fn jsonl_malformed_line_is_reported_and_others_read() {
    let dir = TempDir::new().unwrap();
    let jsonl = "{\"text\": \"One.\"}\n{\"text\": \"Two.\"\n\n{\"text\": \"Four.\", \"title\": \"T\"}\n{\"title\": \"no text\"}\n";
    let path = write(dir.path(), "lines.jsonl", jsonl.as_bytes());
    let results = read(&path);
    assert_eq!(results.len(), 4, "{results:?}");
    let p = path.display().to_string();
    assert_eq!(results[0].as_ref().unwrap().id, format!("{p}#1"));
    let err = results[1].as_ref().unwrap_err();
    assert!(
        matches!(err, IngestError::MalformedJson { line: Some(2), .. }),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(
        msg.starts_with(&format!("{p}: line 2: malformed JSON")),
        "{msg}"
    );
    let doc = results[2].as_ref().unwrap();
    assert_eq!(
        (doc.id.as_str(), doc.text.as_str()),
        (format!("{p}#4").as_str(), "Four.")
    );
    let err = results[3].as_ref().unwrap_err();
    assert!(
        err.to_string().contains("line 5") && err.to_string().contains("text"),
        "{err}"
    );
}

#[test]
fn ndjson_extension_and_crlf() {
    let dir = TempDir::new().unwrap();
    let path = write(
        dir.path(),
        "x.ndjson",
        b"{\"text\": \"A.\"}\r\n{\"text\": \"B.\"}\r\n",
    );
    let texts: Vec<String> = read(&path).into_iter().map(|r| r.unwrap().text).collect();
    assert_eq!(texts, ["A.", "B."]);
}

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example News</title><link>https://news.example/</link>
<description>World news</description>
<item><title>Envoys meet president</title><link>https://news.example/1</link>
<pubDate>Tue, 02 Dec 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Two envoys met the president &amp;amp; his aides.&lt;/p&gt;&lt;p&gt;Talks go on.&lt;/p&gt;</description></item>
<item><title>Second story</title><link>https://news.example/2</link>
<description>Plain summary.</description></item>
</channel></rss>"#;

#[test]
fn rss_items() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "news.rss", RSS.as_bytes());
    let docs: Vec<_> = read(&path).into_iter().map(Result::unwrap).collect();
    assert_eq!(docs.len(), 2);
    let p = path.display();
    assert_eq!(docs[0].id, format!("{p}#1"));
    assert_eq!(docs[0].title.as_deref(), Some("Envoys meet president"));
    assert_eq!(docs[0].url.as_deref(), Some("https://news.example/1"));
    assert_eq!(docs[0].published.as_deref(), Some("2025-12-02"));
    assert_eq!(
        docs[0].text,
        "Two envoys met the president & his aides.\n\nTalks go on."
    );
    assert_eq!(docs[1].id, format!("{p}#2"));
    assert_eq!(docs[1].text, "Plain summary.");
    assert_eq!(docs[1].published, None);
}

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example</title><id>urn:x</id>
<updated>2025-12-03T00:00:00Z</updated>
<entry><title>Talks planned</title><id>urn:x:1</id>
<link rel="alternate" href="https://news.example/a1"/>
<published>2025-12-01T08:00:00Z</published><updated>2025-12-03T00:00:00Z</updated>
<author><name>Jane Reporter</name></author>
<summary>Short summary.</summary>
<content type="html">&lt;p&gt;Further talks are planned &lt;b&gt;next week&lt;/b&gt;.&lt;/p&gt;</content>
</entry></feed>"#;

#[test]
fn atom_entry_prefers_content() {
    let dir = TempDir::new().unwrap();
    // `.xml` is read when the content sniffs as a feed.
    let path = write(dir.path(), "feed.xml", ATOM.as_bytes());
    let doc = read_one(&path);
    assert_eq!(doc.id, format!("{}#1", path.display()));
    assert_eq!(doc.text, "Further talks are planned next week.");
    assert_eq!(doc.title.as_deref(), Some("Talks planned"));
    assert_eq!(doc.url.as_deref(), Some("https://news.example/a1"));
    assert_eq!(doc.published.as_deref(), Some("2025-12-01"));
    assert_eq!(doc.author.as_deref(), Some("Jane Reporter"));
}

#[test]
fn directory_recursion_in_sorted_order() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "b.txt", b"B.");
    write(d, "a/z.txt", b"AZ.");
    write(d, "a/b/c.json", br#"{"text": "ABC."}"#);
    write(d, "a.txt", b"A.");
    write(d, ".hidden.txt", b"hidden");
    write(d, ".git/x.txt", b"hidden");
    write(d, "image.png", b"\x89PNG\r\n\x1a\n\0\0");
    write(
        d,
        "notes.xml",
        b"<?xml version=\"1.0\"?><notes><n>x</n></notes>",
    );
    write(d, "c.html.gz", &gzip(PAGE.as_bytes()));
    let results: Vec<_> = read(d).into_iter().map(Result::unwrap).collect();
    let names: Vec<String> = results
        .iter()
        .map(|doc| {
            std::path::Path::new(&doc.id)
                .strip_prefix(d)
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(
        names,
        ["a/b/c.json", "a/z.txt", "a.txt", "b.txt", "c.html.gz"]
    );
}

#[test]
fn several_inputs_keep_going_after_errors() {
    let dir = TempDir::new().unwrap();
    let good = write(dir.path(), "good.txt", b"Fine.");
    let missing = dir.path().join("missing.txt");
    let empty = write(dir.path(), "empty.txt", b"  \n");
    let paths = [missing, good.clone(), empty];
    let results: Vec<_> =
        storyline_ingest::read_inputs(&paths, &IngestOptions::default()).collect();
    assert_eq!(results.len(), 3);
    assert!(matches!(results[0], Err(IngestError::NotFound { .. })));
    assert_eq!(results[1].as_ref().unwrap().text, "Fine.");
    assert!(matches!(results[2], Err(IngestError::Empty { .. })));
}

#[test]
fn feed_in_declared_latin1_decodes_without_warning() {
    let dir = TempDir::new().unwrap();
    let rss = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss version=\"2.0\"><channel><title>T</title>\
<item><title>Caf\xe9</title><description>Le caf\xe9 ferme.</description></item></channel></rss>";
    let doc = read_one(&write(dir.path(), "latin.rss", rss));
    assert_eq!(doc.text, "Le caf\u{e9} ferme.");
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn json_unparseable_date_is_dropped_with_warning() {
    let opts = IngestOptions::default();
    let docs = read_bytes(
        "x.json",
        br#"{"text": "A.", "published": "last week", "title": 3}"#,
        &opts,
    );
    let doc = docs[0].as_ref().unwrap();
    assert_eq!(doc.published, None);
    assert_eq!(doc.title, None);
    assert_eq!(doc.warnings.len(), 2, "{:?}", doc.warnings);
}
