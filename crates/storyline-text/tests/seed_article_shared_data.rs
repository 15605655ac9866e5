//! The seed article (shared data): title, body sentences, `U.S.` handling.

use std::path::PathBuf;

use storyline_text::analyse;

fn seed_article() -> String {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/seed/article.txt");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("shared data missing: {} ({e})", path.display()))
}

#[test]
fn seed_article_sentences_shared_data() {
    let text = seed_article();
    let (tokens, sentences) = analyse(&text);
    let chars: Vec<char> = text.chars().collect();
    let sentence_text = |i: usize| {
        chars[sentences[i].start..sentences[i].end]
            .iter()
            .collect::<String>()
    };
    for i in 0..sentences.len() {
        println!("{i}: {}", sentence_text(i));
    }

    // The headline is a sentence of its own.
    assert_eq!(
        sentence_text(0),
        "Trump Confirms “Good Meeting” Between Putin, Kushner, Witkoff"
    );
    // 20 body sentences; a split inside a quotation is acceptable.
    assert!(
        (21..=23).contains(&sentences.len()),
        "{} sentences",
        sentences.len()
    );

    // No sentence ends right after `U.S.` in this article.
    for sentence in &sentences {
        let last = &tokens[sentence.tokens.end - 1];
        let before = &tokens[sentence.tokens.end.saturating_sub(2)];
        assert_ne!(last.text(&text), "U.S.", "sentence ends at U.S.");
        assert_ne!(before.text(&text), "U.S", "sentence ends at U.S.");
    }
    let us = tokens.iter().filter(|t| t.text(&text) == "U.S.").count();
    assert_eq!(us, 5, "every U.S. stays one token");

    // Offsets index the original text, both in code points and bytes.
    for token in &tokens {
        let by_chars: String = chars[token.start..token.end].iter().collect();
        assert_eq!(by_chars, token.text(&text));
    }
    for (i, sentence) in sentences.iter().enumerate() {
        assert_eq!(sentence.start, tokens[sentence.tokens.start].start);
        assert_eq!(sentence.end, tokens[sentence.tokens.end - 1].end);
        assert!(
            sentence_text(i).ends_with(['.', '?', '”', 'w', 's'])
                || i + 1 == sentences.len()
                || i == 0
        );
    }
    let last = sentence_text(sentences.len() - 1);
    assert!(last.ends_with("#UkrainePeaceTalks."), "{last}");
}
