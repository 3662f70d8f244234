//! `ties report [funnel|companies|activity|goals|events]`: load the notebook, resolve the
//! period against `--today`, build the report and print it in the chosen format.

use crate::config::Config;
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::period;
use crate::render::Format;
use crate::report::{self, Granularity, ReportKind};

use super::Outcome;

pub(crate) fn run(
    config: &Config,
    kind: ReportKind,
    period: &period::Filter,
    by: Granularity,
    format: Format,
) -> Result<Outcome, Error> {
    // The period is checked before the notebook is read: a typo should not cost a load.
    let period = period.resolve(config.today())?;
    let (_, index) = super::load(config)?;
    let report = report::build(&index, kind, period, by);
    super::print(config, &report, format)?;
    super::warn_if_errors(config, &index);
    Ok(Outcome::with(ExitStatus::Success, index))
}
