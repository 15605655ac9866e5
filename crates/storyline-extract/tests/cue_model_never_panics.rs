//! Property tests for the cue model's file reader: arbitrary bytes and
//! damaged copies of the shipped `models/cues.bin` give a model or an error
//! from [`CueModel::from_bytes`], never a panic. The file has no checksum, so
//! a flipped bit inside a weight may still read as a (different) model; that
//! model must then score without panicking.

use std::path::PathBuf;
use std::sync::LazyLock;

use proptest::prelude::*;
use storyline_extract::quotes::cue_model::{CueModel, KIND};
use storyline_nlp::codec::{decode_file, encode_file};

/// The shipped model file (part of the repository).
static SHIPPED: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models/cues.bin");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
});

/// The shipped model's decompressed payload, so damage can also reach the
/// weight reader behind a well-formed container.
static PAYLOAD: LazyLock<Vec<u8>> =
    LazyLock::new(|| decode_file(KIND, &SHIPPED).expect("models/cues.bin decodes"));

/// Uses a model that did read, so damage that survives reading is also
/// exercised by scoring.
fn use_model(model: &CueModel) {
    let features: Vec<u64> = (0..64u64)
        .map(|k| k.wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .collect();
    let _ = model.margin(&features);
    let _ = model.rank_scores(&[features.clone(), Vec::new(), features[..8].to_vec()]);
    let _ = model.to_bytes();
}

/// `bytes` with the bit `bit` of byte `at` (taken modulo the length) flipped.
fn flip(bytes: &[u8], at: usize, bit: u8) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let at = at % out.len();
    out[at] ^= 1 << (bit % 8);
    out
}

#[test]
fn the_shipped_model_reads_and_refuses_other_kinds() {
    let model = CueModel::from_bytes(&SHIPPED).expect("models/cues.bin reads");
    assert_eq!(model.to_bytes(), *SHIPPED);
    use_model(&model);
    assert!(CueModel::from_bytes(b"").is_err());
    assert!(CueModel::from_bytes(b"not a model").is_err());
    assert!(CueModel::from_bytes(&encode_file("tagger", &PAYLOAD)).is_err());
}

proptest! {
    // Each case decodes a copy of a 1.3 MB file; 64 cases keep the debug
    // build's run short.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_bytes_are_refused(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        prop_assert!(CueModel::from_bytes(&bytes).is_err());
        // The same bytes as a well-formed cue file's payload reach the
        // weight reader itself.
        if let Ok(model) = CueModel::from_bytes(&encode_file(KIND, &bytes)) {
            use_model(&model);
        }
    }

    #[test]
    fn truncated_copies_are_refused(cut in 0.0f64..1.0) {
        let file_end = (cut * SHIPPED.len() as f64) as usize;
        prop_assert!(CueModel::from_bytes(&SHIPPED[..file_end]).is_err());
        let payload_end = (cut * PAYLOAD.len() as f64) as usize;
        prop_assert!(CueModel::from_bytes(&encode_file(KIND, &PAYLOAD[..payload_end])).is_err());
    }

    #[test]
    fn bit_flipped_copies_never_panic(at in any::<usize>(), bit in 0u8..8, in_header in any::<bool>()) {
        // Flips in the first bytes hit the magic, kind and the lengths and
        // class counts that sizes are computed from; elsewhere, weights.
        let at = if in_header { at % 64 } else { at };
        if let Ok(model) = CueModel::from_bytes(&flip(&SHIPPED, at, bit)) {
            use_model(&model);
        }
        if let Ok(model) = CueModel::from_bytes(&encode_file(KIND, &flip(&PAYLOAD, at, bit))) {
            use_model(&model);
        }
    }
}
