//! Joining the tokens of a tokenised corpus back into readable English,
//! shared by [`crate::ecbplus`] and [`crate::timeline17`].
//!
//! The corpora keep no whitespace, so the spacing is decided token by
//! token from the token and its neighbours:
//!
//! - PTB escapes become their characters (`-LRB-` → `(`, `-RSB-` → `]`,
//!   `-LCB-` → `{` …), and the PTB quotes ``` `` ``` and `''` become plain
//!   ASCII `"` (opening and closing); a lone `` ` `` becomes `'`.
//! - No space before `, . ; : ! ? % ) ] }`, `...`, closing quotes and the
//!   clitics `'s 'm 're 've 'd 'll n't` (also with `’`); no space after
//!   `( [ {`, opening quotes and `$` (also `US$`-like prefixes).
//! - An ambiguous straight quote `"` is opening at the start of a sentence,
//!   closing at its end or before punctuation, and otherwise alternates
//!   (the state runs over the whole document, because sentences are often
//!   split inside a quotation, and quotes attached to a word, as in `"We`,
//!   move it too). A straight or curly apostrophe between a
//!   word and a clitic (`I ’ m`) is joined on both sides; after a word
//!   ending in `s` it is a possessive (`Chargers '`).
//! - Digits split around `:` (`4 : 45`) or a thousands `,` (`1 , 500`)
//!   are joined.
//! - With [`Options::join_hyphens`] (ECB+, whose tokeniser splits
//!   `90-day` into `90 - day`), `-` and `/` between two word tokens are
//!   joined; PTB text keeps hyphenated words whole, so a spaced `-` there
//!   is a dash and stays spaced.

/// Corpus-specific choices of [`Detokenizer`].
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Options {
    /// Join `-` and `/` between two word tokens (`90 - day` → `90-day`).
    pub join_hyphens: bool,
}

/// How a token attaches to its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Glue {
    /// Spaces on both sides.
    Free,
    /// No space before (closing punctuation).
    Left,
    /// No space after (opening punctuation).
    Right,
    /// No space on either side.
    Both,
}

/// Joins the sentences of one document; keeps the quotation state from one
/// sentence to the next.
#[derive(Debug, Default)]
pub(crate) struct Detokenizer {
    options: Options,
    /// Inside a `"` quotation opened by an ambiguous straight quote.
    in_double: bool,
}

const CLITICS: &[&str] = &["s", "m", "re", "ve", "d", "ll", "t"];

fn is_word(token: &str) -> bool {
    token.chars().any(char::is_alphanumeric)
}

fn ends_alnum(token: &str) -> bool {
    token.chars().last().is_some_and(char::is_alphanumeric)
}

fn starts_alnum(token: &str) -> bool {
    token.chars().next().is_some_and(char::is_alphanumeric)
}

fn all_digits(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit())
}

/// `'s`, `n't`, `’ll` … (a clitic split off the word before it).
fn is_clitic(token: &str) -> bool {
    let lower = token.to_lowercase();
    if lower == "n't" || lower == "n’t" {
        return true;
    }
    lower
        .strip_prefix('\'')
        .or_else(|| lower.strip_prefix('’'))
        .is_some_and(|rest| CLITICS.contains(&rest) && rest != "t")
}

fn is_closing_punct(token: &str) -> bool {
    matches!(
        token,
        "," | "." | ";" | ":" | "!" | "?" | "%" | ")" | "]" | "}" | "..." | "…"
    ) || (token.len() > 1 && token.chars().all(|c| matches!(c, '.' | '!' | '?')))
}

fn is_currency_prefix(token: &str) -> bool {
    match token.strip_suffix('$') {
        Some(rest) => rest.len() <= 3 && rest.chars().all(|c| c.is_ascii_uppercase()),
        None => matches!(token, "£" | "€" | "¥"),
    }
}

/// The token as it is written in running text (PTB escapes undone).
pub(crate) fn unescape(token: &str) -> &str {
    match token {
        "-LRB-" => "(",
        "-RRB-" => ")",
        "-LSB-" => "[",
        "-RSB-" => "]",
        "-LCB-" => "{",
        "-RCB-" => "}",
        "``" | "''" => "\"",
        "`" => "'",
        other => other,
    }
}

impl Detokenizer {
    /// A detokenizer at the start of a document.
    pub(crate) fn new(options: Options) -> Self {
        Self {
            options,
            in_double: false,
        }
    }

    /// Joins one sentence's tokens.
    pub(crate) fn sentence<S: AsRef<str>>(&mut self, tokens: &[S]) -> String {
        let raw: Vec<&str> = tokens
            .iter()
            .map(AsRef::as_ref)
            .filter(|t| !t.is_empty())
            .collect();
        let glue: Vec<Glue> = (0..raw.len()).map(|i| self.glue(&raw, i)).collect();
        let mut out = String::new();
        for (i, token) in raw.iter().enumerate() {
            if i > 0
                && !matches!(glue[i - 1], Glue::Right | Glue::Both)
                && !matches!(glue[i], Glue::Left | Glue::Both)
            {
                out.push(' ');
            }
            out.push_str(unescape(token));
        }
        out
    }

