//! `ties check`: load the notebook, run the cross-file rules, print every diagnostic.

use std::io::Write;

use crate::check::diagnostics;
use crate::config::{CheckFormat, Config};
use crate::diagnostic::Tally;
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::notebook;
use crate::render;

use super::Outcome;

pub(crate) fn run(
    config: &Config,
    format: CheckFormat,
    deny_warnings: bool,
) -> Result<Outcome, Error> {
    let (root, index) = super::load(config)?;
    let diagnostics = diagnostics(&index);
    let tally = Tally::of(&diagnostics);
    let files = index.files() + 1 + index.templates().files();
    let mut out = super::stdout(config);
    let written = match format {
        CheckFormat::Human => render::human::write(
            &mut out,
            &diagnostics,
            &render::sources(&index, &diagnostics),
        )
        .and_then(|()| writeln!(out, "{}", render::summary(tally, files))),
        CheckFormat::Json => render::json::write(&mut out, &diagnostics),
        CheckFormat::Github => {
            // Annotations name files relative to where the workflow runs (the repository
            // root), so the notebook's own place below the current folder goes in front.
            let prefix = root
                .canonicalize()
                .ok()
                .zip(config.cwd.canonicalize().ok())
                .and_then(|(root, cwd)| {
                    root.strip_prefix(&cwd)
                        .ok()
                        .map(|p| notebook::relative(std::path::Path::new(""), p))
                })
                .unwrap_or_default();
            render::github::write(&mut out, &diagnostics, &prefix)
                .and_then(|()| writeln!(out, "{}", render::summary(tally, files)))
        }
    };
    super::finish_output(written.and_then(|()| out.flush()))?;
    let status = if tally.errors > 0 || deny_warnings && tally.warnings > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    };
    Ok(Outcome::with(status, index))
}
