//! The persistent index: what parsing each file of the notebook produced (its record, its
//! own findings, links, tasks and spans), kept in `.ties-cache/index` so that a run in
//! which a file did not change takes its [`Document`] from there instead of reading and
//! parsing the file. The cross-file rules still run over the whole index every time.
//!
//! A run goes in two steps. The stat pass ([`Store::survey`], on the walk's threads) reads
//! only the index's table of files (paths and identities, about a tenth of the index) and
//! finds each file either unchanged (its document not read yet: [`Surveyed::Same`]) or
//! read; then the unchanged are decoded ([`Store::decode`]), their documents read from the
//! index file a run at a time. In between, a command can take an answer kept for the
//! notebook's [`State`] instead ([`Answers`]): a check or an agenda with nothing changed
//! reads no document at all.
//!
//! An entry is keyed by the file's path and holds the file's identity as the file system
//! reports it ([`Stamp`]: size, modification and change times to the nanosecond, inode and
//! device). An entry is used only when all of it is equal, and, git's racy-clean rule, only
//! if the file had not changed within [`RACY`] of the run that wrote the entry: a file saved
//! again in the same tick as the read, with the same size, would have the same identity.
//! Such an entry (and any entry on a file system without sub-second times) is checked
//! against the file's text by its fingerprint, which costs a read but no parse.
//!
//! The whole index is ignored, and rebuilt, when any of this differs from the run that
//! wrote it: the build of `ties` (its version and the identity of its executable, so a
//! development build whose types changed never reads old entries), the notebook's root
//! folder (a copy on another disk or machine), and the conventions of `ties.yaml` that a
//! file's parse depends on ([`Conventions`]). The table carries a checksum, and each
//! document its own: a corrupt or truncated file is never trusted, and a run never fails
//! because of its cache (it reads the notebook as if there were none).
//!
//! The next index is written into a temporary file beside it (each document and its row as
//! it is parsed, [`Store::keep`]; the unchanged documents and the table at the end, on a
//! thread of its own while the command uses the documents: [`Saving`]) and renamed over
//! it, so a reader sees the old index or the new one, never a torn one; it is put in place
//! only when something changed. The folder carries its own
//! `.gitignore` (`*`) and a `CACHEDIR.TAG`, so git and backup tools leave it alone; it is
//! hidden, so the notebook's walk never reads it. docs/performance.md says why it lives
//! there and what it saves.

mod answers;
mod format;
#[cfg(test)]
mod tests;
/// The property tests of what is built on the cache change notebooks as these do.
#[cfg(test)]
pub(crate) use tests::{change_dismissed, change_settings, edit, notebook, put_files};

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::io::{Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use chrono::NaiveDateTime;

use crate::document::Document;
use crate::error::Error;
use crate::hash::Fnv;
use crate::model::Conventions;
use crate::read;
pub(crate) use answers::Answer;
pub(crate) use format::{Place, Stored};

/// The cache's folder in the notebook root.
pub(crate) const DIR: &str = ".ties-cache";
/// The index in it.
const FILE: &str = "index";

/// A file changed less than this before the run that read it may change again unseen:
/// its entry is checked against the file's text next time. Two seconds cover the coarse
/// clock file times are taken from (a jiffy) and a file server's clock a little off.
pub(crate) const RACY: Duration = Duration::from_secs(2);

/// Whether a run reads and writes the cache (`--no-cache` says no).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Policy {
    #[default]
    Use,
    Off,
    /// The cache as a test drives it: a run whose clock reads `back` less than the
    /// system's (a clock moved back), and a racy window of `racy` instead of [`RACY`].
    #[cfg(test)]
    Testing {
        back: Duration,
        racy: Duration,
    },
}

impl Policy {
    pub(crate) fn uses(self) -> bool {
        self != Self::Off
    }
}

/// A file's identity as the file system reports it: equal identities are taken for equal
/// contents (see the module's docs for when they are not trusted).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Stamp {
    pub size: u64,
    pub modified: Time,
    pub changed: Time,
    pub inode: u64,
    pub device: u64,
}

