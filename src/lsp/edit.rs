//! A workspace edit as the client takes it: versioned `documentChanges` with file
//! operations for a client that announced them, else the plain `changes` map. File
//! operations are added only where the client said it applies them ([`Client`]); an answer
//! that needs one the client cannot apply does the operation itself or refuses (see
//! `navigate::rename` and `actions`).

use std::collections::HashMap;

use lsp_types as lsp;

use crate::span::Span;

use super::client::Client;
use super::server::Server;

/// The parts of one workspace edit, in order.
#[derive(Default)]
pub(super) struct Edits {
    ops: Vec<lsp::DocumentChangeOperation>,
}

impl Edits {
    /// Replaces each span of the file at `rel` (from the root, as the server has its text)
    /// with its text; `false` if the server does not have the file.
    pub(super) fn spans(&mut self, server: &Server, rel: &str, spans: &[(Span, String)]) -> bool {
        let (Some(lines), Some(uri)) = (server.lines(rel), server.uri(rel)) else {
            return false;
        };
        let edits = spans
            .iter()
            .map(|(span, text)| lsp::TextEdit {
                range: lines.range(*span),
                new_text: text.clone(),
            })
            .collect();
        self.text(uri, server.version(rel), edits);
        true
    }

    /// Text edits of the document at `uri`, as of `version` if the client has it open.
    pub(super) fn text(&mut self, uri: lsp::Uri, version: Option<i32>, edits: Vec<lsp::TextEdit>) {
        self.ops
            .push(lsp::DocumentChangeOperation::Edit(lsp::TextDocumentEdit {
                text_document: lsp::OptionalVersionedTextDocumentIdentifier { uri, version },
                edits: edits.into_iter().map(lsp::OneOf::Left).collect(),
            }));
    }

    /// Creates the file at `uri`, unless it exists (the server checked it did not).
    pub(super) fn create(&mut self, uri: lsp::Uri) {
        self.ops
            .push(lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Create(
                lsp::CreateFile {
                    uri,
                    options: Some(lsp::CreateFileOptions {
                        overwrite: Some(false),
                        ignore_if_exists: Some(true),
                    }),
                    annotation_id: None,
                },
            )));
    }

    /// Makes the new untitled document at `uri` (`untitled:`, which VS Code opens unsaved):
    /// no file is at stake, so no option guards it.
    pub(super) fn untitled(&mut self, uri: lsp::Uri) {
        self.ops
            .push(lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Create(
                lsp::CreateFile {
                    uri,
                    options: None,
                    annotation_id: None,
                },
            )));
    }

    /// Renames the file at `old` to `new`, never over a file there.
    pub(super) fn rename(&mut self, old: lsp::Uri, new: lsp::Uri) {
        self.ops
            .push(lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Rename(
                lsp::RenameFile {
                    old_uri: old,
                    new_uri: new,
                    options: Some(lsp::RenameFileOptions {
                        overwrite: Some(false),
                        ignore_if_exists: Some(false),
                    }),
                    annotation_id: None,
                },
            )));
    }

    pub(super) fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// The edit as `client` takes it. Without `documentChanges`, file operations cannot be
    /// sent: the caller adds none for such a client.
    pub(super) fn build(self, client: Client) -> lsp::WorkspaceEdit {
        if client.document_changes {
            return lsp::WorkspaceEdit {
                document_changes: Some(lsp::DocumentChanges::Operations(self.ops)),
                ..lsp::WorkspaceEdit::default()
            };
        }
        #[allow(
            clippy::mutable_key_type,
            reason = "the map is lsp_types' own type; a `Uri` is never changed once made"
        )]
        let mut changes: HashMap<lsp::Uri, Vec<lsp::TextEdit>> = HashMap::new();
        for op in self.ops {
            if let lsp::DocumentChangeOperation::Edit(edit) = op {
                changes.entry(edit.text_document.uri).or_default().extend(
                    edit.edits.into_iter().filter_map(|e| match e {
                        lsp::OneOf::Left(e) => Some(e),
                        lsp::OneOf::Right(_) => None,
                    }),
                );
            }
        }
        lsp::WorkspaceEdit {
            changes: Some(changes),
            ..lsp::WorkspaceEdit::default()
        }
    }
}
