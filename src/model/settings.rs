//! The notebook's settings, `ties.yaml`: the agenda's rules, the user's goals, how the files
//! are read and which checks to silence. Every key is optional: a bad value is reported
//! (T4xx) and its default used, so a typo in the config never stops the agenda.
//!
//! [`SETTINGS`] is the one table of keys: each row gives a key (dotted: `rules.horizon`),
//! where its value goes (a [`Slot`], which also says its type), its default as written in
//! `ties.yaml`, and one line of docs. The table drives decoding (which keys each section
//! knows, what a value must look like), [`Settings::default`] (each row's default, decoded),
//! the commented `ties.yaml` that `ties init` writes ([`template`]), the list of settings in
//! `docs/format.md` ([`reference`], tested equal) and what an editor completes and shows
//! on hover in `ties.yaml`.
//!
//! A new setting is three edits: its field in a struct below, its row in [`SETTINGS`], and
//! the row the failing test `the_docs_list_every_setting` prints for `docs/format.md`.

use std::sync::LazyLock;

use crate::findings::{Code, Finding, Problem};
use chrono::NaiveDate;

use crate::model::conventions::{self, Conventions, Ids, Ignore, Marker};
use crate::model::time::Duration;
use crate::model::{Kind, decode};
use crate::span::Span;
use crate::yaml::{Node, Value};

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Settings {
    pub rules: Rules,
    pub goals: Goals,
    pub ignore: Vec<Code>,
    /// `folders`, `ids`, `keys`, `ignore`, `kinds` and the `owner`: how the files are read.
    pub conventions: Conventions,
    pub import: Import,
    /// `links:`, if written; see [`Settings::links`].
    pub links: Option<Links>,
    /// `references:`, if written; see [`Settings::references`].
    pub references: Option<References>,
    /// `since:`: the day you started using `ties` on these notes (see the agenda's
    /// adoption cap).
    pub since: Option<NaiveDate>,
}

/// `links:`: what a wiki link to no note is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Links {
    /// A broken link (T204), as in a notebook made by `ties init`.
    Strict,
    /// A note not written yet, as Obsidian takes it: nothing to report, unless the name is
    /// a likely typo of one that exists (T204 with "did you mean").
    Lenient,
}

/// `references:`: what a name in front matter that no record answers to is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum References {
    /// An error (T201), as in a notebook made by `ties init`.
    Strict,
    /// An implicit record by that name (counted by reports, shown by `show`), said once
    /// (T206); a likely typo of an existing name stays T201.
    Implicit,
}

impl Settings {
    /// `links:`, else `strict` with `ids: slug` and `lenient` with `ids: title` (a vault).
    pub(crate) fn links(&self) -> Links {
        self.links.unwrap_or(if self.conventions.title_ids() {
            Links::Lenient
        } else {
            Links::Strict
        })
    }

    /// `references:`, else `strict` with `ids: slug` and `implicit` with `ids: title`.
    pub(crate) fn references(&self) -> References {
        self.references.unwrap_or(if self.conventions.title_ids() {
            References::Implicit
        } else {
            References::Strict
        })
    }
}

/// `import:`: how `ties import` reads other people's exports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Import {
    /// Employers that are no company (Self-employed, Stealth…); `None`: the built-in list.
    pub placeholder_employers: Option<Vec<String>>,
}

/// `rules:`. `Default` is all zeros, the start the table's defaults are decoded onto:
/// [`Settings::default`] holds the defaults.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Rules {
    pub follow_up_after: Duration,
    pub max_follow_ups: u32,
    pub thank_you_within: Duration,
    /// A thank-you this long past due is dropped: the moment has passed.
    pub thank_you_expires: Duration,
    pub stay_in_touch: Duration,
    /// No reconnect for a contact last in touch longer ago than this (unless `tie: strong`):
    /// an old, migrated notebook must not flood the agenda.
    pub dormant_after: Duration,
    pub prepare_questions: u32,
    pub horizon: Duration,
    /// Which nudges (agenda items not tied to a date in a file) are on.
    pub nudges: Nudges,
    /// At most this many items of each nudge kind: nudges must never crowd the list.
    pub nudges_per_kind: u32,
    /// How long after an event the people met there get an `event-follow-up`.
    pub event_follow_up_within: Duration,
    /// No goal or coverage nudge, and no dormant tie to revive, before the notebook is this
    /// old (counted from its first dated record): a new notebook is not nagged on day one.
    pub grace: Duration,
    /// How many dormant ties the agenda offers to revive each week.
    pub revive_per_week: u32,
}

