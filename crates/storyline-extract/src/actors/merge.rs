//! Named mentions into clusters, one per referent: cleaning the
//! recogniser's spans, then joining full names and their parts, acronyms
//! and their expansions, and the different names of one country.

use std::collections::{HashMap, HashSet};

use super::lexicon::Lexicon;
use super::names::{self, PersonName};
use super::words::{self, capitalised};
use crate::analysis::Analysis;

/// One named mention after cleaning.
#[derive(Debug, Clone)]
pub struct Cand {
    /// First token of the name.
    pub start: usize,
    /// One past the last token of the name.
    pub end: usize,
    /// Record type (`PERSON`, `ORG`, `LOC`, `MISC`).
    pub kind: &'static str,
    /// The canonical country the mention names, if it names one.
    pub country: Option<&'static str>,
    /// Index in `Analysis::mentions`, `None` for mentions this stage added.
    pub source: Option<usize>,
}

/// Record type names for the recogniser's CoNLL labels.
pub fn record_type(label: &str) -> &'static str {
    match label {
        "PER" => "PERSON",
        "ORG" => "ORG",
        "LOC" => "LOC",
        _ => "MISC",
    }
}

/// Nouns after a name that make it a place (`the Donbas region`).
fn place_noun(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "region"
            | "province"
            | "oblast"
            | "county"
            | "district"
            | "valley"
            | "river"
            | "island"
            | "islands"
            | "peninsula"
            | "coast"
            | "basin"
            | "city"
            | "state"
            | "prefecture"
    )
}

/// Whether sentence `s` is a title-case headline (most words capitalised).
fn title_case(analysis: &Analysis, s: usize) -> bool {
    let range = analysis.sentences[s].tokens.clone();
    let words: Vec<&str> = range
        .map(|i| analysis.token_text(i))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let caps = words.iter().filter(|w| capitalised(w)).count();
    words.len() >= 4 && caps * 10 >= words.len() * 7
}

/// Mentions in a title-case headline, where the recogniser often runs
/// names and verbs together (`Brightwater Foods Agrees to Buy Norvale
/// Dairy`): kept only as the parts that the body also names, so a headline
/// adds no entity of its own.
fn headline_parts(analysis: &Analysis, lex: &Lexicon, cands: Vec<Cand>) -> Vec<Cand> {
    if analysis.sentences.len() < 2 || !title_case(analysis, 0) {
        return cands;
    }
    let head_end = analysis.sentences[0].tokens.end;
    let mut body: HashMap<String, &'static str> = HashMap::new();
    for c in cands.iter().filter(|c| c.start >= head_end) {
        body.entry(words::text(analysis, c.start, c.end).to_lowercase())
            .or_insert(c.kind);
    }
    let known = |a: usize, b: usize| {
        body.get(&words::text(analysis, a, b).to_lowercase())
            .copied()
    };
    let mut out = Vec::new();
    for c in cands {
        if c.start >= head_end {
            out.push(c);
            continue;
        }
        let mut i = c.start;
        while i < c.end {
            let longest = (i + 1..=c.end)
                .rev()
                .find_map(|j| known(i, j).map(|k| (j, k)));
            match longest {
                Some((j, kind)) => {
                    out.push(Cand {
                        start: i,
                        end: j,
                        kind,
                        country: lex.country(words::text(analysis, i, j)),
                        source: (i == c.start && j == c.end).then_some(c.source).flatten(),
                    });
                    i = j;
                }
                None => i += 1,
            }
        }
    }
    out
}

/// Widens a one-word person mention by a capitalised proper noun just
/// before it (`Sofia` in `daughter Sofia Delgado` when only `Delgado` was
/// tagged), unless that word is a title, demonym, honorific or date.
fn given_name_before(analysis: &Analysis, lex: &Lexicon, c: &mut Cand, taken: &[bool]) {
    if c.kind != "PERSON" || c.end - c.start != 1 || c.start == 0 || taken[c.start - 1] {
        return;
    }
    let p = c.start - 1;
    let w = analysis.token_text(p);
    let same_sentence = analysis.sentence_of(p) == analysis.sentence_of(c.start);
    let plain = lex.title(w).is_none()
        && lex.country_like(w).is_none()
        && !super::titles::honorific(w)
        && !words::is_calendar_word(w);
    if same_sentence && plain && capitalised(w) && analysis.tag(p).upos == "PROPN" {
        c.start = p;
    }
}

