//! The server: its protocol state (what the client can do, its open documents with their
//! text and versions, what each file was last told), the loop that takes its events, and
//! the typed dispatch of each request and notification to its handler (one file per family:
//! [`sync`](super::sync), [`complete`](super::complete), [`navigate`](super::navigate),
//! [`actions`](super::actions), [`symbols`](super::symbols), [`files`](super::files),
//! [`commands`](super::commands)).
//!
//! The loop's events come from four places ([`Event`]): the client's messages, the
//! notebook's load, which runs in the background ([`start`](super::start): `initialize` is
//! answered at once, and what needs the notebook waits in order until it is loaded), the
//! server's own watcher (when the client watches no files for it), and the clock, whose
//! midnight re-checks the notebook of an idle editor. Every change only queues: the
//! buffers are parsed and the notebook checked once the queue is empty, so a client that
//! types faster than the server checks gets one parse and one check per burst, not one per
//! key.

use std::collections::{BTreeSet, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::Duration;

use lsp_server::{Connection, ErrorCode, ExtractError, Message, Notification, Request, RequestId};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{self as lsp, notification, request};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::config::{Clock, Config};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::exit::ExitStatus;
use crate::findings::Severity;
use crate::index::Index;
use crate::notebook::CONFIG_FILE;
use crate::watch::{self, Batch, Engine};
use crate::workspace::{Change, Round, Workspace};

use super::client::Client;
use super::convert::{Lines, path_of, uri_of};
use super::first::Early;

/// Where the rules' docs are, for `codeDescription`: the table of rule codes in the
/// `docs/format.md` of the sources this binary was built from (`ties explain CODE` prints
/// the same text). `ties` has no published site to link to instead, and an installed binary
/// usually runs where those sources are not: see [`rules_doc`].
const RULES_DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/format.md");

/// The link to the rules' docs at `path`, if that file is there: a link to a file that
/// does not exist would only open an error in the editor. Checked once, at start.
fn rules_doc(path: &Path) -> Option<lsp::Uri> {
    if !path.is_file() {
        return None;
    }
    let uri = uri_of(path)?;
    format!("{}#rule-codes", uri.as_str()).parse().ok()
}

/// Why a request got no answer: the error code and the message the client shows.
pub(crate) type Refusal = (ErrorCode, String);

/// What a handler answers.
pub(crate) type Answer<T> = Result<T, Refusal>;

/// What the server's loop takes, in the order it came.
pub(crate) enum Event {
    /// A message from the client; `None` once its input has ended.
    Client(Option<Message>),
    /// The notebook's load in the background has ended: the workspace, or why not.
    Loaded(Result<(Workspace, Round), String>),
    /// The server's own watcher is armed (before the load starts reading), or why not.
    Watching(Result<Engine, crate::error::Error>),
    /// The server's own watcher saw files change, or stopped.
    Disk(watch::Seen),
}

/// A document the client has open: its URI as the client spells it, its version, and its
/// text, kept up to date by every change and handed to the workspace once per burst.
pub(super) struct Open {
    pub uri: lsp::Uri,
    pub version: i32,
    pub text: String,
    /// Changed since the workspace was last given the text.
    pub dirty: bool,
}

#[allow(
    clippy::struct_excessive_bools,
    reason = "independent states of the session: loading, initialized, shut down, a check due"
)]
pub(crate) struct Server<'a> {
    connection: &'a Connection,
    /// Where the background load and the watcher send what they have.
    pub(super) events: Sender<Event>,
    pub(super) clock: Clock,
    pub(super) explicit: Option<PathBuf>,
    pub(super) cwd: PathBuf,
    /// How long a write waits for another `ties` writer (`--lock-wait`).
    pub(super) lock_wait: Duration,
    /// Whether the load reads and writes the persistent index (`--no-cache` says no).
    pub(super) cache: crate::cache::Policy,
    pub(super) client: Client,
    pub(super) workspace: Option<Workspace>,
    /// A load is under way: messages that need the notebook wait in `deferred`.
    pub(super) loading: bool,
    /// The notebook has loaded and its progress ends with the first check after it.
    checking_after_load: bool,
    /// What a first look at a document opened during the load needs ([`super::first`]).
    pub(super) early: Option<Early>,
    deferred: Vec<Message>,
    /// What the watcher saw while the notebook was loading.
    pub(super) seen: Vec<Batch>,
    pub(super) watcher: Option<Engine>,
    open: HashMap<String, Open>,
    /// A check to run once the queue is empty.
    unchecked: bool,
    /// Files whose diagnostics may have changed since they were last published.
    unpublished: BTreeSet<String>,
    /// What each file was last told.
    published: HashMap<String, Vec<lsp::Diagnostic>>,
    /// Files opened since they were last told: told again what they were told.
    opened_since: BTreeSet<String>,
    initialized: bool,
    shutdown: bool,
    /// The ids of the requests the server sent.
    sent: u64,
    /// How a draft opens in this client.
    pub(super) drafts: Drafts,
    /// The `codeDescription` link of every diagnostic, if the docs are on this machine.
    rules_doc: Option<lsp::Uri>,
}

