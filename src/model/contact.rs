//! A person in the network (`contacts/`).

use chrono::NaiveDate;

use crate::findings::Finding;
use crate::model::decode::{Choice, Fields, NextAction, Sent, choice_enum};
use crate::model::fields::{self, Field, Type, date, id, joined, opt};
use crate::model::id::Id;
use crate::model::time::{Birthday, Duration};
use crate::span::Spanned;

choice_enum!(
    /// For per-company coverage: a developer, a manager and a recruiter at each target.
    #[derive(serde::Serialize, serde::Deserialize)]
    Role { Developer = "developer", Manager = "manager", Recruiter = "recruiter", Other = "other" }
);
/// The words of a job title that tell its role, checked in this order: a "Technical
/// Recruiter" is a recruiter, an "Engineering Manager" a manager, a "Software Engineer" a
/// developer. Documented in docs/import.md.
const ROLE_WORDS: &[(Role, &[&str])] = &[
    (
        Role::Recruiter,
        &[
            "recruiter",
            "recruiting",
            "recruitment",
            "talent",
            "sourcer",
            "sourcing",
            "headhunter",
        ],
    ),
    (
        Role::Manager,
        &[
            "manager",
            "management",
            "director",
            "head",
            "vp",
            "cto",
            "ceo",
            "founder",
            "cofounder",
            "president",
            "chief",
        ],
    ),
    (
        Role::Developer,
        &[
            "engineer",
            "engineering",
            "developer",
            "programmer",
            "swe",
            "sre",
            "devops",
            "architect",
            "coder",
            "scientist",
            "tech",
        ],
    ),
];

/// Words after `HR` that make it a product, not a department: "HR Technology", "HR Systems".
const HR_PRODUCTS: &[&str] = &[
    "technology",
    "technologies",
    "tech",
    "systems",
    "system",
    "software",
    "platform",
    "platforms",
    "product",
    "products",
    "analytics",
    "data",
    "it",
    "tools",
    "solutions",
];

impl Role {
    /// The role a job title implies, by its words (see [`ROLE_WORDS`]); none for a title
    /// without any of them. `ties import` guesses roles with it, and so does a vault whose
    /// own `role` key means something else (`keys: { role: title }`).
    pub(crate) fn of_title(title: &str) -> Option<Self> {
        let lower = title.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        // "HR Business Partner" works in human resources; "Product Manager, HR Technology"
        // builds software for them.
        let human_resources = words.iter().enumerate().any(|(i, w)| {
            *w == "hr"
                && !words
                    .get(i + 1)
                    .is_some_and(|next| HR_PRODUCTS.contains(next))
        });
        if human_resources {
            return Some(Self::Recruiter);
        }
        ROLE_WORDS
            .iter()
            .find(|(_, list)| list.iter().any(|w| words.contains(w)))
            .map(|(role, _)| *role)
            // "Team Lead" leads people; "Tech Lead" and "Lead Engineer" are found above.
            .or_else(|| words.contains(&"lead").then_some(Self::Manager))
    }
}

choice_enum!(
    /// Warm: already in your community; cold: not met yet.
    #[derive(serde::Serialize, serde::Deserialize)]
    Warmth { Warm = "warm", Cold = "cold" }
);
choice_enum!(
    #[derive(serde::Serialize, serde::Deserialize)]
    Tie { Strong = "strong", Weak = "weak", Dormant = "dormant" });
choice_enum!(
    /// `paused` and `closed` drop a contact from the agenda.
    #[derive(serde::Serialize, serde::Deserialize)]
    ContactStatus { Active = "active", Paused = "paused", Closed = "closed" }
);

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct Contact {
    pub name: String,
    /// Other names that find this contact in a reference (`[[Jan]]`), as in Obsidian.
    pub aliases: Vec<String>,
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
    #[serde(with = "crate::model::compact")]
    pub reached_out: Option<Spanned<NaiveDate>>,
    #[serde(with = "crate::model::compact")]
    pub followed_up: Vec<Spanned<NaiveDate>>,
    #[serde(with = "crate::model::compact")]
    pub replied: Option<Spanned<NaiveDate>>,
    /// The last time you were in touch, as a CRM vault keeps it: an interaction.
    #[allow(clippy::struct_field_names, reason = "named as the key users write")]
    #[serde(with = "crate::model::compact")]
    pub last_contact: Option<Spanned<NaiveDate>>,
    pub birthday: Option<Birthday>,
    /// The day an import saw them at a new company: congratulate them.
    #[serde(with = "crate::model::compact")]
    pub job_changed: Option<NaiveDate>,
    pub next: Option<NextAction>,
    pub stay_in_touch: Option<Duration>,
    #[serde(with = "crate::model::compact")]
    pub snooze: Option<NaiveDate>,
    pub status: ContactStatus,
    /// The messages sent to them with a template (`ties log … --template`).
    pub templates: Vec<Sent>,
}

