//! Turning diagnostics into text: `human` (with a source excerpt), `json` and `github`.
//! Renderers write styled text; the caller's stream strips the styles when the output is not
//! a terminal or `NO_COLOR` is set (`anstream`, or [`plain`] for the results of commands).

pub(crate) mod agenda;
pub(crate) mod draft;
pub(crate) mod escape;
pub(crate) mod fit;
pub(crate) mod github;
pub(crate) mod human;
pub(crate) mod ics;
pub(crate) mod json;
pub(crate) mod list;
pub(crate) mod next;
pub(crate) mod plain;
pub(crate) mod report;
pub(crate) mod roff;
pub(crate) mod show;
pub(crate) mod table;

use std::collections::HashMap;
use std::io::{self, Write};

use anstyle::{AnsiColor, Effects, Style};

use crate::diagnostic::Tally;
use crate::findings::Severity;
use crate::spreadsheet::Cells;

pub(crate) const ERROR: Style = AnsiColor::BrightRed.on_default().effects(Effects::BOLD);
pub(crate) const WARNING: Style = AnsiColor::BrightYellow.on_default().effects(Effects::BOLD);
pub(crate) const BOLD: Style = Style::new().effects(Effects::BOLD);
pub(crate) const DIM: Style = Style::new().effects(Effects::DIMMED);
pub(crate) const INFO: Style = AnsiColor::BrightCyan.on_default().effects(Effects::BOLD);

pub(crate) fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
        Severity::Info => INFO,
    }
}

/// Standard error, with colour decided as for standard output.
pub(crate) fn stderr(
    color: anstream::ColorChoice,
) -> anstream::AutoStream<io::StderrLock<'static>> {
    anstream::AutoStream::new(io::stderr().lock(), color)
}

/// `error:`, `warning:`, `note:` in their style: how every line on standard error begins.
pub(crate) fn label(style: Style, word: &str) -> String {
    format!("{style}{word}:{style:#}")
}

/// The formats every result of `agenda`, `report`, `list` and `show` can be printed in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Format {
    /// Aligned, titled tables for a person at a terminal.
    #[default]
    Text,
    Markdown,
    /// For a spreadsheet: formula cells guarded unless `--raw` (see [`crate::spreadsheet`]).
    Csv(Cells),
    Json,
}

/// A result a command prints: each format is one method, and [`Render::render`] picks one.
/// Text may carry styles; the caller's stream drops them where colour is off.
pub(crate) trait Render {
    fn text(&self, out: &mut impl Write) -> io::Result<()>;
    fn markdown(&self, out: &mut impl Write) -> io::Result<()>;
    fn csv(&self, out: &mut impl Write, cells: Cells) -> io::Result<()>;
    fn json(&self, out: &mut impl Write) -> io::Result<()>;

    fn render(&self, format: Format, out: &mut impl Write) -> io::Result<()> {
        match format {
            Format::Text => self.text(out),
            Format::Markdown => self.markdown(out),
            Format::Csv(cells) => self.csv(out, cells),
            Format::Json => self.json(out),
        }
    }
}

/// `value` as pretty JSON and a final newline: every JSON document `ties` prints.
pub(crate) fn json(out: &mut impl Write, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// The text of each file by its notebook-relative path, for excerpts.
pub(crate) type Sources<'a> = HashMap<&'a str, &'a str>;

/// `1 contact`, `2 companies`: a count and its noun, singular for exactly one.
pub(crate) fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `3 errors, 1 warning in 412 files`.
pub(crate) fn summary(tally: Tally, files: usize) -> String {
    // Infos are named only when there are some: a notebook without any reads as it always
    // did.
    let infos = match tally.infos {
        0 => String::new(),
        n => format!(", {}", count(n as u64, "info", "infos")),
    };
    format!(
        "{}, {}{infos} in {}",
        count(tally.errors as u64, "error", "errors"),
        count(tally.warnings as u64, "warning", "warnings"),
        count(files as u64, "file", "files")
    )
}

/// The text of every file of `index` (and `ties.yaml`) that `diagnostics` name, by path, for
/// excerpts. A file whose text is not kept is read again; one that changed on disk since it
/// was read has no excerpt (it would point at the wrong place).
pub(crate) fn sources<'a>(
    index: &'a crate::index::Index,
    diagnostics: &[crate::diagnostic::Diagnostic],
) -> Sources<'a> {
    let mut sources: Sources = Sources::new();
    for d in diagnostics {
        if let Some(doc) = index.position(&d.path).map(|i| &index.docs[i])
            && let Some(text) = doc.text()
        {
            sources.insert(doc.path.as_str(), text);
        }
    }
    sources.insert(crate::notebook::CONFIG_FILE, index.settings_text.as_str());
    for loaded in &index.templates().list {
        if let Some(path) = &loaded.path {
            sources.insert(path.as_str(), loaded.text.as_str());
        }
    }
    sources
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_pluralises() {
        assert_eq!(
            summary(
                Tally {
                    errors: 3,
                    warnings: 1,
                    infos: 0
                },
                412
            ),
            "3 errors, 1 warning in 412 files"
        );
        assert_eq!(
            summary(
                Tally {
                    errors: 1,
                    warnings: 0,
                    infos: 2
                },
                1
            ),
            "1 error, 0 warnings, 2 infos in 1 file"
        );
    }
}
