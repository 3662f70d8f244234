//! The notebook held in memory by a client that runs for a while: `ties watch`, the language
//! server, `ties serve`. It owns the [`Index`] and the [`Checker`] and decides, in one
//! place, what every such client must agree on:
//!
//! - what a change means: a file or folder on disk read again ([`Change::Disk`]), the text
//!   an editor holds for a file ([`Change::Buffer`], which stands in for the file until
//!   [`Change::Closed`]), or everything read again ([`Change::Rescan`]);
//! - the settings: a `ties.yaml` that no longer reads as a whole (a syntax error, not a
//!   mapping, unreadable) keeps the last good settings in force and shows its problems on
//!   `ties.yaml`; one that reads the files differently (`folders`, `ids`, `keys`, `owner`)
//!   reads every file again, buffers from their text;
//! - the clock: each check moves the notebook's "now" on ([`Workspace::check`]), so a
//!   client left running overnight moves on to the new day;
//! - what a round changed: files read, added, modified, removed, and the diagnostics that
//!   are new and fixed, path by path ([`Round`]).
//!
//! ```text
//! let (mut ws, first) = Workspace::load_with(root, now, cache)?;   // a full check: round 1
//! ws.change(Change::Disk(path));                        // as often as events come
//! ws.change(Change::Buffer { path, text });             // an editor's unsaved text
//! let round = ws.check(now)?;                           // re-checks what the changes reach
//! round.new; round.fixed; round.changed;                // what to print or publish
//! ws.diagnostics(); ws.diagnostics_at(path);            // all, or one file's, now
//! ws.settle().resolve(…);                               // the index, changes applied
//! ```
//!
//! Changes are queued: [`Workspace::settle`] applies them to the index (for a client that
//! answers questions between checks), [`Workspace::check`] applies them and re-checks.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use crate::check::Checker;
use crate::diagnostic::{Diagnostic, Placed, Tally};
use crate::dismissed;
use crate::document::Document;
use crate::error::Error;
use crate::findings::{Code, Finding, Problem};
use crate::index::{Affected, Edit, Index};
use crate::model::Settings;
use crate::notebook::{self, CONFIG_FILE, Ignores};
use crate::now::Now;
use crate::span::Span;
use crate::templates::{self, Templates};

/// One change to the notebook, as a client sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Change {
    /// A file or folder at this absolute path changed, appeared or went: what is there now
    /// is read (unless an editor holds the file's text).
    Disk(PathBuf),
    /// The text an editor holds for the file at `path` (from the root): it stands in for
    /// the file until the editor closes it.
    Buffer { path: String, text: String },
    /// The editor closed the file at `path`: the file on disk counts again.
    Closed(String),
    /// Anything may have changed (events were lost, `.gitignore` changed): read everything.
    Rescan,
}

/// What one round of changes did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Round {
    /// 1 for the first check, then one more per [`Workspace::check`].
    pub number: u64,
    /// Documents read from disk (or buffers parsed) in this round; `ties.yaml` aside.
    pub files_read: usize,
    pub added: usize,
    pub modified: usize,
    pub removed: usize,
    /// The paths whose diagnostics changed, `ties.yaml` and walk problems included.
    pub changed: BTreeSet<String>,
    /// The diagnostics that were not there before, and those gone now, in print order.
    pub new: Vec<Diagnostic>,
    pub fixed: Vec<Diagnostic>,
    /// Every error and warning now.
    pub tally: Tally,
    /// Files in the notebook now: its documents and `ties.yaml`.
    pub files: usize,
}

/// The notebook in memory, kept up to date by changes (see the module's docs).
pub(crate) struct Workspace {
    index: Index,
    checker: Checker,
    ignores: Ignores,
    /// The text an editor holds, by path from the root; it wins over the disk.
    buffers: HashMap<String, String>,
    /// Changes read but not applied to the index yet, and the problems met walking the
    /// folders they name.
    pending: Vec<Edit>,
    walked: Vec<Placed>,
    /// Everything is to be read again before the next check.
    rescan: bool,
    /// Everything was read again: the next check starts from scratch.
    reloaded: bool,
    /// What the changes applied since the last check affect.
    affected: Affected,
    /// What the changes since the last check did, for the round.
    counts: Round,
    tally: Tally,
    rounds: u64,
}

