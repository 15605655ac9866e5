//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};

use storyline_ingest::{Document, IngestError, IngestOptions, read_inputs};

/// Writes `bytes` to `dir/name` (creating parent folders) and returns the path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Gzip-compresses `bytes`.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// Reads one path with default options.
pub fn read(path: &Path) -> Vec<Result<Document, IngestError>> {
    read_inputs(&[path.to_path_buf()], &IngestOptions::default()).collect()
}

/// Reads one path that must yield exactly one document.
pub fn read_one(path: &Path) -> Document {
    let mut results = read(path);
    assert_eq!(results.len(), 1, "{results:?}");
    results.remove(0).expect("document")
}

/// Reads one path that must yield exactly one error.
pub fn read_err(path: &Path) -> IngestError {
    let mut results = read(path);
    assert_eq!(results.len(), 1, "{results:?}");
    results.remove(0).expect_err("error")
}

/// An HTML news page written for these tests.
pub const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Envoys meet president in capital | Example News</title>
<meta property="og:title" content="Envoys meet president in capital">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2025-12-02T17:00:00+00:00">
<link rel="canonical" href="https://news.example/envoys-meet">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Envoys meet president in capital</h1>
<p>Two envoys met the president in the capital on Tuesday to discuss a plan to end the war, officials said after the meeting ended late in the evening.</p>
<p>"The talks were useful, but much work remains," a senior official told reporters outside the palace, adding that further talks would be held next week in another city.</p>
<p>The other side demanded a full withdrawal of troops from the region, a condition the government has repeatedly rejected as unacceptable and contrary to its constitution.</p>
<p>Observers said the meeting was the most significant diplomatic contact in months, although neither side announced any agreement at the end of the five-hour session.</p>
</article>
<footer>Copyright Example News. All rights reserved. Privacy policy. Terms of use.</footer>
</body></html>
"#;
