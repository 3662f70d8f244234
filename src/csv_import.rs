//! From a spreadsheet to contact and company files: the plan behind `ties import csv` and
//! `ties import linkedin`. Columns are matched by header (case, spaces and punctuation
//! ignored, with the synonyms trackers use), each row is checked on its own, people already
//! in the notebook are recognised (same id, LinkedIn profile or email), and every planned file
//! is checked together with the notebook before anything is written: a row whose file would
//! not pass `ties check` is reported with its line number and left out, so an import never
//! makes a notebook dirty. Nothing here touches the file system; the command writes the plan.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;

use crate::document::Document;
use crate::draft::{self, Draft};
use crate::error::Error;
use crate::index::Index;
use crate::lookup;
use crate::model::Kind;
use crate::model::contact::{ContactStatus, Role, Tie, Warmth};
use crate::model::decode::{Choice, is_email, is_profile, is_url, normalize_profile};
use crate::model::id::{Id, is_slug};
use crate::model::time::{Duration, parse_date};
use crate::slug;

/// Which export the file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// Any spreadsheet with a header row.
    Csv,
    /// LinkedIn's `Connections.csv`: preamble lines, then a fixed header.
    Linkedin,
}

/// What an import would do.
#[derive(Debug, Default)]
pub struct Plan {
    /// Companies first, then contacts in row order; paths relative to the notebook root.
    pub files: Vec<NewFile>,
    /// Bad rows and notes, in line order.
    pub messages: Vec<Message>,
    pub contacts: usize,
    pub companies: usize,
    /// Rows whose person already has a file.
    pub present: usize,
    pub bad: usize,
    /// Headers of columns no field matched: their values go into the bodies.
    pub unknown_columns: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    pub path: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// 1-based line of the file where the row starts.
    pub line: u64,
    /// `true`: the row was skipped; `false`: a note on a row that was imported.
    pub bad: bool,
    pub text: String,
}

/// A contact key, or what a column can mean besides one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Field {
    Id,
    Name,
    FirstName,
    LastName,
    Company,
    Title,
    Role,
    Warmth,
    Tie,
    Source,
    IntroducedBy,
    Email,
    Linkedin,
    Github,
    Slack,
    Twitter,
    Phone,
    Website,
    Location,
    Timezone,
    Tags,
    ReachedOut,
    FollowedUp,
    Replied,
    Next,
    StayInTouch,
    Snooze,
    Status,
    Notes,
    ConnectedOn,
    Skip,
}

/// Each field, the key `--map` names it by, and the headers (normalised) that mean it.
const FIELDS: &[(Field, &str, &[&str])] = &[
    (Field::Id, "id", &["id"]),
    (
        Field::Name,
        "name",
        &["name", "fullname", "contactname", "contact", "person"],
    ),
    (
        Field::FirstName,
        "first_name",
        &["firstname", "givenname", "first"],
    ),
    (
        Field::LastName,
        "last_name",
        &["lastname", "surname", "familyname", "last"],
    ),
    (
        Field::Company,
        "company",
        &[
            "company",
            "companyname",
            "organization",
            "organisation",
            "org",
            "employer",
        ],
    ),
    (
        Field::Title,
        "title",
        &["title", "jobtitle", "position", "headline"],
    ),
    (Field::Role, "role", &["role"]),
    (
        Field::Warmth,
        "warmth",
        &["warmth", "warmcold", "warmorcold"],
    ),
    (Field::Tie, "tie", &["tie", "tiestrength"]),
    (
        Field::Source,
        "source",
        &[
            "source",
            "howwemet",
            "howimet",
            "metat",
            "foundvia",
            "foundthrough",
        ],
    ),
    (
        Field::IntroducedBy,
        "introduced_by",
        &["introducedby", "referredby"],
    ),
    (Field::Email, "email", &["email", "emailaddress", "mail"]),
    (
        Field::Linkedin,
        "linkedin",
        &["linkedin", "linkedinurl", "linkedinprofile"],
    ),
    (Field::Github, "github", &["github", "githuburl"]),
    (Field::Slack, "slack", &["slack"]),
    (Field::Twitter, "twitter", &["twitter"]),
    (
        Field::Phone,
        "phone",
        &["phone", "phonenumber", "mobile", "telephone"],
    ),
    (
        Field::Website,
        "website",
        &["website", "homepage", "portfolio"],
    ),
    (Field::Location, "location", &["location", "city"]),
    (Field::Timezone, "timezone", &["timezone"]),
    (Field::Tags, "tags", &["tags", "tag", "labels"]),
    (
        Field::ReachedOut,
        "reached_out",
        &[
            "reachedout",
            "datereachedout",
            "reachedouton",
            "outreach",
            "outreachdate",
            "dateofoutreach",
            "contacted",
            "datecontacted",
            "firstcontact",
        ],
    ),
    (
        Field::FollowedUp,
        "followed_up",
        &[
            "followedup",
            "followup",
            "followupdate",
            "followupdates",
            "datefollowedup",
            "followedupon",
        ],
    ),
    (
        Field::Replied,
        "replied",
        &[
            "replied",
            "response",
            "responded",
            "reply",
            "repliedon",
            "responsedate",
            "replydate",
        ],
    ),
    (
        Field::Next,
        "next",
        &["next", "nextstep", "nextsteps", "nextaction"],
    ),
    (Field::StayInTouch, "stay_in_touch", &["stayintouch"]),
    (Field::Snooze, "snooze", &["snooze", "snoozeuntil"]),
    (Field::Status, "status", &["status"]),
    (
        Field::Notes,
        "notes",
        &[
            "notes",
            "note",
            "comments",
            "comment",
            "details",
            "description",
            "body",
        ],
    ),
    (Field::ConnectedOn, "connected_on", &["connectedon"]),
];

