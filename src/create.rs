//! Creating a record: what `ties new` was asked for, in the domain's words, and the file it
//! makes: the given values as front-matter keys, every other key of the kind as a commented
//! hint, references resolved to existing records, and a free id, so the new file always
//! passes `ties check`. Nothing here touches the file system.

use crate::document::Document;
use crate::draft::{self, Draft};
use crate::error::Error;
use crate::fs::NewFile;
use crate::index::Index;
use crate::lookup;
use crate::model::chat::{ChatKind, Direction};
use crate::model::decode::Choice;
use crate::model::fields::{Field, Type};
use crate::model::id::is_slug;
use crate::model::time::When;
use crate::model::{Id, Kind, chat, company, contact, event};
use crate::slug;

/// What to create, with the values given on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Request {
    pub kind: Kind,
    /// The record's name; for a chat, the contacts it is with (by id or name; the first
    /// names the file).
    pub names: Vec<String>,
    /// The values given for keys of the record, by their key in the kind's field table
    /// (`model/contact.rs`…), as written (the command line checked them): the field's type
    /// says how each is written, and a reference is resolved to its record's id.
    pub values: Vec<(&'static str, Value)>,
}

/// A value given for a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    One(String),
    Many(Vec<String>),
}

impl Request {
    /// A record of `kind` named `name`, nothing else given.
    pub(crate) fn named(kind: Kind, name: String) -> Self {
        Self {
            kind,
            names: vec![name],
            values: Vec::new(),
        }
    }

    fn name(&self) -> &str {
        self.names.first().map_or("", String::as_str)
    }

    /// The value given for `key`, if one was.
    fn one(&self, key: &str) -> Option<&str> {
        self.values.iter().find_map(|(k, v)| match v {
            Value::One(v) if *k == key => Some(v.as_str()),
            _ => None,
        })
    }
}

/// How to create it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Options {
    /// The id (file name) instead of the one made from the name.
    pub id: Option<String>,
    /// Open the new file in `$VISUAL` or `$EDITOR`.
    pub edit: bool,
    /// Replace a file of the same path.
    pub force: bool,
}

/// The file `request` makes in the notebook `index`: its id is `options.id` or made from
/// the request, and must be free unless `options.force` replaces that very file.
pub(crate) fn new_file(
    index: &Index,
    request: &Request,
    options: &Options,
) -> Result<NewFile, Error> {
    let (kind, base_id, draft) = build(index, request)?;
    let conventions = &index.settings.conventions;
    let titles = conventions.title_ids();
    let given = options.id.as_deref().map(slug::composed);
    let id = match &given {
        Some(id) if titles && (id.is_empty() || slug::title_from_name(id) != *id) => {
            return Err(Error::BadTitle { id: id.clone() });
        }
        Some(id) if !titles && !is_slug(id) => return Err(Error::BadId { id: id.clone() }),
        Some(id) => id.clone(),
        None if base_id.is_empty() => {
            return Err(Error::NoId {
                name: request.name().to_owned(),
            });
        }
        // A name that is a Windows device name (`con`) takes the next free id.
        None if slug::is_reserved(&format!("{base_id}.md")).is_some() => {
            let taken =
                |c: &str| index.get(c).is_some() || slug::is_reserved(&format!("{c}.md")).is_some();
            if titles {
                slug::first_free_title(&base_id, taken)
            } else {
                slug::first_free(&base_id, taken)
            }
        }
        None => base_id,
    };
    let path = format!("{}/{id}.md", conventions.folder(kind));
    // An implicit record has no file: writing its note is what `new` is for.
    let file = |id: &str| {
        (index.lookup(id).iter())
            .map(|&i| &index.docs[i])
            .find(|d| !d.is_implicit())
    };
    if let Some(existing) = file(&id)
        && !(options.force && existing.path == path)
    {
        let taken = |c: &str| file(c).is_some();
        return Err(Error::IdTaken {
            suggestion: if titles {
                slug::first_free_title(&id, taken)
            } else {
                slug::first_free(&id, taken)
            },
            existing: existing.path.clone(),
            id,
        });
    }
    Ok(NewFile {
        path,
        text: draft.render(),
    })
}

/// The id of a new record named `name`: its slug, or in a title notebook its title.
fn file_id(index: &Index, name: &str) -> String {
    if index.settings.conventions.title_ids() {
        slug::title_from_name(name)
    } else {
        slug::from_name(name)
    }
}

