//! Cells for spreadsheets, and the formula guard. A spreadsheet opening a CSV file runs a
//! cell that starts with `=`, `+`, `-` or `@` as a formula, and a tab or a carriage return in
//! front does not stop some of them: a contact named `=HYPERLINK("https://evil.example",
//! "Jane")` in a LinkedIn export would become a live link, `+cmd|' /C calc'!A0` a command.
//! As OWASP recommends, such a cell is written with a `'` in front, which spreadsheets show
//! as text and do not display. `ties import csv` takes that one quote off again, so an export
//! imports back exactly.
//!
//! Every such cell is guarded, in any column: a number column of `ties` (counts, goals) is
//! never negative, so a `-` there is never a number that would lose its value.

use std::borrow::Cow;

/// How CSV cells are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Cells {
    /// Cells a spreadsheet would run as formulas get a leading `'`.
    #[default]
    Guarded,
    /// Exactly as they are (`--raw`): for programs that read the CSV, not spreadsheets.
    Raw,
}

/// The characters that make a spreadsheet read a cell as a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `cell` gets a quote: it starts with a trigger, or with quotes and then a trigger.
/// The second case keeps [`unguard`] exact: `'=x` is written `''=x` and read back as `'=x`.
fn needs_guard(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(TRIGGERS)
}

/// `cell` as it is to be written under `cells`.
pub(crate) fn guard(cell: &str, cells: Cells) -> Cow<'_, str> {
    if cells == Cells::Guarded && needs_guard(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell read from a spreadsheet without the quote [`guard`] put in front of it: only a
/// leading `'` followed by what `guard` guards, so `'90s` and `O'Brien` are left alone.
pub(crate) fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_get_a_quote_unless_raw() {
        for (cell, written) in [
            (
                "=HYPERLINK(\"https://evil.example\",\"x\")",
                "'=HYPERLINK(\"https://evil.example\",\"x\")",
            ),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
            ("-2+3", "'-2+3"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("'=1", "''=1"),
            ("- a note", "'- a note"),
            ("Jane Doe", "Jane Doe"),
            ("O'Brien", "O'Brien"),
            ("'90s", "'90s"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(guard(cell, Cells::Guarded), written, "{cell:?}");
            assert_eq!(guard(cell, Cells::Raw), cell);
            assert_eq!(unguard(&guard(cell, Cells::Guarded)), cell, "{cell:?}");
        }
    }

    #[test]
    fn unguard_takes_one_quote_before_a_trigger_only() {
        for (input, expected) in [
            ("'=1", "=1"),
            ("''=1", "'=1"),
            ("'quoted'", "'quoted'"),
            ("'", "'"),
        ] {
            assert_eq!(unguard(input), expected, "{input:?}");
        }
    }
}
