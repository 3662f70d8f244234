//! ## What it checks
//! A list of people written as one string with commas, in a chat's `with` (or a key mapped
//! onto it, such as `attendees`), an event's `met` or a chat's `referrals`:
//! `attendees: Derek Wu, Jake Fuchs, Muli Motola`. YAML reads that as one value; `ties`
//! reads it as the three people it names, and says so. Two single words
//! (`with: Doe, Jane`) are one name written last name first, and are not split.
//!
//! ## Why it matters
//! Read as one name, `Derek Wu, Jake Fuchs, Muli Motola` is nobody: the meeting would count
//! for none of them. Read as a list it counts for each, but the file says otherwise to any
//! other tool that reads YAML.
//!
//! ## Example
//! ```yaml
//! attendees: Derek Wu, Jake Fuchs, Muli Motola
//! ```
//!
//! ## How to fix
//! Write the list as YAML writes one: `attendees: [Derek Wu, Jake Fuchs, Muli Motola]`,
//! or one `- name` line each. To leave such files as they are, silence the rule:
//! `checks: { ignore: [T109] }` in `ties.yaml`.

use crate::rules::{Words, shorten};

pub(crate) fn names_in_one_string(key: &str, names: &[String]) -> Words {
    let list = names.join(", ");
    Words::new(format!(
        "`{key}` is one string of {} names: read as a list",
        names.len()
    ))
    .help(format!("write a list: `{key}: [{}]`", shorten(&list)))
}
