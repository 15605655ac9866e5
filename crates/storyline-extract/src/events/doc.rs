//! The view of a document the events stage works on: children lists,
//! lowercase lemmas, and how an argument word becomes an entity (names,
//! pronouns, role nominals through [`Actors`]; demonyms and state organs
//! like `Iranian authorities` or `Italy's government` through the country
//! they name; capitals acting for their country).

use crate::actors::Actors;
use crate::actors::lexicon as actor_lexicon;
use crate::analysis::Analysis;

/// Nouns for bodies that act for the country named by their modifier
/// (`Kenyan police`, `the U.S. delegation`, `Italy's government`).
const ORGANS: &[&str] = &[
    "authority",
    "authorities",
    "government",
    "force",
    "forces",
    "troop",
    "troops",
    "army",
    "military",
    "police",
    "ministry",
    "official",
    "officials",
    "delegation",
    "negotiator",
    "negotiators",
    "diplomat",
    "diplomats",
    "soldier",
    "soldiers",
    "position",
    "positions",
    "navy",
    "administration",
    "regime",
    "leadership",
    "cabinet",
    "side",
    "envoy",
    "envoys",
    "team",
    "embassy",
    "parliament",
    "court",
    "prosecutor",
    "prosecutors",
    "guard",
    "guards",
    "jet",
    "jets",
    "warship",
    "warships",
    "drone",
    "drones",
    "missile",
    "missiles",
    "unit",
    "units",
];

/// Relative pronouns, which are never arguments themselves.
const RELATIVE: &[&str] = &["that", "which", "who", "whom", "whose"];

/// A parsed document with the lookups the stage needs.
pub struct Doc<'a> {
    /// The analysis.
    pub a: &'a Analysis,
    /// The document's entities.
    pub actors: &'a Actors,
    kids: Vec<Vec<usize>>,
    lemma: Vec<String>,
    lower: Vec<String>,
    /// The headline's sentence, which restates the lead in telegraphic
    /// grammar the parser reads badly; its facts come again in the body.
    pub headline: Option<usize>,
}

