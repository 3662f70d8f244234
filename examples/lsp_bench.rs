//! Measures `ties lsp`: from a keystroke (`textDocument/didChange`) to the diagnostics it
//! publishes for that buffer.
//!
//! ```sh
//! cargo build --release && cargo run --release --example lsp_bench -- DIR [KEYS]
//! ```
//!
//! Starts `target/release/ties lsp` (or `$TIES_BIN`) on the notebook DIR, opens one contact
//! (with a bad `role`, its own finding, and a broken link, which only the whole notebook can
//! tell), then KEYS times (default 50) sends the whole buffer, alternately with a broken `role` and
//! fixed, so that every change changes the diagnostics and is published, and times until
//! the `publishDiagnostics` of that change arrives; then KEYS changes more, each followed by
//! a `textDocument/codeLens` request (as a client that refreshes lenses after every
//! keystroke), timed until its answer. Reports the start-up (`initialize` answered; the
//! first diagnostics of the file opened at once, its own findings published while the
//! notebook still loads; the file's full diagnostics, the broken link's T204 with them;
//! the end of the load's progress) and the median, 90th percentile
//! and worst latency of both. Beside each start-up figure, the CPU time the server has used
//! so far (user + system, all its threads, from `/proc` on Linux): wall time on a shared
//! machine says as much about the other processes as about the server.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{ChildStdin, ChildStdout, Command, Stdio};
use std::time::Instant;

use serde_json::{Value, json};

fn send(stdin: &mut ChildStdin, message: &Value) {
    let body = message.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
    stdin.flush().expect("flush");
}

fn read(stdout: &mut BufReader<ChildStdout>) -> Value {
    let mut length = 0;
    loop {
        let mut line = String::new();
        assert!(
            stdout.read_line(&mut line).expect("read") > 0,
            "server exited"
        );
        if line == "\r\n" {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.trim().parse().expect("length");
        }
    }
    let mut body = vec![0; length];
    stdout.read_exact(&mut body).expect("body");
    serde_json::from_slice(&body).expect("JSON")
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: lsp_bench DIR [KEYS]"))
        .canonicalize()
        .expect("DIR");
    let keys: usize = args
        .next()
        .map_or(50, |s| s.parse().expect("KEYS is a number"));
    let binary = std::env::var_os("TIES_BIN")
        .map_or_else(|| PathBuf::from("target/release/ties"), PathBuf::from);
    let contact = std::fs::read_dir(dir.join("contacts"))
        .expect("DIR/contacts")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .expect("a contact file");
    let original = std::fs::read_to_string(&contact).expect("read contact");
    let broken = original.replacen("---\n", "---\nrole: develper\n", 1);
    // Opened broken both ways: a value the spec refuses (its own finding, told while the
    // notebook still loads) and a link to no file (a cross-file finding, told once it has
    // loaded).
    let opened = format!("{broken}\n[[no-such-note]]\n");
    let uri = format!("file://{}", contact.display());

    let mut child = Command::new(&binary)
        .arg("lsp")
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start ties lsp (build with `cargo build --release` first)");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let started = Instant::now();
    let root = format!("file://{}", dir.display());
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize",
                 "params": { "processId": null, "rootUri": root,
                             "capabilities": { "window": { "workDoneProgress": true } } } }),
    );
    while read(&mut stdout).get("id") != Some(&json!(1)) {}
    let pid = child.id();
    println!(
        "initialize answered: {:.1} ms{}",
        ms(started.elapsed()),
        cpu(pid)
    );
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }),
    );
    // The editor opens a file at once: its diagnostics are the first thing a user sees.
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": opened } } }),
    );
    first_diagnostics(&mut stdout, &uri, started, pid);

    let mut latencies = Vec::new();
    for i in 0..keys {
        // Opened broken: the first change fixes it, so every change changes what is told.
        let text = if i % 2 == 0 { &original } else { &broken };
        let sent = Instant::now();
        send(
            &mut stdin,
            &json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": { "uri": uri, "version": i + 2 },
                "contentChanges": [{ "text": text }] } }),
        );
        loop {
            let message = read(&mut stdout);
            if message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri.as_str()
                && message["params"]["version"] == json!(i + 2)
            {
                break;
            }
        }
        latencies.push(sent.elapsed());
    }
    let lenses = code_lenses(&mut stdin, &mut stdout, &uri, keys, [&broken, &original]);
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "id": 3, "method": "shutdown" }),
    );
    while read(&mut stdout).get("id") != Some(&json!(3)) {}
    send(&mut stdin, &json!({ "jsonrpc": "2.0", "method": "exit" }));
    let _ = child.wait();
    report("keystroke to diagnostics", keys, latencies);
    report("keystroke to code lens", keys, lenses);
}

