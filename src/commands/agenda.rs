//! `ties agenda`: load the notebook and print what to do, in the chosen format; with
//! `--explain KEY`, why one item is there.

use std::io::Write;

use crate::agenda::{self, Filter};
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

/// Why the item `key` is there: found among every item however far ahead, capped nudges
/// included, whatever the filters; an unknown key is a usage error with the closest key.
fn explain_key(
    config: &Config,
    index: &Index,
    format: AgendaFormat,
    days: Option<u32>,
    key: &str,
) -> Result<(), Error> {
    let all = agenda::build(index, Some(u32::MAX), &Filter::default());
    let key = key.trim();
    let found = all
        .items
        .iter()
        .map(|i| (i, false))
        .chain(all.capped.iter().map(|i| (i, true)))
        .find(|(i, _)| i.key() == key);
    let Some((item, capped)) = found else {
        let keys: Vec<String> = all
            .items
            .iter()
            .chain(&all.capped)
            .map(agenda::Item::key)
            .collect();
        return Err(Error::UnknownKey {
            key: key.to_owned(),
            hint: crate::suggest::hint(key, keys.iter().map(String::as_str)),
        });
    };
    let until = agenda::until(index, days);
    let explained = render::agenda::Explained {
        item,
        today: index.today,
        capped: capped.then_some(index.settings.rules.nudges_per_kind),
        beyond: (item.due.date() > until).then_some(until),
    };
    let format = match format {
        AgendaFormat::Plain(Format::Json) => Format::Json,
        _ => Format::Text,
    };
    super::print(config, &explained, format)
}
