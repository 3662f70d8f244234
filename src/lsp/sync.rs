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

use std::path::Path;

use lsp_server::{Request, RequestId};
use lsp_types::{self as lsp, request::Request as _};

use crate::workspace::Change;

use super::convert::{Lines, path_of};
use super::server::Server;

/// Asks the client to report changes of Markdown files and `ties.yaml` made outside it.
pub(super) fn initialized(server: &mut Server, _: lsp::InitializedParams) {
    if !server.watch_files {
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
    server.send(Request::new(
        RequestId::from("ties-register".to_owned()),
        lsp::request::RegisterCapability::METHOD.to_owned(),
        params,
    ));
}

pub(super) fn opened(server: &mut Server, params: lsp::DidOpenTextDocumentParams) {
    let doc = params.text_document;
    if server.workspace.is_none()
        && let Some(dir) = path_of(&doc.uri).as_deref().and_then(Path::parent)
    {
        server.load(dir);
    }
    let Some(path) = server.relative(&doc.uri) else {
        return;
    };
    server.open(&path, doc.uri, doc.version);
    if let Some(workspace) = server.workspace.as_mut() {
        workspace.change(Change::Buffer {
            path,
            text: doc.text,
        });
    }
}

/// A change of an open document: the whole text, or ranges of it replaced.
pub(super) fn changed(server: &mut Server, params: lsp::DidChangeTextDocumentParams) {
    let Some(path) = server.relative(&params.text_document.uri) else {
        return;
    };
    if !server.is_open(&path) {
        return;
    }
    server.set_version(&path, params.text_document.version);
    let Some(workspace) = server.workspace.as_mut() else {
        return;
    };
    let mut text = workspace.buffer(&path).unwrap_or_default().to_owned();
    for change in params.content_changes {
        match change.range {
            Some(range) => {
                let lines = Lines::new(&text);
                let (start, end) = (lines.offset(range.start), lines.offset(range.end));
                let (start, end) = (start.min(end), start.max(end));
                text.replace_range(start..end, &change.text);
            }
            None => text = change.text,
        }
    }
    workspace.change(Change::Buffer { path, text });
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

/// Files created, changed or deleted outside the editor.
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
