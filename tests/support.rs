//! A small builder for throw-away notebooks and a runner for the real `ties` binary.
//!
//! ```ignore
//! let out = Notebook::new()
//!     .file("contacts/ada.md", "---\nname: Ada\n---\n")
//!     .run(["check"]);
//! assert_eq!(out.code, 0);
//! ```
//!
//! Every run prepends `--notebook <dir> --today 2026-11-21`, sets `NO_COLOR=1`, clears
//! `TIES_NOTEBOOK`, runs in the notebook folder and is killed after [`TIMEOUT`].

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The date every test takes as today.
pub(crate) const TODAY: &str = "2026-11-21";

/// No run may take longer than this, whatever the input (spec §5: never hang).
pub(crate) const TIMEOUT: Duration = Duration::from_secs(60);

/// The exit code [`Output::code`] holds when the process died from a signal (killed on
/// timeout, aborted by a stack overflow).
pub(crate) const KILLED: i32 = -1;

/// What one run of `ties` did.
#[derive(Debug)]
pub(crate) struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

/// `name(&self, text)` asserting `self.stream.test(text)`, with the stream in the message.
macro_rules! text_asserts {
    ($($(#[$doc:meta])* $name:ident: $stream:ident.$test:ident,)*) => {$(
        $(#[$doc])*
        #[track_caller]
        pub(crate) fn $name(&self, text: &str) -> &Self {
            let stream = &self.$stream;
            let what = concat!(stringify!($stream), " fails ", stringify!($test));
            assert!(stream.$test(text), "{what}({text:?}):\n{stream}");
            self
        }
    )*};
}

impl Output {
    /// Asserts the run ended on its own, without a panic or a crash.
    #[track_caller]
    pub(crate) fn assert_no_crash(&self) -> &Self {
        assert_ne!(
            self.code, KILLED,
            "ties was killed (crash or timeout after {:?}); stderr:\n{}",
            self.elapsed, self.stderr
        );
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("overflowed its stack"),
            "ties crashed; stderr:\n{}",
            self.stderr
        );
        self
    }

    text_asserts! {
        /// Asserts stdout contains the text.
        assert_stdout_has: stdout.contains,
        /// Asserts stdout starts with the text.
        assert_stdout_starts: stdout.starts_with,
        /// Asserts stdout ends with the text.
        assert_stdout_ends: stdout.ends_with,
        /// Asserts stderr contains the text.
        assert_stderr_has: stderr.contains,
    }

    /// The last line of stdout (the summary of `check`).
    pub(crate) fn last_line(&self) -> &str {
        self.stdout.lines().last().unwrap_or("")
    }
}

/// A temporary notebook: a folder with an empty `ties.yaml`, deleted on drop.
pub(crate) struct Notebook {
    dir: tempfile::TempDir,
    /// The notebook root; the temp dir itself unless made with [`Notebook::nested`].
    root: PathBuf,
}

impl Default for Notebook {
    fn default() -> Self {
        Self::new()
    }
}

impl Notebook {
    /// An empty notebook: a temp dir holding an empty `ties.yaml`.
    pub(crate) fn new() -> Self {
        let nb = Self::bare();
        std::fs::write(nb.root.join("ties.yaml"), "").expect("write ties.yaml");
        nb
    }

    /// A temp dir without `ties.yaml` (not a notebook).
    pub(crate) fn bare() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("ties-test-")
            .tempdir()
            .expect("create temp dir");
        // Canonical, so paths compare equal to what the binary sees (macOS /private/var…).
        let root = dir.path().canonicalize().expect("canonicalize temp dir");
        Self { dir, root }
    }

    /// Writes a text file (parent folders created).
    #[must_use]
    pub(crate) fn file(self, rel: &str, content: &str) -> Self {
        self.bytes(rel, content.as_bytes())
    }

    /// Writes a file of raw bytes (parent folders created).
    #[must_use]
    pub(crate) fn bytes(self, rel: &str, content: &[u8]) -> Self {
        self.write(rel, content);
        self
    }

    /// Writes (or overwrites) a file of the notebook in place.
    pub(crate) fn write(&self, rel: &str, content: impl AsRef<[u8]>) {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent folders");
        }
        std::fs::write(&path, content).unwrap_or_else(|e| panic!("write {rel}: {e}"));
    }

    /// Creates an empty folder.
    #[must_use]
    pub(crate) fn dir(self, rel: &str) -> Self {
        std::fs::create_dir_all(self.root.join(rel)).expect("create folder");
        self
    }

    /// The notebook root (absolute, canonical).
    pub(crate) fn path(&self) -> &Path {
        &self.root
    }

    /// The temp dir's own path as the OS first gave it (may differ from [`Notebook::path`]).
    pub(crate) fn temp_path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `ties --notebook <root> --today 2026-11-21 ARGS…` in the notebook folder.
    pub(crate) fn run<I, S>(&self, args: I) -> Output
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = ties();
        cmd.arg("--notebook")
            .arg(&self.root)
            .args(["--today", TODAY])
            .args(args)
            .current_dir(&self.root);
        run(&mut cmd)
    }

    /// Runs `ties --today 2026-11-21 ARGS…` in the notebook folder without `--notebook`:
    /// the binary finds the notebook from its working directory.
    pub(crate) fn run_here<I, S>(&self, args: I) -> Output
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        run_in(&self.root, args, &[])
    }

    /// The text of a file of the notebook.
    #[track_caller]
    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// The Markdown files of the four record folders (`contacts/x.md` …) and their text.
    pub(crate) fn records(&self) -> BTreeMap<String, String> {
        let mut files = BTreeMap::new();
        for folder in ["contacts", "companies", "chats", "events"] {
            let Ok(entries) = std::fs::read_dir(self.root.join(folder)) else {
                continue;
            };
            for entry in entries {
                let path = entry.expect("entry").path();
                if path.extension().is_some_and(|e| e == "md") {
                    let name = path.file_name().expect("name").to_string_lossy();
                    files.insert(
                        format!("{folder}/{name}"),
                        std::fs::read_to_string(&path).expect("read"),
                    );
                }
            }
        }
        files
    }

    /// Every file below the root, hidden ones included, with its bytes.
    pub(crate) fn all_bytes(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        all_files(&self.root)
    }

    /// `ties check` (run from the notebook folder) finds nothing at all.
    #[track_caller]
    pub(crate) fn assert_clean(&self) {
        let out = self.run_here(["check"]);
        assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
        out.assert_stdout_starts("0 errors, 0 warnings");
    }

    /// `check --format json`, parsed. Asserts the run did not crash and exited 0 or 1.
    #[track_caller]
    pub(crate) fn json_diagnostics(&self) -> Vec<Value> {
        let out = self.run(["check", "--format", "json"]);
        out.assert_no_crash();
        assert!(
            out.code == 0 || out.code == 1,
            "exit {} from check --format json; stderr:\n{}",
            out.code,
            out.stderr
        );
        let value: Value = serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", out.stdout));
        match value {
            Value::Array(items) => items,
            other => panic!("check --format json printed {other}, not an array"),
        }
    }

    /// The diagnostics as (code, path, line, column), in output order.
    #[track_caller]
    pub(crate) fn diagnostics(&self) -> Vec<Diag> {
        self.json_diagnostics()
            .iter()
            .map(Diag::from_json)
            .collect()
    }
}

