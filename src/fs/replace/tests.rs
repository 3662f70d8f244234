//! Each refusal of the write path, made to happen deterministically: the hooks act as another
//! writer at the exact step a race would hit (no sleeps, no timing).

use std::cell::Cell;
use std::path::Path;

use super::*;

const OLD: &[u8] = b"---\nname: Ada\n---\n";
const NEW: &[u8] = b"---\nname: Ada\nreplied: 2026-01-02\n---\n";
const THEIRS: &[u8] = b"---\nname: Ada Lovelace\n---\nTheir notes\n";

fn file(contents: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ada.md");
    std::fs::write(&path, contents).unwrap();
    (dir, path)
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Reads without waiting for the file to settle: the tests' files were all just written.
fn read_now(path: &Path) -> Snapshot {
    read(path, Duration::ZERO, &no_hook).unwrap()
}

/// An editor that saves by writing a new file and renaming it over (vim, most IDEs).
fn save_by_rename(path: &Path, bytes: &[u8]) {
    let temp = path.with_file_name("ada.md.swp~");
    std::fs::write(&temp, bytes).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

/// An editor that saves in place (nano, some autosaves): truncate, then write.
fn save_in_place(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap();
}

/// Another editor saves (by rename, then in place) when the replace reaches `at`: its save
/// is what the file holds afterwards, and the edit is refused.
fn a_save_at_is_kept(at: Point) {
    for save in [save_by_rename, save_in_place] {
        let (dir, path) = file(OLD);
        let snapshot = read_now(&path);
        let hook = |point| {
            if point == at {
                save(&path, THEIRS);
            }
        };
        let err = replace(&path, &snapshot, NEW, &hook).unwrap_err();
        assert!(matches!(err, Error::ChangedMeanwhile { .. }), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), THEIRS);
        assert_eq!(names(dir.path()), ["ada.md"]);
    }
}

#[test]
fn a_save_between_read_and_replace_is_kept_and_the_edit_refused() {
    a_save_at_is_kept(Point::Replace);
}

#[test]
fn a_save_between_the_last_check_and_the_exchange_is_swapped_back() {
    // The window the last check cannot see: the exchange itself finds the save.
    a_save_at_is_kept(Point::Exchange);
}

#[test]
fn a_file_written_while_it_is_read_is_read_again() {
    let (_dir, path) = file(OLD);
    // An editor's second chunk lands right after the read: the stamp tells, and the file is
    // read again, whole.
    let once = Cell::new(false);
    let hook = |point| {
        if point == Point::Read && !once.replace(true) {
            let mut f = OpenOptions::new().append(true).open(&path).unwrap();
            f.write_all(b"the rest of the save\n").unwrap();
        }
    };
    let snapshot = read(&path, Duration::ZERO, &hook).unwrap();
    assert_eq!(snapshot.bytes, [OLD, b"the rest of the save\n"].concat());
}

#[test]
fn a_file_that_keeps_changing_is_refused() {
    let (_dir, path) = file(OLD);
    let n = Cell::new(0);
    let hook = |point| {
        if point == Point::Read {
            n.set(n.get() + 1);
            save_in_place(&path, &[OLD, "x".repeat(n.get()).as_bytes()].concat());
        }
    };
    let err = read(&path, Duration::ZERO, &hook).unwrap_err();
    assert!(matches!(err, Error::KeepsChanging { .. }), "{err}");
    assert!(err.to_string().contains("kept changing"), "{err}");
}

#[test]
fn only_a_file_modified_within_the_settle_window_is_waited_for() {
    let now = SystemTime::now();
    let left = settle_left(Some(now), Duration::from_secs(10));
    assert!(left.is_some_and(|d| d > Duration::from_secs(9)), "{left:?}");
    let old = now - Duration::from_secs(7200);
    assert_eq!(settle_left(Some(old), Duration::from_secs(3600)), None);
    // An old file is read at once, however long the window.
    let (_dir, path) = file(OLD);
    File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let snapshot = read(&path, Duration::from_secs(3600), &no_hook).unwrap();
    assert_eq!(snapshot.bytes, OLD);
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    let (_dir, path) = file(b"");
    File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(MAX_EDIT_BYTES + 1)
        .unwrap();
    let err = read(&path, Duration::ZERO, &no_hook).unwrap_err();
    assert!(matches!(err, Error::TooLarge { .. }), "{err}");
}

#[cfg(unix)]
#[test]
fn mode_is_kept_exactly_and_a_read_only_file_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    for mode in [0o664, 0o666, 0o600, 0o640, 0o755] {
        let (_dir, path) = file(OLD);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        let snapshot = read_now(&path);
        replace(&path, &snapshot, NEW, &no_hook).unwrap();
        let now = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(now & 0o7777, mode, "{mode:o}");
        assert_eq!(std::fs::read(&path).unwrap(), NEW);
    }
    let (dir, path) = file(OLD);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let snapshot = read_now(&path);
    let err = replace(&path, &snapshot, NEW, &no_hook).unwrap_err();
    assert!(err.to_string().contains("is read-only"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), OLD);
    assert_eq!(names(dir.path()), ["ada.md"]);
}

