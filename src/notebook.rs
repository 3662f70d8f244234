//! Finding a notebook and loading it: discovery (`--notebook`, `$TIES_NOTEBOOK`, or walking
//! up to `ties.yaml`), a parallel walk that honours hidden files and `.gitignore`, and
//! per-file parsing on the walker's threads, so reading and parsing overlap.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDateTime;
use ignore::{WalkBuilder, WalkState};
use rayon::prelude::*;

use crate::cache::{self, Loaded, Surveyed};
use crate::diagnostic::Placed;
use crate::dismissed::{self, Dismissals};
use crate::document::Document;
use crate::error::Error;
use crate::findings::{Finding, Problem};
use crate::index::Index;
use crate::model::conventions::Ignore;
use crate::model::{Conventions, Settings};
use crate::read;
use crate::span::Span;

pub(crate) const CONFIG_FILE: &str = "ties.yaml";

/// The notebook root: `explicit` (from `--notebook` or `$TIES_NOTEBOOK`) if given, else the
/// nearest directory holding `ties.yaml` from `cwd` upwards.
pub(crate) fn discover(explicit: Option<&Path>, cwd: &Path) -> Result<PathBuf, Error> {
    if let Some(dir) = explicit {
        if !dir.is_dir() {
            return Err(Error::NotebookMissing {
                dir: dir.to_owned(),
            });
        }
        if !dir.join(CONFIG_FILE).is_file() {
            return Err(Error::NotANotebook {
                dir: dir.to_owned(),
            });
        }
        return Ok(dir.to_owned());
    }
    cwd.ancestors()
        .find(|dir| dir.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
        .ok_or_else(|| Error::NoNotebook {
            start: cwd.to_owned(),
        })
}

/// The notebook root as [`discover`] finds it, with its symlinks resolved: the path a
/// long-running client (`watch`, the language server, `serve`) compares file events and
/// the editor's paths with.
pub(crate) fn discover_real(explicit: Option<&Path>, cwd: &Path) -> Result<PathBuf, Error> {
    let root = discover(explicit, cwd)?;
    root.canonicalize()
        .map_err(|source| Error::Io { path: root, source })
}

/// Reads and indexes the whole notebook at `root`, taking what did not change from the
/// persistent cache ([`crate::cache`]).
pub(crate) fn load(root: &Path, now: NaiveDateTime) -> Result<Index, Error> {
    load_with(root, now, cache::Policy::Use)
}

/// [`load`], with the cache or without it (`--no-cache`).
pub(crate) fn load_with(
    root: &Path,
    now: NaiveDateTime,
    policy: cache::Policy,
) -> Result<Index, Error> {
    Ok(survey(root, policy)?.load(now).0)
}

/// The stat pass over the notebook at `root`: its settings read, and each file found
/// either unchanged since the persistent index was written (its document not decoded
/// yet) or read.
pub(crate) fn survey(root: &Path, policy: cache::Policy) -> Result<Survey, Error> {
    let settings = load_settings(root)?;
    let store = cache::Store::open(root, &settings.0.conventions, policy);
    let walker = walker(root, &settings.0.conventions.ignore);
    let (found, walk_findings) = collect(root, &walker, &settings.0.conventions, &store);
    Ok(Survey {
        root: root.to_owned(),
        settings,
        store,
        found,
        walk_findings,
    })
}

/// A notebook after its stat pass ([`survey`]), before its documents are decoded.
pub(crate) struct Survey {
    root: PathBuf,
    /// `ties.yaml`: its settings, text and problems.
    pub settings: (Settings, String, Vec<Placed>),
    store: cache::Store,
    found: Vec<Surveyed>,
    /// What the walk met (symlinks out of the notebook, unreadable folders).
    pub walk_findings: Vec<Placed>,
}

impl Survey {
    /// The notebook's state if no file changed, came or went since the index was written:
    /// then an answer kept for that state holds ([`cache::Answers`]).
    pub(crate) fn unchanged(&self) -> Option<cache::State> {
        let same = self
            .found
            .iter()
            .filter(|f| matches!(f, Surveyed::Same { .. }))
            .count();
        (same == self.found.len())
            .then(|| self.store.unchanged(same))
            .flatten()
    }

    /// How many files the stat pass read.
    #[cfg(test)]
    pub(crate) fn files_read(&self) -> usize {
        self.store.files_read()
    }

    /// Where answers about this notebook are kept, unless the cache is off.
    pub(crate) fn answers(&self) -> Option<cache::Answers> {
        self.store.answers()
    }

    /// The whole notebook: the unchanged documents decoded (on every core), and the index
    /// being written again if anything changed ([`cache::Saving`]: its state, once written).
    pub(crate) fn load(self, now: NaiveDateTime) -> (Index, cache::Saving) {
        let Self {
            root,
            settings,
            mut store,
            found,
            mut walk_findings,
        } = self;
        store.release();
        let shared: Arc<Path> = Arc::from(root.as_path());
        let mut loaded = decode(&shared, found, &settings.0.conventions, &store);
        // The index is ended on another thread while this one sorts and links the
        // documents (a stretch of a cold check during which the other core had nothing to
        // do).
        let saving = store.save(&mut loaded);
        // Made in the buffer of `loaded`, which is a third larger than the documents need.
        let mut docs: Vec<Document> = loaded.into_iter().map(|l| l.doc).collect();
        docs.shrink_to_fit();
        let (dismissed, problems) = load_dismissed(&root);
        walk_findings.extend(problems);
        let mut index = Index::new(root, now, settings, docs, walk_findings);
        index.dismissed = dismissed;
        (index, saving)
    }
}

/// The documents of what the stat pass found: those unchanged decoded from their entries
/// in runs of adjacent entries, shared among the cores (entries of chats cost more than
/// those of companies, and sit together); one run is decoded where it is.
fn decode(
    root: &Arc<Path>,
    found: Vec<Surveyed>,
    conventions: &Conventions,
    store: &cache::Store,
) -> Vec<Loaded> {
    const RUN: usize = 512;
    let mut same = Vec::new();
    // In the buffer of `found` (a `Surveyed` is a `Loaded` in size): at 83,000 files a
    // second one is 35 MB held beside the first.
    let mut loaded: Vec<Loaded> = found
        .into_iter()
        .filter_map(|f| match f {
            Surveyed::Same { rel, place } => {
                same.push((rel, place));
                None
            }
            Surveyed::Loaded(l) => Some(l),
        })
        .collect();
    same.sort_unstable_by_key(|(_, place)| place.stored.document.start);
    let mut runs = Vec::with_capacity(same.len().div_ceil(RUN));
    let mut same = same.into_iter().peekable();
    while same.peek().is_some() {
        runs.push(same.by_ref().take(RUN).collect::<Vec<_>>());
    }
    if runs.len() < 2 {
        for run in runs {
            loaded.append(&mut store.decode(root, run, conventions));
        }
        return loaded;
    }
    let decoded: Vec<Vec<Loaded>> = (runs.into_par_iter())
        .map(|run| store.decode(root, run, conventions))
        .collect();
    loaded.extend(decoded.into_iter().flatten());
    loaded
}

/// `dismissed.txt`, if the notebook has one: the agenda items set aside, and the lines that
/// could not be read (T305). A missing file sets nothing aside; one that cannot be read (a
/// folder, no permission, not UTF-8) sets nothing aside either, and says so (T001).
pub(crate) fn load_dismissed(root: &Path) -> (Dismissals, Vec<Placed>) {
    let unread = |problem: Problem| {
        let finding = Finding::new(Span::file(), problem);
        (
            Dismissals::default(),
            vec![Placed::locate(dismissed::FILE, "", finding)],
        )
    };
    let bytes = match std::fs::read(root.join(dismissed::FILE)) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return (Dismissals::default(), Vec::new());
        }
        Err(e) => {
            return unread(Problem::Unreadable {
                reason: e.to_string(),
            });
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return unread(Problem::NotUtf8);
    };
    let (dismissed, findings) = Dismissals::parse(&text);
    let placed = findings
        .into_iter()
        .map(|f| Placed::locate(dismissed::FILE, &text, f))
        .collect();
    (dismissed, placed)
}

