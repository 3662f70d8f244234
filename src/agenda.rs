//! What to do, as of today: the discipline of networking (follow up after a week, thank
//! within a day, prepare questions, reconnect, go to events with a goal) turned into dated
//! items. Pure: takes the index and options, returns items; rendering lives elsewhere.
//!
//! Nudges (`goal`, `coverage`, `event-follow-up`) come from the goals of `ties.yaml` and
//! from recent events rather than from a date written in a file; their figures are the
//! reports' own ([`crate::report::goals`], [`crate::report::companies`]), so the agenda and
//! `ties report` never disagree. They sort after the dated items of their day and are
//! capped per kind (`rules.nudges_per_kind`).

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike};

use crate::document::Document;
use crate::error::Error;
use crate::index::Index;
use crate::lookup;
use crate::model::chat::{ChatKind, ChatStatus};
use crate::model::company::{Company, CompanyStatus};
use crate::model::contact::Tie;
use crate::model::decode::choice_enum;
use crate::model::time::{Duration, When};
use crate::model::{Chat, Contact, Event, Id, Kind, Record};
use crate::period::Period;
use crate::report::{companies, goals};

pub(crate) mod adoption;
mod answers;
pub(crate) mod clear;
mod find;
mod revive;

pub(crate) use find::{Found, State, find};

/// Which part of the agenda an item is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Group {
    Overdue,
    Today,
    Upcoming,
}

impl Group {
    /// The group of an item due on `day`.
    fn of(day: NaiveDate, today: NaiveDate) -> Self {
        match day.cmp(&today) {
            std::cmp::Ordering::Less => Self::Overdue,
            std::cmp::Ordering::Equal => Self::Today,
            std::cmp::Ordering::Greater => Self::Upcoming,
        }
    }

    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            Self::Overdue => "overdue",
            Self::Today => "today",
            Self::Upcoming => "upcoming",
        }
    }
}

choice_enum!(
    /// What kind of action an item asks for.
    #[derive(serde::Serialize)]
    #[serde(rename_all = "kebab-case")]
    ItemKind {
        FollowUp = "follow-up",
        MoveOn = "move-on",
        ThankYou = "thank-you",
        Prepare = "prepare",
        Next = "next",
        Task = "task",
        Reconnect = "reconnect",
        Event = "event",
        Goal = "goal",
        Coverage = "coverage",
        EventFollowUp = "event-follow-up",
        Birthday = "birthday",
        JobChange = "job-change",
        Reply = "reply",
        Referral = "referral",
    }
);

