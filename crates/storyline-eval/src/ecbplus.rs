//! Reader of ECB+ (Cybulska & Vossen 2014): the news articles of each
//! topic as readable text, for story clustering.
//!
//! A topic folder `DIR/T/` holds `T_Necb.xml` and `T_Necbplus.xml`
//! documents; each is `<token t_id sentence number>word</token>` lines
//! followed by `<Markables>` and `<Relations>`, which this reader ignores.
//! A document's sub-topic is `Tecb` or `Tecbplus` (the two real-world
//! events of topic `T`).
//!
//! The text of a document is its tokens joined sentence by sentence (see
//! the spacing rules of the private `detok` module: no space before
//! closing punctuation and clitics, none after opening brackets and
//! quotes, `90 - day` → `90-day`, `4 : 45` → `4:45`), with the XML
//! entities decoded and PTB quotes as `"`. The first sentence is a line of
//! its own followed by a blank line, so that it reads as a headline; in the
//! `ecbplus` documents the first sentence is usually the source URL (its
//! tokens are joined without spaces) and the second the title, so when the
//! first sentence is a URL the second one gets its own paragraph as well.
//! The remaining sentences are joined by single spaces.

use std::ops::RangeInclusive;
use std::path::Path;

use crate::detok::{Detokenizer, Options};

/// One ECB+ document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EcbDocument {
    /// The file name, e.g. `3_7ecbplus.xml`.
    pub file: String,
    /// The topic number (`3`).
    pub topic: u32,
    /// The sub-topic, `3ecb` or `3ecbplus`.
    pub subtopic: String,
    /// The detokenised text (first sentence, blank line, the rest).
    pub text: String,
}

/// The parts of an ECB+ file name `T_Necb.xml` / `T_Necbplus.xml`:
/// topic, whether it is an `ecbplus` document, document number.
fn parse_file_name(name: &str) -> Option<(u32, bool, u32)> {
    let stem = name.strip_suffix(".xml")?;
    let (stem, plus) = match stem.strip_suffix("ecbplus") {
        Some(s) => (s, true),
        None => (stem.strip_suffix("ecb")?, false),
    };
    let (topic, number) = stem.split_once('_')?;
    Some((topic.parse().ok()?, plus, number.parse().ok()?))
}

/// Parses a topic range: `"23-35"` or a single topic `"5"`.
pub fn parse_topics(spec: &str) -> Result<RangeInclusive<u32>, String> {
    let number = |s: &str| {
        s.trim()
            .parse::<u32>()
            .map_err(|e| format!("bad topic number {:?} in {spec:?}: {e}", s.trim()))
    };
    let (start, end) = match spec.split_once('-') {
        Some((a, b)) => (number(a)?, number(b)?),
        None => {
            let n = number(spec)?;
            (n, n)
        }
    };
    if start > end {
        return Err(format!("empty topic range {spec:?}"));
    }
    Ok(start..=end)
}

/// Decodes the XML entities of a token (`&amp;`, `&lt;`, `&gt;`, `&quot;`,
/// `&apos;` and numeric references); an unknown entity is kept as it is.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The value of attribute `name` in a tag's attribute text.
fn attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = attrs;
    while let Some(at) = rest.find(name) {
        let before_ok = at == 0 || rest.as_bytes()[at - 1].is_ascii_whitespace();
        let after = rest[at + name.len()..].trim_start();
        if before_ok && let Some(value) = after.strip_prefix('=') {
            let value = value.trim_start();
            let quote = value.chars().next()?;
            if quote == '"' || quote == '\'' {
                let value = &value[1..];
                return value.find(quote).map(|end| &value[..end]);
            }
        }
        rest = &rest[at + name.len()..];
    }
    None
}

