//! Evaluation of the tagger, lemmatiser and parser on a UD treebank, the
//! way they run in the pipeline: tags are predicted, and the parser works
//! on the predicted tags.

use std::time::Instant;

use serde::Serialize;
use storyline_nlp::parser::Parser;
use storyline_nlp::tagger::{Tagged, Tagger};
use storyline_nlp::treebank::{TreebankSentence, Word};

/// Scores on the gold words of a treebank (punctuation included).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UdScores {
    /// Number of words scored.
    pub words: usize,
    /// UPOS accuracy, 0–1.
    pub upos: f64,
    /// XPOS accuracy, 0–1.
    pub xpos: f64,
    /// Lemma accuracy, 0–1.
    pub lemma: f64,
    /// Unlabelled attachment score on predicted tags, 0–1.
    pub uas: f64,
    /// Labelled attachment score (full relation with subtype), 0–1.
    pub las: f64,
    /// Words tagged, lemmatised and parsed per second of wall time on the
    /// calling thread.
    pub words_per_sec: f64,
}

/// One sentence's tags and tree.
type Analysis<'a> = (Vec<Tagged<'a>>, Vec<(usize, &'a str)>);

/// Tags and parses every sentence of `sentences` (gold word segmentation)
/// on one thread and scores the result against the gold annotation.
pub fn evaluate_ud(tagger: &Tagger, parser: &Parser, sentences: &[TreebankSentence]) -> UdScores {
    let start = Instant::now();
    let outputs: Vec<Analysis<'_>> = sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let tagged = tagger.tag(&words);
            let upos: Vec<&str> = tagged.iter().map(|t| t.upos).collect();
            let xpos: Vec<&str> = tagged.iter().map(|t| t.xpos).collect();
            let tree = parser.parse(&words, &upos, &xpos);
            (tagged, tree)
        })
        .collect();
    let seconds = start.elapsed().as_secs_f64();

    let mut counts = Counts::default();
    for (s, (tagged, tree)) in sentences.iter().zip(&outputs) {
        for ((gold, t), &(head, deprel)) in s.words.iter().zip(tagged).zip(tree) {
            counts.add(gold, t, head, deprel);
        }
    }
    counts.scores(seconds)
}

/// Correct-answer counts per measure.
#[derive(Debug, Default)]
struct Counts {
    words: usize,
    upos: usize,
    xpos: usize,
    lemma: usize,
    uas: usize,
    las: usize,
}

impl Counts {
    fn add(&mut self, gold: &Word, t: &Tagged<'_>, head: usize, deprel: &str) {
        self.words += 1;
        self.upos += usize::from(t.upos == gold.upos);
        self.xpos += usize::from(t.xpos == gold.xpos);
        self.lemma += usize::from(t.lemma == gold.lemma);
        let head_ok = head == gold.head;
        self.uas += usize::from(head_ok);
        self.las += usize::from(head_ok && deprel == gold.deprel);
    }

    fn scores(&self, seconds: f64) -> UdScores {
        let n = self.words.max(1) as f64;
        UdScores {
            words: self.words,
            upos: self.upos as f64 / n,
            xpos: self.xpos as f64 / n,
            lemma: self.lemma as f64 / n,
            uas: self.uas as f64 / n,
            las: self.las as f64 / n,
            words_per_sec: if seconds > 0.0 {
                self.words as f64 / seconds
            } else {
                0.0
            },
        }
    }
}
