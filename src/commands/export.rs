//! `ties export csv contacts|companies|chats|events`: one row per record, for a spreadsheet
//! or a coach. The columns are `id`, the kind's keys in the order of the spec, and `notes`
//! (the body); lists are joined with `; `. `ties import csv` reads a contacts export back,
//! and since every row carries its id, importing it again creates nothing.

use std::io::Write;

use crate::config::Config;
use crate::document::Document;
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::frontmatter::FrontMatter;
use crate::index::Index;
use crate::model::contact::{Role, Tie, Warmth};
use crate::model::event::EventKind;
use crate::model::{Chat, Company, Contact, Event, Kind, Record};
use crate::notebook;

pub fn run(config: &Config, kind: Kind) -> Result<ExitStatus, Error> {
    let root = notebook::discover(config.notebook.as_deref(), &config.cwd)?;
    let index = notebook::load(&root, config.today())?;
    let (header, rows) = table(&index, kind);
    let mut csv = csv::Writer::from_writer(Vec::new());
    let encoded = std::iter::once(header)
        .chain(rows)
        .try_for_each(|row| csv.write_record(&row));
    // Writing into memory fails only on a bug, never on input.
    let bytes = encoded
        .map_err(|e| e.to_string())
        .and_then(|()| csv.into_inner().map_err(|e| e.to_string()))
        .expect("CSV into memory");
    let mut out = std::io::stdout().lock();
    super::finish_output(out.write_all(&bytes).and_then(|()| out.flush()))?;
    Ok(ExitStatus::Success)
}

/// The header and the rows of `kind`: contacts and companies by id, chats and events by
/// date, then id.
pub fn table(index: &Index, kind: Kind) -> (Vec<String>, Vec<Vec<String>>) {
    let keys: &[&str] = match kind {
        Kind::Contact => Contact::KEYS,
        Kind::Company => Company::KEYS,
        Kind::Chat => Chat::KEYS,
        Kind::Event | Kind::Note => Event::KEYS,
    };
    let header = std::iter::once("id")
        .chain(keys.iter().copied())
        .chain(std::iter::once("notes"))
        .map(str::to_owned)
        .collect();
    let mut rows: Vec<(String, Vec<String>)> = index
        .docs
        .iter()
        .filter(|d| d.kind == kind)
        .filter_map(|doc| {
            let (sort, values) = match doc.record.as_ref()? {
                Record::Contact(c) => (String::new(), contact(c)),
                Record::Company(c) => (String::new(), company(c)),
                Record::Chat(c) => (date_key(c.date.as_ref()), chat(c, index)),
                Record::Event(e) => (date_key(e.date.as_ref()), event(e)),
            };
            let row = std::iter::once(doc.id.to_string())
                .chain(values)
                .chain(std::iter::once(notes(doc)))
                .collect();
            Some((sort, row))
        })
        .collect();
    rows.sort_by(|(a, ra), (b, rb)| a.cmp(b).then_with(|| ra[0].cmp(&rb[0])));
    (header, rows.into_iter().map(|(_, row)| row).collect())
}

fn date_key(date: Option<&crate::span::Spanned<crate::model::time::When>>) -> String {
    date.map(|d| d.value.to_string()).unwrap_or_default()
}

fn contact(c: &Contact) -> Vec<String> {
    vec![
        c.name.clone(),
        id(c.company.as_ref()),
        opt(c.title.as_ref()),
        opt(c.role.map(Role::as_str)),
        opt(c.warmth.map(Warmth::as_str)),
        opt(c.tie.map(Tie::as_str)),
        opt(c.source.as_ref()),
        id(c.introduced_by.as_ref()),
        opt(c.email.as_ref()),
        opt(c.linkedin.as_ref()),
        opt(c.github.as_ref()),
        opt(c.slack.as_ref()),
        opt(c.twitter.as_ref()),
        opt(c.phone.as_ref()),
        opt(c.website.as_ref()),
        opt(c.location.as_ref()),
        opt(c.timezone.as_ref()),
        c.tags.join("; "),
        opt(c.reached_out.as_ref().map(|d| d.value)),
        c.followed_up
            .iter()
            .map(|d| d.value.to_string())
            .collect::<Vec<_>>()
            .join("; "),
        opt(c.replied.as_ref().map(|d| d.value)),
        c.next.as_ref().map_or_else(String::new, |n| {
            format!("{} {}", n.date.value, n.action)
                .trim_end()
                .to_owned()
        }),
        opt(c.stay_in_touch),
        opt(c.snooze),
        c.status.as_str().to_owned(),
    ]
}

fn company(c: &Company) -> Vec<String> {
    vec![
        c.name.clone(),
        c.status.as_str().to_owned(),
        opt(c.r#in.as_ref()),
        opt(c.location.as_ref()),
        opt(c.website.as_ref()),
        c.stack.join("; "),
        c.hiring.join("; "),
        c.tags.join("; "),
    ]
}

fn chat(c: &Chat, index: &Index) -> Vec<String> {
    vec![
        ids(&c.with),
        date_key(c.date.as_ref()),
        c.kind.as_str().to_owned(),
        opt(c.medium.as_ref()),
        opt(c.duration),
        id(c.event.as_ref()),
        opt(c.thanked.as_ref().map(|d| d.value)),
        ids(&c.referrals),
        c.status(index.today).as_str().to_owned(),
        c.tags.join("; "),
    ]
}

fn event(e: &Event) -> Vec<String> {
    vec![
        e.name.clone(),
        date_key(e.date.as_ref()),
        opt(e.kind.map(EventKind::as_str)),
        opt(e.location.as_ref()),
        opt(e.url.as_ref()),
        opt(e.goal),
        ids(&e.met),
        e.tags.join("; "),
    ]
}

fn opt(value: Option<impl ToString>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn id(value: Option<&crate::span::Spanned<crate::model::Id>>) -> String {
    opt(value.map(|v| &v.value))
}

fn ids(values: &[crate::span::Spanned<crate::model::Id>]) -> String {
    values
        .iter()
        .map(|v| v.value.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The body, without the blank lines around it.
fn notes(doc: &Document) -> String {
    let start = FrontMatter::split(&doc.text).body_start();
    doc.text[start..].trim().to_owned()
}
