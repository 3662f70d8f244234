//! Editing a file of the notebook without losing anyone's save: the path every recording
//! command (`log`, `snooze`, `close`, `pause`, `resume`, `done`) writes through.
//!
//! 1. [`read`]: read the file whole, and make sure it was not being written meanwhile: its
//!    size, modification and change times and inode are the same before and after the read,
//!    and, if it was modified less than [`SETTLE`] ago, still the same once that much time
//!    has passed (git's "racy clean" rule: a file that changed within the clock's reach of
//!    the read cannot be trusted to be whole). An editor that saves in place truncates the
//!    file, then writes it in chunks; reading between two chunks is what this catches. A
//!    file that keeps changing is refused.
//! 2. [`replace`]: the new bytes go to a temporary file in the same folder, with the old
//!    file's mode (exactly, not through the umask), owner and group, and extended attributes
//!    (ACLs among them). Then the last check, immediately before the replace: the file's
//!    bytes and stamp are still those read. Then `renameat2(RENAME_EXCHANGE)` swaps the two
//!    files atomically, and the file swapped out is compared once more with what was read:
//!    a save that landed between the last check and the swap is in it, so the swap is undone
//!    (exchanged back), the save stays, and the edit is refused. An editor that writes in
//!    place into the old file during all this writes into the inode that is swapped back.
//! 3. Where a new inode would lose something (a file with several hard links: the other
//!    names would keep the old bytes; an owner, group or attribute the process may not set),
//!    the file is written in place instead, as vim's `backupcopy=auto` does, after the same
//!    last check; and where the file system cannot exchange, the temporary file is renamed
//!    over it right after the last check.
//!
//! docs/log.md ("What `ties` guarantees") says what this promises and what it cannot.

use std::fs::{File, Metadata, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::temp;
use crate::error::Error;

/// A file modified more recently than this before it was read may still be being written:
/// it is looked at again once this much time has passed since its modification. An editor
/// writes a file in microseconds to milliseconds; 100 ms covers a pause between chunks of
/// two orders of magnitude more, and costs a recording nothing unless the file was saved
/// within the last 100 ms.
pub(crate) const SETTLE: Duration = Duration::from_millis(100);

/// Set (to anything), every edit is written in place: how `benches/race.sh` measures the
/// alternative that docs/log.md weighs the exchange against. Not for users.
const IN_PLACE: &str = "TIES_WRITE_IN_PLACE";

/// How often a file that changed while it was read is read again before the edit is refused.
const ATTEMPTS: usize = 5;

/// The most an edit reads, as `check` does ([`crate::read::MAX_READ_BYTES`]): a larger
/// file is refused rather than read whole into memory.
pub(crate) const MAX_EDIT_BYTES: u64 = crate::read::MAX_READ_BYTES;

/// A file as read for an edit: its bytes, and the stamp that says they are its bytes.
#[derive(Clone, Debug)]
pub(crate) struct Snapshot {
    pub bytes: Vec<u8>,
    stamp: Stamp,
}

/// What changes whenever a file's bytes do: size, modification and change times, inode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    changed: (i64, i64),
    inode: (u64, u64),
}

impl Stamp {
    #[cfg(unix)]
    fn of(meta: &Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        Self {
            len: meta.len(),
            modified: meta.modified().ok(),
            changed: (meta.ctime(), meta.ctime_nsec()),
            inode: (meta.dev(), meta.ino()),
        }
    }

    #[cfg(not(unix))]
    fn of(meta: &Metadata) -> Self {
        Self {
            len: meta.len(),
            modified: meta.modified().ok(),
            changed: (0, 0),
            inode: (0, 0),
        }
    }
}

/// Where a test may act between the steps of an edit, as another writer would.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Point {
    /// The file's bytes were read, its stamp not yet taken again.
    Read,
    /// The new bytes are ready; the last check is next.
    Replace,
    /// The last check passed; the exchange is next.
    Exchange,
}

/// No test: nothing happens between the steps.
pub(crate) fn no_hook(_: Point) {}

/// Reads `path` whole for an edit, refusing a file that is over [`MAX_EDIT_BYTES`] or keeps
/// changing while it is read (module docs, step 1).
pub(crate) fn read(path: &Path, settle: Duration, hook: &dyn Fn(Point)) -> Result<Snapshot, Error> {
    for _ in 0..ATTEMPTS {
        let before = stamp(path)?;
        if before.len > MAX_EDIT_BYTES {
            return Err(Error::TooLarge {
                path: path.to_owned(),
                size: before.len,
                max: MAX_EDIT_BYTES,
            });
        }
        let bytes = read_bounded(path)?;
        hook(Point::Read);
        let after = stamp(path)?;
        if before != after || bytes.len() as u64 != after.len {
            continue;
        }
        if let Some(wait) = settle_left(after.modified, settle) {
            std::thread::sleep(wait);
            if stamp(path)? != after {
                continue;
            }
        }
        return Ok(Snapshot {
            bytes,
            stamp: after,
        });
    }
    Err(Error::KeepsChanging {
        path: path.to_owned(),
    })
}

