//! `ties show ID`: load the notebook and print one record with its people and timeline.

use crate::config::Config;
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::render::Format;
use crate::show;

use super::Outcome;

pub(crate) fn run(config: &Config, id: &str, format: Format) -> Result<Outcome, Error> {
    let (_, index) = super::load(config)?;
    let shown = show::build(&index, id)?;
    super::print(config, &shown, format)?;
    super::warn_if_errors(config, &index);
    Ok(Outcome::with(ExitStatus::Success, index))
}