/// `ties.yaml`: its settings, its text, and its problems. Unreadable is an I/O failure.
pub(crate) fn load_settings(root: &Path) -> Result<(Settings, String, Vec<Placed>), Error> {
    let path = root.join(CONFIG_FILE);
    let bytes = std::fs::read(&path).map_err(|source| Error::Io {
        path: path.clone(),
        source,
    })?;
    Ok(decode_settings(bytes))
}

/// The bytes of `ties.yaml`: its settings, its text, and its problems.
pub(crate) fn decode_settings(bytes: Vec<u8>) -> (Settings, String, Vec<Placed>) {
    let Ok(text) = String::from_utf8(bytes) else {
        let finding = Finding::new(Span::file(), Problem::NotUtf8);
        return (
            Settings::default(),
            String::new(),
            vec![Placed::locate(CONFIG_FILE, "", finding)],
        );
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text);
    let (settings, findings) = Settings::decode(&text);
    let diagnostics = findings
        .into_iter()
        .map(|f| Placed::locate(CONFIG_FILE, &text, f))
        .collect();
    (settings, text, diagnostics)
}

/// Every Markdown file under `root` that `ignore:` leaves in, parsed as `conventions` say;
/// and the problems met while walking.
pub(crate) fn walk(root: &Path, conventions: &Conventions) -> (Vec<Document>, Vec<Placed>) {
    let store = cache::Store::open(root, conventions, cache::Policy::Off);
    let walker = walker(root, &conventions.ignore);
    let (surveyed, found) = collect(root, &walker, conventions, &store);
    (read_all(surveyed), found)
}

