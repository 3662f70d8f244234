//! A file of any format as one table: the header of each column, what each column means,
//! and the rows with the line where each starts. Every reader (CSV of any kind, vCard,
//! LinkedIn's files) makes one, so the row reader and the planner are the same for all.

use std::path::Path;

use super::cells::clean;
use super::columns::Column;
use super::formats::Format;
use crate::error::Error;

/// Each row's first line in the file, and its cells.
pub(super) type Rows = Vec<(u64, Vec<String>)>;

/// A file of any format, read: the header of each column, what it means, and the rows.
#[derive(Debug, Default)]
pub(super) struct Table {
    pub(super) format: Format,
    pub(super) headers: Vec<String>,
    pub(super) columns: Vec<Option<Column>>,
    /// Each row's first line in the file, and its cells (cleaned: see [`clean`]).
    pub(super) rows: Rows,
    /// Notes found while reading: on the file as a whole (line 0: the format it was read
    /// as) or on a row.
    pub(super) notes: Vec<(u64, String)>,
}

impl Table {
    /// Keeps the first of the `separator`-joined values of each column `single` says holds
    /// one value (an address book's emails, Google's ` ::: `), and puts the others into one
    /// more column, `Other values`, that goes to the body: nothing is dropped.
    pub(super) fn keep_first(&mut self, separator: &str, single: impl Fn(&Column) -> bool) {
        let mut any = false;
        for (_, cells) in &mut self.rows {
            let mut more = Vec::new();
            for (i, cell) in cells.iter_mut().enumerate() {
                if !self
                    .columns
                    .get(i)
                    .and_then(Option::as_ref)
                    .is_some_and(&single)
                    || !cell.contains(separator)
                {
                    continue;
                }
                let mut parts = cell
                    .split(separator)
                    .map(str::trim)
                    .filter(|p| !p.is_empty());
                let first = parts.next().unwrap_or_default().to_owned();
                more.extend(parts.map(str::to_owned));
                *cell = first;
            }
            cells.resize(self.headers.len(), String::new());
            cells.push(more.join("; "));
            any |= !more.is_empty();
        }
        self.headers.push("Other values".to_owned());
        self.columns
            .push(if any { None } else { Some(Column::Skip) });
    }
}

/// The header and the non-empty rows (cells cleaned, with the line where each row starts)
/// of the CSV table that begins at byte `start` of `text` (after LinkedIn's preamble): the
/// separator told by the header line, quoted cells holding anything.
pub(super) fn csv(path: &Path, text: &str, start: usize) -> Result<(Vec<String>, Rows), Error> {
    read_csv(path, text, start, |c| clean(c).to_owned())
}

/// [`csv`] with the cells as written (a message's text, where `-` or `?` is what was said).
pub(super) fn csv_raw(path: &Path, text: &str) -> Result<(Vec<String>, Rows), Error> {
    read_csv(path, text, 0, str::to_owned)
}

fn read_csv(
    path: &Path,
    text: &str,
    start: usize,
    cell: impl Fn(&str) -> String,
) -> Result<(Vec<String>, Rows), Error> {
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
    let mut rows = Vec::new();
    let mut lines = Lines::new(text);
    for record in records {
        let record = record.map_err(csv_error)?;
        let line = lines.at(start + record.position().map_or(0, |p| to_usize(p.byte())));
        let cells: Vec<String> = record.iter().map(&cell).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push((line, cells));
    }
    Ok((headers, rows))
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
