//! From the bytes of a file to the import's [`Table`]: the reader the format needs (CSV of
//! any kind, LinkedIn's connections after their preamble, vCard), the columns told by the
//! header, `--map` on top.

use std::path::Path;

use super::columns::{self, Column};
use super::formats::{self, Format};
use super::google;
use super::linkedin;
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
        Source::Linkedin => linkedin::header_start(text).ok_or_else(|| Error::NotLinkedin {
            path: path.to_owned(),
        })?,
        Source::Csv | Source::Vcard => 0,
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
    if source == Source::Linkedin && format == Format::Google {
        return Err(formats::wrong(
            path,
            "a Google Contacts export",
            Source::Csv,
        ));
    }
    let mut columns = match format {
        Format::Google => google::columns(&headers),
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
    if format == Format::Google {
        google::split_multiple(&mut out);
    }
    Ok(out)
}
