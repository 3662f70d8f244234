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

use crate::findings::Code;
use crate::rules::Words;
use crate::suggest;

pub(crate) fn unknown_code(code: &str) -> Words {
    let codes = Code::ALL.iter().map(|c| c.as_str());
    Words::suggesting(
        &format!("`checks.ignore` names unknown rule `{code}`"),
        suggest::did_you_mean(code, codes),
    )
    .help("run `ties explain` to list the rule codes")
}
