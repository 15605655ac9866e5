//! Attribution on PolNeAR dev (shared data): regression floors of the
//! scores `storyline eval attribution` prints. Fails loudly when the data
//! are missing.

use std::path::PathBuf;

use storyline_eval::attribution::evaluate_polnear;
use storyline_extract::Pipeline;

fn data(path: &str) -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(path);
    assert!(p.exists(), "shared data missing: {}", p.display());
    p
}

#[test]
fn polnear_dev_shared_data() {
    let pipeline = Pipeline::shipped().expect("shipped models");
    let scores = evaluate_polnear(&data("polnear/dev"), &pipeline).expect("eval");
    println!("{}", serde_json::to_string(&scores).unwrap());
    // The targets: content_f1 >= 0.70 and relation_f1 >= 0.60.
    // Measured with the shipped models/cues.bin: content P/R/F1
    // 0.731/0.678/0.704, relation_f1 0.616, cue_f1 0.761 (84 texts, 2,192
    // gold, 2,032 predicted).
    assert!(scores.content_f1 >= 0.70, "content_f1 {scores:?}");
    assert!(scores.relation_f1 >= 0.60, "relation_f1 {scores:?}");
}
