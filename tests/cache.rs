//! The persistent index (`.ties-cache/`) through the real binary: written by a reading
//! command, ignoring itself, left alone by `--no-cache`, removed by `ties cache clear`, and
//! never changing a byte of what a command prints, whatever state it is found in.

use std::fmt::Write as _;
use std::path::Path;

use crate::support::{CACHE_DIR, Notebook, Output, fixture};

fn notebook() -> Notebook {
    Notebook::new()
        .file(
            "contacts/ada.md",
            "---\nname: Ada\ncompany: acme\nreached_out: 2026-11-01\n---\nMet at [[rust-meetup]].\n- [ ] send the paper (due 2026-11-25)\n",
        )
        .file("contacts/bob.md", "---\nname: Bob\nrole: develper\n---\n")
        .file("companies/acme.md", "---\nname: Acme\nstatus: target\n---\n")
        .file("notes/plan.md", "# Plan\n[[nobody]]\n")
}

/// What every reading command prints, one after another.
fn outputs(nb: &Notebook, extra: &[&str]) -> String {
    let commands: [&[&str]; 6] = [
        &["check"],
        &["check", "--format", "json"],
        &["agenda"],
        &["report"],
        &["list", "contacts"],
        &["show", "ada"],
    ];
    let mut all = String::new();
    for args in commands {
        let out = nb.run(extra.iter().chain(args));
        out.assert_no_crash();
        let _ = write!(
            all,
            "$ ties {}\nexit {}\n{}{}",
            args.join(" "),
            out.code,
            out.stdout,
            out.stderr
        );
    }
    all
}

fn index(root: &Path) -> std::path::PathBuf {
    root.join(CACHE_DIR).join("index")
}

#[test]
fn a_reading_command_writes_a_self_ignoring_cache_and_prints_the_same_warm() {
    let nb = notebook();
    let fresh = outputs(&nb, &["--no-cache"]);
    assert!(!nb.path().join(CACHE_DIR).exists(), "--no-cache wrote it");
    let cold = outputs(&nb, &[]);
    assert!(index(nb.path()).is_file(), "no index written");
    assert_eq!(
        std::fs::read_to_string(nb.path().join(CACHE_DIR).join(".gitignore"))
            .unwrap()
            .lines()
            .last(),
        Some("*"),
        "the cache folder ignores itself"
    );
    let warm = outputs(&nb, &[]);
    assert_eq!(cold, fresh);
    assert_eq!(warm, fresh);
    // An edit is seen at once, a touch changes nothing.
    nb.write("contacts/bob.md", "---\nname: Bob\nrole: developer\n---\n");
    let edited = outputs(&nb, &[]);
    assert_eq!(edited, outputs(&nb, &["--no-cache"]));
    assert_ne!(edited, fresh);
}

#[test]
fn a_broken_index_is_rebuilt_and_never_a_failure() {
    let nb = notebook();
    let fresh = outputs(&nb, &["--no-cache"]);
    outputs(&nb, &[]);
    let good = std::fs::read(index(nb.path())).unwrap();
    for broken in [
        Vec::new(),
        good[..good.len() / 2].to_vec(),
        b"not an index at all".to_vec(),
        good.iter().map(|b| b ^ 0x5a).collect(),
    ] {
        std::fs::write(index(nb.path()), &broken).unwrap();
        assert_eq!(outputs(&nb, &[]), fresh);
    }
    // Rebuilt whole: as large as the good one, give or take the few bytes of the documents'
    // places (they are written in the order the walk's threads parsed them).
    let rebuilt = std::fs::read(index(nb.path())).unwrap().len();
    assert!(
        rebuilt.abs_diff(good.len()) <= 16,
        "rebuilt: {rebuilt} bytes, good: {}",
        good.len()
    );
    // A cache folder that cannot be written (a file in its place) costs nothing either.
    std::fs::remove_dir_all(nb.path().join(CACHE_DIR)).unwrap();
    std::fs::write(nb.path().join(CACHE_DIR), "in the way").unwrap();
    assert_eq!(outputs(&nb, &[]), fresh);
}

