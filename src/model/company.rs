//! An organisation (`companies/`), possibly one of the user's target companies.

use crate::findings::Finding;
use crate::model::decode::{Choice, Fields, choice_enum};
use crate::model::fields::{self, Field, Type, opt};
use crate::model::id::Id;

choice_enum!(
    /// Target companies count against `goals.target_companies`.
    #[derive(serde::Serialize, serde::Deserialize)]
    CompanyStatus { Target = "target", Watching = "watching", NotAFit = "not-a-fit" }
);

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct Company {
    pub name: String,
    /// Other names that find this company in a reference (`[[ACME]]`), as in Obsidian.
    pub aliases: Vec<String>,
    pub status: CompanyStatus,
    /// Your "in": shared interest, you use the product, you know someone, you are local.
    pub r#in: Option<String>,
    pub location: Option<String>,
    pub website: Option<String>,
    pub stack: Vec<String>,
    pub hiring: Vec<String>,
    pub tags: Vec<String>,
}

impl Company {
    pub(crate) const KEYS: &'static [&'static str] =
        &fields::keys::<Self, { FIELDS.len() }>(FIELDS);

    pub(crate) fn decode(mut f: Fields, id: &Id) -> (Self, Vec<Finding>) {
        let company = Self {
            name: f.name("Acme", id),
            aliases: f.strings("aliases"),
            status: f.choice("status").unwrap_or(CompanyStatus::Watching),
            r#in: f.string("in").map(|s| s.value),
            location: f.string("location").map(|s| s.value),
            website: f.url("website"),
            stack: f.strings("stack"),
            hiring: f.strings("hiring"),
            tags: f.strings("tags"),
        };
        (company, f.finish(Self::KEYS))
    }

    pub(crate) fn is_target(&self) -> bool {
        self.status == CompanyStatus::Target
    }
}

pub(crate) type CompanyField = Field<Company>;

/// The keys of a company, in the spec's order; see [`crate::model::fields`].
pub(crate) const FIELDS: &[CompanyField] = &[
    CompanyField::new("name", Type::Text, |c, _| c.name.clone()).hint("Acme", ""),
    CompanyField::new("status", Type::Choice(CompanyStatus::NAMES), |c, _| {
        c.status.as_str().to_owned()
    })
    .hint("", "target counts against your goal"),
    CompanyField::new("in", Type::Text, |c, _| opt(c.r#in.as_ref())).hint(
        "you use their product",
        "your way in: shared interest, product, someone you know, local",
    ),
    CompanyField::new("location", Type::Text, |c, _| opt(c.location.as_ref())).hint("Berlin", ""),
    CompanyField::new("website", Type::Url, |c, _| opt(c.website.as_ref()))
        .hint("https://acme.example", ""),
    CompanyField::new("stack", Type::List, |c, _| fields::list(&c.stack))
        .hint("[dotnet, csharp]", ""),
    CompanyField::new("hiring", Type::List, |c, _| fields::list(&c.hiring))
        .hint("[entry-level, senior]", "growth signals"),
    CompanyField::new("tags", Type::List, |c, _| fields::list(&c.tags)).hint("[fintech]", ""),
    CompanyField::new("aliases", Type::List, |c, _| fields::list(&c.aliases))
        .hint("[Acme Corp]", "other names that find it in a [[link]]"),
];
