//! The pipeline: one document in, one record out, through visible stages.

use storyline_ingest::Document;

use crate::analysis::Analysis;
use crate::record::{Record, SCHEMA, Span, TokenRecord};

/// What to put in the record beyond the fixed fields.
#[derive(Debug, Clone, Copy, Default)]
pub struct PipelineOptions {
    /// Add the `tokens` array with each token's analysis.
    pub tokens: bool,
}

/// The stages that turn a document into a record.
#[derive(Debug, Default)]
pub struct Pipeline {}

impl Pipeline {
    /// A pipeline with only the text layer (no statistical models).
    pub fn text_only() -> Self {
        Pipeline {}
    }

    /// Runs the text layer and the models on a document.
    pub fn analyse(&self, text: &str) -> Analysis {
        let (tokens, sentences) = storyline_text::analyse(text);
        Analysis {
            text: text.to_string(),
            tokens,
            sentences,
            ..Analysis::default()
        }
    }

    /// Reads one document into a record.
    pub fn run(&self, doc: &Document, options: PipelineOptions) -> Record {
        let analysis = self.analyse(&doc.text);
        let tokens = options.tokens.then(|| token_records(&analysis));
        Record {
            schema: SCHEMA.to_string(),
            id: doc.id.clone(),
            url: doc.url.clone(),
            title: doc.title.clone(),
            published: doc.published.clone(),
            author: doc.author.clone(),
            language: "en".to_string(),
            sentences: analysis
                .sentences
                .iter()
                .map(|s| Span {
                    start: s.start,
                    end: s.end,
                })
                .collect(),
            tokens,
            entities: Vec::new(),
            quotes: Vec::new(),
            times: Vec::new(),
            events: Vec::new(),
            stances: Vec::new(),
            warnings: doc.warnings.clone(),
            text: analysis.text,
        }
    }
}

fn token_records(analysis: &Analysis) -> Vec<TokenRecord> {
    analysis
        .tokens
        .iter()
        .enumerate()
        .map(|(i, token)| {
            let tags = analysis.tags.get(i);
            let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_string());
            TokenRecord {
                start: token.start,
                end: token.end,
                text: token.text(&analysis.text).to_string(),
                lemma: tags.and_then(|t| non_empty(&t.lemma)),
                upos: tags.and_then(|t| non_empty(&t.upos)),
                xpos: tags.and_then(|t| non_empty(&t.xpos)),
                head: tags.map(|t| t.head.map_or(-1, |h| h as i64)),
                deprel: tags.and_then(|t| non_empty(&t.deprel)),
                ner: None,
            }
        })
        .collect()
}
