//! The plain settings of one invocation, made from the command line in `cli` and passed to
//! the commands: no clap types beyond this point.

use std::path::PathBuf;

use chrono::NaiveDate;

#[derive(Clone, Debug)]
pub struct Config {
    /// `--notebook` or `$TIES_NOTEBOOK`; otherwise discovered from `cwd`.
    pub notebook: Option<PathBuf>,
    pub cwd: PathBuf,
    /// The one source of "today" for every date computation (`--today` or the clock).
    pub today: NaiveDate,
    pub color: anstream::ColorChoice,
    pub command: Command,
}

#[derive(Clone, Debug)]
pub enum Command {
    Check {
        format: CheckFormat,
        deny_warnings: bool,
    },
    Explain {
        code: Option<String>,
    },
    Agenda {
        format: AgendaFormat,
        days: Option<u32>,
        filter: crate::agenda::Filter,
    },
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AgendaFormat {
    #[default]
    Text,
    Json,
    Markdown,
    Ics,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CheckFormat {
    #[default]
    Human,
    Json,
    Github,
}
