//! The funnel: how many contacts stopped at each stage (identified → contacted → replied →
//! met → referred), how many reached at least that stage, and the conversion from each
//! stage to the next. With a period it is a cohort: the contacts whose first dated
//! interaction falls in it (stages still as of today), so "of the people I first wrote to in
//! October, how many answered?" has an answer. Contacts only identified have no date and so
//! drop out of a cohort.

use crate::index::{Index, Stage};
use crate::period::Period;
use crate::report::Percent;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Funnel {
    pub period: Period,
    /// Contacts counted (all of them, or the cohort).
    pub contacts: u32,
    /// One row per stage, in order.
    pub stages: Vec<StageRow>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct StageRow {
    pub stage: Stage,
    /// Contacts whose highest stage is this one.
    pub contacts: u32,
    /// Contacts at this stage or a later one.
    pub reached: u32,
    /// Of those that reached this stage, the share that reached the next one; `None` for the
    /// last stage and when nobody reached this one.
    pub conversion: Option<Percent>,
}

pub(crate) fn build(index: &Index, period: Period) -> Funnel {
    let mut at = [0u32; Stage::ALL.len()];
    for (doc, contact) in index.contacts() {
        let id = doc.id.as_str();
        if !period.is_all()
            && !index
                .first_interaction(id, contact)
                .is_some_and(|d| period.contains(d))
        {
            continue;
        }
        at[index.stage(id, contact) as usize] += 1;
    }
    let reached: Vec<u32> = (0..at.len()).map(|i| at[i..].iter().sum()).collect();
    let stages = Stage::ALL
        .iter()
        .enumerate()
        .map(|(i, &stage)| StageRow {
            stage,
            contacts: at[i],
            reached: reached[i],
            conversion: reached
                .get(i + 1)
                .and_then(|&next| Percent::of(next, reached[i])),
        })
        .collect();
    Funnel {
        period,
        contacts: reached[0],
        stages,
    }
}
