//! `ties man`: the manual page, in roff, from the command line's definition
//! (`ties man > ties.1; man ./ties.1`).

use crate::error::Error;
use crate::exit::ExitStatus;

pub(crate) fn run(page: &[u8]) -> Result<ExitStatus, Error> {
    super::write_stdout(page)?;
    Ok(ExitStatus::Success)
}
