//! `ties html [-o FILE] [--redact]`: the notebook as one self-contained HTML page, written
//! to a file (atomically, replacing it) or to standard output.

use std::path::Path;

use crate::config::Config;
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::fs::{self, Existing};
use crate::html::{self, Options};

use super::Outcome;

pub(crate) fn run(config: &Config, output: Option<&Path>, redact: bool) -> Result<Outcome, Error> {
    let (_, index) = super::load(config)?;
    let page = html::page(
        &index,
        Options {
            redact,
            live: false,
        },
    );
    match output {
        Some(path) => fs::create(&config.cwd.join(path), &page, Existing::Replace)?,
        None => super::write_stdout(page.as_bytes())?,
    }
    super::warn_if_errors(config, &index);
    Ok(Outcome::with(ExitStatus::Success, index))
}