impl ItemKind {
    /// Nudges sort after the dated items of their day and are capped per kind.
    pub(crate) const fn is_nudge(self) -> bool {
        matches!(self, Self::Goal | Self::Coverage | Self::EventFollowUp)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Item {
    pub group: Group,
    pub due: When,
    pub kind: ItemKind,
    /// The contact concerned; the event for `event`; for a task outside contacts and chats,
    /// the file it is in.
    pub id: Id,
    /// The display name of `id` (a contact's or event's name).
    pub who: String,
    pub path: String,
    pub title: String,
    /// How to clear the item: the command to run ([`clear`]).
    pub clear: String,
    /// Why the item is there, for `--explain`: the rule with its settings, then the dates.
    pub why: Vec<String>,
    /// For an item that recurs by the week (a goal or coverage nudge, a dormant tie to
    /// revive): the Monday of its week, which names it in its key instead of the due date,
    /// so the key stays the same all week and `ties done` sets it aside for the week.
    pub week: Option<NaiveDate>,
    /// Another way to clear it, in words, shown after the hint: "or: ties new
    /// contact NAME --company acme --role recruiter".
    pub also: Option<String>,
}

impl Item {
    /// An item due `due`, grouped as seen `today`, with no `clear`, `why`, week or other way
    /// to clear it yet (the rule that makes it adds those).
    pub(crate) fn new(
        today: NaiveDate,
        due: When,
        kind: ItemKind,
        id: Id,
        who: String,
        path: String,
        title: String,
    ) -> Self {
        Self {
            group: Group::of(due.date(), today),
            due,
            kind,
            id,
            who,
            path,
            title,
            clear: String::new(),
            why: Vec::new(),
            week: None,
            also: None,
        }
    }

    /// `follow-up-jane-doe-20261128`: stable across runs and edits of the title, so
    /// `ties done KEY` and calendars (its UID) can name an item. Tasks add a hash of their
    /// text, since one person can have several tasks due the same day; an item of the week
    /// ([`Item::week`]) names its ISO week instead of its day (`goal-outreach-2026w50`).
    pub(crate) fn key(&self) -> String {
        use std::fmt::Write;
        // Written piece by piece: the agenda makes three keys an item (dismissed, its hint,
        // its short key), and formatting each date through chrono was half their cost.
        let kind = self.kind.as_str();
        let id = self.id.as_str();
        let mut key = String::with_capacity(kind.len() + id.len() + 24);
        key.push_str(kind);
        key.push('-');
        // A file name may hold a control character or a space; in a key it is
        // percent-encoded, so slug ids (all of a clean notebook) are their own key.
        if id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        {
            key.push_str(id);
        } else {
            for c in id.chars() {
                if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                    key.push(c);
                } else {
                    for b in c.encode_utf8(&mut [0; 4]).bytes() {
                        let _ = write!(key, "%{b:02X}");
                    }
                }
            }
        }
        key.push('-');
        match self.week {
            Some(monday) => {
                let week = monday.iso_week();
                let _ = write!(key, "{}w{:02}", week.year(), week.week());
            }
            None => stamp(&mut key, self.due),
        }
        if self.kind == ItemKind::Task {
            let hash = crate::hash::fnv1a_32(self.title.as_bytes());
            let _ = write!(key, "-{hash:08x}");
        }
        key
    }

    /// The short key the text agenda shows and `ties done` takes: [`short_code`] of the
    /// key, its first [`SHORT`] letters.
    pub(crate) fn short(&self) -> String {
        short_code(&self.key())[..SHORT].to_owned()
    }
}

/// The due date (and time) of a key: the digits of its ISO form, `20261128` or
/// `20261128T1600` (a year past 9999 or before 1 keeps its digits and drops its sign).
fn stamp(key: &mut String, due: When) {
    use std::fmt::Write;
    let (date, time) = match due {
        When::Date(date) => (date, None),
        When::DateTime(at) => (at.date(), Some(at.time())),
    };
    let _ = write!(
        key,
        "{:04}{:02}{:02}",
        date.year().unsigned_abs(),
        date.month(),
        date.day()
    );
    if let Some(time) = time {
        let _ = write!(key, "T{:02}{:02}", time.hour(), time.minute());
    }
}

/// The letters of short keys: consonants only, so that no word is spelled and no short key
/// is a number (`ties done 3` could one day mean the third item).
const LETTERS: &[u8; 19] = b"bcdfghjkmnpqrstvwxz";

/// How many letters of [`short_code`] a short key shows: 19⁴ = 130,321 keys, so two items of
/// one agenda rarely share one; when they do, `ties done` lists both and takes more letters.
pub(crate) const SHORT: usize = 4;

/// The 64-bit FNV-1a of a full key, written in [`LETTERS`] (15 letters): the same key
/// always gives the same letters, on every machine and in every release, and any prefix of
/// them (from [`SHORT`] letters on) names the item in `ties done`.
pub(crate) fn short_code(key: &str) -> String {
    use std::hash::Hasher;
    let mut hasher = crate::hash::Fnv::default();
    hasher.write(key.as_bytes());
    let mut n = hasher.finish();
    let base = LETTERS.len() as u64;
    (0..15)
        .map(|_| {
            let letter = LETTERS[(n % base) as usize];
            n /= base;
            char::from(letter)
        })
        .collect()
}

/// Whether `text` could be a short key (letters of [`LETTERS`], at least [`SHORT`]).
pub(crate) fn is_short(text: &str) -> bool {
    text.len() >= SHORT && text.bytes().all(|b| LETTERS.contains(&b))
}

/// What to include.
#[derive(Clone, Debug, Default)]
pub(crate) struct Filter {
    /// Empty: every kind.
    pub kinds: Vec<ItemKind>,
    pub contact: Option<String>,
    pub company: Option<String>,
    /// Everything, also what `since:` holds back ([`adoption`]).
    pub all: bool,
}

impl Filter {
    /// The filter with its contact and company named by id: names and `[[id]]` work as
    /// filters too, and an unknown one is an error, not an empty agenda.
    pub(crate) fn resolve(&self, index: &Index) -> Result<Self, Error> {
        let mut filter = self.clone();
        if let Some(contact) = &self.contact {
            filter.contact = Some(lookup::resolve(index, Kind::Contact, contact)?.to_string());
        }
        if let Some(company) = &self.company {
            filter.company = Some(lookup::resolve(index, Kind::Company, company)?.to_string());
        }
        Ok(filter)
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Agenda {
    pub today: NaiveDate,
    /// The last day of the "next N days" group.
    pub until: NaiveDate,
    pub days: i64,
    pub items: Vec<Item>,
    /// Nudges left out by the cap of their kind, in order (`--explain` still finds them).
    pub capped: Vec<Item>,
    /// Items set aside in `dismissed.txt` (`ties done`, `ties snooze KEY`): off the agenda,
    /// but `ties done` and `--explain` still know them.
    pub dismissed: Vec<Item>,
    /// Items due before `since:` that the agenda holds back ([`adoption`]).
    pub held: Vec<Item>,
    /// Files whose errors may hide items (bad dates are ignored, not guessed).
    pub files_with_errors: usize,
}

/// The agenda for the next `days` (default: the `horizon` of `ties.yaml`) as of
/// `index.today()`, as `filter` narrows it (its names resolved with [`Filter::resolve`]).
pub(crate) fn build(index: &Index, days: Option<u32>, filter: &Filter) -> Agenda {
    let today = index.today();
    let days = days.map_or_else(|| index.settings.rules.horizon.whole_days(), i64::from);
    let until = last_day_of(today, days);
    // The documents' items on every core; the nudges and revivals, which look at the
    // whole notebook at once, beside them. Each part keeps its order, and the parts keep
    // theirs: the same items in the same order as one pass after another.
    let docs: Vec<&Document> = index.docs.iter().collect();
    let mut b = Builder::new(index, until);
    let (dated, later) = rayon::join(
        || b.made(|dated| dated.generate_on_every_core(&docs)),
        || {
            b.made(|later| {
                later.nudges(true, true, index.events());
                later.revivals(None);
            })
        },
    );
    b.items = dated;
    b.items.extend(later);
    let (dismissed, items) = b.finish();
    let mut items: Vec<Item> = items
        .into_iter()
        .filter(|item| filter.accepts(index, item))
        .collect();
    items.sort_by_cached_key(order);
    // The cap keeps nudges from crowding the list; naming a kind in `--kind` asks for all.
    let cap = index.settings.rules.nudges_per_kind as usize;
    let mut seen: std::collections::HashMap<ItemKind, usize> = std::collections::HashMap::new();
    let (items, capped): (Vec<Item>, Vec<Item>) = items.into_iter().partition(|i| {
        if !i.kind.is_nudge() || filter.kinds.contains(&i.kind) {
            return true;
        }
        let n = seen.entry(i.kind).or_default();
        *n += 1;
        *n <= cap
    });
    let (items, held) = if filter.all {
        (items, Vec::new())
    } else {
        adoption::hold_back(items, index.settings.since, today)
    };
    let config_errors = index
        .settings_findings
        .iter()
        .any(|d| d.severity() == crate::findings::Severity::Error);
    let files_with_errors =
        index.docs.iter().filter(|d| d.has_errors()).count() + usize::from(config_errors);
    Agenda {
        today,
        until,
        days,
        items,
        capped,
        dismissed,
        held,
        files_with_errors,
    }
}

/// The agenda's order: by day, the dated items before the nudges, then by time, whom the
/// item is about, kind and title.
fn order(i: &Item) -> impl Ord + use<> {
    (
        i.due.date(),
        i.kind.is_nudge(),
        i.due.start(),
        i.who.clone(),
        i.id.clone(),
        i.kind,
        i.title.clone(),
    )
}

/// The items of the agenda (as [`build`] makes it, with no filter and the default horizon)
/// about `doc`, in the agenda's order and with the same wording and keys: a contact's items
/// (those of their chats included), or those found in the file itself for any other
/// record. Nudges the cap of their kind leaves out of the agenda count: they are about this
/// record all the same. Only the files that can hold such items are looked at (the
/// contact's chats, the events they were met at), so an editor can ask after every
/// keystroke without paying for the whole agenda.
pub(crate) fn about(index: &Index, doc: &Document) -> Vec<Item> {
    let mut b = Builder::new(index, until(index, None));
    let id = doc.id.as_str();
    let is_company = |d: &Document| matches!(d.record, Some(Record::Company(_)));
    // What the full agenda would go through, narrowed to what can yield an item of `doc`:
    // an item is about a contact by its `id`, about another record by its `path`.
    let (mut sources, events, goal, coverage): (Vec<&Document>, Vec<_>, bool, bool) =
        if doc.kind == Kind::Contact {
            let mut sources: Vec<&Document> =
                index.lookup(id).iter().map(|&i| &index.docs[i]).collect();
            sources.extend(index.chats_with(id).map(|(d, _)| d));
            // The people they introduced you to: thanking them is an item about `doc`.
            sources.extend(
                index
                    .referenced_by(id)
                    .filter(|d| matches!(d.record, Some(Record::Contact(_)))),
            );
            let goal = matches!(id, "outreach" | "chats" | "events");
            let coverage = id == "warm-contacts"
                || index.lookup(id).iter().any(|&i| is_company(&index.docs[i]));
            (sources, index.events_met(id).collect(), goal, coverage)
        } else {
            let events = match &doc.record {
                Some(Record::Event(event)) => vec![(doc, &**event)],
                _ => Vec::new(),
            };
            let settings = doc.path == "ties.yaml";
            (vec![doc], events, settings, settings || is_company(doc))
        };
    // In the order of the full agenda's passes, so that items equal in the sort order come
    // out as they do there.
    sources.sort_by_key(|d| index.position(&d.path));
    sources.dedup_by(|a, b| a.path == b.path);
    b.generate(&sources);
    b.nudges(goal, coverage, events);
    if doc.kind == Kind::Contact {
        b.revivals(Some(&doc.id));
    }
    let mine = |item: &Item| match doc.kind {
        Kind::Contact => item.id == doc.id,
        _ => item.path == doc.path,
    };
    let (_, items) = b.finish();
    let mut items: Vec<Item> = items.into_iter().filter(mine).collect();
    items.sort_by_cached_key(order);
    items
}

/// The short keys of the agenda (as `ties agenda` prints it, capped nudges too) of the
/// notebook at `explicit` or found from `cwd`, each with its title: what shell completion
/// offers after `ties done` and `--explain`. No notebook, no keys, and no error (as
/// [`lookup::candidates`]).
pub(crate) fn candidates(
    explicit: Option<&std::path::Path>,
    cwd: &std::path::Path,
    now: NaiveDateTime,
) -> Vec<(String, String)> {
    let Ok(index) =
        crate::notebook::discover(explicit, cwd).and_then(|root| crate::notebook::load(&root, now))
    else {
        return Vec::new();
    };
    let agenda = build(&index, None, &Filter::default());
    agenda
        .items
        .iter()
        .chain(&agenda.capped)
        .map(|i| (i.short(), i.title.clone()))
        .collect()
}

/// The last day of an agenda of `days` (`None`: `rules.horizon`) from today.
pub(crate) fn until(index: &Index, days: Option<u32>) -> NaiveDate {
    let days = days.map_or_else(|| index.settings.rules.horizon.whole_days(), i64::from);
    last_day_of(index.today(), days)
}

fn last_day_of(today: NaiveDate, days: i64) -> NaiveDate {
    // Dates past year 9999 cannot be written as YYYY-MM-DD (nor in iCalendar): the agenda
    // never looks beyond the last day of 9999.
    let last_day = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
    TimeDelta::try_days(days)
        .and_then(|d| today.checked_add_signed(d))
        .unwrap_or(last_day)
        .min(last_day)
}

impl Filter {
    fn accepts(&self, index: &Index, item: &Item) -> bool {
        if !self.kinds.is_empty() && !self.kinds.contains(&item.kind) {
            return false;
        }
        if self.contact.as_ref().is_some_and(|c| item.id.as_str() != c) {
            return false;
        }
        if let Some(company) = &self.company {
            // A coverage nudge is about the company itself.
            let works_there = match index.get(item.id.as_str()).and_then(|d| d.record.as_ref()) {
                Some(Record::Company(_)) => item.id.as_str() == company,
                Some(Record::Contact(c)) => c.company.as_ref().is_some_and(|id| {
                    index.canonical(Kind::Company, &id.value).as_str() == company
                }),
                _ => false,
            };
            if !works_there {
                return false;
            }
        }
        true
    }
}

/// The passes over the documents, in the order their items are made.
#[derive(Clone, Copy)]
enum Pass {
    Contacts,
    Chats,
    Events,
    Tasks,
}

impl Pass {
    const ALL: [Self; 4] = [Self::Contacts, Self::Chats, Self::Events, Self::Tasks];
}

struct Builder<'a> {
    index: &'a Index,
    today: NaiveDate,
    until: NaiveDate,
    items: Vec<Item>,
}

impl<'a> Builder<'a> {
    fn new(index: &'a Index, until: NaiveDate) -> Self {
        Self {
            index,
            today: index.today(),
            until,
            items: Vec::new(),
        }
    }

