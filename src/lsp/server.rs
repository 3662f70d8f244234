//! The server: its protocol state (the client's open documents and their versions, what
//! each file was last told), the loop that reads messages, and the typed dispatch of each
//! request and notification to its handler (one file per family: [`sync`](super::sync),
//! [`complete`](super::complete), [`navigate`](super::navigate),
//! [`actions`](super::actions), [`symbols`](super::symbols)). The notebook is a
//! [`Workspace`], loaded once the client says where it is: open buffers stand in for their
//! files, and every change only queues: the check runs once the queue of messages is empty,
//! so a client that types faster than the server checks gets one check per burst, not one
//! per key.

use std::collections::{BTreeSet, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

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
use crate::notebook::{self, CONFIG_FILE};
use crate::workspace::Workspace;

use super::convert::{Lines, path_of, uri_of};

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

/// A document the client has open: its URI as the client spells it, and its version.
struct Open {
    uri: lsp::Uri,
    version: i32,
}

pub(crate) struct Server<'a> {
    connection: &'a Connection,
    clock: Clock,
    explicit: Option<PathBuf>,
    cwd: PathBuf,
    pub(super) workspace: Option<Workspace>,
    open: HashMap<String, Open>,
    /// A check to run once the queue is empty.
    unchecked: bool,
    /// Files whose diagnostics may have changed since they were last published.
    unpublished: BTreeSet<String>,
    /// What each file was last told.
    published: HashMap<String, Vec<lsp::Diagnostic>>,
    shutdown: bool,
    pub(super) watch_files: bool,
    /// How a draft opens in this client.
    pub(super) drafts: Drafts,
    /// The `codeDescription` link of every diagnostic, if the docs are on this machine.
    rules_doc: Option<lsp::Uri>,
}

