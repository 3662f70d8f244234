//! LinkedIn's `Contacts.csv`: the address book the user once uploaded (from Google,
//! Outlook, a phone), `Source,FirstName,LastName,Companies,Title,Emails,PhoneNumbers,
//! CreatedAt,Addresses,Sites,InstantMessageHandles,FullName,Birthday,Location,BookmarkedAt,
//! Profiles`. A cell may hold several values, comma-joined (`Emails`): the first is the
//! key's, the others go to the body. Many rows have only an email: no name, so no person
//! (one note counts them).

use super::columns::{self, Column};
use super::table::Table;

/// What the address book's columns mean (normalised headers).
const COLUMNS: &[(&str, Column)] = &[
    ("fullname", Column::Key("name")),
    ("firstname", Column::FirstName),
    ("lastname", Column::LastName),
    ("companies", Column::Key("company")),
    ("title", Column::Key("title")),
    ("emails", Column::Key("email")),
    ("phonenumbers", Column::Key("phone")),
    ("sites", Column::Url),
    ("profiles", Column::Url),
    ("birthday", Column::Key("birthday")),
    ("location", Column::Key("location")),
    // Where LinkedIn got the entry and when: about the upload, not the person.
    ("source", Column::Skip),
    ("createdat", Column::Skip),
    ("bookmarkedat", Column::Skip),
];

/// Whether `headers` (normalised) are the address book's.
pub(super) fn is_address_book(has: impl Fn(&str) -> bool) -> bool {
    has("emails") && (has("fullname") || has("phonenumbers"))
}

/// The meaning of each column; `Addresses` and `InstantMessageHandles` go to the body.
pub(super) fn columns(headers: &[String]) -> Vec<Option<Column>> {
    columns::from_table(headers, COLUMNS, |_| false)
}

/// Several values in one cell: the first is the key's, the others go to the body; web
/// addresses are read one by one.
pub(super) fn split_multiple(table: &mut Table) {
    for (_, cells) in &mut table.rows {
        for (i, cell) in cells.iter_mut().enumerate() {
            if table.columns.get(i) == Some(&Some(Column::Url)) {
                *cell = cell.replace(',', " ");
            }
        }
    }
    table.keep_first(",", |c| {
        matches!(c, Column::Key("email" | "phone" | "company" | "title"))
    });
}

/// The note that says how the file was read.
pub(super) const NOTE: &str = "read as LinkedIn's address book (Contacts.csv); Source, CreatedAt and BookmarkedAt are \
     about the upload and left out";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_email_is_the_key_and_the_others_the_body() {
        let headers: Vec<String> = ["FullName", "Emails", "Sites"].map(str::to_owned).to_vec();
        let mut table = Table {
            columns: columns(&headers),
            headers,
            rows: vec![(
                2,
                vec![
                    "Ann Lee".to_owned(),
                    "ann@x.example,ann@y.example".to_owned(),
                    "https://a.example,https://b.example".to_owned(),
                ],
            )],
            ..Table::default()
        };
        split_multiple(&mut table);
        assert_eq!(
            table.rows[0].1,
            [
                "Ann Lee",
                "ann@x.example",
                "https://a.example https://b.example",
                "ann@y.example"
            ]
        );
        let names = ["emails", "fullname"];
        assert!(is_address_book(|n| names.contains(&n)));
    }
}
