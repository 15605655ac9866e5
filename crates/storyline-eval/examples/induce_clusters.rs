//! Induces word clusters for the tagger from unlabelled text.
//!
//! ```text
//! cargo run --release -p storyline-eval --example induce_clusters -- \
//!     DATA_DIR OUT.bin [CLASSES,..] [MIN_COUNT] [SEED]
//! ```
//!
//! Defaults: classes `1024,256,64,16`, min count 2, seed 1.
//!
//! `DATA_DIR` is the shared data directory; only training text is read:
//! the word forms of `ud-en-ewt/train.conllu`, the first column of
//! `conll2003/train.txt` and the raw texts `polnear/train/text/*.txt`
//! (tokenised and split into sentences by `storyline_text::analyse`).
//! Set `EXACT=1` to cluster forms as written instead of case-folded.

use std::path::Path;
use std::time::Instant;

use storyline_eval::conllu;
use storyline_nlp::clusters::{self, ClusterOptions};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: induce_clusters DATA_DIR OUT [CLASSES,..] [MIN_COUNT] [SEED]");
        std::process::exit(2);
    }
    let data = Path::new(&args[0]);
    let defaults = ClusterOptions::default();
    let arg = |i: usize| args.get(i).map(String::as_str);
    let opts = ClusterOptions {
        classes: arg(2).map_or(defaults.classes.clone(), |s| {
            s.split(',').map(|k| k.parse().expect("classes")).collect()
        }),
        min_count: arg(3).map_or(defaults.min_count, |s| s.parse().expect("min count")),
        seed: arg(4).map_or(defaults.seed, |s| s.parse().expect("seed")),
        lowercase: std::env::var_os("EXACT").is_none(),
        verbose: true,
        ..defaults
    };
    let start = Instant::now();
    let mut sentences: Vec<Vec<String>> = Vec::new();
    // UD English EWT train: word forms only.
    let ewt = conllu::parse(&read(&data.join("ud-en-ewt/train.conllu"))).expect("EWT train");
    sentences.extend(
        ewt.iter()
            .map(|s| s.words.iter().map(|w| w.form.clone()).collect()),
    );
    let n_ewt = sentences.len();
    // CoNLL-2003 train: first column, blank lines between sentences.
    let mut current = Vec::new();
    for line in read(&data.join("conll2003/train.txt")).lines() {
        let form = line.split_whitespace().next();
        match form {
            None => {
                if !current.is_empty() {
                    sentences.push(std::mem::take(&mut current));
                }
            }
            Some("-DOCSTART-") => {}
            Some(form) => current.push(form.to_string()),
        }
    }
    if !current.is_empty() {
        sentences.push(current);
    }
    let n_conll = sentences.len() - n_ewt;
    // PolNeAR train texts, in file-name order.
    let mut files: Vec<_> = std::fs::read_dir(data.join("polnear/train/text"))
        .expect("PolNeAR train texts")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    for file in &files {
        let text = read(file);
        let (tokens, sents) = storyline_text::analyse(&text);
        sentences.extend(sents.iter().map(|s| {
            tokens[s.tokens.clone()]
                .iter()
                .map(|t| t.text(&text).to_string())
                .collect()
        }));
    }
    let n_tokens: usize = sentences.iter().map(Vec::len).sum();
    eprintln!(
        "read {} sentences ({n_ewt} EWT, {n_conll} CoNLL, {} PolNeAR from {} files), {n_tokens} tokens ({:.1}s)",
        sentences.len(),
        sentences.len() - n_ewt - n_conll,
        files.len(),
        start.elapsed().as_secs_f64()
    );
    let clusters = clusters::induce(&sentences, &opts);
    let out = Path::new(&args[1]);
    clusters.save(out).expect("save");
    let size = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "{} words, levels {:?}; saved {size} bytes ({:.1}s)",
        clusters.len(),
        clusters.sizes(),
        start.elapsed().as_secs_f64()
    );
    // A glimpse of the fine clusters of some frequent words.
    let mut by_class: std::collections::BTreeMap<u16, Vec<&str>> = Default::default();
    for (w, path) in clusters.iter() {
        let members = by_class.entry(path[0]).or_default();
        if members.len() < 12 {
            members.push(w);
        }
    }
    for (c, members) in by_class.iter().take(20) {
        eprintln!("  {c}: {}", members.join(" "));
    }
}
