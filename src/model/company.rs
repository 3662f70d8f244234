//! An organisation (`companies/`), possibly one of the user's target companies.

use crate::findings::Finding;
use crate::model::decode::{Fields, choice_enum};
use crate::model::id::Id;
use crate::span::Span;
use crate::yaml::Node;

choice_enum!(
    /// Target companies count against `goals.target_companies`.
    CompanyStatus { Target = "target", Watching = "watching", NotAFit = "not-a-fit" }
);

#[derive(Clone, Debug)]
pub struct Company {
    pub name: String,
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
    pub const KEYS: &'static [&'static str] = &[
        "name", "status", "in", "location", "website", "stack", "hiring", "tags",
    ];

    pub fn decode(entries: &[(Node, Node)], anchor: Span, id: &Id) -> (Self, Vec<Finding>) {
        let mut f = Fields::new("company", entries, anchor);
        let company = Self {
            name: f
                .required_string("name", "Acme")
                .map_or_else(|| id.to_string(), |s| s.value),
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

    pub fn is_target(&self) -> bool {
        self.status == CompanyStatus::Target
    }
}
