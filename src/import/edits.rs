//! Changes an import makes to files: to a file of the notebook (a job change, an outreach
//! date from an invitation, messages added to a chat), one [`Edit`] per file however many
//! changes it gets, each change shown as its own hunk; and to a file the plan itself creates
//! (an invitation's date on a contact made from a connection), made in its text.

use std::fmt::Write as _;

use super::plan::{Edit, Plan};
use crate::edit::{self, Change, Edited, Existing};
use crate::index::Index;
use crate::model::Conventions;

/// `text` with the top-level `key` set to `value` (a YAML scalar, quoted as it needs),
/// added if missing; `Err` says why the file refuses it.
pub(super) fn set(
    text: &str,
    key: &'static str,
    value: String,
    conventions: &Conventions,
) -> Result<String, String> {
    let change = Change::Set {
        key,
        value,
        existing: Existing::Replace,
    };
    match edit::apply_in(text, &change, conventions).map_err(|e| e.to_string())? {
        Edited::Changed(new) => Ok(new),
        Edited::Unchanged => Ok(text.to_owned()),
    }
}

/// `text` with `line` added at the end of its body.
pub(super) fn append_line(text: &str, line: &str) -> String {
    let mut out = text.to_owned();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    let _ = writeln!(out, "{line}");
    out
}

/// Makes `change` on the file at `path`: a file `plan` creates is changed in its text; a
/// file of the notebook gets (or adds to) its [`Edit`], `what` joining the others said of
/// it. `Err` says why the file refuses the change, or that it changed since it was read.
pub(super) fn change(
    plan: &mut Plan,
    index: &Index,
    path: &str,
    what: &str,
    change: impl FnOnce(&str) -> Result<String, String>,
) -> Result<(), String> {
    if let Some(file) = plan.files.iter_mut().find(|f| f.path == path) {
        file.text = change(&file.text)?;
        return Ok(());
    }
    let at = match plan.edits.iter().position(|e| e.path == path) {
        Some(at) => at,
        None => {
            let doc = index
                .doc(path)
                .ok_or_else(|| format!("{path} is not in the notebook"))?;
            let text = doc.text().ok_or("it changed since it was read")?;
            plan.edits.push(Edit {
                path: path.to_owned(),
                before: text.to_owned(),
                after: text.to_owned(),
                what: String::new(),
                diff: format!("--- a/{path}\n+++ b/{path}\n"),
            });
            plan.edits.len() - 1
        }
    };
    let edit = &mut plan.edits[at];
    let after = change(&edit.after)?;
    edit.diff.push_str(&hunk(path, &edit.after, &after));
    edit.after = after;
    if edit.what.is_empty() {
        what.clone_into(&mut edit.what);
    } else {
        edit.what = format!("{}; {what}", edit.what);
    }
    Ok(())
}

/// The one hunk of [`edit::diff`] from `before` to `after`, without its file header.
pub(super) fn hunk(path: &str, before: &str, after: &str) -> String {
    let diff = edit::diff(path, before, after);
    let header = format!("--- a/{path}\n+++ b/{path}\n");
    diff.strip_prefix(&header).unwrap_or(&diff).to_owned()
}
