//! ## What it checks
//! A `{{placeholder}}` in a message template (`templates/*.md`) that `ties draft` does not
//! know, or a `{{` left without its `}}` on the same line.
//!
//! ## Why it matters
//! A draft from the template would show the braces where a name or a company belongs, and
//! `ties draft` refuses to make one: a message with `{{fist_name}}` in it must not be sent.
//!
//! ## Example
//! ```text
//! Hi {{fist_name}}, I loved your talk at {{event}}.
//! ```
//!
//! ## How to fix
//! Use one of the placeholders listed in docs/drafts.md (the message suggests the closest):
//! `first_name`, `company`, `title`, `how_we_met`, `shared_interest`, `takeaways`,
//! `since_last`… Case, `-` and spaces do not matter (`{{ First-Name }}` is `first_name`).
//! Text to write by hand in every draft goes in `[[fill: …]]`.

use crate::rules::{Words, shorten};
use crate::suggest;
use crate::template::Fact;

pub(crate) fn unknown(name: &str) -> Words {
    let read_as = name.trim().to_lowercase().replace(['-', ' '], "_");
    // The finding covers the braces: the fix writes them too.
    let fixed = suggest::did_you_mean(&read_as, Fact::NAMES.iter().copied())
        .map(|n| format!("{{{{{n}}}}}"));
    Words::suggesting(
        &format!("unknown placeholder `{{{{{}}}}}`", shorten(name)),
        fixed.as_deref(),
    )
    .help("`ties explain T501` and docs/drafts.md list the placeholders")
}

pub(crate) fn unclosed() -> Words {
    Words::new("`{{` opens a placeholder that is not closed by `}}` on the same line")
        .help("write the placeholder as `{{first_name}}`")
}
