//! The hand-written word lists the actors stage reads (`lexicons/`), parsed
//! once per process: title heads, demonyms and country names, capitals and
//! seats of government, party words.

use std::collections::HashMap;
use std::sync::OnceLock;

/// What kind of role a title head names (`lexicons/titles.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKind {
    /// Heads of state and government.
    State,
    /// Ministers and secretaries.
    Minister,
    /// Envoys, ambassadors, negotiators.
    Envoy,
    /// Aides and advisers.
    Aide,
    /// Spokespeople.
    Spokesperson,
    /// Military ranks.
    Military,
    /// Officials, governors, mayors, directors.
    Official,
    /// Party and campaign roles.
    Party,
    /// Members of parliaments and councils.
    Legislator,
    /// Judges, prosecutors, lawyers, parties to a case.
    Judicial,
    /// Corporate and professional roles.
    Corporate,
    /// Family relations (`son-in-law`).
    Kin,
    /// Sports roles.
    Sports,
    /// Religious offices.
    Religious,
    /// Anything else.
    Other,
}

impl TitleKind {
    fn parse(s: &str) -> TitleKind {
        match s {
            "state" => TitleKind::State,
            "minister" => TitleKind::Minister,
            "envoy" => TitleKind::Envoy,
            "aide" => TitleKind::Aide,
            "spokesperson" => TitleKind::Spokesperson,
            "military" => TitleKind::Military,
            "official" => TitleKind::Official,
            "party" => TitleKind::Party,
            "legislator" => TitleKind::Legislator,
            "judicial" => TitleKind::Judicial,
            "corporate" => TitleKind::Corporate,
            "kin" => TitleKind::Kin,
            "sports" => TitleKind::Sports,
            "religious" => TitleKind::Religious,
            _ => TitleKind::Other,
        }
    }

    /// Whether holders of such a title act for a country's government, so
    /// that an unqualified `President` or `Secretary` belongs to one.
    pub fn governmental(self) -> bool {
        matches!(
            self,
            TitleKind::State
                | TitleKind::Minister
                | TitleKind::Envoy
                | TitleKind::Aide
                | TitleKind::Spokesperson
                | TitleKind::Military
                | TitleKind::Official
                | TitleKind::Legislator
        )
    }
}

/// Whether a place is a capital city or a seat of government.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeatKind {
    /// A capital city (`Moscow`).
    Capital,
    /// A government building or institution (`the Kremlin`).
    Seat,
}

/// All lists, keyed by lower-cased text.
#[derive(Debug, Default)]
pub struct Lexicon {
    titles: HashMap<String, TitleKind>,
    /// Demonym adjectives and nouns → canonical country.
    demonyms: HashMap<String, &'static str>,
    /// Country names and their other names → canonical country.
    countries: HashMap<String, &'static str>,
    /// Capitals and seats → (country, kind).
    seats: HashMap<String, (&'static str, SeatKind)>,
    /// Party words (case-sensitive) → organisation.
    parties: HashMap<&'static str, &'static str>,
    /// Longest entry, in tokens, of the multi-word lists.
    pub max_words: usize,
}

const TITLES: &str = include_str!("../../../../lexicons/titles.txt");
const DEMONYMS: &str = include_str!("../../../../lexicons/demonyms.txt");
const CAPITALS: &str = include_str!("../../../../lexicons/capitals.txt");
const PARTIES: &str = include_str!("../../../../lexicons/parties.txt");

fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::trim).collect())
}

/// Lower-cases and unifies apostrophes, the key every list is looked up by.
pub fn key(text: &str) -> String {
    text.to_lowercase().replace('’', "'")
}

impl Lexicon {
    fn load() -> Lexicon {
        let mut lex = Lexicon::default();
        for row in rows(TITLES) {
            let kind = TitleKind::parse(row.get(1).copied().unwrap_or(""));
            lex.titles.entry(key(row[0])).or_insert(kind);
        }
        for row in rows(DEMONYMS) {
            let country = row[0];
            lex.countries.insert(key(country), country);
            for column in [1, 2] {
                for form in row.get(column).into_iter().flat_map(|c| c.split('|')) {
                    lex.demonyms.entry(key(form)).or_insert(country);
                }
            }
            for form in row.get(3).into_iter().flat_map(|c| c.split('|')) {
                lex.countries.entry(key(form)).or_insert(country);
            }
        }
        for row in rows(CAPITALS) {
            let kind = if row.get(2) == Some(&"seat") {
                SeatKind::Seat
            } else {
                SeatKind::Capital
            };
            lex.seats.insert(key(row[0]), (row[1], kind));
        }
        for row in rows(PARTIES) {
            lex.parties.insert(row[0], row[1]);
        }
        lex.max_words = lex
            .countries
            .keys()
            .chain(lex.seats.keys())
            .map(|k| k.split([' ', '-']).count())
            .max()
            .unwrap_or(1);
        lex
    }

    /// The kind of title `word` heads, if it is a title head.
    pub fn title(&self, word: &str) -> Option<TitleKind> {
        self.titles.get(&key(word)).copied()
    }

    /// The country a demonym (`Russian`, `Americans`) belongs to.
    pub fn demonym(&self, word: &str) -> Option<&'static str> {
        self.demonyms.get(&key(word)).copied()
    }

    /// The canonical country a name (`U.S.`, `United States`, `America`) names.
    pub fn country(&self, name: &str) -> Option<&'static str> {
        let k = key(name);
        let k = k.strip_prefix("the ").unwrap_or(&k);
        self.countries.get(k).copied()
    }

    /// The country a capital or seat of government stands for, and which it is.
    pub fn seat(&self, name: &str) -> Option<(&'static str, SeatKind)> {
        let k = key(name);
        let k = k.strip_prefix("the ").unwrap_or(&k);
        self.seats.get(k).copied()
    }

    /// The country a country name, demonym, capital or seat points to.
    pub fn country_like(&self, name: &str) -> Option<&'static str> {
        self.country(name)
            .or_else(|| self.demonym(name))
            .or_else(|| self.seat(name).map(|(c, _)| c))
    }

    /// The organisation a party word (`Republican`, `GOP`) names; case matters.
    pub fn party(&self, word: &str) -> Option<&'static str> {
        self.parties.get(word).copied()
    }
}

/// The lexicon, parsed on first use.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(Lexicon::load)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load() {
        let lex = lexicon();
        assert_eq!(lex.country("U.S."), Some("United States"));
        assert_eq!(lex.country("America"), Some("United States"));
        assert_eq!(lex.demonym("Ukrainian"), Some("Ukraine"));
        assert_eq!(lex.demonym("British"), Some("United Kingdom"));
        assert_eq!(lex.seat("the Kremlin"), Some(("Russia", SeatKind::Seat)));
        assert_eq!(lex.seat("Kyiv"), Some(("Ukraine", SeatKind::Capital)));
        assert_eq!(lex.title("Envoy"), Some(TitleKind::Envoy));
        assert_eq!(lex.title("son-in-law"), Some(TitleKind::Kin));
        assert!(lex.title("meeting").is_none());
        assert_eq!(lex.party("Republican"), Some("Republican Party"));
        assert!(lex.party("republican").is_none());
    }
}
