//! ## What it checks
//! A required key that is missing or empty: `name` on contacts, companies and events; `with`
//! and `date` on chats.
//!
//! ## Why it matters
//! A contact without a name cannot be shown, a chat without a date cannot be scheduled or
//! thanked, and a chat without `with` belongs to nobody.
//!
//! ## Example
//! ```yaml
//! ---
//! kind: coffee-chat
//! date: 2026-11-12
//! ---
//! ```
//!
//! ## How to fix
//! Add the key, e.g. `with: jane-doe`.

use crate::rules::Words;

pub(crate) fn missing(key: &str, kind: &str, example: &str) -> Words {
    Words::new(format!("{kind} is missing the required key `{key}`")).help(format!(
        "add a line like `{key}: {example}` to the front matter"
    ))
}
