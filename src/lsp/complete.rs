//! What may be typed at the cursor, and what is under it: `textDocument/completion` and
//! `textDocument/hover`, in a note or a record ([`assist::complete`], [`assist::hover`]) and
//! in `ties.yaml` ([`assist::settings`]).

#![allow(
    clippy::needless_pass_by_value,
    clippy::unnecessary_wraps,
    reason = "every handler has the signature the typed dispatch in `server` calls"
)]

use lsp_types as lsp;

use crate::assist::{self, at, hover as about};
use crate::model::Kind;
use crate::notebook::CONFIG_FILE;
use crate::span::Span;

use super::convert::Lines;
use super::server::{Answer, Server};

/// `ties.yaml`'s text and the byte offset at a position in it, if that is the file.
fn in_settings<'a>(
    server: &'a Server,
    position: &lsp::TextDocumentPositionParams,
) -> Option<(&'a str, usize)> {
    if server.relative(&position.text_document.uri)? != CONFIG_FILE {
        return None;
    }
    let text = server.index()?.settings_text.as_str();
    Some((text, Lines::new(text).offset(position.position)))
}

pub(super) fn completion(
    server: &Server,
    params: lsp::CompletionParams,
) -> Answer<Option<lsp::CompletionResponse>> {
    let position = &params.text_document_position;
    let (found, lines) = if let Some((text, offset)) = in_settings(server, position) {
        (assist::settings::complete(text, offset), Lines::new(text))
    } else {
        let (Some(index), Some((doc, offset))) = (server.index(), server.at(position)) else {
            return Ok(None);
        };
        (assist::complete::at(index, doc, offset), Lines::of(doc))
    };
    let range = lines.range(found.replace);
    let items = found
        .candidates
        .into_iter()
        .map(|c| {
            let kind = match c.what {
                assist::complete::What::Record(Kind::Contact) => lsp::CompletionItemKind::REFERENCE,
                assist::complete::What::Record(_) => lsp::CompletionItemKind::FILE,
                assist::complete::What::Value => lsp::CompletionItemKind::VALUE,
                assist::complete::What::Key => lsp::CompletionItemKind::PROPERTY,
                assist::complete::What::Date => lsp::CompletionItemKind::CONSTANT,
            };
            let filter = match &c.name {
                Some(name) => format!("{} {name}", c.label),
                None => c.label.clone(),
            };
            lsp::CompletionItem {
                label_details: Some(lsp::CompletionItemLabelDetails {
                    detail: c.name.as_ref().map(|n| format!(" {n}")),
                    description: Some(c.detail.clone()),
                }),
                kind: Some(kind),
                detail: Some(c.detail),
                filter_text: Some(filter),
                text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
                    range,
                    new_text: c.insert,
                })),
                label: c.label,
                ..lsp::CompletionItem::default()
            }
        })
        .collect();
    Ok(Some(lsp::CompletionResponse::List(lsp::CompletionList {
        is_incomplete: found.incomplete,
        items,
    })))
}

pub(super) fn hover(server: &Server, params: lsp::HoverParams) -> Answer<Option<lsp::Hover>> {
    let position = &params.text_document_position_params;
    let markdown = |value: String, range| lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value,
        }),
        range: Some(range),
    };
    if let Some((text, offset)) = in_settings(server, position) {
        return Ok(assist::settings::hover(text, offset)
            .map(|(doc, span)| markdown(doc, Lines::new(text).range(span))));
    }
    let (Some(index), Some((doc, offset))) = (server.index(), server.at(position)) else {
        return Ok(None);
    };
    let conventions = &index.settings.conventions;
    let (text, span) = match at::under(doc, offset, conventions) {
        Some(at::Target::Id { id, kind, span }) => {
            let id = at::record(index, kind, &id).map(|d| d.id.to_string());
            (id.and_then(|id| about::record(index, &id)), span)
        }
        Some(at::Target::File { path, span }) => {
            let id = index.doc(&path).map(|d| d.id.to_string());
            (id.and_then(|id| about::record(index, &id)), span)
        }
        Some(at::Target::Key { key, span }) => (about::key(doc.kind, &key), span),
        None => (None, Span::new(0, 0)),
    };
    Ok(text.map(|text| markdown(text, Lines::of(doc).range(span))))
}
