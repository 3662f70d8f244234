//! The agenda as iCalendar: a VTODO per action and a VEVENT per chat to prepare and per
//! event. UIDs come from the item's kind, id and due date, and DTSTAMP from `--today`, so
//! the output is deterministic and a re-import updates entries instead of duplicating them.

use chrono::{Datelike, NaiveTime, TimeZone, Utc};
use icalendar::{Calendar, Component, DatePerhapsTime, EventLike, Todo};

use crate::agenda::{Agenda, Item, ItemKind};
use crate::model::time::When;

pub fn calendar(agenda: &Agenda) -> Calendar {
    let mut cal = Calendar::new();
    cal.name("ties agenda");
    let stamp = Utc.from_utc_datetime(&agenda.today.and_time(NaiveTime::MIN));
    for item in &agenda.items {
        let uid = uid(item);
        let description = format!("{}\n{}", item.who, item.path);
        match item.kind {
            ItemKind::Prepare | ItemKind::Event => {
                let mut event = icalendar::Event::new();
                event
                    .uid(&uid)
                    .timestamp(stamp)
                    .summary(&item.title)
                    .description(&description);
                event.starts(when(item.due));
                // An all-day event ends the next day, which must still be a 4-digit year.
                if let When::Date(d) = item.due
                    && let Some(next) = d.succ_opt().filter(|n| n.year() <= 9999)
                {
                    event.ends(next);
                }
                cal.push(event.done());
            }
            _ => {
                let mut todo = Todo::new();
                todo.uid(&uid)
                    .timestamp(stamp)
                    .summary(&item.title)
                    .description(&description);
                todo.due(when(item.due));
                cal.push(todo.done());
            }
        }
    }
    cal.done()
}

/// `follow-up-jane-doe-20261128@ties`: stable across runs and edits of the title. Tasks add
/// a hash of their text, since one person can have several tasks due the same day.
pub fn uid(item: &Item) -> String {
    let due: String = item
        .due
        .to_string()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let kind = item.kind.as_str();
    if item.kind == ItemKind::Task {
        let hash = crate::hash::fnv1a_32(item.title.as_bytes());
        format!("{kind}-{}-{due}-{hash:08x}@ties", item.id)
    } else {
        format!("{kind}-{}-{due}@ties", item.id)
    }
}

fn when(due: When) -> DatePerhapsTime {
    match due {
        When::Date(d) => DatePerhapsTime::Date(d),
        When::DateTime(dt) => DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Floating(dt)),
    }
}
