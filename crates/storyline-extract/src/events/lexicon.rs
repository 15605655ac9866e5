//! The events stage's word lists: event triggers (lemma → type, CAMEO root
//! code) and stance cues (lemma → position), compiled in and parsed once.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Part of speech a lexicon entry applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pos {
    /// A verb.
    Verb,
    /// A noun.
    Noun,
}

/// One event trigger.
#[derive(Debug, Clone)]
pub struct Trigger {
    /// Event type (`MEET`), or `LIGHT` for a light verb.
    pub kind: &'static str,
    /// CAMEO root code (`04`).
    pub cameo: &'static str,
    /// Words that must accompany the head: a verb's particle or governed
    /// preposition, a noun's compound modifiers.
    pub with: Vec<&'static str>,
    /// A speech verb that is an event only with its own place or date.
    pub occasion: bool,
    /// `strike`: a PROTEST when intransitive or under a light verb.
    pub labour: bool,
}

/// One stance cue.
#[derive(Debug, Clone)]
pub struct Cue {
    /// `demand`, `propose`, `support`, `accept`, `reject` or `oppose`.
    pub position: &'static str,
    /// Words that must accompany the head (as for [`Trigger::with`]).
    pub with: Vec<&'static str>,
}

/// Both lists, keyed by (lemma, part of speech); several entries may share
/// a head lemma (`call for`, `call on`, `call`).
#[derive(Debug, Default)]
pub struct Lexicon {
    triggers: [HashMap<&'static str, Vec<Trigger>>; 2],
    cues: [HashMap<&'static str, Vec<Cue>>; 2],
}

fn pos_of(s: &str) -> Option<Pos> {
    match s {
        "V" => Some(Pos::Verb),
        "N" => Some(Pos::Noun),
        _ => None,
    }
}

/// The head lemma and the accompanying words of a lexicon key: a verb's
/// head is its first word, a noun's its last.
fn split(key: &'static str, pos: Pos) -> (&'static str, Vec<&'static str>) {
    let words: Vec<&'static str> = key.split(' ').collect();
    match pos {
        Pos::Verb => (words[0], words[1..].to_vec()),
        Pos::Noun => (words[words.len() - 1], words[..words.len() - 1].to_vec()),
    }
}

fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut lex = Lexicon::default();
        for f in rows(include_str!("../../../../lexicons/event_triggers.txt")) {
            let Some(pos) = f.get(1).and_then(|p| pos_of(p)) else {
                continue;
            };
            if f.len() < 4 {
                continue;
            }
            let (head, with) = split(f[0], pos);
            let flags = f.get(4).copied().unwrap_or("");
            lex.triggers[pos as usize]
                .entry(head)
                .or_default()
                .push(Trigger {
                    kind: f[2],
                    cameo: f[3],
                    with,
                    occasion: flags.contains("occasion"),
                    labour: flags.contains("labour"),
                });
        }
        for f in rows(include_str!("../../../../lexicons/stance_cues.txt")) {
            let Some(pos) = f.get(1).and_then(|p| pos_of(p)) else {
                continue;
            };
            if f.len() < 3 {
                continue;
            }
            let (head, with) = split(f[0], pos);
            lex.cues[pos as usize].entry(head).or_default().push(Cue {
                position: f[2],
                with,
            });
        }
        // Entries with accompanying words first, so `call for` wins over `call`.
        for v in lex.triggers.iter_mut().flat_map(|m| m.values_mut()) {
            v.sort_by_key(|t| std::cmp::Reverse(t.with.len()));
        }
        for v in lex.cues.iter_mut().flat_map(|m| m.values_mut()) {
            v.sort_by_key(|c| std::cmp::Reverse(c.with.len()));
        }
        lex
    }

    /// Trigger entries for a head lemma (lowercase).
    pub fn triggers(&self, lemma: &str, pos: Pos) -> &[Trigger] {
        self.triggers[pos as usize]
            .get(lemma)
            .map_or(&[], |v| v.as_slice())
    }

    /// Stance cue entries for a head lemma (lowercase).
    pub fn cues(&self, lemma: &str, pos: Pos) -> &[Cue] {
        self.cues[pos as usize]
            .get(lemma)
            .map_or(&[], |v| v.as_slice())
    }
}

/// The shipped lexicon, parsed on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::load)
}