impl Workspace {
    /// Loads and checks the notebook at `root` as of `now`: the first round, where every
    /// diagnostic is new.
    /// Unchanged files come from the persistent cache ([`crate::cache`]). Clients pass the
    /// run's policy to [`Workspace::load_with`]; this is the tests' shorthand.
    #[cfg(test)]
    pub(crate) fn load(root: &Path, now: NaiveDateTime) -> Result<(Self, Round), Error> {
        Self::load_with(root, now, crate::cache::Policy::Use)
    }

    /// Loads and checks the notebook at `root` as of `now`, with the cache or without it
    /// (`--no-cache`): the first round, where every diagnostic is new.
    pub(crate) fn load_with(
        root: &Path,
        now: NaiveDateTime,
        cache: crate::cache::Policy,
    ) -> Result<(Self, Round), Error> {
        let index = notebook::load_with(root, now, cache)?;
        let checker = Checker::new(&index);
        let all = checker.diagnostics();
        let tally = Tally::of(&all);
        let mut workspace = Self {
            ignores: Ignores::load(root),
            checker,
            buffers: HashMap::new(),
            pending: Vec::new(),
            walked: Vec::new(),
            rescan: false,
            reloaded: false,
            affected: Affected::default(),
            counts: Round::default(),
            tally,
            rounds: 1,
            index,
        };
        // A `ties.yaml` broken from the start has no last good settings: the defaults stand
        // in for them, as for `ties check`.
        let round = Round {
            number: 1,
            files_read: workspace.index.files(),
            added: workspace.index.files(),
            changed: all.iter().map(|d| d.path.clone()).collect(),
            new: all,
            tally,
            files: workspace.files(),
            ..Round::default()
        };
        workspace.counts = Round::default();
        Ok((workspace, round))
    }

    pub(crate) fn root(&self) -> &Path {
        &self.index.root
    }

    /// The index as of the last [`Workspace::settle`] or [`Workspace::check`].
    pub(crate) fn index(&self) -> &Index {
        &self.index
    }

    /// How many rounds there have been: a client that shows the notebook elsewhere (a web
    /// page) polls it to know when to ask again.
    pub(crate) fn rounds(&self) -> u64 {
        self.rounds
    }

    /// The path from the root of a file the notebook reads, `ties.yaml` or a document, at
    /// the absolute `path` (through a symlink the root was resolved through, too); `None`
    /// for a file outside the notebook, hidden or ignored, or of another type.
    pub(crate) fn notebook_path(&self, path: &Path) -> Option<String> {
        notebook_path(self.root(), &self.ignores, &self.index.settings, path)
    }

    /// Takes a change: reads what it names now, and applies it at the next
    /// [`Workspace::settle`] or [`Workspace::check`].
    pub(crate) fn change(&mut self, change: Change) {
        match change {
            Change::Rescan => self.rescan = true,
            Change::Disk(path) => self.read(&path),
            Change::Buffer { path, text } if templates::holds(&path) => {
                self.buffers.insert(path, text);
                self.read_templates();
            }
            Change::Buffer { path, text } => {
                if path == CONFIG_FILE {
                    let read = notebook::decode_settings(text.as_bytes().to_vec());
                    self.take_settings(Ok(read));
                } else {
                    self.counts.files_read += 1;
                    let doc = Document::parse(
                        path.clone(),
                        Ok(text.as_bytes().to_vec()),
                        &self.index.settings.conventions,
                    );
                    self.pending.push(Edit::Put(doc));
                }
                self.buffers.insert(path, text);
            }
            Change::Closed(path) => {
                if self.buffers.remove(&path).is_some() {
                    let path = self.root().join(&path);
                    self.read(&path);
                }
            }
        }
    }

