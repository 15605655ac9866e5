//! No input makes a reader panic, and every error is one line.

use proptest::prelude::*;
use storyline_ingest::{IngestOptions, read_bytes};

/// Names selecting each reader, plus sniffing (`-`) and gzip.
const NAMES: &[&str] = &[
    "-", "a.txt", "a.html", "a.htm.gz", "a.json", "a.jsonl", "a.rss", "a.atom", "a.xml",
];

fn check(name: &str, bytes: &[u8]) {
    let opts = IngestOptions { max_bytes: 1 << 16 };
    for result in read_bytes(name, bytes, &opts) {
        match result {
            Ok(doc) => assert!(!doc.text.trim().is_empty()),
            Err(e) => {
                let msg = e.to_string();
                assert!(!msg.contains('\n') && !msg.contains('\r'), "{msg:?}");
            }
        }
    }
}

/// Byte strings that look a little like each format, so parsers get past
/// their first byte.
fn structured() -> impl Strategy<Value = Vec<u8>> {
    let prefix = prop::sample::select(vec![
        "",
        "<!doctype html><html><body><p>",
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><description>",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"html\">",
        "{\"text\": \"",
        "[{\"text\": \"a\"}, ",
        "{\"text\": \"a\"}\n",
        "Title\n\n",
    ]);
    (prefix, prop::collection::vec(any::<u8>(), 0..300)).prop_map(|(p, tail)| {
        let mut bytes = p.as_bytes().to_vec();
        bytes.extend(tail);
        bytes
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        for name in NAMES {
            check(name, &bytes);
        }
    }

    #[test]
    fn format_like_bytes_never_panic(bytes in structured()) {
        for name in NAMES {
            check(name, &bytes);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        for name in NAMES {
            check(name, text.as_bytes());
        }
    }
}

/// Random markup: tags of a few names, opened and closed in any order and
/// nested to any depth (sometimes past the extractor's limit), with
/// attributes, comments, scripts and text between.
fn markup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "div", "p", "span", "li", "script", "style", "b", "table"
        ])
        .prop_map(|t| format!("<{t} class=\"x\">")),
        prop::sample::select(vec!["div", "p", "span", "li", "script", "b"])
            .prop_map(|t| format!("</{t}>")),
        Just("<!-- <div> -->".to_string()),
        Just("<br/>".to_string()),
        "[a-zA-Z .,<>&;\"']{0,20}",
    ];
    (prop::collection::vec(piece, 0..60), 0usize..700).prop_map(|(pieces, depth)| {
        let mut page = String::from("<html><body>");
        page.push_str(&"<div>".repeat(depth));
        page.push_str("<p>The minister said the talks would go on.</p>");
        page.extend(pieces);
        page
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_nested_html_never_panics(page in markup()) {
        check("a.html", page.as_bytes());
        let shape = storyline_ingest::shape::shape(&page);
        prop_assert!(shape.depth <= page.len());
    }
}
