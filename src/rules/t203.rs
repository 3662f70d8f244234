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
//! Free notes may share names; they are not records.

use crate::findings::{Code, Finding};
use crate::index::Index;
use crate::model::Kind;
use crate::sink::Sink;
use crate::span::Span;

pub fn check(index: &Index, out: &mut Sink) {
    for doc in &index.docs {
        if doc.kind == Kind::Note {
            continue;
        }
        let records: Vec<&str> = index
            .lookup(doc.id.as_str())
            .iter()
            .map(|&i| &index.docs[i])
            .filter(|d| d.kind != Kind::Note)
            .map(|d| d.path.as_str())
            .collect();
        // The first file by path keeps the id; every later one is reported once.
        if records.len() > 1 && records[0] != doc.path {
            let finding = Finding::worded(
                Code::T203,
                Span::file(),
                format!("id `{}` is also used by {}", doc.id, records[0]),
            )
            .help("ids are file names and must be unique across the notebook: rename one of the files");
            out.push(doc, finding);
        }
    }
}
