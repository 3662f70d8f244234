//! Creating a record: what `ties new` was asked for, in the domain's words.

use crate::model::chat::ChatKind;
use crate::model::company::CompanyStatus;
use crate::model::contact::{Role, Warmth};
use crate::model::event::EventKind;
use crate::model::time::When;

/// What to create, with the values given on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
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
pub struct Options {
    /// The id (file name) instead of the one made from the name.
    pub id: Option<String>,
    /// Open the new file in `$VISUAL` or `$EDITOR`.
    pub edit: bool,
    /// Replace a file of the same path.
    pub force: bool,
}
