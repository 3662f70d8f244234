//! ## What it checks
//! With `references: implicit` (the default with `ids: title`, a vault), a person or
//! company named in front matter (`company`, `with`, `met`, `introduced_by`, `referrals`)
//! that no note answers to is an *implicit record* by that name: reports count it and
//! `ties show` shows it, as if its note held nothing but the name. This says so, once per
//! name, at its first mention (an information, never a failure).
//!
//! ## Why it matters
//! Vaults name people and companies long before they write a note about them
//! (`company: LEA Technologies`). Counting them keeps those contacts in the company
//! reports and those meetings in the funnel; saying so once lets you see which names have
//! no note, and spot one that should have matched a note (a likely typo of a note that
//! exists is never implicit: it stays an unknown reference, T201, with a suggestion).
//!
//! ## Example
//! ```yaml
//! company: LEA Technologies     # no note Companies/LEA Technologies.md
//! ```
//!
//! ## How to fix
//! Nothing needs fixing. Write the note when you want one (`ties new company "LEA
//! Technologies"` writes it where the reference then finds it), silence the information
//! with `checks: { ignore: [T206] }`, or set `references: strict` in `ties.yaml` to have
//! such names reported as unknown references (T201) instead.

use crate::document::Document;
use crate::findings::{Code, Finding, NewRecord};
use crate::index::{Resolved, references_of};
use crate::rules::{Found, Scope, shorten};

pub(crate) fn check(scope: &Scope, doc: &Document, out: &mut Found) {
    let index = scope.index;
    references_of(doc, |_, target, expected| {
        let Resolved::One(i) = index.resolve(Some(expected), target.value.as_str()) else {
            return;
        };
        let record = &index.docs[i];
        let Some(implicit) = &record.implicit else {
            return;
        };
        if implicit.first_path != doc.path || implicit.first != target.span {
            return;
        }
        let name = record.name().unwrap_or(record.id.as_str());
        let command = format!("ties new {expected} \"{}\"", shorten(name));
        out.findings.push(
            Finding::worded(
                Code::T206,
                target.span,
                format!(
                    "no note for {expected} `{}`: counted as a {expected} by that name",
                    shorten(name)
                ),
            )
            .help(format!(
                "`{command}` writes `{}` when you want notes on it; `references: strict` in `ties.yaml` reports such names instead",
                shorten(&record.path)
            ))
            // An editor offers to write the note.
            .create(NewRecord {
                path: record.path.clone(),
                id: record.id.to_string(),
                name: name.to_owned(),
            }),
        );
    });
}
