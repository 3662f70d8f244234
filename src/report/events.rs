//! Events: each event of the period by date, the people met there (`met`) against its `goal`
//! (the domain's "meet 3 new people"). An event on or before today is taken as attended;
//! later ones are listed as upcoming and left out of the totals.

use chrono::NaiveDate;

use crate::index::Index;
use crate::model::Id;
use crate::model::event::EventKind;
use crate::period::Period;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Events {
    pub period: Period,
    pub rows: Vec<EventRow>,
    /// Past events of the period.
    pub attended: u32,
    /// People met at them (a person met at two events counts twice).
    pub people_met: u32,
    /// Past events with a goal, and how many of them reached it.
    pub with_goal: u32,
    pub goals_met: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct EventRow {
    pub id: Id,
    pub date: NaiveDate,
    pub name: String,
    pub kind: Option<&'static str>,
    pub goal: Option<u32>,
    pub met: u32,
    pub result: EventResult,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum EventResult {
    /// Past, and `met` reached the goal.
    GoalMet,
    /// Past, and short of the goal.
    Short,
    /// Past, without a goal.
    NoGoal,
    /// After today.
    Upcoming,
}

impl EventResult {
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            Self::GoalMet => "goal-met",
            Self::Short => "short",
            Self::NoGoal => "no-goal",
            Self::Upcoming => "upcoming",
        }
    }
}

pub(crate) fn build(index: &Index, period: Period) -> Events {
    let mut rows: Vec<EventRow> = index
        .events()
        .filter_map(|(doc, event)| {
            let date = event.day().filter(|d| period.contains(*d))?;
            let met = event.people_met();
            let result = match event.goal {
                _ if date > index.today() => EventResult::Upcoming,
                Some(goal) if met >= goal => EventResult::GoalMet,
                Some(_) => EventResult::Short,
                None => EventResult::NoGoal,
            };
            Some(EventRow {
                id: doc.id.clone(),
                date,
                name: event.name.clone(),
                kind: event.kind.map(EventKind::as_str),
                goal: event.goal,
                met,
                result,
            })
        })
        .collect();
    rows.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let past = || rows.iter().filter(|r| r.result != EventResult::Upcoming);
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Events {
        period,
        attended: count(past().count()),
        people_met: past().map(|r| r.met).sum(),
        with_goal: count(past().filter(|r| r.goal.is_some()).count()),
        goals_met: count(past().filter(|r| r.result == EventResult::GoalMet).count()),
        rows,
    }
}
