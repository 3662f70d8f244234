//! ## What it checks
//! YAML syntax errors in front matter or in `ties.yaml`: bad indentation, tabs used for
//! indentation, unterminated quotes, duplicate keys, and documents too large or too deeply
//! nested to be plausible notes (alias bombs, thousands of nested lists).
//!
//! ## Why it matters
//! A file whose YAML does not parse contributes nothing to the agenda and reports.
//!
//! ## Example
//! ```yaml
//! name: Jane Doe
//! name: Jane D.      # duplicate key
//! company: "acme     # unterminated quote
//! ```
//!
//! ## How to fix
//! Fix the YAML at the line and column shown: indent with spaces, close quotes, keep one
//! value per key. Quote values that contain `: ` or start with `[`, `{`, `@` or `*`.

use crate::diagnostic::Finding;
use crate::rules::Code;
use crate::span::Span;

pub fn syntax(span: Span, message: &str) -> Finding {
    let help = if message.contains("tab") {
        Some("YAML is indented with spaces; replace the tab".to_owned())
    } else if message.contains("quoted scalar") {
        Some(
            "a quoted value above is not closed: add the closing quote, or drop the opening one"
                .to_owned(),
        )
    } else if message.contains("budget") || message.contains("recursion") {
        Some("front matter this large or this deeply nested is not a note; simplify it".to_owned())
    } else {
        None
    };
    Finding::new(Code::T003, span, format!("YAML syntax error: {message}")).help_opt(help)
}

pub fn duplicate_key(span: Span, key: &str, first_line: usize) -> Finding {
    Finding::new(
        Code::T003,
        span,
        format!("duplicate key `{key}` (first set on line {first_line})"),
    )
    .help("keep one value per key; the first one is used")
}
