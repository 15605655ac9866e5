//! A lemmatiser learned from a treebank's lemma column.
//!
//! A lemma is produced from a form by an [`EditScript`]: optionally lower-case
//! the form, strip `k` characters from its end, append a string. Scripts are
//! chosen per (form, XPOS):
//!
//! 1. an exception dictionary — every (lower-cased form, XPOS) seen in
//!    training keeps its most frequent script, which covers irregular forms
//!    (`said`→`say`, `was`→`be`, `better`→`good`) exactly as the treebank
//!    spells them;
//! 2. otherwise the most frequent script among training word *types* sharing
//!    the longest known lower-cased suffix with the same XPOS, so unseen
//!    `negotiations`/NNS behaves like `nations`/NNS.
//!
//! Keys are 64-bit hashes, so lookups never allocate.

use std::collections::HashMap;

use crate::codec::{ByteReader, ByteWriter};
use crate::error::ModelError;
use crate::features::{FeatureHasher, PassThrough};

/// Longest suffix (in characters) the suffix table keys on.
const MAX_SUFFIX: usize = 7;
/// Template numbers of the two kinds of keys.
const EXCEPTION_KEY: u32 = 1;
const SUFFIX_KEY: u32 = 2;
/// A suffix rule needs this many word types behind it, so one odd word
/// (`Sept.`→`September`) does not become a rule (`Capt.`→`Captember`).
const MIN_SUFFIX_SUPPORT: u32 = 2;

/// How to turn a form into its lemma.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EditScript {
    /// Lower-case the form first (most lemmas); `false` means "proper":
    /// keep the form's case, capitalising it if it has no capital at all
    /// (EWT writes `Kerala` for `kerala`, `I` for `i`).
    pub lower: bool,
    /// With `lower` false: keep the form exactly as written instead
    /// (e-mail addresses, URLs, lower-case names like `dp`).
    pub exact: bool,
    /// Characters removed from the end.
    pub strip: u32,
    /// Appended after stripping.
    pub append: String,
}

impl EditScript {
    /// The script that turns `form` into `lemma`: the longest common prefix
    /// is kept, the rest of the form replaced by the rest of the lemma.
    pub fn derive(form: &str, lemma: &str) -> EditScript {
        // An all-lower-case lemma comes from the lower-cased form, so `Said`
        // and `said` share one script; a lemma with capitals from the
        // "proper" form, so `i` and `I` share one too.
        let lower = !lemma.chars().any(char::is_uppercase);
        let source = recase(form, lower);
        Self::from_source(&source, lemma, lower, false)
    }

    fn from_source(source: &str, lemma: &str, lower: bool, exact: bool) -> EditScript {
        let common = source
            .chars()
            .zip(lemma.chars())
            .take_while(|(a, b)| a == b)
            .count();
        EditScript {
            lower,
            exact,
            strip: (source.chars().count() - common) as u32,
            append: lemma.chars().skip(common).collect(),
        }
    }

    /// Every script of the three casing modes that turns `form` into
    /// `lemma` with the fewest edits of its mode, [`EditScript::derive`]'s
    /// first: training credits them all, so the mode that fits most words
    /// of a kind wins (as written for addresses, lower case for nouns).
    pub fn candidates(form: &str, lemma: &str) -> Vec<EditScript> {
        let primary = Self::derive(form, lemma);
        let mut out = vec![primary];
        for (lower, exact) in [(true, false), (false, false), (false, true)] {
            let source = if exact {
                form.to_string()
            } else {
                recase(form, lower)
            };
            let script = Self::from_source(&source, lemma, lower, exact);
            if !out.contains(&script) && script.apply(form).as_deref() == Some(lemma) {
                out.push(script);
            }
        }
        out
    }

    /// Tie-break preference between modes: lower case, proper, as written.
    fn mode_rank(&self) -> u8 {
        match (self.lower, self.exact) {
            (true, _) => 2,
            (false, false) => 1,
            (false, true) => 0,
        }
    }

    /// Applies the script, or `None` when the form is too short for it.
    pub fn apply(&self, form: &str) -> Option<String> {
        let mut out = if self.exact {
            form.to_string()
        } else {
            recase(form, self.lower)
        };
        let n = out.chars().count();
        let keep = n.checked_sub(self.strip as usize)?;
        let cut = out.char_indices().nth(keep).map_or(out.len(), |(i, _)| i);
        out.truncate(cut);
        out.push_str(&self.append);
        Some(out)
    }
}

/// The lower-cased or the "proper" form (see [`EditScript::lower`]).
fn recase(form: &str, lower: bool) -> String {
    if lower {
        form.to_lowercase()
    } else if form.chars().any(char::is_uppercase) {
        form.to_string()
    } else {
        let mut chars = form.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }
}

