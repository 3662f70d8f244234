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
    let _ = writeln!(
        out,
        "**{}** ({} {})",
        plain(title),
        doc.kind,
        code(&doc.path)
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", plain(&complete::detail(index, doc)));
    if let Some(Record::Contact(contact)) = &doc.record {
        let last = index
            .last_interaction(doc.id.as_str(), contact)
            .map_or_else(|| "none yet".to_owned(), |d| d.to_string());
        let _ = writeln!(out);
        let _ = writeln!(out, "last interaction: {last}");
    }
    if matches!(doc.kind, Kind::Contact | Kind::Chat | Kind::Event) {
        let items = next::about(index, doc);
        if !items.is_empty() {
            let _ = writeln!(out);
        }
        for item in items.iter().take(MAX_ITEMS) {
            let _ = writeln!(out, "- {}", plain(&next::line(index, item)));
        }
        if items.len() > MAX_ITEMS {
            let _ = writeln!(out, "- … and {} more", items.len() - MAX_ITEMS);
        }
    }
    Some(out.trim_end().to_owned())
}

/// `text` from the notebook as literal Markdown: what Markdown would read as markup
/// escaped, and only that (an editor that shows the hover as plain text, as Emacs may,
/// shows every backslash): `\\`, `` ` ``, `*`, `_`, `[`, `]`, `<`, `>`, `&`, `|` and `~`
/// anywhere, and at the start, where a block begins, `#`, `+`, `-`, `=` and the `.` or `)`
/// after a number. So a name such as `[x](https://…)` or `<img …>` shows as typed, and
/// `Engineer @ Harbor Health` or `due 2026-11-21` as they are; line breaks become spaces.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in text.chars().enumerate() {
        let markup = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~'
        );
        let starts_block = (i == 0 && matches!(c, '#' | '+' | '-' | '='))
            || (i == digits && digits > 0 && matches!(c, '.' | ')'));
        if markup || starts_block {
            out.push('\\');
            out.push(c);
        } else if c.is_control() {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` as inline code, which Markdown shows literally; escaped instead if it holds a
/// backtick (which would end the code span) or a line break.
fn code(text: &str) -> String {
    if text.contains('`') || text.chars().any(char::is_control) {
        plain(text)
    } else {
        format!("`{text}`")
    }
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
        let record = |id| record(&index, id);
        let text = record("ada").unwrap();
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
            record("acme").unwrap(),
            "**Acme** (company `companies/acme.md`)\n\ncompany · target"
        );
        assert_eq!(record("nobody"), None);
        assert_eq!(plain("[x](y) <b>\n"), "\\[x\\](y) \\<b\\> ");
        assert_eq!(
            plain("Software Engineer I @ Harbor Health · due 2026-11-21"),
            "Software Engineer I @ Harbor Health · due 2026-11-21"
        );
        assert_eq!(plain("# not a heading"), "\\# not a heading");
        assert_eq!(plain("2026. a year"), "2026\\. a year");
        assert_eq!(plain("- a_b*c"), "\\- a\\_b\\*c");
        assert_eq!(code("a/b.md"), "`a/b.md`");
        assert_eq!(code("a`b.md"), "a\\`b.md");
        assert_eq!(
            key(Kind::Contact, "warmth").as_deref(),
            Some("`warmth`: warm: already in your community")
        );
        assert_eq!(key(Kind::Note, "warmth"), None);
    }
}
