//! ## What it checks
//! Front-matter keys that `ties` does not know for this kind of record.
//!
//! ## Why it matters
//! Usually a typo (`reached_ot`) that hides a value from the agenda. Your own extra fields are
//! fine, which is why this is only a warning; silence it with `checks: { ignore: [T106] }`
//! in `ties.yaml` if you keep many.
//!
//! ## Example
//! ```yaml
//! reached_ot: 2026-11-02
//! ```
//!
//! ## How to fix
//! Correct the spelling (the message suggests the closest known key), or ignore the rule.

use crate::diagnostic::{Finding, shorten, with_article};
use crate::rules::Code;
use crate::span::Span;
use crate::suggest;

pub fn unknown(span: Span, key: &str, kind: &str, known: &[&str]) -> Finding {
    Finding::new(
        Code::T106,
        span,
        format!(
            "unknown key `{}` for {}{}",
            shorten(key),
            with_article(kind),
            suggest::hint(key, known.iter().copied())
        ),
    )
}
