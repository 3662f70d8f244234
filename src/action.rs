//! What `ties log`, `snooze`, `close`, `pause`, `resume` and `done` record: each finds one
//! file from the loaded notebook and plans the one-value edit ([`crate::edit::Change`]) that
//! records the action, then [`apply`] makes it on the file's current bytes and checks that
//! it adds no problem to the file. These are the only commands that change an existing file
//! (spec §9 has only creating commands write; recording an action by hand meant typing a
//! date into YAML, which is what they save).

use chrono::NaiveDate;

use crate::agenda::clear::Clear;
use crate::agenda::{self, Found, ItemKind, State};
use crate::create;
use crate::dismissed::{self, Entry};
use crate::document::Document;
use crate::edit::{self, Change, Edited, Existing, Item};
use crate::error::Error;
use crate::fs::NewFile;
use crate::index::Index;
use crate::lookup;
use crate::model::chat::{ChatKind, Direction};
use crate::model::contact::ContactStatus;
use crate::model::time::{BadDuration, Duration, When};
use crate::model::{Conventions, Id, Kind, Record};

/// One action, with the ids as the user typed them (names and `[[id]]` work).
#[derive(Clone, Debug)]
pub(crate) enum Request {
    Outreach {
        contact: String,
        date: Option<NaiveDate>,
    },
    FollowUp {
        contact: String,
        date: Option<NaiveDate>,
    },
    Reply {
        contact: String,
        date: Option<NaiveDate>,
    },
    /// A chat, or a contact: then their latest done chat without a thank-you.
    ThankYou { id: String, date: Option<NaiveDate> },
    Met {
        event: String,
        contacts: Vec<String>,
    },
    /// A message you sent or received: a new `kind: message` chat, dated now (or `date`).
    Message {
        contact: String,
        direction: Direction,
        date: Option<When>,
    },
    /// A contact (`snooze` on the contact: all their items), or any agenda item's key
    /// (that item alone, in `dismissed.txt`).
    Snooze { contact: String, until: Until },
    Status {
        contact: String,
        status: ContactStatus,
    },
    /// An agenda item's key ([`agenda::Item::key`]) or short key ([`agenda::Item::short`]).
    Done { key: String },
}

/// `ties snooze ID UNTIL`: a date, or a duration from today (`2w`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Until {
    Date(NaiveDate),
    After(Duration),
}

impl Until {
    /// A date, or a duration from today (`10d`, `2w`, `3mo`, `1y`; `3m` is refused as
    /// ambiguous: minutes or months?).
    pub(crate) fn read(text: &str) -> Result<Self, BadDuration> {
        match crate::model::time::parse_date(text.trim()) {
            Some(day) => Ok(Self::Date(day)),
            None => Duration::read(text).map(Self::After),
        }
    }

    /// The day it names, as of `today`.
    pub(crate) fn day(self, today: NaiveDate) -> NaiveDate {
        match self {
            Self::Date(day) => day,
            Self::After(duration) => duration.after_date(today),
        }
    }
}

/// The edit of one file that records an action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Plan {
    /// Relative to the notebook root.
    pub path: String,
    pub changes: Vec<Change>,
    /// What is recorded, in words: "follow-up on 2026-11-17 for Derek Olsen".
    pub what: String,
    /// What to do if the file refuses the edit.
    pub help: String,
}

