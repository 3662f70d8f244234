//! The commands the server runs for its client (`workspace/executeCommand`), as code
//! lenses and code actions name them:
//!
//! - `ties.recordFollowUp` (a contact's lens, its follow-up due): the one-line edit of `ties
//!   log follow-up`, sent to the editor to apply to its buffer (`workspace/applyEdit`);
//! - `ties.showItem` (any other lens): what the item is and how to clear it, as a message;
//! - `ties.createFile` (the "create" action, for an editor that cannot create files in an
//!   edit): the file written through the write path of the command line, under the
//!   notebook's lock, and shown in the editor where it can.

use lsp_server::ErrorCode;
use lsp_types as lsp;
use serde::{Deserialize, Serialize};

use crate::assist::{files, fix, next};
use crate::fs::{self, NotebookLock};
use crate::workspace::Change;

use super::convert::uri_of;
use super::edit::Edits;
use super::server::{Answer, Server, log};

pub(super) const RECORD_FOLLOW_UP: &str = "ties.recordFollowUp";
pub(super) const SHOW_ITEM: &str = "ties.showItem";
pub(super) const CREATE_FILE: &str = "ties.createFile";

/// Every command, as `initialize` lists them.
pub(super) const NAMES: [&str; 3] = [RECORD_FOLLOW_UP, SHOW_ITEM, CREATE_FILE];

/// The argument of `ties.createFile`: the file from the notebook root, and its text.
#[derive(Serialize, Deserialize)]
pub(super) struct NewFile {
    pub path: String,
    pub text: String,
}

fn failed(message: impl Into<String>) -> (ErrorCode, String) {
    (ErrorCode::RequestFailed, message.into())
}

#[allow(
    clippy::needless_pass_by_value,
    reason = "the signature the typed dispatch in `server` calls"
)]
pub(super) fn execute(
    server: &mut Server,
    params: lsp::ExecuteCommandParams,
) -> Answer<Option<serde_json::Value>> {
    let argument = |i: usize| params.arguments.get(i).cloned().unwrap_or_default();
    let invalid = |e: serde_json::Error| (ErrorCode::InvalidParams, e.to_string());
    match params.command.as_str() {
        RECORD_FOLLOW_UP => {
            let uri: lsp::Uri = serde_json::from_value(argument(0)).map_err(invalid)?;
            record_follow_up(server, &uri)?;
        }
        SHOW_ITEM => {
            let uri: lsp::Uri = serde_json::from_value(argument(0)).map_err(invalid)?;
            show_item(server, &uri)?;
        }
        CREATE_FILE => {
            let file: NewFile = serde_json::from_value(argument(0)).map_err(invalid)?;
            create_file(server, &file)?;
        }
        other => {
            return Err((
                ErrorCode::InvalidParams,
                format!("ties has no command `{other}`"),
            ));
        }
    }
    Ok(None)
}

/// Sends the editor the edit that records today's follow-up in the contact at `uri`.
fn record_follow_up(server: &mut Server, uri: &lsp::Uri) -> Answer<()> {
    if !server.client.applies_edits {
        return Err(failed(
            "your editor does not apply edits a server sends (`workspace.applyEdit`): use the code action, or `ties log follow-up`",
        ));
    }
    let (Some(index), Some(rel)) = (server.index(), server.relative(uri)) else {
        return Err(failed("not a file of the notebook"));
    };
    let Some(fix::Fix::Edit { title, path, edits }) = index
        .doc(&rel)
        .and_then(|doc| fix::record_follow_up(index, doc))
    else {
        return Err(failed(format!("{rel} has no follow-up due")));
    };
    let mut edit = Edits::default();
    edit.spans(server, &path, &edits);
    let edit = edit.build(server.client);
    server.ask::<lsp::request::ApplyWorkspaceEdit>(lsp::ApplyWorkspaceEditParams {
        label: Some(title),
        edit,
    });
    Ok(())
}

/// Shows what the next agenda item of the record at `uri` is, and how to clear it.
fn show_item(server: &mut Server, uri: &lsp::Uri) -> Answer<()> {
    let (Some(index), Some(rel)) = (server.index(), server.relative(uri)) else {
        return Err(failed("not a file of the notebook"));
    };
    let Some(doc) = index.doc(&rel) else {
        return Err(failed("not a file of the notebook"));
    };
    let Some(item) = next::about(index, doc).into_iter().next() else {
        return Err(failed(format!("{rel} has nothing on the agenda")));
    };
    let message = format!("{}\nto clear it: {}", next::line(index, &item), item.clear);
    server.send(lsp_server::Notification::new(
        <lsp::notification::ShowMessage as lsp::notification::Notification>::METHOD.to_owned(),
        lsp::ShowMessageParams {
            typ: lsp::MessageType::INFO,
            message,
        },
    ));
    Ok(())
}

/// Writes the file of a "create" action, as `ties new` writes one.
fn create_file(server: &mut Server, file: &NewFile) -> Answer<()> {
    let Some(workspace) = server.workspace.as_ref() else {
        return Err(failed("no notebook"));
    };
    let root = workspace.root().to_owned();
    let full = root.join(&file.path);
    if workspace.notebook_path(&full).as_deref() != Some(file.path.as_str()) {
        return Err(failed(format!(
            "`{}` is no file the notebook reads",
            file.path
        )));
    }
    files::vet(&root, &file.path, None).map_err(|e| failed(e.to_string()))?;
    let lock = NotebookLock::acquire(&root, server.lock_wait).map_err(|e| failed(e.to_string()))?;
    fs::create_in(&root, &full, &file.text, fs::Existing::Keep)
        .map_err(|e| failed(e.to_string()))?;
    drop(lock);
    log(&format!("created {}", file.path));
    if let Some(workspace) = server.workspace.as_mut() {
        workspace.change(Change::Disk(full.clone()));
    }
    server.changed();
    if server.client.shows_documents
        && let Some(uri) = uri_of(&full)
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
