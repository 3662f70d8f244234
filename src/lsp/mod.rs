//! `ties lsp`: the language server. The protocol lives here and only here: framing
//! ([`transport`]), positions and URIs ([`convert`]), what the client can do ([`client`]),
//! the server's state, event loop and typed dispatch ([`server`]), finding, loading and
//! watching the notebook ([`start`]), workspace edits as the client takes them ([`edit`]),
//! and one handler file per family of messages: the documents kept in step ([`sync`]),
//! completion and hover ([`complete`]), definition, references and rename ([`navigate`]),
//! code actions and lenses ([`actions`]), the commands they run ([`commands`]), files
//! renamed, created and deleted in the editor ([`files`]), the outline and the workspace's
//! symbols ([`symbols`]). The notebook is a `workspace::Workspace`, as for `ties watch`;
//! what the answers say comes from the domain (`assist`, `check`, `agenda`), in byte
//! offsets.

mod actions;
mod client;
mod commands;
mod complete;
mod convert;
mod edit;
#[cfg(test)]
mod equivalence;
mod files;
mod first;
mod navigate;
mod server;
mod start;
mod symbols;
mod sync;
mod transport;

use crate::config::Config;
use crate::exit::ExitStatus;

/// Serves one client over stdin and stdout until it says `exit` or closes stdin. Logs go
/// to stderr: stdout carries the protocol only.
pub(crate) fn run(config: &Config) -> ExitStatus {
    let (events, queue) = std::sync::mpsc::channel();
    let client = events.clone();
    let (connection, threads) =
        transport::stdio(move |message| client.send(server::Event::Client(message)).is_ok());
    let status = server::serve(config, &connection, events, &queue);
    drop(connection);
    threads.join();
    status
}