/// The documents of a walk without the cache: every file was read.
fn read_all(surveyed: Vec<Surveyed>) -> Vec<Document> {
    surveyed
        .into_iter()
        .filter_map(|s| match s {
            Surveyed::Loaded(l) => Some(l.doc),
            Surveyed::Same { .. } => None,
        })
        .collect()
}

/// The stat pass: each Markdown file the walk finds, as [`cache::Store::survey`] makes of
/// it; and the problems met while walking.
fn collect(
    root: &Path,
    (walker, guard): &(WalkBuilder, Arc<Guard>),
    conventions: &Conventions,
    store: &cache::Store,
) -> (Vec<Surveyed>, Vec<Placed>) {
    // Each walker thread keeps what it read and hands it all over once, when it ends: no
    // document passes through the main thread one by one.
    let gathered: Arc<Mutex<Vec<Gather>>> = Arc::default();
    let shared: Arc<Path> = Arc::from(root);
    walker.build_parallel().run(|| {
        let shared = Arc::clone(&shared);
        let mut gather = Gather {
            docs: Vec::new(),
            problems: Vec::new(),
            into: Some(Arc::clone(&gathered)),
        };
        Box::new(move |entry| {
            match entry {
                Ok(entry) if is_markdown(&entry) => {
                    let rel = relative(&shared, entry.path());
                    gather
                        .docs
                        .push(store.survey(&shared, entry.path(), rel, conventions));
                }
                Ok(_) => {}
                Err(err) => gather.problems.push(walk_error(root, &err)),
            }
            WalkState::Continue
        })
    });
    let mut gathered =
        std::mem::take(&mut *gathered.lock().unwrap_or_else(PoisonError::into_inner));
    // The others appended to the largest, rather than all to a new one: at no time are
    // all of them held twice (at 8,300 files, 3.6 MB less at the peak).
    gathered.sort_by_key(|g| std::cmp::Reverse(g.docs.len()));
    let mut problems =
        std::mem::take(&mut *guard.skipped.lock().unwrap_or_else(PoisonError::into_inner));
    let mut docs = gathered
        .first_mut()
        .map(|g| std::mem::take(&mut g.docs))
        .unwrap_or_default();
    for mut g in gathered {
        docs.append(&mut g.docs);
        problems.append(&mut g.problems);
    }
    problems.sort_by(|a, b| (&a.path, a.start).cmp(&(&b.path, b.start)));
    (docs, problems)
}

