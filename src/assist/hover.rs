//! A record or a key in a few lines of Markdown: who it is (name, title @ company, stage,
//! last interaction) and what is open about them on the agenda; what a key means.

use std::fmt::Write;

use crate::index::Index;
use crate::model::{Kind, Record};

use super::{complete, keys, next};

/// At most this many agenda items are listed.
const MAX_ITEMS: usize = 5;

/// The record `id` in a few lines, or `None` if no file has that id.
pub(crate) fn record(index: &Index, id: &str) -> Option<String> {
    let doc = index.get(id)?;
    let mut out = String::new();
    let title = doc.name().unwrap_or(doc.id.as_str());
    let _ = writeln!(out, "**{title}** ({} `{}`)", doc.kind, doc.path);
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", complete::detail(index, doc));
    if let Some(Record::Contact(contact)) = &doc.record {
        let last = index
            .last_interaction(doc.id.as_str(), contact)
            .map_or_else(|| "none yet".to_owned(), |d| d.to_string());
        let _ = writeln!(out);
        let _ = writeln!(out, "last interaction: {last}");
    }
    if matches!(doc.kind, Kind::Contact | Kind::Chat | Kind::Event) {
        let items = next::items(index, doc);
        if !items.is_empty() {
            let _ = writeln!(out);
        }
        for item in items.iter().take(MAX_ITEMS) {
            let _ = writeln!(out, "- {}", next::line(index, item));
        }
        if items.len() > MAX_ITEMS {
            let _ = writeln!(out, "- … and {} more", items.len() - MAX_ITEMS);
        }
    }
    Some(out.trim_end().to_owned())
}

/// What `key` means in a record of `kind`.
pub(crate) fn key(kind: Kind, key: &str) -> Option<String> {
    keys::find(kind, key).map(|k| k.doc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assist::fixture::index;

    #[test]
    fn a_contact_in_a_few_lines() {
        let index = index();
        let text = record(&index, "ada").unwrap();
        let first: Vec<&str> = text.lines().take(5).collect();
        assert_eq!(
            first,
            [
                "**Ada Lovelace** (contact `contacts/ada.md`)",
                "",
                "Engineer @ Acme · referred",
                "",
                "last interaction: 2026-11-12",
            ]
        );
        assert_eq!(
            record(&index, "acme").unwrap(),
            "**Acme** (company `companies/acme.md`)\n\ncompany · target"
        );
        assert_eq!(record(&index, "nobody"), None);
        assert_eq!(
            key(Kind::Contact, "warmth").as_deref(),
            Some("`warmth`: warm: already in your community")
        );
        assert_eq!(key(Kind::Note, "warmth"), None);
    }
}
