//! Errors of model loading and training.

/// Why a model could not be loaded, saved or trained.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// Reading or writing the file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file is not a valid model file.
    #[error("corrupt model file: {0}")]
    Corrupt(String),
    /// The file holds another kind of model.
    #[error("model file holds a {found} model, expected a {expected} model")]
    WrongKind {
        /// The kind asked for.
        expected: String,
        /// The kind in the file.
        found: String,
    },
    /// Training data could not be used.
    #[error("training data: {0}")]
    Data(String),
}