/// Whether a non-person mention is really a title beside a person's name
/// (`U.S. Secretary of Defense` + name, name + `, the Lebanese Energy
/// Minister`): it holds a title head and touches a person mention, with at
/// most a comma and an article between.
fn title_tagged_as_name(
    analysis: &Analysis,
    lex: &Lexicon,
    people: &PersonEdges,
    k: usize,
) -> bool {
    let m = &analysis.mentions[k];
    if m.label == "PER" || !(m.start..m.end).any(|i| lex.title(analysis.token_text(i)).is_some()) {
        return false;
    }
    let filler = |a: usize, b: usize| {
        (a..b).all(|i| matches!(analysis.token_text(i), "," | "the" | "The" | "a" | "an"))
            && b - a <= 2
    };
    let after = (m.end..=m.end + 2).any(|s| people.starts.contains(&s) && filler(m.end, s));
    let before = (m.start.saturating_sub(2)..m.start)
        .any(|e| people.ends.contains(&e) && filler(e, m.start));
    after || before
}

/// Where the recogniser's person mentions start and end.
struct PersonEdges {
    starts: HashSet<usize>,
    ends: HashSet<usize>,
}

impl PersonEdges {
    fn new(analysis: &Analysis) -> Self {
        let people = analysis.mentions.iter().filter(|p| p.label == "PER");
        PersonEdges {
            starts: people.clone().map(|p| p.start).collect(),
            ends: people.map(|p| p.end).collect(),
        }
    }
}

/// Cleans the recogniser's mentions: drops demonyms (they inform
/// affiliation, they are not actors) and one-word function-class tags,
/// trims articles, possessive clitics and leading titles, and types country
/// names and place-marked names as `LOC`.
pub fn collect(analysis: &Analysis, lex: &Lexicon) -> Vec<Cand> {
    let mut cands = Vec::new();
    let people = PersonEdges::new(analysis);
    for (k, m) in analysis.mentions.iter().enumerate() {
        if title_tagged_as_name(analysis, lex, &people, k) {
            continue;
        }
        let mut kind = record_type(&m.label);
        let (mut start, mut end) = (m.start, m.end);
        while end > start && words::is_possessive_clitic(analysis.token_text(end - 1)) {
            end -= 1;
        }
        while end > start + 1 {
            let w = analysis.token_text(start);
            let title = kind == "PERSON"
                && (lex.title(w).is_some()
                    || lex.country_like(w).is_some()
                    || super::titles::honorific(w));
            if w.eq_ignore_ascii_case("the") || title {
                start += 1;
            } else {
                break;
            }
        }
        if end <= start {
            continue;
        }
        let text = words::text(analysis, start, end);
        if end == start + 1 {
            let upos = analysis.tag(start).upos.as_str();
            let function = matches!(
                upos,
                "ADV" | "ADP" | "CCONJ" | "SCONJ" | "PRON" | "DET" | "AUX" | "PART" | "INTJ"
            );
            // The tagger sometimes calls a sentence-initial place an adverb
            // (`Moscow demanded …`); listed places are kept.
            let listed = lex.country(text).is_some() || lex.seat(text).is_some();
            if (function && !listed) || !text.chars().any(char::is_alphabetic) {
                continue;
            }
        }
        let country = lex.country(text);
        if country.is_none() && lex.demonym(text).is_some() {
            continue;
        }
        let place_marked =
            kind == "MISC" && end < analysis.tokens.len() && place_noun(analysis.token_text(end));
        if country.is_some() || place_marked {
            kind = "LOC";
        }
        cands.push(Cand {
            start,
            end,
            kind,
            country,
            source: Some(k),
        });
    }
    let mut taken = vec![false; analysis.tokens.len()];
    for c in &cands {
        taken[c.start..c.end].iter_mut().for_each(|t| *t = true);
    }
    for c in &mut cands {
        given_name_before(analysis, lex, c, &taken);
    }
    headline_parts(analysis, lex, cands)
}

