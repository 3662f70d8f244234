//! A cached run must be an uncached run: after random edits of real files (same-size edits
//! in the same tick, renames, deletions, touches, times set back), and whatever the index
//! file holds (flipped bytes, cut short, another build's, another notebook's).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::NaiveDate;

use super::{Policy, Stamp, Store};
use crate::index::Index;
use crate::notebook;
use crate::rng::Rng;

fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 21)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap()
}

/// Everything a command can see of a loaded notebook: each document as parsed, and the
/// diagnostics of the check, in words.
fn seen(index: &Index) -> String {
    let mut out = String::new();
    for doc in &index.docs {
        let _ = writeln!(
            out,
            "{} {:?} {} {:?} {:?} {:?} {:?} text {:?}",
            doc.path,
            doc.kind,
            doc.id,
            doc.bom,
            doc.record,
            doc.body,
            doc.findings,
            doc.text(),
        );
    }
    for d in crate::check::diagnostics(index) {
        let _ = writeln!(out, "{d:?}");
    }
    out
}

fn load(root: &Path, policy: Policy) -> Index {
    notebook::load_with(root, now(), policy).expect("loads")
}

/// Fails if a cached load of `root` differs from an uncached one.
fn same(root: &Path, policy: Policy, what: &str) {
    let cached = seen(&load(root, policy));
    let fresh = seen(&load(root, Policy::Off));
    assert!(
        cached == fresh,
        "{what}: the cached run differs\n--- cached\n{cached}\n--- fresh\n{fresh}"
    );
}

const TEXTS: &[&str] = &[
    "---\nname: Ada Lovelace\ncompany: acme\nreached_out: 2026-11-01\n---\nMet at [[rust-meetup]].\n- [ ] send the paper (due 2026-11-25)\n",
    "---\nname: Bob Stone\nrole: manager\nintroduced_by: ada\n---\n## Questions\n- what next?\n",
    "---\nname: Acme\nstatus: target\n---\n",
    "---\nwith: [ada, bob]\ndate: 2026-11-12\nreferrals: [cy]\n---\nSee [Ada](../contacts/ada.md) and [[acme]].\n",
    "---\nname: Rust Meetup\ndate: 2026-11-10\nmet: [ada]\n---\n",
    "---\nname: Cy\nrole: develper\nreached_out: 2026-02-30\ncompnay: x\n---\n",
    "---\nname: [broken\n---\n",
    "# A note\n[[nobody]] and [x](missing.md)\n",
    "\u{feff}---\r\nname: Dee\r\n---\r\n",
    "no front matter at all\n",
    "---\nname: Eve\n<<<<<<< HEAD\n---\n",
    "---\nwith: [ada]\ndate: 2026-11-21T10:00\nthanked: 2026-11-21\n---\n",
];

const PATHS: &[&str] = &[
    "contacts/ada.md",
    "contacts/bob.md",
    "contacts/cy.md",
    "contacts/Dee Dee.md",
    "companies/acme.md",
    "chats/2026/2026-11-12-ada.md",
    "events/rust-meetup.md",
    "notes/plan.md",
];

/// A text of exactly `len` bytes unlike `old`: the same size, another content.
fn same_size(rng: &mut Rng, old: &[u8]) -> Vec<u8> {
    let mut new = old.to_vec();
    if new.is_empty() {
        return new;
    }
    let at = rng.below(new.len());
    new[at] = if new[at] == b'x' { b'y' } else { b'x' };
    new
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn set_modified(path: &Path, to: SystemTime) {
    if let Ok(file) = std::fs::File::options().write(true).open(path) {
        let _ = file.set_modified(to);
    }
}

pub(crate) fn notebook() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_owned();
    std::fs::write(root.join("ties.yaml"), "rules:\n  follow_up_after: 7d\n").unwrap();
    (dir, root)
}

