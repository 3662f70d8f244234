//! ## What it checks
//! Rule codes in `checks.ignore` that do not exist.
//!
//! ## Why it matters
//! A mistyped code (`T016` for `T106`) silences nothing, and the warnings you meant to hide
//! keep coming.
//!
//! ## Example
//! ```yaml
//! checks:
//!   ignore: [T016]
//! ```
//!
//! ## How to fix
//! Use a code from `ties explain` (run it without a code to list them all).

use crate::diagnostic::Finding;
use crate::rules::Code;
use crate::span::Span;
use crate::suggest;

pub fn unknown_code(span: Span, code: &str) -> Finding {
    let codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    Finding::new(
        Code::T403,
        span,
        format!(
            "`checks.ignore` names unknown rule `{code}`{}",
            suggest::hint(code, codes)
        ),
    )
    .help("run `ties explain` to list the rule codes")
}