/// Serves until `exit`: success if `shutdown` came first, as the protocol asks.
pub(crate) fn serve(config: &Config, connection: &Connection) -> ExitStatus {
    let mut server = Server::new(connection, config.clock, rules_doc(Path::new(RULES_DOC)));
    server.explicit.clone_from(&config.notebook);
    server.cwd.clone_from(&config.cwd);
    let mut initialized = false;
    while let Ok(message) = connection.receiver.recv() {
        match message {
            Message::Request(request) if request.method == request::Initialize::METHOD => {
                initialized = true;
                server.initialize(request);
            }
            Message::Request(request) if !initialized => {
                server.refuse(
                    request.id,
                    (ErrorCode::ServerNotInitialized, "not initialized".into()),
                );
            }
            Message::Request(request) => server.request(request),
            Message::Notification(n) if n.method == notification::Exit::METHOD => break,
            Message::Notification(n) => server.notification(n),
            Message::Response(_) => {}
        }
        if server.unchecked && connection.receiver.is_empty() {
            // A bug in a rule must not end the session: the buffers stay open, and the
            // next change checks again.
            if catch_unwind(AssertUnwindSafe(|| server.check())).is_err() {
                server.unchecked = false;
                log("the check failed: a bug in ties; please report it");
            }
        }
    }
    if server.shutdown {
        ExitStatus::Success
    } else {
        ExitStatus::Failure
    }
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
    let id = request.id.clone();
    match request.extract::<R::Params>(R::METHOD) {
        Ok((id, params)) => Ok(match handle(server, params) {
            Ok(result) => lsp_server::Response::new_ok(id, result),
            Err((code, message)) => lsp_server::Response::new_err(id, code as i32, message),
        }),
        Err(ExtractError::MethodMismatch(request)) => Err(request),
        Err(ExtractError::JsonError { error, .. }) => Ok(lsp_server::Response::new_err(
            id,
            ErrorCode::InvalidParams as i32,
            error.to_string(),
        )),
    }
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
    fn new(connection: &'a Connection, clock: Clock, rules_doc: Option<lsp::Uri>) -> Self {
        Self {
            connection,
            clock,
            explicit: None,
            cwd: PathBuf::from("/"),
            workspace: None,
            open: HashMap::new(),
            unchecked: false,
            unpublished: BTreeSet::new(),
            published: HashMap::new(),
            shutdown: false,
            watch_files: false,
            drafts: Drafts::Section,
            rules_doc,
        }
    }

    pub(super) fn send(&self, message: impl Into<Message>) {
        let _ = self.connection.sender.send(message.into());
    }

    fn refuse(&self, id: RequestId, (code, message): Refusal) {
        self.send(lsp_server::Response::new_err(id, code as i32, message));
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
        self.watch_files = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        self.drafts = Drafts::of(&params);
        let folder = folder.unwrap_or_else(|| self.cwd.clone());
        self.load(&folder);
        self.send(lsp_server::Response::new_ok(id, capabilities()));
    }

    /// Loads the notebook that `dir` is in (or `--notebook`), as the CLI finds it.
    pub(super) fn load(&mut self, dir: &Path) {
        let found = notebook::discover_real(self.explicit.as_deref(), dir)
            .and_then(|root| Workspace::load(&root, self.clock.now()));
        match found {
            Ok((workspace, first)) => {
                log(&format!(
                    "notebook {} ({} files)",
                    workspace.root().display(),
                    workspace.index().files()
                ));
                self.unpublished.extend(first.changed);
                self.workspace = Some(workspace);
                self.unchecked = true;
            }
            Err(e) => log(&format!("no notebook yet: {e}")),
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
        if request.method == request::Shutdown::METHOD {
            self.shutdown = true;
            self.send(lsp_server::Response::new_ok(request.id, ()));
            return;
        }
        // Every change sent before the request counts in the answer, and the day it is.
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
    fn answer(&self, request: Request) -> lsp_server::Response {
        use super::{actions, complete, navigate, symbols};
        let answered = dispatch::<request::Completion>(self, request, complete::completion)
            .or_else(|r| dispatch::<request::HoverRequest>(self, r, complete::hover))
            .or_else(|r| dispatch::<request::GotoDefinition>(self, r, navigate::definition))
            .or_else(|r| dispatch::<request::References>(self, r, navigate::references))
            .or_else(|r| dispatch::<request::PrepareRenameRequest>(self, r, navigate::prepare))
            .or_else(|r| dispatch::<request::Rename>(self, r, navigate::rename))
            .or_else(|r| dispatch::<request::CodeActionRequest>(self, r, actions::code_actions))
            .or_else(|r| dispatch::<request::CodeLensRequest>(self, r, actions::code_lens))
            .or_else(|r| dispatch::<request::DocumentSymbolRequest>(self, r, symbols::symbols));
        answered.unwrap_or_else(|other| {
            lsp_server::Response::new_err(
                other.id,
                ErrorCode::MethodNotFound as i32,
                format!("ties does not answer {}", other.method),
            )
        })
    }

    fn notification(&mut self, n: Notification) {
        use super::sync;
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
        }));
        match handled {
            // Handled, or a notification `ties` has no use for.
            Ok(Ok(Ok(())) | Err(_)) => {}
            Ok(Ok(Err(e))) => log(&format!("{method}: {e}")),
            Err(_) => log(&format!("{method} failed: a bug in ties; please report it")),
        }
    }

    /// The client opened a document: its URI and version are kept for what is sent back.
    pub(super) fn open(&mut self, rel: &str, uri: lsp::Uri, version: i32) {
        self.open.insert(rel.to_owned(), Open { uri, version });
        self.unchecked = true;
    }

    pub(super) fn set_version(&mut self, rel: &str, version: i32) {
        if let Some(open) = self.open.get_mut(rel) {
            open.version = version;
        }
        self.unchecked = true;
    }

    /// The client closed a document; `false` if it was not open.
    pub(super) fn close(&mut self, rel: &str) -> bool {
        self.unchecked = true;
        self.open.remove(rel).is_some()
    }

    pub(super) fn is_open(&self, rel: &str) -> bool {
        self.open.contains_key(rel)
    }

    pub(super) fn version(&self, rel: &str) -> Option<i32> {
        self.open.get(rel).map(|o| o.version)
    }

    pub(super) fn changed(&mut self) {
        self.unchecked = true;
    }

    /// Checks the notebook and publishes what changed for each file.
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
        for path in std::mem::take(&mut self.unpublished) {
            self.publish(&path);
        }
    }

    /// Tells the client the diagnostics of `path`, unless it was told them already.
    fn publish(&mut self, path: &str) {
        let Some(workspace) = self.workspace.as_ref() else {
            return;
        };
        let converted = self.convert(path, &workspace.diagnostics_at(path));
        let told = self.published.get(path);
        if told.map_or(converted.is_empty(), |t| *t == converted) {
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
    pub(super) fn relative(&self, uri: &lsp::Uri) -> Option<String> {
        self.workspace.as_ref()?.notebook_path(&path_of(uri)?)
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
            let buffer = self.workspace.as_ref()?.buffer(rel);
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

/// What the server can do, as `initialize` answers it.
fn capabilities() -> lsp::InitializeResult {
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
        code_lens_provider: Some(lsp::CodeLensOptions {
            resolve_provider: Some(false),
        }),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
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
        Self::new(connection, Clock::Fixed(now), None)
    }

    /// What the server does once its queue is empty, at `now`.
    pub(super) fn check_at(&mut self, now: chrono::NaiveDateTime) {
        self.clock = Clock::Fixed(now);
        self.check();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
