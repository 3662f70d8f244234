//! `ties list` output: one table (text, Markdown, CSV) or a JSON array of objects whose keys
//! are the same columns, with numbers as numbers, lists as arrays and missing values as
//! `null`, plus each record's `path`.

use std::io::{self, Write};

use crate::list::{Listing, Value};
use crate::render::table::{Align, Cell, Table};
use crate::render::{self, DIM, Render};
use crate::spreadsheet::Cells;

fn table(listing: &Listing) -> Table {
    let columns: Vec<(&str, Align)> = listing
        .columns
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let numeric = listing
                .rows
                .iter()
                .all(|r| matches!(r.values[i], Value::Number(_) | Value::Missing))
                && !listing.rows.is_empty();
            (*name, if numeric { Align::Right } else { Align::Left })
        })
        .collect();
    let mut t = Table::new(&columns);
    for row in &listing.rows {
        t.push(row.values.iter().map(|v| Cell::from(v.display())).collect());
    }
    t
}

fn to_json(value: &Value) -> serde_json::Value {
    match value {
        Value::Missing => serde_json::Value::Null,
        Value::Number(n) => (*n).into(),
        Value::List(items) => items.clone().into(),
        Value::When(when) => when.iso().into(),
        other => other.display().into(),
    }
}

impl Render for Listing {
    fn text(&self, out: &mut impl Write) -> io::Result<()> {
        let listing = self;
        if listing.rows.is_empty() {
            return writeln!(out, "{DIM}no {} match{DIM:#}", listing.kind.folder());
        }
        table(listing).text(out, 0)
    }

    fn markdown(&self, out: &mut impl Write) -> io::Result<()> {
        let listing = self;
        table(listing).markdown(out)
    }

    fn csv(&self, out: &mut impl Write, cells: Cells) -> io::Result<()> {
        let listing = self;
        table(listing).csv(out, cells)
    }

    fn json(&self, out: &mut impl Write) -> io::Result<()> {
        let listing = self;
        let rows: Vec<serde_json::Value> = listing
            .rows
            .iter()
            .map(|row| {
                let mut object = serde_json::Map::new();
                for (name, value) in listing.columns.iter().zip(&row.values) {
                    object.insert((*name).to_owned(), to_json(value));
                }
                object.insert("path".to_owned(), row.path.clone().into());
                serde_json::Value::Object(object)
            })
            .collect();
        render::json(out, &rows)
    }
}