/// A moment as the file system gives it: seconds since the epoch (negative before it) and
/// the nanoseconds into that second. Not one `i128` of nanoseconds: its alignment of 16
/// made every document read in a walk 416 bytes instead of 392, and kept the list of them
/// from becoming the list of documents in place (a second 2.3 MB at 8,300 files).
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
pub(crate) struct Time {
    pub secs: i64,
    /// Below 1,000,000,000.
    pub nanos: u32,
}

impl Time {
    /// `secs` and `nanos` as the system gives them; nanoseconds out of range (never from a
    /// file system) carry into the seconds.
    fn new(secs: i64, nanos: i64) -> Self {
        Self {
            secs: secs.saturating_add(nanos.div_euclid(1_000_000_000)),
            nanos: u32::try_from(nanos.rem_euclid(1_000_000_000)).unwrap_or(0),
        }
    }
}

/// A moment after the epoch, as `SystemTime` gives it.
impl From<Duration> for Time {
    fn from(since_epoch: Duration) -> Self {
        Self {
            secs: i64::try_from(since_epoch.as_secs()).unwrap_or(i64::MAX),
            nanos: since_epoch.subsec_nanos(),
        }
    }
}

impl Stamp {
    #[cfg(unix)]
    pub(crate) fn of(meta: &std::fs::Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        Self {
            size: meta.len(),
            modified: Time::new(meta.mtime(), meta.mtime_nsec()),
            changed: Time::new(meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
            device: meta.dev(),
        }
    }

    /// Without inodes and change times, only size and modification time: never trusted
    /// without the fingerprint ([`Stamp::fine`] is false).
    #[cfg(not(unix))]
    pub(crate) fn of(meta: &std::fs::Metadata) -> Self {
        let modified = meta
            .modified()
            .ok()
            .and_then(|m| m.duration_since(SystemTime::UNIX_EPOCH).ok())
            .map_or(Time::default(), Time::from);
        Self {
            size: meta.len(),
            modified,
            ..Self::default()
        }
    }

    /// Whether the times have sub-second precision and a change time: a file system that
    /// keeps whole seconds (FAT, some network mounts) says nothing about a change within
    /// the second, so such a file is always checked by its text.
    fn fine(&self) -> bool {
        self.changed != Time::default() && (self.modified.nanos != 0 || self.changed.nanos != 0)
    }

    /// Whether the file last changed at least `racy` ([`RACY`]) before `started`, the
    /// moment the run that read it started reading.
    fn settled_before(&self, started: SystemTime, racy: Duration) -> bool {
        let Some(bound) = started
            .duration_since(SystemTime::UNIX_EPOCH)
            .ok()
            .and_then(|since| since.checked_sub(racy))
        else {
            return false;
        };
        let bound = Time::from(bound);
        self.fine() && self.modified < bound && self.changed < bound
    }
}

/// A document as loaded, with its entry in the next index.
pub(crate) struct Loaded {
    pub doc: Document,
    pub entry: Entry,
}

/// A loaded document's entry in the next index.
pub(crate) enum Entry {
    /// None: the file's parse is not kept (unreadable, not UTF-8, too large to read whole)
    /// and it is read every time; or the next index cannot be written.
    None,
    /// Its document and its row are in the next index already, written as it was parsed
    /// ([`Store::keep`]).
    Written,
    /// Unchanged: its entry goes into the next index as it is, its document copied from
    /// the index read when the next one is ended.
    Reused(Reused),
}

/// An entry of the index read that goes into the next one as it is, but for its document's
/// place.
pub(crate) struct Reused {
    path: Box<str>,
    place: Place,
}

/// What the stat pass made of one file ([`Store::survey`]).
pub(crate) enum Surveyed {
    /// The file is the one its entry was made from: decoded only if a command needs it
    /// ([`Store::decode`]).
    Same { rel: String, place: Place },
    /// Read: parsed, or taken from its entry because its text is the entry's.
    Loaded(Loaded),
}

/// The notebook's files as an index describes them: a fingerprint of all its entries, each
/// of which holds a file's path, stamp, text fingerprint and document. Two runs that see
/// the same state parsed the same documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct State(pub(crate) u64);

/// The index read at the start of a run, and what the run did with it.
pub(crate) struct Store {
    root: PathBuf,
    policy: Policy,
    /// The moment this run started reading files ([`Stamp::settled_before`]).
    started: SystemTime,
    racy: Duration,
    /// `None` when this build or root cannot be told apart: nothing is cached then.
    key: Option<format::Key>,
    /// The index's table of files, held through the stat pass only ([`Store::release`]),
    /// and each row's range in it by path.
    table: Vec<u8>,
    /// The index file read, open: unchanged entries are decoded from it, and copied from it
    /// when the index is written again, a run of them at a time, so that the whole index is
    /// never in memory beside the documents decoded from it.
    file: Option<std::fs::File>,
    entries: HashMap<Box<str>, Range<usize>, BuildHasherDefault<Fnv>>,
    /// The state the index read describes.
    state: Option<State>,
    /// Entries taken as they were ([`Entry::Reused`]), and written as parsed
    /// ([`Entry::Written`]).
    reused: AtomicUsize,
    written: AtomicUsize,
    changed: AtomicBool,
    /// Files this run read.
    read: AtomicUsize,
    /// The next index, begun with the first document parsed: each is encoded on the thread
    /// that parsed it while it is still in that core's cache, and appended here with its
    /// row. Encoding every document at the end took 0.3 s at 83,000 files (chasing pointers
    /// through 300 MB of documents on one core); this way it is a part of the parallel walk.
    next: Mutex<Next>,
}

/// The index being written ([`Store::next`]): a temporary file in the cache's folder, the
/// bytes not written to it yet and where they go, and the offset the next document goes at.
enum Next {
    NotBegun,
    Writing {
        /// Shared with the thread writing a full piece of `pending`, outside the lock.
        file: Arc<tempfile::NamedTempFile>,
        pending: Vec<u8>,
        /// A piece written, its room kept for the next: each new one was a few hundred
        /// page faults.
        spare: Vec<u8>,
        /// Where `pending` goes in the file.
        from: u64,
        at: u64,
        /// The rows of the documents written, and how many: the table's first rows.
        table: Vec<u8>,
        rows: u64,
    },
    /// It could not be begun or written to: no index is written this run.
    Failed,
}

/// The pieces the next index is written in ([`Store::keep`]): a write per document would cost
/// more system calls than the rest of keeping it.
const PIECE: usize = 1 << 18;

impl Store {
    /// The index of the notebook at `root` read with `conventions`, or an empty one (none
    /// yet, `--no-cache`, or one that does not hold: foreign, corrupt, another build).
    pub(crate) fn open(root: &Path, conventions: &Conventions, policy: Policy) -> Self {
        let (started, racy) = match policy {
            #[cfg(test)]
            Policy::Testing { back, racy } => (SystemTime::now() - back, racy),
            _ => (SystemTime::now(), RACY),
        };
        let key = format::Key::new(root, fingerprint(conventions));
        let mut store = Self {
            root: root.to_owned(),
            policy,
            started,
            racy,
            key,
            table: Vec::new(),
            file: None,
            entries: HashMap::default(),
            state: None,
            reused: AtomicUsize::new(0),
            written: AtomicUsize::new(0),
            changed: AtomicBool::new(false),
            read: AtomicUsize::new(0),
            next: Mutex::new(Next::NotBegun),
        };
        let Some(key) = store.kept_key() else {
            return store;
        };
        let Ok(file) = std::fs::File::open(root.join(DIR).join(FILE)) else {
            return store;
        };
        let Ok(meta) = file.metadata() else {
            return store;
        };
        if let Some(table) = format::table(&file, meta.len(), &key) {
            store.entries = table.rows;
            store.state = Some(table.state);
            store.table = table.bytes;
            store.file = Some(file);
        }
        store
    }

