//! A calendar (`.ics`: a whole calendar exported, or one invitation) as chats: each event
//! whose attendees (by email, then name) or title ("Coffee with Ana Ruiz") name known
//! contacts becomes a chat with them: its date and time (in this machine's time zone),
//! `duration` from `DTEND` or `DURATION`, `medium` from the conference link or the place,
//! the description without the conference boilerplate in the body, and `uid: ics:UID` (with
//! the `RECURRENCE-ID` of a meeting of a series: `recurrence` expands each series), so
//! importing again finds the chat: a moved meeting changes its `date` (and `duration`) as
//! one-line edits, a cancelled one sets `status: cancelled`. An event naming no one is listed, and imported with `--all` (its
//! attendees get files). The status is left to the clock: planned until the chat has ended,
//! then done. The file is parsed by `icalendar`'s parser; lines are unfolded first.

mod recurrence;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::str::FromStr as _;

use chrono::{Local, NaiveDate, NaiveDateTime, TimeZone as _};
use icalendar::parser::{Component, Property, read_calendar, unfold};

use super::edits;
use super::export;
use super::files::printable;
use super::history::{Scope, chats_by_uid};
use super::people::{Directory, Person};
use super::plan::{History, Log, Plan, Writable};
use crate::document::Document;
use crate::error::Error;
use crate::index::Index;
use crate::model::Record;
use crate::model::chat::ChatStatus;
use crate::model::time::{Duration, When};

/// One event of the calendar, as the chat needs it.
#[derive(Debug, Clone)]
struct Meeting {
    /// `ics:UID`, and `:RECURRENCE-ID` for one instance of a series.
    key: String,
    /// The line of its `BEGIN:VEVENT` (in the unfolded text: as an editor shows it when
    /// no line is folded).
    line: u64,
    start: Start,
    /// In minutes.
    minutes: Option<i64>,
    summary: String,
    description: String,
    medium: Option<&'static str>,
    /// Email and name of everyone invited but the owner, who has not declined.
    people: Vec<(Option<String>, Option<String>)>,
    cancelled: bool,
    sequence: u32,
    /// `ics:UID` of the series it belongs to: an occurrence, or an override of one.
    series: Option<String>,
    /// Made from its series' rule (not written in the file): an override replaces it.
    generated: bool,
    /// The key the first meeting of a series had before series were expanded (`ics:UID`),
    /// so a chat imported then is found again.
    legacy: Option<String>,
}

/// When an event starts: a local time, or a day (an all-day event).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    At(NaiveDateTime),
    Day(NaiveDate),
}

impl Start {
    fn day(self) -> NaiveDate {
        match self {
            Self::At(at) => at.date(),
            Self::Day(day) => day,
        }
    }

    /// As the notebook writes a date: `2026-11-24 10:30`, or `2026-11-24`.
    fn written(self) -> String {
        match self {
            Self::At(at) => at.format("%Y-%m-%d %H:%M").to_string(),
            Self::Day(day) => day.to_string(),
        }
    }
}

/// Plans the chats of the calendar `text` (the file at `path`, for messages). `all`
/// imports the events that name no one of the notebook too, creating their attendees.
pub(super) fn plan(
    path: &Path,
    text: &str,
    all: bool,
    index: &Index,
    writable: Writable<'_>,
) -> Result<Plan, Error> {
    let shown = path.display().to_string();
    let mut log = Log::default();
    let meetings = read(path, text, index, &mut log)?;
    let mut plan = Plan::default();
    let mut directory = Directory::new(index, &[]);
    {
        let mut scope = Scope::new(index, &mut directory, all, &shown, &mut plan, &mut log);
        plan_meetings(&meetings, &mut scope);
    }
    let mut logs = vec![(shown, log)];
    export::check(index, writable, &mut plan, &mut logs);
    export::gather(&mut plan, Log::default(), logs);
    Ok(plan)
}

