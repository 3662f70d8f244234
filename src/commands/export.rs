//! `ties export csv contacts|companies|chats|events`: one row per record, for a spreadsheet
//! or a coach. The columns are `id`, the kind's keys in the order of the spec (for contacts,
//! `company_name` after `company`), and `notes` (the body); lists are joined with `; `. `ties import csv` reads a contacts export back,
//! and since every row carries its id, importing it again creates nothing.

use crate::config::Config;
use crate::document::Document;
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::frontmatter::FrontMatter;
use crate::index::Index;
use crate::model::fields::{cells, when};
use crate::model::{Chat, Company, Contact, Event, Kind, Record, chat, company, contact, event};
use crate::render::table::{Align, Cell, Table};
use crate::spreadsheet::Cells;

pub(crate) fn run(config: &Config, kind: Kind, cells: Cells) -> Result<ExitStatus, Error> {
    let (_, index) = super::load(config)?;
    let (header, rows) = table(&index, kind);
    let columns: Vec<(&str, Align)> = header.iter().map(|h| (h.as_str(), Align::Left)).collect();
    let mut sheet = Table::new(&columns);
    for row in rows {
        sheet.push(row.into_iter().map(Cell::from).collect());
    }
    // Into memory, then out as it is: the terminal stream would strip what looks like colour
    // from the data, and a CSV file must keep every byte.
    let mut bytes = Vec::new();
    sheet
        .csv(&mut bytes, cells)
        .expect("writing CSV into memory fails only on a bug, never on input");
    super::write_stdout(&bytes)?;
    Ok(ExitStatus::Success)
}

/// The header and the rows of `kind`: contacts and companies by id, chats and events by
/// date, then id.
pub(crate) fn table(index: &Index, kind: Kind) -> (Vec<String>, Vec<Vec<String>>) {
    let keys: &[&str] = match kind {
        Kind::Contact => Contact::KEYS,
        Kind::Company => Company::KEYS,
        Kind::Chat => Chat::KEYS,
        Kind::Event | Kind::Note => Event::KEYS,
    };
    let mut header: Vec<String> = std::iter::once("id")
        .chain(keys.iter().copied())
        .chain(std::iter::once("notes"))
        .map(str::to_owned)
        .collect();
    // A contact names its company by id; `company_name` carries the name too, so contacts
    // imported alone into another notebook create their companies under their names.
    let company_at = (kind == Kind::Contact)
        .then(|| header.iter().position(|h| h == "company"))
        .flatten()
        .map(|at| at + 1);
    if let Some(at) = company_at {
        header.insert(at, "company_name".to_owned());
    }
    let mut rows: Vec<(String, Vec<String>)> = index
        .docs
        .iter()
        .filter(|d| d.kind == kind)
        .filter_map(|doc| {
            let (sort, values) = match doc.record.as_ref()? {
                Record::Contact(c) => (String::new(), cells(contact::FIELDS, c, index.now())),
                Record::Company(c) => (String::new(), cells(company::FIELDS, c, index.now())),
                Record::Chat(c) => (when(c.date.as_ref()), cells(chat::FIELDS, c, index.now())),
                Record::Event(e) => (when(e.date.as_ref()), cells(event::FIELDS, e, index.now())),
            };
            let mut row: Vec<String> = std::iter::once(doc.id.to_string())
                .chain(values)
                .chain(std::iter::once(notes(doc)))
                .collect();
            if let Some(at) = company_at {
                let name = index
                    .get(&row[at - 1])
                    .and_then(Document::name)
                    .unwrap_or_default()
                    .to_owned();
                row.insert(at, name);
            }
            Some((sort, row))
        })
        .collect();
    rows.sort_by(|(a, ra), (b, rb)| a.cmp(b).then_with(|| ra[0].cmp(&rb[0])));
    (header, rows.into_iter().map(|(_, row)| row).collect())
}

/// The body, without the blank lines around it.
fn notes(doc: &Document) -> String {
    let text = doc.text().unwrap_or_default();
    let start = FrontMatter::split(text).body_start();
    text[start..].trim().to_owned()
}