    /// What the stat pass makes of the file at `path` (absolute; `rel` from the root): its
    /// entry, not decoded yet, when the file is the one the entry was made from; else the
    /// file read, and parsed unless its text is the entry's.
    pub(crate) fn survey(
        &self,
        root: &Arc<Path>,
        path: &Path,
        rel: String,
        conventions: &Conventions,
    ) -> Surveyed {
        let row = self
            .entries
            .get(rel.as_str())
            .and_then(|range| format::Row::read(self.table.get(range.clone())?))
            .and_then(|row| Some((row.head.trusted, row.place()?)));
        let Some((trusted, place)) = row else {
            return Surveyed::Loaded(self.parse(root, rel, self.read_file(path), conventions));
        };
        if trusted
            && let Ok(meta) = std::fs::metadata(path)
            && Stamp::of(&meta) == place.stamp
        {
            return Surveyed::Same { rel, place };
        }
        // Changed, or not to be trusted on its stamp: read the file, and if its text is the
        // one the entry was made from, take the entry all the same (a read, but no parse).
        let read = self.read_file(path);
        if let Ok((head, len, meta)) = &read
            && head.len() as u64 == *len
            && text_of(head) == place.text
            && let Some(mut doc) = self.document(&place, root)
            // The fingerprint leaves a byte-order mark out, as the text does.
            && doc.bom == head.starts_with(BOM)
        {
            self.changed.store(true, Ordering::Relaxed);
            doc.path = rel;
            let entry = self.keep(&doc, Stamp::of(meta), place.text);
            return Surveyed::Loaded(Loaded { doc, entry });
        }
        Surveyed::Loaded(self.parse(root, rel, read, conventions))
    }

