//! TempEval-3 style scoring of [`super::find_times`] on TimeML files.
//!
//! For every `.tml` file: the DCT is the publication date, the `<TEXT>`
//! content with its tags stripped is the text (gold offsets are counted
//! while stripping, so they align), and the predictions are compared with
//! the gold TIMEX3s (the DCT's own TIMEX3 is not part of the text and so is
//! never gold).

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::record::Time;

/// Scores over a directory of TimeML files (micro-averaged over expressions).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TimexScores {
    /// F1 of exact span matches.
    pub extent_strict_f1: f64,
    /// F1 of one-to-one overlapping matches.
    pub extent_relaxed_f1: f64,
    /// Share of relaxed matches with the gold type.
    pub type_accuracy: f64,
    /// F1 of relaxed matches with the gold value (P over predictions, R over gold).
    pub value_f1: f64,
    /// Files scored.
    pub files: usize,
    /// Gold expressions.
    pub gold: usize,
    /// Predicted expressions.
    pub predicted: usize,
}

/// Why a directory could not be scored.
#[derive(Debug, thiserror::Error)]
pub enum TimeEvalError {
    /// The directory or a file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file is not TimeML as expected.
    #[error("malformed TimeML in {path}: {message}")]
    Malformed {
        /// The offending file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The directory holds no `.tml` file.
    #[error("no .tml files in {0}")]
    Empty(PathBuf),
}

/// One gold TIMEX3, with code point offsets into the stripped text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldTimex {
    /// Code point offset of the first character.
    pub start: usize,
    /// Code point offset one past the last character.
    pub end: usize,
    /// TIMEX3 `type`.
    pub kind: String,
    /// TIMEX3 `value`.
    pub value: String,
}

/// A TimeML document reduced to what scoring needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMlDoc {
    /// The document creation time's value, if present.
    pub dct: Option<String>,
    /// The `<TEXT>` content without tags, entities decoded.
    pub text: String,
    /// Gold expressions in `text`.
    pub timexes: Vec<GoldTimex>,
}

/// Scores every `.tml` file in `dir`.
pub fn evaluate_timeml(dir: &Path) -> Result<TimexScores, TimeEvalError> {
    let mut totals = Counts::default();
    let files = for_each_document(dir, |_, doc, predicted| {
        totals.add(&score_document(&doc.timexes, predicted));
    })?;
    Ok(totals.scores(files))
}

/// Runs `find_times` on every `.tml` file in `dir` (sorted by name) and hands
/// each document and its predictions to `visit`; returns the file count.
pub fn for_each_document(
    dir: &Path,
    mut visit: impl FnMut(&Path, &TimeMlDoc, &[Time]),
) -> Result<usize, TimeEvalError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| TimeEvalError::Io { path, source }
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tml"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(TimeEvalError::Empty(dir.to_path_buf()));
    }
    for path in &paths {
        let xml = std::fs::read_to_string(path).map_err(io(path))?;
        let doc = parse_timeml(&xml).map_err(|message| TimeEvalError::Malformed {
            path: path.clone(),
            message,
        })?;
        let (tokens, _) = storyline_text::analyse(&doc.text);
        let found = super::find_times(&doc.text, &tokens, doc.dct.as_deref());
        visit(path, &doc, &found.times);
    }
    Ok(paths.len())
}

/// Parses a TimeML document: DCT value, stripped text and gold TIMEX3s.
pub fn parse_timeml(xml: &str) -> Result<TimeMlDoc, String> {
    let dct = match (xml.find("<DCT>"), xml.find("</DCT>")) {
        (Some(a), Some(b)) if a < b => attribute(&xml[a..b], "value").map(str::to_string),
        _ => None,
    };
    let open = xml.find("<TEXT>").ok_or("no <TEXT> element")? + "<TEXT>".len();
    let close = xml[open..].find("</TEXT>").ok_or("<TEXT> is not closed")? + open;
    let (text, timexes) = strip_tags(&xml[open..close])?;
    Ok(TimeMlDoc { dct, text, timexes })
}

/// Removes tags, decodes the XML entities, and records TIMEX3 spans in code
/// points of the result.
fn strip_tags(body: &str) -> Result<(String, Vec<GoldTimex>), String> {
    let mut text = String::with_capacity(body.len());
    let mut chars = 0usize;
    let mut open: Vec<(usize, String, String)> = Vec::new();
    let mut timexes = Vec::new();
    let mut rest = body;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let end = rest
                .find('>')
                .ok_or_else(|| format!("unclosed tag at character {chars}"))?;
            let tag = &rest[1..end];
            if tag.starts_with("TIMEX3") {
                let kind = attribute(tag, "type").ok_or("TIMEX3 without type")?;
                let value = attribute(tag, "value").unwrap_or("");
                open.push((chars, kind.to_string(), value.to_string()));
            } else if tag.starts_with("/TIMEX3") {
                let (start, kind, value) = open.pop().ok_or("</TIMEX3> without an opening tag")?;
                timexes.push(GoldTimex {
                    start,
                    end: chars,
                    kind,
                    value,
                });
            }
            rest = &rest[end + 1..];
            continue;
        }
        if c == '&'
            && let Some((decoded, len)) = entity(rest)
        {
            text.push(decoded);
            chars += 1;
            rest = &rest[len..];
            continue;
        }
        text.push(c);
        chars += 1;
        rest = &rest[c.len_utf8()..];
    }
    if !open.is_empty() {
        return Err("unclosed TIMEX3".into());
    }
    timexes.sort_by_key(|t| (t.start, t.end));
    Ok((text, timexes))
}

