//! What each placeholder says about one person, from the notes: their record, their
//! company's, the chat being thanked for, the events they were met at, and who else at
//! their company you have talked to since. A fact the notes do not hold is
//! [`Value::Missing`], which a draft shows as `[[fill: …]]` with what to write there.

use chrono::{Datelike, NaiveDate};

use crate::document::Document;
use crate::index::Index;
use crate::model::chat::{ChatKind, ChatStatus};
use crate::model::{Chat, Contact, Kind, Record};
use crate::template::{DraftKind, Fact};

use super::notes;

/// A placeholder's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    Known(String),
    /// What to write instead, for the `[[fill: …]]`.
    Missing(String),
}

/// The person a draft is for, and what the notes hold about them.
pub(crate) struct About<'a> {
    pub index: &'a Index,
    pub doc: &'a Document,
    pub contact: &'a Contact,
    pub kind: DraftKind,
    /// The chat a thank-you is for.
    pub chat: Option<(&'a Document, &'a Chat)>,
}

impl About<'_> {
    pub(crate) fn value(&self, fact: Fact) -> Value {
        let known = Value::Known;
        let missing = |what: &str| Value::Missing(what.to_owned());
        let c = self.contact;
        match fact {
            Fact::FirstName => known(first_name(&c.name).to_owned()),
            Fact::Name => known(c.name.clone()),
            Fact::Company => self
                .company_name()
                .map_or_else(|| missing("their company"), known),
            Fact::Title => c.title.clone().map_or_else(|| missing("their role"), known),
            Fact::HowWeMet => self.how_we_met(),
            Fact::Event => self
                .event_met()
                .map_or_else(|| missing("the event where you met"), known),
            Fact::Introducer => self
                .introducer()
                .map_or_else(|| missing("who introduced you"), known),
            Fact::SharedInterest => self.shared_interest(),
            Fact::MyName => self.owner().map_or_else(
                || missing("your name (set `owner:` in ties.yaml)"),
                |o| known(o.to_owned()),
            ),
            Fact::MyFirstName => self.owner().map_or_else(
                || missing("your first name (set `owner:` in ties.yaml)"),
                |o| known(first_name(o).to_owned()),
            ),
            Fact::Chat => self.chat.map_or_else(
                || missing("what you talked about"),
                |(_, chat)| known(chat_words(chat).to_owned()),
            ),
            Fact::ChatWhen => self
                .chat
                .and_then(|(_, chat)| chat.day())
                .map_or_else(|| missing("when you talked"), |day| known(self.when(day))),
            Fact::Takeaways => self.section("takeaways", "what you learned", |items| {
                items
                    .iter()
                    .map(|i| format!("- {i}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
            Fact::Takeaway => {
                self.section("takeaways", "what you learned", |items| items[0].clone())
            }
            Fact::Question => self.question(),
            Fact::BestQuestion => self.best_question(),
            Fact::LastSent => self.last_sent().map_or_else(
                || missing("when you last wrote"),
                |day| known(self.when(day)),
            ),
            Fact::SinceLast => self.since_last(),
            Fact::LastTime => self.last_time(),
        }
    }

    fn owner(&self) -> Option<&str> {
        self.index
            .settings
            .conventions
            .owner
            .as_deref()
            .map(str::trim)
            .filter(|o| !o.is_empty())
    }

    fn company(&self) -> Option<&Document> {
        let id = &self.contact.company.as_ref()?.value;
        self.index.target(Kind::Company, id)
    }

    fn company_name(&self) -> Option<String> {
        let id = &self.contact.company.as_ref()?.value;
        Some(
            self.company()
                .and_then(Document::name)
                .map_or_else(|| id.to_string(), str::to_owned),
        )
    }

    fn introducer(&self) -> Option<String> {
        let by = self.contact.introduced_by.as_ref()?;
        Some(self.index.name_of(&by.value))
    }

    /// The latest past event that lists them in `met`, else the event of a chat with them.
    fn event_met(&self) -> Option<String> {
        let id = self.doc.id.as_str();
        let today = self.index.today();
        self.index
            .events_met(id)
            .filter_map(|(_, e)| e.day().filter(|d| *d <= today).map(|d| (d, e.name.clone())))
            .max()
            .map(|(_, name)| name)
            .or_else(|| {
                self.index
                    .chats_with(id)
                    .filter_map(|(_, c)| c.event.as_ref())
                    .map(|e| self.index.name_of(&e.value))
                    .next()
            })
    }

    fn how_we_met(&self) -> Value {
        if let Some(by) = self.introducer() {
            return Value::Known(format!("{by} suggested I get in touch with you."));
        }
        if let Some(event) = self.event_met() {
            return Value::Known(format!("We met at {event}."));
        }
        Value::Missing(match &self.contact.source {
            Some(source) => format!("how you know them or found them (your note: {source})"),
            None => "how you know them or found them".to_owned(),
        })
    }

    fn shared_interest(&self) -> Value {
        let company = self.company();
        let your_in = company.and_then(|d| match &d.record {
            Some(Record::Company(c)) => c.r#in.clone(),
            _ => None,
        });
        if let Some(text) = your_in.filter(|s| !s.trim().is_empty()) {
            return Value::Known(sentence(&text));
        }
        let what = "what you share with them";
        Value::Missing(match (company, self.contact.tags.as_slice()) {
            (Some(company), _) => format!("{what} (no `in:` in {})", company.path),
            (None, []) => what.to_owned(),
            (None, tags) => format!("{what} (their tags: {})", tags.join(", ")),
        })
    }

    /// The items of a section of the chat's notes, made into a value by `make`.
    fn section(&self, heading: &str, what: &str, make: impl Fn(&[String]) -> String) -> Value {
        let Some((doc, _)) = self.chat else {
            return Value::Missing(what.to_owned());
        };
        let items = self.items(doc, heading);
        if items.is_empty() {
            let title = heading[..1].to_uppercase() + &heading[1..];
            Value::Missing(format!(
                "{what} (nothing under `## {title}` in {})",
                doc.path
            ))
        } else {
            Value::Known(make(&items))
        }
    }

    fn items(&self, doc: &Document, heading: &str) -> Vec<String> {
        let name = |id: &str| self.index.name_of(&crate::model::Id::new(id));
        notes::items(doc.text().unwrap_or_default(), heading, &name)
    }

    /// A question from the chat's `## Notes`: the first item with a question mark.
    fn question(&self) -> Value {
        let Some((doc, _)) = self.chat else {
            return Value::Missing("a question their answers raised".to_owned());
        };
        self.items(doc, "notes")
            .into_iter()
            .find(|i| i.contains('?'))
            .map_or_else(
                || {
                    Value::Missing(format!(
                        "a question their answers raised (no item of `## Notes` in {} asks one)",
                        doc.path
                    ))
                },
                Value::Known,
            )
    }

    /// The "most valuable question" of the chat's `## Reflection`, without its quotes.
    fn best_question(&self) -> Value {
        let Some((doc, _)) = self.chat else {
            return Value::Missing("the question that taught you most".to_owned());
        };
        self.items(doc, "reflection")
            .into_iter()
            .find_map(|i| {
                let (label, rest) = i.split_once(':')?;
                label.to_lowercase().contains("question").then(|| {
                    rest.trim()
                        .trim_matches(|c| matches!(c, '"' | '“' | '”' | '\''))
                        .trim()
                        .to_owned()
                })
            })
            .filter(|q| !q.is_empty())
            .map_or_else(
                || {
                    Value::Missing(format!(
                        "the question that taught you most (none noted under `## Reflection` in {})",
                        doc.path
                    ))
                },
                Value::Known,
            )
    }

    /// The day of the latest outreach (first message, follow-ups, sent messages).
    pub(crate) fn last_sent(&self) -> Option<NaiveDate> {
        self.index
            .outreach(self.doc.id.as_str(), self.contact)
            .last()
            .copied()
    }

    /// Since the last message (a follow-up) or the last time in touch (the rest): the
    /// people at their company you have talked to (a done chat, or met at an event) since.
    fn since_last(&self) -> Value {
        let id = self.doc.id.as_str();
        let since = match self.kind {
            DraftKind::FollowUp => self.last_sent(),
            _ => self.index.last_interaction(id, self.contact),
        };
        let Some(since) = since else {
            return Value::Missing("something new: a project, an article, a question".to_owned());
        };
        let mut talked: Vec<(NaiveDate, String)> = Vec::new();
        if let Some(company) = self.company() {
            let (index, today) = (self.index, self.index.today());
            for (colleague, _) in index.people_at(company.id.as_str()) {
                if colleague.id == self.doc.id {
                    continue;
                }
                let cid = colleague.id.as_str();
                let chats = index
                    .chats_with(cid)
                    .filter(|(_, c)| c.is_meeting(index.now()))
                    .filter_map(|(_, c)| c.day());
                let events = index
                    .events_met(cid)
                    .filter_map(|(_, e)| e.day())
                    .filter(|d| *d <= today);
                if let Some(day) = chats.chain(events).filter(|d| *d > since).max() {
                    talked.push((day, index.name_of(&colleague.id)));
                }
            }
        }
        talked.sort();
        let names: Vec<String> = talked.into_iter().map(|(_, n)| n).collect();
        if names.is_empty() {
            return Value::Missing(format!(
                "something new since {}: a project, an article, a question",
                self.when(since).trim_start_matches("on ")
            ));
        }
        let company = self.company_name().unwrap_or_default();
        Value::Known(format!(
            "Since then, I have talked with {} at {company}.",
            and_list(&names)
        ))
    }

    /// Your last time in touch, as words that follow "since": "our coffee chat in July",
    /// "we met at … in September", "we were last in touch in May".
    fn last_time(&self) -> Value {
        let id = self.doc.id.as_str();
        let index = self.index;
        let Some(last) = index.last_interaction(id, self.contact) else {
            return Value::Missing("when you were last in touch".to_owned());
        };
        let month = self.month(last);
        let chat = index
            .chats_with(id)
            .filter(|(_, c)| c.is_meeting(index.now()) && c.day() == Some(last))
            .map(|(_, c)| c)
            .next();
        if let Some(chat) = chat {
            return Value::Known(format!("our {} {month}", chat_words(chat)));
        }
        let event = index
            .events_met(id)
            .find(|(_, e)| e.day() == Some(last))
            .map(|(_, e)| e.name.clone());
        Value::Known(match event {
            Some(event) => format!("we met at {event} {month}"),
            None => format!("we were last in touch {month}"),
        })
    }

    /// "today", "yesterday", "on Tuesday" (within the last week), "on November 4" (this
    /// year), "on November 4, 2025".
    pub(crate) fn when(&self, day: NaiveDate) -> String {
        let today = self.index.today();
        match (today - day).num_days() {
            0 => "today".to_owned(),
            1 => "yesterday".to_owned(),
            2..=6 => format!("on {}", day.format("%A")),
            _ if day.year() == today.year() => format!("on {}", day.format("%B %-d")),
            _ => format!("on {}", day.format("%B %-d, %Y")),
        }
    }

    /// "in July", "in July 2025".
    fn month(&self, day: NaiveDate) -> String {
        if day.year() == self.index.today().year() {
            format!("in {}", day.format("%B"))
        } else {
            format!("in {}", day.format("%B %Y"))
        }
    }
}

/// The first name in `name`: its first word, titles with a dot (`Dr.`) left out.
pub(crate) fn first_name(name: &str) -> &str {
    let words: Vec<&str> = name.split_whitespace().collect();
    words
        .iter()
        .find(|w| !w.ends_with('.'))
        .or_else(|| words.first())
        .copied()
        .unwrap_or(name)
}

/// What a chat was, in words.
pub(crate) fn chat_words(chat: &Chat) -> &'static str {
    match chat.kind {
        ChatKind::CoffeeChat => "coffee chat",
        ChatKind::InformationalInterview => "informational interview",
        ChatKind::Call => "call",
        ChatKind::Message => "messages",
        ChatKind::Interview => "interview",
        ChatKind::Event | ChatKind::Other => "conversation",
    }
}

/// Whether a chat has happened, as of `index.now`.
pub(crate) fn happened(index: &Index, chat: &Chat) -> bool {
    chat.status(index.now()) == ChatStatus::Done
}

/// A text as a sentence: its first letter capitalised, a full stop if it has no final
/// punctuation.
fn sentence(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// "A", "A and B", "A, B and C".
pub(crate) fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_names_sentences_and_lists() {
        assert_eq!(first_name("Maya Chen"), "Maya");
        assert_eq!(first_name("Dr. Ana Ruiz"), "Ana");
        assert_eq!(first_name("Cher"), "Cher");
        assert_eq!(first_name("  "), "  ");
        assert_eq!(sentence("i use their app"), "I use their app.");
        assert_eq!(sentence("Local!"), "Local!");
        let names = |n: &[&str]| and_list(&n.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
        assert_eq!(names(&["A"]), "A");
        assert_eq!(names(&["A", "B", "C"]), "A, B and C");
    }
}