/// The sentences of an ECB+ document (tokens with entities decoded), in
/// file order; tokens after `<Markables>` are not read.
pub fn parse_sentences(xml: &str) -> Vec<Vec<String>> {
    let body = xml.split("<Markables").next().unwrap_or(xml);
    let mut sentences: Vec<(String, Vec<String>)> = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find("<token") {
        rest = &rest[at + "<token".len()..];
        if !rest.starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/') {
            continue;
        }
        let Some(close) = rest.find('>') else { break };
        let attrs = &rest[..close];
        let self_closing = attrs.ends_with('/');
        rest = &rest[close + 1..];
        let word = if self_closing {
            String::new()
        } else {
            let end = rest.find("</token>").unwrap_or(rest.len());
            let word = decode_entities(rest[..end].trim());
            rest = &rest[end..];
            word
        };
        if word.is_empty() {
            continue;
        }
        let sentence = attribute(attrs, "sentence").unwrap_or("").to_string();
        match sentences.last_mut() {
            Some((id, tokens)) if *id == sentence => tokens.push(word),
            _ => sentences.push((sentence, vec![word])),
        }
    }
    sentences.into_iter().map(|(_, tokens)| tokens).collect()
}

fn is_url(tokens: &[String]) -> bool {
    tokens
        .first()
        .is_some_and(|t| t.starts_with("http") || t.starts_with("www"))
}

/// The readable text of a document's sentences (see the module docs).
pub fn sentences_to_text(sentences: &[Vec<String>]) -> String {
    let mut detok = Detokenizer::new(Options { join_hyphens: true });
    let mut paragraphs: Vec<String> = Vec::new();
    let mut rest = sentences;
    if let Some((first, tail)) = rest.split_first() {
        if is_url(first) {
            paragraphs.push(first.concat());
            if let Some((title, tail)) = tail.split_first() {
                paragraphs.push(detok.sentence(title));
                rest = tail;
            } else {
                rest = tail;
            }
        } else {
            paragraphs.push(detok.sentence(first));
            rest = tail;
        }
    }
    let body: Vec<String> = rest.iter().map(|s| detok.sentence(s)).collect();
    if !body.is_empty() {
        paragraphs.push(body.join(" "));
    }
    paragraphs.join("\n\n")
}

/// Parses one document's XML.
pub fn parse_document(file: &str, xml: &str) -> Result<EcbDocument, String> {
    let (topic, plus, _) =
        parse_file_name(file).ok_or_else(|| format!("{file}: not an ECB+ file name"))?;
    Ok(EcbDocument {
        file: file.to_string(),
        topic,
        subtopic: format!("{topic}{}", if plus { "ecbplus" } else { "ecb" }),
        text: sentences_to_text(&parse_sentences(xml)),
    })
}