/// Writes each of `files` (its path from the root, its text) into the notebook at `root`.
pub(crate) fn put_files(root: &Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// `ties.yaml` replaced by one of `texts`; what was done, for a failing test's log.
pub(crate) fn change_settings(rng: &mut Rng, root: &Path, texts: &[&str]) -> String {
    let text = rng.pick(texts);
    std::fs::write(root.join("ties.yaml"), text).unwrap();
    format!("ties.yaml {text:?}")
}

/// `dismissed.txt` written with one of `texts`, or removed for a `None`.
pub(crate) fn change_dismissed(rng: &mut Rng, root: &Path, texts: &[Option<&str>]) -> String {
    let path = root.join(crate::dismissed::FILE);
    match rng.pick(texts) {
        Some(text) => std::fs::write(&path, text).unwrap(),
        None => drop(std::fs::remove_file(&path)),
    }
    "dismissed.txt".to_owned()
}

/// One random change to the files of the notebook at `root`.
pub(crate) fn edit(rng: &mut Rng, root: &Path) -> String {
    let path = root.join(rng.pick(PATHS));
    let other = root.join(rng.pick(PATHS));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::create_dir_all(other.parent().unwrap()).unwrap();
    let exists = path.is_file();
    match rng.below(8) {
        // A same-size edit in the same tick: its modification time set back to the old one,
        // as a clock too coarse (or moved back) would leave it.
        2 | 3 if exists => {
            let before = modified(&path);
            let old = std::fs::read(&path).unwrap();
            std::fs::write(&path, same_size(rng, &old)).unwrap();
            if let Some(before) = before.filter(|_| rng.chance(70)) {
                set_modified(&path, before);
            }
            format!("same-size edit {}", path.display())
        }
        4 if exists => {
            std::fs::rename(&path, &other).unwrap();
            format!("rename {} to {}", path.display(), other.display())
        }
        5 if exists => {
            std::fs::remove_file(&path).unwrap();
            format!("delete {}", path.display())
        }
        // Touched, unchanged.
        6 if exists => {
            set_modified(&path, SystemTime::now());
            format!("touch {}", path.display())
        }
        // The clock moved back: a time an hour ago.
        7 if exists => {
            let text = std::fs::read(&path).unwrap();
            std::fs::write(&path, same_size(rng, &text)).unwrap();
            set_modified(&path, SystemTime::now() - Duration::from_secs(3600));
            format!("edit with the clock an hour back {}", path.display())
        }
        _ => {
            std::fs::write(&path, rng.pick(TEXTS)).unwrap();
            format!("write {}", path.display())
        }
    }
}

/// The property: any sequence of edits, with runs in between under clocks that are right
/// or moved back, and with the racy window as short as a test can afford (a few jiffies),
/// and every cached run equals an uncached one.
#[test]
fn random_edits_never_make_a_cached_run_differ() {
    for seed in 0..6 {
        let mut rng = Rng::new(0x00C0_FFEE + seed);
        let (_dir, root) = notebook();
        let mut log = Vec::new();
        for step in 0..24 {
            for _ in 0..=rng.below(3) {
                log.push(edit(&mut rng, &root));
            }
            // Now and then, wait out the racy window: the next run trusts what settled.
            if rng.chance(30) {
                std::thread::sleep(Duration::from_millis(60));
            }
            let back = if rng.chance(20) {
                Duration::from_secs(3600)
            } else {
                Duration::ZERO
            };
            let policy = Policy::Testing {
                back,
                racy: Duration::from_millis(40),
            };
            same(&root, policy, &format!("seed {seed} step {step}: {log:?}"));
        }
    }
}

/// What the racy-clean rule protects against: an entry whose file now has the same stamp
/// but another text. Trusted, it would be taken; written within the racy window, it is not.
/// (Where file times have no nanoseconds, no entry is ever trusted on its stamp.)
#[cfg(unix)]
#[test]
fn an_entry_written_in_the_files_last_tick_is_checked_by_its_text() {
    let (_dir, root) = notebook();
    let path = root.join("contacts/ada.md");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "---\nname: Ada\n---\n").unwrap();
    // An index made from the old text, with the stamp the file has after the edit below
    // (as if both writes fell in one tick), written by a run that read it just now.
    let old = load(&root, Policy::Off);
    std::fs::write(&path, "---\nname: Bob\n---\n").unwrap();
    let stamp = Stamp::of(&std::fs::metadata(&path).unwrap());
    let conventions = &old.settings.conventions;
    // Kept by a run that read it within the racy window (not settled), or after it.
    let index = |policy: Policy| {
        let store = Store::open(&root, conventions, policy);
        let doc = &old.docs[0];
        let entry = store.keep(doc, stamp, doc.fingerprint().unwrap());
        assert!(matches!(entry, super::Entry::Written));
        let key = store.key.expect("a key");
        store.write(&key, &[]).expect("written");
    };
    index(Policy::Testing {
        back: Duration::ZERO,
        racy: Duration::from_secs(3600),
    });
    let name = |ix: &Index| format!("{:?}", ix.docs[0].name());
    assert_eq!(name(&load(&root, Policy::Use)), "Some(\"Bob\")");
    // The same entry marked as settled is taken on its stamp: which is why only entries of
    // files that had settled before they were read are ever marked so.
    index(Policy::Testing {
        back: Duration::ZERO,
        racy: Duration::ZERO,
    });
    assert_eq!(name(&load(&root, Policy::Use)), "Some(\"Ada\")");
}

