//! From a spreadsheet, a contacts export or an address book to contact and company files:
//! the plan behind `ties import csv`, `ties import linkedin` and `ties import vcard`. Every
//! format is first read into one [`Table`] (headers, what each column means, rows with the
//! line where each starts), so the rest is the same for all: each row is checked on its own,
//! people already in the notebook are recognised (same id, LinkedIn profile or email, or the
//! same name at the same company), and every planned file is checked together with the
//! notebook before anything is written: a row whose file would not pass `ties check` is
//! reported with its line number and left out, so an import never makes a notebook dirty.
//! Nothing here touches the file system; the command writes the plan.

mod columns;
mod companies;
mod files;
mod formats;
mod google;
mod guess;
mod linkedin;
mod naming;
mod planner;
mod rows;
mod vcard;

use std::path::Path;

use crate::error::Error;
use crate::fs::NewFile;
use crate::index::Index;
use crate::model::Kind;
use columns::Column;
use formats::Format;
use planner::Planner;
use rows::clean;

/// Which importer the user asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// Any spreadsheet with a header row (a Google Contacts export is recognised by its
    /// headers, an export of `ties` by its columns).
    Csv,
    /// LinkedIn's `Connections.csv`: preamble lines, then a fixed header.
    Linkedin,
    /// An address book: vCard 2.1, 3.0 or 4.0.
    Vcard,
}

/// What an import would do.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    /// Companies first, then contacts in row order; paths relative to the notebook root.
    pub files: Vec<NewFile>,
    /// Bad rows and notes, in line order.
    pub messages: Vec<Message>,
    pub contacts: usize,
    pub companies: usize,
    /// Rows whose person (or company) already has a file.
    pub present: usize,
    pub bad: usize,
    /// Headers of columns no field matched: their values go into the bodies.
    pub unknown_columns: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Message {
    /// 1-based line of the file where the row starts; 0 for the file as a whole.
    pub line: u64,
    pub level: Level,
    pub text: String,
}

/// How much a message matters, as `ties check` grades its findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Level {
    /// The row was skipped (the import exits 1).
    Bad,
    /// The row was imported, but a value of it waits in the body to be fixed.
    Warning,
    /// What the import did, for the record.
    Note,
}

/// Why a planned file (its notebook-relative path) could not be written, asked of the
/// command before anything is: the plan stays free of the file system, and a file that
/// cannot be written is reported with its rows instead of failing the import half-way.
pub(crate) type Writable<'a> = &'a dyn Fn(&str) -> Result<(), String>;

/// A file of any format, read: the header of each column, what it means, and the rows.
#[derive(Debug, Default)]
struct Table {
    format: Format,
    headers: Vec<String>,
    columns: Vec<Option<Column>>,
    /// Each row's first line in the file, and its cells (cleaned: see [`clean`]).
    rows: Vec<(u64, Vec<String>)>,
    /// Notes found while reading: on the file as a whole (line 0: the format it was read
    /// as) or on a row.
    notes: Vec<(u64, String)>,
}

/// Reads `bytes` (the file at `path`, for messages) and plans the files to create in the
/// notebook `index`. `map` pairs a column header with a key (or `-` to drop the column).
pub(crate) fn plan(
    path: &Path,
    bytes: Vec<u8>,
    source: Source,
    map: &[(String, String)],
    index: &Index,
    writable: Writable<'_>,
) -> Result<Plan, Error> {
    let (text, decoded) = formats::decode(path, bytes, source)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    formats::refuse_foreign(path, text, source)?;
    let mut table = match source {
        Source::Vcard => vcard::table(text),
        Source::Csv | Source::Linkedin => spreadsheet(path, text, source, map)?,
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
    let orders = guess::date_orders(&table);
    let mut planner = Planner::new(index, &table, &orders, writable);
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
        line: *line,
        level: Level::Note,
        text: text.clone(),
    });
    plan.messages.splice(0..0, notes);
    plan.messages.sort_by_key(|m| m.line);
}

/// A CSV file as a table: the header found (after LinkedIn's preamble), the format told by
/// the header, each column's meaning, and every non-empty row with its line.
fn spreadsheet(
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
    let table = &text[start..];
    let first_line = table.lines().next().unwrap_or("");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(first_line))
        .from_reader(table.as_bytes());
    let csv_error = |source| Error::Csv {
        path: path.to_owned(),
        source,
    };
    let mut records = reader.records();
    let header = match records.next() {
        Some(record) => record.map_err(csv_error)?,
        None => csv::StringRecord::new(),
    };
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
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
    columns::apply_map(&headers, &mut columns, map)?;
    let mut out = Table {
        format,
        headers,
        columns,
        rows: Vec::new(),
        notes: formats::note(format).map(|n| (0, n)).into_iter().collect(),
    };
    let mut lines = Lines::new(text);
    for record in records {
        let record = record.map_err(csv_error)?;
        let line = lines.at(start + record.position().map_or(0, |p| to_usize(p.byte())));
        let cells: Vec<String> = record.iter().map(|c| clean(c).to_owned()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        out.rows.push((line, cells));
    }
    if format == Format::Google {
        google::split_multiple(&mut out);
    }
    Ok(out)
}

/// Line numbers from byte offsets, counted as an editor counts them.
///
/// The `csv` reader's own line count is off for CRLF files (what spreadsheets save) and
/// after blank lines: a record's position is taken before the line ends that precede it
/// are consumed. So the line is counted here from the record's byte offset, past those
/// line ends. Offsets only grow, so each byte is counted once.
struct Lines<'a> {
    text: &'a str,
    offset: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            offset: 0,
            line: 1,
        }
    }

    /// The 1-based line of the first character at or after `offset` that ends no line.
    fn at(&mut self, offset: usize) -> u64 {
        let rest = self.text.get(offset..).unwrap_or("");
        let start = offset + (rest.len() - rest.trim_start_matches(['\r', '\n']).len());
        let start = start.max(self.offset).min(self.text.len());
        // A line ends in LF, CRLF, or a lone CR (old Mac spreadsheets).
        let bytes = self.text.as_bytes();
        let counted = (self.offset..start)
            .filter(|&i| bytes[i] == b'\n' || bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
            .count();
        self.line += u64::try_from(counted).unwrap_or(u64::MAX);
        self.offset = start;
        self.line
    }
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// Comma, unless the header line clearly uses semicolons (spreadsheets in locales with a
/// decimal comma) or tabs.
fn delimiter(header_line: &str) -> u8 {
    let count = |c| header_line.matches(c).count();
    let (commas, semicolons, tabs) = (count(','), count(';'), count('\t'));
    if tabs > commas && tabs > semicolons {
        b'\t'
    } else if semicolons > commas {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_past_the_line_ends_before_a_record() {
        let text = "a\r\nb\r\n\r\nc\n";
        let mut lines = Lines::new(text);
        assert_eq!(lines.at(0), 1);
        // The reader puts `b` at the `\n` of the line before, and `c` before the blank line.
        assert_eq!(lines.at(2), 2);
        assert_eq!(lines.at(4), 4);
        let mut lines = Lines::new("a\rb\r\rc");
        assert_eq!(lines.at(2), 2);
        assert_eq!(lines.at(5), 4);
    }

    #[test]
    fn delimiters_are_sniffed() {
        assert_eq!(delimiter("Name,Company"), b',');
        assert_eq!(delimiter("Name;Company;Notes, more"), b';');
        assert_eq!(delimiter("Name\tCompany"), b'\t');
    }
}