/// `rules.nudges`: each nudge kind switched on or off.
#[allow(
    clippy::struct_excessive_bools,
    reason = "one switch per kind, as `ties.yaml` writes them"
)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Nudges {
    pub goal: bool,
    pub coverage: bool,
    pub event_follow_up: bool,
    pub birthday: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Goals {
    pub target_companies: u32,
    pub people_per_company: PeoplePerCompany,
    pub warm_contacts: u32,
    pub weekly: Weekly,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct PeoplePerCompany {
    pub developer: u32,
    pub manager: u32,
    pub recruiter: u32,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Weekly {
    pub outreach: u32,
    pub chats: u32,
    pub events: u32,
}

/// Where a setting's value goes, which also says what it must be.
#[derive(Clone, Copy)]
pub(crate) enum Slot {
    /// A mapping of the rows whose keys continue this one's (`rules` of `rules.horizon`).
    Section,
    Text(fn(&mut Settings) -> &mut Option<String>),
    Duration(fn(&mut Settings) -> &mut Duration),
    Count(fn(&mut Settings) -> &mut u32),
    Flag(fn(&mut Settings) -> &mut bool),
    /// One of a few words; the settings' value is read and set by the word's position.
    Choice {
        words: &'static [&'static str],
        get: fn(&Settings) -> usize,
        set: fn(&mut Settings, usize),
    },
    /// The folder of records of a kind.
    Folder(Kind),
    /// `keys`: the user's key names and the keys of ties they stand for, or `own`.
    Keys,
    /// `ignore`: `.gitignore` patterns of files not read at all.
    Ignore,
    /// The properties that mark a note as a record of a kind (`kinds.contacts`).
    Marker(Kind),
    /// A date, unset unless written.
    Date(fn(&mut Settings) -> &mut Option<NaiveDate>),
    Names(fn(&mut Settings) -> &mut Option<Vec<String>>),
    Codes(fn(&mut Settings) -> &mut Vec<Code>),
}

/// One key of `ties.yaml`: a row of [`SETTINGS`].
#[derive(Clone, Copy)]
pub(crate) struct Setting {
    /// Dotted from the top: `rules.nudges.birthday`.
    pub key: &'static str,
    pub slot: Slot,
    /// The default as written in `ties.yaml` (decoded, it is [`Settings::default`]'s
    /// value); empty for a setting that is unset unless written.
    pub default: &'static str,
    /// What the setting does, in one line.
    pub doc: &'static str,
    /// For an unset setting: a value to show in the template, and what applies instead.
    pub example: &'static str,
    pub unset: &'static str,
}

impl Setting {
    const fn new(key: &'static str, slot: Slot, default: &'static str, doc: &'static str) -> Self {
        Self {
            key,
            slot,
            default,
            doc,
            example: "",
            unset: "",
        }
    }

    const fn section(key: &'static str, doc: &'static str) -> Self {
        Self::new(key, Slot::Section, "", doc)
    }

    /// A setting with no default value: `example` is shown (commented out) in the template
    /// and `unset` says what applies while it is not written.
    const fn unset(mut self, example: &'static str, unset: &'static str) -> Self {
        self.example = example;
        self.unset = unset;
        self
    }

    /// The last part of the key: what `ties.yaml` writes.
    pub(crate) fn name(&self) -> &'static str {
        self.key.rsplit('.').next().unwrap_or(self.key)
    }

    /// The key of the section the setting is in (`""` at the top).
    pub(crate) fn parent(&self) -> &'static str {
        self.key.rsplit_once('.').map_or("", |(parent, _)| parent)
    }

    pub(crate) fn is_section(&self) -> bool {
        matches!(self.slot, Slot::Section)
    }

    /// What the value must be, as the docs and the editor say it.
    pub(crate) fn ty(&self) -> String {
        match self.slot {
            Slot::Section => "mapping".to_owned(),
            Slot::Text(_) => "text".to_owned(),
            Slot::Duration(_) => "duration (`24h`, `7d`, `2w`, `3mo`)".to_owned(),
            Slot::Count(_) => "whole number".to_owned(),
            Slot::Flag(_) => "`true` \\| `false`".to_owned(),
            Slot::Choice { words, .. } => words
                .iter()
                .map(|w| format!("`{w}`"))
                .collect::<Vec<_>>()
                .join(" \\| "),
            Slot::Folder(_) => {
                "a folder inside the notebook (`People`, `CRM/People`), each kind its own"
                    .to_owned()
            }
            Slot::Keys => {
                "mapping of your key → a key of a record (`{ position: title }`) or `own`"
                    .to_owned()
            }
            Slot::Ignore => "list of `.gitignore` patterns, from the notebook root".to_owned(),
            Slot::Marker(_) => "mapping of a property → a value or a list of values".to_owned(),
            Slot::Date(_) => "date (`YYYY-MM-DD`)".to_owned(),
            Slot::Names(_) => "list of names".to_owned(),
            Slot::Codes(_) => "list of rule codes".to_owned(),
        }
    }

    /// The words a value may be, for a flag or a choice.
    pub(crate) fn words(&self) -> &'static [&'static str] {
        match self.slot {
            Slot::Flag(_) => &["true", "false"],
            Slot::Choice { words, .. } => words,
            _ => &[],
        }
    }

    /// The default as the docs say it.
    pub(crate) fn default_shown(&self) -> String {
        if self.default.is_empty() {
            self.unset.to_owned()
        } else {
            format!("`{}`", self.default)
        }
    }

    /// What an editor shows on hover: the key, what it does, its type and default.
    pub(crate) fn hover(&self) -> String {
        if self.is_section() {
            let keys: Vec<&str> = children(self.key).iter().map(|s| s.name()).collect();
            return format!("`{}`: {}; keys: {}", self.key, self.doc, keys.join(", "));
        }
        format!(
            "`{}`: {}\n\n{}; default: {}",
            self.key,
            self.doc,
            self.ty().replace("\\|", "|"),
            self.default_shown()
        )
    }
}

