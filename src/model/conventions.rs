//! How a notebook names things, from `ties.yaml`: the folder of each record kind
//! (`folders`), whether file titles are ids (`ids: title`, as in Obsidian), the user's own
//! key names (`keys`) and the owner, whose name in a chat's `with` is no contact. A small
//! plain value decoded once and handed to every per-file parse, so a vault is read where
//! and as it is.

use std::borrow::Cow;

use crate::model::Kind;

/// `ids:` in `ties.yaml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub(crate) enum Ids {
    /// File names are slugs (`jane-doe.md`); a name that is not one is a warning (T107).
    #[default]
    Slug,
    /// File titles are ids (`Jane Doe.md`), as in Obsidian.
    Title,
}

/// `Hash`: the persistent cache keeps parses made under equal conventions only
/// ([`crate::cache`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Conventions {
    /// The folder of contacts, companies, chats and events (in [`Kind::RECORDS`] order);
    /// `None` is the default folder (`contacts`…).
    pub folders: [Option<String>; 4],
    pub ids: Ids,
    /// The user's key names, normalised ([`normalise`]), and the `ties` key each stands for.
    pub keys: Vec<(String, String)>,
    /// `owner:`, accepted and ignored in a chat's `with`.
    pub owner: Option<String>,
}

/// The conventions of a notebook whose `ties.yaml` says nothing about them.
pub(crate) static PLAIN: Conventions = Conventions {
    folders: [None, None, None, None],
    ids: Ids::Slug,
    keys: Vec::new(),
    owner: None,
};

impl Default for Conventions {
    fn default() -> Self {
        PLAIN.clone()
    }
}

impl Conventions {
    /// The folder where records of `kind` live, relative to the root (`People`,
    /// `CRM/People`, `contacts`); a note has none of its own, so `notes`.
    pub(crate) fn folder(&self, kind: Kind) -> &str {
        Kind::RECORDS
            .iter()
            .position(|k| *k == kind)
            .and_then(|i| self.folders[i].as_deref())
            .unwrap_or(kind.folder())
    }

    /// The kind of the file at `path` (relative, `/`-separated): a record if it lies under
    /// a record folder (at any depth below it), else a note. Where one record folder lies
    /// inside another (`CRM` and `CRM/Companies`), the deeper one decides.
    pub(crate) fn kind_of(&self, path: &str) -> Kind {
        Kind::RECORDS
            .into_iter()
            .filter(|&kind| {
                path.strip_prefix(self.folder(kind))
                    .is_some_and(|rest| rest.starts_with('/'))
            })
            .max_by_key(|&kind| self.folder(kind).len())
            .unwrap_or(Kind::Note)
    }

    pub(crate) fn title_ids(&self) -> bool {
        self.ids == Ids::Title
    }

    /// The `ties` key that `written` stands for: normalised, then renamed by `keys:`.
    pub(crate) fn key<'k>(&self, written: &'k str) -> Cow<'k, str> {
        let key = normalise(written);
        match self.keys.iter().find(|(theirs, _)| *theirs == key) {
            Some((_, ours)) => Cow::Owned(ours.clone()),
            None => key,
        }
    }

    /// Whether a reference in a chat's `with` names the owner: their name, written any
    /// way that slugs alike (`Jane Doe`, `jane-doe`, `[[jane doe]]`).
    pub(crate) fn is_owner(&self, reference: &str) -> bool {
        self.owner.as_deref().is_some_and(|owner| {
            let owner = crate::slug::from_name(owner);
            !owner.is_empty() && crate::slug::from_name(reference) == owner
        })
    }
}

/// A key as `ties` compares it: lower case, spaces and hyphens as `_`, so `Last Contact`,
/// `last-contact` and `last_contact` are one key. Borrowed when already normal (nearly
/// every key of a `ties` notebook), so the common case allocates nothing.
pub(crate) fn normalise(key: &str) -> Cow<'_, str> {
    let key = key.trim();
    if key
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Cow::Borrowed(key);
    }
    Cow::Owned(
        key.chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c == ' ' || c == '-' { '_' } else { c })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_key_are_one_key() {
        for written in [
            "Last Contact",
            "last-contact",
            "last_contact",
            " LAST CONTACT ",
        ] {
            assert_eq!(normalise(written), "last_contact", "{written:?}");
        }
        let renamed = Conventions {
            keys: vec![("position".into(), "title".into())],
            ..Conventions::default()
        };
        assert_eq!(renamed.key("Position"), "title");
        assert_eq!(renamed.key("Phone Number"), "phone_number");
    }

    #[test]
    fn folders_give_kinds_at_any_depth() {
        let vault = Conventions {
            folders: [Some("People".into()), Some("CRM/Firms".into()), None, None],
            ..Conventions::default()
        };
        assert_eq!(vault.kind_of("People/Jane Doe.md"), Kind::Contact);
        assert_eq!(vault.kind_of("People/2024/Jane Doe.md"), Kind::Contact);
        assert_eq!(vault.kind_of("CRM/Firms/Acme.md"), Kind::Company);
        assert_eq!(vault.kind_of("contacts/jane.md"), Kind::Note);
        assert_eq!(vault.kind_of("Peoples/jane.md"), Kind::Note);
        assert_eq!(vault.kind_of("chats/x.md"), Kind::Chat);
        assert_eq!(PLAIN.kind_of("contacts/a/b.md"), Kind::Contact);
        assert_eq!(PLAIN.kind_of("README.md"), Kind::Note);
        let nested = Conventions {
            folders: [Some("CRM".into()), Some("CRM/Companies".into()), None, None],
            ..Conventions::default()
        };
        assert_eq!(nested.kind_of("CRM/Companies/Acme.md"), Kind::Company);
        assert_eq!(nested.kind_of("CRM/Jane.md"), Kind::Contact);
    }

    #[test]
    fn the_owner_is_recognised_however_written() {
        let c = Conventions {
            owner: Some("Jane Doe".into()),
            ..Conventions::default()
        };
        assert!(c.is_owner("jane doe") && c.is_owner("jane-doe") && c.is_owner("Jane Doe"));
        assert!(!c.is_owner("Jane") && !PLAIN.is_owner("jane-doe"));
    }
}
