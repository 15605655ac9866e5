//! What changed between two versions of a document: the words of the text,
//! and the reading (quotes, entities, events, stances, title).

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;
use similar::{ChangeTag, TextDiff};
use storyline_extract::Record;
use storyline_extract::record::Quote;

/// An edit is minor (a typo fix, a corrected figure) when it changes at
/// most this many words…
pub const MINOR_MAX_WORDS: usize = 5;
/// …and at most this fraction of the text's words, and leaves the title alone.
pub const MINOR_MAX_FRACTION: f64 = 0.02;
/// Words of unchanged text shown around each change.
const CONTEXT_WORDS: usize = 6;
/// Two quotes whose contents share this fraction of words are one quote, edited.
const SAME_QUOTE: f64 = 0.5;

/// The change from one version to another.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    /// The document's id.
    pub doc: String,
    /// The older version's number.
    pub from: u32,
    /// The newer version's number.
    pub to: u32,
    /// Whether the edit is minor (see [`MINOR_MAX_WORDS`]).
    pub minor: bool,
    /// The title, when it changed.
    pub title: Option<Change<Option<String>>>,
    /// Words removed and added, and where.
    pub text: TextChange,
    /// Quotes added, removed or edited.
    pub quotes: Changes<QuoteView>,
    /// Entities added or removed (by type and name).
    pub entities: Changes<String>,
    /// Events added or removed.
    pub events: Changes<String>,
    /// Stances added or removed.
    pub stances: Changes<String>,
}

/// A value before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change<T> {
    /// Before.
    pub from: T,
    /// After.
    pub to: T,
}

/// Items added, removed and (for quotes) changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changes<T> {
    /// Present only in the newer version.
    pub added: Vec<T>,
    /// Present only in the older version.
    pub removed: Vec<T>,
    /// Present in both, edited.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<Change<T>>,
}

impl<T> Changes<T> {
    fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// A quote as the diff shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuoteView {
    /// The speaker's name (entity name, else the source text), if any.
    pub speaker: Option<String>,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// What was said.
    pub content: String,
}

/// The word-level change of the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextChange {
    /// Words in the older text.
    pub words_before: usize,
    /// Words removed from it.
    pub words_removed: usize,
    /// Words added.
    pub words_added: usize,
    /// Each run of changes, with a little unchanged text around it.
    pub hunks: Vec<Hunk>,
}

/// One run of removed and added text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hunk {
    /// Code point offset of the change in the older text.
    pub from_start: usize,
    /// Code point offset of the change in the newer text.
    pub to_start: usize,
    /// Unchanged text before.
    pub before: String,
    /// Text removed.
    pub removed: String,
    /// Text added.
    pub added: String,
    /// Unchanged text after.
    pub after: String,
}

impl Diff {
    /// Whether the two versions read the same (a change of the text alone).
    pub fn reading_unchanged(&self) -> bool {
        self.title.is_none()
            && self.quotes.is_empty()
            && self.entities.is_empty()
            && self.events.is_empty()
            && self.stances.is_empty()
    }
}

/// The change from `old` (version `from`) to `new` (version `to`).
pub fn diff(doc: &str, from: u32, old: &Record, to: u32, new: &Record) -> Diff {
    let text = text_change(&old.text, &new.text);
    let title = (old.title != new.title).then(|| Change {
        from: old.title.clone(),
        to: new.title.clone(),
    });
    let changed_words = text.words_removed.max(text.words_added);
    let minor = title.is_none()
        && changed_words <= MINOR_MAX_WORDS
        && (changed_words as f64) <= MINOR_MAX_FRACTION * text.words_before.max(1) as f64;
    Diff {
        doc: doc.to_owned(),
        from,
        to,
        minor,
        title,
        text,
        quotes: quote_changes(old, new),
        entities: set_changes(entity_keys(old), entity_keys(new)),
        events: set_changes(event_keys(old), event_keys(new)),
        stances: set_changes(stance_keys(old), stance_keys(new)),
    }
}

