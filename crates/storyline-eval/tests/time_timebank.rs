//! TimeBank scores (the evaluation set in `shared/data`).

use std::path::PathBuf;

use storyline_eval::timex;

fn timebank_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/timebank");
    assert!(dir.is_dir(), "TimeBank is missing at {}", dir.display());
    dir
}

#[test]
fn timebank_scores_shared_data() {
    let scores = timex::evaluate_timeml(&timebank_dir()).expect("TimeBank scores");
    println!("{}", serde_json::to_string(&scores).unwrap());
    assert!(scores.files > 100);
    assert!(
        scores.extent_relaxed_f1 >= 0.90,
        "relaxed extent F1 {scores:?}"
    );
    assert!(scores.value_f1 >= 0.80, "value F1 {scores:?}");
}

/// Writes every disagreement to `TIMEX_ERRORS` (a path) for inspection.
#[test]
#[ignore]
fn timebank_errors_shared_data() {
    use std::fmt::Write;
    let mut out = String::new();
    timex::for_each_document(&timebank_dir(), |path, doc, predicted| {
        let name = path.file_name().unwrap().to_string_lossy();
        let chars: Vec<char> = doc.text.chars().collect();
        let slice = |a: usize, b: usize| chars[a..b].iter().collect::<String>().replace('\n', " ");
        let pairs = timex::align(&doc.timexes, predicted);
        let mut matched_pred = vec![false; predicted.len()];
        let mut matched_gold = vec![false; doc.timexes.len()];
        for &(g, p) in &pairs {
            matched_gold[g] = true;
            matched_pred[p] = true;
            let (gt, pt) = (&doc.timexes[g], &predicted[p]);
            let ok = pt.value.as_deref() == Some(gt.value.as_str());
            let tag = if ok && gt.kind == pt.kind {
                "OK "
            } else {
                "VAL"
            };
            writeln!(
                out,
                "{tag}\t{name}\t{}\t{}|{}\t{}|{}\t{}|{}",
                doc.dct.as_deref().unwrap_or(""),
                slice(gt.start, gt.end),
                pt.text.replace('\n', " "),
                gt.kind,
                pt.kind,
                gt.value,
                pt.value.as_deref().unwrap_or("-")
            )
            .unwrap();
        }
        for (g, gt) in doc
            .timexes
            .iter()
            .enumerate()
            .filter(|(g, _)| !matched_gold[*g])
        {
            let _ = g;
            let ctx = slice(gt.start.saturating_sub(40), (gt.end + 40).min(chars.len()));
            writeln!(
                out,
                "FN \t{name}\t{}\t{}\t{}\t{}\t{}",
                doc.dct.as_deref().unwrap_or(""),
                slice(gt.start, gt.end),
                gt.kind,
                gt.value,
                ctx
            )
            .unwrap();
        }
        for (p, pt) in predicted
            .iter()
            .enumerate()
            .filter(|(p, _)| !matched_pred[*p])
        {
            let _ = p;
            let ctx = slice(pt.start.saturating_sub(40), (pt.end + 40).min(chars.len()));
            writeln!(
                out,
                "FP \t{name}\t{}\t{}\t{}\t{}\t{}",
                doc.dct.as_deref().unwrap_or(""),
                pt.text.replace('\n', " "),
                pt.kind,
                pt.value.as_deref().unwrap_or("-"),
                ctx
            )
            .unwrap();
        }
    })
    .unwrap();
    let path = std::env::var("TIMEX_ERRORS").unwrap_or_else(|_| "/tmp/timex_errors.tsv".into());
    std::fs::write(path, out).unwrap();
}
