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
//! that means a `ties` key can be mapped in `ties.yaml`: `keys: { position: title }`, and
//! one that is only yours kept as it is: `keys: { position: own }` (never read, never
//! reported). A key with no value (`position:`, as a template leaves it) is not reported.

use crate::rules::{Words, shorten, with_article};
use crate::suggest;

/// `vault`: the notebook is a vault read with settings, where keys of its own are the rule
/// rather than a typo: the help says how to map or keep them with `keys:`.
pub(crate) fn unknown(key: &str, kind: &str, known: &[&str], vault: bool) -> Words {
    // Compared as keys are read, so `Phone Numbr` suggests `phone_number`'s neighbour.
    let read_as = crate::model::conventions::normalise(key);
    let words = Words::suggesting(
        &format!("unknown key `{}` for {}", shorten(key), with_article(kind)),
        suggest::did_you_mean(&read_as, known.iter().copied()),
    );
    if !vault {
        return words;
    }
    let key = shorten(key);
    let quoted = if key.contains([' ', ':', '{', '}', ',', '#']) {
        format!("\"{key}\"")
    } else {
        key.into_owned()
    };
    words.help(format!(
        "if it means a ties key, map it in `ties.yaml`: `keys: {{ {quoted}: title }}`; to keep it as your own: `keys: {{ {quoted}: own }}`"
    ))
}
