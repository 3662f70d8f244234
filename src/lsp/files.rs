//! Files renamed, created and deleted in the editor (its file tree, a rename it applies):
//! `workspace/willRenameFiles` answers the edits that keep every reference right
//! ([`assist::moves`]), and `workspace/didRenameFiles`, `didCreateFiles`, `didDeleteFiles`
//! read what is on disk now. And the one file operation the server does itself: moving a
//! record's file for an editor that cannot (see `navigate::rename`), through the write path
//! of the command line, under the notebook's lock.

#![allow(
    clippy::needless_pass_by_value,
    clippy::unnecessary_wraps,
    reason = "every handler has the signature the typed dispatch in `server` calls"
)]

use std::path::PathBuf;

use lsp_types as lsp;

use crate::assist::moves::{self, Move};
use crate::fs::NotebookLock;
use crate::workspace::Change;

use super::convert::{path_of, uri_of};
use super::edit::Edits;
use super::server::{Answer, Server, log};

/// The path from the notebook root of anything under it at `uri` (a folder too).
fn inside(server: &Server, uri: &lsp::Uri) -> Option<String> {
    let root = &server.index()?.root;
    let path = path_of(uri)?;
    path.starts_with(root)
        .then(|| crate::notebook::relative(root, &path))
        .filter(|rel| !rel.is_empty())
}

/// The edits that keep every reference right once the files are renamed.
pub(super) fn will_rename(
    server: &Server,
    params: lsp::RenameFilesParams,
) -> Answer<Option<lsp::WorkspaceEdit>> {
    let Some(index) = server.index() else {
        return Ok(None);
    };
    let renames: Vec<Move> = params
        .files
        .iter()
        .filter_map(|f| {
            let from = inside(server, &f.old_uri.parse().ok()?)?;
            let to = inside(server, &f.new_uri.parse().ok()?)?;
            Some(Move { from, to })
        })
        .collect();
    let mut edits = Edits::default();
    for (path, spans) in moves::follow(index, &renames) {
        edits.spans(server, &path, &spans);
    }
    Ok((!edits.is_empty()).then(|| edits.build(server.client)))
}

/// What is at each of `uris` on disk now is read.
fn read_again(server: &mut Server, uris: impl IntoIterator<Item = String>) {
    let paths: Vec<PathBuf> = uris
        .into_iter()
        .filter_map(|uri| path_of(&uri.parse().ok()?))
        .collect();
    let Some(workspace) = server.workspace.as_mut() else {
        return;
    };
    for path in paths {
        if path.starts_with(workspace.root()) {
            workspace.change(Change::Disk(path));
        }
    }
    server.changed();
}

pub(super) fn renamed(server: &mut Server, params: lsp::RenameFilesParams) {
    let uris = params
        .files
        .into_iter()
        .flat_map(|f| [f.old_uri, f.new_uri]);
    read_again(server, uris);
}

pub(super) fn created(server: &mut Server, params: lsp::CreateFilesParams) {
    read_again(server, params.files.into_iter().map(|f| f.uri));
}

pub(super) fn deleted(server: &mut Server, params: lsp::DeleteFilesParams) {
    read_again(server, params.files.into_iter().map(|f| f.uri));
}

/// Moves the notebook file at `from` to `to` (both from the root) for an editor that cannot
/// rename files: refused while the editor holds unsaved changes of it, or another `ties`
/// writes to the notebook. The editor's buffer of the old file is left behind: the server
/// forgets it (asking a client that can to show the new file), so what the old buffer says
/// no longer counts.
pub(super) fn move_file(server: &mut Server, from: &str, to: &str) -> Result<(), String> {
    let Some(root) = server.index().map(|i| i.root.clone()) else {
        return Err("no notebook".into());
    };
    if let Some(open) = server.opened(from) {
        let on_disk = std::fs::read(root.join(from)).unwrap_or_default();
        if on_disk != open.text.as_bytes() {
            return Err(format!(
                "{from} has unsaved changes: save it, then rename. Your editor does not rename files itself (it announces no `workspace.workspaceEdit.resourceOperations` with `rename`), so ties moves the file on disk"
            ));
        }
    }
    let lock = NotebookLock::acquire(&root, server.lock_wait).map_err(|e| e.to_string())?;
    crate::fs::move_in(&root, &root.join(from), &root.join(to)).map_err(|e| e.to_string())?;
    drop(lock);
    log(&format!(
        "moved {from} to {to}: the editor does not rename files itself"
    ));
    let was_open = server.close(from);
    if let Some(workspace) = server.workspace.as_mut() {
        if was_open {
            workspace.change(Change::Closed(from.to_owned()));
        }
        workspace.change(Change::Disk(root.join(from)));
        workspace.change(Change::Disk(root.join(to)));
        workspace.settle();
    }
    if was_open
        && server.client.shows_documents
        && let Some(uri) = uri_of(&root.join(to))
    {
        server.ask::<lsp::request::ShowDocument>(lsp::ShowDocumentParams {
            uri,
            external: Some(false),
            take_focus: Some(true),
            selection: None,
        });
    }
    Ok(())
}
