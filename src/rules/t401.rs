//! ## What it checks
//! Keys in `ties.yaml` that `ties` does not know, at any level (`rules`, `goals`, `checks`).
//!
//! ## Why it matters
//! A misspelt setting (`folow_up_after: 5d`) is silently ignored and the default applies.
//!
//! ## Example
//! ```yaml
//! rules:
//!   folow_up_after: 5d
//! ```
//!
//! ## How to fix
//! Use the key the message suggests; `docs/format.md` lists every key and its default.

use crate::rules::Words;
use crate::suggest;

pub(crate) fn unknown(key: &str, section: &str, known: &[&str]) -> Words {
    let place = if section.is_empty() {
        "ties.yaml".to_owned()
    } else {
        format!("`{section}`")
    };
    Words::suggesting(
        &format!("unknown key `{key}` in {place}"),
        suggest::did_you_mean(key, known.iter().copied()),
    )
    .help(format!("known keys: {}", known.join(", ")))
}

#[cfg(test)]
mod tests {
    #[test]
    fn suggests_the_nearest_known_key() {
        let words = super::unknown("folow_up_after", "rules", &["follow_up_after", "horizon"]);
        assert!(words.message.contains("did you mean `follow_up_after`"));
        assert_eq!(
            words.help.as_deref(),
            Some("known keys: follow_up_after, horizon")
        );
    }
}
