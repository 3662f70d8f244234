//! The keys of each kind as one uniform list, read from the field tables of `model/`: what
//! completion offers at the start of a front-matter line, which values a key allows, which
//! kind of record a reference key names, and the one-line doc of a key for hover.

use crate::model::fields::{Field, Type};
use crate::model::{Kind, chat, company, contact, event};

/// One key of a kind, whatever the record type behind it.
#[allow(
    clippy::struct_field_names,
    reason = "`key.key` reads as the field tables' own `key`"
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Key {
    pub key: &'static str,
    pub ty: Type,
    pub example: &'static str,
    pub meaning: &'static str,
}

fn from<R>(fields: &[Field<R>]) -> Vec<Key> {
    fields
        .iter()
        .map(|f| Key {
            key: f.key,
            ty: f.ty,
            example: f.example,
            meaning: f.meaning,
        })
        .collect()
}

/// The keys a record of `kind` may have, in the order of its table; none for notes.
pub(crate) fn of(kind: Kind) -> Vec<Key> {
    match kind {
        Kind::Contact => from(contact::FIELDS),
        Kind::Company => from(company::FIELDS),
        Kind::Chat => from(chat::FIELDS),
        Kind::Event => from(event::FIELDS),
        Kind::Note => Vec::new(),
    }
}

/// The key `key` of `kind`, if it has one.
pub(crate) fn find(kind: Kind, key: &str) -> Option<Key> {
    of(kind).into_iter().find(|k| k.key == key)
}

impl Key {
    /// The kind of record the key's value names, for a reference key: `company` names a
    /// company and `event` an event; every other reference (`with`, `met`, `introduced_by`,
    /// `referrals`) names people.
    pub(crate) fn target(&self) -> Option<Kind> {
        self.ty.target(self.key)
    }

    /// The words the key allows, for a choice.
    pub(crate) fn choices(&self) -> &'static [&'static str] {
        match self.ty {
            Type::Choice(names) => names,
            _ => &[],
        }
    }

    /// Whether the value is a date (or starts with one): completion offers today.
    pub(crate) fn is_date(&self) -> bool {
        matches!(self.ty, Type::Date | Type::Dates | Type::When | Type::Next)
    }

    /// What the key holds, in one line: its meaning when the table gives one, else its type,
    /// and an example.
    pub(crate) fn doc(&self) -> String {
        let what = match self.ty {
            Type::Text => "text".to_owned(),
            Type::Choice(names) => format!("one of {}", names.join(", ")),
            Type::Id => match self.target() {
                Some(kind) => format!("the id of a file in {}/", kind.folder()),
                None => "an id".to_owned(),
            },
            Type::Ids => match self.target() {
                Some(kind) => format!("ids of files in {}/ (a list)", kind.folder()),
                None => "ids".to_owned(),
            },
            Type::Date => "a date (YYYY-MM-DD)".to_owned(),
            Type::Dates => "dates (YYYY-MM-DD, a list)".to_owned(),
            Type::When => "a date, with a time if you like (YYYY-MM-DD HH:MM)".to_owned(),
            Type::Duration => "a duration (90d, 12w, 6m)".to_owned(),
            Type::Count => "a whole number".to_owned(),
            Type::Email => "an email address".to_owned(),
            Type::Url => "a web address".to_owned(),
            Type::Profile(site) => format!("a handle or an address on {site}"),
            Type::Next => "a date, then what to do on it".to_owned(),
            Type::List => "words (a list)".to_owned(),
        };
        // The table's own words win: they say what the key is for, not only its type.
        let what = if self.meaning.is_empty() {
            what
        } else {
            self.meaning.to_owned()
        };
        if self.example.is_empty() {
            format!("`{}`: {what}", self.key)
        } else {
            format!("`{}`: {what}, e.g. `{}`", self.key, self.example)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_keys_name_their_kind() {
        let target = |kind, key| find(kind, key).and_then(|k| k.target());
        assert_eq!(target(Kind::Contact, "company"), Some(Kind::Company));
        assert_eq!(target(Kind::Contact, "introduced_by"), Some(Kind::Contact));
        assert_eq!(target(Kind::Chat, "with"), Some(Kind::Contact));
        assert_eq!(target(Kind::Chat, "event"), Some(Kind::Event));
        assert_eq!(target(Kind::Chat, "referrals"), Some(Kind::Contact));
        assert_eq!(target(Kind::Event, "met"), Some(Kind::Contact));
        assert_eq!(target(Kind::Contact, "title"), None);
        assert!(of(Kind::Note).is_empty());
    }

    #[test]
    fn choices_and_docs() {
        let role = find(Kind::Contact, "role").unwrap();
        assert_eq!(
            role.choices(),
            ["developer", "manager", "recruiter", "other"]
        );
        assert_eq!(
            role.doc(),
            "`role`: one of developer, manager, recruiter, other"
        );
        assert!(find(Kind::Contact, "reached_out").unwrap().is_date());
        assert_eq!(
            find(Kind::Contact, "company").unwrap().doc(),
            "`company`: the id of a file in companies/, e.g. `acme`"
        );
    }
}