/// Every key of `ties.yaml`, each section before its keys, in the order the template and
/// the docs list them.
#[rustfmt::skip]
pub(crate) static SETTINGS: &[Setting] = &[
    Setting::new("owner", Slot::Text(|s| &mut s.conventions.owner), "", "your name; ignored in a chat's `with`").unset("Sam Rivera", "none"),
    Setting::section("folders", "the folder of each kind of record"),
    Setting::new("folders.contacts", Slot::Folder(Kind::Contact), "contacts", "the folder of contacts"),
    Setting::new("folders.companies", Slot::Folder(Kind::Company), "companies", "the folder of companies"),
    Setting::new("folders.chats", Slot::Folder(Kind::Chat), "chats", "the folder of chats"),
    Setting::new("folders.events", Slot::Folder(Kind::Event), "events", "the folder of events"),
    Setting::new("ids", IDS, "slug", "`slug`: file names are slugs (`jane-doe.md`); `title`: titles are ids, as in Obsidian"),
    Setting::new("keys", Slot::Keys, "{}", "your key names for keys of ties (`own`: a key of your own, never read), matched like keys in files"),
    Setting::new("ignore", Slot::Ignore, "[]", "files and folders not read at all, as in `.gitignore`; templates and READMEs are never records"),
    Setting::section("kinds", "properties that make a note a record, wherever it is"),
    Setting::new("kinds.contacts", Slot::Marker(Kind::Contact), "", "a property that makes a note a contact").unset("{ categories: \"[[People]]\" }", "none"),
    Setting::new("kinds.companies", Slot::Marker(Kind::Company), "", "a property that makes a note a company").unset("{ type: company }", "none"),
    Setting::new("kinds.chats", Slot::Marker(Kind::Chat), "", "a property that makes a note a chat").unset("{ tags: meeting }", "none"),
    Setting::new("kinds.events", Slot::Marker(Kind::Event), "", "a property that makes a note an event").unset("{ type: event }", "none"),
    Setting::new("links", LINKS, "", "`strict`: a `[[link]]` to no note is broken (T204); `lenient`: a note not written yet").unset("lenient", "`strict`; `lenient` with `ids: title`"),
    Setting::new("references", REFERENCES, "", "`strict`: a name no note answers to is unknown (T201); `implicit`: a record by that name (T206)").unset("implicit", "`strict`; `implicit` with `ids: title`"),
    Setting::new("since", Slot::Date(|s| &mut s.since), "", "the day you started with ties: older items wait behind `ties agenda --all`").unset("2026-11-21", "none"),
    Setting::section("rules", "when the agenda suggests what"),
    Setting::new("rules.follow_up_after", Slot::Duration(|s| &mut s.rules.follow_up_after), "7d", "no reply this long after your last message: follow up"),
    Setting::new("rules.max_follow_ups", Slot::Count(|s| &mut s.rules.max_follow_ups), "2", "this many unanswered follow-ups: move on"),
    Setting::new("rules.thank_you_within", Slot::Duration(|s| &mut s.rules.thank_you_within), "24h", "a thank-you note is due this long after a chat"),
    Setting::new("rules.thank_you_expires", Slot::Duration(|s| &mut s.rules.thank_you_expires), "7d", "a thank-you this long past due leaves the agenda"),
    Setting::new("rules.stay_in_touch", Slot::Duration(|s| &mut s.rules.stay_in_touch), "90d", "reconnect with people you have met this often"),
    Setting::new("rules.dormant_after", Slot::Duration(|s| &mut s.rules.dormant_after), "365d", "no reconnect after this long out of touch (unless `tie: strong`)"),
    Setting::new("rules.prepare_questions", Slot::Count(|s| &mut s.rules.prepare_questions), "5", "questions to have ready before a chat"),
    Setting::new("rules.horizon", Slot::Duration(|s| &mut s.rules.horizon), "7d", "how far ahead the agenda looks"),
    Setting::section("rules.nudges", "reminders from your goals, events and birthdays"),
    Setting::new("rules.nudges.goal", Slot::Flag(|s| &mut s.rules.nudges.goal), "true", "a goal behind this week"),
    Setting::new("rules.nudges.coverage", Slot::Flag(|s| &mut s.rules.nudges.coverage), "true", "a target company without a developer, manager or recruiter"),
    Setting::new("rules.nudges.event_follow_up", Slot::Flag(|s| &mut s.rules.nudges.event_follow_up), "true", "people met at an event to connect with"),
    Setting::new("rules.nudges.birthday", Slot::Flag(|s| &mut s.rules.nudges.birthday), "true", "a contact's birthday"),
    Setting::new("rules.nudges_per_kind", Slot::Count(|s| &mut s.rules.nudges_per_kind), "3", "at most this many of each nudge"),
    Setting::new("rules.event_follow_up_within", Slot::Duration(|s| &mut s.rules.event_follow_up_within), "3d", "connect with people met at an event this soon"),
    Setting::new("rules.grace", Slot::Duration(|s| &mut s.rules.grace), "7d", "no goal or coverage nudges before the notebook's first dated record is this old"),
    Setting::new("rules.revive_per_week", Slot::Count(|s| &mut s.rules.revive_per_week), "2", "dormant ties (`tie: dormant`, or out of touch past `dormant_after`) offered to revive each week"),
    Setting::section("goals", "what you aim for, in `ties report goals` and the nudges"),
    Setting::new("goals.target_companies", Slot::Count(|s| &mut s.goals.target_companies), "5", "companies with `status: target`"),
    Setting::section("goals.people_per_company", "people to know at each target company"),
    Setting::new("goals.people_per_company.developer", Slot::Count(|s| &mut s.goals.people_per_company.developer), "1", "developers at each target company"),
    Setting::new("goals.people_per_company.manager", Slot::Count(|s| &mut s.goals.people_per_company.manager), "1", "managers at each target company"),
    Setting::new("goals.people_per_company.recruiter", Slot::Count(|s| &mut s.goals.people_per_company.recruiter), "1", "recruiters at each target company"),
    Setting::new("goals.warm_contacts", Slot::Count(|s| &mut s.goals.warm_contacts), "4", "contacts with `warmth: warm`"),
    Setting::section("goals.weekly", "what to do each week"),
    Setting::new("goals.weekly.outreach", Slot::Count(|s| &mut s.goals.weekly.outreach), "3", "people to reach out to each week"),
    Setting::new("goals.weekly.chats", Slot::Count(|s| &mut s.goals.weekly.chats), "1", "chats each week"),
    Setting::new("goals.weekly.events", Slot::Count(|s| &mut s.goals.weekly.events), "0", "events each week"),
    Setting::section("checks", "what `ties check` reports"),
    Setting::new("checks.ignore", Slot::Codes(|s| &mut s.ignore), "[]", "rule codes to silence, e.g. `[T106]`; `ties explain` lists them"),
    Setting::section("import", "how `ties import` reads other people's exports"),
    Setting::new("import.placeholder_employers", Slot::Names(|s| &mut s.import.placeholder_employers), "", "employers `ties import` makes no company of").unset("[Self-employed, Freelance, Stealth]", "the list in [import.md](import.md#placeholder-employers)"),
];

