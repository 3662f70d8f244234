//! ## What it checks
//! A value outside the allowed set of an enumerated key (`role`, `warmth`, `tie`, `status`,
//! `kind`). Values are compared case-insensitively.
//!
//! ## Why it matters
//! Reports group by these values: a contact with `role: develper` is missing from the
//! per-company coverage, and a chat with `status: don` is never thanked.
//!
//! ## Example
//! ```yaml
//! role: develper
//! ```
//!
//! ## How to fix
//! Use one of the listed values; the message suggests the closest one.

use crate::rules::{Words, shorten};
use crate::suggest;

pub(crate) fn not_allowed(key: &str, value: &str, allowed: &[&str]) -> Words {
    Words::suggesting(
        &format!("`{}` is not a valid `{key}`", shorten(value)),
        suggest::did_you_mean(value, allowed.iter().copied()),
    )
    .help(format!("allowed values: {}", allowed.join(", ")))
}
