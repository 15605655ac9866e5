//! Attribution on small hand-written sentences, through the shipped models.

use storyline_extract::actors::{self, Actors};
use storyline_extract::quotes::find_quotes;
use storyline_extract::record::Quote;
use storyline_extract::{Analysis, Pipeline};

fn read(text: &str) -> (Analysis, Actors, Vec<Quote>) {
    let pipeline = Pipeline::shipped().expect("shipped models");
    let analysis = pipeline.analyse(text);
    let actors = actors::build(&analysis);
    let quotes = find_quotes(&analysis, &actors);
    (analysis, actors, quotes)
}

/// The name of a quote's speaker entity.
fn speaker<'a>(actors: &'a Actors, q: &Quote) -> Option<&'a str> {
    let id = q.speaker.as_deref()?;
    actors
        .entities
        .iter()
        .find(|e| e.id == id)
        .map(|e| e.name.as_str())
}

/// The one quote whose content holds `needle`.
fn quote_with<'a>(quotes: &'a [Quote], needle: &str) -> &'a Quote {
    let found: Vec<&Quote> = quotes
        .iter()
        .filter(|q| q.content.text.contains(needle))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one quote holding {needle:?} in {quotes:#?}"
    );
    found[0]
}

#[test]
fn quote_inside_quote_stays_one_direct_quote() {
    let text = "“He told me ‘we will win this fight’ and then he left the room,” said Maria Lopez.";
    let (_, actors, quotes) = read(text);
    let q = quote_with(&quotes, "we will win");
    assert!(q.content.text.contains("left the room"), "{q:?}");
    assert_eq!(q.kind, "direct");
    assert_eq!(speaker(&actors, q), Some("Maria Lopez"));
}

#[test]
fn multi_paragraph_quote_is_one_quote() {
    let text = "“The factory will reopen in the spring. Hundreds of workers are coming back.\n\n\
                “We expect the first orders by April,” said Anna Kowalski, the plant manager.";
    let (_, actors, quotes) = read(text);
    let q = quote_with(&quotes, "factory will reopen");
    assert!(q.content.text.contains("first orders by April"), "{q:?}");
    assert_eq!(q.kind, "direct");
    assert_eq!(speaker(&actors, q), Some("Anna Kowalski"));
}

#[test]
fn unbalanced_marks_do_not_stop_extraction() {
    let text = "The mayor said “the bridge will close next week. Traffic will be diverted.\n\n\
                Officials said the repairs would take a month.\n\nThe budget is fine,” he added. \"\n";
    let (analysis, _, quotes) = read(text);
    let q = quote_with(&quotes, "repairs would take a month");
    assert_eq!(q.kind, "indirect");
    for q in &quotes {
        assert!(q.content.end <= analysis.text.chars().count());
    }
}

#[test]
fn straight_and_curly_marks_read_alike() {
    let curly = "“We will not sign this agreement,” said Peter Novak.";
    let straight = "\"We will not sign this agreement,\" said Peter Novak.";
    let (_, actors_c, quotes_c) = read(curly);
    let (_, actors_s, quotes_s) = read(straight);
    let (c, s) = (
        quote_with(&quotes_c, "not sign"),
        quote_with(&quotes_s, "not sign"),
    );
    assert_eq!(
        (c.content.start, c.content.end),
        (s.content.start, s.content.end)
    );
    assert_eq!((c.kind.as_str(), s.kind.as_str()), ("direct", "direct"));
    assert_eq!(speaker(&actors_c, c), Some("Peter Novak"));
    assert_eq!(speaker(&actors_s, s), Some("Peter Novak"));
}

#[test]
fn inverted_said_x_finds_the_speaker() {
    let text = "“Prices will fall sharply next year,” said Robert Chen, an economist at the bank.";
    let (_, actors, quotes) = read(text);
    let q = quote_with(&quotes, "Prices will fall");
    assert_eq!(q.kind, "direct");
    assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some("said"));
    assert_eq!(speaker(&actors, q), Some("Robert Chen"));
}

#[test]
fn according_to_a_nominal_source_keeps_its_text() {
    let text = "According to a senior official, the talks will resume in Geneva next month.";
    let (_, _, quotes) = read(text);
    let q = quote_with(&quotes, "talks will resume");
    assert_eq!(q.kind, "indirect");
    assert_eq!(q.speaker, None);
    let source = q.source.as_ref().expect("source");
    assert!(source.text.contains("official"), "{source:?}");
    assert!(
        q.cue
            .as_ref()
            .is_some_and(|c| c.text.starts_with("According")),
        "{q:?}"
    );
}

#[test]
fn pronoun_source_resolves_to_the_last_person() {
    let text = "Senator Laura Diaz visited the steel plant on Monday. \
                “The jobs are finally coming back,” she said.";
    let (_, actors, quotes) = read(text);
    let q = quote_with(&quotes, "jobs are finally coming back");
    assert_eq!(q.kind, "direct");
    assert_eq!(speaker(&actors, q), Some("Laura Diaz"));
    assert_eq!(q.source.as_ref().map(|s| s.text.as_str()), Some("she"));
}

