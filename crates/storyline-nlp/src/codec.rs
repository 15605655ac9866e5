//! A small binary codec for model files: little-endian numbers, strings,
//! and an lz4-compressed container with a magic header and format version.

use std::path::Path;

use crate::error::ModelError;

const MAGIC: &[u8; 8] = b"STORYLN\x01";

/// Appends values to a byte buffer.
#[derive(Debug, Default)]
pub struct ByteWriter {
    buf: Vec<u8>,
}

impl ByteWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }
    /// Writes a `u32`.
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Writes a `u64`.
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Writes an `f32`.
    pub fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Writes an `i16`.
    pub fn i16(&mut self, v: i16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Writes a length-prefixed UTF-8 string.
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.buf.extend_from_slice(s.as_bytes());
    }
    /// Writes a length-prefixed list of strings.
    pub fn strings<S: AsRef<str>>(&mut self, items: &[S]) {
        self.u32(items.len() as u32);
        for s in items {
            self.str(s.as_ref());
        }
    }
    /// The bytes written so far.
    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }
}

/// Reads values written by [`ByteWriter`], failing cleanly on truncated or
/// corrupt input instead of panicking.
#[derive(Debug)]
pub struct ByteReader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> ByteReader<'a> {
    /// A reader over `buf`.
    pub fn new(buf: &'a [u8]) -> Self {
        ByteReader { buf, pos: 0 }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.buf.len())
            .ok_or_else(|| ModelError::Corrupt(format!("truncated at byte {}", self.pos)))?;
        let slice = &self.buf[self.pos..end];
        self.pos = end;
        Ok(slice)
    }
    /// Reads `n` raw bytes.
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        self.take(n)
    }
    /// Reads a `u32`.
    pub fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    /// Reads a `u64`.
    pub fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }
    /// Reads an `f32`.
    pub fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    /// Reads an `i16`.
    pub fn i16(&mut self) -> Result<i16, ModelError> {
        Ok(i16::from_le_bytes(
            self.take(2)?.try_into().expect("2 bytes"),
        ))
    }
    /// Reads a length (a `u32`) that must not exceed what is left, so a
    /// corrupt length cannot trigger a huge allocation.
    pub fn len(&mut self, item_size: usize) -> Result<usize, ModelError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(item_size.max(1)) > self.buf.len() - self.pos {
            return Err(ModelError::Corrupt(format!(
                "length {n} at byte {} exceeds the file",
                self.pos
            )));
        }
        Ok(n)
    }
    /// Reads a string.
    pub fn str(&mut self) -> Result<String, ModelError> {
        let n = self.len(1)?;
        let bytes = self.take(n)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| ModelError::Corrupt("invalid UTF-8".into()))
    }
    /// Reads a list of strings.
    pub fn strings(&mut self) -> Result<Vec<String>, ModelError> {
        let n = self.len(4)?;
        (0..n).map(|_| self.str()).collect()
    }
}

/// Compresses `payload` behind the model-file header, tagged with `kind`
/// (`"tagger"`, `"parser"`, …) so a file of the wrong kind is refused.
pub fn encode_file(kind: &str, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() / 2 + 64);
    out.extend_from_slice(MAGIC);
    let mut header = ByteWriter::new();
    header.str(kind);
    out.extend_from_slice(&header.into_bytes());
    out.extend_from_slice(&lz4_flex::compress_prepend_size(payload));
    out
}

/// Checks the header and kind of a model file and returns its payload.
pub fn decode_file(kind: &str, bytes: &[u8]) -> Result<Vec<u8>, ModelError> {
    let rest = bytes
        .strip_prefix(MAGIC.as_slice())
        .ok_or_else(|| ModelError::Corrupt("not a Storyline model file".into()))?;
    let mut reader = ByteReader::new(rest);
    let found = reader.str()?;
    if found != kind {
        return Err(ModelError::WrongKind {
            expected: kind.to_string(),
            found,
        });
    }
    let compressed = &rest[reader.pos..];
    // LZ4 expands at most ~255×; a larger claimed size is corruption, and
    // trusting it would allocate gigabytes for a broken file.
    let claimed = compressed
        .get(..4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        .ok_or_else(|| ModelError::Corrupt("truncated payload".into()))?;
    if claimed > compressed.len().saturating_mul(255) + 64 {
        return Err(ModelError::Corrupt(format!(
            "payload claims {claimed} bytes from {} compressed bytes",
            compressed.len()
        )));
    }
    lz4_flex::decompress_size_prepended(compressed)
        .map_err(|e| ModelError::Corrupt(format!("decompression failed: {e}")))
}

/// Writes a model file.
pub fn save_file(path: &Path, kind: &str, payload: &[u8]) -> Result<(), ModelError> {
    std::fs::write(path, encode_file(kind, payload)).map_err(|source| ModelError::Io {
        path: path.display().to_string(),
        source,
    })
}

/// Reads a model file.
pub fn load_file(path: &Path, kind: &str) -> Result<Vec<u8>, ModelError> {
    let bytes = std::fs::read(path).map_err(|source| ModelError::Io {
        path: path.display().to_string(),
        source,
    })?;
    decode_file(kind, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_kind_check() {
        let mut w = ByteWriter::new();
        w.u32(7);
        w.strings(&["a", "béta"]);
        w.f32(1.5);
        let file = encode_file("tagger", &w.into_bytes());
        let payload = decode_file("tagger", &file).unwrap();
        let mut r = ByteReader::new(&payload);
        assert_eq!(r.u32().unwrap(), 7);
        assert_eq!(r.strings().unwrap(), ["a", "béta"]);
        assert_eq!(r.f32().unwrap(), 1.5);
        assert!(r.u32().is_err());
        assert!(matches!(
            decode_file("parser", &file),
            Err(ModelError::WrongKind { .. })
        ));
        assert!(decode_file("tagger", b"garbage").is_err());
        // A size prefix far beyond what LZ4 can expand to is refused.
        let mut bomb = encode_file("tagger", b"");
        let at = bomb.len() - 5;
        bomb[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        let err = decode_file("tagger", &bomb).unwrap_err().to_string();
        assert!(err.contains("claims"), "{err}");
    }
}