    /// The items `make` makes with a builder for the same day and horizon and no items
    /// yet: a part made on another core (the day is known; asking the clock again from
    /// every core, for every document, would only contend for its span).
    fn made(&self, make: impl FnOnce(&mut Self)) -> Vec<Item> {
        let mut part = Self {
            items: Vec::new(),
            ..*self
        };
        make(&mut part);
        part.items
    }

    /// The items made, each with its hint ([`clear::hint`]): those set aside in
    /// `dismissed.txt`, and the others.
    fn finish(self) -> (Vec<Item>, Vec<Item>) {
        let index = self.index;
        let mut items = self.items;
        for item in items.iter_mut().filter(|i| i.clear.is_empty()) {
            item.clear = clear::hint(index, item).to_string();
        }
        items
            .into_iter()
            .partition(|i| index.dismissed.hides(&i.key(), index.today()))
    }
}

impl Builder<'_> {
    /// Adds an item if it is due within the horizon and its contact is not paused, closed
    /// or snoozed, and hands it back so that the caller can say why it is there.
    fn push(
        &mut self,
        due: When,
        kind: ItemKind,
        id: Id,
        who: String,
        doc: &Document,
        title: String,
    ) -> Option<&mut Item> {
        let day = due.date();
        if day > self.until || self.suppressed(&id) {
            return None;
        }
        self.items.push(Item::new(
            self.today,
            due,
            kind,
            id,
            who,
            doc.path.clone(),
            title,
        ));
        self.items.last_mut()
    }

    /// The dated items of `docs` (in path order): contacts' items, then chats', events',
    /// and the tasks of every file, the passes in that order.
    fn generate(&mut self, docs: &[&Document]) {
        for pass in Pass::ALL {
            for &doc in docs {
                self.visit(pass, doc);
            }
        }
    }

    /// [`Builder::generate`] with each pass's documents shared among the cores: the same
    /// items in the same order.
    fn generate_on_every_core(&mut self, docs: &[&Document]) {
        use rayon::prelude::*;
        // Below this many documents a share costs more than it saves.
        const MIN_SHARE: usize = 256;
        for pass in Pass::ALL {
            let items: Vec<Item> = docs
                .par_iter()
                .with_min_len(MIN_SHARE)
                .flat_map_iter(|&doc| self.made(|b| b.visit(pass, doc)))
                .collect();
            self.items.extend(items);
        }
    }

    /// The items `pass` finds in `doc`.
    fn visit(&mut self, pass: Pass, doc: &Document) {
        match (pass, &doc.record) {
            (Pass::Contacts, Some(Record::Contact(contact))) => self.contact(doc, contact),
            (Pass::Chats, Some(Record::Chat(chat))) => self.chat(doc, chat),
            (Pass::Events, Some(Record::Event(event))) => self.event(doc, event),
            (Pass::Tasks, _) => self.tasks(doc),
            _ => {}
        }
    }

    /// An event from today to the horizon, until `met` reaches its `goal`.
    fn event(&mut self, doc: &Document, event: &Event) {
        let Some(date) = &event.date else {
            return;
        };
        let met = event.met.len();
        // Met as many as you meant to: the event has done its job.
        if event.goal.is_some_and(|g| met >= g as usize) || date.value.date() < self.today {
            return;
        }
        let goal = event.goal.map_or_else(String::new, |g| {
            let so_far = if met == 0 {
                String::new()
            } else {
                format!(", {met} so far")
            };
            format!(" (goal: meet {}{so_far})", people(g as usize))
        });
        let title = format!("Go to {}{goal}", event.name);
        if let Some(item) = self.push(
            date.value,
            ItemKind::Event,
            doc.id.clone(),
            event.name.clone(),
            doc,
            title,
        ) {
            item.why = vec![
                "rule: event: an event from today to the horizon, until `met` reaches its `goal`"
                    .to_owned(),
                format!("{} on {} in {}", event.name, shown(date.value), doc.path),
            ];
        }
    }

    fn suppressed(&self, id: &Id) -> bool {
        match self.index.get(id.as_str()).and_then(|d| d.record.as_ref()) {
            Some(Record::Contact(c)) => !c.is_active() || c.snooze.is_some_and(|s| s > self.today),
            _ => false,
        }
    }

    fn contact(&mut self, doc: &Document, contact: &Contact) {
        let rules = &self.index.settings.rules;
        let id = &doc.id;
        let name = &contact.name;
        let outreach = self.index.outreach(id.as_str(), contact);
        if let (Some(&first), Some(&last_outreach)) = (outreach.first(), outreach.last()) {
            // Only an answer stops the clock: a received message, a done chat of another
            // kind, or a chat booked with them (planned: they said yes), on or after the
            // first outreach. Sent messages are outreach themselves.
            let now = self.index.now();
            let answered = self.index.chats_with(id.as_str()).any(|(_, c)| {
                let booked = c.status(now) == ChatStatus::Planned && !c.is_sent();
                (c.is_reply(now) || booked) && c.day().is_some_and(|d| d >= first)
            });
            if contact.replied.is_none() && !answered {
                let due = When::Date(rules.follow_up_after.after_date(last_outreach));
                let sent = outreach.len() - 1;
                let max = rules.max_follow_ups as usize;
                let days: Vec<String> = outreach.iter().map(ToString::to_string).collect();
                let why = vec![
                    format!(
                        "outreach {} (`reached_out`, `followed_up`, sent messages); no `replied`, no received message, done or booked chat since {first}",
                        days.join(", ")
                    ),
                    format!(
                        "last outreach {last_outreach}; rules.follow_up_after {} → due {due}",
                        rules.follow_up_after
                    ),
                ];
                let kind = if sent < max {
                    ItemKind::FollowUp
                } else {
                    ItemKind::MoveOn
                };
                let rule = format!(
                    "rule: {}: {sent} follow-up(s) sent, rules.max_follow_ups {max}",
                    kind.as_str()
                );
                let pushed = if sent < max {
                    let title = format!(
                        "Follow up with {name}: no reply since {last_outreach} (follow-up {} of {max})",
                        sent + 1
                    );
                    self.push(due, kind, id.clone(), name.clone(), doc, title)
                } else {
                    let title = format!(
                        "No reply from {name} after {sent} follow-ups: close the loop or move on"
                    );
                    self.push(due, kind, id.clone(), name.clone(), doc, title)
                };
                if let Some(item) = pushed {
                    item.why = [vec![rule], why].concat();
                }
            }
        }
        if let Some(next) = &contact.next {
            let title = format!("{name}: {}", next.what());
            let day = next.date.value;
            if let Some(item) = self.push(
                When::Date(day),
                ItemKind::Next,
                id.clone(),
                name.clone(),
                doc,
                title,
            ) {
                item.why = vec![
                    "rule: next: the contact's `next` action, due on its date".to_owned(),
                    format!("next {day}: {} in {}", next.what(), doc.path),
                ];
            }
        }
        self.reconnect(doc, contact);
        if rules.nudges.birthday {
            self.birthday(doc, contact);
        }
        self.reply(doc, contact);
        self.referral(doc, contact);
        self.job_change(doc, contact);
    }