#[test]
fn two_attributions_in_one_sentence() {
    let text =
        "Mark Smith said the plan would fail, but Helen Jones insisted that it would succeed.";
    let (_, actors, quotes) = read(text);
    let fail = quote_with(&quotes, "would fail");
    let succeed = quote_with(&quotes, "would succeed");
    assert_eq!(speaker(&actors, fail), Some("Mark Smith"));
    assert_eq!(speaker(&actors, succeed), Some("Helen Jones"));
    assert_eq!(
        (fail.kind.as_str(), succeed.kind.as_str()),
        ("indirect", "indirect")
    );
    assert_eq!(fail.sentence, succeed.sentence);
}

#[test]
fn interrupted_quote_is_said_in_two_parts() {
    let text = "“We are not close yet,” said Elena Marsh, the chief negotiator for the union. \
                “But we are a lot closer than we were last week.”\n\n\
                The strike, the union said, could end by Friday.";
    let (_, actors, quotes) = read(text);
    let q = quote_with(&quotes, "not close yet");
    let parts: Vec<&str> = q.parts.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        parts,
        [
            "“We are not close yet,”",
            "“But we are a lot closer than we were last week.”"
        ],
        "{q:?}"
    );
    assert_eq!(q.kind, "direct");
    assert_eq!(speaker(&actors, q), Some("Elena Marsh"));
    let q = quote_with(&quotes, "could end");
    let parts: Vec<&str> = q.parts.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(parts, ["The strike", "could end by Friday"], "{q:?}");
    assert_eq!(q.kind, "indirect");
}

#[test]
fn partial_quote_inside_paraphrase_is_mixed() {
    let text =
        "The minister described the proposal as “more or less workable” and promised a reply.";
    let (_, _, quotes) = read(text);
    let q = quote_with(&quotes, "more or less workable");
    assert_eq!(q.kind, "mixed");
}

#[test]
fn reported_speech_with_that_is_indirect() {
    let text = "Ambassador James Carter disclosed that the embassy would reopen in June.";
    let (_, actors, quotes) = read(text);
    let q = quote_with(&quotes, "embassy would reopen");
    assert_eq!(q.kind, "indirect");
    assert_eq!(speaker(&actors, q), Some("James Carter"));
    assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), Some("disclosed"));
}

#[test]
fn transcript_turns_are_attributed_to_their_labels() {
    let text = "Senators debate the budget\n\n\
                HARLOW: Will you vote for the bill on Friday?\n\n\
                MENDEZ: I will not vote for a bill that cuts school funding.\n\n\
                Editor's note: This interview was edited for length.";
    let (_, _, quotes) = read(text);
    let q = quote_with(&quotes, "Will you vote");
    assert_eq!(q.source.as_ref().map(|s| s.text.as_str()), Some("HARLOW"));
    let q = quote_with(&quotes, "cuts school funding");
    assert_eq!(q.source.as_ref().map(|s| s.text.as_str()), Some("MENDEZ"));
    assert!(
        quotes
            .iter()
            .all(|q| !q.content.text.contains("edited for length")),
        "an editor's note is no attribution: {quotes:#?}"
    );
}

/// A tiny deterministic generator (xorshift), so the property test needs no
/// extra dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

#[test]
fn random_text_with_random_marks_never_panics_and_stays_in_bounds() {
    let pieces = [
        "“",
        "”",
        "\"",
        "‘",
        "’",
        "'",
        " ",
        " ",
        "\n\n",
        "\n",
        ", ",
        ". ",
        ": ",
        "he said",
        "said Smith",
        "according to",
        "the minister",
        "that",
        "will",
        "Putin",
        "é",
        "—",
        "we",
        "told reporters",
        "x",
        "“”",
        "\"\"",
        "?",
        "!",
        "(",
        ")",
    ];
    let pipeline = Pipeline::shipped().expect("shipped models");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..300 {
        let len = (rng.next() % 60) as usize;
        let text: String = (0..len).map(|_| rng.pick(&pieces)).collect();
        let analysis = pipeline.analyse(&text);
        let actors = actors::build(&analysis);
        let chars: Vec<char> = text.chars().collect();
        for q in find_quotes(&analysis, &actors) {
            let spans = [Some(&q.content), q.source.as_ref(), q.cue.as_ref()];
            for span in spans.into_iter().flatten().chain(&q.parts) {
                assert!(
                    span.start <= span.end && span.end <= chars.len(),
                    "{text:?}: {q:?}"
                );
                let slice: String = chars[span.start..span.end].iter().collect();
                assert_eq!(slice, span.text, "{text:?}");
            }
            assert!(q.sentence < analysis.sentences.len().max(1));
            // Pieces lie in the content, in order, around the cue.
            for pair in q.parts.windows(2) {
                assert!(pair[0].end <= pair[1].start, "{text:?}: {q:?}");
                if let Some(cue) = &q.cue {
                    assert!(
                        pair[0].end <= cue.start && cue.end <= pair[1].start,
                        "{q:?}"
                    );
                }
            }
            if let (Some(first), Some(last)) = (q.parts.first(), q.parts.last()) {
                assert!(first.start == q.content.start && last.end == q.content.end);
            }
        }
    }
}