/// The `ties` binary with a clean environment: `NO_COLOR=1`, no `TIES_NOTEBOOK`.
pub(crate) fn ties() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_ties"));
    cmd.env("NO_COLOR", "1")
        .env_remove("TIES_NOTEBOOK")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .env_remove("COMPLETE")
        .env_remove("TIES_NO_CACHE")
        .timeout(TIMEOUT);
    cmd
}

/// Runs `ties --today 2026-11-21 ARGS…` in `dir` (no `--notebook`: the binary finds the
/// notebook from there), with `env` set on top of the clean environment of [`ties`].
pub(crate) fn run_in<I, S>(dir: &Path, args: I, env: &[(&str, &OsStr)]) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = ties();
    cmd.current_dir(dir).args(["--today", TODAY]).args(args);
    for (key, value) in env {
        cmd.env(key, value);
    }
    run(&mut cmd)
}

/// Every path below `root` (folders too, hidden ones included), sorted, going into the
/// folders for which `descend` holds.
pub(crate) fn walk(root: &Path, descend: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut all = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() && descend(&path) {
                stack.push(path.clone());
            }
            all.push(path);
        }
    }
    all.sort();
    all
}

/// The cache of parsed files a reading command keeps in the notebook (`.ties-cache/`, which
/// ignores itself): not the notebook's content, so the tests of what a command wrote leave
/// it out (tests/cache.rs tests it).
pub(crate) const CACHE_DIR: &str = ".ties-cache";

/// Every file below `root`, hidden ones included (`.git` and the cache's folder left out),
/// with its bytes, keyed by the path relative to `root`.
pub(crate) fn all_files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walk(root, |dir| !dir.ends_with(".git"))
        .into_iter()
        .filter(|path| !path.is_dir() && !path.starts_with(root.join(CACHE_DIR)))
        .map(|path| {
            let bytes = std::fs::read(&path).expect("read");
            let rel = path.strip_prefix(root).expect("inside").to_path_buf();
            (rel, bytes)
        })
        .collect()
}