/// How much longer to wait before a file modified at `modified` has settled.
fn settle_left(modified: Option<SystemTime>, settle: Duration) -> Option<Duration> {
    let age = SystemTime::now()
        .duration_since(modified?)
        .unwrap_or(Duration::ZERO);
    settle.checked_sub(age).filter(|left| !left.is_zero())
}

fn stamp(path: &Path) -> Result<Stamp, Error> {
    std::fs::metadata(path)
        .map(|m| Stamp::of(&m))
        .map_err(|source| Error::Io {
            path: path.to_owned(),
            source,
        })
}

fn read_bounded(path: &Path) -> Result<Vec<u8>, Error> {
    let failed = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|f| f.take(MAX_EDIT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(failed)?;
    Ok(bytes)
}

/// Whether `path` still holds what `snapshot` read: same stamp, same bytes.
fn unchanged(path: &Path, snapshot: &Snapshot) -> Result<bool, Error> {
    Ok(stamp(path)? == snapshot.stamp && read_bounded(path)? == snapshot.bytes)
}

/// Replaces the file at `path`, read as `snapshot`, with `after` (module docs, steps 2–3).
/// The caller checked that `path` is a regular file of the notebook, not a symlink.
pub(crate) fn replace(
    path: &Path,
    snapshot: &Snapshot,
    after: &[u8],
    hook: &dyn Fn(Point),
) -> Result<(), Error> {
    let failed = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let meta = std::fs::symlink_metadata(path).map_err(failed)?;
    if meta.permissions().readonly() {
        return Err(Error::ReadOnly {
            path: path.to_owned(),
        });
    }
    if Stamp::of(&meta) != snapshot.stamp {
        return Err(Error::ChangedMeanwhile {
            path: path.to_owned(),
        });
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    temp::sweep(dir, SystemTime::now());
    if several_names(&meta) || std::env::var_os(IN_PLACE).is_some() {
        return in_place(path, snapshot, after, hook);
    }
    let mut temp = temp::builder().tempfile_in(dir).map_err(failed)?;
    temp.write_all(after).map_err(failed)?;
    if !keep_metadata(temp.as_file(), path, &meta) {
        drop(temp);
        return in_place(path, snapshot, after, hook);
    }
    temp.as_file().sync_all().map_err(failed)?;
    hook(Point::Replace);
    // The last check, immediately before the replace.
    if !unchanged(path, snapshot)? {
        return Err(Error::ChangedMeanwhile {
            path: path.to_owned(),
        });
    }
    hook(Point::Exchange);
    let (file, temp_path) = temp.keep().map_err(|e| failed(e.error))?;
    let ours = Stamp::of(&file.metadata().map_err(failed)?).inode;
    drop(file);
    let result = swap(path, &temp_path, snapshot, ours);
    // What is left at `temp_path` is ours, or the file as it was read: never a save of
    // someone else's (`swap` renames one of those out of the way first).
    let _ = std::fs::remove_file(&temp_path);
    result?;
    sync_dir(dir);
    Ok(())
}

/// Exchanges the temporary file (inode `ours`) with `path`, then makes sure what was
/// swapped out is what was read; if not, swaps back and refuses.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn swap(path: &Path, temp_path: &Path, snapshot: &Snapshot, ours: (u64, u64)) -> Result<(), Error> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    let failed = |source: std::io::Error| Error::Write {
        path: path.to_owned(),
        source,
    };
    match renameat_with(CWD, temp_path, CWD, path, RenameFlags::EXCHANGE) {
        Ok(()) => {}
        Err(e) if is_unsupported(e) => return rename(path, temp_path),
        Err(e) => return Err(failed(e.into())),
    }
    // `temp_path` now names the file that was at `path` at the instant of the swap. Its
    // change time is the swap's own; everything else must be as read.
    let swapped_out = stamp(temp_path).map(|s| Stamp {
        changed: snapshot.stamp.changed,
        ..s
    });
    let same = swapped_out.is_ok_and(|s| s == snapshot.stamp)
        && read_bounded(temp_path).is_ok_and(|b| b == snapshot.bytes);
    if same {
        return Ok(());
    }
    // A save landed between the last check and the swap: put it back.
    let back = renameat_with(CWD, temp_path, CWD, path, RenameFlags::EXCHANGE);
    if back.is_err() || stamp(temp_path).map(|s| s.inode).ok() != Some(ours) {
        // The swap back failed, or a third writer replaced the file between the two swaps:
        // what `temp_path` names may be a save, so it is kept under a name of its own.
        let kept = kept_name(path);
        std::fs::rename(temp_path, &kept).map_err(failed)?;
        return Err(Error::KeptBoth {
            path: path.to_owned(),
            kept,
        });
    }
    Err(Error::ChangedMeanwhile {
        path: path.to_owned(),
    })
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn swap(path: &Path, temp_path: &Path, _: &Snapshot, _: (u64, u64)) -> Result<(), Error> {
    rename(path, temp_path)
}

/// The fallback where the file system cannot exchange: a rename right after the last check.
fn rename(path: &Path, temp_path: &Path) -> Result<(), Error> {
    std::fs::rename(temp_path, path).map_err(|source| Error::Write {
        path: path.to_owned(),
        source,
    })
}

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn is_unsupported(e: rustix::io::Errno) -> bool {
    use rustix::io::Errno;
    e == Errno::INVAL || e == Errno::NOSYS || e == Errno::NOTSUP || e == Errno::OPNOTSUPP
}

/// `.ties-kept-PID-NAME` beside `path`: hidden from the notebook walk, but no temporary file,
/// so no sweep removes it and `git status` shows it.
fn kept_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "file".to_owned(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".ties-kept-{}-{name}", std::process::id()))
}