/// What one walker thread read; handed over when the thread drops it.
struct Gather {
    docs: Vec<Surveyed>,
    problems: Vec<Placed>,
    into: Option<Arc<Mutex<Vec<Gather>>>>,
}

impl Drop for Gather {
    fn drop(&mut self) {
        if let Some(into) = self.into.take() {
            let mine = Self {
                docs: std::mem::take(&mut self.docs),
                problems: std::mem::take(&mut self.problems),
                into: None,
            };
            into.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(mine);
        }
    }
}

/// The walker `check`, `watch` and the benchmarks agree on: no hidden files, the root
/// `.gitignore` and `ignore:` in `ties.yaml` honoured even outside a git repository,
/// nothing above the root, symlinks followed only inside the notebook (see [`Guard`]); and
/// the problems its guard met.
pub(crate) fn walker(root: &Path, ignore: &Ignore) -> (WalkBuilder, Arc<Guard>) {
    walker_at(root, root, ignore)
}

/// The same walker, started at `dir` inside the notebook (for a folder that appeared).
fn walker_at(root: &Path, dir: &Path, ignore: &Ignore) -> (WalkBuilder, Arc<Guard>) {
    let ignores = Ignores::load(root);
    let ignore = ignore.clone();
    let base = root.to_owned();
    let guard = Arc::new(Guard::new(root));
    let admit = Arc::clone(&guard);
    let mut builder = WalkBuilder::new(dir);
    builder
        .hidden(true)
        .git_ignore(false)
        .ignore(false)
        .parents(false)
        .git_global(false)
        .git_exclude(false)
        .follow_links(true)
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            let rel = relative(&base, entry.path());
            !ignores.gitignored(entry.path(), is_dir)
                && !ignore.matches(&rel, is_dir)
                && !crate::templates::within(&rel)
                && admit.admits(entry, is_dir)
        });
    (builder, guard)
}

/// What keeps a walk finite and inside the notebook. A symlink that leads out of the
/// notebook (`ln -s /proc nb/p`, `/`, `/sys`) is reported (T001) and not followed: walking
/// it could read the whole machine, or never end. A symlinked folder inside the notebook is
/// not followed either, as its files are read at their own path. And no folder is walked
/// twice (a bind mount of an ancestor), whatever path leads to it.
pub(crate) struct Guard {
    root: PathBuf,
    /// The root with symlinks resolved, to compare link targets with.
    real_root: PathBuf,
    seen: Mutex<HashSet<DirId>>,
    skipped: Mutex<Vec<Placed>>,
}

/// A folder's identity: device and inode where there are such.
#[cfg(unix)]
type DirId = (u64, u64);
/// Elsewhere its canonical path.
#[cfg(not(unix))]
type DirId = PathBuf;

impl Guard {
    fn new(root: &Path) -> Self {
        Self {
            root: root.to_owned(),
            real_root: root.canonicalize().unwrap_or_else(|_| root.to_owned()),
            seen: Mutex::new(HashSet::new()),
            skipped: Mutex::new(Vec::new()),
        }
    }

    fn admits(&self, entry: &ignore::DirEntry, is_dir: bool) -> bool {
        if entry.path_is_symlink() {
            // Dangling: admitted, so the walk reports it as unreadable.
            if let Ok(target) = entry.path().canonicalize() {
                if !target.starts_with(&self.real_root) {
                    let reason = format!(
                        "it is a symlink to {}, outside the notebook, and is not followed",
                        target.display()
                    );
                    let rel = relative(&self.root, entry.path());
                    let finding = Finding::new(Span::file(), Problem::Unreadable { reason });
                    let diagnostic = Placed::locate(&rel, "", finding);
                    self.skipped
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push(diagnostic);
                    return false;
                }
                if is_dir {
                    return false;
                }
            }
        }
        if !is_dir {
            return true;
        }
        match dir_id(entry) {
            Some(id) => self
                .seen
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(id),
            None => true,
        }
    }
}

