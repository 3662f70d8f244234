//! The goals of `ties.yaml` against what the notebook shows. Weekly goals (outreach, chats,
//! events) are counted over the period (this week by default) against the weekly target
//! scaled to the period's length, with a streak of weeks met in a row; `warm_contacts` and
//! `target_companies` are counted over the whole notebook.
//!
//! The streak is taken as of today, whatever the period: the completed ISO weeks met in a
//! row, counting back from last week, plus the current week once it is already met. A week
//! in progress can extend a streak but never break it, so on a Monday the streak is not
//! reset to zero before the week has had a chance.

use std::collections::HashMap;

use chrono::{NaiveDate, TimeDelta};

use crate::index::Index;
use crate::model::contact::Warmth;
use crate::period::{self, Period, Range};
use crate::report::{Counts, Measure, dated_facts};

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Goals {
    /// The period the weekly goals are counted over.
    pub period: Range,
    pub rows: Vec<GoalRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct GoalRow {
    /// `outreach`, `chats`, `events`, `warm_contacts` or `target_companies`: the key in
    /// `ties.yaml`.
    pub goal: &'static str,
    pub cadence: Cadence,
    /// For a weekly goal, what the period holds; otherwise the notebook's total.
    pub count: u32,
    /// For a weekly goal, the weekly target scaled to the period (see [`scaled_target`]).
    pub target: u32,
    pub met: bool,
    /// Weeks met in a row as of today; `None` for totals and for a weekly target of 0
    /// (a goal that is switched off has no streak).
    pub streak: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Cadence {
    Weekly,
    Total,
}

/// The counts of each ISO week (by its Monday) that has any activity.
pub(crate) struct Weeks(HashMap<NaiveDate, Counts>);

impl Weeks {
    /// Counts per ISO week of facts already gathered (one pass over the notebook).
    fn from_facts(facts: &[(NaiveDate, Measure)]) -> Self {
        let mut weeks: HashMap<NaiveDate, Counts> = HashMap::new();
        for &(day, measure) in facts {
            weeks
                .entry(period::week_start(day))
                .or_default()
                .add(measure);
        }
        Self(weeks)
    }

    pub(crate) fn get(&self, monday: NaiveDate) -> Counts {
        self.0.get(&monday).copied().unwrap_or_default()
    }

    /// See the module comment: completed weeks back from last week, plus this week if met.
    pub(crate) fn streak(&self, measure: Measure, target: u32, today: NaiveDate) -> Option<u32> {
        if target == 0 {
            return None;
        }
        let this_week = period::week_start(today);
        let met = |monday| self.get(monday).get(measure) >= target;
        let mut streak = u32::from(met(this_week));
        let mut week = this_week;
        // Ends at the first week short of the target; weeks before the first fact are empty.
        loop {
            week = match week.checked_sub_signed(TimeDelta::days(7)) {
                Some(w) => w,
                None => break,
            };
            if !met(week) {
                break;
            }
            streak += 1;
        }
        Some(streak)
    }
}

/// A weekly target over `days` days: `weekly × days / 7`, rounded up, so a week asks for
/// exactly the weekly target and a 30-day month for 13 outreach messages at 3 a week.
pub(crate) fn scaled_target(weekly: u32, days: i64) -> u32 {
    let days = u64::try_from(days.max(0)).unwrap_or(0);
    u32::try_from((u64::from(weekly) * days).div_ceil(7)).unwrap_or(u32::MAX)
}

/// What a weekly goal asks for by the start of `today`: the target over the days of the
/// week already gone (Monday to yesterday), scaled as a report over those days would scale
/// it ([`scaled_target`]). A goal is behind pace when this week's count so far is below it,
/// so Monday never is, and at 3 a week Saturday expects all 3.
pub(crate) fn pace(weekly: u32, today: NaiveDate) -> u32 {
    scaled_target(weekly, (today - period::week_start(today)).num_days())
}

/// What counts toward each goal of `ties.yaml`, in the words the agenda's nudges use.
pub(crate) fn what_counts(goal: &str) -> &'static str {
    match goal {
        "outreach" => "a first message to someone (`reached_out`, or a first sent message)",
        "chats" => "a done chat that is a conversation, not a `message` thread",
        "events" => "an event held this week (a file in events/)",
        "warm_contacts" => "contacts with `warmth: warm`",
        _ => "companies with `status: target`",
    }
}

/// The contacts marked `warmth: warm`: what the goal `warm_contacts` counts.
pub(crate) fn warm_contacts(index: &Index) -> u32 {
    let warm = index
        .contacts()
        .filter(|(_, c)| c.warmth == Some(Warmth::Warm))
        .count();
    u32::try_from(warm).unwrap_or(u32::MAX)
}

/// The goals over `period`, whose open ends default to this week's.
pub(crate) fn build(index: &Index, period: Period) -> Goals {
    let range = period.bounded(period::week_range(index.today()));
    let facts = dated_facts(index);
    let weeks = Weeks::from_facts(&facts);
    let mut counts = Counts::default();
    for &(day, measure) in &facts {
        if range.contains(day) {
            counts.add(measure);
        }
    }
    let goals = &index.settings.goals;
    let weekly = |goal, measure, target_per_week| {
        let target = scaled_target(target_per_week, range.days());
        let count = counts.get(measure);
        GoalRow {
            goal,
            cadence: Cadence::Weekly,
            count,
            target,
            met: count >= target,
            streak: weeks.streak(measure, target_per_week, index.today()),
        }
    };
    let total = |goal, count, target| GoalRow {
        goal,
        cadence: Cadence::Total,
        count,
        target,
        met: count >= target,
        streak: None,
    };
    let targets = index.companies().filter(|(_, c)| c.is_target()).count();
    let rows = vec![
        weekly("outreach", Measure::Outreach, goals.weekly.outreach),
        weekly("chats", Measure::Chat, goals.weekly.chats),
        weekly("events", Measure::Event, goals.weekly.events),
        total("warm_contacts", warm_contacts(index), goals.warm_contacts),
        total(
            "target_companies",
            u32::try_from(targets).unwrap_or(u32::MAX),
            goals.target_companies,
        ),
    ];
    Goals {
        period: range,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_scale_with_the_period() {
        assert_eq!(scaled_target(3, 7), 3);
        assert_eq!(scaled_target(3, 30), 13);
        assert_eq!(scaled_target(1, 31), 5);
        assert_eq!(scaled_target(3, 1), 1);
        assert_eq!(scaled_target(0, 30), 0);
        assert_eq!(scaled_target(3, 364), 156);
    }

    #[test]
    fn pace_counts_the_days_already_gone() {
        let d = |s| crate::model::time::parse_date(s).unwrap();
        assert_eq!(pace(3, d("2026-11-16")), 0, "Monday");
        assert_eq!(pace(3, d("2026-11-17")), 1, "Tuesday");
        assert_eq!(pace(3, d("2026-11-19")), 2, "Thursday");
        assert_eq!(pace(3, d("2026-11-21")), 3, "Saturday");
        assert_eq!(pace(1, d("2026-11-17")), 1);
        assert_eq!(pace(0, d("2026-11-22")), 0);
    }
}
