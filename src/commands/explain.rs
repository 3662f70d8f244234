//! `ties explain [CODE]`: a rule's documentation, or the list of rules.

use std::io::Write;

use crate::config::Config;
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::findings::Code;
use crate::suggest;

pub(crate) fn run(config: &Config, code: Option<&str>) -> Result<ExitStatus, Error> {
    let mut out = super::stdout(config);
    let written = match code {
        None => list(&mut out),
        Some(text) => {
            let Some(code) = Code::parse(text) else {
                return Err(Error::UnknownCode {
                    code: text.to_owned(),
                    hint: suggest::hint(text, Code::ALL.iter().map(|c| c.as_str())),
                    known: Code::ALL
                        .iter()
                        .map(|c| c.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            };
            writeln!(
                out,
                "{code} {} ({})\n\n{}",
                code.name(),
                code.severity().as_str(),
                code.explanation().trim_end()
            )
        }
    };
    super::finish_output(written)?;
    Ok(ExitStatus::Success)
}

fn list(out: &mut impl Write) -> std::io::Result<()> {
    for code in Code::ALL {
        writeln!(
            out,
            "{code}  {:<8} {}",
            code.severity().as_str(),
            code.name()
        )?;
    }
    writeln!(
        out,
        "\nRun `ties explain CODE` for what a rule checks, why, and how to fix it."
    )
}
