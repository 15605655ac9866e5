//! Reader of Timeline17 (Tran et al. 2013, as prepared for news-tls): the
//! articles of each topic by publication date, and the journalists' gold
//! timelines.
//!
//! Layout: `DIR/TOPIC/InputDocs/YYYY-MM-DD/N.htm.txt` (one article, PTB
//! tokenised, a sentence or paragraph a line) and `DIR/TOPIC/timelines/*.txt`
//! (entries of a `YYYY-MM-DD` line, summary lines and a line of dashes).
//! Files are read as bytes and decoded as lossy UTF-8; empty files give
//! empty texts.
//!
//! Text is detokenised by [`detokenize`]. In a timeline file, an entry
//! whose date line is not a valid `YYYY-MM-DD` date (one gold file has
//! `2011-04-0`) is skipped with its summary lines; entries of the same date
//! are merged (summaries in file order) and entries are sorted by date.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::detok::{Detokenizer, Options};

/// One input article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct T17Article {
    /// The article file.
    pub path: PathBuf,
    /// The publication date `YYYY-MM-DD`, from the folder name.
    pub date: String,
    /// The detokenised text.
    pub text: String,
}

/// One gold timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct T17Timeline {
    /// The file name without `.txt` (e.g. `bbc`).
    pub name: String,
    /// `(YYYY-MM-DD, summary sentences)`, dates ascending and distinct;
    /// sentences detokenised.
    pub entries: Vec<(String, Vec<String>)>,
}

/// One topic: its articles and gold timelines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct T17Topic {
    /// The folder name (e.g. `bpoil_bbc`).
    pub name: String,
    /// The articles, by date and then file number.
    pub articles: Vec<T17Article>,
    /// The gold timelines, by file name.
    pub timelines: Vec<T17Timeline>,
}

/// Turns PTB-tokenised text into ordinary English: `It 's` → `It's`,
/// `do n't` → `don't`, ``` `` ```/`''` → `"`, `-LRB-` → `(`, `$ 8bn` →
/// `$8bn`, `11 %` → `11%`, no space before `, . ; : ! ?` and closing
/// brackets or quotes. Each input line is detokenised on its own (quotation
/// state carries over from line to line) and the lines are joined with
/// `\n`; runs of three or more newlines become two, and the text is
/// trimmed at both ends.
pub fn detokenize(ptb: &str) -> String {
    let mut detok = Detokenizer::new(Options::default());
    let lines: Vec<String> = ptb
        .lines()
        .map(|line| {
            let tokens: Vec<&str> = line.split_whitespace().collect();
            detok.sentence(&tokens)
        })
        .collect();
    let mut out = String::with_capacity(ptb.len());
    let mut newlines = 0;
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            newlines += 1;
        }
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            for _ in 0..newlines.min(2) {
                out.push('\n');
            }
        }
        newlines = 0;
        out.push_str(line);
    }
    out
}

fn read_lossy(path: &Path) -> Result<String, String> {
    std::fs::read(path)
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        paths.push(entry.map_err(|e| format!("{}: {e}", dir.display()))?.path());
    }
    paths.sort();
    Ok(paths)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The valid `YYYY-MM-DD` date of a line, normalised.
fn parse_date(line: &str) -> Option<String> {
    let line = line.trim();
    if line.len() != 10 {
        return None;
    }
    line.parse::<jiff::civil::Date>()
        .ok()
        .map(|d| d.to_string())
}

fn is_separator(line: &str) -> bool {
    let line = line.trim();
    line.len() >= 3 && line.bytes().all(|b| b == b'-')
}

/// Parses a gold timeline file's text (see the module docs).
pub fn parse_timeline(name: &str, text: &str) -> T17Timeline {
    let mut entries: BTreeMap<String, Vec<String>> = BTreeMap::new();
    // None: expecting a date line; Some(None): inside a skipped entry.
    let mut current: Option<Option<String>> = None;
    let mut detok = Detokenizer::new(Options::default());
    for line in text.lines() {
        if line.trim().is_empty() {
            continue;
        }
        if is_separator(line) {
            current = None;
            continue;
        }
        match &current {
            None => {
                let date = parse_date(line);
                if let Some(date) = &date {
                    entries.entry(date.clone()).or_default();
                }
                current = Some(date);
            }
            Some(Some(date)) => {
                let tokens: Vec<&str> = line.split_whitespace().collect();
                let sentence = detok.sentence(&tokens);
                entries.entry(date.clone()).or_default().push(sentence);
            }
            Some(None) => {}
        }
    }
    T17Timeline {
        name: name.to_string(),
        entries: entries.into_iter().collect(),
    }
}

/// The leading number of an article file name (`1622.htm.txt` → 1622).
fn file_number(name: &str) -> u64 {
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap_or(u64::MAX)
}

/// Reads one topic folder (with `InputDocs/` and `timelines/`).
pub fn read_topic(dir: &Path) -> Result<T17Topic, String> {
    let inputs = dir.join("InputDocs");
    let mut articles = Vec::new();
    for day in sorted_entries(&inputs)? {
        if !day.is_dir() {
            continue;
        }
        let date = file_name(&day);
        let mut files: Vec<(u64, String, PathBuf)> = sorted_entries(&day)?
            .into_iter()
            .filter(|p| p.is_file())
            .map(|p| {
                let name = file_name(&p);
                (file_number(&name), name, p)
            })
            .collect();
        files.sort();
        for (_, _, path) in files {
            let text = detokenize(&read_lossy(&path)?);
            articles.push(T17Article {
                path,
                date: date.clone(),
                text,
            });
        }
    }
    articles.sort_by(|a, b| a.date.cmp(&b.date));
    let mut timelines = Vec::new();
    for path in sorted_entries(&dir.join("timelines"))? {
        let name = file_name(&path);
        if !path.is_file() || !name.ends_with(".txt") {
            continue;
        }
        let stem = name.trim_end_matches(".txt");
        timelines.push(parse_timeline(stem, &read_lossy(&path)?));
    }
    Ok(T17Topic {
        name: file_name(dir),
        articles,
        timelines,
    })
}

