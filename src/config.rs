//! The plain settings of one invocation, made from the command line in `cli` and passed to
//! the commands: no clap types beyond this point.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime, Timelike};

use crate::render::Format;

#[derive(Clone, Debug)]
pub(crate) struct Config {
    /// `--notebook` or `$TIES_NOTEBOOK`; otherwise discovered from `cwd`.
    pub notebook: Option<PathBuf>,
    pub cwd: PathBuf,
    /// How long a writer waits for the notebook's lock (`$TIES_LOCK_WAIT`, default 5 s).
    pub lock_wait: std::time::Duration,
    /// The one source of "now" for every date computation (`--now`, `--today` or the clock).
    pub clock: Clock,
    pub color: anstream::ColorChoice,
    /// Whether loading uses the cache of parsed files (`--no-cache` says no).
    pub cache: crate::cache::Policy,
    pub command: Command,
}

impl Config {
    /// Today, as of now: see [`Clock::today`].
    pub(crate) fn today(&self) -> NaiveDate {
        self.clock.today()
    }

    /// Now: see [`Clock::now`].
    pub(crate) fn now(&self) -> NaiveDateTime {
        self.clock.now()
    }
}

/// Where "today" comes from. A long-running `watch` asks again every round, so it moves on
/// at midnight; every other command asks once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Clock {
    /// `--now`, or `--today` at the start of its day: every computation takes this moment.
    Fixed(NaiveDateTime),
    /// The local time of the system clock, read afresh on each call.
    System,
}

impl Clock {
    /// The only place `ties` reads the clock. Whole minutes: the notebook writes no seconds,
    /// so a chat at 10:00 is not "past" at 10:00:30 of the same minute it ends.
    pub(crate) fn now(self) -> NaiveDateTime {
        match self {
            Self::Fixed(now) => now,
            Self::System => {
                let now = chrono::Local::now().naive_local();
                now.with_second(0)
                    .and_then(|n| n.with_nanosecond(0))
                    .unwrap_or(now)
            }
        }
    }

    /// The date of [`Clock::now`].
    pub(crate) fn today(self) -> NaiveDate {
        self.now().date()
    }
}

#[derive(Clone, Debug)]
pub(crate) enum Command {
    Check {
        format: CheckFormat,
        deny_warnings: bool,
    },
    Explain {
        code: Option<String>,
    },
    /// The language server, on stdin and stdout.
    Lsp,
    Init {
        /// Default: the current folder.
        dir: Option<PathBuf>,
        git: bool,
        force: bool,
        /// Only `ties.yaml`, for notes already there (`--adopt`).
        adopt: bool,
    },
    New {
        request: crate::create::Request,
        options: crate::create::Options,
    },
    Import {
        file: PathBuf,
        source: crate::import::Source,
        options: crate::import::Options,
        dry_run: bool,
    },
    Export {
        kind: crate::model::Kind,
        cells: crate::spreadsheet::Cells,
    },
    /// `ties cache clear`.
    CacheClear,
    /// The completion script, made by `cli` from its own definitions.
    Completions {
        script: Vec<u8>,
    },
    /// The manual pages in roff, made by `cli` from its own definitions and the docs; the
    /// first is `ties.1`, printed when there is no `dir` to write them all into.
    Man {
        pages: Vec<ManPage>,
        dir: Option<PathBuf>,
        force: bool,
    },
    Watch {
        format: WatchFormat,
        agenda: bool,
        poll: bool,
    },
    Agenda {
        format: AgendaFormat,
        days: Option<u32>,
        filter: crate::agenda::Filter,
        /// `--explain KEY`: why that item is there, instead of the agenda.
        explain: Option<String>,
    },
    /// `ties next`: the `n` most urgent items, with why (`explain`: every part of it).
    Next {
        n: usize,
        explain: bool,
        format: Format,
    },
    Report {
        kind: crate::report::ReportKind,
        period: crate::period::Filter,
        by: crate::report::Granularity,
        format: Format,
    },
    List {
        kind: crate::model::Kind,
        options: crate::list::Options,
        format: Format,
    },
    Show {
        id: String,
        format: Format,
    },
    /// The notebook as one HTML page, to a file or stdout.
    Html {
        output: Option<PathBuf>,
        redact: bool,
    },
    /// The page, live over HTTP.
    Serve {
        port: u16,
        /// `--host`: an address other than 127.0.0.1, asked for by name.
        host: Option<std::net::IpAddr>,
        redact: bool,
    },
    /// `log`, `snooze`, `close`, `pause`, `resume`, `done`: one edit of one file.
    Record {
        request: crate::action::Request,
        dry_run: bool,
        /// `--template` of `log outreach|follow-up|thank-you`.
        template: Option<String>,
    },
    /// `ties draft`: the message as text (`json`: as one object).
    Draft {
        request: crate::compose::Request,
        json: bool,
    },
}

/// One manual page: its file name (`ties-check.1`) and its roff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ManPage {
    pub file: String,
    pub text: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum WatchFormat {
    #[default]
    Human,
    Json,
}

/// The agenda prints as any result does, or as a calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AgendaFormat {
    Plain(Format),
    Ics,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum CheckFormat {
    #[default]
    Human,
    Json,
    Github,
}
