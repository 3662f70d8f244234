//! `ties`: a plain-text ledger for a person's professional network. The library holds
//! everything; `main.rs` only calls [`run`].

pub mod agenda;
pub mod body;
pub mod check;
pub mod cli;
pub mod commands;
pub mod config;
pub mod create;
pub mod diagnostic;
pub mod document;
pub mod draft;
pub mod error;
pub mod exit;
pub mod findings;
pub mod frontmatter;
pub mod fs;
#[cfg(test)]
mod fuzz;
pub mod hash;
pub mod import;
pub mod index;
pub mod list;
pub mod lookup;
pub mod model;
pub mod notebook;
pub mod period;
pub mod render;
pub mod report;
pub mod rules;
pub mod show;
pub mod sink;
pub mod slug;
pub mod span;
pub mod suggest;
pub mod watch;
pub mod yaml;

use std::ffi::OsString;
use std::io::Write;

use clap::Parser;

pub use commands::Outcome;
pub use exit::ExitStatus;

/// Runs `ties` with these arguments (the first is the program name): the exit status, and
/// the notebook the command loaded, for `main` to let the process drop at exit.
pub fn run<I, T>(args: I) -> Outcome
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match cli::Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitStatus::Error
            } else {
                ExitStatus::Success
            }
            .into();
        }
    };
    let cwd = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let config = cli.into_config(cwd);
    commands::run(&config).unwrap_or_else(|e| {
        let _ = writeln!(
            render::stderr(config.color),
            "{} {}",
            render::label(render::ERROR, "error"),
            render::escape::lines(&e.to_string())
        );
        ExitStatus::Error.into()
    })
}
