//! `ties lsp` driven over stdio as an editor drives it: JSON-RPC with `Content-Length`
//! framing, on a small notebook, every answer compared whole.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

use crate::support::{Notebook, TODAY};

/// How long a test waits for one message before it fails (a bound, not a sleep).
const WAIT: Duration = Duration::from_secs(20);

const ADA: &str = "---\nname: Ada Lovelace\ncompany: acme\ntitle: Engineer\nreached_out: 2026-11-10\n---\nMet at [[rust-meetup]].\n";
const BOB: &str = "---\nname: Bob Stone\ncompany: \"[[acme]]\"\nintroduced_by: ada\n---\nSee [[ada|Ada]] and [her file](ada.md).\n";

/// What VS Code announces, as far as the server looks.
fn capable() -> Value {
    json!({ "capabilities": {
        "workspace": {
            "applyEdit": true,
            "workspaceEdit": { "documentChanges": true, "resourceOperations": ["create", "rename", "delete"] },
            "didChangeWatchedFiles": { "dynamicRegistration": true },
            "executeCommand": { "dynamicRegistration": true },
        },
        "window": { "workDoneProgress": true, "showDocument": { "support": true } },
    }})
}

/// What eglot 1.9 (Emacs 28) announces: `documentChanges` without file operations. (It also
/// offers a file watcher, which drops every file renamed into place; the server watches the
/// notebook itself either way, so the watcher is left out here, as for Neovim 0.7.)
fn eglot() -> Value {
    json!({ "capabilities": {
        "workspace": {
            "applyEdit": true,
            "workspaceEdit": { "documentChanges": true },
            "executeCommand": { "dynamicRegistration": false },
        },
    }})
}

/// What Neovim 0.7.2 (Debian 12's) announces: file operations without `documentChanges`,
/// no file watcher, no `executeCommand`.
fn neovim() -> Value {
    json!({ "clientInfo": { "name": "Neovim", "version": "0.7.2" }, "capabilities": {
        "workspace": { "applyEdit": true, "workspaceEdit": { "resourceOperations": ["rename", "create", "delete"] } },
        "window": { "workDoneProgress": true, "showDocument": { "support": false } },
    }})
}

fn notebook() -> Notebook {
    Notebook::new()
        .file("contacts/ada.md", ADA)
        .file("contacts/bob.md", BOB)
        .file(
            "companies/acme.md",
            "---\nname: Acme\nstatus: target\n---\n",
        )
        .file(
            "events/rust-meetup.md",
            "---\nname: Rust Meetup\ndate: 2026-11-10\n---\n",
        )
        .file(
            "chats/2026-11-12-bob.md",
            "---\nwith: bob\ndate: 2026-11-12\n---\n## Questions\n- why?\n## Notes\nfine\n",
        )
}

struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    root: String,
    next_id: i64,
    /// Notifications that arrived while waiting for something else.
    notifications: Vec<Value>,
    /// The parameters of the last `publishDiagnostics` read by [`Client::diagnostics`].
    last_published: Value,
    /// What the server answered to `initialize`: its capabilities.
    capabilities: Value,
}

// Calls pass `json!` literals: taking them by value reads better than `&json!(…)`.
#[allow(clippy::needless_pass_by_value)]
impl Client {
    /// A client that can do everything the server offers, as VS Code can: file operations
    /// in edits, commands, edits the server sends, and file watchers registered for it.
    fn start(nb: &Notebook) -> Self {
        Self::start_as(nb, capable())
    }

    /// A client that says more of itself in `initialize` (`clientInfo`, `capabilities`).
    fn start_as(nb: &Notebook, about: Value) -> Self {
        Self::start_with(nb, about, &[])
    }

