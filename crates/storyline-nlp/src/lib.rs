//! Storyline's statistical models: an averaged-perceptron learning core and
//! the tagger, lemmatiser, dependency parser and entity recogniser built on it.

pub mod clusters;
pub mod codec;
pub mod error;
pub mod features;
pub mod lemma;
pub mod ner;
pub mod parser;
pub mod perceptron;
pub mod tagger;
pub mod treebank;

pub use error::ModelError;
