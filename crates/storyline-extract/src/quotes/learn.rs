//! Learning the cue weights from PolNeAR train: for every lemma and
//! syntactic frame, how often a word is the head of a gold cue.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use super::cues::{self, FRAMES, Frame};
use super::eval::AttributionEvalError;
use super::polnear::{self, GoldText};
use super::{marks, tree::Tree};
use crate::pipeline::Pipeline;

/// Lemmas need this many cue occurrences to enter the table.
const MIN_CUES: u32 = 2;

/// Counts `(cues, seen)` per lemma and frame.
type Counts = BTreeMap<String, [(u32, u32); 7]>;

/// Counts cue heads per lemma and frame over `DIR/text` with the gold of
/// `DIR/attributions` (use PolNeAR train, never dev) and returns the
/// weights table (`lemma TAB frame TAB cues TAB seen`), as shipped in
/// `lexicons/cue_weights.tsv`. Deterministic.
pub fn train_cues(dir: &Path, pipeline: &Pipeline) -> Result<String, AttributionEvalError> {
    let texts = polnear::read_dir(dir)?;
    let counts = texts
        .par_iter()
        .map(|t| count_text(pipeline, t))
        .reduce(Counts::new, merge);
    let mut out = String::from(
        "# Cue weights: lemma, frame, times the word headed a gold cue, times seen.\n\
         # Learned from PolNeAR train by storyline_extract::quotes::learn::train_cues.\n",
    );
    for (lemma, row) in &counts {
        // A context row (`think#q`) is kept with its lemma's: its zeros
        // are what it is for.
        let base = lemma.split('#').next().unwrap_or(lemma);
        let cues_of = |l: &str| {
            counts
                .get(l)
                .map_or(0, |r| r.iter().map(|r| r.0).sum::<u32>())
        };
        if cues_of(base) < MIN_CUES {
            continue;
        }
        for (frame, &(cues, seen)) in FRAMES.iter().zip(row) {
            if seen > 0 {
                out.push_str(&format!("{lemma}\t{}\t{cues}\t{seen}\n", frame.name()));
            }
        }
    }
    Ok(out)
}

fn merge(mut a: Counts, b: Counts) -> Counts {
    for (lemma, row) in b {
        let slot = a.entry(lemma).or_default();
        for (s, r) in slot.iter_mut().zip(row) {
            s.0 += r.0;
            s.1 += r.1;
        }
    }
    a
}

fn count_text(pipeline: &Pipeline, text: &GoldText) -> Counts {
    let analysis = pipeline.analyse(&text.text);
    let tree = Tree::build(&analysis);
    let quotes = marks::find(&analysis);
    let n = analysis.tokens.len();
    // Tokens inside a gold cue span.
    let mut in_cue = vec![false; n];
    let cue_spans: Vec<(usize, usize)> = text
        .relations
        .iter()
        .filter_map(|r| r.cue.as_ref())
        .flatten()
        .copied()
        .collect();
    for (i, token) in analysis.tokens.iter().enumerate() {
        in_cue[i] = cue_spans
            .iter()
            .any(|&(a, b)| token.start >= a && token.end <= b);
    }
    let mut counts = Counts::new();
    for i in 0..n {
        if analysis.tags.len() != n || !cues::is_candidate(&analysis, i) {
            continue;
        }
        let frame: Frame = cues::frame(&analysis, &tree, &quotes, i);
        // The cue's syntactic head: in a cue span, its head outside it.
        let head_of_cue = in_cue[i] && analysis.tag(i).head.is_none_or(|h| !in_cue[h]);
        let lemma = analysis.tag(i).lemma.to_lowercase();
        let index = FRAMES.iter().position(|&f| f == frame).unwrap_or(6);
        let context = cues::context(&analysis, &tree, &quotes, i);
        for key in std::iter::once(lemma.clone()).chain(context.map(|c| format!("{lemma}#{c}"))) {
            let slot = &mut counts.entry(key).or_default()[index];
            slot.0 += u32::from(head_of_cue);
            slot.1 += 1;
        }
    }
    counts
}
