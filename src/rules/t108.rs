//! ## What it checks
//! Email addresses and URLs that are malformed: an email without exactly one `@` and a dotted
//! domain, a `website`/`url` that is not an `http(s)://` address, a profile link with a scheme
//! but no host.
//!
//! ## Why it matters
//! You reach people through these; a typo found now is better than a bounced message later.
//!
//! ## Example
//! ```yaml
//! email: jane.doe@acme
//! website: acme dot com
//! ```
//!
//! ## How to fix
//! Correct the address: `jane.doe@acme.com`, `https://acme.com`.

use crate::diagnostic::{Finding, shorten};
use crate::rules::Code;
use crate::span::Span;

pub fn malformed(span: Span, key: &str, value: &str, what: &str) -> Finding {
    Finding::new(
        Code::T108,
        span,
        format!("`{key}`: `{}` is not a valid {what}", shorten(value)),
    )
}
