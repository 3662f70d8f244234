//! From a spreadsheet, a contacts export or an address book to contact and company files:
//! the plan behind `ties import csv`, `ties import linkedin` and `ties import vcard`. Every
//! format is first read into one [`table::Table`] (headers, what each column means, rows with
//! the line where each starts), so the rest is the same for all: each row is checked on its
//! own ([`row`]), people already in the notebook are recognised (same id, LinkedIn profile or
//! email, or the same name at the same company), and every planned file is checked together
//! with the notebook before anything is written ([`verify`]): a row whose file would not pass
//! `ties check` is reported with its line number and left out, so an import never makes a
//! notebook dirty. Nothing here touches the file system; the command writes the plan.
//!
//! LinkedIn's whole export (its folder or zip: connections, messages, invitations) is
//! planned by [`export`]: the people first, then the history that names them ([`messages`],
//! [`invitations`]), every item keyed by where it came from so that importing a newer
//! export adds only what is new.
//!
//! The modules point one way: [`plan`] (the words of a plan), [`cells`] and [`table`] are
//! leaves; the format readers make tables; [`row`] reads a row of any table; the planners
//! ([`planner`], [`companies`]) put rows together, [`contacts`] chooses between them;
//! [`export`] puts an export's files together; this file only chooses.

mod address_book;
mod archive;
mod cells;
mod columns;
mod companies;
mod contacts;
mod decode;
mod edits;
mod export;
mod files;
mod formats;
mod google;
mod guess;
mod history;
mod ics;
mod invitations;
mod linkedin;
mod messages;
mod naming;
mod outlook;
mod people;
mod plan;
mod planner;
mod read;
mod row;
mod table;
mod vcard;
mod verify;

use std::path::Path;

use crate::error::Error;
use crate::index::Index;

pub(crate) use plan::{History, Level, Plan, Source, Writable};

/// How to read the file, as the user asked.
#[derive(Clone, Debug, Default)]
pub(crate) struct Options {
    /// `--map`: `(column header, key)` pairs (`-` drops the column).
    pub map: Vec<(String, String)>,
    /// `--encoding`: the file's encoding, by its label, when the guess is wrong.
    pub encoding: Option<String>,
    /// `--create-contacts`: people a history names who have no file get one.
    pub create_contacts: bool,
    /// `--all` (calendars): events that name no one of the notebook are imported too, with
    /// files for their attendees.
    pub all: bool,
}

/// What the user gave to import: one file, or the files of a folder (an unpacked export),
/// each by its path in the folder.
pub(crate) enum Input {
    File(Vec<u8>),
    Folder(Vec<(String, Vec<u8>)>),
}

/// Reads `input` (at `path`, for messages) and plans the files to create and change in the
/// notebook `index`.
pub(crate) fn plan(
    path: &Path,
    input: Input,
    source: Source,
    options: &Options,
    index: &Index,
    writable: Writable<'_>,
) -> Result<Plan, Error> {
    let bytes = match input {
        Input::Folder(files) if source == Source::Linkedin => {
            return export::plan(path, files, options, index, writable);
        }
        Input::Folder(_) => {
            return Err(Error::WrongFormat {
                path: path.to_owned(),
                what: "a folder",
                help: "give the file to import; a folder is read only as LinkedIn's export \
                       (`ties import linkedin FOLDER`)"
                    .to_owned(),
            });
        }
        Input::File(bytes) => bytes,
    };
    if source == Source::Linkedin && archive::is_zip(&bytes) {
        let files = archive::files(path, &bytes)?;
        return export::plan(path, files, options, index, writable);
    }
    let (text, decoded) = decode::decode(path, &bytes, options.encoding.as_deref())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if source == Source::Ics {
        return ics::plan(path, text, options.all, index, writable);
    }
    // One file of the export other than the connections: planned as the export it is from.
    if source == Source::Linkedin
        && linkedin::file_of(text).is_some_and(|file| {
            !matches!(
                file,
                linkedin::ExportFile::Connections | linkedin::ExportFile::AddressBook
            )
        })
    {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        return export::plan(path, vec![(name, bytes)], options, index, writable);
    }
    contacts::plan(
        path,
        text,
        decoded.into_iter().collect(),
        source,
        &options.map,
        index,
        writable,
    )
}
