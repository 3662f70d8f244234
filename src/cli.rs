//! The command line: clap definitions, and [`Cli::into_config`], the one place they turn
//! into a plain [`Config`].

use std::ffi::OsString;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use clap_complete::CompleteEnv;
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};

use crate::action::{Request, Until};
use crate::agenda::{Filter, ItemKind};
use crate::config::{AgendaFormat, CheckFormat, Clock, Command, Config, ManPage, WatchFormat};
use crate::exit::ExitStatus;
use crate::import::{Options, Source};
use crate::list::{StageFilter, Where};
use crate::lookup;
use crate::model::Kind;
use crate::model::chat::{ChatKind, Direction};
use crate::model::company::CompanyStatus;
use crate::model::contact::{ContactStatus, Role, Warmth};
use crate::model::decode::{Choice, is_email, is_profile, is_url, normalize_profile};
use crate::model::event::EventKind;
use crate::model::time::{BadDuration, When};
use crate::render::Format;
use crate::report::{Granularity, ReportKind};
use crate::spreadsheet::Cells;
use crate::template::{Channel, DraftKind};

/// The heading of `--notebook`, `--today` and `--color` in every command's help, so a
/// command's own options are not lost among them.
const GLOBAL: &str = "Global options";

/// A plain-text ledger for your professional network.
///
/// Keep contacts, companies, chats and events as Markdown files with YAML front matter;
/// ties checks them, tells you whom to follow up with, and reports on your outreach.
#[derive(Debug, Parser)]
#[command(
    name = "ties",
    version,
    propagate_version = true,
    max_term_width = 100,
    after_long_help = "The notebook's files and the agenda's rules: ties-format(5), which `ties man --dir DIR` writes with a page per command."
)]
pub(crate) struct Cli {
    /// The notebook folder (the one holding ties.yaml) [default: found from the current folder upwards]
    #[arg(long, global = true, help_heading = GLOBAL, env = "TIES_NOTEBOOK", value_name = "DIR")]
    notebook: Option<PathBuf>,

    /// How long a writer waits for another `ties` writing to the same notebook (docs/log.md)
    #[arg(long, global = true, hide = true, env = "TIES_LOCK_WAIT", value_name = "SECONDS", default_value_t = 5.0, value_parser = parse_wait)]
    lock_wait: f64,

    /// Take this date as today, for every date computation (reproducible runs, planning)
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<NaiveDate>,

    /// Take this moment as now (a chat is planned until it has ended); wins over `--today`,
    /// which is the start of its day
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "YYYY-MM-DD HH:MM", value_parser = parse_now)]
    now: Option<chrono::NaiveDateTime>,

    /// When to use colour; `auto` means on a terminal and without `NO_COLOR`
    #[arg(long, global = true, help_heading = GLOBAL, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    color: ColorWhen,

    /// Read every file, and neither read nor write the cache of parsed files (.ties-cache/)
    #[arg(long, global = true, help_heading = GLOBAL, env = "TIES_NO_CACHE", value_parser = clap::builder::FalseyValueParser::new())]
    no_cache: bool,

    #[command(subcommand)]
    command: Commands,
}

