//! An export of companies by `ties` (`ties export csv companies`), imported back: one
//! company file per row, every key of the export kept, so that exporting contacts and
//! companies and importing both into a new notebook (companies first) loses nothing. The
//! company column of a contacts export holds only ids; the names live here.

use std::collections::HashMap;

use super::cells::one_line;
use super::naming;
use super::plan::{Level, Message, Plan, Writable};
use super::table::Table;
use super::verify::check;
use crate::draft::Draft;
use crate::fs::NewFile;
use crate::index::Index;
use crate::model::Kind;
use crate::model::company;
use crate::model::conventions::Conventions;
use crate::model::decode::is_url;
use crate::model::fields::Type;

/// One row of the export, read: its line, id and file text.
struct Planned {
    line: u64,
    id: String,
    text: String,
}

/// The company files of a companies export.
pub(super) fn plan(table: &Table, index: &Index, writable: Writable<'_>) -> Plan {
    let conventions = &index.settings.conventions;
    let mut plan = Plan::default();
    let mut planned: Vec<Planned> = Vec::new();
    for (line, cells) in &table.rows {
        let cell = |key: &str| {
            table
                .headers
                .iter()
                .position(|h| h == key)
                .and_then(|i| cells.get(i))
                .map_or("", String::as_str)
        };
        let bad = |text: String| Message {
            file: None,
            line: *line,
            level: Level::Bad,
            text,
        };
        let id = cell("id");
        if let Some(doc) = index.get(id) {
            if doc.kind == Kind::Company {
                plan.present += 1;
            } else {
                plan.messages
                    .push(bad(format!("id `{id}` is taken by {}", doc.path)));
            }
            continue;
        }
        if let Some(earlier) = planned.iter().find(|p| p.id == id) {
            plan.messages.push(bad(format!(
                "duplicate of line {}, id `{id}`",
                earlier.line
            )));
            continue;
        }
        match company_file(conventions, id, &cell) {
            Ok(text) => planned.push(Planned {
                line: *line,
                id: id.to_owned(),
                text,
            }),
            Err(why) => plan.messages.push(bad(why)),
        }
    }
    // Every file checked with the notebook; a row whose file would not pass is dropped.
    loop {
        let files: Vec<NewFile> = planned
            .iter()
            .map(|p| NewFile {
                path: naming::path(conventions, Kind::Company, &p.id),
                text: p.text.clone(),
            })
            .collect();
        let owners: HashMap<String, Vec<u64>> = planned
            .iter()
            .map(|p| {
                (
                    naming::path(conventions, Kind::Company, &p.id),
                    vec![p.line],
                )
            })
            .collect();
        let problems = check(index, writable, &files, &[], &owners);
        if problems.is_empty() {
            plan.companies = files.len();
            plan.files = files;
            break;
        }
        for (line, why) in problems {
            planned.retain(|p| p.line != line);
            plan.messages.push(Message {
                file: None,
                line,
                level: Level::Bad,
                text: why,
            });
        }
    }
    plan.messages.sort_by_key(|m| m.line);
    plan.bad = plan
        .messages
        .iter()
        .filter(|m| m.level == Level::Bad)
        .count();
    plan
}

/// The file of one row, given its cells by key; `Err` names the first bad cell.
fn company_file<'c>(
    conventions: &Conventions,
    id: &str,
    cell: &dyn Fn(&str) -> &'c str,
) -> Result<String, String> {
    if !naming::is_id(conventions, id) {
        return Err(format!(
            "id `{id}` is not {}",
            naming::what_ids_are(conventions)
        ));
    }
    let mut d = Draft::new();
    for field in company::FIELDS {
        let (key, value) = (field.key, cell(field.key));
        if value.is_empty() {
            if key == "name" {
                return Err("no name".to_owned());
            }
            continue;
        }
        match field.ty {
            Type::Choice(names) => {
                let word = names
                    .iter()
                    .find(|n| n.eq_ignore_ascii_case(value))
                    .ok_or_else(|| format!("`{value}` in {key} is none of {}", names.join(", ")))?;
                // `watching` is what a company without `status` is.
                if !(key == "status" && *word == "watching") {
                    d.word(key, word);
                }
            }
            Type::List => {
                let items: Vec<&str> = value
                    .split(';')
                    .map(str::trim)
                    .filter(|i| !i.is_empty())
                    .collect();
                d.list(key, &items);
            }
            Type::Url if !is_url(value) => {
                return Err(format!("`{value}` in {key} is not a web address"));
            }
            _ => {
                d.text(key, &one_line(value));
            }
        }
    }
    d.body(&cell("notes").replace("\r\n", "\n"));
    Ok(d.render())
}
