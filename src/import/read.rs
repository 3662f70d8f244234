//! From the bytes of a file to the import's [`Table`]: the reader the format needs (CSV of
//! any kind, LinkedIn's connections after their preamble, vCard), the columns told by the
//! header, `--map` on top.

use std::path::Path;

use super::address_book;
use super::columns::{self, Column};
use super::formats::{self, Format};
use super::google;
use super::linkedin;
use super::outlook;
use super::plan::Source;
use super::table::{self, Table};
use crate::error::Error;
use crate::model::Kind;

/// A CSV file as a table: the header found (after LinkedIn's preamble), the format told by
/// the header, each column's meaning, and every non-empty row with its line.
pub(super) fn spreadsheet(
    path: &Path,
    text: &str,
    source: Source,
    map: &[(String, String)],
) -> Result<Table, Error> {
    let start = match source {
        // The address book has no preamble, and its header starts with `Source`.
        Source::Linkedin if linkedin::file_of(text) == Some(linkedin::ExportFile::AddressBook) => 0,
        Source::Linkedin => linkedin::header_start(text).ok_or_else(|| Error::NotLinkedin {
            path: path.to_owned(),
        })?,
        Source::Csv | Source::Vcard | Source::Ics => 0,
    };
    let (headers, rows) = table::csv(path, text, start)?;
    let format = formats::of_headers(&headers, source);
    if let Some(kind) =
        formats::export_of(&headers).filter(|k| matches!(k, Kind::Chat | Kind::Event))
    {
        return Err(Error::ForeignExport {
            path: path.to_owned(),
            kind: kind.folder(),
        });
    }
    if source == Source::Linkedin && matches!(format, Format::Google | Format::Outlook) {
        let what = if format == Format::Google {
            "a Google Contacts export"
        } else {
            "an Outlook contacts export"
        };
        return Err(formats::wrong(path, what, Source::Csv));
    }
    let mut columns = match format {
        Format::Google => google::columns(&headers),
        Format::Outlook => outlook::columns(&headers),
        Format::AddressBook => address_book::columns(&headers),
        _ => columns::columns(&headers, source),
    };
    if format == Format::ContactsExport {
        for (header, column) in headers.iter().zip(columns.iter_mut()) {
            if header == "company_name" {
                *column = Some(Column::CompanyName);
            }
        }
    }
    columns::apply_map(&headers, &mut columns, map)?;
    let mut out = Table {
        format,
        headers,
        columns,
        rows,
        notes: formats::note(format).map(|n| (0, n)).into_iter().collect(),
    };
    match format {
        Format::Google => google::split_multiple(&mut out),
        Format::AddressBook => address_book::split_multiple(&mut out),
        Format::Outlook => {
            outlook::clean(&mut out);
            let note = outlook::note(&out);
            out.notes.push((0, note));
        }
        _ => {}
    }
    Ok(out)
}
