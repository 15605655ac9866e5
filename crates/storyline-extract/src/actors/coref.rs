//! Coreference beyond names: definite role nominals (`the Russian
//! President`, `the envoy`, `the Kremlin aide`) joined at build time to the
//! named entity that holds the role, and pronouns resolved on request.

use super::titles::{Aff, Ctx, RoleFact};
use super::{Actors, add_mention};
use crate::analysis::Analysis;

/// Joins every definite role nominal to the entity that holds the role:
/// a person mentioned earlier with a title of the same head word and, when
/// the nominal names an affiliation, that affiliation. The most recently
/// mentioned such person wins.
pub fn role_nominals(ctx: &Ctx<'_>, actors: &mut Actors, facts: &[Vec<&RoleFact>]) {
    let a = ctx.analysis;
    for det in 0..a.tokens.len() {
        if !a.token_text(det).eq_ignore_ascii_case("the") || actors.token_entity[det].is_some() {
            continue;
        }
        let Some((role, end)) = ctx.role_nominal(det) else {
            continue;
        };
        if actors.token_entity[det + 1..end]
            .iter()
            .any(Option::is_some)
        {
            continue;
        }
        let wanted = match &role.affiliation {
            Some(Aff::Country(c)) => Some(c.to_string()),
            Some(Aff::Org(o)) => Some(o.clone()),
            _ => None,
        };
        let head = role.head.as_deref().unwrap_or_default();
        let holder = latest_before(actors, 0, det, |_, e| {
            actors.entities[e].kind == "PERSON"
                && facts[e].iter().any(|f| f.head.as_deref() == Some(head))
                && wanted
                    .as_ref()
                    .is_none_or(|w| actors.entities[e].affiliation.as_ref() == Some(w))
        });
        if let Some(e) = holder {
            add_mention(a, actors, e, det, end);
        }
    }
}

/// How many earlier mentions a description looks back over for its
/// antecedent. An article names a few hundred mentions at most, so this
/// only bounds the cost on book-length input, where an antecedent further
/// back than this is not what a reader would pick anyway.
pub const MAX_ANTECEDENT_MENTIONS: usize = 2000;

/// The entity of the latest mention starting in `from..before` for which
/// `wanted(start, entity)` holds, among the last
/// [`MAX_ANTECEDENT_MENTIONS`]: the antecedent a description refers back
/// to.
fn latest_before(
    actors: &Actors,
    from: usize,
    before: usize,
    wanted: impl Fn(usize, usize) -> bool,
) -> Option<usize> {
    actors
        .spans_starting_in(from..before)
        .rev()
        .take(MAX_ANTECEDENT_MENTIONS)
        .find(|&&(s, _, e)| wanted(s, e))
        .map(|&(_, _, e)| e)
}

/// Joins definite descriptions of organisations to the organisation named
/// earlier whose name ends in the same noun (`the Central Election
/// Commission` … `the commission’s chairman`).
pub fn org_descriptions(analysis: &Analysis, actors: &mut Actors) {
    for det in 0..analysis.tokens.len().saturating_sub(1) {
        let noun = det + 1;
        if !analysis.token_text(det).eq_ignore_ascii_case("the")
            || actors.token_entity[det].is_some()
            || actors.token_entity[noun].is_some()
            || analysis.sentence_of(noun) != analysis.sentence_of(det)
            || analysis.tag(noun).xpos != "NN"
        {
            continue;
        }
        let next = analysis.tag(noun + 1);
        if noun + 1 < analysis.tokens.len() && matches!(next.upos.as_str(), "NOUN" | "PROPN") {
            continue;
        }
        let word = analysis.token_text(noun).to_lowercase();
        // Only an organisation named in the last few sentences: `the state`
        // far from any `Islamic State` is the common noun.
        let near = analysis.sentence_of(det).saturating_sub(3);
        let floor = analysis.sentences[near].tokens.start;
        let holder = latest_before(actors, floor, det, |_, e| {
            actors.entities[e].kind == "ORG"
                && actors.entities[e].name.contains(' ')
                && actors.entities[e]
                    .name
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| w.to_lowercase() == word)
        });
        if let Some(e) = holder {
            add_mention(analysis, actors, e, det, noun + 1);
        }
    }
}

/// The antecedent of a pronoun: `he`/`she` → a person, `it`/`they` → an
/// organisation or country, searched in the pronoun's sentence (most recent
/// first), then in up to three earlier sentences (the subject first).
pub fn pronoun(actors: &Actors, analysis: &Analysis, token: usize) -> Option<usize> {
    let word = analysis.token_text(token).to_lowercase();
    let person = matches!(
        word.as_str(),
        "he" | "she" | "him" | "her" | "his" | "hers" | "himself" | "herself"
    );
    let group = matches!(
        word.as_str(),
        "it" | "its" | "itself" | "they" | "them" | "their" | "themselves"
    );
    if !person && !group {
        return None;
    }
    let fits = |e: usize| {
        let kind = actors.entities[e].kind.as_str();
        if person {
            kind == "PERSON"
        } else {
            kind == "ORG" || actors.country_of(e).is_some()
        }
    };
    let sentence = analysis.sentence_of(token);
    let reach = if person { 3 } else { 1 };
    let conjunct = conjunct_entities(actors, analysis, token);
    for back in 0..=reach.min(sentence) {
        let range = analysis.sentences[sentence - back].tokens.clone();
        let limit = if back == 0 { token } else { range.end };
        let in_sentence: Vec<(usize, usize)> = actors
            .spans_starting_in(range.start..limit)
            .filter(|&&(_, _, e)| fits(e) && !conjunct.contains(&e))
            .map(|&(s, end, e)| (s, end, e))
            .map(|(s, end, e)| (end.max(s + 1) - 1, e))
            .collect();
        if in_sentence.is_empty() {
            continue;
        }
        if back > 0 {
            let subject = in_sentence
                .iter()
                .find(|&&(last, _)| analysis.tag(last).deprel.starts_with("nsubj"));
            if let Some(&(_, e)) = subject {
                return Some(e);
            }
        }
        return in_sentence.last().map(|&(_, e)| e);
    }
    None
}

/// Entities coordinated with the pronoun's phrase (`Witkoff and his
/// son-in-law`): a possessive cannot point to its own conjunct.
fn conjunct_entities(actors: &Actors, analysis: &Analysis, token: usize) -> Vec<usize> {
    let Some(head) = analysis.tag(token).head else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if analysis.tag(head).deprel == "conj"
        && let Some(e) = analysis.tag(head).head.and_then(|h| actors.token_entity[h])
    {
        out.push(e);
    }
    for c in analysis
        .children(head)
        .filter(|&c| analysis.tag(c).deprel == "conj")
    {
        out.extend(actors.token_entity[c]);
    }
    out
}
