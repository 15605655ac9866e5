//! Tests of the dependency parser: the transition system and its oracle on
//! a small inline treebank, tree validity of every prediction and model
//! files (training on `../shared/data` and the shipped model are tested in
//! `storyline-eval`).

use proptest::prelude::*;
use storyline_nlp::parser::{Move, NONE, Parser, State, TrainOptions, costs, is_projective};
use storyline_nlp::treebank::{TreebankSentence, Word};

/// Small hand-written sentences in CoNLL-U's columns: left and right arcs,
/// subtypes, one non-projective tree (the last).
const TREEBANK: &str = "\
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tenvoy\tenvoy\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tarrived\tarrive\tVERB\tVBD\t_\t0\troot\t_\t_
4\tyesterday\tyesterday\tNOUN\tNN\t_\t3\tobl:tmod\t_\t_
5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\tgave\tgive\tVERB\tVBD\t_\t0\troot\t_\t_
3\tup\tup\tADP\tRP\t_\t2\tcompound:prt\t_\t_
4\ther\ther\tPRON\tPRP$\t_\t5\tnmod:poss\t_\t_
5\tseat\tseat\tNOUN\tNN\t_\t2\tobj\t_\t_
6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tMinisters\tminister\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthat\tthat\tSCONJ\tIN\t_\t6\tmark\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
5\tplan\tplan\tNOUN\tNN\t_\t6\tnsubj\t_\t_
6\tfailed\tfail\tVERB\tVBD\t_\t2\tccomp\t_\t_
7\tin\tin\tADP\tIN\t_\t8\tcase\t_\t_
8\tMay\tMay\tPROPN\tNNP\t_\t6\tobl\t_\t_
9\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tRain\train\tNOUN\tNN\t_\t0\troot\t_\t_

1\tVery\tvery\tADV\tRB\t_\t2\tadvmod\t_\t_
2\told\told\tADJ\tJJ\t_\t3\tamod\t_\t_
3\tbridges\tbridge\tNOUN\tNNS\t_\t4\tnsubj\t_\t_
4\tcollapse\tcollapse\tVERB\tVBP\t_\t0\troot\t_\t_
5\tand\tand\tCCONJ\tCC\t_\t6\tcc\t_\t_
6\tfall\tfall\tVERB\tVBP\t_\t4\tconj\t_\t_
7\tquickly\tquickly\tADV\tRB\t_\t6\tadvmod\t_\t_

1\tWe\twe\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_
3\ta\ta\tDET\tDT\t_\t4\tdet\t_\t_
4\tman\tman\tNOUN\tNN\t_\t2\tobj\t_\t_
5\tyesterday\tyesterday\tNOUN\tNN\t_\t2\tobl:tmod\t_\t_
6\twho\twho\tPRON\tWP\t_\t7\tnsubj\t_\t_
7\tsings\tsing\tVERB\tVBZ\t_\t4\tacl:relcl\t_\t_
";

/// The sentences of [`TREEBANK`] (blank-line separated; columns id, form,
/// lemma, upos, xpos, feats, head, deprel, deps, misc).
fn treebank() -> Vec<TreebankSentence> {
    TREEBANK
        .split("\n\n")
        .map(|block| TreebankSentence {
            words: block
                .lines()
                .map(|line| {
                    let cols: Vec<&str> = line.split('\t').collect();
                    Word {
                        form: cols[1].into(),
                        lemma: cols[2].into(),
                        upos: cols[3].into(),
                        xpos: cols[4].into(),
                        head: cols[6].parse().expect("numeric head"),
                        deprel: cols[7].into(),
                        no_space_after: false,
                    }
                })
                .collect(),
            ..TreebankSentence::default()
        })
        .collect()
}

fn gold_heads(s: &TreebankSentence) -> Vec<usize> {
    std::iter::once(NONE)
        .chain(s.words.iter().map(|w| w.head))
        .collect()
}

