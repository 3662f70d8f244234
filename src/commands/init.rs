//! `ties init [DIR]`: a new notebook, ready to use and to commit: `ties.yaml` with every
//! default written out and explained, the four record folders, a README, a `.gitignore`,
//! and a git repository whose pre-commit hook refuses a commit while `ties check` finds
//! errors. Files that are already there (an existing README or `.gitignore`) are kept.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::config::Config;
use crate::error::Error;
use crate::exit::ExitStatus;
use crate::fs::{self, Existing};
use crate::model::Kind;
use crate::notebook::CONFIG_FILE;
use crate::render::escape::{self, safe};

pub(crate) fn run(
    config: &Config,
    dir: Option<&Path>,
    git: bool,
    force: bool,
) -> Result<ExitStatus, Error> {
    let dir = dir.map_or_else(|| config.cwd.clone(), |d| config.cwd.join(d));
    if dir.join(CONFIG_FILE).exists() && !force {
        return Err(Error::AlreadyNotebook { dir });
    }
    let existing = Existing::from_force(force);
    std::fs::create_dir_all(&dir).map_err(|source| Error::Write {
        path: dir.clone(),
        source,
    })?;
    let _lock = fs::NotebookLock::acquire(&dir, config.lock_wait)?;
    let mut log = Log::default();
    // `ties.yaml` is written last: until it exists the folder is not a notebook, so an
    // `init` that failed half-way (a read-only hooks folder, a full disk) can simply be run
    // again; everything it already made is kept.
    log.created(CONFIG_FILE);
    for kind in Kind::RECORDS {
        // An empty folder is not kept by git; `.gitkeep` is hidden, so ties never reads it.
        let keep = format!("{}/.gitkeep", kind.folder());
        if !dir.join(&keep).exists() {
            fs::create(&dir.join(&keep), "", Existing::Keep)?;
        }
        log.created(&format!("{}/", kind.folder()));
    }
    write_templates(&dir, &mut log)?;
    let gitignore = format!("{GITIGNORE}{}", fs::gitignore());
    for (name, text) in [("README.md", README), (".gitignore", gitignore.as_str())] {
        match fs::create(&dir.join(name), text, existing) {
            Ok(()) => log.created(name),
            Err(Error::Exists { .. }) => log.note(format!("kept the existing {name}")),
            Err(e) => return Err(e),
        }
    }
    if git {
        set_up_git(&dir, existing, &mut log)?;
    }
    fs::create(&dir.join(CONFIG_FILE), &settings_file(), existing)?;
    let shown = super::new::shown_path(&config.cwd, &dir);
    let shown = if shown.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        shown
    };
    let mut out = super::stdout(config);
    let written = log.write(&mut out, &shown).and_then(|()| out.flush());
    super::finish_output(written)?;
    Ok(ExitStatus::Success)
}

/// `ties init --adopt [DIR]`: only `ties.yaml`, made from what the folder holds
/// ([`crate::adopt`]), for notes kept before `ties` (an Obsidian vault); nothing else is
/// created or changed.
pub(crate) fn adopt(config: &Config, dir: Option<&Path>, force: bool) -> Result<ExitStatus, Error> {
    let dir = dir.map_or_else(|| config.cwd.clone(), |d| config.cwd.join(d));
    if dir.join(CONFIG_FILE).exists() && !force {
        return Err(Error::AlreadyNotebook { dir });
    }
    if !dir.is_dir() {
        return Err(Error::NotebookMissing { dir });
    }
    let text = crate::adopt::Found::of(&dir).settings(config.now().date());
    fs::create(&dir.join(CONFIG_FILE), &text, Existing::from_force(force))?;
    let shown = super::new::shown_path(&config.cwd, &dir);
    let shown = if shown.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        shown
    };
    let mut out = super::stdout(config);
    let written = writeln!(
        out,
        "Adopted the notes in {}: wrote {CONFIG_FILE}:\n\n{}\nNext: `ties check`, then `ties agenda`. docs/migrating.md says what each line does.",
        safe(&shown.to_string_lossy()),
        escape::lines(&text)
    )
    .and_then(|()| out.flush());
    super::finish_output(written)?;
    Ok(ExitStatus::Success)
}

