//! `ties watch` and the language server keep one notebook the same way: the same sequence
//! of edits, saves, files changed outside the editor and clock moves, fed to a workspace as
//! `watch` sees them (files written, their events classified and batched) and as the server
//! sees them (buffers opened and changed, files reported by the client), gives the same
//! diagnostics after every step, a broken `ties.yaml` included; and, where `ties.yaml`
//! reads, the diagnostics of a fresh `ties check`.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDateTime;
use lsp_server::Connection;
use lsp_types as lsp;
use notify::EventKind;
use notify::event::{CreateKind, DataChange, ModifyKind, RemoveKind};

use crate::diagnostic::Diagnostic;
use crate::findings::Code;
use crate::watch::{self, Batch, Classifier};
use crate::workspace::Workspace;

use super::convert::uri_of;
use super::server::Server;
use super::sync;

/// One thing that happens to the notebook.
enum Step {
    /// The user types `text` into the file at `path`: an unsaved buffer for the server, a
    /// save for `watch` (which sees files only).
    Type(&'static str, &'static str),
    /// The file at `path` is written outside the editor (`None`: deleted).
    Disk(&'static str, Option<&'static str>),
    /// The clock moves on to this day.
    Clock(&'static str),
}

const START: &[(&str, &str)] = &[
    ("ties.yaml", ""),
    ("contacts/ada.md", "---\nname: Ada\ncompany: acme\n---\n"),
    ("companies/acme.md", "---\nname: Acme\n---\n"),
    (
        "chats/2026-11-12-ada.md",
        "---\nwith: ada\ndate: 2026-11-12\n---\nAsk [[acme]].\n",
    ),
    (
        "events/meetup.md",
        "---\nname: Meetup\ndate: 2026-11-22\nmet: [ada]\n---\n",
    ),
];

const STEPS: &[Step] = &[
    Step::Type("contacts/ada.md", "---\nname: Ada\ncompany: acm\n---\n"),
    Step::Disk("companies/acm.md", Some("---\nname: Acm\n---\n")),
    Step::Clock("2026-11-23"),
    // Contacts live in People/ now: every file reads again, `ada` is a note.
    Step::Type("ties.yaml", "folders: { contacts: People }\n"),
    // Broken while typed: the last good settings stay, and the error shows on ties.yaml
    // (the server once fell back to the defaults here and reported T202 on the chat).
    Step::Type("ties.yaml", "folders: { contacts: People }\nrules: [\n"),
    Step::Disk("companies/acm.md", None),
    Step::Disk(
        "People/ada.md",
        Some("---\nname: Ada\ncompany: acme\n---\n"),
    ),
    Step::Type("ties.yaml", "checks: { ignore: [T106] }\n"),
    Step::Type("contacts/ada.md", "---\nname: Ada\nhobby: chess\n---\n"),
    Step::Clock("2026-11-24"),
    Step::Disk(
        "contacts/new/bo.md",
        Some("---\nname: Bo\ncompany: nowhere\n---\n"),
    ),
];

fn at(day: &str) -> NaiveDateTime {
    crate::model::time::parse_date(day)
        .unwrap()
        .and_time(chrono::NaiveTime::MIN)
}

fn write(root: &Path, path: &str, text: Option<&str>) {
    let file = root.join(path);
    match text {
        Some(text) => {
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
        None => std::fs::remove_file(file).unwrap(),
    }
}

/// What `watch` sees of a write: the event its watcher reports, classified into a batch.
fn event(classifier: &Classifier, root: &Path, path: &str, created: Option<bool>) -> Batch {
    let kind = match created {
        Some(true) => EventKind::Create(CreateKind::File),
        Some(false) => EventKind::Modify(ModifyKind::Data(DataChange::Content)),
        None => EventKind::Remove(RemoveKind::File),
    };
    let mut batch = Batch::default();
    let event = notify::Event::new(kind).add_path(root.join(path));
    if let Some(change) = classifier.change_detected(&event) {
        batch.add(change);
    }
    batch
}

fn show(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{} {} {}",
                d.path, d.start.line, d.start.column, d.code, d.message
            )
        })
        .collect()
}

