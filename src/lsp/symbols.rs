//! A document's outline: `textDocument/documentSymbol`, its sections
//! ([`assist::sections`](crate::assist::sections)) as nested symbols; and the notebook's
//! people and companies by name: `workspace/symbol`
//! ([`assist::symbols`](crate::assist::symbols)).

#![allow(
    clippy::needless_pass_by_value,
    clippy::unnecessary_wraps,
    reason = "every handler has the signature the typed dispatch in `server` calls"
)]

use lsp_types as lsp;

use crate::assist::{sections, symbols as found};
use crate::model::Kind;

use super::convert::Lines;
use super::server::{Answer, Server};

pub(super) fn symbols(
    server: &Server,
    params: lsp::DocumentSymbolParams,
) -> Answer<Option<lsp::DocumentSymbolResponse>> {
    let Some(doc) = server
        .relative(&params.text_document.uri)
        .and_then(|rel| server.doc(&rel))
    else {
        return Ok(None);
    };
    let lines = Lines::of(doc);
    let symbols = sections::of(doc)
        .iter()
        .map(|s| symbol(&lines, s))
        .collect();
    Ok(Some(lsp::DocumentSymbolResponse::Nested(symbols)))
}

/// A section as a document symbol, its subsections as children.
#[allow(
    deprecated,
    reason = "`deprecated` is a field every DocumentSymbol must name"
)]
fn symbol(lines: &Lines<'_>, s: &sections::Section) -> lsp::DocumentSymbol {
    lsp::DocumentSymbol {
        name: s.name.clone(),
        detail: None,
        // A heading has no better kind.
        kind: lsp::SymbolKind::STRING,
        tags: None,
        deprecated: None,
        range: lines.range(s.span),
        selection_range: lines.range(s.heading),
        children: Some(s.children.iter().map(|c| symbol(lines, c)).collect()),
    }
}

/// The contacts and companies that match the query, each at the start of its file.
#[allow(
    deprecated,
    reason = "`deprecated` is a field every SymbolInformation must name"
)]
pub(super) fn workspace(
    server: &Server,
    params: lsp::WorkspaceSymbolParams,
) -> Answer<Option<lsp::WorkspaceSymbolResponse>> {
    let Some(index) = server.index() else {
        return Ok(None);
    };
    let symbols = found::matching(index, &params.query)
        .into_iter()
        .filter_map(|s| {
            Some(lsp::SymbolInformation {
                kind: match s.kind {
                    Kind::Company => lsp::SymbolKind::NAMESPACE,
                    _ => lsp::SymbolKind::OBJECT,
                },
                tags: None,
                deprecated: None,
                location: lsp::Location {
                    uri: server.uri(&s.path)?,
                    range: lsp::Range::default(),
                },
                container_name: (!s.detail.is_empty()).then_some(s.detail),
                name: s.name,
            })
        })
        .collect();
    Ok(Some(lsp::WorkspaceSymbolResponse::Flat(symbols)))
}
