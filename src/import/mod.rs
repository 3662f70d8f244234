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
//! The modules point one way: [`plan`] (the words of a plan), [`cells`] and [`table`] are
//! leaves; the format readers make tables; [`row`] reads a row of any table; the planners
//! ([`planner`], [`companies`]) put rows together; this file only chooses.

mod cells;
mod columns;
mod companies;
mod decode;
mod files;
mod formats;
mod google;
mod guess;
mod linkedin;
mod naming;
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
use columns::Column;
use formats::Format;
use planner::Planner;
use row::Reader;

pub(crate) use plan::{Level, Message, Plan, Source, Writable};

/// How to read the file, as the user asked.
#[derive(Clone, Debug, Default)]
pub(crate) struct Options {
    /// `--map`: `(column header, key)` pairs (`-` drops the column).
    pub map: Vec<(String, String)>,
    /// `--encoding`: the file's encoding, by its label, when the guess is wrong.
    pub encoding: Option<String>,
}

/// Reads `bytes` (the file at `path`, for messages) and plans the files to create in the
/// notebook `index`.
pub(crate) fn plan(
    path: &Path,
    bytes: &[u8],
    source: Source,
    options: &Options,
    index: &Index,
    writable: Writable<'_>,
) -> Result<Plan, Error> {
    let map = &options.map;
    let (text, decoded) = decode::decode(path, bytes, options.encoding.as_deref())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    formats::refuse_foreign(path, text, source)?;
    let mut table = match source {
        Source::Vcard => vcard::table(text),
        Source::Csv | Source::Linkedin => read::spreadsheet(path, text, source, map)?,
    };
    table.notes.extend(decoded.map(|note| (0, note)));
    if table.format == Format::CompaniesExport {
        let mut plan = companies::plan(&table, index, writable);
        note_format(&mut plan, &table);
        return Ok(plan);
    }
    if !table.columns.iter().any(|c| {
        matches!(
            c,
            Some(Column::Key("name") | Column::FirstName | Column::LastName)
        )
    }) {
        return Err(Error::NoNameColumn {
            path: path.to_owned(),
            columns: if table.headers.is_empty() {
                "no header at all".to_owned()
            } else {
                table.headers.join(", ")
            },
        });
    }
    let placeholders = guess::Placeholders::of(&index.settings);
    let reader = Reader::new(&table, &placeholders, &index.settings.conventions);
    let mut planner = Planner::new(index, reader, writable);
    for (line, cells) in &table.rows {
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        planner.row(*line, &cells);
    }
    let mut plan = planner.finish();
    note_format(&mut plan, &table);
    Ok(plan)
}

/// The notes found while reading, among the plan's messages in line order (those on the
/// whole file first).
fn note_format(plan: &mut Plan, table: &table::Table) {
    let notes = table.notes.iter().map(|(line, text)| Message {
        line: *line,
        level: Level::Note,
        text: text.clone(),
    });
    plan.messages.splice(0..0, notes);
    plan.messages.sort_by_key(|m| m.line);
}
