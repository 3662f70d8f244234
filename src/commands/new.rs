//! `ties new contact|company|chat|event`: writes the file [`crate::create`] makes, prints its
//! path, and opens it in the user's editor if asked to.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::Config;
pub(crate) use crate::create::{Options, Request};
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::fs::{self, Existing};
use crate::render::escape::safe;

pub(crate) fn run(
    config: &Config,
    request: &Request,
    options: &Options,
) -> Result<ExitStatus, Error> {
    let lock = super::lock(config)?;
    let (root, index) = super::load(config)?;
    let file = crate::create::new_file(&index, request, options)?;
    let path = root.join(&file.path);
    fs::Names::default().claim(&path)?;
    fs::create_in(
        &root,
        &path,
        &file.text,
        Existing::from_force(options.force),
    )?;
    // Released before the editor opens: the user may keep it open for an hour.
    drop(lock);
    let shown = shown_path(&config.cwd, &path);
    let mut out = super::stdout(config);
    super::finish_output(
        writeln!(out, "{}", safe(&shown.to_string_lossy())).and_then(|()| out.flush()),
    )?;
    if options.edit {
        edit(&path)?;
    }
    Ok(ExitStatus::Success)
}

/// Opens `path` in `$VISUAL`, else `$EDITOR` (which may carry arguments: `code --wait`).
fn edit(path: &Path) -> Result<(), Error> {
    let failed = |reason: String| Error::Editor {
        path: path.to_owned(),
        reason,
    };
    let editor = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().trim().to_owned())
        .find(|v| !v.is_empty())
        .ok_or_else(|| failed("neither $VISUAL nor $EDITOR is set".to_owned()))?;
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or_default();
    let status = std::process::Command::new(program)
        .args(words)
        .arg(path)
        .status()
        .map_err(|e| failed(format!("cannot run `{editor}`: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(failed(format!("`{editor}` exited with {status}")))
    }
}

/// `path` as the user would type it from `cwd`: relative when it is below `cwd`.
pub(crate) fn shown_path(cwd: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(cwd)
        .map_or_else(|_| path.to_owned(), Path::to_path_buf)
}