fn text_change(old: &str, new: &str) -> TextChange {
    let diff = TextDiff::from_words(old, new);
    let changes: Vec<(ChangeTag, &str)> = diff
        .iter_all_changes()
        .map(|c| (c.tag(), c.value()))
        .collect();
    let is_word = |s: &str| !s.trim().is_empty();
    let count = |tag: ChangeTag| {
        changes
            .iter()
            .filter(|(t, v)| *t == tag && is_word(v))
            .count()
    };
    TextChange {
        words_before: old.split_whitespace().count(),
        words_removed: count(ChangeTag::Delete),
        words_added: count(ChangeTag::Insert),
        hunks: hunks(&changes),
    }
}

/// Groups consecutive changed tokens (white space between two changes
/// belongs to the run) and frames each group with unchanged words.
fn hunks(changes: &[(ChangeTag, &str)]) -> Vec<Hunk> {
    let mut out = Vec::new();
    let (mut old_at, mut new_at) = (0usize, 0usize);
    let mut i = 0;
    while i < changes.len() {
        let (tag, value) = changes[i];
        if tag == ChangeTag::Equal {
            let n = value.chars().count();
            old_at += n;
            new_at += n;
            i += 1;
            continue;
        }
        let start = i;
        let (from_start, to_start) = (old_at, new_at);
        let mut end = i;
        let mut j = i;
        while j < changes.len() {
            match changes[j] {
                (ChangeTag::Equal, v) if !v.trim().is_empty() => break,
                (ChangeTag::Equal, _) => {}
                _ => end = j + 1,
            }
            j += 1;
        }
        let (mut removed, mut added) = (String::new(), String::new());
        for &(tag, value) in &changes[start..end] {
            let n = value.chars().count();
            match tag {
                ChangeTag::Delete => {
                    removed.push_str(value);
                    old_at += n;
                }
                ChangeTag::Insert => {
                    added.push_str(value);
                    new_at += n;
                }
                ChangeTag::Equal => {
                    removed.push_str(value);
                    added.push_str(value);
                    old_at += n;
                    new_at += n;
                }
            }
        }
        out.push(Hunk {
            from_start,
            to_start,
            before: context(changes[..start].iter().rev(), true),
            removed: removed.trim().to_owned(),
            added: added.trim().to_owned(),
            after: context(changes[end..].iter(), false),
        });
        i = end;
    }
    out
}

/// Up to [`CONTEXT_WORDS`] unchanged words next to a change, as they read.
fn context<'a>(tokens: impl Iterator<Item = &'a (ChangeTag, &'a str)>, backwards: bool) -> String {
    let mut words = Vec::new();
    let mut count = 0;
    for &(tag, value) in tokens {
        if tag != ChangeTag::Equal || count == CONTEXT_WORDS {
            break;
        }
        if !value.trim().is_empty() {
            count += 1;
        }
        words.push(value);
    }
    if backwards {
        words.reverse();
    }
    words
        .concat()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn names(record: &Record) -> HashMap<&str, &str> {
    record
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect()
}

fn quote_view(q: &Quote, names: &HashMap<&str, &str>) -> QuoteView {
    QuoteView {
        speaker: q
            .speaker
            .as_deref()
            .and_then(|id| names.get(id).map(|n| (*n).to_owned()))
            .or_else(|| q.source.as_ref().map(|s| s.text.clone())),
        kind: q.kind.clone(),
        content: q.content.text.clone(),
    }
}

/// Identical quotes cancel; a remaining pair with mostly the same words is
/// one quote edited (its wording, speaker or kind); the rest were added or removed.
fn quote_changes(old: &Record, new: &Record) -> Changes<QuoteView> {
    let (old_names, new_names) = (names(old), names(new));
    let mut removed: Vec<QuoteView> = old
        .quotes
        .iter()
        .map(|q| quote_view(q, &old_names))
        .collect();
    let mut added: Vec<QuoteView> = new
        .quotes
        .iter()
        .map(|q| quote_view(q, &new_names))
        .collect();
    removed.retain(|q| match added.iter().position(|a| a == q) {
        Some(i) => {
            added.remove(i);
            false
        }
        None => true,
    });
    let mut changed = Vec::new();
    removed.retain(|q| {
        let best = added
            .iter()
            .enumerate()
            .map(|(i, a)| (i, word_overlap(&q.content, &a.content)))
            .filter(|&(_, overlap)| overlap >= SAME_QUOTE)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((i, _)) => {
                changed.push(Change {
                    from: q.clone(),
                    to: added.remove(i),
                });
                false
            }
            None => true,
        }
    });
    Changes {
        added,
        removed,
        changed,
    }
}

