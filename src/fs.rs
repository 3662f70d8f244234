//! The one write path of `ties`: every command that creates or edits a file of the notebook
//! goes through here. Creating: the content goes to a temporary file in the destination
//! folder, then a rename puts it in place, so a crash or a full disk leaves the old state or
//! the new file, never half a file; an existing file is kept unless the caller was told
//! `--force`. Editing ([`read_in`], [`replace_in`]): see `fs/replace.rs`, which never loses a
//! save made by anyone else meanwhile. Writers of one notebook take turns under its lock
//! (`fs/lock.rs`); temporary files are hidden, ignored and swept (`fs/temp.rs`); names that
//! would break a clone on another system are refused (`fs/name.rs`).

mod lock;
mod name;
mod replace;
mod temp;

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

pub(crate) use lock::NotebookLock;
pub(crate) use name::Names;
pub(crate) use replace::Snapshot;

/// The `.gitignore` lines for what the write path leaves in a notebook: the lock file, and
/// the temporary files a killed writer leaves (which the next writer sweeps).
pub(crate) fn gitignore() -> String {
    format!(
        "# ties's own: the lock its writers take turns under, and what a killed one left\n{}\n{}\n",
        lock::LOCK_FILE,
        temp::GITIGNORE
    )
}

/// What to do when the destination already exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Existing {
    /// Fail with [`Error::Exists`] and leave the file byte for byte as it was.
    Keep,
    /// Replace it (`--force`).
    Replace,
}

impl Existing {
    pub(crate) fn from_force(force: bool) -> Self {
        if force { Self::Replace } else { Self::Keep }
    }
}

/// A file to create in a notebook, planned before anything is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NewFile {
    /// Relative to the notebook root: `contacts/jane-doe.md`.
    pub path: String,
    pub text: String,
}

/// Creates `path` with `contents`, making its folder if needed.
pub(crate) fn create(path: &Path, contents: &str, existing: Existing) -> Result<(), Error> {
    create_with_mode(path, contents, existing, false)
}

/// The longest file name most file systems take (ext4, APFS, NTFS: 255 bytes or UTF-16
/// units), and the longest path Linux takes.
const MAX_NAME: usize = 255;
const MAX_PATH: usize = 4095;

/// [`create`] for a file of the notebook at `root`: refused if a symlinked folder on the way
/// leads out of the notebook, so `new` and `import` never write elsewhere on the machine.
pub(crate) fn create_in(
    root: &Path,
    path: &Path,
    contents: &str,
    existing: Existing,
) -> Result<(), Error> {
    can_create_in(root, path, existing)?;
    create(&composed(path), contents, existing)
}

/// `path` with its file name composed (NFC), as every name `ties` writes: ids are made
/// composed, and this keeps one given decomposed (an import's id column) from making a
/// second file of the same name.
fn composed(path: &Path) -> std::path::PathBuf {
    match path.file_name().and_then(|n| n.to_str()) {
        Some(name) if crate::slug::composed(name) != name => {
            path.with_file_name(crate::slug::composed(name))
        }
        _ => path.to_owned(),
    }
}

/// Whether [`create_in`] would be refused before it writes anything: a file name or a path
/// too long for the file system, a folder that leads out of the notebook, a file that exists
/// (unless it is to be replaced). Checked for every file of a plan before the first is
/// written, so a plan is written whole or its unwritable files are reported up front.
pub(crate) fn can_create_in(root: &Path, path: &Path, existing: Existing) -> Result<(), Error> {
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_owned());
    can_land(root, path, landing(path).as_deref(), &real_root, existing)
}

/// [`can_create_in`] for every file of a plan (an import's thousands): the notebook's root
/// and each folder are resolved once, not once per file.
pub(crate) fn can_create_all_in(
    root: &Path,
    paths: &[PathBuf],
    existing: Existing,
) -> Vec<Result<(), Error>> {
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_owned());
    let mut landings: HashMap<&Path, Option<PathBuf>> = HashMap::new();
    paths
        .iter()
        .map(|path| {
            let folder = path.parent().unwrap_or(path);
            let landing = landings.entry(folder).or_insert_with(|| landing(path));
            can_land(root, path, landing.as_deref(), &real_root, existing)
        })
        .collect()
}

