//! Every kind of bad input gives its own one-line error naming the input.

mod common;

use std::io::Write;

use common::{gzip, read_err, write};
use storyline_ingest::{IngestError, IngestOptions, read_bytes, read_inputs};
use tempfile::TempDir;

/// Checks the error names the input on a single line.
fn assert_one_line_naming(err: &IngestError, input: &str) {
    let msg = err.to_string();
    assert!(!msg.contains('\n') && !msg.contains('\r'), "{msg:?}");
    assert!(msg.starts_with(input), "{msg:?} does not name {input}");
    assert_eq!(err.input(), input);
}

#[test]
fn missing_file() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("nope.txt");
    let err = read_err(&path);
    assert!(matches!(err, IngestError::NotFound { .. }), "{err:?}");
    assert_one_line_naming(&err, &path.display().to_string());
    assert!(err.to_string().contains("not found"));
}

#[test]
fn unreadable_path() {
    // The tests run as root, for whom permission bits do not stop reading;
    // a path that goes through a regular file fails at the OS level instead.
    let dir = TempDir::new().unwrap();
    let file = write(dir.path(), "file.txt", b"text");
    let path = file.join("child.txt");
    let err = read_err(&path);
    assert!(matches!(err, IngestError::Unreadable { .. }), "{err:?}");
    assert_one_line_naming(&err, &path.display().to_string());
}

#[test]
fn unreadable_by_permissions_when_not_root() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "secret.txt", b"text");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        return; // running as root: permissions are not enforced
    }
    let err = read_err(&path);
    assert!(matches!(err, IngestError::Unreadable { .. }), "{err:?}");
}

#[test]
fn binary_content() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "blob.txt", b"abc\0\x01\x02def");
    let err = read_err(&path);
    assert!(matches!(err, IngestError::Binary { .. }), "{err:?}");
    assert_one_line_naming(&err, &path.display().to_string());
    // Binary inside gzip is caught after decompression.
    let path = write(dir.path(), "blob.html.gz", &gzip(&[0u8; 100]));
    assert!(matches!(read_err(&path), IngestError::Binary { .. }));
}

#[test]
fn empty_documents() {
    let dir = TempDir::new().unwrap();
    for (name, content) in [
        ("empty.txt", &b""[..]),
        ("blank.txt", b" \r\n\t\n"),
        ("blank.html", b"<html><body>   </body></html>"),
        ("empty.json", br#"{"text": "  "}"#),
        ("none.json", b"[]"),
    ] {
        let path = write(dir.path(), name, content);
        let err = read_err(&path);
        assert!(matches!(err, IngestError::Empty { .. }), "{name}: {err:?}");
        assert!(err.to_string().contains("empty document"), "{err}");
    }
}

#[test]
fn oversized_file_is_refused_before_reading() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "big.txt", &[b'a'; 2000]);
    let opts = IngestOptions { max_bytes: 1000 };
    let results: Vec<_> = read_inputs(std::slice::from_ref(&path), &opts).collect();
    let err = results[0].as_ref().unwrap_err();
    assert!(
        matches!(err, IngestError::TooLarge { limit: 1000, .. }),
        "{err:?}"
    );
    assert_one_line_naming(err, &path.display().to_string());
}

#[test]
fn gzip_bomb_is_bounded() {
    let dir = TempDir::new().unwrap();
    // 10 MB of spaces compress to about 10 kB.
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    for _ in 0..10 {
        enc.write_all(&[b' '; 1 << 20]).unwrap();
    }
    let bomb = enc.finish().unwrap();
    assert!(bomb.len() < 100_000);
    let path = write(dir.path(), "bomb.html.gz", &bomb);
    let opts = IngestOptions { max_bytes: 1 << 20 };
    let results: Vec<_> = read_inputs(&[path], &opts).collect();
    let err = results[0].as_ref().unwrap_err();
    assert!(matches!(err, IngestError::TooLarge { .. }), "{err:?}");
    assert!(err.to_string().contains("decompressed"), "{err}");
}

#[test]
fn corrupt_gzip() {
    let opts = IngestOptions::default();
    let mut bytes = gzip(b"Some text that is long enough to matter.");
    let n = bytes.len();
    bytes.truncate(n - 12);
    let results = read_bytes("x.txt.gz", &bytes, &opts);
    assert!(
        matches!(results[0], Err(IngestError::Gzip { .. })),
        "{results:?}"
    );
}

#[test]
fn malformed_json_names_the_line() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "bad.json", b"{\n  \"text\": \"x\",\n  oops\n}");
    let err = read_err(&path);
    assert!(
        matches!(err, IngestError::MalformedJson { line: Some(3), .. }),
        "{err:?}"
    );
    assert_one_line_naming(&err, &path.display().to_string());
    let path = write(dir.path(), "scalar.json", b"42");
    assert!(matches!(read_err(&path), IngestError::MalformedJson { .. }));
    let path = write(dir.path(), "notext.json", br#"{"title": "x"}"#);
    let err = read_err(&path);
    assert!(err.to_string().contains("missing field \"text\""), "{err}");
}

#[test]
fn malformed_feed() {
    let dir = TempDir::new().unwrap();
    let path = write(
        dir.path(),
        "bad.rss",
        b"<rss version=\"2.0\"><channel><item><title>x</ti",
    );
    let err = read_err(&path);
    assert!(matches!(err, IngestError::MalformedFeed { .. }), "{err:?}");
    assert_one_line_naming(&err, &path.display().to_string());
    let path = write(dir.path(), "text.atom", b"this is not a feed at all");
    assert!(matches!(read_err(&path), IngestError::MalformedFeed { .. }));
}

#[test]
fn explicit_xml_that_is_no_feed_is_unsupported() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "notes.xml", b"<?xml version=\"1.0\"?><notes/>");
    assert!(matches!(read_err(&path), IngestError::Unsupported { .. }));
}

#[test]
fn file_names_with_line_breaks_stay_on_one_line() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("two\nlines.txt");
    let err = read_err(&path);
    assert!(!err.to_string().contains('\n'), "{err}");
}