    /// [`Client::start_as`] with `vars` set in the server's environment.
    fn start_with(nb: &Notebook, about: Value, vars: &[(&str, &str)]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ties"))
            .args(["--today", TODAY, "lsp"])
            .envs(vars.iter().copied())
            .current_dir("/")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .env_remove("TIES_NOTEBOOK")
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, messages) = channel();
        std::thread::spawn(move || {
            loop {
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    if line == "\r\n" {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.trim().parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                stdout.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let root = format!("file://{}", nb.path().display());
        let mut client = Self {
            child,
            stdin,
            messages,
            root,
            next_id: 0,
            notifications: Vec::new(),
            last_published: Value::Null,
            capabilities: Value::Null,
        };
        let mut params = json!({ "processId": null, "rootUri": client.root });
        for (key, value) in about.as_object().into_iter().flatten() {
            params[key] = value.clone();
        }
        let init = client.request("initialize", params);
        assert_eq!(init["result"]["serverInfo"]["name"], "ties");
        client.capabilities = init["result"]["capabilities"].clone();
        client.notify("initialized", json!({}));
        client
    }

    fn uri(&self, rel: &str) -> String {
        format!("{}/{rel}", self.root)
    }

    fn raw(&mut self, body: &[u8]) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, message: &Value) {
        self.raw(message.to_string().as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn next(&mut self) -> Value {
        self.messages
            .recv_timeout(WAIT)
            .expect("the server answered in time")
    }

    /// The whole response (result or error) to a request.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        loop {
            let message = self.next();
            if message["id"] == id {
                return message;
            }
            self.notifications.push(message);
        }
    }

    fn result(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params);
        assert!(response.get("error").is_none(), "{response}");
        response["result"].clone()
    }

    fn open(&mut self, rel: &str, text: &str) {
        let uri = self.uri(rel);
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } }),
        );
    }

    fn change(&mut self, rel: &str, version: i32, text: &str) {
        let uri = self.uri(rel);
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
    }

    fn at(&self, rel: &str, line: u32, character: u32) -> Value {
        json!({ "textDocument": { "uri": self.uri(rel) }, "position": { "line": line, "character": character } })
    }

    /// The next diagnostics published for `rel`, as `(line, character, code, message)`.
    fn diagnostics(&mut self, rel: &str) -> Vec<(u64, u64, String, String)> {
        let uri = self.uri(rel);
        let published = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        };
        let message = match self.notifications.iter().position(published) {
            Some(i) => self.notifications.remove(i),
            None => loop {
                let message = self.next();
                if published(&message) {
                    break message;
                }
                self.notifications.push(message);
            },
        };
        self.last_published = message["params"].clone();
        message["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["range"]["start"]["line"].as_u64().unwrap(),
                    d["range"]["start"]["character"].as_u64().unwrap(),
                    d["code"].as_str().unwrap().to_owned(),
                    d["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }

    /// The diagnostics last published for `rel` once the server has been quiet for a moment.
    fn settled(&mut self, rel: &str) -> Option<Value> {
        let uri = self.uri(rel);
        let mut last = None;
        let mut seen = std::mem::take(&mut self.notifications);
        while let Ok(message) = self.messages.recv_timeout(Duration::from_millis(500)) {
            seen.push(message);
        }
        for m in seen {
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                last = Some(m["params"]["diagnostics"].clone());
            }
        }
        last
    }

    fn stop(mut self) -> i32 {
        assert_eq!(self.result("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        self.child.wait().unwrap().code().unwrap()
    }
}

/// `(file, line, character)` of each location, the file relative to the notebook.
fn places(client: &Client, locations: &Value) -> Vec<(String, u64, u64)> {
    locations
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["uri"]
                    .as_str()
                    .unwrap()
                    .replace(&format!("{}/", client.root), ""),
                l["range"]["start"]["line"].as_u64().unwrap(),
                l["range"]["start"]["character"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn lsp_completion_hover_definition_references_and_symbols() {
    let nb = notebook();
    let mut client = Client::start(&nb);
    client.open("contacts/bob.md", BOB);
    // `introduced_by: a|` typed in the buffer, not on disk.
    let typing = BOB.replace("introduced_by: ada", "introduced_by: a");
    client.change("contacts/bob.md", 2, &typing);
    let completion = client.result(
        "textDocument/completion",
        client.at("contacts/bob.md", 3, 16),
    );
    assert_eq!(
        completion,
        json!({ "isIncomplete": false, "items": [{
            "label": "ada",
            // `contacted`, not `referred`: the buffer no longer says Ada introduced Bob.
            "labelDetails": { "detail": " Ada Lovelace", "description": "Engineer @ Acme · contacted" },
            "kind": 18,
            "detail": "Engineer @ Acme · contacted",
            "filterText": "ada Ada Lovelace",
            "textEdit": { "range": { "start": { "line": 3, "character": 15 }, "end": { "line": 3, "character": 16 } }, "newText": "ada" },
        }]})
    );
    client.change("contacts/bob.md", 3, BOB);
    let hover = client.result("textDocument/hover", client.at("contacts/bob.md", 2, 14));
    assert_eq!(
        hover,
        json!({
            "contents": { "kind": "markdown", "value": "**Acme** (company `companies/acme.md`)\n\ncompany · target" },
            "range": { "start": { "line": 2, "character": 9 }, "end": { "line": 2, "character": 19 } },
        })
    );
    let hover = client.result("textDocument/hover", client.at("contacts/bob.md", 1, 1));
    assert_eq!(hover["contents"]["value"], "`name`: text, e.g. `Jane Doe`");
    let definition = client.result(
        "textDocument/definition",
        client.at("contacts/bob.md", 5, 7),
    );
    assert_eq!(
        places(&client, &json!([definition])),
        [("contacts/ada.md".to_owned(), 0, 0)]
    );
    let link = client.result(
        "textDocument/definition",
        client.at("contacts/bob.md", 5, 32),
    );
    assert_eq!(
        places(&client, &json!([link])),
        [("contacts/ada.md".to_owned(), 0, 0)]
    );
    let params = {
        let mut p = client.at("contacts/bob.md", 3, 16);
        p["context"] = json!({ "includeDeclaration": false });
        p
    };
    let references = client.result("textDocument/references", params);
    assert_eq!(
        places(&client, &references),
        [
            ("contacts/bob.md".to_owned(), 3, 15),
            ("contacts/bob.md".to_owned(), 5, 6),
            ("contacts/bob.md".to_owned(), 5, 31),
        ]
    );
    client.open(
        "chats/2026-11-12-bob.md",
        &nb.read("chats/2026-11-12-bob.md"),
    );
    let symbols = client.result(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": client.uri("chats/2026-11-12-bob.md") } }),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Questions", "Notes"]);
    client.open("contacts/ada.md", ADA);
    let lenses = client.result(
        "textDocument/codeLens",
        json!({ "textDocument": { "uri": client.uri("contacts/ada.md") } }),
    );
    let title = lenses[0]["command"]["title"].as_str().unwrap();
    assert!(
        title.starts_with("follow-up: ") && title.ends_with(" · due 2026-11-17 · 4 days overdue"),
        "{lenses}"
    );
    assert_eq!(lenses.as_array().map(Vec::len), Some(1));
    assert_eq!(client.stop(), 0);
}

#[test]
fn lsp_rename_rewrites_every_reference_and_moves_the_file() {
    let nb = notebook();
    let mut client = Client::start(&nb);
    client.open("contacts/bob.md", BOB);
    let prepared = client.result(
        "textDocument/prepareRename",
        client.at("contacts/bob.md", 3, 16),
    );
    assert_eq!(
        prepared,
        json!({ "range": { "start": { "line": 3, "character": 15 }, "end": { "line": 3, "character": 18 } }, "placeholder": "ada" })
    );
    let mut params = client.at("contacts/bob.md", 3, 16);
    params["newName"] = json!("ada-king");
    let edit = client.result("textDocument/rename", params);
    let range = |line: u32, start: u32, end: u32| json!({ "start": { "line": line, "character": start }, "end": { "line": line, "character": end } });
    assert_eq!(
        edit,
        json!({ "documentChanges": [
            { "textDocument": { "uri": client.uri("contacts/bob.md"), "version": 1 }, "edits": [
                { "range": range(3, 15, 18), "newText": "ada-king" },
                { "range": range(5, 6, 9), "newText": "ada-king" },
                { "range": range(5, 31, 34), "newText": "ada-king" },
            ]},
            { "kind": "rename", "oldUri": client.uri("contacts/ada.md"), "newUri": client.uri("contacts/ada-king.md"), "options": { "overwrite": false, "ignoreIfExists": false } },
        ]})
    );
    let mut params = client.at("contacts/bob.md", 3, 16);
    params["newName"] = json!("bob");
    let refused = client.request("textDocument/rename", params);
    assert_eq!(
        refused["error"]["message"],
        "`bob` is taken by contacts/bob.md"
    );
    // Nothing was written: the editor applies the edit.
    assert_eq!(nb.read("contacts/bob.md"), BOB);
    assert_eq!(client.stop(), 0);
}

/// Issue 25, defect 1: eglot takes `documentChanges` but applies no file operation, so a
/// `rename` in the edit left every mention pointing at a file that never moved. For a
/// client without `resourceOperations: ["rename"]` the server moves the file itself (the
/// write path of the command line) and sends only the text edits.
#[test]
fn lsp_rename_for_an_editor_that_cannot_rename_files_moves_the_file_itself() {
    let nb = notebook();
    let mut client = Client::start_as(&nb, eglot());
    client.open("contacts/bob.md", BOB);
    // Unsaved changes in the file to move: refused, naming what to do.
    client.open("contacts/ada.md", &ADA.replace("Engineer", "Engineer II"));
    let mut params = client.at("contacts/bob.md", 3, 16);
    params["newName"] = json!("ada-king");
    let refused = client.request("textDocument/rename", params.clone());
    let message = refused["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("contacts/ada.md has unsaved changes: save it, then rename.")
            && message.contains("resourceOperations"),
        "{refused}"
    );
    assert!(nb.path().join("contacts/ada.md").is_file(), "nothing moved");
    client.change("contacts/ada.md", 2, ADA);
    let edit = client.result("textDocument/rename", params);
    let range = |line: u32, start: u32, end: u32| json!({ "start": { "line": line, "character": start }, "end": { "line": line, "character": end } });
    assert_eq!(
        edit,
        json!({ "documentChanges": [
            { "textDocument": { "uri": client.uri("contacts/bob.md"), "version": 1 }, "edits": [
                { "range": range(3, 15, 18), "newText": "ada-king" },
                { "range": range(5, 6, 9), "newText": "ada-king" },
                { "range": range(5, 31, 34), "newText": "ada-king" },
            ]},
        ]}),
        "no file operation the editor would drop"
    );
    assert!(!nb.path().join("contacts/ada.md").exists());
    assert_eq!(nb.read("contacts/ada-king.md"), ADA, "moved, not rewritten");
    // The editor applies the text edits: the notebook is whole.
    client.change("contacts/bob.md", 2, &BOB.replace("ada", "ada-king"));
    let hover = client.result("textDocument/hover", client.at("contacts/bob.md", 3, 16));
    assert!(
        hover["contents"]["value"]
            .as_str()
            .is_some_and(|v| v.starts_with("**Ada Lovelace** (contact `contacts/ada-king.md`)")),
        "{hover}"
    );
    // Whether the server checked between the move and the edit or not: nothing left.
    let last = client.settled("contacts/bob.md");
    assert!(last.is_none() || last == Some(json!([])), "{last:?}");
    assert_eq!(client.stop(), 0);
}

/// A client without `documentChanges` at all gets the plain `changes` map, and the move is
/// the server's.
#[test]
fn lsp_rename_for_a_client_without_document_changes_sends_the_changes_map() {
    let nb = notebook();
    let mut client = Client::start_as(&nb, json!({ "capabilities": {} }));
    client.open("contacts/bob.md", BOB);
    let mut params = client.at("contacts/bob.md", 3, 16);
    params["newName"] = json!("ada-king");
    let edit = client.result("textDocument/rename", params);
    assert_eq!(edit["documentChanges"], Value::Null, "{edit}");
    let bob = &edit["changes"][client.uri("contacts/bob.md")];
    assert_eq!(bob.as_array().map(Vec::len), Some(3), "{edit}");
    assert!(nb.path().join("contacts/ada-king.md").is_file());
    assert_eq!(client.stop(), 0);
}

#[test]
fn lsp_diagnostic_appears_for_an_unsaved_change_and_disappears_when_fixed() {
    let nb = notebook();
    let mut client = Client::start(&nb);
    client.open("contacts/ada.md", ADA);
    // An incremental change, as editors send them: the `e` of `acme` deleted.
    let uri = client.uri("contacts/ada.md");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{
            "range": { "start": { "line": 2, "character": 12 }, "end": { "line": 2, "character": 13 } },
            "text": "",
        }]}),
    );
    assert_eq!(
        client.diagnostics("contacts/ada.md"),
        [(
            2,
            9,
            "T201".to_owned(),
            "unknown company `acm` (did you mean `acme`?)\nhelp: create `companies/acm.md` or correct the id".to_owned()
        )]
    );
    assert_eq!(
        nb.read("contacts/ada.md"),
        ADA,
        "the file on disk is untouched"
    );
    let href = client.last_published["diagnostics"][0]["codeDescription"]["href"].clone();
    assert!(
        href.as_str()
            .unwrap()
            .ends_with("/docs/format.md#rule-codes"),
        "{href}"
    );
    let params = json!({
        "textDocument": { "uri": client.uri("contacts/ada.md") },
        "range": { "start": { "line": 2, "character": 10 }, "end": { "line": 2, "character": 10 } },
        "context": { "diagnostics": [] },
    });
    let actions = client.result("textDocument/codeAction", params.clone());
    let titles: Vec<&str> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "replace `acm` with `acme`",
            "create companies/acm.md",
            "record follow-up today (2026-11-21)",
            "Draft follow-up to Ada Lovelace"
        ]
    );
    assert_eq!(
        actions[0]["edit"]["documentChanges"][0]["edits"][0],
        json!({ "range": { "start": { "line": 2, "character": 9 }, "end": { "line": 2, "character": 12 } }, "newText": "acme" })
    );
    assert_eq!(actions[1]["edit"]["documentChanges"][0]["kind"], "create");
    assert!(
        actions[1]["edit"]["documentChanges"][1]["edits"][0]["newText"]
            .as_str()
            .unwrap()
            .starts_with("---\nname: Acm\n")
    );
    assert_eq!(
        actions[2]["edit"]["documentChanges"][0]["edits"][0],
        json!({ "range": { "start": { "line": 5, "character": 0 }, "end": { "line": 5, "character": 0 } }, "newText": "followed_up: [2026-11-21]\n" })
    );
    client.change("contacts/ada.md", 3, ADA);
    assert_eq!(client.diagnostics("contacts/ada.md"), []);
    // A file deleted outside the editor: the references to it break at once.
    std::fs::remove_file(nb.path().join("companies/acme.md")).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": client.uri("companies/acme.md"), "type": 3 }] }),
    );
    let ada = client.diagnostics("contacts/ada.md");
    assert_eq!(ada.len(), 1);
    assert_eq!(ada[0].3.lines().next(), Some("unknown company `acme`"));
    assert_eq!(client.stop(), 0);
}