    /// Lets go of the index's table once the stat pass is over.
    pub(crate) fn release(&mut self) {
        self.table = Vec::new();
    }

    /// The document at `place` in the index read, read on its own.
    fn document(&self, place: &Place, root: &Arc<Path>) -> Option<Document> {
        let bytes = format::read_at(self.file.as_ref()?, place.stored.document.clone()).ok()?;
        place.document(&bytes, root)
    }

    /// The documents of a run of files the stat pass found unchanged
    /// ([`Surveyed::Same`]), in the order of their documents in the index: read from the
    /// index file in one piece and decoded; a file whose document cannot be read is read
    /// and parsed.
    pub(crate) fn decode(
        &self,
        root: &Arc<Path>,
        run: Vec<(String, Place)>,
        conventions: &Conventions,
    ) -> Vec<Loaded> {
        let span = run.first().map_or(0, |(_, p)| p.stored.document.start)
            ..run.last().map_or(0, |(_, p)| p.stored.document.end);
        let bytes = self
            .file
            .as_ref()
            .filter(|_| span.start <= span.end)
            .and_then(|file| format::read_at(file, span.clone()).ok());
        run.into_iter()
            .map(|(rel, place)| {
                let range = place.stored.document.clone();
                let doc = bytes
                    .as_deref()
                    .and_then(|b| {
                        b.get(range.start.checked_sub(span.start)?..range.end - span.start)
                    })
                    .and_then(|b| place.document(b, root));
                self.decode_entry(root, rel, place, doc, conventions)
            })
            .collect()
    }

    fn decode_entry(
        &self,
        root: &Arc<Path>,
        rel: String,
        place: Place,
        doc: Option<Document>,
        conventions: &Conventions,
    ) -> Loaded {
        if let Some(mut doc) = doc {
            self.reused.fetch_add(1, Ordering::Relaxed);
            let entry = Entry::Reused(Reused {
                path: rel.as_str().into(),
                place,
            });
            doc.path = rel;
            return Loaded { doc, entry };
        }
        let path = root.join(&rel);
        self.parse(root, rel, self.read_file(&path), conventions)
    }

    /// The notebook as the index read describes it, when the stat pass found each of its
    /// `same` files unchanged, and no other: every file is the one its entry was made from.
    pub(crate) fn unchanged(&self, same: usize) -> Option<State> {
        (same == self.entries.len() && !self.changed.load(Ordering::Relaxed))
            .then_some(self.state)
            .flatten()
    }

    /// How many files this run read: none that did not change, when the index holds.
    #[cfg(test)]
    pub(crate) fn files_read(&self) -> usize {
        self.read.load(Ordering::Relaxed)
    }

    fn read_file(&self, path: &Path) -> read::Read {
        self.read.fetch_add(1, Ordering::Relaxed);
        read::file(path)
    }

