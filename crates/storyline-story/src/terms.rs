//! Words as the story layer compares them: lower-cased, folded to ASCII
//! where a letter has a plain form, function words dropped, and reduced
//! to a crude stem so that `talks`/`talked`/`talking` meet.
//!
//! The store keeps records without their tokens' lemmas, and nothing here
//! re-runs the tagger, so the stem is rule-based and deliberately
//! conservative: it only needs to be the same for the same word.

use unicode_normalization::UnicodeNormalization;

/// Words too common in news to say what a story is about.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "according",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "back",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "com",
    "could",
    "d",
    "day",
    "did",
    "didn",
    "do",
    "does",
    "doesn",
    "doing",
    "don",
    "down",
    "during",
    "each",
    "even",
    "few",
    "first",
    "for",
    "friday",
    "from",
    "further",
    "get",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "http",
    "https",
    "i",
    "if",
    "in",
    "into",
    "is",
    "isn",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "like",
    "ll",
    "m",
    "made",
    "make",
    "many",
    "may",
    "me",
    "monday",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "much",
    "my",
    "myself",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "people",
    "re",
    "s",
    "said",
    "same",
    "saturday",
    "say",
    "says",
    "she",
    "should",
    "so",
    "some",
    "still",
    "such",
    "sunday",
    "t",
    "tell",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "thursday",
    "time",
    "to",
    "today",
    "told",
    "tomorrow",
    "too",
    "tuesday",
    "two",
    "under",
    "until",
    "up",
    "ve",
    "very",
    "was",
    "wasn",
    "we",
    "wednesday",
    "week",
    "well",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "won",
    "would",
    "www",
    "year",
    "years",
    "yesterday",
    "you",
    "your",
    "yours",
    "yourself",
];

/// Whether a folded word is a function word.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

/// The comparable words of `text`, in order (stems of content words).
pub fn terms(text: &str) -> Vec<String> {
    words(text)
        .filter(|w| w.len() > 1 && !is_stopword(w))
        .map(|w| stem(&w))
        .collect()
}

/// Lower-cased, ASCII-folded alphanumeric runs of `text`.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
}

/// Lower case, diacritics removed (`Zelenskyy` and `Zelenskyý` meet).
pub fn fold(word: &str) -> String {
    word.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A crude English stem: plural and verb endings off, nothing cleverer.
pub fn stem(word: &str) -> String {
    let n = word.len();
    if n <= 4 || !word.is_ascii() || word.bytes().any(|b| b.is_ascii_digit()) {
        return word.to_string();
    }
    for (suffix, keep) in [
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ] {
        let Some(base) = word.strip_suffix(suffix) else {
            continue;
        };
        // `-es` is a plural ending only after a sibilant (`taxes`,
        // `marches`); `ceasefires` loses just its `s`.
        let sibilant = ["s", "x", "z", "ch", "sh"]
            .iter()
            .any(|e| base.ends_with(e));
        if suffix == "es" && !sibilant {
            continue;
        }
        if base.len() >= 3 && !(suffix == "s" && base.ends_with('s')) {
            return format!("{base}{keep}");
        }
    }
    word.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted() {
        let mut sorted = STOPWORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, STOPWORDS);
    }

    #[test]
    fn inflections_meet() {
        assert_eq!(stem("talks"), stem("talked"));
        assert_eq!(stem("talking"), "talk");
        assert_eq!(stem("ceasefires"), "ceasefire");
        assert_eq!(stem("parties"), "party");
        assert_eq!(stem("press"), "press");
    }

    #[test]
    fn terms_drop_function_words_and_fold() {
        assert_eq!(
            terms("The Zelenskyý talks, said officials"),
            ["zelenskyy", "talk", "official"]
        );
    }
}

/// A name's spelling skeleton, so that transliterations of one name meet
/// (`Zelensky`, `Zelenskyy`, `Zelenskiy` → `zelensky`): folded, letters
/// only, doubled letters once, a final `-iy`/`-yi`/`-ii`/`-i` read as `-y`.
pub fn skeleton(name: &str) -> String {
    let folded: String = fold(name).chars().filter(|c| c.is_alphabetic()).collect();
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    for ending in ["iy", "yi", "ij", "ii"] {
        if out.len() > 4
            && let Some(base) = out.strip_suffix(ending)
        {
            out = format!("{base}y");
            break;
        }
    }
    if out.len() > 5 && out.ends_with('i') && !out.ends_with("ai") {
        out.pop();
        out.push('y');
    }
    out
}

#[cfg(test)]
mod skeleton_tests {
    use super::skeleton;

    #[test]
    fn transliterations_meet() {
        let z = skeleton("Zelensky");
        assert_eq!(skeleton("Zelenskyy"), z);
        assert_eq!(skeleton("Zelenskiy"), z);
        assert_eq!(skeleton("Zelenskyi"), z);
        assert_ne!(skeleton("Zelenko"), z);
        assert_eq!(skeleton("Ostrovskyy"), skeleton("Ostrovsky"));
    }
}
