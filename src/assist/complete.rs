//! What may be typed at an offset: ids of the right kind after a reference key and after
//! `[[`, the allowed words after a choice key, today after a date key, and at the start of a
//! front-matter line the keys the kind allows and the file does not have yet. Read from the
//! line being typed rather than from parsed YAML: half-typed front matter rarely parses.

use crate::document::Document;
use crate::frontmatter::FrontMatter;
use crate::index::Index;
use crate::model::{Kind, Record};
use crate::span::Span;

use super::keys::{self, Key};

/// At most this many ids are offered at once; the list is marked incomplete past it, so
/// the editor asks again as the user types (83,000 records are not one menu).
pub(crate) const MAX_IDS: usize = 100;

/// What a candidate is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum What {
    Record(Kind),
    Value,
    Key,
    Date,
}

/// One thing to offer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub label: String,
    /// The record's name, for an id.
    pub name: Option<String>,
    /// A short detail: title @ company and stage for a contact, a key's doc for a key.
    pub detail: String,
    /// What replaces [`Completion::replace`].
    pub insert: String,
    pub what: What,
}

/// The candidates at an offset, and the span they replace (what was typed of the word).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Completion {
    pub candidates: Vec<Candidate>,
    pub replace: Span,
    /// More ids match than were offered.
    pub incomplete: bool,
}

/// What to offer at `offset` of `doc`, as of `index.today()`.
pub(crate) fn at(index: &Index, doc: &Document, offset: usize) -> Completion {
    let text = doc.text().unwrap_or("");
    let offset = crate::span::clamp(text, offset);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..offset];
    if in_front_matter(text, offset) {
        front(index, doc, line_start, line, offset)
    } else {
        link(index, line, offset)
    }
}

fn in_front_matter(text: &str, offset: usize) -> bool {
    match FrontMatter::split(text) {
        FrontMatter::Closed { yaml, .. } => yaml.start <= offset && offset <= yaml.end,
        FrontMatter::Unclosed { .. } => text.find('\n').is_some_and(|i| offset > i),
        FrontMatter::Absent => false,
    }
}

/// After `[[` with no `]]` yet on the line: any record.
fn link(index: &Index, line: &str, offset: usize) -> Completion {
    let Some(open) = line.rfind("[[") else {
        return Completion::default();
    };
    let typed = &line[open + 2..];
    if typed.contains("]]") || typed.contains('|') {
        return Completion::default();
    }
    ids(index, None, typed, Span::new(offset - typed.len(), offset))
}

fn front(
    index: &Index,
    doc: &Document,
    line_start: usize,
    line: &str,
    offset: usize,
) -> Completion {
    let kind = doc.kind;
    let (key, value) = match line.split_once(':') {
        Some((key, value)) if !key.starts_with([' ', '\t', '-']) => (key.trim(), value),
        // A list item under a key: the key is the last line that starts at the margin.
        _ if line.trim_start().starts_with('-') => {
            let above = &doc.text().unwrap_or("")[..line_start];
            let key = above
                .lines()
                .rev()
                .find(|l| !l.starts_with([' ', '\t', '-']) && !l.trim().is_empty())
                .and_then(|l| l.split_once(':'))
                .map_or("", |(k, _)| k.trim());
            let item = line.trim_start().trim_start_matches('-');
            (key, item)
        }
        _ if !line.starts_with([' ', '\t']) => return absent_keys(index, doc, line, offset),
        _ => return Completion::default(),
    };
    let key = super::at::key_of(&index.settings.conventions, key);
    let Some(key) = keys::find(kind, &key) else {
        return Completion::default();
    };
    // The word being typed: after the last separator of a flow list, without quotes or `[[`.
    let start = value.rfind([',', '[', ' ', '"', '\'']).map_or(0, |i| i + 1);
    let typed = &value[start..];
    let replace = Span::new(offset - typed.len(), offset);
    if let Some(target) = key.target() {
        return ids(index, Some(target), typed, replace);
    }
    if key.is_date() {
        let today = index.today().to_string();
        return Completion {
            candidates: vec![Candidate {
                label: today.clone(),
                name: None,
                detail: "today".to_owned(),
                insert: today,
                what: What::Date,
            }],
            replace,
            incomplete: false,
        };
    }
    Completion {
        candidates: key
            .choices()
            .iter()
            .filter(|c| c.starts_with(typed))
            .map(|c| Candidate {
                label: (*c).to_owned(),
                name: None,
                detail: String::new(),
                insert: (*c).to_owned(),
                what: What::Value,
            })
            .collect(),
        replace,
        incomplete: false,
    }
}

