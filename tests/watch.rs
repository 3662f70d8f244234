//! `ties watch` end to end: the real binary on a temp notebook, editor-style saves, and the
//! JSON rounds it prints. Every wait polls the output with a generous deadline; nothing
//! sleeps for a fixed time and hopes.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{Notebook, TODAY};

const DEADLINE: Duration = Duration::from_secs(30);

struct Watch {
    child: Child,
    lines: Receiver<String>,
}

/// A notebook holding one contact, Ada, and its canonical root (what watch reports paths in).
fn ada() -> (Notebook, std::path::PathBuf) {
    let nb = Notebook::new().file("contacts/ada.md", "---\nname: Ada\n---\n");
    let root = nb.path().canonicalize().unwrap();
    (nb, root)
}

impl Watch {
    fn start(notebook: &Path, extra: &[&str]) -> Self {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("ties"))
            .args(["--notebook".as_ref(), notebook.as_os_str()])
            .args(["--today", TODAY, "watch"])
            .args(extra)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start ties watch");
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Self { child, lines }
    }

    /// The next JSON round, or a panic naming what was awaited.
    fn round(&self, what: &str) -> Value {
        let line = self
            .lines
            .recv_timeout(DEADLINE)
            .unwrap_or_else(|_| panic!("no round while waiting for {what}"));
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
    }

    /// Rounds until one satisfies `done`; returns it and the rounds seen.
    fn until(&self, what: &str, done: impl Fn(&Value) -> bool) -> (Value, Vec<Value>) {
        let start = Instant::now();
        let mut seen = Vec::new();
        while start.elapsed() < DEADLINE {
            let round = self.round(what);
            seen.push(round.clone());
            if done(&round) {
                return (round, seen);
            }
        }
        panic!("timed out waiting for {what}; rounds: {seen:#?}");
    }

    fn interrupt(mut self) -> i32 {
        let pid = self.child.id().to_string();
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .expect("kill -INT");
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(start.elapsed() < DEADLINE, "ties watch ignored Ctrl-C");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

fn codes(round: &Value) -> Vec<String> {
    crate::support::joined(round["diagnostics"].as_array().unwrap(), &["path", "code"])
}

fn n(round: &Value, key: &str) -> u64 {
    round[key]
        .as_u64()
        .unwrap_or_else(|| panic!("no `{key}` in {round}"))
}

#[test]
fn watch_follows_editor_saves_folders_and_config() {
    let nb = Notebook::new()
        .file("companies/acme.md", "---\nname: Acme\n---\n")
        .file("contacts/ada.md", "---\nname: Ada\ncompany: acme\n---\n");
    let root = nb.path().canonicalize().unwrap();
    let watch = Watch::start(&root, &["--format", "json"]);
    let first = watch.round("the first check");
    assert_eq!((n(&first, "errors"), n(&first, "files")), (0, 3));

    // A plain write that breaks a reference: one file re-read, one new error.
    nb.write("contacts/ada.md", "---\nname: Ada\ncompany: acm\n---\n");
    let (broken, _) = watch.until("the broken reference", |r| n(r, "errors") == 1);
    assert_eq!(codes(&broken), ["contacts/ada.md T201"]);
    assert_eq!((n(&broken, "files_read"), n(&broken, "new")), (1, 1));

    // A safe write (temp file + rename), as VS Code and JetBrains do: fixed.
    nb.write(
        "contacts/.ada.md.tmp",
        "---\nname: Ada\ncompany: acme\n---\n",
    );
    std::fs::rename(
        root.join("contacts/.ada.md.tmp"),
        root.join("contacts/ada.md"),
    )
    .unwrap();
    let (fixed, _) = watch.until("the fix", |r| n(r, "errors") == 0);
    assert_eq!(n(&fixed, "fixed"), 1);
    assert_eq!(
        n(&fixed, "files_read"),
        1,
        "a one-file save re-reads one file"
    );

    // A folder that arrives with files already inside (notify reports only the folder).
    let outside = tempfile::tempdir().unwrap();
    let batch = outside.path().join("batch");
    std::fs::create_dir(&batch).unwrap();
    for name in ["bob", "cy", "dee"] {
        std::fs::write(
            batch.join(format!("{name}.md")),
            format!("---\nname: {name}\nrole: develper\n---\n"),
        )
        .unwrap();
    }
    std::fs::rename(&batch, root.join("contacts/batch")).unwrap();
    let (arrived, _) = watch.until("the new folder's files", |r| n(r, "files") == 6);
    assert_eq!(n(&arrived, "errors"), 3, "{:?}", codes(&arrived));

    // Deleting the folder removes its problems.
    std::fs::remove_dir_all(root.join("contacts/batch")).unwrap();
    watch.until("the folder to go", |r| {
        n(r, "files") == 3 && n(r, "errors") == 0
    });

    // 200 files at once, as a `git checkout` writes them.
    for i in 0..200 {
        nb.write(
            &format!("contacts/p{i}.md"),
            format!("---\nname: Person {i}\n---\n"),
        );
    }
    let (all, rounds) = watch.until("200 new files", |r| n(r, "files") == 203);
    assert_eq!(n(&all, "errors"), 0);
    let read: u64 = rounds.iter().map(|r| n(r, "files_read")).sum();
    assert!(
        (200..=400).contains(&read),
        "re-read {read} files for 200 new ones"
    );

    // ties.yaml broken, then fixed: reported, and the last good settings kept meanwhile.
    nb.write("ties.yaml", "rules: [\n");
    let (bad, _) = watch.until("the broken ties.yaml", |r| {
        codes(r).iter().any(|c| c == "ties.yaml T003")
    });
    assert_eq!(n(&bad, "errors"), 1);
    nb.write("ties.yaml", "checks: {ignore: []}\n");
    watch.until("the fixed ties.yaml", |r| n(r, "errors") == 0);

    assert_eq!(watch.interrupt(), 0, "Ctrl-C exits 0");
}

/// A burst is a handful of rounds, never one per file: how many depends on how the writer
/// is scheduled (a loaded machine can pause it past the quiet gap), so the test counts the
/// files the rounds took up rather than expecting one round (`commands::watch`'s unit tests
/// hold the merging itself to one burst, without timing).
#[test]
fn watch_takes_a_burst_of_300_files_in_a_few_rounds() {
    let (nb, root) = ada();
    let watch = Watch::start(&root, &["--format", "json"]);
    watch.round("the first check");
    // As `git checkout` writes them: one after another, as fast as the disk takes them.
    for i in 0..300 {
        nb.write(
            &format!("contacts/p{i}.md"),
            format!("---\nname: Person {i}\n---\n"),
        );
    }
    let (last, rounds) = watch.until("the whole burst", |r| n(r, "files") == 302);
    let added: u64 = rounds.iter().map(|r| n(r, "added")).sum();
    assert_eq!(added, 300, "each file of the burst added once: {rounds:#?}");
    assert!(
        rounds.len() <= 30,
        "300 files took {} rounds: the burst was not merged",
        rounds.len()
    );
    assert_eq!(n(&last, "errors") + n(&last, "warnings"), 0, "{last:#?}");
    // Nothing of the burst is left over: the next save is a round of its own.
    nb.write("contacts/ada.md", "---\nname: Ada\nrole: develper\n---\n");
    let (next, _) = watch.until("the save after the burst", |r| n(r, "errors") == 1);
    assert_eq!(n(&next, "added"), 0);
    assert_eq!(watch.interrupt(), 0);
}

#[test]
fn watch_appends_rounds_when_piped_and_exits_when_the_notebook_goes() {
    let (nb, root) = ada();
    let watch = Watch::start(&root, &["--agenda"]);
    let mut seen = String::new();
    let wait_for = |seen: &mut String, needle: &str| {
        let start = Instant::now();
        while !seen.contains(needle) {
            assert!(
                start.elapsed() < DEADLINE,
                "never printed {needle:?}; got:\n{seen}"
            );
            if let Ok(line) = watch.lines.recv_timeout(DEADLINE) {
                seen.push_str(&line);
                seen.push('\n');
            }
        }
    };
    wait_for(&mut seen, "watching for changes");
    assert!(seen.contains("0 errors, 0 warnings in 2 files"), "{seen}");
    nb.write("contacts/ada.md", "---\nname: Ada\nrole: develper\n---\n");
    wait_for(&mut seen, "error[T103]");
    assert!(
        !seen.contains("\x1b["),
        "no escape codes (and no screen clear) when piped"
    );
    assert!(
        seen.matches("── ").count() >= 2,
        "each round starts with a time line:\n{seen}"
    );
    drop(nb);
    let mut watch = watch;
    let start = Instant::now();
    let status = loop {
        if let Some(status) = watch.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            start.elapsed() < DEADLINE,
            "ties watch kept running without its notebook"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(2));
}

#[test]
fn watch_poll_sees_saves_without_os_events() {
    let (nb, root) = ada();
    let watch = Watch::start(&root, &["--poll", "--format", "json"]);
    assert_eq!(n(&watch.round("the first check"), "errors"), 0);
    nb.write("contacts/bob.md", "---\nname: Bob\nrole: develper\n---\n");
    let (round, _) = watch.until("the polled change", |r| n(r, "errors") == 1);
    assert_eq!(codes(&round), ["contacts/bob.md T103"]);
    assert_eq!(watch.interrupt(), 0);
}

/// A child killed when the test ends, passed or failed.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
    }
}

