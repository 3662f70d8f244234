//! `ties draft KIND ID`: a message filled from the notes ([`crate::compose`]). The message
//! goes to stdout alone (subject line first), ready to copy; what to know before sending
//! (the facts left to fill, the length against the channel, how to record it) goes to
//! stderr. `--format json` prints everything as one object. Exit 1 when the draft is over
//! the channel's hard limit (LinkedIn would refuse it), 0 otherwise.

use std::io::Write;

use crate::compose::{self, Request};
use crate::config::Config;
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::render;

use super::Outcome;

pub(crate) fn run(config: &Config, request: &Request, json: bool) -> Result<Outcome, Error> {
    let (_, index) = super::load(config)?;
    let draft = compose::draft(&index, request)?;
    let mut out = super::stdout(config);
    let written = if json {
        render::draft::json(&draft, &mut out)
    } else {
        render::draft::message(&draft, &mut out)
    };
    super::finish_output(written.and_then(|()| out.flush()))?;
    if !json {
        let mut err = render::stderr(config.color);
        let _ = render::draft::notes(&draft, &mut err).and_then(|()| err.flush());
    }
    let status = if draft.over.is_some() {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    };
    Ok(Outcome::with(status, index))
}
