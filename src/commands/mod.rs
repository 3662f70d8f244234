//! One file per command; each takes the plain [`Config`] and returns an exit status.

pub mod agenda;
pub mod check;
pub mod explain;

use crate::config::{Command, Config};
use crate::error::Error;
use crate::exit::ExitStatus;

pub fn run(config: &Config) -> Result<ExitStatus, Error> {
    match &config.command {
        Command::Check {
            format,
            deny_warnings,
        } => check::run(config, *format, *deny_warnings),
        Command::Explain { code } => explain::run(config, code.as_deref()),
        Command::Agenda {
            format,
            days,
            filter,
        } => agenda::run(config, *format, *days, filter),
    }
}

/// Stdout for a command's output, with colour decided by `--color`, the terminal and `NO_COLOR`.
pub fn stdout(config: &Config) -> anstream::AutoStream<std::io::StdoutLock<'static>> {
    anstream::AutoStream::new(std::io::stdout().lock(), config.color)
}

/// A closed pipe (`ties check | head`) is not a failure of ties.
pub fn finish_output(result: std::io::Result<()>) -> Result<(), Error> {
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Io {
            path: "<stdout>".into(),
            source: e,
        }),
        _ => Ok(()),
    }
}
