//! One test per tokenisation rule of UD English EWT, plus the segmenter.

use storyline_text::{analyse, segment, tokenize};

fn toks(text: &str) -> Vec<&str> {
    tokenize(text).iter().map(|t| t.text(text)).collect()
}

fn sents(text: &str) -> Vec<&str> {
    let tokens = tokenize(text);
    segment(text, &tokens)
        .iter()
        .map(|s| &text[tokens[s.tokens.start].byte_start..tokens[s.tokens.end - 1].byte_end])
        .collect()
}

#[test]
fn negation_clitics() {
    assert_eq!(toks("I can't go"), ["I", "ca", "n't", "go"]);
    assert_eq!(toks("don't"), ["do", "n't"]);
    assert_eq!(toks("won’t"), ["wo", "n’t"]);
    assert_eq!(toks("DON'T"), ["DO", "N'T"]);
}

#[test]
fn apostrophe_clitics_straight_and_curly() {
    assert_eq!(toks("I'm here"), ["I", "'m", "here"]);
    assert_eq!(toks("Putin’s aide"), ["Putin", "’s", "aide"]);
    assert_eq!(toks("Putin's aide"), ["Putin", "'s", "aide"]);
    assert_eq!(
        toks("we’ll they've she'd you're"),
        ["we", "’ll", "they", "'ve", "she", "'d", "you", "'re"]
    );
    assert_eq!(toks("parents' house"), ["parents", "'", "house"]);
    assert_eq!(toks("O'Neill"), ["O'Neill"]);
}

#[test]
fn fused_words() {
    assert_eq!(toks("cannot"), ["can", "not"]);
    assert_eq!(toks("gonna"), ["gon", "na"]);
}

#[test]
fn abbreviations_keep_their_period() {
    assert_eq!(toks("Mr. Smith"), ["Mr.", "Smith"]);
    assert_eq!(toks("on Sept. 5"), ["on", "Sept.", "5"]);
    assert_eq!(toks("Gen. Milley"), ["Gen.", "Milley"]);
    assert_eq!(toks("Acme Inc. said"), ["Acme", "Inc.", "said"]);
    assert_eq!(toks("the U.S. envoy"), ["the", "U.S.", "envoy"]);
    assert_eq!(toks("J. R. R. Tolkien"), ["J.", "R.", "R.", "Tolkien"]);
}

#[test]
fn sentence_final_period_is_separate() {
    assert_eq!(toks("He left."), ["He", "left", "."]);
    assert_eq!(toks("in 2025."), ["in", "2025", "."]);
    // An abbreviation ending the text or followed by a sentence starter
    // gives its period to the sentence, as EWT writes it.
    assert_eq!(toks("with the U.S."), ["with", "the", "U.S", "."]);
    assert_eq!(toks("the U.S. The"), ["the", "U.S", ".", "The"]);
}

#[test]
fn numbers_dates_times() {
    assert_eq!(
        toks("$1,000.50 on 12/02/2025 at 5:30"),
        ["$", "1,000.50", "on", "12/02/2025", "at", "5:30"]
    );
    assert_eq!(toks("50% at 5pm"), ["50", "%", "at", "5", "pm"]);
    assert_eq!(toks("1969-1970"), ["1969", "-", "1970"]);
    assert_eq!(toks("713-853-3989"), ["713-853-3989"]);
}

#[test]
fn urls_emails_hashtags_handles() {
    assert_eq!(
        toks("see https://example.com/a?b=c, now"),
        ["see", "https://example.com/a?b=c", ",", "now"]
    );
    assert_eq!(toks("www.example.org."), ["www.example.org", "."]);
    assert_eq!(
        toks("mail jo.doe@example.com!"),
        ["mail", "jo.doe@example.com", "!"]
    );
    assert_eq!(
        toks("using #UkrainePeaceTalks."),
        ["using", "#UkrainePeaceTalks", "."]
    );
    assert_eq!(toks("(@handle)"), ["(", "@handle", ")"]);
}

#[test]
fn quotes_are_tokens() {
    assert_eq!(toks("“Good Meeting”"), ["“", "Good", "Meeting", "”"]);
    assert_eq!(
        toks("\"yes,\" he said"),
        ["\"", "yes", ",", "\"", "he", "said"]
    );
    assert_eq!(toks("‘no’"), ["‘", "no", "’"]);
    assert_eq!(toks("'no'"), ["'", "no", "'"]);
}

