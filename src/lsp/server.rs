//! The server's state and its answer to each message. The notebook is loaded once, when
//! the client says where it is; open buffers replace their files in the index as they are
//! typed (the file on disk does not count while a buffer is open); files changed outside
//! the editor come in through `workspace/didChangeWatchedFiles`. Every change only marks the
//! notebook for a check: the check runs once the queue of messages is empty, so a client
//! that types faster than the server checks gets one check per burst, not one per key.

use std::collections::{BTreeSet, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use serde_json::{Value, json};

use crate::assist::{at, complete, fix, hover, next, references, rename, sections, settings};
use crate::check::Checker;
use crate::config::{Clock, Config};
use crate::diagnostic::{Diagnostic, Placed};
use crate::document::Document;
use crate::exit::ExitStatus;
use crate::findings::Severity;
use crate::index::{Affected, Edit, Index};
use crate::model::{Kind, Settings};
use crate::notebook::{self, CONFIG_FILE};

use super::convert::{Lines, path_of, uri_of};

/// Where the rules' docs are, for `codeDescription`: the table of rule codes in the
/// `docs/format.md` of the sources this binary was built from (`ties explain CODE` prints
/// the same text). `ties` has no published site to link to instead, and an installed binary
/// usually runs where those sources are not: see [`rules_doc`].
const RULES_DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/format.md");

/// The link to the rules' docs at `path`, if that file is there: a link to a file that
/// does not exist would only open an error in the editor. Checked once, at start.
fn rules_doc(path: &Path) -> Option<String> {
    if !path.is_file() {
        return None;
    }
    uri_of(path).map(|uri| format!("{}#rule-codes", uri.as_str()))
}

/// Moves the notebook's "now" to the clock's, and says whether the day changed: what the
/// time-bound rules (T302, T303) and the agenda's groups say may have changed with it,
/// which [`Checker::update`] brings up to date (it re-checks the documents whose
/// findings count in the time when `now` moved). Within a day, the next change is enough.
fn roll(index: &mut Index, now: chrono::NaiveDateTime) -> bool {
    if index.now == now {
        return false;
    }
    let new_day = index.today != now.date();
    index.set_now(now);
    new_day
}

/// A buffer the client has open, by path from the notebook root.
struct Open {
    uri: lsp::Uri,
    version: i32,
    text: String,
}

#[allow(
    clippy::struct_excessive_bools,
    reason = "independent flags of one session, not a state machine"
)]
struct Server<'a> {
    connection: &'a Connection,
    clock: Clock,
    explicit: Option<PathBuf>,
    cwd: PathBuf,
    index: Option<Index>,
    open: HashMap<String, Open>,
    /// Lookups to rebuild before the next answer ([`Index::relink`]).
    stale: bool,
    /// A check to run once the queue is empty.
    unchecked: bool,
    /// What each file was last told, and the diagnostics behind it (for code actions).
    published: HashMap<String, Vec<Value>>,
    diagnostics: HashMap<String, Vec<Diagnostic>>,
    shutdown: bool,
    watch_files: bool,
    /// The `codeDescription` link of every diagnostic, if the docs are on this machine.
    rules_doc: Option<String>,
    /// What the walk leaves out (hidden files, `.gitignore`): an open buffer there is not
    /// part of the notebook either, as for `ties check`.
    ignores: Option<notebook::Ignores>,
    /// The diagnostics, kept per document and brought up to date by what changed.
    checker: Option<Checker>,
    /// Changes not applied to the index yet, and what the applied ones affect.
    pending: Vec<Edit>,
    affected: Affected,
    /// `ties.yaml` changed: the next check starts afresh.
    settings_changed: bool,
}