#[test]
fn cache_clear_removes_it_and_says_what_it_did() {
    let nb = notebook();
    let out = nb.run(["cache", "clear"]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "no cache to remove (.ties-cache is not there)\n")
    );
    nb.run(["check"]);
    let out: Output = nb.run(["cache", "clear"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_stdout_starts("removed .ties-cache (");
    out.assert_stdout_ends(" KB); the next run reads every file\n");
    assert!(!nb.path().join(CACHE_DIR).exists());
    // TIES_NO_CACHE says the same as --no-cache.
    let mut cmd = crate::support::ties();
    cmd.arg("--notebook")
        .arg(nb.path())
        .arg("check")
        .env("TIES_NO_CACHE", "1");
    assert!(cmd.output().unwrap().status.code() == Some(1));
    assert!(!nb.path().join(CACHE_DIR).exists());
}

#[test]
fn the_example_and_a_fixture_read_warm_as_cold() {
    for root in [
        Path::new(env!("CARGO_MANIFEST_DIR")).join("example-notebook"),
        fixture("report-basic"),
    ] {
        let copy = Notebook::bare();
        copy_tree(&root, copy.path());
        let fresh = outputs(&copy, &["--no-cache"]);
        assert_eq!(outputs(&copy, &[]), fresh, "{}", root.display());
        assert_eq!(outputs(&copy, &[]), fresh, "{}", root.display());
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap();
        if name == CACHE_DIR {
            continue;
        }
        if path.is_dir() {
            std::fs::create_dir_all(to.join(name)).unwrap();
            copy_tree(&path, &to.join(name));
        } else {
            std::fs::copy(&path, to.join(name)).unwrap();
        }
    }
}

/// A real import leaves the index describing what it wrote, so that the next run (a newer
/// export imported again, the pre-commit check) takes the new files from the index instead
/// of parsing every one of them; a dry run and `--no-cache` leave it as it was.
#[test]
fn an_import_leaves_the_index_describing_the_files_it_wrote() {
    let csv = std::fs::read_to_string(fixture("import-linkedin/Connections.csv")).unwrap();
    let listed = |nb: &Notebook| std::fs::read(index(nb.path())).unwrap_or_default();
    let created = |out: &Output| -> Vec<String> {
        (out.stdout.lines())
            .filter_map(|l| l.strip_prefix("created "))
            .filter(|p| Path::new(p).extension().is_some_and(|e| e == "md"))
            .map(str::to_owned)
            .collect()
    };
    for extra in [&["--dry-run"][..], &["--no-cache"], &[]] {
        let nb = Notebook::new().file("Connections.csv", &csv);
        nb.run(["check"]).assert_no_crash();
        let before = listed(&nb);
        let args = ["import", "linkedin", "Connections.csv"];
        let out = nb.run_here(args.iter().chain(extra));
        out.assert_no_crash();
        if extra.is_empty() {
            let paths = created(&out);
            assert!(paths.len() > 3, "{}", out.stdout);
            let index = listed(&nb);
            for path in &paths {
                assert!(
                    index.windows(path.len()).any(|w| w == path.as_bytes()),
                    "{path} is not in the index after the import"
                );
            }
        } else {
            assert_eq!(listed(&nb), before, "{extra:?} changed the index");
        }
    }
}

/// A warm agenda prints the agenda kept by an earlier run while the clock is where that
/// agenda reads the same (an hour later, before the chat it prepares for), and makes a new
/// one where it does not (the chat over, the next day): every run equal to one without the
/// cache. Whether the kept one was used shows in the answers file: a run that keeps an
/// answer replaces it (a new inode), one that prints it leaves it.
#[cfg(unix)]
#[test]
fn a_warm_agenda_holds_until_the_clock_turns_an_item() {
    use std::os::unix::fs::MetadataExt;
    let nb = Notebook::new()
        .file("contacts/ada.md", "---\nname: Ada\n---\n")
        .file(
            "chats/2026-11-21-ada.md",
            "---\nwith: [ada]\ndate: 2026-11-21T10:00\n---\n",
        );
    // Past the racy window (2 s), so that the index the first run writes is trusted at
    // once: an entry of a file changed just before its run is checked by its text, and a
    // notebook with such a file is not in a state an answer was kept for.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let answers = nb.path().join(CACHE_DIR).join("answers");
    let inode = || std::fs::metadata(&answers).map(|m| m.ino()).ok();
    let mut last = None;
    let mut first = String::new();
    for (now, kept_anew) in [
        ("2026-11-21T09:00", true),
        ("2026-11-21T09:59", false),
        ("2026-11-21T11:00", true),
        ("2026-11-21T11:30", false),
        ("2026-11-22T09:00", true),
    ] {
        let warm = nb.run(["--now", now, "agenda"]);
        let fresh = nb.run(["--now", now, "--no-cache", "agenda"]);
        warm.assert_no_crash();
        assert_eq!(warm.stdout, fresh.stdout, "at {now}");
        assert_eq!(inode() != last, kept_anew, "at {now}: a new answer kept?");
        last = inode();
        if first.is_empty() {
            first = warm.stdout;
        } else if now == "2026-11-21T11:00" {
            assert_ne!(warm.stdout, first, "the chat over, the agenda changed");
        }
    }
}
