//! A person in the network (`contacts/`).

use chrono::NaiveDate;

use crate::findings::Finding;
use crate::model::decode::{Fields, NextAction, choice_enum};
use crate::model::id::Id;
use crate::model::time::Duration;
use crate::span::{Span, Spanned};
use crate::yaml::Node;

choice_enum!(
    /// For per-company coverage: a developer, a manager and a recruiter at each target.
    Role { Developer = "developer", Manager = "manager", Recruiter = "recruiter", Other = "other" }
);
choice_enum!(
    /// Warm: already in your community; cold: not met yet.
    Warmth { Warm = "warm", Cold = "cold" }
);
choice_enum!(Tie { Strong = "strong", Weak = "weak", Dormant = "dormant" });
choice_enum!(
    /// `paused` and `closed` drop a contact from the agenda.
    ContactStatus { Active = "active", Paused = "paused", Closed = "closed" }
);

#[derive(Clone, Debug)]
pub struct Contact {
    pub name: String,
    pub company: Option<Spanned<Id>>,
    pub title: Option<String>,
    pub role: Option<Role>,
    pub warmth: Option<Warmth>,
    pub tie: Option<Tie>,
    pub source: Option<String>,
    pub introduced_by: Option<Spanned<Id>>,
    pub email: Option<String>,
    pub linkedin: Option<String>,
    pub github: Option<String>,
    pub slack: Option<String>,
    pub twitter: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub location: Option<String>,
    pub timezone: Option<String>,
    pub tags: Vec<String>,
    pub reached_out: Option<Spanned<NaiveDate>>,
    pub followed_up: Vec<Spanned<NaiveDate>>,
    pub replied: Option<Spanned<NaiveDate>>,
    pub next: Option<NextAction>,
    pub stay_in_touch: Option<Duration>,
    pub snooze: Option<NaiveDate>,
    pub status: ContactStatus,
}

impl Contact {
    pub const KEYS: &'static [&'static str] = &[
        "name",
        "company",
        "title",
        "role",
        "warmth",
        "tie",
        "source",
        "introduced_by",
        "email",
        "linkedin",
        "github",
        "slack",
        "twitter",
        "phone",
        "website",
        "location",
        "timezone",
        "tags",
        "reached_out",
        "followed_up",
        "replied",
        "next",
        "stay_in_touch",
        "snooze",
        "status",
    ];

    pub fn decode(entries: &[(Node, Node)], anchor: Span, id: &Id) -> (Self, Vec<Finding>) {
        let mut f = Fields::new("contact", entries, anchor);
        let contact = Self {
            name: f
                .required_string("name", "Jane Doe")
                .map_or_else(|| id.to_string(), |s| s.value),
            company: f.id("company"),
            title: f.string("title").map(|s| s.value),
            role: f.choice("role"),
            warmth: f.choice("warmth"),
            tie: f.choice("tie"),
            source: f.string("source").map(|s| s.value),
            introduced_by: f.id("introduced_by"),
            email: f.email("email"),
            linkedin: f.profile("linkedin"),
            github: f.profile("github"),
            slack: f.profile("slack"),
            twitter: f.profile("twitter"),
            phone: f.string("phone").map(|s| s.value),
            website: f.url("website"),
            location: f.string("location").map(|s| s.value),
            timezone: f.string("timezone").map(|s| s.value),
            tags: f.strings("tags"),
            reached_out: f.date("reached_out"),
            followed_up: f.dates("followed_up"),
            replied: f.date("replied"),
            next: f.next_action("next"),
            stay_in_touch: f.duration("stay_in_touch").map(|d| d.value),
            snooze: f.date("snooze").map(|d| d.value),
            status: f.choice("status").unwrap_or(ContactStatus::Active),
        };
        (contact, f.finish(Self::KEYS))
    }

    pub fn is_active(&self) -> bool {
        self.status == ContactStatus::Active
    }
}
