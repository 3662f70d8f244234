//! `ties list`: the records of one kind as rows of chosen columns, filtered, sorted and cut,
//! e.g. the people met at Acme as a spreadsheet. Filters: `--where key=value` on any
//! front-matter key (or a derived column such as `stage`), `--tag`, `--stage`, `--company`.
//! Values compare case-insensitively, an Obsidian reference `[[acme]]` equals `acme`, a
//! list matches when it holds the value, and `key=` (nothing after `=`) matches records
//! without the key. Pure: rows of typed values; the renderers choose how they look.

use std::cmp::Ordering;

use chrono::NaiveDate;

use crate::document::Document;
use crate::error::Error;
use crate::index::{Index, Stage};
use crate::model::contact::{Role, Warmth};
use crate::model::decode::Choice;
use crate::model::event::EventKind;
use crate::model::time::When;
use crate::model::{Id, Kind, Record};
use crate::report::counts_as_chat;
use crate::yaml::{Node, Value as Yaml};

/// `--where key=value`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Where {
    pub key: String,
    pub value: String,
}

impl Where {
    pub(crate) fn parse(text: &str) -> Result<Self, String> {
        match text.split_once('=') {
            Some((key, value)) if !key.trim().is_empty() => Ok(Self {
                key: key.trim().to_owned(),
                value: value.trim().to_owned(),
            }),
            _ => Err(format!(
                "`{text}` is not a condition; write key=value, e.g. role=developer (key= for records without the key)"
            )),
        }
    }
}

/// `--stage met` (exactly that stage, as the funnel counts) or `--stage met+` (that stage or
/// a later one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct StageFilter {
    pub stage: Stage,
    pub or_later: bool,
}

impl StageFilter {
    pub(crate) fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let (name, or_later) = match text.strip_suffix('+') {
            Some(name) => (name, true),
            None => (text, false),
        };
        Stage::parse(name)
            .map(|stage| Self { stage, or_later })
            .ok_or_else(|| {
                format!(
                    "`{text}` is not a stage{}; use one of: {} (add + for \"or later\", e.g. met+)",
                    crate::suggest::hint(name, Stage::NAMES.iter().copied()),
                    Stage::NAMES.join(", ")
                )
            })
    }

    fn accepts(self, stage: Stage) -> bool {
        if self.or_later {
            stage >= self.stage
        } else {
            stage == self.stage
        }
    }
}

/// `--sort KEY` or `--sort -KEY` (descending).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Sort {
    pub key: String,
    pub descending: bool,
}

impl Sort {
    pub(crate) fn parse(text: &str) -> Self {
        let text = text.trim();
        match text.strip_prefix('-') {
            Some(key) => Self {
                key: key.to_owned(),
                descending: true,
            },
            None => Self {
                key: text.strip_prefix('+').unwrap_or(text).to_owned(),
                descending: false,
            },
        }
    }
}

/// What to list and how.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Options {
    pub wheres: Vec<Where>,
    /// Every tag must be present.
    pub tags: Vec<String>,
    /// Any of them (contacts only).
    pub stages: Vec<StageFilter>,
    pub company: Option<String>,
    pub sort: Option<Sort>,
    pub limit: Option<usize>,
}

/// A cell: typed, so sorting by a date or a count is by value, and JSON keeps numbers numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    Missing,
    Text(String),
    Number(u32),
    Date(NaiveDate),
    When(When),
    Stage(Stage),
    List(Vec<String>),
}

impl Value {
    fn text(s: Option<&str>) -> Self {
        s.map_or(Self::Missing, |s| Self::Text(s.to_owned()))
    }

    fn date(d: Option<NaiveDate>) -> Self {
        d.map_or(Self::Missing, Self::Date)
    }