#[cfg(unix)]
fn dir_id(entry: &ignore::DirEntry) -> Option<DirId> {
    use std::os::unix::fs::MetadataExt;
    let meta = entry.metadata().ok()?;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn dir_id(entry: &ignore::DirEntry) -> Option<DirId> {
    entry.path().canonicalize().ok()
}

/// What the notebook does not read: hidden files and folders, and what the root
/// `.gitignore` ignores. Only the root's `.gitignore` counts, as the spec says, so a full
/// walk and `watch`'s one-file updates always agree.
#[derive(Clone, Debug)]
pub(crate) struct Ignores {
    root: PathBuf,
    gitignore: ignore::gitignore::Gitignore,
}

impl Ignores {
    pub(crate) fn load(root: &Path) -> Self {
        let (gitignore, _) = ignore::gitignore::Gitignore::new(root.join(".gitignore"));
        Self {
            root: root.to_owned(),
            gitignore,
        }
    }

    pub(crate) fn gitignored(&self, path: &Path, is_dir: bool) -> bool {
        // Most notebooks have no `.gitignore`: then no path is compared with the root.
        !self.gitignore.is_empty()
            && path.starts_with(&self.root)
            && self
                .gitignore
                .matched_path_or_any_parents(path, is_dir)
                .is_ignore()
    }

    /// Whether `path` (absolute, under the root) is hidden or ignored.
    pub(crate) fn is_ignored(&self, path: &Path, is_dir: bool) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return true;
        };
        let hidden = rel
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        hidden || self.gitignored(path, is_dir) || self.is_templates(path)
    }

    /// Whether `path` is in the message templates' folder, which holds no records or notes
    /// ([`crate::templates`] reads it).
    pub(crate) fn is_templates(&self, path: &Path) -> bool {
        path.strip_prefix(&self.root)
            .is_ok_and(|rel| crate::templates::within(&joined(rel)))
    }
}

/// Every Markdown file under `dir` (inside the notebook at `root`), parsed.
pub(crate) fn walk_under(
    root: &Path,
    dir: &Path,
    conventions: &Conventions,
) -> (Vec<Document>, Vec<Placed>) {
    let store = cache::Store::open(root, conventions, cache::Policy::Off);
    let walker = walker_at(root, dir, &conventions.ignore);
    let (surveyed, found) = collect(root, &walker, conventions, &store);
    (read_all(surveyed), found)
}

/// Reads and parses one file of the notebook: a 1 GB file costs its first 64 MiB. Its text
/// is kept only if it has problems of its own ([`Document::forget_text`]).
pub(crate) fn read_document(root: &Path, path: &Path, conventions: &Conventions) -> Document {
    let root = Arc::from(root);
    let rel = relative(&root, path);
    read::parse(&root, rel, read::file(path), conventions)
}

fn is_markdown(entry: &ignore::DirEntry) -> bool {
    entry.file_type().is_some_and(|t| t.is_file()) && is_document(entry.path())
}