#[test]
fn lsp_survives_malformed_requests_hostile_buffers_and_bursts() {
    let nb = notebook();
    let mut client = Client::start(&nb);
    let bad = client.request("textDocument/hover", json!({ "nope": 1 }));
    assert_eq!(bad["error"]["code"], -32602);
    let unknown = client.request("textDocument/formatting", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    client.raw(b"{this is not json");
    let parse_error = client.next();
    assert_eq!(parse_error["error"]["code"], -32700);
    assert_eq!(parse_error["id"], Value::Null);
    // Any bytes in a buffer, positions past its end, a change to a file never opened.
    client.open("contacts/ada.md", "\u{0}\u{feff}---\n\u{1b}[31m: [[\n😀");
    client.change("notes/never-opened.md", 9, "x");
    let far = client.result("textDocument/hover", client.at("contacts/ada.md", 99, 99));
    assert_eq!(far, Value::Null);
    let completion = client.result(
        "textDocument/completion",
        client.at("contacts/ada.md", 2, 3),
    );
    assert_eq!(
        completion["items"],
        json!([]),
        "a file with a NUL byte is not read"
    );
    // A burst of changes faster than checks: the last one is what is published.
    for version in 2..60 {
        let company = if version % 2 == 0 { "acm" } else { "acme" };
        client.change(
            "contacts/ada.md",
            version,
            &ADA.replace("company: acme", &format!("company: {company}")),
        );
    }
    client.change("contacts/ada.md", 60, ADA);
    // Every change is applied before a later request is answered; the check follows.
    let hover = client.result("textDocument/hover", client.at("contacts/ada.md", 2, 11));
    assert_eq!(
        hover["contents"]["value"],
        "**Acme** (company `companies/acme.md`)\n\ncompany · target"
    );
    assert_eq!(client.settled("contacts/ada.md"), Some(json!([])));
    assert_eq!(client.stop(), 0);
}

#[test]
fn lsp_counts_a_byte_order_mark_in_the_first_lines_columns() {
    // The same line with and without a mark: the editor's columns differ by one (the mark
    // is one UTF-16 unit), the record under the cursor does not.
    let plain = "See [[acme]] soon.\n";
    let marked = "\u{feff}See [[acme]] soon.\n";
    let nb = notebook()
        .file("notes/plain.md", plain)
        .file("notes/marked.md", marked);
    let mut client = Client::start(&nb);
    client.open("notes/plain.md", plain);
    client.open("notes/marked.md", marked);
    let hover = client.result("textDocument/hover", client.at("notes/plain.md", 0, 7));
    let range = |line: u64, start: u64, end: u64| json!({ "start": { "line": line, "character": start }, "end": { "line": line, "character": end } });
    assert_eq!(hover["range"], range(0, 4, 12), "{hover}");
    let hover = client.result("textDocument/hover", client.at("notes/marked.md", 0, 8));
    assert_eq!(hover["range"], range(0, 5, 13), "{hover}");
    // On the last column of the link's id: off by one, it would miss the link.
    let hover = client.result("textDocument/hover", client.at("notes/marked.md", 0, 10));
    assert_eq!(hover["range"], range(0, 5, 13), "{hover}");
    let hover = client.result("textDocument/hover", client.at("notes/marked.md", 0, 4));
    assert_eq!(hover, Value::Null, "before the link");
    assert_eq!(client.stop(), 0);
}

#[test]
fn lsp_a_change_of_folders_or_ids_in_ties_yaml_reads_every_file_again() {
    let nb = Notebook::new()
        .file(
            "People/Priya Shah.md",
            "---\nname: Priya Shah\naliases: [priya]\n---\n",
        )
        .file("Home.md", "Coffee with [[priya]].\n");
    let mut client = Client::start(&nb);
    let home = client.diagnostics("Home.md");
    assert_eq!(home.len(), 1, "{home:?}");
    assert_eq!(home[0].2, "T204", "People/ is a folder of notes yet");
    client.open("ties.yaml", "");
    client.change(
        "ties.yaml",
        2,
        "folders: { contacts: People }\nids: title\n",
    );
    assert_eq!(client.settled("Home.md"), Some(json!([])));
    let target = client.result("textDocument/definition", client.at("Home.md", 0, 15));
    assert!(
        target.to_string().contains("People/Priya%20Shah.md"),
        "{target}"
    );
    assert_eq!(client.stop(), 0);
}

#[test]
fn lsp_completes_and_explains_the_keys_of_ties_yaml() {
    let nb = notebook();
    let mut client = Client::start(&nb);
    let text = "rules:\n  horizon: 2w\n  nud\nids: t\n";
    client.open("ties.yaml", text);
    let completion = client.result("textDocument/completion", client.at("ties.yaml", 2, 5));
    let items = completion["items"].as_array().unwrap();
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["nudges", "nudges_per_kind"]);
    assert_eq!(
        items[1]["textEdit"],
        json!({ "range": { "start": { "line": 2, "character": 2 }, "end": { "line": 2, "character": 5 } }, "newText": "nudges_per_kind: " })
    );
    let words = client.result("textDocument/completion", client.at("ties.yaml", 3, 6));
    assert_eq!(words["items"][0]["label"], "title");
    let hover = client.result("textDocument/hover", client.at("ties.yaml", 1, 4));
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.starts_with("`rules.horizon`: how far ahead the agenda looks"),
        "{value}"
    );
    assert!(value.ends_with("default: `7d`"), "{value}");
    assert_eq!(
        hover["range"],
        json!({ "start": { "line": 1, "character": 2 }, "end": { "line": 1, "character": 9 } })
    );
    assert_eq!(client.stop(), 0);
}

