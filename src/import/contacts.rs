//! A table of people (a tracker, Google's or LinkedIn's connections, an address book, an
//! export of `ties`) to contact and company files: each row read on its own, the rows put
//! together by the planner, or an export of companies by its own planner.

use std::path::Path;

use super::columns::Column;
use super::companies;
use super::formats::{self, Format};
use super::guess;
use super::plan::{Level, Message, Plan, Source, Writable};
use super::planner::Planner;
use super::read;
use super::row::Reader;
use super::table::Table;
use super::vcard;
use crate::error::Error;
use crate::index::Index;

/// Plans the files of the table in `text` (the file at `path`, for messages); `notes` are
/// what was said while decoding it.
pub(super) fn plan(
    path: &Path,
    text: &str,
    notes: Vec<String>,
    source: Source,
    map: &[(String, String)],
    index: &Index,
    writable: Writable<'_>,
) -> Result<Plan, Error> {
    formats::refuse_foreign(path, text, source)?;
    let mut table = match source {
        Source::Vcard => vcard::table(text),
        Source::Csv | Source::Linkedin | Source::Ics => read::spreadsheet(path, text, source, map)?,
    };
    table.notes.extend(notes.into_iter().map(|note| (0, note)));
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
fn note_format(plan: &mut Plan, table: &Table) {
    let notes = table.notes.iter().map(|(line, text)| Message {
        file: None,
        line: *line,
        level: Level::Note,
        text: text.clone(),
    });
    plan.messages.splice(0..0, notes);
    plan.messages.sort_by_key(|m| m.line);
}