/// `ids:` read and written by the word's position.
const IDS: Slot = Slot::Choice {
    words: &["slug", "title"],
    get: |s| s.conventions.ids as usize,
    set: |s, i| s.conventions.ids = [Ids::Slug, Ids::Title][i],
};

/// `links:` by the word's position; unset, what it is follows `ids:`.
const LINKS: Slot = Slot::Choice {
    words: &["strict", "lenient"],
    get: |s| s.links() as usize,
    set: |s, i| s.links = Some([Links::Strict, Links::Lenient][i]),
};

/// `references:` by the word's position; unset, what it is follows `ids:`.
const REFERENCES: Slot = Slot::Choice {
    words: &["strict", "implicit"],
    get: |s| s.references() as usize,
    set: |s, i| s.references = Some([References::Strict, References::Implicit][i]),
};

/// The row of `key` (dotted), if `ties.yaml` has such a key.
pub(crate) fn find(key: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.key == key)
}

/// The rows directly inside the section `parent` (`""`: the top level), in table order.
pub(crate) fn children(parent: &str) -> Vec<&'static Setting> {
    SETTINGS.iter().filter(|s| s.parent() == parent).collect()
}

/// The sections whose keys are named on their own in messages (`horizon`, not
/// `rules.horizon`), as the agenda and the goals report name them.
const NAMED_ALONE: [&str; 3] = ["rules.", "goals.", "import."];

/// How a message names a setting.
fn shown(key: &str) -> &str {
    NAMED_ALONE
        .iter()
        .find_map(|section| key.strip_prefix(section))
        .unwrap_or(key)
}

static DEFAULT: LazyLock<Settings> = LazyLock::new(|| {
    let mut settings = Settings {
        rules: Rules::default(),
        goals: Goals::default(),
        ignore: Vec::new(),
        conventions: Conventions::default(),
        import: Import::default(),
        links: None,
        references: None,
        since: None,
    };
    let mut reader = Reader::default();
    for row in SETTINGS.iter().filter(|s| !s.default.is_empty()) {
        if let Ok(parsed) = crate::yaml::parse(row.default, Span::new(0, row.default.len())) {
            reader.value(&mut settings, row, &parsed.root);
        }
    }
    debug_assert!(reader.findings.is_empty(), "{:?}", reader.findings);
    settings
});

impl Default for Settings {
    /// Every row's default.
    fn default() -> Self {
        DEFAULT.clone()
    }
}

impl Settings {
    /// Reads `ties.yaml` (already split as a whole-file YAML document).
    pub(crate) fn decode(text: &str) -> (Self, Vec<Finding>) {
        let mut settings = Self::default();
        let parsed = match crate::yaml::parse(text, Span::new(0, text.len())) {
            Ok(parsed) => parsed,
            Err(finding) => return (settings, vec![finding]),
        };
        let mut reader = Reader {
            findings: parsed.findings,
            folders: Vec::new(),
        };
        match &parsed.root.value {
            Value::Map(entries) => reader.section(&mut settings, entries, ""),
            Value::Null => {}
            other => {
                let found = other.describe();
                reader.findings.push(Finding::new(
                    parsed.root.span,
                    Problem::NotMapping { found },
                ));
            }
        }
        (settings, reader.findings)
    }
}

