//! ## What it checks
//! YAML syntax errors in front matter or in `ties.yaml`: bad indentation, tabs used for
//! indentation, unterminated quotes, duplicate keys (also two spellings of one key, such as
//! `Last Contact` and `last_contact`, since keys match whatever their case), and documents too large or too deeply
//! nested to be plausible notes (alias bombs, thousands of nested lists); and a value that
//! starts with `#` without a space (`tags: #foo`), which YAML reads as a comment, leaving the
//! key empty.
//!
//! ## Why it matters
//! A file whose YAML does not parse contributes nothing to the agenda and reports.
//!
//! ## Example
//! ```yaml
//! name: Jane Doe
//! name: Jane D.      # duplicate key
//! company: "acme     # unterminated quote
//! title: Jane: The Recruiter   # a second `: ` in a plain value
//! tags: #rust        # a comment: `tags` is empty
//! ```
//!
//! ## How to fix
//! Fix the YAML at the line and column shown: indent with spaces, close quotes, keep one
//! value per key. Quote values that contain `: ` or start with `[`, `{`, `@`, `*` or `#`:
//! `title: "Jane: The Recruiter"`, `tags: ["#rust"]`.

use crate::rules::{Words, shorten};

pub(crate) fn syntax(message: &str) -> Words {
    let words = Words::new(format!("YAML syntax error: {message}"));
    if message.contains("tab") {
        words.help("YAML is indented with spaces; replace the tab")
    } else if message.contains("quoted scalar") {
        words.help(
            "a quoted value above is not closed: add the closing quote, or drop the opening one",
        )
    } else if message.contains("mapping values are not allowed") {
        // `name: Jane: The Recruiter`: the second `: ` reads as a nested key.
        words
            .help("a value that contains `: ` must be quoted, e.g. `name: \"Jane: The Recruiter\"`")
    } else if message.contains("budget") || message.contains("recursion") {
        words.help("front matter this large or this deeply nested is not a note; simplify it")
    } else {
        words
    }
}

pub(crate) fn commented_value(key: &str, comment: &str) -> Words {
    Words::new(format!(
        "`{key}` is empty: `{}` starts a YAML comment",
        shorten(comment)
    ))
    .help(format!(
        "quote the value to keep the `#`: `{key}: \"{}\"`",
        shorten(comment)
    ))
}

/// Two spellings of one key: keys match case-insensitively, with spaces, `-` and `_` alike.
pub(crate) fn same_key(key: &str, first: &str, ours: &str) -> Words {
    Words::new(format!(
        "duplicate key `{key}`: it is `{first}` again (both are `{ours}`)"
    ))
    .help("keys match whatever their case, spaces, `-` or `_`: keep one; the first one is used")
}

pub(crate) fn duplicate_key(key: &str, first_line: usize) -> Words {
    Words::new(format!(
        "duplicate key `{key}` (first set on line {first_line})"
    ))
    .help("keep one value per key; the first one is used")
}