/// The keys `--map` accepts, for help texts.
pub fn map_keys() -> Vec<&'static str> {
    FIELDS.iter().map(|(_, key, _)| *key).chain(["-"]).collect()
}

/// Reads `text` (the file at `path`, for messages) and plans the files to create in the
/// notebook `index`. `map` pairs a column header with a key (or `-` to drop the column).
pub fn plan(
    path: &Path,
    text: &str,
    source: Source,
    map: &[(String, String)],
    index: &Index,
) -> Result<Plan, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (start, skipped_lines) = match source {
        Source::Csv => (0, 0),
        Source::Linkedin => {
            crate::linkedin::header_start(text).ok_or_else(|| Error::NotLinkedin {
                path: path.to_owned(),
            })?
        }
    };
    let table = &text[start..];
    let first_line = table.lines().next().unwrap_or("");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(first_line))
        .from_reader(table.as_bytes());
    let csv_error = |source| Error::Csv {
        path: path.to_owned(),
        source,
    };
    let mut records = reader.records();
    let header = match records.next() {
        Some(record) => record.map_err(csv_error)?,
        None => csv::StringRecord::new(),
    };
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
    if let Some(kind) = export_of(&headers) {
        return Err(Error::ForeignExport {
            path: path.to_owned(),
            kind: kind.folder(),
        });
    }
    let columns = columns(&headers, source, map)?;
    if !columns
        .iter()
        .any(|c| matches!(c, Some(Field::Name | Field::FirstName | Field::LastName)))
    {
        return Err(Error::NoNameColumn {
            path: path.to_owned(),
            columns: if headers.is_empty() {
                "no header at all".to_owned()
            } else {
                headers.join(", ")
            },
        });
    }
    let mut planner = Planner::new(index, &headers, &columns);
    for record in records {
        let record = record.map_err(csv_error)?;
        let line = skipped_lines + record.position().map_or(0, csv::Position::line);
        let cells: Vec<&str> = record.iter().map(clean).collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        planner.row(line, &cells);
    }
    Ok(planner.finish())
}

/// The kind whose `ties export csv` header this is, for kinds other than contacts.
fn export_of(headers: &[String]) -> Option<Kind> {
    use crate::model::{Chat, Company, Event};
    [
        (Kind::Company, Company::KEYS),
        (Kind::Chat, Chat::KEYS),
        (Kind::Event, Event::KEYS),
    ]
    .into_iter()
    .find(|(_, keys)| {
        let expected = std::iter::once("id")
            .chain(keys.iter().copied())
            .chain(std::iter::once("notes"));
        headers.iter().map(String::as_str).eq(expected)
    })
    .map(|(kind, _)| kind)
}

