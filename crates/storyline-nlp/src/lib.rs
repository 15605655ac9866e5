//! Storyline's statistical models: an averaged-perceptron learning core and
//! the tagger, lemmatiser, dependency parser and entity recogniser built on it.

pub mod codec;
pub mod error;
pub mod features;
pub mod perceptron;

pub use error::ModelError;
