//! A record's place in the agenda: its open items, the next first, in the words the editor
//! shows above its front matter ("follow up … · due 2026-11-17 · 4 days overdue").

use crate::agenda::{self, Group, Item};
use crate::document::Document;
use crate::index::Index;

/// The open items about `doc`, the next first: [`agenda::about`], which looks only at the
/// files that can hold them, so a code lens after every keystroke stays cheap.
pub(crate) fn about(index: &Index, doc: &Document) -> Vec<Item> {
    agenda::about(index, doc)
}

/// The line for `item` as of `index.today()`.
pub(crate) fn line(index: &Index, item: &Item) -> String {
    let due = agenda::shown(item.due);
    let days = (index.today() - item.due.date()).num_days().abs();
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
        let ada = about(&index, doc(&index, "contacts/ada.md"));
        assert_eq!(ada.len(), 1, "{ada:?}");
        assert_eq!(
            line(&index, &ada[0]),
            format!(
                "follow-up: {} · due 2026-11-17 · 4 days overdue",
                ada[0].title
            )
        );
        assert!(about(&index, doc(&index, "contacts/bob.md")).is_empty());
        // The same as the agenda of that contact alone.
        let filter = agenda::Filter {
            contact: Some("ada".to_owned()),
            ..agenda::Filter::default()
        };
        assert_eq!(ada, agenda::build(&index, None, &filter).items);
    }
}