    /// Reads what is at `path` now: a folder's files, a file, `ties.yaml`, or nothing.
    fn read(&mut self, path: &Path) {
        let root = self.root().to_owned();
        if path == root.join(".gitignore") || path == root {
            self.rescan = true;
            return;
        }
        let rel = notebook::relative(&root, path);
        if templates::holds(&rel) {
            self.read_templates();
            return;
        }
        if self.buffers.contains_key(&rel) {
            // The editor's text is what counts while it is open.
            return;
        }
        if rel == CONFIG_FILE {
            let read = notebook::load_settings(&root);
            self.take_settings(read);
            return;
        }
        if rel == dismissed::FILE {
            // `ties done` or `ties snooze KEY` set an agenda item aside.
            // Its bad lines are walk findings, read again with it (not only at a reload).
            let (dismissed, found) = notebook::load_dismissed(&root);
            self.index.dismissed = dismissed;
            self.index
                .walk_findings
                .retain(|d| d.path != dismissed::FILE);
            self.index.add_walk_findings(found);
            return;
        }
        let conventions = &self.index.settings.conventions;
        match std::fs::metadata(path) {
            // Left out by `ignore:` in `ties.yaml`: as if it were not there.
            Ok(meta) if conventions.ignore.matches(&rel, meta.is_dir()) => {
                self.pending.push(Edit::Gone(rel));
            }
            Ok(meta) if meta.is_dir() => {
                // A folder appeared (possibly with files already inside, which no event
                // announces) or was renamed in: scan it.
                let (docs, found) = notebook::walk_under(&root, path, conventions);
                self.counts.files_read += docs.len();
                self.pending.push(Edit::Gone(rel));
                self.pending.extend(docs.into_iter().map(Edit::Put));
                self.walked.extend(found);
            }
            Ok(meta) if meta.is_file() => {
                let doc = notebook::read_document(&root, path, conventions);
                self.pending.push(Edit::Put(doc));
                self.counts.files_read += 1;
            }
            // Gone (deleted, renamed away, a dangling symlink): drop it and anything under it.
            _ => self.pending.push(Edit::Gone(rel)),
        }
    }

    /// Reads the message templates again, an editor's text standing in for its file.
    fn read_templates(&mut self) {
        let root = self.root().to_owned();
        let buffers = &self.buffers;
        let read = Templates::load_with(&root, &|path| buffers.get(path).cloned());
        self.index.set_templates(read);
    }

    /// The one settings policy. Settings that read are taken (and if they read the files
    /// differently, every file is read again); a `ties.yaml` that does not read as a whole
    /// keeps the last good settings in force, and its problems are shown on it.
    fn take_settings(&mut self, read: Result<(Settings, String, Vec<Placed>), Error>) {
        let (settings, text, found) = match read {
            Ok(read) => read,
            Err(e) => {
                let reason = e.to_string();
                let finding = Finding::new(Span::file(), Problem::Unreadable { reason });
                let unreadable = vec![Placed::locate(CONFIG_FILE, "", finding)];
                self.index.keep_settings(String::new(), unreadable);
                return;
            }
        };
        let broken = found
            .iter()
            .any(|d| matches!(d.code(), Code::T001 | Code::T003 | Code::T004));
        if broken {
            self.index.keep_settings(text, found);
            return;
        }
        if settings.conventions != self.index.settings.conventions
            || settings.references() != self.index.settings.references()
        {
            // Which folder is which kind, what an id is, which key is which: every file
            // reads differently now. (Or the names no note answers to are records now, or
            // no longer: the index is made again.)
            self.rescan = true;
        }
        self.index.set_settings(settings, text, found);
    }

    /// Applies the changes taken so far to the index, and returns it: what a client asks
    /// between checks (completion, a definition) sees every change it sent.
    pub(crate) fn settle(&mut self) -> &Index {
        if self.rescan {
            self.rescan = false;
            self.pending.clear();
            self.walked.clear();
            self.reload();
        } else if !self.pending.is_empty() {
            let affected = self.index.apply(std::mem::take(&mut self.pending));
            // After the folders they were met in were dropped and read again.
            self.index
                .add_walk_findings(std::mem::take(&mut self.walked));
            self.counts.added += affected.added;
            self.counts.modified += affected.modified;
            self.counts.removed += affected.dropped;
            self.affected.paths.extend(affected.paths);
            self.affected.removed.extend(affected.removed);
            self.affected.moved.extend(affected.moved);
        }
        &self.index
    }

