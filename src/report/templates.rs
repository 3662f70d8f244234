//! Which template gets replies: every message recorded with `ties log … --template` (the
//! `templates` entries of contacts and chats) whose day falls in the period, per template:
//! how many were sent, how many were answered within `rules.follow_up_after` (the wait
//! before a follow-up is due), how many were not, and how many are still within that
//! window with no answer yet, which the rate leaves out: a message sent yesterday has not
//! failed.
//!
//! An answer to a message sent on day D to a contact is, on a day from D to D +
//! `follow_up_after`: their `replied`, or a chat with them that is an answer (a done chat
//! that is not a message you sent). For a thank-you (an entry on a chat), the chat itself
//! does not count, and any of its contacts may answer.

use chrono::NaiveDate;

use crate::document::Document;
use crate::index::Index;
use crate::model::{Contact, Id, Kind, Record};
use crate::period::Period;
use crate::report::Percent;
use crate::template::DraftKind;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Templates {
    pub period: Period,
    /// `rules.follow_up_after`, as `ties` writes durations.
    pub within: String,
    pub rows: Vec<TemplateRow>,
    /// Every template together.
    pub total: Tally,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct TemplateRow {
    pub template: String,
    /// What the template drafts; `None` for a name no template has (any longer).
    pub kind: Option<&'static str>,
    #[serde(flatten)]
    pub tally: Tally,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Tally {
    pub sent: u32,
    /// Answered within the window.
    pub answered: u32,
    /// The window passed without an answer.
    pub unanswered: u32,
    /// Still within the window, no answer yet.
    pub waiting: u32,
    /// `answered` of `answered + unanswered`; `None` while none of them is decided.
    pub rate: Option<Percent>,
}

impl Tally {
    fn add(&mut self, outcome: Outcome) {
        self.sent += 1;
        match outcome {
            Outcome::Answered => self.answered += 1,
            Outcome::Unanswered => self.unanswered += 1,
            Outcome::Waiting => self.waiting += 1,
        }
        self.rate = Percent::of(self.answered, self.answered + self.unanswered);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Answered,
    Unanswered,
    Waiting,
}

pub(crate) fn build(index: &Index, period: Period) -> Templates {
    let window = index.settings.rules.follow_up_after;
    let mut uses: Vec<(String, Outcome)> = Vec::new();
    for doc in &index.docs {
        let (entries, contacts, chat): (_, Vec<Id>, _) = match &doc.record {
            Some(Record::Contact(c)) => (&c.templates, vec![doc.id.clone()], None),
            Some(Record::Chat(c)) => (
                &c.templates,
                c.with
                    .iter()
                    .map(|w| index.canonical(Kind::Contact, &w.value).clone())
                    .collect(),
                Some(doc.path.as_str()),
            ),
            _ => continue,
        };
        for entry in entries.iter().filter(|e| period.contains(e.date.value)) {
            let sent = entry.date.value;
            let last = window.after_date(sent);
            let answered = contacts
                .iter()
                .any(|id| answers(index, id, chat).any(|d| sent <= d && d <= last));
            let outcome = if answered {
                Outcome::Answered
            } else if index.today <= last {
                Outcome::Waiting
            } else {
                Outcome::Unanswered
            };
            uses.push((entry.template.clone(), outcome));
        }
    }
    let templates = index.templates();
    let mut rows: Vec<TemplateRow> = Vec::new();
    let mut total = Tally::default();
    for (name, outcome) in uses {
        total.add(outcome);
        let at = match rows.iter().position(|r| r.template == name) {
            Some(at) => at,
            None => {
                let kind = templates
                    .get(&name)
                    .filter(|l| l.template.name == name)
                    .and_then(|l| l.template.kind)
                    .map(DraftKind::as_str);
                rows.push(TemplateRow {
                    template: name,
                    kind,
                    tally: Tally::default(),
                });
                rows.len() - 1
            }
        };
        rows[at].tally.add(outcome);
    }
    // By kind in the order of a relationship (unknown ones last), then by name.
    let order = |kind: Option<&str>| {
        DraftKind::ALL
            .iter()
            .position(|k| Some(k.as_str()) == kind)
            .unwrap_or(usize::MAX)
    };
    rows.sort_by(|a, b| (order(a.kind), &a.template).cmp(&(order(b.kind), &b.template)));
    Templates {
        period,
        within: window.to_string(),
        rows,
        total,
    }
}

/// The days the contact `id` answered: `replied`, and the chats with them that are an
/// answer, but `except` (the chat a thank-you was for).
fn answers<'a>(
    index: &'a Index,
    id: &'a Id,
    except: Option<&'a str>,
) -> impl Iterator<Item = NaiveDate> + 'a {
    let replied = index
        .get(id.as_str())
        .and_then(|d: &Document| match &d.record {
            Some(Record::Contact(c)) => Some(&**c),
            _ => None,
        })
        .and_then(|c: &Contact| c.replied.as_ref().map(|r| r.value));
    let chats = index
        .chats_with(id.as_str())
        .filter(move |(d, c)| Some(d.path.as_str()) != except && c.is_reply(index.now))
        .filter_map(|(_, c)| c.day());
    replied.into_iter().chain(chats)
}
