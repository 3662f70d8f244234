//! `ties log …`, `snooze`, `close`, `pause`, `resume` and `done`: the recording commands,
//! one file for all since they differ only in the edit [`crate::action`] plans. Each reads
//! the file fresh, makes the edit, and writes it back atomically unless the file changed
//! meanwhile; `--dry-run` prints the diff instead.

use std::fmt::Write as _;
use std::io::Write;

use crate::action::{self, Applied, Request};
use crate::config::Config;
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::fs;
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
    let mut plan = action::plan(&index, request)?;
    if let Some(name) = template {
        plan = action::with_template(&index, plan, request, name)?;
    }
    let path = root.join(&plan.path);
    let read = fs::read_in(&root, &path)?;
    let applied = action::apply(&plan, &read.bytes, &index.settings.conventions)?;
    if let Applied::Changed { bytes, .. } = &applied {
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
            fs::replace_in(&root, &path, &read, &new)?;
            format!("{shown}\nrecorded: {what}\n")
        }
    };
    drop(lock);
    let mut out = super::stdout(config);
    super::finish_output(out.write_all(message.as_bytes()).and_then(|()| out.flush()))?;
    Ok(Outcome::with(ExitStatus::Success, index))
}