/// What `init` did, to print at the end.
#[derive(Default)]
struct Log {
    created: Vec<String>,
    notes: Vec<String>,
}

impl Log {
    fn created(&mut self, path: &str) {
        self.created.push(path.to_owned());
    }

    fn note(&mut self, note: String) {
        self.notes.push(note);
    }

    fn write(&self, out: &mut impl Write, dir: &Path) -> std::io::Result<()> {
        writeln!(
            out,
            "Created a notebook in {}:",
            safe(&dir.to_string_lossy())
        )?;
        for path in &self.created {
            writeln!(out, "  {path}")?;
        }
        for note in &self.notes {
            writeln!(out, "note: {}", escape::lines(note))?;
        }
        writeln!(out, "\nNext:")?;
        if dir != Path::new(".") {
            writeln!(out, "  cd {}", safe(&dir.to_string_lossy()))?;
        }
        writeln!(out, "  ties new company \"Acme\"")?;
        writeln!(
            out,
            "  ties new contact \"Jane Doe\" --company acme --role developer"
        )?;
        writeln!(out, "  ties agenda")
    }
}

/// The built-in message templates, into `templates/`, for `ties draft` (docs/drafts.md).
/// They are the user's to edit, so an existing one is kept even with `--force`.
fn write_templates(dir: &Path, log: &mut Log) -> Result<(), Error> {
    let mut kept = Vec::new();
    for (name, text) in crate::template::BUILTIN {
        let path = format!("{}/{name}.md", crate::templates::FOLDER);
        match fs::create(&dir.join(&path), text, Existing::Keep) {
            Ok(()) => {}
            Err(Error::Exists { .. }) => kept.push(path),
            Err(e) => return Err(e),
        }
    }
    log.created(&format!(
        "{}/ (message templates for `ties draft`)",
        crate::templates::FOLDER
    ));
    if !kept.is_empty() {
        log.note(format!("kept the existing {}", kept.join(", ")));
    }
    Ok(())
}

/// `git init` (unless the folder already is, or is inside, a repository) and the hook.
fn set_up_git(dir: &Path, existing: Existing, log: &mut Log) -> Result<(), Error> {
    if !dir.join(".git").exists() {
        match git(dir, &["rev-parse", "--show-toplevel"]) {
            Err(GitError::Missing) => {
                log.note("git is not installed: skipped `git init` and the pre-commit hook".into());
                return Ok(());
            }
            Ok(top) => {
                // A repository inside another one would surprise the outer one's owner.
                log.note(format!(
                    "the folder is inside the git repository at {}: did not run `git init` nor \
                     install the pre-commit hook; to check the notebook before each commit there, \
                     add `ties --notebook <this folder> check` to that repository's pre-commit hook",
                    top.trim()
                ));
                return Ok(());
            }
            Err(GitError::Failed(_)) => {}
        }
        match git(dir, &["init", "--quiet"]) {
            Ok(_) => log.created(".git/ (git init)"),
            Err(GitError::Missing) => {
                log.note("git is not installed: skipped `git init` and the pre-commit hook".into());
                return Ok(());
            }
            Err(GitError::Failed(why)) => {
                log.note(format!(
                    "`git init` failed, so there is no pre-commit hook: {why}"
                ));
                return Ok(());
            }
        }
    }
    // Set globally (husky and the like), it makes git ignore .git/hooks entirely; its folder
    // is shared with other repositories, so ties does not write there.
    if let Ok(elsewhere) = git(dir, &["config", "--get", "core.hooksPath"]) {
        log.note(format!(
            "git runs the hooks in {} (core.hooksPath); to check the notebook before each \
             commit, add `ties --notebook . check` to the pre-commit hook there",
            elsewhere.trim()
        ));
        return Ok(());
    }
    // `.git` is a file in a worktree or a submodule, whose hooks live elsewhere: git knows
    // where.
    let hooks = match git(dir, &["rev-parse", "--git-path", "hooks"]) {
        Ok(hooks) => hooks.trim().to_owned(),
        Err(GitError::Missing | GitError::Failed(_)) => ".git/hooks".to_owned(),
    };
    let shown = format!("{hooks}/pre-commit");
    match fs::create_executable(&dir.join(&hooks).join("pre-commit"), PRE_COMMIT, existing) {
        Ok(()) => log.created(&format!("{shown} (runs `ties check` before each commit)")),
        Err(Error::Exists { .. }) => log.note(format!(
            "kept the existing {shown}; add `ties --notebook . check` to it to check the \
             notebook before each commit"
        )),
        Err(e) => return Err(e),
    }
    Ok(())
}

