//! Stories over Storyline's store: documents clustered online into
//! developing stories ([`cluster`]), the actors of a story across its
//! documents ([`actors`]), a dated timeline whose entries list every
//! source that reported them ([`timeline`]) and what changed since a
//! moment ([`changes`]).
//!
//! Nothing here reads an article again: it works from what the store
//! holds (records, document metadata, and the features kept for each
//! document's assignment).

pub mod actors;
pub mod changes;
pub mod cluster;
pub mod features;
pub mod index;
pub mod model;
pub mod terms;
pub mod timeline;
pub mod views;

pub use cluster::{Clusterer, Decision};
pub use features::DocFeatures;
pub use model::Model;
