//! `--format json`: one array of objects with exactly the fields of spec §5.

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;

/// One diagnostic as JSON (also used by `watch --format json`).
#[derive(serde::Serialize)]
pub(crate) struct Entry<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    severity: &'static str,
    code: &'static str,
    message: &'a str,
    help: Option<&'a str>,
}

pub(crate) fn write(out: &mut impl Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    crate::render::json(out, &entries(diagnostics))
}

pub(crate) fn entries(diagnostics: &[Diagnostic]) -> Vec<Entry<'_>> {
    diagnostics
        .iter()
        .map(|d| Entry {
            path: &d.path,
            line: d.start.line,
            column: d.start.column,
            end_line: d.end.line,
            end_column: d.end.column,
            severity: d.severity().as_str(),
            code: d.code.as_str(),
            message: &d.message,
            help: d.help.as_deref(),
        })
        .collect()
}
