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

use crate::diagnostic::{Finding, shorten};
use crate::rules::Code;
use crate::span::Span;
use crate::suggest;

pub fn not_allowed(span: Span, key: &str, value: &str, allowed: &[&str]) -> Finding {
    Finding::new(
        Code::T103,
        span,
        format!(
            "`{}` is not a valid `{key}`{}",
            shorten(value),
            suggest::hint(value, allowed.iter().copied())
        ),
    )
    .help(format!("allowed values: {}", allowed.join(", ")))
}