/// Reads the documents of `topics` under `dir` (`dir/T/T_N*.xml`) in file
/// order: topics ascending, and within a topic the `ecb` documents before
/// the `ecbplus` ones, each by document number. Missing topic folders are
/// skipped; files whose names are not ECB+ names of that topic are
/// ignored.
pub fn read_topics(dir: &Path, topics: RangeInclusive<u32>) -> Result<Vec<EcbDocument>, String> {
    if !dir.is_dir() {
        return Err(format!("{}: not a directory", dir.display()));
    }
    let mut documents = Vec::new();
    for topic in topics {
        let folder = dir.join(topic.to_string());
        if !folder.is_dir() {
            continue;
        }
        let entries =
            std::fs::read_dir(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        let mut files = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| format!("{}: {e}", folder.display()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some((t, plus, number)) = parse_file_name(&name)
                && t == topic
            {
                files.push(((plus, number), name));
            }
        }
        files.sort();
        for (_, name) in files {
            let path = folder.join(&name);
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            documents.push(parse_document(&name, &String::from_utf8_lossy(&bytes))?);
        }
    }
    Ok(documents)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn token_xml(sentences: &[&[&str]]) -> String {
        let mut xml = String::from("<Document doc_name=\"1_1ecb.xml\" doc_id=\"x\">\n");
        let mut id = 1;
        for (s, tokens) in sentences.iter().enumerate() {
            for (n, t) in tokens.iter().enumerate() {
                xml.push_str(&format!(
                    "<token t_id=\"{id}\" sentence=\"{s}\" number=\"{n}\">{t}</token>\n"
                ));
                id += 1;
            }
        }
        xml.push_str("<Markables>\n<ACTION_OCCURRENCE m_id=\"1\"><token_anchor t_id=\"1\"/></ACTION_OCCURRENCE>\n</Markables>\n<Relations>\n</Relations>\n</Document>\n");
        xml
    }

    #[test]
    fn file_names() {
        assert_eq!(parse_file_name("3_7ecbplus.xml"), Some((3, true, 7)));
        assert_eq!(parse_file_name("12_10ecb.xml"), Some((12, false, 10)));
        assert_eq!(parse_file_name("notes.txt"), None);
        assert_eq!(parse_file_name("3_xecb.xml"), None);
    }

    #[test]
    fn topic_specs() {
        assert_eq!(parse_topics("23-35"), Ok(23..=35));
        assert_eq!(parse_topics(" 5 "), Ok(5..=5));
        assert!(parse_topics("35-23").is_err());
        assert!(parse_topics("a-3").is_err());
        assert!(parse_topics("").is_err());
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("AT&amp;T &lt;b&gt; &quot;x&quot; &apos;"),
            "AT&T <b> \"x\" '"
        );
        assert_eq!(decode_entities("&#65;&#x42; & &bogus;"), "AB & &bogus;");
    }

    #[test]
    fn url_title_and_body() {
        let xml = token_xml(&[
            &[
                "http", ":", "/", "/", "www", ".", "example", ".", "com", "/", "a", "-", "b",
            ],
            &["Texas", "Lifer", "Escapes"],
            &[
                "A",
                "Texas",
                "inmate",
                "escaped",
                ",",
                "officials",
                "said",
                ".",
            ],
            &[
                "``", "We", "&amp;", "they", "did", "n't", "know", ",", "''", "he", "said", ".",
            ],
        ]);
        let doc = parse_document("3_7ecbplus.xml", &xml).unwrap();
        assert_eq!(doc.topic, 3);
        assert_eq!(doc.subtopic, "3ecbplus");
        assert_eq!(
            doc.text,
            "http://www.example.com/a-b\n\nTexas Lifer Escapes\n\nA Texas inmate escaped, officials said. \"We & they didn't know,\" he said."
        );
    }

    #[test]
    fn first_sentence_is_headline() {
        let xml = token_xml(&[
            &["Reid", "enters", "rehab"],
            &["She", "did", "."],
            &["Yes", "."],
        ]);
        let doc = parse_document("1_1ecb.xml", &xml).unwrap();
        assert_eq!(doc.subtopic, "1ecb");
        assert_eq!(doc.text, "Reid enters rehab\n\nShe did. Yes.");
        assert_eq!(
            parse_document("1_1ecb.xml", "<Document></Document>")
                .unwrap()
                .text,
            ""
        );
    }

    #[test]
    fn file_order_and_missing_topics() {
        let dir = tempfile::tempdir().unwrap();
        for (topic, name) in [
            (2, "2_10ecb.xml"),
            (2, "2_2ecb.xml"),
            (2, "2_1ecbplus.xml"),
            (10, "10_1ecb.xml"),
        ] {
            let folder = dir.path().join(topic.to_string());
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join(name), token_xml(&[&["x"]])).unwrap();
        }
        std::fs::write(dir.path().join("2/readme.txt"), "x").unwrap();
        let docs = read_topics(dir.path(), 1..=10).unwrap();
        let files: Vec<&str> = docs.iter().map(|d| d.file.as_str()).collect();
        assert_eq!(
            files,
            ["2_2ecb.xml", "2_10ecb.xml", "2_1ecbplus.xml", "10_1ecb.xml"]
        );
        assert!(read_topics(&dir.path().join("missing"), 1..=2).is_err());
    }

    proptest! {
        #[test]
        fn topic_ranges_round_trip(a in 0u32..1000, len in 0u32..100) {
            prop_assert_eq!(parse_topics(&format!("{a}-{}", a + len)), Ok(a..=a + len));
            prop_assert_eq!(parse_topics(&a.to_string()), Ok(a..=a));
        }

        /// Every letter and digit of the tokens reaches the text, in order.
        #[test]
        fn text_keeps_every_word_character(
            sentences in prop::collection::vec(
                prop::collection::vec("[A-Za-z0-9]{1,6}|[,.;:!?'\"()$%/-]|``|''|'s|n't", 1..12),
                0..6,
            )
        ) {
            let refs: Vec<Vec<&str>> =
                sentences.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
            let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
            let doc = parse_document("1_1ecb.xml", &token_xml(&slices)).unwrap();
            let alnum = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
            let expected: String = sentences.iter().flatten().map(|t| alnum(t)).collect();
            prop_assert_eq!(alnum(&doc.text), expected);
            prop_assert!(!doc.text.contains("  "));
        }
    }
}
