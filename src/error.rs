//! Failures that stop a command (exit 2), as opposed to problems found in the notebook,
//! which are diagnostics. Each message says what to do next.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "no notebook found in {} or any parent directory (a notebook is a folder with a ties.yaml)\n  \
         help: create one with `ties init`, or point at one with --notebook DIR or $TIES_NOTEBOOK",
        start.display()
    )]
    NoNotebook { start: PathBuf },

    #[error(
        "{} is not a notebook: it has no ties.yaml\n  help: run `ties init {}` to make it one (an empty ties.yaml is enough)",
        dir.display(), dir.display()
    )]
    NotANotebook { dir: PathBuf },

    #[error("notebook folder {} does not exist\n  help: check the path given to --notebook or $TIES_NOTEBOOK", dir.display())]
    NotebookMissing { dir: PathBuf },

    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("unknown rule code `{code}`{hint}\n  known codes: {known}")]
    UnknownCode {
        code: String,
        hint: String,
        known: String,
    },
}
