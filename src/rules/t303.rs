//! ## What it checks
//! An event that lists people in `met` but has not happened yet (its date is after today).
//!
//! ## Why it matters
//! People met count towards the event's goal, the funnel and reconnect reminders; counting
//! them before the event inflates all three.
//!
//! ## Example
//! ```yaml
//! date: 2026-12-03
//! met: [jane-doe]
//! ```
//!
//! ## How to fix
//! Plan who you want to meet in the body instead, and fill in `met` after the event.

use chrono::NaiveTime;

use crate::document::Document;
use crate::findings::{Code, Finding};
use crate::model::Record;
use crate::rules::{Found, Scope};

pub(crate) fn check(scope: &Scope, doc: &Document, out: &mut Found) {
    let Some(Record::Event(event)) = &doc.record else {
        return;
    };
    let (Some(day), Some(first)) = (event.day(), event.met.first()) else {
        return;
    };
    // Asked as an instant, not as today's date, so that a kept check holds up to the
    // event's midnight rather than only to the end of today.
    if scope.index.now().before(day.and_time(NaiveTime::MIN)) {
        let finding = Finding::worded(
            Code::T303,
            first.span,
            format!("`met` lists people, but the event ({day}) has not happened yet"),
        )
        .help("list the people you hope to meet in the body; fill in `met` afterwards");
        out.findings.push(finding);
    }
}