/// Waits for the first diagnostics of the file opened at `uri` (its own findings, told
/// while the notebook loads), the full diagnostics of that file (with the broken link's
/// T204, which needs the whole notebook) and the end of the load's `$/progress` (once the
/// full set is out); prints each, timed from `started`. (The server logs the load's own
/// time, read and checked, on stderr.)
fn first_diagnostics(stdout: &mut BufReader<ChildStdout>, uri: &str, started: Instant, pid: u32) {
    let mut first = None;
    let mut full = None;
    let mut ended = None;
    while full.is_none() || ended.is_none() {
        let message = read(stdout);
        let now = || (started.elapsed(), cpu(pid));
        if message["method"] == "$/progress" && message["params"]["value"]["kind"] == "end" {
            ended = Some(now());
        }
        if message["method"] != "textDocument/publishDiagnostics" || message["params"]["uri"] != uri
        {
            continue;
        }
        let told = now();
        first.get_or_insert(told.clone());
        let whole = message["params"]["diagnostics"]
            .as_array()
            .is_some_and(|all| all.iter().any(|d| d["code"] == "T204"));
        if whole {
            full = Some(told);
        }
    }
    for (what, (at, used)) in [
        (
            "first diagnostics of the opened file (its own findings)",
            first,
        ),
        (
            "full diagnostics of the opened file (cross-file rules too)",
            full,
        ),
        ("the load's progress ended", ended),
    ]
    .map(|(what, told)| (what, told.expect("seen above")))
    {
        println!("{what}: {:.1} ms{used}", ms(at));
    }
}

/// A client that asks for code lenses after every change: KEYS changes more (versions
/// after those of the first loop), each timed from the change to the lens's answer, which
/// has the contact's next agenda item.
fn code_lenses(
    stdin: &mut ChildStdin,
    stdout: &mut BufReader<ChildStdout>,
    uri: &str,
    keys: usize,
    texts: [&String; 2],
) -> Vec<std::time::Duration> {
    let mut lenses = Vec::new();
    for i in 0..keys {
        let version = keys + i + 2;
        let text = texts[i % 2];
        let id = 1000 + i;
        let sent = Instant::now();
        send(
            stdin,
            &json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "text": text }] } }),
        );
        send(
            stdin,
            &json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/codeLens",
                     "params": { "textDocument": { "uri": uri } } }),
        );
        while read(stdout).get("id") != Some(&json!(id)) {}
        lenses.push(sent.elapsed());
    }
    lenses
}

/// The CPU time (user + system) the process `pid` has used, all its threads, those ended
/// too, as " (server CPU N ms)" (empty where `/proc` cannot tell). Counted in the kernel's
/// `USER_HZ` ticks: 100 a second on every architecture this runs on, so 10 ms steps.
fn cpu(pid: u32) -> String {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return String::new();
    };
    // The command's name (field 2) is in parentheses and may hold spaces: count after it.
    let Some((_, rest)) = stat.rsplit_once(')') else {
        return String::new();
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, 11 and 12 after the name.
    match (fields.get(11), fields.get(12)) {
        (Some(user), Some(system)) => match (user.parse::<u64>(), system.parse::<u64>()) {
            (Ok(user), Ok(system)) => format!(" (server CPU {} ms)", (user + system) * 10),
            _ => String::new(),
        },
        _ => String::new(),
    }
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Prints the median, 90th percentile and worst of `times`.
fn report(what: &str, keys: usize, mut times: Vec<std::time::Duration>) {
    times.sort();
    let at = |percent: usize| times[(times.len() - 1) * percent / 100];
    println!(
        "{what} over {keys} changes: median {:.1} ms, p90 {:.1} ms, worst {:.1} ms",
        at(50).as_secs_f64() * 1000.0,
        at(90).as_secs_f64() * 1000.0,
        times[times.len() - 1].as_secs_f64() * 1000.0,
    );
}