#[derive(Debug, Subcommand)]
enum Commands {
    /// Validate every file of the notebook and report problems with <file:line:column>
    Check {
        /// Output format
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
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
        /// With --format csv: cells exactly as they are, without the `'` that stops a spreadsheet running `=`, `+`, `-`, `@` cells as formulas
        #[arg(long)]
        raw: bool,
        /// How many days ahead to look [default: rules.horizon in ties.yaml, 7]
        #[arg(long, value_name = "N")]
        days: Option<u32>,
        /// Only these kinds (comma-separated): follow-up, move-on, thank-you, prepare, next, task, reconnect, event, goal, coverage, event-follow-up, birthday, reply, referral
        #[arg(long, value_delimiter = ',', value_parser = parse_item_kind, value_name = "KINDS")]
        kind: Vec<ItemKind>,
        /// Only items about this contact: an id, [[id]] or name ("Maya Chen")
        #[arg(long, value_name = "CONTACT", add = ids(CONTACTS))]
        contact: Option<String>,
        /// Only items about people at this company: an id, [[id]] or name
        #[arg(long, value_name = "COMPANY", add = ids(COMPANIES))]
        company: Option<String>,
        /// Why the item with this key (short or full) is there: its rule, settings and dates
        #[arg(long, value_name = "KEY", add = keys())]
        explain: Option<String>,
        /// Everything, also what fell due before `since:` in ties.yaml (the first agendas of an adopted vault show only the latest few)
        #[arg(long)]
        all: bool,
    },
    /// The one next step: the most urgent item of the agenda, with why and the command that clears it
    Next {
        /// How many items, most urgent first
        #[arg(short = 'n', long = "count", value_name = "N", default_value_t = 1)]
        n: usize,
        /// Show every part of each item's urgency (overdue days, tie, target company, a chat's nearness, goal pace)
        #[arg(long)]
        explain: bool,
        /// Output format
        #[arg(long, value_enum, default_value_t = ReportFormatArg::Text)]
        format: ReportFormatArg,
    },
    /// Check the notebook, then re-check on every save (incremental; Ctrl-C to stop)
    Watch {
        /// Output format: `text` redraws on a terminal and appends when piped; `json` prints one object per round
        #[arg(long, value_enum, default_value_t = WatchFormatArg::Text)]
        format: WatchFormatArg,
        /// Show the agenda under the diagnostics
        #[arg(long)]
        agenda: bool,
        /// Poll for changes instead of using OS events (network drives, some containers, symlinked notebooks)
        #[arg(long)]
        poll: bool,
    },
    /// Serve the Language Server Protocol on stdin/stdout: diagnostics as you type, completion, navigation
    Lsp,
    /// Explain a rule code: what it checks, why, and how to fix it (no code: list them all)
    Explain {
        /// A rule code such as T201
        code: Option<String>,
    },
    /// Start a notebook: ties.yaml with every default, the four folders, a README, git and a pre-commit hook
    Init {
        /// The folder to make a notebook of, created if missing [default: the current folder]
        dir: Option<PathBuf>,
        /// Do not run `git init` nor install the pre-commit hook that runs `ties check`
        #[arg(long)]
        no_git: bool,
        /// Rewrite ties.yaml, README.md, .gitignore and the hook even if they exist
        #[arg(long)]
        force: bool,
        /// Adopt the notes already in the folder (an Obsidian vault): write only ties.yaml, with the folders found, `ids: title` where names are titles, and `since:` today
        #[arg(long)]
        adopt: bool,
    },
    /// Create a contact, company, chat or event file from a template, and print its path
    New {
        #[command(subcommand)]
        record: NewCommands,
    },
    /// Create contacts and companies from a spreadsheet, LinkedIn's connections or an address book (vCard)
    Import {
        #[command(subcommand)]
        source: ImportCommands,
    },
    /// Write the records of one kind to stdout, one row each, for a spreadsheet
    Export {
        #[command(subcommand)]
        format: ExportCommands,
    },
    /// The cache of parsed files that makes a run over an unchanged notebook fast (.ties-cache/)
    Cache {
        #[command(subcommand)]
        action: CacheCommands,
    },
    /// Print a shell completion script, e.g. `ties completions bash > ~/.local/share/bash-completion/completions/ties`; `source <(COMPLETE=bash ties)` completes ids too
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: ShellArg,
    },
    /// Print the manual page in roff (`ties man > ties.1 && man ./ties.1`), or write them all
    ///
    /// With `--dir`, writes a page per command (`ties.1`, `ties-check.1`, `ties-new-contact.1`,
    /// …) and `ties-format.5`, the file format and the agenda rules, into DIR (made if
    /// missing): `ties man --dir ~/.local/share/man/man1`. Pages already there are left as they
    /// are, and nothing is written, unless `--force`.
    Man {
        /// Write every page into this folder instead of printing the top one
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Replace pages already in DIR
        #[arg(long, requires = "dir")]
        force: bool,
    },
    /// Where your networking stands: an overview, or the funnel, target companies, activity, goals or events
    Report {
        /// Which report [default: an overview of them all]
        #[arg(value_parser = report_kind())]
        report: Option<ReportKind>,
        #[command(flatten)]
        period: PeriodArgs,
        /// Activity per week or per month
        #[arg(long, value_enum, default_value_t = ByArg::Week)]
        by: ByArg,
        /// Output format
        #[arg(long, value_enum, default_value_t = ReportFormatArg::Text)]
        format: ReportFormatArg,
        /// With --format csv: cells exactly as they are, without the `'` that stops a spreadsheet running `=`, `+`, `-`, `@` cells as formulas
        #[arg(long)]
        raw: bool,
    },
    /// List contacts, companies, chats or events as a table, filtered and sorted
    List {
        /// What to list
        #[arg(value_enum)]
        kind: ListKindArg,
        /// Only records whose front-matter KEY (or column) is VALUE; lists match by membership; repeatable
        #[arg(long = "where", value_name = "KEY=VALUE", value_parser = Where::parse)]
        wheres: Vec<Where>,
        /// Only records with this tag; repeatable (all must be present)
        #[arg(long, value_name = "TAG")]
        tag: Vec<String>,
        /// Only contacts at these stages (comma-separated; `met+` for met or later)
        #[arg(long, value_delimiter = ',', value_parser = StageFilter::parse, value_name = "STAGES")]
        stage: Vec<StageFilter>,
        /// Only contacts at this company (an id, [[id]] or name), chats with them, events where one was met
        #[arg(long, value_name = "COMPANY", add = ids(COMPANIES))]
        company: Option<String>,
        /// Sort by this column; `-KEY` for descending [default: name, or date for chats and events]
        #[arg(long, value_name = "KEY", allow_hyphen_values = true)]
        sort: Option<String>,
        /// Show at most N rows (after sorting)
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Output format
        #[arg(long, value_enum, default_value_t = ReportFormatArg::Text)]
        format: ReportFormatArg,
        /// With --format csv: cells exactly as they are, without the `'` that stops a spreadsheet running `=`, `+`, `-`, `@` cells as formulas
        #[arg(long)]
        raw: bool,
    },
    /// Show one record (contact, company, chat or event) with its people and timeline, newest first
    Show {
        /// The record: its id (file name without .md), `[[id]]` or its name ("Maya Chen")
        #[arg(value_name = "RECORD", add = ids(&Kind::RECORDS))]
        id: String,
        /// Output format
        #[arg(long, value_enum, default_value_t = ReportFormatArg::Text)]
        format: ReportFormatArg,
        /// With --format csv: cells exactly as they are, without the `'` that stops a spreadsheet running `=`, `+`, `-`, `@` cells as formulas
        #[arg(long)]
        raw: bool,
    },
    /// Write the notebook as one HTML page to open offline or send: agenda, funnel, activity, companies, people, events, goals
    Html {
        /// Write the page to this file (replaced if it exists) instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Names become initials; notes, file paths and commands are left out: a page to share with a coach
        #[arg(long)]
        redact: bool,
    },
    /// Serve the same page on this machine (`http://127.0.0.1:8484`), updated on every save; read-only, Ctrl-C to stop
    Serve {
        /// The port to listen on (0: any free port); the address is 127.0.0.1 unless --host says otherwise
        #[arg(long, default_value_t = 8484, value_name = "N", value_parser = parse_port)]
        port: u16,
        /// Listen on this address instead of 127.0.0.1: anyone who reaches it can read the whole notebook
        #[arg(long, value_name = "ADDRESS")]
        host: Option<std::net::IpAddr>,
        /// Names become initials; notes, file paths and commands are left out
        #[arg(long)]
        redact: bool,
    },
    /// Record what you did (an outreach, a follow-up, a reply, a thank-you, people met): one value of one file changes
    Log {
        #[command(subcommand)]
        action: LogArg,
    },
    /// Take a contact, or one agenda item, off the agenda until a date (YYYY-MM-DD) or for a while (10d, 2w, 3mo)
    Snooze {
        /// The contact (id, [[id]] or name: all their items), or an agenda item's key (that item: dismissed.txt)
        #[arg(add = ids_and_keys())]
        id: String,
        /// A date after today (YYYY-MM-DD) or a duration from today (10d, 2w, 3mo, 1y)
        #[arg(value_parser = parse_until)]
        until: Until,
        #[command(flatten)]
        dry: DryRun,
    },
    /// Close the loop with a contact (status: closed): off the agenda for good
    Close {
        /// The contact: id, [[id]] or name
        #[arg(add = ids(CONTACTS))]
        id: String,
        #[command(flatten)]
        dry: DryRun,
    },
    /// Pause a contact (status: paused): off the agenda until `ties resume`
    Pause {
        /// The contact: id, [[id]] or name
        #[arg(add = ids(CONTACTS))]
        id: String,
        #[command(flatten)]
        dry: DryRun,
    },
    /// Put a paused or closed contact back on the agenda (status: active)
    Resume {
        /// The contact: id, [[id]] or name
        #[arg(add = ids(CONTACTS))]
        id: String,
        #[command(flatten)]
        dry: DryRun,
    },
    /// Clear an agenda item: record what its hint says (a follow-up, a thank-you…), tick its task, mark its chat prepared, or set it aside in dismissed.txt
    Done {
        /// The item's short key as `ties agenda` shows it (bkfq), or its full key (task-jane-doe-20261120-1a2b3c4d)
        #[arg(add = keys())]
        key: String,
        #[command(flatten)]
        dry: DryRun,
    },
    /// Draft a message from your notes (outreach, follow-up, thank-you, reconnect, congratulate, ask) with a template of templates/
    Draft {
        /// What the message is for
        #[arg(value_parser = choice::<DraftKind>(), value_name = "KIND")]
        kind: DraftKind,
        /// The contact: id, [[id]] or name; for a thank-you, the chat (or a contact: their latest chat)
        #[arg(value_name = "ID", add = ids(CONTACTS_AND_CHATS))]
        id: String,
        /// Where it goes [default: email if the notes have their address, else LinkedIn if they have the profile]
        #[arg(long, value_parser = choice::<Channel>(), value_name = "CHANNEL")]
        channel: Option<Channel>,
        /// The template: a file name of templates/ without .md [default: the one for the kind and channel]
        #[arg(long, value_name = "NAME")]
        template: Option<String>,
        /// Output format: the message (notes on stderr), or JSON for editors
        #[arg(long, value_enum, default_value_t = DraftFormatArg::Text)]
        format: DraftFormatArg,
    },
}

