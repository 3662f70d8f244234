//! `ties next [-n N] [--explain]`: the most urgent items of the agenda ([`crate::urgency`]),
//! each with one line of why and the command that clears it.

use crate::agenda::{self, Filter};
use crate::config::Config;
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::render::Format;
use crate::urgency;

use super::Outcome;

pub(crate) fn run(
    config: &Config,
    n: usize,
    explain: bool,
    format: Format,
) -> Result<Outcome, Error> {
    let (_, index) = super::load(config)?;
    let agenda = agenda::build(&index, None, &Filter::default());
    let next = urgency::next(&index, &agenda, n, explain);
    super::print(config, &next, format)?;
    Ok(Outcome::with(ExitStatus::Success, index))
}