/// The events of the calendar, one per key (the highest `SEQUENCE` of a key given twice).
fn read(path: &Path, text: &str, index: &Index, log: &mut Log) -> Result<Vec<Meeting>, Error> {
    if !text
        .trim_start()
        .to_ascii_uppercase()
        .starts_with("BEGIN:VCALENDAR")
    {
        return Err(Error::WrongFormat {
            path: path.to_owned(),
            what: "not an iCalendar file (no BEGIN:VCALENDAR line)",
            help: "export the calendar as .ics (Google Calendar: Settings, Import & export; \
                   Outlook: Save calendar), or give an invitation's invite.ics"
                .to_owned(),
        });
    }
    let unfolded = unfold(text);
    let calendar = read_calendar(&unfolded).map_err(|reason| Error::BadCalendar {
        path: path.to_owned(),
        reason: malformed(&reason),
    })?;
    // Counted in the file as given: a folded line is two lines in an editor.
    let lines = event_lines(text);
    // Whose calendar it is: Google names it by its owner's address.
    let own_email = calendar
        .properties
        .iter()
        .find(|p| p.name.as_str().eq_ignore_ascii_case("X-WR-CALNAME"))
        .map(|p| p.val.as_str().trim().to_lowercase())
        .filter(|v| v.contains('@'));
    let owner = index
        .settings
        .conventions
        .owner
        .as_deref()
        .map(|o| o.trim().to_lowercase());
    let is_owner = |email: &Option<String>, name: &Option<String>| {
        email
            .as_deref()
            .is_some_and(|e| Some(e.to_lowercase()) == own_email)
            || name
                .as_deref()
                .is_some_and(|n| Some(n.trim().to_lowercase()) == owner)
    };
    let mut by_key: BTreeMap<String, Meeting> = BTreeMap::new();
    let mut masters: HashMap<String, Meeting> = HashMap::new();
    let mut series = Series::default();
    let mut unknown_zones: Vec<String> = Vec::new();
    let events = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str().eq_ignore_ascii_case("VEVENT"));
    for (n, event) in events.enumerate() {
        let line = lines.get(n).copied().unwrap_or(0);
        let m = match meeting(event, line, &is_owner, &mut unknown_zones) {
            Ok(m) => m,
            Err(why) => {
                log.bad(line, why);
                continue;
            }
        };
        match prop(event, "RRULE").filter(|_| m.series.is_none()) {
            Some(rule) => {
                for o in series.expand(event, rule, &m, index.today(), log) {
                    keep(&mut by_key, o);
                }
                masters.insert(m.key.clone(), m);
            }
            None => keep(&mut by_key, m),
        }
    }
    series.say(index.today(), log);
    // A moved instance written with only what changed takes the rest from its series.
    for m in by_key.values_mut().filter(|m| !m.generated) {
        if let Some(master) = m.series.as_ref().and_then(|s| masters.get(s)) {
            m.inherit(master);
        }
    }
    if !unknown_zones.is_empty() {
        unknown_zones.sort();
        unknown_zones.dedup();
        log.warn(
            0,
            format!(
                "time zone(s) {} unknown: their times are taken as this machine's local time",
                unknown_zones.join(", ")
            ),
        );
    }
    let mut meetings: Vec<Meeting> = by_key.into_values().collect();
    meetings.sort_by_key(|m| (m.start.day(), m.line));
    Ok(meetings)
}

/// The parser's error in words: where (in the unfolded text) it stopped.
fn malformed(reason: &str) -> String {
    let line = reason
        .split("at line ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .filter(|n| !n.is_empty());
    match line {
        Some(n) => format!(
            "it is cut short or malformed from line {n} on (a BEGIN without its END, or a \
             line without `NAME:value`)"
        ),
        None => "it is cut short or malformed".to_owned(),
    }
}

/// The line of each `BEGIN:VEVENT`, in order.
fn event_lines(text: &str) -> Vec<u64> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim().eq_ignore_ascii_case("BEGIN:VEVENT"))
        .map(|(i, _)| i as u64 + 1)
        .collect()
}

fn prop<'a>(event: &'a Component<'_>, name: &str) -> Option<&'a Property<'a>> {
    event
        .properties
        .iter()
        .find(|p| p.name.as_str().eq_ignore_ascii_case(name))
}

