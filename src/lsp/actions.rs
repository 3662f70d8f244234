//! What the editor offers to do: `textDocument/codeAction` (each diagnostic's fixes, from
//! its [`Remedy`](crate::findings::Remedy), "record follow-up today" on a contact whose
//! follow-up is due, and "draft follow-up to …" and its like, which open the message
//! `ties draft` would write) and `textDocument/codeLens` (a record's next agenda item), from
//! [`assist::fix`], [`assist::draft`] and [`assist::next`].

#![allow(
    clippy::needless_pass_by_value,
    clippy::unnecessary_wraps,
    reason = "every handler has the signature the typed dispatch in `server` calls"
)]

use lsp_types as lsp;

use crate::assist::{draft, fix, next};
use crate::index::Index;
use crate::model::Kind;
use crate::span::Span;

use super::convert::uri_of;
use super::server::{Answer, Drafts, Server};

pub(super) fn code_actions(
    server: &Server,
    params: lsp::CodeActionParams,
) -> Answer<Option<lsp::CodeActionResponse>> {
    let (Some(index), Some(rel)) = (server.index(), server.relative(&params.text_document.uri))
    else {
        return Ok(None);
    };
    let (Some(lines), Some(workspace)) = (server.lines(&rel), server.workspace.as_ref()) else {
        return Ok(None);
    };
    let (start, end) = (
        lines.offset(params.range.start),
        lines.offset(params.range.end),
    );
    let mut fixes = Vec::new();
    for d in workspace.diagnostics_at(&rel) {
        if d.span.start <= end && start <= d.span.end {
            let diagnostic = server.convert(&rel, std::slice::from_ref(&d));
            fixes.extend(
                fix::of(index, &d)
                    .into_iter()
                    .map(|f| (f, diagnostic.clone())),
            );
        }
    }
    if let Some(doc) = index.doc(&rel)
        && let Some(f) = fix::record_follow_up(index, doc)
    {
        fixes.push((f, Vec::new()));
    }
    let mut actions: Vec<lsp::CodeAction> = fixes
        .into_iter()
        .filter_map(|(f, diagnostics)| action(server, index, f, diagnostics))
        .collect();
    if let Some(doc) = index.doc(&rel) {
        actions.extend(
            draft::offers(index, doc)
                .into_iter()
                .filter_map(|offer| draft_action(server, index, &rel, offer)),
        );
    }
    Ok(Some(
        actions
            .into_iter()
            .map(lsp::CodeActionOrCommand::CodeAction)
            .collect(),
    ))
}

/// A draft as a code action: a new untitled document holding it where the client makes
/// one, else a section at the end of the note `rel` (a fenced block: no `[[fill: …]]` in it
/// reads as a link).
fn draft_action(
    server: &Server,
    index: &Index,
    rel: &str,
    offer: draft::Offer,
) -> Option<lsp::CodeAction> {
    let edit = |uri: lsp::Uri, version, range, new_text| {
        lsp::DocumentChangeOperation::Edit(lsp::TextDocumentEdit {
            text_document: lsp::OptionalVersionedTextDocumentIdentifier { uri, version },
            edits: vec![lsp::OneOf::Left(lsp::TextEdit { range, new_text })],
        })
    };
    let changes = if server.drafts == Drafts::Untitled {
        let name = format!(
            "draft-{}-{}.md",
            offer.draft.kind,
            crate::slug::from_name(&offer.draft.id)
        );
        let uri: lsp::Uri = format!("untitled:{name}").parse().ok()?;
        let create = lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Create(lsp::CreateFile {
            uri: uri.clone(),
            options: None,
            annotation_id: None,
        }));
        let text = draft::text(&offer.draft);
        vec![create, edit(uri, None, lsp::Range::default(), text)]
    } else {
        let doc = index.doc(rel)?;
        let (at, section) = draft::snippet(&offer.draft, index.today, doc.text()?);
        let range = server.lines(rel)?.range(Span::new(at, at));
        vec![edit(server.uri(rel)?, server.version(rel), range, section)]
    };
    Some(lsp::CodeAction {
        title: offer.title,
        kind: Some(lsp::CodeActionKind::REFACTOR_REWRITE),
        edit: Some(lsp::WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Operations(changes)),
            ..lsp::WorkspaceEdit::default()
        }),
        ..lsp::CodeAction::default()
    })
}

/// A fix as a code action: a quick fix of `diagnostics`, or a rewrite where there are none.
fn action(
    server: &Server,
    index: &Index,
    f: fix::Fix,
    diagnostics: Vec<lsp::Diagnostic>,
) -> Option<lsp::CodeAction> {
    let (title, changes) = match f {
        fix::Fix::Edit { title, path, edits } => {
            let lines = server.lines(&path)?;
            let edits = edits
                .iter()
                .map(|(s, t)| {
                    lsp::OneOf::Left(lsp::TextEdit {
                        range: lines.range(*s),
                        new_text: t.clone(),
                    })
                })
                .collect();
            let change = lsp::DocumentChangeOperation::Edit(lsp::TextDocumentEdit {
                text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                    uri: server.uri(&path)?,
                    version: server.version(&path),
                },
                edits,
            });
            (title, vec![change])
        }
        fix::Fix::Create { title, path, text } => {
            let uri = uri_of(&index.root.join(&path))?;
            let create =
                lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Create(lsp::CreateFile {
                    uri: uri.clone(),
                    options: Some(lsp::CreateFileOptions {
                        overwrite: None,
                        ignore_if_exists: Some(true),
                    }),
                    annotation_id: None,
                }));
            let fill = lsp::DocumentChangeOperation::Edit(lsp::TextDocumentEdit {
                text_document: lsp::OptionalVersionedTextDocumentIdentifier { uri, version: None },
                edits: vec![lsp::OneOf::Left(lsp::TextEdit {
                    range: lsp::Range::default(),
                    new_text: text,
                })],
            });
            (title, vec![create, fill])
        }
    };
    let quick = !diagnostics.is_empty();
    Some(lsp::CodeAction {
        title,
        kind: Some(if quick {
            lsp::CodeActionKind::QUICKFIX
        } else {
            lsp::CodeActionKind::REFACTOR_REWRITE
        }),
        diagnostics: quick.then_some(diagnostics),
        edit: Some(lsp::WorkspaceEdit {
            document_changes: Some(lsp::DocumentChanges::Operations(changes)),
            ..lsp::WorkspaceEdit::default()
        }),
        ..lsp::CodeAction::default()
    })
}

/// The next agenda item of a contact or a chat, above its front matter.
pub(super) fn code_lens(
    server: &Server,
    params: lsp::CodeLensParams,
) -> Answer<Option<Vec<lsp::CodeLens>>> {
    let (Some(index), Some(rel)) = (server.index(), server.relative(&params.text_document.uri))
    else {
        return Ok(None);
    };
    let Some(doc) = index.doc(&rel) else {
        return Ok(None);
    };
    if !matches!(doc.kind, Kind::Contact | Kind::Chat) {
        return Ok(Some(Vec::new()));
    }
    Ok(Some(
        next::about(index, doc)
            .first()
            .map(|item| lsp::CodeLens {
                range: lsp::Range::default(),
                command: Some(lsp::Command {
                    title: next::line(index, item),
                    command: String::new(),
                    arguments: None,
                }),
                data: None,
            })
            .into_iter()
            .collect(),
    ))
}
