//! Reading one row: each cell parsed as its key wants (loose dates, yes/no words, profiles),
//! what no key takes kept for the body. The reader knows the table's columns and the
//! notebook's conventions, never a format: what a format means by its cells is settled when
//! its reader makes the table.

use chrono::NaiveDate;

use std::collections::BTreeMap;

use super::cells::{
    Order, birthday, one_line, parse_loose_date, profile, says_more, with_scheme, yes_no,
};
use super::columns::{self, Column};
use super::formats::Format;
use super::guess::{self, Placeholders};
use super::naming;
use super::plan::Log;
use super::table::Table;
use crate::model::conventions::Conventions;
use crate::model::decode::{is_email, is_profile, is_url};
use crate::model::fields::Type;
use crate::model::time::{Duration, parse_date};

/// Why a row without a name is bad (LinkedIn's are counted instead).
pub(super) const NO_NAME: &str = "no name";

/// A value read from the cells of one key, as it is to be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Value {
    /// The user's text, quoted as needed.
    Text(String),
    /// Ours and plain: an allowed word, a duration, a count.
    Word(String),
    Date(NaiveDate),
    Dates(Vec<NaiveDate>),
    List(Vec<String>),
}

/// One row, read and checked.
#[derive(Clone, Debug, Default)]
pub(super) struct Row {
    pub(super) line: u64,
    pub(super) id: String,
    /// By key of [`crate::model::contact::FIELDS`].
    pub(super) values: BTreeMap<&'static str, Value>,
    pub(super) notes: Vec<String>,
    /// `- Column: value` lines for the body, with the column they come from, for their order.
    pub(super) extras: Vec<(usize, String)>,
    /// The name of the company an export of contacts names by id (`company_name`).
    pub(super) company_name: Option<String>,
    /// The ids that keys naming another record (`company`, `introduced_by`) resolve to, found
    /// in a later pass.
    pub(super) resolved: BTreeMap<&'static str, String>,
}

/// What a row's cells say that is settled only once the whole row is read.
#[derive(Default)]
pub(super) struct Pending {
    first: Option<String>,
    middle: Option<String>,
    last: Option<String>,
    /// `(column, header, text)` of Response / Replied cells.
    responses: Vec<(usize, String, String)>,
    /// `(column, header, text)` of follow-up cells that say yes or no rather than when.
    follow_ups: Vec<(usize, String, String)>,
    connected: Option<(usize, NaiveDate)>,
}

impl Row {
    /// Keeps a value no key takes as a `- Column: value` line of the body, once.
    fn keep(&mut self, column: usize, header: &str, text: &str) {
        let line = format!("- {header}: {}", one_line(text));
        if !self.extras.iter().any(|(_, l)| *l == line) {
            self.extras.push((column, line));
        }
    }

    pub(super) fn name(&self) -> &str {
        self.text("name").unwrap_or_default()
    }

    /// The value of a text or word key.
    pub(super) fn text(&self, key: &str) -> Option<&str> {
        match self.values.get(key)? {
            Value::Text(t) | Value::Word(t) => Some(t),
            _ => None,
        }
    }

    fn date(&self, key: &str) -> Option<NaiveDate> {
        match self.values.get(key)? {
            Value::Date(d) => Some(*d),
            _ => None,
        }
    }

    fn dates(&self, key: &str) -> &[NaiveDate] {
        match self.values.get(key) {
            Some(Value::Dates(days)) => days,
            _ => &[],
        }
    }

    /// Keeps the first value of a key that several columns give.
    fn first(&mut self, key: &'static str, value: Value) {
        self.values.entry(key).or_insert(value);
    }
}

/// Reads the rows of one table: their cells by the table's columns, dates in the order each
/// column settles, employers against the placeholder list, ids as the notebook writes them.
pub(super) struct Reader<'a> {
    pub(super) format: Format,
    pub(super) headers: &'a [String],
    pub(super) columns: &'a [Option<Column>],
    /// The order of each column's `a/b/yyyy` dates, where the column settles it.
    orders: Vec<Option<Order>>,
    /// Employers that are no company (`import.placeholder_employers`, or the built-in list).
    placeholders: &'a Placeholders,
    conventions: &'a Conventions,
    /// Notes and warnings about the rows read.
    pub(super) log: Log,
    /// Per column kept in the bodies: the lines whose value was not one of the allowed words.
    pub(super) kept: BTreeMap<usize, Vec<u64>>,
}

