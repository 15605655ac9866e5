//! Measuring the tokenizer and segmenter against a CoNLL-U treebank.
//!
//! The raw text is rebuilt from the `# text` comments (one space inside a
//! paragraph, a blank line between paragraphs and documents), the gold words
//! are aligned to it left to right, and predicted spans are compared exactly.

use storyline_nlp::treebank::TreebankSentence;
use storyline_text::{segment, tokenize};

/// Token and sentence-boundary scores; fractions are in 0–1.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TokenScores {
    /// Harmonic mean of token precision and recall (exact span match).
    pub token_f1: f64,
    /// Share of predicted tokens that are gold tokens.
    pub token_precision: f64,
    /// Share of gold tokens that were predicted.
    pub token_recall: f64,
    /// Harmonic mean of sentence-end precision and recall.
    pub sentence_f1: f64,
    /// Share of predicted sentence ends that are gold ends.
    pub sentence_precision: f64,
    /// Share of gold sentence ends that were predicted.
    pub sentence_recall: f64,
    /// Gold tokens (words aligned to the raw text).
    pub tokens_gold: usize,
    /// Predicted tokens.
    pub tokens_pred: usize,
    /// Predicted tokens with a gold span.
    pub tokens_correct: usize,
    /// Gold sentences.
    pub sentences_gold: usize,
    /// Predicted sentences.
    pub sentences_pred: usize,
    /// Predicted sentence ends that are gold ends.
    pub sentences_correct: usize,
    /// Gold words whose form was not found verbatim in the text (left out).
    pub words_unaligned: usize,
}

/// A raw text rebuilt from a treebank with its gold spans (code points).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoldText {
    /// The reconstructed raw text.
    pub text: String,
    /// Gold token spans, in order.
    pub tokens: Vec<(usize, usize)>,
    /// Gold sentence end offsets, in order.
    pub sentence_ends: Vec<usize>,
    /// Words that could not be aligned.
    pub words_unaligned: usize,
}

/// Rebuilds the raw text of the treebank and aligns the gold words to it.
pub fn gold_text(sentences: &[TreebankSentence]) -> GoldText {
    let mut gold = GoldText::default();
    let mut chars = 0;
    for (index, sentence) in sentences.iter().enumerate() {
        let Some(raw) = sentence.text.as_deref() else {
            gold.words_unaligned += sentence.words.len();
            continue;
        };
        if index > 0 {
            let separator = if sentence.new_doc || sentence.new_par {
                "\n\n"
            } else {
                " "
            };
            gold.text.push_str(separator);
            chars += separator.len();
        }
        gold.text.push_str(raw);
        align_words(raw, chars, sentence, &mut gold);
        chars += raw.chars().count();
        gold.sentence_ends.push(chars);
    }
    gold
}

/// Finds each word form in `raw` after the previous one, skipping only
/// whitespace; a form that is not there is counted and skipped.
fn align_words(raw: &str, base: usize, sentence: &TreebankSentence, gold: &mut GoldText) {
    let mut byte = 0;
    let mut chars = 0;
    for word in &sentence.words {
        let rest = &raw[byte..];
        let trimmed = rest.trim_start();
        let skipped = rest.len() - trimmed.len();
        if word.form.is_empty() || !trimmed.starts_with(word.form.as_str()) {
            gold.words_unaligned += 1;
            continue;
        }
        let skipped_chars = rest[..skipped].chars().count();
        let start = chars + skipped_chars;
        let end = start + word.form.chars().count();
        gold.tokens.push((base + start, base + end));
        byte += skipped + word.form.len();
        chars = end;
    }
}

/// Tokenizes and segments the treebank's raw text and scores the result
/// against the gold words and sentence ends.
pub fn evaluate_tokens(sentences: &[TreebankSentence]) -> TokenScores {
    let gold = gold_text(sentences);
    let tokens = tokenize(&gold.text);
    let predicted_sentences = segment(&gold.text, &tokens);
    let spans: Vec<(usize, usize)> = tokens.iter().map(|t| (t.start, t.end)).collect();
    let ends: Vec<usize> = predicted_sentences.iter().map(|s| s.end).collect();
    let tokens_correct = count_common(&spans, &gold.tokens);
    let sentences_correct = count_common(&ends, &gold.sentence_ends);
    let (token_precision, token_recall, token_f1) =
        prf(tokens_correct, spans.len(), gold.tokens.len());
    let (sentence_precision, sentence_recall, sentence_f1) =
        prf(sentences_correct, ends.len(), gold.sentence_ends.len());
    TokenScores {
        token_f1,
        token_precision,
        token_recall,
        sentence_f1,
        sentence_precision,
        sentence_recall,
        tokens_gold: gold.tokens.len(),
        tokens_pred: spans.len(),
        tokens_correct,
        sentences_gold: gold.sentence_ends.len(),
        sentences_pred: ends.len(),
        sentences_correct,
        words_unaligned: gold.words_unaligned,
    }
}

/// Number of items in both sorted lists (each list has distinct items).
fn count_common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common
}

/// Precision, recall and F1 from counts; 0 when undefined.
fn prf(correct: usize, predicted: usize, gold: usize) -> (f64, f64, f64) {
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let precision = ratio(correct, predicted);
    let recall = ratio(correct, gold);
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    (precision, recall, f1)
}
