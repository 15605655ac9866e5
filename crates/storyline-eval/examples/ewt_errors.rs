//! Prints token and sentence-boundary errors on a CoNLL-U file, for tuning.
//!
//! `cargo run -p storyline-eval --example ewt_errors -- FILE.conllu`

use storyline_eval::{conllu, tokens as eval};
use storyline_text::{segment, tokenize};

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: ewt_errors FILE.conllu");
    let input = std::fs::read_to_string(&path).expect("readable file");
    let sentences = conllu::parse(&input).expect("valid CoNLL-U");
    let gold = eval::gold_text(&sentences);
    let tokens = tokenize(&gold.text);
    let predicted = segment(&gold.text, &tokens);
    let chars: Vec<char> = gold.text.chars().collect();
    let slice = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
    let spans: std::collections::HashSet<(usize, usize)> =
        tokens.iter().map(|t| (t.start, t.end)).collect();
    for &(a, b) in &gold.tokens {
        if !spans.contains(&(a, b)) {
            let ctx = slice(a.saturating_sub(15), (b + 15).min(chars.len()));
            println!("TOKMISS\t{}\t{}", slice(a, b), ctx.replace('\n', "⏎"));
        }
    }
    let gold_ends: std::collections::HashSet<usize> = gold.sentence_ends.iter().copied().collect();
    let pred_ends: std::collections::HashSet<usize> = predicted.iter().map(|s| s.end).collect();
    for &e in &gold.sentence_ends {
        if !pred_ends.contains(&e) {
            let ctx = slice(e.saturating_sub(40), (e + 30).min(chars.len()));
            println!("SENTMISS\t{}", ctx.replace('\n', "⏎"));
        }
    }
    for s in &predicted {
        if !gold_ends.contains(&s.end) {
            let ctx = slice(s.end.saturating_sub(40), (s.end + 30).min(chars.len()));
            println!("SENTFALSE\t{}", ctx.replace('\n', "⏎"));
        }
    }
    println!("{:#?}", eval::evaluate_tokens(&sentences));
}
