//! Adoption: the first agendas of notes kept long before `ties` read them. A vault that
//! tracks `last_contact` has a year of reconnects due on the day it is adopted, and every
//! migrated notebook is behind on goals it never had. With `since:` in `ties.yaml` (the
//! day you started, which `ties init --adopt` writes), what fell due before that day waits
//! behind `ties agenda --all` but for a handful, the latest, and the goal and coverage
//! nudges start after a week of use. Without `since:` nothing changes.

use chrono::{NaiveDate, TimeDelta};

use crate::agenda::{Item, ItemKind};

/// How many items from before `since` the agenda still shows: the latest due.
pub(crate) const SHOWN: usize = 5;

/// How long after `since` the goal and coverage nudges start.
const SETTLING_DAYS: i64 = 7;

/// `items` (in the agenda's order) as the agenda shows them since `since`, and those it
/// holds back: the items due before `since` but the [`SHOWN`] latest of them, and, in the
/// first week, the goal and coverage nudges (not counted as held: they are not due).
pub(crate) fn hold_back(
    items: Vec<Item>,
    since: Option<NaiveDate>,
    today: NaiveDate,
) -> (Vec<Item>, Vec<Item>) {
    let Some(since) = since else {
        return (items, Vec::new());
    };
    let settling = TimeDelta::try_days(SETTLING_DAYS)
        .and_then(|d| since.checked_add_signed(d))
        .is_some_and(|start| today < start);
    let before: Vec<usize> = (items.iter().enumerate())
        .filter(|(_, i)| i.due.date() < since && !i.kind.is_nudge())
        .map(|(at, _)| at)
        .collect();
    // The agenda's order is by due date: the last ones are the latest.
    let held_from = before.len().saturating_sub(SHOWN);
    let held: std::collections::HashSet<usize> = before[..held_from].iter().copied().collect();
    let mut shown = Vec::with_capacity(items.len());
    let mut back = Vec::new();
    for (at, item) in items.into_iter().enumerate() {
        if held.contains(&at) {
            back.push(item);
        } else if !(settling && matches!(item.kind, ItemKind::Goal | ItemKind::Coverage)) {
            shown.push(item);
        }
    }
    (shown, back)
}

/// The line under the agenda that says how many items wait, if any.
pub(crate) fn more(held: usize) -> Option<String> {
    (held > 0).then(|| format!("… and {held} more from before you started — ties agenda --all"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agenda::Group;
    use crate::model::Id;
    use crate::model::time::When;

    fn item(kind: ItemKind, due: &str) -> Item {
        let day = crate::model::time::parse_date(due).unwrap();
        let (id, path) = (Id::new(due), String::new());
        Item {
            group: Group::Overdue,
            ..Item::new(
                day,
                When::Date(day),
                kind,
                id,
                String::new(),
                path,
                String::new(),
            )
        }
    }

    #[test]
    fn before_since_only_the_latest_few_show_and_goals_wait_a_week() {
        let day = |s| crate::model::time::parse_date(s).unwrap();
        let mut items: Vec<Item> = (1..=9)
            .map(|d| item(ItemKind::Reconnect, &format!("2026-10-0{d}")))
            .collect();
        items.push(item(ItemKind::FollowUp, "2026-11-02"));
        items.push(item(ItemKind::Goal, "2026-11-03"));
        let since = Some(day("2026-11-01"));
        let (shown, held) = hold_back(items.clone(), since, day("2026-11-03"));
        let ids: Vec<&str> = shown.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "2026-10-05",
                "2026-10-06",
                "2026-10-07",
                "2026-10-08",
                "2026-10-09",
                "2026-11-02"
            ]
        );
        assert_eq!(held.len(), 4);
        assert_eq!(
            more(held.len()).unwrap(),
            "… and 4 more from before you started — ties agenda --all"
        );
        // A week after `since`, the goal nudges are back.
        let (shown, _) = hold_back(items.clone(), since, day("2026-11-08"));
        assert_eq!(shown.last().map(|i| i.kind), Some(ItemKind::Goal));
        // No `since:`, nothing held.
        let (shown, held) = hold_back(items.clone(), None, day("2026-11-03"));
        assert_eq!((shown.len(), held.len()), (items.len(), 0));
        assert_eq!(more(0), None);
    }
}