/// Comma, unless the header line clearly uses semicolons (spreadsheets in locales with a
/// decimal comma) or tabs.
fn delimiter(header_line: &str) -> u8 {
    let count = |c| header_line.matches(c).count();
    let (commas, semicolons, tabs) = (count(','), count(';'), count('\t'));
    if tabs > commas && tabs > semicolons {
        b'\t'
    } else if semicolons > commas {
        b';'
    } else {
        b','
    }
}

/// `Date reached out` → `datereachedout`.
fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn field_of(header: &str, source: Source) -> Option<Field> {
    let norm = normalise(header);
    let find = |name: &str| {
        if source == Source::Linkedin && name == "url" {
            return Some(Field::Linkedin);
        }
        FIELDS
            .iter()
            .find(|(_, _, synonyms)| synonyms.contains(&name))
            .map(|(field, _, _)| *field)
    };
    // `Follow-up 2` is a follow-up too.
    find(&norm).or_else(|| find(norm.trim_end_matches(|c: char| c.is_ascii_digit())))
}

fn columns(
    headers: &[String],
    source: Source,
    map: &[(String, String)],
) -> Result<Vec<Option<Field>>, Error> {
    let mut columns: Vec<Option<Field>> = headers.iter().map(|h| field_of(h, source)).collect();
    for (column, key) in map {
        let spec = format!("{column}={key}");
        let field = if key.trim() == "-" {
            Field::Skip
        } else {
            let wanted = normalise(key);
            FIELDS
                .iter()
                .find(|(_, k, _)| normalise(k) == wanted)
                .map(|(f, _, _)| *f)
                .ok_or_else(|| Error::BadMap {
                    spec: spec.clone(),
                    reason: format!(
                        "`{key}` is not a key{}; use one of: {}",
                        crate::suggest::hint(key, map_keys()),
                        map_keys().join(", ")
                    ),
                })?
        };
        let wanted = normalise(column);
        let mut found = false;
        for (header, slot) in headers.iter().zip(&mut columns) {
            if normalise(header) == wanted {
                *slot = Some(field);
                found = true;
            }
        }
        if !found {
            return Err(Error::BadMap {
                spec,
                reason: format!(
                    "there is no column `{column}`{}; the columns are: {}",
                    crate::suggest::hint(column, headers.iter().map(String::as_str)),
                    headers.join(", ")
                ),
            });
        }
    }
    Ok(columns)
}

/// What spreadsheets write in a cell that has nothing to say.
const NOTHING: &[&str] = &["-", "—", "–", "n/a", "na", "none", "null", "?", "tbd"];

/// A cell without its padding; spreadsheet placeholders for "nothing" count as empty.
fn clean(cell: &str) -> &str {
    let cell = cell.trim();
    if NOTHING.iter().any(|n| n.eq_ignore_ascii_case(cell)) {
        ""
    } else {
        cell
    }
}

/// One row, read and checked.
#[derive(Clone, Debug, Default)]
struct Row {
    line: u64,
    name: String,
    id: String,
    company: Option<String>,
    title: Option<String>,
    role: Option<Role>,
    warmth: Option<Warmth>,
    tie: Option<Tie>,
    source: Option<String>,
    introduced_by: Option<String>,
    email: Option<String>,
    linkedin: Option<String>,
    github: Option<String>,
    slack: Option<String>,
    twitter: Option<String>,
    phone: Option<String>,
    website: Option<String>,
    location: Option<String>,
    timezone: Option<String>,
    tags: Vec<String>,
    reached_out: Option<NaiveDate>,
    followed_up: Vec<NaiveDate>,
    replied: Option<NaiveDate>,
    next: Option<String>,
    stay_in_touch: Option<Duration>,
    snooze: Option<NaiveDate>,
    status: Option<ContactStatus>,
    notes: Vec<String>,
    /// `- Column: value` lines for the body, with the column they come from, for their order.
    extras: Vec<(usize, String)>,
    /// Resolved in a later pass.
    company_id: Option<String>,
    introducer_id: Option<String>,
}