/// Until the child exits or the deadline passes; its exit code.
fn exit_code(child: &mut Child, what: &str) -> Option<i32> {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        assert!(
            start.elapsed() < DEADLINE,
            "ties watch kept running: {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn watch_follows_a_notebook_replaced_by_a_copy() {
    let (_nb, root) = ada();
    let backup = Notebook::new().file("contacts/bob.md", "---\nname: Bob\n---\n");
    let watch = Watch::start(&root, &["--format", "json"]);
    watch.round("the first check");
    // `rm -rf nb && cp -r backup nb`, faster than the debounce.
    std::fs::remove_dir_all(&root).unwrap();
    std::fs::create_dir_all(root.join("contacts")).unwrap();
    std::fs::copy(backup.path().join("ties.yaml"), root.join("ties.yaml")).unwrap();
    std::fs::copy(
        backup.path().join("contacts/bob.md"),
        root.join("contacts/bob.md"),
    )
    .unwrap();
    watch.until("the copy", |r| codes(r).is_empty() && n(r, "files") == 2);
    std::fs::write(
        root.join("contacts/bob.md"),
        "---\nname: Bob\nrole: develper\n---\n",
    )
    .unwrap();
    let (round, _) = watch.until("a save in the copy", |r| n(r, "errors") == 1);
    assert_eq!(codes(&round), ["contacts/bob.md T103"]);
}

#[test]
fn watch_reports_a_missing_ties_yaml_and_goes_on() {
    let (_nb, root) = ada();
    let watch = Watch::start(&root, &["--format", "json"]);
    watch.round("the first check");
    std::fs::rename(root.join("ties.yaml"), root.join("ties.yaml.away")).unwrap();
    let missing = |r: &Value| codes(r).iter().any(|c| c == "ties.yaml T001");
    watch.until("ties.yaml moved away", missing);
    // A change of .gitignore reads everything again, ties.yaml included.
    std::fs::write(root.join(".gitignore"), "drafts/\n").unwrap();
    watch.until("the rescan without ties.yaml", |r| {
        missing(r) && n(r, "files_read") == 1
    });
    std::fs::rename(root.join("ties.yaml.away"), root.join("ties.yaml")).unwrap();
    watch.until("ties.yaml back", |r| n(r, "errors") == 0);
    assert_eq!(watch.interrupt(), 0);
}

/// Piped, a round prints what it made new and what it fixed, not the diagnostics that
/// stayed: a notebook with thousands of warnings is not printed again on every save.
#[test]
fn watch_piped_prints_only_what_a_round_changed() {
    let nb = Notebook::new()
        .file("contacts/ada.md", "---\nname: Ada\n---\n")
        .file("contacts/bob.md", "---\nname: Bob\nhobby: chess\n---\n");
    let root = nb.path().canonicalize().unwrap();
    let watch = Watch::start(&root, &[]);
    // The lines of the next round, up to its status line.
    let round = |what: &str| {
        let mut lines = Vec::new();
        loop {
            let line = watch
                .lines
                .recv_timeout(DEADLINE)
                .unwrap_or_else(|_| panic!("no round while waiting for {what}: {lines:?}"));
            let done = line.contains("watching for changes");
            lines.push(line);
            if done {
                return lines.join("\n");
            }
        }
    };
    let first = round("the first check");
    assert!(
        first.contains("contacts/bob.md:3:1: warning[T106]"),
        "{first}"
    );
    nb.write("contacts/ada.md", "---\nname: Ada\nrole: develper\n---\n");
    let broken = round("the new error");
    assert!(
        broken.contains("contacts/ada.md:3:7: error[T103]"),
        "{broken}"
    );
    assert!(
        !broken.contains("bob.md"),
        "unchanged, not printed again:\n{broken}"
    );
    assert!(broken.contains("1 error, 1 warning in 3 files"), "{broken}");
    nb.write("contacts/ada.md", "---\nname: Ada\nrole: developer\n---\n");
    let fixed = round("the fix");
    assert!(
        fixed.contains("fixed: contacts/ada.md:3:7: error[T103]: `develper` is not a valid `role`"),
        "{fixed}"
    );
    assert!(!fixed.contains("bob.md"), "{fixed}");
    assert!(fixed.contains("0 errors, 1 warning in 3 files"), "{fixed}");
    assert_eq!(watch.interrupt(), 0);
}

#[test]
fn watch_exits_0_when_its_output_is_closed() {
    let (_nb, root) = ada();
    let mut child = Killed(
        Command::new(assert_cmd::cargo::cargo_bin("ties"))
            .args(["--notebook".as_ref(), root.as_os_str()])
            .args(["--today", TODAY, "watch", "--format", "json"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start ties watch"),
    );
    // `ties watch --format json | head -n1`
    let mut first = String::new();
    BufReader::new(child.0.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with('{'), "{first}");
    std::fs::write(root.join("contacts/bob.md"), "---\nname: Bob\n---\n").unwrap();
    let code = exit_code(&mut child.0, "with nobody reading its output");
    assert_eq!(code, Some(0));
}

#[test]
fn watch_agenda_on_an_80x40_terminal_keeps_errors_on_screen_and_fits_the_agenda() {
    // A real terminal, from `script` (util-linux); its size from `$COLUMNS`/`$LINES`.
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` to run ties watch on a terminal");
        return;
    }
    let mut nb = Notebook::new().file("contacts/bad.md", "---\nname: Bad\nrole: develper\n---\n");
    for i in 0..60 {
        nb = nb.file(
            &format!("contacts/p{i}.md"),
            &format!(
                "---\nname: Person {i} with a name far too long for one line of an agenda on a narrow screen\nreached_out: 2026-11-0{}\n---\n",
                i % 9 + 1
            ),
        );
    }
    let root = nb.path().canonicalize().unwrap();
    let command = format!(
        "timeout 60 '{}' --notebook '{}' --today {TODAY} watch --agenda",
        assert_cmd::cargo::cargo_bin("ties").display(),
        root.display()
    );
    let mut child = Killed(
        Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .env("COLUMNS", "80")
            .env("LINES", "40")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start script"),
    );
    let mut out = BufReader::new(child.0.stdout.take().unwrap());
    let mut seen = String::new();
    while !seen.contains("] read ") {
        let mut line = String::new();
        let read = out.read_line(&mut line).unwrap();
        assert!(read > 0, "watch ended before its status line:\n{seen}");
        seen.push_str(&line);
    }
    let screen = seen.rsplit("\x1b[2J\x1b[H").next().unwrap();
    let lines: Vec<&str> = screen.lines().map(|l| l.trim_end_matches('\r')).collect();
    assert!(
        lines.len() < 40,
        "{} lines for 40 rows:\n{screen}",
        lines.len()
    );
    assert!(
        lines[0].contains("error[T103]"),
        "the error first:\n{screen}"
    );
    assert!(
        lines.contains(&"1 error, 0 warnings in 62 files"),
        "{screen}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("… ") && l.ends_with(" more")),
        "the agenda cut with … N more:\n{screen}"
    );
    for line in &lines {
        assert!(line.chars().count() <= 80, "wider than 80: {line:?}");
    }
    // The text agenda fits 80 columns by itself: long titles wrap at spaces, nothing is cut.
    assert!(
        lines.iter().any(|l| l.contains("Person")),
        "the agenda shown:\n{screen}"
    );
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("Person") && l.ends_with('…')),
        "agenda lines wrapped, not cut:\n{screen}"
    );
}

#[test]
fn watch_checks_a_message_template_when_it_is_saved() {
    let (nb, root) = ada();
    let watch = Watch::start(&root, &["--format", "json"]);
    watch.round("the first check");
    nb.write("templates/ask.md", "Hi {{fist_name}}\n");
    watch.until("the broken template", |r| {
        codes(r).iter().any(|c| c == "templates/ask.md T501")
    });
    nb.write("templates/ask.md", "Hi {{first_name}}\n");
    let (fixed, _) = watch.until("the fixed template", |r| n(r, "errors") == 0);
    assert!(codes(&fixed).is_empty(), "{fixed}");
    assert_eq!(watch.interrupt(), 0);
}
