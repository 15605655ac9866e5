//! A time budget for one document, checked between stages and between
//! sentences of the model stages, and the time each stage took.

use std::time::{Duration, Instant};

/// Why a document was given up: it ran past its time budget.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "took longer than the {limit} s allowed per document (stopped in {stage}; see --max-seconds-per-doc)"
)]
pub struct OverBudget {
    /// The stage that was running when the budget ran out.
    pub stage: &'static str,
    /// The budget, in seconds.
    pub limit: f64,
}

/// How long one document may take, and how long each stage took so far.
#[derive(Debug, Clone)]
pub struct Budget {
    started: Instant,
    last: Instant,
    limit: Option<Duration>,
    laps: Vec<(&'static str, f64)>,
}

impl Default for Budget {
    fn default() -> Self {
        Budget::unlimited()
    }
}

impl Budget {
    /// No limit: the stage times are still kept.
    pub fn unlimited() -> Self {
        let now = Instant::now();
        Budget {
            started: now,
            last: now,
            limit: None,
            laps: Vec::new(),
        }
    }

    /// At most `seconds` from now (a non-positive or non-finite value
    /// means no limit).
    pub fn seconds(seconds: f64) -> Self {
        let mut budget = Budget::unlimited();
        if seconds.is_finite() && seconds > 0.0 {
            budget.limit = Some(Duration::from_secs_f64(seconds));
        }
        budget
    }

    /// An error if the budget has run out while `stage` runs.
    pub fn check(&self, stage: &'static str) -> Result<(), OverBudget> {
        match self.limit {
            Some(limit) if self.started.elapsed() > limit => Err(OverBudget {
                stage,
                limit: (limit.as_secs_f64() * 1000.0).round() / 1000.0,
            }),
            _ => Ok(()),
        }
    }

    /// Records that `stage` has just finished, then checks the budget.
    pub fn lap(&mut self, stage: &'static str) -> Result<(), OverBudget> {
        let now = Instant::now();
        self.laps.push((stage, (now - self.last).as_secs_f64()));
        self.last = now;
        self.check(stage)
    }

    /// Seconds each finished stage took, in order.
    pub fn laps(&self) -> &[(&'static str, f64)] {
        &self.laps
    }
}
