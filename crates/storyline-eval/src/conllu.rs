//! A reader for CoNLL-U, the Universal Dependencies treebank format.
//!
//! Only what Storyline trains and measures on is kept: the words (multiword
//! token ranges and empty nodes are skipped), the raw `# text`, and the
//! document and paragraph markers. The sentences are the tagger's and
//! parser's own training type ([`TreebankSentence`]), so the product never
//! reads treebank files.

use std::fmt;

use storyline_nlp::treebank::{TreebankSentence, Word};

/// A malformed line of a CoNLL-U file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConlluError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub reason: String,
}

impl fmt::Display for ConlluError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

impl std::error::Error for ConlluError {}

/// Parses a whole CoNLL-U file.
pub fn parse(input: &str) -> Result<Vec<TreebankSentence>, ConlluError> {
    let mut sentences = Vec::new();
    let mut current = TreebankSentence::default();
    for (index, line) in input.lines().enumerate() {
        let line_no = index + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !current.words.is_empty() {
                sentences.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            read_comment(comment.trim(), &mut current);
            continue;
        }
        if let Some(word) = read_word(line, line_no)? {
            current.words.push(word);
        }
    }
    if !current.words.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

fn read_comment(comment: &str, sentence: &mut TreebankSentence) {
    if let Some(text) = comment.strip_prefix("text =") {
        sentence.text = Some(text.trim().to_string());
    } else if comment.starts_with("newdoc") {
        sentence.new_doc = true;
    } else if comment.starts_with("newpar") {
        sentence.new_par = true;
    }
}

fn read_word(line: &str, line_no: usize) -> Result<Option<Word>, ConlluError> {
    let cols: Vec<&str> = line.split('\t').collect();
    let error = |reason: String| ConlluError {
        line: line_no,
        reason,
    };
    if cols.len() != 10 {
        return Err(error(format!(
            "expected 10 tab-separated columns, found {}",
            cols.len()
        )));
    }
    // Multiword token ranges (`3-4`) and empty nodes (`8.1`) are not words.
    if cols[0].contains('-') || cols[0].contains('.') {
        return Ok(None);
    }
    cols[0]
        .parse::<usize>()
        .map_err(|_| error(format!("word id {:?} is not a number", cols[0])))?;
    let head = if cols[6] == "_" {
        0
    } else {
        cols[6]
            .parse::<usize>()
            .map_err(|_| error(format!("head {:?} is not a number", cols[6])))?
    };
    Ok(Some(Word {
        form: cols[1].to_string(),
        lemma: cols[2].to_string(),
        upos: cols[3].to_string(),
        xpos: cols[4].to_string(),
        head,
        deprel: cols[7].to_string(),
        no_space_after: cols[9].split('|').any(|m| m == "SpaceAfter=No"),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = d1\n# newpar id = p1\n# text = I can't.\n1-2\tcan't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tca\tcan\tAUX\tMD\t_\t0\troot\t_\tSpaceAfter=No\n3\tn't\tnot\tPART\tRB\t_\t2\tadvmod\t_\tSpaceAfter=No\n3.1\tx\tx\tX\tX\t_\t_\t_\t_\t_\n4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n# text = Yes\n1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n";

    #[test]
    fn reads_words_and_markers() {
        let sentences = parse(SAMPLE).unwrap();
        assert_eq!(sentences.len(), 2);
        let first = &sentences[0];
        assert!(first.new_doc && first.new_par);
        assert_eq!(first.text.as_deref(), Some("I can't."));
        let forms: Vec<&str> = first.words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["I", "ca", "n't", "."]);
        assert_eq!(first.words[1].head, 0);
        assert!(first.words[1].no_space_after);
        assert!(!sentences[1].new_doc);
    }

    proptest::proptest! {
        /// Any mix of well-formed, truncated and junk rows gives sentences or
        /// an error naming a line of the input, never a panic.
        #[test]
        fn never_panics(rows in proptest::collection::vec(proptest::prop_oneof![
            "[0-9]{1,2}\t[a-z]{1,5}\t[a-z]{1,5}\t[A-Z]{2,5}\t[A-Z]{2,3}\t_\t[0-9_]{1,2}\t[a-z:]{1,8}\t_\t_",
            "[0-9]-[0-9]\t[a-z]{1,5}(\t_){8}",
            "# (text|newdoc|newpar)( = [a-z ]{0,10})?",
            "",
            "\\PC{0,30}",
        ], 0..25)) {
            let input = rows.join("\n");
            match parse(&input) {
                Ok(sentences) => proptest::prop_assert!(sentences.iter().all(|s| !s.words.is_empty())),
                Err(e) => proptest::prop_assert!(e.line >= 1 && e.line <= rows.len()),
            }
        }
    }

    #[test]
    fn reports_malformed_line_number() {
        let err = parse("# text = a\n1\ta\n").unwrap_err();
        assert_eq!(err.line, 2);
    }
}
