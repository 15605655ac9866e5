//! Which reader handles an input: by file extension, else by content sniffing.

/// The input formats this crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// An HTML page.
    Html,
    /// A JSON object or array of objects (JSON Lines are recognised too).
    Json,
    /// JSON Lines: one object per line.
    JsonLines,
    /// An RSS 2.0 / Atom / RSS 1.0 feed.
    Feed,
}

/// What the file name says about the format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hint {
    /// The extension names a format.
    Known(Format),
    /// `.xml`: read only when the content sniffs as a feed.
    XmlMaybeFeed,
    /// No usable extension: sniff the content.
    Unknown,
}

/// The format suggested by the name's extension (a trailing `.gz` is ignored).
pub(crate) fn hint_from_name(name: &str) -> Hint {
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
    let Some((_, ext)) = lower.rsplit_once('.') else {
        return Hint::Unknown;
    };
    match ext {
        "txt" | "text" => Hint::Known(Format::Text),
        "html" | "htm" | "xhtml" => Hint::Known(Format::Html),
        "json" => Hint::Known(Format::Json),
        "jsonl" | "ndjson" => Hint::Known(Format::JsonLines),
        "rss" | "atom" => Hint::Known(Format::Feed),
        "xml" => Hint::XmlMaybeFeed,
        _ => Hint::Unknown,
    }
}

/// True when a directory walk should read a file of this name.
pub(crate) fn is_supported_name(name: &str) -> bool {
    hint_from_name(name) != Hint::Unknown
}

/// How many leading bytes sniffing looks at.
const SNIFF_LEN: usize = 4096;

/// Guesses the format from the first bytes of (decompressed) content.
pub fn sniff(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = head[start..].to_ascii_lowercase();
    match head.first() {
        Some(b'{' | b'[') => return Format::Json,
        Some(b'<') => {}
        _ => return Format::Text,
    }
    if head.starts_with(b"<!doctype html") || head.starts_with(b"<html") {
        return Format::Html;
    }
    if [&b"<rss"[..], b"<feed", b"<rdf:rdf"]
        .iter()
        .any(|tag| contains_tag(&head, tag))
    {
        return Format::Feed;
    }
    if head.starts_with(b"<!doctype")
        || contains_tag(&head, b"<html")
        || contains_tag(&head, b"<body")
    {
        return Format::Html;
    }
    Format::Text
}

/// True when `tag` (e.g. `<rss`) occurs as a whole element name in `hay`.
fn contains_tag(hay: &[u8], tag: &[u8]) -> bool {
    hay.windows(tag.len() + 1).any(|w| {
        w.starts_with(tag) && matches!(w[tag.len()], b' ' | b'>' | b'\t' | b'\n' | b'\r' | b'/')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints() {
        assert_eq!(hint_from_name("a/b.HTML.gz"), Hint::Known(Format::Html));
        assert_eq!(hint_from_name("x.ndjson"), Hint::Known(Format::JsonLines));
        assert_eq!(hint_from_name("feed.xml"), Hint::XmlMaybeFeed);
        assert_eq!(hint_from_name("-"), Hint::Unknown);
        assert_eq!(hint_from_name("a.png"), Hint::Unknown);
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"  <!DOCTYPE html><p>x"), Format::Html);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"),
            Format::Feed
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><feed xmlns=\"x\">"),
            Format::Feed
        );
        assert_eq!(sniff(b"\xef\xbb\xbf[{}]"), Format::Json);
        assert_eq!(sniff(b"Hello <rss> world"), Format::Text);
        assert_eq!(
            sniff(b"<head><link rel=alternate type=application/rss+xml><body>"),
            Format::Html
        );
    }
}
