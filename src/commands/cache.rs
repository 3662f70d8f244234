//! `ties cache clear`: removes the notebook's cache of parsed files (`.ties-cache/`).

use std::io::Write;

use crate::config::Config;
use crate::error::Error;
use crate::exit::ExitStatus;

pub(crate) fn clear(config: &Config) -> Result<ExitStatus, Error> {
    let root = crate::notebook::discover(config.notebook.as_deref(), &config.cwd)?;
    let said = match crate::cache::clear(&root)? {
        Some(bytes) => format!(
            "removed {} ({} KB); the next run reads every file",
            crate::cache::DIR,
            bytes.div_ceil(1000)
        ),
        None => format!("no cache to remove ({} is not there)", crate::cache::DIR),
    };
    let mut out = super::stdout(config);
    super::finish_output(writeln!(out, "{said}").and_then(|()| out.flush()))?;
    Ok(ExitStatus::Success)
}
