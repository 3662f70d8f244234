//! `ties agenda`: load the notebook and print what to do, in the chosen format.

use std::io::Write;

use crate::agenda::{self, Filter};
use crate::config::{AgendaFormat, Config};
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::lookup;
use crate::model::Kind;
use crate::notebook;
use crate::render;

pub fn run(
    config: &Config,
    format: AgendaFormat,
    days: Option<u32>,
    filter: &Filter,
) -> Result<ExitStatus, Error> {
    let root = notebook::discover(config.notebook.as_deref(), &config.cwd)?;
    let index = notebook::load(&root, config.today())?;
    let days = days.map_or_else(
        || index.settings.rules.horizon.as_minutes() / (24 * 60),
        i64::from,
    );
    // Names and `[[id]]` work as filters too; an unknown one is an error, not an empty agenda.
    let mut filter = filter.clone();
    if let Some(contact) = &filter.contact {
        filter.contact = Some(lookup::resolve(&index, Kind::Contact, contact)?.to_string());
    }
    if let Some(company) = &filter.company {
        filter.company = Some(lookup::resolve(&index, Kind::Company, company)?.to_string());
    }
    let agenda = agenda::build(&index, days, &filter);
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