/// Serves until `exit`, or until the client's input ends: success if `shutdown` came
/// first, as the protocol asks.
pub(crate) fn serve(
    config: &Config,
    connection: &Connection,
    events: Sender<Event>,
    queue: &Receiver<Event>,
) -> ExitStatus {
    let mut server = Server::new(
        connection,
        events,
        config.clock,
        rules_doc(Path::new(RULES_DOC)),
    );
    server.explicit.clone_from(&config.notebook);
    server.cwd.clone_from(&config.cwd);
    server.lock_wait = config.lock_wait;
    server.cache = config.cache;
    loop {
        let event = match queue.try_recv() {
            Ok(event) => event,
            Err(TryRecvError::Disconnected) => break,
            Err(TryRecvError::Empty) => {
                server.idle();
                let waited = match server.until_midnight() {
                    Some(wait) => queue.recv_timeout(wait),
                    None => queue.recv().map_err(|_| RecvTimeoutError::Disconnected),
                };
                match waited {
                    Ok(event) => event,
                    Err(RecvTimeoutError::Timeout) => {
                        server.midnight();
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            }
        };
        let go_on = match event {
            Event::Client(Some(message)) => server.message(message),
            Event::Client(None) => false,
            Event::Loaded(loaded) => {
                server.loaded(loaded);
                true
            }
            Event::Watching(watching) => {
                server.watching(watching);
                true
            }
            Event::Disk(seen) => {
                server.disk(seen);
                true
            }
        };
        if !go_on {
            break;
        }
    }
    drop(server.watcher.take());
    if server.shutdown {
        ExitStatus::Success
    } else {
        ExitStatus::Failure
    }
}

/// How long from `now` until a second past the next midnight. The clock counts whole
/// minutes, so the timer fires up to a minute late, never early: a timer that fired before
/// the day turned would find nothing to do and wait for the next midnight.
fn until_midnight(now: chrono::NaiveDateTime) -> Option<Duration> {
    let midnight = now.date().succ_opt()?.and_time(chrono::NaiveTime::MIN);
    Some((midnight - now).to_std().ok()? + Duration::from_secs(1))
}

/// How a draft opens (a code action of [`super::actions`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Drafts {
    /// A new untitled document: the client makes one of a workspace edit that creates an
    /// `untitled:` URI and fills it. VS Code does (since 1.82), and so do its forks.
    Untitled,
    /// A section added at the end of the note: other clients would make a file on disk of
    /// an `untitled:` URI, or refuse it.
    Section,
}

impl Drafts {
    fn of(params: &lsp::InitializeParams) -> Self {
        if untitled_documents(params) {
            Self::Untitled
        } else {
            Self::Section
        }
    }
}

/// Whether the client is VS Code (or a fork) and creates files in a workspace edit.
fn untitled_documents(params: &lsp::InitializeParams) -> bool {
    let name = params
        .client_info
        .as_ref()
        .map(|c| c.name.to_lowercase())
        .unwrap_or_default();
    let vs_code = ["visual studio code", "vscodium", "code - oss", "cursor"]
        .iter()
        .any(|n| name.contains(n));
    let creates = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.workspace_edit.as_ref())
        .and_then(|e| e.resource_operations.as_ref())
        .is_some_and(|ops| ops.contains(&lsp::ResourceOperationKind::Create));
    vs_code && creates
}

pub(super) fn log(message: &str) {
    eprintln!("ties lsp: {message}");
}

/// A request of type `R`, handled by `handle` if it is one; else handed back.
fn dispatch<R>(
    server: &Server,
    request: Request,
    handle: fn(&Server, R::Params) -> Answer<R::Result>,
) -> Result<lsp_server::Response, Request>
where
    R: request::Request,
    R::Params: DeserializeOwned,
    R::Result: Serialize,
{
    answer::<R>(request, |params| handle(server, params))
}

/// [`dispatch`] for a handler that changes the server (a file moved, an edit sent).
fn dispatch_mut<R>(
    server: &mut Server,
    request: Request,
    handle: fn(&mut Server, R::Params) -> Answer<R::Result>,
) -> Result<lsp_server::Response, Request>
where
    R: request::Request,
    R::Params: DeserializeOwned,
    R::Result: Serialize,
{
    answer::<R>(request, |params| handle(server, params))
}

/// The one typed step of [`dispatch`] and [`dispatch_mut`]: a request of type `R` answered
/// by `handle`, a request of another type handed back, bad parameters answered as such.
fn answer<R>(
    request: Request,
    handle: impl FnOnce(R::Params) -> Answer<R::Result>,
) -> Result<lsp_server::Response, Request>
where
    R: request::Request,
    R::Params: DeserializeOwned,
    R::Result: Serialize,
{
    let id = request.id.clone();
    match request.extract::<R::Params>(R::METHOD) {
        Ok((id, params)) => Ok(respond(id, handle(params))),
        Err(ExtractError::MethodMismatch(request)) => Err(request),
        Err(ExtractError::JsonError { error, .. }) => Ok(invalid(id, &error)),
    }
}