/// Follows the cheapest valid move (first in Left, Right, Shift order)
/// until the end; returns the heads and the summed cost of the moves.
fn follow_oracle(gold: &[usize]) -> (Vec<usize>, u32) {
    let mut state = State::default();
    state.reset(gold.len() - 1);
    let mut total = 0;
    while !state.is_terminal() {
        let c = costs(&state, gold);
        let best = [Move::Left, Move::Right, Move::Shift]
            .into_iter()
            .min_by_key(|&m| c[m as usize])
            .expect("moves");
        total += c[best as usize];
        state.apply(best, 0);
    }
    (state.heads.clone(), total)
}

#[test]
fn oracle_reproduces_projective_gold_trees() {
    let sentences = treebank();
    let projective: Vec<_> = sentences
        .iter()
        .filter(|s| is_projective(&gold_heads(s)))
        .collect();
    assert_eq!(
        projective.len(),
        sentences.len() - 1,
        "one tree is non-projective"
    );
    for s in projective {
        let gold = gold_heads(s);
        let (heads, total) = follow_oracle(&gold);
        assert_eq!(heads[1..], gold[1..], "{:?}", s.text);
        assert_eq!(total, 0);
    }
}

#[test]
fn non_projective_tree_still_gets_a_full_tree_with_bounded_loss() {
    let sentences = treebank();
    let s = sentences.last().expect("sentences");
    let gold = gold_heads(s);
    assert!(!is_projective(&gold));
    let (heads, total) = follow_oracle(&gold);
    assert_valid_tree(&heads[1..]);
    let wrong = (1..gold.len()).filter(|&d| heads[d] != gold[d]).count() as u32;
    // Only the crossing arc is lost, and the oracle's costs account for it.
    assert_eq!(wrong, 1);
    assert!(total <= wrong);
}

/// The static oracle of arc-hybrid: attach s0 once it has collected all its
/// dependents, to b0 (Left) or s1 (Right); otherwise shift.
fn static_oracle(state: &State, gold: &[usize]) -> Move {
    let s0 = state.s(0);
    let done = |h: usize| (1..gold.len()).all(|d| gold[d] != h || state.heads[d] == h);
    if state.stack.len() >= 2 && done(s0) {
        if !state.buffer_empty() && gold[s0] == state.b(0) {
            return Move::Left;
        }
        if gold[s0] == state.s(1) && state.is_valid(Move::Right) {
            return Move::Right;
        }
    }
    Move::Shift
}

#[test]
fn gold_transitions_cost_nothing() {
    for s in treebank().iter().filter(|s| is_projective(&gold_heads(s))) {
        let gold = gold_heads(s);
        let mut state = State::default();
        state.reset(s.words.len());
        while !state.is_terminal() {
            let m = static_oracle(&state, &gold);
            assert!(state.is_valid(m));
            assert_eq!(costs(&state, &gold)[m as usize], 0, "{m:?} in {:?}", s.text);
            state.apply(m, 0);
        }
        assert_eq!(state.heads[1..], gold[1..]);
    }
}

proptest! {
    /// Arc-decomposition: whatever (valid) moves are taken, the arcs lost
    /// at the end equal the summed costs of the moves.
    #[test]
    fn costs_add_up_to_the_final_loss(choices in prop::collection::vec(0usize..3, 0..40), which in 0usize..5) {
        let sentences = treebank();
        let s = &sentences[which];
        let gold = gold_heads(s);
        let mut state = State::default();
        state.reset(s.words.len());
        let mut total = 0;
        let mut choices = choices.into_iter();
        while !state.is_terminal() {
            let c = costs(&state, &gold);
            let valid: Vec<Move> = Move::ALL.into_iter().filter(|&m| state.is_valid(m)).collect();
            let m = match choices.next() {
                Some(k) => valid[k % valid.len()],
                None => *valid.iter().min_by_key(|&&m| c[m as usize]).expect("valid"),
            };
            total += c[m as usize];
            state.apply(m, 0);
        }
        let lost = (1..gold.len()).filter(|&d| state.heads[d] != gold[d]).count() as u32;
        prop_assert_eq!(lost, total);
    }
}

