//! `ties watch`: check the notebook, then re-check on every save. On a terminal each round
//! clears the screen and redraws; piped or logged, rounds are appended under a time line;
//! `--format json` prints one object per round for editor plugins.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{PollWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, DebouncedEvent, NoCache, new_debouncer, new_debouncer_opt,
};

use crate::agenda::{self, Filter};
use crate::config::{Config, WatchFormat};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::notebook;
use crate::render::Render;
use crate::render::fit::{Screen, fit};
use crate::render::{self, BOLD, DIM};
use crate::watch::{self, Batch, Classifier};
use crate::workspace::{Round, Workspace};

/// A round starts once the notebook has been quiet this long: long enough to merge an
/// editor's write-rename-delete dance and a `git checkout` into one round, short enough to
/// feel live.
const DEBOUNCE: Duration = Duration::from_millis(25);
/// The debouncer's own window, per path. It hands out each path's events once that path has
/// been quiet this long, so a burst of many paths arrives in several batches a tick apart
/// (a `git checkout` of 300 files came as two rounds); [`burst`] merges them until
/// [`DEBOUNCE`] passes without one. Kept short so that the two waits together stay near
/// `DEBOUNCE` for a one-file save.
const SETTLE: Duration = Duration::from_millis(25);
/// Once a burst has brought this many events, it is many files at once (a `git checkout`,
/// an import, a script), not a save: the next batch is awaited [`BURST_GAP`], so that a
/// writer slowed down by a busy machine still makes one round, and a one-file save keeps
/// its short wait.
const MANY_EVENTS: usize = 16;
const BURST_GAP: Duration = Duration::from_millis(100);
/// A writer that never pauses (a log appended to all the time) still gets a round this often.
const LONGEST_BURST: Duration = Duration::from_secs(1);
const POLL_INTERVAL: Duration = Duration::from_millis(500);

enum Message {
    Events(DebounceEventResult),
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
    let own = crate::cache::Own::of(&root);
    let handler = move |mut result: DebounceEventResult| {
        // The cache this very run writes is no change of the notebook: it starts no burst.
        if let Ok(events) = &mut result {
            events.retain(|e| !own.holds_all(&e.paths));
            if events.is_empty() {
                return;
            }
        }
        let _ = tx.send(Message::Events(result));
    };
    let watch_error = |source| watch::watch_error(&root, source);
    let arm = || -> Result<Box<dyn std::any::Any>, Error> {
        if poll {
            let notify_config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
            let mut d = new_debouncer_opt::<_, PollWatcher, NoCache>(
                SETTLE,
                None,
                handler.clone(),
                NoCache::new(),
                notify_config,
            )
            .map_err(watch_error)?;
            d.watch(&root, RecursiveMode::Recursive)
                .map_err(watch_error)?;
            Ok(Box::new(d))
        } else {
            let mut d = new_debouncer(SETTLE, None, handler.clone()).map_err(watch_error)?;
            d.watch(&root, RecursiveMode::Recursive)
                .map_err(watch_error)?;
            Ok(Box::new(d))
        }
    };
    // Keep the debouncer alive for the whole loop; dropping it stops the events.
    let mut debouncer = arm()?;

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
    let mut classifier = Classifier::new(&root);
    while let Ok(message) = rx.recv() {
        let Some(burst) = burst(&rx, message)? else {
            break;
        };
        let started = Instant::now();
        let mut batch = Batch {
            rescan: burst.lost,
            ..Batch::default()
        };
        batch.classify(&classifier, burst.events.iter().map(|e| &e.event));
        if batch.is_empty() {
            continue;
        }
        if batch.rescan {
            classifier = Classifier::new(&root);
            // The root may have been replaced (`rm -rf nb && cp -r backup nb`): the old
            // watches died with the old folder, so watch the folder there now. Gone for good,
            // the round below says so.
            if root.is_dir() {
                drop(debouncer);
                debouncer = arm()?;
            }
        }
        watch::feed(&mut workspace, &batch);
        let round = workspace.check(config.now())?;
        if !printer.print(&workspace, &round, started.elapsed())? {
            break;
        }
    }
    drop(debouncer);
    Ok(ExitStatus::Success)
}

/// The events of one burst of changes, merged.
struct Burst {
    events: Vec<DebouncedEvent>,
    /// The watcher reported an error: it may have missed something.
    lost: bool,
}

/// Collects the batches that follow `first` until none comes for [`DEBOUNCE`], so that a
/// burst of changes is one round (one that never pauses is cut at [`LONGEST_BURST`]); `None`
/// on Ctrl-C.
fn burst(rx: &Receiver<Message>, first: Message) -> Result<Option<Burst>, Error> {
    let started = Instant::now();
    let mut burst = Burst {
        events: Vec::new(),
        lost: false,
    };
    let mut message = first;
    loop {
        match message {
            Message::Stop => return Ok(None),
            Message::Events(Ok(events)) => burst.events.extend(events),
            Message::Events(Err(errors)) => {
                watch::missed(&errors)?;
                burst.lost = true;
            }
        }
        if started.elapsed() >= LONGEST_BURST {
            return Ok(Some(burst));
        }
        let wait = if burst.events.len() >= MANY_EVENTS {
            BURST_GAP
        } else {
            DEBOUNCE
        };
        message = match rx.recv_timeout(wait) {
            Ok(next) => next,
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                return Ok(Some(burst));
            }
        };
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, EventKind};

    fn created(i: usize) -> Message {
        let event = notify::Event::new(EventKind::Create(CreateKind::File))
            .add_path(format!("/nb/contacts/p{i}.md").into());
        Message::Events(Ok(vec![DebouncedEvent::new(event, Instant::now())]))
    }

    /// However slowly the round that follows is scheduled, every batch that has arrived
    /// by the time the burst is read belongs to it: 300 files written one by one and handed
    /// out by the debouncer one by one are one round, not 300.
    #[test]
    fn batches_that_have_arrived_are_one_burst() {
        let (tx, rx) = mpsc::channel();
        for i in 1..300 {
            tx.send(created(i)).unwrap();
        }
        let merged = burst(&rx, created(0))
            .unwrap()
            .expect("a burst, not a stop");
        assert_eq!(merged.events.len(), 300);
        assert!(!merged.lost);
        // The channel went quiet, so what comes next is the next burst; Ctrl-C in a burst
        // ends the watch.
        tx.send(created(300)).unwrap();
        tx.send(Message::Stop).unwrap();
        let first = rx.recv().unwrap();
        assert!(burst(&rx, first).unwrap().is_none());
    }

    /// A watcher error in a burst: the burst is read again in full (`lost`), unless the
    /// limit on watches is reached, which the user must act on.
    #[test]
    fn a_watcher_error_marks_the_burst_lost_or_stops_at_the_limit() {
        let (tx, rx) = mpsc::channel();
        tx.send(Message::Events(Err(vec![notify::Error::generic(
            "overflow",
        )])))
        .unwrap();
        let lost = burst(&rx, created(0)).unwrap().unwrap();
        assert_eq!((lost.events.len(), lost.lost), (1, true));
        let limit = Message::Events(Err(vec![notify::Error::new(
            notify::ErrorKind::MaxFilesWatch,
        )]));
        assert!(matches!(burst(&rx, limit), Err(Error::WatchLimit)));
    }
}
