//! The notebook's records as typed values: what a contact, company, chat or event is, and
//! the notebook's settings in `ties.yaml`. Each kind decodes itself from one file's front
//! matter, independently of every other file.

pub(crate) mod chat;
pub(crate) mod compact;
pub(crate) mod company;
pub(crate) mod contact;
pub(crate) mod conventions;
pub(crate) mod decode;
pub(crate) mod event;
pub(crate) mod fields;
pub(crate) mod id;
pub(crate) mod settings;
pub(crate) mod time;

pub(crate) use chat::Chat;
pub(crate) use company::Company;
pub(crate) use contact::Contact;
pub(crate) use conventions::Conventions;
pub(crate) use event::Event;
pub(crate) use id::Id;
pub(crate) use settings::Settings;

use crate::findings::Finding;
use crate::span::Span;
use crate::yaml::Node;

/// What a file is, from its top-level folder.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    Contact,
    Company,
    Chat,
    Event,
    /// A Markdown file outside the record folders: links are checked, nothing else.
    Note,
}

impl Kind {
    pub(crate) const RECORDS: [Self; 4] = [Self::Contact, Self::Company, Self::Chat, Self::Event];

    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            Self::Contact => "contact",
            Self::Company => "company",
            Self::Chat => "chat",
            Self::Event => "event",
            Self::Note => "note",
        }
    }

    pub(crate) const fn folder(self) -> &'static str {
        match self {
            Self::Contact => "contacts",
            Self::Company => "companies",
            Self::Chat => "chats",
            Self::Event => "events",
            Self::Note => "notes",
        }
    }

    /// A minimal valid front matter, for help texts.
    pub(crate) const fn example(self) -> &'static str {
        match self {
            Self::Contact => "name: Jane Doe",
            Self::Company => "name: Acme",
            Self::Chat => "with: jane-doe\\ndate: 2026-11-21",
            Self::Event => "name: Rust Meetup\\ndate: 2026-11-21",
            Self::Note => "",
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A record decoded from front matter.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(crate) enum Record {
    // Boxed: a contact is over 500 bytes, and a document holding one inline made every
    // document that big, copied as the list of documents grew and was sorted.
    Contact(Box<Contact>),
    Company(Box<Company>),
    Chat(Box<Chat>),
    Event(Box<Event>),
}

impl Record {
    /// Decodes the front-matter mapping of a file of `kind`; `None` for free notes.
    pub(crate) fn decode(
        kind: Kind,
        entries: &[(Node, Node)],
        anchor: Span,
        id: &Id,
        conventions: &Conventions,
    ) -> (Option<Self>, Vec<Finding>) {
        let f = decode::Fields::new(kind.as_str(), entries, anchor, conventions);
        match kind {
            Kind::Contact => {
                let (r, f) = Contact::decode(f, id);
                (Some(Self::Contact(Box::new(r))), f)
            }
            Kind::Company => {
                let (r, f) = Company::decode(f, id);
                (Some(Self::Company(Box::new(r))), f)
            }
            Kind::Chat => {
                let (r, f) = Chat::decode(f);
                (Some(Self::Chat(Box::new(r))), f)
            }
            Kind::Event => {
                let (r, f) = Event::decode(f, id);
                (Some(Self::Event(Box::new(r))), f)
            }
            Kind::Note => (None, Vec::new()),
        }
    }
}
