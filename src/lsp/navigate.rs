//! Going from a reference to its record and back: `textDocument/definition`,
//! `textDocument/references`, and renaming a record's id (`textDocument/prepareRename`,
//! `textDocument/rename`), from [`assist::at`], [`assist::references`] and
//! [`assist::rename`]. The rename is an edit the editor applies; for an editor that cannot
//! rename files (eglot), the server moves the file itself, through the write path of the
//! command line, and sends the text edits.

#![allow(
    clippy::needless_pass_by_value,
    clippy::unnecessary_wraps,
    reason = "every handler has the signature the typed dispatch in `server` calls"
)]

use lsp_server::ErrorCode;
use lsp_types as lsp;

use crate::assist::{at, files, references as mentions, rename as renaming};
use crate::span::Span;

use super::convert::{Lines, uri_of};
use super::edit::Edits;
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

/// The record named under the cursor, and the span of the bytes that name it there (the
/// id, title, name or alias as written, in any case), for a rename.
fn renamable(
    server: &Server,
    position: &lsp::TextDocumentPositionParams,
) -> Option<(String, Span)> {
    let index = server.index()?;
    let (doc, offset) = server.at(position)?;
    let text = doc.text().unwrap_or("");
    match at::under(doc, offset, &index.settings.conventions)? {
        at::Target::Id { id, kind, span } => {
            let found = at::record(index, kind, &id)?;
            let word = crate::assist::fix::core(text, span)?;
            Some((found.id.to_string(), word))
        }
        at::Target::File { path, span } => {
            let found = index.doc(&path)?;
            let id = found.id.as_str();
            let slice = &text[span.range()];
            let at = slice.rfind(&format!("{id}.md"))?;
            Some((
                id.to_owned(),
                Span::new(span.start + at, span.start + at + id.len()),
            ))
        }
        at::Target::Key { .. } => None,
    }
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

/// The rename of a record: every mention that spells its id rewritten, and its file moved,
/// by the editor if it renames files, else here, through the write path, before the editor
/// is sent the text edits (which then address the file where it is now).
pub(super) fn rename(
    server: &mut Server,
    params: lsp::RenameParams,
) -> Answer<Option<lsp::WorkspaceEdit>> {
    let failed = |m: String| (ErrorCode::RequestFailed, m);
    let index = server.index().ok_or_else(|| failed("no notebook".into()))?;
    let (id, _) = renamable(server, &params.text_document_position)
        .ok_or_else(|| failed("no record is named here".into()))?;
    let plan = renaming::plan(index, &id, &params.new_name).map_err(|e| failed(e.to_string()))?;
    let moves = plan.from != plan.to;
    if moves {
        files::vet(&index.root, &plan.to, Some(&plan.from)).map_err(|e| failed(e.to_string()))?;
    }
    let moved_here = moves && !server.client.renames_files;
    if moved_here {
        super::files::move_file(server, &plan.from, &plan.to).map_err(failed)?;
    }
    let mut edits = Edits::default();
    for (path, spans) in &plan.edits {
        let spans: Vec<(Span, String)> = spans.iter().map(|s| (*s, plan.new_id.clone())).collect();
        if moved_here && *path == plan.from {
            // The file is at its new name now; the server's text of it is as it was.
            let lines = server.lines(&plan.to);
            let uri = server.uri(&plan.to);
            if let (Some(lines), Some(uri)) = (lines, uri) {
                let edits_here = spans
                    .iter()
                    .map(|(span, text)| lsp::TextEdit {
                        range: lines.range(*span),
                        new_text: text.clone(),
                    })
                    .collect();
                edits.text(uri, None, edits_here);
            }
            continue;
        }
        edits.spans(server, path, &spans);
    }
    if moves && !moved_here {
        let index = server.index().ok_or_else(|| failed("no notebook".into()))?;
        if let (Some(old), Some(new)) = (server.uri(&plan.from), uri_of(&index.root.join(&plan.to)))
        {
            edits.rename(old, new);
        }
    }
    Ok(Some(edits.build(server.client)))
}