impl Contact {
    pub(crate) const KEYS: &'static [&'static str] =
        &fields::keys::<Self, { FIELDS.len() }>(FIELDS);

    pub(crate) fn decode(mut f: Fields, id: &Id) -> (Self, Vec<Finding>) {
        let title = f.string("title").map(|s| s.value);
        // Where the vault's `role` means something else, `ties`' role comes from the title.
        let inferred = (f.conventions().infers_role())
            .then(|| title.as_deref().and_then(Role::of_title))
            .flatten();
        let contact = Self {
            name: f.name("Jane Doe", id),
            aliases: f.strings("aliases"),
            company: f.id("company"),
            role: f.choice("role").or(inferred),
            title,
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
            last_contact: f.date("last_contact"),
            birthday: f.birthday("birthday"),
            job_changed: f.date("job_changed").map(|d| d.value),
            next: f.next_action("next"),
            stay_in_touch: f.duration("stay_in_touch").map(|d| d.value),
            snooze: f.date("snooze").map(|d| d.value),
            status: f.choice("status").unwrap_or(ContactStatus::Active),
            templates: f.sent("templates"),
        };
        (contact, f.finish(Self::KEYS))
    }

    pub(crate) fn is_active(&self) -> bool {
        self.status == ContactStatus::Active
    }

    /// The days written on the contact itself that you were in touch: `reached_out`,
    /// `followed_up`, `replied` and `last_contact` (chats and events are found elsewhere).
    pub(crate) fn own_dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.reached_out
            .iter()
            .chain(&self.followed_up)
            .chain(&self.replied)
            .chain(&self.last_contact)
            .map(|d| d.value)
    }
}

pub(crate) type ContactField = Field<Contact>;