/// The deepest folder above `path` that exists, resolved: where a write would land (the
/// folders made below it are made inside it).
fn landing(path: &Path) -> Option<PathBuf> {
    path.ancestors()
        .skip(1)
        .find_map(|dir| dir.canonicalize().ok())
}

fn can_land(
    root: &Path,
    path: &Path,
    landing: Option<&Path>,
    real_root: &Path,
    existing: Existing,
) -> Result<(), Error> {
    let too_long = |part, max| Error::TooLong {
        path: path.to_owned(),
        part,
        max,
    };
    if path.file_name().is_some_and(|n| n.len() > MAX_NAME) {
        return Err(too_long("file name", MAX_NAME));
    }
    if path.as_os_str().len() > MAX_PATH {
        return Err(too_long("path", MAX_PATH));
    }
    // Every name this write makes, the file's and its new folders', must be one that every
    // system takes; the notebook's own folders above them are the user's.
    for part in path.strip_prefix(root).unwrap_or(path).components() {
        if let Some(reason) = crate::slug::is_reserved(&part.as_os_str().to_string_lossy()) {
            return Err(Error::NameReserved {
                path: path.to_owned(),
                reason,
            });
        }
    }
    if let Some(target) = landing.filter(|dir| !dir.starts_with(real_root)) {
        return Err(Error::OutsideNotebook {
            path: path.to_owned(),
            target: target.to_owned(),
        });
    }
    if existing == Existing::Keep && path.symlink_metadata().is_ok() {
        return Err(Error::Exists {
            path: path.to_owned(),
        });
    }
    Ok(())
}

/// Moves the notebook file `from` to `to` (the language server renaming a record for an
/// editor that cannot rename files): refused as [`read_in`] refuses `from` (a symlink, out of
/// the notebook) and as [`can_create_in`] refuses `to` (a file there, a name too long or
/// reserved, a folder that leads out of the notebook); the new name is composed (NFC). The
/// rename never replaces a file that appears at `to` meanwhile. The caller holds the lock.
pub(crate) fn move_in(root: &Path, from: &Path, to: &Path) -> Result<(), Error> {
    inside(root, from)?;
    can_create_in(root, to, Existing::Keep)?;
    let to = composed(to);
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir).map_err(|source| Error::Write {
            path: to.clone(),
            source,
        })?;
    }
    rename_new(from, &to)
}

/// Renames `from` to `to` unless something is at `to`: `renameat2(RENAME_NOREPLACE)` where
/// the system has it, else a hard link (which never replaces) and the old name removed.
fn rename_new(from: &Path, to: &Path) -> Result<(), Error> {
    let failed = |source: std::io::Error| {
        if source.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Exists {
                path: to.to_owned(),
            }
        } else {
            Error::Write {
                path: to.to_owned(),
                source,
            }
        }
    };
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Ok(()) => return Ok(()),
            Err(e) if ![Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP].contains(&e) => {
                return Err(failed(e.into()));
            }
            Err(_) => {}
        }
    }
    std::fs::hard_link(from, to).map_err(failed)?;
    std::fs::remove_file(from).map_err(|source| Error::Write {
        path: from.to_owned(),
        source,
    })
}

/// Like [`create`], for a script: executable (`0o777` less the umask, typically `0o755`)
/// where the platform has such permissions.
pub(crate) fn create_executable(
    path: &Path,
    contents: &str,
    existing: Existing,
) -> Result<(), Error> {
    create_with_mode(path, contents, existing, true)
}

fn create_with_mode(
    path: &Path,
    contents: &str,
    existing: Existing,
    executable: bool,
) -> Result<(), Error> {
    let failed = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    // Checked first so that a refusal never creates the folder or a temporary file.
    if existing == Existing::Keep && path.symlink_metadata().is_ok() {
        return Err(Error::Exists {
            path: path.to_owned(),
        });
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(failed)?;
    temp::sweep(dir, std::time::SystemTime::now());
    let mut temp = temp_builder(executable).tempfile_in(dir).map_err(failed)?;
    temp.write_all(contents.as_bytes()).map_err(failed)?;
    temp.as_file().sync_all().map_err(failed)?;
    let persisted = match existing {
        // `persist_noclobber` is atomic against a file that appears meanwhile, too.
        Existing::Keep => temp.persist_noclobber(path),
        Existing::Replace => temp.persist(path),
    };
    persisted.map(drop).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Exists {
                path: path.to_owned(),
            }
        } else {
            failed(e.error)
        }
    })
}