/// Groups mentions into referents; returns each cand's cluster number
/// (clusters numbered from 0 in order of creation).
pub fn cluster(analysis: &Analysis, cands: &[Cand]) -> Vec<usize> {
    let mut of = vec![usize::MAX; cands.len()];
    let mut n = 0;
    let words_of =
        |c: &Cand| -> Vec<&str> { (c.start..c.end).map(|i| analysis.token_text(i)).collect() };
    // Full person names first, so that parts can find them wherever they are.
    let mut people = People::default();
    for (k, c) in cands.iter().enumerate() {
        if c.kind != "PERSON" || c.end - c.start < 2 {
            continue;
        }
        let name = PersonName::new(&words_of(c));
        of[k] = people.find(&name).unwrap_or_else(|| {
            n += 1;
            n - 1
        });
        people.add(name, of[k], c.start, k);
    }
    // Countries by canonical name, other names by their normalised text.
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut seen = SeenBefore::default();
    for (k, c) in cands.iter().enumerate() {
        seen.advance_to(cands, &of, c.start);
        if of[k] != usize::MAX {
            continue;
        }
        if c.end - c.start == 1 && c.country.is_none() && c.kind != "LOC" {
            let word = analysis.token_text(c.start);
            if let Some(cl) = people.for_part(&seen, c.start, word) {
                of[k] = cl;
                continue;
            }
        }
        let key = match c.country {
            Some(country) => format!("country:{country}"),
            None => format!(
                "{}:{}",
                if c.kind == "PERSON" { "PERSON" } else { "NAME" },
                words::text(analysis, c.start, c.end)
                    .to_lowercase()
                    .replace('’', "'")
            ),
        };
        of[k] = *by_key.entry(key).or_insert_with(|| {
            n += 1;
            n - 1
        });
    }
    let mut labels = Labels::new(n);
    join_acronyms(analysis, cands, &of, &mut labels);
    join_short_names(analysis, cands, &of, &mut labels);
    of.iter().map(|&cl| labels.find(cl)).collect()
}

/// The full person names of a document, indexed by family name so that a
/// name or a one-word part is matched without a scan of every name.
#[derive(Default)]
struct People {
    /// Distinct names per family name, in order of first mention, with
    /// their cluster.
    by_last: HashMap<String, Vec<(PersonName, usize)>>,
    /// Clusters of names of two or more parts, by family name and by given
    /// name, in order of first mention.
    of_last: HashMap<String, Vec<usize>>,
    of_first: HashMap<String, Vec<usize>>,
    /// Where each cluster's full names start, as `(start, cand)` in order.
    starts: HashMap<usize, Vec<(usize, usize)>>,
}

impl People {
    /// The cluster of the first earlier name that is the same person.
    fn find(&self, name: &PersonName) -> Option<usize> {
        self.by_last
            .get(name.last()?)?
            .iter()
            .find(|(p, _)| p.same_person(name))
            .map(|p| p.1)
    }

    fn add(&mut self, name: PersonName, cluster: usize, start: usize, cand: usize) {
        self.starts.entry(cluster).or_default().push((start, cand));
        let Some(last) = name.last().map(str::to_string) else {
            return;
        };
        let push = |list: &mut Vec<usize>| {
            if !list.contains(&cluster) {
                list.push(cluster);
            }
        };
        if name.parts.len() > 1 {
            push(self.of_last.entry(last.clone()).or_default());
        }
        if let Some(first) = name.first() {
            push(self.of_first.entry(first.to_string()).or_default());
        }
        let same = self.by_last.entry(last).or_default();
        let known = same
            .iter()
            .any(|(p, _)| (p.first(), &p.suffix) == (name.first(), &name.suffix));
        if !known {
            same.push((name, cluster));
        }
    }

