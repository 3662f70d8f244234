//! `ties show` output: the record's fields and derived facts as `key: value` lines, then the
//! people around it and the timeline as tables. CSV, being one table, is the timeline (for a
//! company or an event, whose point is who is there: the people).

use std::io::{self, Write};

use crate::model::Kind;
use std::borrow::Cow;

use anstyle::Style;
use unicode_width::UnicodeWidthStr;

use crate::render::escape::{self, safe};
use crate::render::table::{self, Align, Cell, Table};
use crate::render::{self, BOLD, DIM, Render};
use crate::show::Shown;
use crate::spreadsheet::Cells;

/// A field's value on one line: lists joined with `, `, mappings as `key: value` pairs.
fn field_text(value: &serde_json::Value) -> String {
    use serde_json::Value as J;
    match value {
        J::Null => String::new(),
        J::String(s) => s.clone(),
        J::Array(items) => items.iter().map(field_text).collect::<Vec<_>>().join(", "),
        J::Object(map) => map
            .iter()
            .map(|(k, v)| format!("{k}: {}", field_text(v)))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

fn people_table(shown: &Shown) -> Table {
    let mut t = Table::new(&[
        ("id", Align::Left),
        ("name", Align::Left),
        ("company", Align::Left),
        ("role", Align::Left),
        ("stage", Align::Left),
        ("last", Align::Left),
    ]);
    for p in &shown.people {
        t.push(vec![
            p.id.as_str().into(),
            p.name.as_str().into(),
            p.company.as_ref().map_or("", |c| c.as_str()).into(),
            p.role.unwrap_or("").into(),
            p.stage.as_str().into(),
            p.last.map_or_else(String::new, |d| d.to_string()).into(),
        ]);
    }
    t
}

fn timeline_table(shown: &Shown, styled: bool) -> Table {
    let mut t = Table::new(&[
        ("date", Align::Left),
        ("kind", Align::Left),
        ("what", Align::Left),
        ("file", Align::Left),
    ]);
    let dim = if styled { DIM } else { anstyle::Style::new() };
    for e in &shown.timeline {
        t.push(vec![
            e.date.map_or_else(String::new, |d| d.to_string()).into(),
            e.kind.as_str().into(),
            e.title.as_str().into(),
            Cell::styled(e.path.clone(), dim),
        ]);
    }
    t
}

fn people_title(kind: Kind) -> &'static str {
    match kind {
        Kind::Event => "People met",
        Kind::Chat => "With",
        _ => "People",
    }
}

impl Render for Shown {
    fn text(&self, out: &mut impl Write) -> io::Result<()> {
        let shown = self;
        writeln!(
            out,
            "{BOLD}{}{BOLD:#}  {}  {DIM}{}{DIM:#}",
            safe(&shown.name),
            shown.kind.as_str(),
            safe(&shown.path)
        )?;
        let fields = shown
            .fields
            .iter()
            .map(|(k, v)| (escape::line(k), field_text(v), Style::new()));
        let facts = shown
            .facts
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), v.clone(), DIM));
        let lines: Vec<_> = fields.chain(facts).collect();
        let width = lines.iter().map(|(k, _, _)| k.width()).max().unwrap_or(0) + 1;
        for (key, value, style) in &lines {
            write!(out, "  {style}{key}:{style:#}")?;
            table::spaces(out, width - key.width())?;
            writeln!(out, "{}", safe(value))?;
        }
        if !shown.people.is_empty() {
            writeln!(out, "\n{BOLD}{}{BOLD:#}", people_title(shown.kind))?;
            people_table(shown).text(out, 2)?;
        }
        writeln!(out, "\n{BOLD}Timeline{BOLD:#}")?;
        if shown.timeline.is_empty() {
            writeln!(out, "  {DIM}nothing yet{DIM:#}")?;
        } else {
            timeline_table(shown, true).text(out, 2)?;
        }
        Ok(())
    }

    fn markdown(&self, out: &mut impl Write) -> io::Result<()> {
        let shown = self;
        writeln!(
            out,
            "# {}\n\n{} · [{}]({})\n",
            safe(&shown.name),
            shown.kind.as_str(),
            safe(&shown.path),
            safe(&shown.path)
        )?;
        for (key, value) in &shown.fields {
            writeln!(out, "- **{}**: {}", safe(key), safe(&field_text(value)))?;
        }
        for (key, value) in &shown.facts {
            writeln!(out, "- *{key}*: {}", safe(value))?;
        }
        if !shown.people.is_empty() {
            writeln!(out, "\n## {}\n", people_title(shown.kind))?;
            people_table(shown).markdown(out)?;
        }
        writeln!(out, "\n## Timeline\n")?;
        timeline_table(shown, false).markdown(out)
    }

    fn csv(&self, out: &mut impl Write, cells: Cells) -> io::Result<()> {
        let shown = self;
        match shown.kind {
            Kind::Company | Kind::Event => people_table(shown).csv(out, cells),
            _ => timeline_table(shown, false).csv(out, cells),
        }
    }

    fn json(&self, out: &mut impl Write) -> io::Result<()> {
        let shown = self;
        render::json(out, shown)
    }
}
