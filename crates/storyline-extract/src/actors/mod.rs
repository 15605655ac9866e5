//! Actors: one entity per real-world referent, with titles, roles and
//! affiliations.
//!
//! The stage reads the recogniser's mentions and the parse:
//! 1. [`merge`] cleans the mentions (demonyms are not actors) and joins full
//!    names and their parts, acronyms and expansions, names of one country;
//! 2. [`titles`] reads titles and affiliation words around each person name
//!    (premodifiers, appositions, possessives, `from/of ORG`, kinship);
//! 3. [`affiliation`] settles what each actor acts for, inheriting through
//!    possessives (`Putin’s aide` → Russia);
//! 4. [`coref`] attaches definite role nominals (`the Russian President`)
//!    to the named entity that holds the role, and resolves pronouns and
//!    metonymy (`Moscow`, `the Kremlin` → Russia) on request.

pub mod affiliation;
pub mod coref;
pub mod lexicon;
pub mod merge;
pub mod names;
pub mod titles;
pub mod words;

use std::collections::BTreeSet;

use crate::analysis::Analysis;
use crate::record::Entity;

pub use merge::record_type;

/// The entities of a document and where each token's mention points.
#[derive(Debug, Clone, Default)]
pub struct Actors {
    /// Entities in order of first mention (`E1`, `E2`, …).
    pub entities: Vec<Entity>,
    /// For each mention of `Analysis::mentions`, the index of its entity
    /// (`None` for mentions that are not actors, such as demonyms).
    pub mention_entity: Vec<Option<usize>>,
    /// For each token, the index of the entity whose mention covers it.
    pub token_entity: Vec<Option<usize>>,
    /// Every mention as `(first token, end token, entity)`, by position:
    /// ordered, so the mentions of a stretch of text are found by a range
    /// query rather than a scan of the document.
    spans: BTreeSet<(usize, usize, usize)>,
    /// For each entity, the country it is or stands for (countries,
    /// capitals, seats of government).
    countries: Vec<Option<&'static str>>,
}

impl Actors {
    /// The entity a token belongs to, if any.
    pub fn entity_of(&self, token: usize) -> Option<&Entity> {
        self.token_entity
            .get(token)
            .copied()
            .flatten()
            .map(|i| &self.entities[i])
    }

    /// The entity a source or argument headed by `token` refers to: the
    /// entity of a name or of a definite role nominal (`the Russian
    /// President`, `the envoy`, resolved when the document gave someone that
    /// role), the named apposition of a role noun, or for a pronoun its
    /// antecedent (`he`/`she` → the last person, preferring a previous
    /// sentence's subject; `it`/`they` → a nearby organisation or country).
    /// Indefinite sources (`a senior official`) give `None`.
    pub fn resolve(&self, analysis: &Analysis, token: usize) -> Option<usize> {
        if token >= analysis.tokens.len() {
            return None;
        }
        if let Some(index) = self.token_entity.get(token).copied().flatten() {
            return Some(index);
        }
        if let Some(index) = analysis
            .children(token)
            .filter(|&c| analysis.tag(c).deprel == "appos")
            .find_map(|c| self.token_entity.get(c).copied().flatten())
        {
            return Some(index);
        }
        coref::pronoun(self, analysis, token)
    }

    /// Like [`Actors::resolve`], but a capital or seat of government acting
    /// (`Moscow demanded`, `the Kremlin said`) stands for its country: the
    /// country's entity when the document names the country, else the
    /// capital's own entity (its mention is the capital's mention; use
    /// [`Actors::country_of`] for the country's name).
    pub fn resolve_actor(&self, analysis: &Analysis, token: usize) -> Option<usize> {
        let entity = self.resolve(analysis, token)?;
        let Some(country) = self.country_of(entity) else {
            return Some(entity);
        };
        let named = (0..self.entities.len())
            .find(|&e| self.countries[e] == Some(country) && self.entities[e].name == country);
        Some(named.unwrap_or(entity))
    }