impl<'a> Reader<'a> {
    pub(super) fn new(
        table: &'a Table,
        placeholders: &'a Placeholders,
        conventions: &'a Conventions,
    ) -> Self {
        Self {
            format: table.format,
            headers: &table.headers,
            columns: &table.columns,
            orders: guess::date_orders(table.headers.len(), &table.rows),
            placeholders,
            conventions,
            log: Log::default(),
            kept: BTreeMap::new(),
        }
    }

    /// The row's values, each parsed and checked; `Err` names the first bad one.
    pub(super) fn read(&mut self, line: u64, cells: &[&str]) -> Result<Row, String> {
        let mut row = Row {
            line,
            ..Row::default()
        };
        let mut pending = Pending::default();
        for (i, cell) in cells.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let header = self.headers.get(i).map_or("", String::as_str);
            let header = if header.is_empty() {
                format!("column {}", i + 1)
            } else {
                header.to_owned()
            };
            let Some(column) = self.columns.get(i).copied().flatten() else {
                row.keep(i, &header, cell);
                continue;
            };
            self.cell(&mut row, &mut pending, column, i, &header, cell)?;
        }
        if row.name().is_empty() {
            let joined = [pending.first, pending.middle, pending.last]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            row.values.insert("name", Value::Text(one_line(&joined)));
        }
        if row.name().is_empty() {
            return Err(NO_NAME.to_owned());
        }
        // An export of `ties` says what it means; elsewhere a title tells the role.
        if self.format != Format::ContactsExport
            && row.text("role").is_none()
            && let Some(role) = row.text("title").and_then(guess::role_of_title)
        {
            row.values.insert("role", Value::Word(role.to_owned()));
        }
        if let Some((column, day)) = pending.connected {
            if row.text("source").is_none() {
                let source = format!("LinkedIn (connected {day})");
                row.values.insert("source", Value::Text(source));
            } else {
                row.keep(column, "Connected on LinkedIn", &day.to_string());
            }
        }
        if let Some(Value::Dates(days)) = row.values.get_mut("followed_up") {
            days.sort_unstable();
            days.dedup();
        }
        for (column, header, text) in pending.follow_ups {
            self.followed_up(&mut row, column, &header, &text);
        }
        for (column, header, text) in pending.responses {
            self.response(&mut row, column, &header, &text);
        }
        row.extras.sort_by_key(|(column, _)| *column);
        if let Some(first) = row.date("reached_out") {
            let early = row
                .dates("followed_up")
                .first()
                .map(|d| ("followed up", *d))
                .filter(|(_, d)| *d < first)
                .or_else(|| {
                    row.date("replied")
                        .map(|d| ("replied", d))
                        .filter(|(_, d)| *d < first)
                });
            if let Some((what, day)) = early {
                return Err(format!("{what} on {day}, before reaching out on {first}"));
            }
        }
        Ok(row)
    }

    /// Reads one cell of `column` into the row (or into `pending`, for what needs the whole
    /// row first).
    fn cell(
        &mut self,
        row: &mut Row,
        pending: &mut Pending,
        column: Column,
        i: usize,
        header: &str,
        cell: &str,
    ) -> Result<(), String> {
        let key = match column {
            Column::Skip => return Ok(()),
            Column::Id => {
                let conventions = self.conventions;
                if !naming::is_id(conventions, cell) {
                    return Err(format!(
                        "id `{cell}` is not {}",
                        naming::what_ids_are(conventions)
                    ));
                }
                if row.id.is_empty() {
                    cell.clone_into(&mut row.id);
                }
                return Ok(());
            }
            Column::FirstName => {
                first_of(&mut pending.first, cell);
                return Ok(());
            }
            Column::LastName => {
                first_of(&mut pending.last, cell);
                return Ok(());
            }
            Column::Notes => {
                row.notes.push(cell.replace("\r\n", "\n"));
                return Ok(());
            }
            Column::MiddleName => {
                first_of(&mut pending.middle, cell);
                return Ok(());
            }
            Column::ConnectedOn => {
                pending.connected = Some((i, self.date(i, cell, header)?));
                return Ok(());
            }
            Column::CompanyName => {
                row.company_name = Some(one_line(cell));
                return Ok(());
            }
            Column::Url => {
                urls(row, i, header, cell);
                return Ok(());
            }
            // No company file for "Self-employed": what they said stays in the body.
            Column::Key("company")
                if self.format != Format::ContactsExport && self.placeholders.contains(cell) =>
            {
                row.keep(i, header, cell);
                return Ok(());
            }
            Column::Key(key) => key,
        };
        self.key(row, pending, key, i, header, cell)
    }

    /// Reads one cell of the contact key `key`, as its type wants.
    fn key(
        &mut self,
        row: &mut Row,
        pending: &mut Pending,
        key: &'static str,
        i: usize,
        header: &str,
        cell: &str,
    ) -> Result<(), String> {
        match (key, columns::field(key).ty) {
            // Trackers often mean the job title by "Role".
            ("role", Type::Choice(names)) => match choice(names, cell) {
                Some(word) => row.first(key, word),
                None if row.text("title").is_none() => {
                    row.values.insert("title", Value::Text(cell.to_owned()));
                }
                None => row.keep(i, header, cell),
            },
            // A yes or a no needs the outreach dates: read once the row is.
            ("replied", _) => pending
                .responses
                .push((i, header.to_owned(), cell.to_owned())),
            ("followed_up", _) if yes_no(cell).is_some() => {
                pending
                    .follow_ups
                    .push((i, header.to_owned(), cell.to_owned()));
            }
            ("birthday", _) => match birthday(cell) {
                Some(day) => row.first(key, Value::Word(day)),
                None => self.kept_aside(row, i, header, cell, "a birthday (MM-DD or a date)", key),
            },
            (_, Type::Choice(names)) => match choice(names, cell) {
                Some(word) => {
                    row.values.insert(key, word);
                }
                // Anything else is kept in the body (and counted for one note).
                None => {
                    row.values.remove(key);
                    row.keep(i, header, cell);
                    self.kept.entry(i).or_default().push(row.line);
                }
            },
            (_, Type::Text | Type::Id) => row.first(key, Value::Text(one_line(cell))),
            (_, Type::Email) => {
                let email = cell.strip_prefix("mailto:").unwrap_or(cell);
                if is_email(email) {
                    row.first(key, Value::Text(email.to_owned()));
                } else {
                    self.kept_aside(row, i, header, cell, "an email address", key);
                }
            }
            (_, Type::Profile(site)) => row.first(key, Value::Text(profile(cell, header, site)?)),
            (_, Type::Url) => {
                let url = with_scheme(cell);
                if !is_url(&url) {
                    return Err(format!("`{cell}` in {header} is not a web address"));
                }
                row.first(key, Value::Text(url));
            }
            (_, Type::List | Type::Ids) => {
                let items = cell
                    .split([',', ';', '|'])
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned);
                match row.values.entry(key).or_insert(Value::List(Vec::new())) {
                    Value::List(list) => list.extend(items),
                    _ => unreachable!("a list key holds a list"),
                }
            }
            (_, Type::Date | Type::When) => {
                row.first(key, Value::Date(self.date(i, cell, header)?));
            }
            (_, Type::Dates) => {
                for part in cell.split([',', ';', '|', '\n']).map(str::trim) {
                    if !part.is_empty() {
                        let day = self.date(i, part, header)?;
                        match row.values.entry(key).or_insert(Value::Dates(Vec::new())) {
                            Value::Dates(days) => days.push(day),
                            _ => unreachable!("a dates key holds dates"),
                        }
                    }
                }
            }
            (_, Type::Duration) => {
                let d = Duration::parse(cell).ok_or_else(|| {
                    format!("`{cell}` in {header} is not a duration (such as 90d or 12w)")
                })?;
                row.first(key, Value::Word(d.to_string()));
            }
            (_, Type::Count) => {
                let n: u32 = cell
                    .parse()
                    .map_err(|_| format!("`{cell}` in {header} is not a whole number"))?;
                row.first(key, Value::Word(n.to_string()));
            }
            (_, Type::Next) => {
                let (day, rest) = cell.split_once(char::is_whitespace).unwrap_or((cell, ""));
                match parse_date(day) {
                    Some(_) if row.text(key).is_none() => {
                        let next = format!("{day} {}", one_line(rest.trim()));
                        row.first(key, Value::Text(next.trim_end().to_owned()));
                    }
                    _ => row.keep(i, header, cell),
                }
            }
        }
        Ok(())
    }

    /// A Response / Replied cell: a date, or yes/no (a yes takes the latest outreach date,
    /// since `replied` is a date), or other text, which stays in the body.
    fn response(&mut self, row: &mut Row, column: usize, header: &str, text: &str) {
        if let Ok(day) = self.date(column, text, header) {
            row.first("replied", Value::Date(day));
            return;
        }
        let answer = yes_no(text);
        let yes = answer == Some(true);
        // "Yes, set up a call" says more than yes: keep it.
        if answer.is_none() || says_more(text) {
            row.keep(column, header, text);
        }
        if !yes || row.date("replied").is_some() {
            return;
        }
        let latest = row
            .dates("followed_up")
            .last()
            .map(|d| (*d, "last follow-up"))
            .or(row.date("reached_out").map(|d| (d, "reach-out")));
        if let Some((day, what)) = latest {
            row.values.insert("replied", Value::Date(day));
            self.log.note(
                row.line,
                format!("{header} is `{text}`: replied set to the {what} date, {day}"),
            );
        } else {
            self.log.note(
                row.line,
                format!(
                    "{header} is `{text}` but the row has no outreach date: `replied` left out, \
                     the answer kept in the body"
                ),
            );
            row.keep(column, header, text);
        }
    }
}

