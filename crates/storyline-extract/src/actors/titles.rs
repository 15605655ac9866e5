//! Titles, roles and the affiliation words found around a person's name:
//! premodifiers (`Russian President Vladimir Putin`), appositions on either
//! side (`Rustem Umerov, the Ukrainian … Secretary,`; `Putin’s foreign
//! policy aide, Yuri Ushakov`), `from/of ORG` (`Michael Froman from the
//! Council on Foreign Relations`) and kinship (`his son-in-law Jared
//! Kushner`). A title phrase is read as a run of modifier words ending in a
//! head from `lexicons/titles.txt`, optionally followed by `of/for X`.

use super::lexicon::{Lexicon, TitleKind};
use super::words::{self, capitalised};
use crate::analysis::Analysis;

/// What an actor acts for, as found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Aff {
    /// A canonical country name (`Russia`).
    Country(&'static str),
    /// An organisation's name as written (`Council on Foreign Relations`).
    Org(String),
    /// The token of a possessor whose affiliation is inherited (`Putin’s`, `his`).
    Possessor(usize),
}

/// A title (or a bare affiliation) read around one name.
#[derive(Debug, Clone, Default)]
pub struct RoleFact {
    /// The title as written, capitalisation normalised.
    pub title: Option<String>,
    /// The lexicon class of the title's head word.
    pub kind: Option<TitleKind>,
    /// Lower-cased head word (`president`, `aide`), for role nominals.
    pub head: Option<String>,
    /// What the title says the actor acts for.
    pub affiliation: Option<Aff>,
    /// Tokens `start..end` of a coreferent phrase to record as a mention:
    /// for a premodifier the whole `title + name`, for an apposition the
    /// appositive phrase alone.
    pub span: Option<(usize, usize)>,
}

/// Read-only context: the text, its lists, and which named mention covers
/// each token (with its record type).
pub struct Ctx<'a> {
    /// The analysed document.
    pub analysis: &'a Analysis,
    /// The word lists.
    pub lex: &'a Lexicon,
    /// For each token, the `(start, end, type)` of the named mention covering it.
    pub named: Vec<Option<(usize, usize, &'static str)>>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Class {
    Head(TitleKind),
    Mod,
    Affil,
    Conn,
    The,
}

#[derive(Debug, Clone, Copy)]
struct Unit {
    start: usize,
    end: usize,
    class: Class,
}

/// Words that join the parts of a title (`Secretary of State`,
/// `Security and Defense Council`).
fn connector(word: &str) -> bool {
    matches!(word, "of" | "for" | "and" | "&" | "at")
}

/// Honorifics that belong to a name's mention but are not titles.
pub fn honorific(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.').to_lowercase().as_str(),
        "mr" | "mrs" | "ms" | "miss" | "mx" | "sir" | "dame" | "lord" | "lady" | "messrs"
    )
}

