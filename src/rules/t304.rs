//! ## What it checks
//! A `kind: message` chat without `direction: sent` or `direction: received`.
//!
//! ## Why it matters
//! A message you sent is outreach or a follow-up; one they sent is a reply. Without the
//! direction `ties` counts it as their reply (as before the key existed): your own LinkedIn
//! message would mark the contact `replied` and silence the follow-up reminder.
//!
//! ## Example
//! ```yaml
//! with: jane-doe
//! date: 2026-11-12
//! kind: message
//! ```
//!
//! ## How to fix
//! Add `direction: sent` (you wrote it) or `direction: received` (they wrote it).

use crate::document::Document;
use crate::findings::{Code, Finding};
use crate::model::Record;
use crate::model::chat::ChatKind;
use crate::rules::{Found, Scope};

// It reads one file only, but as a rule over the index it can stay out of the parser, which
// knows no rule and no default for a missing key.
pub(crate) fn check(_: &Scope, doc: &Document, out: &mut Found) {
    let Some(Record::Chat(chat)) = &doc.record else {
        return;
    };
    if let (ChatKind::Message, None, Some(span)) = (chat.kind, chat.direction, chat.kind_span) {
        let finding = Finding::worded(
            Code::T304,
            span,
            "a message without `direction`: it counts as their reply",
        )
        .help("add `direction: sent` if you wrote it, `direction: received` if they did");
        out.findings.push(finding);
    }
}