/// The id of a dated record (a chat, an event): `2026-11-12-jane-doe`, or in a title
/// notebook `2026-11-12 Jane Doe`; empty when `name` makes no id.
fn dated(index: &Index, day: chrono::NaiveDate, name: &str) -> String {
    let id = file_id(index, name);
    if id.is_empty() {
        return id;
    }
    let sep = if index.settings.conventions.title_ids() {
        ' '
    } else {
        '-'
    };
    format!("{}{sep}{id}", day.format("%Y-%m-%d"))
}

/// The kind, the id made from the request, and the file's content: each given value
/// written as its field's type says, the others as hints.
fn build(index: &Index, request: &Request) -> Result<(Kind, String, Draft), Error> {
    let kind = request.kind;
    let mut given: Vec<(&str, Given)> = Vec::new();
    for (key, value) in &request.values {
        let ty = type_of(kind, key);
        let value = match (ty.and_then(|t| t.target(key)), value) {
            (Some(target), Value::One(text)) => {
                Given::Word(draft::id(resolve(index, target, text)?.id.as_str()))
            }
            (Some(target), Value::Many(texts)) => Given::List(
                texts
                    .iter()
                    .map(|t| resolve(index, target, t).map(|d| d.id.to_string()))
                    .collect::<Result<_, _>>()?,
            ),
            (None, Value::Many(items)) => Given::List(items.clone()),
            (None, Value::One(text)) if ty.is_some_and(is_word) => Given::Word(text.clone()),
            (None, Value::One(text)) => Given::Text(text.clone()),
        };
        given.push((key, value));
    }
    let today = When::Date(index.today());
    let day = |key| request.one(key).and_then(When::parse).unwrap_or(today);
    match kind {
        Kind::Contact | Kind::Company => {
            given.push(("name", Given::Text(request.name().to_owned())));
            let draft = filled(kind, &given);
            Ok((kind, file_id(index, request.name()), draft))
        }
        Kind::Event => {
            given.push(("name", Given::Text(request.name().to_owned())));
            let draft = filled(kind, &given);
            let id = dated(index, day("date").date(), request.name());
            Ok((kind, id, draft))
        }
        Kind::Chat | Kind::Note => chat(index, request, given, day("date")),
    }
}

/// A chat: with the contacts named, on `date` (today unless given), and the sections of
/// its kind of conversation.
fn chat(
    index: &Index,
    request: &Request,
    mut given: Vec<(&str, Given)>,
    date: When,
) -> Result<(Kind, String, Draft), Error> {
    let people: Vec<&Document> = request
        .names
        .iter()
        .map(|w| resolve(index, Kind::Contact, w))
        .collect::<Result<_, _>>()?;
    let ids: Vec<String> = people.iter().map(|d| d.id.to_string()).collect();
    let with = if let [one] = ids.as_slice() {
        Given::Word(draft::id(one))
    } else {
        Given::List(ids.clone())
    };
    given.push(("with", with));
    given.retain(|(key, _)| *key != "date");
    given.push(("date", Given::Word(date.to_string())));
    let kind = request
        .one("kind")
        .and_then(ChatKind::parse)
        .unwrap_or(ChatKind::CoffeeChat);
    let direction = request.one("direction").and_then(Direction::parse);
    // A message is a point in time: it lasts no time, is never prepared nor thanked for
    // (so it has no thank-you template either); only a message has a direction.
    let unhinted: &[&str] = if kind == ChatKind::Message {
        &[
            "duration",
            "thanked",
            "prepared",
            "referrals",
            "status",
            "event",
            "templates",
        ]
    } else {
        &["direction"]
    };
    let mut draft = fill(chat::FIELDS, &given, unhinted);
    let names: Vec<&str> = people
        .iter()
        .map(|d| d.name().unwrap_or(d.id.as_str()))
        .collect();
    draft.body(&chat_body(kind, direction, &names));
    let id = dated(index, date.date(), ids.first().map_or("", String::as_str));
    Ok((Kind::Chat, id, draft))
}

/// A value given on the command line, as it is to be written.
enum Given {
    /// Ours and plain: a date, an enumerated word, an id, a count.
    Word(String),
    /// The user's text, quoted as needed.
    Text(String),
    List(Vec<String>),
}

/// A draft of a record of `kind` with the keys in the kind's order: the given ones set,
/// the rest as hints.
fn filled(kind: Kind, given: &[(&str, Given)]) -> Draft {
    match kind {
        Kind::Contact => fill(contact::FIELDS, given, &[]),
        Kind::Company => fill(company::FIELDS, given, &[]),
        Kind::Chat => fill(chat::FIELDS, given, &[]),
        Kind::Event | Kind::Note => fill(event::FIELDS, given, &[]),
    }
}

