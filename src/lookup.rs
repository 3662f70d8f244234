//! Finding an existing record from what a user typed on the command line or in a
//! spreadsheet cell: its id (`acme`, `[[acme]]`), its title, name or an alias ("Acme Corp",
//! matched without regard to case, as [`Index::resolve`] resolves a reference), the id
//! its name would slug to, or a contact's first name when only one contact has it
//! (`--contact Nina`; several Ninas are listed instead). `ties new` and the importers
//! agree on this, so "Acme" finds `companies/acme.md` everywhere, and every command that
//! takes a record (`show`, `agenda --contact`, `list --company`, `new chat`) takes it in
//! all three forms.

use std::path::Path;

use chrono::NaiveDateTime;

use crate::document::Document;
use crate::error::Error;
use crate::index::{Index, Resolved};
use crate::model::{Id, Kind};

/// The record of `kind` that `text` names, if any.
pub(crate) fn find<'a>(index: &'a Index, kind: Kind, text: &str) -> Option<&'a Document> {
    find_among(index, &[kind], text)
}

/// The record of any kind that `text` names (`show` takes every kind). An id wins over a
/// name; a name shared across kinds finds the contact, then the company, then the event,
/// in that order (chats and notes have no name; a note is found by its id).
pub(crate) fn find_any<'a>(index: &'a Index, text: &str) -> Option<&'a Document> {
    const ANY: [Kind; 5] = [
        Kind::Contact,
        Kind::Company,
        Kind::Chat,
        Kind::Event,
        Kind::Note,
    ];
    find_among(index, &ANY, text)
}

fn find_among<'a>(index: &'a Index, kinds: &[Kind], text: &str) -> Option<&'a Document> {
    let of_kind = |doc: &&Document| kinds.contains(&doc.kind);
    let id = Id::from_reference(text);
    if let Some(doc) = index.get(id.as_str()).filter(of_kind) {
        return Some(doc);
    }
    // As a reference in a file resolves: a title, `name` or alias, ignoring case.
    let resolved = kinds
        .iter()
        .find_map(|&kind| match index.resolve(Some(kind), text) {
            Resolved::One(i) => Some(&index.docs[i]).filter(of_kind),
            _ => None,
        });
    resolved
        .or_else(|| {
            let slug = crate::slug::from_name(text.trim());
            index.get(&slug).filter(of_kind)
        })
        .or_else(|| {
            // A name or alias several records answer to stays ambiguous: no first-name
            // guess picks one of them.
            let ambiguous = kinds
                .iter()
                .any(|&kind| matches!(index.resolve(Some(kind), text), Resolved::Several(_)));
            match first_names(index, kinds, text).as_slice() {
                [one] if !ambiguous => Some(*one),
                _ => None,
            }
        })
}

/// The contacts (if `kinds` has contacts) whose name starts with the word `text`, ignoring
/// case: `--contact Nina` finds Nina Alvarez when she is the only Nina.
fn first_names<'a>(index: &'a Index, kinds: &[Kind], text: &str) -> Vec<&'a Document> {
    let word = text.trim();
    if !kinds.contains(&Kind::Contact) || word.is_empty() || word.contains(char::is_whitespace) {
        return Vec::new();
    }
    index
        .contacts()
        .filter(|(_, c)| {
            c.name
                .split_whitespace()
                .next()
                .is_some_and(|first| first.to_lowercase() == word.to_lowercase())
        })
        .map(|(doc, _)| doc)
        .collect()
}

/// The ids of the records of `kinds` in the notebook at `explicit`, or else found from `cwd`
/// upwards, each with its name if it has one, sorted: what shell completion offers where a
/// command takes an id. No notebook, no ids, and no error: completion runs at every Tab, and
/// anything it printed would land in the user's command line.
pub(crate) fn candidates(
    explicit: Option<&Path>,
    cwd: &Path,
    now: NaiveDateTime,
    kinds: &[Kind],
) -> Vec<(String, Option<String>)> {
    let Ok(index) =
        crate::notebook::discover(explicit, cwd).and_then(|root| crate::notebook::load(&root, now))
    else {
        return Vec::new();
    };
    let mut ids: Vec<(String, Option<String>)> = index
        .docs
        .iter()
        .filter(|doc| kinds.contains(&doc.kind))
        .map(|doc| (doc.id.to_string(), doc.name().map(str::to_owned)))
        .collect();
    ids.sort();
    ids.dedup_by(|a, b| a.0 == b.0);
    ids
}

/// A " (did you mean `x`?)" hint among the ids of `kind`; for a name that several records
/// share, " (several records have that name: `a`, `b`)", so the user can give the id.
pub(crate) fn hint(index: &Index, kind: Kind, text: &str) -> String {
    if let Resolved::Several(found) = index.resolve(Some(kind), text) {
        return several(index, &found);
    }
    let named = first_names(index, &[kind], text);
    if named.len() > 1 {
        let ids: Vec<String> = named
            .iter()
            .map(|d| format!("`{}` ({})", d.id, d.name().unwrap_or_default()))
            .collect();
        return format!(
            " (several contacts are called {}: {})",
            text.trim(),
            ids.join(", ")
        );
    }
    crate::suggest::hint(text, index.ids_of(kind))
}

/// " (several records have that name: `a`, `b`)".
pub(crate) fn several(index: &Index, found: &[usize]) -> String {
    let ids: Vec<String> = found
        .iter()
        .map(|&i| format!("`{}`", index.docs[i].id))
        .collect();
    format!(" (several records have that name: {})", ids.join(", "))
}

/// The id of the record of `kind` that `text` names (an id, `[[id]]` or a name), or an error
/// with the closest id: a filter on a typo should say so, not print an empty list.
pub(crate) fn resolve(index: &Index, kind: Kind, text: &str) -> Result<Id, Error> {
    find(index, kind, text)
        .map(|doc| doc.id.clone())
        .ok_or_else(|| Error::UnknownRecord {
            kind: kind.as_str(),
            id: text.to_owned(),
            hint: hint(index, kind, text),
            help: format!("`ties list {}` shows the ids", kind.folder()),
        })
}
