//! The persona notebook, `tests/fixtures/persona`: Riley Novak, a bootcamp graduate in a job
//! hunt (21 contacts, 6 companies of which 5 targets, done, planned and message chats,
//! events with goals, tasks, dormant ties, a referral). Other tests copy it and move the
//! clock through the week of 2026-12-07 with `--now`.

use std::path::Path;

use crate::support::{Notebook, fixture};

/// A throw-away copy of the persona notebook.
pub(crate) fn persona() -> Notebook {
    let nb = Notebook::new();
    copy(&fixture("persona"), nb.path(), Path::new(""));
    nb
}

fn copy(from: &Path, to: &Path, rel: &Path) {
    for entry in std::fs::read_dir(from.join(rel)).expect("read fixture") {
        let entry = entry.expect("entry");
        let rel = rel.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(to.join(&rel)).expect("mkdir");
            copy(from, to, &rel);
        } else {
            std::fs::copy(entry.path(), to.join(&rel)).expect("copy");
        }
    }
}

#[test]
fn the_persona_notebook_checks_clean() {
    let nb = persona();
    let out = nb.run(["--now", "2026-12-07 08:30", "check", "--deny-warnings"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    out.assert_stdout_starts("0 errors, 0 warnings in 41 files");
}