fn assert_valid_tree(heads: &[usize]) {
    let n = heads.len();
    assert_eq!(heads.iter().filter(|&&h| h == 0).count(), 1, "{heads:?}");
    for (i, &h) in heads.iter().enumerate() {
        assert!(h <= n && h != i + 1, "{heads:?}");
        // Walking up from every word reaches the root without a cycle.
        let (mut node, mut steps) = (i + 1, 0);
        while node != 0 {
            node = heads[node - 1];
            steps += 1;
            assert!(steps <= n, "cycle in {heads:?}");
        }
    }
}

fn tiny_parser() -> Parser {
    let sentences = treebank();
    let opts = TrainOptions {
        epochs: 8,
        seed: 3,
        ..Default::default()
    };
    Parser::train(&sentences, &sentences, &opts)
        .expect("trains")
        .0
}

fn parse_sentence<'p>(parser: &'p Parser, s: &TreebankSentence) -> Vec<(usize, &'p str)> {
    let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
    let upos: Vec<&str> = s.words.iter().map(|w| w.upos.as_str()).collect();
    let xpos: Vec<&str> = s.words.iter().map(|w| w.xpos.as_str()).collect();
    parser.parse(&words, &upos, &xpos)
}

#[test]
fn tiny_parser_learns_its_treebank_and_keeps_subtypes() {
    let parser = tiny_parser();
    assert!(parser.labels().iter().any(|l| l == "compound:prt"));
    let sentences = treebank();
    let (mut right, mut total) = (0, 0);
    for s in &sentences {
        let tree = parse_sentence(&parser, s);
        assert_valid_tree(&tree.iter().map(|t| t.0).collect::<Vec<_>>());
        for (w, (h, l)) in s.words.iter().zip(&tree) {
            right += usize::from(w.head == *h && w.deprel == *l);
            total += 1;
        }
    }
    assert!(
        right * 10 >= total * 8,
        "LAS {right}/{total} on its own training data"
    );
}

#[test]
fn save_load_round_trip() {
    let parser = tiny_parser();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("parser.bin");
    parser.save(&path).expect("saves");
    let loaded = Parser::load(&path).expect("loads");
    let from_bytes = Parser::from_bytes(&std::fs::read(&path).expect("reads")).expect("decodes");
    for s in &treebank() {
        let expected = parse_sentence(&parser, s);
        assert_eq!(parse_sentence(&loaded, s), expected);
        assert_eq!(parse_sentence(&from_bytes, s), expected);
    }
    assert!(Parser::from_bytes(b"not a model").is_err());
    assert!(Parser::load(&dir.path().join("missing.bin")).is_err());
}

#[test]
fn empty_sentence_parses_to_nothing() {
    assert!(tiny_parser().parse(&[], &[], &[]).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Whatever the words and tags, the output is one tree: one root
    /// labelled `root`, heads in range, no cycles.
    #[test]
    fn every_prediction_is_a_tree(
        words in prop::collection::vec("[a-zA-Z.,]{1,6}", 1..30),
        tag_ix in prop::collection::vec(0usize..8, 30),
    ) {
        let parser = tiny_parser_cached();
        const TAGS: [(&str, &str); 8] = [
            ("DET", "DT"), ("NOUN", "NN"), ("VERB", "VBD"), ("PUNCT", "."),
            ("PRON", "PRP"), ("ADP", "IN"), ("ADJ", "JJ"), ("X", "FOO"),
        ];
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let upos: Vec<&str> = (0..refs.len()).map(|i| TAGS[tag_ix[i]].0).collect();
        let xpos: Vec<&str> = (0..refs.len()).map(|i| TAGS[tag_ix[i]].1).collect();
        let tree = parser.parse(&refs, &upos, &xpos);
        prop_assert_eq!(tree.len(), refs.len());
        let heads: Vec<usize> = tree.iter().map(|t| t.0).collect();
        assert_valid_tree(&heads);
        for &(h, l) in &tree {
            prop_assert_eq!(h == 0, l == "root");
        }
    }
}

fn tiny_parser_cached() -> &'static Parser {
    static PARSER: std::sync::OnceLock<Parser> = std::sync::OnceLock::new();
    PARSER.get_or_init(tiny_parser)
}
