//! `ties lsp`: the language server. The protocol lives here and only here: framing
//! ([`transport`]), positions and URIs ([`convert`]), the server's state and typed dispatch
//! ([`server`]), and one handler file per family of messages: the documents kept in step
//! ([`sync`]), completion and hover ([`complete`]), definition, references and rename
//! ([`navigate`]), code actions and lenses ([`actions`]), the outline ([`symbols`]). The
//! notebook is a `workspace::Workspace`, as for `ties watch`; what the answers say comes
//! from the domain (`assist`, `check`, `agenda`), in byte offsets.

mod actions;
mod complete;
mod convert;
#[cfg(test)]
mod equivalence;
mod navigate;
mod server;
mod symbols;
mod sync;
mod transport;

use crate::config::Config;
use crate::exit::ExitStatus;

/// Serves one client over stdin and stdout until it says `exit` or closes stdin. Logs go
/// to stderr: stdout carries the protocol only.
pub(crate) fn run(config: &Config) -> ExitStatus {
    let (connection, threads) = transport::stdio();
    let status = server::serve(config, &connection);
    drop(connection);
    threads.join();
    status
}
