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

use crate::rules::Words;

pub(crate) fn wrong_type(key: &str, expected: &str, found: &str) -> Words {
    Words::new(format!("`{key}` should be {expected}, found {found}"))
}
