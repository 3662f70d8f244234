//! Keeping the notebook in step with the client: documents opened, changed and closed in
//! the editor (their text stands in for their files), files changed on disk outside it,
//! and the watchers that ask the client to report those. Each becomes a
//! [`Change`] of the [`Workspace`](crate::workspace::Workspace); what it means is the
//! workspace's to decide, as for `ties watch`.

#![allow(
    clippy::needless_pass_by_value,
    clippy::unnecessary_wraps,
    reason = "every handler has the signature the typed dispatch in `server` calls"
)]

use lsp_types as lsp;

use crate::workspace::Change;

use super::convert::offset;
use super::server::{Server, log};

/// Asks the client to report changes of Markdown files and `ties.yaml` made outside it, if
/// it can and the server does not watch the notebook itself (`start`: it could not, or no
/// notebook was found yet).
pub(super) fn initialized(server: &mut Server, _: lsp::InitializedParams) {
    if !server.client.watches_files || server.watcher.is_some() {
        return;
    }
    let watchers = ["**/*.md", "**/ties.yaml"]
        .map(|glob| lsp::FileSystemWatcher {
            glob_pattern: lsp::GlobPattern::String(glob.to_owned()),
            kind: None,
        })
        .to_vec();
    let options = lsp::DidChangeWatchedFilesRegistrationOptions { watchers };
    let params = lsp::RegistrationParams {
        registrations: vec![lsp::Registration {
            id: "ties-files".to_owned(),
            method: "workspace/didChangeWatchedFiles".to_owned(),
            register_options: serde_json::to_value(options).ok(),
        }],
    };
    server.ask::<lsp::request::RegisterCapability>(params);
}

pub(super) fn opened(server: &mut Server, params: lsp::DidOpenTextDocumentParams) {
    let doc = params.text_document;
    let Some(path) = server.relative(&doc.uri) else {
        return;
    };
    server.open(&path, doc.uri, doc.version, doc.text);
}

/// A change of an open document: the whole text, or ranges of it replaced, in the server's
/// copy of the text only. The workspace parses the text once the queue of messages is
/// empty (or a request needs it), so a burst of edits costs one parse. A range that ends
/// before it starts is no edit any editor means: the whole notification is refused (and
/// logged) rather than applied as something else.
pub(super) fn changed(server: &mut Server, params: lsp::DidChangeTextDocumentParams) {
    let Some(path) = server.relative(&params.text_document.uri) else {
        return;
    };
    if let Some(range) = params
        .content_changes
        .iter()
        .filter_map(|c| c.range)
        .find(|r| (r.end.line, r.end.character) < (r.start.line, r.start.character))
    {
        log(&format!(
            "refused a change of {path}: its range ends (line {}, character {}) before it starts (line {}, character {})",
            range.end.line, range.end.character, range.start.line, range.start.character
        ));
        return;
    }
    let Some(open) = server.open_mut(&path) else {
        return;
    };
    open.version = params.text_document.version;
    for change in params.content_changes {
        match change.range {
            Some(range) => {
                let start = offset(&open.text, range.start);
                let end = offset(&open.text, range.end).max(start);
                open.text.replace_range(start..end, &change.text);
            }
            None => open.text = change.text,
        }
    }
    open.dirty = true;
    server.changed();
}

/// Unsaved changes are gone with the buffer: the file on disk counts again.
pub(super) fn closed(server: &mut Server, params: lsp::DidCloseTextDocumentParams) {
    let Some(path) = server.relative(&params.text_document.uri) else {
        return;
    };
    if server.close(&path)
        && let Some(workspace) = server.workspace.as_mut()
    {
        workspace.change(Change::Closed(path));
    }
}

/// Files created, changed or deleted outside the editor, as the client's watcher saw them.
pub(super) fn watched(server: &mut Server, params: lsp::DidChangeWatchedFilesParams) {
    for change in params.changes {
        let (Some(rel), Some(workspace)) =
            (server.relative(&change.uri), server.workspace.as_mut())
        else {
            continue;
        };
        let path = workspace.root().join(rel);
        workspace.change(Change::Disk(path));
        server.changed();
    }
}