    /// The person cluster a one-word mention (`Trump`) at `pos` belongs to:
    /// among full names with that family name (else that given name), the
    /// one mentioned most often before it (ties: the one introduced first,
    /// usually the story's subject); with none before, the first after.
    fn for_part(&self, seen: &SeenBefore, pos: usize, word: &str) -> Option<usize> {
        let word = word.to_lowercase().replace('’', "'");
        let clusters = self
            .of_last
            .get(&word)
            .filter(|c| !c.is_empty())
            .or_else(|| self.of_first.get(&word))?;
        let before = |cl: usize| seen.of(cl);
        let best = clusters
            .iter()
            .copied()
            .filter(|&cl| before(cl).0 > 0)
            .max_by_key(|&cl| before(cl));
        best.or_else(|| {
            clusters
                .iter()
                .filter_map(|&cl| {
                    let starts = self.starts.get(&cl)?;
                    let at = starts.partition_point(|&(s, _)| s <= pos);
                    starts.get(at).map(|&(_, cand)| (cand, cl))
                })
                .min()
                .map(|(_, cl)| cl)
        })
    }
}

/// For each cluster, how many of its cands start before the current
/// position and where the first of them starts; advanced as the position
/// moves through the text, so the question costs nothing per mention.
#[derive(Default)]
struct SeenBefore {
    next: usize,
    seen: HashMap<usize, (usize, usize)>,
}

impl SeenBefore {
    /// Counts every cand starting before `pos` (their clusters are known,
    /// since cands are in text order and assigned in that order).
    fn advance_to(&mut self, cands: &[Cand], of: &[usize], pos: usize) {
        while self.next < cands.len() && cands[self.next].start < pos {
            let entry = self
                .seen
                .entry(of[self.next])
                .or_insert((0, cands[self.next].start));
            entry.0 += 1;
            self.next += 1;
        }
    }

    /// `(count, Reverse(first start))` of a cluster's earlier cands.
    fn of(&self, cluster: usize) -> (usize, std::cmp::Reverse<usize>) {
        let (count, first) = self.seen.get(&cluster).copied().unwrap_or((0, usize::MAX));
        (count, std::cmp::Reverse(first))
    }
}

/// Cluster numbers as they are joined: joining relabels a whole cluster,
/// kept as a forest so that a join costs nothing per member.
struct Labels(Vec<usize>);

impl Labels {
    fn new(n: usize) -> Self {
        Labels((0..n).collect())
    }

    /// The cluster `label` now belongs to.
    fn find(&mut self, label: usize) -> usize {
        let mut root = label;
        while self.0[root] != root {
            root = self.0[root];
        }
        let mut at = label;
        while self.0[at] != root {
            let up = self.0[at];
            self.0[at] = root;
            at = up;
        }
        root
    }

    /// Moves every member of `from`'s cluster into `to`'s.
    fn join(&mut self, from: usize, to: usize) {
        let (from, to) = (self.find(from), self.find(to));
        if from != to {
            self.0[from] = to;
        }
    }
}

/// Joins a one-word organisation name to the one longer organisation name
/// that starts or ends with it (`Brightwater` → `Brightwater Foods`,
/// `Dortmund` → `Borussia Dortmund`); ambiguous short names stay apart.
fn join_short_names(analysis: &Analysis, cands: &[Cand], of: &[usize], labels: &mut Labels) {
    let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
    for (j, d) in cands.iter().enumerate() {
        if d.kind == "ORG" && d.end - d.start > 1 && d.country.is_none() {
            let label = labels.find(of[j]);
            for w in [d.start, d.end - 1] {
                let list = by_word
                    .entry(analysis.token_text(w).to_lowercase())
                    .or_default();
                if !list.contains(&label) {
                    list.push(label);
                }
            }
        }
    }
    for (k, c) in cands.iter().enumerate() {
        if c.kind != "ORG" || c.end - c.start != 1 {
            continue;
        }
        let word = analysis.token_text(c.start).to_lowercase();
        let Some(known) = by_word.get(&word) else {
            continue;
        };
        let mut targets: Vec<usize> = known.iter().map(|&l| labels.find(l)).collect();
        targets.sort_unstable();
        targets.dedup();
        if let [to] = targets[..] {
            labels.join(of[k], to);
        }
    }
}

