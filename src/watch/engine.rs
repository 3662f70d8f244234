//! The watch engine: one live watch of a notebook's folder, shared by `ties watch`, `ties
//! serve` and the language server (when its editor watches nothing for it). It arms a
//! debounced watcher (the system's events, or polling), merges a burst of events into one
//! [`Batch`] (an editor's write-rename-delete dance, a `git checkout` of hundreds of files),
//! classifies them ([`Classifier`]), watches the folder again when the root was replaced,
//! and hands each batch to its client on the engine's own thread. What a batch means for the
//! notebook is [`feed`](super::feed)'s and the workspace's to decide.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::{PollWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, DebouncedEvent, NoCache, new_debouncer, new_debouncer_opt,
};

use crate::error::Error;

use super::{Batch, Classifier};

/// A batch goes out once the notebook has been quiet this long: long enough to merge an
/// editor's write-rename-delete dance and a `git checkout` into one batch, short enough to
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
/// writer slowed down by a busy machine still makes one batch, and a one-file save keeps
/// its short wait.
const MANY_EVENTS: usize = 16;
const BURST_GAP: Duration = Duration::from_millis(100);
/// A writer that never pauses (a log appended to all the time) still gets a batch this often.
const LONGEST_BURST: Duration = Duration::from_secs(1);
const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// How to watch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Options {
    /// Poll the folder instead of the system's events (network and container file systems
    /// that send none).
    pub poll: bool,
}

/// What the engine hands its client: a batch of changes, or why it stopped (the system's
/// limit of watches reached, or the folder could not be watched again).
pub(crate) type Seen = Result<Batch, Error>;

enum Raw {
    Events(DebounceEventResult),
    Stop,
}

/// A running watch; dropping it stops the watch and its thread.
pub(crate) struct Engine {
    stop: Sender<Raw>,
    thread: Option<JoinHandle<()>>,
}

