//! One file per command; each takes the plain [`Config`] and returns an exit status.

pub mod agenda;
pub mod check;
pub mod completions;
pub mod explain;
pub mod export;
pub mod import;
pub mod init;
pub mod list;
pub mod man;
pub mod new;
pub mod report;
pub mod show;
pub mod watch;

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
        Command::Init { dir, git, force } => init::run(config, dir.as_deref(), *git, *force),
        Command::New { request, options } => new::run(config, request, options),
        Command::Import {
            file,
            source,
            map,
            dry_run,
        } => import::run(config, file, *source, map, *dry_run),
        Command::Export { kind } => export::run(config, *kind),
        Command::Completions { shell } => completions::run(config, *shell),
        Command::Man => man::run(config),
        Command::Watch {
            format,
            agenda,
            poll,
        } => watch::run(config, *format, *agenda, *poll),
        Command::Agenda {
            format,
            days,
            filter,
        } => agenda::run(config, *format, *days, filter),
        Command::Report {
            kind,
            period,
            by,
            format,
        } => report::run(config, *kind, period, *by, *format),
        Command::List {
            kind,
            options,
            format,
        } => list::run(config, *kind, options, *format),
        Command::Show { id, format } => show::run(config, id, *format),
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
