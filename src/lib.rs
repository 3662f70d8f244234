//! `ties`: a plain-text ledger for a person's professional network. The library holds
//! everything; `main.rs` only calls [`run`]. Every module is private: the binary, its tests
//! and its benchmarks use the command line, so nothing here is an API to keep stable.

mod action;
mod adopt;
mod agenda;
mod assist;
mod body;
mod cache;
mod check;
mod cli;
mod commands;
mod compose;
mod config;
mod create;
mod diagnostic;
mod dismissed;
mod document;
mod draft;
mod edit;
mod error;
mod exit;
mod findings;
mod frontmatter;
mod fs;
#[cfg(test)]
mod fuzz;
mod hash;
mod html;
mod http;
mod import;
mod index;
mod interned;
mod list;
mod lookup;
mod lsp;
mod model;
mod notebook;
mod now;
mod period;
mod read;
mod render;
mod report;
#[cfg(test)]
mod rng;
mod rules;
mod show;
mod sink;
mod slug;
mod span;
mod spreadsheet;
mod suggest;
mod template;
mod templates;
mod urgency;
mod watch;
mod workspace;
mod yaml;

use std::ffi::OsString;
use std::io::Write;

pub use commands::Outcome;
pub use exit::ExitStatus;

/// Runs `ties` with these arguments (the first is the program name): the exit status, and
/// the notebook the command loaded, for `main` to let the process drop at exit.
pub fn run<I, T>(args: I) -> Outcome
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    if let Some(status) = cli::complete(&args) {
        return status.into();
    }
    let cli = match cli::Cli::parse_args(args) {
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