/// A trained lemmatiser.
#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    scripts: Vec<EditScript>,
    exceptions: HashMap<u64, u32, PassThrough>,
    suffixes: HashMap<u64, u32, PassThrough>,
}

/// Script counts per key, used only while training.
type Counts = HashMap<u64, HashMap<u32, u32>, PassThrough>;

impl Lemmatizer {
    /// Learns from `(form, xpos, lemma)` triples (gold tags).
    pub fn train<'a>(examples: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>) -> Self {
        let mut script_ids: HashMap<EditScript, u32> = HashMap::new();
        let mut scripts = Vec::new();
        let mut exception_counts = Counts::default();
        // Suffix counts are over word types: unseen words resemble rare
        // words, not the few very frequent ones.
        let mut types: HashMap<(String, String), Vec<u32>> = HashMap::new();
        for (form, xpos, lemma) in examples {
            let ids: Vec<u32> = EditScript::candidates(form, lemma)
                .into_iter()
                .map(|script| {
                    let next = scripts.len() as u32;
                    let id = *script_ids.entry(script.clone()).or_insert(next);
                    if id == next {
                        scripts.push(script);
                    }
                    id
                })
                .collect();
            let lower = form.to_lowercase();
            let by_script = exception_counts
                .entry(exception_key(&lower, xpos))
                .or_default();
            for &id in &ids {
                *by_script.entry(id).or_default() += 1;
            }
            types.insert((lower, xpos.to_string()), ids);
        }
        let mut suffix_counts = Counts::default();
        for ((lower, xpos), ids) in &types {
            for key in suffix_keys(lower, xpos) {
                let by_script = suffix_counts.entry(key).or_default();
                for &id in ids {
                    *by_script.entry(id).or_default() += 1;
                }
            }
        }
        Lemmatizer {
            exceptions: majority(exception_counts, 1, &scripts),
            suffixes: majority(suffix_counts, MIN_SUFFIX_SUPPORT, &scripts),
            scripts,
        }
    }

    /// The lemma of `form` tagged `xpos`. Falls back to the lower-cased form
    /// when nothing applies.
    pub fn lemmatize(&self, form: &str, xpos: &str) -> String {
        let mut lower = String::with_capacity(form.len());
        lower_into(form, &mut lower);
        if let Some(lemma) = self
            .exceptions
            .get(&exception_key(&lower, xpos))
            .and_then(|&id| self.scripts[id as usize].apply(form))
        {
            return lemma;
        }
        // Longest suffix first; skip scripts that do not fit this form.
        let keys: Vec<u64> = suffix_keys(&lower, xpos).collect();
        for key in keys.iter().rev() {
            if let Some(lemma) = self
                .suffixes
                .get(key)
                .and_then(|&id| self.scripts[id as usize].apply(form))
            {
                return lemma;
            }
        }
        lower
    }

    /// Number of distinct edit scripts.
    pub fn n_scripts(&self) -> usize {
        self.scripts.len()
    }

    /// Serialises the lemmatiser.
    pub fn write(&self, w: &mut ByteWriter) {
        w.u32(self.scripts.len() as u32);
        for s in &self.scripts {
            // 1 lower case, 0 proper, 2 as written.
            w.u32(if s.lower { 1 } else { 2 * u32::from(s.exact) });
            w.u32(s.strip);
            w.str(&s.append);
        }
        write_table(w, &self.exceptions);
        write_table(w, &self.suffixes);
    }

    /// Reads a lemmatiser written by [`Lemmatizer::write`].
    pub fn read(r: &mut ByteReader<'_>) -> Result<Self, ModelError> {
        let n = r.len(12)?;
        let mut scripts = Vec::with_capacity(n);
        for _ in 0..n {
            let mode = r.u32()?;
            let strip = r.u32()?;
            let append = r.str()?;
            scripts.push(EditScript {
                lower: mode == 1,
                exact: mode == 2,
                strip,
                append,
            });
        }
        let exceptions = read_table(r, n)?;
        let suffixes = read_table(r, n)?;
        Ok(Lemmatizer {
            scripts,
            exceptions,
            suffixes,
        })
    }
}

/// Lower-cases `form` into `out` (cleared first).
pub fn lower_into(form: &str, out: &mut String) {
    out.clear();
    for c in form.chars() {
        out.extend(c.to_lowercase());
    }
}

fn exception_key(lower: &str, xpos: &str) -> u64 {
    FeatureHasher::new(EXCEPTION_KEY)
        .str(xpos)
        .str(lower)
        .finish()
}

/// Keys of the suffixes of `lower` of length 0 (the XPOS alone) up to
/// [`MAX_SUFFIX`], shortest first.
fn suffix_keys<'a>(lower: &'a str, xpos: &'a str) -> impl Iterator<Item = u64> + 'a {
    let starts: Vec<usize> = lower
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(lower.len()))
        .collect();
    let n = starts.len() - 1;
    (0..=n.min(MAX_SUFFIX)).map(move |k| {
        FeatureHasher::new(SUFFIX_KEY)
            .str(xpos)
            .str(&lower[starts[n - k]..])
            .finish()
    })
}

