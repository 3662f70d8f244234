//! `ties watch`: check the notebook, then re-check on every save. On a terminal each round
//! clears the screen and redraws; piped or logged, rounds are appended under a time line;
//! `--format json` prints one object per round for editor plugins.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::agenda::{self, Filter};
use crate::config::{Config, WatchFormat};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::notebook;
use crate::render::Render;
use crate::render::fit::{Screen, fit};
use crate::render::{self, BOLD, DIM};
use crate::watch::{self, Engine, Options, Seen};
use crate::workspace::{Round, Workspace};

enum Message {
    Seen(Seen),
    Stop,
}

pub(crate) fn run(
    config: &Config,
    format: WatchFormat,
    with_agenda: bool,
    poll: bool,
) -> Result<ExitStatus, Error> {
    let root = notebook::discover_real(config.notebook.as_deref(), &config.cwd)?;
    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    // Ctrl-C ends the watch normally (exit 0) instead of killing it mid-print.
    let _ = ctrlc::set_handler(move || {
        let _ = stop.send(Message::Stop);
    });
    // Watching before the load, so that nothing saved while it reads is missed.
    let engine = Engine::start(&root, Options { poll }, move |seen| {
        tx.send(Message::Seen(seen)).is_ok()
    })?;

    let started = Instant::now();
    let (mut workspace, first) = Workspace::load_with(&root, config.now(), config.cache)?;
    let mut printer = Printer {
        config,
        format,
        with_agenda,
        terminal: std::io::stdout().is_terminal(),
        shown: BTreeMap::new(),
    };
    if !printer.print(&workspace, &first, started.elapsed())? {
        return Ok(ExitStatus::Success);
    }
    while let Ok(Message::Seen(seen)) = rx.recv() {
        let batch = seen?;
        let started = Instant::now();
        watch::feed(&mut workspace, &batch);
        let round = workspace.check(config.now())?;
        if !printer.print(&workspace, &round, started.elapsed())? {
            break;
        }
    }
    drop(engine);
    Ok(ExitStatus::Success)
}

/// The terminal's columns and rows: `$COLUMNS` and `$LINES` when set (they win, as with
/// curses, so a user or a test can fix them), else what the terminal says, else 80×24. Asked
/// every round, so a resized window is filled at the next save.
fn screen_size() -> (usize, usize) {
    let asked = terminal_size::terminal_size();
    let env = |name: &str| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&n| n > 0)
    };
    let width = env("COLUMNS")
        .or(asked.map(|(w, _)| usize::from(w.0)))
        .unwrap_or(80);
    let height = env("LINES")
        .or(asked.map(|(_, h)| usize::from(h.0)))
        .unwrap_or(24);
    (width, height)
}

struct Printer<'a> {
    config: &'a Config,
    format: WatchFormat,
    with_agenda: bool,
    terminal: bool,
    /// On a terminal, each file's diagnostics as last rendered, and their lines: a round
    /// renders only the files whose diagnostics changed, and the screen is drawn from these.
    shown: BTreeMap<String, (Vec<String>, usize)>,
}

#[derive(serde::Serialize)]
struct JsonRound<'a> {
    round: u64,
    time: String,
    /// Files in the notebook now (Markdown files and ties.yaml).
    files: usize,
    files_read: usize,
    added: usize,
    modified: usize,
    removed: usize,
    new: usize,
    fixed: usize,
    errors: usize,
    warnings: usize,
    elapsed_ms: u128,
    diagnostics: Vec<render::json::Entry<'a>>,
}

