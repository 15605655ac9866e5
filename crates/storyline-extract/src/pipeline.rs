//! The pipeline: one document in, one record out, through visible stages
//! (text layer → tagger → parser → entities → extraction).

use storyline_ingest::Document;
use storyline_text::Sentence;

use crate::analysis::{Analysis, Mention, TokenTags};
use crate::budget::{Budget, OverBudget};
use crate::models::{self, LoadError, Models};
use crate::record::{Record, SCHEMA, Span, TokenRecord};
use crate::{actors, events, quotes, segments, time};

/// What to put in the record beyond the fixed fields.
#[derive(Debug, Clone, Copy, Default)]
pub struct PipelineOptions {
    /// Add the `tokens` array with each token's analysis.
    pub tokens: bool,
}

/// The stages that turn a document into a record.
#[derive(Debug, Default, Clone, Copy)]
pub struct Pipeline {
    models: Option<&'static Models>,
}

impl Pipeline {
    /// A pipeline with only the text layer (no statistical models).
    pub fn text_only() -> Self {
        Pipeline { models: None }
    }

    /// The full pipeline with the models shipped in the binary.
    pub fn shipped() -> Result<Self, LoadError> {
        Ok(Pipeline {
            models: Some(models::shipped()?),
        })
    }

    /// Runs the text layer and the models on a document's text.
    pub fn analyse(&self, text: &str) -> Analysis {
        self.analyse_within(text, &mut Budget::unlimited())
            .expect("an unlimited budget never runs out")
    }

    /// Like [`Pipeline::analyse`], giving up when `budget` runs out.
    pub fn analyse_within(&self, text: &str, budget: &mut Budget) -> Result<Analysis, OverBudget> {
        let (tokens, sentences) = storyline_text::analyse(text);
        let bounded = storyline_text::bound_sentences(
            text,
            &tokens,
            sentences,
            storyline_text::MAX_SENTENCE_TOKENS,
        );
        let unread = bounded.unread;
        let mut analysis = Analysis {
            text: text.to_string(),
            tokens,
            sentences: bounded.sentences,
            warnings: bounded.warnings,
            ..Analysis::default()
        };
        budget.lap("text")?;
        if let Some(models) = self.models {
            tag_and_parse(models, &mut analysis, &unread, budget)?;
            budget.lap("tag_parse")?;
            recognise_entities(models, &mut analysis, &unread);
            budget.lap("entities")?;
        }
        Ok(analysis)
    }

    /// Reads one document into a record.
    pub fn run(&self, doc: &Document, options: PipelineOptions) -> Record {
        self.run_within(doc, options, &mut Budget::unlimited())
            .expect("an unlimited budget never runs out")
    }

    /// Reads one document into a record, giving up when `budget` runs out
    /// (checked between stages and between sentences of the models).
    pub fn run_within(
        &self,
        doc: &Document,
        options: PipelineOptions,
        budget: &mut Budget,
    ) -> Result<Record, OverBudget> {
        if doc.text.len() > segments::MAX_SEGMENT_BYTES {
            return self.run_in_segments(doc, options, budget);
        }
        let analysis = self.analyse_within(&doc.text, budget)?;
        self.extract_within(doc, analysis, options, budget)
    }

    /// Reads a document longer than [`segments::MAX_SEGMENT_BYTES`] one
    /// segment at a time and joins the segments' records.
    fn run_in_segments(
        &self,
        doc: &Document,
        options: PipelineOptions,
        budget: &mut Budget,
    ) -> Result<Record, OverBudget> {
        let cuts = segments::cut_points(&doc.text, segments::MAX_SEGMENT_BYTES);
        let mut warnings = doc.warnings.clone();
        warnings.push(format!(
            "document of {} bytes read in {} segments of at most {} bytes (entities merged across segments by name and type)",
            doc.text.len(),
            cuts.len(),
            segments::MAX_SEGMENT_BYTES
        ));
        let mut joiner = segments::Joiner::new(doc, warnings);
        let mut start = 0;
        for end in cuts {
            let segment = metadata_of(doc, doc.text[start..end].to_string());
            let analysis = self.analyse_within(&segment.text, budget)?;
            joiner.push(self.extract_within(&segment, analysis, options, budget)?);
            start = end;
        }
        Ok(joiner.finish())
    }

    /// The extraction stages (actors, times, quotes, events, stances) on a
    /// document already analysed by [`Pipeline::analyse`].
    pub fn extract(&self, doc: &Document, analysis: Analysis, options: PipelineOptions) -> Record {
        self.extract_within(doc, analysis, options, &mut Budget::unlimited())
            .expect("an unlimited budget never runs out")
    }