impl Ctx<'_> {
    /// The affiliation named by the words starting at token `i`, and where it
    /// ends: a named organisation, a country name, a demonym, a capital or
    /// seat of government, or a party word.
    pub fn affiliation_at(&self, i: usize) -> Option<(Aff, usize)> {
        let a = self.analysis;
        if let Some((s, e, kind)) = self.named[i] {
            if kind == "PERSON" {
                return None;
            }
            let first = a.token_text(s);
            if let Some(c) = self.lex.country_like(first).filter(|_| e > s + 1) {
                // A national body (`Ukrainian National Security Council`) acts for its country.
                return (i == s).then_some((Aff::Country(c), s + 1));
            }
            let name = words::text(a, s, e);
            if let Some(c) = self.lex.country_like(name) {
                return Some((Aff::Country(c), e));
            }
            if kind == "ORG" || kind == "LOC" {
                // A city or region in a title (`Harbor City Mayor`) is what its official serves.
                let name = name.strip_prefix("the ").unwrap_or(name);
                return Some((Aff::Org(name.to_string()), e));
            }
        }
        let end = a.sentences[a.sentence_of(i)].tokens.end;
        for n in (1..=self.lex.max_words.min(end - i)).rev() {
            let phrase = words::text(a, i, i + n);
            if !capitalised(phrase) {
                continue;
            }
            if let Some(c) = self
                .lex
                .country(phrase)
                .or(self.lex.seat(phrase).map(|s| s.0))
            {
                return Some((Aff::Country(c), i + n));
            }
        }
        let word = a.token_text(i);
        if let Some(c) = self.lex.demonym(word).filter(|_| capitalised(word)) {
            return Some((Aff::Country(c), i + 1));
        }
        self.lex
            .party(word)
            .map(|p| (Aff::Org(p.to_string()), i + 1))
    }

    /// The class of the word `s..e` inside a title phrase, or `None` when it
    /// cannot be part of one. `right` is the class of the unit to its right.
    fn classify(&self, s: usize, e: usize, right: Option<Class>) -> Option<Class> {
        let a = self.analysis;
        let w = words::text(a, s, e);
        let tag = a.tag(e - 1);
        if matches!(self.named[s], Some((_, _, "PERSON"))) || honorific(w) {
            return None;
        }
        if self.affiliation_at(s).is_some() || self.named[s].is_some() {
            return Some(if self.affiliation_at(s).is_some() {
                Class::Affil
            } else {
                Class::Mod
            });
        }
        if let Some(kind) = self.lex.title(w) {
            return Some(Class::Head(kind));
        }
        if connector(w) {
            return Some(Class::Conn);
        }
        if w.eq_ignore_ascii_case("the") {
            return Some(Class::The);
        }
        if words::is_calendar_word(w) || !words::modifier_class(&tag.upos) {
            return None;
        }
        if capitalised(w) {
            return Some(Class::Mod);
        }
        // Lower-case modifiers (`foreign policy aide`, `former Secretary`):
        // a common noun only before another lower-case word, never a plural.
        let plural = matches!(tag.xpos.as_str(), "NNS" | "NNPS");
        let _ = right;
        let right_lower = e < a.tokens.len()
            && a.sentence_of(e) == a.sentence_of(s)
            && !capitalised(a.token_text(e))
            && words::modifier_class(&a.tag(e).upos);
        // The complement of a head: `chief of staff`.
        let complement = s >= 2
            && matches!(a.token_text(s - 1), "of" | "for")
            && self.lex.title(a.token_text(s - 2)).is_some();
        match tag.upos.as_str() {
            "ADJ" => Some(Class::Mod),
            "NOUN" if complement => Some(Class::Mod),
            "NOUN" if !plural && right_lower => Some(Class::Mod),
            _ => None,
        }
    }

    /// Units of a title phrase read leftwards from `end` (exclusive), in text order.
    fn units_before(&self, end: usize, floor: usize) -> Vec<Unit> {
        let mut units = Vec::new();
        let mut j = end;
        while j > floor {
            let s = words::word_start(self.analysis, j - 1, floor);
            let right = units.last().map(|u: &Unit| u.class);
            match self.classify(s, j, right) {
                Some(Class::The) | None => break,
                Some(Class::Conn) if right.is_none() => break,
                Some(class) => units.push(Unit {
                    start: s,
                    end: j,
                    class,
                }),
            }
            j = s;
        }
        units.reverse();
        while units.first().is_some_and(|u| u.class == Class::Conn) {
            units.remove(0);
        }
        units
    }

    /// Units of a title phrase read rightwards from `start`.
    fn units_after(&self, start: usize, ceiling: usize) -> Vec<Unit> {
        let mut units: Vec<Unit> = Vec::new();
        let mut i = start;
        while i < ceiling {
            let e = words::word_end(self.analysis, i, ceiling);
            let class = match self.classify(i, e, None) {
                // `the` only right after a connector (`chief of the agency`).
                Some(Class::The) if units.last().is_some_and(|u| u.class == Class::Conn) => {
                    Class::The
                }
                Some(Class::The) | None => break,
                Some(c) => c,
            };
            units.push(Unit {
                start: i,
                end: e,
                class,
            });
            i = e;
        }
        units
    }

    /// Reads a title phrase from its units: `[affiliation] modifiers HEAD
    /// [of/for complement]`. The complement is an affiliation when it names
    /// one (`President of Russia`), else part of the title (`Secretary of State`).
    fn read(&self, units: &[Unit]) -> Option<RoleFact> {
        let h = units
            .iter()
            .rposition(|u| matches!(u.class, Class::Head(_)))?;
        let Class::Head(kind) = units[h].class else {
            return None;
        };
        let tail = &units[h + 1..];
        let mut affiliation = None;
        let mut title_end = units[h].end;
        if let Some(first) = tail.first() {
            let word = words::text(self.analysis, first.start, first.end);
            if !matches!(word, "of" | "for" | "at") || tail.len() < 2 {
                return None;
            }
            let rest = &tail[1..];
            let rest = if rest[0].class == Class::The {
                &rest[1..]
            } else {
                rest
            };
            if rest.is_empty() || rest.iter().any(|u| matches!(u.class, Class::Head(_))) {
                return None;
            }
            match self.affiliation_at(rest[0].start) {
                Some((aff, _)) => affiliation = Some(aff),
                None => title_end = rest[rest.len() - 1].end,
            }
        }
        // Leading affiliation words are not part of the title.
        let mut first = 0;
        while first < h && units[first].class == Class::Affil {
            if affiliation.is_none() {
                affiliation = self.affiliation_at(units[first].start).map(|(a, _)| a);
            }
            first += 1;
        }
        if affiliation.is_none() {
            affiliation = units[first..h]
                .iter()
                .find(|u| u.class == Class::Affil)
                .and_then(|u| self.affiliation_at(u.start))
                .map(|(a, _)| a);
        }
        let start = units[first].start;
        let head = words::text(self.analysis, units[h].start, units[h].end).to_lowercase();
        Some(RoleFact {
            title: Some(self.normalise(start, title_end)),
            kind: Some(kind),
            head: Some(head),
            affiliation,
            span: None,
        })
    }

    /// The title text of tokens `a..b` with capitalisation normalised: an
    /// all-capitals headline title in title case, a sentence-initial capital
    /// lowered when the rest of the title is lower case.
    fn normalise(&self, a: usize, b: usize) -> String {
        let text = words::text(self.analysis, a, b);
        let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() > 4 && letters.iter().all(|c| c.is_uppercase()) && text.contains(' ') {
            return text
                .split(' ')
                .map(|w| {
                    let mut cs = w.chars();
                    cs.next().map_or(String::new(), |f| {
                        f.to_uppercase()
                            .chain(cs.flat_map(char::to_lowercase))
                            .collect()
                    })
                })
                .collect::<Vec<_>>()
                .join(" ");
        }
        let sentence_start = self.analysis.sentences[self.analysis.sentence_of(a)]
            .tokens
            .start;
        let rest_lower = b > a + 1 && !capitalised(self.analysis.token_text(a + 1));
        if a == sentence_start
            && rest_lower
            && self.lex.title(self.analysis.token_text(a)).is_none()
        {
            let mut cs = text.chars();
            return cs
                .next()
                .map_or(String::new(), |f| f.to_lowercase().chain(cs).collect());
        }
        text.to_string()
    }

    /// The possessor marked just before token `start` (`Putin ’s`, `his`).
    fn possessor_before(&self, start: usize, floor: usize) -> Option<usize> {
        let p = start.checked_sub(1).filter(|&p| p >= floor)?;
        let w = self.analysis.token_text(p);
        if words::is_possessive_pronoun(w) {
            return Some(p);
        }
        // `Delgado Engineering, whose chief executive, …`: the owner precedes.
        if w.eq_ignore_ascii_case("whose") {
            return (p >= floor + 2 && self.analysis.token_text(p - 1) == ",").then(|| p - 2);
        }
        (words::is_possessive_clitic(w) && p > floor).then_some(p - 1)
    }

    fn sentence_bounds(&self, i: usize) -> (usize, usize) {
        let s = &self.analysis.sentences[self.analysis.sentence_of(i)];
        (s.tokens.start, s.tokens.end)
    }

    /// Every role fact around the name `start..end`.
    pub fn facts(&self, start: usize, end: usize) -> Vec<RoleFact> {
        let (floor, ceiling) = self.sentence_bounds(start);
        let mut facts = Vec::new();
        let mut mention_start = start;
        while mention_start > floor && honorific(self.analysis.token_text(mention_start - 1)) {
            mention_start -= 1;
        }
        if let Some(f) = self.premodifier(mention_start, end, floor) {
            facts.push(f);
        } else if let Some(f) = self.appositive_before(mention_start, floor) {
            facts.push(f);
        }
        let after = self.appositive_after(end, ceiling);
        let after_end = after.as_ref().and_then(|f| f.span).map_or(end, |s| s.1);
        facts.extend(after);
        facts.extend(self.org_after(end, ceiling));
        if after_end > end + 1 {
            facts.extend(self.org_after(after_end, ceiling));
        }
        facts
    }

    /// `U.S. Special Envoy` + name.
    fn premodifier(&self, start: usize, end: usize, floor: usize) -> Option<RoleFact> {
        let units = self.units_before(start, floor);
        let mut fact = self.read(&units)?;
        let phrase_start = units[0].start;
        if fact.affiliation.is_none() {
            fact.affiliation = self
                .possessor_before(phrase_start, floor)
                .map(Aff::Possessor);
        }
        fact.span = Some((phrase_start, end));
        Some(fact)
    }

    /// `Putin’s foreign policy aide,` + name: a role phrase opened by a
    /// determiner, a possessor or the sentence start, not inside a
    /// prepositional phrase.
    fn appositive_before(&self, start: usize, floor: usize) -> Option<RoleFact> {
        let comma = start.checked_sub(1).filter(|&c| c > floor)?;
        if self.analysis.token_text(comma) != "," {
            return None;
        }
        let units = self.units_before(comma, floor);
        let phrase_start = units.first()?.start;
        let mut fact = self.read(&units)?;
        let possessor = self.possessor_before(phrase_start, floor);
        let opener = phrase_start.checked_sub(1).filter(|&p| p >= floor);
        let ok = match (possessor, opener) {
            (Some(_), _) | (None, None) => true,
            (None, Some(p)) => {
                words::is_determiner(self.analysis.token_text(p))
                    && (p == floor || self.analysis.tag(p - 1).upos != "ADP")
            }
        };
        if !ok {
            return None;
        }
        if fact.affiliation.is_none() {
            fact.affiliation = possessor.map(Aff::Possessor);
        }
        fact.span = Some((phrase_start, comma));
        Some(fact)
    }

    /// Name + `, the Ukrainian National Security and Defense Council Secretary,`.
    fn appositive_after(&self, end: usize, ceiling: usize) -> Option<RoleFact> {
        if end >= ceiling || self.analysis.token_text(end) != "," {
            return None;
        }
        let mut i = end + 1;
        let mut possessor = None;
        if i < ceiling && words::is_determiner(self.analysis.token_text(i)) {
            i += 1;
        } else if i < ceiling && words::is_possessive_pronoun(self.analysis.token_text(i)) {
            possessor = Some(i);
            i += 1;
        } else if let Some((s, e, _)) = self.named.get(i).copied().flatten()
            && s == i
            && e < ceiling
            && words::is_possessive_clitic(self.analysis.token_text(e))
        {
            possessor = Some(e - 1);
            i = e + 1;
        }
        let units = self.units_after(i, ceiling);
        let last = units.last()?.end;
        let boundary = last == ceiling || self.analysis.tag(last).upos == "PUNCT";
        if !boundary {
            return None;
        }
        let mut fact = self.read(&units)?;
        if fact.affiliation.is_none() {
            fact.affiliation = possessor.map(Aff::Possessor);
        }
        fact.span = Some((end + 1, last));
        Some(fact)
    }

    /// A definite role nominal opened by the determiner at `det` (`the
    /// Russian President`, `the envoy`, `the Kremlin aide`) and its end: a
    /// singular title phrase not followed by a name or another noun.
    pub fn role_nominal(&self, det: usize) -> Option<(RoleFact, usize)> {
        let (_, ceiling) = self.sentence_bounds(det);
        let units = self.units_after(det + 1, ceiling);
        let end = units.last()?.end;
        if end < ceiling {
            let next = self.analysis.tag(end);
            if self.named[end].is_some() || matches!(next.upos.as_str(), "NOUN" | "PROPN") {
                return None;
            }
        }
        let h = units
            .iter()
            .rposition(|u| matches!(u.class, Class::Head(_)))?;
        if matches!(
            self.analysis.tag(units[h].end - 1).xpos.as_str(),
            "NNS" | "NNPS"
        ) {
            return None;
        }
        let mut fact = self.read(&units)?;
        fact.span = Some((det, end));
        Some((fact, end))
    }

    /// Name + `from/of/at (the) ORG-or-country`.
    fn org_after(&self, end: usize, ceiling: usize) -> Option<RoleFact> {
        if end >= ceiling || !matches!(self.analysis.token_text(end), "from" | "of" | "at") {
            return None;
        }
        let mut i = end + 1;
        if i < ceiling && self.analysis.token_text(i).eq_ignore_ascii_case("the") {
            i += 1;
        }
        let (s, _, kind) = self.named.get(i).copied().flatten()?;
        if s != i || kind == "PERSON" {
            return None;
        }
        let (aff, _) = self.affiliation_at(i)?;
        if kind != "ORG" && !matches!(aff, Aff::Country(_)) {
            return None;
        }
        Some(RoleFact {
            affiliation: Some(aff),
            ..RoleFact::default()
        })
    }
}
