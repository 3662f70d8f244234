//! `ties man`: the manual page, in roff, from the command line's definition
//! (`ties man > ties.1; man ./ties.1`), or with `--dir` every page: one per command and
//! `ties-format(5)`.

use std::path::Path;

use crate::config::{Config, ManPage};
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::fs::{self, Existing};

pub(crate) fn run(
    config: &Config,
    pages: &[ManPage],
    dir: Option<&Path>,
    force: bool,
) -> Result<ExitStatus, Error> {
    let Some(dir) = dir else {
        // The first page is `ties.1`.
        if let Some(top) = pages.first() {
            super::write_stdout(top.text.as_bytes())?;
        }
        return Ok(ExitStatus::Success);
    };
    let dir = config.cwd.join(dir);
    let existing = Existing::from_force(force);
    // All refused or none: a page already there stops the run before the first is written,
    // so a second `ties man --dir` does not leave a mix of old and new pages.
    if existing == Existing::Keep
        && let Some(page) = pages.iter().find(|p| dir.join(&p.file).exists())
    {
        return Err(Error::Exists {
            path: dir.join(&page.file),
        });
    }
    for page in pages {
        // Each page is written to a temporary file and renamed into place.
        fs::create(&dir.join(&page.file), &page.text, existing)?;
    }
    Ok(ExitStatus::Success)
}
