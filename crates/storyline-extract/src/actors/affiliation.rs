//! What each actor acts for: the country or organisation its titles name,
//! else its possessor's (`Putin’s aide` → Russia, `his son-in-law` → his),
//! else — for governmental titles with no nationality, which news writes for
//! the home side (`President Donald Trump`) — the country the document's
//! qualified officials most often belong to.

use std::collections::HashMap;

use super::Actors;
use super::titles::{Aff, Ctx, RoleFact};

/// Sets `affiliation` on every entity.
pub fn assign(ctx: &Ctx<'_>, actors: &mut Actors, facts: &[Vec<&RoleFact>]) {
    let n = actors.entities.len();
    let mut aff: Vec<Option<String>> = vec![None; n];
    for e in 0..n {
        aff[e] =
            explicit(facts[e].iter().copied()).or_else(|| organisation_country(ctx, actors, e));
    }
    inherit(ctx, actors, facts, &mut aff);
    if let Some(home) = home_country(ctx, actors, facts) {
        for e in 0..n {
            let governmental = facts[e]
                .iter()
                .any(|f| f.kind.is_some_and(|k| k.governmental()));
            if aff[e].is_none() && governmental && actors.entities[e].kind == "PERSON" {
                aff[e] = Some(home.to_string());
            }
        }
        inherit(ctx, actors, facts, &mut aff);
    }
    let names = NameIndex::new(actors);
    let canonical: Vec<Option<String>> = aff
        .iter()
        .map(|a| a.as_ref().map(|a| names.canonical(actors, a)))
        .collect();
    for (entity, a) in actors.entities.iter_mut().zip(canonical) {
        entity.affiliation = a;
    }
}

/// The first non-person entity each name or mention text belongs to, so an
/// affiliation finds its entity without a scan of every mention.
struct NameIndex(HashMap<String, usize>);

impl NameIndex {
    fn key(s: &str) -> String {
        s.to_lowercase().replace('’', "'")
    }

    fn new(actors: &Actors) -> Self {
        let mut first = HashMap::new();
        for (i, e) in actors.entities.iter().enumerate() {
            if e.kind == "PERSON" {
                continue;
            }
            let texts = std::iter::once(&e.name).chain(e.mentions.iter().map(|m| &m.text));
            for text in texts {
                first.entry(Self::key(text)).or_insert(i);
            }
        }
        NameIndex(first)
    }

    /// An organisation's fullest name: `Brightwater` → `Brightwater Foods`
    /// when the document's entity with that mention has the longer name.
    fn canonical(&self, actors: &Actors, written: &str) -> String {
        self.0
            .get(&Self::key(written))
            .map_or_else(|| written.to_string(), |&e| actors.entities[e].name.clone())
    }
}

/// The first country or organisation named in an actor's titles or in a
/// `from/of` phrase.
fn explicit<'a>(facts: impl Iterator<Item = &'a RoleFact>) -> Option<String> {
    facts
        .filter_map(|f| match &f.affiliation {
            Some(Aff::Country(c)) => Some(c.to_string()),
            Some(Aff::Org(o)) => Some(o.clone()),
            _ => None,
        })
        .next()
}

/// A national body (`Ukrainian National Security and Defense Council`)
/// acts for its country.
fn organisation_country(ctx: &Ctx<'_>, actors: &Actors, e: usize) -> Option<String> {
    let entity = &actors.entities[e];
    if entity.kind != "ORG" || actors.countries[e].is_some() {
        return None;
    }
    let mut words = entity.name.split(' ');
    let first = words.next()?;
    words.next()?;
    ctx.lex.country_like(first).map(str::to_string)
}

/// Possessive roles inherit the possessor's affiliation (a few rounds, so
/// chains settle).
fn inherit(ctx: &Ctx<'_>, actors: &Actors, facts: &[Vec<&RoleFact>], aff: &mut [Option<String>]) {
    for _ in 0..3 {
        for e in 0..aff.len() {
            if aff[e].is_some() {
                continue;
            }
            let possessor = facts[e].iter().find_map(|f| match f.affiliation {
                Some(Aff::Possessor(t)) => Some(t),
                _ => None,
            });
            let Some(token) = possessor else { continue };
            let Some(owner) = actors.resolve(ctx.analysis, token).filter(|&o| o != e) else {
                continue;
            };
            let owner_entity = &actors.entities[owner];
            aff[e] = match owner_entity.kind.as_str() {
                "PERSON" => aff[owner].clone(),
                "ORG" => Some(owner_entity.name.clone()),
                _ => actors.country_of(owner).map(str::to_string),
            };
        }
    }
}

/// The document's home country: the one named in the titles of at least two
/// governmental actors and more often than any other; else the country the
/// document names (by name or demonym, not by capital) at least twice and
/// twice as often as any other.
fn home_country(ctx: &Ctx<'_>, actors: &Actors, facts: &[Vec<&RoleFact>]) -> Option<&'static str> {
    let mut mentioned: HashMap<&'static str, usize> = HashMap::new();
    let mut named: HashMap<&'static str, usize> = HashMap::new();
    for i in 0..ctx.analysis.tokens.len() {
        let country = match actors.token_entity[i] {
            Some(e) => {
                actors.countries[e].filter(|_| actors.spans_starting_in(i..i + 1).any(|s| s.2 == e))
            }
            None => ctx
                .lex
                .demonym(ctx.analysis.token_text(i))
                .filter(|_| super::words::capitalised(ctx.analysis.token_text(i))),
        };
        if let Some(c) = country {
            *mentioned.entry(c).or_default() += 1;
            let seat = actors.token_entity[i].is_some_and(|e| actors.entities[e].name != c);
            if !seat {
                *named.entry(c).or_default() += 1;
            }
        }
    }
    let mut titled: HashMap<&'static str, usize> = HashMap::new();
    for f in facts.iter().flatten() {
        if let (Some(Aff::Country(c)), Some(k)) = (&f.affiliation, f.kind)
            && k.governmental()
        {
            *titled.entry(c).or_default() += 1;
        }
    }
    let count = |c: &&'static str| mentioned.get(c).copied().unwrap_or(0);
    // At least two qualified officials, and more than for any other country:
    // one `Russian President` does not make a story Russian.
    let mut ranked: Vec<(&'static str, usize)> = titled.into_iter().collect();
    ranked.sort_by_key(|&(c, n)| (std::cmp::Reverse(n), std::cmp::Reverse(count(&c)), c));
    if let [(c, n), ..] = ranked[..]
        && n >= 2
        && ranked.get(1).is_none_or(|r| r.1 < n)
    {
        return Some(c);
    }
    // Else a country the document names (not by its capital) clearly more
    // often than any other.
    let mut ranked: Vec<(&'static str, usize)> = named.into_iter().collect();
    ranked.sort_by_key(|&(c, n)| (std::cmp::Reverse(n), c));
    match ranked[..] {
        [(c, n), ..] if n >= 2 && ranked.get(1).is_none_or(|r| n >= 2 * r.1) => Some(c),
        _ => None,
    }
}
