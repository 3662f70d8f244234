//! A table of cells and its three renderings: aligned text columns (styles kept for the
//! terminal; the stream strips them elsewhere), a Markdown pipe table, and CSV. Reports,
//! lists and `show` fill tables from their data, so one table gives the same figures in
//! every format. Widths are display widths, so a name with accents or CJK characters does
//! not push the next column out of line.

use std::io::{self, Write};

use anstyle::Style;
use unicode_width::UnicodeWidthStr;

use crate::render::BOLD;
use crate::render::escape;
use crate::spreadsheet::{Cells, guard};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cell {
    pub text: String,
    pub style: Style,
}

impl Cell {
    pub(crate) fn styled(text: impl Into<String>, style: Style) -> Self {
        Self {
            text: text.into(),
            style,
        }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Self::styled(text, Style::new())
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Self::from(text.to_owned())
    }
}

impl From<u32> for Cell {
    fn from(n: u32) -> Self {
        Self::from(n.to_string())
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Table {
    pub columns: Vec<(String, Align)>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub(crate) fn new(columns: &[(&str, Align)]) -> Self {
        Self {
            columns: columns.iter().map(|(h, a)| ((*h).to_owned(), *a)).collect(),
            rows: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len(), "a row has a cell per column");
        self.rows.push(row);
    }

    /// The widest cell of each column, as shown (escaped).
    fn widths(&self) -> Vec<usize> {
        self.columns
            .iter()
            .enumerate()
            .map(|(i, (header, _))| {
                self.rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|c| escape::line(&c.text).width())
                    .chain([header.width()])
                    .max()
                    .unwrap_or(0)
            })
            .collect()
    }

    /// Aligned columns two spaces apart, a bold header, `indent` spaces before each line and
    /// no trailing spaces.
    pub(crate) fn text(&self, out: &mut impl Write, indent: usize) -> io::Result<()> {
        let widths = self.widths();
        let header: Vec<Cell> = self
            .columns
            .iter()
            .map(|(h, _)| Cell::styled(h.clone(), BOLD))
            .collect();
        for row in std::iter::once(&header).chain(&self.rows) {
            spaces(out, indent)?;
            // Empty cells at the end of a row print nothing, not padding.
            let last = row.iter().rposition(|c| !c.text.is_empty()).unwrap_or(0);
            for (i, cell) in row.iter().enumerate().take(last + 1) {
                let text = escape::line(&cell.text);
                let pad = widths[i].saturating_sub(text.width());
                let (before, after) = match self.columns[i].1 {
                    Align::Right => (pad, 0),
                    Align::Left if i == last => (0, 0),
                    Align::Left => (0, pad),
                };
                let gap = if i == last { "" } else { "  " };
                let style = cell.style;
                spaces(out, before)?;
                write!(out, "{style}{text}{style:#}")?;
                spaces(out, after)?;
                write!(out, "{gap}")?;
            }
            writeln!(out)?;
        }
        Ok(())
    }

    /// A GitHub-flavoured Markdown table; `|` in a cell is escaped.
    pub(crate) fn markdown(&self, out: &mut impl Write) -> io::Result<()> {
        let cell = |s: &str| escape::line(s).replace('|', "\\|");
        let headers: Vec<String> = self.columns.iter().map(|(h, _)| cell(h)).collect();
        writeln!(out, "| {} |", headers.join(" | "))?;
        let rules: Vec<&str> = self
            .columns
            .iter()
            .map(|(_, a)| match a {
                Align::Left => "---",
                Align::Right => "--:",
            })
            .collect();
        writeln!(out, "|{}|", rules.join("|"))?;
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|c| cell(&c.text)).collect();
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
        Ok(())
    }

    /// RFC 4180 CSV with a header row (the `csv` crate quotes what needs quoting). The text
    /// is exact, control characters included: CSV goes to files and spreadsheets, not to a
    /// terminal. Only cells a spreadsheet would run as formulas change, unless `Raw`.
    pub(crate) fn csv(&self, out: &mut impl Write, cells: Cells) -> io::Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        writer
            .write_record(
                self.columns
                    .iter()
                    .map(|(h, _)| guard(h, cells).into_owned()),
            )
            .map_err(io_error)?;
        for row in &self.rows {
            let texts: Vec<_> = row.iter().map(|c| guard(&c.text, cells)).collect();
            writer
                .write_record(texts.iter().map(|t| t.as_bytes()))
                .map_err(io_error)?;
        }
        writer.flush()
    }
}

/// `n` spaces. Written out rather than with a `{:n$}` width: the formatter takes widths up
/// to 65,535 only, and one 70,000-character name must not crash a table.
pub(crate) fn spaces(out: &mut impl Write, n: usize) -> io::Result<()> {
    const BLANK: &str = "                                                                ";
    let mut left = n;
    while left > 0 {
        let chunk = left.min(BLANK.len());
        out.write_all(&BLANK.as_bytes()[..chunk])?;
        left -= chunk;
    }
    Ok(())
}

/// Keeps an I/O error's kind (a closed pipe stays `BrokenPipe`, which is not a failure).
fn io_error(err: csv::Error) -> io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut t = Table::new(&[
            ("Name", Align::Left),
            ("Count", Align::Right),
            ("Note", Align::Left),
        ]);
        t.push(vec!["Zoë".into(), 3.into(), "a, b".into()]);
        t.push(vec!["Ada Lovelace".into(), 12.into(), "x|y".into()]);
        t
    }

    #[test]
    fn text_aligns_by_display_width() {
        let mut out = anstream::StripStream::new(Vec::new());
        sample().text(&mut out, 2).unwrap();
        assert_eq!(
            String::from_utf8(out.into_inner()).unwrap(),
            "  Name          Count  Note\n  Zoë               3  a, b\n  Ada Lovelace     12  x|y\n"
        );
    }

    #[test]
    fn markdown_and_csv_hold_the_same_cells() {
        let mut md = Vec::new();
        sample().markdown(&mut md).unwrap();
        assert_eq!(
            String::from_utf8(md).unwrap(),
            "| Name | Count | Note |\n|---|--:|---|\n| Zoë | 3 | a, b |\n| Ada Lovelace | 12 | x\\|y |\n"
        );
        let mut csv = Vec::new();
        sample().csv(&mut csv, Cells::Guarded).unwrap();
        assert_eq!(
            String::from_utf8(csv).unwrap(),
            "Name,Count,Note\nZoë,3,\"a, b\"\nAda Lovelace,12,x|y\n"
        );
    }
}