/// Issue 25, defect 2: an editor that registers no file watcher (eglot, Neovim, Helix)
/// stayed stale after `ties new company "Zeta Labs"` in a shell: `company: zeta-labs` stayed
/// T201. The server watches the notebook itself then.
#[test]
fn lsp_sees_files_written_outside_an_editor_that_watches_nothing() {
    let nb = notebook().file("contacts/cy.md", "---\nname: Cy\ncompany: zeta-labs\n---\n");
    let mut client = Client::start_as(&nb, eglot());
    let cy = client.diagnostics("contacts/cy.md");
    assert_eq!(cy.len(), 1, "{cy:?}");
    assert_eq!(cy[0].2, "T201");
    let made = nb.run(["new", "company", "Zeta Labs"]);
    assert_eq!(made.code, 0, "{made:?}");
    assert_eq!(client.diagnostics("contacts/cy.md"), []);
    // And a file deleted in the shell breaks the references to it again.
    std::fs::remove_file(nb.path().join("companies/zeta-labs.md")).unwrap();
    assert_eq!(client.diagnostics("contacts/cy.md")[0].2, "T201");
    assert_eq!(client.stop(), 0);
}

/// Issue 25, item 5: the first diagnostics of a file opened at once waited for the whole
/// load (7 s at 83,000 files). Now a document opened while the notebook loads is parsed on
/// its own and its own findings published at once; the full set, with what needs the other
/// files (T201), replaces it when the load ends. The load is held here, deterministically,
/// by `dismissed.txt` made a FIFO: the load reads it last, and blocks until the test
/// writes to it; the first look never reads it. (`initialize` is answered while the load is
/// held, too: defect 9, `initialize` waited for the whole load.)
#[cfg(unix)]
#[test]
fn lsp_a_file_opened_while_the_notebook_loads_shows_its_own_findings_first() {
    let nb = notebook();
    let fifo = nb.path().join("dismissed.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let mut client = Client::start(&nb);
    // An unknown company (T201, cross-file) and a bad date (its own).
    let cy = "---\nname: Cy Young\ncompany: zeta-labs\nreached_out: 2026-13-01\n---\n";
    client.open("contacts/cy.md", cy);
    let first = client.diagnostics("contacts/cy.md");
    let codes = |found: &[(u64, u64, String, String)]| -> Vec<String> {
        found.iter().map(|d| d.2.clone()).collect()
    };
    assert_eq!(codes(&first), ["T104"], "{first:?}");
    assert_eq!(client.last_published["version"], 1);
    // Typed while it loads: looked at again, on its own still.
    let fixed = cy.replace("2026-13-01", "2026-11-01");
    client.change("contacts/cy.md", 2, &fixed);
    assert_eq!(client.diagnostics("contacts/cy.md"), []);
    assert_eq!(client.last_published["version"], 2);
    // A request waits for the notebook, and so does every change sent after it.
    let hover = client.at("contacts/cy.md", 2, 11);
    client.send(
        &json!({ "jsonrpc": "2.0", "id": 99, "method": "textDocument/hover", "params": hover }),
    );
    client.change("contacts/cy.md", 3, cy);
    std::fs::write(&fifo, "").unwrap();
    let answer = loop {
        let message = client.next();
        if message["id"] == 99 {
            break message;
        }
        client.notifications.push(message);
    };
    assert!(answer.get("error").is_none(), "{answer}");
    // The load may end before the server has read the last change: the text of version 2
    // is checked (and published) first then. Version 3 is what the full check ends on.
    let full = loop {
        let full = client.diagnostics("contacts/cy.md");
        if client.last_published["version"] == 3 {
            break full;
        }
        assert_eq!(codes(&full), ["T201"], "version 2, checked in full");
    };
    assert_eq!(codes(&full), ["T201", "T104"], "{full:?}");
    assert_eq!(client.stop(), 0);
}

/// Found driving Emacs (tests/e2e/emacs.sh): eglot 1.9 clears a buffer's diagnostics when
/// it starts managing it, which may be after the server told them (the load publishes every
/// file's), and the buffer stayed blank. A document opened is told its diagnostics again.
#[test]
fn lsp_a_file_opened_is_told_its_diagnostics_again() {
    let cy = "---\nname: Cy\ncompany: zeta-labs\n---\n";
    let nb = notebook().file("contacts/cy.md", cy);
    let mut client = Client::start_as(&nb, eglot());
    assert_eq!(client.diagnostics("contacts/cy.md")[0].2, "T201");
    client.open("contacts/cy.md", cy);
    let again = client.diagnostics("contacts/cy.md");
    assert_eq!(again.len(), 1, "{again:?}");
    assert_eq!(again[0].2, "T201");
    assert_eq!(client.last_published["version"], 1);
    assert_eq!(client.stop(), 0);
}

/// The server loads through the persistent index as every command does, and
/// `--no-cache` (here `TIES_NO_CACHE=1`) reaches it too: the load neither reads nor writes it.
#[test]
fn lsp_start_keeps_the_persistent_index_unless_told_not_to() {
    for (vars, kept) in [(&[][..], true), (&[("TIES_NO_CACHE", "1")][..], false)] {
        let nb = notebook().file("contacts/cy.md", "---\nname: Cy\ncompany: zeta-labs\n---\n");
        let mut client = Client::start_with(&nb, capable(), vars);
        assert_eq!(client.diagnostics("contacts/cy.md")[0].2, "T201");
        let index = nb.path().join(".ties-cache/index");
        assert_eq!(index.exists(), kept, "{vars:?}");
        assert_eq!(client.stop(), 0);
    }
}

/// Issue 25, defect 3: `Content-Length: abc`, or a length shorter or longer than the body,
/// and 0 of 10 later requests were answered. Now the reader resynchronises on the next
/// header: every later request is answered, and the server exits cleanly.
#[test]
fn lsp_a_broken_frame_never_leaves_the_server_deaf() {
    let nb = notebook();
    let mut client = Client::start(&nb);
    client.open("contacts/bob.md", BOB);
    let hover = |client: &Client, id: i64| {
        json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
            "params": client.at("contacts/bob.md", 3, 16) })
        .to_string()
    };
    let body = hover(&client, 1001);
    let broken = [
        "Content-Length: abc".to_owned(),
        format!("Content-Length: {}", body.len() - 5),
        format!("Content-Length: {}", body.len() + 20),
        format!("Content-Length: {}", body.len() + 100_000),
    ];
    for (n, header) in broken.iter().enumerate() {
        let id = 1001 + i64::try_from(n).unwrap();
        let frame = format!("{header}\r\n\r\n{}", hover(&client, id));
        client.stdin.write_all(frame.as_bytes()).unwrap();
        client.stdin.flush().unwrap();
        for _ in 0..10 {
            let answer = client.result("textDocument/hover", client.at("contacts/bob.md", 3, 16));
            assert!(
                answer["contents"]["value"]
                    .as_str()
                    .is_some_and(|v| v.starts_with("**Ada Lovelace**")),
                "after `{header}`: {answer}"
            );
        }
    }
    assert_eq!(client.stop(), 0);
}