#[cfg(unix)]
#[test]
fn a_hard_link_is_not_split() {
    let (dir, path) = file(OLD);
    let other = dir.path().join("elsewhere.md");
    std::fs::hard_link(&path, &other).unwrap();
    let snapshot = read_now(&path);
    replace(&path, &snapshot, NEW, &no_hook).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), NEW);
    assert_eq!(std::fs::read(&other).unwrap(), NEW);
    // In place, the last check still holds: a save before it is kept.
    let snapshot = read_now(&path);
    let hook = |point| {
        if point == Point::Replace {
            save_in_place(&path, THEIRS);
        }
    };
    let err = replace(&path, &snapshot, OLD, &hook).unwrap_err();
    assert!(matches!(err, Error::ChangedMeanwhile { .. }), "{err}");
    assert_eq!(std::fs::read(&other).unwrap(), THEIRS);
}

#[cfg(target_os = "linux")]
#[test]
fn extended_attributes_are_kept() {
    use rustix::fs::{XattrFlags, getxattr, setxattr};
    let (_dir, path) = file(OLD);
    setxattr(&path, "user.ties-test", b"kept", XattrFlags::empty())
        .expect("this file system takes user.* attributes (ext4, xfs, btrfs, tmpfs)");
    let snapshot = read_now(&path);
    replace(&path, &snapshot, NEW, &no_hook).unwrap();
    let mut value = [0_u8; 64];
    let len = getxattr(&path, "user.ties-test", &mut value).unwrap();
    assert_eq!(&value[..len], b"kept");
    assert_eq!(std::fs::read(&path).unwrap(), NEW);
}

#[cfg(unix)]
#[test]
fn owner_and_group_are_kept_where_the_process_may_set_them() {
    use std::os::unix::fs::MetadataExt;
    let (_dir, path) = file(OLD);
    let me = std::fs::metadata(&path).unwrap();
    // As root, give the file to another user: the edit keeps them. Otherwise the file is
    // ours, and stays so.
    let (uid, gid) = if me.uid() == 0 {
        std::os::unix::fs::chown(&path, Some(4242), Some(4343)).unwrap();
        (4242, 4343)
    } else {
        (me.uid(), me.gid())
    };
    let snapshot = read_now(&path);
    replace(&path, &snapshot, NEW, &no_hook).unwrap();
    let after = std::fs::metadata(&path).unwrap();
    assert_eq!((after.uid(), after.gid()), (uid, gid));
    assert_eq!(std::fs::read(&path).unwrap(), NEW);
}

#[test]
fn stale_temporary_files_are_swept_and_fresh_ones_left() {
    let (dir, path) = file(OLD);
    let stale = dir.path().join(".ties-crashed.tmp");
    std::fs::write(&stale, "half").unwrap();
    // Its change time is now; the sweep judges by the later of the two times, so only a
    // file older than a minute by both goes. Here, a fresh leftover stays.
    let snapshot = read_now(&path);
    replace(&path, &snapshot, NEW, &no_hook).unwrap();
    assert_eq!(names(dir.path()), [".ties-crashed.tmp", "ada.md"]);
    assert_eq!(
        temp::sweep(dir.path(), SystemTime::now() + Duration::from_secs(61)),
        1
    );
    assert_eq!(names(dir.path()), ["ada.md"]);
}
