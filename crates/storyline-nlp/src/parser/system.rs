//! The arc-hybrid transition system (Kuhlmann et al. 2011) with the root
//! token at the bottom of the stack.
//!
//! Arc-hybrid is chosen over arc-eager because every terminal configuration
//! is a complete tree (no leftover stack words to patch up) and its dynamic
//! oracle is simple. A single root is enforced by allowing the arc from the
//! root token only when the buffer is empty, so the last move always makes
//! exactly one word the root.

/// "No token" in child and head slots.
pub const NONE: usize = usize::MAX;

/// An unlabelled transition; the label is chosen by a separate classifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Push the front of the buffer onto the stack.
    Shift = 0,
    /// Pop s0 and make it a dependent of b0.
    Left = 1,
    /// Pop s0 and make it a dependent of s1.
    Right = 2,
}

/// Number of moves (classes of the transition classifier).
pub const N_MOVES: usize = 3;

impl Move {
    /// All moves, indexed by their class number.
    pub const ALL: [Move; N_MOVES] = [Move::Shift, Move::Left, Move::Right];
}

/// A parser configuration over a sentence of `n` words; token 0 is the root
/// and words are tokens `1..=n`.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// Number of words.
    pub n: usize,
    /// The stack, bottom first; always starts with the root token 0.
    pub stack: Vec<usize>,
    /// Index of the first buffer word; the buffer is `front..=n`.
    pub front: usize,
    /// Head per token (`NONE` until attached).
    pub heads: Vec<usize>,
    /// Label id per token (meaningful once attached).
    pub labels: Vec<u16>,
    /// Leftmost and second-leftmost child per token.
    pub left: Vec<[usize; 2]>,
    /// Rightmost and second-rightmost child per token.
    pub right: Vec<[usize; 2]>,
    /// Number of left and right children per token.
    pub valency: Vec<[u8; 2]>,
    /// Bit sets of the labels of left and right children (label id mod 64).
    pub label_sets: Vec<[u64; 2]>,
}

impl State {
    /// Resets the state for a sentence of `n` words, reusing the buffers.
    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.stack.push(0);
        self.front = 1;
        let len = n + 1;
        self.heads.clear();
        self.heads.resize(len, NONE);
        self.labels.clear();
        self.labels.resize(len, 0);
        self.left.clear();
        self.left.resize(len, [NONE; 2]);
        self.right.clear();
        self.right.resize(len, [NONE; 2]);
        self.valency.clear();
        self.valency.resize(len, [0; 2]);
        self.label_sets.clear();
        self.label_sets.resize(len, [0; 2]);
    }

    /// Whether parsing is finished.
    pub fn is_terminal(&self) -> bool {
        self.front > self.n && self.stack.len() == 1
    }

    /// The `i`-th stack element from the top (0 = s0), or `NONE`.
    #[inline]
    pub fn s(&self, i: usize) -> usize {
        if i < self.stack.len() {
            self.stack[self.stack.len() - 1 - i]
        } else {
            NONE
        }
    }

    /// The `i`-th buffer word (0 = b0), or `NONE`.
    #[inline]
    pub fn b(&self, i: usize) -> usize {
        let j = self.front + i;
        if j <= self.n { j } else { NONE }
    }

    /// Whether the buffer is empty.
    #[inline]
    pub fn buffer_empty(&self) -> bool {
        self.front > self.n
    }

    /// Whether `m` is allowed here.
    pub fn is_valid(&self, m: Move) -> bool {
        match m {
            Move::Shift => !self.buffer_empty(),
            // The root token never becomes a dependent.
            Move::Left => self.stack.len() >= 2 && !self.buffer_empty(),
            // An arc from the root only as the very last move: one root word.
            Move::Right => self.stack.len() >= 3 || (self.stack.len() == 2 && self.buffer_empty()),
        }
    }

    /// Validity of every move, indexed by class.
    pub fn valid_moves(&self) -> [bool; N_MOVES] {
        Move::ALL.map(|m| self.is_valid(m))
    }

    /// The (head, dependent) arc `m` would add, if any.
    pub fn arc(&self, m: Move) -> Option<(usize, usize)> {
        match m {
            Move::Shift => None,
            Move::Left => Some((self.b(0), self.s(0))),
            Move::Right => Some((self.s(1), self.s(0))),
        }
    }

    /// Applies a valid move; `label` is used by arc moves.
    pub fn apply(&mut self, m: Move, label: u16) {
        match m {
            Move::Shift => {
                self.stack.push(self.front);
                self.front += 1;
            }
            Move::Left | Move::Right => {
                let (head, dep) = self.arc(m).expect("arc move");
                self.stack.pop();
                self.attach(head, dep, label);
            }
        }
    }

    fn attach(&mut self, head: usize, dep: usize, label: u16) {
        self.heads[dep] = head;
        self.labels[dep] = label;
        let side = usize::from(dep > head);
        self.valency[head][side] = self.valency[head][side].saturating_add(1);
        self.label_sets[head][side] |= 1u64 << (label % 64);
        // Keep the two outermost children on each side, whatever the order
        // they were attached in.
        let slots = if side == 0 {
            &mut self.left[head]
        } else {
            &mut self.right[head]
        };
        let outer = |a: usize, b: usize| {
            if a == NONE {
                false
            } else if b == NONE {
                true
            } else if side == 0 {
                a < b
            } else {
                a > b
            }
        };
        if outer(dep, slots[0]) {
            slots[1] = slots[0];
            slots[0] = dep;
        } else if outer(dep, slots[1]) {
            slots[1] = dep;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn always_some_valid_move_until_terminal() {
        let mut s = State::default();
        s.reset(4);
        let mut steps = 0;
        while !s.is_terminal() {
            let valid = s.valid_moves();
            // Prefer Right, then Left, to exercise the root rule.
            let m = [Move::Right, Move::Left, Move::Shift]
                .into_iter()
                .find(|&m| valid[m as usize])
                .expect("a valid move");
            s.apply(m, 0);
            steps += 1;
        }
        assert_eq!(steps, 8);
        assert_eq!(s.heads[1..].iter().filter(|&&h| h == 0).count(), 1);
    }
}
