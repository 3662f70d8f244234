//! A meetup, conference, hackathon or fair (`events/`), with the people met there.

use chrono::NaiveDate;

use crate::findings::Finding;
use crate::model::decode::{Choice, Fields, choice_enum};
use crate::model::fields::{self, Field, Type, joined, opt, when};
use crate::model::id::Id;
use crate::model::time::When;
use crate::span::Spanned;

choice_enum!(
    #[derive(serde::Serialize, serde::Deserialize)]
    EventKind {
    Meetup = "meetup",
    Conference = "conference",
    Hackathon = "hackathon",
    CareerFair = "career-fair",
    Workshop = "workshop",
    Online = "online",
    Other = "other",
});

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct Event {
    pub name: String,
    #[serde(with = "crate::model::compact")]
    pub date: Option<Spanned<When>>,
    pub kind: Option<EventKind>,
    pub location: Option<String>,
    pub url: Option<String>,
    /// People to meet there.
    pub goal: Option<u32>,
    pub met: Vec<Spanned<Id>>,
    pub tags: Vec<String>,
}

impl Event {
    pub(crate) const KEYS: &'static [&'static str] =
        &fields::keys::<Self, { FIELDS.len() }>(FIELDS);

    pub(crate) fn decode(mut f: Fields, id: &Id) -> (Self, Vec<Finding>) {
        let event = Self {
            name: f.name("Rust Meetup", id),
            date: f.required_when("date", "2026-11-21"),
            kind: f.choice("kind"),
            location: f.string("location").map(|s| s.value),
            url: f.url("url"),
            goal: f.count("goal"),
            met: f.ids("met"),
            tags: f.strings("tags"),
        };
        (event, f.finish(Self::KEYS))
    }

    /// How many people were met: a person listed twice was still met once.
    pub(crate) fn people_met(&self) -> u32 {
        let mut people: Vec<&Id> = self.met.iter().map(|m| &m.value).collect();
        people.sort_unstable();
        people.dedup();
        u32::try_from(people.len()).unwrap_or(u32::MAX)
    }

    pub(crate) fn day(&self) -> Option<NaiveDate> {
        self.date.as_ref().map(|d| d.value.date())
    }
}

pub(crate) type EventField = Field<Event>;

/// The keys of an event, in the spec's order; see [`crate::model::fields`].
pub(crate) const FIELDS: &[EventField] = &[
    EventField::new("name", Type::Text, |e, _| e.name.clone()).hint("Rust Meetup", ""),
    EventField::new("date", Type::When, |e, _| when(e.date.as_ref())).hint("YYYY-MM-DD HH:MM", ""),
    EventField::new("kind", Type::Choice(EventKind::NAMES), |e, _| opt(e.kind)),
    EventField::new("location", Type::Text, |e, _| opt(e.location.as_ref())).hint("Berlin", ""),
    EventField::new("url", Type::Url, |e, _| opt(e.url.as_ref()))
        .hint("https://example.com/rust-meetup", ""),
    EventField::new("goal", Type::Count, |e, _| opt(e.goal)).hint("3", "people to meet there"),
    EventField::new("met", Type::Ids, |e, _| joined(&e.met))
        .hint("[jane-doe]", "people you met there"),
    EventField::new("tags", Type::List, |e, _| fields::list(&e.tags)).hint("[rust]", ""),
];