/// The type of the key `key` of a record of `kind`, if it has that key.
fn type_of(kind: Kind, key: &str) -> Option<Type> {
    fn find<R>(fields: &[Field<R>], key: &str) -> Option<Type> {
        fields.iter().find(|f| f.key == key).map(|f| f.ty)
    }
    match kind {
        Kind::Contact => find(contact::FIELDS, key),
        Kind::Company => find(company::FIELDS, key),
        Kind::Chat => find(chat::FIELDS, key),
        Kind::Event | Kind::Note => find(event::FIELDS, key),
    }
}

/// Whether a value of type `ty` is written as it is (a date, a word of a choice, a count)
/// rather than as the user's text, quoted as needed.
fn is_word(ty: Type) -> bool {
    !matches!(
        ty,
        Type::Text | Type::Email | Type::Url | Type::Profile(_) | Type::List
    )
}

/// The draft of `fields`, the `given` values set, the other keys as hints but for those in
/// `unhinted`, which do not apply.
fn fill<R>(fields: &[Field<R>], given: &[(&str, Given)], unhinted: &[&str]) -> Draft {
    let mut draft = Draft::new();
    let hinted =
        |f: &&Field<R>| !unhinted.contains(&f.key) || given.iter().any(|(k, _)| *k == f.key);
    for field in fields.iter().filter(hinted) {
        let key = field.key;
        let value = given.iter().find(|(k, _)| *k == key).map(|(_, v)| v);
        match value {
            Some(Given::Word(w)) => draft.word(key, w),
            Some(Given::Text(t)) => draft.text(key, t),
            Some(Given::List(items)) if !items.is_empty() => draft.list(key, items),
            _ if field.imported => &mut draft,
            _ => draft.hint(&field.hint_line()),
        };
    }
    draft
}

/// The record of `kind` that the user named, or an error that says how to create it.
fn resolve<'a>(index: &'a Index, kind: Kind, text: &str) -> Result<&'a Document, Error> {
    lookup::find(index, kind, text).ok_or_else(|| Error::UnknownRecord {
        kind: kind.as_str(),
        id: text.to_owned(),
        hint: lookup::hint(index, kind, text),
        help: match index.get(&slug::from_name(text)) {
            Some(other) => format!(
                "`{}` is a {}, not a {kind} ({})",
                other.id, other.kind, other.path
            ),
            None => format!(
                "create it first: ties new {kind} \"{}\"{}",
                slug::to_name(Id::from_reference(text).as_str()),
                if kind == Kind::Event {
                    " --date YYYY-MM-DD"
                } else {
                    ""
                }
            ),
        },
    })
}

/// The sections the seeds teach: 5–7 questions prepared beforehand (empty items do not
/// count as prepared), notes, takeaways, and a reflection that ends with the thank-you. A
/// message is a point in time, with nothing to prepare and no thank-you owed: its body is
/// the message.
fn chat_body(kind: ChatKind, direction: Option<Direction>, names: &[&str]) -> String {
    let who = match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    if kind == ChatKind::Message {
        let heading = match direction {
            Some(Direction::Sent) => format!("Message to {who}"),
            Some(Direction::Received) => format!("Message from {who}"),
            None => format!("Messages with {who}"),
        };
        return format!("# {heading}\n\nPaste or sum up the message here.\n");
    }
    let what = match kind {
        ChatKind::CoffeeChat => "Coffee chat",
        ChatKind::InformationalInterview => "Informational interview",
        ChatKind::Call => "Call",
        ChatKind::Message => "Messages",
        ChatKind::Event => "Chat at an event",
        ChatKind::Interview => "Interview",
        ChatKind::Other => "Chat",
    };
    format!(
        "# {what} with {who}\n\
         \n\
         ## Questions\n\
         \n\
         Prepare 5–7 open questions before the chat; empty items do not count.\n\
         \n\
         {questions}\
         \n\
         ## Notes\n\
         \n\
         ## Takeaways\n\
         \n\
         ## Reflection\n\
         \n\
         - Most valuable question:\n\
         - What I will do again:\n\
         - What I will do differently:\n\
         - Thank-you note sent: (within 24 hours; then add `thanked: YYYY-MM-DD` above)\n",
        questions = "- \n".repeat(7),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chat_body_has_room_for_questions_that_do_not_count_yet() {
        let body = chat_body(ChatKind::CoffeeChat, None, &["Jane Doe"]);
        let mut findings = Vec::new();
        let parsed = crate::body::parse(&body, 0, &mut findings);
        assert!(findings.is_empty());
        assert_eq!(parsed.questions, Some(0));
        let headings: Vec<&str> = parsed.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(
            headings,
            [
                "Coffee chat with Jane Doe",
                "Questions",
                "Notes",
                "Takeaways",
                "Reflection"
            ]
        );
    }
}
