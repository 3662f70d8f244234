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

use crate::rules::{Words, shorten, with_article};
use crate::suggest;

pub(crate) fn unknown(key: &str, kind: &str, known: &[&str]) -> Words {
    Words::new(format!(
        "unknown key `{}` for {}{}",
        shorten(key),
        with_article(kind),
        suggest::hint(key, known.iter().copied())
    ))
}