/// Writes `after` into the file itself, after the last check: only the bytes from the first
/// one that differs, then the new length.
fn in_place(
    path: &Path,
    snapshot: &Snapshot,
    after: &[u8],
    hook: &dyn Fn(Point),
) -> Result<(), Error> {
    let failed = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .map_err(failed)?;
    hook(Point::Replace);
    let mut now = Vec::new();
    (&file)
        .take(MAX_EDIT_BYTES + 1)
        .read_to_end(&mut now)
        .map_err(failed)?;
    let meta = file.metadata().map_err(failed)?;
    if Stamp::of(&meta) != snapshot.stamp || now != snapshot.bytes {
        return Err(Error::ChangedMeanwhile {
            path: path.to_owned(),
        });
    }
    hook(Point::Exchange);
    let same = snapshot
        .bytes
        .iter()
        .zip(after)
        .take_while(|(a, b)| a == b)
        .count();
    write_at(&mut file, &after[same..], same as u64).map_err(failed)?;
    file.set_len(after.len() as u64).map_err(failed)?;
    file.sync_all().map_err(failed)
}

#[cfg(unix)]
fn write_at(file: &mut File, bytes: &[u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, at)
}

#[cfg(not(unix))]
fn write_at(file: &mut File, bytes: &[u8], at: u64) -> std::io::Result<()> {
    use std::io::Seek;
    file.seek(std::io::SeekFrom::Start(at))?;
    file.write_all(bytes)
}

/// Whether the file has other names a new inode would leave with the old bytes.
#[cfg(unix)]
fn several_names(meta: &Metadata) -> bool {
    std::os::unix::fs::MetadataExt::nlink(meta) > 1
}

#[cfg(not(unix))]
fn several_names(_: &Metadata) -> bool {
    false
}

/// Gives `temp` the owner, group, mode and extended attributes of the file at `path`; false
/// if the process may not (the file is then written in place).
#[cfg(unix)]
fn keep_metadata(temp: &File, path: &Path, meta: &Metadata) -> bool {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Ok(mine) = temp.metadata() else {
        return false;
    };
    // Owner first: changing it clears set-user-id bits, which the mode then restores.
    if (mine.uid(), mine.gid()) != (meta.uid(), meta.gid())
        && std::os::unix::fs::fchown(temp, Some(meta.uid()), Some(meta.gid())).is_err()
    {
        return false;
    }
    // `fchmod` is not filtered by the umask, unlike the mode given when creating a file.
    let mode = std::fs::Permissions::from_mode(meta.mode() & 0o7777);
    if temp.set_permissions(mode).is_err() {
        return false;
    }
    copy_xattrs(temp, path)
}

#[cfg(not(unix))]
fn keep_metadata(temp: &File, _: &Path, meta: &Metadata) -> bool {
    temp.set_permissions(meta.permissions()).is_ok()
}

/// Copies every extended attribute (`user.*`, and POSIX ACLs, which are
/// `system.posix_acl_*` attributes) of `path` to `temp`; false if one cannot be set.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn copy_xattrs(temp: &File, path: &Path) -> bool {
    use rustix::fs::{XattrFlags, fgetxattr, flistxattr, flistxattr_query, fsetxattr};
    use rustix::io::Errno;
    let Ok(file) = File::open(path) else {
        return false;
    };
    let size = match flistxattr_query(&file) {
        Ok(0) => return true,
        Ok(size) => size,
        // The file system has no extended attributes.
        Err(e) if e == Errno::NOTSUP || e == Errno::OPNOTSUPP => return true,
        Err(_) => return false,
    };
    let mut names = vec![0_u8; size];
    let Ok(len) = flistxattr(&file, &mut names) else {
        return false;
    };
    names.truncate(len);
    // The largest value Linux stores.
    let mut value = vec![0_u8; 64 * 1024];
    for name in names.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let Ok(name) = std::str::from_utf8(name) else {
            return false;
        };
        let Ok(len) = fgetxattr(&file, name, &mut value) else {
            return false;
        };
        if fsetxattr(temp, name, &value[..len], XattrFlags::empty()).is_err() {
            return false;
        }
    }
    true
}

#[cfg(all(
    unix,
    not(any(target_os = "linux", target_os = "android", target_vendor = "apple"))
))]
fn copy_xattrs(_: &File, _: &Path) -> bool {
    true
}

/// Makes the rename itself durable. Best effort: some file systems cannot sync a folder.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests;
