//! ## What it checks
//! Two files of the notebook whose paths differ only in case (`contacts/Ana Li.md` and
//! `contacts/ana li.md`) or in how an accented letter is encoded (`José` written with a
//! precomposed `é`, or with `e` and a combining accent, as macOS exports often do).
//!
//! ## Why it matters
//! macOS and Windows take such names for one file: a clone of the notebook there keeps one
//! of the two and shows the other as changed, and a sync between machines can overwrite one
//! with the other. On Linux both exist, and `ties` reads both as different records.
//!
//! ## Example
//! `People/Ana Li.md` and `People/ana li.md`, both about the same person.
//!
//! ## How to fix
//! Merge the two files into one, or rename one of them (`git mv`), then update the
//! references to the renamed one. `ties new` and `ties import` never make such a pair: they
//! refuse or number the second name.

use crate::document::Document;
use crate::findings::{Code, Finding};
use crate::rules::{Found, Scope};
use crate::span::Span;

pub(crate) fn check(scope: &Scope, doc: &Document, out: &mut Found) {
    let index = scope.index;
    // The first file by path keeps its name; every later one is reported once.
    let Some(first) = scope
        .same_file(&doc.path)
        .map(|i| &index.docs[i])
        // An implicit record has no file to collide with; a fingerprint shared by two
        // different folds is no collision either.
        .find(|d| {
            d.path != doc.path
                && !d.is_implicit()
                && crate::slug::fold(&d.path) == crate::slug::fold(&doc.path)
        })
    else {
        return;
    };
    if first.path > doc.path {
        return;
    }
    let how = if first.path.to_lowercase() == doc.path.to_lowercase() {
        "in case"
    } else {
        "in how their accents are encoded"
    };
    let finding = Finding::worded(
        Code::T205,
        Span::file(),
        format!(
            "{} and {} are one file on macOS and Windows (the names differ only {how})",
            first.path, doc.path
        ),
    )
    .help("merge the two files, or rename one (git mv) and update the references to it");
    out.findings.push(finding);
}
