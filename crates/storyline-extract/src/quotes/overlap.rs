//! How much two character spans share. Attribution compares contents by
//! character-level Jaccard similarity, with the threshold (0.5) at which the
//! attribution evaluation counts a content as found, so the decoder keeps
//! or merges contents by the same measure it is scored by.

/// A possibly discontinuous character span: code point `(start, end)`
/// fragments in text order, end-exclusive.
pub type Fragments = Vec<(usize, usize)>;

/// Characters covered by a fragment list (fragments may overlap).
fn covered(f: &Fragments) -> usize {
    let mut sorted = f.clone();
    sorted.sort_unstable();
    let (mut total, mut reach) = (0, 0);
    for (a, b) in sorted {
        let a = a.max(reach);
        if b > a {
            total += b - a;
            reach = b;
        }
    }
    total
}

/// Characters covered by both fragment lists.
pub fn overlap(a: &Fragments, b: &Fragments) -> usize {
    let mut both = Vec::new();
    for &(s1, e1) in a {
        for &(s2, e2) in b {
            let (s, e) = (s1.max(s2), e1.min(e2));
            if s < e {
                both.push((s, e));
            }
        }
    }
    covered(&both)
}

/// Character-level Jaccard similarity of two spans.
pub fn jaccard(a: &Fragments, b: &Fragments) -> f64 {
    let inter = overlap(a, b);
    let union = covered(a) + covered(b) - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard_of_discontinuous_spans() {
        assert_eq!(jaccard(&vec![(0, 10)], &vec![(0, 5), (8, 10)]), 0.7);
        assert_eq!(jaccard(&vec![(0, 10)], &vec![(10, 20)]), 0.0);
    }
}
