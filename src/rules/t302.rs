//! ## What it checks
//! A chat whose `thanked` date is before the chat itself, or that is marked thanked while it
//! is still planned.
//!
//! ## Why it matters
//! The thank-you (within 24 hours, by default) is the step that turns a chat into a
//! relationship; a wrong `thanked` date hides a thank-you you still owe.
//!
//! ## Example
//! ```yaml
//! date: 2026-11-12
//! thanked: 2026-11-02
//! ```
//!
//! ## How to fix
//! Correct the date, or remove `thanked` until the note is sent.

use crate::document::Document;
use crate::findings::{Code, Finding};
use crate::model::Record;
use crate::model::chat::ChatStatus;
use crate::rules::{Found, Scope};

pub(crate) fn check(scope: &Scope, doc: &Document, out: &mut Found) {
    let Some(Record::Chat(chat)) = &doc.record else {
        return;
    };
    let Some(thanked) = &chat.thanked else {
        return;
    };
    let (message, help) = match chat.day() {
        Some(day) if thanked.value < day => (
            format!("`thanked` ({}) is before the chat ({day})", thanked.value),
            "set `thanked` to the day the note went out, on or after the chat",
        ),
        Some(_) if chat.status(scope.index.now()) == ChatStatus::Planned => (
            "`thanked` is set on a chat that is still planned".to_owned(),
            "remove `thanked` until the chat has happened (`ties log thank-you` after it)",
        ),
        _ => return,
    };
    out.findings
        .push(Finding::worded(Code::T302, thanked.span, message).help(help));
}
