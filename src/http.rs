//! The HTTP side of `ties serve`: a small synchronous server (`tiny_http`) that answers `GET /`
//! with the current page and `GET /events` with a stream of server-sent events, one per new
//! version of the page, so an open page reloads within moments of a save. Read-only: any
//! other method is refused. It answers only requests addressed to the host it listens on
//! (the `Host` header), so a web page elsewhere cannot read the notebook through a DNS name
//! that points at 127.0.0.1 (DNS rebinding).

use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

/// How often an idle event stream gets a comment line: a closed page is noticed (the write
/// fails) and the stream's thread ends.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The page being served and its version; the event streams wait on [`Shared::changed`].
pub(crate) struct Shared {
    current: Mutex<Current>,
    changed: Condvar,
}

struct Current {
    version: u64,
    page: Arc<String>,
    /// Set when serving ends: the streams close.
    closed: bool,
}

impl Shared {
    pub(crate) fn new(page: String) -> Arc<Self> {
        Arc::new(Self {
            current: Mutex::new(Current {
                version: 0,
                page: Arc::new(page),
                closed: false,
            }),
            changed: Condvar::new(),
        })
    }

    /// Serves `page` (made for `version`, which the page carries) from now on, and tells every
    /// open page.
    pub(crate) fn publish(&self, version: u64, page: String) {
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        current.version = version;
        current.page = Arc::new(page);
        self.changed.notify_all();
    }

    fn page(&self) -> (u64, Arc<String>) {
        let current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        (current.version, Arc::clone(&current.page))
    }

    /// What an event stream waiting since version `seen` hears next.
    fn next_version(&self, seen: Option<u64>) -> Next {
        let current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        let (current, timeout) = self
            .changed
            .wait_timeout_while(current, KEEP_ALIVE, |c| {
                !c.closed && Some(c.version) == seen
            })
            .unwrap_or_else(PoisonError::into_inner);
        if current.closed {
            Next::Closed
        } else if timeout.timed_out() && Some(current.version) == seen {
            Next::Quiet
        } else {
            Next::Version(current.version)
        }
    }

    /// Ends every event stream.
    pub(crate) fn close(&self) {
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        current.closed = true;
        self.changed.notify_all();
    }
}

/// What an event stream hears.
#[derive(Debug, PartialEq, Eq)]
enum Next {
    /// A new version of the page.
    Version(u64),
    /// Nothing for [`KEEP_ALIVE`].
    Quiet,
    /// Serving ends.
    Closed,
}

/// Listening: the server and the address it got (the port, when 0 was asked for).
pub(crate) struct Listener {
    server: Arc<Server>,
    pub addr: SocketAddr,
}

/// Listens on `addr`, or says why not (the port is taken, the address is not this machine's).
pub(crate) fn listen(addr: SocketAddr) -> Result<Listener, String> {
    let server = Server::http(addr).map_err(|e| e.to_string())?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| "not an IP address".to_owned())?;
    Ok(Listener {
        server: Arc::new(server),
        addr,
    })
}

impl Listener {
    /// Answers requests on a thread of its own until the process ends.
    pub(crate) fn spawn(&self, shared: Arc<Shared>) {
        let server = Arc::clone(&self.server);
        let hosts = allowed_hosts(self.addr);
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                answer(request, &shared, &hosts);
            }
        });
    }

    /// Stops listening (the thread's loop ends).
    pub(crate) fn stop(&self) {
        self.server.unblock();
    }
}

/// The `Host` values a request may carry: the address itself, and `localhost` for loopback.
fn allowed_hosts(addr: SocketAddr) -> Vec<String> {
    let port = addr.port();
    let mut hosts = vec![addr.to_string()];
    if addr.ip().is_loopback() {
        hosts.extend([
            format!("localhost:{port}"),
            format!("127.0.0.1:{port}"),
            format!("[::1]:{port}"),
        ]);
    }
    hosts
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_string(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

fn answer(request: Request, shared: &Arc<Shared>, hosts: &[String]) {
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_ascii_lowercase());
    if !host.is_some_and(|h| hosts.contains(&h)) {
        let body = format!(
            "ties serve answers requests for http://{}/ only: a page on another site must not read your notebook\n",
            hosts[0]
        );
        let _ = request.respond(text(421, &body));
        return;
    }
    let method = request.method().clone();
    if method != Method::Get && method != Method::Head {
        let response = text(405, "ties serve is read-only: edit the notebook's files\n")
            .with_header(header("Allow", "GET, HEAD"));
        let _ = request.respond(response);
        return;
    }
    let path = request.url().split('?').next().unwrap_or("/").to_owned();
    match path.as_str() {
        "/" | "/index.html" => {
            let (_, page) = shared.page();
            let response = Response::from_data(page.as_bytes().to_vec())
                .with_header(header("Content-Type", "text/html; charset=utf-8"))
                .with_header(header("Cache-Control", "no-store"))
                .with_header(header("X-Content-Type-Options", "nosniff"))
                .with_header(header("Referrer-Policy", "no-referrer"));
            let _ = request.respond(response);
        }
        "/events" if method == Method::Get => {
            let shared = Arc::clone(shared);
            // Each stream waits for changes on a thread of its own.
            std::thread::spawn(move || stream(request, &shared));
        }
        _ => {
            let _ = request.respond(text(404, "not found: ties serve has one page, /\n"));
        }
    }
}

/// Server-sent events: the current version at once, then each new one, until the page goes
/// away or serving ends. Written straight to the connection so each event leaves at once
/// (a chunked response would wait for its buffer to fill).
fn stream(request: Request, shared: &Shared) {
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n";
    let (version, _) = shared.page();
    let mut seen = Some(version);
    if write!(out, "{head}retry: 500\ndata: {version}\n\n")
        .and_then(|()| out.flush())
        .is_err()
    {
        return;
    }
    loop {
        let sent = match shared.next_version(seen) {
            Next::Closed => return,
            Next::Version(version) => {
                seen = Some(version);
                write!(out, "data: {version}\n\n")
            }
            Next::Quiet => write!(out, ": still here\n\n"),
        };
        if sent.and_then(|()| out.flush()).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_answers_to_localhost_too() {
        let hosts = allowed_hosts("127.0.0.1:8484".parse().unwrap());
        assert!(hosts.contains(&"localhost:8484".to_owned()));
        assert!(hosts.contains(&"127.0.0.1:8484".to_owned()));
        let hosts = allowed_hosts("192.0.2.7:80".parse().unwrap());
        assert_eq!(hosts, ["192.0.2.7:80"]);
    }

    #[test]
    fn a_stream_wakes_on_a_new_version() {
        let shared = Shared::new("v0".to_owned());
        let waiter = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || shared.next_version(Some(0)))
        };
        shared.publish(1, "v1".to_owned());
        assert_eq!(waiter.join().unwrap(), Next::Version(1));
        shared.close();
        assert_eq!(shared.next_version(Some(1)), Next::Closed);
    }
}
