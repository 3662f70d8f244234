//! Target companies: for each company with `status: target`, how many people you know there
//! per role (developer, manager, recruiter) against `goals.people_per_company`, and what
//! came of them in the period: outreach sent, replies, chats. Companies short of the goal
//! come first (they are where the work is), then the rest, each group by name. Then the
//! number of target companies against `goals.target_companies`.
//!
//! People are counted whatever their stage or status: the goal is to know someone in each
//! role, and a closed contact is still someone you know there.

use std::collections::HashMap;

use crate::index::Index;
use crate::model::contact::Role;
use crate::model::{Contact, Id, Kind, Record};
use crate::period::Period;
use crate::report::{counts_as_chat, reply_date};

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Companies {
    pub period: Period,
    /// `goals.people_per_company`.
    pub goal: RoleCounts,
    pub rows: Vec<CompanyRow>,
    /// Target companies in the notebook, and `goals.target_companies`.
    pub targets: u32,
    pub target_goal: u32,
    /// Target companies with every role at its goal.
    pub covered: u32,
    /// Where companies live (`companies`, a vault's `Organizations`), for the hint when
    /// there is no target yet.
    #[serde(skip)]
    pub folder: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct RoleCounts {
    pub developer: u32,
    pub manager: u32,
    pub recruiter: u32,
}

impl RoleCounts {
    pub(crate) const ROLES: [Role; 3] = [Role::Developer, Role::Manager, Role::Recruiter];

    pub(crate) fn get(&self, role: Role) -> u32 {
        match role {
            Role::Developer => self.developer,
            Role::Manager => self.manager,
            Role::Recruiter => self.recruiter,
            Role::Other => 0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct CompanyRow {
    pub id: Id,
    pub name: String,
    pub roles: RoleCounts,
    /// Everyone there, `role: other` and no role included.
    pub people: u32,
    /// Roles below their goal, in the order developer, manager, recruiter.
    pub missing: Vec<&'static str>,
    /// People there first reached out to in the period (`reached_out`, else a sent message).
    pub outreach: u32,
    /// People there who first answered in the period (`replied`, else their first done chat).
    pub replies: u32,
    /// Done chats (not `message` threads) in the period with at least one person there.
    pub chats: u32,
}

impl CompanyRow {
    pub(crate) fn is_short(&self) -> bool {
        !self.missing.is_empty()
    }
}

/// The id of the contact's company, as its reference resolves.
fn company_of<'a>(index: &'a Index, contact: &'a Contact) -> Option<&'a str> {
    (contact.company.as_ref()).map(|id| index.canonical(Kind::Company, &id.value).as_str())
}

/// What [`build`] counts besides the people per role.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Counting {
    /// The people per role alone, as the agenda's coverage nudges read them: the rows'
    /// outreach, replies and chats are left at 0 (the period is [`Period::ALL`]).
    Roles,
    /// And what came of them in the period: the report.
    Activity(Period),
}

/// The report over `period`.
pub(crate) fn build(index: &Index, period: Period) -> Companies {
    build_counting(index, Counting::Activity(period))
}

/// The report, counting what `counting` says.
pub(crate) fn build_counting(index: &Index, counting: Counting) -> Companies {
    let (period, activity) = match counting {
        Counting::Roles => (Period::ALL, false),
        Counting::Activity(period) => (period, true),
    };
    let settings = &index.settings.goals;
    let goal = RoleCounts {
        developer: settings.people_per_company.developer,
        manager: settings.people_per_company.manager,
        recruiter: settings.people_per_company.recruiter,
    };
    let mut rows: HashMap<&str, CompanyRow> = index
        .companies()
        .filter(|(_, c)| c.is_target())
        .map(|(doc, c)| {
            let row = CompanyRow {
                id: doc.id.clone(),
                name: c.name.clone(),
                roles: RoleCounts::default(),
                people: 0,
                missing: Vec::new(),
                outreach: 0,
                replies: 0,
                chats: 0,
            };
            (doc.id.as_str(), row)
        })
        .collect();
    for (doc, contact) in index.contacts() {
        let Some(row) = company_of(index, contact).and_then(|id| rows.get_mut(id)) else {
            continue;
        };
        row.people += 1;
        match contact.role {
            Some(Role::Developer) => row.roles.developer += 1,
            Some(Role::Manager) => row.roles.manager += 1,
            Some(Role::Recruiter) => row.roles.recruiter += 1,
            Some(Role::Other) | None => {}
        }
        if !activity {
            continue;
        }
        if index
            .outreach(doc.id.as_str(), contact)
            .first()
            .is_some_and(|d| period.contains(*d))
        {
            row.outreach += 1;
        }
        if reply_date(index, doc.id.as_str(), contact).is_some_and(|d| period.contains(d)) {
            row.replies += 1;
        }
    }
    if activity {
        count_chats(index, period, &mut rows);
    }
    let mut rows: Vec<CompanyRow> = rows.into_values().collect();
    for row in &mut rows {
        row.missing = RoleCounts::ROLES
            .into_iter()
            .filter(|&r| row.roles.get(r) < goal.get(r))
            .map(Role::as_str)
            .collect();
    }
    rows.sort_by(|a, b| {
        (!a.is_short(), a.name.to_lowercase(), &a.id).cmp(&(
            !b.is_short(),
            b.name.to_lowercase(),
            &b.id,
        ))
    });
    let covered = rows.iter().filter(|r| !r.is_short()).count();
    Companies {
        period,
        goal,
        targets: u32::try_from(rows.len()).unwrap_or(u32::MAX),
        target_goal: settings.target_companies,
        covered: u32::try_from(covered).unwrap_or(u32::MAX),
        rows,
        folder: (index.settings.conventions)
            .folder(Kind::Company)
            .to_owned(),
    }
}

/// The chats of the period (not `message` threads) with someone at each company of `rows`.
fn count_chats(index: &Index, period: Period, rows: &mut HashMap<&str, CompanyRow>) {
    for (_, chat) in index.chats() {
        if !counts_as_chat(index, chat) || !chat.day().is_some_and(|d| period.contains(d)) {
            continue;
        }
        // One chat with two people from the same company is one chat there.
        let mut at: Vec<&str> = chat
            .with
            .iter()
            .filter_map(|w| {
                match index
                    .target(Kind::Contact, &w.value)
                    .and_then(|d| d.record.as_ref())
                {
                    Some(Record::Contact(c)) => company_of(index, c),
                    _ => None,
                }
            })
            .collect();
        at.sort_unstable();
        at.dedup();
        for company in at {
            if let Some(row) = rows.get_mut(company) {
                row.chats += 1;
            }
        }
    }
}