/// Issue 25, defect 5: "create companies/acm.md" wrote through a `companies/` folder
/// symlinked out of the notebook, which the command line refuses.
#[test]
fn lsp_offers_no_file_to_create_through_a_folder_symlinked_out_of_the_notebook() {
    let outside = tempfile::tempdir().unwrap();
    let nb = Notebook::new().file(
        "contacts/ada.md",
        &ADA.replace("company: acme", "company: acm"),
    );
    std::os::unix::fs::symlink(outside.path(), nb.path().join("companies")).unwrap();
    for capabilities in [capable(), eglot()] {
        let mut client = Client::start_as(&nb, capabilities);
        client.open("contacts/ada.md", &nb.read("contacts/ada.md"));
        let actions = client.result(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": client.uri("contacts/ada.md") },
                "range": { "start": { "line": 2, "character": 10 }, "end": { "line": 2, "character": 10 } },
                "context": { "diagnostics": [] },
            }),
        );
        let titles: Vec<&str> = actions
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["title"].as_str().unwrap())
            .collect();
        assert!(
            !titles.iter().any(|t| t.starts_with("create")),
            "{titles:?}"
        );
        // Even asked directly, the server's own command refuses.
        let refused = client.request(
            "workspace/executeCommand",
            json!({ "command": "ties.createFile",
                "arguments": [{ "path": "companies/acm.md", "text": "---\nname: Acm\n---\n" }] }),
        );
        let message = refused["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains("outside the notebook"), "{refused}");
        assert_eq!(client.stop(), 0);
    }
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
}

/// For an editor that cannot create files in an edit (eglot), "create" is the server's own
/// command, which writes the file as `ties new` does.
#[test]
fn lsp_create_action_for_an_editor_that_cannot_create_files_is_a_command() {
    let nb = notebook();
    let mut client = Client::start_as(&nb, eglot());
    let text = ADA.replace("company: acme", "company: acm");
    client.open("contacts/ada.md", &text);
    let actions = client.result(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": client.uri("contacts/ada.md") },
            "range": { "start": { "line": 2, "character": 10 }, "end": { "line": 2, "character": 10 } },
            "context": { "diagnostics": [] },
        }),
    );
    let create = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "create companies/acm.md")
        .unwrap_or_else(|| panic!("{actions}"))
        .clone();
    assert_eq!(create["edit"], Value::Null, "no file operation eglot drops");
    let command = &create["command"];
    assert_eq!(command["command"], "ties.createFile");
    let done = client.result(
        "workspace/executeCommand",
        json!({ "command": command["command"], "arguments": command["arguments"] }),
    );
    assert_eq!(done, Value::Null);
    assert!(nb.read("companies/acm.md").starts_with("---\nname: Acm\n"));
    assert_eq!(client.settled("contacts/ada.md"), Some(json!([])));
    // Twice: the file is there now, and stays as it is.
    let again = client.request(
        "workspace/executeCommand",
        json!({ "command": command["command"], "arguments": command["arguments"] }),
    );
    assert!(
        again["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("exists already")),
        "{again}"
    );
    assert_eq!(client.stop(), 0);
}

