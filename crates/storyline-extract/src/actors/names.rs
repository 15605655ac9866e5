//! Person-name parts and acronyms: when two names can be the same referent.

/// A person's name split for matching: lower-cased given and family parts
/// without middle initials, plus a generational suffix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName {
    /// Name parts in order, lower-cased, middle initials and suffix removed.
    pub parts: Vec<String>,
    /// `jr`, `sr`, `ii`, … when present.
    pub suffix: Option<String>,
}

fn is_suffix(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.').to_lowercase().as_str(),
        "jr" | "sr" | "ii" | "iii" | "iv"
    )
}

fn is_initial(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() == 1 && word.chars().count() <= 2
}

impl PersonName {
    /// Splits the words of a person mention (`Donald J. Trump Jr.`).
    pub fn new(words: &[&str]) -> PersonName {
        let mut parts = Vec::new();
        let mut suffix = None;
        for (k, w) in words.iter().enumerate() {
            let w = w.trim_end_matches(',');
            if k > 0 && is_suffix(w) {
                suffix = Some(w.trim_end_matches('.').to_lowercase());
            } else if !(w.is_empty() || k > 0 && k + 1 < words.len() && is_initial(w)) {
                parts.push(w.to_lowercase().replace('’', "'"));
            }
        }
        PersonName { parts, suffix }
    }

    /// The family name (last part).
    pub fn last(&self) -> Option<&str> {
        self.parts.last().map(String::as_str)
    }

    /// The given name (first part) when there are several parts.
    pub fn first(&self) -> Option<&str> {
        (self.parts.len() > 1).then(|| self.parts[0].as_str())
    }

    /// Whether two full names (two or more parts each) name the same person:
    /// same family name, same suffix, and given names equal or one the
    /// initial of the other. `Hillary Clinton` and `Chelsea Clinton` differ.
    pub fn same_person(&self, other: &PersonName) -> bool {
        if self.last() != other.last() || self.suffix != other.suffix {
            return false;
        }
        match (self.first(), other.first()) {
            (Some(a), Some(b)) => {
                a == b
                    || (is_initial(a) && b.starts_with(a.trim_end_matches('.')))
                    || (is_initial(b) && a.starts_with(b.trim_end_matches('.')))
            }
            _ => true,
        }
    }
}

/// Whether a word looks like an acronym (`CFR`, `NATO`, `U.N.`).
pub fn is_acronym(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2
        && letters.iter().all(|c| c.is_uppercase())
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '.' || c == '&')
}

/// The initials of a multi-word name, without function words
/// (`Council on Foreign Relations` → `CFR`).
pub fn initials(words: &[&str]) -> String {
    words
        .iter()
        .filter(|w| {
            !matches!(
                w.to_lowercase().as_str(),
                "of" | "the" | "and" | "for" | "on" | "in" | "&" | "de" | "la" | "-"
            )
        })
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// An acronym's letters (`U.N.` → `UN`).
pub fn acronym_letters(word: &str) -> String {
    word.chars().filter(|c| c.is_alphabetic()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_names() {
        let dt = PersonName::new(&["Donald", "Trump"]);
        assert!(dt.same_person(&PersonName::new(&["Donald", "J.", "Trump"])));
        assert!(!dt.same_person(&PersonName::new(&["Donald", "Trump", "Jr."])));
        let hc = PersonName::new(&["Hillary", "Clinton"]);
        assert!(!hc.same_person(&PersonName::new(&["Chelsea", "Clinton"])));
        assert!(hc.same_person(&PersonName::new(&["Hillary", "Rodham", "Clinton"])));
    }

    #[test]
    fn acronyms() {
        assert!(is_acronym("CFR") && is_acronym("U.N.") && !is_acronym("Trump"));
        assert_eq!(initials(&["Council", "on", "Foreign", "Relations"]), "CFR");
        assert_eq!(
            initials(&["North", "Atlantic", "Treaty", "Organization"]),
            "NATO"
        );
        assert_eq!(acronym_letters("U.N."), "UN");
    }
}
