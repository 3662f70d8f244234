//! ## What it checks
//! Values in `ties.yaml` that cannot be used: a duration that is not `7d`-style, a goal that is
//! not a whole number, a section that is not a mapping.
//!
//! ## Why it matters
//! The agenda and reports run on these settings. The default is used for a bad value, which
//! is rarely what you meant.
//!
//! ## Example
//! ```yaml
//! rules:
//!   follow_up_after: one week
//! goals:
//!   warm_contacts: many
//! ```
//!
//! ## How to fix
//! Write durations as `24h`, `7d`, `2w` or `3mo` (`m` alone is refused: minutes or months?),
//! and counts as whole numbers.

use crate::rules::Words;

pub(crate) fn invalid(key: &str, expected: &str, default: &str) -> Words {
    Words::new(format!(
        "`{key}` should be {expected}; using the default ({default})"
    ))
    .help(format!(
        "write `{key}` as {expected}, or remove it to use the default"
    ))
}