/// Plans `request` on the notebook; dates default to `index.today()`.
// One flat arm per action: splitting it would only scatter the table.
#[allow(clippy::too_many_lines)]
pub(crate) fn plan(index: &Index, request: &Request) -> Result<Plan, Error> {
    let today = index.today();
    let contact = |text: &str| -> Result<&Document, Error> {
        let id = lookup::resolve(index, Kind::Contact, text)?;
        let d = doc(index, &id);
        if d.is_implicit() {
            // Named in other notes only (`references: implicit`): no file to change.
            return Err(Error::NoNoteYet {
                kind: d.kind.as_str(),
                name: name(d),
                path: d.path.clone(),
            });
        }
        Ok(d)
    };
    let set = |key, date: NaiveDate, existing| Change::Set {
        key,
        value: date.to_string(),
        existing,
    };
    Ok(match request {
        // Both set a date once: a different date already there is refused, with a hint.
        Request::Outreach { contact: c, date } | Request::Reply { contact: c, date } => {
            let d = contact(c)?;
            let date = date.unwrap_or(today);
            let (key, what, help) = if matches!(request, Request::Outreach { .. }) {
                let hint = format!(
                    "a later message is a follow-up: `ties log follow-up {}`",
                    d.id
                );
                (
                    "reached_out",
                    format!("outreach on {date} to {}", name(d)),
                    hint,
                )
            } else {
                let hint =
                    "`replied` is the date of their first answer; change it by hand if it is wrong";
                (
                    "replied",
                    format!("reply on {date} from {}", name(d)),
                    hint.to_owned(),
                )
            };
            plan_for(d, vec![set(key, date, Existing::Refuse)], what, help)
        }
        Request::FollowUp { contact: c, date } => {
            let d = contact(c)?;
            let date = date.unwrap_or(today);
            plan_for(
                d,
                vec![Change::Append {
                    key: "followed_up",
                    item: Item::Date(date),
                }],
                format!("follow-up on {date} to {}", name(d)),
                "write `followed_up` as a date or a list of dates".to_owned(),
            )
        }
        Request::ThankYou { id, date } => {
            let chat = thank_you_chat(index, id)?;
            let date = date.unwrap_or(today);
            plan_for(
                chat,
                vec![set("thanked", date, Existing::Refuse)],
                format!("thank-you on {date} for {}", chat.id),
                "`thanked` is the date the thank-you went out; change it by hand if it is wrong"
                    .to_owned(),
            )
        }
        Request::Met { event, contacts } => {
            let id = lookup::resolve(index, Kind::Event, event)?;
            let event = doc(index, &id);
            let mut ids = Vec::new();
            for c in contacts {
                ids.push(lookup::resolve(index, Kind::Contact, c)?);
            }
            let names: Vec<&str> = ids.iter().map(Id::as_str).collect();
            plan_for(
                event,
                ids.iter()
                    .map(|id| Change::Append {
                        key: "met",
                        item: Item::Id(id.to_string()),
                    })
                    .collect(),
                format!("met {} at {}", names.join(", "), name(event)),
                "write `met` as a list of contact ids".to_owned(),
            )
        }
        Request::Snooze { contact: c, until } => {
            let day = until.day(today);
            if day <= today {
                return Err(Error::SnoozeNotAhead {
                    until: day.to_string(),
                    today: today.to_string(),
                });
            }
            // A contact by id or name, else an agenda item by its key.
            let Some(d) = lookup::find(index, Kind::Contact, c) else {
                let found = agenda::find(index, c).map_err(|e| match e {
                    Error::UnknownKey { hint, .. } => Error::UnknownRecord {
                        kind: "contact or agenda item",
                        id: c.clone(),
                        hint: if hint.is_empty() {
                            lookup::hint(index, Kind::Contact, c)
                        } else {
                            hint
                        },
                        help: "`ties list contacts` shows the ids, `ties agenda` the items' keys"
                            .to_owned(),
                    },
                    other => other,
                })?;
                return Ok(dismiss(
                    &found.item,
                    Entry::Until(day),
                    format!("snoozed until {day}: {}", found.item.title),
                ));
            };
            plan_for(
                d,
                vec![set("snooze", day, Existing::Replace)],
                format!("{} snoozed until {day}", name(d)),
                "write `snooze` as a date".to_owned(),
            )
        }
        Request::Status { contact: c, status } => {
            let d = contact(c)?;
            let existing = if *status == ContactStatus::Active {
                Existing::DefaultIs
            } else {
                Existing::Replace
            };
            plan_for(
                d,
                vec![Change::Set {
                    key: "status",
                    value: status.as_str().to_owned(),
                    existing,
                }],
                format!("{} is {}", name(d), status.as_str()),
                "write `status` as active, paused or closed".to_owned(),
            )
        }
        Request::Done { key } => done(index, key)?,
        Request::Message { .. } => unreachable!("a message is a new file: see `message`"),
    })
}