impl Printer<'_> {
    /// Prints a round; `false` when stdout is closed (`ties watch | head -n1`): nobody is
    /// reading any more, so the watch ends.
    fn print(
        &mut self,
        workspace: &Workspace,
        round: &Round,
        elapsed: Duration,
    ) -> Result<bool, Error> {
        let time = chrono::Local::now().format("%H:%M:%S").to_string();
        let mut out = super::stdout(self.config);
        let written = match self.format {
            WatchFormat::Json => {
                // Every diagnostic, as `ties check --format json` prints them: editor
                // plugins replace what they show with each round.
                let diagnostics = workspace.diagnostics();
                let line = JsonRound {
                    round: workspace.rounds(),
                    time,
                    files: round.files,
                    files_read: round.files_read,
                    added: round.added,
                    modified: round.modified,
                    removed: round.removed,
                    new: round.new.len(),
                    fixed: round.fixed.len(),
                    errors: round.tally.errors,
                    warnings: round.tally.warnings,
                    elapsed_ms: elapsed.as_millis(),
                    diagnostics: render::json::entries(&diagnostics),
                };
                serde_json::to_writer(&mut out, &line)
                    .map_err(std::io::Error::from)
                    .and_then(|()| writeln!(out))
            }
            WatchFormat::Human => self.human(&mut out, workspace, round, &time, elapsed),
        };
        let written = written.and_then(|()| out.flush());
        let open = !matches!(&written, Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe);
        super::finish_output(written)?;
        Ok(open)
    }

    fn human(
        &mut self,
        out: &mut impl Write,
        workspace: &Workspace,
        round: &Round,
        time: &str,
        elapsed: Duration,
    ) -> std::io::Result<()> {
        let index = workspace.index();
        let summary = render::summary(round.tally, round.files);
        let mut agenda = Vec::new();
        if self.with_agenda {
            agenda::build(index, None, &Filter::default()).text(&mut agenda)?;
        }
        let plural = |n: usize| if n == 1 { "file" } else { "files" };
        let status = format!(
            "{BOLD}[{time}]{BOLD:#} read {} {} ({} ms) · + {} added ~ {} modified - {} removed · + {} new, - {} fixed · watching for changes (Ctrl-C to stop)",
            round.files_read,
            plural(round.files_read),
            elapsed.as_millis(),
            round.added,
            round.modified,
            round.removed,
            round.new.len(),
            round.fixed.len()
        );
        if self.terminal {
            for path in &round.changed {
                let diagnostics = workspace.diagnostics_at(path);
                if diagnostics.is_empty() {
                    self.shown.remove(path);
                    continue;
                }
                let lines = lines(&rendered(index, &diagnostics)?);
                let count = lines.len();
                self.shown.insert(path.clone(), (lines, count));
            }
            let (width, height) = screen_size();
            // Only what can be on the screen is copied; the rest is counted.
            let total: usize = self.shown.values().map(|(_, n)| n).sum();
            let diagnostics: Vec<String> = (self.shown.values())
                .flat_map(|(lines, _)| lines)
                .take(height)
                .cloned()
                .collect();
            let screen = Screen {
                more_diagnostics: total - diagnostics.len(),
                diagnostics: &diagnostics,
                summary: &[summary],
                agenda: &lines(&agenda),
                status: &[status],
            };
            // Clear first, so nothing printed for this round can be wiped by it.
            write!(out, "\x1b[2J\x1b[H")?;
            for line in fit(&screen, width, height) {
                writeln!(out, "{line}")?;
            }
            return Ok(());
        }
        // Piped or logged, nothing scrolls away and nothing is printed twice: the first
        // round prints every diagnostic, each later one what it made new and what it fixed.
        if round.number > 1 {
            writeln!(out)?;
        }
        writeln!(out, "{DIM}── {time} ──{DIM:#}")?;
        out.write_all(&rendered(index, &round.new)?)?;
        for d in &round.fixed {
            writeln!(out, "{DIM}fixed:{DIM:#} {}", render::human::header(d))?;
        }
        writeln!(out, "{summary}")?;
        if self.with_agenda {
            writeln!(out)?;
            out.write_all(&agenda)?;
        }
        writeln!(out, "{status}")
    }
}

/// `diagnostics` as `ties check` prints them, with the excerpts of their files.
fn rendered(index: &crate::index::Index, diagnostics: &[Diagnostic]) -> std::io::Result<Vec<u8>> {
    let sources = render::sources(index, diagnostics);
    let mut out = Vec::new();
    render::human::write(&mut out, diagnostics, &sources)?;
    Ok(out)
}

fn lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(str::to_owned)
        .collect()
}