/// Joins acronyms to their expansions: `(CFR)` right after a name, or a
/// one-word all-capitals name equal to the initials of another name.
fn join_acronyms(analysis: &Analysis, cands: &[Cand], of: &[usize], labels: &mut Labels) {
    let mut by_initials: HashMap<(&str, String), usize> = HashMap::new();
    for (j, d) in cands.iter().enumerate() {
        if d.end - d.start > 1 && d.kind != "PERSON" {
            let words: Vec<&str> = (d.start..d.end).map(|i| analysis.token_text(i)).collect();
            by_initials
                .entry((d.kind, names::initials(&words)))
                .or_insert(j);
        }
    }
    for k in 0..cands.len() {
        let c = &cands[k];
        if c.kind == "PERSON" || c.end - c.start != 1 || c.country.is_some() {
            continue;
        }
        let word = analysis.token_text(c.start);
        if !names::is_acronym(word) {
            continue;
        }
        let letters = names::acronym_letters(word);
        let defined = k.checked_sub(1).filter(|&j| {
            c.start >= 1
                && cands[j].end + 1 == c.start
                && analysis.token_text(c.start - 1) == "("
                && cands[j].kind != "PERSON"
        });
        let expansion = defined.or_else(|| by_initials.get(&(c.kind, letters)).copied());
        if let Some(j) = expansion {
            labels.join(of[k], of[j]);
        }
    }
}

/// Finds country names, capitals and seats of government the recogniser
/// missed (`Moscow demanded …`), as places.
pub fn missed_places(analysis: &Analysis, lex: &Lexicon, cands: &[Cand]) -> Vec<Cand> {
    let mut covered = vec![false; analysis.tokens.len()];
    for c in cands {
        covered[c.start..c.end].iter_mut().for_each(|x| *x = true);
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < analysis.tokens.len() {
        let end = analysis.sentences[analysis.sentence_of(i)].tokens.end;
        let found = (1..=lex.max_words.min(end.saturating_sub(i)))
            .rev()
            .filter(|&n| !covered[i..i + n].iter().any(|&c| c))
            .find(|&n| {
                let t = words::text(analysis, i, i + n);
                capitalised(t) && (lex.country(t).is_some() || lex.seat(t).is_some())
            });
        match found {
            Some(n) => {
                out.push(Cand {
                    start: i,
                    end: i + n,
                    kind: "LOC",
                    country: lex.country(words::text(analysis, i, i + n)),
                    source: None,
                });
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

/// Finds one-word mentions of known family names that the recogniser
/// missed (a capitalised proper noun equal to a full name's last part).
pub fn missed_surnames(analysis: &Analysis, cands: &[Cand]) -> Vec<Cand> {
    let mut covered = vec![false; analysis.tokens.len()];
    let mut surnames: HashMap<String, ()> = HashMap::new();
    for c in cands {
        covered[c.start..c.end].iter_mut().for_each(|x| *x = true);
        if c.kind == "PERSON" && c.end - c.start > 1 {
            surnames.insert(analysis.token_text(c.end - 1).to_string(), ());
        }
    }
    (0..analysis.tokens.len())
        .filter(|&i| !covered[i] && analysis.tag(i).upos == "PROPN")
        .filter(|&i| {
            let w = analysis.token_text(i);
            capitalised(w) && surnames.contains_key(w)
        })
        .map(|i| Cand {
            start: i,
            end: i + 1,
            kind: "PERSON",
            country: None,
            source: None,
        })
        .collect()
}
