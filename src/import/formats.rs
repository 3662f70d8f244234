//! Which format a file is: told by its first bytes, its first line or its header, so that a
//! file given to the wrong importer is named for what it is ("this is a vCard file; use
//! `ties import vcard`") instead of failing on a column it lacks, and so that the exports
//! `import csv` knows (Google Contacts, `ties export csv`) need no `--map`.

use std::path::Path;

use super::columns::normalise;
use super::plan::Source;
use crate::error::Error;
use crate::model::{Chat, Company, Contact, Event, Kind};

/// What a file was read as.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Format {
    /// A tracker: headers matched loosely.
    #[default]
    Spreadsheet,
    /// Google Contacts' CSV, old (`Given Name`, `Organization 1 - Name`) or new headers
    /// (`First Name`, `Organization Name`): both have `E-mail 1 - Value`.
    Google,
    Linkedin,
    /// Outlook's contacts CSV (desktop, outlook.com, Google's "Outlook CSV"): `Title` is the
    /// honorific, `Job Title` the title.
    Outlook,
    /// LinkedIn's `Contacts.csv`, the address book the user uploaded.
    AddressBook,
    /// `ties export csv contacts`: the company column holds ids, every value is ours.
    ContactsExport,
    /// `ties export csv companies`.
    CompaniesExport,
    Vcard,
}

/// The note that says how a file was read, for the formats recognised by their header.
pub(super) fn note(format: Format) -> Option<String> {
    match format {
        Format::Google => Some("read as a Google Contacts export".to_owned()),
        Format::AddressBook => Some(super::address_book::NOTE.to_owned()),
        // An export of `ties` imported back is no surprise: it stays quiet.
        // Outlook's note names the honorific when the file has one: see `outlook::note`.
        Format::Spreadsheet
        | Format::Outlook
        | Format::Linkedin
        | Format::Vcard
        | Format::ContactsExport
        | Format::CompaniesExport => None,
    }
}

impl Format {
    /// An export of an address book program, with dozens of columns most rows leave empty:
    /// only the unknown columns that said something are named in the plan.
    pub(super) const fn is_wide(self) -> bool {
        matches!(self, Self::Google | Self::Outlook | Self::AddressBook)
    }
}

/// The kind whose `ties export csv` header this is: `id`, the kind's keys, `notes`.
pub(super) fn export_of(headers: &[String]) -> Option<Kind> {
    [
        (Kind::Contact, Contact::KEYS),
        (Kind::Company, Company::KEYS),
        (Kind::Chat, Chat::KEYS),
        (Kind::Event, Event::KEYS),
    ]
    .into_iter()
    .find(|(_, keys)| {
        let expected = std::iter::once("id")
            .chain(keys.iter().copied())
            .chain(std::iter::once("notes"));
        headers.iter().map(String::as_str).eq(expected)
    })
    .map(|(kind, _)| kind)
}

/// The format a header row tells.
pub(super) fn of_headers(headers: &[String], source: Source) -> Format {
    let norm: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    let has = |h: &str| norm.iter().any(|n| n == h);
    // An export of another version of `ties` has a key more or less: `id`, then keys of
    // the kind only (`name` among them), then `notes` is an export all the same.
    let exported = |keys: &[&str], more: &str| match headers {
        [first, inner @ .., last] if first == "id" && last == "notes" => {
            inner.iter().any(|h| h == "name")
                && inner
                    .iter()
                    .all(|h| keys.contains(&h.as_str()) || h == more)
        }
        _ => false,
    };
    // A contacts export names each company by id, and by name in `company_name`.
    if exported(Contact::KEYS, "company_name") {
        Format::ContactsExport
    } else if exported(Company::KEYS, "id") {
        Format::CompaniesExport
    } else if has("email1value") || has("phone1value") || has("organization1name") {
        Format::Google
    } else if super::outlook::is_outlook(has) {
        Format::Outlook
    } else if super::address_book::is_address_book(has) {
        Format::AddressBook
    } else if source == Source::Linkedin {
        Format::Linkedin
    } else {
        Format::Spreadsheet
    }
}

