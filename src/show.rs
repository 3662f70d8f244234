//! `ties show ID`: one record as written, what `ties` derives from it, the people around it,
//! and its timeline newest first, like `ledger register` for a person. A contact's timeline
//! holds outreach, follow-ups, the reply, chats and thank-yous, events where you met,
//! referrals both ways, the next action and open tasks (theirs and their chats'); a
//! company's is the merged timeline of its people; an event's, the chats held there; a
//! chat's, itself, its thank-you and referrals. Entries without a date (an undated task,
//! who introduced whom) come last.

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::NaiveDate;

use crate::document::Document;
use crate::error::Error;
use crate::index::{Index, Stage};
use crate::model::contact::Role;
use crate::model::time::When;
use crate::model::{Chat, Contact, Event, Id, Kind, Record};
use crate::yaml::{Node, Value as Yaml};

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub(crate) struct Shown {
    pub id: Id,
    pub kind: Kind,
    pub path: String,
    pub name: String,
    /// The front matter as written, in file order.
    #[serde(serialize_with = "in_order")]
    pub fields: Vec<(String, serde_json::Value)>,
    /// What `ties` derives: a contact's stage and last interaction, an event's result…
    #[serde(serialize_with = "in_order")]
    pub facts: Vec<(&'static str, String)>,
    /// A company's people, an event's people met, a chat's participants.
    pub people: Vec<Person>,
    pub timeline: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Person {
    pub id: Id,
    pub name: String,
    pub company: Option<Id>,
    pub role: Option<&'static str>,
    pub stage: Stage,
    pub last: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Entry {
    #[serde(serialize_with = "when_text")]
    pub date: Option<When>,
    pub kind: EntryKind,
    pub title: String,
    /// The file the entry comes from.
    pub path: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum EntryKind {
    Next,
    Task,
    Event,
    Chat,
    ThankYou,
    Referral,
    Reply,
    /// `last_contact`: in touch, as a CRM vault records it.
    InTouch,
    FollowUp,
    Outreach,
}

impl EntryKind {
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            Self::Next => "next",
            Self::Task => "task",
            Self::Event => "event",
            Self::Chat => "chat",
            Self::ThankYou => "thank-you",
            Self::Referral => "referral",
            Self::Reply => "reply",
            Self::InTouch => "in-touch",
            Self::FollowUp => "follow-up",
            Self::Outreach => "outreach",
        }
    }
}

/// Pairs as a JSON object that keeps their order (file order for fields).
fn in_order<S, K, V>(pairs: &[(K, V)], s: S) -> Result<S::Ok, S::Error>
where
    S: serde::Serializer,
    K: serde::Serialize,
    V: serde::Serialize,
{
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(pairs.len()))?;
    for (k, v) in pairs {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

/// `2026-11-21` or `2026-11-21T10:00`, as the agenda's JSON writes them.
#[allow(clippy::ref_option)] // serde's `serialize_with` passes a reference to the field
fn when_text<S: serde::Serializer>(when: &Option<When>, s: S) -> Result<S::Ok, S::Error> {
    match when {
        Some(w) => s.serialize_str(&w.iso()),
        None => s.serialize_none(),
    }
}

/// The record `text` names: its id, `[[id]]` pasted from a note, or its name.
pub(crate) fn build(index: &Index, text: &str) -> Result<Shown, Error> {
    let Some(doc) = crate::lookup::find_any(index, text) else {
        let id = Id::from_reference(text);
        return Err(Error::UnknownRecord {
            kind: "record",
            id: id.to_string(),
            hint: match index.resolve(None, text) {
                crate::index::Resolved::Several(found) => crate::lookup::several(index, &found),
                _ => crate::suggest::hint(id.as_str(), index.all_ids()),
            },
            help: "give an id (a file name without .md) or a name; `ties list contacts` (or companies, chats, events) shows them"
                .to_owned(),
        });
    };
    Ok(of(index, doc))
}

/// The record `doc` shown: what [`build`] gives once it has found the record.
pub(crate) fn of(index: &Index, doc: &Document) -> Shown {
    of_with(index, doc, &Referrals::of(index))
}

/// Who names whom, both ways, for the timelines: the contacts each contact introduced
/// (`introduced_by`), and the chats whose `referrals` name each contact. Found in one pass
/// over the notebook, so showing every contact (`ties html`) costs one pass, not one each.
pub(crate) struct Referrals<'a> {
    introduced: HashMap<&'a str, Vec<(&'a Document, &'a Contact)>>,
    referred_in: HashMap<&'a str, Vec<(&'a Document, &'a Chat)>>,
}

impl<'a> Referrals<'a> {
    pub(crate) fn of(index: &'a Index) -> Self {
        let mut introduced: HashMap<&str, Vec<_>> = HashMap::new();
        for (doc, c) in index.contacts() {
            if let Some(by) = &c.introduced_by {
                let by = index.canonical(Kind::Contact, &by.value).as_str();
                introduced.entry(by).or_default().push((doc, c));
            }
        }
        let mut referred_in: HashMap<&str, Vec<_>> = HashMap::new();
        for (doc, chat) in index.chats() {
            let mut named: Vec<&str> = chat
                .referrals
                .iter()
                .map(|r| index.canonical(Kind::Contact, &r.value).as_str())
                .collect();
            named.sort_unstable();
            named.dedup();
            for id in named {
                referred_in.entry(id).or_default().push((doc, chat));
            }
        }
        Self {
            introduced,
            referred_in,
        }
    }
}

/// [`of`] with who-names-whom found beforehand, for a caller that shows many records.
pub(crate) fn of_with(index: &Index, doc: &Document, referrals: &Referrals) -> Shown {
    let id = doc.id.as_str();
    let mut b = Builder {
        index,
        referrals,
        entries: Vec::new(),
    };
    let mut facts = Vec::new();
    if doc.is_implicit() {
        // Named in other notes, with none of its own (`references: implicit`).
        let name = doc.name().unwrap_or(id);
        let command = format!("ties new {} \"{name}\"", doc.kind);
        facts.push(("note", format!("none yet; `{command}` writes it")));
    }
    let mut people = Vec::new();
    let name = match &doc.record {
        Some(Record::Contact(c)) => {
            facts.push(("stage", index.stage(id, c).as_str().to_owned()));
            if let Some(last) = index.last_interaction(id, c) {
                facts.push(("last interaction", last.to_string()));
            }
            b.contact(doc, c);
            c.name.clone()
        }
        Some(Record::Company(c)) => {
            for (person, contact) in index.people_at(doc.id.as_str()) {
                people.push(b.person(person, contact));
                b.contact(person, contact);
            }
            people.sort_by(|a: &Person, b: &Person| {
                (std::cmp::Reverse(a.stage), a.name.to_lowercase(), &a.id).cmp(&(
                    std::cmp::Reverse(b.stage),
                    b.name.to_lowercase(),
                    &b.id,
                ))
            });
            let met = people.iter().filter(|p| p.stage >= Stage::Met).count();
            facts.push(("people", people.len().to_string()));
            facts.push(("people met", met.to_string()));
            c.name.clone()
        }
        Some(Record::Chat(c)) => {
            people = b.people(c.with.iter().map(|w| &w.value));
            if c.declared_status.is_none() {
                // Not written, so derived from the date: worth saying which it is.
                facts.push(("status", c.status(index.now()).as_str().to_owned()));
            }
            if let Some(q) = doc.body.questions {
                facts.push((
                    "questions",
                    format!("{q} of {} ready", index.settings.rules.prepare_questions),
                ));
            }
            b.chat(doc, c);
            chat_title(index, c)
        }
        Some(Record::Event(e)) => {
            people = b.people(e.met.iter().map(|m| &m.value));
            facts.push(("people met", event_result(index, e)));
            b.event(doc, e);
            e.name.clone()
        }
        None => doc.id.to_string(),
    };
    b.tasks(doc);
    let mut timeline = b.entries;
    timeline.sort_by(newest_first);
    timeline.dedup();
    // `introduced_by` says who, a chat's `referrals` also says when: keep the dated one.
    let dated: Vec<String> = timeline
        .iter()
        .filter(|e| e.kind == EntryKind::Referral && e.date.is_some())
        .map(|e| e.title.clone())
        .collect();
    timeline
        .retain(|e| e.kind != EntryKind::Referral || e.date.is_some() || !dated.contains(&e.title));
    Shown {
        id: doc.id.clone(),
        kind: doc.kind,
        path: doc.path.clone(),
        name,
        fields: fields(doc),
        facts,
        people,
        timeline,
    }
}

/// Dated entries newest first, then undated ones; ties by kind and title, so the order
/// never depends on the walk.
fn newest_first(a: &Entry, b: &Entry) -> Ordering {
    let date = match (a.date, b.date) {
        (Some(x), Some(y)) => y.start().cmp(&x.start()),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    date.then(a.kind.cmp(&b.kind))
        .then_with(|| a.title.cmp(&b.title))
        .then_with(|| a.path.cmp(&b.path))
}

fn event_result(index: &Index, e: &Event) -> String {
    let met = e.people_met();
    let upcoming = e.day().is_some_and(|d| d > index.today());
    match e.goal {
        Some(goal) if upcoming => format!("{met} so far (upcoming; goal {goal})"),
        _ if upcoming => format!("{met} so far (upcoming)"),
        Some(goal) if met >= goal => format!("{met} of {goal}: goal met"),
        Some(goal) => format!("{met} of {goal}: {} short", goal - met),
        None => format!("{met} (no goal)"),
    }
}

fn chat_title(index: &Index, chat: &Chat) -> String {
    let kind = chat.kind.as_str().replace('-', " ");
    let names: Vec<String> = chat.with.iter().map(|w| index.name_of(&w.value)).collect();
    let date = chat.day().map_or_else(String::new, |d| format!(" on {d}"));
    let mut title = format!("{kind} with {}{date}", names.join(", "));
    if let Some(first) = title.get(..1) {
        title.replace_range(..1, &first.to_uppercase());
    }
    title
}

/// The front matter as JSON values, read again from the text so that the user's own keys
/// show too.
fn fields(doc: &Document) -> Vec<(String, serde_json::Value)> {
    let entries = doc.front_matter();
    entries
        .iter()
        .filter_map(|(k, v)| Some((k.value.scalar_text()?, to_json(v))))
        .collect()
}

fn to_json(node: &Node) -> serde_json::Value {
    use serde_json::Value as J;
    match &node.value {
        Yaml::Null => J::Null,
        Yaml::Bool(b) => J::Bool(*b),
        Yaml::Int(i) => J::from(*i),
        Yaml::Float(f) => J::from(*f),
        Yaml::Str(s) => J::String(s.to_string()),
        Yaml::Seq(items) => J::Array(items.iter().map(to_json).collect()),
        Yaml::Map(entries) => J::Object(
            entries
                .iter()
                .filter_map(|(k, v)| Some((k.value.scalar_text()?, to_json(v))))
                .collect(),
        ),
    }
}

struct Builder<'a> {
    index: &'a Index,
    referrals: &'a Referrals<'a>,
    entries: Vec<Entry>,
}

impl Builder<'_> {
    fn push(&mut self, date: Option<When>, kind: EntryKind, title: String, path: &str) {
        self.entries.push(Entry {
            date,
            kind,
            title,
            path: path.to_owned(),
        });
    }

    fn person(&self, doc: &Document, c: &Contact) -> Person {
        Person {
            id: doc.id.clone(),
            name: c.name.clone(),
            company: c
                .company
                .as_ref()
                .map(|c| self.index.canonical(Kind::Company, &c.value).clone()),
            role: c.role.map(Role::as_str),
            stage: self.index.stage(doc.id.as_str(), c),
            last: self.index.last_interaction(doc.id.as_str(), c),
        }
    }

    /// The people with these ids, in the order given; unknown ids are left out (`check`
    /// reports them).
    fn people<'i>(&self, ids: impl Iterator<Item = &'i Id>) -> Vec<Person> {
        let mut seen: Vec<&Id> = Vec::new();
        ids.filter(|id| {
            let new = !seen.contains(id);
            seen.push(id);
            new
        })
        .filter_map(|id| {
            let doc = self.index.target(Kind::Contact, id)?;
            match &doc.record {
                Some(Record::Contact(c)) => Some(self.person(doc, c)),
                _ => None,
            }
        })
        .collect()
    }

    fn contact(&mut self, doc: &Document, c: &Contact) {
        let index = self.index;
        let id = doc.id.as_str();
        let name = &c.name;
        let path = doc.path.as_str();
        let day = |d: NaiveDate| Some(When::Date(d));
        if let Some(d) = &c.reached_out {
            self.push(
                day(d.value),
                EntryKind::Outreach,
                format!("First message to {name}"),
                path,
            );
        }
        for (i, d) in c.followed_up.iter().enumerate() {
            let title = format!("Follow-up {} to {name}", i + 1);
            self.push(day(d.value), EntryKind::FollowUp, title, path);
        }
        if let Some(d) = &c.replied {
            self.push(
                day(d.value),
                EntryKind::Reply,
                format!("{name} replied"),
                path,
            );
        }
        if let Some(d) = &c.last_contact {
            let title = format!("Last in touch with {name}");
            self.push(day(d.value), EntryKind::InTouch, title, path);
        }
        if let Some(next) = &c.next {
            let title = format!("Next with {name}: {}", next.what());
            self.push(day(next.date.value), EntryKind::Next, title, path);
        }
        if let Some(by) = &c.introduced_by {
            let title = format!("{} introduced you to {name}", index.name_of(&by.value));
            self.push(None, EntryKind::Referral, title, path);
        }
        let referrals = self.referrals;
        for (other, oc) in referrals.introduced.get(id).into_iter().flatten() {
            let title = format!("{name} introduced you to {}", oc.name);
            self.push(None, EntryKind::Referral, title, &other.path);
        }
        for (chat_doc, chat) in index.chats_with(id) {
            self.chat(chat_doc, chat);
            self.tasks(chat_doc);
        }
        // Chats with someone else in which that person referred this contact.
        let is_this =
            |r: &crate::span::Spanned<Id>| index.canonical(Kind::Contact, &r.value).as_str() == id;
        for (chat_doc, chat) in referrals.referred_in.get(id).into_iter().flatten() {
            if !chat.with.iter().any(is_this) {
                self.referrals(chat_doc, chat, Some(&doc.id));
            }
        }
        for (event_doc, event) in index.events_met(id) {
            let title = format!("Met {name} at {}", event.name);
            self.push(
                event.date.as_ref().map(|d| d.value),
                EntryKind::Event,
                title,
                &event_doc.path,
            );
        }
        self.tasks(doc);
    }

    /// The chat itself, its thank-you and its referrals.
    fn chat(&mut self, doc: &Document, chat: &Chat) {
        let index = self.index;
        let status = chat.status(index.now());
        let title = format!("{} ({})", chat_title(index, chat), status.as_str());
        self.push(
            chat.date.as_ref().map(|d| d.value),
            EntryKind::Chat,
            title,
            &doc.path,
        );
        if let Some(t) = &chat.thanked {
            let kind = chat.kind.as_str().replace('-', " ");
            let on = chat.day().map_or_else(String::new, |d| format!(" on {d}"));
            let title = format!("Thank-you sent for the {kind}{on}");
            self.push(
                Some(When::Date(t.value)),
                EntryKind::ThankYou,
                title,
                &doc.path,
            );
        }
        self.referrals(doc, chat, None);
    }

    /// "Maya Chen introduced you to Priya Natarajan", for each referral of the chat (or only
    /// `only`'s).
    fn referrals(&mut self, doc: &Document, chat: &Chat, only: Option<&Id>) {
        let index = self.index;
        let by: Vec<String> = chat.with.iter().map(|w| index.name_of(&w.value)).collect();
        for r in &chat.referrals {
            if only.is_some_and(|o| o != index.canonical(Kind::Contact, &r.value)) {
                continue;
            }
            let title = format!(
                "{} introduced you to {}",
                by.join(", "),
                index.name_of(&r.value)
            );
            self.push(
                chat.date.as_ref().map(|d| d.value),
                EntryKind::Referral,
                title,
                &doc.path,
            );
        }
    }

    fn event(&mut self, doc: &Document, event: &Event) {
        let goal = event
            .goal
            .map_or_else(String::new, |g| format!(", goal: meet {g}"));
        let title = format!("{} ({} met{goal})", event.name, event.people_met());
        self.push(
            event.date.as_ref().map(|d| d.value),
            EntryKind::Event,
            title,
            &doc.path,
        );
        for (chat_doc, chat) in self.index.chats() {
            if (chat.event.as_ref())
                .is_some_and(|e| *self.index.canonical(Kind::Event, &e.value) == doc.id)
            {
                self.chat(chat_doc, chat);
            }
        }
    }

    /// Open tasks of a file, at their due date.
    fn tasks(&mut self, doc: &Document) {
        for task in doc.body.tasks.iter().filter(|t| !t.done) {
            let date = task.due.as_ref().map(|d| When::Date(d.value));
            self.push(date, EntryKind::Task, task.text.clone(), &doc.path);
        }
    }
}
