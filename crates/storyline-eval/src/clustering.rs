//! Scores of a clustering against gold classes: B-cubed (Bagga & Baldwin
//! 1998) and pairwise precision, recall and F1.
//!
//! Both are computed from the contingency counts `n(c, g)` (items in
//! predicted cluster `c` and gold class `g`), in time linear in the number
//! of items plus the number of non-empty cells, never over item pairs:
//!
//! - B-cubed precision is the mean over items of
//!   `|cluster(i) ∩ class(i)| / |cluster(i)|`, which is
//!   `Σ n(c,g)² / |c|` over the cells, divided by the number of items;
//!   recall likewise with `|g|`.
//! - Pairwise: over unordered pairs of distinct items, the pairs in one
//!   cell (`Σ C(n(c,g), 2)`) are correct; precision divides them by the
//!   predicted same-cluster pairs (`Σ C(|c|, 2)`), recall by the gold
//!   same-class pairs (`Σ C(|g|, 2)`). Precision is 1 when no pairs are
//!   predicted and recall is 1 when the gold has no pairs.
//!
//! F1 is the harmonic mean, 0 when precision and recall are both 0. With
//! no items every score is 1 (nothing is wrong).

use std::collections::HashMap;
use std::hash::Hash;

use serde::Serialize;

/// B-cubed and pairwise scores of one clustering.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClusterScores {
    /// B-cubed precision.
    pub bcubed_p: f64,
    /// B-cubed recall.
    pub bcubed_r: f64,
    /// B-cubed F1.
    pub bcubed_f1: f64,
    /// Pairwise precision.
    pub pairwise_p: f64,
    /// Pairwise recall.
    pub pairwise_r: f64,
    /// Pairwise F1.
    pub pairwise_f1: f64,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

fn pairs(n: usize) -> f64 {
    let n = n as f64;
    n * (n - 1.0) / 2.0
}

/// Interns labels to dense ids.
fn ids<T: Eq + Hash>(labels: &[T]) -> (Vec<usize>, usize) {
    let mut map: HashMap<&T, usize> = HashMap::new();
    let ids = labels
        .iter()
        .map(|l| {
            let next = map.len();
            *map.entry(l).or_insert(next)
        })
        .collect();
    (ids, map.len())
}