/// Issue 25, defect 6: a rename onto a file the notebook ignores but the disk holds, to an
/// id over `NAME_MAX`, or to a title holding bidi or zero-width characters was accepted.
#[test]
fn lsp_rename_refuses_files_there_names_too_long_and_invisible_characters() {
    let nb = notebook()
        .file(".gitignore", "contacts/ada-old.md\n")
        .file("contacts/ada-old.md", "kept\n");
    let mut client = Client::start(&nb);
    client.open("contacts/bob.md", BOB);
    let rename = |client: &mut Client, new_name: &str| {
        let mut params = client.at("contacts/bob.md", 3, 16);
        params["newName"] = json!(new_name);
        let refused = client.request("textDocument/rename", params);
        refused["error"]["message"]
            .as_str()
            .unwrap_or_else(|| panic!("`{new_name}` accepted: {refused}"))
            .to_owned()
    };
    assert_eq!(
        rename(&mut client, "ada-old"),
        "`contacts/ada-old.md` exists already (a file the notebook may not read, git-ignored or hidden, is still a file): choose another name"
    );
    let long = rename(&mut client, &"a".repeat(300));
    assert!(
        long.ends_with("would be 303 bytes; file systems allow 255: choose a shorter name"),
        "{long}"
    );
    let hidden = rename(&mut client, "ada\u{200b}king");
    assert!(hidden.contains("U+200B"), "{hidden}");
    assert_eq!(nb.read("contacts/ada-old.md"), "kept\n");
    assert!(nb.path().join("contacts/ada.md").is_file());
    assert_eq!(client.stop(), 0);
}

/// Issue 25, defect 6 and 7 in a title notebook: a rename from a link in any case
/// (`[[priya shah]]`) renames the record; a bidi override in the new title is refused.
#[test]
fn lsp_rename_in_a_title_notebook_from_a_link_in_any_case() {
    let nb = Notebook::new()
        .file("ties.yaml", "folders: { contacts: People }\nids: title\n")
        .file("People/Priya Shah.md", "---\naliases: [Priya]\n---\n")
        .file("Home.md", "[[priya shah]] and [[Priya]].\n");
    let mut client = Client::start(&nb);
    client.open("Home.md", "[[priya shah]] and [[Priya]].\n");
    let mut params = client.at("Home.md", 0, 4);
    params["newName"] = json!("P\u{202e}ahS ayirP");
    let refused = client.request("textDocument/rename", params.clone());
    assert!(
        refused["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("U+202E")),
        "{refused}"
    );
    params["newName"] = json!("Priya Rao");
    let edit = client.result("textDocument/rename", params);
    let changes = edit["documentChanges"].as_array().unwrap();
    assert_eq!(
        changes[0]["edits"],
        json!([{ "range": { "start": { "line": 0, "character": 2 }, "end": { "line": 0, "character": 12 } }, "newText": "Priya Rao" }]),
        "the alias mention stays as written"
    );
    assert_eq!(changes[1]["kind"], "rename", "{edit}");
    assert!(
        changes[1]["newUri"]
            .as_str()
            .unwrap()
            .ends_with("/People/Priya%20Rao.md"),
        "{edit}"
    );
    assert_eq!(client.stop(), 0);
}

/// Issue 25, defect 8 and the peers' gaps (11): hover escapes only what Markdown needs, the
/// code lens runs a command, an inverted range is refused rather than replacing the whole
/// buffer; workspace symbols, and `willRenameFiles` for a file renamed in the editor's tree.
#[test]
fn lsp_hover_lens_inverted_range_symbols_and_files_renamed_in_the_tree() {
    let nb = notebook();
    let mut client = Client::start(&nb);
    client.open("contacts/bob.md", BOB);
    let hover = client.result("textDocument/hover", client.at("contacts/bob.md", 3, 16));
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("Engineer @ Acme"), "{value}");
    assert!(value.contains("due 2026-11-17"), "{value}");
    assert!(!value.contains('\\'), "nothing over-escaped: {value}");

    client.open("contacts/ada.md", ADA);
    let lenses = client.result(
        "textDocument/codeLens",
        json!({ "textDocument": { "uri": client.uri("contacts/ada.md") } }),
    );
    let command = lenses[0]["command"].clone();
    assert_eq!(command["command"], "ties.recordFollowUp", "{lenses}");
    client.send(
        &json!({ "jsonrpc": "2.0", "id": 77, "method": "workspace/executeCommand",
        "params": { "command": command["command"], "arguments": command["arguments"] } }),
    );
    let mut asked = Value::Null;
    let mut answered = false;
    while asked.is_null() || !answered {
        let message = client.next();
        if message["method"] == "workspace/applyEdit" {
            asked = message;
        } else if message["id"] == 77 {
            assert!(message.get("error").is_none(), "{message}");
            answered = true;
        }
    }
    let edit = &asked["params"]["edit"]["documentChanges"][0]["edits"][0];
    assert_eq!(edit["newText"], "followed_up: [2026-11-21]\n", "{asked}");

    // An inverted range: refused, the buffer as it was.
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": client.uri("contacts/ada.md"), "version": 2 }, "contentChanges": [{
            "range": { "start": { "line": 2, "character": 13 }, "end": { "line": 2, "character": 9 } },
            "text": "X",
        }]}),
    );
    let hover = client.result("textDocument/hover", client.at("contacts/ada.md", 2, 11));
    assert_eq!(
        hover["contents"]["value"],
        "**Acme** (company `companies/acme.md`)\n\ncompany · target"
    );

    let symbols = client.result("workspace/symbol", json!({ "query": "lovel" }));
    assert_eq!(symbols[0]["name"], "Ada Lovelace", "{symbols}");
    assert!(
        symbols[0]["location"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("/contacts/ada.md"),
        "{symbols}"
    );

    let edit = client.result(
        "workspace/willRenameFiles",
        json!({ "files": [{ "oldUri": client.uri("contacts/ada.md"), "newUri": client.uri("contacts/ada-king.md") }] }),
    );
    let bob = edit["documentChanges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["textDocument"]["uri"] == client.uri("contacts/bob.md"))
        .unwrap_or_else(|| panic!("{edit}"));
    let texts: Vec<&str> = bob["edits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["newText"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["ada-king", "ada-king", "ada-king.md"], "{edit}");
    assert_eq!(client.stop(), 0);
}

/// The code action of `actions` with this title.
fn titled(actions: &Value, title: &str) -> Value {
    actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("no action {title:?} in {actions}"))
        .clone()
}

/// "Draft follow-up to …": the message `ties draft` writes, as a section at the end of the
/// note for most clients, as a new untitled document for VS Code.
#[test]
fn lsp_offers_the_draft_of_a_due_follow_up() {
    let nb = notebook().file("ties.yaml", "owner: Sam Rivera\n");
    let mut client = Client::start(&nb);
    client.open("contacts/ada.md", ADA);
    let params = json!({
        "textDocument": { "uri": client.uri("contacts/ada.md") },
        "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
        "context": { "diagnostics": [] },
    });
    let actions = client.result("textDocument/codeAction", params.clone());
    let draft = titled(&actions, "Draft follow-up to Ada Lovelace");
    assert_eq!(draft["kind"], "refactor.rewrite");
    let change = &draft["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"]["uri"], client.uri("contacts/ada.md"));
    let edit = &change["edits"][0];
    // At the end of the note: line 6 is the last one, after its line feed.
    assert_eq!(
        edit["range"],
        json!({ "start": { "line": 7, "character": 0 }, "end": { "line": 7, "character": 0 } })
    );
    let text = edit["newText"].as_str().unwrap();
    assert!(
        text.starts_with("\n## Draft follow-up to Ada Lovelace (2026-11-21)\n\n```text\nSubject: Re: A question about your work at Acme\n\nHi Ada,\n"),
        "{text}"
    );
    assert!(text.ends_with("Best,\nSam Rivera\n```\n"), "{text}");
    assert_eq!(nb.read("contacts/ada.md"), ADA, "nothing is written");
    assert_eq!(client.stop(), 0);

    // VS Code makes an untitled document of a created `untitled:` URI.
    let mut client = Client::start_as(
        &nb,
        json!({
            "clientInfo": { "name": "Visual Studio Code", "version": "1.95.0" },
            "capabilities": { "workspace": { "workspaceEdit": {
                "documentChanges": true, "resourceOperations": ["create", "rename", "delete"],
            }}},
        }),
    );
    client.open("contacts/ada.md", ADA);
    let actions = client.result("textDocument/codeAction", params);
    let draft = titled(&actions, "Draft follow-up to Ada Lovelace");
    let changes = &draft["edit"]["documentChanges"];
    assert_eq!(
        changes[0],
        json!({ "kind": "create", "uri": "untitled:draft-follow-up-ada.md" })
    );
    assert_eq!(
        changes[1]["textDocument"]["uri"],
        "untitled:draft-follow-up-ada.md"
    );
    let text = changes[1]["edits"][0]["newText"].as_str().unwrap();
    assert!(
        text.starts_with("Subject: Re: A question about your work at Acme\n\nHi Ada,\n"),
        "{text}"
    );
    assert_eq!(client.stop(), 0);
}