/// What tells two people with the same name apart: a LinkedIn profile, an email address.
#[derive(Clone, Debug, Default)]
struct Identity {
    profile: Option<String>,
    email: Option<String>,
}

impl Identity {
    fn of(linkedin: Option<&str>, email: Option<&str>) -> Self {
        Self {
            profile: linkedin.map(profile_key),
            email: email.map(str::to_lowercase),
        }
    }

    /// Shares a profile or an email: the same person.
    fn same(&self, other: &Self) -> bool {
        let shared = |a: &Option<String>, b: &Option<String>| a.is_some() && a == b;
        shared(&self.profile, &other.profile) || shared(&self.email, &other.email)
    }

    /// Has a different profile or email: another person, whatever the name.
    fn differs(&self, other: &Self) -> bool {
        let different =
            |a: &Option<String>, b: &Option<String>| a.is_some() && b.is_some() && a != b;
        different(&self.profile, &other.profile) || different(&self.email, &other.email)
    }
}

/// What a row's cells say that is settled only once the whole row is read.
#[derive(Default)]
struct Pending {
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

struct Planner<'a> {
    index: &'a Index,
    headers: &'a [String],
    columns: &'a [Option<Field>],
    rows: Vec<Row>,
    /// The identity of each of `rows`, and their ids.
    identities: Vec<Identity>,
    planned: HashSet<String>,
    /// The notebook's contacts: id and identity.
    existing: Vec<(String, Identity)>,
    messages: Vec<Message>,
    present: usize,
    /// Per column kept in the bodies: the lines whose value was not one of the allowed words.
    kept: BTreeMap<usize, Vec<u64>>,
}

impl<'a> Planner<'a> {
    fn new(index: &'a Index, headers: &'a [String], columns: &'a [Option<Field>]) -> Self {
        Self {
            index,
            headers,
            columns,
            rows: Vec::new(),
            identities: Vec::new(),
            planned: HashSet::new(),
            existing: index
                .contacts()
                .map(|(doc, c)| {
                    let who = Identity::of(c.linkedin.as_deref(), c.email.as_deref());
                    (doc.id.to_string(), who)
                })
                .collect(),
            messages: Vec::new(),
            present: 0,
            kept: BTreeMap::new(),
        }
    }

    fn bad(&mut self, line: u64, text: String) {
        self.messages.push(Message {
            line,
            bad: true,
            text,
        });
    }

    fn note(&mut self, line: u64, text: String) {
        self.messages.push(Message {
            line,
            bad: false,
            text,
        });
    }

    fn row(&mut self, line: u64, cells: &[&str]) {
        // Notes on a row that is then skipped would only distract.
        let before = self.messages.len();
        let mut row = match self.read(line, cells) {
            Ok(row) => row,
            Err(why) => {
                self.messages.truncate(before);
                return self.bad(line, why);
            }
        };
        match self.identify(&mut row) {
            Ok(true) => self.rows.push(row),
            Ok(false) => {
                self.messages.truncate(before);
                self.present += 1;
            }
            Err(why) => {
                self.messages.truncate(before);
                self.bad(line, why);
            }
        }
    }

