//! Constrained Viterbi decoding over BILOU tags.
//!
//! Scores are per-token emission scores plus first-order transition scores;
//! transitions the BILOU scheme forbids (an `I-X` after `O`, a sentence
//! ending inside an entity, …) are never taken, so every output is a
//! well-formed set of entity spans.

use super::tags::{N_TAGS, O, allowed, allowed_end};

/// Row of the transition table used for the start of a sentence.
pub const START: usize = N_TAGS;

/// Finds the best valid tag sequence.
///
/// * `emissions`: `n * N_TAGS` scores, token-major.
/// * `transitions`: `(N_TAGS + 1) * N_TAGS` scores of `prev -> next`, row
///   [`START`] for the first token.
/// * `forced_o`: tokens that may only be `O` (hashtags, URLs); may be empty.
pub fn viterbi(emissions: &[f32], transitions: &[f32], forced_o: &[bool]) -> Vec<usize> {
    let n = emissions.len() / N_TAGS;
    if n == 0 {
        return Vec::new();
    }
    let forced = |i: usize, t: usize| t != O && forced_o.get(i).copied().unwrap_or(false);
    let mut score = vec![f32::NEG_INFINITY; n * N_TAGS];
    let mut back = vec![0u8; n * N_TAGS];
    for t in 0..N_TAGS {
        if allowed(None, t) && !forced(0, t) {
            score[t] = emissions[t] + transitions[START * N_TAGS + t];
        }
    }
    for i in 1..n {
        let (done, rest) = score.split_at_mut(i * N_TAGS);
        let prev = &done[(i - 1) * N_TAGS..];
        let cur = &mut rest[..N_TAGS];
        for t in 0..N_TAGS {
            if forced(i, t) {
                continue;
            }
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for (p, &ps) in prev.iter().enumerate() {
                if ps == f32::NEG_INFINITY || !ALLOWED[p][t] {
                    continue;
                }
                let s = ps + transitions[p * N_TAGS + t];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            if best > f32::NEG_INFINITY {
                cur[t] = best + emissions[i * N_TAGS + t];
                back[i * N_TAGS + t] = arg as u8;
            }
        }
    }
    let last = &score[(n - 1) * N_TAGS..];
    let mut best = O;
    for t in 0..N_TAGS {
        if allowed_end(t) && last[t] > last[best] {
            best = t;
        }
    }
    let mut out = vec![O; n];
    out[n - 1] = best;
    for i in (1..n).rev() {
        out[i - 1] = back[i * N_TAGS + out[i]] as usize;
    }
    out
}

/// `ALLOWED[prev][next]` for tags (not the start row).
static ALLOWED: [[bool; N_TAGS]; N_TAGS] = {
    let mut table = [[false; N_TAGS]; N_TAGS];
    let mut p = 0;
    while p < N_TAGS {
        let mut t = 0;
        while t < N_TAGS {
            table[p][t] = allowed_const(p, t);
            t += 1;
        }
        p += 1;
    }
    table
};

/// `allowed` as a const fn, for the static table.
const fn allowed_const(prev: usize, next: usize) -> bool {
    // Positions: 0 = B, 1 = I, 2 = L, 3 = U.
    let prev_open = prev != O && ((prev - 1).is_multiple_of(4) || (prev - 1) % 4 == 1);
    if prev_open {
        next != O
            && (next - 1) / 4 == (prev - 1) / 4
            && ((next - 1) % 4 == 1 || (next - 1) % 4 == 2)
    } else {
        next == O || (next - 1).is_multiple_of(4) || (next - 1) % 4 == 3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn const_table_matches_rules() {
        for (p, row) in ALLOWED.iter().enumerate() {
            for (t, &ok) in row.iter().enumerate() {
                assert_eq!(ok, allowed(Some(p), t), "{p} {t}");
            }
        }
    }
}
