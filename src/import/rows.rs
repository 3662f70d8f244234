//! Reading one row: each cell parsed as its key wants (loose dates, yes/no words, profiles),
//! what no key takes kept for the body.

use chrono::NaiveDate;

use std::collections::BTreeMap;

use super::columns::{self, Column};
use super::formats::Format;
use super::guess::{self, Order};
use super::naming;
use super::planner::Planner;
use crate::model::decode::{is_email, is_profile, is_url, normalize_profile};
use crate::model::fields::Type;
use crate::model::time::{Duration, parse_date};

/// Why a row without a name is bad (LinkedIn's are counted instead).
pub(super) const NO_NAME: &str = "no name";

/// What spreadsheets write in a cell that has nothing to say.
const NOTHING: &[&str] = &["-", "—", "–", "n/a", "na", "none", "null", "?", "tbd"];

/// A cell without its padding and without the `'` that `ties export csv` puts before a cell
/// a spreadsheet would run as a formula (so an export imports back exactly); spreadsheet
/// placeholders for "nothing" count as empty.
pub(super) fn clean(cell: &str) -> &str {
    let cell = crate::spreadsheet::unguard(cell.trim()).trim();
    if NOTHING.iter().any(|n| n.eq_ignore_ascii_case(cell)) {
        ""
    } else {
        cell
    }
}

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

