//! `ties log …`, `snooze`, `close`, `pause`, `resume` and `done`: the recording commands,
//! one file for all since they differ only in the edit [`crate::action`] plans. Each reads
//! the file fresh, makes the edit, and writes it back atomically unless the file changed
//! meanwhile; `--dry-run` prints the diff instead.

use std::fmt::Write as _;
use std::io::Write;

use crate::action::{self, Applied, Request};
use crate::config::Config;
use crate::dismissed;
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::fs;
use crate::model::chat::Direction;
use crate::model::time::When;
use crate::render::escape::safe;

use super::Outcome;

pub(crate) fn run(
    config: &Config,
    request: &Request,
    dry_run: bool,
    template: Option<&str>,
) -> Result<Outcome, Error> {
    let lock = super::lock(config)?;
    let (root, mut index) = super::load(config)?;
    if let Request::Message {
        contact,
        direction,
        date,
    } = request
    {
        let outcome = message(config, &root, index, (contact, *direction, *date), dry_run);
        drop(lock);
        return outcome;
    }
    let mut plan = action::plan(&index, request)?;
    if let Some(name) = template {
        plan = action::with_template(&index, plan, request, name)?;
    }
    let path = root.join(&plan.path);
    // `dismissed.txt` is a plain file, made by the first item set aside; it is no record,
    // so no check of the notebook can be changed by it (`action::apply` checks its lines).
    let dismissals = plan.path == dismissed::FILE;
    let read = if dismissals && !path.exists() {
        None
    } else {
        Some(fs::read_in(&root, &path)?)
    };
    let bytes = read.as_ref().map_or(&[][..], |r| r.bytes.as_slice());
    let applied = action::apply(&plan, bytes, &index.settings.conventions)?;
    if let (false, Applied::Changed { bytes, .. }) = (dismissals, &applied) {
        action::vet(&mut index, &plan, bytes)?;
    }
    let shown = super::new::shown_path(&config.cwd, &path);
    let shown = safe(&shown.to_string_lossy()).to_string();
    let what = safe(&plan.what).to_string();
    let message = match applied {
        Applied::Unchanged => format!("{shown}\nalready recorded: {what}; nothing changed\n"),
        Applied::Changed { before, after, .. } if dry_run => {
            // Line by line: `safe` would show the line feeds themselves as `\n`.
            crate::edit::diff(&plan.path, &before, &after).lines().fold(
                String::new(),
                |mut out, line| {
                    let _ = writeln!(out, "{}", safe(line));
                    out
                },
            )
        }
        Applied::Changed { bytes: new, .. } => {
            match &read {
                Some(read) => fs::replace_in(&root, &path, read, &new)?,
                None => {
                    let text = String::from_utf8_lossy(&new);
                    fs::create_in(&root, &path, &text, fs::Existing::Keep)?;
                }
            }
            format!("{shown}\nrecorded: {what}\n")
        }
    };
    drop(lock);
    let mut out = super::stdout(config);
    super::finish_output(out.write_all(message.as_bytes()).and_then(|()| out.flush()))?;
    Ok(Outcome::with(ExitStatus::Success, index))
}

/// `ties log message`: a new message chat ([`action::message`]), written like `ties new`
/// writes a file; `--dry-run` prints it instead.
fn message(
    config: &Config,
    root: &std::path::Path,
    index: crate::index::Index,
    (contact, direction, date): (&str, Direction, Option<When>),
    dry_run: bool,
) -> Result<Outcome, Error> {
    let (file, what) = action::message(&index, contact, direction, date)?;
    let path = root.join(&file.path);
    let shown = super::new::shown_path(&config.cwd, &path);
    let shown = safe(&shown.to_string_lossy()).to_string();
    let what = safe(&what).to_string();
    let message = if dry_run {
        let body: String = file.text.lines().fold(String::new(), |mut out, line| {
            let _ = writeln!(out, "+{}", safe(line));
            out
        });
        format!("would create {shown}:\n{body}")
    } else {
        fs::Names::default().claim(&path)?;
        fs::create_in(root, &path, &file.text, fs::Existing::Keep)?;
        format!("{shown}\nrecorded: {what}\n")
    };
    let mut out = super::stdout(config);
    super::finish_output(out.write_all(message.as_bytes()).and_then(|()| out.flush()))?;
    Ok(Outcome::with(ExitStatus::Success, index))
}
