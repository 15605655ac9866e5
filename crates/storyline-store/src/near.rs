//! Near-duplicate detection: MinHash signatures over word shingles of the
//! body, with locality-sensitive hashing bands so that candidates are found
//! by index lookups rather than by comparing with every stored document.
//!
//! The index has to live in the database (a later ingest must find copies of
//! what an earlier one stored), which is why this is written here rather
//! than taken from an in-memory MinHash crate.

use storyline_ingest::Document;

/// Words per shingle: long enough that two articles on the same topic share
/// few shingles, short enough that one edited word spoils only five.
pub const SHINGLE_WORDS: usize = 5;
/// Hash functions in a signature.
pub const SIGNATURE_LEN: usize = 126;
/// Signature values per LSH band.
pub const BAND_ROWS: usize = 2;
/// LSH bands: with 63 bands of 2 rows, a pair with Jaccard similarity 0.25
/// is a candidate with probability 1 − (1 − 0.25²)⁶³ ≈ 0.98, one at 0.5
/// with probability 1 − 10⁻⁸, and a pair of unrelated articles (Jaccard
/// about 0.01) with probability 0.006.
pub const BANDS: usize = SIGNATURE_LEN / BAND_ROWS;
/// The estimated Jaccard similarity of shingle sets from which a document
/// is a copy of another. A reprint with a new headline and a rewritten
/// first sentence keeps well above it; two articles on the same event
/// written separately fall far below (their 5-word shingles rarely
/// coincide beyond names and set phrases: 0.06 at most between PolNeAR's
/// texts, all on the 2016 US election).
pub const THRESHOLD: f64 = 0.5;
/// A copy may also be a trimmed one: when the shorter text's shingles are
/// at least this fraction inside the longer one's…
pub const CONTAINMENT: f64 = 0.8;
/// …and the estimated Jaccard similarity is at least this (below it the
/// estimate from 126 hashes is too noisy to say how much is contained).
pub const MIN_JACCARD_CONTAINED: f64 = 0.25;
/// Below this many shingles a text is too short to call a copy by
/// resemblance (a one-line brief would match every other); only identical
/// content links it.
pub const MIN_SHINGLES: usize = 10;

/// A MinHash signature and the size of the shingle set it summarises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The minimum of each hash function over the shingles.
    pub mins: Vec<u32>,
    /// Distinct shingles in the body.
    pub shingles: usize,
}

impl Signature {
    /// The signature of a document's body (its text without the headline
    /// line, so that a retitled reprint is judged on what it reprints).
    pub fn of(doc: &Document) -> Self {
        Self::of_text(body(doc))
    }

    /// The signature of a text.
    pub fn of_text(text: &str) -> Self {
        Self::of_shingles(&shingles(text))
    }

    /// The signature of a set of shingle hashes (see [`shingles`]).
    pub fn of_shingles(hashes: &[u64]) -> Self {
        // Function i is multiply-shift hashing, (a_i·h + b_i) >> 32 with odd
        // a_i: pairwise independent enough for MinHash, one multiply per
        // value, and the loop over functions vectorises.
        let mut mins = [u32::MAX; SIGNATURE_LEN];
        for &h in hashes {
            for ((min, a), b) in mins.iter_mut().zip(&MULTIPLIERS).zip(&SEEDS) {
                let v = (a.wrapping_mul(h).wrapping_add(*b) >> 32) as u32;
                *min = (*min).min(v);
            }
        }
        Signature {
            mins: mins.to_vec(),
            shingles: hashes.len(),
        }
    }

    /// The estimated similarity when `self` and `other` are copies of one
    /// another: Jaccard at least [`THRESHOLD`], or the shorter mostly
    /// inside the longer (a trimmed copy, see [`CONTAINMENT`]).
    pub fn copy_similarity(&self, other: &Signature) -> Option<f64> {
        if !self.comparable() || !other.comparable() {
            return None;
        }
        let j = self.similarity(other);
        if j >= THRESHOLD {
            return Some(j);
        }
        if j < MIN_JACCARD_CONTAINED {
            return None;
        }
        // |A ∩ B| = J (|A| + |B|) / (1 + J)
        let (a, b) = (self.shingles as f64, other.shingles as f64);
        let shared = j * (a + b) / (1.0 + j);
        (shared / a.min(b) >= CONTAINMENT).then_some(j)
    }

    /// Whether the text is long enough to be compared by resemblance.
    pub fn comparable(&self) -> bool {
        self.shingles >= MIN_SHINGLES
    }

    /// The estimated Jaccard similarity of the two shingle sets.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self
            .mins
            .iter()
            .zip(&other.mins)
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / SIGNATURE_LEN as f64
    }

    /// The LSH bucket of each band, as signed integers (SQLite's integer type).
    pub fn bands(&self) -> Vec<i64> {
        self.mins
            .chunks(BAND_ROWS)
            .map(|rows| {
                let mut h = 0xcbf2_9ce4_8422_2325_u64;
                for &v in rows {
                    h = mix(h ^ u64::from(v));
                }
                h as i64
            })
            .collect()
    }

    /// The signature as little-endian bytes, for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.mins.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// A stored signature; `None` when the bytes are not one.
    pub fn from_bytes(bytes: &[u8], shingles: usize) -> Option<Self> {
        if bytes.len() != SIGNATURE_LEN * 4 {
            return None;
        }
        let mins = bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        Some(Signature { mins, shingles })
    }
}