fn index_file(root: &Path) -> PathBuf {
    root.join(super::DIR).join(super::FILE)
}

/// A notebook of every text, with its index written and trusted.
fn cached_notebook() -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = notebook();
    for (i, path) in PATHS.iter().enumerate() {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, TEXTS[i % TEXTS.len()]).unwrap();
    }
    let settled = Policy::Testing {
        back: Duration::ZERO,
        racy: Duration::ZERO,
    };
    std::thread::sleep(Duration::from_millis(20));
    load(&root, settled);
    (dir, root)
}

/// Whatever the index file holds, a run reads the notebook right, and never panics.
#[test]
fn a_corrupt_truncated_or_foreign_index_is_never_trusted() {
    let (_dir, root) = cached_notebook();
    let good = std::fs::read(index_file(&root)).unwrap();
    assert!(good.len() > 200, "an index was written");
    let mut rng = Rng::new(28);
    for case in 0..200 {
        let mut bytes = good.clone();
        let what = match rng.below(5) {
            0 => {
                let at = rng.below(bytes.len());
                bytes[at] ^= 1 << rng.below(8);
                format!("bit flipped at {at}")
            }
            1 => {
                let len = rng.below(bytes.len());
                bytes.truncate(len);
                format!("cut at {len}")
            }
            2 => {
                let at = rng.below(bytes.len());
                let n = 1 + rng.below(16);
                bytes.splice(at..at, (0..n).map(|_| rng.next() as u8));
                format!("{n} bytes inserted at {at}")
            }
            3 => {
                let at = rng.below(bytes.len());
                let n = (1 + rng.below(64)).min(bytes.len() - at);
                bytes.drain(at..at + n);
                format!("{n} bytes removed at {at}")
            }
            _ => {
                let at = rng.below(bytes.len());
                for b in &mut bytes[at..] {
                    *b = rng.next() as u8;
                }
                format!("garbage from {at}")
            }
        };
        std::fs::write(index_file(&root), &bytes).unwrap();
        same(&root, Policy::Use, &format!("case {case}: {what}"));
    }
}

#[test]
fn an_index_of_another_notebook_build_or_conventions_is_ignored() {
    let (_dir, root) = cached_notebook();
    let good = std::fs::read(index_file(&root)).unwrap();
    // Another build: the header's build identity differs.
    let mut other = good.clone();
    other[12] ^= 0xff;
    std::fs::write(index_file(&root), &other).unwrap();
    let store = Store::open(&root, &crate::model::Conventions::default(), Policy::Use);
    assert!(store.entries.is_empty(), "another build's index is read");
    // Another notebook: the index copied into a folder with the same files.
    let (_copy, elsewhere) = notebook();
    for path in PATHS {
        let (from, to) = (root.join(path), elsewhere.join(path));
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, to).unwrap();
    }
    std::fs::create_dir_all(index_file(&elsewhere).parent().unwrap()).unwrap();
    std::fs::write(index_file(&elsewhere), &good).unwrap();
    let store = Store::open(
        &elsewhere,
        &crate::model::Conventions::default(),
        Policy::Use,
    );
    assert!(store.entries.is_empty(), "another notebook's index is read");
    // Other conventions (`folders:` moves contacts): every file is parsed again.
    std::fs::write(index_file(&root), &good).unwrap();
    std::fs::write(
        root.join("ties.yaml"),
        "folders:\n  contacts: notes\n  companies: contacts\n",
    )
    .unwrap();
    same(&root, Policy::Use, "new folders");
}