/// Scores `predicted` clusters against `gold` classes: item `i` is in
/// cluster `predicted[i]` and class `gold[i]`.
///
/// # Panics
///
/// When the two slices differ in length.
pub fn score<K: Eq + Hash, L: Eq + Hash>(predicted: &[K], gold: &[L]) -> ClusterScores {
    assert_eq!(
        predicted.len(),
        gold.len(),
        "predicted and gold label every item"
    );
    let n = predicted.len();
    if n == 0 {
        return ClusterScores {
            bcubed_p: 1.0,
            bcubed_r: 1.0,
            bcubed_f1: 1.0,
            pairwise_p: 1.0,
            pairwise_r: 1.0,
            pairwise_f1: 1.0,
        };
    }
    let (pred_ids, n_pred) = ids(predicted);
    let (gold_ids, n_gold) = ids(gold);
    let mut cluster_size = vec![0usize; n_pred];
    let mut class_size = vec![0usize; n_gold];
    let mut cells: HashMap<(usize, usize), usize> = HashMap::new();
    for (&c, &g) in pred_ids.iter().zip(&gold_ids) {
        cluster_size[c] += 1;
        class_size[g] += 1;
        *cells.entry((c, g)).or_insert(0) += 1;
    }

    let (mut bp, mut br, mut same_cell) = (0.0, 0.0, 0.0);
    for (&(c, g), &count) in &cells {
        let count_f = count as f64;
        bp += count_f * count_f / cluster_size[c] as f64;
        br += count_f * count_f / class_size[g] as f64;
        same_cell += pairs(count);
    }
    let bcubed_p = bp / n as f64;
    let bcubed_r = br / n as f64;

    let predicted_pairs: f64 = cluster_size.iter().map(|&s| pairs(s)).sum();
    let gold_pairs: f64 = class_size.iter().map(|&s| pairs(s)).sum();
    let pairwise_p = if predicted_pairs > 0.0 {
        same_cell / predicted_pairs
    } else {
        1.0
    };
    let pairwise_r = if gold_pairs > 0.0 {
        same_cell / gold_pairs
    } else {
        1.0
    };
    ClusterScores {
        bcubed_p,
        bcubed_r,
        bcubed_f1: f1(bcubed_p, bcubed_r),
        pairwise_p,
        pairwise_r,
        pairwise_f1: f1(pairwise_p, pairwise_r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn perfect_clustering() {
        let s = score(&["x", "x", "y", "z", "z"], &[1, 1, 2, 3, 3]);
        for v in [
            s.bcubed_p,
            s.bcubed_r,
            s.bcubed_f1,
            s.pairwise_p,
            s.pairwise_r,
            s.pairwise_f1,
        ] {
            assert!(close(v, 1.0));
        }
    }

    #[test]
    fn all_singletons() {
        // Gold: {0,1,2}, {3}.
        let s = score(&[0, 1, 2, 3], &["a", "a", "a", "b"]);
        assert!(close(s.bcubed_p, 1.0));
        assert!(close(s.bcubed_r, (3.0 * (1.0 / 3.0) + 1.0) / 4.0));
        assert!(close(s.pairwise_p, 1.0));
        assert!(close(s.pairwise_r, 0.0));
        assert!(close(s.pairwise_f1, 0.0));
    }

    #[test]
    fn one_big_cluster() {
        let s = score(&[7, 7, 7, 7], &["a", "a", "a", "b"]);
        assert!(close(s.bcubed_p, (3.0 * 0.75 + 0.25) / 4.0));
        assert!(close(s.bcubed_r, 1.0));
        assert!(close(s.pairwise_p, 3.0 / 6.0));
        assert!(close(s.pairwise_r, 1.0));
    }

    #[test]
    fn hand_computed_example() {
        // Predicted {0,1,2}, {3,4}; gold {0,1}, {2,3,4}.
        let s = score(&[1, 1, 1, 2, 2], &['a', 'a', 'b', 'b', 'b']);
        // Precision per item: 2/3, 2/3, 1/3, 1, 1 → 11/15.
        assert!(close(s.bcubed_p, 11.0 / 15.0));
        // Recall per item: 1, 1, 1/3, 2/3, 2/3 → 11/15.
        assert!(close(s.bcubed_r, 11.0 / 15.0));
        assert!(close(s.bcubed_f1, 11.0 / 15.0));
        // Correct pairs: (0,1), (3,4) = 2; predicted 3 + 1 = 4; gold 1 + 3 = 4.
        assert!(close(s.pairwise_p, 0.5));
        assert!(close(s.pairwise_r, 0.5));
        assert!(close(s.pairwise_f1, 0.5));
    }

    #[test]
    fn empty_and_single_item() {
        let empty: [u8; 0] = [];
        assert!(close(score(&empty, &empty).bcubed_f1, 1.0));
        let s = score(&[1], &[2]);
        assert!(close(s.bcubed_f1, 1.0) && close(s.pairwise_f1, 1.0));
    }

    /// The definition over all items and pairs, to check the counts against.
    fn brute_force(pred: &[u8], gold: &[u8]) -> (f64, f64, f64, f64) {
        let n = pred.len();
        let (mut bp, mut br) = (0.0, 0.0);
        let (mut tp, mut pp, mut gp) = (0.0, 0.0, 0.0);
        for i in 0..n {
            let both = (0..n)
                .filter(|&j| pred[j] == pred[i] && gold[j] == gold[i])
                .count() as f64;
            bp += both / (0..n).filter(|&j| pred[j] == pred[i]).count() as f64;
            br += both / (0..n).filter(|&j| gold[j] == gold[i]).count() as f64;
            for j in i + 1..n {
                let (sp, sg) = (pred[i] == pred[j], gold[i] == gold[j]);
                pp += f64::from(u8::from(sp));
                gp += f64::from(u8::from(sg));
                tp += f64::from(u8::from(sp && sg));
            }
        }
        let p = if pp > 0.0 { tp / pp } else { 1.0 };
        let r = if gp > 0.0 { tp / gp } else { 1.0 };
        (bp / n as f64, br / n as f64, p, r)
    }

    proptest! {
        #[test]
        fn matches_the_definition(items in prop::collection::vec((0u8..5, 0u8..5), 1..40)) {
            let (pred, gold): (Vec<u8>, Vec<u8>) = items.into_iter().unzip();
            let s = score(&pred, &gold);
            let (bp, br, pp, pr) = brute_force(&pred, &gold);
            prop_assert!(close(s.bcubed_p, bp) && close(s.bcubed_r, br));
            prop_assert!(close(s.pairwise_p, pp) && close(s.pairwise_r, pr));
            for v in [s.bcubed_f1, s.pairwise_f1] {
                prop_assert!((0.0..=1.0).contains(&v));
            }
        }

        #[test]
        fn swapping_sides_swaps_precision_and_recall(
            items in prop::collection::vec((0u8..4, 0u8..4), 0..30)
        ) {
            let (pred, gold): (Vec<u8>, Vec<u8>) = items.into_iter().unzip();
            let a = score(&pred, &gold);
            let b = score(&gold, &pred);
            prop_assert!(close(a.bcubed_p, b.bcubed_r) && close(a.pairwise_p, b.pairwise_r));
            prop_assert!(close(a.bcubed_f1, b.bcubed_f1));
        }

        #[test]
        fn renaming_clusters_changes_nothing(labels in prop::collection::vec(0u8..6, 0..30)) {
            let gold: Vec<u8> = labels.iter().map(|l| l / 2).collect();
            let renamed: Vec<String> = labels.iter().map(|l| format!("c{}", 9 - l)).collect();
            let (a, b) = (score(&labels, &gold), score(&renamed, &gold));
            prop_assert!(close(a.bcubed_p, b.bcubed_p) && close(a.bcubed_r, b.bcubed_r));
            prop_assert!(close(a.pairwise_p, b.pairwise_p) && close(a.pairwise_r, b.pairwise_r));
        }
    }
}
