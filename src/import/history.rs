//! What every history an import brings (messages, invitations, a calendar's meetings) does
//! the same way: find the people it names (or create them with `--create-contacts`), find
//! the chats the notebook already has by their `uid`, and add new chats to the plan with
//! the row they come from.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::naming;
use super::people::{Directory, Person};
use super::plan::{Log, Origin, Plan};
use crate::document::Document;
use crate::draft::{self, Draft};
use crate::fs::NewFile;
use crate::index::Index;
use crate::model::{Conventions, Kind, Record};

/// One file of a history being planned: the notebook, the people, the plan it adds to, and
/// what it says about its rows.
pub(super) struct Scope<'a> {
    pub(super) index: &'a Index,
    pub(super) directory: &'a mut Directory,
    /// `--create-contacts`.
    pub(super) create: bool,
    /// The file, as shown in messages.
    pub(super) file: &'a str,
    pub(super) plan: &'a mut Plan,
    pub(super) log: &'a mut Log,
    /// The ids of the chats planned so far, so two of one day get `-2`.
    chat_ids: HashSet<String>,
}

impl<'a> Scope<'a> {
    pub(super) fn new(
        index: &'a Index,
        directory: &'a mut Directory,
        create: bool,
        file: &'a str,
        plan: &'a mut Plan,
        log: &'a mut Log,
    ) -> Self {
        let conventions = &index.settings.conventions;
        let chats = conventions.folder(Kind::Chat);
        let chat_ids = plan
            .files
            .iter()
            .filter_map(|f| {
                f.path
                    .strip_prefix(&format!("{chats}/"))
                    .and_then(|name| name.strip_suffix(".md"))
                    .map(str::to_owned)
            })
            .collect();
        Self {
            index,
            directory,
            create,
            file,
            plan,
            log,
            chat_ids,
        }
    }

    pub(super) fn conventions(&self) -> &'a Conventions {
        &self.index.settings.conventions
    }

    /// The person with this profile or name: of the notebook, planned, or created now when
    /// `--create-contacts` says so.
    pub(super) fn person(
        &mut self,
        profile: Option<&str>,
        name: Option<&str>,
        line: u64,
    ) -> Option<Person> {
        if let Some(found) = self.directory.find(profile, None, name) {
            return Some(found.clone());
        }
        if self.create {
            self.create_contact(profile, None, name, line, "LinkedIn")
        } else {
            None
        }
    }

    /// A meeting's attendee: found by email, then name; created (name, email, `source:
    /// calendar`) when the import says so.
    pub(super) fn attendee(
        &mut self,
        email: Option<&str>,
        name: Option<&str>,
        line: u64,
    ) -> Option<Person> {
        if let Some(found) = self.directory.find(None, email, name) {
            return Some(found.clone());
        }
        if self.create {
            self.create_contact(None, email, name, line, "calendar")
        } else {
            None
        }
    }

    /// A contact for someone the history names who has no file: their name and profile.
    /// `None` for "LinkedIn Member" (a hidden account) and a name that makes no id.
    fn create_contact(
        &mut self,
        profile: Option<&str>,
        email: Option<&str>,
        name: Option<&str>,
        line: u64,
        source: &str,
    ) -> Option<Person> {
        let name = name.map(str::trim).filter(|n| !n.is_empty())?;
        if name.eq_ignore_ascii_case("LinkedIn Member") {
            return None;
        }
        let id = self.directory.free_id(self.index, name)?;
        let person = Person {
            id: id.clone(),
            name: name.to_owned(),
            linkedin: profile.map(str::to_owned),
            email: email.map(str::to_owned),
        };
        let mut d = Draft::new();
        d.text("name", name).text("source", source);
        if let Some(email) = email {
            d.text("email", email);
        }
        if let Some(profile) = profile {
            d.text("linkedin", profile);
        }
        let path = Directory::path(self.index, &id);
        self.add(path, d.render(), line, 0);
        self.plan.contacts += 1;
        self.plan.people.push(person.clone());
        self.directory.add(person.clone());
        Some(person)
    }

    /// Adds a new file to the plan, from row `line` and bringing `items` of the history.
    pub(super) fn add(&mut self, path: String, text: String, line: u64, items: usize) {
        self.plan.origins.push(Origin {
            path: path.clone(),
            file: self.file.to_owned(),
            line,
            items,
        });
        self.plan.files.push(NewFile { path, text });
    }

    /// Notes that the file `path` of the notebook changes because of row `line`.
    pub(super) fn changed(&mut self, path: &str, line: u64, items: usize) {
        self.plan.origins.push(Origin {
            path: path.to_owned(),
            file: self.file.to_owned(),
            line,
            items,
        });
    }

    /// A new chat with `with` on `day`: its file's path, free in the notebook and the plan
    /// (`2026-11-24-ana-ruiz`, then `-2`), and its front matter so far.
    pub(super) fn chat(&mut self, with: &[Person], day: NaiveDate) -> (String, Draft) {
        let conventions = self.conventions();
        // Named after the first person's id, as `ties new chat` names it: a contact whose
        // id is not their name's slug (`chris-oconnor` for Chris O'Connor) keeps it.
        let name = naming::id_from_name(conventions, &with[0].id);
        let sep = if conventions.title_ids() { ' ' } else { '-' };
        let base = format!("{}{sep}{name}", day.format("%Y-%m-%d"));
        let index = self.index;
        let id = naming::first_free(conventions, &base, |id| {
            index.get(id).is_some() || self.chat_ids.contains(id)
        });
        self.chat_ids.insert(id.clone());
        let mut d = Draft::new();
        let ids: Vec<String> = with.iter().map(|p| draft::id(&p.id)).collect();
        if let [one] = ids.as_slice() {
            d.word("with", one);
        } else {
            d.word("with", &format!("[{}]", ids.join(", ")));
        }
        self.plan.chats += 1;
        (naming::path(conventions, Kind::Chat, &id), d)
    }
}

/// The notebook's chats by their `uid`.
pub(super) fn chats_by_uid(index: &Index) -> HashMap<&str, &Document> {
    index
        .docs
        .iter()
        .filter_map(|d| match &d.record {
            Some(Record::Chat(c)) => c.uid.as_deref().map(|u| (u, d)),
            _ => None,
        })
        .collect()
}