fn param<'a>(p: &'a Property<'_>, key: &str) -> Option<&'a str> {
    p.params
        .iter()
        .find(|x| x.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|x| x.val.as_ref())
        .map(|v| v.as_str().trim_matches('"'))
}

/// A TEXT value with its escapes undone (`\,` `\;` `\n`).
fn text_of(p: &Property<'_>) -> String {
    let mut out = String::new();
    let mut chars = p.val.as_str().chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn meeting(
    event: &Component<'_>,
    line: u64,
    is_owner: &dyn Fn(&Option<String>, &Option<String>) -> bool,
    unknown_zones: &mut Vec<String>,
) -> Result<Meeting, String> {
    let start_prop = prop(event, "DTSTART").ok_or("an event without DTSTART")?;
    let start = when(start_prop, unknown_zones)?;
    let end = prop(event, "DTEND")
        .map(|p| when(p, unknown_zones))
        .transpose()?;
    let minutes = match (start, end) {
        (Start::At(s), Some(Start::At(e))) => Some((e - s).num_minutes()),
        _ => prop(event, "DURATION").and_then(|p| iso_minutes(p.val.as_str())),
    }
    .filter(|m| *m > 0);
    let uid = prop(event, "UID").map_or_else(
        || {
            format!(
                "{}:{}",
                start.written(),
                prop(event, "SUMMARY").map(text_of).unwrap_or_default()
            )
        },
        |p| p.val.as_str().trim().to_owned(),
    );
    let (key, series) = match prop(event, "RECURRENCE-ID") {
        Some(r) => (
            format!("ics:{uid}:{}", r.val.as_str().trim()),
            Some(format!("ics:{uid}")),
        ),
        None => (format!("ics:{uid}"), None),
    };
    let summary = prop(event, "SUMMARY").map(text_of).unwrap_or_default();
    let location = prop(event, "LOCATION").map(text_of).unwrap_or_default();
    let description = prop(event, "DESCRIPTION").map(text_of).unwrap_or_default();
    let conference = prop(event, "X-GOOGLE-CONFERENCE").map(|p| p.val.as_str().to_owned());
    let medium = medium(
        &[conference.as_deref().unwrap_or(""), &location, &description].join(" "),
        &location,
    );
    let mut people: Vec<(Option<String>, Option<String>)> = Vec::new();
    for p in event.properties.iter().filter(|p| {
        p.name.as_str().eq_ignore_ascii_case("ATTENDEE")
            || p.name.as_str().eq_ignore_ascii_case("ORGANIZER")
    }) {
        if param(p, "PARTSTAT").is_some_and(|s| s.eq_ignore_ascii_case("DECLINED"))
            || param(p, "CUTYPE").is_some_and(|c| !c.eq_ignore_ascii_case("INDIVIDUAL"))
        {
            continue;
        }
        let value = p.val.as_str().trim();
        let email = value
            .get(..7)
            .filter(|s| s.eq_ignore_ascii_case("mailto:"))
            .map(|_| value[7..].trim().to_lowercase())
            .filter(|e| e.contains('@'));
        let name = param(p, "CN")
            .map(str::trim)
            .filter(|n| !n.is_empty() && !n.contains('@'))
            .map(str::to_owned);
        let person = (email, name);
        if is_owner(&person.0, &person.1) || people.contains(&person) {
            continue;
        }
        people.push(person);
    }
    Ok(Meeting {
        key,
        line,
        start,
        minutes,
        summary: summary.trim().to_owned(),
        description: without_boilerplate(&description),
        medium,
        people,
        cancelled: prop(event, "STATUS")
            .is_some_and(|s| s.val.as_str().trim().eq_ignore_ascii_case("CANCELLED")),
        sequence: prop(event, "SEQUENCE")
            .and_then(|s| s.val.as_str().trim().parse().ok())
            .unwrap_or(0),
        series,
        generated: false,
        legacy: None,
    })
}

/// A DTSTART or DTEND: UTC (`…Z`) and a `TZID` zone converted to this machine's time
/// zone, a floating time as written, a `VALUE=DATE` day as a day.
fn when(p: &Property<'_>, unknown_zones: &mut Vec<String>) -> Result<Start, String> {
    let value = p.val.as_str().trim();
    let bad = || format!("`{value}` in {} is not a date-time", p.name.as_str());
    if value.len() == 8 {
        return NaiveDate::parse_from_str(value, "%Y%m%d")
            .map(Start::Day)
            .map_err(|_| bad());
    }
    if let Some(utc) = value.strip_suffix(['Z', 'z']) {
        let at = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
        return Ok(Start::At(Local.from_utc_datetime(&at).naive_local()));
    }
    let at = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
    let Some(zone) = param(p, "TZID") else {
        return Ok(Start::At(at));
    };
    match chrono_tz::Tz::from_str(zone.trim_start_matches('/')) {
        Ok(tz) => Ok(Start::At(
            tz.from_local_datetime(&at)
                .earliest()
                .map_or(at, |t| t.with_timezone(&Local).naive_local()),
        )),
        Err(_) => {
            unknown_zones.push(zone.to_owned());
            Ok(Start::At(at))
        }
    }
}

/// `PT30M`, `PT1H30M`, `P1D` in minutes.
fn iso_minutes(value: &str) -> Option<i64> {
    let rest = value.trim().strip_prefix('P')?;
    let (mut minutes, mut number) = (0_i64, String::new());
    for c in rest.chars() {
        match c {
            '0'..='9' => number.push(c),
            'T' => {}
            unit => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                minutes += n * match unit {
                    'W' => 7 * 24 * 60,
                    'D' => 24 * 60,
                    'H' => 60,
                    'M' => 1,
                    'S' => 0,
                    _ => return None,
                };
            }
        }
    }
    Some(minutes)
}

