//! The notebook lock: one `ties` writer at a time per notebook. An advisory lock (`flock`,
//! through the standard library's `File::try_lock`) on the hidden file `.ties.lock` at the
//! notebook's root, which the holder stamps with its pid and command line so that a second
//! writer, after waiting briefly, can say who holds it. Editors do not take it; against them
//! the write path compares bytes (see `replace.rs`). The lock is released when the holder
//! exits, however it exits (the kernel drops a dead process's `flock`s), so a `kill -9`
//! never leaves the notebook locked. The holder removes the file as it releases the lock, so
//! a notebook at rest has none; a writer that locked a file removed meanwhile (it opened it
//! before the holder removed it) finds the path gone or new, and locks again.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::Error;

/// The lock file's name at the notebook's root: hidden, so the notebook walk never reads it,
/// and in the `.gitignore` that `ties init` writes.
pub(crate) const LOCK_FILE: &str = ".ties.lock";

/// How often a waiting writer tries again.
const POLL: Duration = Duration::from_millis(10);

/// The held lock; dropping it releases it.
#[derive(Debug)]
pub(crate) struct NotebookLock {
    file: File,
    path: PathBuf,
}

impl Drop for NotebookLock {
    fn drop(&mut self) {
        // Removed while still locked, so no writer can lock this file and think it the
        // notebook's lock; the lock itself goes with the file handle, just after.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

impl NotebookLock {
    /// Takes the lock of the notebook at `root`, waiting up to `wait` for another writer to
    /// finish; then refuses with [`Error::Locked`], naming the holder.
    pub(crate) fn acquire(root: &Path, wait: Duration) -> Result<Self, Error> {
        let path = root.join(LOCK_FILE);
        let failed = |source| Error::Write {
            path: path.clone(),
            source,
        };
        let start = Instant::now();
        loop {
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(failed)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) if start.elapsed() < wait => {
                    std::thread::sleep(POLL.min(wait.saturating_sub(start.elapsed())));
                    continue;
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(Error::Locked {
                        holder: holder(&file),
                        waited: wait.as_secs_f64(),
                        path,
                    });
                }
                Err(TryLockError::Error(source)) => return Err(failed(source)),
            }
            if !same_file(&file, &path) {
                // The holder removed it between our open and our lock: lock the new one.
                continue;
            }
            let mut lock = Self { file, path };
            // Who holds it, for the next writer's message; a failure here costs only that.
            let _ = lock.stamp();
            return Ok(lock);
        }
    }

    fn stamp(&mut self) -> std::io::Result<()> {
        let command: Vec<String> = std::env::args().collect();
        let line = format!("pid {}: {}\n", std::process::id(), command.join(" "));
        self.file.set_len(0)?;
        self.file.rewind()?;
        self.file.write_all(line.as_bytes())
    }
}

/// Whether `file` is still the one at `path`.
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    path.exists()
}

/// What the holder wrote into the lock file: `pid 4242: ties log reply jane-doe`.
fn holder(file: &File) -> String {
    let mut text = String::new();
    let mut reader = file;
    let _ = reader.rewind();
    let _ = reader.take(4096).read_to_string(&mut text);
    let line = text.lines().next().unwrap_or_default().trim();
    if line.is_empty() {
        "another process".to_owned()
    } else {
        line.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_told_who_holds_the_lock() {
        let root = tempfile::tempdir().unwrap();
        let held = NotebookLock::acquire(root.path(), Duration::ZERO).unwrap();
        let err = NotebookLock::acquire(root.path(), Duration::ZERO).unwrap_err();
        let Error::Locked { holder, .. } = &err else {
            panic!("{err}")
        };
        assert!(
            holder.starts_with(&format!("pid {}: ", std::process::id())),
            "{holder}"
        );
        assert!(err.to_string().contains("is locked by"), "{err}");
        assert!(root.path().join(LOCK_FILE).is_file());
        drop(held);
        // Released and removed: a notebook at rest has no lock file.
        assert!(!root.path().join(LOCK_FILE).exists());
        let again = NotebookLock::acquire(root.path(), Duration::ZERO).unwrap();
        drop(again);
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 0);
    }
}
