//! ## What it checks
//! Front matter that is valid YAML but not a mapping of keys to values, such as a list or a
//! single word.
//!
//! ## Why it matters
//! Every field of a record is a key: without a mapping there are no fields to read.
//!
//! ## Example
//! ```markdown
//! ---
//! - Jane Doe
//! - acme
//! ---
//! ```
//!
//! ## How to fix
//! Write `key: value` lines: `name: Jane Doe`, `company: acme`.

use crate::diagnostic::Finding;
use crate::rules::Code;
use crate::span::Span;

pub fn not_mapping(span: Span, found: &str) -> Finding {
    Finding::new(
        Code::T004,
        span,
        format!("front matter is {found}, not a mapping of keys to values"),
    )
    .help("write one `key: value` per line, e.g. `name: Jane Doe`")
}
