//! Google Contacts' CSV export, recognised by its headers so it needs no `--map`. Two
//! generations of headers are in use: the old one (`Name`, `Given Name`, `Family Name`,
//! `E-mail 1 - Value`, `Organization 1 - Name`, `Organization 1 - Title`, `Phone 1 - Value`,
//! `Group Membership`) and the new one (`First Name`, `Middle Name`, `Last Name`,
//! `E-mail 1 - Value`, `Organization Name`, `Organization Title`, `Phone 1 - Value`,
//! `Labels`, `Notes`). Google puts several values of one kind in one cell, joined by ` ::: `.

use super::columns::{self, Column, normalise};
use super::table::Table;

/// What Google's columns mean (normalised headers); columns not listed and not dropped go
/// to the body like any unknown column.
const COLUMNS: &[(&str, Column)] = &[
    ("name", Column::Key("name")),
    ("givenname", Column::FirstName),
    ("firstname", Column::FirstName),
    ("additionalname", Column::MiddleName),
    ("middlename", Column::MiddleName),
    ("familyname", Column::LastName),
    ("lastname", Column::LastName),
    ("email1value", Column::Key("email")),
    ("phone1value", Column::Key("phone")),
    ("organization1name", Column::Key("company")),
    ("organizationname", Column::Key("company")),
    ("organization1title", Column::Key("title")),
    ("organizationtitle", Column::Key("title")),
    ("website1value", Column::Url),
    ("website2value", Column::Url),
    ("website3value", Column::Url),
    ("address1city", Column::Key("location")),
    ("nickname", Column::Key("aliases")),
    ("birthday", Column::Key("birthday")),
    ("notes", Column::Notes),
    ("groupmembership", Column::Key("tags")),
    ("labels", Column::Key("tags")),
];

/// Columns with nothing to say about a person: the kind of each value (`E-mail 1 - Type`),
/// how Google sorts and spells names, the photo's address.
fn dropped(norm: &str) -> bool {
    norm.ends_with("type")
        || norm.ends_with("label")
        || norm.starts_with("phonetic")
        || norm.starts_with("yomi")
        || ["fileas", "photo", "initials", "shortname", "sortname"].contains(&norm)
}

/// The meaning of each of Google's columns.
pub(super) fn columns(headers: &[String]) -> Vec<Option<Column>> {
    columns::from_table(headers, COLUMNS, dropped)
}

/// Keeps the first of the ` ::: `-joined values of a one-value column (the others go to
/// the body); labels become tags, without Google's own groups.
pub(super) fn split_multiple(table: &mut Table) {
    let tags: Vec<usize> = (0..table.columns.len())
        .filter(|&i| table.columns[i] == Some(Column::Key("tags")))
        .collect();
    for (_, cells) in &mut table.rows {
        for &i in &tags {
            if let Some(cell) = cells.get_mut(i) {
                *cell = labels(cell).join("; ");
            }
        }
    }
    table.keep_first(":::", |c| {
        matches!(
            c,
            Column::Key("email" | "phone" | "company" | "title" | "location")
        )
    });
}

/// Google's own groups are not the user's labels.
fn labels(cell: &str) -> Vec<String> {
    cell.split(":::")
        .map(|l| l.trim().trim_start_matches('*').trim())
        .filter(|l| !l.is_empty())
        .filter(|l| !["mycontacts", "starred"].contains(&normalise(l).as_str()))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_and_new_headers_mean_the_same() {
        let h = |s: &str| s.split(',').map(str::to_owned).collect::<Vec<_>>();
        let old = columns(&h(
            "Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Organization 1 - Name,Organization 1 - Title",
        ));
        let new = columns(&h(
            "Name,First Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,Organization Name,Organization Title",
        ));
        assert_eq!(old[1], Some(Column::FirstName));
        assert_eq!(new[1], Some(Column::FirstName));
        assert_eq!(old[3], Some(Column::Skip));
        assert_eq!(new[3], Some(Column::Skip));
        assert_eq!(old[4..], new[4..]);
        assert_eq!(
            labels("* myContacts ::: Rust Meetup ::: * starred"),
            ["Rust Meetup"]
        );
    }

    #[test]
    fn several_values_in_one_cell_keep_the_first() {
        let headers: Vec<String> = ["Name", "E-mail 1 - Value", "Notes"]
            .map(str::to_owned)
            .to_vec();
        let mut table = Table {
            columns: columns(&headers),
            headers,
            rows: vec![(
                2,
                vec![
                    "Ann".to_owned(),
                    "a@x.example ::: b@y.example ::: c@z.example".to_owned(),
                    "x ::: y".to_owned(),
                ],
            )],
            ..Table::default()
        };
        split_multiple(&mut table);
        assert_eq!(
            table.headers.last().map(String::as_str),
            Some("Other values")
        );
        assert_eq!(table.columns.last(), Some(&None));
        // Notes are no one-value column: their text stays whole.
        assert_eq!(
            table.rows[0].1,
            ["Ann", "a@x.example", "x ::: y", "b@y.example; c@z.example"]
        );
    }
}
