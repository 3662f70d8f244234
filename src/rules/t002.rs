//! ## What it checks
//! A file that opens front matter with `---` on its first line but never closes it with a
//! line holding only `---` (or `...`).
//!
//! ## Why it matters
//! Without the closing fence there is no way to tell where the YAML ends and the notes begin,
//! so none of the record's fields can be trusted.
//!
//! ## Example
//! ```markdown
//! ---
//! name: Jane Doe
//! company: acme
//! Met at the Rust meetup.
//! ```
//!
//! ## How to fix
//! Add a line with just `---` after the last key.

use crate::rules::Words;

pub(crate) fn unclosed() -> Words {
    Words::new("front matter is opened here but never closed")
        .help("add a line containing only `---` after the last key")
}