#[derive(Default)]
struct Reader {
    findings: Vec<Finding>,
    /// The folders written so far: no two kinds share one.
    folders: Vec<String>,
}

impl Reader {
    /// Reads every entry of the section `parent`; reports unknown keys.
    fn section(&mut self, settings: &mut Settings, entries: &[(Node, Node)], parent: &str) {
        for (key, value) in entries {
            let name = key.value.scalar_text().unwrap_or_default();
            let full = if parent.is_empty() {
                name.clone()
            } else {
                format!("{parent}.{name}")
            };
            match find(&full) {
                Some(row) => {
                    if !matches!(value.value, Value::Null) {
                        self.value(settings, row, value);
                    }
                }
                None => self.findings.push(Finding::new(
                    key.span,
                    Problem::UnknownConfigKey {
                        key: name,
                        section: parent.to_owned(),
                        known: children(parent).iter().map(|s| s.name()).collect(),
                    },
                )),
            }
        }
    }

    /// Reads the value of `row` into `settings`, or reports why it cannot and keeps what
    /// is there.
    fn value(&mut self, settings: &mut Settings, row: &Setting, node: &Node) {
        let key = shown(row.key);
        match row.slot {
            Slot::Section => match &node.value {
                Value::Map(entries) => self.section(settings, entries, row.key),
                other => {
                    let keys: Vec<&str> = children(row.key).iter().map(|s| s.name()).collect();
                    let expected = format!(
                        "a mapping of {}, found {}",
                        keys.join(", "),
                        other.describe()
                    );
                    self.invalid(node.span, key, &expected, "all defaults");
                }
            },
            Slot::Text(slot) => match decode::string(node, key) {
                Ok(text) => *slot(settings) = Some(text.value),
                Err(f) => self.invalid(f.span, key, "text", "none"),
            },
            Slot::Duration(slot) => {
                let slot = slot(settings);
                match decode::duration(node, key) {
                    Ok(d) => *slot = d.value,
                    Err(f) => self.invalid(
                        f.span,
                        key,
                        "a duration such as 24h, 7d, 2w or 3mo",
                        &slot.to_string(),
                    ),
                }
            }
            Slot::Count(slot) => {
                let slot = slot(settings);
                match decode::count(node, key) {
                    Ok(n) => *slot = n,
                    Err(f) => self.invalid(f.span, key, "a whole number", &slot.to_string()),
                }
            }
            // `true` or `false`: YAML 1.2's only booleans (`yes` is text, and a T402).
            Slot::Flag(slot) => {
                let slot = slot(settings);
                match node.value.scalar_text().as_deref() {
                    Some("true") => *slot = true,
                    Some("false") => *slot = false,
                    _ => self.invalid(node.span, key, "true or false", &slot.to_string()),
                }
            }
            Slot::Choice { words, get, set } => {
                let text = node.value.scalar_text();
                match words
                    .iter()
                    .position(|w| Some(*w) == text.as_deref().map(str::trim))
                {
                    Some(i) => set(settings, i),
                    None => {
                        let default = words[get(settings)];
                        self.invalid(node.span, key, &words.join(" or "), default);
                    }
                }
            }
            Slot::Folder(kind) => self.folder(settings, row, kind, node),
            Slot::Keys => {
                let c = &mut settings.conventions;
                c.keys = self.keys(node, &mut c.own);
            }
            Slot::Ignore => settings.conventions.ignore = self.ignore(node),
            Slot::Marker(kind) => self.marker(settings, row, kind, node),
            Slot::Date(slot) => match decode::date(node, key) {
                Ok(day) => *slot(settings) = Some(day.value),
                Err(f) => self.invalid(f.span, key, "a date (YYYY-MM-DD)", "none"),
            },
            Slot::Names(slot) => *slot(settings) = self.names(node, key),
            Slot::Codes(slot) => *slot(settings) = self.codes(node, key),
        }
    }

    fn invalid(&mut self, span: Span, key: &str, expected: &str, default: &str) {
        self.findings.push(invalid(span, key, expected, default));
    }

    /// A relative folder inside the notebook, no other kind's.
    fn folder(&mut self, settings: &mut Settings, row: &Setting, kind: Kind, node: &Node) {
        let folder = node
            .value
            .scalar_text()
            .map(|t| t.trim().trim_end_matches('/').to_owned())
            .filter(|f| {
                !f.is_empty()
                    && !f.starts_with('/')
                    && !f.contains('\\')
                    && f.split('/').all(|p| !p.is_empty() && p != "." && p != "..")
            });
        let default = kind.folder();
        let Some(i) = Kind::RECORDS.iter().position(|k| *k == kind) else {
            return;
        };
        match folder {
            Some(f) if self.folders.contains(&f) => {
                self.invalid(node.span, row.key, "a folder no other kind uses", default);
            }
            Some(f) => {
                // The default folder is no convention of the notebook's own.
                settings.conventions.folders[i] = (f != default).then(|| f.clone());
                self.folders.push(f);
            }
            None => self.invalid(
                node.span,
                row.key,
                "a folder inside the notebook, such as People",
                default,
            ),
        }
    }