    /// A contact an import saw at a new company (`job_changed`): congratulate them, due that
    /// day, until an outreach or a follow-up on or after it says you did.
    fn job_change(&mut self, doc: &Document, contact: &Contact) {
        let Some(day) = contact.job_changed else {
            return;
        };
        let id = &doc.id;
        let outreach = self.index.outreach(id.as_str(), contact);
        if outreach.iter().any(|d| *d >= day) {
            return;
        }
        let name = &contact.name;
        let moved = contact.company.as_ref().map_or_else(
            || "changed jobs".to_owned(),
            |company| format!("moved to {}", self.index.name_of(&company.value)),
        );
        let title = format!("{name} {moved} — congratulate");
        if let Some(item) = self.push(
            When::Date(day),
            ItemKind::JobChange,
            id.clone(),
            name.clone(),
            doc,
            title,
        ) {
            item.why = vec![
                "rule: job-change: `job_changed` (set by ties import linkedin), until an outreach or follow-up on or after it".to_owned(),
                format!("job_changed {day} in {}", doc.path),
            ];
        }
    }

    /// Whether a chat with `id` is booked: planned (not cancelled, not a message) from
    /// today on. A booked chat answers a follow-up, a reconnect and an event follow-up: the
    /// next step is already in the calendar.
    fn booked(&self, id: &str) -> bool {
        let now = self.index.now();
        self.index.chats_with(id).any(|(_, c)| {
            c.status(now) == ChatStatus::Planned
                && c.kind != ChatKind::Message
                && c.day().is_some_and(|d| d >= self.today)
        })
    }

    /// A contact's birthday, due on the day (the next one from today; 29 February falls on
    /// the 28th in other years); a past one is never overdue.
    fn birthday(&mut self, doc: &Document, contact: &Contact) {
        let Some(birthday) = contact.birthday else {
            return;
        };
        let year = self.today.year();
        let Some(day) = [year, year.saturating_add(1)]
            .into_iter()
            .filter_map(|y| birthday.in_year(y))
            .find(|d| *d >= self.today)
        else {
            return;
        };
        let name = &contact.name;
        let age = birthday
            .year
            .map(|born| day.year() - born)
            .filter(|age| *age > 0)
            .map_or_else(String::new, |age| format!(" (turns {age})"));
        let title = format!("{name}'s birthday{age}: send them a note");
        let id = doc.id.clone();
        if let Some(item) = self.push(
            When::Date(day),
            ItemKind::Birthday,
            id,
            name.clone(),
            doc,
            title,
        ) {
            item.why = vec![
                "rule: birthday: a contact's `birthday`, due on the day (switch: rules.nudges.birthday: true)".to_owned(),
                format!("birthday {birthday} in {}", doc.path),
            ];
        }
    }

    /// Reconnect with a contact you have met (or were in touch with: `last_contact`), out
    /// of touch for longer than their cadence but not dormant.
    fn reconnect(&mut self, doc: &Document, contact: &Contact) {
        let rules = &self.index.settings.rules;
        let id = &doc.id;
        let name = &contact.name;
        let dormant = |last: NaiveDate| {
            contact.tie != Some(Tie::Strong) && rules.dormant_after.after_date(last) < self.today
        };
        // A `tie: dormant` is revived a few a week instead ([`Builder::revivals`]).
        if contact.tie != Some(Tie::Dormant)
            && self.index.in_touch(id.as_str(), contact)
            && let Some(last) = self.index.last_interaction(id.as_str(), contact)
            && !dormant(last)
            && !self.booked(id.as_str())
        {
            let cadence = contact.stay_in_touch.unwrap_or(rules.stay_in_touch);
            let due = cadence.after_date(last);
            let title = format!("Reconnect with {name}: last in touch {last}");
            let setting = if contact.stay_in_touch.is_some() {
                format!("stay_in_touch {cadence} (on the contact)")
            } else {
                format!("rules.stay_in_touch {cadence}")
            };
            let dormant = if contact.tie == Some(Tie::Strong) {
                "tie: strong, never dormant".to_owned()
            } else {
                format!(
                    "rules.dormant_after {} → dormant after {}",
                    rules.dormant_after,
                    rules.dormant_after.after_date(last)
                )
            };
            if let Some(item) = self.push(
                When::Date(due),
                ItemKind::Reconnect,
                id.clone(),
                name.clone(),
                doc,
                title,
            ) {
                item.why = vec![
                    "rule: reconnect: a contact you have met, out of touch longer than their cadence".to_owned(),
                    format!("last interaction {last}; {setting} → due {due}"),
                    dormant,
                ];
            }
        }
    }

    fn chat(&mut self, doc: &Document, chat: &Chat) {
        let (Some(date), Some(first)) = (&chat.date, chat.with.first()) else {
            return;
        };
        let first = self.index.canonical(Kind::Contact, &first.value);
        let rules = &self.index.settings.rules;
        // Named only for the chats that make an item: most make none.
        let names = || -> Vec<String> {
            (chat.with.iter())
                .map(|w| self.index.name_of(&w.value))
                .collect()
        };
        let kind = chat.kind.as_str().replace('-', " ");
        match chat.status(self.index.now()) {
            _ if chat.is_meeting(self.index.now()) && chat.thanked.is_none() => {
                let due = thank_you_due(date.value, chat.ends(), rules.thank_you_within);
                if self
                    .index
                    .now()
                    .reached(rules.thank_you_expires.after(due.start()))
                    || self.superseded(chat, date.value.date())
                {
                    return;
                }
                let mut names = names();
                let title = format!(
                    "Send a thank-you to {} for the {kind} on {}",
                    names.join(", "),
                    date.value.date()
                );
                let expires = rules.thank_you_expires.after(due.start());
                if let Some(item) = self.push(
                    due,
                    ItemKind::ThankYou,
                    first.clone(),
                    names.swap_remove(0),
                    doc,
                    title,
                ) {
                    // The chat is over: its thank-you is for today (best the same day), even
                    // when the deadline is tomorrow.
                    item.group = item.group.min(Group::Today);
                    item.why = vec![
                        "rule: thank-you: a done chat without `thanked`, no later interaction with anyone in it; listed under Today from the chat's end".to_owned(),
                        format!(
                            "{kind} {} in {}, over at {}; rules.thank_you_within {} → due {}",
                            shown(date.value),
                            doc.path,
                            chat.ends().map_or_else(String::new, |end| shown(When::DateTime(end))),
                            rules.thank_you_within,
                            shown(due)
                        ),
                        format!(
                            "rules.thank_you_expires {} → gone from {}",
                            rules.thank_you_expires,
                            expires.format("%Y-%m-%d %H:%M")
                        ),
                    ];
                }
            }
            // A message is sent, not prepared; a chat marked `prepared` is ready.
            ChatStatus::Planned
                if date.value.date() >= self.today
                    && chat.kind != ChatKind::Message
                    && chat.prepared.is_none() =>
            {
                let ready = doc.body.questions.unwrap_or(0);
                let wanted = rules.prepare_questions as usize;
                let mut names = names();
                let who = names.join(", ");
                let mut title = if ready >= wanted {
                    format!(
                        "Ready for the {kind} with {who}: {ready}/{wanted} questions; read them over and research them"
                    )
                } else {
                    format!(
                        "Prepare for the {kind} with {who}: {ready}/{wanted} questions ready, write {} more under `## Questions`",
                        wanted - ready
                    )
                };
                if let Some(note) = self.company_in(first) {
                    title.push_str("; ");
                    title.push_str(&note);
                }
                if let Some(item) = self.push(
                    date.value,
                    ItemKind::Prepare,
                    first.clone(),
                    names.swap_remove(0),
                    doc,
                    title,
                ) {
                    item.why = vec![
                        "rule: prepare: a planned chat (not a message) from today to the horizon, until `prepared` is set".to_owned(),
                        format!("{kind} {} in {}, planned", shown(date.value), doc.path),
                        format!(
                            "{ready} question(s) under `## Questions`; rules.prepare_questions {wanted}"
                        ),
                    ];
                }
            }
            _ => {}
        }
    }

