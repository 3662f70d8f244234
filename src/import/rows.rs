//! Reading one row: each cell parsed as its key wants (loose dates, yes/no words, profiles),
//! what no key takes kept for the body.

use chrono::NaiveDate;

use super::columns::Field;
use super::planner::Planner;
use crate::model::contact::{ContactStatus, Role, Tie, Warmth};
use crate::model::decode::{Choice, is_email, is_profile, is_url, normalize_profile};
use crate::model::id::is_slug;
use crate::model::time::{Duration, parse_date};

/// What spreadsheets write in a cell that has nothing to say.
const NOTHING: &[&str] = &["-", "—", "–", "n/a", "na", "none", "null", "?", "tbd"];

/// A cell without its padding; spreadsheet placeholders for "nothing" count as empty.
pub(super) fn clean(cell: &str) -> &str {
    let cell = cell.trim();
    if NOTHING.iter().any(|n| n.eq_ignore_ascii_case(cell)) {
        ""
    } else {
        cell
    }
}

/// One row, read and checked.
#[derive(Clone, Debug, Default)]
pub(super) struct Row {
    pub(super) line: u64,
    pub(super) name: String,
    pub(super) id: String,
    pub(super) company: Option<String>,
    pub(super) title: Option<String>,
    pub(super) role: Option<Role>,
    pub(super) warmth: Option<Warmth>,
    pub(super) tie: Option<Tie>,
    pub(super) source: Option<String>,
    pub(super) introduced_by: Option<String>,
    pub(super) email: Option<String>,
    pub(super) linkedin: Option<String>,
    pub(super) github: Option<String>,
    pub(super) slack: Option<String>,
    pub(super) twitter: Option<String>,
    pub(super) phone: Option<String>,
    pub(super) website: Option<String>,
    pub(super) location: Option<String>,
    pub(super) timezone: Option<String>,
    pub(super) tags: Vec<String>,
    pub(super) reached_out: Option<NaiveDate>,
    pub(super) followed_up: Vec<NaiveDate>,
    pub(super) replied: Option<NaiveDate>,
    pub(super) next: Option<String>,
    pub(super) stay_in_touch: Option<Duration>,
    pub(super) snooze: Option<NaiveDate>,
    pub(super) status: Option<ContactStatus>,
    pub(super) notes: Vec<String>,
    /// `- Column: value` lines for the body, with the column they come from, for their order.
    pub(super) extras: Vec<(usize, String)>,
    /// Resolved in a later pass.
    pub(super) company_id: Option<String>,
    pub(super) introducer_id: Option<String>,
}