/// The keys of the kind that the front matter does not have yet, at the start of a line.
fn absent_keys(index: &Index, doc: &Document, typed: &str, offset: usize) -> Completion {
    // The keys written, as the notebook's conventions read them (`Company` is `company`).
    let present: Vec<String> = match FrontMatter::split(doc.text().unwrap_or("")) {
        FrontMatter::Closed { yaml, .. } => doc.text().unwrap_or("")[yaml.range()]
            .lines()
            .filter(|l| !l.starts_with([' ', '\t', '-', '#']))
            .filter_map(|l| l.split_once(':'))
            .map(|(k, _)| super::at::key_of(&index.settings.conventions, k))
            .collect(),
        _ => Vec::new(),
    };
    let candidates = keys::of(doc.kind)
        .into_iter()
        .filter(|k: &Key| !present.iter().any(|p| p == k.key) && k.key.starts_with(typed))
        .map(|k| Candidate {
            label: k.key.to_owned(),
            name: None,
            detail: k.doc(),
            insert: format!("{}: ", k.key),
            what: What::Key,
        })
        .collect();
    Completion {
        candidates,
        replace: Span::new(offset - typed.len(), offset),
        incomplete: false,
    }
}

/// The records of `kind` (any record if `None`) whose id or name starts with `typed`
/// (ignoring case), by id.
fn ids(index: &Index, kind: Option<Kind>, typed: &str, replace: Span) -> Completion {
    let typed = typed.trim().to_lowercase();
    let mut matching: Vec<&Document> = index
        .docs
        .iter()
        .filter(|d| kind.map_or(d.kind != Kind::Note, |k| d.kind == k))
        .filter(|d| {
            d.id.as_str().starts_with(&typed)
                || d.name()
                    .is_some_and(|n| n.to_lowercase().starts_with(&typed))
        })
        .collect();
    matching.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
    matching.dedup_by(|a, b| a.id == b.id);
    let incomplete = matching.len() > MAX_IDS;
    let candidates = matching
        .into_iter()
        .take(MAX_IDS)
        .map(|d| Candidate {
            label: d.id.to_string(),
            name: d.name().map(str::to_owned),
            detail: detail(index, d),
            insert: d.id.to_string(),
            what: What::Record(d.kind),
        })
        .collect();
    Completion {
        candidates,
        replace,
        incomplete,
    }
}

