//! `ties list contacts|companies|chats|events`: load the notebook, filter, sort and cut the
//! records of one kind, and print them as a table in the chosen format.

use crate::config::Config;
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::list::{self, Options};
use crate::model::Kind;
use crate::render::Format;

use super::Outcome;

pub(crate) fn run(
    config: &Config,
    kind: Kind,
    options: &Options,
    format: Format,
) -> Result<Outcome, Error> {
    let (_, index) = super::load(config)?;
    let listing = list::build(&index, kind, options)?;
    super::print(config, &listing, format)?;
    super::warn_if_errors(config, &index);
    Ok(Outcome::with(ExitStatus::Success, index))
}
