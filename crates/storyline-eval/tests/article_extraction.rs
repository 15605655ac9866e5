//! The HTML reader on scrapinghub's article-extraction benchmark, read from
//! the shared data folder (`../shared/data/article-extraction`).

use std::path::PathBuf;

use storyline_eval::article_extraction::evaluate_article_extraction;

fn benchmark_dir() -> PathBuf {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/article-extraction");
    assert!(
        dir.join("ground-truth.json").is_file(),
        "article-extraction benchmark missing at {}: the shared data are required for this test",
        dir.display()
    );
    dir
}

#[test]
fn article_extraction_f1_shared_data() {
    let scores = evaluate_article_extraction(&benchmark_dir()).expect("benchmark runs");
    eprintln!("article extraction: {scores:?}");
    assert_eq!(scores.pages, 181);
    assert!(
        scores.f1 >= 0.95,
        "F1 {:.4} below 0.95 ({scores:?})",
        scores.f1
    );
}