#[test]
fn a_warm_run_reads_no_unchanged_file_and_writes_nothing() {
    let (_dir, root) = cached_notebook();
    let written = std::fs::metadata(index_file(&root))
        .unwrap()
        .modified()
        .unwrap();
    let survey = notebook::survey(&root, Policy::Use).unwrap();
    assert_eq!(survey.files_read(), 0, "a warm run reads no file");
    assert!(survey.unchanged().is_some(), "and finds none changed");
    let (warm, saving) = survey.load(now());
    let state = saving.state();
    assert_eq!(warm.docs.len(), PATHS.len());
    assert!(state.is_some(), "the index describes every file");
    let settled = Policy::Testing {
        back: Duration::ZERO,
        racy: Duration::ZERO,
    };
    load(&root, settled);
    let again = std::fs::metadata(index_file(&root))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(written, again, "nothing changed, nothing written");
    same(&root, Policy::Use, "warm");
}

#[test]
fn the_cache_keeps_itself_out_of_git_and_clears() {
    let (_dir, root) = cached_notebook();
    let dir = root.join(super::DIR);
    assert_eq!(
        std::fs::read_to_string(dir.join(".gitignore"))
            .unwrap()
            .lines()
            .last(),
        Some("*")
    );
    assert!(dir.join("CACHEDIR.TAG").is_file());
    assert!(super::clear(&root).unwrap().is_some_and(|size| size > 0));
    assert!(!dir.exists());
    assert_eq!(super::clear(&root).unwrap(), None);
    // --no-cache neither reads nor writes it.
    load(&root, Policy::Off);
    assert!(!dir.exists());
}

/// A file that gains or loses a byte-order mark keeps its text's fingerprint (the mark is no
/// part of the text), but not its document: an editor counts the mark as a column.
#[test]
fn a_byte_order_mark_added_or_removed_is_seen() {
    let (_dir, root) = notebook();
    let path = root.join("contacts/ada.md");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let text = "---\nname: Ada\nrole: develper\n---\n";
    std::fs::write(&path, text).unwrap();
    let settled = Policy::Testing {
        back: Duration::ZERO,
        racy: Duration::ZERO,
    };
    std::thread::sleep(Duration::from_millis(20));
    load(&root, settled);
    std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
    assert!(load(&root, settled).docs[0].bom);
    same(&root, settled, "a mark added");
    std::fs::write(&path, text).unwrap();
    assert!(!load(&root, settled).docs[0].bom);
    same(&root, settled, "a mark removed");
}

/// An index of many pieces, written at their places by the walking threads while others
/// append to it ([`super::PIECE`]), reads back whole: a warm run reads no file, neither in
/// its stat pass nor to decode a document (a document whose bytes are not the ones written
/// fails its checksum and is read and parsed instead). One file changed, the next index
/// copies the other documents from this one, and they read back whole too.
#[test]
fn an_index_written_in_many_pieces_reads_back_whole() {
    let (_dir, root) = notebook();
    let links = (0..40).fold(String::new(), |mut links, n| {
        let _ = writeln!(links, "- [[someone-{n}]]");
        links
    });
    let files: Vec<(String, String)> = (0..800)
        .map(|n| {
            let path = format!("{}/file-{n}.md", ["contacts", "notes", "chats/2026"][n % 3]);
            (
                path,
                format!("{}\n## Links\n{links}", TEXTS[n % TEXTS.len()]),
            )
        })
        .collect();
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, t)| (&**p, &**t)).collect();
    put_files(&root, &borrowed);
    let settled = Policy::Testing {
        back: Duration::ZERO,
        racy: Duration::ZERO,
    };
    // How many files a run of the notebook as it is reads, and what it makes of them.
    let warm = || {
        let survey = notebook::survey(&root, settled).unwrap();
        let (index, saving) = survey.load(now());
        (saving.files_read, seen(&index))
    };
    same(&root, settled, "written in pieces");
    let size = std::fs::metadata(index_file(&root)).unwrap().len();
    assert!(
        size > 3 * super::PIECE as u64,
        "the index is {size} bytes: fewer pieces than this test is about"
    );
    let fresh = seen(&load(&root, Policy::Off));
    assert_eq!(
        warm(),
        (0, fresh),
        "every document read back from the pieces"
    );
    std::fs::write(root.join("notes/file-1.md"), "changed\n").unwrap();
    let (read, _) = warm();
    assert_eq!(read, 1, "the changed file, and no other");
    let fresh = seen(&load(&root, Policy::Off));
    assert_eq!(warm(), (0, fresh), "the copied documents read back");
}

