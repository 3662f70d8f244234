//! Which column means which key: headers matched loosely against each key's synonyms, then
//! `--map` on top.

use super::plan::Source;
use crate::error::Error;
use crate::model::contact::{self, ContactField};

/// What a column means: a contact key, or one of the few things a column can mean besides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Column {
    /// A key of [`contact::FIELDS`].
    Key(&'static str),
    Id,
    FirstName,
    LastName,
    Notes,
    /// Between the first and the last name (Google, vCard).
    MiddleName,
    /// LinkedIn's date of connection, which becomes the source.
    ConnectedOn,
    /// Web addresses of any kind (vCard `URL`, Google `Website`): a LinkedIn or GitHub
    /// profile goes to its key, the first other address to `website`, the rest to the body.
    Url,
    /// `company_name` of `ties export csv contacts`: the name of the company whose id the
    /// `company` column holds, for creating it where it is missing.
    CompanyName,
    /// Dropped with `--map COLUMN=-`.
    Skip,
}

/// The columns that are not contact keys: the key `--map` names them by, and the headers
/// (normalised) that mean them besides that key.
const OTHERS: &[(Column, &str, &[&str])] = &[
    (Column::Id, "id", &[]),
    (Column::FirstName, "first_name", &["givenname", "first"]),
    (
        Column::LastName,
        "last_name",
        &["surname", "familyname", "last"],
    ),
    (
        Column::Notes,
        "notes",
        &[
            "note",
            "comments",
            "comment",
            "details",
            "description",
            "body",
        ],
    ),
    (
        Column::MiddleName,
        "middle_name",
        &["middlename", "additionalname"],
    ),
    (Column::ConnectedOn, "connected_on", &[]),
];

/// Every column a header can mean: `(column, key, other headers)`.
fn all() -> impl Iterator<Item = (Column, &'static str, &'static [&'static str])> {
    let keys = contact::FIELDS
        .iter()
        .map(|f| (Column::Key(f.key), f.key, f.synonyms));
    OTHERS
        .iter()
        .copied()
        .take(1)
        .chain(keys)
        .chain(OTHERS.iter().copied().skip(1))
}

/// The contact field of a key column.
pub(super) fn field(key: &str) -> &'static ContactField {
    contact::FIELDS
        .iter()
        .find(|f| f.key == key)
        .expect("columns name keys of the contact table")
}

/// The keys `--map` accepts, for help texts.
fn map_keys() -> Vec<&'static str> {
    all().map(|(_, key, _)| key).chain(["-"]).collect()
}

/// The meaning of each header in a program's own table of its columns (normalised header,
/// meaning); a header not in it is dropped when `dropped` says so, else unknown (its values
/// go to the body).
pub(super) fn from_table(
    headers: &[String],
    table: &[(&str, Column)],
    dropped: impl Fn(&str) -> bool,
) -> Vec<Option<Column>> {
    headers
        .iter()
        .map(|h| {
            let norm = normalise(h);
            table
                .iter()
                .find(|(header, _)| *header == norm)
                .map(|(_, column)| *column)
                .or_else(|| dropped(&norm).then_some(Column::Skip))
        })
        .collect()
}

/// `Date reached out` → `datereachedout`.
pub(super) fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn column_of(header: &str, source: Source) -> Option<Column> {
    let norm = normalise(header);
    let find = |name: &str| {
        if source == Source::Linkedin && name == "url" {
            return Some(Column::Key("linkedin"));
        }
        all()
            .find(|(_, key, synonyms)| normalise(key) == name || synonyms.contains(&name))
            .map(|(column, _, _)| column)
    };
    // `Follow-up 2` is a follow-up too.
    find(&norm).or_else(|| find(norm.trim_end_matches(|c: char| c.is_ascii_digit())))
}

pub(super) fn columns(headers: &[String], source: Source) -> Vec<Option<Column>> {
    headers.iter().map(|h| column_of(h, source)).collect()
}

/// `--map COLUMN=KEY` on top of the columns found.
pub(super) fn apply_map(
    headers: &[String],
    columns: &mut [Option<Column>],
    map: &[(String, String)],
) -> Result<(), Error> {
    for (column, key) in map {
        let spec = format!("{column}={key}");
        let meaning = if key.trim() == "-" {
            Column::Skip
        } else {
            let wanted = normalise(key);
            all()
                .find(|(_, k, _)| normalise(k) == wanted)
                .map(|(column, _, _)| column)
                .ok_or_else(|| Error::BadMap {
                    spec: spec.clone(),
                    reason: format!(
                        "`{key}` is not a key{}; use one of: {}",
                        crate::suggest::hint(key, map_keys()),
                        map_keys().join(", ")
                    ),
                })?
        };
        let wanted = normalise(column);
        let mut found = false;
        for (header, slot) in headers.iter().zip(columns.iter_mut()) {
            if normalise(header) == wanted {
                *slot = Some(meaning);
                found = true;
            }
        }
        if !found {
            return Err(Error::BadMap {
                spec,
                reason: format!(
                    "there is no column `{column}`{}; the columns are: {}",
                    crate::suggest::hint(column, headers.iter().map(String::as_str)),
                    headers.join(", ")
                ),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_loosely() {
        for (header, source, column) in [
            (
                "Date reached out",
                Source::Csv,
                Some(Column::Key("reached_out")),
            ),
            (
                "Follow-up date",
                Source::Csv,
                Some(Column::Key("followed_up")),
            ),
            ("Follow up 2", Source::Csv, Some(Column::Key("followed_up"))),
            ("FULL NAME", Source::Csv, Some(Column::Key("name"))),
            ("Organization", Source::Csv, Some(Column::Key("company"))),
            ("Response", Source::Csv, Some(Column::Key("replied"))),
            ("URL", Source::Csv, None),
            ("URL", Source::Linkedin, Some(Column::Key("linkedin"))),
            ("How we're connected", Source::Csv, None),
        ] {
            assert_eq!(column_of(header, source), column, "{header}");
        }
    }
}