    /// Parses what reading the file gave.
    fn parse(
        &self,
        root: &Arc<Path>,
        rel: String,
        read: read::Read,
        conventions: &Conventions,
    ) -> Loaded {
        let stamp = read
            .as_ref()
            .ok()
            .filter(|_| self.kept_key().is_some())
            .map(|(_, _, meta)| Stamp::of(meta));
        let doc = read::parse(root, rel, read, conventions);
        let Some(stamp) = stamp else {
            return Loaded {
                doc,
                entry: Entry::None,
            };
        };
        // A file whose parse is not kept has no entry to change: marked changed, a notebook
        // holding one (a file not UTF-8, say) would write its index again on every run.
        let entry = match doc.fingerprint() {
            Some(text) => {
                self.changed.store(true, Ordering::Relaxed);
                self.keep(&doc, stamp, text)
            }
            None => Entry::None,
        };
        Loaded { doc, entry }
    }

    /// The key this run reads and keeps the cache under: none with `--no-cache`, nor for a
    /// build or root it cannot tell apart.
    fn kept_key(&self) -> Option<format::Key> {
        self.key.filter(|_| self.policy.uses())
    }

    /// Encodes `doc` (read with `stamp`, its text's length and fingerprint `text`) and
    /// appends it and its row to the next index, beginning it if need be: its entry, or
    /// none if the next index cannot be written (then none is).
    fn keep(&self, doc: &Document, stamp: Stamp, text: (usize, u64)) -> Entry {
        // One buffer per walking thread, kept from one document to the next: grown from
        // empty for each, it was reallocated a handful of times a document (a third of the
        // instructions keeping them cost).
        thread_local! {
            static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let head = format::Head {
            path: &doc.path,
            stamp,
            trusted: stamp.settled_before(self.started, self.racy),
            text,
        };
        let kept = BUFFER.with_borrow_mut(|buffer| {
            buffer.clear();
            let kept = self.keep_encoded(doc, &head, buffer);
            // A long-lived thread (the language server's) keeps no huge document's room.
            if buffer.capacity() > 1 << 20 {
                *buffer = Vec::new();
            }
            kept
        });
        if kept.is_none() {
            return Entry::None;
        }
        self.written.fetch_add(1, Ordering::Relaxed);
        Entry::Written
    }

    /// [`Store::keep`], with `buffer` to encode the document and its row's head into. Only
    /// the appending holds the lock: a piece full is written outside it, at its place in
    /// the file, so the other walking threads do not wait for the system call (they did,
    /// for a fifth of what keeping cost them).
    fn keep_encoded(
        &self,
        doc: &Document,
        head: &format::Head<'_>,
        buffer: &mut Vec<u8>,
    ) -> Option<()> {
        let key = self.kept_key()?;
        let encoded = format::encode(doc, buffer).map(|()| buffer.len());
        let Ok(len) = encoded.and_then(|len| format::encode(head, buffer).map(|()| len)) else {
            self.fail();
            return None;
        };
        let (payload, head) = buffer.split_at(len);
        let sum = crate::hash::fingerprint(payload);
        let full = {
            let mut next = self.next.lock().unwrap_or_else(PoisonError::into_inner);
            if matches!(*next, Next::NotBegun) {
                *next = self.begin(&key).unwrap_or(Next::Failed);
            }
            let Next::Writing {
                file,
                pending,
                spare,
                from,
                at,
                table,
                rows,
            } = &mut *next
            else {
                return None;
            };
            let stored = Stored::at(*at, payload.len(), sum);
            if format::row(table, head, &stored).is_err() {
                *next = Next::Failed;
                return None;
            }
            *rows += 1;
            pending.extend_from_slice(payload);
            *at += payload.len() as u64;
            (pending.len() >= PIECE).then(|| {
                let piece = std::mem::replace(pending, std::mem::take(spare));
                (Arc::clone(file), piece, std::mem::replace(from, *at))
            })
        };
        if let Some((file, mut piece, offset)) = full {
            if format::write_at(file.as_file(), &piece, offset).is_err() {
                self.fail();
                return None;
            }
            piece.clear();
            if let Next::Writing { spare, .. } =
                &mut *self.next.lock().unwrap_or_else(PoisonError::into_inner)
                && spare.capacity() < piece.capacity()
            {
                *spare = piece;
            }
        }
        Some(())
    }

    /// No next index this run: one of its documents could not be written.
    fn fail(&self) {
        *self.next.lock().unwrap_or_else(PoisonError::into_inner) = Next::Failed;
    }

    /// A next index with its header, in a temporary file in the cache's folder.
    fn begin(&self, key: &format::Key) -> Option<Next> {
        let dir = self.root.join(DIR);
        prepare(&dir).ok()?;
        let file = crate::fs::temp_in(&dir).ok()?;
        let mut pending = Vec::with_capacity(PIECE + PIECE / 4);
        pending.extend_from_slice(&key.bytes());
        Some(Next::Writing {
            at: pending.len() as u64,
            from: 0,
            file: Arc::new(file),
            pending,
            spare: Vec::new(),
            table: Vec::new(),
            rows: 0,
        })
    }

    /// Writes the next index if it differs from the one read: the documents and rows
    /// written as they were parsed, and the entries of the `loaded` documents taken as they
    /// were (which it takes out of them). On a thread of its own, while the command goes on
    /// with the documents ([`Saving`]). A cache that cannot be written (a read-only notebook,
    /// a full disk) is no failure of the run: the next run reads the files.
    pub(crate) fn save(self, loaded: &mut [Loaded]) -> Saving {
        // Counted, not looked for: at 83,000 documents, a pass over them is a pass through
        // memory the other core could use.
        let reused = self.reused.load(Ordering::Relaxed);
        // Only an index with an entry for every document (a file that cannot be kept has
        // none) describes the notebook, and has a state to keep answers for.
        let whole = self.written.load(Ordering::Relaxed) + reused == loaded.len();
        let mut entries = Vec::with_capacity(reused);
        if reused > 0 {
            for l in loaded {
                if let Entry::Reused(r) = std::mem::replace(&mut l.entry, Entry::None) {
                    entries.push(r);
                }
            }
        }
        #[cfg(test)]
        let files_read = self.files_read();
        let unchanged = !self.changed.load(Ordering::Relaxed)
            && reused == self.entries.len()
            && self.file.is_some();
        let (writing, done) = match self.kept_key() {
            None => (None, None),
            Some(_) if unchanged => (None, self.state.filter(|_| whole)),
            // Ending the index (copying the unchanged documents, writing the table) took a
            // fiftieth of a cold check, all of it on the one thread that goes on to sort and
            // index the documents and run the rules.
            Some(key) => {
                let writing = std::thread::Builder::new()
                    .name("ties-cache".into())
                    .spawn(move || self.write(&key, &entries).filter(|_| whole));
                (writing.ok(), None)
            }
        };
        Saving {
            writing,
            done,
            #[cfg(test)]
            files_read,
        }
    }

    /// Ends the next index: the documents of the index read that were taken as they were
    /// copied after those written as they were parsed, then the table; and puts it in place.
    fn write(mut self, key: &format::Key, reused: &[Reused]) -> Option<State> {
        let next = self.next.get_mut().unwrap_or_else(PoisonError::into_inner);
        let mut next = std::mem::replace(next, Next::Failed);
        if matches!(next, Next::NotBegun) {
            next = self.begin(key)?;
        }
        let Next::Writing {
            file,
            pending,
            from,
            at,
            table,
            rows,
            ..
        } = next
        else {
            return None;
        };
        // Every walking thread is done with it.
        let file = Arc::into_inner(file)?;
        let mut old = |range: Range<usize>| match &self.file {
            Some(file) => format::read_at(file, range),
            None => Err(std::io::Error::other("no index was read")),
        };
        let mut handle = file.as_file();
        handle.seek(SeekFrom::Start(from)).ok()?;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, handle);
        out.write_all(&pending).ok()?;
        drop(pending);
        let state = format::finish(&mut out, key, at, &mut old, (table, rows), reused)
            .and_then(|state| out.flush().map(|()| state))
            .ok()?;
        drop(out);
        file.persist(self.root.join(DIR).join(FILE)).ok()?;
        Some(state)
    }

