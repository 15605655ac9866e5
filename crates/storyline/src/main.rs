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
            set_jobs(args.read.jobs);
            commands::extract::run(args)
        }
        Command::Ingest(args) => {
            set_jobs(args.read.jobs);
            commands::ingest::run(args)
        }
        Command::Search(args) => commands::search::run(args),
        Command::Revisions(args) => commands::history::revisions(args).map(|()| true),
        Command::Diff(args) => commands::history::diff_command(args).map(|()| true),
        Command::Stories(args) => commands::stories::stories(args).map(|()| true),
        Command::Story(args) => commands::stories::story(args).map(|()| true),
        Command::Timeline(args) => commands::stories::timeline(args).map(|()| true),
        Command::Actors(args) => commands::stories::actors(args).map(|()| true),
        Command::Changes(args) => commands::stories::changes(args).map(|()| true),
        Command::Eval(command) => commands::eval::run(command).map(|()| true),
        Command::Bench(command) => commands::bench::run(command).map(|()| true),
        Command::Train(command) => commands::train::run(command).map(|()| true),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("storyline: error: {error:#}");
            exit_code(&error)
        }
    }
}

/// The size of the worker pool, when asked for.
fn set_jobs(jobs: Option<usize>) {
    if let Some(jobs) = jobs {
        // Only fails if a pool already exists, which cannot happen here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build_global();
    }
}

/// 2 when the database cannot be used at all, else 1.
fn exit_code(error: &anyhow::Error) -> ExitCode {
    let unusable = error
        .downcast_ref::<storyline_store::StoreError>()
        .is_some_and(storyline_store::StoreError::is_unusable);
    if unusable {
        ExitCode::from(2)
    } else {
        ExitCode::FAILURE
    }
}
