//! The index file, laid out so that a run finds each entry by path without decoding the
//! others, decodes entries on the walk's threads, and copies unchanged entries as they are
//! when it writes the index again:
//!
//! ```text
//! "ties-idx"                       8 bytes
//! format, build, root device,      u32 and four u64, little-endian: the index holds only
//!   root inode, conventions          if every one is this run's (see `Key`)
//! entries                          u64: how many follow
//! checksum                         u64: of the bytes above
//! entry × entries:
//!   length                         u32: of the payload
//!   checksum                       u64: of the payload
//!   payload                        postcard: path, stamp, trusted, text length and
//!                                  fingerprint, then the document
//! ```
//!
//! postcard (serde's compact binary format, varints and no field names) because the
//! entries are mostly short strings and small numbers: the index of 83,000 generated files
//! is about a quarter of their size, and decoding it is a fraction of parsing them.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Write;
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use super::{Loaded, Stamp, State};
use crate::document::Document;
use crate::hash::{Fnv, fingerprint};

const MAGIC: &[u8; 8] = b"ties-idx";
/// Bumped when this layout changes (the build identity covers the documents' types).
const FORMAT: u32 = 1;
const HEADER: usize = 8 + 4 + 8 * 4 + 8 + 8;

/// What an index must have been written under to be read: this layout, this build, this
/// notebook root, these conventions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Key {
    build: u64,
    root: (u64, u64),
    conventions: u64,
}

impl Key {
    /// The key of a run on the notebook at `root` whose conventions have `conventions` as
    /// fingerprint; `None` when the build or the root cannot be told apart from others
    /// (then nothing is cached).
    pub(super) fn new(root: &Path, conventions: u64) -> Option<Self> {
        let build = (*BUILD)?;
        let meta = std::fs::metadata(root).ok()?;
        let stamp = Stamp::of(&meta);
        Some(Self {
            build,
            root: (stamp.device, stamp.inode),
            conventions,
        })
    }

    pub(super) fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT.to_le_bytes());
        for n in [self.build, self.root.0, self.root.1, self.conventions] {
            out.extend_from_slice(&n.to_le_bytes());
        }
        out
    }
}

/// This build of `ties`: its version and its executable's identity (size, times, inode),
/// so a rebuilt binary, whose documents may be laid out differently, reads no old entry.
static BUILD: LazyLock<Option<u64>> = LazyLock::new(|| {
    let exe = std::env::current_exe().ok()?;
    let stamp = Stamp::of(&std::fs::metadata(exe).ok()?);
    let mut words = env!("CARGO_PKG_VERSION").as_bytes().to_vec();
    for n in [stamp.modified, stamp.changed] {
        words.extend_from_slice(&n.to_le_bytes());
    }
    for n in [stamp.size, stamp.inode, stamp.device] {
        words.extend_from_slice(&n.to_le_bytes());
    }
    Some(fingerprint(&words))
});

type Entries = HashMap<Box<str>, Range<usize>, BuildHasherDefault<Fnv>>;

/// Each entry's range in `bytes` by path, and the state the index describes, if `bytes` is
/// an index written under `key` whose layout holds together; the entries' own checksums
/// are checked when they are read ([`Entry::read`]).
pub(super) fn entries(bytes: &[u8], key: &Key) -> Option<(Entries, State)> {
    let header = key.bytes();
    let rest = bytes.strip_prefix(header.as_slice())?;
    let (count, rest) = u64_at(rest)?;
    let (sum, _) = u64_at(rest)?;
    if sum != fingerprint(&bytes[..header.len() + 8]) {
        return None;
    }
    let count = usize::try_from(count).ok()?;
    let mut entries = Entries::default();
    // A count from a corrupt file can be anything: reserve no more than the bytes can hold.
    entries.reserve(count.min(bytes.len() / 12));
    let mut at = HEADER;
    let mut state = Fnv::default();
    for _ in 0..count {
        let len = u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize;
        let end = at.checked_add(12)?.checked_add(len)?;
        let payload = bytes.get(at + 12..end)?;
        let (path, _) = postcard::take_from_bytes::<&str>(payload).ok()?;
        state.write(bytes.get(at + 4..at + 12)?);
        entries.insert(path.into(), at..end);
        at = end;
    }
    (at == bytes.len()).then_some((entries, State(state.finish())))
}

fn u64_at(bytes: &[u8]) -> Option<(u64, &[u8])> {
    let (n, rest) = bytes.split_first_chunk::<8>()?;
    Some((u64::from_le_bytes(*n), rest))
}

