//! `ties completions SHELL`: a completion script for the shell, generated from the command
//! line's definition so it always knows every subcommand, option and value.

use crate::error::Error;
use crate::exit::ExitStatus;

pub(crate) fn run(script: &[u8]) -> Result<ExitStatus, Error> {
    super::write_stdout(script)?;
    Ok(ExitStatus::Success)
}