    fn count(n: usize) -> Self {
        Self::Number(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// The value as every format prints it (lists joined with `, `).
    pub(crate) fn display(&self) -> String {
        match self {
            Self::Missing => String::new(),
            Self::Text(s) => s.clone(),
            Self::Number(n) => n.to_string(),
            Self::Date(d) => d.to_string(),
            Self::When(w) => w.to_string(),
            Self::Stage(s) => s.as_str().to_owned(),
            Self::List(items) => items.join(", "),
        }
    }

    /// Orders two values of one column; missing values are not compared here (they go last).
    fn compare(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Self::Number(a), Self::Number(b)) => a.cmp(b),
            (Self::Date(a), Self::Date(b)) => a.cmp(b),
            (Self::When(a), Self::When(b)) => a.start().cmp(&b.start()),
            (Self::Stage(a), Self::Stage(b)) => a.cmp(b),
            _ => self
                .display()
                .to_lowercase()
                .cmp(&other.display().to_lowercase()),
        }
    }

    fn matches(&self, wanted: &str) -> bool {
        match self {
            Self::Missing => wanted.is_empty(),
            Self::List(items) => items.iter().any(|i| same(i, wanted)),
            other => same(&other.display(), wanted),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Row {
    pub id: Id,
    pub path: String,
    /// One per column of the listing.
    pub values: Vec<Value>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Listing {
    pub kind: Kind,
    pub columns: &'static [&'static str],
    pub rows: Vec<Row>,
}

/// The columns of each kind; the first sorts by default for contacts and companies (name),
/// chats and events sort by date.
pub(crate) fn columns(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Contact => &[
            "id",
            "name",
            "company",
            "role",
            "warmth",
            "stage",
            "reached_out",
            "last",
        ],
        Kind::Company => &["id", "name", "status", "people", "met", "chats", "location"],
        Kind::Chat => &[
            "id",
            "date",
            "kind",
            "status",
            "with",
            "company",
            "questions",
            "thanked",
        ],
        Kind::Event => &["id", "date", "name", "kind", "goal", "met", "location"],
        Kind::Note => &["id"],
    }
}

fn default_sort(kind: Kind) -> &'static str {
    match kind {
        Kind::Contact | Kind::Company => "name",
        Kind::Chat | Kind::Event => "date",
        Kind::Note => "id",
    }
}

pub(crate) fn build(index: &Index, kind: Kind, options: &Options) -> Result<Listing, Error> {
    if !options.stages.is_empty() && kind != Kind::Contact {
        return Err(Error::FilterNotApplicable {
            filter: "--stage",
            kind: kind.folder(),
            applies_to: "contacts",
        });
    }
    if options.company.is_some() && kind == Kind::Company {
        return Err(Error::FilterNotApplicable {
            filter: "--company",
            kind: kind.folder(),
            applies_to: "contacts, chats and events",
        });
    }
    // `--company "Acme Corp"` names the company as a person would: filter by its id.
    let resolved;
    let options = match &options.company {
        Some(company) => {
            resolved = Options {
                company: Some(crate::lookup::resolve(index, Kind::Company, company)?.to_string()),
                ..options.clone()
            };
            &resolved
        }
        None => options,
    };
    let columns = columns(kind);
    let sort = options.sort.clone().unwrap_or(Sort {
        key: default_sort(kind).to_owned(),
        descending: false,
    });
    let Some(sort_at) = columns.iter().position(|c| *c == sort.key) else {
        return Err(Error::UnknownSortKey {
            key: sort.key.clone(),
            kind: kind.folder(),
            hint: crate::suggest::hint(&sort.key, columns.iter().copied()),
            known: columns.join(", "),
        });
    };
    let mut rows: Vec<Row> = index
        .docs
        .iter()
        .filter(|d| d.kind == kind)
        .filter_map(|doc| {
            let values = values(index, doc)?;
            options.accepts(index, doc, columns, &values).then(|| Row {
                id: doc.id.clone(),
                path: doc.path.clone(),
                values,
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        let (x, y) = (&a.values[sort_at], &b.values[sort_at]);
        let by_value = match (x, y) {
            (Value::Missing, Value::Missing) => Ordering::Equal,
            (Value::Missing, _) => Ordering::Greater,
            (_, Value::Missing) => Ordering::Less,
            _ if sort.descending => y.compare(x),
            _ => x.compare(y),
        };
        by_value
            .then_with(|| a.id.cmp(&b.id))
            .then_with(|| a.path.cmp(&b.path))
    });
    if let Some(limit) = options.limit {
        rows.truncate(limit);
    }
    Ok(Listing {
        kind,
        columns,
        rows,
    })
}

impl Options {
    fn accepts(&self, index: &Index, doc: &Document, columns: &[&str], values: &[Value]) -> bool {
        let column = |name: &str| {
            columns
                .iter()
                .position(|c| c.eq_ignore_ascii_case(name))
                .map(|i| &values[i])
        };
        if !self.tags.is_empty() {
            let tags = tags_of(doc);
            if !self
                .tags
                .iter()
                .all(|t| tags.iter().any(|have| same(have, t)))
            {
                return false;
            }
        }
        if !self.stages.is_empty() {
            let Some(Value::Stage(stage)) = column("stage") else {
                return false;
            };
            if !self.stages.iter().any(|f| f.accepts(*stage)) {
                return false;
            }
        }
        if let Some(company) = &self.company
            && !involves_company(index, doc, company)
        {
            return false;
        }
        if self.wheres.is_empty() {
            return true;
        }
        let entries = doc.front_matter();
        // A key as the notebook reads keys: `--where "last contact=…"` finds `Last-Contact`.
        let conventions = &index.settings.conventions;
        self.wheres.iter().all(|w| {
            let wanted = conventions.key(&w.key);
            match entries
                .iter()
                .find(|(k, _)| matches!(&k.value, Yaml::Str(s) if conventions.key(s) == wanted))
            {
                Some((_, value)) => yaml_matches(value, &w.value),
                None => column(&w.key).map_or(w.value.is_empty(), |v| v.matches(&w.value)),
            }
        })
    }
}

fn yaml_matches(node: &Node, wanted: &str) -> bool {
    match &node.value {
        Yaml::Null => wanted.is_empty(),
        Yaml::Seq(items) => items.iter().any(|i| yaml_matches(i, wanted)),
        Yaml::Map(_) => false,
        scalar => scalar.scalar_text().is_some_and(|s| same(&s, wanted)),
    }
}

/// Equal for a user: case-insensitive, and `[[acme]]` / `[[acme|Acme]]` is `acme`.
fn same(have: &str, wanted: &str) -> bool {
    fn norm(s: &str) -> String {
        let s = s.trim();
        let s = s
            .strip_prefix("[[")
            .and_then(|t| t.strip_suffix("]]"))
            .map_or(s, |inner| inner.split('|').next().unwrap_or(inner))
            .trim();
        s.to_lowercase()
    }
    norm(have) == norm(wanted)
}

fn tags_of(doc: &Document) -> &[String] {
    match &doc.record {
        Some(Record::Contact(c)) => &c.tags,
        Some(Record::Company(c)) => &c.tags,
        Some(Record::Chat(c)) => &c.tags,
        Some(Record::Event(e)) => &e.tags,
        None => &[],
    }
}

/// The company of the contact a reference names, as its own reference resolves.
fn company_of<'a>(index: &'a Index, contact: &'a Id) -> Option<&'a Id> {
    match index
        .target(Kind::Contact, contact)
        .and_then(|d| d.record.as_ref())
    {
        Some(Record::Contact(c)) => {
            (c.company.as_ref()).map(|c| index.canonical(Kind::Company, &c.value))
        }
        _ => None,
    }
}

/// A contact working there, a chat with someone working there, an event where someone
/// working there was met.
fn involves_company(index: &Index, doc: &Document, company: &str) -> bool {
    let at = |id: &Id| company_of(index, id).is_some_and(|c| same(c.as_str(), company));
    match &doc.record {
        Some(Record::Contact(_)) => at(&doc.id),
        Some(Record::Chat(c)) => c.with.iter().any(|w| at(&w.value)),
        Some(Record::Event(e)) => e.met.iter().any(|m| at(&m.value)),
        Some(Record::Company(_)) | None => false,
    }
}

/// The row of one document, in the order of [`columns`]; `None` for a file whose front matter
/// could not be read at all (`ties check` reports it).
fn values(index: &Index, doc: &Document) -> Option<Vec<Value>> {
    let id = Value::Text(doc.id.to_string());
    let now = index.now();
    Some(match doc.record.as_ref()? {
        Record::Contact(c) => vec![
            id,
            Value::Text(c.name.clone()),
            Value::text(c.company.as_ref().map(|c| c.value.as_str())),
            Value::text(c.role.map(Role::as_str)),
            Value::text(c.warmth.map(Warmth::as_str)),
            Value::Stage(index.stage(doc.id.as_str(), c)),
            Value::date(c.reached_out.as_ref().map(|d| d.value)),
            Value::date(index.last_interaction(doc.id.as_str(), c)),
        ],
        Record::Company(c) => {
            let people: Vec<(&Document, &crate::model::Contact)> =
                index.people_at(doc.id.as_str()).collect();
            let met = people
                .iter()
                .filter(|(d, p)| index.stage(d.id.as_str(), p) >= Stage::Met)
                .count();
            let mut chats: Vec<&str> = people
                .iter()
                .flat_map(|(d, _)| index.chats_with(d.id.as_str()))
                .filter(|(_, chat)| counts_as_chat(index, chat))
                .map(|(d, _)| d.path.as_str())
                .collect();
            chats.sort_unstable();
            chats.dedup();
            vec![
                id,
                Value::Text(c.name.clone()),
                Value::Text(c.status.as_str().to_owned()),
                Value::count(people.len()),
                Value::count(met),
                Value::count(chats.len()),
                Value::text(c.location.as_deref()),
            ]
        }
        Record::Chat(c) => {
            let mut companies: Vec<String> = Vec::new();
            for w in &c.with {
                if let Some(company) = company_of(index, &w.value)
                    && !companies.iter().any(|c| c == company.as_str())
                {
                    companies.push(company.to_string());
                }
            }
            vec![
                id,
                c.date
                    .as_ref()
                    .map_or(Value::Missing, |d| Value::When(d.value)),
                Value::Text(c.kind.as_str().to_owned()),
                Value::Text(c.status(now).as_str().to_owned()),
                Value::List(c.with.iter().map(|w| w.value.to_string()).collect()),
                if companies.is_empty() {
                    Value::Missing
                } else {
                    Value::List(companies)
                },
                doc.body.questions.map_or(Value::Missing, Value::count),
                Value::date(c.thanked.as_ref().map(|d| d.value)),
            ]
        }
        Record::Event(e) => vec![
            id,
            e.date
                .as_ref()
                .map_or(Value::Missing, |d| Value::When(d.value)),
            Value::Text(e.name.clone()),
            Value::text(e.kind.map(EventKind::as_str)),
            e.goal.map_or(Value::Missing, Value::Number),
            Value::Number(e.people_met()),
            Value::text(e.location.as_deref()),
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_and_stages_parse() {
        assert_eq!(
            Where::parse("role = developer").unwrap(),
            Where {
                key: "role".into(),
                value: "developer".into()
            }
        );
        assert_eq!(Where::parse("tie=").unwrap().value, "");
        assert!(Where::parse("developer").is_err());
        assert!(Where::parse("=x").is_err());
        assert_eq!(
            StageFilter::parse("Met+").unwrap(),
            StageFilter {
                stage: Stage::Met,
                or_later: true
            }
        );
        let err = StageFilter::parse("mett").unwrap_err();
        assert!(err.contains("did you mean `met`"), "{err}");
        assert_eq!(
            Sort::parse("-last"),
            Sort {
                key: "last".into(),
                descending: true
            }
        );
    }

    #[test]
    fn values_match_like_a_user_expects() {
        assert!(same("[[acme]]", "acme"));
        assert!(same("[[acme|Acme Inc]]", "ACME"));
        assert!(same("Developer", "developer"));
        assert!(!same("dev | ops", "dev"));
        assert!(Value::List(vec!["a".into(), "b".into()]).matches("B"));
        assert!(Value::Missing.matches(""));
        assert!(!Value::Missing.matches("x"));
    }
}