    /// Like [`Pipeline::extract`], giving up when `budget` runs out.
    pub fn extract_within(
        &self,
        doc: &Document,
        analysis: Analysis,
        options: PipelineOptions,
        budget: &mut Budget,
    ) -> Result<Record, OverBudget> {
        let tokens = options.tokens.then(|| token_records(&analysis));
        let actors = actors::build(&analysis);
        budget.lap("actors")?;
        let times = time::find_times(&analysis.text, &analysis.tokens, doc.published.as_deref());
        budget.lap("times")?;
        let quotes = quotes::find_quotes(&analysis, &actors);
        budget.lap("quotes")?;
        let published = doc.published.as_deref();
        let events = events::find_events(&analysis, &actors, &times, &quotes, published);
        budget.lap("events")?;
        let stances = events::find_stances(&analysis, &actors, &quotes);
        budget.lap("stances")?;
        let mut warnings = doc.warnings.clone();
        warnings.extend(analysis.warnings.iter().cloned());
        warnings.extend(times.warnings);
        Ok(Record {
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
            entities: actors.entities,
            quotes,
            times: times.times,
            events,
            stances,
            warnings,
            text: analysis.text,
        })
    }
}

/// A document with `doc`'s metadata, the given text and no warnings.
fn metadata_of(doc: &Document, text: String) -> Document {
    Document {
        id: doc.id.clone(),
        url: doc.url.clone(),
        title: doc.title.clone(),
        published: doc.published.clone(),
        author: doc.author.clone(),
        site: doc.site.clone(),
        text,
        warnings: Vec::new(),
    }
}

/// Tags, lemmatises and parses each sentence; heads become document-level
/// token indices.
/// Sentences marked `unread` get empty tags and no head.
fn tag_and_parse(
    models: &Models,
    analysis: &mut Analysis,
    unread: &[bool],
    budget: &Budget,
) -> Result<(), OverBudget> {
    let mut tags = Vec::with_capacity(analysis.tokens.len());
    for (k, sentence) in analysis.sentences.iter().enumerate() {
        if unread.get(k).copied().unwrap_or(false) {
            tags.extend(sentence.tokens.clone().map(|_| TokenTags::default()));
            continue;
        }
        budget.check("tag_parse")?;
        let words = analysis.sentence_words(sentence);
        let tagged = models.tagger.tag(&words);
        let upos: Vec<&str> = tagged.iter().map(|t| t.upos).collect();
        let xpos: Vec<&str> = tagged.iter().map(|t| t.xpos).collect();
        let tree = models.parser.parse(&words, &upos, &xpos);
        let offset = sentence.tokens.start;
        for (t, (head, deprel)) in tagged.into_iter().zip(tree) {
            tags.push(TokenTags {
                lemma: t.lemma,
                upos: t.upos.to_string(),
                xpos: t.xpos.to_string(),
                head: (head > 0).then(|| offset + head - 1),
                deprel: deprel.to_string(),
            });
        }
    }
    analysis.tags = tags;
    Ok(())
}

/// Finds entity mentions over the whole document, so the recogniser's
/// document-level consistency sees every sentence.
/// Sentences marked `unread` are given to the recogniser empty.
fn recognise_entities(models: &Models, analysis: &mut Analysis, unread: &[bool]) {
    let doc: Vec<Vec<&str>> = analysis
        .sentences
        .iter()
        .enumerate()
        .map(|(k, s)| {
            if unread.get(k).copied().unwrap_or(false) {
                Vec::new()
            } else {
                analysis.sentence_words(s)
            }
        })
        .collect();
    let spans = models.ner.recognize(&doc);
    let mentions = analysis
        .sentences
        .iter()
        .zip(spans)
        .flat_map(|(sentence, spans): (&Sentence, _)| {
            let offset = sentence.tokens.start;
            spans.into_iter().map(move |span| Mention {
                start: offset + span.start,
                end: offset + span.end,
                label: span.label.to_string(),
            })
        })
        .collect();
    analysis.mentions = mentions;
}

fn token_records(analysis: &Analysis) -> Vec<TokenRecord> {
    let mut ner: Vec<Option<&str>> = vec![None; analysis.tokens.len()];
    for m in &analysis.mentions {
        for slot in &mut ner[m.start..m.end] {
            *slot = Some(m.label.as_str());
        }
    }
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
                ner: ner[i].map(str::to_string),
            }
        })
        .collect()
}
