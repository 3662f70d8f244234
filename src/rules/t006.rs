//! ## What it checks
//! A record file (under `contacts/`, `companies/`, `chats/` or `events/`) that does not start
//! with YAML front matter on its first line (a blank line before the opening `---` is
//! reported as such).
//!
//! ## Why it matters
//! A record's fields live in its front matter; without it the file is not a contact, company,
//! chat or event, and nothing about it can be checked or scheduled.
//!
//! ## Example
//! `contacts/jane-doe.md` that starts with `# Jane Doe` instead of `---`, or with a blank
//! line and then `---`.
//!
//! ## How to fix
//! Start the file with front matter (`---` on the very first line), or move free-form notes to another folder (`notes/`).

use crate::rules::Words;

pub(crate) fn missing(kind: &str, example: &str) -> Words {
    Words::new(format!("{kind} file has no front matter")).help(format!(
        "start the file with front matter, e.g. `---\\n{example}\\n---`, or move it to `notes/`"
    ))
}

pub(crate) fn not_first(blank_lines: usize) -> Words {
    let what = if blank_lines == 1 {
        "the first line is blank".to_owned()
    } else {
        format!("the first {blank_lines} lines are blank")
    };
    Words::new(format!(
        "front matter must start on the first line, but {what}"
    ))
    .help("delete the blank lines before the opening `---`")
}
