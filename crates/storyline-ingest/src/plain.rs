//! Plain-text reader.

use crate::{Document, IngestError, decode};

/// Longest first line still taken as a title.
const MAX_TITLE_CHARS: usize = 200;

/// Reads a plain-text document. The text is kept exactly as decoded (line
/// endings, title line and any byte-order mark included) so that offsets
/// index the file itself.
pub fn read_text(id: &str, bytes: &[u8]) -> Result<Document, IngestError> {
    let (text, warnings) = decode::decode_text(bytes);
    if text.trim().is_empty() {
        return Err(IngestError::Empty {
            input: id.to_owned(),
        });
    }
    Ok(Document {
        id: id.to_owned(),
        title: detect_title(&text),
        text,
        warnings,
        ..Document::default()
    })
}

/// A first line that does not end like a sentence and is followed by a blank
/// line is a headline.
pub fn detect_title(text: &str) -> Option<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split('\n');
    let first = lines.next()?.trim();
    let second = lines.next()?;
    if first.is_empty() || !second.trim().is_empty() || first.chars().count() > MAX_TITLE_CHARS {
        return None;
    }
    (!ends_like_sentence(first)).then(|| first.to_owned())
}

/// True when `line` ends with sentence punctuation, possibly inside a closing quote.
fn ends_like_sentence(line: &str) -> bool {
    let is_final = |c: char| matches!(c, '.' | '!' | '?' | ':' | ';' | '…');
    let is_closer = |c: char| matches!(c, '"' | '\'' | '”' | '’' | '»' | ')');
    let mut rev = line.chars().rev();
    match rev.next() {
        Some(c) if is_final(c) => true,
        Some(c) if is_closer(c) => rev.next().is_some_and(is_final),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(detect_title("Talks end\n\nBody."), Some("Talks end".into()));
        assert_eq!(
            detect_title("\u{feff}Talks end\r\n\r\nBody."),
            Some("Talks end".into())
        );
        assert_eq!(detect_title("He left.\n\nBody."), None);
        assert_eq!(detect_title("\"We won!\"\n\nBody."), None);
        assert_eq!(detect_title("No break\nBody."), None);
        assert_eq!(detect_title("Only one line"), None);
    }
}