impl Reader<'_> {
    /// A date cell of column `column`, read in the order that column settles (LinkedIn's
    /// own dates are month-first and may have two-digit years: `1/8/18, 6:14 PM`).
    fn date(&self, column: usize, cell: &str, header: &str) -> Result<NaiveDate, String> {
        let linkedin = self.format == Format::Linkedin;
        let order = self
            .orders
            .get(column)
            .copied()
            .flatten()
            .or(linkedin.then_some(Order::MonthFirst));
        parse_loose_date(cell, order, linkedin).map_err(|why| {
            format!("`{cell}` in {header} is not a date{why}; write it as YYYY-MM-DD")
        })
    }

    /// A cell that is not what its key takes, in a row that is otherwise good: the person
    /// comes in, the value waits in the body to be fixed, and a warning says so.
    fn kept_aside(
        &mut self,
        row: &mut Row,
        column: usize,
        header: &str,
        cell: &str,
        what: &str,
        key: &str,
    ) {
        row.keep(column, header, cell);
        self.log.warn(
            row.line,
            format!("`{cell}` in {header} is not {what}: left out of `{key}`, kept in the body"),
        );
    }

    /// A follow-up cell that says yes or no: a no sets nothing (the agenda will ask for the
    /// follow-up); a yes says one was sent but not when, so it is counted on the outreach
    /// date, the one date it cannot be before, and the import says so.
    fn followed_up(&mut self, row: &mut Row, column: usize, header: &str, text: &str) {
        if says_more(text) {
            row.keep(column, header, text);
        }
        if yes_no(text) != Some(true) || !row.dates("followed_up").is_empty() {
            return;
        }
        if let Some(day) = row.date("reached_out") {
            row.values.insert("followed_up", Value::Dates(vec![day]));
            self.log.note(
                row.line,
                format!(
                    "{header} is `{text}`: followed_up set to the reach-out date, {day} \
                     (the follow-up's own date is unknown)"
                ),
            );
        } else {
            row.keep(column, header, text);
            self.log.note(
                row.line,
                format!(
                    "{header} is `{text}` but the row has no outreach date: `followed_up` left \
                     out, the answer kept in the body"
                ),
            );
        }
    }
}