    /// Whether someone in the chat has been in touch again after its day: that later contact
    /// took the place of the thank-you.
    fn superseded(&self, chat: &Chat, day: NaiveDate) -> bool {
        let end = chat.ends();
        chat.with.iter().any(|w| {
            let id = self.index.canonical(Kind::Contact, &w.value);
            // A message you sent them after it ended, the same day (an imported LinkedIn
            // thank-you), is the thank-you as much as one sent the next day.
            let written_after = |c: &Chat| match (c.is_sent(), c.date.as_ref(), end) {
                (true, Some(date), Some(end)) => {
                    matches!(date.value, When::DateTime(at) if at >= end)
                }
                _ => false,
            };
            if self
                .index
                .chats_with(id.as_str())
                .any(|(_, c)| written_after(c))
            {
                return true;
            }
            match self.index.get(id.as_str()).and_then(|d| d.record.as_ref()) {
                Some(Record::Contact(c)) => self
                    .index
                    .last_interaction(id.as_str(), c)
                    .is_some_and(|last| last > day),
                _ => false,
            }
        })
    }

    /// "your in at Acme: …" or "no in noted for Acme", for the contact's company.
    fn company_in(&self, contact: &Id) -> Option<String> {
        let Some(Record::Contact(c)) = self
            .index
            .get(contact.as_str())
            .and_then(|d| d.record.as_ref())
        else {
            return None;
        };
        let company_id = c.company.as_ref()?;
        match self
            .index
            .target(Kind::Company, &company_id.value)
            .and_then(|d| d.record.as_ref())
        {
            Some(Record::Company(company)) => Some(match &company.r#in {
                Some(i) => format!("your in at {}: {i}", company.name),
                None => format!("no in noted for {}", company.name),
            }),
            _ => None,
        }
    }

    fn tasks(&mut self, doc: &Document) {
        // Whom they are for is looked up for the first open task with a date, if any.
        let mut owner: Option<(Id, String)> = None;
        for task in &doc.body.tasks {
            let (false, Some(due)) = (task.done, &task.due) else {
                continue;
            };
            let (id, who) = owner.get_or_insert_with(|| {
                let id = task_owner(self.index, doc);
                let who = self.index.name_of(&id);
                (id, who)
            });
            let (id, who) = (id.clone(), who.clone());
            if let Some(item) = self.push(
                When::Date(due.value),
                ItemKind::Task,
                id,
                who,
                doc,
                task.text.clone(),
            ) {
                item.why = vec![
                    "rule: task: an open task `- [ ]` with a due date".to_owned(),
                    format!("`{}` due {} in {}", task.text, due.value, doc.path),
                ];
            }
        }
    }
}

