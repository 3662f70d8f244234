//! ## What it checks
//! Two record files with the same id, i.e. the same file name in different folders
//! (`contacts/alex.md` and `contacts/2025/alex.md`, or a contact and a company both `acme`).
//!
//! ## Why it matters
//! References name records by id; with two candidates, `company: acme` is ambiguous and the
//! agenda may follow up with the wrong person.
//!
//! ## Example
//! `contacts/alex-kim.md` and `contacts/old/alex-kim.md`
//!
//! ## How to fix
//! Rename one file (e.g. `alex-kim-2.md`) and update the references to it, or merge them.
//! Free notes may share names; they are not records. With `ids: title` (a vault), records
//! in different folders may share a title, as in Obsidian: a reference to one of them then
//! names its path (`[[People/Alex]]`), and a bare `[[Alex]]` is ambiguous (T201, T204).

use crate::document::Document;
use crate::findings::{Code, Finding};
use crate::model::Kind;
use crate::rules::{Found, Scope};
use crate::span::Span;

pub(crate) fn check(scope: &Scope, doc: &Document, out: &mut Found) {
    let index = scope.index;
    // Where titles are ids, as in Obsidian, two folders may hold one title: a reference
    // says which with a path (`[[People/Alex]]`), and a bare title that names both is T201.
    if doc.kind == Kind::Note || doc.is_implicit() || index.settings.conventions.title_ids() {
        return;
    }
    let mut records = index
        .lookup(doc.id.as_str())
        .iter()
        .map(|&i| &index.docs[i])
        .filter(|d| d.kind != Kind::Note && !d.is_implicit());
    let Some(keeper) = records.next() else {
        return;
    };
    // The first file by path keeps the id; every later one is reported once. (Only an id
    // with two records or more has a file to keep it: this one is the second, at least.)
    if keeper.path != doc.path {
        let finding = Finding::worded(
            Code::T203,
            Span::file(),
            format!("id `{}` is also used by {}", doc.id, keeper.path),
        )
        .help("ids are file names and must be unique across the notebook: rename one of the files");
        out.findings.push(finding);
    }
}