/// The file `ties log message` writes: a `kind: message` chat with `contact`, dated `date`
/// or now (to the minute: the order of a day's messages is known), under the first free
/// id of its day; and what it records, in words.
pub(crate) fn message(
    index: &Index,
    contact: &str,
    direction: Direction,
    date: Option<When>,
) -> Result<(NewFile, String), Error> {
    let id = lookup::resolve(index, Kind::Contact, contact)?;
    let who = name(doc(index, &id));
    let when = date.unwrap_or_else(|| {
        let now = index.now().exact();
        When::DateTime(
            now.date().and_time(
                chrono::NaiveTime::from_hms_opt(
                    chrono::Timelike::hour(&now),
                    chrono::Timelike::minute(&now),
                    0,
                )
                .unwrap_or_default(),
            ),
        )
    });
    let one = |text: &str| create::Value::One(text.to_owned());
    let request = create::Request {
        kind: Kind::Chat,
        names: vec![id.to_string()],
        values: vec![
            ("date", one(&when.to_string())),
            ("kind", one(ChatKind::Message.as_str())),
            ("direction", one(direction.as_str())),
        ],
    };
    let file = match create::new_file(index, &request, &create::Options::default()) {
        Err(Error::IdTaken { suggestion, .. }) => {
            let options = create::Options {
                id: Some(suggestion),
                ..create::Options::default()
            };
            create::new_file(index, &request, &options)?
        }
        other => other?,
    };
    let what = match direction {
        Direction::Sent => format!("message sent to {who} on {}", agenda::shown(when)),
        Direction::Received => format!("message from {who} on {}", agenda::shown(when)),
    };
    Ok((file, what))
}

/// `ties log outreach|follow-up|thank-you … --template NAME`: the plan of `request` also
/// adds `"DATE NAME"` to the `templates` of the same file (the contact, or the chat of a
/// thank-you), so `ties report templates` can tell which template gets answers. The name
/// must be one of the notebook's templates (or a built-in).
pub(crate) fn with_template(
    index: &Index,
    mut plan: Plan,
    request: &Request,
    name: &str,
) -> Result<Plan, Error> {
    let (Request::Outreach { date, .. }
    | Request::FollowUp { date, .. }
    | Request::ThankYou { date, .. }) = request
    else {
        return Ok(plan);
    };
    let loaded = index.templates().named(name)?;
    let name = &loaded.template.name;
    let value = format!("{} {name}", date.unwrap_or(index.today()));
    // `2026-11-21 follow-up` reads back as written; a name with YAML's own characters in
    // it is quoted.
    let safe = name
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    let written = if safe {
        value.clone()
    } else {
        crate::draft::scalar(&value)
    };
    plan.changes.push(Change::Append {
        key: "templates",
        item: Item::Text { value, written },
    });
    plan.what = format!("{}, with template {name}", plan.what);
    Ok(plan)
}

fn plan_for(doc: &Document, changes: Vec<Change>, what: String, help: String) -> Plan {
    Plan {
        path: doc.path.clone(),
        changes,
        what,
        help,
    }
}

/// The document of an id [`lookup::resolve`] returned.
fn doc<'a>(index: &'a Index, id: &Id) -> &'a Document {
    index
        .get(id.as_str())
        .expect("lookup::resolve returns ids of the index")
}

fn name(doc: &Document) -> String {
    doc.name().unwrap_or(doc.id.as_str()).to_owned()
}

