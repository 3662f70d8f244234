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
pub mod frontmatter;
pub mod fs;
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

pub use exit::ExitStatus;

/// Runs `ties` with these arguments (the first is the program name) and returns the exit code.
pub fn run<I, T>(args: I) -> ExitStatus
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
            };
        }
    };
    let cwd = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let config = cli.into_config(cwd);
    match commands::run(&config) {
        Ok(status) => status,
        Err(e) => {
            let mut err = anstream::AutoStream::new(std::io::stderr(), config.color).lock();
            let _ = writeln!(
                err,
                "{}error:{} {e}",
                render::ERROR.render(),
                render::ERROR.render_reset()
            );
            ExitStatus::Error
        }
    }
}
