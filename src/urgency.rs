//! `ties next`: the one next step. The courses' advice is to "have a clear next step at any
//! point, to avoid overwhelm"; the agenda lists everything, and this ranks it by an urgency
//! made of a few documented parts, each a number of points, so `ties next --explain` can
//! show exactly why one item comes first:
//!
//! - **the kind** of item: how much the moment matters (a thank-you or an answer to a reply
//!   is best sent the same day; a goal nudge can wait): [`base`];
//! - **the date**: 3 points a day overdue (at most 30), 10 when due today, 5 fewer a day
//!   ahead;
//! - **a planned chat or event near**: 25 within 24 hours, 10 within 48;
//! - **the tie**: 10 for `tie: strong`, 5 for `warmth: warm` (people who know you answer);
//! - **a target company**: 10 when the person works at one (`status: target`);
//! - **goal pace**: 5 per outreach, chat or event behind this week's pace.
//!
//! Ties are broken by the agenda's order (due date, then person).

use crate::agenda::{self, Agenda, Group, Item, ItemKind};
use crate::index::Index;
use crate::model::Record;
use crate::model::chat::ChatKind;
use crate::model::contact::{Tie, Warmth};
use crate::period::{self, Period};
use crate::report::goals;

/// One part of an item's urgency.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Part {
    pub points: i32,
    /// Why, in words: "3 days overdue".
    pub why: String,
}

/// An item of the agenda with its urgency.
#[derive(Clone, Debug)]
pub(crate) struct Ranked {
    pub item: Item,
    pub parts: Vec<Part>,
}

impl Ranked {
    pub(crate) fn urgency(&self) -> i32 {
        self.parts.iter().map(|p| p.points).sum()
    }