/// Reads every topic under `dir` (each subfolder with `InputDocs/` and
/// `timelines/`), sorted by name.
pub fn read_topics(dir: &Path) -> Result<Vec<T17Topic>, String> {
    let mut topics = Vec::new();
    for path in sorted_entries(dir)? {
        if path.join("InputDocs").is_dir() && path.join("timelines").is_dir() {
            topics.push(read_topic(&path)?);
        }
    }
    Ok(topics)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn detokenizes_ptb() {
        assert_eq!(
            detokenize("It 's `` effectively dead '' , says the official -LRB- Adm Allen -RRB- ."),
            "It's \"effectively dead\", says the official (Adm Allen)."
        );
        assert_eq!(
            detokenize("The cost has risen to $ 8bn , up 11 % ; we do n't know ."),
            "The cost has risen to $8bn, up 11%; we don't know."
        );
        assert_eq!(
            detokenize(
                "They 're here -LSB- sic -RSB- , I 'm sure -LCB- x -RCB- : you 've seen ! Why ?"
            ),
            "They're here [sic], I'm sure {x}: you've seen! Why?"
        );
        assert_eq!(
            detokenize("One .\nTwo .\n\n\n\nThree .\n"),
            "One.\nTwo.\n\nThree."
        );
        assert_eq!(detokenize(""), "");
        assert_eq!(detokenize("  \n \n"), "");
    }

    #[test]
    fn timeline_file() {
        let text = "2010-09-19\nThe well is `` dead '' .\n-----\n2010-09-08\nBP 's report .\n\
                    ------\n2011-04-0\nBroken date .\n-----\n2010-09-19\nAgain .\n----------\n";
        let tl = parse_timeline("bbc", text);
        assert_eq!(tl.name, "bbc");
        assert_eq!(
            tl.entries,
            vec![
                ("2010-09-08".to_string(), vec!["BP's report.".to_string()]),
                (
                    "2010-09-19".to_string(),
                    vec!["The well is \"dead\".".to_string(), "Again.".to_string()]
                ),
            ]
        );
        assert!(parse_timeline("x", "").entries.is_empty());
    }

    #[test]
    fn reads_topic_folders() {
        let dir = tempfile::tempdir().unwrap();
        let topic = dir.path().join("oil");
        for (date, file, text) in [
            ("2010-05-02", "10.htm.txt", "B ."),
            ("2010-05-02", "9.htm.txt", "A ."),
            ("2010-04-30", "500.htm.txt", ""),
        ] {
            let folder = topic.join("InputDocs").join(date);
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join(file), text).unwrap();
        }
        std::fs::write(topic.join("InputDocs/2010-05-02/bad.htm.txt"), b"caf\xe9 .").unwrap();
        std::fs::create_dir_all(topic.join("timelines")).unwrap();
        std::fs::write(topic.join("timelines/t.txt"), "2010-05-02\nX .\n-----\n").unwrap();
        std::fs::create_dir_all(dir.path().join("not_a_topic")).unwrap();

        let topics = read_topics(dir.path()).unwrap();
        assert_eq!(topics.len(), 1);
        let t = &topics[0];
        assert_eq!(t.name, "oil");
        let got: Vec<(&str, &str)> = t
            .articles
            .iter()
            .map(|a| (a.date.as_str(), a.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("2010-04-30", ""),
                ("2010-05-02", "A."),
                ("2010-05-02", "B."),
                ("2010-05-02", "caf\u{fffd}.")
            ]
        );
        assert_eq!(t.timelines.len(), 1);
        assert_eq!(
            t.timelines[0].entries,
            vec![("2010-05-02".to_string(), vec!["X.".to_string()])]
        );
    }

    proptest! {
        /// Letters and digits survive (PTB bracket names aside), and there
        /// are no double spaces or 3+ newlines.
        #[test]
        fn detokenize_keeps_words(
            lines in prop::collection::vec(
                prop::collection::vec(
                    "[A-Za-z0-9]{1,6}|[,.;:!?%$\"-]|``|''|'s|n't|'ll|-LRB-|-RRB-|-LSB-|-RSB-",
                    0..10,
                ),
                0..6,
            )
        ) {
            let text: String = lines.iter().map(|l| l.join(" ") + "\n").collect();
            let out = detokenize(&text);
            let alnum = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
            let expected: String = lines
                .iter()
                .flatten()
                .filter(|t| !t.starts_with("-L") && !t.starts_with("-R"))
                .map(|t| alnum(t))
                .collect();
            prop_assert_eq!(alnum(&out), expected);
            prop_assert!(!out.contains("  "));
            prop_assert!(!out.contains("\n\n\n"));
        }

        #[test]
        fn timeline_dates_sorted_and_distinct(
            days in prop::collection::vec((1u32..=28, prop::collection::vec("[a-z]{1,5}", 0..3)), 0..8)
        ) {
            let text: String = days
                .iter()
                .map(|(d, lines)| format!("2010-01-{d:02}\n{}\n-----\n", lines.join("\n")))
                .collect();
            let tl = parse_timeline("p", &text);
            prop_assert!(tl.entries.windows(2).all(|w| w[0].0 < w[1].0));
            let total: usize = days.iter().map(|(_, l)| l.len()).sum();
            prop_assert_eq!(tl.entries.iter().map(|(_, s)| s.len()).sum::<usize>(), total);
        }
    }
}
