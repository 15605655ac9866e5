//! The models the binary ships with, decoded once per process.

use std::sync::OnceLock;

use storyline_nlp::ModelError;
use storyline_nlp::ner::Ner;
use storyline_nlp::parser::Parser;
use storyline_nlp::tagger::Tagger;

mod shipped {
    include!(concat!(env!("OUT_DIR"), "/shipped.rs"));
}

/// The shipped attribution cue classifier's file, if it existed at build
/// time.
pub(crate) const CUES: Option<&[u8]> = shipped::CUES;

/// Why the shipped models could not be used.
#[derive(Debug, Clone, thiserror::Error)]
pub enum LoadError {
    /// The model file was not in `models/` when this binary was built.
    #[error(
        "this build has no {0} model: train one with 'storyline train {0} …' into models/ and rebuild"
    )]
    Missing(&'static str),
    /// The embedded file could not be decoded.
    #[error("the shipped {model} model is unusable: {reason}")]
    Corrupt {
        /// Which model.
        model: &'static str,
        /// The decoder's reason.
        reason: String,
    },
}

/// The statistical models of the pipeline.
#[derive(Debug)]
pub struct Models {
    /// POS tagger and lemmatiser.
    pub tagger: Tagger,
    /// Dependency parser.
    pub parser: Parser,
    /// Named-entity recogniser.
    pub ner: Ner,
}

fn decode<T>(
    name: &'static str,
    bytes: Option<&'static [u8]>,
    from_bytes: fn(&[u8]) -> Result<T, ModelError>,
) -> Result<T, LoadError> {
    let bytes = bytes.ok_or(LoadError::Missing(name))?;
    from_bytes(bytes).map_err(|e| LoadError::Corrupt {
        model: name,
        reason: e.to_string(),
    })
}

/// The shipped tagger, decoded anew (for training the parser on its tags).
pub fn shipped_tagger() -> Result<Tagger, LoadError> {
    decode("tagger", shipped::TAGGER, Tagger::from_bytes)
}

/// The shipped parser, decoded anew.
pub fn shipped_parser() -> Result<Parser, LoadError> {
    decode("parser", shipped::PARSER, Parser::from_bytes)
}

/// The shipped entity recogniser, decoded anew.
pub fn shipped_ner() -> Result<Ner, LoadError> {
    decode("ner", shipped::NER, Ner::from_bytes)
}

/// All shipped models, decoded on first use and shared after.
pub fn shipped() -> Result<&'static Models, LoadError> {
    static MODELS: OnceLock<Result<Models, LoadError>> = OnceLock::new();
    MODELS
        .get_or_init(|| {
            // One after the other: each model's decoded payload is freed
            // before the next is read, which keeps peak memory down.
            Ok(Models {
                parser: shipped_parser()?,
                tagger: shipped_tagger()?,
                ner: shipped_ner()?,
            })
        })
        .as_ref()
        .map_err(Clone::clone)
}
