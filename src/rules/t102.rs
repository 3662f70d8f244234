//! ## What it checks
//! A value of the wrong shape for its key: a list where one name is expected, a mapping where
//! a date is expected, a word where a number is expected.
//!
//! ## Why it matters
//! `ties` cannot guess which item of a list is the real name, or what `goal: lots` means; the
//! field is ignored until it is fixed.
//!
//! ## Example
//! ```yaml
//! name: [Jane, Doe]
//! goal: three
//! ```
//!
//! ## How to fix
//! Write the value in the shape the key takes (see `docs/format.md`): `name: Jane Doe`,
//! `goal: 3`.

use crate::diagnostic::Finding;
use crate::rules::Code;
use crate::span::Span;

pub fn wrong_type(span: Span, key: &str, expected: &str, found: &str) -> Finding {
    Finding::new(
        Code::T102,
        span,
        format!("`{key}` should be {expected}, found {found}"),
    )
}
