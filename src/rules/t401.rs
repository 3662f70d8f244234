//! ## What it checks
//! Keys in `ties.yaml` that `ties` does not know, at any level (`rules`, `goals`, `checks`).
//!
//! ## Why it matters
//! A misspelt setting (`folow_up_after: 5d`) is silently ignored and the default applies.
//!
//! ## Example
//! ```yaml
//! rules:
//!   folow_up_after: 5d
//! ```
//!
//! ## How to fix
//! Use the key the message suggests; `docs/format.md` lists every key and its default.

use crate::diagnostic::Finding;
use crate::rules::Code;
use crate::span::Span;
use crate::suggest;

pub fn unknown(span: Span, key: &str, section: &str, known: &[&str]) -> Finding {
    let place = if section.is_empty() {
        "ties.yaml".to_owned()
    } else {
        format!("`{section}`")
    };
    Finding::new(
        Code::T401,
        span,
        format!(
            "unknown key `{key}` in {place}{}",
            suggest::hint(key, known.iter().copied())
        ),
    )
    .help(format!("known keys: {}", known.join(", ")))
}