impl Engine {
    /// Watches the folder at `root` (canonical) and hands every batch of changes to
    /// `deliver`, on the engine's thread, until `deliver` returns `false`, the engine is
    /// dropped, or it hands over an error. The folder is watched before this returns, so
    /// nothing that changes after it is missed.
    pub(crate) fn start(
        root: &Path,
        options: Options,
        deliver: impl FnMut(Seen) -> bool + Send + 'static,
    ) -> Result<Self, Error> {
        let (tx, rx) = mpsc::channel();
        let armed = arm(root, options, tx.clone())?;
        let watch = Watch {
            root: root.to_owned(),
            options,
            raw: tx.clone(),
            armed,
        };
        let thread = std::thread::Builder::new()
            .name("ties-watch".to_owned())
            .spawn(move || watch.run(&rx, deliver))
            .map_err(|source| Error::Io {
                path: root.to_owned(),
                source,
            })?;
        Ok(Self {
            stop: tx,
            thread: Some(thread),
        })
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        let _ = self.stop.send(Raw::Stop);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The debouncer: kept alive while the folder is watched (dropping it stops its events).
type Armed = Box<dyn std::any::Any + Send>;

/// The engine's thread: the watch and what it classifies with.
struct Watch {
    root: PathBuf,
    options: Options,
    raw: Sender<Raw>,
    armed: Armed,
}

impl Watch {
    fn run(mut self, rx: &Receiver<Raw>, mut deliver: impl FnMut(Seen) -> bool) {
        let mut classifier = Classifier::new(&self.root);
        while let Ok(first) = rx.recv() {
            let burst = match burst(rx, first) {
                Ok(Some(burst)) => burst,
                Ok(None) => return,
                Err(e) => {
                    deliver(Err(e));
                    return;
                }
            };
            let mut batch = Batch {
                rescan: burst.lost,
                ..Batch::default()
            };
            batch.classify(&classifier, burst.events.iter().map(|e| &e.event));
            if batch.is_empty() {
                continue;
            }
            if batch.rescan {
                classifier = Classifier::new(&self.root);
                // The root may have been replaced (`rm -rf nb && cp -r backup nb`): the old
                // watches died with the old folder, so watch the folder there now. Gone for
                // good, the client's next check says so.
                if self.root.is_dir() {
                    drop(std::mem::replace(&mut self.armed, Box::new(())));
                    match arm(&self.root, self.options, self.raw.clone()) {
                        Ok(armed) => self.armed = armed,
                        Err(e) => {
                            deliver(Err(e));
                            return;
                        }
                    }
                }
            }
            if !deliver(Ok(batch)) {
                return;
            }
        }
    }
}

/// A debounced watcher of `root` sending its events to `raw`.
fn arm(root: &Path, options: Options, raw: Sender<Raw>) -> Result<Armed, Error> {
    let handler = move |result: DebounceEventResult| {
        let _ = raw.send(Raw::Events(result));
    };
    let failed = |source| super::watch_error(root, source);
    if options.poll {
        let config = notify::Config::default().with_poll_interval(POLL_INTERVAL);
        let mut d = new_debouncer_opt::<_, PollWatcher, NoCache>(
            SETTLE,
            None,
            handler,
            NoCache::new(),
            config,
        )
        .map_err(failed)?;
        d.watch(root, RecursiveMode::Recursive).map_err(failed)?;
        Ok(Box::new(d))
    } else {
        let mut d = new_debouncer(SETTLE, None, handler).map_err(failed)?;
        d.watch(root, RecursiveMode::Recursive).map_err(failed)?;
        Ok(Box::new(d))
    }
}

/// The events of one burst of changes, merged.
struct Burst {
    events: Vec<DebouncedEvent>,
    /// The watcher reported an error: it may have missed something.
    lost: bool,
}

/// Collects the batches that follow `first` until none comes for [`DEBOUNCE`], so that a
/// burst of changes is one batch (one that never pauses is cut at [`LONGEST_BURST`]);
/// `None` once the engine is to stop.
fn burst(rx: &Receiver<Raw>, first: Raw) -> Result<Option<Burst>, Error> {
    let started = Instant::now();
    let mut burst = Burst {
        events: Vec::new(),
        lost: false,
    };
    let mut message = first;
    loop {
        match message {
            Raw::Stop => return Ok(None),
            Raw::Events(Ok(events)) => burst.events.extend(events),
            Raw::Events(Err(errors)) => {
                super::missed(&errors)?;
                // The stream may have missed something: read everything again.
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

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, EventKind};
    use notify_debouncer_full::DebouncedEvent;

    /// A file written after `start` returns comes as a batch naming it; the engine stops
    /// when dropped.
    #[test]
    fn a_write_is_one_batch() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(root.join("ties.yaml"), "").unwrap();
        std::fs::create_dir(root.join("contacts")).unwrap();
        let (tx, rx) = mpsc::channel();
        let engine =
            Engine::start(&root, Options::default(), move |seen| tx.send(seen).is_ok()).unwrap();
        let ada = root.join("contacts/ada.md");
        std::fs::write(&ada, "---\nname: Ada\n---\n").unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut seen = Batch::default();
        while !seen.paths.contains(&ada) && Instant::now() < deadline {
            if let Ok(Ok(batch)) = rx.recv_timeout(Duration::from_secs(1)) {
                seen.paths.extend(batch.paths);
            }
        }
        assert!(seen.paths.contains(&ada), "{seen:?}");
        drop(engine);
        assert!(
            matches!(
                rx.recv_timeout(Duration::from_secs(5)),
                Err(RecvTimeoutError::Disconnected)
            ),
            "the engine's thread ended with it"
        );
    }

    fn created(i: usize) -> Raw {
        let event = notify::Event::new(EventKind::Create(CreateKind::File))
            .add_path(format!("/nb/contacts/p{i}.md").into());
        Raw::Events(Ok(vec![DebouncedEvent::new(event, Instant::now())]))
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
        tx.send(Raw::Stop).unwrap();
        let first = rx.recv().unwrap();
        assert!(burst(&rx, first).unwrap().is_none());
    }

    /// A watcher error in a burst: the burst is read again in full (`lost`), unless the
    /// limit on watches is reached, which the user must act on.
    #[test]
    fn a_watcher_error_marks_the_burst_lost_or_stops_at_the_limit() {
        let (tx, rx) = mpsc::channel();
        tx.send(Raw::Events(Err(vec![notify::Error::generic("overflow")])))
            .unwrap();
        let lost = burst(&rx, created(0)).unwrap().unwrap();
        assert_eq!((lost.events.len(), lost.lost), (1, true));
        let limit = Raw::Events(Err(vec![notify::Error::new(
            notify::ErrorKind::MaxFilesWatch,
        )]));
        assert!(matches!(burst(&rx, limit), Err(Error::WatchLimit)));
    }
}