enum GitError {
    Missing,
    Failed(String),
}

fn git(dir: &Path, args: &[&str]) -> Result<String, GitError> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                GitError::Missing
            } else {
                GitError::Failed(e.to_string())
            }
        })?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        Err(GitError::Failed(
            String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        ))
    }
}

/// `ties.yaml` with every default written out and explained, from the table of settings
/// so the two cannot drift apart.
pub(crate) fn settings_file() -> String {
    crate::model::settings::template()
}

const README: &str = "# My network

A plain-text ledger of my professional network, kept with `ties`: one Markdown file per
person, company, conversation and event, checked by `ties check` and turned into a daily
to-do list by `ties agenda`.

- `contacts/`: people, one file each: `ties new contact \"Jane Doe\" --company acme --role developer`
- `companies/`: organisations; `status: target` for the ones you aim at: `ties new company \"Acme\"`
- `chats/`: coffee chats, informational interviews, calls, message threads: `ties new chat jane-doe`
- `events/`: meetups, conferences, career fairs: `ties new event \"Rust Meetup\" --date 2026-11-10`
- `templates/`: the messages `ties draft` fills from your notes (write your introduction in once)
- `ties.yaml`: the follow-up rules and the goals
- anything else: free notes (a six-month plan, a pitch, a list of questions)

Every day, `ties agenda` says whom to follow up with, which thank-you notes are due and which
chats to prepare, and `ties draft follow-up jane-doe` writes the first version of the message.
Before each commit, git runs `ties check` and refuses the commit while the
notebook has errors (skip the check once with `git commit --no-verify`).
";

const GITIGNORE: &str = "# Editor and system clutter (ties never reads these anyway)
*.swp
*~
\\#*\\#
.DS_Store
.obsidian/workspace*
";

const PRE_COMMIT: &str = "#!/bin/sh
# Installed by `ties init`: refuses a commit while `ties check` finds errors in the notebook
# (warnings do not block). To commit anyway, once: git commit --no-verify
if ! command -v ties >/dev/null 2>&1; then
    echo \"pre-commit: ties is not on PATH, so the notebook was not checked\" >&2
    exit 0
fi
if ! ties --notebook . check >&2; then
    echo >&2
    echo \"pre-commit: ties check found errors: fix them and commit again,\" >&2
    echo \"or commit anyway with: git commit --no-verify\" >&2
    exit 1
fi
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::settings::Settings;

    #[test]
    fn the_settings_file_decodes_to_exactly_the_defaults() {
        let text = settings_file();
        let (settings, findings) = Settings::decode(&text);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(settings, Settings::default());
        assert!(text.contains("thank_you_within: 24h "), "{text}");
    }

    #[test]
    fn durations_read_as_people_say_them() {
        let text = settings_file();
        for said in [
            "thank_you_within: 24h ",
            "follow_up_after: 7d ",
            "stay_in_touch: 90d ",
        ] {
            assert!(text.contains(said), "{said}: {text}");
        }
    }
}