fn respond<T: Serialize>(id: RequestId, answer: Answer<T>) -> lsp_server::Response {
    match answer {
        Ok(result) => lsp_server::Response::new_ok(id, result),
        Err((code, message)) => lsp_server::Response::new_err(id, code as i32, message),
    }
}

fn invalid(id: RequestId, error: &serde_json::Error) -> lsp_server::Response {
    lsp_server::Response::new_err(id, ErrorCode::InvalidParams as i32, error.to_string())
}

/// A notification of type `N`, handled by `handle` if it is one; else handed back.
fn notified<N>(
    server: &mut Server,
    n: Notification,
    handle: fn(&mut Server, N::Params),
) -> Result<Result<(), serde_json::Error>, Notification>
where
    N: notification::Notification,
    N::Params: DeserializeOwned,
{
    match n.extract::<N::Params>(N::METHOD) {
        Ok(params) => {
            handle(server, params);
            Ok(Ok(()))
        }
        Err(ExtractError::MethodMismatch(n)) => Err(n),
        Err(ExtractError::JsonError { error, .. }) => Ok(Err(error)),
    }
}

impl<'a> Server<'a> {
    /// A server on `connection`, before `initialize`.
    fn new(
        connection: &'a Connection,
        events: Sender<Event>,
        clock: Clock,
        rules_doc: Option<lsp::Uri>,
    ) -> Self {
        Self {
            connection,
            events,
            clock,
            explicit: None,
            cwd: PathBuf::from("/"),
            lock_wait: Duration::from_secs(10),
            cache: crate::cache::Policy::default(),
            client: Client::default(),
            workspace: None,
            loading: false,
            checking_after_load: false,
            early: None,
            deferred: Vec::new(),
            seen: Vec::new(),
            watcher: None,
            open: HashMap::new(),
            unchecked: false,
            unpublished: BTreeSet::new(),
            published: HashMap::new(),
            opened_since: BTreeSet::new(),
            initialized: false,
            shutdown: false,
            sent: 0,
            drafts: Drafts::Section,
            rules_doc,
        }
    }

    pub(super) fn send(&self, message: impl Into<Message>) {
        let _ = self.connection.sender.send(message.into());
    }

    /// Sends the client a request of type `R`; its answer is only logged if it failed.
    pub(super) fn ask<R: request::Request>(&mut self, params: R::Params)
    where
        R::Params: Serialize,
    {
        self.sent += 1;
        let id = RequestId::from(format!("ties-{}", self.sent));
        self.send(Request::new(id, R::METHOD.to_owned(), params));
    }

    fn refuse(&self, id: RequestId, (code, message): Refusal) {
        self.send(lsp_server::Response::new_err(id, code as i32, message));
    }

    /// Takes one message of the client; `false` once it said `exit`.
    fn message(&mut self, message: Message) -> bool {
        match message {
            Message::Request(request) if request.method == request::Initialize::METHOD => {
                self.initialized = true;
                self.initialize(request);
            }
            Message::Request(request) if !self.initialized => {
                self.refuse(
                    request.id,
                    (ErrorCode::ServerNotInitialized, "not initialized".into()),
                );
            }
            Message::Notification(n) if n.method == notification::Exit::METHOD => return false,
            Message::Request(request) if request.method == request::Shutdown::METHOD => {
                self.shutdown = true;
                self.send(lsp_server::Response::new_ok(request.id, ()));
            }
            Message::Response(response) => match response.response_result {
                Err(error) => log(&format!(
                    "the editor refused {}: {}",
                    response.id, error.message
                )),
                // An edit the editor did not apply (`workspace/applyEdit`).
                Ok(result) if result.get("applied") == Some(&serde_json::Value::Bool(false)) => {
                    log(&format!(
                        "the editor did not apply {}: {result}",
                        response.id
                    ));
                }
                Ok(_) => {}
            },
            Message::Notification(n) if self.loading && self.meanwhile(&n) => self.notification(n),
            message if self.loading => self.deferred.push(message),
            Message::Notification(n)
                if self.workspace.is_none() && self.opens_notebook(&n) && !self.meanwhile(&n) =>
            {
                self.deferred.push(Message::Notification(n));
            }
            Message::Notification(n) => self.notification(n),
            Message::Request(request) => self.request(request),
        }
        true
    }

