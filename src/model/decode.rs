//! Reading typed fields out of a front-matter mapping. Each reader returns what it could
//! read and records a finding for what it could not, so a record with one bad value still
//! contributes every good one.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;

use crate::findings::{Address, DateForm, Finding, Problem};
use crate::model::conventions::{self, Conventions};
use crate::model::id::Id;
use crate::model::time::{self, Birthday, Duration, When};
use crate::span::{Span, Spanned};
use crate::yaml::{Node, Value};

/// An enumerated value written by name (`role: developer`), compared case-insensitively.
pub(crate) trait Choice: Sized + Copy + 'static {
    const NAMES: &'static [&'static str];
    fn from_index(i: usize) -> Self;

    fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::NAMES
            .iter()
            .position(|n| n.eq_ignore_ascii_case(text))
            .map(Self::from_index)
    }
}

/// Defines an enum whose variants are written in the notebook as the given names.
macro_rules! choice_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub(crate) enum $name { $($variant),+ }

        impl $crate::model::decode::Choice for $name {
            const NAMES: &'static [&'static str] = &[$($text),+];
            fn from_index(i: usize) -> Self {
                const ALL: &[$name] = &[$($name::$variant),+];
                ALL[i]
            }
        }

        impl $name {
            /// Every value, in the order of its names.
            #[allow(dead_code, reason = "not every choice is listed in full somewhere")]
            pub(crate) const ALL: &'static [Self] = &[$($name::$variant),+];

            pub(crate) fn as_str(self) -> &'static str {
                <Self as $crate::model::decode::Choice>::NAMES[self as usize]
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use choice_enum;

/// From this many keys on, [`Fields::new`] finds a repeated key by hashing.
const MANY_KEYS: usize = 32;

/// The keys of one front-matter mapping, read one by one; what is never read is unknown.
pub(crate) struct Fields<'a> {
    kind: &'static str,
    entries: &'a [(Node<'a>, Node<'a>)],
    /// The `ties` key each entry stands for (`Last Contact` → `last_contact`, renamed by
    /// `keys:`); `None` for a key that is not text.
    keys: Vec<Option<Cow<'a, str>>>,
    used: Vec<bool>,
    /// Where "missing key" findings point: the start of the front matter.
    anchor: Span,
    conventions: &'a Conventions,
    pub findings: Vec<Finding>,
}

impl<'a> Fields<'a> {
    /// The entries of a record's front matter, their keys read by the notebook's
    /// `conventions`. Two spellings of one key (`Last Contact` and `last_contact`) are
    /// reported as a duplicate key, and the first one is read, as for a key written twice.
    pub(crate) fn new(
        kind: &'static str,
        entries: &'a [(Node, Node)],
        anchor: Span,
        conventions: &'a Conventions,
    ) -> Self {
        let mut findings = Vec::new();
        let mut used = vec![false; entries.len()];
        let mut keys: Vec<Option<Cow<'a, str>>> = Vec::with_capacity(entries.len());
        // Where each key was first seen, once there are more than a note has: comparing
        // every key with every other would be quadratic in a hostile file of 40 000 keys.
        let mut seen: Option<HashMap<Cow<'a, str>, usize>> = None;
        for (i, (key, _)) in entries.iter().enumerate() {
            let Value::Str(written) = &key.value else {
                keys.push(None);
                continue;
            };
            if conventions.is_own(written) {
                // The vault's own: never read as a `ties` key, never unknown.
                used[i] = true;
                keys.push(None);
                continue;
            }
            let ours = conventions.key(written);
            if keys.len() == MANY_KEYS {
                let index = keys.iter().enumerate();
                seen = Some(index.filter_map(|(j, k)| Some((k.clone()?, j))).collect());
            }
            let first = match &mut seen {
                Some(seen) => match seen.get(&ours) {
                    Some(&j) => Some(j),
                    None => {
                        seen.insert(ours.clone(), i);
                        None
                    }
                },
                None => keys.iter().position(|k| k.as_deref() == Some(&*ours)),
            };
            if let Some(first) = first {
                let first = entries[first].0.value.scalar_text().unwrap_or_default();
                let problem = Problem::SameKey {
                    key: written.to_string(),
                    first,
                    ours: ours.into_owned(),
                };
                findings.push(Finding::new(key.span, problem));
                // Reported once, as the duplicate it is; never read, never "unknown".
                used[i] = true;
                keys.push(None);
            } else {
                keys.push(Some(ours));
            }
        }
        Self {
            kind,
            entries,
            keys,
            used,
            anchor,
            conventions,
            findings,
        }
    }

