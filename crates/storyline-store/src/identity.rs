//! Who a document is: its stable id, its canonical URL and the hash of its
//! content, all computed before anything is stored.

use sha2::{Digest, Sha256};
use storyline_ingest::Document;

use crate::canonical::canonical_url;

/// The identity of one incoming document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// Stable across re-ingests: derived from the canonical URL when there
    /// is one, else from the content.
    pub id: String,
    /// The canonical form of the document's URL, when it has a web URL.
    pub canonical_url: Option<String>,
    /// SHA-256 (hex) of the title and text with runs of white space folded,
    /// so a re-saved file with other line endings is the same content.
    pub content_hash: String,
}

impl Identity {
    /// The identity of `doc`.
    pub fn of(doc: &Document) -> Self {
        let canonical_url = doc.url.as_deref().and_then(canonical_url);
        let content_hash = content_hash(doc.title.as_deref(), &doc.text);
        let id = match &canonical_url {
            Some(url) => short_id(&format!("url\n{url}")),
            None => short_id(&format!("content\n{content_hash}")),
        };
        Identity {
            id,
            canonical_url,
            content_hash,
        }
    }
}

/// The hex SHA-256 of the title and the text, white space folded.
pub fn content_hash(title: Option<&str>, text: &str) -> String {
    let mut hasher = Sha256::new();
    for word in title.unwrap_or("").split_whitespace() {
        hasher.update(word.as_bytes());
        hasher.update(b" ");
    }
    hasher.update(b"\n");
    for word in text.split_whitespace() {
        hasher.update(word.as_bytes());
        hasher.update(b" ");
    }
    hex(&hasher.finalize())
}

/// 16 hex digits of SHA-256: 64 bits, so a collision among a million
/// documents has odds of about one in thirty million.
fn short_id(key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    hex(&digest[..8])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `text` has the shape of a document id (for telling ids from
/// URLs and paths on the command line).
pub fn looks_like_id(text: &str) -> bool {
    (4..=16).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(url: Option<&str>, title: Option<&str>, text: &str) -> Document {
        Document {
            id: "input.txt".into(),
            url: url.map(Into::into),
            title: title.map(Into::into),
            text: text.into(),
            ..Document::default()
        }
    }

    #[test]
    fn id_follows_the_canonical_url_not_the_content() {
        let a = Identity::of(&doc(
            Some("https://Example.com/a/?utm_source=x"),
            None,
            "one",
        ));
        let b = Identity::of(&doc(Some("https://example.com/a"), None, "two"));
        assert_eq!(a.id, b.id);
        assert_ne!(a.content_hash, b.content_hash);
    }

    #[test]
    fn without_a_url_the_id_follows_the_content_whatever_the_file_name() {
        let a = Identity::of(&doc(None, Some("T"), "Same words\r\nhere."));
        let mut other = doc(None, Some("T"), "Same  words\nhere.");
        other.id = "elsewhere/copy.txt".into();
        let b = Identity::of(&other);
        assert_eq!(a, b);
        assert!(looks_like_id(&a.id));
    }

    #[test]
    fn a_new_title_is_new_content() {
        let a = Identity::of(&doc(None, Some("Old headline"), "Body."));
        let b = Identity::of(&doc(None, Some("New headline"), "Body."));
        assert_ne!(a.content_hash, b.content_hash);
    }
}
