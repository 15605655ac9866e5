//! A reader for CoNLL-2003, the entity-tagged news of the CoNLL shared task.
//!
//! The sentences are the entity recogniser's own training type
//! ([`NerSentence`]), so the product never reads CoNLL files.

use storyline_nlp::ModelError;
use storyline_nlp::ner::NerSentence;

/// Reads CoNLL-2003 text (`word POS chunk tag` or just `word tag`, blank
/// line between sentences; `-DOCSTART-` lines are skipped). A malformed
/// line is a [`ModelError::Data`], the recogniser's own error for unusable
/// training data.
pub fn read_conll(text: &str) -> Result<Vec<NerSentence>, ModelError> {
    let mut out = Vec::new();
    let mut cur = NerSentence::default();
    for (lineno, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with("-DOCSTART-") {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() < 2 {
            return Err(ModelError::Data(format!(
                "line {}: expected `word … tag`",
                lineno + 1
            )));
        }
        let tag = cols[cols.len() - 1];
        if tag != "O" && !tag.starts_with("B-") && !tag.starts_with("I-") {
            return Err(ModelError::Data(format!(
                "line {}: bad tag {tag:?}",
                lineno + 1
            )));
        }
        cur.words.push(cols[0].to_string());
        cur.tags.push(tag.to_string());
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_conll_and_bad_tags() {
        let s =
            read_conll("EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter B-PER\nBlackburn I-PER\n")
                .unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].tags, ["B-PER", "I-PER"]);
        assert!(read_conll("EU NNP B-NP X-ORG\n").is_err());
    }
}
