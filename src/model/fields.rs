//! One table of keys per record kind, which every command that lists keys reads: the keys a
//! file may have (unknown ones are reported), the commented hints of `ties new`, the columns
//! of `ties export csv`, and the column headers `ties import csv` recognises.
//!
//! ## How to add a field
//!
//! Say contacts get `pronouns`. All three edits are in `src/model/contact.rs`:
//!
//! 1. The struct field: `pub pronouns: Option<String>,` in `Contact`.
//! 2. Its decode line in `Contact::decode`: `pronouns: f.string("pronouns").map(|s| s.value),`
//!    (the `Fields` reader that matches the value: `string`, `choice`, `date`, `dates`, `id`,
//!    `ids`, `email`, `url`, `profile`, `strings`, `duration`, `count`…).
//! 3. One row in `FIELDS`, at the place where the key is to appear in files, in `ties new`'s
//!    hints and among the columns of `ties export csv` (the table's order is all three):
//!
//!    ```text
//!    ContactField::new("pronouns", Type::Text, |c, _| opt(c.pronouns.as_ref()))
//!        .hint("she/her", "")
//!        .synonyms(&["pronoun"]),
//!    ```
//!
//!    `Type` says what the value is: `ties import csv` reads a column by it, and for a
//!    `Type::Choice(SomeEnum::NAMES)` the hint lists the allowed words itself. `hint` gives an
//!    example value and, optionally, what the key means; `synonyms` lists the column headers,
//!    normalised (lowercase letters and digits only), that mean the key besides the key
//!    itself; the closure gives the cell of `ties export csv` (helpers: `opt`, `id`, `date`,
//!    `when`, `joined`, `list`).
//!
//! Companies, chats and events work the same way in their own modules. Then document the key
//! in `docs/format.md`, and add a test that writes or reads it. Nothing else lists keys:
//! `KEYS`, `ties new`, export and import all follow the table. One exception: a contact key
//! whose value names another record (`Type::Id`) is written by `ties import csv` only once
//! `import/planner.rs` resolves it, as it does for `company` and `introduced_by`.

use chrono::NaiveDate;

use crate::now::Now;

use crate::model::id::Id;
use crate::model::time::When;
use crate::span::Spanned;

/// What a key holds: how `ties import csv` reads a cell of it, and whether `ties new` lists
/// allowed words in its hint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Type {
    Text,
    /// One of these words, a `choice_enum!`'s `NAMES`.
    Choice(&'static [&'static str]),
    /// The id of another record.
    Id,
    Ids,
    Date,
    Dates,
    /// A date, possibly with a time.
    When,
    /// `90d`, `12w`.
    Duration,
    Count,
    Email,
    Url,
    /// A handle or an address on this site.
    Profile(&'static str),
    /// A date, then what to do on it.
    Next,
    /// Words, such as tags.
    List,
}

impl Type {
    /// The kind of record the value of the reference key `key` names: `company` a company,
    /// `event` an event, every other reference (`with`, `met`, `introduced_by`,
    /// `referrals`) people; `None` for a key that is no reference.
    pub(crate) fn target(self, key: &str) -> Option<crate::model::Kind> {
        use crate::model::Kind;
        match (self, key) {
            (Self::Id | Self::Ids, "company") => Some(Kind::Company),
            (Self::Id | Self::Ids, "event") => Some(Kind::Event),
            (Self::Id | Self::Ids, _) => Some(Kind::Contact),
            _ => None,
        }
    }
}

/// One key of a record of type `R`.
pub(crate) struct Field<R> {
    pub key: &'static str,
    pub ty: Type,
    /// `ties new`'s example value; for a choice, empty: the hint lists the words.
    pub example: &'static str,
    /// What the key means, as a comment after the hint; often empty.
    pub meaning: &'static str,
    /// Column headers (normalised) that mean this key, besides the key itself.
    pub synonyms: &'static [&'static str],
    /// The cell of `ties export csv`, given now (a chat's status depends on it).
    pub export: fn(&R, &Now) -> String,
    /// Written by `ties import`, not by hand: `ties new` shows no hint for it.
    pub imported: bool,
}

impl<R> Field<R> {
    pub(crate) const fn new(key: &'static str, ty: Type, export: fn(&R, &Now) -> String) -> Self {
        Self {
            key,
            ty,
            example: "",
            meaning: "",
            synonyms: &[],
            export,
            imported: false,
        }
    }

    /// A key `ties import` writes (`uid`, `job_changed`): no hint for it in `ties new`.
    pub(crate) const fn imported(mut self) -> Self {
        self.imported = true;
        self
    }

    pub(crate) const fn hint(mut self, example: &'static str, meaning: &'static str) -> Self {
        self.example = example;
        self.meaning = meaning;
        self
    }

    pub(crate) const fn synonyms(mut self, synonyms: &'static [&'static str]) -> Self {
        self.synonyms = synonyms;
        self
    }

    /// `key: example`, and the meaning as a trailing comment in a column: valid YAML once
    /// the `# ` of the hint is removed (the meaning stays a comment).
    pub(crate) fn hint_line(&self) -> String {
        let line = match self.ty {
            Type::Choice(names) => format!("{}: {}", self.key, names.join(" | ")),
            _ => format!("{}: {}", self.key, self.example),
        };
        if self.meaning.is_empty() {
            line
        } else {
            format!("{line:<30} # {}", self.meaning)
        }
    }
}

/// The keys of a table, in its order, for a `KEYS` constant.
pub(crate) const fn keys<R, const N: usize>(fields: &[Field<R>]) -> [&'static str; N] {
    let mut keys = [""; N];
    let mut i = 0;
    while i < N {
        keys[i] = fields[i].key;
        i += 1;
    }
    keys
}

/// The export cells of `record`, one per field.
pub(crate) fn cells<R>(fields: &[Field<R>], record: &R, now: &Now) -> Vec<String> {
    fields.iter().map(|f| (f.export)(record, now)).collect()
}

// Export cells: empty when absent; lists joined with `; `.

pub(crate) fn opt(value: Option<impl ToString>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

pub(crate) fn id(value: Option<&Spanned<Id>>) -> String {
    opt(value.map(|v| &v.value))
}

pub(crate) fn date(value: Option<&Spanned<NaiveDate>>) -> String {
    opt(value.map(|d| d.value))
}

/// Ids or dates, joined with `; `.
pub(crate) fn joined<T: std::fmt::Display>(values: &[Spanned<T>]) -> String {
    values
        .iter()
        .map(|v| v.value.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

pub(crate) fn when(value: Option<&Spanned<When>>) -> String {
    opt(value.map(|d| &d.value))
}

pub(crate) fn list(values: &[String]) -> String {
    values.join("; ")
}

#[cfg(test)]
mod tests {
    use crate::model::{chat, company, contact, event};

    /// Uncommented, every hint of every kind is one valid key.
    #[test]
    fn every_hint_is_valid_yaml() {
        let lines = (contact::FIELDS.iter().map(super::Field::hint_line))
            .chain(company::FIELDS.iter().map(super::Field::hint_line))
            .chain(chat::FIELDS.iter().map(super::Field::hint_line))
            .chain(event::FIELDS.iter().map(super::Field::hint_line));
        for line in lines {
            let parsed = crate::yaml::parse(&line, crate::span::Span::new(0, line.len()));
            assert!(parsed.is_ok(), "{line}");
        }
    }

    #[test]
    fn a_choice_hint_lists_the_allowed_words() {
        let status = contact::FIELDS.iter().find(|f| f.key == "status").unwrap();
        assert_eq!(status.hint_line(), "status: active | paused | closed");
    }
}