/// The text without a leading headline line: when the text opens with the
/// document's title, the title goes (retitled reprints are common).
pub fn body(doc: &Document) -> &str {
    let text = doc.text.trim_start();
    let Some(title) = doc
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    else {
        return text;
    };
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let first = text[..first_line_end].trim();
    if first == title || first.trim_end_matches('.') == title.trim_end_matches('.') {
        &text[first_line_end..]
    } else {
        text
    }
}

/// The sorted, distinct hashes of a text's shingles (a text shorter than
/// a shingle is one shingle).
pub fn shingles(text: &str) -> Vec<u64> {
    let words: Vec<String> = words(text).collect();
    let mut hashes: Vec<u64> = if words.len() < SHINGLE_WORDS {
        if words.is_empty() {
            Vec::new()
        } else {
            vec![shingle_hash(&words)]
        }
    } else {
        words.windows(SHINGLE_WORDS).map(shingle_hash).collect()
    };
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// Lower-cased runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// FNV-1a over the shingle's words, finished with a mixer. Stable across
/// Rust versions and platforms, unlike the standard library's hasher:
/// signatures are stored.
fn shingle_hash(words: &[String]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64;
    for word in words {
        for &b in word.as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// The SplitMix64 finaliser: every input bit flips about half the output bits.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The additive constant of each hash function, fixed forever (stored
/// signatures depend on them).
static SEEDS: [u64; SIGNATURE_LEN] = seeds(0x5374_6f72_796c_696e); // "Storylin"
/// The multiplier of each hash function (odd), fixed forever.
static MULTIPLIERS: [u64; SIGNATURE_LEN] = odd(seeds(0x4d69_6e48_6173_6821)); // "MinHash!"

const fn odd(mut values: [u64; SIGNATURE_LEN]) -> [u64; SIGNATURE_LEN] {
    let mut i = 0;
    while i < SIGNATURE_LEN {
        values[i] |= 1;
        i += 1;
    }
    values
}

const fn seeds(start: u64) -> [u64; SIGNATURE_LEN] {
    let mut out = [0u64; SIGNATURE_LEN];
    let mut state = start;
    let mut i = 0;
    while i < SIGNATURE_LEN {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        out[i] = z ^ (z >> 31);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "The envoys met the president in the capital on Tuesday and \
        discussed a plan to end the war. The president called it a reasonably good meeting, \
        but an aide said no compromise had been found on the question of territory. \
        Talks will continue next week in another city, officials from both sides said. \
        Neither side would say whether a ceasefire was close.";

    #[test]
    fn identical_text_is_identical() {
        let a = Signature::of_text(TEXT);
        assert_eq!(a.similarity(&Signature::of_text(TEXT)), 1.0);
        assert!(a.comparable());
    }

    #[test]
    fn an_edited_copy_stays_close_and_another_text_does_not() {
        let a = Signature::of_text(TEXT);
        let edited = TEXT.replace("on Tuesday", "on Wednesday");
        assert!(a.similarity(&Signature::of_text(&edited)) > THRESHOLD);
        let other = Signature::of_text(
            "Farmers in the north protested against new taxes on diesel, blocking roads \
             with tractors for a third day while the government promised to review the plan.",
        );
        assert!(a.similarity(&other) < 0.2);
    }

    #[test]
    fn a_trimmed_copy_is_a_copy() {
        let more = "Farmers in the north protested against new taxes on diesel, blocking roads \
             with tractors for a third day while the government promised to review the plan. \
             Shops in three towns closed early and schools sent pupils home at noon. The police \
             said the protests had been peaceful, though one driver was arrested after a scuffle \
             near the regional parliament, where deputies were debating the budget for next year. \
             Economists expect fuel prices to keep rising through the winter, and the finance \
             ministry has not said how much the measure would bring in or who would pay most.";
        let long = format!("{TEXT} {more}");
        let a = Signature::of_text(&long);
        let b = Signature::of_text(TEXT);
        assert!(a.similarity(&b) < THRESHOLD, "{}", a.similarity(&b));
        assert!(a.copy_similarity(&b).is_some());
    }

    #[test]
    fn case_and_punctuation_do_not_matter() {
        let a = Signature::of_text(TEXT);
        let b = Signature::of_text(&TEXT.to_uppercase().replace(',', " ;"));
        assert_eq!(a.similarity(&b), 1.0);
    }

    #[test]
    fn bytes_round_trip() {
        let a = Signature::of_text(TEXT);
        assert_eq!(Signature::from_bytes(&a.to_bytes(), a.shingles), Some(a));
        assert_eq!(Signature::from_bytes(&[1, 2, 3], 3), None);
    }

    #[test]
    fn the_headline_line_is_not_part_of_the_body() {
        let doc = Document {
            title: Some("Talks end".into()),
            text: "Talks end\n\nThe envoys met.".into(),
            ..Document::default()
        };
        assert_eq!(body(&doc).trim(), "The envoys met.");
    }

    #[test]
    fn seeds_are_distinct() {
        let mut s = SEEDS.to_vec();
        s.sort_unstable();
        s.dedup();
        assert_eq!(s.len(), SIGNATURE_LEN);
    }
}