    /// Reads every file again: the settings (unless an editor holds them), the walk, and
    /// the buffers over it. The next check starts from scratch.
    fn reload(&mut self) {
        let root = self.root().to_owned();
        self.ignores = Ignores::load(&root);
        if !self.buffers.contains_key(CONFIG_FILE) {
            self.take_settings(notebook::load_settings(&root));
            // Taking them may ask for this very reload.
            self.rescan = false;
        }
        // Implicit records are no files: they are not counted as read, added or removed.
        let files = |index: &Index| -> BTreeSet<String> {
            (index.docs.iter().filter(|d| !d.is_implicit()))
                .map(|d| d.path.clone())
                .collect()
        };
        let before = files(&self.index);
        let conventions = self.index.settings.conventions.clone();
        let (mut docs, mut walked) = notebook::walk(&root, &conventions);
        let (dismissed, unread) = notebook::load_dismissed(&root);
        walked.extend(unread);
        self.counts.files_read += docs.len();
        for (path, text) in &self.buffers {
            if path == CONFIG_FILE || templates::holds(path) {
                continue;
            }
            let doc = Document::parse(path.clone(), Ok(text.as_bytes().to_vec()), &conventions);
            match docs.iter_mut().find(|d| d.path == *path) {
                Some(on_disk) => *on_disk = doc,
                None => docs.push(doc),
            }
        }
        let settings = (
            self.index.settings.clone(),
            self.index.settings_text.clone(),
            self.index.settings_findings.clone(),
        );
        let mut fresh = Index::new(
            root.clone(),
            self.index.now().exact(),
            settings,
            docs,
            walked,
        );
        fresh.dismissed = dismissed;
        let buffers = &self.buffers;
        fresh.set_templates(Templates::load_with(&root, &|path| {
            buffers.get(path).cloned()
        }));
        let after = files(&fresh);
        let added = after.difference(&before).count();
        self.counts.added += added;
        self.counts.removed += before.len() + added - after.len();
        self.counts.modified += after.len() - added;
        self.index = fresh;
        self.affected = Affected::default();
        self.reloaded = true;
    }

    /// Moves the notebook's "now" to `now`; says whether the day changed, which is what the
    /// time-bound rules (T302, T303) and the agenda's groups count in: a client that is
    /// idle checks again then.
    pub(crate) fn roll(&mut self, now: NaiveDateTime) -> bool {
        if *self.index.now() == Now::new(now) {
            return false;
        }
        let new_day = self.index.today() != now.date();
        self.index.set_now(now);
        new_day
    }

    /// Applies the changes, moves the clock to `now` and re-checks what they can reach:
    /// the next round. An error only when the notebook itself is gone.
    pub(crate) fn check(&mut self, now: NaiveDateTime) -> Result<Round, Error> {
        let root = self.root().to_owned();
        if !root.join(CONFIG_FILE).is_file() && !root.is_dir() {
            return Err(Error::NotebookGone { dir: root });
        }
        self.settle();
        self.roll(now);
        let affected = std::mem::take(&mut self.affected);
        let before = if std::mem::take(&mut self.reloaded) {
            self.checker.replace(Checker::new(&self.index))
        } else {
            self.checker.update_keeping(&self.index, &affected)
        };
        self.rounds += 1;
        let mut round = std::mem::take(&mut self.counts);
        round.number = self.rounds;
        for (path, was) in before {
            let now = self.checker.at(&path);
            let (new, fixed) = difference(&was, &now);
            round.new.extend(new);
            round.fixed.extend(fixed);
            self.tally = minus(plus(self.tally, Tally::of(&now)), Tally::of(&was));
            round.changed.insert(path);
        }
        round.new.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        round.fixed.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        round.tally = self.tally;
        round.files = self.files();
        Ok(round)
    }