    /// The entry of `key`: the key as written and its value; an explicit `null` or empty
    /// value counts as absent.
    fn entry(&mut self, key: &str) -> Option<(&'a str, &'a Node<'a>)> {
        let i = self.keys.iter().position(|k| k.as_deref() == Some(key))?;
        self.used[i] = true;
        let entries = self.entries;
        let (written, node) = &entries[i];
        let Value::Str(written) = &written.value else {
            return None;
        };
        (!matches!(node.value, Value::Null)).then_some((written.as_ref(), node))
    }

    /// A record's `name`: required, except where file titles are ids (`ids: title`), where
    /// a missing name is the title. Falls back to the id, so a record is never nameless.
    pub(crate) fn name(&mut self, example: &str, id: &Id) -> String {
        let name = if self.conventions.title_ids() {
            self.string("name").filter(|s| !s.value.trim().is_empty())
        } else {
            self.required_string("name", example)
        };
        name.map_or_else(|| id.to_string(), |s| s.value)
    }

    /// The notebook's conventions, for a reader that needs more than keys (the owner).
    pub(crate) fn conventions(&self) -> &'a Conventions {
        self.conventions
    }

    fn report<T>(&mut self, result: Result<T, Finding>) -> Option<T> {
        result.map_err(|f| self.findings.push(f)).ok()
    }

    /// The value of `key` as `read` reads one value, if the key is there; what `read`
    /// cannot read is reported, naming the key as the user wrote it (`Last Contact`).
    /// A list of one item is that item: Obsidian's list properties write
    /// `Email:\n  - jane@example.com` for one value; an empty list is no value, and two
    /// items or more are still a list where one value belongs (T102).
    fn one<T>(&mut self, key: &str, read: fn(&Node, &str) -> Result<T, Finding>) -> Option<T> {
        let (written, node) = self.entry(key)?;
        let node = match &node.value {
            Value::Seq(items) => {
                let mut values = items.iter().filter(|n| !matches!(n.value, Value::Null));
                match (values.next(), values.next()) {
                    (None, _) => return None,
                    (Some(only), None) => only,
                    _ => node,
                }
            }
            _ => node,
        };
        self.report(read(node, written))
    }

    pub(crate) fn string(&mut self, key: &str) -> Option<Spanned<String>> {
        self.one(key, string)
    }

    pub(crate) fn required_string(&mut self, key: &str, example: &str) -> Option<Spanned<String>> {
        self.required(key, example, |f| {
            f.string(key).filter(|s| !s.value.trim().is_empty())
        })
    }

    /// Reads a required key; if it is absent or empty (and not already reported as
    /// malformed), reports it missing.
    fn required<T>(
        &mut self,
        key: &str,
        example: &str,
        read: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<T> {
        let before = self.findings.len();
        let value = read(self);
        if value.is_none() && self.findings.len() == before {
            self.findings
                .push(missing(self.anchor, key, self.kind, example));
        }
        value
    }

    pub(crate) fn strings(&mut self, key: &str) -> Vec<String> {
        // A bare `tags: foo, bar` is one string that was meant as two: YAML only splits
        // `[foo, bar]` or `- foo` lines. Kept as read, but reported.
        if let Some((written, node)) = self.entry(key)
            && let Value::Str(value) = &node.value
            && value.contains(',')
        {
            let problem = Problem::CommaInOneValue {
                key: written.to_owned(),
                value: value.to_string(),
            };
            self.findings.push(Finding::new(node.span, problem));
        }
        self.list(key, string)
            .into_iter()
            .map(|s| s.value)
            .collect()
    }

    pub(crate) fn id(&mut self, key: &str) -> Option<Spanned<Id>> {
        self.one(key, id)
    }

    /// The ids of a list of records (`with`, `met`, `referrals`). One string of names with
    /// commas (`Derek Wu, Jake Fuchs`), as a vault may hold them, is read as the list it
    /// means, and reported (T109); see [`split_names`].
    pub(crate) fn ids(&mut self, key: &str) -> Vec<Spanned<Id>> {
        if let Some((written, node)) = self.entry(key)
            && let Value::Str(value) = &node.value
            && let Some(names) = split_names(value)
        {
            let problem = Problem::NamesInOneString {
                key: written.to_owned(),
                names: names.iter().map(|(_, n)| (*n).to_owned()).collect(),
            };
            self.findings.push(Finding::new(node.span, problem));
            // Where each name is, if the string is written as it reads (plain or in plain
            // quotes); else the whole string.
            let base = match node.span.end - node.span.start {
                len if len == value.len() => Some(node.span.start),
                len if len == value.len() + 2 => Some(node.span.start + 1),
                _ => None,
            };
            return names
                .into_iter()
                .map(|(at, name)| {
                    let span = base.map_or(node.span, |b| Span::new(b + at, b + at + name.len()));
                    Spanned::new(Id::from_reference(name), span)
                })
                .collect();
        }
        self.list(key, id)
    }

    pub(crate) fn required_ids(&mut self, key: &str, example: &str) -> Vec<Spanned<Id>> {
        self.required(key, example, |f| {
            Some(f.ids(key)).filter(|ids| !ids.is_empty())
        })
        .unwrap_or_default()
    }

    pub(crate) fn date(&mut self, key: &str) -> Option<Spanned<NaiveDate>> {
        self.one(key, date)
    }

    pub(crate) fn dates(&mut self, key: &str) -> Vec<Spanned<NaiveDate>> {
        self.list(key, |node, key| date_of(node, key, DateForm::Dates))
    }

    /// `MM-DD` or a date (see [`time::Birthday`]).
    pub(crate) fn birthday(&mut self, key: &str) -> Option<Birthday> {
        self.one(key, |node, key| {
            let text = scalar(node, key, "a birthday (MM-DD or YYYY-MM-DD)")?;
            Birthday::parse(&text)
                .ok_or_else(|| invalid_date(node.span, key, &text, DateForm::Birthday))
        })
    }

    pub(crate) fn when(&mut self, key: &str) -> Option<Spanned<When>> {
        self.one(key, when)
    }

    pub(crate) fn required_when(&mut self, key: &str, example: &str) -> Option<Spanned<When>> {
        self.required(key, example, |f| f.when(key))
    }

    pub(crate) fn duration(&mut self, key: &str) -> Option<Spanned<Duration>> {
        self.one(key, duration)
    }

    /// How long a chat lasts: a duration where a bare `m` is minutes ([`Duration::parse_length`]).
    pub(crate) fn length(&mut self, key: &str) -> Option<Spanned<Duration>> {
        self.one(key, |node, key| {
            read_duration(node, key, Duration::parse_length)
        })
    }

    pub(crate) fn choice<T: Choice>(&mut self, key: &str) -> Option<T> {
        self.one(key, choice)
    }

    /// A choice with where it is written, for a rule that points at it.
    pub(crate) fn spanned_choice<T: Choice>(&mut self, key: &str) -> Option<Spanned<T>> {
        self.one(key, |node, key| {
            choice(node, key).map(|v| Spanned::new(v, node.span))
        })
    }

    pub(crate) fn count(&mut self, key: &str) -> Option<u32> {
        self.one(key, count)
    }

    /// `next: "2026-11-24 send portfolio"` or `next: {date: 2026-11-24, action: send portfolio}`.
    pub(crate) fn next_action(&mut self, key: &str) -> Option<NextAction> {
        self.one(key, next_action)
    }

    /// `templates: ["2026-11-21 follow-up"]`: the messages sent with a template.
    pub(crate) fn sent(&mut self, key: &str) -> Vec<Sent> {
        self.list(key, sent)
    }

    pub(crate) fn email(&mut self, key: &str) -> Option<String> {
        self.address(key, Address::Email, is_email)
    }

    /// A web address that must be `http(s)://host…`.
    pub(crate) fn url(&mut self, key: &str) -> Option<String> {
        self.address(key, Address::Url, is_url)
    }

    /// A profile: a handle (`@sam`, `sam-rivera`) or a full URL, which must then be valid.
    pub(crate) fn profile(&mut self, key: &str) -> Option<String> {
        self.address(key, Address::Profile, is_profile)
    }

    /// A string that `valid` accepts; otherwise it is kept and reported (T108, a warning:
    /// the address may still be useful to the user as written).
    fn address(&mut self, key: &str, address: Address, valid: fn(&str) -> bool) -> Option<String> {
        let value = self.string(key)?;
        if !valid(&value.value) {
            let problem = Problem::Malformed {
                key: key.to_owned(),
                value: value.value.clone(),
                address,
            };
            self.findings.push(Finding::new(value.span, problem));
        }
        Some(value.value)
    }

    fn list<T>(&mut self, key: &str, read: fn(&Node, &str) -> Result<T, Finding>) -> Vec<T> {
        let Some((written, node)) = self.entry(key) else {
            return Vec::new();
        };
        let items: Vec<&Node> = match &node.value {
            Value::Seq(items) => items
                .iter()
                .filter(|n| !matches!(n.value, Value::Null))
                .collect(),
            _ => vec![node],
        };
        items
            .into_iter()
            .filter_map(|n| self.report(read(n, written)))
            .collect()
    }

    /// Reports every key that no reader asked for, and returns all findings.
    pub(crate) fn finish(mut self, known: &[&'static str]) -> Vec<Finding> {
        for (((key, value), used), ours) in self.entries.iter().zip(&self.used).zip(&self.keys) {
            // `Position:` with nothing after it, as a template leaves it, holds nothing to
            // lose: no warning. A key that marks the file's kind (`kinds:`) was read for it.
            let marker = ours
                .as_deref()
                .is_some_and(|k| self.conventions.is_marker(k));
            if !used && !marker && !matches!(value.value, Value::Null) {
                let name = key
                    .value
                    .scalar_text()
                    .unwrap_or_else(|| key.value.describe().to_owned());
                self.findings.push(Finding::new(
                    key.span,
                    Problem::UnknownKey {
                        key: name,
                        kind: self.kind,
                        known: known.to_vec(),
                        vault: self.conventions.is_vault(),
                    },
                ));
            }
        }
        self.findings
    }
}

/// The names of one string that lists several, split at its commas (not those inside a
/// `[[link]]`), each with its byte offset in `value`; `None` for one name. Two single words
/// are one name written last name first (`Doe, Jane`, as some people-note plugins name
/// files), not two.
fn split_names(value: &str) -> Option<Vec<(usize, &str)>> {
    let mut names = Vec::new();
    let (mut start, mut depth) = (0, 0usize);
    let bytes = value.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'[' if bytes.get(i + 1) == Some(&b'[') => depth += 1,
            b']' if bytes.get(i + 1) == Some(&b']') => depth = depth.saturating_sub(1),
            b',' if depth == 0 => {
                names.push((start, &value[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    names.push((start, &value[start..]));
    let names: Vec<(usize, &str)> = names
        .into_iter()
        .map(|(at, name)| (at + (name.len() - name.trim_start().len()), name.trim()))
        .filter(|(_, name)| !name.is_empty())
        .collect();
    let one_word = |name: &str| !name.contains(char::is_whitespace) && !name.starts_with("[[");
    match names.as_slice() {
        [] | [_] => None,
        [(_, a), (_, b)] if one_word(a) && one_word(b) => None,
        _ => Some(names),
    }
}

/// A message sent with a template (`ties log … --template`): an entry of `templates`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Sent {
    #[serde(with = "crate::model::compact")]
    pub date: Spanned<NaiveDate>,
    /// The template's name (a file name of `templates/` without `.md`).
    pub template: String,
}

impl std::fmt::Display for Sent {
    /// As written: `2026-11-21 follow-up`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.date.value, self.template)
    }
}

/// A contact's next action.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct NextAction {
    #[serde(with = "crate::model::compact")]
    pub date: Spanned<NaiveDate>,
    pub action: String,
}

impl NextAction {
    /// What to do, as the agenda and `show` word it: "next step" when only a date is given.
    pub(crate) fn what(&self) -> &str {
        if self.action.is_empty() {
            "next step"
        } else {
            &self.action
        }
    }
}

pub(crate) fn string(node: &Node, key: &str) -> Result<Spanned<String>, Finding> {
    node.value
        .scalar_text()
        .map(|s| Spanned::new(s, node.span))
        .ok_or_else(|| wrong_type(node.span, key, "a single value", node.value.describe()))
}

pub(crate) fn id(node: &Node, key: &str) -> Result<Spanned<Id>, Finding> {
    let text = string(node, key)
        .map_err(|_| wrong_type(node.span, key, "an id", node.value.describe()))?;
    Ok(Spanned::new(Id::from_reference(&text.value), node.span))
}

pub(crate) fn date(node: &Node, key: &str) -> Result<Spanned<NaiveDate>, Finding> {
    date_of(node, key, DateForm::Date)
}

fn date_of(node: &Node, key: &str, form: DateForm) -> Result<Spanned<NaiveDate>, Finding> {
    let text = scalar(node, key, "a date (YYYY-MM-DD)")?;
    time::parse_day(&text)
        .map(|d| Spanned::new(d, node.span))
        .ok_or_else(|| invalid_date(node.span, key, &text, form))
}

pub(crate) fn when(node: &Node, key: &str) -> Result<Spanned<When>, Finding> {
    let text = scalar(node, key, "a date or date-time")?;
    When::parse(&text)
        .map(|w| Spanned::new(w, node.span))
        .ok_or_else(|| invalid_date(node.span, key, &text, DateForm::DateTime))
}

pub(crate) fn duration(node: &Node, key: &str) -> Result<Spanned<Duration>, Finding> {
    read_duration(node, key, Duration::parse)
}

fn read_duration(
    node: &Node,
    key: &str,
    parse: fn(&str) -> Option<Duration>,
) -> Result<Spanned<Duration>, Finding> {
    let text = scalar(node, key, "a duration (e.g. 7d)")?;
    parse(&text)
        .map(|d| Spanned::new(d, node.span))
        .ok_or_else(|| {
            let problem = Problem::InvalidDuration {
                key: key.to_owned(),
                value: text.clone(),
            };
            Finding::new(node.span, problem)
        })
}

pub(crate) fn choice<T: Choice>(node: &Node, key: &str) -> Result<T, Finding> {
    let text = scalar(node, key, "one word")?;
    T::parse(&text).ok_or_else(|| {
        let problem = Problem::NotAllowed {
            key: key.to_owned(),
            value: text.clone(),
            allowed: T::NAMES,
        };
        Finding::new(node.span, problem)
    })
}

pub(crate) fn count(node: &Node, key: &str) -> Result<u32, Finding> {
    match node.value {
        Value::Int(i) => u32::try_from(i).map_err(|_| {
            wrong_type(
                node.span,
                key,
                "a whole number of 0 or more",
                "a negative number",
            )
        }),
        _ => Err(wrong_type(
            node.span,
            key,
            "a whole number",
            node.value.describe(),
        )),
    }
}

fn next_action(node: &Node, key: &str) -> Result<NextAction, Finding> {
    if let Value::Map(entries) = &node.value {
        let mut fields = Fields::new("next action", entries, node.span, &conventions::PLAIN);
        let date = fields.date("date");
        let action = fields.string("action").map(|a| a.value).unwrap_or_default();
        let mut findings = fields.finish(&["date", "action"]);
        if !findings.is_empty() {
            return Err(findings.remove(0));
        }
        date.map(|date| NextAction { date, action })
            .ok_or_else(|| missing(node.span, "date", "`next`", "2026-11-24"))
    } else {
        let text = scalar(node, key, "\"YYYY-MM-DD action\" or {date, action}")?;
        let text = text.trim();
        let (day, action) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
        let date = time::parse_day(day)
            .ok_or_else(|| invalid_date(node.span, key, day, DateForm::NextAction))?;
        Ok(NextAction {
            date: Spanned::new(date, node.span),
            action: action.trim().to_owned(),
        })
    }
}

fn sent(node: &Node, key: &str) -> Result<Sent, Finding> {
    const FORM: &str = "\"YYYY-MM-DD template\"";
    let text = scalar(node, key, FORM)?;
    let text = text.trim();
    let (day, name) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    let date =
        time::parse_day(day).ok_or_else(|| invalid_date(node.span, key, day, DateForm::Sent))?;
    if name.trim().is_empty() {
        return Err(wrong_type(
            node.span,
            key,
            FORM,
            "a date without a template",
        ));
    }
    Ok(Sent {
        date: Spanned::new(date, node.span),
        template: name.trim().to_owned(),
    })
}

fn scalar(node: &Node, key: &str, expected: &str) -> Result<String, Finding> {
    match &node.value {
        Value::Str(s) => Ok(s.to_string()),
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
            Ok(node.value.scalar_text().unwrap_or_default())
        }
        other => Err(wrong_type(node.span, key, expected, other.describe())),
    }
}

fn missing(span: Span, key: &str, kind: &str, example: &str) -> Finding {
    let problem = Problem::MissingKey {
        key: key.to_owned(),
        kind: kind.to_owned(),
        example: example.to_owned(),
    };
    Finding::new(span, problem)
}

fn wrong_type(span: Span, key: &str, expected: &str, found: &str) -> Finding {
    let problem = Problem::WrongType {
        key: key.to_owned(),
        expected: expected.to_owned(),
        found: found.to_owned(),
    };
    Finding::new(span, problem)
}

fn invalid_date(span: Span, key: &str, value: &str, form: DateForm) -> Finding {
    let problem = Problem::InvalidDate {
        key: key.to_owned(),
        value: value.to_owned(),
        form,
    };
    Finding::new(span, problem)
}

pub(crate) fn is_email(s: &str) -> bool {
    let s = s.strip_prefix("mailto:").unwrap_or(s);
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !s.contains(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty())
}

/// A handle (`@sam`, `sam-rivera`) or a web address, which must then be a full, valid URL.
pub(crate) fn is_profile(s: &str) -> bool {
    let looks_like_address = s.contains("://") || s.starts_with("www.");
    !s.contains(char::is_whitespace) && (!looks_like_address || is_url(s))
}

/// A profile as a user types it: `www.…` gets its `https://`, so it passes [`is_profile`].
pub(crate) fn normalize_profile(s: &str) -> String {
    if s.starts_with("www.") {
        format!("https://{s}")
    } else {
        s.to_owned()
    }
}

pub(crate) fn is_url(s: &str) -> bool {
    let Some(rest) = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty() && host.contains('.') && !s.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `SameKey` findings of a front matter: (key as written, first spelling).
    fn same_keys(yaml: &str) -> Vec<(String, String)> {
        let parsed = crate::yaml::parse(yaml, Span::new(0, yaml.len())).unwrap();
        let Value::Map(entries) = &parsed.root.value else {
            panic!("not a mapping")
        };
        let fields = Fields::new("contact", entries, Span::new(0, 0), &conventions::PLAIN);
        (fields.findings.iter())
            .filter_map(|f| match &f.problem {
                Problem::SameKey { key, first, .. } => Some((key.clone(), first.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn two_spellings_of_a_key_are_found_in_small_and_large_front_matter() {
        let pair = |a: &str, b: &str| vec![(a.to_owned(), b.to_owned())];
        assert_eq!(
            same_keys("Last Contact: 1\nlast-contact: 2\n"),
            pair("last-contact", "Last Contact")
        );
        let many = (0..40)
            .map(|i| format!("key {i}: x\n"))
            .collect::<Vec<_>>()
            .concat();
        assert_eq!(
            same_keys(&format!("{many}KEY-7: y\n")),
            pair("KEY-7", "key 7")
        );
        assert_eq!(same_keys(&many), Vec::new());
    }

    #[test]
    fn one_string_of_names_splits_at_commas_outside_links() {
        let names = |v| split_names(v).map(|n| n.iter().map(|(_, s)| *s).collect::<Vec<_>>());
        assert_eq!(
            names("Derek Wu, Jake Fuchs,Muli Motola"),
            Some(vec!["Derek Wu", "Jake Fuchs", "Muli Motola"])
        );
        assert_eq!(
            names("[[Wu, Derek]], [[Jake Fuchs|Jake]]"),
            Some(vec!["[[Wu, Derek]]", "[[Jake Fuchs|Jake]]"])
        );
        assert_eq!(names("Doe, Jane"), None, "last name first");
        assert_eq!(names("Ana, Bo, Cy"), Some(vec!["Ana", "Bo", "Cy"]));
        assert_eq!(names("Jane Doe"), None);
        assert_eq!(names("Jane Doe, "), None);
        let at = split_names("Ana Lima,  Bo Berg").unwrap();
        assert_eq!(at, vec![(0, "Ana Lima"), (11, "Bo Berg")]);
    }

    #[test]
    fn emails_and_urls() {
        assert!(is_email("jane.doe@acme.com"));
        assert!(!is_email("jane.doe@acme"));
        assert!(!is_email("jane doe@acme.com"));
        assert!(!is_email("@acme.com"));
        assert!(is_url("https://www.linkedin.com/in/jane"));
        assert!(is_url("http://localhost.dev"));
        assert!(!is_url("acme.com"));
        assert!(!is_url("https://"));
        assert!(is_profile("@sam") && is_profile("https://github.com/sam"));
        assert!(!is_profile("www.linkedin.com/in/sam") && !is_profile("sam rivera"));
        assert!(is_profile(&normalize_profile("www.linkedin.com/in/sam")));
    }
}
