//! ## What it checks
//! The front matter of a message template (`templates/*.md`): a key other than `kind`,
//! `channel`, `subject` and `limit`; a `kind` or `channel` that does not exist; a `limit`
//! that is not a number above 0; and a template whose kind neither `kind:` nor its file
//! name (`follow-up-short.md` drafts follow-ups) says.
//!
//! ## Why it matters
//! `ties draft` would not pick the template for the message you meant it for (a template
//! without a kind is never used), or would count against the wrong limit.
//!
//! ## Example
//! ```yaml
//! ---
//! kind: folow-up
//! chanel: linkedin-note
//! ---
//! ```
//!
//! ## How to fix
//! Use a kind (`outreach`, `follow-up`, `thank-you`, `reconnect`, `congratulate`, `ask`), a
//! channel (`email`, `linkedin-note`, `linkedin-message`), or name the file after its kind.
//! A file in `templates/` that is not a message template (a note template of another tool)
//! belongs in another folder.

use crate::rules::{Words, shorten};
use crate::suggest;
use crate::template::{DraftKind, KEYS};

pub(crate) fn unknown_key(key: &str) -> Words {
    Words::suggesting(
        &format!("unknown key `{}` for a template", shorten(key)),
        suggest::did_you_mean(&key.to_lowercase(), KEYS.iter().copied()),
    )
    .help(format!("a template's keys: {}", KEYS.join(", ")))
}

pub(crate) fn bad_value(key: &str, value: &str, allowed: &[&str], expected: &str) -> Words {
    let words = Words::suggesting(
        &format!("`{}` is not a valid `{key}` for a template", shorten(value)),
        suggest::did_you_mean(value, allowed.iter().copied()),
    );
    if allowed.is_empty() {
        words.help(format!("`{key}` is {expected}"))
    } else {
        words.help(format!("allowed values: {}", allowed.join(", ")))
    }
}
pub(crate) fn no_kind(name: &str) -> Words {
    let kinds: Vec<&str> = DraftKind::ALL.iter().map(|k| k.as_str()).collect();
    Words::new(format!(
        "template `{}` drafts no kind of message: its name starts with no kind and it has no `kind:`{}",
        shorten(name),
        suggest::hint(name, kinds.iter().copied())
    ))
    .help(format!(
        "write `kind:` in its front matter ({}) or name the file after its kind",
        kinds.join(", ")
    ))
}