/// Whether the file at `path` is one the notebook reads as a document: a Markdown file
/// (`.md`, in any case). The one place this is decided: the walk, `watch`'s events and the
/// editor's buffers ask it (hidden and ignored files aside: [`Ignores`]).
pub(crate) fn is_document(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

/// `root/contacts/jane.md` → `contacts/jane.md`, with `/` separators on every platform.
pub(crate) fn relative(root: &Path, path: &Path) -> String {
    match plainly_below(root, path) {
        Some(rel) => rel.to_owned(),
        None => joined(path.strip_prefix(root).unwrap_or(path)),
    }
}

/// The components of `rel`, joined by `/`: what [`relative`] makes of any path.
fn joined(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The rest of `path` after `root` when `path` is `root`, a `/` and a plain relative path
/// (UTF-8 names, no empty, `.` or `..` part, no `/` at the end): what the walk makes of every
/// file, and then the rest is already what [`relative`] would build from its components.
/// Asked for every file and folder walked; going through the components cost a check 3%
/// of its instructions (callgrind, 8,300 files).
#[cfg(unix)]
fn plainly_below<'a>(root: &Path, path: &'a Path) -> Option<&'a str> {
    use std::os::unix::ffi::OsStrExt;
    let root = root.as_os_str().as_bytes();
    let rest = path.as_os_str().as_bytes().strip_prefix(root)?;
    let rest = if root.ends_with(b"/") {
        rest
    } else {
        rest.strip_prefix(b"/")?
    };
    let rest = std::str::from_utf8(rest).ok()?;
    // The parts a link's path is checked by; a walked path holds no `..`, and a `%` in a
    // file's name is the name's own.
    let plain = !root.is_empty() && crate::body::plain_parts(rest.as_bytes(), false).is_some();
    plain.then_some(rest)
}

/// Elsewhere separators differ, and the components decide.
#[cfg(not(unix))]
fn plainly_below<'a>(_root: &Path, _path: &'a Path) -> Option<&'a str> {
    None
}

fn walk_error(root: &Path, err: &ignore::Error) -> Placed {
    let (path, reason) = describe_walk_error(root, err);
    let rel = path.map_or_else(|| ".".to_owned(), |p| relative(root, &p));
    Placed::locate(
        &rel,
        "",
        Finding::new(Span::file(), Problem::Unreadable { reason }),
    )
}

fn describe_walk_error(root: &Path, err: &ignore::Error) -> (Option<PathBuf>, String) {
    match err {
        ignore::Error::WithPath { path, err } => {
            let (_, reason) = describe_walk_error(root, err);
            (Some(path.clone()), reason)
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            describe_walk_error(root, err)
        }
        ignore::Error::Loop { child, ancestor } => {
            let target = match ancestor.strip_prefix(root) {
                Ok(p) if p.as_os_str().is_empty() => "the notebook root".to_owned(),
                Ok(p) => relative(Path::new(""), p),
                Err(_) => ancestor.display().to_string(),
            };
            (
                Some(child.clone()),
                format!("symlink loop back to {target}"),
            )
        }
        ignore::Error::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            (None, "permission denied".to_owned())
        }
        ignore::Error::Io(e) if e.kind() == std::io::ErrorKind::NotFound => (
            None,
            "not found (a dangling symlink, or deleted while reading)".to_owned(),
        ),
        other => (None, other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the components make of `path` below `root`: [`relative`] without its shortcut.
    fn by_components(root: &Path, path: &Path) -> String {
        joined(path.strip_prefix(root).unwrap_or(path))
    }

    #[test]
    fn relative_paths_are_those_the_components_make() {
        let cases = [
            ("nb", "nb/contacts/jane.md"),
            ("nb/", "nb/contacts/jane.md"),
            ("./nb", "./nb/chats/2026/a.md"),
            ("/", "/contacts/jane.md"),
            ("nb", "nb"),
            ("nb", "nb/"),
            ("nb", "nb/contacts/"),
            ("nb", "nb//contacts/jane.md"),
            ("nb", "nb/./contacts/jane.md"),
            ("nb", "nb/contacts/./jane.md"),
            ("nb", "nb/../nb/jane.md"),
            ("nb", "nbx/jane.md"),
            ("nb", "other/jane.md"),
            ("nb", "nb/.hidden/a.md"),
            ("nb", "nb/José Álvarez.md"),
            ("", "contacts/jane.md"),
        ];
        for (root, path) in cases {
            let (root, path) = (Path::new(root), Path::new(path));
            assert_eq!(
                relative(root, path),
                by_components(root, path),
                "{root:?} {path:?}"
            );
        }
        assert_eq!(
            relative(Path::new("nb"), Path::new("nb/contacts/jane.md")),
            "contacts/jane.md"
        );
    }
}
