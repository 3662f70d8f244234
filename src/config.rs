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
    Init {
        /// Default: the current folder.
        dir: Option<PathBuf>,
        git: bool,
        force: bool,
    },
    New {
        request: crate::create::Request,
        options: crate::create::Options,
    },
    Import {
        file: PathBuf,
        source: crate::import::Source,
        /// `(column header, key)` pairs from `--map`.
        map: Vec<(String, String)>,
        dry_run: bool,
    },
    Export {
        kind: crate::model::Kind,
    },
    Completions {
        shell: Shell,
    },
    Man,
    Watch {
        format: WatchFormat,
        agenda: bool,
        poll: bool,
    },
    Agenda {
        format: AgendaFormat,
        days: Option<u32>,
        filter: crate::agenda::Filter,
    },
    Report {
        kind: crate::report::ReportKind,
        period: crate::period::Filter,
        by: crate::report::Granularity,
        format: ReportFormat,
    },
    List {
        kind: crate::model::Kind,
        options: crate::list::Options,
        format: ReportFormat,
    },
    Show {
        id: String,
        format: ReportFormat,
    },
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WatchFormat {
    #[default]
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AgendaFormat {
    #[default]
    Text,
    Json,
    Markdown,
    Ics,
}

/// The formats of `report`, `list` and `show`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReportFormat {
    #[default]
    Text,
    Json,
    Csv,
    Markdown,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CheckFormat {
    #[default]
    Human,
    Json,
    Github,
}

/// The shells `ties completions` writes a script for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    PowerShell,
    Elvish,
}
