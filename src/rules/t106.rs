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
//! Case, spaces and `-` do not matter (`Reached Out` is `reached_out`); a key of your own
//! that means a `ties` key can be mapped in `ties.yaml`: `keys: { position: title }`.

use crate::rules::{Words, shorten, with_article};
use crate::suggest;

pub(crate) fn unknown(key: &str, kind: &str, known: &[&str]) -> Words {
    // Compared as keys are read, so `Phone Numbr` suggests `phone_number`'s neighbour.
    let read_as = crate::model::conventions::normalise(key);
    Words::suggesting(
        &format!("unknown key `{}` for {}", shorten(key), with_article(kind)),
        suggest::did_you_mean(&read_as, known.iter().copied()),
    )
}
