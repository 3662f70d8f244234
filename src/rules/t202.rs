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

use crate::findings::{Code, Finding};
use crate::index::{Index, Resolved};
use crate::rules::with_article;
use crate::sink::Sink;

pub(crate) fn check(index: &Index, out: &mut Sink) {
    for r in index.references() {
        let Resolved::One(target) = index.resolve(Some(r.expected), r.target.value.as_str()) else {
            continue;
        };
        let target = &index.docs[target];
        if target.kind == r.expected {
            continue;
        }
        let finding = Finding::worded(
            Code::T202,
            r.target.span,
            format!(
                "`{}` should name {}, but `{}` is {} ({})",
                r.field,
                with_article(r.expected.as_str()),
                target.id,
                with_article(target.kind.as_str()),
                target.path
            ),
        );
        out.push(&index.docs[r.from], finding);
    }
}
