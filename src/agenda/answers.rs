//! What you owe people who did something for you: an answer to a reply ("Ana Ruiz replied:
//! book the chat or thank her") and a thank-you to whoever introduced you (`introduced_by`).
//! Both are cleared by writing to them, `ties log message ID --sent`, or by anything that
//! shows you did (a booked chat, a follow-up); both leave the agenda
//! `rules.thank_you_expires` past due, like a thank-you: the moment has passed, and an
//! imported history of old replies never floods the agenda.

use chrono::NaiveDate;

use crate::agenda::{Builder, ItemKind, shown};
use crate::document::Document;
use crate::model::chat::{ChatKind, ChatStatus, Direction};
use crate::model::time::When;
use crate::model::{Contact, Kind, Record};

impl Builder<'_> {
    /// The latest reply from `contact` (`replied`, or a received message), unless you have
    /// answered it since: a sent message, a follow-up or a chat (booked or held) after it.
    pub(super) fn reply(&mut self, doc: &Document, contact: &Contact) {
        let index = self.index;
        let now = index.now();
        let id = doc.id.as_str();
        let received = index.chats_with(id).filter_map(|(_, c)| {
            let theirs = c.kind == ChatKind::Message && c.direction != Some(Direction::Sent);
            (theirs && c.is_done(now)).then(|| c.date.as_ref().map(|d| d.value))?
        });
        let Some(reply) = contact
            .replied
            .iter()
            .map(|d| When::Date(d.value))
            .chain(received)
            .max_by_key(|w| w.start())
        else {
            return;
        };
        // Yours after theirs. On the same day, a time tells; a reply with no time is taken
        // as the day's first (you write `replied` when you see it, then answer), a message
        // of yours with no time against a reply with one cannot be told to be after it.
        let after = |mine: When| match (mine, reply) {
            _ if mine.date() != reply.date() => mine.date() > reply.date(),
            (When::DateTime(m), When::DateTime(r)) => m > r,
            (_, When::Date(_)) => true,
            (When::Date(_), When::DateTime(_)) => false,
        };
        let written = index.chats_with(id).any(|(_, c)| {
            let Some(date) = c.date.as_ref().map(|d| d.value) else {
                return false;
            };
            let yours = c.is_sent()
                || (c.kind != ChatKind::Message && c.status(now) != ChatStatus::Cancelled);
            yours && after(date)
        }) || contact
            .followed_up
            .iter()
            .any(|d| after(When::Date(d.value)));
        let due = reply.date();
        let rules = &index.settings.rules;
        if written || rules.thank_you_expires.after_date(due) < self.today {
            return;
        }
        let name = &contact.name;
        let title = format!(
            "{name} replied on {}: answer them (book the chat, or thank them)",
            shown(reply)
        );
        if let Some(item) = self.push(
            When::Date(due),
            ItemKind::Reply,
            doc.id.clone(),
            name.clone(),
            doc,
            title,
        ) {
            item.why = vec![
                "rule: reply: a reply (`replied`, or a received message) not answered since (a sent message, a follow-up, a chat booked or held)".to_owned(),
                format!("reply {} from {name}; due the same day", shown(reply)),
                format!(
                    "rules.thank_you_expires {} → gone from {}",
                    rules.thank_you_expires,
                    rules.thank_you_expires.after_date(due)
                ),
            ];
        }
    }

    /// A thank-you to the contact who introduced you to `contact` (`introduced_by`), due
    /// the day you were first in touch with `contact`, until you are in touch with the
    /// introducer again (a message, a chat booked or held).
    pub(super) fn referral(&mut self, doc: &Document, contact: &Contact) {
        let index = self.index;
        let Some(by) = &contact.introduced_by else {
            return;
        };
        let by = index.canonical(Kind::Contact, &by.value);
        let Some(introducer_doc) = index.get(by.as_str()) else {
            return;
        };
        let Some(Record::Contact(introducer)) = &introducer_doc.record else {
            return;
        };
        let Some(first) = index.first_interaction(doc.id.as_str(), contact) else {
            return;
        };
        let rules = &index.settings.rules;
        let now = index.now();
        let thanked = index
            .interactions(by.as_str(), introducer)
            .any(|d| d >= first)
            || index.chats_with(by.as_str()).any(|(_, c)| {
                c.status(now) == ChatStatus::Planned && c.day().is_some_and(|d| d >= first)
            });
        if thanked || rules.thank_you_expires.after_date(first) < self.today {
            return;
        }
        let title = format!(
            "Thank {} for introducing you to {}, and tell them how it went",
            introducer.name, contact.name
        );
        if let Some(item) = self.push(
            When::Date(first),
            ItemKind::Referral,
            by.clone(),
            introducer.name.clone(),
            doc,
            title,
        ) {
            item.why = referral_why(doc, first, rules.thank_you_expires.after_date(first));
        }
    }
}

fn referral_why(doc: &Document, first: NaiveDate, gone: NaiveDate) -> Vec<String> {
    vec![
        "rule: referral: someone introduced you (`introduced_by`); thank them once you are in touch, until you write to them again".to_owned(),
        format!("`introduced_by` in {}; first in touch {first}", doc.path),
        format!("rules.thank_you_expires → gone from {gone}"),
    ]
}
