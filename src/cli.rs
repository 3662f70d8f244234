//! The command line: clap definitions, and [`Cli::into_config`], the one place they turn
//! into a plain [`Config`].

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::agenda::{Filter, ItemKind};
use crate::config::{AgendaFormat, CheckFormat, Command, Config};

/// A plain-text ledger for your professional network.
///
/// Keep contacts, companies, chats and events as Markdown files with YAML front matter;
/// ties checks them, tells you whom to follow up with, and reports on your outreach.
#[derive(Debug, Parser)]
#[command(name = "ties", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    /// The notebook folder (the one holding ties.yaml) [default: found from the current folder upwards]
    #[arg(long, global = true, env = "TIES_NOTEBOOK", value_name = "DIR")]
    notebook: Option<PathBuf>,

    /// Take this date as today, for every date computation (reproducible runs, planning)
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<NaiveDate>,

    /// When to use colour; `auto` means on a terminal and without `NO_COLOR`
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    color: ColorWhen,

    #[command(subcommand)]
    command: Commands,
}

#[derive(Debug, Subcommand)]
enum Commands {
    /// Validate every file of the notebook and report problems with <file:line:column>
    Check {
        /// Output format
        #[arg(long, value_enum, default_value_t = FormatArg::Human)]
        format: FormatArg,
        /// Exit with 1 on warnings too, not only on errors
        #[arg(long)]
        deny_warnings: bool,
    },
    /// What to do today: follow-ups, thank-yous, chats to prepare, reconnects, tasks, events
    Agenda {
        /// Output format
        #[arg(long, value_enum, default_value_t = AgendaFormatArg::Text)]
        format: AgendaFormatArg,
        /// How many days ahead to look [default: rules.horizon in ties.yaml, 7]
        #[arg(long, value_name = "N")]
        days: Option<u32>,
        /// Only these kinds (comma-separated): follow-up, move-on, thank-you, prepare, next, task, reconnect, event
        #[arg(long, value_delimiter = ',', value_parser = parse_item_kind, value_name = "KINDS")]
        kind: Vec<ItemKind>,
        /// Only items about this contact (id)
        #[arg(long, value_name = "ID")]
        contact: Option<String>,
        /// Only items about people at this company (id)
        #[arg(long, value_name = "ID")]
        company: Option<String>,
    },
    /// Explain a rule code: what it checks, why, and how to fix it (no code: list them all)
    Explain {
        /// A rule code such as T201
        code: Option<String>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum AgendaFormatArg {
    /// Grouped, aligned columns
    Text,
    /// An array of items
    Json,
    /// A checklist to paste into a note
    Markdown,
    /// iCalendar (VTODO and VEVENT) for a calendar app
    Ics,
}

fn parse_item_kind(s: &str) -> Result<ItemKind, String> {
    ItemKind::parse(s).ok_or_else(|| {
        let known: Vec<&str> = ItemKind::ALL.iter().map(|k| k.as_str()).collect();
        format!(
            "`{s}` is not an agenda kind{}; use one of: {}",
            crate::suggest::hint(s, known.iter().copied()),
            known.join(", ")
        )
    })
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FormatArg {
    /// Diagnostics with a source excerpt
    Human,
    /// A JSON array of diagnostics
    Json,
    /// GitHub Actions workflow annotations
    Github,
}

fn parse_today(s: &str) -> Result<NaiveDate, String> {
    crate::model::time::parse_date(s)
        .ok_or_else(|| format!("`{s}` is not a date; write it as YYYY-MM-DD"))
}

impl Cli {
    pub fn into_config(self, cwd: PathBuf) -> Config {
        let command = match self.command {
            Commands::Check {
                format,
                deny_warnings,
            } => Command::Check {
                format: match format {
                    FormatArg::Human => CheckFormat::Human,
                    FormatArg::Json => CheckFormat::Json,
                    FormatArg::Github => CheckFormat::Github,
                },
                deny_warnings,
            },
            Commands::Explain { code } => Command::Explain { code },
            Commands::Agenda {
                format,
                days,
                kind,
                contact,
                company,
            } => Command::Agenda {
                format: match format {
                    AgendaFormatArg::Text => AgendaFormat::Text,
                    AgendaFormatArg::Json => AgendaFormat::Json,
                    AgendaFormatArg::Markdown => AgendaFormat::Markdown,
                    AgendaFormatArg::Ics => AgendaFormat::Ics,
                },
                days,
                filter: Filter {
                    kinds: kind,
                    contact,
                    company,
                },
            },
        };
        Config {
            notebook: self.notebook,
            cwd,
            today: self
                .today
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
            color: match self.color {
                ColorWhen::Auto => anstream::ColorChoice::Auto,
                ColorWhen::Always => anstream::ColorChoice::Always,
                ColorWhen::Never => anstream::ColorChoice::Never,
            },
            command,
        }
    }
}