    /// Every diagnostic as of the last check, in print order.
    pub(crate) fn diagnostics(&self) -> Vec<Diagnostic> {
        self.checker.diagnostics()
    }

    /// The diagnostics of the file at `path` as of the last check.
    pub(crate) fn diagnostics_at(&self, path: &str) -> Vec<Diagnostic> {
        self.checker.at(path)
    }

    /// The documents and `ties.yaml` (implicit records have no file).
    fn files(&self) -> usize {
        self.index.files() + 1
    }
}

/// The diagnostics of `now` that `was` did not have, and those of `was` gone from `now`,
/// each counted as often as it appears.
fn difference(was: &[Diagnostic], now: &[Diagnostic]) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let key = |d: &Diagnostic| (d.code, d.start, d.message.clone());
    let mut left: BTreeMap<_, usize> = BTreeMap::new();
    for d in was {
        *left.entry(key(d)).or_default() += 1;
    }
    let mut new = Vec::new();
    for d in now {
        match left.get_mut(&key(d)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => new.push(d.clone()),
        }
    }
    let mut fixed = Vec::new();
    for d in was.iter().rev() {
        if let Some(n) = left.get_mut(&key(d))
            && *n > 0
        {
            *n -= 1;
            fixed.push(d.clone());
        }
    }
    fixed.reverse();
    (new, fixed)
}

fn plus(a: Tally, b: Tally) -> Tally {
    Tally {
        errors: a.errors + b.errors,
        warnings: a.warnings + b.warnings,
        infos: a.infos + b.infos,
    }
}

fn minus(a: Tally, b: Tally) -> Tally {
    Tally {
        errors: a.errors.saturating_sub(b.errors),
        warnings: a.warnings.saturating_sub(b.warnings),
        infos: a.infos.saturating_sub(b.infos),
    }
}

/// What the file at `path` (from the root) with `bytes` as its content would add to the
/// diagnostics of `index`, the cross-file and time rules included: the first diagnostic the
/// check reports with the file so that it did not report before (an information aside), or none. A what-if for a
/// command about to write one file (`ties log` and its kin refuse what it finds); `index` is
/// left holding the file as given. Diagnostics are compared by file, rule and words, not by
/// place, since an added line moves what follows it.
pub(crate) fn added_by(index: &mut Index, path: &str, bytes: &[u8]) -> Option<Diagnostic> {
    let mut checker = Checker::new(index);
    let mut known: HashMap<(String, Code, String), usize> = HashMap::new();
    for d in checker.diagnostics() {
        *known.entry((d.path, d.code, d.message)).or_default() += 1;
    }
    let doc = Document::parse(
        path.to_owned(),
        Ok(bytes.to_vec()),
        &index.settings.conventions,
    );
    let affected = index.apply(vec![Edit::Put(doc)]);
    checker.update_keeping(index, &affected);
    // An information (T206: a name no note answers to yet) never fails a check, nor an edit.
    let failing = |d: &Diagnostic| d.severity() != crate::findings::Severity::Info;
    checker.diagnostics().into_iter().filter(failing).find(|d| {
        match known.get_mut(&(d.path.clone(), d.code, d.message.clone())) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        }
    })
}

/// A notebook on disk for tests: an empty `ties.yaml` (unless `files` has one) and
/// `files`, in a temporary folder; its root with symlinks resolved, as clients hold it.
#[cfg(test)]
pub(crate) fn on_disk(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join(CONFIG_FILE), "").unwrap();
    for (path, text) in files {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    (dir, root)
}

