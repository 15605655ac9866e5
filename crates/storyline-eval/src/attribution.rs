//! `storyline eval attribution`: content, relation and cue scores of the
//! attribution stage on a PolNeAR folder.
//!
//! Gold relations are the `E` lines with a Content span of the first
//! annotator file of each text. A predicted quote matches a gold relation
//! when their content spans have character-level Jaccard ≥ 0.5 (greedy
//! one-to-one, best overlap first). Gold contents interrupted by their
//! attribution are discontinuous (`“A,” he said. “B.”` is `“A,”` and
//! `“B.”`); so are predicted ones: a quote's characters are its `parts`
//! when it has them, else its `content`. A match also counts for `relation_f1`
//! when the predicted source overlaps the gold source (or both are absent).
//! A predicted cue is right when it overlaps a gold cue not used before.

use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use storyline_extract::Pipeline;
use storyline_extract::quotes::learn::{GoldRelation, GoldText};
use storyline_extract::quotes::overlap::{Fragments, jaccard, overlap};
use storyline_extract::record::{Quote, TextSpan};

use crate::polnear::{self, PolnearError};

/// Scores of the attribution stage (fractions in 0..=1).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AttributionScores {
    /// Matched predictions / predictions.
    pub content_p: f64,
    /// Matched gold relations / gold relations.
    pub content_r: f64,
    /// Harmonic mean of `content_p` and `content_r`.
    pub content_f1: f64,
    /// F1 of matches whose sources agree.
    pub relation_f1: f64,
    /// Right predicted cues / predicted cues.
    pub cue_p: f64,
    /// Found gold cues / gold cues.
    pub cue_r: f64,
    /// Harmonic mean of `cue_p` and `cue_r`.
    pub cue_f1: f64,
    /// Texts scored.
    pub texts: usize,
    /// Gold relations.
    pub gold: usize,
    /// Predicted quotes.
    pub predicted: usize,
}

/// Why the evaluation could not run (one line, naming the file).
#[derive(Debug, thiserror::Error)]
pub enum AttributionEvalError {
    /// The PolNeAR folder could not be read.
    #[error("attribution eval: {0}")]
    Data(#[from] PolnearError),
    /// The folder holds no texts.
    #[error("attribution eval: no texts in {0}/text")]
    Empty(String),
}

/// Raw counts, summed over texts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold relations.
    pub gold: usize,
    /// Predicted quotes.
    pub predicted: usize,
    /// Content matches.
    pub content: usize,
    /// Content matches whose sources agree.
    pub relation: usize,
    /// Gold relations with a cue.
    pub gold_cues: usize,
    /// Predicted quotes with a cue.
    pub predicted_cues: usize,
    /// Predicted cues overlapping an unused gold cue.
    pub cues: usize,
}

impl std::ops::Add for Counts {
    type Output = Counts;
    fn add(self, o: Counts) -> Counts {
        Counts {
            gold: self.gold + o.gold,
            predicted: self.predicted + o.predicted,
            content: self.content + o.content,
            relation: self.relation + o.relation,
            gold_cues: self.gold_cues + o.gold_cues,
            predicted_cues: self.predicted_cues + o.predicted_cues,
            cues: self.cues + o.cues,
        }
    }
}

/// Runs `pipeline` on every `DIR/text/*.txt` and scores against
/// `DIR/attributions/` as defined in the module documentation.
pub fn evaluate_polnear(
    dir: &Path,
    pipeline: &Pipeline,
) -> Result<AttributionScores, AttributionEvalError> {
    let texts = read_texts(dir)?;
    let counts = texts
        .par_iter()
        .map(|t| {
            let analysis = pipeline.analyse(&t.text);
            let actors = storyline_extract::actors::build(&analysis);
            let quotes = storyline_extract::quotes::find_quotes(&analysis, &actors);
            score_text(&t.relations, &quotes)
        })
        .reduce(Counts::default, |a, b| a + b);
    Ok(scores(counts, texts.len()))
}

/// The texts of a PolNeAR folder ([`polnear::read_dir`]); a folder without
/// texts is an error, since scores or a model from nothing mean nothing.
pub fn read_texts(dir: &Path) -> Result<Vec<GoldText>, AttributionEvalError> {
    let texts = polnear::read_dir(dir)?;
    if texts.is_empty() {
        return Err(AttributionEvalError::Empty(dir.display().to_string()));
    }
    Ok(texts)
}

