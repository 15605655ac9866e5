//! Sentences of a dependency treebank: what the tagger, lemmatiser and
//! parser learn from. Readers of treebank files (CoNLL-U) live outside the
//! product, in `storyline-eval`.

/// One syntactic word of a treebank sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Surface form.
    pub form: String,
    /// Gold lemma.
    pub lemma: String,
    /// Universal POS tag.
    pub upos: String,
    /// Language-specific tag (Penn Treebank for English).
    pub xpos: String,
    /// 1-based head index, 0 for the root.
    pub head: usize,
    /// Universal dependency relation, with subtype (`nmod:poss`).
    pub deprel: String,
    /// Whether the MISC column says `SpaceAfter=No`.
    pub no_space_after: bool,
}

/// One sentence of a treebank, with the comments of its CoNLL-U block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TreebankSentence {
    /// The `# text = …` comment, when present.
    pub text: Option<String>,
    /// Whether a `# newdoc` comment precedes the sentence.
    pub new_doc: bool,
    /// Whether a `# newpar` comment precedes the sentence.
    pub new_par: bool,
    /// The sentence's words in order.
    pub words: Vec<Word>,
}
