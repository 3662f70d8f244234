//! ## What it checks
//! A value of the wrong shape for its key: a list where one name is expected, a mapping where
//! a date is expected, a word where a number is expected; and one value with commas where a
//! list is expected (`tags: foo, bar` is the one tag "foo, bar").
//!
//! ## Why it matters
//! `ties` cannot guess which item of a list is the real name, or what `goal: lots` means; the
//! field is ignored until it is fixed.
//!
//! ## Example
//! ```yaml
//! name: [Jane, Doe]
//! goal: three
//! tags: rust, remote
//! ```
//!
//! ## How to fix
//! Write the value in the shape the key takes (see `docs/format.md`): `name: Jane Doe`,
//! `goal: 3`, `tags: [rust, remote]`.

use crate::rules::{Words, shorten};

pub(crate) fn wrong_type(key: &str, expected: &str, found: &str) -> Words {
    Words::new(format!("`{key}` should be {expected}, found {found}")).help(format!(
        "write `{key}` as {expected}; `ties explain T102` shows examples"
    ))
}

pub(crate) fn comma_in_one_value(key: &str, value: &str) -> Words {
    let items: Vec<&str> = value.split(',').map(str::trim).collect();
    Words::new(format!(
        "`{key}` is one value, `{}`, not a list",
        shorten(value)
    ))
    .help(format!(
        "write a list: `{key}: [{}]`",
        shorten(&items.join(", "))
    ))
}
