//! ## What it checks
//! A record file (under `contacts/`, `companies/`, `chats/` or `events/`) that does not start
//! with YAML front matter.
//!
//! ## Why it matters
//! A record's fields live in its front matter; without it the file is not a contact, company,
//! chat or event, and nothing about it can be checked or scheduled.
//!
//! ## Example
//! `contacts/jane-doe.md` that starts with `# Jane Doe` instead of `---`.
//!
//! ## How to fix
//! Start the file with front matter, or move free-form notes to another folder (`notes/`).

use crate::rules::Words;

pub(crate) fn missing(kind: &str, example: &str) -> Words {
    Words::new(format!("{kind} file has no front matter")).help(format!(
        "start the file with front matter, e.g. `---\\n{example}\\n---`, or move it to `notes/`"
    ))
}