/// The five predefined XML entities.
fn entity(s: &str) -> Option<(char, usize)> {
    [
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&apos;", '\''),
    ]
    .into_iter()
    .find(|(name, _)| s.starts_with(name))
    .map(|(name, c)| (c, name.len()))
}

/// The value of `name="…"` in a tag's text.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(pos) = tag[from..].find(name) {
        let at = from + pos;
        let after = &tag[at + name.len()..];
        let before_ok = at == 0 || tag.as_bytes()[at - 1].is_ascii_whitespace();
        if before_ok && let Some(quoted) = after.strip_prefix("=\"") {
            return quoted.find('"').map(|end| &quoted[..end]);
        }
        from = at + name.len();
    }
    None
}

/// Match counts for one or more documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold expressions.
    pub gold: usize,
    /// Predicted expressions.
    pub predicted: usize,
    /// Exact span matches.
    pub strict: usize,
    /// One-to-one overlapping matches.
    pub relaxed: usize,
    /// Relaxed matches with the right type.
    pub typed: usize,
    /// Relaxed matches with the right value.
    pub valued: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.typed += o.typed;
        self.valued += o.valued;
    }

    fn scores(&self, files: usize) -> TimexScores {
        let f1 = |hits: usize| {
            let p = ratio(hits, self.predicted);
            let r = ratio(hits, self.gold);
            if p + r == 0.0 {
                0.0
            } else {
                2.0 * p * r / (p + r)
            }
        };
        TimexScores {
            extent_strict_f1: f1(self.strict),
            extent_relaxed_f1: f1(self.relaxed),
            type_accuracy: ratio(self.typed, self.relaxed),
            value_f1: f1(self.valued),
            files,
            gold: self.gold,
            predicted: self.predicted,
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Pairs each gold expression with the first unused overlapping prediction.
pub fn align(gold: &[GoldTimex], predicted: &[Time]) -> Vec<(usize, usize)> {
    let mut used = vec![false; predicted.len()];
    let mut pairs = Vec::new();
    for (g, gt) in gold.iter().enumerate() {
        let hit = predicted
            .iter()
            .enumerate()
            .find(|(p, pt)| !used[*p] && pt.start < gt.end && gt.start < pt.end);
        if let Some((p, _)) = hit {
            used[p] = true;
            pairs.push((g, p));
        }
    }
    pairs
}

/// Counts matches between one document's gold and predicted expressions.
pub fn score_document(gold: &[GoldTimex], predicted: &[Time]) -> Counts {
    let strict = gold
        .iter()
        .filter(|g| {
            predicted
                .iter()
                .any(|p| p.start == g.start && p.end == g.end)
        })
        .count();
    let pairs = align(gold, predicted);
    let typed = pairs
        .iter()
        .filter(|&&(g, p)| gold[g].kind == predicted[p].kind)
        .count();
    let valued = pairs
        .iter()
        .filter(|&&(g, p)| predicted[p].value.as_deref() == Some(gold[g].value.as_str()))
        .count();
    Counts {
        gold: gold.len(),
        predicted: predicted.len(),
        strict,
        relaxed: pairs.len(),
        typed,
        valued,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_keeps_offsets() {
        let xml = r#"<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08">x</TIMEX3></DCT><TEXT>On <TIMEX3 tid="t1" type="DATE" value="1998-01-07">Wednesday</TIMEX3> A &amp; B <EVENT eid="e1">met</EVENT>.</TEXT>"#;
        let doc = parse_timeml(xml).unwrap();
        assert_eq!(doc.dct.as_deref(), Some("1998-01-08"));
        assert_eq!(doc.text, "On Wednesday A & B met.");
        assert_eq!(doc.timexes.len(), 1);
        let t = &doc.timexes[0];
        assert_eq!(&doc.text[t.start..t.end], "Wednesday");
    }

    #[test]
    fn malformed_text_is_an_error() {
        assert!(parse_timeml("<DCT></DCT>").is_err());
        assert!(parse_timeml("<TEXT><TIMEX3 type=\"DATE\">x</TEXT>").is_err());
    }
}
