//! `ties lsp`: the language server on stdin and stdout; the server itself is `crate::lsp`.

use crate::config::Config;
use crate::exit::ExitStatus;

pub(crate) fn run(config: &Config) -> ExitStatus {
    crate::lsp::run(config)
}