/// Serves until `exit`: success if `shutdown` came first, as the protocol asks.
pub(crate) fn serve(config: &Config, connection: &Connection) -> ExitStatus {
    let mut server = Server {
        connection,
        clock: config.clock,
        explicit: config.notebook.clone(),
        cwd: config.cwd.clone(),
        index: None,
        open: HashMap::new(),
        stale: false,
        unchecked: false,
        published: HashMap::new(),
        diagnostics: HashMap::new(),
        shutdown: false,
        watch_files: false,
        ignores: None,
        checker: None,
        pending: Vec::new(),
        affected: Affected::default(),
        settings_changed: false,
        rules_doc: rules_doc(Path::new(RULES_DOC)),
    };
    let mut initialized = false;
    while let Ok(message) = connection.receiver.recv() {
        match message {
            Message::Request(request) if !initialized && request.method != "initialize" => {
                server.error(
                    request.id,
                    ErrorCode::ServerNotInitialized,
                    "not initialized",
                );
            }
            Message::Request(request) if request.method == "initialize" => {
                initialized = true;
                server.initialize(request);
            }
            Message::Request(request) => server.request(request),
            Message::Notification(n) if n.method == "exit" => break,
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

/// A section as a document symbol, its subsections as children.
fn symbol(lines: &Lines<'_>, s: &sections::Section) -> Value {
    json!({
        "name": s.name,
        "kind": 15, // String: a heading has no better kind
        "range": lines.range(s.span),
        "selectionRange": lines.range(s.heading),
        "children": s.children.iter().map(|c| symbol(lines, c)).collect::<Vec<_>>(),
    })
}

fn log(message: &str) {
    eprintln!("ties lsp: {message}");
}

impl Server<'_> {
    fn send(&self, message: impl Into<Message>) {
        let _ = self.connection.sender.send(message.into());
    }

    fn error(&self, id: RequestId, code: ErrorCode, message: &str) {
        self.send(Response::new_err(id, code as i32, message.to_owned()));
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(Notification::new(method.to_owned(), params));
    }

    fn initialize(&mut self, request: Request) {
        let params: lsp::InitializeParams =
            serde_json::from_value(request.params).unwrap_or_default();
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
        if let Some(folder) = folder {
            self.load(&folder);
        } else {
            self.load(&self.cwd.clone());
        }
        let capabilities = json!({
            "textDocumentSync": { "openClose": true, "change": 2 },
            "completionProvider": { "triggerCharacters": ["[", ":", " ", ",", "-"] },
            "hoverProvider": true,
            "definitionProvider": true,
            "referencesProvider": true,
            "renameProvider": { "prepareProvider": true },
            "codeActionProvider": { "codeActionKinds": ["quickfix", "refactor.rewrite"] },
            "codeLensProvider": { "resolveProvider": false },
            "documentSymbolProvider": true,
        });
        let result = json!({
            "capabilities": capabilities,
            "serverInfo": { "name": "ties", "version": env!("CARGO_PKG_VERSION") },
        });
        self.send(Response::new_ok(request.id, result));
    }

    /// Loads the notebook that `dir` is in (or `--notebook`), as the CLI finds it.
    fn load(&mut self, dir: &Path) {
        let found = notebook::discover(self.explicit.as_deref(), dir)
            .and_then(|root| {
                root.canonicalize()
                    .map_err(|source| crate::error::Error::Io { path: root, source })
            })
            .and_then(|root| notebook::load(&root, self.clock.now()));
        match found {
            Ok(index) => {
                log(&format!(
                    "notebook {} ({} files)",
                    index.root.display(),
                    index.docs.len()
                ));
                self.ignores = Some(notebook::Ignores::load(&index.root));
                self.index = Some(index);
                self.unchecked = true;
            }
            Err(e) => log(&format!("no notebook yet: {e}")),
        }
    }

    fn request(&mut self, request: Request) {
        if self.shutdown {
            self.error(request.id, ErrorCode::InvalidRequest, "shutting down");
            return;
        }
        if request.method == "shutdown" {
            self.shutdown = true;
            self.send(Response::new_ok(request.id, ()));
            return;
        }
        self.relink();
        self.tick();
        let id = request.id.clone();
        let method = request.method.clone();
        // A bug in one answer must not take the server, and the user's other buffers, down.
        let answer = catch_unwind(AssertUnwindSafe(|| self.answer(&request)));
        match answer {
            Ok(Ok(result)) => self.send(Response::new_ok(id, result)),
            Ok(Err((code, message))) => self.error(id, code, &message),
            Err(_) => {
                log(&format!("{method} failed: a bug in ties; please report it"));
                self.error(id, ErrorCode::InternalError, "internal error (logged)");
            }
        }
    }

    fn answer(&self, request: &Request) -> Result<Value, (ErrorCode, String)> {
        let bad = |e: serde_json::Error| (ErrorCode::InvalidParams, e.to_string());
        let params = request.params.clone();
        match request.method.as_str() {
            "textDocument/completion" => {
                let p: lsp::CompletionParams = serde_json::from_value(params).map_err(bad)?;
                Ok(self.completion(&p.text_document_position))
            }
            "textDocument/hover" => {
                let p: lsp::HoverParams = serde_json::from_value(params).map_err(bad)?;
                Ok(self.hover(&p.text_document_position_params))
            }
            "textDocument/definition" => {
                let p: lsp::GotoDefinitionParams = serde_json::from_value(params).map_err(bad)?;
                Ok(self.definition(&p.text_document_position_params))
            }
            "textDocument/references" => {
                let p: lsp::ReferenceParams = serde_json::from_value(params).map_err(bad)?;
                Ok(self.references(&p.text_document_position, p.context.include_declaration))
            }
            "textDocument/prepareRename" => {
                let p: lsp::TextDocumentPositionParams =
                    serde_json::from_value(params).map_err(bad)?;
                Ok(self.prepare_rename(&p))
            }
            "textDocument/rename" => {
                let p: lsp::RenameParams = serde_json::from_value(params).map_err(bad)?;
                self.rename(&p.text_document_position, &p.new_name)
            }
            "textDocument/codeAction" => {
                let p: lsp::CodeActionParams = serde_json::from_value(params).map_err(bad)?;
                Ok(self.code_actions(&p.text_document.uri, p.range))
            }
            "textDocument/codeLens" => {
                let p: lsp::CodeLensParams = serde_json::from_value(params).map_err(bad)?;
                Ok(self.code_lens(&p.text_document.uri))
            }
            "textDocument/documentSymbol" => {
                let p: lsp::DocumentSymbolParams = serde_json::from_value(params).map_err(bad)?;
                Ok(self.symbols(&p.text_document.uri))
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("ties does not answer {other}"),
            )),
        }
    }

    fn notification(&mut self, n: Notification) {
        let method = n.method.clone();
        let handled = catch_unwind(AssertUnwindSafe(|| self.notified(n)));
        match handled {
            Ok(Ok(())) => {}
            Ok(Err(e)) => log(&format!("{method}: {e}")),
            Err(_) => log(&format!("{method} failed: a bug in ties; please report it")),
        }
    }

    fn notified(&mut self, n: Notification) -> Result<(), serde_json::Error> {
        match n.method.as_str() {
            "initialized" => self.register_watchers(),
            "textDocument/didOpen" => {
                let p: lsp::DidOpenTextDocumentParams = serde_json::from_value(n.params)?;
                let doc = p.text_document;
                if self.index.is_none()
                    && let Some(dir) = path_of(&doc.uri).as_deref().and_then(Path::parent)
                {
                    self.load(dir);
                }
                if let Some(rel) = self.relative(&doc.uri) {
                    self.open.insert(
                        rel.clone(),
                        Open {
                            uri: doc.uri,
                            version: doc.version,
                            text: doc.text,
                        },
                    );
                    self.put(&rel);
                }
            }
            "textDocument/didChange" => {
                let p: lsp::DidChangeTextDocumentParams = serde_json::from_value(n.params)?;
                let Some(rel) = self.relative(&p.text_document.uri) else {
                    return Ok(());
                };
                let Some(open) = self.open.get_mut(&rel) else {
                    return Ok(());
                };
                open.version = p.text_document.version;
                for change in p.content_changes {
                    match change.range {
                        Some(range) => {
                            let lines = Lines::new(&open.text);
                            let (start, end) = (lines.offset(range.start), lines.offset(range.end));
                            let (start, end) = (start.min(end), start.max(end));
                            open.text.replace_range(start..end, &change.text);
                        }
                        None => open.text = change.text,
                    }
                }
                self.put(&rel);
            }
            "textDocument/didClose" => {
                let p: lsp::DidCloseTextDocumentParams = serde_json::from_value(n.params)?;
                if let Some(rel) = self.relative(&p.text_document.uri)
                    && self.open.remove(&rel).is_some()
                {
                    // Unsaved changes are gone with the buffer: the file on disk counts again.
                    self.reread(&rel);
                }
            }
            "workspace/didChangeWatchedFiles" => {
                let p: lsp::DidChangeWatchedFilesParams = serde_json::from_value(n.params)?;
                for change in p.changes {
                    if let Some(rel) = self.relative(&change.uri)
                        && !self.open.contains_key(&rel)
                    {
                        self.reread(&rel);
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Asks the client to report changes of Markdown files and `ties.yaml` made outside it.
    fn register_watchers(&self) {
        if !self.watch_files {
            return;
        }
        let params = json!({ "registrations": [{
            "id": "ties-files",
            "method": "workspace/didChangeWatchedFiles",
            "registerOptions": { "watchers": [
                { "globPattern": "**/*.md" },
                { "globPattern": "**/ties.yaml" },
            ]},
        }]});
        self.send(Request::new(
            RequestId::from("ties-register".to_owned()),
            "client/registerCapability".to_owned(),
            params,
        ));
    }

    /// The path of `uri` from the notebook root, if it is in the notebook.
    fn relative(&self, uri: &lsp::Uri) -> Option<String> {
        let root = &self.index.as_ref()?.root;
        let path = path_of(uri)?;
        let inside = |p: &Path| p.strip_prefix(root).ok().map(Path::to_path_buf);
        // The client may name the file through a symlink the root was resolved through.
        let rel = inside(&path).or_else(|| {
            let parent = path.parent()?.canonicalize().ok()?;
            inside(&parent.join(path.file_name()?))
        })?;
        if self
            .ignores
            .as_ref()
            .is_some_and(|i| i.is_ignored(&root.join(&rel), false))
        {
            return None;
        }
        let rel = rel.to_string_lossy().replace('\\', "/");
        let markdown = Path::new(&rel)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"));
        (markdown || rel == CONFIG_FILE).then_some(rel)
    }

    /// Puts the open buffer `rel` into the index in place of its file.
    fn put(&mut self, rel: &str) {
        let (Some(index), Some(open)) = (self.index.as_mut(), self.open.get(rel)) else {
            return;
        };
        if rel == CONFIG_FILE {
            let settings = notebook::decode_settings(open.text.as_bytes().to_vec());
            self.settle(settings);
        } else {
            let doc = Document::parse(
                rel.to_owned(),
                Ok(open.text.as_bytes().to_vec()),
                &index.settings.conventions,
            );
            self.pending.push(Edit::Put(doc));
        }
        self.changed();
    }

    /// Takes new settings from `ties.yaml`. If they read the files differently (`folders`,
    /// `ids`, `keys`, the owner), every document is parsed again, open buffers from their
    /// text and the rest from disk, as `watch` does: a kind, an id or a key of any file may
    /// have changed.
    fn settle(&mut self, (settings, text, findings): (Settings, String, Vec<Placed>)) {
        let Some(index) = self.index.as_mut() else {
            return;
        };
        let reread = settings.conventions != index.settings.conventions;
        index.settings = settings;
        index.settings_text = text;
        index.settings_findings = findings;
        self.settings_changed = true;
        if reread {
            let conventions = index.settings.conventions.clone();
            for doc in &index.docs {
                let fresh = match self.open.get(&doc.path) {
                    Some(open) => Document::parse(
                        doc.path.clone(),
                        Ok(open.text.as_bytes().to_vec()),
                        &conventions,
                    ),
                    None => notebook::read_document(
                        &index.root,
                        &index.root.join(&doc.path),
                        &conventions,
                    ),
                };
                self.pending.push(Edit::Put(fresh));
            }
        }
    }

    /// The notebook changed: check it when the queue is empty, rebuild what depends on it.
    fn changed(&mut self) {
        self.stale = true;
        self.unchecked = true;
    }

    /// Reads `rel` from disk again: changed, created or deleted outside the editor.
    fn reread(&mut self, rel: &str) {
        let Some(index) = self.index.as_mut() else {
            return;
        };
        let path = index.root.join(rel);
        if rel == CONFIG_FILE {
            // An open `ties.yaml` is the buffer's, not the disk's.
            if !self.open.contains_key(CONFIG_FILE)
                && let Ok(settings) = notebook::load_settings(&index.root)
            {
                self.settle(settings);
            }
        } else if path.is_file() {
            let doc = notebook::read_document(&index.root, &path, &index.settings.conventions);
            self.pending.push(Edit::Put(doc));
        } else {
            self.pending.push(Edit::Gone(rel.to_owned()));
        }
        self.changed();
    }

    /// Brings the notebook's "now" up to the clock: completion's today, the agenda and
    /// the time-bound rules move on past midnight without waiting for a change.
    /// A new day re-checks the notebook (once the queue is empty) and publishes what the
    /// time-bound rules now say, without waiting for an edit.
    fn tick(&mut self) {
        let now = self.clock.now();
        if let Some(index) = self.index.as_mut()
            && roll(index, now)
        {
            self.unchecked = true;
        }
    }

    /// Applies the pending changes to the index (which relinks only what they touch), and
    /// keeps what they affect for the next check.
    fn relink(&mut self) {
        if self.stale
            && let Some(index) = self.index.as_mut()
        {
            let affected = index.apply(std::mem::take(&mut self.pending));
            self.affected.paths.extend(affected.paths);
            self.affected.removed.extend(affected.removed);
            self.affected.ids_changed |= affected.ids_changed;
            self.stale = false;
        }
    }

    /// Checks the notebook and publishes what changed for each file.
    fn check(&mut self) {
        self.relink();
        self.unchecked = false;
        let Some(rechecked) = self.recheck() else {
            return;
        };
        for (path, found) in rechecked {
            let converted = self.convert(&path, &found);
            if self
                .published
                .get(&path)
                .map_or(converted.is_empty(), |p| *p == converted)
            {
                self.diagnostics.insert(path, found);
                continue;
            }
            if let Some(uri) = self.uri(&path) {
                let version = self.open.get(&path).map(|o| o.version);
                self.notify(
                    "textDocument/publishDiagnostics",
                    json!({ "uri": uri, "diagnostics": converted, "version": version }),
                );
            }
            if converted.is_empty() {
                self.published.remove(&path);
                self.diagnostics.remove(&path);
            } else {
                self.published.insert(path.clone(), converted);
                self.diagnostics.insert(path, found);
            }
        }
    }

    /// The one place the notebook is re-checked after a change: the paths whose diagnostics
    /// may have changed, each with its diagnostics now ([`Server::check`] publishes those
    /// that did). The checker re-runs the rules only on the documents the applied changes
    /// affect (`check::Checker::update`, the engine `watch` uses); the first check, and a
    /// change of `ties.yaml`, check everything.
    fn recheck(&mut self) -> Option<Vec<(String, Vec<Diagnostic>)>> {
        self.tick();
        let index = self.index.as_ref()?;
        let affected = std::mem::take(&mut self.affected);
        let changed: BTreeSet<String> = match self.checker.as_mut() {
            Some(checker) if !self.settings_changed => checker.update(index, &affected),
            _ => {
                let fresh = Checker::new(index);
                let mut paths: BTreeSet<String> = self.published.keys().cloned().collect();
                paths.extend(fresh.diagnostics().into_iter().map(|d| d.path));
                self.checker = Some(fresh);
                paths
            }
        };
        self.settings_changed = false;
        let checker = self.checker.as_ref()?;
        // `ties.yaml` and walk problems belong to no document: read them from the whole list.
        let others: Vec<Diagnostic> = if changed.iter().any(|p| index.position(p).is_none()) {
            checker
                .diagnostics()
                .into_iter()
                .filter(|d| index.position(&d.path).is_none())
                .collect()
        } else {
            Vec::new()
        };
        Some(
            changed
                .into_iter()
                .map(|path| {
                    let found = if index.position(&path).is_some() {
                        checker.of(&path).to_vec()
                    } else {
                        others.iter().filter(|d| d.path == path).cloned().collect()
                    };
                    (path, found)
                })
                .collect(),
        )
    }

    fn uri(&self, rel: &str) -> Option<lsp::Uri> {
        if let Some(open) = self.open.get(rel) {
            return Some(open.uri.clone());
        }
        uri_of(&self.index.as_ref()?.root.join(rel))
    }

    /// The lines of `rel` as the editor counts them (a document's byte-order mark included).
    fn lines(&self, rel: &str) -> Option<Lines<'_>> {
        let index = self.index.as_ref()?;
        if rel == CONFIG_FILE {
            return Some(Lines::new(&index.settings_text));
        }
        self.doc(rel).map(Lines::of)
    }

    fn doc(&self, rel: &str) -> Option<&Document> {
        let index = self.index.as_ref()?;
        let i = index
            .docs
            .binary_search_by(|d| d.path.as_str().cmp(rel))
            .ok()?;
        Some(&index.docs[i])
    }

    fn convert(&self, rel: &str, diagnostics: &[Diagnostic]) -> Vec<Value> {
        let lines = self.lines(rel).unwrap_or_else(|| Lines::new(""));
        diagnostics
            .iter()
            .map(|d| {
                let severity = match d.severity() {
                    Severity::Error => 1,
                    Severity::Warning => 2,
                };
                let message = match &d.help {
                    Some(help) => format!("{}\nhelp: {help}", d.message),
                    None => d.message.clone(),
                };
                let mut diagnostic = json!({
                    "range": lines.range(d.span),
                    "severity": severity,
                    "code": d.code.as_str(),
                    "source": "ties",
                    "message": message,
                });
                if let Some(href) = &self.rules_doc {
                    diagnostic["codeDescription"] = json!({ "href": href });
                }
                diagnostic
            })
            .collect()
    }

    /// The document at a position and the byte offset there.
    fn at(&self, position: &lsp::TextDocumentPositionParams) -> Option<(&Document, usize)> {
        let rel = self.relative(&position.text_document.uri)?;
        let doc = self.doc(&rel)?;
        let offset = Lines::of(doc).offset(position.position);
        Some((doc, offset))
    }

    /// `ties.yaml`'s text and the byte offset at a position in it, if that is the file.
    fn in_settings(&self, position: &lsp::TextDocumentPositionParams) -> Option<(&str, usize)> {
        let index = self.index.as_ref()?;
        if self.relative(&position.text_document.uri)? != CONFIG_FILE {
            return None;
        }
        let text = index.settings_text.as_str();
        Some((text, Lines::new(text).offset(position.position)))
    }

    fn completion(&self, position: &lsp::TextDocumentPositionParams) -> Value {
        let (found, lines) = if let Some((text, offset)) = self.in_settings(position) {
            (settings::complete(text, offset), Lines::new(text))
        } else {
            let (Some(index), Some((doc, offset))) = (self.index.as_ref(), self.at(position))
            else {
                return Value::Null;
            };
            (complete::at(index, doc, offset), Lines::of(doc))
        };
        let range = lines.range(found.replace);
        let items: Vec<Value> = found
            .candidates
            .iter()
            .map(|c| {
                let kind = match c.what {
                    complete::What::Record(Kind::Contact) => 18, // Reference
                    complete::What::Record(_) => 17,             // File
                    complete::What::Value => 12,                 // Value
                    complete::What::Key => 10,                   // Property
                    complete::What::Date => 21,                  // Constant
                };
                let filter = match &c.name {
                    Some(name) => format!("{} {name}", c.label),
                    None => c.label.clone(),
                };
                json!({
                    "label": c.label,
                    "labelDetails": { "detail": c.name.as_ref().map(|n| format!(" {n}")), "description": c.detail },
                    "kind": kind,
                    "detail": c.detail,
                    "filterText": filter,
                    "textEdit": { "range": range, "newText": c.insert },
                })
            })
            .collect();
        json!({ "isIncomplete": found.incomplete, "items": items })
    }

    fn hover(&self, position: &lsp::TextDocumentPositionParams) -> Value {
        if let Some((text, offset)) = self.in_settings(position) {
            return match settings::hover(text, offset) {
                Some((doc, span)) => json!({
                    "contents": { "kind": "markdown", "value": doc },
                    "range": Lines::new(text).range(span),
                }),
                None => Value::Null,
            };
        }
        let (Some(index), Some((doc, offset))) = (self.index.as_ref(), self.at(position)) else {
            return Value::Null;
        };
        let conventions = &index.settings.conventions;
        let (text, span) = match at::under(doc, offset, conventions) {
            Some(at::Target::Id { id, kind, span }) => {
                let id = at::record(index, kind, &id).map(|d| d.id.to_string());
                (id.and_then(|id| hover::record(index, &id)), span)
            }
            Some(at::Target::File { path, span }) => {
                let id = self.doc(&path).map(|d| d.id.to_string());
                (id.and_then(|id| hover::record(index, &id)), span)
            }
            Some(at::Target::Key { key, span }) => (hover::key(doc.kind, &key), span),
            None => (None, crate::span::Span::new(0, 0)),
        };
        match text {
            Some(text) => json!({
                "contents": { "kind": "markdown", "value": text },
                "range": Lines::of(doc).range(span),
            }),
            None => Value::Null,
        }
    }

    /// The file the target under the cursor names, from the root.
    fn target_file(&self, position: &lsp::TextDocumentPositionParams) -> Option<String> {
        let index = self.index.as_ref()?;
        let (doc, offset) = self.at(position)?;
        match at::under(doc, offset, &index.settings.conventions)? {
            at::Target::Id { id, kind, .. } => at::record(index, kind, &id).map(|d| d.path.clone()),
            at::Target::File { path, .. } => index.has_path(&path).then_some(path),
            at::Target::Key { .. } => None,
        }
    }

    fn location(&self, rel: &str, range: lsp::Range) -> Option<Value> {
        Some(json!({ "uri": self.uri(rel)?, "range": range }))
    }

    fn definition(&self, position: &lsp::TextDocumentPositionParams) -> Value {
        self.target_file(position)
            .and_then(|path| self.location(&path, lsp::Range::default()))
            .unwrap_or(Value::Null)
    }

    fn references(&self, position: &lsp::TextDocumentPositionParams, declaration: bool) -> Value {
        let Some(index) = self.index.as_ref() else {
            return Value::Null;
        };
        let Some(path) = self.target_file(position) else {
            return Value::Null;
        };
        let Some(id) = self.doc(&path).map(|d| d.id.to_string()) else {
            return Value::Null;
        };
        let mut out = Vec::new();
        if declaration {
            out.extend(self.location(&path, lsp::Range::default()));
        }
        for mention in references::to(index, &id) {
            let Some(lines) = self.lines(&mention.path) else {
                continue;
            };
            let range = lines.range(mention.span);
            out.extend(self.location(&mention.path, range));
        }
        Value::Array(out)
    }

    /// The id under the cursor and the span of its own bytes, for a rename.
    fn renamable(
        &self,
        position: &lsp::TextDocumentPositionParams,
    ) -> Option<(String, crate::span::Span)> {
        let index = self.index.as_ref()?;
        let (doc, offset) = self.at(position)?;
        let (id, span) = match at::under(doc, offset, &index.settings.conventions)? {
            at::Target::Id { id, kind, span } => {
                // The record's own id, and where the reference spells it: a reference by
                // name or alias is not renamed (it does not spell the id).
                let found = at::record(index, kind, &id)?;
                (found.id.to_string(), span)
            }
            at::Target::File { path, span } => (self.doc(&path)?.id.to_string(), span),
            at::Target::Key { .. } => return None,
        };
        index.get(&id)?;
        let slice = &doc.text().unwrap_or("")[span.range()];
        let at = slice
            .rfind(&format!("{id}.md"))
            .or_else(|| slice.find(&id))?;
        Some((
            id.clone(),
            crate::span::Span::new(span.start + at, span.start + at + id.len()),
        ))
    }

    fn prepare_rename(&self, position: &lsp::TextDocumentPositionParams) -> Value {
        let Some((doc, _)) = self.at(position) else {
            return Value::Null;
        };
        match self.renamable(position) {
            Some((id, span)) => json!({
                "range": Lines::of(doc).range(span),
                "placeholder": id,
            }),
            None => Value::Null,
        }
    }

    fn rename(
        &self,
        position: &lsp::TextDocumentPositionParams,
        new_id: &str,
    ) -> Result<Value, (ErrorCode, String)> {
        let failed = |m: String| (ErrorCode::RequestFailed, m);
        let index = self
            .index
            .as_ref()
            .ok_or_else(|| failed("no notebook".into()))?;
        let (id, _) = self
            .renamable(position)
            .ok_or_else(|| failed("no record id here".into()))?;
        let plan = rename::plan(index, &id, new_id).map_err(|e| failed(e.to_string()))?;
        let mut changes = Vec::new();
        for (path, spans) in &plan.edits {
            let (Some(lines), Some(uri)) = (self.lines(path), self.uri(path)) else {
                continue;
            };
            let edits: Vec<Value> = spans
                .iter()
                .map(|s| json!({ "range": lines.range(*s), "newText": plan.new_id }))
                .collect();
            let version = self.open.get(path).map(|o| o.version);
            changes.push(json!({
                "textDocument": { "uri": uri, "version": version },
                "edits": edits,
            }));
        }
        if plan.from != plan.to {
            changes.push(json!({
                "kind": "rename",
                "oldUri": self.uri(&plan.from),
                "newUri": uri_of(&index.root.join(&plan.to)),
            }));
        }
        Ok(json!({ "documentChanges": changes }))
    }

    fn code_actions(&self, uri: &lsp::Uri, range: lsp::Range) -> Value {
        let (Some(index), Some(rel)) = (self.index.as_ref(), self.relative(uri)) else {
            return Value::Null;
        };
        let Some(lines) = self.lines(&rel) else {
            return Value::Null;
        };
        let (start, end) = (lines.offset(range.start), lines.offset(range.end));
        let mut fixes = Vec::new();
        for d in self.diagnostics.get(&rel).into_iter().flatten() {
            if d.span.start <= end && start <= d.span.end {
                let diagnostic = self.convert(&rel, std::slice::from_ref(d));
                fixes.extend(
                    fix::of(index, d)
                        .into_iter()
                        .map(|f| (f, diagnostic.clone())),
                );
            }
        }
        if let Some(doc) = self.doc(&rel)
            && let Some(f) = fix::record_follow_up(index, doc)
        {
            fixes.push((f, Vec::new()));
        }
        let actions: Vec<Value> = fixes
            .into_iter()
            .filter_map(|(f, diagnostics)| self.action(index, f, diagnostics))
            .collect();
        Value::Array(actions)
    }

    fn action(&self, index: &Index, f: fix::Fix, diagnostics: Vec<Value>) -> Option<Value> {
        let quick = !diagnostics.is_empty();
        let (title, changes) = match f {
            fix::Fix::Edit { title, path, edits } => {
                let lines = self.lines(&path)?;
                let edits: Vec<Value> = edits
                    .iter()
                    .map(|(s, t)| json!({ "range": lines.range(*s), "newText": t }))
                    .collect();
                let version = self.open.get(&path).map(|o| o.version);
                let change = json!({
                    "textDocument": { "uri": self.uri(&path)?, "version": version },
                    "edits": edits,
                });
                (title, vec![change])
            }
            fix::Fix::Create { title, path, text } => {
                let uri = uri_of(&index.root.join(&path))?;
                let create =
                    json!({ "kind": "create", "uri": uri, "options": { "ignoreIfExists": true } });
                let fill = json!({
                    "textDocument": { "uri": uri, "version": null },
                    "edits": [{ "range": lsp::Range::default(), "newText": text }],
                });
                (title, vec![create, fill])
            }
        };
        let kind = if quick {
            "quickfix"
        } else {
            "refactor.rewrite"
        };
        let mut action = json!({
            "title": title,
            "kind": kind,
            "edit": { "documentChanges": changes },
        });
        if quick {
            action["diagnostics"] = Value::Array(diagnostics);
        }
        Some(action)
    }

    fn code_lens(&self, uri: &lsp::Uri) -> Value {
        let (Some(index), Some(rel)) = (self.index.as_ref(), self.relative(uri)) else {
            return Value::Null;
        };
        let Some(doc) = self.doc(&rel) else {
            return Value::Null;
        };
        if !matches!(doc.kind, Kind::Contact | Kind::Chat) {
            return json!([]);
        }
        let lenses: Vec<Value> = next::about(index, doc)
            .first()
            .map(|item| {
                json!({
                    "range": lsp::Range::default(),
                    "command": { "title": next::line(index, item), "command": "" },
                })
            })
            .into_iter()
            .collect();
        Value::Array(lenses)
    }

    fn symbols(&self, uri: &lsp::Uri) -> Value {
        let Some(doc) = self.relative(uri).and_then(|rel| self.doc(&rel)) else {
            return Value::Null;
        };
        let lines = Lines::of(doc);
        Value::Array(
            sections::of(doc)
                .iter()
                .map(|s| symbol(&lines, s))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_day_rechecks_the_time_bound_rules() {
        let event = "events/meetup.md";
        let mut index = crate::assist::fixture::index_of(&[
            ("contacts/ada.md", "---\nname: Ada\n---\n"),
            (
                event,
                "---\nname: Meetup\ndate: 2026-11-22\nmet: [ada]\n---\n",
            ),
        ]);
        let mut checker = Checker::new(&index);
        let codes = |checker: &Checker| -> Vec<&str> {
            checker.of(event).iter().map(|d| d.code.as_str()).collect()
        };
        assert_eq!(codes(&checker), ["T303"], "met before the event");
        let at = |day: &str, hour| {
            crate::model::time::parse_date(day)
                .unwrap()
                .and_hms_opt(hour, 0, 0)
                .unwrap()
        };
        assert!(!roll(&mut index, at("2026-11-21", 0)), "the same now");
        assert!(!roll(&mut index, at("2026-11-21", 23)), "the same day");
        assert!(roll(&mut index, at("2026-11-22", 9)), "a new day");
        assert_eq!(index.today, at("2026-11-22", 0).date());
        // What the server's check then does: no edit, only the time moved.
        let changed = checker.update(&index, &Affected::default());
        assert!(changed.contains(event), "{changed:?}");
        assert!(codes(&checker).is_empty(), "the event took place");
    }

    #[test]
    fn the_rules_doc_is_linked_only_where_it_is() {
        let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/format.md");
        let link = rules_doc(&here).unwrap();
        assert!(link.starts_with("file:///"), "{link}");
        assert!(link.ends_with("/docs/format.md#rule-codes"), "{link}");
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