/// The medium: the conference service whose link the event carries, else in person when it
/// has a place.
fn medium(text: &str, location: &str) -> Option<&'static str> {
    let text = text.to_lowercase();
    [
        ("meet.google.com", "google-meet"),
        ("zoom.us", "zoom"),
        ("teams.microsoft.com", "teams"),
        ("teams.live.com", "teams"),
        ("webex.com", "webex"),
    ]
    .into_iter()
    .find(|(host, _)| text.contains(host))
    .map(|(_, medium)| medium)
    .or_else(|| (!location.trim().is_empty()).then_some("in-person"))
}

/// The description without what the calendar adds to every invitation: Google's "Join
/// with Google Meet" block (between `-::~:~::~:~` lines), Zoom's and Teams' joining
/// instructions.
fn without_boilerplate(description: &str) -> String {
    let starts = [
        "-::~:~::~",
        "join with google meet",
        "join zoom meeting",
        "microsoft teams meeting",
        "________________",
        "invitation from google calendar",
    ];
    let mut kept = Vec::new();
    for line in description.lines() {
        let lower = line.trim().to_lowercase();
        if starts.iter().any(|s| lower.starts_with(s)) {
            break;
        }
        kept.push(line.trim_end());
    }
    kept.join("\n").trim().to_owned()
}

/// The chat's kind, from the title and how it is held.
fn kind(m: &Meeting) -> &'static str {
    let title = m.summary.to_lowercase();
    if title.contains("coffee") {
        "coffee-chat"
    } else if title.contains("informational") {
        "informational-interview"
    } else if title.contains("interview") {
        "interview"
    } else if m.medium.is_some_and(|x| x != "in-person") || title.contains("call") {
        "call"
    } else {
        "other"
    }
}

