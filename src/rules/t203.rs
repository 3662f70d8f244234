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

use std::collections::HashMap;

use crate::findings::{Code, Finding};
use crate::index::Index;
use crate::model::Kind;
use crate::sink::Sink;
use crate::span::Span;

pub(crate) fn check(index: &Index, out: &mut Sink) {
    // The first record file of each id, found once per id: looking it up again for every
    // file made 40 000 files sharing one id quadratic.
    let mut first: HashMap<&str, Option<&str>> = HashMap::new();
    for doc in &index.docs {
        if doc.kind == Kind::Note {
            continue;
        }
        let keeper = *first.entry(doc.id.as_str()).or_insert_with(|| {
            let mut records = index
                .lookup(doc.id.as_str())
                .iter()
                .map(|&i| &index.docs[i])
                .filter(|d| d.kind != Kind::Note);
            let keeper = records.next().map(|d| d.path.as_str());
            // Only an id with two records or more has a file to keep it.
            records.next().and(keeper)
        });
        // The first file by path keeps the id; every later one is reported once.
        if let Some(keeper) = keeper.filter(|&k| k != doc.path) {
            let finding = Finding::worded(
                Code::T203,
                Span::file(),
                format!("id `{}` is also used by {keeper}", doc.id),
            )
            .help("ids are file names and must be unique across the notebook: rename one of the files");
            out.push(doc, finding);
        }
    }
}