    /// The one line of why: the parts that raise it most, in words.
    pub(crate) fn because(&self) -> String {
        let mut parts: Vec<&Part> = self.parts.iter().filter(|p| p.points > 0).collect();
        parts.sort_by_key(|p| -p.points);
        parts
            .iter()
            .take(3)
            .map(|p| p.why.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// What `ties next` shows: the `n` most urgent items of the agenda.
#[derive(Clone, Debug)]
pub(crate) struct Next {
    pub ranked: Vec<Ranked>,
    /// How many items the agenda holds in all.
    pub of: usize,
    /// Print every part of the urgency, not only the line of why.
    pub explain: bool,
}

/// The agenda (capped nudges included) ranked by urgency, most urgent first, `n` of them.
pub(crate) fn next(index: &Index, agenda: &Agenda, n: usize, explain: bool) -> Next {
    let mut ranked: Vec<Ranked> = agenda
        .items
        .iter()
        .chain(&agenda.capped)
        .map(|item| Ranked {
            parts: parts(index, item),
            item: item.clone(),
        })
        .collect();
    // Stable: equal urgencies keep the agenda's order.
    ranked.sort_by_key(|r| -r.urgency());
    let of = ranked.len();
    ranked.truncate(n);
    Next {
        ranked,
        of,
        explain,
    }
}

/// The points of an item's kind, and why.
fn base(kind: ItemKind) -> (i32, &'static str) {
    match kind {
        ItemKind::ThankYou => (50, "a thank-you is best sent the same day, within 24 hours"),
        ItemKind::Reply => (50, "they answered you: answer them while it is fresh"),
        ItemKind::Prepare => (40, "a chat to prepare: 5-7 questions, research the person"),
        ItemKind::Referral => (40, "someone introduced you: thank them and say how it went"),
        ItemKind::EventFollowUp => (35, "met at an event: follow up while they remember you"),
        ItemKind::FollowUp => (30, "no reply in a week: a short follow-up helps"),
        ItemKind::Next | ItemKind::Task => (30, "a step you set yourself"),
        ItemKind::Event => (30, "an event to go to, with a goal"),
        ItemKind::JobChange => (
            35,
            "a new job: the best moment to congratulate and reconnect",
        ),
        ItemKind::Birthday => (25, "a birthday: a note keeps the tie warm"),
        ItemKind::Reconnect => (20, "out of touch: reconnect before the tie goes dormant"),
        ItemKind::MoveOn => (15, "no answer after the follow-ups: close the loop"),
        ItemKind::Goal => (15, "a weekly goal behind pace"),
        ItemKind::Coverage => (10, "a target company short of people"),
    }
}

/// Every part of the urgency of `item`.
fn parts(index: &Index, item: &Item) -> Vec<Part> {
    let part = |points: i32, why: String| Part { points, why };
    let (points, why) = base(item.kind);
    let mut parts = vec![part(points, why.to_owned())];
    let days = (item.due.date() - index.today()).num_days();
    parts.push(match item.group {
        Group::Overdue => {
            let overdue = i32::try_from(-days).unwrap_or(i32::MAX);
            part(
                overdue.saturating_mul(3).min(30),
                agenda::relative(index.today(), item.due.date()),
            )
        }
        Group::Today => part(10, "due today".to_owned()),
        Group::Upcoming => part(
            i32::try_from(days).unwrap_or(i32::MAX).saturating_mul(-5),
            agenda::relative(index.today(), item.due.date()),
        ),
    });
    if let Some(near) = nearness(index, item) {
        parts.push(near);
    }
    if let Some(Record::Contact(c)) = index.get(item.id.as_str()).and_then(|d| d.record.as_ref()) {
        if c.tie == Some(Tie::Strong) {
            parts.push(part(10, format!("a strong tie ({})", c.name)));
        } else if c.warmth == Some(Warmth::Warm) {
            parts.push(part(5, format!("a warm contact ({})", c.name)));
        }
        let company = agenda::target_company(index, c).map(|co| co.name.clone());
        if let Some(company) = company {
            parts.push(part(10, format!("at a target company ({company})")));
        }
    }
    if item.kind == ItemKind::Goal {
        let behind = behind_pace(index, item.id.as_str());
        if behind > 0 {
            parts.push(part(
                5 * behind,
                format!("{behind} behind this week's pace"),
            ));
        }
    }
    parts
}

/// A planned chat or an event close ahead: the time to prepare is running out.
fn nearness(index: &Index, item: &Item) -> Option<Part> {
    if !matches!(item.kind, ItemKind::Prepare | ItemKind::Event) {
        return None;
    }
    let doc = index.docs.iter().find(|d| d.path == item.path)?;
    let start = match &doc.record {
        Some(Record::Chat(c)) if c.kind != ChatKind::Message => c.date.as_ref()?.value.start(),
        Some(Record::Event(e)) => e.date.as_ref()?.value.start(),
        _ => return None,
    };
    let hours = index.now().hours_until(start);
    let what = if item.kind == ItemKind::Prepare {
        "the chat"
    } else {
        "the event"
    };
    match hours {
        h if h < 0 => None,
        h if h < 24 => Some(Part {
            points: 25,
            why: format!("{what} is in {h} hours"),
        }),
        h if h < 48 => Some(Part {
            points: 10,
            why: format!("{what} is tomorrow or the day after ({h} hours)"),
        }),
        _ => None,
    }
}

/// How many short of this week's pace the goal `goal` is, as the goal nudge counts it.
fn behind_pace(index: &Index, goal: &str) -> i32 {
    let today = index.today();
    let monday = period::week_start(today);
    let weekly = index.settings.goals.weekly;
    let per_week = match goal {
        "outreach" => weekly.outreach,
        "chats" => weekly.chats,
        "events" => weekly.events,
        _ => return 0,
    };
    let report = goals::build(
        index,
        Period {
            since: Some(monday),
            until: Some(today),
        },
    );
    let count = report
        .rows
        .iter()
        .find(|r| r.goal == goal)
        .map_or(0, |r| r.count);
    let pace = goals::pace(per_week, today);
    i32::try_from(pace.saturating_sub(count)).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_points_and_words() {
        for &kind in ItemKind::ALL {
            let (points, why) = base(kind);
            assert!(points > 0 && !why.is_empty(), "{kind:?}");
        }
        // The moment matters most for what someone is waiting for.
        assert!(base(ItemKind::ThankYou).0 > base(ItemKind::Coverage).0);
        assert!(base(ItemKind::Reply).0 > base(ItemKind::Goal).0);
    }
}
