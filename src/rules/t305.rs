//! ## What it checks
//! Each line of `dismissed.txt`, the notebook's list of agenda items set aside by
//! `ties done KEY` and `ties snooze KEY UNTIL`: it must be an item's key, then `done` or
//! `until`, then a date (`YYYY-MM-DD`); a `#` starts a comment.
//!
//! ## Why it matters
//! A line `ties` cannot read sets nothing aside: the item you dismissed comes back to the
//! agenda, and nothing else would tell you why.
//!
//! ## Example
//! ```text
//! goal-outreach-2026w50 dismissed 2026-12-08
//! ```
//!
//! ## How to fix
//! Write `goal-outreach-2026w50 done 2026-12-08`, or delete the line and run `ties done KEY`
//! again.

use crate::rules::{Words, shorten};

pub(crate) fn unreadable(line: &str) -> Words {
    Words::new(format!(
        "`{}` is not an agenda item set aside",
        shorten(line)
    ))
    .help("write `KEY done YYYY-MM-DD` or `KEY until YYYY-MM-DD`, or delete the line")
}
