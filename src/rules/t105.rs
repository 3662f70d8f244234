//! ## What it checks
//! Durations that are not an integer followed by a unit: `m` (minutes), `h` (hours), `d`
//! (days) or `w` (weeks).
//!
//! ## Why it matters
//! Durations set the agenda's rhythm (`stay_in_touch: 60d`, `thank_you_within: 24h`); an
//! unreadable one falls back to the default without you noticing.
//!
//! ## Example
//! ```yaml
//! stay_in_touch: 3 months
//! ```
//!
//! ## How to fix
//! Write `90d`, `12w`, `30m` or `24h`.

use crate::rules::{Words, shorten};

pub(crate) fn invalid(key: &str, value: &str) -> Words {
    Words::new(format!(
        "`{key}`: `{}` is not a valid duration",
        shorten(value)
    ))
    .help("write an integer and a unit: 30m, 24h, 7d or 2w")
}
