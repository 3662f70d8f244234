//! The agenda as iCalendar: a VTODO per action and a VEVENT per chat to prepare and per
//! event. UIDs come from the item's kind, id and due date, and DTSTAMP from `--today`, so
//! the output is deterministic and a re-import updates entries instead of duplicating them.

use chrono::{Datelike, NaiveTime, TimeZone, Utc};
use icalendar::{Calendar, Component, DatePerhapsTime, EventLike, Todo};

use crate::agenda::{Agenda, Item, ItemKind};
use crate::model::time::When;
use crate::render::escape;

/// Text from the notebook as an iCalendar TEXT value. The calendar library escapes a line
/// feed but passes a bare CR through, and a CR ends a content line for many parsers: a name
/// `"A\rEND:VTODO\rBEGIN:VEVENT…"` would inject events. So every line break becomes a line
/// feed (escaped as `\n`), and other control characters, which RFC 5545 does not allow in
/// TEXT, are shown visibly as in the terminal.
fn text(value: &str) -> String {
    escape::lines(&value.replace("\r\n", "\n").replace('\r', "\n")).into_owned()
}

pub(crate) fn calendar(agenda: &Agenda) -> Calendar {
    let mut cal = Calendar::new();
    cal.name("ties agenda");
    let stamp = Utc.from_utc_datetime(&agenda.today.and_time(NaiveTime::MIN));
    for item in &agenda.items {
        let uid = uid(item);
        let title = text(&item.title);
        let description = format!("{}\n{}", text(&item.who), text(&item.path));
        match item.kind {
            ItemKind::Prepare | ItemKind::Event => {
                let mut event = icalendar::Event::new();
                event
                    .uid(&uid)
                    .timestamp(stamp)
                    .summary(&title)
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
                    .summary(&title)
                    .description(&description);
                todo.due(when(item.due));
                cal.push(todo.done());
            }
        }
    }
    cal.done()
}

/// `follow-up-jane-doe-20261128@ties`: the item's stable key ([`Item::key`]) in a calendar.
pub(crate) fn uid(item: &Item) -> String {
    format!("{}@ties", item.key())
}

fn when(due: When) -> DatePerhapsTime {
    match due {
        When::Date(d) => DatePerhapsTime::Date(d),
        When::DateTime(dt) => DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Floating(dt)),
    }
}