#[derive(Debug, Subcommand)]
enum CacheCommands {
    /// Remove the cache; the next run reads every file and writes it again
    Clear,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum DraftFormatArg {
    /// The message to copy, its subject first; what to know before sending on stderr
    Text,
    /// Everything as one object, for editors and scripts
    Json,
}

#[derive(Debug, Args)]
struct DryRun {
    /// Print the change as a unified diff and write nothing
    #[arg(long)]
    dry_run: bool,
}

/// The contact (or chat) and day of a `ties log` action.
#[derive(Debug, Args)]
struct Logged {
    /// The contact: id, [[id]] or name
    #[arg(add = ids(CONTACTS))]
    id: String,
    /// The day it happened [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    date: Option<NaiveDate>,
    #[command(flatten)]
    dry: DryRun,
}

/// A message you sent: `Logged`, and the template it was drafted from.
#[derive(Debug, Args)]
struct Sent {
    #[command(flatten)]
    logged: Logged,
    /// The template it was drafted from (`ties draft` names it): added to `templates`, for `ties report templates`
    #[arg(long, value_name = "NAME")]
    template: Option<String>,
}

#[derive(Debug, Subcommand)]
enum LogArg {
    /// Your first message to a contact: sets `reached_out`
    Outreach(Sent),
    /// A follow-up you sent: adds the date to `followed_up`
    FollowUp(Sent),
    /// They answered: sets `replied`
    Reply(Logged),
    /// The thank-you you sent after a chat: sets `thanked` on the chat (given a contact, on their latest done chat without one)
    ThankYou(Sent),
    /// A message you sent or received: a new `kind: message` chat, dated now (sent: it counts as outreach or a follow-up; received: a reply)
    #[command(group(clap::ArgGroup::new("direction").required(true).args(["sent", "received"])))]
    Message {
        /// The contact: id, [[id]] or name
        #[arg(add = ids(CONTACTS))]
        id: String,
        /// You wrote it
        #[arg(long)]
        sent: bool,
        /// They wrote it
        #[arg(long)]
        received: bool,
        /// When it was written [default: now]
        #[arg(long, value_name = "YYYY-MM-DD[ HH:MM]", value_parser = parse_when)]
        date: Option<When>,
        #[command(flatten)]
        dry: DryRun,
    },
    /// People you met at an event: adds them to its `met`
    Met {
        /// The event: id, [[id]] or name
        #[arg(add = ids(EVENTS))]
        event: String,
        /// The contacts: ids, [[id]]s or names
        #[arg(required = true, add = ids(CONTACTS))]
        contacts: Vec<String>,
        #[command(flatten)]
        dry: DryRun,
    },
}

fn parse_until(s: &str) -> Result<Until, String> {
    Until::read(s).map_err(|bad| match bad {
        BadDuration::Ambiguous => {
            let n = s.trim().trim_end_matches('m');
            format!("`{s}`: minutes or months? write {n}mo for {n} months, or {n}w, {n}d")
        }
        BadDuration::TooLong => {
            format!(
                "`{s}` is too long: a snooze lasts at most 1000y; for good, use `ties done KEY`"
            )
        }
        BadDuration::Unreadable => {
            format!("`{s}` is neither a date (YYYY-MM-DD) nor a duration (10d, 2w, 3mo, 1y)")
        }
    })
}

/// `--since`, `--until` and `--period`; together, the period is what they have in common.
#[derive(Debug, Args)]
struct PeriodArgs {
    /// Only from this day on
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    since: Option<NaiveDate>,
    /// Only up to this day, included
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    until: Option<NaiveDate>,
    /// 2026, 2026-11, 2026-Q4, 2026-W47, "this week", "last week", "this month", "last month", "this year"
    #[arg(long, value_name = "PERIOD", value_parser = parse_period)]
    period: Option<crate::period::Spec>,
}

fn parse_period(s: &str) -> Result<crate::period::Spec, String> {
    crate::period::Spec::parse(s).map_err(|e| e.to_string())
}

/// The reports `ties report` names, with what each shows; the overview is the default, no
/// name.
fn report_kind() -> impl TypedValueParser<Value = ReportKind> {
    let named = ReportKind::ALL
        .iter()
        .filter(|k| **k != ReportKind::Overview);
    PossibleValuesParser::new(named.map(|k| PossibleValue::new(k.as_str()).help(k.about())))
        .map(|name| ReportKind::parse(&name).expect("a possible value is a report's name"))
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ByArg {
    Week,
    Month,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ListKindArg {
    #[value(alias = "contact")]
    Contacts,
    #[value(alias = "company")]
    Companies,
    #[value(alias = "chat")]
    Chats,
    #[value(alias = "event")]
    Events,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ReportFormatArg {
    /// Aligned tables (colour on a terminal only)
    Text,
    /// The data, for scripts
    Json,
    /// One table with a header row, for a spreadsheet
    Csv,
    /// Tables to paste into a note
    Markdown,
}

impl ReportFormatArg {
    /// The format, CSV cells guarded unless `--raw`.
    fn with(self, raw: bool) -> Format {
        match self {
            Self::Text => Format::Text,
            Self::Json => Format::Json,
            Self::Csv => Format::Csv(cells(raw)),
            Self::Markdown => Format::Markdown,
        }
    }
}

/// CSV cells as `--raw` says.
fn cells(raw: bool) -> Cells {
    if raw { Cells::Raw } else { Cells::Guarded }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum WatchFormatArg {
    /// Diagnostics and a status line per round (`human` is the old name)
    #[value(alias = "human")]
    Text,
    /// One JSON object per line and round
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum AgendaFormatArg {
    /// Grouped, aligned columns
    Text,
    /// An array of items
    Json,
    /// A checklist to paste into a note
    Markdown,
    /// One row per item with the JSON fields, for a spreadsheet
    Csv,
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
    /// Diagnostics with a source excerpt (`human` is the old name)
    #[value(alias = "human")]
    Text,
    /// A JSON array of diagnostics
    Json,
    /// GitHub Actions workflow annotations
    Github,
}

fn status(contact: String, status: ContactStatus, dry: &DryRun) -> Command {
    Command::Record {
        request: Request::Status { contact, status },
        dry_run: dry.dry_run,
        template: None,
    }
}

fn parse_wait(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(secs) if secs.is_finite() && (0.0..=3600.0).contains(&secs) => Ok(secs),
        _ => Err("expected a number of seconds from 0 to 3600, e.g. 5 or 0.5".to_owned()),
    }
}

/// `--port`: a number. An address there (`0.0.0.0:8080`) is refused with the reason: the
/// page shows the whole notebook, so listening beyond this machine is asked for by name.
fn parse_port(text: &str) -> Result<u16, String> {
    if let Ok(port) = text.trim().parse::<u16>() {
        return Ok(port);
    }
    let addr = text.trim().parse::<std::net::SocketAddr>().ok();
    match addr {
        Some(addr) if addr.ip().is_loopback() => Ok(addr.port()),
        Some(addr) => Err(format!(
            "ties serve listens on 127.0.0.1 only: the page shows your whole notebook (names, notes, files) to anyone who reaches it, with no password; to listen on {} all the same, say so with --host {} --port {}",
            addr.ip(),
            addr.ip(),
            addr.port()
        )),
        None => Err(format!(
            "`{text}` is not a port: give a number from 0 to 65535"
        )),
    }
}

fn parse_today(s: &str) -> Result<NaiveDate, String> {
    crate::model::time::parse_date(s)
        .ok_or_else(|| format!("`{s}` is not a date; write it as YYYY-MM-DD"))
}

fn parse_now(s: &str) -> Result<chrono::NaiveDateTime, String> {
    match crate::model::time::When::parse(s) {
        Some(crate::model::time::When::DateTime(at)) => Ok(at),
        _ => Err(format!(
            "`{s}` is not a moment; write it as \"YYYY-MM-DD HH:MM\""
        )),
    }
}

impl Cli {
    /// Parses the command line. An unknown subcommand's error lists the valid ones: clap
    /// names them only when one is spelled close to what was typed (`new person` is not).
    pub(crate) fn parse_args<I, T>(args: I) -> Result<Self, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
        Self::try_parse_from(&args).map_err(|mut error| {
            if error.kind() == clap::error::ErrorKind::InvalidSubcommand {
                list_subcommands(&mut error, &args);
            }
            error
        })
    }

    // One flat arm per subcommand: splitting it would only scatter the mapping.
    #[allow(clippy::too_many_lines)]
    pub(crate) fn into_config(self, cwd: PathBuf) -> Config {
        let command = match self.command {
            Commands::Check {
                format,
                deny_warnings,
            } => Command::Check {
                format: match format {
                    FormatArg::Text => CheckFormat::Human,
                    FormatArg::Json => CheckFormat::Json,
                    FormatArg::Github => CheckFormat::Github,
                },
                deny_warnings,
            },
            Commands::Explain { code } => Command::Explain { code },
            Commands::Lsp => Command::Lsp,
            Commands::Init {
                dir,
                no_git,
                force,
                adopt,
            } => Command::Init {
                dir,
                git: !no_git,
                force,
                adopt,
            },
            Commands::New { record } => record.into_command(),
            Commands::Import { source } => source.into_command(),
            Commands::Export {
                format: ExportCommands::Csv { kind, raw },
            } => Command::Export {
                kind: kind.into(),
                cells: cells(raw),
            },
            // Both are clap's own output, so they are made here, where clap's types live.
            Commands::Cache {
                action: CacheCommands::Clear,
            } => Command::CacheClear,
            Commands::Completions { shell } => Command::Completions {
                script: completions(shell),
            },
            Commands::Man { dir, force } => Command::Man {
                pages: man_pages(),
                dir,
                force,
            },
            Commands::Watch {
                format,
                agenda,
                poll,
            } => Command::Watch {
                format: match format {
                    WatchFormatArg::Text => WatchFormat::Human,
                    WatchFormatArg::Json => WatchFormat::Json,
                },
                agenda,
                poll,
            },
            Commands::Agenda {
                format,
                raw,
                days,
                kind,
                contact,
                company,
                explain,
                all,
            } => Command::Agenda {
                format: match format {
                    AgendaFormatArg::Text => AgendaFormat::Plain(Format::Text),
                    AgendaFormatArg::Json => AgendaFormat::Plain(Format::Json),
                    AgendaFormatArg::Markdown => AgendaFormat::Plain(Format::Markdown),
                    AgendaFormatArg::Csv => AgendaFormat::Plain(Format::Csv(cells(raw))),
                    AgendaFormatArg::Ics => AgendaFormat::Ics,
                },
                days,
                filter: Filter {
                    kinds: kind,
                    contact,
                    company,
                    all,
                },
                explain,
            },
            Commands::Next { n, explain, format } => Command::Next {
                n,
                explain,
                format: format.with(false),
            },
            Commands::Report {
                report,
                period,
                by,
                format,
                raw,
            } => Command::Report {
                kind: report.unwrap_or(ReportKind::Overview),
                period: crate::period::Filter {
                    spec: period.period,
                    since: period.since,
                    until: period.until,
                },
                by: match by {
                    ByArg::Week => Granularity::Week,
                    ByArg::Month => Granularity::Month,
                },
                format: format.with(raw),
            },
            Commands::List {
                kind,
                wheres,
                tag,
                stage,
                company,
                sort,
                limit,
                format,
                raw,
            } => Command::List {
                kind: match kind {
                    ListKindArg::Contacts => Kind::Contact,
                    ListKindArg::Companies => Kind::Company,
                    ListKindArg::Chats => Kind::Chat,
                    ListKindArg::Events => Kind::Event,
                },
                options: crate::list::Options {
                    wheres,
                    tags: tag,
                    stages: stage,
                    company,
                    sort: sort.as_deref().map(crate::list::Sort::parse),
                    limit,
                },
                format: format.with(raw),
            },
            Commands::Html { output, redact } => Command::Html { output, redact },
            Commands::Serve { port, host, redact } => Command::Serve { port, host, redact },
            Commands::Show { id, format, raw } => Command::Show {
                id,
                format: format.with(raw),
            },
            Commands::Log { action } => {
                let mut template = None;
                let (request, dry) = match action {
                    LogArg::Outreach(Sent {
                        logged: l,
                        template: t,
                    }) => {
                        template = t;
                        (
                            Request::Outreach {
                                contact: l.id,
                                date: l.date,
                            },
                            l.dry,
                        )
                    }
                    LogArg::FollowUp(Sent {
                        logged: l,
                        template: t,
                    }) => {
                        template = t;
                        (
                            Request::FollowUp {
                                contact: l.id,
                                date: l.date,
                            },
                            l.dry,
                        )
                    }
                    LogArg::Reply(l) => (
                        Request::Reply {
                            contact: l.id,
                            date: l.date,
                        },
                        l.dry,
                    ),
                    LogArg::ThankYou(Sent {
                        logged: l,
                        template: t,
                    }) => {
                        template = t;
                        (
                            Request::ThankYou {
                                id: l.id,
                                date: l.date,
                            },
                            l.dry,
                        )
                    }
                    LogArg::Met {
                        event,
                        contacts,
                        dry,
                    } => (Request::Met { event, contacts }, dry),
                    LogArg::Message {
                        id,
                        sent,
                        received: _,
                        date,
                        dry,
                    } => (
                        Request::Message {
                            contact: id,
                            direction: if sent {
                                Direction::Sent
                            } else {
                                Direction::Received
                            },
                            date,
                        },
                        dry,
                    ),
                };
                Command::Record {
                    request,
                    dry_run: dry.dry_run,
                    template,
                }
            }
            Commands::Snooze { id, until, dry } => Command::Record {
                request: Request::Snooze { contact: id, until },
                dry_run: dry.dry_run,
                template: None,
            },
            Commands::Close { id, dry } => status(id, ContactStatus::Closed, &dry),
            Commands::Pause { id, dry } => status(id, ContactStatus::Paused, &dry),
            Commands::Resume { id, dry } => status(id, ContactStatus::Active, &dry),
            Commands::Done { key, dry } => Command::Record {
                request: Request::Done { key },
                dry_run: dry.dry_run,
                template: None,
            },
            Commands::Draft {
                kind,
                id,
                channel,
                template,
                format,
            } => Command::Draft {
                request: crate::compose::Request {
                    kind,
                    id,
                    channel,
                    template,
                },
                json: matches!(format, DraftFormatArg::Json),
            },
        };
        Config {
            notebook: self.notebook,
            cwd,
            lock_wait: std::time::Duration::from_secs_f64(self.lock_wait),
            clock: self
                .now
                .or_else(|| self.today.map(|d| d.and_time(chrono::NaiveTime::MIN)))
                .map_or(crate::config::Clock::System, crate::config::Clock::Fixed),
            cache: if self.no_cache {
                crate::cache::Policy::Off
            } else {
                crate::cache::Policy::Use
            },
            color: match self.color {
                ColorWhen::Auto => anstream::ColorChoice::Auto,
                ColorWhen::Always => anstream::ColorChoice::Always,
                ColorWhen::Never => anstream::ColorChoice::Never,
            },
            command,
        }
    }
}

#[derive(Debug, Subcommand)]
enum NewCommands {
    /// A person: contacts/ID.md, the id made from the name ("José Álvarez" → jose-alvarez)
    Contact {
        /// Full name, e.g. "Jane Doe"
        name: String,
        #[command(flatten)]
        keys: ContactKeys,
        /// Already in your community: friends, classmates, alumni, mentors
        #[arg(long, conflicts_with = "cold")]
        warm: bool,
        /// Not met yet
        #[arg(long)]
        cold: bool,
        #[command(flatten)]
        common: NewArgs,
    },
    /// An organisation: companies/ID.md
    Company {
        /// Its name, e.g. "Acme"
        name: String,
        #[command(flatten)]
        keys: CompanyKeys,
        #[command(flatten)]
        common: NewArgs,
    },
    /// A conversation: chats/DATE-CONTACT.md with Questions, Notes, Takeaways and Reflection sections
    Chat {
        /// The contact (id or name); several for a group
        #[arg(required = true, value_name = "CONTACT", add = ids(CONTACTS))]
        with: Vec<String>,
        #[command(flatten)]
        keys: ChatKeys,
        #[command(flatten)]
        common: NewArgs,
    },
    /// A meetup, conference, fair…: events/DATE-NAME.md
    Event {
        /// Its name, e.g. "Rust Meetup"
        name: String,
        #[command(flatten)]
        keys: EventKeys,
        #[command(flatten)]
        common: NewArgs,
    },
}

/// The flags of `ties new KIND` that set a key of the record. Each field is named after
/// the key it sets (the field table of the kind in `model/` says how it is written, and
/// resolves a reference), so a new flag is one field here.
macro_rules! record_keys {
    ($(#[$doc:meta])* $name:ident { $($(#[$meta:meta])* $key:ident: $ty:ty,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Args)]
        struct $name {
            $($(#[$meta])* $key: $ty,)*
        }

        impl $name {
            fn values(self) -> Vec<(&'static str, crate::create::Value)> {
                let mut values = Vec::new();
                $(if let Some(value) = Given::given(self.$key) {
                    values.push((stringify!($key), value));
                })*
                values
            }
        }
    };
}

/// A flag's value as `create` takes it: its text, or the items of a repeated flag.
trait Given {
    fn given(self) -> Option<crate::create::Value>;
}

impl<T: std::fmt::Display> Given for Option<T> {
    fn given(self) -> Option<crate::create::Value> {
        self.map(|v| crate::create::Value::One(v.to_string()))
    }
}

impl Given for Vec<String> {
    fn given(self) -> Option<crate::create::Value> {
        (!self.is_empty()).then_some(crate::create::Value::Many(self))
    }
}

record_keys! {
    /// The keys of a new contact.
    ContactKeys {
        /// Where they work: a company's id or name (create it first with `ties new company`)
        #[arg(long, value_name = "COMPANY", add = ids(COMPANIES))]
        company: Option<String>,
        /// Job title
        #[arg(long)]
        title: Option<String>,
        /// For per-company coverage
        #[arg(long, value_parser = choice::<Role>())]
        role: Option<Role>,
        /// Email address
        #[arg(long, value_parser = parse_email)]
        email: Option<String>,
        /// LinkedIn profile address or handle
        #[arg(long, value_name = "URL", value_parser = parse_profile)]
        linkedin: Option<String>,
        /// How you know them or found them
        #[arg(long)]
        source: Option<String>,
        /// A tag; repeatable
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
    }
}

record_keys! {
    /// The keys of a new company.
    CompanyKeys {
        /// `target` counts against your goal of target companies
        #[arg(long, value_parser = choice::<CompanyStatus>())]
        status: Option<CompanyStatus>,
        /// Web address
        #[arg(long, value_name = "URL", value_parser = parse_url)]
        website: Option<String>,
        /// City or region
        #[arg(long)]
        location: Option<String>,
    }
}

record_keys! {
    /// The keys of a new chat.
    ChatKeys {
        /// When: YYYY-MM-DD or "YYYY-MM-DD HH:MM" [default: today]
        #[arg(long, value_parser = parse_when)]
        date: Option<When>,
        /// What kind of conversation [default: coffee-chat]
        #[arg(long, value_parser = choice::<ChatKind>())]
        kind: Option<ChatKind>,
        /// Who wrote a message: `sent` (your outreach or follow-up) or `received` (their reply)
        #[arg(long, value_parser = choice::<Direction>())]
        direction: Option<Direction>,
        /// zoom, phone, in-person, slack…
        #[arg(long)]
        medium: Option<String>,
        /// The event where you met (id or name)
        #[arg(long, add = ids(EVENTS))]
        event: Option<String>,
    }
}

record_keys! {
    /// The keys of a new event.
    EventKeys {
        /// When: YYYY-MM-DD or "YYYY-MM-DD HH:MM"
        #[arg(long, required = true, value_parser = parse_when)]
        date: Option<When>,
        /// What kind of event
        #[arg(long, value_parser = choice::<EventKind>())]
        kind: Option<EventKind>,
        /// Where
        #[arg(long)]
        location: Option<String>,
        /// Its page
        #[arg(long, value_parser = parse_url)]
        url: Option<String>,
        /// How many people to meet there (3 is a good start)
        #[arg(long, value_name = "N")]
        goal: Option<u32>,
    }
}

#[derive(Debug, Args)]
struct NewArgs {
    /// The id (the file name without .md) instead of the one made from the name: a slug, or
    /// a title where `ids: title` (checked against the notebook's settings)
    #[arg(long, value_name = "ID")]
    id: Option<String>,
    /// Open the new file in $VISUAL or $EDITOR
    #[arg(long)]
    edit: bool,
    /// Replace a file of the same name
    #[arg(long)]
    force: bool,
}

impl NewCommands {
    fn into_command(self) -> Command {
        use crate::create::{Options, Request, Value};
        let (kind, names, values, common) = match self {
            Self::Contact {
                name,
                keys,
                warm,
                cold,
                common,
            } => {
                let mut values = keys.values();
                let warmth = match (warm, cold) {
                    (true, _) => Some(Warmth::Warm),
                    (_, true) => Some(Warmth::Cold),
                    _ => None,
                };
                values.extend(warmth.map(|w| ("warmth", Value::One(w.as_str().to_owned()))));
                (Kind::Contact, vec![name], values, common)
            }
            Self::Company { name, keys, common } => {
                (Kind::Company, vec![name], keys.values(), common)
            }
            Self::Chat { with, keys, common } => (Kind::Chat, with, keys.values(), common),
            Self::Event { name, keys, common } => (Kind::Event, vec![name], keys.values(), common),
        };
        Command::New {
            request: Request {
                kind,
                names,
                values,
            },
            options: Options {
                id: common.id,
                edit: common.edit,
                force: common.force,
            },
        }
    }
}

#[derive(Debug, Subcommand)]
enum ImportCommands {
    /// A networking-tracker spreadsheet saved as CSV: columns matched by header (--help lists them)
    #[command(after_long_help = IMPORT_CSV_HELP)]
    Csv {
        /// The CSV file (UTF-8, with or without a byte-order mark)
        file: PathBuf,
        /// Read the column COLUMN as KEY (a contact key, `first_name`, `last_name`, `notes`, or `-` to drop it); repeatable
        #[arg(long = "map", value_name = "COLUMN=KEY", value_parser = parse_map)]
        map: Vec<(String, String)>,
        /// The file's encoding (windows-1252, latin1, utf-16le…) when the guess is wrong; UTF-8 and a byte-order mark need none
        #[arg(long, value_name = "NAME")]
        encoding: Option<String>,
        /// Print the files it would create, and create none
        #[arg(long)]
        dry_run: bool,
    },
    /// LinkedIn's export (Settings, Data privacy, Get a copy of your data): its zip, its folder, or one of its files (Connections.csv, messages.csv, Invitations.csv)
    Linkedin {
        /// The export's .zip, its folder, or one of its CSV files
        file: PathBuf,
        /// People the messages and invitations name who have no file get one (name and profile); without it they are listed
        #[arg(long)]
        create_contacts: bool,
        /// The file's encoding (windows-1252, latin1, utf-16le…) when the guess is wrong; UTF-8 and a byte-order mark need none
        #[arg(long, value_name = "NAME")]
        encoding: Option<String>,
        /// Print the files it would create, and create none
        #[arg(long)]
        dry_run: bool,
    },
    /// An address book as vCard (.vcf, versions 2.1, 3.0 and 4.0): what phones, Google, Apple and Outlook export
    Vcard {
        /// The .vcf file (one or many cards)
        file: PathBuf,
        /// The file's encoding (windows-1252, latin1, utf-16le…) when the guess is wrong; UTF-8 and a byte-order mark need none
        #[arg(long, value_name = "NAME")]
        encoding: Option<String>,
        /// Print the files it would create, and create none
        #[arg(long)]
        dry_run: bool,
    },
    /// A calendar (.ics: a whole calendar exported, or one invite.ics): meetings with people of the notebook become chats; importing again moves or cancels them
    Ics {
        /// The .ics file
        file: PathBuf,
        /// Import the events that name no one of the notebook too, giving their attendees files
        #[arg(long)]
        all: bool,
        /// Print the files it would create and the changes, and write none
        #[arg(long)]
        dry_run: bool,
    },
}

/// What `import csv --help` says of the columns: an installed binary comes without the
/// docs folder, so the help itself names the headers (docs/import.md has the full table).
const IMPORT_CSV_HELP: &str = "\
Columns are matched by header, ignoring case, spaces and punctuation:
  name           Name, Full name, Contact, Person (or First name + Last name)
  company        Company, Organization, Employer
  title, role    Title, Job title, Position; Role (developer, manager, recruiter, other)
  source         Source, How we met, Met at
  introduced_by  Introduced by, Referred by
  email ...      Email, LinkedIn, GitHub, Twitter, Slack, Phone, Website, Location
  tags           Tags, Labels (split at commas, semicolons or |)
  reached_out    Date reached out, Outreach date, Contacted
  followed_up    Follow up date, Follow-up 1, Follow-up 2 ..., Followed up? (a date, or yes/no)
  replied        Response, Replied (a date, or yes/no)
  next           Next step, Next action (\"2026-11-30 send portfolio\")
  birthday       Birthday (04-15 or a date)
  the body       Notes, Comments, Description
Other columns go into the body as \"- Column: value\" lines; --map reads one as a key.
Without a role, the title gives one (Engineering Manager: manager; Recruiter: recruiter).
Dates: 2026-11-12, 2026/11/12, 12 Nov 2026, Nov 12, 2026, 12.11.2026, 23-Apr-23; in
11/3/2026 the column settles the order (11/20/2026 in it: month first), else it is refused.
Google Contacts exports and exports of `ties` (contacts, companies) are recognised by
their headers. People already in the notebook (same id, LinkedIn or email) are skipped,
never changed; companies are matched by id or name, others created.";

impl ImportCommands {
    fn into_command(self) -> Command {
        match self {
            Self::Csv {
                file,
                map,
                encoding,
                dry_run,
            } => Command::Import {
                file,
                source: Source::Csv,
                options: Options {
                    map,
                    encoding,
                    ..Options::default()
                },
                dry_run,
            },
            Self::Linkedin {
                file,
                create_contacts,
                encoding,
                dry_run,
            } => Command::Import {
                file,
                source: Source::Linkedin,
                options: Options {
                    encoding,
                    create_contacts,
                    ..Options::default()
                },
                dry_run,
            },
            Self::Vcard {
                file,
                encoding,
                dry_run,
            } => Command::Import {
                file,
                source: Source::Vcard,
                options: Options {
                    encoding,
                    ..Options::default()
                },
                dry_run,
            },
            Self::Ics { file, all, dry_run } => Command::Import {
                file,
                source: Source::Ics,
                options: Options {
                    all,
                    ..Options::default()
                },
                dry_run,
            },
        }
    }
}

#[derive(Debug, Subcommand)]
enum ExportCommands {
    /// Comma-separated values with a header row: id, the kind's keys, notes (the body)
    Csv {
        /// What to export
        #[arg(value_enum)]
        kind: ListKindArg,
        /// Cells exactly as they are, without the `'` that stops a spreadsheet running `=`, `+`, `-`, `@` cells as formulas
        #[arg(long)]
        raw: bool,
    },
}

impl From<ListKindArg> for Kind {
    fn from(kind: ListKindArg) -> Self {
        match kind {
            ListKindArg::Contacts => Self::Contact,
            ListKindArg::Companies => Self::Company,
            ListKindArg::Chats => Self::Chat,
            ListKindArg::Events => Self::Event,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ShellArg {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

/// Answers the shell when it asks for completions (`COMPLETE=bash ties -- ties log …`, the
/// protocol of `clap_complete`'s `CompleteEnv`, which also prints the script that asks when
/// called as `COMPLETE=bash ties`); `None` when `COMPLETE` is not set.
pub(crate) fn complete(args: &[OsString]) -> Option<ExitStatus> {
    let cwd = std::env::current_dir().ok();
    match CompleteEnv::with_factory(Cli::command).try_complete(args, cwd.as_deref()) {
        Ok(false) => None,
        Ok(true) => Some(ExitStatus::Success),
        Err(e) => {
            let _ = e.print();
            Some(ExitStatus::Error)
        }
    }
}

const CONTACTS: &[Kind] = &[Kind::Contact];
const COMPANIES: &[Kind] = &[Kind::Company];
const EVENTS: &[Kind] = &[Kind::Event];
const CONTACTS_AND_CHATS: &[Kind] = &[Kind::Contact, Kind::Chat];

/// Completes an argument with the ids of the records of `kinds` (their names as help), read
/// from the notebook in `$TIES_NOTEBOOK` or found from the current folder, when the shell
/// asks through `COMPLETE=SHELL ties` (`clap_complete`'s dynamic completion, docs/log.md).
/// `--notebook` on the line being completed is not seen: completers get no other argument.
fn ids(kinds: &'static [Kind]) -> ArgValueCandidates {
    ArgValueCandidates::new(move || {
        let Ok(cwd) = std::env::current_dir() else {
            return Vec::new();
        };
        let explicit = std::env::var_os("TIES_NOTEBOOK")
            .filter(|dir| !dir.is_empty())
            .map(PathBuf::from);
        lookup::candidates(explicit.as_deref(), &cwd, Clock::System.now(), kinds)
            .into_iter()
            .map(|(id, name)| CompletionCandidate::new(id).help(name.map(Into::into)))
            .collect()
    })
}

/// Completes an agenda item's key: the short keys of today's agenda, each with its title
/// as help, from the notebook found as for [`ids`].
fn keys() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let Ok(cwd) = std::env::current_dir() else {
            return Vec::new();
        };
        let explicit = std::env::var_os("TIES_NOTEBOOK")
            .filter(|dir| !dir.is_empty())
            .map(PathBuf::from);
        crate::agenda::candidates(explicit.as_deref(), &cwd, Clock::System.now())
            .into_iter()
            .map(|(key, title)| CompletionCandidate::new(key).help(Some(title.into())))
            .collect()
    })
}

/// [`ids`] of contacts, then [`keys`]: `ties snooze` takes either.
fn ids_and_keys() -> ArgValueCandidates {
    ArgValueCandidates::new(|| {
        let ids = ids(CONTACTS).candidates();
        let keys = keys().candidates();
        ids.into_iter().chain(keys).collect()
    })
}

/// A value parser for an enumerated value of the notebook: its names are the possible
/// values, so help and completions list them.
fn choice<T: Choice + Clone + Send + Sync + 'static>() -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(T::NAMES)
        .map(|name| T::parse(&name).expect("a possible value is a name of the choice"))
}

fn parse_when(s: &str) -> Result<When, String> {
    When::parse(s)
        .ok_or_else(|| format!("`{s}` is not a date; write YYYY-MM-DD or \"YYYY-MM-DD HH:MM\""))
}

/// `s` if `valid` accepts it, else the reason, for a value parser.
/// Adds "the subcommands of `ties new` are: …" to an unknown-subcommand `error`, for the
/// command whose subcommand `args` got wrong.
fn list_subcommands(error: &mut clap::Error, args: &[std::ffi::OsString]) {
    use clap::error::{ContextKind, ContextValue};
    let invalid = match error.get(ContextKind::InvalidSubcommand) {
        Some(ContextValue::String(invalid)) => invalid.clone(),
        _ => return,
    };
    let root = Cli::command();
    let mut cmd = &root;
    let mut path = vec![root.get_name()];
    for arg in args.iter().skip(1).filter_map(|a| a.to_str()) {
        if arg == invalid {
            break;
        }
        if let Some(sub) = cmd.find_subcommand(arg) {
            path.push(sub.get_name());
            cmd = sub;
        }
    }
    let names: Vec<&str> = cmd
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set())
        .map(clap::Command::get_name)
        .collect();
    if names.is_empty() {
        return;
    }
    let tip = format!(
        "the subcommands of `{}` are: {}",
        path.join(" "),
        names.join(", ")
    );
    let mut tips = match error.get(ContextKind::Suggested) {
        Some(ContextValue::StyledStrs(tips)) => tips.clone(),
        _ => Vec::new(),
    };
    tips.push(tip.into());
    // `ties import tracker.csv`: the file was given where its format goes.
    let extension = std::path::Path::new(&invalid)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if let Some(format) = extension.filter(|e| names.contains(&e.as_str())) {
        tips.push(format!("to read `{invalid}`: {} {format} {invalid}", path.join(" ")).into());
    }
    error.insert(ContextKind::Suggested, ContextValue::StyledStrs(tips));
}

fn accept(s: &str, valid: fn(&str) -> bool, reason: &str) -> Result<String, String> {
    if valid(s) {
        Ok(s.to_owned())
    } else {
        Err(format!("`{s}` {reason}"))
    }
}

fn parse_email(s: &str) -> Result<String, String> {
    accept(s, is_email, "is not an email address")
}

fn parse_url(s: &str) -> Result<String, String> {
    accept(
        s,
        is_url,
        "is not a web address; write it in full, e.g. https://example.com",
    )
}

fn parse_profile(s: &str) -> Result<String, String> {
    accept(&normalize_profile(s), is_profile, "")
        .map_err(|_| format!("`{s}` is neither a handle nor a web address"))
}

fn parse_map(s: &str) -> Result<(String, String), String> {
    match s.rsplit_once('=') {
        Some((column, key)) if !column.trim().is_empty() && !key.trim().is_empty() => {
            Ok((column.trim().to_owned(), key.trim().to_owned()))
        }
        _ => Err(format!(
            "`{s}` is not COLUMN=KEY; write e.g. --map \"How we're connected=source\""
        )),
    }
}

/// The completion script for `shell`, from the definitions above.
fn completions(shell: ShellArg) -> Vec<u8> {
    use clap_complete::Shell as S;
    let shell = match shell {
        ShellArg::Bash => S::Bash,
        ShellArg::Zsh => S::Zsh,
        ShellArg::Fish => S::Fish,
        ShellArg::Powershell => S::PowerShell,
        ShellArg::Elvish => S::Elvish,
    };
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "ties", &mut script);
    script
}

/// The manual pages, in roff: `ties.1` first, then one per command and subcommand (as
/// `clap_mangen::generate_to` names them, so the top page's SEE ALSO finds them), then
/// `ties-format.5` from the docs.
fn man_pages() -> Vec<ManPage> {
    // No `help` command: it has no page of its own to refer to.
    let mut root = Cli::command().disable_help_subcommand(true);
    // Built, so every command's page shows the global options.
    root.build();
    let mut pages = Vec::new();
    man_pages_of(&root, &mut pages);
    pages.push(ManPage {
        file: "ties-format.5".to_owned(),
        text: crate::render::roff::page(
            "ties-format",
            "5",
            "the files of a ties notebook and the rules of its agenda",
            &[
                include_str!("../docs/format.md"),
                include_str!("../docs/agenda.md"),
            ],
        ),
    });
    pages
}

fn man_pages_of(cmd: &clap::Command, pages: &mut Vec<ManPage>) {
    // Built, every command has its display name (`ties-new-contact`): the page's file name.
    let man = clap_mangen::Man::new(cmd.clone());
    let mut text = Vec::new();
    // Rendering into memory fails only on a bug, never on input.
    man.render(&mut text).expect("man page into memory");
    pages.push(ManPage {
        file: man.get_filename(),
        text: String::from_utf8_lossy(&text).into_owned(),
    });
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        man_pages_of(sub, pages);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every flag of `ties new` sets a key its kind has: a flag named after no key would be
    /// dropped without a word.
    #[test]
    fn every_new_flag_is_a_key_of_its_kind() {
        let every = [
            "contact Jane --company acme --title CTO --role developer --email j@x.io --linkedin jane --source meetup --tag a --tag b --warm",
            "company Acme --status target --website https://acme.io --location Berlin",
            "chat jane --date 2026-11-12 --kind call --direction sent --medium zoom --event meetup",
            "event Meetup --date 2026-11-12 --kind meetup --location Berlin --url https://x.io --goal 3",
        ];
        for line in every {
            let args = std::iter::once("ties")
                .chain(std::iter::once("new"))
                .chain(line.split(' '));
            let cli = Cli::try_parse_from(args).expect(line);
            let Command::New { request, .. } = cli.into_config(PathBuf::from("/")).command else {
                panic!("{line}");
            };
            let mut flags: Vec<&str> = line.split(' ').filter(|w| w.starts_with("--")).collect();
            flags.dedup();
            let flags = flags.len();
            assert_eq!(request.values.len(), flags, "{line}: {:?}", request.values);
            for (key, _) in &request.values {
                assert!(
                    crate::assist::keys::find(request.kind, key).is_some(),
                    "{line}: `{key}` is no key of a {}",
                    request.kind
                );
            }
        }
    }

    #[test]
    fn check_and_watch_take_format_text_and_its_old_name_human() {
        for command in ["check", "watch"] {
            for format in ["text", "human", "json"] {
                let parsed = Cli::try_parse_from(["ties", command, "--format", format]);
                assert!(parsed.is_ok(), "{command} --format {format}: {parsed:?}");
            }
        }
        let mut cli = Cli::command();
        let check = cli.find_subcommand_mut("check").expect("check");
        let help = check.render_long_help().to_string();
        assert!(help.contains("- text:"), "{help}");
        assert!(help.contains("[default: text]"), "{help}");
    }

    #[test]
    fn check_help_puts_global_options_under_their_own_heading() {
        let mut cli = Cli::command();
        // Global options reach the subcommands when the command is built.
        cli.build();
        let check = cli.find_subcommand_mut("check").expect("check");
        let help = check.render_long_help().to_string();
        let own = help.find("Options:").expect("own options");
        let global = help
            .find("Global options:")
            .expect("a Global options heading");
        assert!(own < global, "{help}");
        let (own, global) = help.split_at(global);
        for flag in ["--format", "--deny-warnings"] {
            assert!(own.contains(flag), "{flag} not among check's own:\n{help}");
            assert!(!global.contains(flag), "{flag} among the global:\n{help}");
        }
        for flag in ["--notebook", "--today", "--color"] {
            assert!(global.contains(flag), "{flag} not global:\n{help}");
            assert!(!own.contains(flag), "{flag} among check's own:\n{help}");
        }
    }

    #[test]
    fn import_csv_help_names_the_headers_without_pointing_at_a_file() {
        let mut cli = Cli::command();
        let csv = cli
            .find_subcommand_mut("import")
            .and_then(|import| import.find_subcommand_mut("csv"))
            .expect("import csv");
        let help = csv.render_long_help().to_string();
        assert!(!help.contains("docs/import.md"), "{help}");
        for header in ["Date reached out", "Follow up date", "How we met", "--map"] {
            assert!(help.contains(header), "{header} missing:\n{help}");
        }
    }

    #[test]
    fn agenda_and_list_record_filters_say_they_take_names() {
        let mut cli = Cli::command();
        for (command, flag) in [
            ("agenda", "contact"),
            ("agenda", "company"),
            ("list", "company"),
            ("show", "id"),
        ] {
            let sub = cli.find_subcommand_mut(command).expect("command");
            let arg = sub
                .get_arguments()
                .find(|a| a.get_id() == flag)
                .expect("flag");
            let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            assert!(help.contains("name"), "{command} --{flag}: {help}");
            assert!(!help.contains("(id)"), "{command} --{flag}: {help}");
        }
    }
}