/// The most frequent script per key (on ties the preferred casing mode,
/// then the lowest id, for determinism), for keys whose best script was
/// seen at least `min_support` times.
fn majority(
    counts: Counts,
    min_support: u32,
    scripts: &[EditScript],
) -> HashMap<u64, u32, PassThrough> {
    counts
        .into_iter()
        .filter_map(|(key, by_script)| {
            let (best, n) = by_script.into_iter().max_by_key(|&(id, n)| {
                (n, scripts[id as usize].mode_rank(), std::cmp::Reverse(id))
            })?;
            (n >= min_support).then_some((key, best))
        })
        .collect()
}

fn write_table(w: &mut ByteWriter, table: &HashMap<u64, u32, PassThrough>) {
    let mut rows: Vec<(u64, u32)> = table.iter().map(|(&k, &v)| (k, v)).collect();
    rows.sort_unstable();
    w.u32(rows.len() as u32);
    for (k, v) in rows {
        w.u64(k);
        w.u32(v);
    }
}

fn read_table(
    r: &mut ByteReader<'_>,
    n_scripts: usize,
) -> Result<HashMap<u64, u32, PassThrough>, ModelError> {
    let n = r.len(12)?;
    let mut table = HashMap::with_capacity_and_hasher(n, PassThrough);
    for _ in 0..n {
        let key = r.u64()?;
        let id = r.u32()?;
        if id as usize >= n_scripts {
            return Err(ModelError::Corrupt(format!(
                "edit script {id} out of range"
            )));
        }
        table.insert(key, id);
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_scripts_round_trip() {
        for (form, lemma) in [
            ("said", "say"),
            ("Said", "say"),
            ("negotiations", "negotiation"),
            ("was", "be"),
            ("AP", "AP"),
            ("Americans", "American"),
            ("The", "the"),
            ("i", "I"),
            ("kerala", "Kerala"),
            ("iPhone", "iPhone"),
            ("cafés", "café"),
        ] {
            let script = EditScript::derive(form, lemma);
            assert_eq!(script.apply(form).as_deref(), Some(lemma), "{form}");
        }
        let s = EditScript::derive("said", "say");
        assert_eq!(s, EditScript::derive("Said", "say"));
        assert_eq!((s.strip, s.append.as_str()), (2, "y"));
        assert_eq!(EditScript::derive("went", "go").apply("go"), None);
        // One "proper" script serves both spellings of `I`.
        assert_eq!(EditScript::derive("i", "I"), EditScript::derive("I", "I"));
    }

    fn toy() -> Lemmatizer {
        let data = [
            ("said", "VBD", "say"),
            ("Said", "VBD", "say"),
            ("met", "VBD", "meet"),
            ("was", "VBD", "be"),
            ("better", "JJR", "good"),
            ("taller", "JJR", "tall"),
            ("nations", "NNS", "nation"),
            ("cats", "NNS", "cat"),
            ("walked", "VBD", "walk"),
            ("talked", "VBD", "talk"),
            ("Bush", "NNP", "Bush"),
            ("Smith", "NNP", "Smith"),
        ];
        Lemmatizer::train(data)
    }

    #[test]
    fn exceptions_and_suffix_rules() {
        let lem = toy();
        assert_eq!(lem.lemmatize("said", "VBD"), "say");
        assert_eq!(lem.lemmatize("SAID", "VBD"), "say");
        assert_eq!(lem.lemmatize("met", "VBD"), "meet");
        assert_eq!(lem.lemmatize("was", "VBD"), "be");
        assert_eq!(lem.lemmatize("better", "JJR"), "good");
        // Unseen words follow their suffix class.
        assert_eq!(lem.lemmatize("negotiations", "NNS"), "negotiation");
        assert_eq!(lem.lemmatize("jumped", "VBD"), "jump");
        assert_eq!(lem.lemmatize("Obama", "NNP"), "Obama");
        // Unknown tag: the lower-cased form.
        assert_eq!(lem.lemmatize("Foo", "XX"), "foo");
    }

    #[test]
    fn write_read_round_trip() {
        let lem = toy();
        let mut w = ByteWriter::new();
        lem.write(&mut w);
        let bytes = w.into_bytes();
        let back = Lemmatizer::read(&mut ByteReader::new(&bytes)).unwrap();
        assert_eq!(back.n_scripts(), lem.n_scripts());
        assert_eq!(back.lemmatize("said", "VBD"), "say");
        assert_eq!(back.lemmatize("dogs", "NNS"), "dog");
        assert!(Lemmatizer::read(&mut ByteReader::new(&bytes[..bytes.len() - 3])).is_err());
    }
}
