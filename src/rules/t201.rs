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

use std::collections::HashMap;

use crate::findings::{Code, Finding};
use crate::index::{Index, Resolved};
use crate::model::Kind;
use crate::rules::shorten;
use crate::sink::Sink;
use crate::suggest;

pub(crate) fn check(index: &Index, out: &mut Sink) {
    let mut hints: HashMap<(&str, Kind), String> = HashMap::new();
    let conventions = &index.settings.conventions;
    for r in index.references() {
        let id = r.target.value.as_str();
        let finding = match index.resolve(Some(r.expected), id) {
            Resolved::One(_) => continue,
            Resolved::Several(found) => Finding::worded(
                Code::T201,
                r.target.span,
                format!(
                    "`{}` names several records: {}",
                    shorten(id),
                    candidates(index, &found)
                ),
            )
            .help("write the id (the file name without `.md`) of the one you mean"),
            Resolved::None => {
                let hint = hints
                    .entry((id, r.expected))
                    .or_insert_with(|| suggest::hint(id, index.ids_of(r.expected)));
                // The file `ties new` would write, so this hint never contradicts T107's.
                let file = if conventions.title_ids() {
                    id.to_owned()
                } else {
                    crate::slug::from_name(id)
                };
                Finding::worded(
                    Code::T201,
                    r.target.span,
                    format!("unknown {} `{}`{hint}", r.expected, shorten(id)),
                )
                .help(format!(
                    "create `{}/{file}.md` or correct the id",
                    conventions.folder(r.expected),
                ))
            }
        };
        out.push(&index.docs[r.from], finding);
    }
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
