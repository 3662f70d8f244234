//! Starting on a notebook: found from the folder the editor opened (or the first document,
//! or `--notebook`), as the command line finds it; loaded in the background with the one
//! loading function every command uses ([`Workspace::load_with`]), so `initialize` is answered
//! at once and the editor never freezes, while `$/progress` shows the load in a client
//! that shows progress; and watched by the server itself (the watch engine of `ties watch`
//! and `ties serve`). Clients' own watchers are no substitute: eglot 1.9 (Debian 12's)
//! drops every file renamed into place, which is how `ties` and most tools save a file, so
//! the client is asked to watch only when the server cannot ([`super::sync::initialized`]).

use std::path::Path;
use std::time::Instant;

use lsp_types::{self as lsp, notification::Notification as _};

use crate::error::Error;
use crate::notebook;
use crate::watch::{Engine, Options};
use crate::workspace::Workspace;

use super::server::{Event, Server, log};

/// The token of the load's progress.
const PROGRESS: &str = "ties-load";

impl Server<'_> {
    /// Finds the notebook that `dir` is in and starts loading it; logs why not if there is
    /// none (a document opened later may be in one).
    pub(super) fn start(&mut self, dir: &Path) {
        if self.loading || self.workspace.is_some() {
            return;
        }
        let found = notebook::discover(self.explicit.as_deref(), dir).and_then(|root| {
            root.canonicalize()
                .map_err(|source| Error::Io { path: root, source })
        });
        let root = match found {
            Ok(root) => root,
            Err(e) => {
                log(&format!("no notebook yet: {e}"));
                return;
            }
        };
        self.loading = true;
        // Read before the load, so that a document opened meanwhile shows its own findings
        // at once (`first`); a `ties.yaml` that cannot be read is the load's to report.
        self.early = super::first::Early::read(&root).ok();
        if self.client.shows_progress {
            let token = lsp::NumberOrString::String(PROGRESS.to_owned());
            self.ask::<lsp::request::WorkDoneProgressCreate>(lsp::WorkDoneProgressCreateParams {
                token: token.clone(),
            });
            self.progress(lsp::WorkDoneProgress::Begin(lsp::WorkDoneProgressBegin {
                title: "ties".to_owned(),
                message: Some(format!("reading the notebook {}", root.display())),
                ..lsp::WorkDoneProgressBegin::default()
            }));
        }
        let events = self.events.clone();
        let (now, cache) = (self.clock.now(), self.cache);
        let spawned = std::thread::Builder::new()
            .name("ties-load".to_owned())
            .spawn(move || {
                // Watching before the load, so that nothing saved while it reads is missed;
                // armed here, not on the server's thread, because arming walks every folder
                // of the notebook (a third of a second at 83,000 files) and a document
                // opened meanwhile must not wait for that to show its own findings.
                let disk = events.clone();
                let watching = Engine::start(&root, Options::default(), move |seen| {
                    disk.send(Event::Disk(seen)).is_ok()
                });
                let _ = events.send(Event::Watching(watching));
                let started = Instant::now();
                let loaded = std::panic::catch_unwind(|| Workspace::load_with(&root, now, cache));
                let loaded = match loaded {
                    Ok(Ok(loaded)) => {
                        log(&format!(
                            "notebook {} ({} files, read and checked in {} ms)",
                            root.display(),
                            loaded.0.index().files(),
                            started.elapsed().as_millis()
                        ));
                        Ok(loaded)
                    }
                    Ok(Err(e)) => Err(e.to_string()),
                    Err(_) => Err("the load failed: a bug in ties; please report it".to_owned()),
                };
                let _ = events.send(Event::Loaded(loaded));
            });
        if let Err(e) = spawned {
            log(&format!("cannot start loading the notebook: {e}"));
            self.loading = false;
        }
    }

    /// The watch armed before the load (on the load's thread, [`Self::start`]), or why
    /// not. It comes before the load's end, so the client's `initialized`, which waits for
    /// the load, knows whether to ask the client to watch instead
    /// ([`super::sync::initialized`]).
    pub(super) fn watching(&mut self, watching: Result<Engine, Error>) {
        match watching {
            Ok(engine) => self.watcher = Some(engine),
            Err(e) if self.client.watches_files => log(&format!(
                "cannot watch the notebook ({e}): the editor is asked to report changed files"
            )),
            Err(e) => log(&format!(
                "cannot watch the notebook ({e}): files changed outside the editor are not seen"
            )),
        }
    }

    /// Sends the load's progress.
    fn progress(&self, value: lsp::WorkDoneProgress) {
        let params = lsp::ProgressParams {
            token: lsp::NumberOrString::String(PROGRESS.to_owned()),
            value: lsp::ProgressParamsValue::WorkDone(value),
        };
        self.send(lsp_server::Notification::new(
            lsp::notification::Progress::METHOD.to_owned(),
            params,
        ));
    }
}

/// The load has ended and its first check is published (`workspace`: `None` if the load
/// failed): its progress ends.
pub(super) fn done(server: &Server, workspace: Option<&Workspace>) {
    if !server.client.shows_progress {
        return;
    }
    let message = match workspace {
        Some(w) => format!("{} files", w.index().files()),
        None => "no notebook".to_owned(),
    };
    server.progress(lsp::WorkDoneProgress::End(lsp::WorkDoneProgressEnd {
        message: Some(message),
    }));
}
