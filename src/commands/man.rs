//! `ties man`: the manual page, in roff, from the command line's definition
//! (`ties man > ties.1; man ./ties.1`).

use std::io::Write;

use crate::config::Config;
use crate::error::Error;
use crate::exit::ExitStatus;

pub fn run(_config: &Config) -> Result<ExitStatus, Error> {
    let mut page = Vec::new();
    crate::cli::write_man(&mut page).map_err(|source| Error::Write {
        path: "<stdout>".into(),
        source,
    })?;
    let mut out = std::io::stdout().lock();
    super::finish_output(out.write_all(&page).and_then(|()| out.flush()))?;
    Ok(ExitStatus::Success)
}
