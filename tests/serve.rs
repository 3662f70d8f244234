//! `ties serve` end to end over plain HTTP (std's TcpStream): the page, read-only, the Host
//! check, a save reaching an open event stream and the page, the error banner over the last
//! good view, Ctrl-C. Every wait polls with a generous deadline. What a browser does with
//! the page is tested in `tests/e2e/browser.sh`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Notebook, TODAY};

const DEADLINE: Duration = Duration::from_secs(30);

struct Serve {
    child: Child,
    /// `127.0.0.1:PORT`.
    addr: String,
}

impl Serve {
    fn start(nb: &Notebook) -> Self {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("ties"))
            .args(["--notebook".as_ref(), nb.path().as_os_str()])
            .args(["--today", TODAY, "serve", "--port", "0"])
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start ties serve");
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let addr = first
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {first:?}"))
            .to_owned();
        Self { child, addr }
    }

    /// The status line and body of a request.
    fn request(&self, method: &str, path: &str, host: &str) -> (String, String) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        (
            head.lines().next().unwrap_or("").to_owned(),
            body.to_owned(),
        )
    }

    fn page(&self) -> String {
        let (status, body) = self.request("GET", "/", &self.addr);
        assert!(status.contains("200"), "{status}");
        body
    }

    /// Polls the page until `test` holds.
    fn page_until(&self, what: &str, test: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let page = self.page();
            if test(&page) {
                return page;
            }
            assert!(started.elapsed() < DEADLINE, "never {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn version(page: &str) -> String {
    page.split("data-version=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_owned()
}

#[test]
fn the_page_is_served_live_and_read_only() {
    let nb = Notebook::new().file(
        "contacts/ada.md",
        "---\nname: Ada Archer\nreached_out: 2026-11-02\n---\n",
    );
    let serve = Serve::start(&nb);
    let page = serve.page();
    assert!(page.contains("Ada Archer"));
    assert!(
        page.contains("new EventSource(\"/events\")"),
        "the live script"
    );
    assert!(
        page.contains("connect-src &#39;self&#39;"),
        "the stream is allowed"
    );
    let (status, _) = serve.request("POST", "/", &serve.addr);
    assert!(status.contains("405"), "{status}");
    let (status, body) = serve.request("GET", "/", "attacker.example");
    assert!(status.contains("421"), "{status}");
    assert!(body.contains("must not read your notebook"), "{body}");
    let port = serve.addr.rsplit(':').next().unwrap();
    let (status, _) = serve.request("GET", "/", &format!("localhost:{port}"));
    assert!(status.contains("200"), "{status}");
    let (status, _) = serve.request("GET", "/nope", &serve.addr);
    assert!(status.contains("404"), "{status}");

    // An open stream hears of a save.
    let mut events = TcpStream::connect(&serve.addr).unwrap();
    write!(
        events,
        "GET /events HTTP/1.1\r\nHost: {}\r\n\r\n",
        serve.addr
    )
    .unwrap();
    events.set_read_timeout(Some(DEADLINE)).unwrap();
    let mut events = BufReader::new(events);
    let mut line = String::new();
    let before = version(&page);
    while !line.starts_with("data: ") {
        line.clear();
        events.read_line(&mut line).unwrap();
    }
    assert_eq!(line.trim(), format!("data: {before}"));
    nb.write(
        "contacts/ada.md",
        "---\nname: Ada Lovelace\nreached_out: 2026-11-02\n---\n",
    );
    line.clear();
    while !line.starts_with("data: ") {
        line.clear();
        events.read_line(&mut line).unwrap();
    }
    assert_ne!(line.trim(), format!("data: {before}"), "a new version");
    let page = serve.page_until("shows the new name", |p| p.contains("Ada Lovelace"));
    assert!(!page.contains("role=\"alert\""), "no errors, no banner");

    // An error: the banner lists it, and the last good view stays.
    nb.write(
        "contacts/ada.md",
        "---\nname: Ada Byron\nreached_out: 2026-13-40\n---\n",
    );
    let page = serve.page_until("shows the banner", |p| p.contains("role=\"alert\""));
    assert!(page.contains("contacts/ada.md:3:"), "{page}");
    assert!(
        page.contains("Showing the last view without errors"),
        "{page}"
    );
    assert!(page.contains("Ada Lovelace") && !page.contains("Ada Byron"));
    // Fixed: the banner goes, the new view comes.
    nb.write(
        "contacts/ada.md",
        "---\nname: Ada Byron\nreached_out: 2026-11-03\n---\n",
    );
    let page = serve.page_until("drops the banner", |p| !p.contains("role=\"alert\""));
    assert!(page.contains("Ada Byron"));
}

#[cfg(unix)]
#[test]
fn ctrl_c_ends_serving_with_success() {
    let nb = Notebook::new();
    let mut serve = Serve::start(&nb);
    let _ = serve.page();
    let sent = Command::new("kill")
        .args(["-INT", &serve.child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = serve.child.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < DEADLINE, "still serving after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
}

#[test]
fn an_address_beyond_this_machine_is_asked_for_by_name() {
    let nb = Notebook::new();
    let out = nb.run(["serve", "--port", "0.0.0.0:8484"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("listens on 127.0.0.1 only"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("--host 0.0.0.0 --port 8484"),
        "{}",
        out.stderr
    );
    // A port already taken is a clear error.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = nb.run(["serve", "--port", &port]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("cannot listen on 127.0.0.1:"),
        "{}",
        out.stderr
    );
}