/// Web addresses: a LinkedIn or GitHub profile to its key, the first other address to
/// `website`, what is left (or no address at all) to the body.
fn urls(row: &mut Row, column: usize, header: &str, cell: &str) {
    for url in cell.split_whitespace() {
        let full = with_scheme(url);
        let host = full
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split(['/', '?', '#']).next())
            .unwrap_or("")
            .to_lowercase();
        let key = if host == "linkedin.com" || host.ends_with(".linkedin.com") {
            "linkedin"
        } else if host == "github.com" || host == "www.github.com" {
            "github"
        } else {
            "website"
        };
        let ok = if key == "website" {
            is_url(&full)
        } else {
            is_profile(&full)
        };
        if ok && !row.values.contains_key(key) {
            row.values.insert(key, Value::Text(full));
        } else {
            row.keep(column, header, url);
        }
    }
}

/// The allowed word `cell` names, compared as the notebook compares them.
fn choice(names: &'static [&'static str], cell: &str) -> Option<Value> {
    let cell = cell.trim();
    names
        .iter()
        .find(|n| n.eq_ignore_ascii_case(cell))
        .map(|n| Value::Word((*n).to_owned()))
}

/// Keeps the first value of a field that several columns give.
fn first_of(slot: &mut Option<String>, cell: &str) {
    slot.get_or_insert_with(|| one_line(cell));
}