/// A file whose parse is not kept (not UTF-8) has no entry, and changes nothing: a warm run
/// of a notebook holding one writes no index.
#[test]
fn a_file_not_kept_does_not_make_the_index_written_again() {
    let (_dir, root) = notebook();
    put_files(&root, &[("contacts/ada.md", TEXTS[0])]);
    std::fs::write(root.join("contacts/binary.md"), b"\xff\xfe\x00a").unwrap();
    let settled = Policy::Testing {
        back: Duration::ZERO,
        racy: Duration::ZERO,
    };
    same(&root, settled, "with a file not kept");
    let written = || modified(&index_file(&root));
    let before = written();
    same(&root, settled, "again");
    assert_eq!(written(), before, "nothing changed, nothing written");
}

/// The index is ended on a thread of its own ([`super::Saving`]); a load returns only once
/// it is in place, so no run leaves its temporary file behind, and the next run reads it.
#[test]
fn a_load_leaves_the_index_in_place_and_no_temporary_file() {
    let (_dir, root) = cached_notebook();
    std::fs::write(root.join("contacts/ada.md"), TEXTS[1]).unwrap();
    load(&root, Policy::Use);
    let mut names: Vec<String> = std::fs::read_dir(root.join(super::DIR))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [".gitignore", "CACHEDIR.TAG", "index"]);
}

/// A moment keeps its order across the epoch and carries stray nanoseconds into seconds.
#[test]
fn file_times_order_as_the_moments_they_are() {
    use super::Time;
    let t = |secs, nanos| Time::new(secs, nanos);
    assert_eq!(
        t(-1, 500_000_000),
        Time {
            secs: -1,
            nanos: 500_000_000
        }
    );
    assert_eq!(
        t(0, -1),
        Time {
            secs: -1,
            nanos: 999_999_999
        }
    );
    assert_eq!(t(3, 2_000_000_001), Time { secs: 5, nanos: 1 });
    let ordered = [
        t(i64::MIN, 0),
        t(-2, 999_999_999),
        t(-1, 0),
        t(0, 0),
        t(0, 1),
        t(1, 0),
    ];
    assert!(ordered.windows(2).all(|w| w[0] < w[1]));
}

/// A stamp is trusted on its own only with sub-second times and a change time, and only once
/// both times are at least the racy window before the reading run started.
#[test]
fn a_stamp_is_settled_only_with_fine_times_well_before_the_run() {
    use super::Time;
    let stamp = |modified: Time, changed: Time| Stamp {
        modified,
        changed,
        ..Stamp::default()
    };
    let t = |secs, nanos| Time { secs, nanos };
    let started = SystemTime::UNIX_EPOCH + Duration::new(1_000, 500);
    let racy = Duration::from_secs(2);
    // The bound is 998 s and 500 ns after the epoch: strictly before it is settled.
    assert!(stamp(t(998, 499), t(998, 1)).settled_before(started, racy));
    assert!(!stamp(t(998, 500), t(998, 1)).settled_before(started, racy));
    assert!(!stamp(t(998, 1), t(999, 0)).settled_before(started, racy));
    // Whole seconds (FAT, some network mounts) or no change time: never on the stamp alone.
    assert!(!stamp(t(900, 0), t(900, 0)).settled_before(started, racy));
    assert!(!stamp(t(900, 5), Time::default()).settled_before(started, racy));
    // Before the epoch is a time like any other.
    assert!(stamp(t(-5, 7), t(-5, 7)).settled_before(started, racy));
    // A run that started within the racy window of the epoch trusts nothing.
    let early = SystemTime::UNIX_EPOCH + Duration::from_secs(1);
    assert!(!stamp(t(-5, 7), t(-5, 7)).settled_before(early, racy));
}

/// What a walk read becomes a document in the list it was read into, with no second list
/// beside it (at 8,300 files, 2.3 MB more at the peak when it did not): that takes the
/// same alignment.
#[test]
fn a_read_document_has_the_alignment_of_a_document() {
    assert_eq!(
        std::mem::align_of::<super::Loaded>(),
        std::mem::align_of::<crate::document::Document>()
    );
}
