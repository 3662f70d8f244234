//! `ties completions SHELL`: a completion script for the shell, generated from the command
//! line's definition so it always knows every subcommand, option and value.

use std::io::Write;

use crate::config::{Config, Shell};
use crate::error::Error;
use crate::exit::ExitStatus;

pub fn run(_config: &Config, shell: Shell) -> Result<ExitStatus, Error> {
    let mut script = Vec::new();
    crate::cli::write_completions(shell, &mut script);
    let mut out = std::io::stdout().lock();
    super::finish_output(out.write_all(&script).and_then(|()| out.flush()))?;
    Ok(ExitStatus::Success)
}
