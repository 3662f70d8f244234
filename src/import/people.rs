//! Who a history's correspondent is: the notebook's contacts and the ones the same import
//! plans, found by LinkedIn profile, then email, then name. A message, an invitation or a
//! meeting names people as the export or the calendar knows them; this finds their file.

use std::collections::HashMap;

use super::naming;
use crate::index::Index;
use crate::model::Kind;

/// A contact a history can name: of the notebook, or planned by this import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Person {
    pub id: String,
    pub name: String,
    pub linkedin: Option<String>,
    pub email: Option<String>,
}

/// Everyone a history may name, by profile, email and name.
#[derive(Debug, Default)]
pub(super) struct Directory {
    people: Vec<Person>,
    profiles: HashMap<String, usize>,
    emails: HashMap<String, usize>,
    /// Lower-case names: everyone of that name.
    names: HashMap<String, Vec<usize>>,
    /// Every id taken: the notebook's (any kind) are asked of the index.
    ids: HashMap<String, usize>,
}

impl Directory {
    /// The notebook's contacts, then `planned` (the contacts this import creates).
    pub(super) fn new(index: &Index, planned: &[Person]) -> Self {
        let mut directory = Self::default();
        for (doc, c) in index.contacts() {
            directory.add(Person {
                id: doc.id.to_string(),
                name: c.name.clone(),
                linkedin: c.linkedin.clone(),
                email: c.email.clone(),
            });
            for alias in &c.aliases {
                let at = directory.people.len() - 1;
                directory
                    .names
                    .entry(alias.to_lowercase())
                    .or_default()
                    .push(at);
            }
        }
        for person in planned {
            directory.add(person.clone());
        }
        directory
    }

    pub(super) fn add(&mut self, person: Person) {
        let at = self.people.len();
        if let Some(profile) = person.linkedin.as_deref() {
            self.profiles.entry(profile_key(profile)).or_insert(at);
        }
        if let Some(email) = person.email.as_deref() {
            self.emails.entry(email.to_lowercase()).or_insert(at);
        }
        self.names
            .entry(person.name.trim().to_lowercase())
            .or_default()
            .push(at);
        self.ids.entry(person.id.clone()).or_insert(at);
        self.people.push(person);
    }

    /// The person with this profile, else this email, else the one person of this name (two
    /// of the same name are no answer).
    pub(super) fn find(
        &self,
        profile: Option<&str>,
        email: Option<&str>,
        name: Option<&str>,
    ) -> Option<&Person> {
        let by_profile = profile.and_then(|p| self.profiles.get(&profile_key(p)));
        let by_email = email.and_then(|e| self.emails.get(&e.trim().to_lowercase()));
        let by_name = || match name.and_then(|n| self.names.get(&n.trim().to_lowercase())) {
            Some(one) if one.len() == 1 => Some(&one[0]),
            _ => None,
        };
        by_profile
            .or(by_email)
            .or_else(by_name)
            .map(|&i| &self.people[i])
    }

    /// Whether several people have this name: a name alone cannot say which of them it is.
    pub(super) fn is_shared(&self, name: &str) -> bool {
        self.names
            .get(&name.trim().to_lowercase())
            .is_some_and(|all| all.len() > 1)
    }

    /// The people whose full name (two words or more, one person of that name) `text`
    /// names as whole words: "Coffee with Ana Ruiz". Linear in the names, once per text.
    pub(super) fn named_in(&self, text: &str) -> Vec<&Person> {
        let text = text.to_lowercase();
        let mut found: Vec<&Person> = Vec::new();
        for (name, people) in &self.names {
            let [one] = people.as_slice() else { continue };
            if !name.contains(' ') {
                continue;
            }
            let whole = text.match_indices(name.as_str()).any(|(at, _)| {
                let before = text[..at].chars().next_back();
                let after = text[at + name.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            });
            if whole && !found.iter().any(|p| p.id == self.people[*one].id) {
                found.push(&self.people[*one]);
            }
        }
        found.sort_by(|a, b| a.name.cmp(&b.name));
        found
    }

    /// A free id for a new contact named `name`, in the notebook and in this import.
    pub(super) fn free_id(&self, index: &Index, name: &str) -> Option<String> {
        let conventions = &index.settings.conventions;
        let base = naming::id_from_name(conventions, name);
        if base.is_empty() {
            return None;
        }
        Some(naming::first_free(conventions, &base, |id| {
            index.get(id).is_some() || self.ids.contains_key(id)
        }))
    }

    /// The path of a new contact's file.
    pub(super) fn path(index: &Index, id: &str) -> String {
        naming::path(&index.settings.conventions, Kind::Contact, id)
    }
}

/// A LinkedIn profile as a comparable key: `https://www.linkedin.com/in/Jane-Doe/`,
/// `de.linkedin.com/in/jane-doe` and the bare handle `jane-doe` are the same person.
pub(super) fn profile_key(url: &str) -> String {
    let lower = url.trim().to_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let rest = rest
        .split(['?', '#'])
        .next()
        .unwrap_or(rest)
        .trim_end_matches('/');
    match rest.split_once('/') {
        Some((host, path)) if host.ends_with("linkedin.com") => format!("linkedin.com/{path}"),
        None if !rest.contains('.') => format!("linkedin.com/in/{}", rest.trim_start_matches('@')),
        _ => rest.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_compare_by_their_path() {
        assert_eq!(
            profile_key("https://www.linkedin.com/in/Jane-Doe/?trk=x"),
            profile_key("linkedin.com/in/jane-doe")
        );
        assert_eq!(
            profile_key("https://de.linkedin.com/in/jane"),
            "linkedin.com/in/jane"
        );
    }

    #[test]
    fn profiles_first_then_one_name() {
        let mut d = Directory::default();
        for (id, name, url) in [
            (
                "ana-ruiz",
                "Ana Ruiz",
                Some("https://www.linkedin.com/in/ana"),
            ),
            ("ben-osei", "Ben Osei", None),
            ("kim-lee", "Kim Lee", None),
            ("kim-lee-2", "Kim Lee", None),
        ] {
            d.add(Person {
                id: id.into(),
                name: name.into(),
                linkedin: url.map(Into::into),
                email: None,
            });
        }
        let by_profile = d.find(Some("linkedin.com/in/ana/"), None, Some("Someone Else"));
        assert_eq!(by_profile.map(|p| p.id.as_str()), Some("ana-ruiz"));
        assert_eq!(
            d.find(None, None, Some(" ben osei "))
                .map(|p| p.id.as_str()),
            Some("ben-osei")
        );
        assert!(d.find(None, None, Some("Kim Lee")).is_none());
    }
}
