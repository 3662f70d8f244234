//! The temporary files of the write path: `.ties-XXXXXX.tmp` in the folder of the file they
//! become. Hidden, so the notebook walk (and so `check`) never reads one; matched by the
//! `.gitignore` that `ties init` writes, so `git add -A` never stages one; and swept: a writer
//! removes the ones of ours in the folder it writes to that are older than a minute, which
//! only a killed `ties` leaves behind (a live one renames or removes its own within
//! milliseconds).

use std::path::Path;
use std::time::{Duration, SystemTime};

/// Every temporary file is named `{PREFIX}XXXXXX{SUFFIX}`.
pub(crate) const PREFIX: &str = ".ties-";
pub(crate) const SUFFIX: &str = ".tmp";

/// The `.gitignore` line that covers them.
pub(crate) const GITIGNORE: &str = ".ties-*.tmp";

/// Older than this, a temporary file is a crash's leftover.
const STALE: Duration = Duration::from_secs(60);

/// A builder for a temporary file of ours.
pub(crate) fn builder() -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(PREFIX).suffix(SUFFIX);
    builder
}

/// Whether `name` is one of our temporary files.
pub(crate) fn is_ours(name: &str) -> bool {
    name.starts_with(PREFIX) && name.ends_with(SUFFIX) && name.len() > PREFIX.len() + SUFFIX.len()
}

/// Removes the temporary files of ours in `dir` that were last modified more than a minute
/// before `now`. Best effort: a file that cannot be removed is left for the next writer.
pub(crate) fn sweep(dir: &Path, now: SystemTime) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_str().is_some_and(is_ours) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let stale = last_touched(&meta)
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > STALE);
        if meta.is_file() && stale && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// When the file was last written or renamed: a file just swapped out by an exchange keeps
/// its old modification time, but its change time is now.
#[cfg(unix)]
fn last_touched(meta: &std::fs::Metadata) -> Option<SystemTime> {
    use std::os::unix::fs::MetadataExt;
    let changed = SystemTime::UNIX_EPOCH.checked_add(Duration::new(
        u64::try_from(meta.ctime()).ok()?,
        u32::try_from(meta.ctime_nsec()).ok()?,
    ))?;
    Some(meta.modified().map_or(changed, |m| m.max(changed)))
}

#[cfg(not(unix))]
fn last_touched(meta: &std::fs::Metadata) -> Option<SystemTime> {
    meta.modified().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_stale_files_of_ours_are_swept() {
        let dir = tempfile::tempdir().unwrap();
        for name in [".ties-abc123.tmp", ".tmpXYZ", "note.md", ".ties-.tmp"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let fresh = builder().tempfile_in(dir.path()).unwrap();
        // A minute and a bit from now, every file is stale; only ours go.
        let later = SystemTime::now() + STALE + Duration::from_secs(5);
        assert_eq!(sweep(dir.path(), SystemTime::now()), 0);
        assert_eq!(sweep(dir.path(), later), 2);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [".ties-.tmp", ".tmpXYZ", "note.md"]);
        drop(fresh);
    }
}