/// What the server is told of the user typing `text` into `path`: the document opened,
/// then changed, as editors send it.
fn typed(
    server: &mut Server,
    versions: &mut HashMap<String, i32>,
    root: &Path,
    path: &str,
    text: &str,
) {
    let uri = uri_of(&root.join(path)).unwrap();
    let version = versions.entry(path.to_owned()).or_insert(0);
    *version += 1;
    if *version == 1 {
        let item = lsp::TextDocumentItem::new(uri, "markdown".into(), 1, text.into());
        sync::opened(
            server,
            lsp::DidOpenTextDocumentParams {
                text_document: item,
            },
        );
        return;
    }
    let change = lsp::TextDocumentContentChangeEvent {
        range: None,
        range_length: None,
        text: text.into(),
    };
    sync::changed(
        server,
        lsp::DidChangeTextDocumentParams {
            text_document: lsp::VersionedTextDocumentIdentifier::new(uri, *version),
            content_changes: vec![change],
        },
    );
}

/// What the server is told of a file written outside the editor (`created`: `None` for a
/// file deleted).
fn on_disk(server: &mut Server, root: &Path, path: &str, created: Option<bool>) {
    let kind = match created {
        Some(true) => lsp::FileChangeType::CREATED,
        Some(false) => lsp::FileChangeType::CHANGED,
        None => lsp::FileChangeType::DELETED,
    };
    let uri = uri_of(&root.join(path)).unwrap();
    let changes = vec![lsp::FileEvent::new(uri, kind)];
    sync::watched(server, lsp::DidChangeWatchedFilesParams { changes });
}

/// A fresh `ties check` of the files at `root` as of `now`, under the settings `yaml`.
fn fresh_check(root: &Path, now: NaiveDateTime, yaml: &str) -> Vec<Diagnostic> {
    let written = std::fs::read_to_string(root.join("ties.yaml")).unwrap();
    write(root, "ties.yaml", Some(yaml));
    let full = crate::check::diagnostics(&crate::notebook::load(root, now).unwrap());
    write(root, "ties.yaml", Some(&written));
    full
}

#[test]
fn watch_and_the_server_agree_after_every_step() {
    let (_watched, watch_root) = crate::workspace::on_disk(START);
    let (_served, server_root) = crate::workspace::on_disk(START);
    let mut now = at("2026-11-21");

    let (mut watching, _) = Workspace::load(&watch_root, now).unwrap();
    let classifier = Classifier::new(&watch_root);

    let (connection, _client) = Connection::memory();
    let mut server = Server::for_tests(&connection, now);
    server.load(&server_root);
    server.check_at(now);
    let mut versions = HashMap::new();
    let mut last_good = String::new();

    let told = |server: &Server| server.workspace.as_ref().unwrap().diagnostics();
    assert_eq!(show(&watching.diagnostics()), show(&told(&server)));
    assert!(!watching.diagnostics().is_empty(), "T303 before the meetup");

    for (n, step) in STEPS.iter().enumerate() {
        match *step {
            Step::Type(path, text) => {
                let created = !watch_root.join(path).exists();
                write(&watch_root, path, Some(text));
                watch::feed(
                    &mut watching,
                    &event(&classifier, &watch_root, path, Some(created)),
                );
                typed(&mut server, &mut versions, &server_root, path, text);
            }
            Step::Disk(path, text) => {
                let created = text.map(|_| !watch_root.join(path).exists());
                write(&watch_root, path, text);
                write(&server_root, path, text);
                watch::feed(
                    &mut watching,
                    &event(&classifier, &watch_root, path, created),
                );
                on_disk(&mut server, &server_root, path, created);
            }
            Step::Clock(day) => now = at(day),
        }
        watching.check(now).unwrap();
        server.check_at(now);
        let (w, s) = (watching.diagnostics(), told(&server));
        assert_eq!(show(&w), show(&s), "after step {n}");
        // What a fresh check of the files says, under the last ties.yaml that reads.
        let broken = w
            .iter()
            .any(|d| d.path == "ties.yaml" && d.code == Code::T003);
        if !broken {
            last_good = std::fs::read_to_string(watch_root.join("ties.yaml")).unwrap();
        }
        let full = fresh_check(&watch_root, now, &last_good);
        let others = |ds: &[Diagnostic]| {
            let rest: Vec<Diagnostic> = ds
                .iter()
                .filter(|d| d.path != "ties.yaml")
                .cloned()
                .collect();
            show(&rest)
        };
        assert_eq!(others(&w), others(&full), "after step {n}");
        if !broken {
            assert_eq!(show(&w), show(&full), "after step {n}");
        }
    }
}
