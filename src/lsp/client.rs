//! What the client can do, read once from its `initialize` capabilities: whether it
//! watches files for the server, applies file operations (renames, creations) in a
//! workspace edit, runs commands, applies edits the server asks for, shows a document, and
//! shows progress. Each answer that depends on one of these asks here, so the server sends
//! only what the client will do (eglot 1.9 takes `documentChanges` but no file operations;
//! Neovim 0.7 takes file operations but registers no file watcher).

use lsp_types as lsp;

/// The capabilities of the client that change what the server sends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "each is one capability the client announces or not"
)]
pub(crate) struct Client {
    /// It registers `workspace/didChangeWatchedFiles` watchers when asked: it can report
    /// files changed outside it when the server cannot watch the notebook itself.
    pub watches_files: bool,
    /// It takes `documentChanges` (versioned edits, file operations) in a workspace edit;
    /// otherwise only the `changes` map.
    pub document_changes: bool,
    /// It renames files in a workspace edit.
    pub renames_files: bool,
    /// It creates files in a workspace edit.
    pub creates_files: bool,
    /// It runs the commands of code lenses and code actions (`workspace/executeCommand`).
    pub runs_commands: bool,
    /// It applies a workspace edit the server asks for (`workspace/applyEdit`).
    pub applies_edits: bool,
    /// It opens a document the server asks it to (`window/showDocument`).
    pub shows_documents: bool,
    /// It shows progress the server creates (`window/workDoneProgress/create`).
    pub shows_progress: bool,
}

impl Client {
    pub(crate) fn of(params: &lsp::InitializeParams) -> Self {
        let capabilities = &params.capabilities;
        // Neovim runs a server's commands (those its `executeCommandProvider` lists) from
        // lenses and code actions, but announces no `workspace.executeCommand` up to 0.10.
        let neovim = params
            .client_info
            .as_ref()
            .is_some_and(|c| c.name == "Neovim");
        let workspace = capabilities.workspace.as_ref();
        let edit = workspace.and_then(|w| w.workspace_edit.as_ref());
        let operations = edit
            .and_then(|e| e.resource_operations.as_deref())
            .unwrap_or_default();
        let window = capabilities.window.as_ref();
        Self {
            watches_files: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false),
            // Neovim 0.7 announces file operations without `documentChanges`, and applies
            // them in `documentChanges` (the only place they can be).
            document_changes: edit.and_then(|e| e.document_changes).unwrap_or(false)
                || !operations.is_empty(),
            renames_files: operations.contains(&lsp::ResourceOperationKind::Rename),
            creates_files: operations.contains(&lsp::ResourceOperationKind::Create),
            runs_commands: neovim || workspace.is_some_and(|w| w.execute_command.is_some()),
            applies_edits: workspace.and_then(|w| w.apply_edit).unwrap_or(false),
            shows_documents: window
                .and_then(|w| w.show_document.as_ref())
                .is_some_and(|s| s.support),
            shows_progress: window.and_then(|w| w.work_done_progress).unwrap_or(false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(capabilities: &serde_json::Value) -> Client {
        let name = if capabilities["workspace"]["executeCommand"].is_null() {
            "Neovim"
        } else {
            "Emacs"
        };
        let params = serde_json::json!({ "processId": null, "rootUri": null,
            "capabilities": capabilities, "clientInfo": { "name": name } });
        Client::of(&serde_json::from_value(params).unwrap())
    }

    #[test]
    fn what_eglot_and_neovim_announce() {
        // eglot 1.9 (Emacs 28): documentChanges, no resource operations, commands.
        let eglot = client(&serde_json::json!({
            "workspace": { "applyEdit": true, "executeCommand": { "dynamicRegistration": false },
                "workspaceEdit": { "documentChanges": true },
                "didChangeWatchedFiles": { "dynamicRegistration": true } },
            "window": { "workDoneProgress": true }
        }));
        assert!(eglot.document_changes && !eglot.renames_files && !eglot.creates_files);
        assert!(eglot.runs_commands && eglot.applies_edits && eglot.watches_files);
        // Neovim 0.7.2: resource operations without documentChanges, no file watcher.
        let nvim = client(&serde_json::json!({
            "workspace": { "applyEdit": true,
                "workspaceEdit": { "resourceOperations": ["rename", "create", "delete"] } },
            "window": { "workDoneProgress": true, "showDocument": { "support": false } }
        }));
        assert!(nvim.document_changes && nvim.renames_files && nvim.creates_files);
        assert!(!nvim.watches_files && !nvim.shows_documents && nvim.shows_progress);
        assert!(
            nvim.runs_commands,
            "by its name: it announces no executeCommand"
        );
        let bare: lsp::InitializeParams = serde_json::from_value(
            serde_json::json!({ "processId": null, "rootUri": null, "capabilities": {} }),
        )
        .unwrap();
        assert_eq!(Client::of(&bare), Client::default());
    }
}