/// A snapshot named `name` exactly (no module prefix), whichever module asserts it.
#[track_caller]
pub(crate) fn snapshot(name: &str, value: impl AsRef<str>) {
    let value = value.as_ref();
    insta::with_settings!({ prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, value);
    });
}

/// The path of `tests/fixtures/<rel>`.
pub(crate) fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// Runs `cmd` to completion (or [`TIMEOUT`]) and collects its output.
pub(crate) fn run(cmd: &mut assert_cmd::Command) -> Output {
    let started = Instant::now();
    let out = cmd.output().expect("spawn ties");
    Output {
        code: out.status.code().unwrap_or(KILLED),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        elapsed: started.elapsed(),
    }
}

/// One diagnostic, reduced to what most tests compare.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Diag {
    pub code: String,
    pub path: String,
    pub line: u64,
    pub column: u64,
}

impl fmt::Debug for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}:{}:{}",
            self.code, self.path, self.line, self.column
        )
    }
}

impl Diag {
    #[track_caller]
    pub(crate) fn from_json(v: &Value) -> Self {
        let text = |k: &str| {
            v[k].as_str()
                .unwrap_or_else(|| panic!("`{k}` is not a string in {v}"))
                .to_owned()
        };
        let num = |k: &str| {
            v[k].as_u64()
                .unwrap_or_else(|| panic!("`{k}` is not a number in {v}"))
        };
        Self {
            code: text("code"),
            path: text("path"),
            line: num("line"),
            column: num("column"),
        }
    }
}

/// Shorthand for an expected diagnostic.
pub(crate) fn d(code: &str, path: &str, line: u64, column: u64) -> Diag {
    Diag {
        code: code.to_owned(),
        path: path.to_owned(),
        line,
        column,
    }
}

/// Expected diagnostics, each written as its [`Debug`] form `CODE path:line:column`.
#[track_caller]
pub(crate) fn diags(written: &[&str]) -> Vec<Diag> {
    written
        .iter()
        .map(|w| {
            let (code, place) = w.split_once(' ').expect("CODE path:line:column");
            let mut parts = place.rsplitn(3, ':');
            let mut num = || {
                parts
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("no line:column in {w:?}"))
            };
            let column = num();
            let line = num();
            let path = parts.next().expect("a path");
            d(code, path, line, column)
        })
        .collect()
}

/// One `#[test]` per case, named as the case (so a snapshot keeps its name): the notebook
/// `start` plus `files`, then exactly one of
/// - `errors`: `check` finds exactly these (exit 1);
/// - `warnings`: these only (exit 0, and 1 with `--deny-warnings`);
/// - `reported`: these and the witnesses of `bad_input`;
///
/// each written `CODE path:line:column`; then, if given, the `messages` in order and a
/// snapshot of the human output. The check functions are those of the calling module
/// (`check`, `check_warnings`, `assert_reported`).
macro_rules! notebook_cases {
    (start: $start:expr; $(
        $(#[$attr:meta])*
        $name:ident {
            files: [$(($path:expr, $text:expr $(,)?)),* $(,)?],
            $(errors: [$($error:literal),* $(,)?],)?
            $(warnings: [$($warning:literal),* $(,)?],)?
            $(reported: [$($reported:literal),* $(,)?],)?
            $(messages: [$($message:literal),* $(,)?],)?
            $(snapshot: $stream:ident,)?
        }
    )*) => {$(
        $(#[$attr])*
        #[test]
        fn $name() {
            let nb = $start$(.file($path, $text))*;
            $(let out = check(&nb, &diags(&[$($error),*]), 1);)?
            $(let out = check_warnings(&nb, &diags(&[$($warning),*]));)?
            $(let out = assert_reported(&nb, &diags(&[$($reported),*]));)?
            $(assert_eq!(messages(&nb), [$($message),*]);)?
            $(insta::assert_snapshot!(out.$stream);)?
            let _ = out;
        }
    )*};
}
pub(crate) use notebook_cases;

/// The 1-based line of the first line of `text` that contains `needle`.
#[track_caller]
pub(crate) fn line_of(text: &str, needle: &str) -> u64 {
    let index = text
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line contains {needle:?}"));
    u64::try_from(index + 1).expect("line number fits")
}

/// The JSON diagnostic's message.
pub(crate) fn message(v: &Value) -> &str {
    v["message"].as_str().unwrap_or("")
}

/// Each object of `items` as its string fields `keys`, joined by spaces: `"follow-up ada"`.
#[track_caller]
pub(crate) fn joined(items: &[Value], keys: &[&str]) -> Vec<String> {
    items
        .iter()
        .map(|item| {
            let fields: Vec<&str> = keys
                .iter()
                .map(|k| {
                    item[*k]
                        .as_str()
                        .unwrap_or_else(|| panic!("no `{k}` in {item}"))
                })
                .collect();
            fields.join(" ")
        })
        .collect()
}