    /// The row's values, each parsed and checked; `Err` names the first bad one.
    fn read(&mut self, line: u64, cells: &[&str]) -> Result<Row, String> {
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

    /// Whether the row is a new person (`Ok(true)`, its id then set), one the notebook
    /// already has (`Ok(false)`), or a duplicate of an earlier row (`Err`).
    fn identify(&mut self, row: &mut Row) -> Result<bool, String> {
        let index = self.index;
        let me = Identity::of(row.linkedin.as_deref(), row.email.as_deref());
        if !row.id.is_empty()
            && let Some(doc) = index.get(&row.id)
        {
            return if doc.kind == Kind::Contact {
                Ok(false)
            } else {
                Err(format!("id `{}` is taken by {}", row.id, doc.path))
            };
        }
        if self.existing.iter().any(|(_, them)| me.same(them)) {
            return Ok(false);
        }
        let base = slug::from_name(&row.name);
        if base.is_empty() && row.id.is_empty() {
            return Err(format!(
                "cannot make an id from the name `{}`; add an id column",
                row.name
            ));
        }
        // The file named after them is them, unless a profile or an email says otherwise.
        if row.id.is_empty()
            && let Some((_, them)) = self.existing.iter().find(|(id, _)| *id == base)
            && !me.differs(them)
        {
            return Ok(false);
        }
        let name = row.name.to_lowercase();
        for (earlier, them) in self.rows.iter().zip(&self.identities) {
            let same_id = !row.id.is_empty() && earlier.id == row.id;
            let same_name = earlier.name.to_lowercase() == name && !me.differs(them);
            if same_id || me.same(them) || same_name {
                return Err(format!(
                    "duplicate of line {}, {}",
                    earlier.line, earlier.name
                ));
            }
        }
        if row.id.is_empty() {
            let planned = &self.planned;
            row.id = slug::first_free(&base, |id| index.get(id).is_some() || planned.contains(id));
        }
        self.planned.insert(row.id.clone());
        self.identities.push(me);
        Ok(true)
    }

    /// Resolves references, renders the files, checks them with the notebook, and drops
    /// the rows whose file would not pass, until every planned file passes.
    fn finish(mut self) -> Plan {
        let mut rows = std::mem::take(&mut self.rows);
        let (files, companies) = loop {
            self.introducers(&mut rows);
            let (files, companies, owners) = self.render(&mut rows);
            let problems = self.check(&files, &owners);
            if problems.is_empty() {
                break (files, companies);
            }
            for (line, why) in problems {
                rows.retain(|r| r.line != line);
                self.bad(line, why);
            }
        };
        for (column, mut lines) in std::mem::take(&mut self.kept) {
            lines.retain(|line| rows.iter().any(|r| r.line == *line));
            if lines.is_empty() {
                continue;
            }
            let allowed = match self.columns[column] {
                Some(Field::Warmth) => Warmth::NAMES,
                Some(Field::Tie) => Tie::NAMES,
                _ => ContactStatus::NAMES,
            };
            let header = &self.headers[column];
            self.note(
                0,
                format!(
                    "{} value(s) in column `{header}` are none of {}: kept in the body",
                    lines.len(),
                    allowed.join(", ")
                ),
            );
        }
        let mut unknown: Vec<String> = Vec::new();
        for (i, header) in self.headers.iter().enumerate() {
            let name = if header.is_empty() {
                format!("column {}", i + 1)
            } else {
                header.clone()
            };
            if self.columns[i].is_none() && !unknown.contains(&name) {
                unknown.push(name);
            }
        }
        self.messages.sort_by_key(|m| m.line);
        Plan {
            bad: self.messages.iter().filter(|m| m.bad).count(),
            contacts: rows.len(),
            companies,
            present: self.present,
            files,
            messages: self.messages,
            unknown_columns: unknown,
        }
    }

    /// Resolves each `introduced_by` to a contact of the notebook or a planned row; rows
    /// whose introducer is unknown are dropped, which may orphan others, hence the loop.
    fn introducers(&mut self, rows: &mut Vec<Row>) {
        loop {
            let mut dropped = Vec::new();
            for i in 0..rows.len() {
                let Some(text) = rows[i].introduced_by.clone() else {
                    continue;
                };
                let found = lookup::find(self.index, Kind::Contact, &text)
                    .map(|d| d.id.to_string())
                    .or_else(|| {
                        // `[[jane-doe]]` names a row of this file as it names a file.
                        let id = Id::from_reference(&text);
                        let slug = slug::from_name(&text);
                        rows.iter()
                            .find(|r| {
                                r.id == id.as_str()
                                    || r.name.eq_ignore_ascii_case(text.trim())
                                    || r.id == slug
                            })
                            .map(|r| r.id.clone())
                    });
                match found {
                    Some(id) => rows[i].introducer_id = Some(id),
                    None => dropped.push((rows[i].line, text)),
                }
            }
            if dropped.is_empty() {
                return;
            }
            for (line, text) in dropped {
                rows.retain(|r| r.line != line);
                self.bad(
                    line,
                    format!(
                        "introduced by `{text}`, who is neither in the notebook nor in the file"
                    ),
                );
            }
        }
    }

    /// The files for `rows` (companies first) and how many are companies; `owners` maps
    /// each file to the rows that need it.
    fn render(&self, rows: &mut [Row]) -> (Vec<NewFile>, usize, HashMap<String, Vec<u64>>) {
        let mut companies: Vec<(String, String)> = Vec::new();
        let mut owners: HashMap<String, Vec<u64>> = HashMap::new();
        let taken = |id: &str, companies: &[(String, String)]| {
            self.index.get(id).is_some()
                || rows_taken(rows, id)
                || companies.iter().any(|(c, _)| c == id)
        };
        let mut company_ids = Vec::with_capacity(rows.len());
        for row in rows.iter() {
            let Some(name) = row.company.as_deref() else {
                company_ids.push(None);
                continue;
            };
            let id = if let Some(doc) = lookup::find(self.index, Kind::Company, name) {
                doc.id.to_string()
            } else if let Some((id, _)) = companies
                .iter()
                .find(|(id, n)| n.eq_ignore_ascii_case(name) || *id == slug::from_name(name))
            {
                id.clone()
            } else {
                let base = slug::from_name(name);
                let base = if base.is_empty() {
                    "company".to_owned()
                } else {
                    base
                };
                let id = slug::first_free(&base, |id| taken(id, &companies));
                companies.push((id.clone(), one_line(name)));
                id
            };
            owners
                .entry(format!("companies/{id}.md"))
                .or_default()
                .push(row.line);
            company_ids.push(Some(id));
        }
        for (row, id) in rows.iter_mut().zip(company_ids) {
            row.company_id = id;
        }
        let mut files: Vec<NewFile> = companies
            .iter()
            .map(|(id, name)| NewFile {
                path: format!("companies/{id}.md"),
                text: Draft::new().text("name", name).render(),
            })
            .collect();
        let count = files.len();
        for row in rows.iter() {
            let path = format!("contacts/{}.md", row.id);
            owners.entry(path.clone()).or_default().push(row.line);
            files.push(NewFile {
                path,
                text: contact_file(row),
            });
        }
        (files, count, owners)
    }

    /// Checks the planned files together with the notebook; the lines of the rows whose
    /// files have problems, with the first problem.
    fn check(&self, files: &[NewFile], owners: &HashMap<String, Vec<u64>>) -> Vec<(u64, String)> {
        let index = self.index;
        let mut docs = index.docs.clone();
        docs.extend(
            files
                .iter()
                .map(|f| Document::parse(f.path.clone(), Ok(f.text.clone().into_bytes()))),
        );
        let combined = Index::new(
            index.root.clone(),
            index.today,
            (
                index.settings.clone(),
                index.settings_text.clone(),
                Vec::new(),
            ),
            docs,
            Vec::new(),
        );
        let mut problems: Vec<(u64, String)> = Vec::new();
        for d in crate::check::diagnostics(&combined) {
            for line in owners.get(&d.path).into_iter().flatten() {
                if !problems.iter().any(|(l, _)| l == line) {
                    problems.push((
                        *line,
                        format!(
                            "its file {} would not pass `ties check`: {}[{}]: {}",
                            d.path,
                            d.severity().as_str(),
                            d.code.as_str(),
                            d.message
                        ),
                    ));
                }
            }
        }
        problems
    }
}

fn rows_taken(rows: &[Row], id: &str) -> bool {
    rows.iter().any(|r| r.id == id)
}

/// The contact file of a row: the keys in the spec's order, then notes and extra columns.
fn contact_file(row: &Row) -> String {
    let mut d = Draft::new();
    d.text("name", &row.name);
    if let Some(id) = &row.company_id {
        d.word("company", &draft::id(id));
    }
    let text = |d: &mut Draft, key: &str, v: &Option<String>| {
        if let Some(v) = v {
            d.text(key, v);
        }
    };
    text(&mut d, "title", &row.title);
    if let Some(role) = row.role {
        d.word("role", role.as_str());
    }
    if let Some(warmth) = row.warmth {
        d.word("warmth", warmth.as_str());
    }
    if let Some(tie) = row.tie {
        d.word("tie", tie.as_str());
    }
    text(&mut d, "source", &row.source);
    if let Some(id) = &row.introducer_id {
        d.word("introduced_by", &draft::id(id));
    }
    for (key, value) in [
        ("email", &row.email),
        ("linkedin", &row.linkedin),
        ("github", &row.github),
        ("slack", &row.slack),
        ("twitter", &row.twitter),
        ("phone", &row.phone),
        ("website", &row.website),
        ("location", &row.location),
        ("timezone", &row.timezone),
    ] {
        text(&mut d, key, value);
    }
    if !row.tags.is_empty() {
        d.list("tags", &row.tags);
    }
    if let Some(day) = row.reached_out {
        d.word("reached_out", &day.to_string());
    }
    match row.followed_up.as_slice() {
        [] => {}
        [one] => {
            d.word("followed_up", &one.to_string());
        }
        many => {
            let days: Vec<String> = many.iter().map(NaiveDate::to_string).collect();
            d.word("followed_up", &format!("[{}]", days.join(", ")));
        }
    }
    if let Some(day) = row.replied {
        d.word("replied", &day.to_string());
    }
    text(&mut d, "next", &row.next);
    if let Some(every) = row.stay_in_touch {
        d.word("stay_in_touch", &every.to_string());
    }
    if let Some(day) = row.snooze {
        d.word("snooze", &day.to_string());
    }
    if let Some(status) = row.status {
        d.word("status", status.as_str());
    }
    let mut body: Vec<String> = row.notes.iter().map(|n| n.trim().to_owned()).collect();
    if !row.extras.is_empty() {
        let lines: Vec<&str> = row.extras.iter().map(|(_, line)| line.as_str()).collect();
        body.push(lines.join("\n"));
    }
    d.body(&body.join("\n\n"));
    d.render()
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
fn one_line(text: &str) -> String {
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

/// A LinkedIn profile as a comparable key: `https://www.linkedin.com/in/Jane-Doe/`,
/// `de.linkedin.com/in/jane-doe` and the bare handle `jane-doe` are the same person.
pub fn profile_key(url: &str) -> String {
    let lower = url.trim().to_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .unwrap_or(&lower);
    let rest = rest
        .split(['?', '#'])
        .next()
        .unwrap_or(rest)
        .trim_end_matches('/');
    match rest.split_once('/') {
        Some((host, path)) if host.ends_with("linkedin.com") => format!("linkedin.com/{path}"),
        None if !rest.contains('.') => format!("linkedin.com/in/{}", rest.trim_start_matches('@')),
        _ => rest.to_owned(),
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
    fn headers_match_loosely() {
        assert_eq!(
            field_of("Date reached out", Source::Csv),
            Some(Field::ReachedOut)
        );
        assert_eq!(
            field_of("Follow-up date", Source::Csv),
            Some(Field::FollowedUp)
        );
        assert_eq!(
            field_of("Follow up 2", Source::Csv),
            Some(Field::FollowedUp)
        );
        assert_eq!(field_of("FULL NAME", Source::Csv), Some(Field::Name));
        assert_eq!(field_of("Organization", Source::Csv), Some(Field::Company));
        assert_eq!(field_of("Response", Source::Csv), Some(Field::Replied));
        assert_eq!(field_of("URL", Source::Csv), None);
        assert_eq!(field_of("URL", Source::Linkedin), Some(Field::Linkedin));
        assert_eq!(field_of("How we're connected", Source::Csv), None);
    }

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

    #[test]
    fn profiles_compare_by_their_path() {
        assert_eq!(
            profile_key("https://www.linkedin.com/in/Jane-Doe/?trk=x"),
            profile_key("linkedin.com/in/jane-doe")
        );
        assert_eq!(
            profile_key("https://de.linkedin.com/in/jane"),
            "linkedin.com/in/jane"
        );
    }

    #[test]
    fn delimiters_are_sniffed() {
        assert_eq!(delimiter("Name,Company"), b',');
        assert_eq!(delimiter("Name;Company;Notes, more"), b';');
        assert_eq!(delimiter("Name\tCompany"), b'\t');
    }
}