/// The head of an entry, read without its document.
#[derive(serde::Serialize, serde::Deserialize)]
struct Head<'a> {
    path: &'a str,
    stamp: Stamp,
    trusted: bool,
    text: (usize, u64),
}

/// One entry whose checksum holds.
pub(super) struct Entry<'a> {
    pub path: &'a str,
    pub stamp: Stamp,
    pub trusted: bool,
    pub text: (usize, u64),
    document: &'a [u8],
}

impl<'a> Entry<'a> {
    /// The entry in `bytes` (length, checksum, payload), if its checksum holds.
    pub(super) fn read(bytes: &'a [u8]) -> Option<Self> {
        let (sum, payload) = bytes.get(4..)?.split_first_chunk::<8>()?;
        if u64::from_le_bytes(*sum) != fingerprint(payload) {
            return None;
        }
        let (head, document) = postcard::take_from_bytes::<Head>(payload).ok()?;
        Some(Self {
            path: head.path,
            stamp: head.stamp,
            trusted: head.trusted,
            text: head.text,
            document,
        })
    }

    /// Its document, without a path yet; `None` if it does not decode whole.
    pub(super) fn document(&self, root: &Arc<Path>) -> Option<Document> {
        let (mut doc, rest) = postcard::take_from_bytes::<Document>(self.document).ok()?;
        if !rest.is_empty() {
            return None;
        }
        doc.remember(root, self.text);
        Some(doc)
    }
}

/// Writes the index of `loaded` under `key`: the entries of the index read that were taken
/// as they were are copied (`old` reads a range of it; adjacent ones are read together),
/// the others encoded. Returns the state it describes (as [`entries`] reads it back).
pub(super) fn write(
    out: &mut impl Write,
    key: &Key,
    old: &mut dyn FnMut(Range<usize>) -> std::io::Result<Vec<u8>>,
    loaded: &[Loaded],
) -> std::io::Result<State> {
    /// How much of the old index is read at a time.
    const RUN: usize = 1 << 20;
    let mut header = key.bytes();
    let count = loaded.iter().filter(|l| l.file.is_some()).count() as u64;
    header.extend_from_slice(&count.to_le_bytes());
    let sum = fingerprint(&header);
    header.extend_from_slice(&sum.to_le_bytes());
    out.write_all(&header)?;
    let mut payload = Vec::new();
    let mut state = Fnv::default();
    let mut copying: Vec<Range<usize>> = Vec::new();
    for l in loaded {
        let Some(file) = &l.file else { continue };
        if let Some(range) = &file.reused {
            let adjacent = copying.last().is_some_and(|last| last.end == range.start);
            let small = copying
                .first()
                .is_some_and(|first| range.end - first.start <= RUN);
            if !(adjacent && small) {
                copy(out, &mut state, old, &mut copying)?;
            }
            copying.push(range.clone());
            continue;
        }
        copy(out, &mut state, old, &mut copying)?;
        payload.clear();
        let head = Head {
            path: &l.doc.path,
            stamp: file.stamp,
            trusted: file.trusted,
            text: file.text,
        };
        payload = postcard::to_extend(&head, payload).map_err(std::io::Error::other)?;
        payload = postcard::to_extend(&l.doc, payload).map_err(std::io::Error::other)?;
        let len = u32::try_from(payload.len()).map_err(std::io::Error::other)?;
        let sum = fingerprint(&payload).to_le_bytes();
        state.write(&sum);
        out.write_all(&len.to_le_bytes())?;
        out.write_all(&sum)?;
        out.write_all(&payload)?;
    }
    copy(out, &mut state, old, &mut copying)?;
    Ok(State(state.finish()))
}

/// Copies the adjacent entries at `ranges` of the old index, read in one piece.
fn copy(
    out: &mut impl Write,
    state: &mut Fnv,
    old: &mut dyn FnMut(Range<usize>) -> std::io::Result<Vec<u8>>,
    ranges: &mut Vec<Range<usize>>,
) -> std::io::Result<()> {
    let (Some(first), Some(last)) = (ranges.first(), ranges.last()) else {
        return Ok(());
    };
    let start = first.start;
    let bytes = old(start..last.end)?;
    for range in ranges.drain(..) {
        let sum = bytes
            .get(range.start - start + 4..range.start - start + 12)
            .ok_or_else(|| std::io::Error::other("the old index is shorter"))?;
        state.write(sum);
    }
    out.write_all(&bytes)
}