    /// Whether `n` is taken while the notebook loads rather than waiting for it: a
    /// document opened, changed or closed, which only the server's copy of its text keeps
    /// (its first look, [`super::first`], is published at once). Only while no request
    /// waits: a request is answered on the text as it was when it came.
    fn meanwhile(&self, n: &Notification) -> bool {
        let sync = [
            notification::DidOpenTextDocument::METHOD,
            notification::DidChangeTextDocument::METHOD,
            notification::DidCloseTextDocument::METHOD,
        ];
        self.early.is_some()
            && sync.contains(&n.method.as_str())
            && !self
                .deferred
                .iter()
                .any(|m| matches!(m, Message::Request(_)))
    }

    /// Whether `n` opens a document while no notebook is loaded: then the notebook is
    /// looked for from the document's folder and loaded, and `n` waits for it.
    fn opens_notebook(&mut self, n: &Notification) -> bool {
        if n.method != notification::DidOpenTextDocument::METHOD {
            return false;
        }
        let Ok(params) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params.clone())
        else {
            return false;
        };
        let Some(dir) = path_of(&params.text_document.uri)
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
        else {
            return false;
        };
        self.start(&dir);
        self.loading
    }

    fn initialize(&mut self, request: Request) {
        let id = request.id.clone();
        let params: lsp::InitializeParams = request
            .extract(request::Initialize::METHOD)
            .map(|(_, p)| p)
            .unwrap_or_default();
        #[allow(deprecated, reason = "root_uri is what older clients send")]
        let folder = params
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| f.uri.clone())
            .or(params.root_uri.clone())
            .and_then(|uri| path_of(&uri));
        self.drafts = Drafts::of(&params);
        self.client = Client::of(&params);
        // Answered before anything is read: the notebook loads in the background.
        self.send(lsp_server::Response::new_ok(id, capabilities(self.client)));
        let folder = folder.unwrap_or_else(|| self.cwd.clone());
        self.start(&folder);
    }

    /// The background load ended: the notebook is in place (or logged missing), and what
    /// waited for it is taken in order.
    fn loaded(&mut self, loaded: Result<(Workspace, Round), String>) {
        self.loading = false;
        self.early = None;
        // What the first looks told is replaced by the full check's (or taken back).
        self.unpublished.extend(self.published.keys().cloned());
        match loaded {
            Ok((mut workspace, first)) => {
                for batch in std::mem::take(&mut self.seen) {
                    watch::feed(&mut workspace, &batch);
                }
                self.unpublished.extend(first.changed);
                self.workspace = Some(workspace);
                self.unchecked = true;
                // The progress ends once the full diagnostics are out, not before the first
                // check after the load, which takes a second at 83,000 files.
                self.checking_after_load = true;
                for open in self.open.values_mut() {
                    open.dirty = true;
                }
            }
            Err(e) => {
                log(&format!("no notebook yet: {e}"));
                super::start::done(self, None);
            }
        }
        for message in std::mem::take(&mut self.deferred) {
            if !self.message(message) {
                // `exit` never waits; nothing else ends the loop.
                break;
            }
        }
    }

    /// What the server's watcher saw: files to read again, or why it stopped.
    fn disk(&mut self, seen: watch::Seen) {
        match seen {
            Ok(batch) => match self.workspace.as_mut() {
                Some(workspace) => {
                    watch::feed(workspace, &batch);
                    self.unchecked = true;
                }
                None => self.seen.push(batch),
            },
            Err(e) => {
                log(&format!(
                    "the watcher stopped ({e}): files changed outside the editor are not seen until it restarts"
                ));
                self.watcher = None;
            }
        }
    }

    /// How long until the next midnight, by the clock; `None` if the clock stands still
    /// (`--today`, `--now`) or no notebook is loaded.
    fn until_midnight(&self) -> Option<Duration> {
        self.workspace.as_ref()?;
        let Clock::System = self.clock else {
            return None;
        };
        until_midnight(self.clock.now())
    }

    /// The timer ran out: on a new day, the notebook is checked again without an edit.
    pub(super) fn midnight(&mut self) {
        let now = self.clock.now();
        if let Some(workspace) = self.workspace.as_mut()
            && workspace.roll(now)
        {
            self.unchecked = true;
        }
    }

    /// The queue is empty: the changed buffers are parsed, and the notebook checked (or,
    /// while it loads, each changed document looked at on its own).
    fn idle(&mut self) {
        if !self.unchecked {
            return;
        }
        self.flush();
        // A bug in a rule must not end the session: the buffers stay open, and the next
        // change checks again.
        let checked = catch_unwind(AssertUnwindSafe(|| {
            if self.workspace.is_some() {
                self.check();
            } else {
                self.first_look();
            }
        }));
        if checked.is_err() {
            self.unchecked = false;
            log("the check failed: a bug in ties; please report it");
        }
        if self.workspace.is_some() && std::mem::take(&mut self.checking_after_load) {
            super::start::done(self, self.workspace.as_ref());
        }
    }

    /// Hands the workspace the text of every buffer changed since it last had it: one
    /// parse per document however many edits came.
    fn flush(&mut self) {
        let Some(workspace) = self.workspace.as_mut() else {
            return;
        };
        for (path, open) in &mut self.open {
            if open.dirty {
                open.dirty = false;
                workspace.change(Change::Buffer {
                    path: path.clone(),
                    text: open.text.clone(),
                });
            }
        }
    }

    fn request(&mut self, request: Request) {
        if self.shutdown {
            self.refuse(
                request.id,
                (ErrorCode::InvalidRequest, "shutting down".into()),
            );
            return;
        }
        // Every change sent before the request counts in the answer, and the day it is.
        self.flush();
        if request.method == request::CodeActionRequest::METHOD {
            // The actions are the fixes of the diagnostics as they are now: checked (and
            // published) first, so a quick fix never answers for the text before the edit.
            self.idle();
        }
        let now = self.clock.now();
        if let Some(workspace) = self.workspace.as_mut() {
            workspace.settle();
            if workspace.roll(now) {
                self.unchecked = true;
            }
        }
        let id = request.id.clone();
        let method = request.method.clone();
        // A bug in one answer must not take the server, and the user's other buffers, down.
        match catch_unwind(AssertUnwindSafe(|| self.answer(request))) {
            Ok(response) => self.send(response),
            Err(_) => {
                log(&format!("{method} failed: a bug in ties; please report it"));
                self.refuse(
                    id,
                    (ErrorCode::InternalError, "internal error (logged)".into()),
                );
            }
        }
    }

    /// The answer to a request, by its type.
    fn answer(&mut self, request: Request) -> lsp_server::Response {
        use super::{actions, commands, complete, files, navigate, symbols};
        let answered = dispatch::<request::Completion>(self, request, complete::completion)
            .or_else(|r| dispatch::<request::HoverRequest>(self, r, complete::hover))
            .or_else(|r| dispatch::<request::GotoDefinition>(self, r, navigate::definition))
            .or_else(|r| dispatch::<request::References>(self, r, navigate::references))
            .or_else(|r| dispatch::<request::PrepareRenameRequest>(self, r, navigate::prepare))
            .or_else(|r| dispatch_mut::<request::Rename>(self, r, navigate::rename))
            .or_else(|r| dispatch::<request::CodeActionRequest>(self, r, actions::code_actions))
            .or_else(|r| dispatch::<request::CodeLensRequest>(self, r, actions::code_lens))
            .or_else(|r| dispatch::<request::DocumentSymbolRequest>(self, r, symbols::symbols))
            .or_else(|r| dispatch::<request::WorkspaceSymbolRequest>(self, r, symbols::workspace))
            .or_else(|r| dispatch::<request::WillRenameFiles>(self, r, files::will_rename))
            .or_else(|r| dispatch_mut::<request::ExecuteCommand>(self, r, commands::execute));
        answered.unwrap_or_else(|other| {
            lsp_server::Response::new_err(
                other.id,
                ErrorCode::MethodNotFound as i32,
                format!("ties does not answer {}", other.method),
            )
        })
    }

    fn notification(&mut self, n: Notification) {
        use super::{files, sync};
        let method = n.method.clone();
        let handled = catch_unwind(AssertUnwindSafe(|| {
            notified::<notification::Initialized>(self, n, sync::initialized)
                .or_else(|n| notified::<notification::DidOpenTextDocument>(self, n, sync::opened))
                .or_else(|n| {
                    notified::<notification::DidChangeTextDocument>(self, n, sync::changed)
                })
                .or_else(|n| notified::<notification::DidCloseTextDocument>(self, n, sync::closed))
                .or_else(|n| {
                    notified::<notification::DidChangeWatchedFiles>(self, n, sync::watched)
                })
                .or_else(|n| notified::<notification::DidRenameFiles>(self, n, files::renamed))
                .or_else(|n| notified::<notification::DidCreateFiles>(self, n, files::created))
                .or_else(|n| notified::<notification::DidDeleteFiles>(self, n, files::deleted))
        }));
        match handled {
            // Handled, or a notification `ties` has no use for.
            Ok(Ok(Ok(())) | Err(_)) => {}
            Ok(Ok(Err(e))) => log(&format!("{method}: {e}")),
            Err(_) => log(&format!("{method} failed: a bug in ties; please report it")),
        }
    }

    /// The client opened a document: its URI, version and text are kept, and its
    /// diagnostics are told again, even if they were told before it was opened: a client
    /// may drop what it was told of a file it did not manage yet (eglot 1.9 clears a
    /// buffer's diagnostics when it starts managing it).
    pub(super) fn open(&mut self, rel: &str, uri: lsp::Uri, version: i32, text: String) {
        let open = Open {
            uri,
            version,
            text,
            dirty: true,
        };
        self.open.insert(rel.to_owned(), open);
        self.opened_since.insert(rel.to_owned());
        self.unpublished.insert(rel.to_owned());
        self.unchecked = true;
    }

    /// The open document at `rel`, to change.
    pub(super) fn open_mut(&mut self, rel: &str) -> Option<&mut Open> {
        self.open.get_mut(rel)
    }

    /// The open document at `rel`.
    pub(super) fn opened(&self, rel: &str) -> Option<&Open> {
        self.open.get(rel)
    }

    /// The client closed a document (or it was moved away from under it); `false` if it
    /// was not open.
    pub(super) fn close(&mut self, rel: &str) -> bool {
        self.unchecked = true;
        self.open.remove(rel).is_some()
    }

    pub(super) fn version(&self, rel: &str) -> Option<i32> {
        self.open.get(rel).map(|o| o.version)
    }

    pub(super) fn changed(&mut self) {
        self.unchecked = true;
    }

    /// Checks the notebook and publishes what changed for each file, the open ones first.
    fn check(&mut self) {
        self.unchecked = false;
        let now = self.clock.now();
        let Some(workspace) = self.workspace.as_mut() else {
            return;
        };
        match workspace.check(now) {
            Ok(round) => self.unpublished.extend(round.changed),
            Err(e) => log(&e.to_string()),
        }
        let (open, rest): (Vec<String>, Vec<String>) = std::mem::take(&mut self.unpublished)
            .into_iter()
            .partition(|path| self.open.contains_key(path));
        for path in open.iter().chain(&rest) {
            self.publish(path);
        }
    }

    /// The notebook is loading: each document changed since it was last looked at is
    /// parsed on its own and its own findings published ([`super::first`]).
    fn first_look(&mut self) {
        self.unchecked = false;
        let Some(early) = self.early.as_ref() else {
            return;
        };
        let mut looked = Vec::new();
        for (path, open) in &mut self.open {
            if std::mem::take(&mut open.dirty)
                && let Some(found) = early.look(path, &open.text)
            {
                looked.push((path.clone(), found));
            }
        }
        for (path, found) in looked {
            let converted = self.convert_in(&found.lines(), &found.diagnostics);
            self.tell(&path, converted);
        }
    }

    /// Tells the client the diagnostics of `path`, unless it was told them already.
    fn publish(&mut self, path: &str) {
        let Some(workspace) = self.workspace.as_ref() else {
            return;
        };
        let converted = self.convert(path, &workspace.diagnostics_at(path));
        self.tell(path, converted);
    }

    /// Tells the client that `path` has the diagnostics `converted`, unless it was told so.
    fn tell(&mut self, path: &str, converted: Vec<lsp::Diagnostic>) {
        let told = self.published.get(path);
        let opened = self.opened_since.remove(path);
        // Nothing told and nothing to tell: the client holds nothing it could have dropped.
        if told.map_or(converted.is_empty(), |t| *t == converted && !opened) {
            return;
        }
        if let Some(uri) = self.uri(path) {
            let params = lsp::PublishDiagnosticsParams {
                uri,
                diagnostics: converted.clone(),
                version: self.version(path),
            };
            self.send(Notification::new(
                notification::PublishDiagnostics::METHOD.to_owned(),
                params,
            ));
        }
        if converted.is_empty() {
            self.published.remove(path);
        } else {
            self.published.insert(path.to_owned(), converted);
        }
    }

    /// The notebook, with every change sent so far applied.
    pub(super) fn index(&self) -> Option<&Index> {
        self.workspace.as_ref().map(Workspace::index)
    }

    /// The path of `uri` from the notebook root, if it is a file of the notebook.
    /// While the notebook loads, as its first look says it.
    pub(super) fn relative(&self, uri: &lsp::Uri) -> Option<String> {
        let path = path_of(uri)?;
        match (&self.workspace, &self.early) {
            (Some(workspace), _) => workspace.notebook_path(&path),
            (None, Some(early)) => early.notebook_path(&path),
            (None, None) => None,
        }
    }

    pub(super) fn uri(&self, rel: &str) -> Option<lsp::Uri> {
        if let Some(open) = self.open.get(rel) {
            return Some(open.uri.clone());
        }
        uri_of(&self.index()?.root.join(rel))
    }

    /// The lines of `rel` as the editor counts them (a document's byte-order mark included).
    pub(super) fn lines(&self, rel: &str) -> Option<Lines<'_>> {
        let index = self.index()?;
        if rel == CONFIG_FILE {
            return Some(Lines::new(&index.settings_text));
        }
        if crate::templates::holds(rel) {
            let buffer = self.open.get(rel).map(|o| o.text.as_str());
            return buffer
                .or_else(|| index.templates().text(rel))
                .map(Lines::new);
        }
        index.doc(rel).map(Lines::of)
    }

    pub(super) fn doc(&self, rel: &str) -> Option<&Document> {
        self.index()?.doc(rel)
    }

    /// The document at a position and the byte offset there.
    pub(super) fn at(
        &self,
        position: &lsp::TextDocumentPositionParams,
    ) -> Option<(&Document, usize)> {
        let rel = self.relative(&position.text_document.uri)?;
        let doc = self.doc(&rel)?;
        let offset = Lines::of(doc).offset(position.position);
        Some((doc, offset))
    }

    /// Diagnostics of `rel` as the protocol has them.
    pub(super) fn convert(&self, rel: &str, diagnostics: &[Diagnostic]) -> Vec<lsp::Diagnostic> {
        let lines = self.lines(rel).unwrap_or_else(|| Lines::new(""));
        self.convert_in(&lines, diagnostics)
    }

    /// Diagnostics placed in `lines` as the protocol has them.
    fn convert_in(&self, lines: &Lines, diagnostics: &[Diagnostic]) -> Vec<lsp::Diagnostic> {
        diagnostics
            .iter()
            .map(|d| lsp::Diagnostic {
                range: lines.range(d.span),
                severity: Some(match d.severity() {
                    Severity::Error => lsp::DiagnosticSeverity::ERROR,
                    Severity::Warning => lsp::DiagnosticSeverity::WARNING,
                    Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
                }),
                code: Some(lsp::NumberOrString::String(d.code.as_str().to_owned())),
                code_description: self
                    .rules_doc
                    .clone()
                    .map(|href| lsp::CodeDescription { href }),
                source: Some("ties".to_owned()),
                message: match &d.help {
                    Some(help) => format!("{}\nhelp: {help}", d.message),
                    None => d.message.clone(),
                },
                ..lsp::Diagnostic::default()
            })
            .collect()
    }
}