impl Planner<'_> {
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
                let conventions = &self.index().settings.conventions;
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
            Column::Url => {
                urls(row, i, header, cell);
                return Ok(());
            }
            Column::Labels => {
                let labels = super::google::labels(cell);
                match row.values.entry("tags").or_insert(Value::List(Vec::new())) {
                    Value::List(list) => list.extend(labels),
                    _ => unreachable!("a list key holds a list"),
                }
                return Ok(());
            }
            // No company file for "Self-employed": what they said stays in the body.
            Column::Key("company")
                if self.format != Format::ContactsExport
                    && guess::is_placeholder(cell, &self.placeholders) =>
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
            self.note(
                row.line,
                format!("{header} is `{text}`: replied set to the {what} date, {day}"),
            );
        } else {
            self.note(
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

impl Planner<'_> {
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
        self.warn(
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
            self.note(
                row.line,
                format!(
                    "{header} is `{text}`: followed_up set to the reach-out date, {day} \
                     (the follow-up's own date is unknown)"
                ),
            );
        } else {
            row.keep(column, header, text);
            self.note(
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

/// `Some(true)` for a yes (`yes`, `y`, `true`, `replied`, `x`, a tick…), `Some(false)` for a
/// no (`no`, `n`, `false`, `pending`, `waiting`, `not`…), by the cell's first word.
fn yes_no(text: &str) -> Option<bool> {
    let text = text.trim();
    if ["✓", "✔", "✅"].contains(&text) {
        return Some(true);
    }
    let lower = text.to_lowercase();
    let word = lower
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let yes = [
        "yes",
        "y",
        "true",
        "replied",
        "responded",
        "x",
        "done",
        "sent",
    ];
    let no = ["no", "n", "false", "pending", "waiting", "not"];
    if yes.contains(&word) {
        Some(true)
    } else if no.contains(&word) {
        Some(false)
    } else {
        None
    }
}

/// A yes or no with more to say ("Yes, set up a call").
fn says_more(text: &str) -> bool {
    let text = text.trim();
    let first = text
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    !["✓", "✔", "✅"].contains(&text) && first.len() != text.len()
}

/// A birthday as `MM-DD` or `YYYY-MM-DD`: vCard's forms (`--0415`, `19850415`), a date in
/// any form a date cell takes, or `MM-DD` itself.
fn birthday(cell: &str) -> Option<String> {
    let vcard = super::vcard::birthday(cell, None);
    let valid_md = |s: &str| {
        s.len() == 5
            && s.as_bytes()[2] == b'-'
            && NaiveDate::parse_from_str(&format!("2000-{s}"), "%Y-%m-%d").is_ok()
    };
    if valid_md(&vcard) || parse_date(&vcard).is_some() {
        return Some(vcard);
    }
    parse_loose_date(cell, None, false)
        .ok()
        .map(|d| d.to_string())
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

/// Newlines and tabs in a one-line value become spaces.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A profile cell: a handle or an address on `site` (given a scheme if it lacks one).
fn profile(cell: &str, header: &str, site: &str) -> Result<String, String> {
    let value = if cell.starts_with(site) {
        format!("https://{cell}")
    } else {
        normalize_profile(cell)
    };
    if !is_profile(&value) {
        return Err(format!(
            "`{cell}` in {header} is not a handle or a web address"
        ));
    }
    Ok(value)
}

fn with_scheme(cell: &str) -> String {
    if cell.contains("://") {
        cell.to_owned()
    } else {
        format!("https://{cell}")
    }
}

/// The date in `text`, or why not (`""` when it is simply not a date): `2024-11-12`,
/// `2024/11/12`, `12 Nov 2024`, `Nov 12, 2024`, `12.11.2024`, `23-Apr-23` (Excel), or
/// `11/12/2024` when the day is unmistakable (over 12) or `order` settles it.
/// `two_digit_years` (LinkedIn's `1/8/18, 6:14 PM`) reads `18` as 2018.
fn parse_loose_date(
    text: &str,
    order: Option<Order>,
    two_digit_years: bool,
) -> Result<NaiveDate, &'static str> {
    let text = text.trim();
    // `1/8/18, 6:14 PM`: the day, without the time.
    let text = match text.split_once(',') {
        Some((day, _)) if guess::slash_pair(day).is_some() => day.trim(),
        _ => text,
    };
    // A date-time: its day.
    let day = text
        .get(..10)
        .filter(|_| text.len() > 10 && text[10..].starts_with([' ', 'T']));
    if let Some(d) = parse_date(text).or_else(|| day.and_then(parse_date)) {
        return Ok(d);
    }
    let words = text.replace(',', " ");
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let formats = [
        "%Y/%m/%d", "%Y.%m.%d", "%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%d.%m.%Y",
    ];
    let four_digit_year = text
        .get(..4)
        .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()));
    for format in formats {
        // chrono's `%Y` takes `1` as a year: `1/8/18` is no `%Y/%m/%d`.
        if format.starts_with("%Y") && !four_digit_year {
            continue;
        }
        if let Ok(d) = NaiveDate::parse_from_str(&words, format) {
            return Ok(d);
        }
    }
    // Excel's `23-Apr-23`: the month is a word, so only the century is guessed (2000s).
    if let [day, month, year] = text.split('-').collect::<Vec<_>>().as_slice()
        && matches!(year.len(), 2 | 4)
        && month.chars().all(|c| c.is_ascii_alphabetic())
        && let Ok(year) = year.parse::<i32>()
    {
        let year = if year < 100 { 2000 + year } else { year };
        if let Ok(d) = NaiveDate::parse_from_str(&format!("{day}-{month}-{year}"), "%d-%b-%Y") {
            return Ok(d);
        }
    }
    let parts: Vec<&str> = text.split('/').collect();
    if let [a, b, y] = parts.as_slice() {
        let (Ok(a), Ok(b), Ok(mut y)) = (a.parse::<u32>(), b.parse::<u32>(), y.parse::<i32>())
        else {
            return Err("");
        };
        if y < 100 && two_digit_years {
            y += 2000;
        }
        if y < 1000 {
            return Err(" (give the year in four digits)");
        }
        let (month, day) = match (a > 12, b > 12, order) {
            (true, false, _) | (false, false, Some(Order::DayFirst)) => (b, a),
            (false, true, _) | (false, false, Some(Order::MonthFirst)) => (a, b),
            (false, false, None) if a == b => (a, b),
            (false, false, None) => {
                return Err(" (day and month could be either way round)");
            }
            (true, true, _) => return Err(""),
        };
        return NaiveDate::from_ymd_opt(y, month, day).ok_or("");
    }
    Err("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_dates() {
        let parse_loose_date = |t| super::parse_loose_date(t, None, false);
        let d = |y, m, day| Ok(NaiveDate::from_ymd_opt(y, m, day).unwrap());
        assert_eq!(parse_loose_date("2024-11-12"), d(2024, 11, 12));
        assert_eq!(parse_loose_date("2024-11-12 10:30"), d(2024, 11, 12));
        assert_eq!(parse_loose_date("12 Nov 2024"), d(2024, 11, 12));
        assert_eq!(parse_loose_date("12 November 2024"), d(2024, 11, 12));
        assert_eq!(parse_loose_date("Nov 12, 2024"), d(2024, 11, 12));
        assert_eq!(parse_loose_date("2024/11/12"), d(2024, 11, 12));
        assert_eq!(parse_loose_date("12.11.2024"), d(2024, 11, 12));
        assert_eq!(parse_loose_date("11/13/2024"), d(2024, 11, 13));
        assert_eq!(parse_loose_date("13/11/2024"), d(2024, 11, 13));
        assert!(
            parse_loose_date("11/12/2024")
                .unwrap_err()
                .contains("either way")
        );
        assert!(parse_loose_date("31 Feb 2024").is_err());
        assert!(parse_loose_date("next week").is_err());
        assert_eq!(parse_loose_date("23-Apr-23"), d(2023, 4, 23));
        assert!(parse_loose_date("1/8/18").is_err());
    }

    #[test]
    fn a_settled_order_and_linkedin_dates() {
        let d = |y, m, day| Ok(NaiveDate::from_ymd_opt(y, m, day).unwrap());
        assert_eq!(
            parse_loose_date("11/3/2026", Some(Order::MonthFirst), false),
            d(2026, 11, 3)
        );
        assert_eq!(
            parse_loose_date("11/3/2026", Some(Order::DayFirst), false),
            d(2026, 3, 11)
        );
        // An unmistakable day wins over the order.
        assert_eq!(
            parse_loose_date("11/20/2026", Some(Order::DayFirst), false),
            d(2026, 11, 20)
        );
        assert_eq!(
            parse_loose_date("1/8/18, 6:14 PM", Some(Order::MonthFirst), true),
            d(2018, 1, 8)
        );
    }

    #[test]
    fn yes_no_words_and_birthdays() {
        assert_eq!(yes_no("Yes"), Some(true));
        assert_eq!(yes_no("✅"), Some(true));
        assert_eq!(yes_no("No"), Some(false));
        assert_eq!(yes_no("maybe"), None);
        assert!(says_more("Yes, set up a call"));
        assert!(!says_more("yes"));
        assert_eq!(birthday("--0415").as_deref(), Some("04-15"));
        assert_eq!(birthday("04-15").as_deref(), Some("04-15"));
        assert_eq!(birthday("1985-04-15").as_deref(), Some("1985-04-15"));
        assert_eq!(birthday("April 15, 1985").as_deref(), Some("1985-04-15"));
        assert_eq!(birthday("02-30"), None);
        assert_eq!(birthday("soon"), None);
    }
}
