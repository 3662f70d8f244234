//! `ties agenda`: load the notebook and print what to do, in the chosen format.

use std::io::Write;

use crate::agenda::{self, Filter};
use crate::config::{AgendaFormat, Config};
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::render;

use super::Outcome;

pub(crate) fn run(
    config: &Config,
    format: AgendaFormat,
    days: Option<u32>,
    filter: &Filter,
) -> Result<Outcome, Error> {
    let (_, index) = super::load(config)?;
    let filter = filter.resolve(&index)?;
    let agenda = agenda::build(&index, days, &filter);
    match format {
        AgendaFormat::Plain(format) => super::print(config, &agenda, format)?,
        AgendaFormat::Ics => {
            let mut out = super::stdout(config);
            let calendar = render::ics::calendar(&agenda);
            super::finish_output(write!(out, "{calendar}").and_then(|()| out.flush()))?;
        }
    }
    Ok(Outcome::with(ExitStatus::Success, index))
}
