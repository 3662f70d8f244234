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
    let period = period.resolve(config.today())?;
    let root = notebook::discover(config.notebook.as_deref(), &config.cwd)?;
    let index = notebook::load(&root, config.today())?;
    let report = report::build(&index, kind, period, by);
    let mut out = super::stdout(config);
    let written = match format {
        ReportFormat::Text => render::report::text(&mut out, &report),
        ReportFormat::Json => render::report::json(&mut out, &report),
        ReportFormat::Csv => render::report::csv(&mut out, &report),
        ReportFormat::Markdown => render::report::markdown(&mut out, &report),
    };
    super::finish_output(written.and_then(|()| out.flush()))?;
    warn_if_errors(config, &index);
    Ok(ExitStatus::Success)
}

/// Files with errors may be missing from a report (a bad date is ignored, not guessed): say
/// so on stderr, so that CSV and JSON on stdout stay clean.
pub fn warn_if_errors(config: &Config, index: &crate::index::Index) {
    let n = index.docs.iter().filter(|d| d.has_errors()).count();
    if n == 0 {
        return;
    }
    let files = if n == 1 { "1 file has" } else { "files have" };
    let count = if n == 1 {
        String::new()
    } else {
        format!("{n} ")
    };
    let mut err = anstream::AutoStream::new(std::io::stderr(), config.color).lock();
    let style = render::WARNING;
    let _ = writeln!(
        err,
        "{style}warning:{style:#} {count}{files} errors, and what they hold may be missing here; run `ties check`"
    );
}