/// A message template edited in the editor is checked as it is typed (T501), and only by
/// its own rules.
#[test]
fn lsp_checks_a_template_as_it_is_typed() {
    let nb = notebook().file("templates/ask.md", "Hi {{first_name}}\n");
    let mut client = Client::start(&nb);
    client.open("templates/ask.md", "Hi {{first_name}}\n");
    client.change("templates/ask.md", 2, "Hi {{fist_name}}\n");
    assert_eq!(
        client.diagnostics("templates/ask.md"),
        [(
            0,
            3,
            "T501".to_owned(),
            "unknown placeholder `{{fist_name}}` (did you mean `{{first_name}}`?)\nhelp: `ties explain T501` and docs/drafts.md list the placeholders".to_owned()
        )]
    );
    client.change("templates/ask.md", 3, "Hi {{first_name}}!\n");
    assert_eq!(client.diagnostics("templates/ask.md"), []);
    assert_eq!(nb.read("templates/ask.md"), "Hi {{first_name}}\n");
    assert_eq!(client.stop(), 0);
}

/// Issue 25, item 2: files renamed, created and deleted in the editor's file tree
/// (`workspace/didRenameFiles`, `didCreateFiles`, `didDeleteFiles`) are read again at once.
/// Each notification goes right after the change on disk and a request right after it: the
/// server takes messages in order, so the answer is the notification's doing, not its own
/// watcher's (which waits for the disk to be quiet first).
#[test]
fn lsp_files_renamed_created_and_deleted_in_the_editor_are_read_again() {
    let nb = notebook();
    let mut client = Client::start(&nb);
    let find = |client: &mut Client, query: &str| -> Vec<String> {
        let symbols = client.result("workspace/symbol", json!({ "query": query }));
        symbols
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                s["location"]["uri"]
                    .as_str()
                    .unwrap()
                    .replace(&format!("{}/", client.root), "")
            })
            .collect()
    };
    assert_eq!(find(&mut client, "lovel"), ["contacts/ada.md"]);

    std::fs::rename(
        nb.path().join("contacts/ada.md"),
        nb.path().join("contacts/ada-king.md"),
    )
    .unwrap();
    let (old, new) = (
        client.uri("contacts/ada.md"),
        client.uri("contacts/ada-king.md"),
    );
    client.notify(
        "workspace/didRenameFiles",
        json!({ "files": [{ "oldUri": old, "newUri": new }] }),
    );
    assert_eq!(find(&mut client, "lovel"), ["contacts/ada-king.md"]);

    std::fs::write(
        nb.path().join("companies/zeta-labs.md"),
        "---\nname: Zeta Labs\n---\n",
    )
    .unwrap();
    let zeta = client.uri("companies/zeta-labs.md");
    client.notify(
        "workspace/didCreateFiles",
        json!({ "files": [{ "uri": zeta }] }),
    );
    assert_eq!(find(&mut client, "zeta"), ["companies/zeta-labs.md"]);

    std::fs::remove_file(nb.path().join("companies/zeta-labs.md")).unwrap();
    client.notify(
        "workspace/didDeleteFiles",
        json!({ "files": [{ "uri": zeta }] }),
    );
    assert_eq!(find(&mut client, "zeta"), Vec::<String>::new());
    assert_eq!(client.stop(), 0);
}

