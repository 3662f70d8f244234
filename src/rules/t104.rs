//! ## What it checks
//! Dates that are not real `YYYY-MM-DD` dates and date-times that are not
//! `YYYY-MM-DD HH:MM` (or `YYYY-MM-DDTHH:MM`), in front matter and in task due dates.
//!
//! ## Why it matters
//! Every agenda item is computed from dates: a follow-up from `reached_out`, a thank-you from a
//! chat's `date`. An unreadable date silently drops the item you needed.
//!
//! ## Example
//! ```yaml
//! reached_out: 2026-11-31
//! date: next tuesday
//! ```
//!
//! ## How to fix
//! Write the date as `YYYY-MM-DD`, e.g. `2026-11-30`; a time as `2026-11-30 14:00`.

use crate::diagnostic::{Finding, shorten};
use crate::rules::Code;
use crate::span::Span;

pub fn invalid_date(span: Span, key: &str, value: &str, time_allowed: bool) -> Finding {
    let (what, form) = if time_allowed {
        ("date or date-time", "YYYY-MM-DD or YYYY-MM-DD HH:MM")
    } else {
        ("date", "YYYY-MM-DD")
    };
    Finding::new(
        Code::T104,
        span,
        format!("`{key}`: `{}` is not a valid {what}", shorten(value)),
    )
    .help(format!("write it as {form}, e.g. 2026-11-21"))
}
