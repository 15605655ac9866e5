//! Which PolNeAR **train** relations no cue candidate can reach:
//! `attribution_coverage ../shared/data/polnear/train > report.txt`.
//! Prints one line per unreachable relation with a category, and counts.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use storyline_eval::polnear;
use storyline_extract::Pipeline;
use storyline_extract::quotes::learn;
use storyline_extract::quotes::overlap::jaccard;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .ok_or("usage: attribution_coverage DIR")?,
    );
    let pipeline = Pipeline::shipped()?;
    let texts = polnear::read_dir(&dir)?;
    let lines: Vec<(String, String)> = texts
        .par_iter()
        .flat_map_iter(|t| {
            let analysis = pipeline.analyse(&t.text);
            let inst = learn::instances(&analysis, &t.relations);
            let chars: Vec<char> = t.text.chars().collect();
            let s = |f: &[(usize, usize)]| {
                f.iter()
                    .map(|&(a, b)| chars[a..b.min(chars.len())].iter().collect::<String>())
                    .collect::<Vec<_>>()
                    .join(" … ")
                    .replace('\n', " ")
            };
            let mut out = Vec::new();
            for g in &t.relations {
                let cue_tokens: Vec<usize> = g
                    .cue
                    .iter()
                    .flatten()
                    .flat_map(|&(a, b)| {
                        analysis
                            .tokens
                            .iter()
                            .enumerate()
                            .filter(move |(_, tk)| tk.start >= a && tk.end <= b)
                            .map(|(i, _)| i)
                    })
                    .collect();
                let best_of = |ins: &learn::Instance| {
                    ins.contents
                        .iter()
                        .map(|c| {
                            let f = vec![(
                                analysis.tokens[c.span.0].start,
                                analysis.tokens[c.span.1].end,
                            )];
                            (jaccard(&f, &g.content), c.span)
                        })
                        .max_by(|a, b| a.0.total_cmp(&b.0))
                };
                let at_cue: Vec<&learn::Instance> = inst
                    .iter()
                    .filter(|i| cue_tokens.contains(&i.token))
                    .collect();
                let ok_at_cue = at_cue
                    .iter()
                    .any(|i| best_of(i).is_some_and(|b| b.0 >= 0.5));
                if ok_at_cue {
                    out.push(("ok".to_string(), String::new()));
                    continue;
                }
                let others: Vec<String> = inst
                    .iter()
                    .filter(|i| best_of(i).is_some_and(|b| b.0 >= 0.5))
                    .map(|i| {
                        format!(
                            "{}/{}/{}",
                            analysis.token_text(i.token),
                            analysis.tag(i.token).deprel,
                            i.frame.name()
                        )
                    })
                    .collect();
                let elsewhere = !others.is_empty();
                let cat = if g.cue.is_none() {
                    "nocue".to_string()
                } else if cue_tokens.is_empty() {
                    "cue-not-token".to_string()
                } else if at_cue.is_empty() {
                    let tags: Vec<String> = cue_tokens
                        .iter()
                        .map(|&i| format!("{}/{}", analysis.tag(i).upos, analysis.tag(i).deprel))
                        .collect();
                    let head = cue_tokens
                        .iter()
                        .copied()
                        .find(|&i| analysis.tag(i).upos == "VERB")
                        .unwrap_or(cue_tokens[0]);
                    let quotes = storyline_extract::quotes::marks::find(&analysis);
                    let kids: Vec<String> = analysis
                        .children(head)
                        .filter(|&c| analysis.tag(c).deprel != "punct")
                        .map(|c| {
                            let q = if quotes.region(c).is_some() { "Q" } else { "" };
                            let side = if c < head { "<" } else { ">" };
                            format!("{side}{}{q}", analysis.tag(c).deprel)
                        })
                        .collect();
                    format!("no-candidate {} KIDS {}", tags.join(" "), kids.join(","))
                } else {
                    let frames: Vec<&str> = at_cue.iter().map(|i| i.frame.name()).collect();
                    format!("bad-content {}", frames.join(","))
                };
                let cat = if elsewhere {
                    format!("{cat} (elsewhere)")
                } else {
                    cat
                };
                let best = at_cue
                    .iter()
                    .filter_map(|i| best_of(i))
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(j, (a, b))| {
                        format!(
                            "{j:.2} [{}]",
                            s(&[(analysis.tokens[a].start, analysis.tokens[b].end)])
                        )
                    })
                    .unwrap_or_default();
                let line = format!(
                    "{}\t{}\tSRC[{}] CUE[{}] CONTENT[{}]\n\tBEST {} OTHERS {}",
                    t.name,
                    cat,
                    g.source.as_ref().map(|f| s(f)).unwrap_or_default(),
                    g.cue.as_ref().map(|f| s(f)).unwrap_or_default(),
                    s(&g.content),
                    best,
                    others.join(" ")
                );
                out.push((cat, line));
            }
            out
        })
        .collect();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (cat, line) in &lines {
        let key = cat.split(' ').next().unwrap_or("").to_string()
            + if cat.ends_with("(elsewhere)") {
                " (elsewhere)"
            } else {
                ""
            };
        *counts.entry(key).or_default() += 1;
        if !line.is_empty() {
            println!("{line}");
        }
    }
    for (k, v) in counts {
        eprintln!("{k:30} {v}");
    }
    Ok(())
}
