//! `ties serve [--port N] [--host ADDRESS] [--redact]`: the page of `ties html`, live on
//! http://127.0.0.1:N. The notebook is held in memory by a [`Workspace`], as for `ties
//! watch`, which re-reads only what a save touched; after each round the
//! page is made again and every open page reloads (server-sent events). While the check finds
//! errors, the last view without errors stays, under a banner listing them.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::mpsc;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::findings::Severity;
use crate::html::{self, Banner, Options, View};
use crate::http::{self, Shared};
use crate::notebook;
use crate::render;
use crate::watch::{self, Engine, Seen};
use crate::workspace::Workspace;

enum Message {
    Seen(Seen),
    Stop,
}

/// The page as served: the last view without errors, and the version the pages carry.
struct Pages {
    options: Options,
    version: u64,
    /// The last view made from a notebook without errors, and when.
    last_good: Option<(View, String)>,
}

impl Pages {
    /// Makes the page for the workspace's notebook now; returns it with its version.
    fn make(&mut self, workspace: &Workspace) -> (u64, String) {
        self.version += 1;
        let errors: Vec<Diagnostic> = workspace
            .diagnostics()
            .into_iter()
            .filter(|d| d.severity() == Severity::Error)
            .collect();
        let page = if errors.is_empty() {
            let view = html::view(workspace.index(), self.options);
            let page = html::render(&view, self.options, self.version, None);
            let when = chrono::Local::now().format("%H:%M:%S").to_string();
            self.last_good = Some((view, when));
            page
        } else {
            let fresh;
            let (view, kept_from) = match &self.last_good {
                Some((view, when)) => (view, Some(when.clone())),
                None => {
                    fresh = html::view(workspace.index(), self.options);
                    (&fresh, None)
                }
            };
            let banner = Banner {
                diagnostics: &errors,
                kept_from,
            };
            html::render(view, self.options, self.version, Some(&banner))
        };
        (self.version, page)
    }
}

pub(crate) fn run(
    config: &Config,
    port: u16,
    host: Option<IpAddr>,
    redact: bool,
) -> Result<ExitStatus, Error> {
    let root = notebook::discover_real(config.notebook.as_deref(), &config.cwd)?;
    let ip = host.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let addr = SocketAddr::new(ip, port);
    let listener = http::listen(addr).map_err(|reason| Error::Listen {
        addr,
        next: port.wrapping_add(1),
        reason,
    })?;
    let mut err = render::stderr(config.color);
    if !ip.is_loopback() {
        let _ = writeln!(
            err,
            "{} listening on {ip}: anyone who can reach this machine can read the whole notebook (names, notes, files); there is no password and no encryption",
            render::label(render::WARNING, "warning")
        );
    }

    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    // Ctrl-C ends serving normally (exit 0).
    let _ = ctrlc::set_handler(move || {
        let _ = stop.send(Message::Stop);
    });
    let engine = Engine::start(&root, watch::Options::default(), move |seen| {
        tx.send(Message::Seen(seen)).is_ok()
    })?;

    let (mut workspace, _) = Workspace::load_with(&root, config.now(), config.cache)?;
    let mut pages = Pages {
        options: Options { redact, live: true },
        version: 0,
        last_good: None,
    };
    let (version, page) = pages.make(&workspace);
    let shared = Shared::new(String::new());
    shared.publish(version, page);
    listener.spawn(std::sync::Arc::clone(&shared));
    let mut out = super::stdout(config);
    let _ = writeln!(
        out,
        "Serving {} on http://{}/ (read-only; updates on every save; Ctrl-C to stop)",
        render::escape::line(&root.display().to_string()),
        listener.addr
    );
    let _ = out.flush();
    drop(out);

    while let Ok(Message::Seen(seen)) = rx.recv() {
        let batch = seen?;
        watch::feed(&mut workspace, &batch);
        let round = workspace.check(config.now())?;
        let (version, page) = pages.make(&workspace);
        shared.publish(version, page);
        let mut out = super::stdout(config);
        let _ = writeln!(
            out,
            "[{}] page updated: {}",
            chrono::Local::now().format("%H:%M:%S"),
            render::summary(round.tally, round.files)
        );
        let _ = out.flush();
    }
    shared.close();
    listener.stop();
    drop(engine);
    Ok(ExitStatus::Success)
}