/// What the server can do, as `initialize` answers it; the code lens only for a client
/// that runs its command.
fn capabilities(client: Client) -> lsp::InitializeResult {
    let markdown = |glob: &str, matches| lsp::FileOperationFilter {
        scheme: Some("file".to_owned()),
        pattern: lsp::FileOperationPattern {
            glob: glob.to_owned(),
            matches: Some(matches),
            options: Some(lsp::FileOperationPatternOptions {
                ignore_case: Some(true),
            }),
        },
    };
    let files = lsp::FileOperationRegistrationOptions {
        filters: vec![
            markdown("**/*.md", lsp::FileOperationPatternKind::File),
            markdown("**", lsp::FileOperationPatternKind::Folder),
        ],
    };
    let capabilities = lsp::ServerCapabilities {
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                ..lsp::TextDocumentSyncOptions::default()
            },
        )),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(["[", ":", " ", ",", "-"].map(str::to_owned).to_vec()),
            ..lsp::CompletionOptions::default()
        }),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        definition_provider: Some(lsp::OneOf::Left(true)),
        references_provider: Some(lsp::OneOf::Left(true)),
        rename_provider: Some(lsp::OneOf::Right(lsp::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: lsp::WorkDoneProgressOptions::default(),
        })),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![
                    lsp::CodeActionKind::QUICKFIX,
                    lsp::CodeActionKind::REFACTOR_REWRITE,
                ]),
                ..lsp::CodeActionOptions::default()
            },
        )),
        code_lens_provider: client.runs_commands.then_some(lsp::CodeLensOptions {
            resolve_provider: Some(false),
        }),
        execute_command_provider: Some(lsp::ExecuteCommandOptions {
            commands: super::commands::NAMES.map(str::to_owned).to_vec(),
            work_done_progress_options: lsp::WorkDoneProgressOptions::default(),
        }),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        workspace_symbol_provider: Some(lsp::OneOf::Left(true)),
        workspace: Some(lsp::WorkspaceServerCapabilities {
            workspace_folders: None,
            file_operations: Some(lsp::WorkspaceFileOperationsServerCapabilities {
                did_create: Some(files.clone()),
                will_rename: Some(files.clone()),
                did_rename: Some(files.clone()),
                did_delete: Some(files),
                ..lsp::WorkspaceFileOperationsServerCapabilities::default()
            }),
        }),
        ..lsp::ServerCapabilities::default()
    };
    lsp::InitializeResult {
        capabilities,
        server_info: Some(lsp::ServerInfo {
            name: "ties".to_owned(),
            version: Some(env!("CARGO_PKG_VERSION").to_owned()),
        }),
    }
}