impl<'a> Doc<'a> {
    /// Prepares a document (one pass over its tokens).
    pub fn new(a: &'a Analysis, actors: &'a Actors) -> Doc<'a> {
        let n = a.tokens.len();
        let mut kids = vec![Vec::new(); n];
        for i in 0..n {
            if let Some(h) = a.tag(i).head
                && h < n
                && h != i
            {
                kids[h].push(i);
            }
        }
        let lemma = (0..n)
            .map(|i| {
                let l = &a.tag(i).lemma;
                if l.is_empty() {
                    a.token_text(i).to_lowercase()
                } else {
                    l.to_lowercase()
                }
            })
            .collect();
        let lower = (0..n).map(|i| a.token_text(i).to_lowercase()).collect();
        let headline = a.sentences.first().and_then(|s| {
            let last = s.tokens.end.checked_sub(1)?;
            let after = a.text.get(a.tokens[last].byte_end..)?;
            let ends = matches!(a.token_text(last), "." | "!" | "?" | "”" | "\"");
            (a.sentences.len() > 1 && !ends && after.starts_with("\n\n")).then_some(0)
        });
        Doc {
            a,
            actors,
            kids,
            lemma,
            lower,
            headline,
        }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.lemma.len()
    }

    /// Whether the document has no tokens.
    pub fn is_empty(&self) -> bool {
        self.lemma.is_empty()
    }

    /// Lowercase lemma of token `i`.
    pub fn lemma(&self, i: usize) -> &str {
        &self.lemma[i]
    }

    /// Lowercase text of token `i`.
    pub fn lower(&self, i: usize) -> &str {
        &self.lower[i]
    }

    /// Universal POS of token `i`.
    pub fn upos(&self, i: usize) -> &str {
        &self.a.tag(i).upos
    }

    /// Dependency relation of token `i`.
    pub fn deprel(&self, i: usize) -> &str {
        &self.a.tag(i).deprel
    }

    /// The relation without its subtype (`nmod:poss` → `nmod`).
    pub fn base(&self, i: usize) -> &str {
        let d = self.deprel(i);
        d.split(':').next().unwrap_or(d)
    }

    /// Head of token `i`.
    pub fn head(&self, i: usize) -> Option<usize> {
        self.a.tag(i).head.filter(|&h| h < self.len())
    }

    /// Dependents of token `i` in text order.
    pub fn kids(&self, i: usize) -> &[usize] {
        &self.kids[i]
    }

    /// Dependents of `i` whose relation (or its base) is `rel`.
    pub fn kids_rel<'s>(&'s self, i: usize, rel: &'s str) -> impl Iterator<Item = usize> + 's {
        self.kids[i]
            .iter()
            .copied()
            .filter(move |&k| self.deprel(k) == rel || self.base(k) == rel)
    }

    /// The preposition (case marker) of a nominal, lowercase.
    /// A preposition the parser attached to the governing verb instead
    /// (right before the nominal) counts too.
    pub fn case(&self, i: usize) -> Option<&str> {
        let own = self.kids[i]
            .iter()
            .copied()
            .filter(|&k| self.deprel(k) == "case")
            .map(|k| self.lower(k))
            .find(|w| *w != "'s" && *w != "’s");
        if own.is_some() || !matches!(self.upos(i), "NOUN" | "PROPN" | "PRON" | "NUM") {
            return own;
        }
        let mut first = i;
        while let Some(&k) = self.kids[first].first().filter(|&&k| k < first) {
            first = k;
        }
        let p = first.checked_sub(1)?;
        (matches!(self.deprel(p), "case" | "mark")
            && self.upos(p) == "ADP"
            && self
                .head(p)
                .is_some_and(|h| h == self.head(i).unwrap_or(usize::MAX)))
        .then(|| self.lower(p))
    }

    /// Whether `i` is a verb or auxiliary-like predicate.
    pub fn is_verb(&self, i: usize) -> bool {
        matches!(self.upos(i), "VERB" | "AUX")
    }

    /// Whether `i` is a relative pronoun.
    pub fn relative(&self, i: usize) -> bool {
        RELATIVE.contains(&self.lower(i)) && matches!(self.upos(i), "PRON" | "SCONJ" | "DET")
    }

    /// First and last token (inclusive) of the subtree of `i`, leaving out
    /// appositions, relative clauses and the punctuation at its edges, so
    /// an issue reads `X` and not `X, a point that …`.
    pub fn phrase(&self, i: usize) -> (usize, usize) {
        let (mut first, mut last) = (i, i);
        let mut stack = vec![i];
        let mut steps = 0;
        while let Some(t) = stack.pop() {
            steps += 1;
            if steps > 400 {
                break;
            }
            for &c in &self.kids[t] {
                if matches!(self.deprel(c), "appos" | "acl:relcl" | "parataxis")
                    || (t == i && self.deprel(c) == "punct")
                {
                    continue;
                }
                first = first.min(c);
                last = last.max(c);
                stack.push(c);
            }
        }
        // The phrase's own preposition is not part of the issue.
        while first < last
            && (self.upos(first) == "PUNCT"
                || (self.deprel(first) == "case" && self.head(first) == Some(i)))
        {
            first += 1;
        }
        while last > first && self.upos(last) == "PUNCT" {
            last -= 1;
        }
        (first, last)
    }

    /// The entity a single word stands for when it acts: a name, pronoun
    /// or role nominal (through [`Actors::resolve_actor`]), else a demonym
    /// (`Ukrainian` → Ukraine).
    pub fn word_entity(&self, i: usize, acting: bool) -> Option<usize> {
        if self.relative(i) {
            return None;
        }
        // A country word whose flat tail holds a person's name (`U.S.
        // Special Envoy …` parsed as one name) is that person.
        let own = self.actors.token_entity.get(i).copied().flatten();
        if let Some(e) = own
            && self.actors.entities[e].kind != "PERSON"
            && let Some(p) = self.kids_rel(i, "flat").find_map(|k| {
                self.actors.token_entity[k].filter(|&p| self.actors.entities[p].kind == "PERSON")
            })
        {
            return Some(p);
        }
        // A bare common noun (`union leaders`) refers to no one in
        // particular; a definite one (`the president`) may.
        if own.is_none() && self.upos(i) == "NOUN" && !self.definite(i) {
            return self.demonym_entity(i, acting);
        }
        let found = if acting {
            self.actors.resolve_actor(self.a, i)
        } else {
            self.actors.resolve(self.a, i)
        };
        found
            .or_else(|| self.demonym_entity(i, acting))
            .or_else(|| self.named_before(i))
    }

    /// Whether noun `i` has a definite or demonstrative determiner or a
    /// possessor.
    pub fn definite(&self, i: usize) -> bool {
        self.kids[i].iter().any(|&k| {
            (self.deprel(k) == "det"
                && matches!(self.lower(k), "the" | "this" | "that" | "these" | "those"))
                || self.deprel(k) == "nmod:poss"
        })
    }

    /// `the union` after `the RMT union`: the organisation an earlier
    /// mention of the same noun was named with.
    fn named_before(&self, i: usize) -> Option<usize> {
        if self.upos(i) != "NOUN" || !self.definite(i) {
            return None;
        }
        let lemma = self.lemma(i);
        (i.saturating_sub(400)..i).rev().find_map(|j| {
            if self.lemma(j) != lemma {
                return None;
            }
            self.kids_rel(j, "compound").find_map(|m| {
                self.actors.token_entity[m].filter(|&e| self.actors.entities[e].kind == "ORG")
            })
        })
    }

    /// The entity of the country a demonym names (`Ukrainian`), when the
    /// document names the country or one of its capitals.
    pub fn demonym_entity(&self, i: usize, acting: bool) -> Option<usize> {
        let country = actor_lexicon::lexicon().demonym(self.a.token_text(i))?;
        let ents = &self.actors.entities;
        (0..ents.len())
            .find(|&e| ents[e].name == country)
            .or_else(|| {
                acting
                    .then(|| (0..ents.len()).find(|&e| self.actors.country_of(e) == Some(country)))
                    .flatten()
            })
    }

    /// The entities a nominal argument headed by `i` refers to, with its
    /// coordinated parts (`Witkoff and Kushner`): the word's own entity,
    /// else for a state organ the country its modifier names.
    pub fn entities(&self, i: usize, acting: bool) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![i];
        let mut seen = 0;
        while let Some(t) = stack.pop() {
            seen += 1;
            if seen > 16 {
                break;
            }
            // `the RMT union`: an organisation's name modifying a noun.
            let org = || {
                self.kids_rel(t, "compound").find_map(|m| {
                    self.actors.token_entity[m].filter(|&e| self.actors.entities[e].kind == "ORG")
                })
            };
            if let Some(e) = self.word_entity(t, acting) {
                out.push(e);
            } else if matches!(self.upos(t), "NOUN" | "PROPN")
                && let Some(e) = org()
            {
                out.push(e);
            } else if ORGANS.contains(&self.lemma(t)) || ORGANS.contains(&self.lower(t)) {
                for &m in self.kids(t) {
                    if matches!(self.deprel(m), "amod" | "compound" | "nmod:poss" | "nmod") {
                        if self.deprel(m) == "nmod" && self.case(m) != Some("of") {
                            continue;
                        }
                        if let Some(e) = self.word_entity(m, acting) {
                            out.push(e);
                        }
                        for c in self.kids_rel(m, "conj") {
                            if let Some(e) = self.word_entity(c, acting) {
                                out.push(e);
                            }
                        }
                    }
                }
            }
            let named = self.actors.token_entity.get(t).copied().flatten();
            for &c in self.kids(t) {
                let d = self.deprel(c);
                // `X and Y` is sometimes parsed as an apposition with a
                // conjunction inside it; an unnamed head (`a senior
                // official, Witkoff and Kushner`) is named by its apposition.
                let coordinated = d == "conj"
                    || (d == "appos"
                        && (named.is_none() || self.kids_rel(c, "cc").next().is_some()));
                // `Umerov, the … Council Secretary` parsed as coordination:
                // a name, a comma and a determiner start a description.
                let (mut first, _) = self.a.subtree(c);
                while first < c && self.upos(first) == "PUNCT" {
                    first += 1;
                }
                let description = named.is_some_and(|e| self.actors.entities[e].kind == "PERSON")
                    && first > 0
                    && matches!(self.lower(first), "the" | "a" | "an")
                    && self.lower(first - 1) == ",";
                if coordinated && !description && !self.relative(c) {
                    stack.push(c);
                }
            }
        }
        let mut uniq = Vec::new();
        for e in out {
            if !uniq.contains(&e) {
                uniq.push(e);
            }
        }
        uniq
    }

    /// Whether token `i` is a LOC entity, and which (not resolved to a
    /// country: a place is where, not who).
    pub fn place_entity(&self, i: usize) -> Option<usize> {
        let e = self.actors.token_entity.get(i).copied().flatten()?;
        (self.actors.entities[e].kind == "LOC").then_some(e)
    }

    /// The token of a mention that heads it (its head lies outside).
    pub fn mention_heads(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for &(s, e, ent) in self.actors.spans() {
            let head = (s..e.min(self.len()))
                .find(|&t| self.head(t).is_none_or(|h| h < s || h >= e))
                .unwrap_or(s);
            out.push((head, ent));
        }
        out
    }
}
