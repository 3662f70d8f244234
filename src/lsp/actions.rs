//! What the editor offers to do: `textDocument/codeAction` (each diagnostic's fixes, from
//! its [`Remedy`](crate::findings::Remedy), "record follow-up today" on a contact whose
//! follow-up is due, and "draft follow-up to …" and its like, which open the message
//! `ties draft` would write) and `textDocument/codeLens` (a record's next agenda item, whose
//! command records it or says how to clear it), from [`assist::fix`], [`assist::draft`] and
//! [`assist::next`]. A file to create is offered only where it may be written
//! ([`assist::files::vet`]), as a file operation for an editor that creates files in an
//! edit, else as the server's own `ties.createFile` command.

#![allow(
    clippy::needless_pass_by_value,
    clippy::unnecessary_wraps,
    reason = "every handler has the signature the typed dispatch in `server` calls"
)]

use lsp_types as lsp;

use crate::agenda::ItemKind;
use crate::assist::{draft, files, fix, next};
use crate::index::Index;
use crate::model::Kind;
use crate::span::Span;

use super::commands::{self, NewFile};
use super::convert::uri_of;
use super::edit::Edits;
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
    let mut edit = Edits::default();
    if server.drafts == Drafts::Untitled {
        let name = format!(
            "draft-{}-{}.md",
            offer.draft.kind,
            crate::slug::from_name(&offer.draft.id)
        );
        let uri: lsp::Uri = format!("untitled:{name}").parse().ok()?;
        edit.untitled(uri.clone());
        let fill = lsp::TextEdit {
            range: lsp::Range::default(),
            new_text: draft::text(&offer.draft),
        };
        edit.text(uri, None, vec![fill]);
    } else {
        let doc = index.doc(rel)?;
        let (at, section) = draft::snippet(&offer.draft, index.today(), doc.text()?);
        if !edit.spans(server, rel, &[(Span::new(at, at), section)]) {
            return None;
        }
    }
    Some(lsp::CodeAction {
        title: offer.title,
        kind: Some(lsp::CodeActionKind::REFACTOR_REWRITE),
        edit: Some(edit.build(server.client)),
        ..lsp::CodeAction::default()
    })
}

/// A fix as a code action: a quick fix of `diagnostics`, or a rewrite where there are none;
/// `None` where the client could not apply it, or the file may not be created.
fn action(
    server: &Server,
    index: &Index,
    f: fix::Fix,
    diagnostics: Vec<lsp::Diagnostic>,
) -> Option<lsp::CodeAction> {
    let mut edit = Edits::default();
    let mut command = None;
    let title = match f {
        fix::Fix::Edit { title, path, edits } => {
            if !edit.spans(server, &path, &edits) {
                return None;
            }
            title
        }
        fix::Fix::Create { title, path, text } => {
            files::vet(&index.root, &path, None).ok()?;
            if server.client.creates_files {
                let uri = uri_of(&index.root.join(&path))?;
                edit.create(uri.clone());
                let fill = lsp::TextEdit {
                    range: lsp::Range::default(),
                    new_text: text,
                };
                edit.text(uri, None, vec![fill]);
            } else if server.client.runs_commands {
                let file = serde_json::to_value(NewFile { path, text }).ok()?;
                command = Some(lsp::Command {
                    title: title.clone(),
                    command: commands::CREATE_FILE.to_owned(),
                    arguments: Some(vec![file]),
                });
            } else {
                return None;
            }
            title
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
        edit: (!edit.is_empty()).then(|| edit.build(server.client)),
        command,
        ..lsp::CodeAction::default()
    })
}

/// The next agenda item of a contact or a chat, above its front matter, for a client that
/// runs the lens's command: recording the follow-up where one is due
/// (`ties.recordFollowUp`), else saying how to clear the item (`ties.showItem`).
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
    if !server.client.runs_commands || !matches!(doc.kind, Kind::Contact | Kind::Chat) {
        return Ok(Some(Vec::new()));
    }
    let Some(item) = next::about(index, doc).into_iter().next() else {
        return Ok(Some(Vec::new()));
    };
    let records = item.kind == ItemKind::FollowUp && fix::record_follow_up(index, doc).is_some();
    let command = if records {
        commands::RECORD_FOLLOW_UP
    } else {
        commands::SHOW_ITEM
    };
    Ok(Some(vec![lsp::CodeLens {
        range: lsp::Range::default(),
        command: Some(lsp::Command {
            title: next::line(index, &item),
            command: command.to_owned(),
            arguments: Some(vec![serde_json::json!(params.text_document.uri.as_str())]),
        }),
        data: None,
    }]))
}
