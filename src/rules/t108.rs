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

use crate::findings::Address;
use crate::rules::{Words, shorten};

pub(crate) fn malformed(key: &str, value: &str, address: Address) -> Words {
    let what = match address {
        Address::Email => "email address",
        Address::Url => "URL",
        Address::Profile => "handle or URL",
    };
    let words = Words::new(format!(
        "`{key}`: `{}` is not a valid {what}",
        shorten(value)
    ));
    match address {
        Address::Url => words.help("write the full address, e.g. https://example.com"),
        Address::Email => words.help("write it as name@example.com, or leave the key out"),
        Address::Profile => {
            words.help("write a handle (`@jane`) or the profile's full address (https://…)")
        }
    }
}
