//! ## What it checks
//! References to an id that exists but is a record of the wrong kind: a `company` that names
//! a contact, a chat `with` an event.
//!
//! ## Why it matters
//! Ids are unique across the notebook, so such a reference is almost always a mix-up between
//! two similar names (`acme` the company, `acme-recruiter` the person).
//!
//! ## Example
//! ```yaml
//! company: jane-doe   # contacts/jane-doe.md is a contact
//! ```
//!
//! ## How to fix
//! Reference a record of the kind the key expects.

use crate::document::Document;
use crate::findings::{Code, Finding};
use crate::index::{Resolved, references_of};
use crate::rules::{Found, Scope, with_article};

pub(crate) fn check(scope: &Scope, doc: &Document, out: &mut Found) {
    let index = scope.index;
    references_of(doc, |field, target_id, expected| {
        let text = target_id.value.as_str();
        let Resolved::One(target) = index.resolve(Some(expected), text) else {
            return;
        };
        let target = &index.docs[target];
        if target.kind == expected {
            return;
        }
        let finding = Finding::worded(
            Code::T202,
            target_id.span,
            format!(
                "`{field}` should name {}, but `{}` is {} ({})",
                with_article(expected.as_str()),
                target.id,
                with_article(target.kind.as_str()),
                target.path
            ),
        )
        .help(format!(
            "name {} here: `ties list {}` shows their ids",
            with_article(expected.as_str()),
            expected.folder()
        ));
        out.findings.push(finding);
    });
}
