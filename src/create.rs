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
use crate::model::company::CompanyStatus;
use crate::model::contact::{Role, Warmth};
use crate::model::event::EventKind;
use crate::model::fields::Field;
use crate::model::id::is_slug;
use crate::model::time::When;
use crate::model::{Id, Kind, chat, company, contact, event};
use crate::slug;

/// What to create, with the values given on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Request {
    Contact {
        name: String,
        company: Option<String>,
        title: Option<String>,
        role: Option<Role>,
        warmth: Option<Warmth>,
        email: Option<String>,
        linkedin: Option<String>,
        source: Option<String>,
        tags: Vec<String>,
    },
    Company {
        name: String,
        status: Option<CompanyStatus>,
        website: Option<String>,
        location: Option<String>,
    },
    Chat {
        /// Contacts, by id or name; the first names the file.
        with: Vec<String>,
        /// Default: today.
        date: Option<When>,
        kind: Option<ChatKind>,
        /// For a message: `sent` (outreach) or `received` (a reply).
        direction: Option<Direction>,
        medium: Option<String>,
        event: Option<String>,
    },
    Event {
        name: String,
        date: When,
        kind: Option<EventKind>,
        location: Option<String>,
        url: Option<String>,
        goal: Option<u32>,
    },
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
    let id = match &options.id {
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
        None => base_id,
    };
    let path = format!("{}/{id}.md", conventions.folder(kind));
    if let Some(existing) = index.get(&id)
        && !(options.force && existing.path == path)
    {
        let taken = |c: &str| index.get(c).is_some();
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

impl Request {
    fn name(&self) -> &str {
        match self {
            Self::Contact { name, .. } | Self::Company { name, .. } | Self::Event { name, .. } => {
                name
            }
            Self::Chat { with, .. } => with.first().map_or("", String::as_str),
        }
    }
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

/// The kind, the id made from the request, and the file's content.
fn build(index: &Index, request: &Request) -> Result<(Kind, String, Draft), Error> {
    match request {
        Request::Contact { name, .. } => Ok((
            Kind::Contact,
            file_id(index, name),
            contact(index, request)?,
        )),
        Request::Company {
            name,
            status,
            website,
            location,
        } => {
            let given = [
                ("name", Some(Given::Text(name.clone()))),
                (
                    "status",
                    status.map(|st| Given::Word(st.as_str().to_owned())),
                ),
                ("location", location.clone().map(Given::Text)),
                ("website", website.clone().map(Given::Text)),
            ];
            Ok((
                Kind::Company,
                file_id(index, name),
                filled(company::FIELDS, &given),
            ))
        }
        Request::Chat { .. } => chat(index, request),
        Request::Event {
            name,
            date,
            kind,
            location,
            url,
            goal,
        } => {
            let given = [
                ("name", Some(Given::Text(name.clone()))),
                ("date", Some(Given::Word(date.to_string()))),
                ("kind", kind.map(|k| Given::Word(k.as_str().to_owned()))),
                ("location", location.clone().map(Given::Text)),
                ("url", url.clone().map(Given::Text)),
                ("goal", goal.map(|g| Given::Word(g.to_string()))),
            ];
            let draft = filled(event::FIELDS, &given);
            let id = dated(index, date.date(), name);
            Ok((Kind::Event, id, draft))
        }
    }
}

fn contact(index: &Index, request: &Request) -> Result<Draft, Error> {
    let Request::Contact {
        name,
        company,
        title,
        role,
        warmth,
        email,
        linkedin,
        source,
        tags,
    } = request
    else {
        unreachable!("called for contacts only")
    };
    let company = company
        .as_deref()
        .map(|c| resolve(index, Kind::Company, c))
        .transpose()?;
    let given = [
        ("name", Some(Given::Text(name.clone()))),
        (
            "company",
            company.map(|d| Given::Word(draft::id(d.id.as_str()))),
        ),
        ("title", title.clone().map(Given::Text)),
        ("role", role.map(|r| Given::Word(r.as_str().to_owned()))),
        ("warmth", warmth.map(|w| Given::Word(w.as_str().to_owned()))),
        ("source", source.clone().map(Given::Text)),
        ("email", email.clone().map(Given::Text)),
        ("linkedin", linkedin.clone().map(Given::Text)),
        ("tags", Some(Given::List(tags.clone()))),
    ];
    Ok(filled(contact::FIELDS, &given))
}

fn chat(index: &Index, request: &Request) -> Result<(Kind, String, Draft), Error> {
    let Request::Chat {
        with,
        date,
        kind,
        direction,
        medium,
        event,
    } = request
    else {
        unreachable!("called for chats only")
    };
    let people: Vec<&Document> = with
        .iter()
        .map(|w| resolve(index, Kind::Contact, w))
        .collect::<Result<_, _>>()?;
    let event = event
        .as_deref()
        .map(|e| resolve(index, Kind::Event, e))
        .transpose()?;
    let date = date.unwrap_or(When::Date(index.today));
    let ids: Vec<String> = people.iter().map(|d| d.id.to_string()).collect();
    let with = if let [one] = ids.as_slice() {
        Given::Word(draft::id(one))
    } else {
        Given::List(ids.clone())
    };
    let given = [
        ("with", Some(with)),
        ("date", Some(Given::Word(date.to_string()))),
        ("kind", kind.map(|k| Given::Word(k.as_str().to_owned()))),
        (
            "direction",
            direction.map(|d| Given::Word(d.as_str().to_owned())),
        ),
        ("medium", medium.clone().map(Given::Text)),
        (
            "event",
            event.map(|d| Given::Word(draft::id(d.id.as_str()))),
        ),
    ];
    let mut draft = filled(chat::FIELDS, &given);
    let names: Vec<&str> = people
        .iter()
        .map(|d| d.name().unwrap_or(d.id.as_str()))
        .collect();
    draft.body(&chat_body(kind.unwrap_or(ChatKind::CoffeeChat), &names));
    let id = dated(index, date.date(), &ids[0]);
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

/// A draft with the keys in the kind's order: the given ones set, the rest as hints.
fn filled<R>(fields: &[Field<R>], given: &[(&str, Option<Given>)]) -> Draft {
    let mut draft = Draft::new();
    for field in fields {
        let key = field.key;
        let value = given
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, v)| v.as_ref());
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
/// count as prepared), notes, takeaways, and a reflection that ends with the thank-you.
fn chat_body(kind: ChatKind, names: &[&str]) -> String {
    let what = match kind {
        ChatKind::CoffeeChat => "Coffee chat",
        ChatKind::InformationalInterview => "Informational interview",
        ChatKind::Call => "Call",
        ChatKind::Message => "Messages",
        ChatKind::Event => "Chat at an event",
        ChatKind::Interview => "Interview",
        ChatKind::Other => "Chat",
    };
    let who = match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
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
        let body = chat_body(ChatKind::CoffeeChat, &["Jane Doe"]);
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