/// Turns summed counts into scores.
pub fn scores(c: Counts, texts: usize) -> AttributionScores {
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let f1 = |p: f64, r: f64| {
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    };
    let (content_p, content_r) = (ratio(c.content, c.predicted), ratio(c.content, c.gold));
    let (cue_p, cue_r) = (ratio(c.cues, c.predicted_cues), ratio(c.cues, c.gold_cues));
    AttributionScores {
        content_p,
        content_r,
        content_f1: f1(content_p, content_r),
        relation_f1: f1(ratio(c.relation, c.predicted), ratio(c.relation, c.gold)),
        cue_p,
        cue_r,
        cue_f1: f1(cue_p, cue_r),
        texts,
        gold: c.gold,
        predicted: c.predicted,
    }
}

/// The characters a predicted quote says were said: its parts, or its
/// content when it is one piece.
pub fn said(q: &Quote) -> Fragments {
    match q.parts.as_slice() {
        [] => fragments(&q.content),
        parts => parts.iter().flat_map(fragments).collect(),
    }
}

/// Counts for one text.
pub fn score_text(gold: &[GoldRelation], predicted: &[Quote]) -> Counts {
    let spans: Vec<Fragments> = predicted.iter().map(said).collect();
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (p, span) in spans.iter().enumerate() {
        for (g, rel) in gold.iter().enumerate() {
            let j = jaccard(span, &rel.content);
            if j >= 0.5 {
                pairs.push((j, p, g));
            }
        }
    }
    // Best overlap first; ties in text order so the result is deterministic.
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_p, mut used_g) = (vec![false; predicted.len()], vec![false; gold.len()]);
    let mut counts = Counts {
        gold: gold.len(),
        predicted: predicted.len(),
        ..Counts::default()
    };
    for (_, p, g) in pairs {
        if used_p[p] || used_g[g] {
            continue;
        }
        used_p[p] = true;
        used_g[g] = true;
        counts.content += 1;
        let agree = match (&predicted[p].source, &gold[g].source) {
            (Some(s), Some(gs)) => overlap(&fragments(s), gs) > 0,
            (None, None) => true,
            _ => false,
        };
        counts.relation += usize::from(agree);
    }
    let mut cue_used = vec![false; gold.len()];
    counts.gold_cues = gold.iter().filter(|r| r.cue.is_some()).count();
    for cue in predicted.iter().filter_map(|q| q.cue.as_ref()) {
        counts.predicted_cues += 1;
        let cue = fragments(cue);
        let hit = gold.iter().enumerate().position(|(g, r)| {
            !cue_used[g] && r.cue.as_ref().is_some_and(|c| overlap(&cue, c) > 0)
        });
        if let Some(g) = hit {
            cue_used[g] = true;
            counts.cues += 1;
        }
    }
    counts
}

fn fragments(span: &TextSpan) -> Fragments {
    vec![(span.start, span.end)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(
        content: (usize, usize),
        source: Option<(usize, usize)>,
        cue: Option<(usize, usize)>,
    ) -> Quote {
        let span = |(start, end)| TextSpan {
            start,
            end,
            text: String::new(),
        };
        Quote {
            id: "Q1".into(),
            speaker: None,
            source: source.map(span),
            cue: cue.map(span),
            content: span(content),
            parts: Vec::new(),
            kind: "direct".into(),
            sentence: 0,
        }
    }

    #[test]
    fn greedy_matching_scores_sources_and_cues() {
        let gold = vec![
            GoldRelation {
                source: Some(vec![(0, 2)]),
                cue: Some(vec![(3, 7)]),
                content: vec![(8, 30)],
            },
            GoldRelation {
                source: None,
                cue: None,
                content: vec![(40, 50)],
            },
        ];
        let predicted = vec![
            quote((8, 28), Some((0, 2)), Some((3, 7))),
            quote((40, 51), Some((33, 35)), Some((4, 5))),
            quote((60, 70), None, None),
        ];
        let c = score_text(&gold, &predicted);
        assert_eq!(
            (c.content, c.relation, c.cues, c.predicted_cues, c.gold_cues),
            (2, 1, 1, 2, 1)
        );
    }
}