    /// A list of strings (a single one is a list of one); `None` and a finding otherwise.
    fn names(&mut self, node: &Node, key: &str) -> Option<Vec<String>> {
        let items: Vec<&Node> = match &node.value {
            Value::Seq(items) => items.iter().collect(),
            _ => vec![node],
        };
        let words: Option<Vec<String>> = items
            .iter()
            .map(|n| decode::string(n, key).ok().map(|s| s.value))
            .collect();
        if words.is_none() {
            self.invalid(node.span, key, "a list of names", "the built-in list");
        }
        words
    }

    /// `keys: { their_key: ties_key }`: each of their keys, normalised, and the key of a
    /// record it stands for; `their_key: own` (or `~`, nothing) keeps a key as the vault's
    /// own, into `own`.
    fn keys(&mut self, node: &Node, own: &mut Vec<String>) -> Vec<(String, String)> {
        let Value::Map(entries) = &node.value else {
            self.invalid(
                node.span,
                "keys",
                "a mapping of your key names to ties keys, e.g. { position: title }",
                "none renamed",
            );
            return Vec::new();
        };
        let known = record_keys();
        let mut keys = Vec::new();
        for (theirs, ours) in entries {
            let theirs = theirs.value.scalar_text().unwrap_or_default();
            let target = match &ours.value {
                Value::Null => Some(OWN.to_owned()),
                value => value
                    .scalar_text()
                    .map(|t| conventions::normalise(&t).into_owned()),
            };
            match target {
                Some(t) if t == OWN => own.push(conventions::normalise(&theirs).into_owned()),
                Some(t) if known.contains(&t.as_str()) => {
                    keys.push((conventions::normalise(&theirs).into_owned(), t));
                }
                _ => {
                    let written = ours.value.scalar_text().unwrap_or_default();
                    let candidates = known.iter().copied().chain([OWN]);
                    let expected = match crate::suggest::did_you_mean(&written, candidates) {
                        Some(OWN) => "`own` (the vault's own key) or a key of a record".to_owned(),
                        closest => format!(
                            "a key of a record, such as `{}`, or `own`",
                            closest.unwrap_or("title")
                        ),
                    };
                    self.invalid(
                        ours.span,
                        &format!("keys.{theirs}"),
                        &expected,
                        "not renamed",
                    );
                }
            }
        }
        keys
    }

    /// `ignore: [Archive/, "*.excalidraw.md"]`: gitignore patterns (one alone is a list of
    /// one); none where one cannot be read.
    fn ignore(&mut self, node: &Node) -> Ignore {
        let items: Vec<&Node> = match &node.value {
            Value::Seq(items) => items.iter().collect(),
            _ => vec![node],
        };
        let mut patterns = Vec::new();
        for item in &items {
            match item.value.scalar_text() {
                Some(pattern) if !pattern.trim().is_empty() => patterns.push(pattern),
                _ => {
                    self.invalid(
                        item.span,
                        "ignore",
                        "a list of file patterns, as in .gitignore: [Archive/, \"*.excalidraw.md\"]",
                        "nothing ignored",
                    );
                    return Ignore::default();
                }
            }
        }
        Ignore::new(patterns).unwrap_or_else(|(i, why)| {
            let span = items.get(i).map_or(node.span, |n| n.span);
            self.invalid(
                span,
                "ignore",
                &format!("a file pattern, as in .gitignore ({why})"),
                "nothing ignored",
            );
            Ignore::default()
        })
    }

    /// `kinds.contacts: { categories: "[[People]]", type: [person, contact] }`: properties
    /// and the values that mark a note as a record of `kind`.
    fn marker(&mut self, settings: &mut Settings, row: &Setting, kind: Kind, node: &Node) {
        let expected = "a mapping of a property to the value that marks the kind, e.g. { categories: \"[[People]]\" }";
        let Value::Map(entries) = &node.value else {
            self.invalid(node.span, row.key, expected, "none");
            return;
        };
        for (property, value) in entries {
            let items: Vec<&Node> = match &value.value {
                Value::Seq(items) => items.iter().collect(),
                _ => vec![value],
            };
            let values: Option<Vec<String>> = (items.iter())
                .map(|n| n.value.scalar_text().map(|t| conventions::marker_value(&t)))
                .filter(|v| v.as_ref().is_none_or(|v| !v.is_empty()))
                .collect();
            match (property.value.scalar_text(), values) {
                (Some(property), Some(values)) if !values.is_empty() => {
                    settings.conventions.kinds.push(Marker {
                        kind,
                        key: conventions::normalise(&property).into_owned(),
                        values,
                    });
                }
                _ => self.invalid(value.span, row.key, expected, "none"),
            }
        }
    }

    fn codes(&mut self, node: &Node, key: &str) -> Vec<Code> {
        let items: Vec<&Node> = match &node.value {
            Value::Seq(items) => items.iter().collect(),
            Value::Map(_) => {
                self.invalid(
                    node.span,
                    key,
                    "a list of rule codes, e.g. [T106]",
                    "none ignored",
                );
                return Vec::new();
            }
            _ => vec![node],
        };
        items
            .into_iter()
            .filter_map(|item| {
                let text = item.value.scalar_text()?;
                let code = Code::parse(&text);
                if code.is_none() {
                    let problem = Problem::UnknownIgnoredCode { code: text };
                    self.findings.push(Finding::new(item.span, problem));
                }
                code
            })
            .collect()
    }
}

