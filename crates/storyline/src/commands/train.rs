//! `storyline train`: models from public data sets.

use anyhow::Result;

use crate::cli::TrainCommand;

/// Runs a training command.
pub fn run(command: &TrainCommand) -> Result<()> {
    match *command {}
}
