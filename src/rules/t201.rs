//! ## What it checks
//! References in front matter to an id that no file has: `company`, `introduced_by`, a chat's
//! `with`, `event` and `referrals`, an event's `met`.
//!
//! ## Why it matters
//! A reference that points nowhere breaks the funnel, coverage and timeline: the chat with
//! `jane-doe` does not count as meeting Jane if her file is `jane-do.md`.
//!
//! ## Example
//! ```yaml
//! company: acm        # companies/acme.md exists
//! ```
//!
//! ## How to fix
//! Correct the id (the message suggests the closest one), or create the missing record, e.g.
//! with `ties new company "Acm"`.

use crate::document::Document;
use crate::findings::{Code, Finding};
use crate::index::references_of;
use crate::rules::{Found, Scope, shorten};

pub(crate) fn check(scope: &Scope, doc: &Document, out: &mut Found) {
    let index = scope.index;
    references_of(doc, |_, target, expected| {
        let id = target.value.as_str();
        if !index.lookup(id).is_empty() {
            return;
        }
        out.hinted = true;
        let hint = scope.hint(id, Some(expected));
        let finding = Finding::worded(
            Code::T201,
            target.span,
            format!("unknown {expected} `{}`{hint}", shorten(id)),
        )
        .help(format!(
            "create `{}/{id}.md` or correct the id",
            expected.folder()
        ));
        out.findings.push(finding);
    });
}