/// Issue 25, item 5 (defect 9: `initialize` waited for the whole load): the load runs in
/// the background, shown as progress to a client that shows progress (VS Code), created,
/// begun, and ended once the full diagnostics are out; a client that does not (eglot 1.9)
/// is asked nothing.
#[test]
fn lsp_shows_the_load_as_progress_where_the_client_shows_it() {
    let nb = notebook().file("contacts/cy.md", "---\nname: Cy\ncompany: zeta-labs\n---\n");
    let mut client = Client::start(&nb);
    let mut seen = std::mem::take(&mut client.notifications);
    let is_end = |m: &Value| m["params"]["value"]["kind"] == "end";
    while !seen.iter().any(is_end) {
        seen.push(client.next());
    }
    // The full diagnostics (Cy's unknown company) are out before the progress ends.
    let cy = client.uri("contacts/cy.md");
    let told = seen.iter().position(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == cy.as_str()
    });
    let end = seen.iter().position(is_end);
    assert!(told.is_some() && told < end, "{seen:?}");
    let progress: Vec<Value> = seen
        .into_iter()
        .filter(|m| m["method"] == "$/progress" || m["method"] == "window/workDoneProgress/create")
        .map(|m| json!({ "method": m["method"], "params": m["params"] }))
        .collect();
    let root = nb.path().canonicalize().unwrap();
    let token = "ties-load";
    assert_eq!(
        progress,
        [
            json!({ "method": "window/workDoneProgress/create", "params": { "token": token } }),
            json!({ "method": "$/progress", "params": { "token": token, "value": {
                "kind": "begin", "title": "ties",
                "message": format!("reading the notebook {}", root.display()) } } }),
            json!({ "method": "$/progress", "params": { "token": token, "value": {
                "kind": "end", "message": "6 files" } } }),
        ]
    );
    assert_eq!(client.stop(), 0);

    let mut quiet = Client::start_as(&nb, eglot());
    // A request waits for the load: everything the load sent came before its answer.
    quiet.result("workspace/symbol", json!({ "query": "ada" }));
    let asked: Vec<&Value> = quiet
        .notifications
        .iter()
        .filter(|m| m["method"].as_str().is_some_and(|m| m.contains("rogress")))
        .collect();
    assert_eq!(asked, Vec::<&Value>::new());
    assert_eq!(quiet.stop(), 0);
}

/// Issue 25, defect 2, the rename: Neovim 0.7 applies a rename's file operation itself,
/// registers no file watcher and sends no `didRenameFiles`; 11 false T201/T204 stayed until
/// the renamed file was opened. The server's own watcher sees the file moved.
#[test]
fn lsp_a_rename_the_editor_applies_leaves_no_stale_diagnostics() {
    let nb = notebook();
    let mut client = Client::start_as(&nb, neovim());
    client.open("contacts/bob.md", BOB);
    let mut params = client.at("contacts/bob.md", 3, 16);
    params["newName"] = json!("ada-king");
    let edit = client.result("textDocument/rename", params);
    let moves: Vec<&Value> = edit["documentChanges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == "rename")
        .collect();
    assert_eq!(moves.len(), 1, "Neovim moves the file: {edit}");
    // As Neovim applies it: the text edits in the buffer first.
    let renamed = BOB
        .replace("introduced_by: ada", "introduced_by: ada-king")
        .replace("[[ada|Ada]]", "[[ada-king|Ada]]")
        .replace("(ada.md)", "(ada-king.md)");
    client.change("contacts/bob.md", 2, &renamed);
    let before = client.diagnostics("contacts/bob.md");
    let codes: Vec<&str> = before.iter().map(|d| d.2.as_str()).collect();
    assert_eq!(codes, ["T201", "T204", "T204"], "{before:?}");
    // Then the file moved, and nothing said of it.
    std::fs::rename(
        nb.path().join("contacts/ada.md"),
        nb.path().join("contacts/ada-king.md"),
    )
    .unwrap();
    assert_eq!(client.diagnostics("contacts/bob.md"), []);
    assert_eq!(client.stop(), 0);
}

/// Issue 25, defect 8: Neovim showed the code lens as a command `""` it "does not support".
/// The lens runs `ties.recordFollowUp` now, and is offered only to a client that runs the
/// server's commands: one that says so (VS Code, eglot), and Neovim, which says nothing
/// before 0.10 yet runs them; never to a client that can run none.
#[test]
fn lsp_offers_code_lenses_only_to_clients_that_run_commands() {
    let nb = notebook();
    let bare = json!({ "capabilities": {} });
    for (about, lenses) in [
        (capable(), true),
        (eglot(), true),
        (neovim(), true),
        (bare, false),
    ] {
        let client = Client::start_as(&nb, about.clone());
        let provider = &client.capabilities["codeLensProvider"];
        assert_eq!(!provider.is_null(), lenses, "{about}: {provider}");
        let commands = &client.capabilities["executeCommandProvider"]["commands"];
        assert!(
            commands
                .as_array()
                .unwrap()
                .contains(&json!("ties.recordFollowUp")),
            "{commands}"
        );
        assert_eq!(client.stop(), 0);
    }
}

/// Issue 25, defect 11 (a gap against the peers): a broken `[[link]]` offers to create what
/// it names, a note beside the linking one or, where the link names a record folder, the
/// record `ties new` would write; applied, the link resolves.
#[test]
fn lsp_a_broken_link_offers_to_create_the_note_or_record_it_names() {
    let plan = "Ask [[rust-meetup-notes]] and [[companies/zeta-labs]].\n";
    let nb = notebook().file("notes/plan.md", plan);
    let mut client = Client::start(&nb);
    client.open("notes/plan.md", plan);
    let broken = client.diagnostics("notes/plan.md");
    let codes: Vec<&str> = broken.iter().map(|d| d.2.as_str()).collect();
    assert_eq!(codes, ["T204", "T204"], "{broken:?}");
    let creates = |client: &mut Client, character: u32| -> (String, Value) {
        let params = json!({
            "textDocument": { "uri": client.uri("notes/plan.md") },
            "range": { "start": { "line": 0, "character": character }, "end": { "line": 0, "character": character } },
            "context": { "diagnostics": [] },
        });
        let actions = client.result("textDocument/codeAction", params);
        let create = actions
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["title"].as_str().unwrap().starts_with("create "))
            .unwrap_or_else(|| panic!("{actions}"))
            .clone();
        (
            create["title"].as_str().unwrap().to_owned(),
            create["edit"].clone(),
        )
    };
    let (title, edit) = creates(&mut client, 8);
    assert_eq!(title, "create notes/rust-meetup-notes.md");
    assert_eq!(
        edit["documentChanges"][0],
        json!({ "kind": "create", "uri": client.uri("notes/rust-meetup-notes.md"), "options": { "overwrite": false, "ignoreIfExists": true } })
    );
    assert_eq!(
        edit["documentChanges"][1]["edits"][0]["newText"],
        "# Rust Meetup Notes\n"
    );
    let (title, edit) = creates(&mut client, 35);
    assert_eq!(title, "create companies/zeta-labs.md");
    let text = edit["documentChanges"][1]["edits"][0]["newText"]
        .as_str()
        .unwrap();
    assert!(text.starts_with("---\nname: Zeta Labs\n"), "{text}");
    // Applied as the editor applies it (the file written): both links resolve.
    std::fs::write(
        nb.path().join("notes/rust-meetup-notes.md"),
        "# Rust Meetup Notes\n",
    )
    .unwrap();
    std::fs::write(nb.path().join("companies/zeta-labs.md"), text).unwrap();
    client.notify(
        "workspace/didCreateFiles",
        json!({ "files": [{ "uri": client.uri("notes/rust-meetup-notes.md") }, { "uri": client.uri("companies/zeta-labs.md") }] }),
    );
    assert_eq!(client.diagnostics("notes/plan.md"), []);
    assert_eq!(client.stop(), 0);
}