/// Jaccard similarity of the two texts' lower-cased word sets.
fn word_overlap(a: &str, b: &str) -> f64 {
    let set = |s: &str| -> BTreeSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (set(a), set(b));
    let union = a.union(&b).count();
    if union == 0 {
        return 1.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}

fn entity_keys(record: &Record) -> BTreeSet<String> {
    record
        .entities
        .iter()
        .map(|e| format!("{} ({})", e.name, e.kind))
        .collect()
}

fn event_keys(record: &Record) -> BTreeSet<String> {
    let names = names(record);
    let name = |id: &String| names.get(id.as_str()).copied().unwrap_or(id).to_owned();
    record
        .events
        .iter()
        .map(|e| {
            let mut line = format!("{} \"{}\"", e.kind, e.trigger.text);
            if !e.actors.is_empty() {
                let actors: Vec<String> = e.actors.iter().map(name).collect();
                line.push_str(&format!(" by {}", actors.join(", ")));
            }
            if !e.targets.is_empty() {
                let targets: Vec<String> = e.targets.iter().map(name).collect();
                line.push_str(&format!(" on {}", targets.join(", ")));
            }
            if let Some(time) = &e.time {
                line.push_str(&format!(" at {time}"));
            }
            if e.modality != "actual" {
                line.push_str(&format!(" ({})", e.modality));
            }
            line
        })
        .collect()
}

fn stance_keys(record: &Record) -> BTreeSet<String> {
    let names = names(record);
    record
        .stances
        .iter()
        .map(|s| {
            let holder = s
                .holder
                .as_deref()
                .map_or("someone", |id| names.get(id).copied().unwrap_or(id));
            format!("{holder} {}s {}", s.position, s.issue)
        })
        .collect()
}

fn set_changes(old: BTreeSet<String>, new: BTreeSet<String>) -> Changes<String> {
    Changes {
        added: new.difference(&old).cloned().collect(),
        removed: old.difference(&new).cloned().collect(),
        changed: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_frame_each_change_with_context() {
        let t = text_change(
            "The envoys met the president on Tuesday in the capital.",
            "The envoys met the president on Wednesday in the capital.",
        );
        assert_eq!((t.words_removed, t.words_added), (1, 1));
        assert_eq!(t.hunks.len(), 1);
        let h = &t.hunks[0];
        assert_eq!(
            (h.removed.as_str(), h.added.as_str()),
            ("Tuesday", "Wednesday")
        );
        assert_eq!(h.before, "The envoys met the president on");
        assert_eq!(h.after, "in the capital.");
        assert_eq!(h.from_start, 32);
    }

    #[test]
    fn adjacent_changed_words_form_one_hunk() {
        let t = text_change("a b c d e f", "a x y d e f");
        assert_eq!(t.hunks.len(), 1);
        assert_eq!(t.hunks[0].removed, "b c");
        assert_eq!(t.hunks[0].added, "x y");
    }

    #[test]
    fn overlap_of_words() {
        assert_eq!(word_overlap("a b", "A, b"), 1.0);
        assert!(word_overlap("a b c d", "a b x y") < 0.5);
    }
}
