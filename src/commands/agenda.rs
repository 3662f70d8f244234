//! `ties agenda`: load the notebook and print what to do, in the chosen format.

use std::io::Write;

use crate::agenda::{self, Filter};
use crate::config::{AgendaFormat, Config};
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::notebook;
use crate::render;

pub fn run(
    config: &Config,
    format: AgendaFormat,
    days: Option<u32>,
    filter: &Filter,
) -> Result<ExitStatus, Error> {
    let root = notebook::discover(config.notebook.as_deref(), &config.cwd)?;
    let index = notebook::load(&root, config.today)?;
    let days = days.map_or_else(
        || index.settings.rules.horizon.as_minutes() / (24 * 60),
        i64::from,
    );
    let agenda = agenda::build(&index, days, filter);
    let mut out = super::stdout(config);
    let written = match format {
        AgendaFormat::Text => render::agenda::text(&mut out, &agenda),
        AgendaFormat::Markdown => render::agenda::markdown(&mut out, &agenda),
        AgendaFormat::Json => render::agenda::json(&mut out, &agenda),
        AgendaFormat::Ics => write!(out, "{}", render::ics::calendar(&agenda)),
    };
    super::finish_output(written.and_then(|()| out.flush()))?;
    Ok(ExitStatus::Success)
}
