//! "Draft follow-up to Derek Olsen" and its like: for a contact or chat with an agenda item
//! that a message answers (a follow-up, a thank-you, a reconnect…), or a contact never
//! written to, the draft `ties draft` would print, ready for the editor to open: as a new
//! document's text ([`text`]), or as a section to add to the note ([`snippet`]).

use std::collections::BTreeSet;

use crate::assist::next;
use crate::compose::{self, Draft, Request, hint};
use crate::document::Document;
use crate::index::Index;
use crate::model::{Kind, Record};
use crate::template::DraftKind;

/// A draft to offer, with its title in the editor's menu.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Offer {
    pub title: String,
    pub draft: Draft,
}

/// The drafts to offer in `doc`: one per agenda item about it that a message answers
/// (those `ties draft` refuses are left out), or for a contact nothing was sent to yet,
/// the first message.
pub(crate) fn offers(index: &Index, doc: &Document) -> Vec<Offer> {
    if !matches!(doc.kind, Kind::Contact | Kind::Chat) {
        return Vec::new();
    }
    let mut hints: Vec<hint::Hint> = Vec::new();
    let mut seen = BTreeSet::new();
    for item in next::about(index, doc) {
        if let Some(h) = hint::of(&item)
            && seen.insert((h.kind, h.id.clone()))
        {
            hints.push(h);
        }
    }
    if hints.is_empty()
        && let Some(Record::Contact(contact)) = &doc.record
        && index.outreach(doc.id.as_str(), contact).is_empty()
        && contact.is_active()
    {
        hints.push(hint::Hint {
            kind: DraftKind::Outreach,
            id: doc.id.to_string(),
        });
    }
    hints
        .into_iter()
        .filter_map(|h| {
            let request = Request {
                kind: h.kind,
                id: h.id,
                channel: None,
                template: None,
            };
            let draft = compose::draft(index, &request).ok()?;
            Some(Offer {
                title: format!("Draft {} to {}", draft.kind, draft.who),
                draft,
            })
        })
        .collect()
}

/// The draft as the text of a document of its own: the subject line, a blank line, the
/// body.
pub(crate) fn text(draft: &Draft) -> String {
    match &draft.subject {
        Some(subject) => format!("Subject: {subject}\n\n{}\n", draft.body),
        None => format!("{}\n", draft.body),
    }
}

/// The draft as a section for the end of the note `text`: a heading, then the draft in a
/// fenced block, so that no `[[fill: …]]` in it reads as a link (T204) and it copies as it
/// is. The offset to insert at, and what to insert.
pub(crate) fn snippet(draft: &Draft, today: chrono::NaiveDate, text: &str) -> (usize, String) {
    let message = self::text(draft);
    // Longer than any run of backticks in the message, so none of them closes the fence.
    let longest = message.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let gap = if text.is_empty() || text.ends_with("\n\n") {
        ""
    } else if text.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    let section = format!(
        "{gap}## Draft {} to {} ({today})\n\n{fence}text\n{message}{fence}\n",
        draft.kind, draft.who
    );
    (text.len(), section)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assist::fixture::index_of;

    fn offers_in(files: &[(&str, &str)], path: &str) -> Vec<Offer> {
        let index = index_of(files);
        let doc = index.docs.iter().find(|d| d.path == path).expect("doc");
        offers(&index, doc)
    }

    #[test]
    fn a_follow_up_due_is_offered_as_a_draft() {
        let files = [(
            "contacts/ada.md",
            "---\nname: Ada Lovelace\nemail: ada@example.com\nreached_out: 2026-11-10\n---\n",
        )];
        let found = offers_in(&files, "contacts/ada.md");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].title, "Draft follow-up to Ada Lovelace");
        assert!(found[0].draft.body.starts_with("Hi Ada,"));
    }

    #[test]
    fn a_thank_you_on_the_chat_and_its_contact_and_an_outreach_to_someone_new() {
        let files = [
            ("contacts/ada.md", "---\nname: Ada\n---\n"),
            (
                "chats/2026-11-20-ada.md",
                "---\nwith: ada\ndate: 2026-11-20 15:00\n---\n## Takeaways\n- Ask about Rust\n",
            ),
            ("contacts/bob.md", "---\nname: Bob\n---\n"),
            ("notes/plan.md", "Plan.\n"),
        ];
        for path in ["chats/2026-11-20-ada.md", "contacts/ada.md"] {
            let titles: Vec<String> = offers_in(&files, path)
                .into_iter()
                .map(|o| o.title)
                .collect();
            assert_eq!(titles, ["Draft thank-you to Ada"], "{path}");
        }
        let titles: Vec<String> = offers_in(&files, "contacts/bob.md")
            .into_iter()
            .map(|o| o.title)
            .collect();
        assert_eq!(titles, ["Draft outreach to Bob"]);
        assert!(offers_in(&files, "notes/plan.md").is_empty());
    }

    #[test]
    fn a_refused_draft_is_not_offered() {
        // Two unanswered follow-ups: the agenda says move on, and no draft is offered.
        let files = [(
            "contacts/ada.md",
            "---\nname: Ada\nreached_out: 2026-10-01\nfollowed_up: [2026-10-08, 2026-10-15]\n---\n",
        )];
        assert!(offers_in(&files, "contacts/ada.md").is_empty());
    }

    #[test]
    fn a_snippet_is_a_fenced_section_at_the_end() {
        let files = [(
            "contacts/ada.md",
            "---\nname: Ada\nreached_out: 2026-11-10\n---\n",
        )];
        let mut draft = offers_in(&files, "contacts/ada.md").remove(0).draft;
        draft.body = "Hi Ada, ```code``` and [[fill: x]]".to_owned();
        draft.subject = None;
        let today = crate::assist::fixture::today();
        let (at, text) = snippet(&draft, today, "body\n");
        assert_eq!(at, 5);
        assert_eq!(
            text,
            "\n## Draft follow-up to Ada (2026-11-21)\n\n````text\nHi Ada, ```code``` and [[fill: x]]\n````\n"
        );
        assert!(snippet(&draft, today, "body").1.starts_with("\n\n## Draft"));
    }
}