/// A record in a few words: "Engineer @ Acme · replied" for a contact.
pub(crate) fn detail(index: &Index, doc: &Document) -> String {
    match &doc.record {
        Some(Record::Contact(c)) => {
            let at = c.company.as_ref().map(|id| index.name_of(&id.value));
            let role = match (&c.title, at) {
                (Some(title), Some(at)) => format!("{title} @ {at}"),
                (Some(title), None) => title.clone(),
                (None, Some(at)) => format!("@ {at}"),
                (None, None) => String::new(),
            };
            let stage = index.stage(doc.id.as_str(), c).as_str();
            if role.is_empty() {
                stage.to_owned()
            } else {
                format!("{role} · {stage}")
            }
        }
        Some(Record::Company(c)) => format!("company · {}", c.status.as_str()),
        Some(Record::Event(e)) => match &e.date {
            Some(date) => format!("event · {}", date.value.date()),
            None => "event".to_owned(),
        },
        Some(Record::Chat(c)) => match &c.date {
            Some(date) => format!("chat · {}", date.value.date()),
            None => "chat".to_owned(),
        },
        None => doc.kind.as_str().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assist::fixture::{doc, index, index_of, offset};

    fn labels(c: &Completion) -> Vec<&str> {
        c.candidates.iter().map(|c| c.label.as_str()).collect()
    }

    #[test]
    fn ids_of_the_right_kind_after_reference_keys() {
        let index = index_of(&[
            ("contacts/ada.md", "---\nname: Ada\ncompany: ac\n---\n"),
            (
                "contacts/al.md",
                "---\nname: Al\ntitle: CTO\ncompany: acme\n---\n",
            ),
            ("companies/acme.md", "---\nname: Acme\n---\n"),
            ("companies/apex.md", "---\nname: Apex\n---\n"),
            (
                "chats/c.md",
                "---\nwith: [ada, a\ndate: 2026-11-01\n---\n[[a",
            ),
        ]);
        let ada = doc(&index, "contacts/ada.md");
        let c = at(&index, ada, offset(&index, "contacts/ada.md", "ac\n", 2));
        assert_eq!(labels(&c), ["acme"]);
        assert_eq!(c.candidates[0].name.as_deref(), Some("Acme"));
        assert_eq!(&ada.text().unwrap_or("")[c.replace.range()], "ac");
        let chat = doc(&index, "chats/c.md");
        let c = at(&index, chat, offset(&index, "chats/c.md", ", a", 3));
        assert_eq!(labels(&c), ["ada", "al"]);
        assert_eq!(c.candidates[1].detail, "CTO @ Acme · identified");
        let c = at(&index, chat, chat.text().unwrap_or("").len());
        assert_eq!(labels(&c), ["acme", "ada", "al", "apex"]);
    }

    #[test]
    fn choices_dates_and_missing_keys() {
        let index = index_of(&[(
            "contacts/ada.md",
            "---\nname: Ada\nrole: d\nreached_out: \nwa\n---\n",
        )]);
        let ada = doc(&index, "contacts/ada.md");
        let c = at(&index, ada, offset(&index, "contacts/ada.md", "role: d", 7));
        assert_eq!(labels(&c), ["developer"]);
        let c = at(&index, ada, offset(&index, "contacts/ada.md", "out: ", 5));
        assert_eq!(labels(&c), ["2026-11-21"]);
        let c = at(&index, ada, offset(&index, "contacts/ada.md", "wa\n", 2));
        assert_eq!(labels(&c), ["warmth"]);
        assert_eq!(c.candidates[0].insert, "warmth: ");
        let c = at(&index, ada, offset(&index, "contacts/ada.md", "\n---\n", 1));
        assert!(!labels(&c).contains(&"name"));
        assert!(labels(&c).contains(&"company"));
        // A key written another way (`Name:`) is the same key.
        let index = index_of(&[("contacts/b.md", "---\nName: B\n\n---\n")]);
        let b = doc(&index, "contacts/b.md");
        let c = at(&index, b, offset(&index, "contacts/b.md", "B\n\n", 2));
        assert!(!labels(&c).contains(&"name"), "{:?}", labels(&c));
        assert!(labels(&c).contains(&"title"));
    }

    #[test]
    fn list_items_under_a_key_and_nothing_in_plain_text() {
        let index = index();
        let meetup = doc(&index, "events/rust-meetup.md");
        let c = at(
            &index,
            meetup,
            offset(&index, "events/rust-meetup.md", "- ada", 4),
        );
        assert_eq!(labels(&c), ["ada"]);
        let plan = doc(&index, "notes/plan.md");
        assert!(at(&index, plan, 3).candidates.is_empty());
        assert!(at(&index, plan, 10_000).candidates.is_empty());
    }
}