/// A file that is not what `source` reads, named for what it is.
pub(super) fn refuse_foreign(path: &Path, text: &str, source: Source) -> Result<(), Error> {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let starts = |word: &str| {
        first
            .get(..word.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(word))
    };
    let found = if starts("BEGIN:VCARD") {
        Some(("a vCard file", Source::Vcard))
    } else if starts("BEGIN:VCALENDAR") {
        Some(("an iCalendar file (a calendar, not contacts)", Source::Ics))
    } else if first.starts_with(['{', '[']) {
        Some(("a JSON file", Source::Csv))
    } else if starts("<?xml") || starts("<!doctype") || starts("<html") {
        Some(("an XML or HTML file", Source::Csv))
    } else if source == Source::Csv
        && starts("Notes:")
        && super::linkedin::header_start(text).is_some()
    {
        Some(("a LinkedIn connections export", Source::Linkedin))
    } else {
        None
    };
    match (source, found) {
        (Source::Vcard, Some((_, Source::Vcard))) => Ok(()),
        (_, Some((what, use_source))) => Err(wrong(path, what, use_source)),
        (Source::Vcard, None) if !text.trim().is_empty() => {
            let what = if super::linkedin::header_start(text).is_some() {
                "a CSV file (LinkedIn's connections)"
            } else {
                "not a vCard file (no BEGIN:VCARD line)"
            };
            let use_source = if what.contains("LinkedIn") {
                Source::Linkedin
            } else {
                Source::Csv
            };
            Err(wrong(path, what, use_source))
        }
        _ => Ok(()),
    }
}

/// The error for a file of another format, pointing at the importer that reads it.
pub(super) fn wrong(path: &Path, what: &'static str, use_source: Source) -> Error {
    let command = match use_source {
        Source::Csv => "csv",
        Source::Linkedin => "linkedin",
        Source::Vcard => "vcard",
        Source::Ics => "ics",
    };
    let help = if [
        "a vCard",
        "a Google",
        "an Outlook",
        "a CSV",
        "a LinkedIn",
        "an iCalendar",
    ]
    .iter()
    .any(|w| what.starts_with(w))
    {
        format!("use `ties import {command} {}`", path.display())
    } else if what.starts_with("not a vCard") {
        "export the address book as vCard (.vcf); a spreadsheet goes through `ties import csv`"
            .to_owned()
    } else {
        "`ties import` reads CSV tables (`import csv`, `import linkedin`) and vCard files \
         (`import vcard`)"
            .to_owned()
    };
    Error::WrongFormat {
        path: path.to_owned(),
        what,
        help,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str, source: Source) -> String {
        refuse_foreign(Path::new("f"), text, source)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn a_file_of_another_format_is_named() {
        let vcard = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEND:VCARD\r\n";
        assert!(refused(vcard, Source::Csv).contains("f is a vCard file"));
        assert!(refused(vcard, Source::Csv).contains("ties import vcard f"));
        assert_eq!(refused(vcard, Source::Vcard), "");
        assert!(refused("Name,Company\nAnn,Acme\n", Source::Vcard).contains("not a vCard"));
        assert!(refused("BEGIN:VCALENDAR\n", Source::Linkedin).contains("iCalendar"));
        assert!(refused("{\"a\": 1}", Source::Csv).contains("JSON"));
        let linkedin = "Notes:\n\"When exporting...\"\n\nFirst Name,Last Name,URL\n";
        assert!(refused(linkedin, Source::Csv).contains("use `ties import linkedin f`"));
        assert_eq!(refused(linkedin, Source::Linkedin), "");
        assert_eq!(refused("Name\nAnn\n", Source::Csv), "");
        assert_eq!(refused("", Source::Vcard), "");
    }

    #[test]
    fn headers_tell_the_format() {
        let h = |s: &str| s.split(',').map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(
            of_headers(&h("Name,Given Name,E-mail 1 - Value"), Source::Csv),
            Format::Google
        );
        assert_eq!(
            of_headers(
                &h("First Name,Last Name,Organization Name,Phone 1 - Value"),
                Source::Csv
            ),
            Format::Google
        );
        assert_eq!(
            of_headers(&h("Name,Company"), Source::Csv),
            Format::Spreadsheet
        );
        // An export of another version: a key fewer (no `birthday`), still an export.
        assert_eq!(
            of_headers(&h("id,name,company,title,status,notes"), Source::Csv),
            Format::ContactsExport
        );
        assert_eq!(
            of_headers(&h("id,name,company,company_name,title,notes"), Source::Csv),
            Format::ContactsExport
        );
        assert_eq!(
            of_headers(&h("id,name,status,stack,hiring,notes"), Source::Csv),
            Format::CompaniesExport
        );
        assert_eq!(
            of_headers(&h("id,name,company,favourite snack,notes"), Source::Csv),
            Format::Spreadsheet
        );
    }
}