    /// Where answers about this notebook are kept, unless the cache is off.
    pub(crate) fn answers(&self) -> Option<Answers> {
        let key = self.kept_key()?;
        Some(Answers {
            root: self.root.clone(),
            dir: self.root.join(DIR),
            key,
        })
    }
}

/// The next index being written while the command goes on ([`Store::save`]); waited for
/// when the command needs its state, or when it is dropped (a run never ends with an index
/// half written: the temporary file would be left behind).
pub(crate) struct Saving {
    writing: Option<std::thread::JoinHandle<Option<State>>>,
    /// The state, when nothing was to be written.
    done: Option<State>,
    /// How many files the run read, the stat pass and the documents' decoding together:
    /// none that did not change, when the index holds.
    #[cfg(test)]
    pub(crate) files_read: usize,
}

impl Saving {
    /// The [`State`] of the notebook the index on disk describes once written, if it
    /// describes every document.
    pub(crate) fn state(mut self) -> Option<State> {
        match self.writing.take() {
            Some(writing) => writing.join().ok().flatten(),
            None => self.done,
        }
    }
}

impl Drop for Saving {
    fn drop(&mut self) {
        if let Some(writing) = self.writing.take() {
            let _ = writing.join();
        }
    }
}

/// The answers kept beside the index ([`answers`]).
pub(crate) struct Answers {
    root: PathBuf,
    dir: PathBuf,
    key: format::Key,
}

impl Answers {
    /// The answer kept for `question` about the notebook in `state`, if it holds at `now`
    /// (and the files its links led to are as they were).
    pub(crate) fn get(&self, state: State, question: u64, now: NaiveDateTime) -> Option<Answer> {
        let bytes = std::fs::read(self.dir.join(answers::FILE)).ok()?;
        answers::read(&bytes, &self.key, state)?
            .into_iter()
            .find(|a| a.question == question && a.holds(now, &self.root))
    }

