//! The `storyline` command: reads news, prints structured records.

mod cli;
mod commands;
mod memory;
mod render;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Extract(args) => {
            if let Some(jobs) = args.jobs {
                // Only fails if a pool already exists, which cannot happen here.
                let _ = rayon::ThreadPoolBuilder::new()
                    .num_threads(jobs.max(1))
                    .build_global();
            }
            commands::extract::run(args)
        }
        Command::Eval(command) => commands::eval::run(command).map(|()| true),
        Command::Bench(command) => commands::bench::run(command).map(|()| true),
        Command::Train(command) => commands::train::run(command).map(|()| true),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("storyline: error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