/// What `keys:` maps a key of the vault's own to: kept, never read as a `ties` key.
const OWN: &str = "own";

/// Every key of every record kind: what a `keys:` entry may stand for.
fn record_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = (crate::model::Contact::KEYS.iter())
        .chain(crate::model::Company::KEYS)
        .chain(crate::model::Chat::KEYS)
        .chain(crate::model::Event::KEYS)
        .copied()
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn invalid(span: Span, key: &str, expected: &str, default: &str) -> Finding {
    let problem = Problem::InvalidConfigValue {
        key: key.to_owned(),
        expected: expected.to_owned(),
        default: default.to_owned(),
    };
    Finding::new(span, problem)
}

/// Where the comments of the template start, as far as the values leave room.
const COMMENT_COLUMN: usize = 32;

/// `ties.yaml` as `ties init` writes it: every setting at its default, each with its line
/// of docs; a setting with no default commented out with an example.
pub(crate) fn template() -> String {
    let mut out = String::from(
        "# The settings of this notebook. Every key is optional: the values below are the\n\
         # defaults, written out so that you can see them and change them.\n",
    );
    let mut after_block = true;
    for row in children("") {
        let block = row.is_section() && !is_flow(row);
        if block || after_block {
            out.push('\n');
        }
        after_block = block;
        if block {
            let commented = children(row.key).iter().all(|c| c.default.is_empty());
            let hash = if commented { "# " } else { "" };
            line(&mut out, &format!("{hash}{}:", row.name()), row.doc);
            for child in children(row.key) {
                entry(&mut out, child, "  ", hash);
            }
        } else {
            entry(&mut out, row, "", "");
        }
    }
    out
}

/// Whether a section is written on one line (`nudges: { goal: true, coverage: true }`):
/// one inside another whose keys are all of one type, with defaults.
fn is_flow(section: &Setting) -> bool {
    let keys = children(section.key);
    !section.parent().is_empty()
        && keys
            .iter()
            .all(|k| !k.is_section() && !k.default.is_empty() && k.ty() == keys[0].ty())
}

/// One setting of the template, at `indent`; `hash` comments it out.
fn entry(out: &mut String, row: &Setting, indent: &str, hash: &str) {
    let value = if row.is_section() {
        let pairs: Vec<String> = children(row.key)
            .iter()
            .map(|c| format!("{}: {}", c.name(), c.default))
            .collect();
        format!("{{ {} }}", pairs.join(", "))
    } else if row.default.is_empty() {
        return line(
            out,
            &format!("# {indent}{}: {}", row.name(), row.example),
            row.doc,
        );
    } else {
        row.default.to_owned()
    };
    line(
        out,
        &format!("{hash}{indent}{}: {value}", row.name()),
        row.doc,
    );
}

/// `text`, then its comment at [`COMMENT_COLUMN`] (or a space after a longer text).
fn line(out: &mut String, text: &str, doc: &str) {
    out.push_str(text);
    let pad = COMMENT_COLUMN.saturating_sub(text.chars().count()).max(1);
    out.push_str(&" ".repeat(pad));
    out.push_str("# ");
    out.push_str(doc);
    out.push('\n');
}

