//! ## What it checks
//! References in front matter that name no record, or several: `company`, `introduced_by`, a
//! chat's `with`, `event` and `referrals`, an event's `met`. A reference names the record
//! with that id (its file name without `.md`), else, ignoring case, the one whose file
//! title, `name` or an entry of `aliases` it is, as Obsidian resolves a link; when several
//! records match, it is ambiguous and the message names each.
//!
//! ## Why it matters
//! A reference that points nowhere breaks the funnel, coverage and timeline: the chat with
//! `jane-doe` does not count as meeting Jane if her file is `jane-do.md`.
//!
//! ## Example
//! ```yaml
//! company: acm        # companies/acme.md exists
//! ```
//!
//! ## How to fix
//! Correct the id (the message suggests the closest one), or create the missing record, e.g.
//! with `ties new company "Acm"`. For an ambiguous reference, write the id of the one you
//! mean.

use crate::document::Document;
use crate::findings::{Code, Finding, NewRecord};
use crate::index::{Index, Resolved, references_of};
use crate::model::Id;
use crate::rules::{Found, Scope, shorten};

pub(crate) fn check(scope: &Scope, doc: &Document, out: &mut Found) {
    let index = scope.index;
    let conventions = &index.settings.conventions;
    references_of(doc, |_, target, expected| {
        let id = target.value.as_str();
        if !index.lookup(id).is_empty() {
            return;
        }
        // Not an exact id: what it names depends on every title, name and alias (the index
        // says which documents name one that comes or goes).
        let finding = match index.resolve(Some(expected), id) {
            Resolved::One(_) => return,
            Resolved::Several(found) => Finding::worded(
                Code::T201,
                target.span,
                format!(
                    "`{}` names several records: {}",
                    shorten(id),
                    candidates(index, &found)
                ),
            )
            .help("write the id (the file name without `.md`) of the one you mean"),
            Resolved::None => {
                out.suggested.push(id.to_owned());
                let suggestion = scope.suggestion(id, Some(expected));
                // The file `ties new` would write, so this hint never contradicts T107's;
                // none where no file can be made of the id (`.`, `[[#]]`).
                let file = if conventions.title_ids() {
                    crate::slug::title_from_name(id)
                } else {
                    crate::slug::from_name(id)
                };
                let record = (!file.is_empty()).then(|| NewRecord {
                    path: format!("{}/{file}.md", conventions.folder(expected)),
                    name: crate::slug::to_name(Id::from_reference(id).as_str()),
                    id: file,
                });
                let help = match &record {
                    Some(record) => format!("create `{}` or correct the id", record.path),
                    None => "correct the id".to_owned(),
                };
                let finding = Finding::worded(
                    Code::T201,
                    target.span,
                    format!(
                        "unknown {expected} `{}`{}",
                        shorten(id),
                        crate::suggest::said(suggestion.as_deref())
                    ),
                )
                .help(help)
                .suggest(suggestion);
                match record {
                    Some(record) => finding.create(record),
                    None => finding,
                }
            }
        };
        out.findings.push(finding);
    });
}

/// "`Steph Ango` (People/Steph Ango.md), `Stephanie Ango` (People/Stephanie Ango.md)".
pub(crate) fn candidates(index: &Index, found: &[usize]) -> String {
    found
        .iter()
        .map(|&i| {
            let doc = &index.docs[i];
            format!("`{}` ({})", shorten(doc.id.as_str()), shorten(&doc.path))
        })
        .collect::<Vec<_>>()
        .join(", ")
}