impl Builder<'_> {
    /// A nudge, due `day`, with no `clear` or `why` yet.
    fn nudge(&self, day: NaiveDate, kind: ItemKind, id: Id, path: String, title: String) -> Item {
        let who = self.index.name_of(&id);
        Item::new(self.today, When::Date(day), kind, id, who, path, title)
    }

    /// The nudges switched on in `ties.yaml`, of those asked for: goal and coverage
    /// nudges, and event follow-ups from `events`.
    fn nudges<'e>(
        &mut self,
        goal: bool,
        coverage: bool,
        events: impl IntoIterator<Item = (&'e Document, &'e Event)>,
    ) {
        let on = self.index.settings.rules.nudges;
        let settled = (on.goal && goal) || (on.coverage && coverage);
        if settled && self.in_grace().is_some() {
            // A new notebook: its goals and targets are days old, nothing is behind yet.
        } else {
            // Each goes through the whole notebook: side by side, their items in this order.
            let (goals, covered) = rayon::join(
                || {
                    self.made(|b| {
                        if on.goal && goal {
                            b.goal_nudges();
                        }
                    })
                },
                || {
                    self.made(|b| {
                        if on.coverage && coverage {
                            b.coverage_nudges();
                        }
                    })
                },
            );
            self.items.extend(goals);
            self.items.extend(covered);
        }
        if on.event_follow_up {
            self.event_follow_ups(events);
        }
    }

    /// The first day of the notebook, when it is younger than `rules.grace`: its earliest
    /// dated record (an outreach, reply or `last_contact` of a contact, a chat, an event).
    /// A notebook with no date at all has recorded nothing yet and is in its grace too.
    fn in_grace(&self) -> Option<NaiveDate> {
        let index = self.index;
        // A contact's own dates only: the chats and events its first interaction may come
        // from are each counted below as well. Looking them up again for every contact was
        // a twentieth of an agenda's own work at 83,000 files.
        let first = index
            .docs
            .iter()
            .filter_map(|doc| match &doc.record {
                Some(Record::Contact(c)) => c.own_dates().min(),
                Some(Record::Chat(c)) => c.day(),
                Some(Record::Event(e)) => e.day(),
                _ => None,
            })
            .min()
            .unwrap_or(self.today)
            .min(self.today);
        (index.settings.rules.grace.after_date(first) > self.today).then_some(first)
    }

    /// What is planned from today to Sunday (not cancelled): chats that are not messages
    /// and events. A goal behind pace with the rest of the week booked needs no nudge.
    fn planned_this_week(&self, goal: &str) -> u32 {
        let index = self.index;
        let sunday = crate::period::week_start(self.today) + TimeDelta::days(6);
        let this_week =
            |day: Option<NaiveDate>| day.is_some_and(|d| d >= self.today && d <= sunday);
        let n = match goal {
            "chats" => index
                .chats()
                .filter(|(_, c)| {
                    c.kind != ChatKind::Message
                        && c.status(index.now()) == ChatStatus::Planned
                        && this_week(c.day())
                })
                .count(),
            "events" => index
                .events()
                .filter(|(_, e)| {
                    this_week(e.day())
                        && e.date
                            .as_ref()
                            .is_some_and(|d| index.now().before(d.value.start()))
                })
                .count(),
            _ => 0,
        };
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// A weekly goal whose count so far this week, with what is planned for the rest of
    /// it, is below its pace ([`goals::pace`]).
    fn goal_nudges(&mut self) {
        let today = self.today;
        let monday = crate::period::week_start(today);
        let so_far = Period {
            since: Some(monday),
            until: Some(today),
        };
        let weekly = self.index.settings.goals.weekly;
        let report = goals::build(self.index, so_far);
        for (goal, per_week) in [
            ("outreach", weekly.outreach),
            ("chats", weekly.chats),
            ("events", weekly.events),
        ] {
            let Some(row) = report.rows.iter().find(|r| r.goal == goal) else {
                continue;
            };
            let pace = goals::pace(per_week, today);
            let planned = self.planned_this_week(goal);
            if row.count.saturating_add(planned) >= pace {
                continue;
            }
            let weekday = today.format("%A");
            let counts = goals::what_counts(goal);
            let title = format!(
                "Weekly goal behind pace: {goal} {}/{per_week} this week, {pace} expected by {weekday}; what counts: {counts}",
                row.count
            );
            // Not `nudge`: a goal is no record, so there is no name to look up, and a look-up
            // that finds no record builds the table of every title, name and alias (41 ms at
            // 83,000 files whose references all name ids, where nothing else needed it).
            let mut item = Item::new(
                today,
                When::Date(today),
                ItemKind::Goal,
                Id::new(goal),
                format!("weekly {goal}"),
                "ties.yaml".to_owned(),
                title,
            );
            item.week = Some(monday);
            item.why = vec![
                format!(
                    "rule: goal: a weekly goal below its pace (goals.weekly.{goal}: {per_week}; switch: rules.nudges.goal: true)"
                ),
                format!(
                    "{} from {monday} to {today}, as `ties report goals --since {monday} --until {today}` counts them",
                    row.count
                ),
                format!(
                    "pace: {per_week} a week over the {} days before today = {pace}; nothing planned for the rest of the week",
                    (today - monday).num_days()
                ),
                format!(
                    "one item for the week of {monday}: `ties done` sets it aside until next week"
                ),
            ];
            self.items.push(item);
        }
    }

    /// Target companies short of `people_per_company` in a role, and the warm-contacts goal.
    fn coverage_nudges(&mut self) {
        let today = self.today;
        let report = companies::build_counting(self.index, companies::Counting::Roles);
        for row in report.rows.iter().filter(|r| r.is_short()) {
            let missing: Vec<String> = companies::RoleCounts::ROLES
                .into_iter()
                .filter(|r| row.missing.contains(&r.as_str()))
                .map(|r| {
                    let (role, have, want) = (r.as_str(), row.roles.get(r), report.goal.get(r));
                    if have == 0 {
                        format!("no {role} yet")
                    } else {
                        format!("{role}s {have}/{want}")
                    }
                })
                .collect();
            let role = row.missing.first().copied().unwrap_or("developer");
            let title = format!("{}: {}", row.name, missing.join(", "));
            let path = self
                .index
                .get(row.id.as_str())
                .map_or_else(String::new, |d| d.path.clone());
            let mut item = self.nudge(today, ItemKind::Coverage, row.id.clone(), path, title);
            item.week = Some(crate::period::week_start(today));
            item.also = Some(format!(
                "or: ties new contact NAME --company {} --role {role}",
                shell_word(row.id.as_str())
            ));
            item.why = vec![
                format!(
                    "rule: coverage: a target company short of goals.people_per_company (developer: {}, manager: {}, recruiter: {}; switch: rules.nudges.coverage: true)",
                    report.goal.developer, report.goal.manager, report.goal.recruiter
                ),
                format!(
                    "known there: {} developer(s), {} manager(s), {} recruiter(s), as `ties report companies` counts them",
                    row.roles.developer, row.roles.manager, row.roles.recruiter
                ),
            ];
            self.items.push(item);
        }
        // The goal `warm_contacts` as `ties report goals` counts it.
        let (count, target) = (
            goals::warm_contacts(self.index),
            self.index.settings.goals.warm_contacts,
        );
        if count < target {
            let title = format!(
                "Warm contacts: {count}/{target}; what counts: {}",
                goals::what_counts("warm_contacts")
            );
            let mut item = self.nudge(
                today,
                ItemKind::Coverage,
                Id::new("warm-contacts"),
                "ties.yaml".to_owned(),
                title,
            );
            "warm contacts".clone_into(&mut item.who);
            item.week = Some(crate::period::week_start(today));
            item.also = Some("or write `warmth: warm` on contacts who know you".to_owned());
            item.why = vec![
                format!(
                    "rule: coverage: fewer warm contacts than goals.warm_contacts: {target} (switch: rules.nudges.coverage: true)"
                ),
                format!("{count} contacts with `warmth: warm`, as `ties report goals` counts them"),
            ];
            self.items.push(item);
        }
    }

    /// People in `met` of an event held in the last `event_follow_up_within` (before
    /// today), with no interaction since; due the day after the event.
    fn event_follow_ups<'e>(
        &mut self,
        events: impl IntoIterator<Item = (&'e Document, &'e Event)>,
    ) {
        let rules = &self.index.settings.rules;
        let within = rules.event_follow_up_within;
        let today = self.today;
        let mut items = Vec::new();
        for (doc, event) in events {
            let Some(day) = event.day() else { continue };
            if day >= today || within.after_date(day) < today {
                continue;
            }
            let Some(due) = day.succ_opt() else { continue };
            for met in &event.met {
                let id = self.index.canonical(Kind::Contact, &met.value);
                let Some(Record::Contact(contact)) =
                    self.index.get(id.as_str()).and_then(|d| d.record.as_ref())
                else {
                    continue;
                };
                if self
                    .index
                    .last_interaction(id.as_str(), contact)
                    .is_some_and(|last| last > day)
                    || self.suppressed(id)
                    || self.booked(id.as_str())
                {
                    continue;
                }
                let title = format!(
                    "Connect with {}, met at {} on {day}",
                    contact.name, event.name
                );
                let mut item = self.nudge(
                    due,
                    ItemKind::EventFollowUp,
                    id.clone(),
                    doc.path.clone(),
                    title,
                );
                item.why = vec![
                    format!(
                        "rule: event-follow-up: met at an event in the last rules.event_follow_up_within: {within} (switch: rules.nudges.event_follow_up: true)"
                    ),
                    format!(
                        "{} lists them in `met` on {day}; no interaction since; due the day after",
                        doc.path
                    ),
                ];
                items.push(item);
            }
        }
        self.items.extend(items);
    }
}

/// An id as one word of a shell command: as it is when it is a plain word (every slug),
/// else in double quotes (`"Jane Doe"`, a title id), so a command copied from the agenda
/// runs as shown.
pub(crate) fn shell_word(id: &str) -> String {
    if !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '%'))
    {
        return id.to_owned();
    }
    let mut quoted = String::from('"');
    for c in id.chars() {
        if matches!(c, '"' | '\\' | '$' | '`') {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    quoted
}

/// "3 days overdue", "today", "in 2 days".
pub(crate) fn relative(today: NaiveDate, due: NaiveDate) -> String {
    let days = (due - today).num_days();
    let unit = |n: i64| {
        if n == 1 {
            "1 day".to_owned()
        } else {
            format!("{n} days")
        }
    };
    match days {
        0 => "today".to_owned(),
        d if d < 0 => format!("{} overdue", unit(-d)),
        d => format!("in {}", unit(d)),
    }
}

/// The company `contact` works at, when it is one of your targets (`status: target`).
pub(crate) fn target_company<'a>(index: &'a Index, contact: &Contact) -> Option<&'a Company> {
    let id = contact.company.as_ref()?;
    match index
        .target(Kind::Company, &id.value)
        .and_then(|d| d.record.as_ref())
    {
        Some(Record::Company(c)) if c.status == CompanyStatus::Target => Some(c),
        _ => None,
    }
}

/// "1 person", "3 people".
pub(crate) fn people(n: usize) -> String {
    if n == 1 {
        "1 person".to_owned()
    } else {
        format!("{n} people")
    }
}