/// The list of settings in `docs/format.md`: one row per key, with its type, default and
/// what it does.
#[cfg(test)]
fn reference() -> String {
    use std::fmt::Write;
    let mut out = String::from("| key | type | default | what it does |\n|---|---|---|---|\n");
    for row in SETTINGS.iter().filter(|s| !s.is_section()) {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            row.key,
            row.ty(),
            row.default_shown(),
            row.doc
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_is_all_defaults() {
        let (settings, findings) = Settings::decode("");
        assert_eq!(settings, Settings::default());
        assert!(findings.is_empty());
    }

    #[test]
    fn reads_every_key() {
        let text = "owner: Sam\nrules:\n  follow_up_after: 5d\n  max_follow_ups: 3\n  thank_you_within: 12h\n  stay_in_touch: 60d\n  prepare_questions: 6\n  horizon: 2w\ngoals:\n  target_companies: 4\n  people_per_company: { developer: 2, manager: 1, recruiter: 0 }\n  warm_contacts: 5\n  weekly: { outreach: 5, chats: 2, events: 1 }\nchecks:\n  ignore: [T106, t107]\n";
        let (s, findings) = Settings::decode(text);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(s.conventions.owner.as_deref(), Some("Sam"));
        assert_eq!(s.rules.follow_up_after, Duration::days(5));
        assert_eq!(s.rules.max_follow_ups, 3);
        assert_eq!(s.rules.thank_you_within, Duration::minutes(12 * 60));
        assert_eq!(s.rules.horizon, Duration::days(14));
        assert_eq!(s.goals.people_per_company.developer, 2);
        assert_eq!(s.goals.people_per_company.recruiter, 0);
        assert_eq!(
            s.goals.weekly,
            Weekly {
                outreach: 5,
                chats: 2,
                events: 1
            }
        );
        assert_eq!(s.ignore, vec![Code::T106, Code::T107]);
    }

    #[test]
    fn nudges_switch_off_one_by_one_and_bad_ones_are_reported() {
        let text = "rules:\n  nudges: { goal: false, coverage: yes, event_folow_up: true }\n  nudges_per_kind: 1\n  event_follow_up_within: 5d\n";
        let (s, findings) = Settings::decode(text);
        let n = s.rules.nudges;
        assert!(!n.goal && n.coverage && n.event_follow_up, "{n:?}");
        assert_eq!(s.rules.nudges_per_kind, 1);
        assert_eq!(s.rules.event_follow_up_within, Duration::days(5));
        let codes: Vec<Code> = findings.iter().map(Finding::code).collect();
        assert_eq!(codes, vec![Code::T402, Code::T401]);
    }

    #[test]
    fn vault_conventions_are_read_and_bad_ones_reported() {
        let text = "owner: Jane Doe\nfolders: { contacts: People/, chats: CRM/Meetings }\nids: title\nkeys: { Position: title, attendees: With }\n";
        let (s, findings) = Settings::decode(text);
        assert!(findings.is_empty(), "{findings:?}");
        let c = &s.conventions;
        assert_eq!(c.folder(Kind::Contact), "People");
        assert_eq!(c.folder(Kind::Chat), "CRM/Meetings");
        assert_eq!(c.folder(Kind::Company), "companies");
        assert!(c.title_ids());
        assert_eq!(c.owner.as_deref(), Some("Jane Doe"));
        assert_eq!(c.key("POSITION"), "title");
        assert_eq!(c.key("Attendees"), "with");
        let bad = "folders: { contacts: /abs, events: a/../b, people: x }\nids: titles\nkeys: { position: titel, x: [a] }\n";
        let (s, findings) = Settings::decode(bad);
        assert_eq!(s.conventions, Conventions::default());
        let codes: Vec<Code> = findings.iter().map(Finding::code).collect();
        assert_eq!(
            codes,
            [
                Code::T402,
                Code::T402,
                Code::T401,
                Code::T402,
                Code::T402,
                Code::T402
            ]
        );
    }

    #[test]
    fn bad_values_keep_defaults_and_are_reported() {
        let text = "rules:\n  folow_up_after: 5d\n  horizon: a week\ngoals:\n  warm_contacts: many\nchecks:\n  ignore: [T016]\n";
        let (s, findings) = Settings::decode(text);
        assert_eq!(s.rules, Settings::default().rules);
        let codes: Vec<Code> = findings.iter().map(Finding::code).collect();
        assert_eq!(codes, vec![Code::T401, Code::T402, Code::T402, Code::T403]);
        assert!(matches!(
            &findings[0].problem,
            Problem::UnknownConfigKey { key, section, .. } if key == "folow_up_after" && section == "rules"
        ));
    }

    #[test]
    fn every_default_decodes_and_every_key_has_its_section() {
        for row in SETTINGS {
            if !row.default.is_empty() {
                let mut settings = Settings::default();
                let parsed = crate::yaml::parse(row.default, Span::new(0, row.default.len()))
                    .expect(row.key);
                let mut reader = Reader::default();
                reader.value(&mut settings, row, &parsed.root);
                assert!(
                    reader.findings.is_empty(),
                    "{}: {:?}",
                    row.key,
                    reader.findings
                );
            }
            assert!(
                row.parent().is_empty() || find(row.parent()).is_some_and(Setting::is_section),
                "{} has no section row",
                row.key
            );
            assert!(!row.doc.is_empty(), "{} has no docs", row.key);
            assert_eq!(
                row.default.is_empty() && !row.is_section(),
                !row.unset.is_empty(),
                "{}: a setting has a default or says what applies unset",
                row.key
            );
        }
        let keys: Vec<&str> = SETTINGS.iter().map(|s| s.key).collect();
        let mut unique = keys.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), keys.len(), "a key twice");
    }

    #[test]
    fn the_template_shows_every_setting() {
        let text = template();
        // Every setting is in it, the unset ones commented out.
        for row in SETTINGS {
            assert!(text.contains(&format!("{}:", row.name())), "{}", row.key);
        }
        let uncommented = text
            .lines()
            .skip(2)
            .map(|l| l.strip_prefix("# ").unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n");
        let (all, findings) = Settings::decode(&uncommented);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(all.conventions.owner.as_deref(), Some("Sam Rivera"));
        assert!(all.import.placeholder_employers.is_some());
    }

    /// `docs/format.md` lists every setting as the table has it: the failure prints the
    /// list to paste there.
    #[test]
    fn the_docs_list_every_setting() {
        let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/format.md"))
            .expect("docs/format.md");
        let expected = reference();
        assert!(
            docs.contains(&expected),
            "docs/format.md's list of settings differs from the table in src/model/settings.rs; \
             it should be:\n\n{expected}"
        );
        let block = format!("```yaml\n{}```\n", template());
        assert!(
            docs.contains(&block),
            "docs/format.md should show the template `ties init` writes:\n\n{block}"
        );
    }
}