fn plan_meetings(meetings: &[Meeting], scope: &mut Scope<'_>) {
    let existing = chats_by_uid(scope.index);
    let mut count = History {
        what: "meetings",
        new: 0,
        present: 0,
    };
    let mut nobody: Vec<String> = Vec::new();
    let mut cancelled_new = 0;
    for m in meetings {
        let found = existing
            .get(m.key.as_str())
            .or_else(|| m.legacy.as_deref().and_then(|k| existing.get(k)));
        if let Some(doc) = found {
            update(doc, m, scope, &mut count);
            continue;
        }
        if m.cancelled {
            cancelled_new += 1;
            continue;
        }
        let mut with: Vec<Person> = Vec::new();
        for (email, name) in &m.people {
            if let Some(p) = scope
                .directory
                .find(None, email.as_deref(), name.as_deref())
                && !with.iter().any(|w| w.id == p.id)
            {
                with.push(p.clone());
            }
        }
        if with.is_empty() {
            with = scope
                .directory
                .named_in(&m.summary)
                .into_iter()
                .cloned()
                .collect();
        }
        if with.is_empty() && scope.create {
            for (email, name) in &m.people {
                if let Some(p) = scope.attendee(email.as_deref(), name.as_deref(), m.line)
                    && !with.iter().any(|w| w.id == p.id)
                {
                    with.push(p);
                }
            }
        }
        if with.is_empty() {
            nobody.push(format!("{} ({})", shown_title(&m.summary), m.start.day()));
            continue;
        }
        let (path, mut d) = scope.chat(&with, m.start.day());
        d.word("date", &m.start.written()).word("kind", kind(m));
        if let Some(medium) = m.medium {
            d.word("medium", medium);
        }
        if let Some(minutes) = m.minutes {
            d.word("duration", &Duration::minutes(minutes).to_string());
        }
        d.text("uid", &m.key);
        let mut body = format!("**{}**", shown_title(&m.summary));
        if !m.description.is_empty() {
            body = format!("{body}\n\n{}", m.description);
        }
        d.body(&printable(&body));
        count.new += 1;
        scope.add(path, d.render(), m.line, 1);
    }
    if !nobody.is_empty() {
        let n = nobody.len();
        let mut listed: Vec<String> = nobody.into_iter().take(10).collect();
        if n > 10 {
            listed.push("…".to_owned());
        }
        scope.log.note(
            0,
            format!(
                "{n} event(s) name no one in the notebook, not imported (--all imports them, \
                 with files for their attendees): {}",
                listed.join(", ")
            ),
        );
    }
    if cancelled_new > 0 {
        scope.log.note(
            0,
            format!("{cancelled_new} cancelled event(s) not in the notebook left out"),
        );
    }
    scope.plan.history.push(count);
}

/// A meeting already in the notebook (found by `uid`): a new date or duration and a
/// cancellation as one-line edits (the file keeps its name: links to it stay good).
fn update(doc: &Document, m: &Meeting, scope: &mut Scope<'_>, count: &mut History) {
    let Some(Record::Chat(chat)) = &doc.record else {
        return;
    };
    let conventions = scope.conventions();
    let mut changes: Vec<(&'static str, String, &'static str)> = Vec::new();
    let written = m.start.written();
    if chat.date.as_ref().map(|d| d.value) != When::parse(&written) {
        changes.push(("date", written, "moved"));
    }
    if let Some(minutes) = m.minutes {
        let wanted = Duration::minutes(minutes);
        if chat.duration != Some(wanted) {
            changes.push(("duration", wanted.to_string(), "new duration"));
        }
    }
    if m.cancelled && chat.declared_status != Some(ChatStatus::Cancelled) {
        changes.push(("status", "cancelled".to_owned(), "cancelled"));
    }
    if changes.is_empty() {
        count.present += 1;
        return;
    }
    let path = doc.path.clone();
    for (key, value, what) in changes {
        let done = edits::change(scope.plan, scope.index, &path, what, |text| {
            edits::set(text, key, value, conventions)
        });
        if let Err(why) = done {
            scope.log.bad(m.line, format!("{path}: {why}"));
            return;
        }
    }
    // Changed, not new: the summary counts it among the files updated.
    scope.changed(&path, m.line, 0);
    count.present += 1;
}

/// Keeps `m` unless the calendar already gave its key a better version: an event written
/// in the file replaces one made from a rule (an override replaces its occurrence), and of
/// two written ones the highest `SEQUENCE` wins.
fn keep(by_key: &mut BTreeMap<String, Meeting>, m: Meeting) {
    let better = by_key.get(&m.key).is_none_or(|old| {
        if old.generated == m.generated {
            m.sequence >= old.sequence
        } else {
            !m.generated
        }
    });
    if better {
        by_key.insert(m.key.clone(), m);
    }
}

