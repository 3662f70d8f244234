//! ## What it checks
//! Durations that are not an integer followed by a unit: `min` (minutes), `h` (hours), `d`
//! (days), `w` (weeks), `mo` (calendar months) or `y` (years). A bare `m` is refused, since
//! `3m` is three months to some and three minutes to others; only a chat's `duration`,
//! which never lasts months, reads `45m` as minutes.
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
//! Write `90d`, `12w`, `3mo`, `30min` or `24h`.

use crate::model::time::{BadDuration, Duration};
use crate::rules::{Words, shorten};

pub(crate) fn invalid(key: &str, value: &str) -> Words {
    let words = Words::new(format!(
        "`{key}`: `{}` is not a valid duration",
        shorten(value)
    ));
    if Duration::read(value) == Err(BadDuration::Ambiguous) {
        let n = value.trim().trim_end_matches('m');
        return words.help(format!(
            "`m` could be minutes or months: write {n}mo for months or {n}min for minutes"
        ));
    }
    words.help("write an integer and a unit: 30min, 24h, 7d, 2w, 3mo or 1y")
}