#[cfg(test)]
impl<'a> Server<'a> {
    /// A server on `connection` whose clock says `now`, as `initialize` leaves it.
    pub(super) fn for_tests(connection: &'a Connection, now: chrono::NaiveDateTime) -> Self {
        let (events, _) = std::sync::mpsc::channel();
        let mut server = Self::new(connection, events, Clock::Fixed(now), None);
        server.initialized = true;
        server
    }

    /// Loads the notebook that `dir` is in, as `initialize` does, but here and now.
    pub(super) fn load(&mut self, dir: &Path) {
        let root = crate::notebook::discover(None, dir)
            .unwrap()
            .canonicalize()
            .unwrap();
        let loaded =
            Workspace::load_with(&root, self.clock.now(), self.cache).map_err(|e| e.to_string());
        self.loaded(loaded);
    }

    /// What the server does once its queue is empty, at `now`.
    pub(super) fn check_at(&mut self, now: chrono::NaiveDateTime) {
        self.clock = Clock::Fixed(now);
        self.unchecked = true;
        self.idle();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(when: &str) -> chrono::NaiveDateTime {
        chrono::NaiveDateTime::parse_from_str(when, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn the_timer_waits_until_past_midnight() {
        assert_eq!(
            until_midnight(at("2026-11-21 23:59")),
            Some(Duration::from_secs(61))
        );
        assert_eq!(
            until_midnight(at("2026-11-21 00:00")),
            Some(Duration::from_secs(24 * 3600 + 1))
        );
    }

    /// Issue 25, defect 4: idle across midnight, nothing was published until the next
    /// request. The timer's new day checks the notebook and publishes what changed.
    #[test]
    fn a_new_day_is_published_without_a_request() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(root.join("ties.yaml"), "").unwrap();
        std::fs::create_dir_all(root.join("events")).unwrap();
        std::fs::create_dir_all(root.join("contacts")).unwrap();
        std::fs::write(root.join("contacts/ada.md"), "---\nname: Ada\n---\n").unwrap();
        std::fs::write(
            root.join("events/meetup.md"),
            "---\nname: Meetup\ndate: 2026-11-22\nmet: [ada]\n---\n",
        )
        .unwrap();
        let (connection, client) = Connection::memory();
        let mut server = Server::for_tests(&connection, at("2026-11-21 23:59"));
        server.load(&root);
        server.check_at(at("2026-11-21 23:59"));
        let published = |client: &Connection| -> Vec<lsp::PublishDiagnosticsParams> {
            client
                .receiver
                .try_iter()
                .filter_map(|m| match m {
                    Message::Notification(n) if n.method == "textDocument/publishDiagnostics" => {
                        serde_json::from_value(n.params).ok()
                    }
                    _ => None,
                })
                .collect()
        };
        let before = published(&client);
        assert_eq!(before.len(), 1, "T303: met before the meetup");
        assert_eq!(before[0].diagnostics.len(), 1);
        // The timer ran out: the clock says the next day.
        server.clock = Clock::Fixed(at("2026-11-22 00:00"));
        server.midnight();
        server.idle();
        let after = published(&client);
        assert_eq!(after.len(), 1, "{after:?}");
        assert!(after[0].uri.as_str().ends_with("/events/meetup.md"));
        assert_eq!(after[0].diagnostics, []);
    }

    /// Issue 25, defect 9: each keystroke re-parsed the whole buffer (300 edits to a 1 MB
    /// note took 10 s to catch up). The 300 edits of a burst only edit the server's copy of
    /// the text: the workspace parses the document once, for the last version.
    #[test]
    fn a_burst_of_edits_to_a_big_note_is_one_parse() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::write(root.join("ties.yaml"), "").unwrap();
        std::fs::create_dir_all(root.join("notes")).unwrap();
        let big = "Met [[nobody]] at the fair.\n".repeat(40_000);
        std::fs::write(root.join("notes/big.md"), &big).unwrap();
        let (connection, _client) = Connection::memory();
        let now = at("2026-11-21 09:00");
        let mut server = Server::for_tests(&connection, now);
        server.load(&root);
        let uri = uri_of(&root.join("notes/big.md")).unwrap();
        let notify = |method: &str, params: serde_json::Value| {
            Message::Notification(Notification::new(method.to_owned(), params))
        };
        server.message(notify(
            "textDocument/didOpen",
            serde_json::json!({ "textDocument": {
                "uri": uri, "languageId": "markdown", "version": 1, "text": big } }),
        ));
        for version in 2..302 {
            server.message(notify(
                "textDocument/didChange",
                serde_json::json!({
                    "textDocument": { "uri": uri, "version": version },
                    "contentChanges": [{
                        "range": { "start": { "line": 0, "character": 0 },
                                   "end": { "line": 0, "character": 0 } },
                        "text": "x",
                    }],
                }),
            ));
        }
        server.flush();
        let round = server.workspace.as_mut().unwrap().check(now).unwrap();
        assert_eq!(round.files_read, 1, "one parse for 301 versions");
        let text = server.opened("notes/big.md").unwrap();
        assert_eq!(text.version, 301);
        assert!(text.text.starts_with(&format!("{}Met", "x".repeat(300))));
    }

    #[test]
    fn the_rules_doc_is_linked_only_where_it_is() {
        let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md");
        let link = rules_doc(&here).unwrap();
        assert!(link.as_str().starts_with("file:///"), "{}", link.as_str());
        assert!(
            link.as_str().ends_with("/docs/format.md#rule-codes"),
            "{}",
            link.as_str()
        );
        // An installed binary, its sources gone: no link, not a dead one.
        let gone = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/no-such-file.md");
        assert_eq!(rules_doc(&gone), None);
        assert_eq!(
            rules_doc(Path::new(env!("CARGO_MANIFEST_DIR"))),
            None,
            "a folder"
        );
    }
}
