//! The write path (issue 20) through the binary: every refusal leaves the file as it was and
//! says why in words; mode survives any umask; a held lock names its holder; anchors, added
//! diagnostics, read-only files, names that are one file on macOS or Windows, device names
//! and temporary leftovers. The races themselves are in `benches/race.sh`, and each refusal
//! of a race is made deterministic in `src/fs/replace/tests.rs`.

use std::path::Path;

use crate::support::{Notebook, TODAY, run_in};

const ANA: &str = "---\nname: Ana Lima\nreached_out: 2026-11-10\n---\n# Notes\n";

fn notebook() -> Notebook {
    Notebook::new().file("contacts/ana-lima.md", ANA)
}

#[track_caller]
fn refused(nb: &Notebook, args: &[&str], says: &str) {
    let before = nb.all_bytes();
    let out = nb.run(args);
    assert_eq!(out.code, 2, "{args:?}: {}{}", out.stdout, out.stderr);
    out.assert_stderr_has(says);
    assert!(!out.stderr.contains(" { "), "Debug output: {}", out.stderr);
    assert_eq!(nb.all_bytes(), before, "{args:?} wrote");
}

#[test]
fn a_recording_that_would_add_a_diagnostic_is_refused_with_it() {
    let nb = notebook()
        .file(
            "chats/2026-11-25-ana-lima.md",
            "---\nwith: ana-lima\ndate: 2026-11-25\n---\n",
        )
        .file(
            "events/meetup.md",
            "---\nname: Meetup\ndate: 2026-12-01\n---\n",
        );
    // T301: a follow-up dated before the outreach.
    refused(
        &nb,
        &["log", "follow-up", "ana-lima", "--date", "2026-11-01"],
        "the edit would add a warning T301",
    );
    // A thank-you for a chat that has not happened (T302 if written): refused before any
    // edit is planned, in the words of `log thank-you` (issue 22).
    refused(
        &nb,
        &[
            "log",
            "thank-you",
            "2026-11-25-ana-lima",
            "--date",
            "2026-11-21",
        ],
        "a thank-you follows the chat",
    );
    // T303: met at an event that is still to come.
    refused(&nb, &["log", "met", "meetup", "ana-lima"], "T303");
    // The same recordings, in order, go through.
    let out = nb.run(["log", "follow-up", "ana-lima", "--date", "2026-11-15"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    nb.assert_clean();
}

#[test]
fn an_anchored_or_aliased_value_is_refused_with_a_hint() {
    let nb = Notebook::new().file(
        "contacts/bo.md",
        "---\nname: Bo\nstatus: &st paused\nreached_out: 2026-11-01\nfollowed_up: &f [2026-11-05]\nx_copy: *f\nx_before: *st\n---\n",
    );
    refused(&nb, &["close", "bo"], "write the value out");
    refused(&nb, &["log", "follow-up", "bo"], "anchor");
}

#[test]
fn a_read_only_file_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let nb = notebook();
    let path = nb.path().join("contacts/ana-lima.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    refused(&nb, &["log", "reply", "ana-lima"], "is read-only");
}

/// Runs `ties` under `umask`, as a shell would.
fn under_umask(nb: &Notebook, umask: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_ties"))
        .arg("--notebook")
        .arg(nb.path())
        .args(["--today", TODAY])
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn the_mode_is_kept_exactly_under_any_umask() {
    use std::os::unix::fs::PermissionsExt;
    for umask in ["022", "077"] {
        for file_mode in [0o664, 0o666, 0o600, 0o640] {
            let nb = notebook();
            let path = nb.path().join("contacts/ana-lima.md");
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(file_mode)).unwrap();
            let out = under_umask(&nb, umask, &["log", "reply", "ana-lima"]);
            assert!(out.status.success(), "{out:?}");
            assert_eq!(mode(&path), file_mode, "umask {umask}, mode {file_mode:o}");
            assert!(
                nb.read("contacts/ana-lima.md")
                    .contains("replied: 2026-11-21")
            );
        }
    }
    // A new file gets what an editor would give it: 0666 less the umask.
    let nb = Notebook::new();
    let out = under_umask(&nb, "077", &["new", "contact", "Cy Young"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(mode(&nb.path().join("contacts/cy-young.md")), 0o600);
}

#[test]
fn a_hard_link_keeps_seeing_the_edit() {
    let nb = notebook();
    let path = nb.path().join("contacts/ana-lima.md");
    let other = nb.temp_path().join("elsewhere.md");
    std::fs::hard_link(&path, &other).unwrap();
    let out = nb.run(["log", "reply", "ana-lima"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        std::fs::read(&other).unwrap(),
        std::fs::read(&path).unwrap()
    );
    assert!(
        nb.read("contacts/ana-lima.md")
            .contains("replied: 2026-11-21")
    );
}

#[test]
fn a_writer_waits_for_the_lock_then_names_its_holder() {
    use std::io::Write;
    let nb = notebook();
    let lock_path = nb.path().join(".ties.lock");
    let mut lock = std::fs::File::create(&lock_path).unwrap();
    lock.lock().unwrap();
    lock.write_all(b"pid 4242: ties import csv people.csv\n")
        .unwrap();
    let before = nb.read("contacts/ana-lima.md");
    for args in [
        &["log", "reply", "ana-lima"][..],
        &["new", "contact", "Cy Young"],
        &["close", "ana-lima"],
    ] {
        let out = run_in(
            nb.path(),
            args,
            &[("TIES_LOCK_WAIT", std::ffi::OsStr::new("0"))],
        );
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        out.assert_stderr_has("the notebook is locked by pid 4242: ties import csv people.csv");
        out.assert_stderr_has("changed nothing");
    }
    assert_eq!(nb.read("contacts/ana-lima.md"), before);
    assert!(!nb.path().join("contacts/cy-young.md").exists());
    // Released: the next writer goes through, and leaves no lock file behind.
    drop(lock);
    std::fs::remove_file(&lock_path).unwrap();
    let out = nb.run(["log", "reply", "ana-lima"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!lock_path.exists());
}

#[test]
fn decomposed_names_make_composed_files_and_twins_are_refused() {
    let nfd = "Jose\u{301} Nu\u{301}n\u{303}ez";
    let nb = Notebook::new();
    let out = nb.run(["new", "contact", nfd]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(nb.path().join("contacts/jose-nunez.md").is_file());
    let vault = Notebook::new()
        .file("ties.yaml", "ids: title\n")
        .file("contacts/Ana Li.md", "---\nname: Ana Li\n---\n");
    let out = vault.run(["new", "contact", nfd]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(vault.path().join("contacts/José Núñez.md").is_file());
    // The composed name again, or the same name in other case: one file on macOS.
    refused(&vault, &["new", "contact", "José Núñez"], "is taken");
    refused(
        &vault,
        &["new", "contact", "ana li"],
        "macOS and Windows take names that differ only in case",
    );
}

#[test]
fn device_names_are_never_written() {
    let nb = Notebook::new();
    let out = nb.run(["new", "contact", "Con"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(nb.path().join("contacts/con-2.md").is_file());
    refused(
        &nb,
        &["new", "contact", "Aux Smith", "--id", "aux"],
        "is a device name on Windows",
    );
    let vault = Notebook::new().file("ties.yaml", "ids: title\n");
    let out = vault.run(["new", "company", "nul"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(vault.path().join("companies/nul 2.md").is_file());
}

#[test]
fn check_warns_of_names_that_are_one_file_on_macos_and_windows() {
    let nb = Notebook::new()
        .file("contacts/Ana Li.md", "---\nname: Ana Li\n---\n")
        .file("contacts/ana li.md", "---\nname: Ana Li\n---\n")
        .file("notes/Jose\u{301}.md", "x\n")
        .file("notes/José.md", "y\n");
    let found: Vec<String> = nb
        .json_diagnostics()
        .iter()
        .filter(|d| d["code"] == "T205")
        .map(|d| format!("{} {}", d["path"], d["message"]))
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("differ only in case"), "{found:?}");
    assert!(found[1].contains("accents are encoded"), "{found:?}");
}

#[test]
fn stale_temporary_files_are_swept_and_never_read() {
    let nb = notebook().file("contacts/.ties-killed.tmp", "---\nname: [half");
    let stale = nb.path().join("contacts/.ties-killed.tmp");
    nb.assert_clean();
    // A minute old by both its times: a killed writer's. (The change time cannot be set;
    // the sweep's own test moves its clock instead.) Fresh, it stays.
    let out = nb.run(["log", "reply", "ana-lima"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        stale.exists(),
        "a fresh temporary file may be a live writer's"
    );
    let names: Vec<String> = std::fs::read_dir(nb.path().join("contacts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn import_messages_are_escaped_and_in_words() {
    let nb = Notebook::new().file("ties.yaml", "ids: title\n").file(
        "people.csv",
        "Name,Email,Company,Reached out\nEve \u{202e}Evil,eve@example.com,Acme \u{202e}Co,2026-11-01\n\
         Bad \u{202e}Row,bad@example.com,,2026-13-45\n",
    );
    for args in [
        &["import", "csv", "people.csv", "--dry-run"][..],
        &["import", "csv", "people.csv"],
    ] {
        let out = nb.run(args);
        for stream in [&out.stdout, &out.stderr] {
            assert!(!stream.contains('\u{202e}'), "{args:?}: {stream}");
            assert!(!stream.contains(" { "), "Debug output: {stream}");
        }
        out.assert_stdout_has("contacts/Eve \\u{202e}Evil.md");
        out.assert_stderr_has("is not a date");
    }
}