    /// The canonical country an entity is or stands for: a country
    /// (`U.S.` → `United States`), a capital (`Kyiv` → `Ukraine`) or a seat
    /// of government (`the Kremlin` → `Russia`). `None` for people,
    /// organisations and other places.
    pub fn country_of(&self, entity: usize) -> Option<&str> {
        self.countries.get(entity).copied().flatten()
    }

    /// Mentions as `(first token, end token, entity)` in text order.
    pub fn spans(&self) -> impl DoubleEndedIterator<Item = &(usize, usize, usize)> + '_ {
        self.spans.iter()
    }

    /// Mentions whose first token lies in `tokens`, in text order.
    pub fn spans_starting_in(
        &self,
        tokens: std::ops::Range<usize>,
    ) -> impl DoubleEndedIterator<Item = &(usize, usize, usize)> + '_ {
        let range = (tokens.start.min(tokens.end), 0, 0)..(tokens.end, 0, 0);
        self.spans.range(range)
    }
}

/// Builds the document's entities from its mentions.
pub fn build(analysis: &Analysis) -> Actors {
    let lex = lexicon::lexicon();
    let mut cands = merge::collect(analysis, lex);
    cands.extend(merge::missed_surnames(analysis, &cands));
    cands.extend(merge::missed_places(analysis, lex, &cands));
    cands.sort_by_key(|c| c.start);
    let of = merge::cluster(analysis, &cands);
    let mut named = vec![None; analysis.tokens.len()];
    for c in &cands {
        for slot in &mut named[c.start..c.end] {
            *slot = Some((c.start, c.end, c.kind));
        }
    }
    let ctx = titles::Ctx {
        analysis,
        lex,
        named,
    };
    let facts: Vec<Vec<titles::RoleFact>> = cands
        .iter()
        .map(|c| {
            if c.kind == "PERSON" {
                ctx.facts(c.start, c.end)
            } else {
                Vec::new()
            }
        })
        .collect();
    let mut actors = assemble(analysis, &cands, &of, &facts);
    let entity_facts = per_entity(&actors, &cands, &facts);
    coref::org_descriptions(analysis, &mut actors);
    affiliation::assign(&ctx, &mut actors, &entity_facts);
    coref::role_nominals(&ctx, &mut actors, &entity_facts);
    for entity in &mut actors.entities {
        entity.mentions.sort_by_key(|m| m.start);
    }
    actors
}

/// Role facts grouped by entity.
fn per_entity<'f>(
    actors: &Actors,
    cands: &[merge::Cand],
    facts: &'f [Vec<titles::RoleFact>],
) -> Vec<Vec<&'f titles::RoleFact>> {
    let mut out = vec![Vec::new(); actors.entities.len()];
    for (c, f) in cands.iter().zip(facts) {
        if let Some(e) = actors.token_entity[c.start] {
            out[e].extend(f.iter());
        }
    }
    out
}