/// A temporary file of ours in `dir`, for a file written a piece at a time and then renamed
/// into place (`NamedTempFile::persist`); the leftovers of killed runs in `dir` swept first.
pub(crate) fn temp_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    temp::sweep(dir, std::time::SystemTime::now());
    temp::builder().tempfile_in(dir)
}

/// Replaces the file at `path` with what `write` writes, atomically: into a temporary file
/// beside it, renamed over it once whole, so a reader sees the old file or the new one and
/// never a torn one. Not synced to the disk: for a file that checks itself when read (the
/// cache's answers, whose checksum catches what a crash left), where waiting for the disk
/// on every run would cost more than the file saves.
pub(crate) fn replace_unsynced(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<&std::fs::File>) -> std::io::Result<()>,
) -> Result<(), Error> {
    let failed = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let temp = temp_in(dir).map_err(failed)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, temp.as_file());
    write(&mut out).and_then(|()| out.flush()).map_err(failed)?;
    drop(out);
    temp.persist(path).map(drop).map_err(|e| failed(e.error))
}

/// Reads the notebook file at `path` for an edit: refused if the file is a symlink, if its
/// folder leads out of the notebook at `root`, if it is over 64 MiB, or if it keeps
/// changing while it is read (an editor saving it).
pub(crate) fn read_in(root: &Path, path: &Path) -> Result<Snapshot, Error> {
    RealPaths::default().read(root, path)
}

/// Replaces the notebook file at `path`, read as `snapshot` by [`read_in`], with `after`:
/// refused if it is read-only or no longer holds what was read (an editor saved it
/// meanwhile: writing would lose that save). Mode, owner, group and extended attributes are
/// kept; see `fs/replace.rs` for how a save landing at any instant is never lost.
pub(crate) fn replace_in(
    root: &Path,
    path: &Path,
    snapshot: &Snapshot,
    after: &[u8],
) -> Result<(), Error> {
    inside(root, path)?;
    replace::replace(path, snapshot, after, &replace::no_hook)
}

/// Refuses a file that is a symlink, or whose folder leads out of the notebook at `root`.
fn inside(root: &Path, path: &Path) -> Result<(), Error> {
    RealPaths::default().inside(root, path)
}

/// [`read_in`] for each of `paths` in turn, stopping at the first that cannot be read. The
/// real paths of the root and of each folder are asked once, not once a file: an import
/// that changes 3,000 files of one folder would otherwise resolve it 6,000 times.
pub(crate) fn read_all_in<'p>(
    root: &Path,
    paths: impl IntoIterator<Item = &'p Path>,
) -> Result<Vec<Snapshot>, Error> {
    let mut real = RealPaths::default();
    paths
        .into_iter()
        .map(|path| real.read(root, path))
        .collect()
}

/// The real paths (symlinks resolved) of the folders asked about so far.
#[derive(Default)]
struct RealPaths(HashMap<PathBuf, PathBuf>);

impl RealPaths {
    fn of(&mut self, dir: &Path) -> std::io::Result<PathBuf> {
        if let Some(real) = self.0.get(dir) {
            return Ok(real.clone());
        }
        let real = dir.canonicalize()?;
        self.0.insert(dir.to_owned(), real.clone());
        Ok(real)
    }

    /// [`read_in`], with the real paths asked of `self`.
    fn read(&mut self, root: &Path, path: &Path) -> Result<Snapshot, Error> {
        self.inside(root, path)?;
        replace::read(path, replace::SETTLE, &replace::no_hook)
    }

    /// Refuses a file that is a symlink, or whose folder leads out of the notebook at
    /// `root`.
    fn inside(&mut self, root: &Path, path: &Path) -> Result<(), Error> {
        let failed = |source| Error::Io {
            path: path.to_owned(),
            source,
        };
        let real_root = self.of(root).unwrap_or_else(|_| root.to_owned());
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let real_dir = self.of(dir).map_err(failed)?;
        let meta = path.symlink_metadata().map_err(failed)?;
        if !real_dir.starts_with(&real_root) || meta.file_type().is_symlink() {
            let target = std::fs::canonicalize(path).unwrap_or(real_dir);
            return Err(Error::OutsideNotebook {
                path: path.to_owned(),
                target,
            });
        }
        Ok(())
    }
}