impl Meeting {
    /// What an override leaves out (Outlook writes only what changed) taken from its series.
    fn inherit(&mut self, master: &Self) {
        if self.summary.is_empty() {
            self.summary.clone_from(&master.summary);
        }
        if self.description.is_empty() {
            self.description.clone_from(&master.description);
        }
        if self.medium.is_none() {
            self.medium = master.medium;
        }
        if self.people.is_empty() {
            self.people.clone_from(&master.people);
        }
        if self.minutes.is_none() {
            self.minutes = master.minutes;
        }
    }
}

/// The recurring series of the calendar: how many, their meetings, and those left out.
#[derive(Debug, Default)]
struct Series {
    count: usize,
    meetings: usize,
    capped: Vec<String>,
}

impl Series {
    /// The meetings of the series `master` (its `RRULE` is `rule`) in the window; the master
    /// alone, with a warning, when the rule cannot be read.
    fn expand(
        &mut self,
        event: &Component<'_>,
        rule: &Property<'_>,
        master: &Meeting,
        today: NaiveDate,
        log: &mut Log,
    ) -> Vec<Meeting> {
        let all = |name: &str| -> Vec<&Property<'_>> {
            event
                .properties
                .iter()
                .filter(|p| p.name.as_str().eq_ignore_ascii_case(name))
                .collect()
        };
        let Some(dtstart) = prop(event, "DTSTART") else {
            return vec![master.clone()];
        };
        let expanded = recurrence::expand(
            dtstart,
            rule.val.as_str(),
            &all("EXDATE"),
            &all("RDATE"),
            today,
        );
        let expanded = match expanded {
            Ok(e) => e,
            Err(why) => {
                log.warn(
                    master.line,
                    format!(
                        "{}: {why}; imported as its first meeting only",
                        shown_title(&master.summary)
                    ),
                );
                return vec![master.clone()];
            }
        };
        self.count += 1;
        self.meetings += expanded.occurrences.iter().filter(|o| !o.excluded).count();
        if expanded.left_out > 0 {
            self.capped.push(format!(
                "{} ({} earlier meetings)",
                shown_title(&master.summary),
                expanded.left_out
            ));
        }
        let first = dtstart.val.as_str().trim();
        expanded
            .occurrences
            .into_iter()
            .map(|o| Meeting {
                key: format!("{}:{}", master.key, o.id),
                legacy: (o.id == first).then(|| master.key.clone()),
                start: o.start,
                cancelled: master.cancelled || o.excluded,
                series: Some(master.key.clone()),
                generated: true,
                ..master.clone()
            })
            .collect()
    }

    /// One note for the series, one for those cut at [`recurrence::CAP`].
    fn say(&self, today: NaiveDate, log: &mut Log) {
        if self.count == 0 {
            return;
        }
        let until = today + chrono::Days::new(recurrence::HORIZON_DAYS);
        log.note(
            0,
            format!(
                "{} recurring series: {} meetings up to {until} ({} days from today), each \
                 its own chat",
                self.count,
                self.meetings,
                recurrence::HORIZON_DAYS
            ),
        );
        if !self.capped.is_empty() {
            log.note(
                0,
                format!(
                    "only the latest {} meetings of a series are imported; left out: {}",
                    recurrence::CAP,
                    self.capped.join(", ")
                ),
            );
        }
    }
}

fn shown_title(summary: &str) -> &str {
    if summary.is_empty() {
        "(no title)"
    } else {
        summary
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_boilerplate() {
        assert_eq!(iso_minutes("PT30M"), Some(30));
        assert_eq!(iso_minutes("PT1H30M"), Some(90));
        assert_eq!(iso_minutes("P1D"), Some(1440));
        assert_eq!(iso_minutes("30M"), None);
        assert_eq!(
            without_boilerplate("Talk about Rust.\n\n-::~:~::~:~::~\nJoin with Google Meet: x"),
            "Talk about Rust."
        );
        assert_eq!(
            medium("https://meet.google.com/abc", ""),
            Some("google-meet")
        );
        assert_eq!(medium("", "Blue Bottle, Main St"), Some("in-person"));
        assert_eq!(medium("", ""), None);
    }
}
