//! `ties list contacts|companies|chats|events`: load the notebook, filter, sort and cut the
//! records of one kind, and print them as a table in the chosen format.

use std::io::Write;

use crate::config::{Config, ReportFormat};
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::list::{self, Options};
use crate::model::Kind;
use crate::notebook;
use crate::render;

pub fn run(
    config: &Config,
    kind: Kind,
    options: &Options,
    format: ReportFormat,
) -> Result<ExitStatus, Error> {
    let root = notebook::discover(config.notebook.as_deref(), &config.cwd)?;
    let index = notebook::load(&root, config.today())?;
    let listing = list::build(&index, kind, options)?;
    let mut out = super::stdout(config);
    let written = match format {
        ReportFormat::Text => render::list::text(&mut out, &listing),
        ReportFormat::Json => render::list::json(&mut out, &listing),
        ReportFormat::Csv => render::list::csv(&mut out, &listing),
        ReportFormat::Markdown => render::list::markdown(&mut out, &listing),
    };
    super::finish_output(written.and_then(|()| out.flush()))?;
    super::report::warn_if_errors(config, &index);
    Ok(ExitStatus::Success)
}