/// Temporary files are private (`0o600`) by default; the notebook's files get the modes an
/// editor would give them, `0o666` or `0o777` less the umask.
#[cfg(unix)]
fn temp_builder(executable: bool) -> tempfile::Builder<'static, 'static> {
    use std::os::unix::fs::PermissionsExt;
    let mut builder = temp::builder();
    builder.permissions(std::fs::Permissions::from_mode(if executable {
        0o777
    } else {
        0o666
    }));
    builder
}

#[cfg(not(unix))]
fn temp_builder(_executable: bool) -> tempfile::Builder<'static, 'static> {
    temp::builder()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_folders_and_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("contacts/jane-doe.md");
        create(&path, "first", Existing::Keep).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        let err = create(&path, "second", Existing::Keep).unwrap_err();
        assert!(matches!(err, Error::Exists { .. }), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        create(&path, "third", Existing::Replace).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "third");
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["jane-doe.md"]);
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_symlink_out_of_the_notebook() {
        let root = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), root.path().join("contacts")).unwrap();
        let path = root.path().join("contacts/new/jane-doe.md");
        let err = create_in(root.path(), &path, "x", Existing::Keep).unwrap_err();
        assert!(matches!(err, Error::OutsideNotebook { .. }), "{err}");
        assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 0);
        let inside = root.path().join("companies/acme.md");
        create_in(root.path(), &inside, "x", Existing::Keep).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn replacing_keeps_permissions_and_refuses_a_file_changed_meanwhile() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("note.md");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        let read = read_in(root.path(), &path).unwrap();
        std::fs::write(&path, "other").unwrap();
        let err = replace_in(root.path(), &path, &read, b"new").unwrap_err();
        assert!(matches!(err, Error::ChangedMeanwhile { .. }), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"other");
        let read = read_in(root.path(), &path).unwrap();
        replace_in(root.path(), &path, &read, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1);
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::write(elsewhere.path().join("x.md"), "old").unwrap();
        let link = root.path().join("link.md");
        std::os::unix::fs::symlink(elsewhere.path().join("x.md"), &link).unwrap();
        let err = read_in(root.path(), &link).unwrap_err();
        assert!(matches!(err, Error::OutsideNotebook { .. }), "{err}");
        assert_eq!(
            std::fs::read(elsewhere.path().join("x.md")).unwrap(),
            b"old"
        );
    }

    #[test]
    fn names_too_long_for_the_file_system_are_refused_before_writing() {
        let root = tempfile::tempdir().unwrap();
        let long = root.path().join(format!("contacts/{}.md", "a".repeat(253)));
        let err = create_in(root.path(), &long, "x", Existing::Keep).unwrap_err();
        assert!(matches!(err, Error::TooLong { .. }), "{err}");
        assert!(!root.path().join("contacts").exists());
        let fits = root.path().join(format!("contacts/{}.md", "a".repeat(252)));
        can_create_in(root.path(), &fits, Existing::Keep).unwrap();
    }

    #[test]
    fn a_move_never_replaces_a_file() {
        let root = tempfile::tempdir().unwrap();
        let (ada, king) = (root.path().join("ada.md"), root.path().join("ada-king.md"));
        std::fs::write(&ada, "ada").unwrap();
        std::fs::write(&king, "king").unwrap();
        let err = move_in(root.path(), &ada, &king).unwrap_err();
        assert!(matches!(err, Error::Exists { .. }), "{err}");
        // One that appears after the checks: the rename itself refuses.
        let err = rename_new(&ada, &king).unwrap_err();
        assert!(matches!(err, Error::Exists { .. }), "{err}");
        assert_eq!(std::fs::read(&king).unwrap(), b"king");
        std::fs::remove_file(&king).unwrap();
        move_in(root.path(), &ada, &root.path().join("new/ada-king.md")).unwrap();
        assert!(!ada.exists());
        assert_eq!(
            std::fs::read(root.path().join("new/ada-king.md")).unwrap(),
            b"ada"
        );
    }

    #[cfg(unix)]
    #[test]
    fn scripts_are_executable() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hook");
        create_executable(&path, "#!/bin/sh\n", Existing::Keep).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_ne!(mode & 0o100, 0, "{mode:o}");
    }
}
