//! A record's place in the agenda: its open items, the next first, in the words the editor
//! shows above its front matter ("follow up … · due 2026-11-17 · 4 days overdue").

use crate::agenda::{self, Agenda, Filter, Group, Item};
use crate::document::Document;
use crate::index::Index;
use crate::model::Kind;

/// The whole agenda, which [`about`] picks from: built once per state of the notebook, it
/// serves every file's code lens and hover (one build costs about what a check does).
pub(crate) fn agenda(index: &Index) -> Agenda {
    agenda::build(index, None, &Filter::default())
}

/// The items of `agenda` about `doc`, in the agenda's order: a contact's items (those of
/// their chats included), or those found in the file itself for any other kind. Nudges the
/// cap of their kind left out of the agenda count: they are about this record all the same.
pub(crate) fn about(agenda: &Agenda, doc: &Document) -> Vec<Item> {
    let mine = |item: &&Item| match doc.kind {
        Kind::Contact => item.id == doc.id,
        _ => item.path == doc.path,
    };
    let mut items: Vec<Item> = agenda
        .items
        .iter()
        .chain(&agenda.capped)
        .filter(mine)
        .cloned()
        .collect();
    // The agenda's own order, less who it is about (always this record here).
    items.sort_by_cached_key(|i| {
        (
            i.due.date(),
            i.kind.is_nudge(),
            i.due.start(),
            i.kind,
            i.title.clone(),
        )
    });
    items
}

/// The line for `item` as of `index.today`.
pub(crate) fn line(index: &Index, item: &Item) -> String {
    let due = agenda::shown(item.due);
    let days = (index.today - item.due.date()).num_days().abs();
    let plural = if days == 1 { "day" } else { "days" };
    let when = match item.group {
        Group::Overdue => format!("due {due} · {days} {plural} overdue"),
        Group::Today => format!("due today ({due})"),
        Group::Upcoming => format!("due {due} · in {days} {plural}"),
    };
    format!("{}: {} · {when}", item.kind.as_str(), item.title)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assist::fixture::{doc, index_of};

    #[test]
    fn a_contacts_next_item_in_words() {
        let index = index_of(&[
            (
                "contacts/ada.md",
                "---\nname: Ada\nreached_out: 2026-11-10\n---\n",
            ),
            ("contacts/bob.md", "---\nname: Bob\n---\n"),
        ]);
        let agenda = agenda(&index);
        let ada = about(&agenda, doc(&index, "contacts/ada.md"));
        assert_eq!(ada.len(), 1, "{ada:?}");
        assert_eq!(
            line(&index, &ada[0]),
            format!(
                "follow-up: {} · due 2026-11-17 · 4 days overdue",
                ada[0].title
            )
        );
        assert!(about(&agenda, doc(&index, "contacts/bob.md")).is_empty());
        // The same as the agenda of that contact alone.
        let filter = Filter {
            contact: Some("ada".to_owned()),
            ..Filter::default()
        };
        assert_eq!(ada, agenda::build(&index, None, &filter).items);
    }
}
