//! From an analysed document to the Storyline record: entities, quotes,
//! times, events and stances, each pointing back to the characters it came
//! from.

pub mod actors;
pub mod analysis;
pub mod budget;
pub mod events;
pub mod models;
pub mod pipeline;
pub mod quotes;
pub mod record;
pub mod segments;
pub mod time;

pub use analysis::Analysis;
pub use budget::{Budget, OverBudget};
pub use pipeline::{Pipeline, PipelineOptions};
pub use record::Record;