/// Turns clusters into entities in order of first mention: name, type,
/// mentions (a premodifier title joins its name's mention; an apposition is
/// a mention of its own) and titles.
fn assemble(
    analysis: &Analysis,
    cands: &[merge::Cand],
    of: &[usize],
    facts: &[Vec<titles::RoleFact>],
) -> Actors {
    let lex = lexicon::lexicon();
    let clusters = of.iter().max().map_or(0, |m| m + 1);
    // Mention spans per cand: the name, widened by a premodifier title.
    let spans: Vec<(usize, usize)> = cands
        .iter()
        .zip(facts)
        .map(|(c, f)| {
            f.iter()
                .filter_map(|x| x.span)
                .find(|&(s, e)| e == c.end && s <= c.start)
                .unwrap_or((c.start, c.end))
        })
        .collect();
    let mut first = vec![usize::MAX; clusters];
    for (k, &cl) in of.iter().enumerate() {
        first[cl] = first[cl].min(spans[k].0);
    }
    let mut order: Vec<usize> = (0..clusters).filter(|&c| first[c] != usize::MAX).collect();
    order.sort_by_key(|&c| first[c]);
    let mut index = vec![usize::MAX; clusters];
    for (i, &c) in order.iter().enumerate() {
        index[c] = i;
    }
    let mut actors = Actors {
        token_entity: vec![None; analysis.tokens.len()],
        mention_entity: vec![None; analysis.mentions.len()],
        ..Actors::default()
    };
    let mut members_of: Vec<Vec<usize>> = vec![Vec::new(); clusters];
    for (k, &cl) in of.iter().enumerate() {
        members_of[cl].push(k);
    }
    for (i, &cl) in order.iter().enumerate() {
        let members = &members_of[cl];
        let country = members.iter().find_map(|&k| cands[k].country);
        let kind = vote_kind(analysis, cands, members);
        let best = members
            .iter()
            .copied()
            .max_by_key(|&k| (cands[k].end - cands[k].start, std::cmp::Reverse(k)))
            .expect("clusters have members");
        let written = words::text(analysis, cands[best].start, cands[best].end);
        let name = country.map_or_else(|| strip_article(written).to_string(), str::to_string);
        let mut titles: Vec<String> = Vec::new();
        for &k in members {
            for t in facts[k].iter().filter_map(|f| f.title.as_ref()) {
                if !titles.iter().any(|x| x.eq_ignore_ascii_case(t)) {
                    titles.push(t.clone());
                }
            }
        }
        let seat = country.or_else(|| lex.seat(&name).map(|s| s.0));
        actors.countries.push(seat);
        actors.entities.push(Entity {
            id: format!("E{}", i + 1),
            name,
            kind: kind.to_string(),
            titles,
            affiliation: None,
            mentions: Vec::new(),
        });
    }
    // Names claim their tokens first; title and apposition words after.
    for (k, c) in cands.iter().enumerate() {
        let e = index[of[k]];
        actors.token_entity[c.start..c.end]
            .iter_mut()
            .for_each(|t| *t = Some(e));
        if let Some(m) = c.source {
            actors.mention_entity[m] = Some(e);
        }
    }
    for (k, c) in cands.iter().enumerate() {
        let e = index[of[k]];
        add_mention(analysis, &mut actors, e, spans[k].0, spans[k].1);
        let appositions = facts[k]
            .iter()
            .filter_map(|f| f.span)
            .filter(|&(s, e)| !(e == c.end && s <= c.start));
        for (s, end) in appositions {
            add_mention(analysis, &mut actors, e, s, end);
        }
    }
    actors
}

/// Records a mention of entity `e` over tokens `s..end` and claims its
/// uncovered tokens. The entity's mention list is put in text order once,
/// at the end of [`build`], so adding costs the same anywhere in the text.
pub(crate) fn add_mention(
    analysis: &Analysis,
    actors: &mut Actors,
    e: usize,
    s: usize,
    end: usize,
) {
    if !actors.spans.insert((s, end, e)) {
        return;
    }
    for slot in &mut actors.token_entity[s..end] {
        slot.get_or_insert(e);
    }
    actors.entities[e]
        .mentions
        .push(analysis.span_text(s, end - 1));
}

fn strip_article(name: &str) -> &str {
    name.strip_prefix("the ")
        .or_else(|| name.strip_prefix("The "))
        .unwrap_or(name)
}

/// The record type of a cluster: countries are places; otherwise the
/// recogniser's labels vote, longer mentions weighing more.
fn vote_kind(analysis: &Analysis, cands: &[merge::Cand], members: &[usize]) -> &'static str {
    let _ = analysis;
    // Countries are places; a union of states (`European Union`) is an
    // organisation whatever list it sits in.
    let country = members.iter().find_map(|&k| cands[k].country);
    match country {
        Some(c) if c.ends_with("Union") => return "ORG",
        Some(_) => return "LOC",
        None => {}
    }
    let mut votes: Vec<(&'static str, usize)> = Vec::new();
    for &k in members {
        let weight = 2 * (cands[k].end - cands[k].start) - 1;
        match votes.iter_mut().find(|v| v.0 == cands[k].kind) {
            Some(v) => v.1 += weight,
            None => votes.push((cands[k].kind, weight)),
        }
    }
    votes
        .into_iter()
        .max_by_key(|v| v.1)
        .map_or("MISC", |v| v.0)
}
