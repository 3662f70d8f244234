//! `ties agenda`: load the notebook and print what to do, in the chosen format; with
//! `--explain KEY`, why one item is there.

use std::io::Write;

use crate::agenda::{self, Filter, State};
use crate::config::{AgendaFormat, Config};
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::index::Index;
use crate::render::{self, Format};

use super::Outcome;

pub(crate) fn run(
    config: &Config,
    format: AgendaFormat,
    days: Option<u32>,
    filter: &Filter,
    explain: Option<&str>,
) -> Result<Outcome, Error> {
    let (_, index) = super::load(config)?;
    if let Some(key) = explain {
        explain_key(config, &index, format, days, key)?;
        return Ok(Outcome::with(ExitStatus::Success, index));
    }
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

/// Why the item `key` (full or short) is there: found among every item however far ahead,
/// capped, set aside or ticked, whatever the filters; an unknown key is a usage error with
/// the closest key.
fn explain_key(
    config: &Config,
    index: &Index,
    format: AgendaFormat,
    days: Option<u32>,
    key: &str,
) -> Result<(), Error> {
    let found = agenda::find(index, key)?;
    let item = &found.item;
    let until = agenda::until(index, days);
    let explained = render::agenda::Explained {
        item,
        today: index.today(),
        capped: (found.state == State::Capped).then_some(index.settings.rules.nudges_per_kind),
        beyond: (item.due.date() > until).then_some(until),
        held: (found.state == State::Held)
            .then_some(index.settings.since)
            .flatten(),
        set_aside: match found.state {
            State::Dismissed(entry) => Some(entry),
            _ => None,
        },
        done: match found.state {
            State::Ticked => Some("ticked already (`- [x]`): done".to_owned()),
            State::Prepared(day) => Some(format!("the chat is marked `prepared: {day}`: done")),
            _ => None,
        },
    };
    let format = match format {
        AgendaFormat::Plain(Format::Json) => Format::Json,
        _ => Format::Text,
    };
    super::print(config, &explained, format)
}
