//! `ties report [funnel|companies|activity|goals|events]`: load the notebook, resolve the
//! period against `--today`, build the report and print it in the chosen format.

use std::io::Write;

use crate::config::{Config, ReportFormat};
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::notebook;
use crate::period;
use crate::render;
use crate::report::{self, Granularity, ReportKind};

pub fn run(
    config: &Config,
    kind: ReportKind,
    period: &period::Filter,
    by: Granularity,
    format: ReportFormat,
) -> Result<ExitStatus, Error> {
    // The period is checked before the notebook is read: a typo should not cost a load.
    let period = period.resolve(config.today)?;
    let root = notebook::discover(config.notebook.as_deref(), &config.cwd)?;
    let index = notebook::load(&root, config.today)?;
    let report = report::build(&index, kind, period, by);
    let mut out = super::stdout(config);
    let written = match format {
        ReportFormat::Text => render::report::text(&mut out, &report),
        ReportFormat::Json => render::report::json(&mut out, &report),
        ReportFormat::Csv => render::report::csv(&mut out, &report),
        ReportFormat::Markdown => render::report::markdown(&mut out, &report),
    };
    super::finish_output(written.and_then(|()| out.flush()))?;
    Ok(ExitStatus::Success)
}
