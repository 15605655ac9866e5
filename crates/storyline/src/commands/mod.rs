//! One module per command.

pub mod bench;
pub mod bench_ingest;
pub mod bench_stories;
pub mod duplicates;
pub mod eval;
pub mod extract;
pub mod history;
pub mod ingest;
pub mod reading;
pub mod scale;
pub mod search;
pub mod stories;
pub mod story_eval;
pub mod train;