/// `2026-11-21` or `2026-11-21 14:30`, as the text agenda shows a due date.
pub(crate) fn shown(when: When) -> String {
    when.to_string()
}

/// Whom the tasks of `doc` are for: a chat's first contact, else the file itself.
fn task_owner(index: &Index, doc: &Document) -> Id {
    match (&doc.kind, &doc.record) {
        (Kind::Chat, Some(Record::Chat(chat))) => chat.with.first().map_or_else(
            || doc.id.clone(),
            |w| index.canonical(Kind::Contact, &w.value).clone(),
        ),
        _ => doc.id.clone(),
    }
}

/// The ticked tasks (`- [x]`) with a due date, each as the agenda item it was while open
/// (same [`Item::key`]), however far ahead and whatever the contact's status: `ties done`
/// tells by them that a key it no longer finds on the agenda is already done.
pub(crate) fn ticked_tasks(index: &Index) -> Vec<Item> {
    let today = index.today();
    let mut items = Vec::new();
    for doc in &index.docs {
        let id = task_owner(index, doc);
        for task in doc.body.tasks.iter().filter(|t| t.done) {
            let Some(due) = &task.due else { continue };
            items.push(Item::new(
                today,
                When::Date(due.value),
                ItemKind::Task,
                id.clone(),
                index.name_of(&id),
                doc.path.clone(),
                task.text.clone(),
            ));
        }
    }
    items
}

/// The chats marked `prepared` (not messages), each as the `prepare` item it was before
/// (same [`Item::key`]) with the day it was marked: `ties done` tells by them that a key it
/// no longer finds on the agenda is done already.
pub(crate) fn prepared_chats(index: &Index) -> Vec<(Item, NaiveDate)> {
    let mut items = Vec::new();
    for doc in &index.docs {
        let Some(Record::Chat(chat)) = &doc.record else {
            continue;
        };
        let (Some(day), Some(date), Some(first)) = (&chat.prepared, &chat.date, chat.with.first())
        else {
            continue;
        };
        if chat.kind == ChatKind::Message {
            continue;
        }
        let id = index.canonical(Kind::Contact, &first.value).clone();
        let who = index.name_of(&id);
        let title = format!(
            "Prepare for the {} with {who}",
            chat.kind.as_str().replace('-', " ")
        );
        items.push((
            Item::new(
                index.today(),
                date.value,
                ItemKind::Prepare,
                id,
                who,
                doc.path.clone(),
                title,
            ),
            day.value,
        ));
    }
    items
}

