//! Going from a reference to its record and back: `textDocument/definition`,
//! `textDocument/references`, and renaming a record's id (`textDocument/prepareRename`,
//! `textDocument/rename`), from [`assist::at`], [`assist::references`] and
//! [`assist::rename`]. The rename is an edit the editor applies; `ties` writes nothing.

#![allow(
    clippy::needless_pass_by_value,
    clippy::unnecessary_wraps,
    reason = "every handler has the signature the typed dispatch in `server` calls"
)]

use lsp_server::ErrorCode;
use lsp_types as lsp;

use crate::assist::{at, references as mentions, rename as renaming};
use crate::span::Span;

use super::convert::{Lines, uri_of};
use super::server::{Answer, Server};

/// The file the target under the cursor names, from the root.
fn target_file(server: &Server, position: &lsp::TextDocumentPositionParams) -> Option<String> {
    let index = server.index()?;
    let (doc, offset) = server.at(position)?;
    match at::under(doc, offset, &index.settings.conventions)? {
        at::Target::Id { id, kind, .. } => at::record(index, kind, &id).map(|d| d.path.clone()),
        at::Target::File { path, .. } => index.has_path(&path).then_some(path),
        at::Target::Key { .. } => None,
    }
}

fn location(server: &Server, rel: &str, range: lsp::Range) -> Option<lsp::Location> {
    Some(lsp::Location {
        uri: server.uri(rel)?,
        range,
    })
}

pub(super) fn definition(
    server: &Server,
    params: lsp::GotoDefinitionParams,
) -> Answer<Option<lsp::GotoDefinitionResponse>> {
    Ok(target_file(server, &params.text_document_position_params)
        .and_then(|path| location(server, &path, lsp::Range::default()))
        .map(lsp::GotoDefinitionResponse::Scalar))
}

pub(super) fn references(
    server: &Server,
    params: lsp::ReferenceParams,
) -> Answer<Option<Vec<lsp::Location>>> {
    let Some(index) = server.index() else {
        return Ok(None);
    };
    let Some(path) = target_file(server, &params.text_document_position) else {
        return Ok(None);
    };
    let Some(id) = index.doc(&path).map(|d| d.id.to_string()) else {
        return Ok(None);
    };
    let mut out = Vec::new();
    if params.context.include_declaration {
        out.extend(location(server, &path, lsp::Range::default()));
    }
    for mention in mentions::to(index, &id) {
        let Some(lines) = server.lines(&mention.path) else {
            continue;
        };
        out.extend(location(server, &mention.path, lines.range(mention.span)));
    }
    Ok(Some(out))
}

/// The id under the cursor and the span of its own bytes, for a rename.
fn renamable(
    server: &Server,
    position: &lsp::TextDocumentPositionParams,
) -> Option<(String, Span)> {
    let index = server.index()?;
    let (doc, offset) = server.at(position)?;
    let (id, span) = match at::under(doc, offset, &index.settings.conventions)? {
        at::Target::Id { id, kind, span } => {
            // The record's own id, and where the reference spells it: a reference by
            // name or alias is not renamed (it does not spell the id).
            let found = at::record(index, kind, &id)?;
            (found.id.to_string(), span)
        }
        at::Target::File { path, span } => (index.doc(&path)?.id.to_string(), span),
        at::Target::Key { .. } => return None,
    };
    index.get(&id)?;
    let slice = &doc.text().unwrap_or("")[span.range()];
    let at = slice
        .rfind(&format!("{id}.md"))
        .or_else(|| slice.find(&id))?;
    Some((
        id.clone(),
        Span::new(span.start + at, span.start + at + id.len()),
    ))
}

pub(super) fn prepare(
    server: &Server,
    params: lsp::TextDocumentPositionParams,
) -> Answer<Option<lsp::PrepareRenameResponse>> {
    let Some((doc, _)) = server.at(&params) else {
        return Ok(None);
    };
    Ok(renamable(server, &params).map(|(id, span)| {
        lsp::PrepareRenameResponse::RangeWithPlaceholder {
            range: Lines::of(doc).range(span),
            placeholder: id,
        }
    }))
}

pub(super) fn rename(
    server: &Server,
    params: lsp::RenameParams,
) -> Answer<Option<lsp::WorkspaceEdit>> {
    let failed = |m: String| (ErrorCode::RequestFailed, m);
    let index = server.index().ok_or_else(|| failed("no notebook".into()))?;
    let (id, _) = renamable(server, &params.text_document_position)
        .ok_or_else(|| failed("no record id here".into()))?;
    let plan = renaming::plan(index, &id, &params.new_name).map_err(|e| failed(e.to_string()))?;
    let mut changes = Vec::new();
    for (path, spans) in &plan.edits {
        let (Some(lines), Some(uri)) = (server.lines(path), server.uri(path)) else {
            continue;
        };
        let edits = spans
            .iter()
            .map(|s| {
                lsp::OneOf::Left(lsp::TextEdit {
                    range: lines.range(*s),
                    new_text: plan.new_id.clone(),
                })
            })
            .collect();
        changes.push(lsp::DocumentChangeOperation::Edit(lsp::TextDocumentEdit {
            text_document: lsp::OptionalVersionedTextDocumentIdentifier {
                uri,
                version: server.version(path),
            },
            edits,
        }));
    }
    if plan.from != plan.to
        && let (Some(old_uri), Some(new_uri)) =
            (server.uri(&plan.from), uri_of(&index.root.join(&plan.to)))
    {
        changes.push(lsp::DocumentChangeOperation::Op(lsp::ResourceOp::Rename(
            lsp::RenameFile {
                old_uri,
                new_uri,
                options: None,
                annotation_id: None,
            },
        )));
    }
    Ok(Some(lsp::WorkspaceEdit {
        document_changes: Some(lsp::DocumentChanges::Operations(changes)),
        ..lsp::WorkspaceEdit::default()
    }))
}