#[test]
fn dashes_and_ellipses() {
    assert_eq!(toks("war—and peace"), ["war", "—", "and", "peace"]);
    assert_eq!(toks("1–2"), ["1", "–", "2"]);
    assert_eq!(toks("yes--no"), ["yes", "--", "no"]);
    assert_eq!(toks("wait... what…"), ["wait", "...", "what", "…"]);
}

#[test]
fn hyphens_follow_ewt() {
    // UD English EWT (this release) splits hyphenated compounds ...
    assert_eq!(toks("son-in-law"), ["son", "-", "in", "-", "law"]);
    assert_eq!(toks("four-year"), ["four", "-", "year"]);
    // ... but keeps prefixed forms whole.
    assert_eq!(
        toks("e-mail non-profit co-workers"),
        ["e-mail", "non-profit", "co-workers"]
    );
}

#[test]
fn whitespace_never_inside_and_offsets_are_code_points() {
    let text = "Ünïcode\u{a0}word\r\nnext — “q”";
    let tokens = tokenize(text);
    let forms: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
    assert_eq!(forms, ["Ünïcode", "word", "next", "—", "“", "q", "”"]);
    let chars: Vec<char> = text.chars().collect();
    for t in &tokens {
        let by_chars: String = chars[t.start..t.end].iter().collect();
        assert_eq!(by_chars, t.text(text));
    }
}

#[test]
fn emoticons_stay_whole() {
    assert_eq!(toks("great :) thanks"), ["great", ":)", "thanks"]);
}

#[test]
fn segments_on_terminal_punctuation() {
    assert_eq!(
        sents("He left. She stayed! Why? No."),
        ["He left.", "She stayed!", "Why?", "No."]
    );
}

#[test]
fn abbreviations_and_initials_do_not_end_sentences() {
    let text = "Mr. Smith met Gen. Lee and Dr. Jones on Jan. 5 with Michael J. Fox and J. R. R. Tolkien. It rained.";
    assert_eq!(sents(text).len(), 2);
    assert_eq!(sents("The U.S. envoy met the U.K. team.").len(), 1);
}

#[test]
fn us_ends_sentence_before_a_sentence_starter() {
    assert_eq!(
        sents("He held talks with the U.S. The next day he left."),
        ["He held talks with the U.S.", "The next day he left."]
    );
    assert_eq!(sents("The U.S. Senate voted.").len(), 1);
}

#[test]
fn decimals_and_ellipses() {
    assert_eq!(sents("It rose 3.5 percent. Then it fell.").len(), 2);
    assert_eq!(sents("I was... thinking about it.").len(), 1);
    assert_eq!(sents("Wait . . . what happened.").len(), 1);
}

#[test]
fn quotes_at_sentence_ends() {
    assert_eq!(sents("“We will win,” he said. Then he left.").len(), 2);
    assert_eq!(sents("“Why?” he asked.").len(), 1);
    assert_eq!(
        sents("He left.” Then she spoke."),
        ["He left.”", "Then she spoke."]
    );
    assert_eq!(
        sents("She said \"go.\" Then he went."),
        ["She said \"go.\"", "Then he went."]
    );
}

#[test]
fn paragraph_breaks_and_headlines() {
    assert_eq!(
        sents("Big News Today\n\nThe market rose"),
        ["Big News Today", "The market rose"]
    );
    assert_eq!(sents("First item\r\n\r\nsecond item").len(), 2);
    assert_eq!(sents("Heading\n  Indented paragraph starts").len(), 2);
    assert_eq!(sents("Results\n- one\n- two").len(), 3);
    // A hard-wrapped line does not end a sentence.
    assert_eq!(
        sents("This is a long line of running text that wraps around at some\npoint and continues here.").len(),
        1
    );
}

#[test]
fn analyse_returns_both() {
    let (tokens, sentences) = analyse("One. Two.");
    assert_eq!(tokens.len(), 4);
    assert_eq!(sentences.len(), 2);
    assert_eq!(sentences[1].tokens, 2..4);
    assert_eq!((sentences[1].start, sentences[1].end), (5, 9));
}

#[test]
fn empty_and_blank_texts() {
    assert!(tokenize("").is_empty());
    assert!(tokenize(" \n\t\u{a0}").is_empty());
    assert!(segment("", &[]).is_empty());
}