    /// Keeps `answer` about the notebook in `state`, beside the latest few others about
    /// it. As the index, no failure of the run if it cannot be written.
    pub(crate) fn keep(&self, state: State, answer: Answer) {
        let path = self.dir.join(answers::FILE);
        let mut kept = std::fs::read(&path)
            .ok()
            .and_then(|bytes| answers::read(&bytes, &self.key, state))
            .unwrap_or_default();
        kept.retain(|a| a.question != answer.question);
        kept.insert(0, answer);
        kept.truncate(answers::KEPT);
        let _ = prepare(&self.dir).and_then(|()| {
            crate::fs::replace_unsynced(&path, |out| answers::write(out, &self.key, state, &kept))
        });
    }
}

/// Makes the cache's folder, with what keeps git and backups out of it.
fn prepare(dir: &Path) -> Result<(), Error> {
    let failed = |source| Error::Write {
        path: dir.to_owned(),
        source,
    };
    if dir.join(".gitignore").is_file() {
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(failed)?;
    std::fs::write(
        dir.join("CACHEDIR.TAG"),
        "Signature: 8a477f597d28d172789f06886806bc55\n\
         # This file is a cache directory tag created by ties.\n\
         # For information about cache directory tags see https://bford.info/cachedir/\n",
    )
    .map_err(failed)?;
    std::fs::write(
        dir.join(".gitignore"),
        "# Made by ties: its cache of the notebook's parsed files, never committed.\n*\n",
    )
    .map_err(failed)
}

const BOM: &[u8] = "\u{feff}".as_bytes();

/// The length and fingerprint of the text of a file read whole as `bytes`, as
/// [`Document::fingerprint`] gives them for the text parsed (without a byte-order mark).
fn text_of(bytes: &[u8]) -> (usize, u64) {
    let text = bytes.strip_prefix(BOM).unwrap_or(bytes);
    (text.len(), crate::hash::fingerprint(text))
}

/// What of `ties.yaml` a file's parse depends on, as one number.
fn fingerprint(conventions: &Conventions) -> u64 {
    let mut hasher = Fnv::default();
    conventions.hash(&mut hasher);
    hasher.finish()
}

/// Removes the cache of the notebook at `root`; its size in bytes, or `None` if there was
/// none.
pub(crate) fn clear(root: &Path) -> Result<Option<u64>, Error> {
    let dir = root.join(DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(None);
    };
    let size = entries
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    std::fs::remove_dir_all(&dir).map_err(|source| Error::Write {
        path: dir.clone(),
        source,
    })?;
    Ok(Some(size))
}
