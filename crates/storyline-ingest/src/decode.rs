//! From raw bytes to text: gzip, binary detection, character decoding.

use std::borrow::Cow;
use std::io::Read;

use flate2::read::MultiGzDecoder;

use crate::IngestError;

/// The two magic bytes every gzip member starts with.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];
/// How much of the input the control-character ratio is measured on.
const SNIFF_WINDOW: usize = 64 * 1024;
/// Above this share of control characters, input is taken as binary.
const MAX_CONTROL_RATIO: f64 = 0.10;

/// True when `bytes` start like a gzip stream.
pub(crate) fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&GZIP_MAGIC)
}

/// Decompresses gzip input (all members), refusing output larger than `limit`.
pub(crate) fn gunzip(input: &str, bytes: &[u8], limit: u64) -> Result<Vec<u8>, IngestError> {
    let mut out = Vec::new();
    // Read one byte past the limit: getting it proves the content is too large
    // without ever holding more than limit + 1 bytes.
    let mut reader = MultiGzDecoder::new(bytes).take(limit.saturating_add(1));
    reader
        .read_to_end(&mut out)
        .map_err(|e| IngestError::Gzip {
            input: input.to_owned(),
            reason: crate::error::one_line(&e.to_string()),
        })?;
    if out.len() as u64 > limit {
        return Err(IngestError::TooLarge {
            input: input.to_owned(),
            what: "decompressed content".to_owned(),
            limit,
        });
    }
    Ok(out)
}

/// Decompresses `bytes` when they are gzip, and rejects binary content.
pub(crate) fn prepare<'a>(
    input: &str,
    bytes: &'a [u8],
    limit: u64,
) -> Result<Cow<'a, [u8]>, IngestError> {
    if bytes.len() as u64 > limit {
        return Err(IngestError::TooLarge {
            input: input.to_owned(),
            what: format!("input of {} bytes", bytes.len()),
            limit,
        });
    }
    let bytes = if is_gzip(bytes) {
        Cow::Owned(gunzip(input, bytes, limit)?)
    } else {
        Cow::Borrowed(bytes)
    };
    check_not_binary(input, &bytes)?;
    Ok(bytes)
}

/// Rejects content that is evidently not text: NUL bytes (outside UTF-16),
/// or many control characters.
pub(crate) fn check_not_binary(input: &str, bytes: &[u8]) -> Result<(), IngestError> {
    if utf16_bom(bytes).is_some() {
        return Ok(());
    }
    let binary = |reason: &str| IngestError::Binary {
        input: input.to_owned(),
        reason: reason.to_owned(),
    };
    if bytes.contains(&0) {
        return Err(binary("contains NUL bytes"));
    }
    let window = &bytes[..bytes.len().min(SNIFF_WINDOW)];
    let controls = window.iter().filter(|&&b| is_odd_control(b)).count();
    if !window.is_empty() && controls as f64 / window.len() as f64 > MAX_CONTROL_RATIO {
        return Err(binary("too many control characters"));
    }
    Ok(())
}

/// Control bytes that do not occur in ordinary text files.
fn is_odd_control(b: u8) -> bool {
    // Tab, line feed, form feed, carriage return and escape (ANSI colours)
    // are legitimate in text.
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | 0x1b)) || b == 0x7f
}

/// The byte order of a UTF-16 byte-order mark at the start of `bytes`.
fn utf16_bom(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xff, 0xfe, ..] => Some(false),
        [0xfe, 0xff, ..] => Some(true),
        _ => None,
    }
}

/// Decodes text: UTF-8 (invalid sequences become U+FFFD), or UTF-16 when a
/// byte-order mark says so. Returns the text and any warnings.
pub(crate) fn decode_text(bytes: &[u8]) -> (String, Vec<String>) {
    if let Some(big_endian) = utf16_bom(bytes) {
        return decode_utf16(&bytes[2..], big_endian);
    }
    match String::from_utf8_lossy(bytes) {
        Cow::Borrowed(s) => (s.to_owned(), Vec::new()),
        Cow::Owned(s) => (s, vec![invalid_utf8_warning()]),
    }
}

/// The warning recorded when bytes had to be replaced.
pub(crate) fn invalid_utf8_warning() -> String {
    "input is not valid UTF-8: invalid bytes were replaced by U+FFFD".to_owned()
}

fn decode_utf16(bytes: &[u8], big_endian: bool) -> (String, Vec<String>) {
    let units = bytes.chunks(2).map(|c| match (c, big_endian) {
        ([a, b], true) => u16::from_be_bytes([*a, *b]),
        ([a, b], false) => u16::from_le_bytes([*a, *b]),
        // An odd trailing byte cannot be a code unit; make it a lone
        // surrogate so it is replaced like any other invalid sequence.
        _ => 0xd800,
    });
    let mut invalid = false;
    let text = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                invalid = true;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    let mut warnings = vec!["input was decoded from UTF-16".to_owned()];
    if invalid {
        warnings
            .push("input is not valid UTF-16: invalid code units were replaced by U+FFFD".into());
    }
    (text, warnings)
}

/// The `encoding` named in an XML declaration (`<?xml … encoding="…"?>`).
pub(crate) fn xml_declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(256)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let head = std::str::from_utf8(head.strip_prefix(b"<?xml")?)
        .ok()
        .or_else(|| {
            // Non-UTF-8 text after the declaration (which is ASCII) may follow.
            let end = head.iter().position(|&b| b == b'>')?;
            std::str::from_utf8(&head[5..=end]).ok()
        })?;
    let decl = &head[..head.find("?>")?];
    let rest = &decl[decl.find("encoding")? + "encoding".len()..];
    let rest = rest.trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_encoding_declaration() {
        let enc = |b: &[u8]| xml_declared_encoding(b);
        assert_eq!(
            enc(b"<?xml version=\"1.0\" encoding='ISO-8859-1'?><rss>"),
            Some("ISO-8859-1".into())
        );
        assert_eq!(enc(b"<?xml version=\"1.0\"?><rss encoding=\"x\">"), None);
        assert_eq!(enc(b"<rss>"), None);
    }

    #[test]
    fn utf16_le_is_decoded() {
        let bytes = [0xff, 0xfe, b'h', 0, b'i', 0];
        let (text, warnings) = decode_text(&bytes);
        assert_eq!(text, "hi");
        assert_eq!(warnings.len(), 1);
        assert!(check_not_binary("x", &bytes).is_ok());
    }

    #[test]
    fn control_heavy_input_is_binary() {
        let bytes: Vec<u8> = (1u8..32).cycle().take(1000).collect();
        assert!(matches!(
            check_not_binary("x", &bytes),
            Err(IngestError::Binary { .. })
        ));
    }
}
