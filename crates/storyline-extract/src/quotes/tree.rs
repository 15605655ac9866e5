//! The dependency tree of a document in a form cheap to walk: children of
//! every token in one flat array (built once per document, no per-token
//! allocation).

use crate::analysis::Analysis;

/// Children lists of all tokens, in text order.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    /// `offsets[i]..offsets[i + 1]` indexes `children` for token `i`.
    offsets: Vec<u32>,
    children: Vec<u32>,
}

impl Tree {
    /// Builds the children lists from the analysis's heads.
    pub fn build(analysis: &Analysis) -> Tree {
        let n = analysis.tokens.len();
        let mut counts = vec![0u32; n + 1];
        for t in &analysis.tags {
            if let Some(h) = t.head.filter(|&h| h < n) {
                counts[h + 1] += 1;
            }
        }
        for i in 0..n {
            counts[i + 1] += counts[i];
        }
        let mut fill = counts.clone();
        let mut children = vec![0u32; counts[n] as usize];
        for (i, t) in analysis.tags.iter().enumerate() {
            if let Some(h) = t.head.filter(|&h| h < n) {
                children[fill[h] as usize] = i as u32;
                fill[h] += 1;
            }
        }
        Tree {
            offsets: counts,
            children,
        }
    }

    /// The dependents of token `i` in text order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let range = match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        };
        self.children[range].iter().map(|&c| c as usize)
    }

    /// The first child of `i` with relation `deprel` (subtypes included
    /// when `deprel` has no colon: `nsubj` matches `nsubj:pass`).
    pub fn child<'a>(&'a self, analysis: &'a Analysis, i: usize, deprel: &str) -> Option<usize> {
        self.children(i)
            .find(|&c| rel_is(&analysis.tag(c).deprel, deprel))
    }

    /// First and last token (inclusive) of the subtree of `i`, leaving out
    /// children for which `skip` is true (and their subtrees).
    pub fn extent(&self, i: usize, skip: &dyn Fn(usize) -> bool) -> (usize, usize) {
        let (mut first, mut last) = (i, i);
        let mut stack = vec![i];
        while let Some(t) = stack.pop() {
            for c in self.children(t) {
                if skip(c) {
                    continue;
                }
                first = first.min(c);
                last = last.max(c);
                stack.push(c);
            }
        }
        (first, last)
    }
}

/// Whether relation `rel` is `want` or one of its subtypes.
pub fn rel_is(rel: &str, want: &str) -> bool {
    rel == want
        || (rel.len() > want.len() && rel.starts_with(want) && rel.as_bytes()[want.len()] == b':')
}
