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
//! Start the file with front matter (`---` on the very first line), or move free-form notes to another folder (`notes/`). In a vault whose
//! folders are named in `ties.yaml`, a note that is no record can stay where it is: list it
//! under `ignore:` there (templates and a `README.md` are never records).

use crate::rules::{Words, shorten};

/// `folder`: the record folder where `folders:` renamed it, where a vault may have no
/// `notes/` to move the file to, and `ignore:` is the way to keep it where it is.
pub(crate) fn missing(kind: &str, example: &str, folder: Option<&str>) -> Words {
    let start = format!("start the file with front matter, e.g. `---\\n{example}\\n---`");
    Words::new(format!("{kind} file has no front matter")).help(match folder {
        None => format!("{start}, or move it to `notes/`"),
        Some(folder) => format!(
            "{start}, or, if it is no {kind}, list it under `ignore:` in `ties.yaml` (or move it out of `{}/`)",
            shorten(folder)
        ),
    })
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
