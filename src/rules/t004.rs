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

use crate::rules::Words;

pub(crate) fn not_mapping(found: &str) -> Words {
    Words::new(format!(
        "front matter is {found}, not a mapping of keys to values"
    ))
    .help("write one `key: value` per line, e.g. `name: Jane Doe`")
}