/// When a thank-you for a chat on `date` that ended at `end` is due: `within` after its
/// end; a chat without a time (its end unknown) counts from the start of its day, so with
/// the default 24h its thank-you is due the next day.
pub(crate) fn thank_you_due(date: When, end: Option<NaiveDateTime>, within: Duration) -> When {
    match date {
        When::Date(_) => {
            let due = within.after(date.start());
            if due.time() == NaiveTime::MIN {
                When::Date(due.date())
            } else {
                When::DateTime(due)
            }
        }
        When::DateTime(start) => When::DateTime(within.after(end.unwrap_or(start))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key as it was first written, through chrono's formatting: every key must stay
    /// what it was, or `dismissed.txt` and calendars lose their items.
    fn key_as_formatted(item: &Item) -> String {
        use std::fmt::Write;
        let stamp: String = match item.week {
            Some(monday) => {
                let week = monday.iso_week();
                format!("{}w{:02}", week.year(), week.week())
            }
            None => item
                .due
                .iso()
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect(),
        };
        let mut id = String::new();
        for c in item.id.as_str().chars() {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                id.push(c);
            } else {
                for b in c.encode_utf8(&mut [0; 4]).bytes() {
                    let _ = write!(id, "%{b:02X}");
                }
            }
        }
        let kind = item.kind.as_str();
        if item.kind == ItemKind::Task {
            let hash = crate::hash::fnv1a_32(item.title.as_bytes());
            format!("{kind}-{id}-{stamp}-{hash:08x}")
        } else {
            format!("{kind}-{id}-{stamp}")
        }
    }

    #[test]
    fn keys_are_what_formatting_their_dates_made_them() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 8).expect("date");
        let days = [
            (-44, 3, 15),
            (0, 1, 1),
            (1, 2, 3),
            (999, 12, 31),
            (2026, 11, 28),
            (9999, 12, 31),
            (10_000, 1, 1),
            (262_142, 6, 30),
        ];
        let ids = [
            "jane-doe", "Jane Doe", "ana_b.c", "zoë", "a\tb", "名前", "%",
        ];
        let kinds = [ItemKind::FollowUp, ItemKind::Task, ItemKind::Goal];
        let mut compared = 0;
        for (y, m, d) in days {
            let date = NaiveDate::from_ymd_opt(y, m, d).expect("date");
            let at = date.and_hms_opt(7, 5, 0).expect("time");
            for due in [When::Date(date), When::DateTime(at)] {
                for id in ids {
                    for kind in kinds {
                        let mut item = Item::new(
                            today,
                            due,
                            kind,
                            Id::new(id),
                            String::new(),
                            String::new(),
                            format!("call {id}"),
                        );
                        assert_eq!(item.key(), key_as_formatted(&item));
                        item.week = Some(date);
                        assert_eq!(item.key(), key_as_formatted(&item));
                        compared += 2;
                    }
                }
            }
        }
        assert_eq!(compared, 8 * 2 * 7 * 3 * 2);
    }

    /// Every record's [`about`] is what the full agenda (its capped nudges included) holds
    /// about it, in the same order: returns how many items that was in all.
    fn about_matches_the_agenda(index: &Index) -> usize {
        let full = build(index, None, &Filter::default());
        let all: Vec<&Item> = full.items.iter().chain(&full.capped).collect();
        let mut seen = 0;
        for doc in &index.docs {
            let mine = |item: &&&Item| match doc.kind {
                Kind::Contact => item.id == doc.id,
                _ => item.path == doc.path,
            };
            let mut expected: Vec<Item> = all.iter().filter(mine).map(|&i| i.clone()).collect();
            expected.sort_by_cached_key(order);
            let got = about(index, doc);
            assert_eq!(got, expected, "{} on {}", doc.path, index.today());
            let keys = |items: &[Item]| items.iter().map(Item::key).collect::<Vec<_>>();
            assert_eq!(keys(&got), keys(&expected));
            seen += got.len();
        }
        seen
    }

    #[test]
    fn items_made_on_every_core_are_those_of_one_pass_after_another() {
        const N: usize = 1500;
        // Enough documents for each pass to be shared among the cores, and for the link
        // tables to be built by threads of their own while the agenda's threads ask for
        // them (the first question builds them, on a fresh index).
        let dir = tempfile::tempdir().unwrap();
        let put = |path: &str, text: String| {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        put("ties.yaml", String::new());
        for i in 0..N {
            let day = 1 + i % 28;
            put(
                &format!("contacts/c{i}.md"),
                format!(
                    "---\nname: C {i}\nreached_out: 2026-10-{day:02}\nnext: 2026-11-{day:02} call\n---\n- [ ] write 📅 2026-11-{day:02}\n"
                ),
            );
            let (month, status) = if i % 2 == 0 {
                (10, "done")
            } else {
                (12, "planned")
            };
            put(
                &format!("chats/2026-{month}-{day:02}-c{i}.md"),
                format!(
                    "---\nwith: [c{i}, c{}]\ndate: 2026-{month}-{day:02}\nstatus: {status}\n---\n- [ ] notes 📅 2026-11-{day:02}\n",
                    (i + 1) % N
                ),
            );
        }
        let now = crate::model::time::parse_date("2026-11-20")
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let made = |on_every_core: bool| {
            let index = crate::notebook::load(dir.path(), now).unwrap();
            let docs: Vec<&Document> = index.docs.iter().collect();
            let mut b = Builder::new(&index, until(&index, Some(400)));
            if on_every_core {
                b.generate_on_every_core(&docs);
            } else {
                b.generate(&docs);
            }
            b.items
        };
        let shared = made(true);
        let one_by_one = made(false);
        assert!(one_by_one.len() > 3 * N, "{} items only", one_by_one.len());
        assert_eq!(shared, one_by_one);
    }

    #[test]
    fn about_a_record_is_its_part_of_the_agenda_for_every_record() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-notebook");
        let mut kinds = std::collections::BTreeSet::new();
        let mut total = 0;
        // Days around the notebook's chats and events, so that every group and most kinds
        // (nudges, capped ones too) turn up.
        for day in [
            "2026-07-16",
            "2026-09-25",
            "2026-10-30",
            "2026-11-14",
            "2026-11-21",
            "2026-11-26",
            "2027-03-01",
        ] {
            let now = crate::model::time::parse_date(day)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap();
            let index = crate::notebook::load(&root, now).unwrap();
            total += about_matches_the_agenda(&index);
            let full = build(&index, None, &Filter::default());
            kinds.extend(full.items.iter().chain(&full.capped).map(|i| i.kind));
        }
        assert!(total > 50, "{total} items only");
        for kind in [
            ItemKind::FollowUp,
            ItemKind::ThankYou,
            ItemKind::Prepare,
            ItemKind::Task,
            ItemKind::Reconnect,
            ItemKind::Event,
            ItemKind::Goal,
            ItemKind::EventFollowUp,
        ] {
            assert!(kinds.contains(&kind), "no {kind:?} in {kinds:?}");
        }
    }

    #[test]
    fn about_a_record_in_a_notebook_of_corner_cases() {
        // Two files with one id, a contact named like a goal, a chat naming its contact by
        // title, tasks in chats, events and notes, and a cap of one nudge per kind.
        let files: &[(&str, &str)] = &[
            (
                "contacts/ada.md",
                "---\nname: Ada\nreached_out: 2026-11-10\nnext: 2026-11-22 call\n---\n- [ ] send cv 📅 2026-11-20\n",
            ),
            ("notes/ada.md", "- [ ] ask about ada 📅 2026-11-21\n"),
            (
                "contacts/outreach.md",
                "---\nname: Out Reach\nreached_out: 2026-11-01\nfollowed_up: [2026-11-08, 2026-11-12]\n---\n",
            ),
            (
                "contacts/Bob Stone.md",
                "---\nname: Bob Stone\nlast_contact: 2026-05-01\n---\n",
            ),
            (
                "contacts/cy.md",
                "---\nname: Cy\nstatus: paused\nreached_out: 2026-11-01\n---\n",
            ),
            (
                "chats/2026-11-20-bob.md",
                "---\nwith: [\"[[Bob Stone]]\", ada]\ndate: 2026-11-20\nstatus: done\n---\n- [ ] send notes 📅 2026-11-23\n",
            ),
            (
                "chats/2026-11-24-ada.md",
                "---\nwith: [ada]\ndate: 2026-11-24\n---\n## Questions\n- one\n",
            ),
            (
                "events/meetup.md",
                "---\nname: Meetup\ndate: 2026-11-19\nmet: [ada, \"Bob Stone\", cy]\n---\n- [ ] post photos 📅 2026-11-22\n",
            ),
            (
                "events/conf.md",
                "---\nname: Conf\ndate: 2026-11-25\ngoal: 3\n---\n",
            ),
            (
                "companies/acme.md",
                "---\nname: Acme\nstatus: target\n---\n",
            ),
            (
                "companies/zeta.md",
                "---\nname: Zeta\nstatus: target\n---\n",
            ),
        ];
        let yaml = "rules:\n  nudges_per_kind: 1\ngoals:\n  warm_contacts: 2\n  weekly: { outreach: 5, chats: 2, events: 1 }\n";
        let mut index = crate::assist::fixture::index_with(yaml, files);
        let now = crate::model::time::parse_date("2026-11-21")
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        index.set_now(now);
        let full = build(&index, None, &Filter::default());
        assert!(!full.capped.is_empty(), "the cap leaves nudges out");
        assert!(about_matches_the_agenda(&index) > 8);
    }

    /// The grace counts from the notebook's first dated record, wherever it is written: on a
    /// contact, in a chat with them (done or not), in an event that met them.
    #[test]
    fn the_grace_begins_at_the_earliest_date_in_the_notebook() {
        let first = |files: &[(&str, &str)]| {
            let mut index = crate::assist::fixture::index_with("", files);
            let now = crate::model::time::parse_date("2026-12-08")
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap();
            index.set_now(now);
            Builder::new(&index, until(&index, None)).in_grace()
        };
        let day = |s| Some(crate::model::time::parse_date(s).unwrap());
        let ada = (
            "contacts/ada.md",
            "---\nname: Ada\nreached_out: 2026-12-05\n---\n",
        );
        assert_eq!(first(&[ada]), day("2026-12-05"));
        let replied = (
            "contacts/bo.md",
            "---\nname: Bo\nreplied: 2026-12-03\n---\n",
        );
        assert_eq!(first(&[ada, replied]), day("2026-12-03"));
        let chat = (
            "chats/2026-12-04-ada.md",
            "---\nwith: [ada]\ndate: 2026-12-04\nstatus: done\n---\n",
        );
        assert_eq!(first(&[ada, chat]), day("2026-12-04"));
        let planned = (
            "chats/2026-12-03-ada.md",
            "---\nwith: [ada]\ndate: 2026-12-03\nstatus: planned\n---\n",
        );
        assert_eq!(first(&[ada, planned]), day("2026-12-03"));
        let event = (
            "events/meetup.md",
            "---\nname: Meetup\ndate: 2026-12-02\nmet: [ada]\n---\n",
        );
        assert_eq!(first(&[ada, chat, event]), day("2026-12-02"));
        // Older than the grace of 7 days: the notebook is past it.
        let old = (
            "chats/2026-11-20-ada.md",
            "---\nwith: [ada]\ndate: 2026-11-20\nstatus: done\n---\n",
        );
        assert_eq!(first(&[ada, old]), None);
    }

    #[test]
    fn relative_days() {
        let d = |s| crate::model::time::parse_date(s).unwrap();
        assert_eq!(relative(d("2026-11-21"), d("2026-11-18")), "3 days overdue");
        assert_eq!(relative(d("2026-11-21"), d("2026-11-20")), "1 day overdue");
        assert_eq!(relative(d("2026-11-21"), d("2026-11-21")), "today");
        assert_eq!(relative(d("2026-11-21"), d("2026-11-23")), "in 2 days");
    }

    #[test]
    fn thank_you_from_a_bare_date_is_due_next_day() {
        let day = crate::model::time::parse_date("2026-11-20").unwrap();
        let due = |when, within| thank_you_due(when, None, within).iso();
        assert_eq!(due(When::Date(day), Duration::days(1)), "2026-11-21");
        assert_eq!(
            due(When::Date(day), Duration::minutes(12 * 60)),
            "2026-11-20T12:00"
        );
        let at = When::parse("2026-11-20 14:30").unwrap();
        assert_eq!(due(at, Duration::days(1)), "2026-11-21T14:30");
        let end = When::parse("2026-11-20 15:30").unwrap().start();
        assert_eq!(
            thank_you_due(at, Some(end), Duration::days(1)).iso(),
            "2026-11-21T15:30",
            "from the chat's end"
        );
        let last = When::parse("9999-12-31 23:00").unwrap();
        assert_eq!(due(last, Duration::days(1)), "+10000-01-01T23:00");
        let max = When::DateTime(chrono::NaiveDateTime::MAX);
        assert_eq!(
            thank_you_due(max, None, Duration::days(1)),
            max,
            "saturates instead of overflowing"
        );
    }
}
