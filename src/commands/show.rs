//! `ties show ID`: load the notebook and print one record with its people and timeline.

use std::io::Write;

use crate::config::{Config, ReportFormat};
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::notebook;
use crate::render;
use crate::show;

pub fn run(config: &Config, id: &str, format: ReportFormat) -> Result<ExitStatus, Error> {
    let root = notebook::discover(config.notebook.as_deref(), &config.cwd)?;
    let index = notebook::load(&root, config.today())?;
    // `[[jane-doe]]` pasted from a note works too.
    let id = crate::model::Id::from_reference(id);
    let shown = show::build(&index, id.as_str())?;
    let mut out = super::stdout(config);
    let written = match format {
        ReportFormat::Text => render::show::text(&mut out, &shown),
        ReportFormat::Json => render::show::json(&mut out, &shown),
        ReportFormat::Csv => render::show::csv(&mut out, &shown),
        ReportFormat::Markdown => render::show::markdown(&mut out, &shown),
    };
    super::finish_output(written.and_then(|()| out.flush()))?;
    super::report::warn_if_errors(config, &index);
    Ok(ExitStatus::Success)
}
