//! The dynamic oracle of the arc-hybrid system (Goldberg & Nivre 2013).
//!
//! Arc-hybrid is arc-decomposable: the cost of a move is the number of gold
//! arcs that become unreachable by taking it, and a gold arc is reachable
//! as long as neither of its words has left the places from which the arc
//! can still be built. For projective gold trees a zero-cost move always
//! exists and following zero-cost moves reproduces the tree; for
//! non-projective trees the same counts still rank the moves sensibly.

use super::system::{Move, N_MOVES, NONE, State};

/// Cost of each move (`u32::MAX` for invalid ones) given the gold heads
/// (`gold[d]` is the head of token `d`; `gold[0]` is ignored).
pub fn costs(state: &State, gold: &[usize]) -> [u32; N_MOVES] {
    let mut out = [u32::MAX; N_MOVES];
    for m in Move::ALL {
        if state.is_valid(m) {
            out[m as usize] = cost(state, gold, m);
        }
    }
    out
}

fn cost(state: &State, gold: &[usize], m: Move) -> u32 {
    let s0 = state.s(0);
    let b0 = state.b(0);
    let buffer = state.front..=state.n;
    match m {
        Move::Shift => {
            // b0 leaves the buffer: it can no longer take a head deeper in
            // the stack than s0, nor any stack word as a dependent.
            let below_top = &state.stack[..state.stack.len() - 1];
            let head_lost = u32::from(below_top.contains(&gold[b0]));
            let deps_lost = state
                .stack
                .iter()
                .filter(|&&k| k != 0 && gold[k] == b0)
                .count() as u32;
            head_lost + deps_lost
        }
        Move::Left => {
            // s0 gets b0 as head and is gone: any other head in reach (s1 or
            // the rest of the buffer) and its buffer dependents are lost.
            let h = gold[s0];
            let head_lost = u32::from(h != b0 && (h == state.s(1) || (h > b0 && h <= state.n)));
            head_lost + deps_in_buffer(gold, s0, buffer)
        }
        Move::Right => {
            // s0 gets s1 as head: a head in the buffer and its buffer
            // dependents are lost.
            let h = gold[s0];
            let head_lost = u32::from(h != NONE && h >= state.front && h <= state.n);
            head_lost + deps_in_buffer(gold, s0, buffer)
        }
    }
}

fn deps_in_buffer(gold: &[usize], head: usize, buffer: std::ops::RangeInclusive<usize>) -> u32 {
    buffer.filter(|&k| gold[k] == head).count() as u32
}

/// Whether the tree given by `heads` (`heads[d]` for tokens `1..`) is
/// projective: no two arcs cross.
pub fn is_projective(heads: &[usize]) -> bool {
    let arcs: Vec<(usize, usize)> = (1..heads.len())
        .map(|d| (heads[d].min(d), heads[d].max(d)))
        .collect();
    arcs.iter().all(|&(a, b)| {
        arcs.iter()
            .all(|&(c, d)| !((a < c && c < b && b < d) || (c < a && a < d && d < b)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projectivity() {
        // heads[0] unused.
        assert!(is_projective(&[NONE, 2, 0, 2]));
        // 1←3, 2←4 cross.
        assert!(!is_projective(&[NONE, 3, 4, 0, 3]));
    }
}
