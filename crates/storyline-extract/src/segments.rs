//! Documents far longer than any article, read in segments.
//!
//! Every stage is linear in the length of what it reads, but the analysis
//! of a document (tags, parse, features, candidate readings) is held in
//! memory whole, about a kilobyte per token. A document over
//! [`MAX_SEGMENT_BYTES`] is therefore cut at paragraph breaks into segments
//! that are read one after another; their records are joined into one, with
//! offsets into the whole text and entities of the same name and type
//! merged across segments. Memory then grows with the record, not with the
//! analysis. Coreference that would reach across a segment boundary (a
//! pronoun whose antecedent is in the previous segment) is lost; at this
//! size that is a book, not an article.

use std::collections::HashMap;

use storyline_ingest::Document;

use crate::record::{Entity, Record, SCHEMA, Span, TextSpan};

/// The most bytes of text read as one segment: several times the longest
/// news article (a long feature has 50 KB).
pub const MAX_SEGMENT_BYTES: usize = 250_000;

/// Byte offsets where segments of `text` end (the last is `text.len()`):
/// each segment at most `max` bytes and, but for the last, at least half of
/// that, ending after a paragraph break, else a line break, else a full
/// stop and space, else a space, else anywhere on a character boundary.
pub fn cut_points(text: &str, max: usize) -> Vec<usize> {
    let max = max.max(8);
    let mut cuts = Vec::new();
    let mut start = 0;
    while text.len() - start > max {
        let lo = floor_boundary(text, start + max / 2);
        let hi = floor_boundary(text, start + max);
        let window = &text[lo..hi];
        let cut = ["\n\n", "\n", ". ", " "]
            .iter()
            .find_map(|sep| window.rfind(sep).map(|i| lo + i + sep.len()))
            .unwrap_or(hi);
        let cut = if cut <= start { hi.max(start + 1) } else { cut };
        let cut = ceil_boundary(text, cut);
        cuts.push(cut);
        start = cut;
    }
    cuts.push(text.len());
    cuts
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Joins the records of consecutive segments into the record of the whole.
#[derive(Debug)]
pub struct Joiner {
    record: Record,
    /// Characters, sentences and tokens of the segments joined so far.
    chars: usize,
    sentences: usize,
    tokens: usize,
    /// Merged entity by type and name.
    by_name: HashMap<(String, String), usize>,
}

impl Joiner {
    /// Starts the record of `doc` (its text, metadata and warnings) with no
    /// annotations yet.
    pub fn new(doc: &Document, warnings: Vec<String>) -> Self {
        let record = Record {
            schema: SCHEMA.to_string(),
            id: doc.id.clone(),
            url: doc.url.clone(),
            title: doc.title.clone(),
            published: doc.published.clone(),
            author: doc.author.clone(),
            language: "en".to_string(),
            text: doc.text.clone(),
            sentences: Vec::new(),
            tokens: None,
            entities: Vec::new(),
            quotes: Vec::new(),
            times: Vec::new(),
            events: Vec::new(),
            stances: Vec::new(),
            warnings,
        };
        Joiner {
            record,
            chars: 0,
            sentences: 0,
            tokens: 0,
            by_name: HashMap::new(),
        }
    }

    /// Adds the next segment's record (its offsets index `segment.text`).
    pub fn push(&mut self, segment: Record) {
        let chars = self.chars;
        let shift = |s: TextSpan| TextSpan {
            start: s.start + chars,
            end: s.end + chars,
            text: s.text,
        };
        let ids = self.merge_entities(segment.entities, &shift);
        let id = |old: &String| ids.get(old).cloned().unwrap_or_else(|| old.clone());
        let r = &mut self.record;
        r.sentences.extend(segment.sentences.iter().map(|s| Span {
            start: s.start + chars,
            end: s.end + chars,
        }));
        if let Some(tokens) = segment.tokens {
            let base = self.tokens as i64;
            self.tokens += tokens.len();
            r.tokens
                .get_or_insert_with(Vec::new)
                .extend(tokens.into_iter().map(|mut t| {
                    t.start += chars;
                    t.end += chars;
                    t.head = t.head.map(|h| if h >= 0 { h + base } else { h });
                    t
                }));
        }
        for mut q in segment.quotes {
            q.id = format!("Q{}", r.quotes.len() + 1);
            q.speaker = q.speaker.as_ref().map(id);
            q.source = q.source.map(shift);
            q.cue = q.cue.map(shift);
            q.content = shift(q.content);
            q.parts = q.parts.into_iter().map(shift).collect();
            q.sentence += self.sentences;
            r.quotes.push(q);
        }
        r.times.extend(segment.times.into_iter().map(|mut t| {
            t.start += chars;
            t.end += chars;
            t
        }));
        for mut e in segment.events {
            e.id = format!("V{}", r.events.len() + 1);
            e.trigger = shift(e.trigger);
            e.actors = e.actors.iter().map(id).collect();
            e.targets = e.targets.iter().map(id).collect();
            e.place = e.place.as_ref().map(id);
            e.sentence += self.sentences;
            r.events.push(e);
        }
        for mut s in segment.stances {
            s.holder = s.holder.as_ref().map(id);
            s.evidence = shift(s.evidence);
            r.stances.push(s);
        }
        for w in segment.warnings {
            if !r.warnings.contains(&w) {
                r.warnings.push(w);
            }
        }
        self.sentences += segment.sentences.len();
        self.chars += segment.text.chars().count();
    }

    /// Merges a segment's entities into the whole's; returns the new id of
    /// each of the segment's ids.
    fn merge_entities(
        &mut self,
        entities: Vec<Entity>,
        shift: &impl Fn(TextSpan) -> TextSpan,
    ) -> HashMap<String, String> {
        let mut ids = HashMap::new();
        for e in entities {
            let key = (e.kind.clone(), e.name.clone());
            let all = &mut self.record.entities;
            let at = *self.by_name.entry(key).or_insert_with(|| {
                all.push(Entity {
                    id: format!("E{}", all.len() + 1),
                    name: e.name.clone(),
                    kind: e.kind.clone(),
                    titles: Vec::new(),
                    affiliation: None,
                    mentions: Vec::new(),
                });
                all.len() - 1
            });
            let merged = &mut all[at];
            for t in e.titles {
                if !merged.titles.iter().any(|x| x.eq_ignore_ascii_case(&t)) {
                    merged.titles.push(t);
                }
            }
            if merged.affiliation.is_none() {
                merged.affiliation = e.affiliation;
            }
            merged.mentions.extend(e.mentions.into_iter().map(shift));
            ids.insert(e.id, merged.id.clone());
        }
        ids
    }

    /// The record of the whole document.
    pub fn finish(self) -> Record {
        self.record
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_after_paragraph_breaks_within_bounds() {
        let text = "aaaa bbbb.\n\ncccc dddd.\n\neeee ffff.\n\ngggg";
        let cuts = cut_points(text, 16);
        assert_eq!(*cuts.last().unwrap(), text.len());
        let mut start = 0;
        for &c in &cuts {
            assert!(c - start <= 16 && c > start);
            assert!(text.is_char_boundary(c));
            start = c;
        }
        assert!(text[..cuts[0]].ends_with("\n\n"));
    }

    #[test]
    fn cuts_text_without_spaces_on_character_boundaries() {
        let text = "é".repeat(50);
        let cuts = cut_points(&text, 9);
        assert!(cuts.iter().all(|&c| text.is_char_boundary(c)));
        assert_eq!(*cuts.last().unwrap(), text.len());
    }
}
