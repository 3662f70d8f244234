//! ## What it checks
//! A contact whose `replied` or `followed_up` date is before their `reached_out` date.
//!
//! ## Why it matters
//! Follow-ups are scheduled from the last outreach; out-of-order dates usually mean a typo in
//! the year or month, which puts the next follow-up in the wrong week.
//!
//! ## Example
//! ```yaml
//! reached_out: 2026-11-10
//! followed_up: 2026-10-17   # meant 2026-11-17
//! ```
//!
//! ## How to fix
//! Correct the date. If they wrote first, set `reached_out` to the day you answered.

use crate::document::Document;
use crate::findings::{Code, Finding};
use crate::model::Record;
use crate::rules::{Found, Scope};

pub(crate) fn check(_: &Scope, doc: &Document, out: &mut Found) {
    let Some(Record::Contact(contact)) = &doc.record else {
        return;
    };
    let Some(reached) = &contact.reached_out else {
        return;
    };
    let replied = contact.replied.iter().map(|d| ("replied", d));
    let followed = contact.followed_up.iter().map(|d| ("followed_up", d));
    for (key, date) in replied.chain(followed) {
        if date.value < reached.value {
            let finding = Finding::worded(
                Code::T301,
                date.span,
                format!(
                    "`{key}` ({}) is before `reached_out` ({})",
                    date.value, reached.value
                ),
            )
            .help(
                "`reached_out` is the day of your first message: correct whichever date is wrong",
            );
            out.findings.push(finding);
        }
    }
}