/// The chat `text` names, or the latest done chat of the contact it names that has no
/// `thanked`; several such chats on that day are ambiguous.
fn thank_you_chat<'a>(index: &'a Index, text: &str) -> Result<&'a Document, Error> {
    if let Some(chat) = lookup::find(index, Kind::Chat, text) {
        // A thank-you follows the chat: one that has not happened yet cannot be thanked.
        if let Some(Record::Chat(c)) = &chat.record
            && !c.is_done(index.now())
        {
            return Err(Error::NotHappened {
                chat: chat.id.to_string(),
                status: c.status(index.now()).as_str(),
                when: c
                    .date
                    .as_ref()
                    .map_or_else(String::new, |d| agenda::shown(d.value)),
            });
        }
        return Ok(chat);
    }
    let contact = lookup::find(index, Kind::Contact, text).ok_or_else(|| {
        let hint = lookup::hint(index, Kind::Chat, text);
        Error::UnknownRecord {
            kind: "chat or contact",
            id: text.to_owned(),
            hint,
            help: "`ties list chats` and `ties list contacts` show the ids".to_owned(),
        }
    })?;
    let done: Vec<_> = index
        .chats_with(contact.id.as_str())
        .filter(|(_, c)| c.is_done(index.now()))
        .collect();
    // Once every chat is thanked, the latest one answers: the same date again is already
    // recorded, another is refused, rather than "nothing to thank".
    let unthanked = done.iter().any(|(_, c)| c.thanked.is_none());
    let open: Vec<(&Document, Option<NaiveDate>)> = done
        .iter()
        .filter(|(_, c)| !unthanked || c.thanked.is_none())
        .map(|(d, c)| (*d, c.day()))
        .collect();
    let latest = open.iter().map(|(_, day)| *day).max();
    let last: Vec<&Document> = open
        .iter()
        .filter(|(_, day)| Some(*day) == latest)
        .map(|(d, _)| *d)
        .collect();
    match last.as_slice() {
        [chat] => Ok(chat),
        [] => Err(Error::NothingToThank {
            contact: contact.id.to_string(),
        }),
        chats => Err(Error::AmbiguousChat {
            contact: contact.id.to_string(),
            chats: chats
                .iter()
                .map(|d| d.id.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// What `ties done KEY` records: what the item's hint would ([`agenda::clear::hint`]), or,
/// for an item its hint answers with `ties done`, the item's own answer: a task ticked, a
/// chat marked `prepared`, a contact's `next` removed, and anything else (a nudge, an
/// event, a birthday, a reply, an introduction) set aside in `dismissed.txt`. An item
/// done already (a ticked task, a dismissed item) changes nothing.
fn done(index: &Index, key: &str) -> Result<Plan, Error> {
    let Found { item, state } = agenda::find(index, key)?;
    let item = &item;
    let today = index.today();
    match state {
        State::Ticked => return Ok(tick(index, item)),
        // The same date again: the file already says it, nothing is written.
        State::Prepared(day) => return Ok(prepared(index, item, day)),
        State::Dismissed(_) => {
            let entry = match index.dismissed.get(&item.key()) {
                Some(Entry::Done(day)) => Entry::Done(day),
                _ => Entry::Done(today),
            };
            return Ok(dismiss(item, entry, format!("done: {}", item.title)));
        }
        State::Open | State::Capped | State::Held => {}
    }
    let record = |request: Request| plan(index, &request);
    match agenda::clear::hint(index, item) {
        Clear::Outreach(id) => record(Request::Outreach {
            contact: id.to_string(),
            date: None,
        }),
        Clear::FollowUp(id) => record(Request::FollowUp {
            contact: id.to_string(),
            date: None,
        }),
        Clear::ThankYou(chat) => record(Request::ThankYou {
            id: chat.to_string(),
            date: None,
        }),
        Clear::Close(id) => record(Request::Status {
            contact: id.to_string(),
            status: ContactStatus::Closed,
        }),
        Clear::Message(_) | Clear::Done(_) => Ok(match item.kind {
            ItemKind::Task => tick(index, item),
            ItemKind::Prepare => prepared(index, item, today),
            ItemKind::Next => {
                let contact = item_doc(index, item);
                plan_for(
                    contact,
                    vec![Change::Remove { key: "next" }],
                    format!("done: {}", item.title),
                    "remove the `next` line by hand".to_owned(),
                )
            }
            _ => dismiss(item, Entry::Done(today), format!("done: {}", item.title)),
        }),
    }
}

/// Marks the chat of a `prepare` item `prepared` on `day`.
fn prepared(index: &Index, item: &agenda::Item, day: NaiveDate) -> Plan {
    let chat = item_doc(index, item);
    plan_for(
        chat,
        vec![set_date("prepared", day, Existing::Refuse)],
        format!("prepared on {day}: {}", chat.id),
        "`prepared` is the day your questions were ready; change it by hand if it is wrong"
            .to_owned(),
    )
}

/// The file an item comes from.
fn item_doc<'a>(index: &'a Index, item: &agenda::Item) -> &'a Document {
    index
        .doc(&item.path)
        .expect("agenda items come from the index")
}

fn set_date(key: &'static str, date: NaiveDate, existing: Existing) -> Change {
    Change::Set {
        key,
        value: date.to_string(),
        existing,
    }
}

/// Sets `item` aside in `dismissed.txt`.
fn dismiss(item: &agenda::Item, entry: Entry, what: String) -> Plan {
    Plan {
        path: dismissed::FILE.to_owned(),
        changes: vec![Change::Dismiss {
            key: item.key(),
            entry,
            title: item.title.clone(),
        }],
        what,
        help: format!("edit {} by hand: one line per item", dismissed::FILE),
    }
}

/// Ticks the task of the agenda item `task` (of kind [`ItemKind::Task`]).
fn tick(index: &Index, task: &agenda::Item) -> Plan {
    let doc = index
        .doc(&task.path)
        .expect("agenda items come from the index");
    plan_for(
        doc,
        vec![Change::Tick {
            text: task.title.clone(),
            due: Some(task.due.date()),
        }],
        format!("done: {}", task.title),
        "tick the task by hand: `- [x]`".to_owned(),
    )
}

/// A planned edit made on the file's bytes as they are now.
#[derive(Debug)]
pub(crate) enum Applied {
    /// The new bytes, and the text before and after (without a byte-order mark) for a diff.
    Changed {
        bytes: Vec<u8>,
        before: String,
        after: String,
    },
    /// The file already records it.
    Unchanged,
}

/// Makes `plan` on `bytes`, the file's current contents: refused if the file has errors (an
/// edit could hide or worsen them), or if a value is not of the shape the change expects or
/// is anchored. [`vet`] then asks whether the result adds a diagnostic.
pub(crate) fn apply(
    plan: &Plan,
    bytes: &[u8],
    conventions: &Conventions,
) -> Result<Applied, Error> {
    let path = std::path::PathBuf::from(&plan.path);
    if plan.path == dismissed::FILE {
        return apply_plain(plan, bytes, conventions);
    }
    let before = Document::parse(plan.path.clone(), Ok(bytes.to_vec()), conventions);
    if before.has_errors() {
        return Err(Error::EditHasErrors { path });
    }
    let refused = |reason: String| Error::Edit {
        path: path.clone(),
        reason,
        help: plan.help.clone(),
    };
    let mut text = before.text().unwrap_or_default().to_owned();
    let mut changed = false;
    for change in &plan.changes {
        match edit::apply_in(&text, change, conventions).map_err(|e| refused(e.to_string()))? {
            Edited::Changed(new) => {
                text = new;
                changed = true;
            }
            Edited::Unchanged => {}
        }
    }
    if !changed {
        return Ok(Applied::Unchanged);
    }
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        &bytes[..3]
    } else {
        &[][..]
    };
    let new_bytes = [bom, text.as_bytes()].concat();
    let after = Document::parse(plan.path.clone(), Ok(new_bytes.clone()), conventions);
    Ok(Applied::Changed {
        bytes: new_bytes,
        before: before.text().unwrap_or_default().to_owned(),
        after: after.text().unwrap_or_default().to_owned(),
    })
}

/// [`apply`] for `dismissed.txt`, a plain file (empty when it does not exist yet): refused
/// if it is not UTF-8 or if the edit would add a line `ties` cannot read.
fn apply_plain(plan: &Plan, bytes: &[u8], conventions: &Conventions) -> Result<Applied, Error> {
    let refused = |reason: String| Error::Edit {
        path: std::path::PathBuf::from(&plan.path),
        reason,
        help: plan.help.clone(),
    };
    let before = std::str::from_utf8(bytes)
        .map_err(|_| refused("it is not UTF-8 text".to_owned()))?
        .to_owned();
    let mut text = before.clone();
    for change in &plan.changes {
        if let Edited::Changed(new) =
            edit::apply_in(&text, change, conventions).map_err(|e| refused(e.to_string()))?
        {
            text = new;
        }
    }
    if text == before {
        return Ok(Applied::Unchanged);
    }
    let unreadable = |t: &str| dismissed::Dismissals::parse(t).1.len();
    if unreadable(&text) > unreadable(&before) {
        return Err(refused(
            "the edit would add a line ties cannot read".to_owned(),
        ));
    }
    Ok(Applied::Changed {
        bytes: text.clone().into_bytes(),
        before,
        after: text,
    })
}

/// Refuses the edited `bytes` of `plan`'s file if they would add any diagnostic to the
/// notebook, the cross-file and time rules included (a follow-up dated before the outreach,
/// T301; a thank-you for a chat still planned, T302; `met` at an event yet to come, T303):
/// the check runs on `index` with the file as edited, and only what it did not report before
/// counts. `index` is left holding the edited file.
pub(crate) fn vet(index: &mut Index, plan: &Plan, bytes: &[u8]) -> Result<(), Error> {
    let added = crate::workspace::added_by(index, &plan.path, bytes);
    let Some(d) = added else { return Ok(()) };
    Err(Error::EditWouldAdd {
        path: std::path::PathBuf::from(&plan.path),
        found: format!(
            "{} {} ({}:{}:{}): {}",
            match d.severity() {
                crate::findings::Severity::Error => "an error",
                crate::findings::Severity::Warning => "a warning",
                crate::findings::Severity::Info => "a note",
            },
            d.code,
            d.path,
            d.start.line,
            d.start.column,
            d.message
        ),
        help: d.help.clone().unwrap_or_else(|| {
            format!(
                "check what was given; `ties explain {}` says what the rule asks",
                d.code
            )
        }),
    })
}
