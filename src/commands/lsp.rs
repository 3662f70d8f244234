//! `ties lsp`: the language server on stdin and stdout; the server itself is `crate::lsp`.

use crate::config::Config;
use crate::error::Error;
use crate::exit::ExitStatus;

pub(crate) fn run(config: &Config) -> Result<ExitStatus, Error> {
    crate::lsp::run(config)
}
