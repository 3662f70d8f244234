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

use std::collections::HashMap;

use crate::findings::{Code, Finding};
use crate::index::Index;
use crate::model::Kind;
use crate::rules::shorten;
use crate::sink::Sink;
use crate::suggest;

pub(crate) fn check(index: &Index, out: &mut Sink) {
    let mut hints: HashMap<(&str, Kind), String> = HashMap::new();
    for r in index.references() {
        let id = r.target.value.as_str();
        if !index.lookup(id).is_empty() {
            continue;
        }
        let hint = hints
            .entry((id, r.expected))
            .or_insert_with(|| suggest::hint(id, index.ids_of(r.expected)));
        let finding = Finding::worded(
            Code::T201,
            r.target.span,
            format!("unknown {} `{}`{hint}", r.expected, shorten(id)),
        )
        .help(format!(
            "create `{}/{id}.md` or correct the id",
            r.expected.folder()
        ));
        out.push(&index.docs[r.from], finding);
    }
}
