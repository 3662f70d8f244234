//! Outlook's contacts CSV, recognised by its headers so it needs no `--map`: Outlook for
//! the desktop (`Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job
//! Title,…,Mobile Phone,…,E-mail Address,E-mail Type,E-mail Display Name,E-mail 2
//! Address,…,Categories,…`), outlook.com (`First Name,Middle Name,Last Name,Title,Suffix,
//! Nickname,…,E-mail Address,E-mail 2 Address,…,Job Title,Department,Company,…`) and
//! Google's "Outlook CSV" export, all with the same names. `Title` is the honorific
//! (`Mr.`, `Dr.`), never the job: that is `Job Title`.

use super::columns::{self, Column, normalise};
use super::table::Table;

/// What Outlook's columns mean (normalised headers). A key takes one column only (a second
/// phone goes to the body, not over the first); columns not listed and not dropped go to
/// the body like any unknown column.
const COLUMNS: &[(&str, Column)] = &[
    ("firstname", Column::FirstName),
    ("middlename", Column::MiddleName),
    ("lastname", Column::LastName),
    ("nickname", Column::Key("aliases")),
    ("emailaddress", Column::Key("email")),
    ("mobilephone", Column::Key("phone")),
    ("company", Column::Key("company")),
    ("jobtitle", Column::Key("title")),
    ("webpage", Column::Url),
    ("personalwebpage", Column::Url),
    ("businesscity", Column::Key("location")),
    ("birthday", Column::Key("birthday")),
    ("notes", Column::Notes),
    ("categories", Column::Key("tags")),
];

/// Columns with nothing to say about a person: the honorific, how Outlook files and shows
/// an address (`E-mail Type` is `SMTP`), its own bookkeeping.
const DROPPED: &[&str] = &[
    "title",
    "emailtype",
    "emaildisplayname",
    "email2type",
    "email2displayname",
    "email3type",
    "email3displayname",
    "initials",
    "gender",
    "priority",
    "private",
    "sensitivity",
    "mileage",
    "billinginformation",
    "internetfreebusy",
    "givenyomi",
    "surnameyomi",
    "companyyomi",
];

/// Whether `headers` (normalised) are Outlook's: its address columns, with a job title.
pub(super) fn is_outlook(has: impl Fn(&str) -> bool) -> bool {
    has("emailaddress")
        && has("jobtitle")
        && (has("email2address") || has("mobilephone") || has("businessphone"))
}

/// The meaning of each of Outlook's columns.
pub(super) fn columns(headers: &[String]) -> Vec<Option<Column>> {
    columns::from_table(headers, COLUMNS, |norm| DROPPED.contains(&norm))
}

/// Outlook's empty values that are not empty: `0/0/00` is "no birthday" in the desktop
/// export. Categories are `;`-separated, as tags are.
pub(super) fn clean(table: &mut Table) {
    let birthday = table
        .columns
        .iter()
        .position(|c| *c == Some(Column::Key("birthday")));
    for (_, cells) in &mut table.rows {
        if let Some(cell) = birthday.and_then(|i| cells.get_mut(i))
            && ["0/0/00", "0/0/0000", "00/00/0000"].contains(&cell.trim())
        {
            cell.clear();
        }
    }
}

/// The note that says how the file was read, naming the honorific left out when a row had
/// one.
pub(super) fn note(table: &Table) -> String {
    let honorific = table.headers.iter().position(|h| normalise(h) == "title");
    let had = honorific.is_some_and(|i| {
        table
            .rows
            .iter()
            .any(|(_, cells)| cells.get(i).is_some_and(|c| !c.trim().is_empty()))
    });
    if had {
        "read as an Outlook export: `Job Title` is the title; `Title` is the honorific \
         (Mr., Dr.) and is left out"
            .to_owned()
    } else {
        "read as an Outlook export".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_honorific_is_no_job_title() {
        let h = |s: &str| s.split(',').map(str::to_owned).collect::<Vec<_>>();
        let desktop = columns(&h(
            "Title,First Name,Last Name,Company,Job Title,Mobile Phone",
        ));
        assert_eq!(desktop[0], Some(Column::Skip));
        assert_eq!(desktop[4], Some(Column::Key("title")));
        let web = columns(&h("First Name,Last Name,Title,E-mail 2 Address,Job Title"));
        assert_eq!(web[2], Some(Column::Skip));
        // A second address is kept in the body, not dropped.
        assert_eq!(web[3], None);
        let names = ["emailaddress", "jobtitle", "mobilephone"];
        assert!(is_outlook(|n| names.contains(&n)));
        assert!(!is_outlook(|n| ["emailaddress", "jobtitle"].contains(&n)));
    }
}