/// [`Workspace::notebook_path`] for the notebook at `root` whose `.gitignore` is `ignores`
/// and whose settings are `settings`: also asked before the notebook is loaded (the
/// language server's first look at a document opened while it loads).
pub(crate) fn notebook_path(
    root: &Path,
    ignores: &Ignores,
    settings: &Settings,
    path: &Path,
) -> Option<String> {
    let inside = |p: &Path| p.strip_prefix(root).ok().map(Path::to_path_buf);
    let rel = inside(path).or_else(|| {
        let parent = path.parent()?.canonicalize().ok()?;
        inside(&parent.join(path.file_name()?))
    })?;
    let shown = notebook::relative(Path::new(""), &rel);
    if templates::holds(&shown) && !ignores.gitignored(&root.join(&rel), false) {
        return Some(shown);
    }
    if ignores.is_ignored(&root.join(&rel), false) {
        return None;
    }
    let rel = shown;
    // Left out by `ignore:` in `ties.yaml`: not the notebook's.
    if settings.conventions.ignore.matches(&rel, false) {
        return None;
    }
    (rel == CONFIG_FILE || notebook::is_document(Path::new(&rel))).then_some(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: &str, hour: u32) -> NaiveDateTime {
        crate::model::time::parse_date(day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    /// A new day re-checks the time-bound rules without an edit (T303 once the event has
    /// taken place); within a day nothing moves.
    #[test]
    fn a_new_day_rechecks_the_time_bound_rules() {
        let event = "events/meetup.md";
        let (_dir, root) = on_disk(&[
            ("contacts/ada.md", "---\nname: Ada\n---\n"),
            (
                event,
                "---\nname: Meetup\ndate: 2026-11-22\nmet: [ada]\n---\n",
            ),
        ]);
        let (mut ws, first) = Workspace::load(&root, at("2026-11-21", 0)).unwrap();
        let codes = |ws: &Workspace| -> Vec<Code> {
            ws.diagnostics_at(event).iter().map(|d| d.code).collect()
        };
        assert_eq!(codes(&ws), [Code::T303], "met before the event");
        assert_eq!(first.new.len(), 1);
        assert!(!ws.roll(at("2026-11-21", 0)), "the same now");
        assert!(!ws.roll(at("2026-11-21", 23)), "the same day");
        assert!(ws.roll(at("2026-11-22", 9)), "a new day");
        assert_eq!(ws.index().today(), at("2026-11-22", 0).date());
        // What a client's check then does: no edit, only the time moved.
        let round = ws.check(at("2026-11-22", 9)).unwrap();
        assert!(round.changed.contains(event), "{round:?}");
        assert!(codes(&ws).is_empty(), "the event took place");
        assert_eq!((round.new.len(), round.fixed.len()), (0, 1));
        assert_eq!(round.tally, Tally::default());
        assert_eq!(round.number, 2);
    }

    /// A buffer stands in for its file until it is closed; a change on disk meanwhile does
    /// not count, and the disk counts again once it is closed.
    #[test]
    fn a_buffer_wins_over_its_file_until_closed() {
        let ada = "contacts/ada.md";
        let (_dir, root) = on_disk(&[(ada, "---\nname: Ada\n---\n")]);
        let now = at("2026-11-21", 9);
        let (mut ws, _) = Workspace::load(&root, now).unwrap();
        let text = "---\nname: Ada\nrole: develper\n---\n".to_owned();
        ws.change(Change::Buffer {
            path: ada.into(),
            text,
        });
        let round = ws.check(now).unwrap();
        assert_eq!(round.new.len(), 1);
        assert_eq!(round.new[0].code, Code::T103);
        std::fs::write(root.join(ada), "---\nname: Ada\nhobby: x\n---\n").unwrap();
        ws.change(Change::Disk(root.join(ada)));
        let round = ws.check(now).unwrap();
        assert!(round.changed.is_empty(), "the buffer holds: {round:?}");
        ws.change(Change::Closed(ada.into()));
        let round = ws.check(now).unwrap();
        let codes = |ds: &[Diagnostic]| ds.iter().map(|d| d.code).collect::<Vec<_>>();
        assert_eq!(
            (codes(&round.new), codes(&round.fixed)),
            (vec![Code::T106], vec![Code::T103])
        );
        assert_eq!(round.tally.warnings, 1);
    }

    /// A bad line written to `dismissed.txt` while the workspace is open is reported at
    /// once, and gone once the line is fixed: no reload needed.
    #[test]
    fn a_bad_line_in_dismissed_txt_is_reported_and_cleared_as_it_is_written() {
        let (_dir, root) = on_disk(&[("contacts/ada.md", "---\nname: Ada\n---\n")]);
        let now = at("2026-11-21", 9);
        let (mut ws, _) = Workspace::load(&root, now).unwrap();
        let file = root.join(dismissed::FILE);
        std::fs::write(&file, "not a dismissal\n").unwrap();
        ws.change(Change::Disk(file.clone()));
        let round = ws.check(now).unwrap();
        let at_file = |ds: &[Diagnostic]| {
            ds.iter()
                .filter(|d| d.path == dismissed::FILE)
                .map(|d| d.start.line)
                .collect::<Vec<_>>()
        };
        assert_eq!(at_file(&round.new), [1], "{round:?}");
        std::fs::write(&file, "").unwrap();
        ws.change(Change::Disk(file));
        let round = ws.check(now).unwrap();
        assert_eq!(at_file(&round.fixed), [1], "{round:?}");
        assert!(at_file(&ws.diagnostics()).is_empty());
    }

    #[test]
    fn what_a_notebook_file_is() {
        let (_dir, root) = on_disk(&[(".gitignore", "drafts/\n")]);
        let (ws, _) = Workspace::load(&root, at("2026-11-21", 9)).unwrap();
        let rel = |p: &str| ws.notebook_path(&root.join(p));
        assert_eq!(rel("contacts/ada.md").as_deref(), Some("contacts/ada.md"));
        assert_eq!(rel("notes/Plan.MD").as_deref(), Some("notes/Plan.MD"));
        assert_eq!(rel("ties.yaml").as_deref(), Some("ties.yaml"));
        assert_eq!(rel("drafts/x.md"), None, "ignored");
        assert_eq!(rel(".obsidian/x.md"), None, "hidden");
        assert_eq!(rel("notes/x.txt"), None, "not a document");
        assert_eq!(ws.notebook_path(Path::new("/elsewhere/x.md")), None);
    }

    /// `ignore:` in `ties.yaml` leaves files out for every client (watch, the language
    /// server): a file written there is not read, one moved there goes; and an implicit
    /// record (`references: implicit`) is no file, read, added or counted.
    #[test]
    fn ignore_patterns_leave_files_out_and_implicit_records_are_no_files() {
        let ada = "contacts/ada.md";
        let (_dir, root) = on_disk(&[
            (
                CONFIG_FILE,
                "ignore: [Archive/, _aliases.md]\nreferences: implicit\n",
            ),
            (ada, "---\nname: Ada\ncompany: Initech\n---\n"),
            ("Archive/old.md", "---\nname: [x, y]\n---\n"),
        ]);
        let now = at("2026-11-21", 9);
        let (mut ws, first) = Workspace::load(&root, now).unwrap();
        assert_eq!((first.files, first.added, first.files_read), (2, 1, 1));
        assert_eq!(first.tally.errors + first.tally.warnings, 0, "{first:?}");
        assert_eq!(first.tally.infos, 1, "Initech, once: {first:?}");
        assert!(ws.index().docs.iter().any(Document::is_implicit));
        assert_eq!(ws.notebook_path(&root.join("Archive/old.md")), None);
        assert_eq!(ws.notebook_path(&root.join("contacts/_aliases.md")), None);
        std::fs::write(root.join("Archive/new.md"), "---\nname: [a, b]\n---\n").unwrap();
        ws.change(Change::Disk(root.join("Archive/new.md")));
        std::fs::rename(root.join(ada), root.join("Archive/ada.md")).unwrap();
        ws.change(Change::Disk(root.join(ada)));
        ws.change(Change::Disk(root.join("Archive/ada.md")));
        let round = ws.check(now).unwrap();
        assert_eq!(
            (round.added, round.removed, round.files),
            (0, 1, 1),
            "{round:?}"
        );
        assert!(ws.diagnostics().is_empty());
        assert!(ws.index().docs.is_empty(), "Initech is named no more");
    }
}
