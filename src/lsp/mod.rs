//! `ties lsp`: the language server. The protocol lives here and only here: framing
//! ([`transport`]), positions and URIs ([`convert`]), and the messages ([`server`]); what
//! the answers say comes from the domain (`assist`, `check`, `agenda`), in byte offsets.

mod convert;
mod server;
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