    fn glue(&mut self, raw: &[&str], i: usize) -> Glue {
        let token = raw[i];
        let prev = i.checked_sub(1).map(|j| unescape(raw[j]));
        let next = raw.get(i + 1).map(|t| unescape(t));
        match token {
            "``" | "“" | "‘" | "`" => return Glue::Right,
            "''" | "”" => return Glue::Left,
            "(" | "[" | "{" | "-LRB-" | "-LSB-" | "-LCB-" => return Glue::Right,
            "\"" => return self.double_quote(prev, next),
            "'" | "’" => return single_quote(prev, next),
            _ => {}
        }
        // A quote attached to a word (`"We`, `here"`) moves the state too.
        if token.len() > 1 && token.contains('"') {
            if token.starts_with('"') {
                self.in_double = true;
            }
            if token.ends_with('"') {
                self.in_double = false;
            }
        }
        if is_clitic(token) {
            return Glue::Left;
        }
        if token == "-RRB-" || token == "-RSB-" || token == "-RCB-" {
            return Glue::Left;
        }
        let between_digits = prev.is_some_and(|p| p.ends_with(|c: char| c.is_ascii_digit()))
            && next.is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
        if token == ":" && between_digits {
            return Glue::Both;
        }
        if token == ","
            && prev.is_some_and(|p| all_digits(p) && p.len() <= 3)
            && next.is_some_and(|n| all_digits(n) && n.len() == 3)
        {
            return Glue::Both;
        }
        if self.options.join_hyphens
            && (token == "-" || token == "/")
            && prev.is_some_and(ends_alnum)
            && next.is_some_and(starts_alnum)
        {
            return Glue::Both;
        }
        if is_closing_punct(token) {
            return Glue::Left;
        }
        if is_currency_prefix(token)
            && next.is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
        {
            return Glue::Right;
        }
        Glue::Free
    }

    fn double_quote(&mut self, prev: Option<&str>, next: Option<&str>) -> Glue {
        let open = match (prev, next) {
            (None, _) => true,
            (_, None) => false,
            (_, Some(n)) if is_closing_punct(n) || is_clitic(n) => false,
            (Some("(" | "[" | "{" | "\"" | "“"), _) => true,
            _ => !self.in_double,
        };
        self.in_double = open;
        if open { Glue::Right } else { Glue::Left }
    }
}

/// Glue of a lone straight `'` or curly `’`.
fn single_quote(prev: Option<&str>, next: Option<&str>) -> Glue {
    let after_word = prev.is_some_and(ends_alnum);
    if after_word && next.is_some_and(|n| CLITICS.contains(&n.to_lowercase().as_str())) {
        return Glue::Both;
    }
    if after_word && prev.is_some_and(|p| p.ends_with(['s', 'S'])) {
        return Glue::Left;
    }
    match (prev, next) {
        (None, _) => Glue::Right,
        (_, None) => Glue::Left,
        (_, Some(n)) if is_closing_punct(n) => Glue::Left,
        (Some(p), Some(n)) if !ends_alnum(p) && is_word(n) => Glue::Right,
        (Some(_), Some(n)) if is_word(n) && !after_word => Glue::Right,
        _ => Glue::Left,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join(text: &str, join_hyphens: bool) -> String {
        let tokens: Vec<&str> = text.split_whitespace().collect();
        Detokenizer::new(Options { join_hyphens }).sentence(&tokens)
    }

    #[test]
    fn punctuation_and_clitics() {
        assert_eq!(
            join("It 's a test , is n't it ? I do n't know .", false),
            "It's a test, isn't it? I don't know."
        );
        assert_eq!(
            join(
                "the cost rose to $ 8bn -LRB- # 5.2 bn -RRB- , or 11 % .",
                false
            ),
            "the cost rose to $8bn (# 5.2 bn), or 11%."
        );
        assert_eq!(
            join("he said `` no further risk '' to the area", false),
            "he said \"no further risk\" to the area"
        );
    }

    #[test]
    fn ecb_specifics() {
        assert_eq!(
            join("a 90 - day stay at 4 : 45pm for 1 , 500 people", true),
            "a 90-day stay at 4:45pm for 1,500 people"
        );
        assert_eq!(
            join("I ’ m sure the Chargers ' coach didn ’ t", true),
            "I’m sure the Chargers' coach didn’t"
        );
        assert_eq!(
            join("oil spill - the first", false),
            "oil spill - the first"
        );
    }

    #[test]
    fn straight_quotes_alternate() {
        let mut d = Detokenizer::new(Options::default());
        assert_eq!(
            d.sentence(&["He", "said", "\"", "yes", "\"", "and", "left", "."]),
            "He said \"yes\" and left."
        );
        assert_eq!(
            d.sentence(&["\"", "We", "won", ",", "\"", "she", "said", "."]),
            "\"We won,\" she said."
        );
        assert_eq!(
            d.sentence(&["\"We", "lost", ",", "\"", "he", "said", "."]),
            "\"We lost,\" he said."
        );
    }
}
