//! Names of new files that work on every system a notebook is cloned to. macOS and Windows
//! take `Ana Li.md` and `ana li.md`, or `José.md` composed and decomposed, for one file: a
//! clone there silently keeps one of the two. [`Names`] remembers, per folder, the names
//! there (on disk and claimed by this run) as such a system sees them ([`slug::fold`]), and
//! refuses a new name that is already one of them under another spelling. Windows device
//! names and trailing dots are refused by `can_create_in` ([`slug::is_reserved`]).

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::slug;

/// The names of the folders a run writes to, folded; read from disk once per folder.
#[derive(Debug, Default)]
pub(crate) struct Names {
    /// Per folder: folded name → the name as written.
    dirs: RefCell<HashMap<PathBuf, HashMap<String, String>>>,
}

impl Names {
    /// Claims `path` for a new file: refused if its folder holds, or this run claimed, a name
    /// that is the same file on a case-insensitive or normalising file system but is spelled
    /// otherwise. The very same name is for the caller to judge (it exists, or `--force`).
    pub(crate) fn claim(&self, path: &Path) -> Result<(), Error> {
        let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
            return Ok(());
        };
        let name = name.to_string_lossy().into_owned();
        let mut dirs = self.dirs.borrow_mut();
        let names = dirs.entry(dir.to_owned()).or_insert_with(|| listing(dir));
        match names.get(&slug::fold(&name)) {
            Some(other) if *other != name => Err(Error::NameCollides {
                path: path.to_owned(),
                other: dir.join(other),
            }),
            Some(_) => Ok(()),
            None => {
                names.insert(slug::fold(&name), name);
                Ok(())
            }
        }
    }
}

fn listing(dir: &Path) -> HashMap<String, String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .map(|n| (slug::fold(&n), n))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_are_one_file_elsewhere_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("Ana Li.md"), "").unwrap();
        let names = Names::default();
        for other in ["ana li.md", "ANA LI.md"] {
            let err = names.claim(&dir.path().join(other)).unwrap_err();
            assert!(err.to_string().contains("Ana Li.md"), "{err}");
        }
        names.claim(&dir.path().join("Ana Li.md")).unwrap();
        // Claimed by this run, not on disk yet: an import's second row is refused too.
        names.claim(&dir.path().join("José.md")).unwrap();
        let err = names.claim(&dir.path().join("Jose\u{301}.md")).unwrap_err();
        assert!(matches!(err, Error::NameCollides { .. }), "{err}");
        names.claim(&dir.path().join("Ana Lee.md")).unwrap();
    }
}
