//! The overview `ties report` prints without a subcommand: how many records of each kind,
//! the funnel, warm against cold, the weekly goals for the period (this week by default)
//! and the target companies against their goals. Each part is the corresponding report,
//! built the same way, so the overview never disagrees with the detailed reports.

use chrono::NaiveDate;

use crate::index::Index;
use crate::model::contact::Warmth;
use crate::period::Period;
use crate::report::companies::{self, Companies};
use crate::report::funnel::{self, Funnel};
use crate::report::goals::{self, Goals};

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Overview {
    pub today: NaiveDate,
    pub records: Records,
    pub funnel: Funnel,
    pub warmth: WarmthCounts,
    pub goals: Goals,
    pub companies: Companies,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Records {
    pub contacts: u32,
    pub companies: u32,
    pub chats: u32,
    pub events: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct WarmthCounts {
    pub warm: u32,
    pub cold: u32,
    /// Contacts without `warmth`.
    pub unset: u32,
    /// `goals.warm_contacts`.
    pub goal: u32,
}

pub(crate) fn build(index: &Index, period: Period) -> Overview {
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let mut warmth = WarmthCounts {
        warm: 0,
        cold: 0,
        unset: 0,
        goal: index.settings.goals.warm_contacts,
    };
    for (_, contact) in index.contacts() {
        match contact.warmth {
            Some(Warmth::Warm) => warmth.warm += 1,
            Some(Warmth::Cold) => warmth.cold += 1,
            None => warmth.unset += 1,
        }
    }
    Overview {
        today: index.today(),
        records: Records {
            contacts: count(index.contacts().count()),
            companies: count(index.companies().count()),
            chats: count(index.chats().count()),
            events: count(index.events().count()),
        },
        funnel: funnel::build(index, period),
        warmth,
        goals: goals::build(index, period),
        companies: companies::build(index, period),
    }
}