/// The keys of a contact, in the spec's order; see [`crate::model::fields`].
pub(crate) const FIELDS: &[ContactField] = &[
    ContactField::new("name", Type::Text, |c, _| c.name.clone())
        .hint("Jane Doe", "")
        .synonyms(&["fullname", "contactname", "contact", "person"]),
    ContactField::new("company", Type::Id, |c, _| id(c.company.as_ref()))
        .hint("acme", "the id of a file in companies/")
        .synonyms(&[
            "companyname",
            "organization",
            "organisation",
            "org",
            "employer",
        ]),
    ContactField::new("title", Type::Text, |c, _| opt(c.title.as_ref()))
        .hint("Software Engineer", "")
        .synonyms(&["jobtitle", "position", "headline"]),
    ContactField::new("role", Type::Choice(Role::NAMES), |c, _| opt(c.role)),
    ContactField::new("warmth", Type::Choice(Warmth::NAMES), |c, _| opt(c.warmth))
        .hint("", "warm: already in your community")
        .synonyms(&["warmcold", "warmorcold"]),
    ContactField::new("tie", Type::Choice(Tie::NAMES), |c, _| opt(c.tie))
        .synonyms(&["tiestrength"]),
    ContactField::new("source", Type::Text, |c, _| opt(c.source.as_ref()))
        .hint("RustConf 2026", "how you know them or found them")
        .synonyms(&["howwemet", "howimet", "metat", "foundvia", "foundthrough"]),
    ContactField::new("introduced_by", Type::Id, |c, _| {
        id(c.introduced_by.as_ref())
    })
    .hint("john-roe", "the contact who introduced you")
    .synonyms(&["referredby"]),
    ContactField::new("email", Type::Email, |c, _| opt(c.email.as_ref()))
        .hint("jane@example.com", "")
        .synonyms(&["emailaddress", "mail"]),
    ContactField::new("linkedin", Type::Profile("linkedin.com"), |c, _| {
        opt(c.linkedin.as_ref())
    })
    .hint("https://www.linkedin.com/in/jane-doe", "")
    .synonyms(&["linkedinurl", "linkedinprofile"]),
    ContactField::new("github", Type::Profile("github.com"), |c, _| {
        opt(c.github.as_ref())
    })
    .hint("janedoe", "")
    .synonyms(&["githuburl"]),
    ContactField::new("slack", Type::Profile("slack.com"), |c, _| {
        opt(c.slack.as_ref())
    })
    .hint("\"@jane\"", ""),
    ContactField::new("twitter", Type::Profile("x.com"), |c, _| {
        opt(c.twitter.as_ref())
    })
    .hint("\"@janedoe\"", ""),
    ContactField::new("phone", Type::Text, |c, _| opt(c.phone.as_ref()))
        .hint("+1 555 0100", "")
        .synonyms(&["phonenumber", "mobile", "telephone"]),
    ContactField::new("website", Type::Url, |c, _| opt(c.website.as_ref()))
        .hint("https://janedoe.dev", "")
        .synonyms(&["homepage", "portfolio"]),
    ContactField::new("location", Type::Text, |c, _| opt(c.location.as_ref()))
        .hint("Berlin", "")
        .synonyms(&["city"]),
    ContactField::new("timezone", Type::Text, |c, _| opt(c.timezone.as_ref()))
        .hint("Europe/Berlin", ""),
    ContactField::new("tags", Type::List, |c, _| fields::list(&c.tags))
        .hint("[alumni, dotnet]", "")
        .synonyms(&["tag", "labels"]),
    ContactField::new("reached_out", Type::Date, |c, _| {
        date(c.reached_out.as_ref())
    })
    .hint("YYYY-MM-DD", "first message sent")
    .synonyms(&[
        "datereachedout",
        "reachedouton",
        "outreach",
        "outreachdate",
        "dateofoutreach",
        "contacted",
        "datecontacted",
        "firstcontact",
    ]),
    ContactField::new("followed_up", Type::Dates, |c, _| joined(&c.followed_up))
        .hint("[YYYY-MM-DD]", "follow-ups sent")
        .synonyms(&[
            "followup",
            "followupdate",
            "followupdates",
            "datefollowedup",
            "followedupon",
        ]),
    ContactField::new("replied", Type::Date, |c, _| date(c.replied.as_ref()))
        .hint("YYYY-MM-DD", "they answered")
        .synonyms(&[
            "response",
            "responded",
            "reply",
            "repliedon",
            "responsedate",
            "replydate",
        ]),
    ContactField::new("next", Type::Next, |c, _| {
        c.next.as_ref().map_or_else(String::new, |n| {
            format!("{} {}", n.date.value, n.action)
                .trim_end()
                .to_owned()
        })
    })
    .hint("\"YYYY-MM-DD what to do next\"", "")
    .synonyms(&["nextstep", "nextsteps", "nextaction"]),
    ContactField::new("stay_in_touch", Type::Duration, |c, _| opt(c.stay_in_touch))
        .hint("90d", "reconnect this often"),
    ContactField::new("snooze", Type::Date, |c, _| opt(c.snooze))
        .hint("YYYY-MM-DD", "nothing about them on the agenda before")
        .synonyms(&["snoozeuntil"]),
    ContactField::new("status", Type::Choice(ContactStatus::NAMES), |c, _| {
        c.status.as_str().to_owned()
    }),
    // Keys that vaults and CRMs already keep.
    ContactField::new("aliases", Type::List, |c, _| fields::list(&c.aliases))
        .hint("[Jane, JD]", "other names that find them in a [[link]]")
        .synonyms(&["alias", "nickname", "aka"]),
    ContactField::new("last_contact", Type::Date, |c, _| {
        date(c.last_contact.as_ref())
    })
    .hint("YYYY-MM-DD", "the last time you were in touch")
    .synonyms(&[
        "lastcontact",
        "lastcontacted",
        "lastcontactdate",
        "lastinteraction",
    ]),
    ContactField::new("birthday", Type::Text, |c, _| opt(c.birthday))
        .hint("MM-DD", "or YYYY-MM-DD; on the agenda on the day")
        .synonyms(&["birthdate", "dateofbirth", "bday"]),
    ContactField::new("job_changed", Type::Date, |c, _| opt(c.job_changed))
        .hint("YYYY-MM-DD", "the day an import saw them at a new company")
        .imported(),
    ContactField::new("templates", Type::List, |c, _| sent(&c.templates)).hint(
        "[\"YYYY-MM-DD outreach\"]",
        "messages sent with a template (ties log --template)",
    ),
];

/// `templates` as an export cell: `2026-11-09 outreach; 2026-11-16 follow-up`.
pub(crate) fn sent(entries: &[Sent]) -> String {
    entries
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}
