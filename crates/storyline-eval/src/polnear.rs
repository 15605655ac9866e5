//! Reader for PolNeAR's brat standoff files: text-bound spans (`T` lines,
//! possibly discontinuous) tied into attribution relations (`E` lines).
//! The texts are the cue classifier's own training type ([`GoldText`]), so
//! the product never reads PolNeAR's files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use storyline_extract::quotes::learn::{GoldRelation, GoldText};
use storyline_extract::quotes::overlap::Fragments;

/// Why a PolNeAR folder could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PolnearError {
    /// A file or folder could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// An annotation line is malformed.
    #[error("{path}:{line}: malformed brat line")]
    Malformed {
        /// The annotation file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
    },
    /// A text has no annotation file.
    #[error("{0}: no annotation file in attributions/")]
    NoAnnotation(PathBuf),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> PolnearError + '_ {
    move |source| PolnearError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Reads every `DIR/text/*.txt` with the first (sorted) annotator file
/// `DIR/attributions/NAME_*.ann`, in name order.
pub fn read_dir(dir: &Path) -> Result<Vec<GoldText>, PolnearError> {
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let mut names: Vec<String> = list(&text_dir)?
        .into_iter()
        .filter_map(|f| f.strip_suffix(".txt").map(str::to_string))
        .collect();
    names.sort();
    let mut anns = list(&ann_dir)?;
    anns.sort();
    let mut texts = Vec::with_capacity(names.len());
    for name in names {
        let text_path = text_dir.join(format!("{name}.txt"));
        let text = std::fs::read_to_string(&text_path).map_err(io(&text_path))?;
        let ann = first_annotation(&anns, &name)
            .ok_or_else(|| PolnearError::NoAnnotation(text_path.clone()))?;
        let ann_path = ann_dir.join(ann);
        let source = std::fs::read_to_string(&ann_path).map_err(io(&ann_path))?;
        let relations = parse_ann(&source).map_err(|line| PolnearError::Malformed {
            path: ann_path.clone(),
            line,
        })?;
        texts.push(GoldText {
            name,
            text,
            relations,
        });
    }
    Ok(texts)
}

fn list(dir: &Path) -> Result<Vec<String>, PolnearError> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        if let Some(name) = entry.file_name().to_str() {
            out.push(name.to_string());
        }
    }
    Ok(out)
}

/// The first annotator file of `name` among sorted file names: `NAME_X.ann`
/// where `X` holds no underscore (so `a_b` never takes `a_b_c_X.ann`).
fn first_annotation<'a>(sorted: &'a [String], name: &str) -> Option<&'a str> {
    sorted.iter().map(String::as_str).find(|f| {
        f.strip_prefix(name)
            .and_then(|rest| rest.strip_prefix('_'))
            .and_then(|rest| rest.strip_suffix(".ann"))
            .is_some_and(|annotator| !annotator.contains('_'))
    })
}

/// Parses a brat file into its relations with a Content span; `Err` holds
/// the 1-based number of a malformed line. Lines that are not annotations
/// (continuations of a span text holding a newline) are skipped.
pub fn parse_ann(source: &str) -> Result<Vec<GoldRelation>, usize> {
    let mut spans: HashMap<&str, Fragments> = HashMap::new();
    let mut events: Vec<Vec<(&str, &str)>> = Vec::new();
    for (n, line) in source.lines().enumerate() {
        let mut fields = line.split('\t');
        let id = fields.next().unwrap_or("");
        let Some(body) = fields.next() else { continue };
        let numbered = |prefix: char| {
            id.strip_prefix(prefix)
                .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        };
        if numbered('T') {
            let (_, offsets) = body.split_once(' ').ok_or(n + 1)?;
            spans.insert(id, parse_fragments(offsets).ok_or(n + 1)?);
        } else if numbered('E') {
            let args = body
                .split_whitespace()
                .map(|a| a.split_once(':').ok_or(n + 1))
                .collect::<Result<Vec<_>, _>>()?;
            events.push(args);
        }
    }
    let mut relations = Vec::new();
    for args in events {
        let role = |name: &str| {
            args.iter()
                .find(|(r, _)| *r == name)
                .and_then(|(_, t)| spans.get(t).cloned())
        };
        if let Some(content) = role("Content") {
            relations.push(GoldRelation {
                source: role("Source"),
                cue: role("Cue"),
                content,
            });
        }
    }
    Ok(relations)
}

fn parse_fragments(offsets: &str) -> Option<Fragments> {
    let mut out = Vec::new();
    for part in offsets.split(';') {
        let (a, b) = part.trim().split_once(' ')?;
        out.push((a.parse().ok()?, b.parse().ok()?));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_relations_with_content_and_discontinuous_spans() {
        let ann = "T1\tSource 0 2\the\nT2\tCue 3 7\tsaid\nT3\tContent 8 12;14 20\tx\ny\n\
                   E1\tAttribution:T9 Content:T3 Cue:T2 Source:T1\nE2\tAttribution:T9 Cue:T2\n";
        let rel = parse_ann(ann).unwrap();
        assert_eq!(rel.len(), 1);
        assert_eq!(rel[0].content, vec![(8, 12), (14, 20)]);
        assert_eq!(rel[0].source, Some(vec![(0, 2)]));
    }

    #[test]
    fn first_annotator_is_sorted_first() {
        let files = vec!["a_b_x.ann".to_string(), "a_x.ann".into(), "a_y.ann".into()];
        assert_eq!(first_annotation(&files, "a"), Some("a_x.ann"));
        assert_eq!(first_annotation(&files, "a_b"), Some("a_b_x.ann"));
    }
}