/// What a row's cells say that is settled only once the whole row is read.
#[derive(Default)]
pub(super) struct Pending {
    first: Option<String>,
    last: Option<String>,
    /// `(column, header, text)` of Response / Replied cells.
    responses: Vec<(usize, String, String)>,
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
            let Some(field) = self.columns.get(i).copied().flatten() else {
                row.keep(i, &header, cell);
                continue;
            };
            self.cell(&mut row, &mut pending, field, i, &header, cell)?;
        }
        if row.name.is_empty() {
            let joined = [pending.first, pending.last]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            row.name = one_line(&joined);
        }
        if row.name.is_empty() {
            return Err("no name".to_owned());
        }
        if let Some((column, day)) = pending.connected {
            if row.source.is_none() {
                row.source = Some(format!("LinkedIn (connected {day})"));
            } else {
                row.keep(column, "Connected on LinkedIn", &day.to_string());
            }
        }
        row.followed_up.sort_unstable();
        row.followed_up.dedup();
        for (column, header, text) in pending.responses {
            self.response(&mut row, column, &header, &text);
        }
        row.extras.sort_by_key(|(column, _)| *column);
        if let Some(first) = row.reached_out {
            let early = row
                .followed_up
                .first()
                .map(|d| ("followed up", *d))
                .filter(|(_, d)| *d < first)
                .or_else(|| {
                    row.replied
                        .map(|d| ("replied", d))
                        .filter(|(_, d)| *d < first)
                });
            if let Some((what, day)) = early {
                return Err(format!("{what} on {day}, before reaching out on {first}"));
            }
        }
        Ok(row)
    }

    /// Reads one cell of `field` into the row (or into `pending`, for what needs the whole
    /// row first).
    fn cell(
        &mut self,
        row: &mut Row,
        pending: &mut Pending,
        field: Field,
        i: usize,
        header: &str,
        cell: &str,
    ) -> Result<(), String> {
        let text = cell.to_owned();
        match field {
            Field::Skip => {}
            Field::Id => {
                if !is_slug(cell) {
                    return Err(format!(
                        "id `{cell}` is not a slug (lowercase letters and digits joined by hyphens)"
                    ));
                }
                if row.id.is_empty() {
                    row.id = text;
                }
            }
            Field::Name => {
                if row.name.is_empty() {
                    row.name = one_line(cell);
                }
            }
            Field::FirstName => first_of(&mut pending.first, cell),
            Field::LastName => first_of(&mut pending.last, cell),
            Field::Company => first_of(&mut row.company, cell),
            Field::Title => first_of(&mut row.title, cell),
            Field::Role => match Role::parse(cell) {
                Some(role) => {
                    row.role.get_or_insert(role);
                }
                // Trackers often mean the job title by "Role".
                None if row.title.is_none() => row.title = Some(text),
                None => row.keep(i, header, cell),
            },
            Field::Warmth => row.warmth = self.choice(row, i, header, cell),
            Field::Tie => row.tie = self.choice(row, i, header, cell),
            Field::Status => row.status = self.choice(row, i, header, cell),
            Field::Source => first_of(&mut row.source, cell),
            Field::IntroducedBy => first_of(&mut row.introduced_by, cell),
            Field::Email
            | Field::Linkedin
            | Field::Github
            | Field::Twitter
            | Field::Slack
            | Field::Website => reach(row, field, header, cell)?,
            Field::Phone => first_of(&mut row.phone, cell),
            Field::Location => first_of(&mut row.location, cell),
            Field::Timezone => first_of(&mut row.timezone, cell),
            Field::Tags => row.tags.extend(
                cell.split([',', ';', '|'])
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned),
            ),
            Field::ReachedOut => {
                let date = date(cell, header)?;
                row.reached_out.get_or_insert(date);
            }
            Field::FollowedUp => {
                for part in cell.split([',', ';', '|', '\n']).map(str::trim) {
                    if !part.is_empty() {
                        row.followed_up.push(date(part, header)?);
                    }
                }
            }
            Field::Replied => pending.responses.push((i, header.to_owned(), text)),
            Field::Snooze => {
                let date = date(cell, header)?;
                row.snooze.get_or_insert(date);
            }
            Field::StayInTouch => {
                let d = Duration::parse(cell).ok_or_else(|| {
                    format!("`{cell}` in {header} is not a duration (such as 90d or 12w)")
                })?;
                row.stay_in_touch.get_or_insert(d);
            }
            Field::Next => {
                let (day, rest) = cell.split_once(char::is_whitespace).unwrap_or((cell, ""));
                match parse_date(day) {
                    Some(_) if row.next.is_none() => {
                        row.next = Some(
                            format!("{day} {}", one_line(rest.trim()))
                                .trim_end()
                                .to_owned(),
                        );
                    }
                    _ => row.keep(i, header, cell),
                }
            }
            Field::Notes => row.notes.push(cell.replace("\r\n", "\n")),
            Field::ConnectedOn => pending.connected = Some((i, date(cell, header)?)),
        }
        Ok(())
    }

    /// A Response / Replied cell: a date, or yes/no (a yes takes the latest outreach date,
    /// since `replied` is a date), or other text, which stays in the body.
    fn response(&mut self, row: &mut Row, column: usize, header: &str, text: &str) {
        if let Ok(day) = date(text, header) {
            row.replied.get_or_insert(day);
            return;
        }
        let lower = text.to_lowercase();
        let word = lower
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        let tick = ["✓", "✔", "✅"].contains(&text);
        let yes = tick || ["yes", "y", "true", "replied", "responded", "x"].contains(&word);
        let no = ["no", "n", "false", "pending", "waiting", "not"].contains(&word);
        // "Yes, set up a call" says more than yes: keep it.
        if !yes && !no || !tick && lower != word {
            row.keep(column, header, text);
        }
        if !yes || row.replied.is_some() {
            return;
        }
        let latest = row
            .followed_up
            .last()
            .map(|d| (*d, "last follow-up"))
            .or(row.reached_out.map(|d| (d, "reach-out")));
        if let Some((day, what)) = latest {
            row.replied = Some(day);
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

    /// An enumerated value; anything else is kept in the body (and counted for one note).
    fn choice<T: Choice>(
        &mut self,
        row: &mut Row,
        column: usize,
        header: &str,
        cell: &str,
    ) -> Option<T> {
        let value = T::parse(cell);
        if value.is_none() {
            row.keep(column, header, cell);
            self.kept.entry(column).or_default().push(row.line);
        }
        value
    }
}

/// An email address or a profile, checked as `ties check` would.
fn reach(row: &mut Row, field: Field, header: &str, cell: &str) -> Result<(), String> {
    match field {
        Field::Email => {
            let email = cell.strip_prefix("mailto:").unwrap_or(cell);
            if !is_email(email) {
                return Err(format!("`{cell}` in {header} is not an email address"));
            }
            row.email.get_or_insert(email.to_owned());
        }
        Field::Linkedin => {
            row.linkedin
                .get_or_insert(profile(cell, header, "linkedin.com")?);
        }
        Field::Github => {
            row.github
                .get_or_insert(profile(cell, header, "github.com")?);
        }
        Field::Twitter => {
            row.twitter.get_or_insert(profile(cell, header, "x.com")?);
        }
        Field::Slack => {
            row.slack.get_or_insert(profile(cell, header, "slack.com")?);
        }
        Field::Website => {
            let url = with_scheme(cell);
            if !is_url(&url) {
                return Err(format!("`{cell}` in {header} is not a web address"));
            }
            row.website.get_or_insert(url);
        }
        _ => {}
    }
    Ok(())
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

/// A date as spreadsheets write them: `2024-11-12`, `2024/11/12`, `12 Nov 2024`,
/// `Nov 12, 2024`, `12.11.2024`, or `11/12/2024` when the day is unmistakable (over 12).
fn date(cell: &str, header: &str) -> Result<NaiveDate, String> {
    parse_loose_date(cell)
        .map_err(|why| format!("`{cell}` in {header} is not a date{why}; write it as YYYY-MM-DD"))
}

/// The date in `text`, or why not (`""` when it is simply not a date).
pub fn parse_loose_date(text: &str) -> Result<NaiveDate, &'static str> {
    let text = text.trim();
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
    for format in formats {
        if let Ok(d) = NaiveDate::parse_from_str(&words, format) {
            return Ok(d);
        }
    }
    let parts: Vec<&str> = text.split('/').collect();
    if let [a, b, y] = parts.as_slice() {
        let (Ok(a), Ok(b), Ok(y)) = (a.parse::<u32>(), b.parse::<u32>(), y.parse::<i32>()) else {
            return Err("");
        };
        if y < 1000 {
            return Err(" (give the year in four digits)");
        }
        let (month, day) = match (a > 12, b > 12) {
            (true, false) => (b, a),
            (false, true) => (a, b),
            (false, false) if a == b => (a, b),
            (false, false) => return Err(" (day and month could be either way round)"),
            (true, true) => return Err(""),
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
    }
}
