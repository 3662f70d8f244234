//! The index file, laid out so that the stat pass reads only a table of the files (their
//! paths and identities: about a tenth of the file) and decodes each row on the walk's
//! threads, the documents are read afterwards a run at a time, and unchanged documents are
//! copied as they are when the index is written again:
//!
//! ```text
//! "ties-idx"                       8 bytes
//! format, build, root device,      u32 and four u64, little-endian: the index holds only
//!   root inode, conventions          if every one is this run's (see `Key`)
//! document × entries               postcard, one after the other
//! row × entries                    postcard: path, stamp, trusted, text length and
//!                                  fingerprint, the document's place and checksum
//! entries                          u64: how many rows
//! table length                     u64: the rows' bytes
//! checksum                         u64: of the header, the rows and the two counts
//! ```
//!
//! The table goes after the documents because a row names its document's place, known
//! once the document is written; its length at the very end finds it. The table's
//! checksum makes the [`State`] of the notebook the index describes.
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

use super::{Reused, Stamp, State};
use crate::document::Document;
use crate::hash::{Fnv, fingerprint};

const MAGIC: &[u8; 8] = b"ties-idx";
/// Bumped when this layout changes (the build identity covers the documents' types).
const FORMAT: u32 = 3;
const HEADER: usize = 8 + 4 + 8 * 4;
/// The two counts and the checksum.
const TRAILER: usize = 8 * 3;

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
    for t in [stamp.modified, stamp.changed] {
        words.extend_from_slice(&t.secs.to_le_bytes());
        words.extend_from_slice(&t.nanos.to_le_bytes());
    }
    for n in [stamp.size, stamp.inode, stamp.device] {
        words.extend_from_slice(&n.to_le_bytes());
    }
    Some(fingerprint(&words))
});

type Entries = HashMap<Box<str>, Range<usize>, BuildHasherDefault<Fnv>>;

/// The table of an index file: its rows' bytes, each row's range in them by path, and the
/// state the index describes.
pub(super) struct Table {
    pub bytes: Vec<u8>,
    pub rows: Entries,
    pub state: State,
}

/// The table of the index in `file` (of `len` bytes), if it was written under `key` and
/// its layout holds together; each document's checksum is checked when it is read
/// ([`Row::document`]).
pub(super) fn table(file: &std::fs::File, len: u64, key: &Key) -> Option<Table> {
    let len = usize::try_from(len).ok()?;
    let header = key.bytes();
    if len < HEADER + TRAILER || read_at(file, 0..HEADER).ok()? != header {
        return None;
    }
    let trailer = read_at(file, len - TRAILER..len).ok()?;
    let (count, rest) = u64_at(&trailer)?;
    let (size, rest) = u64_at(rest)?;
    let (sum, _) = u64_at(rest)?;
    let size = usize::try_from(size).ok()?;
    let start = (len - TRAILER).checked_sub(size).filter(|s| *s >= HEADER)?;
    let bytes = read_at(file, start..len - TRAILER).ok()?;
    if sum != checksum(&header, &bytes, count) {
        return None;
    }
    let count = usize::try_from(count).ok()?;
    let mut rows = Entries::default();
    // A count from a corrupt file can be anything: reserve no more than the bytes can hold.
    rows.reserve(count.min(bytes.len() / 8));
    let mut rest = bytes.as_slice();
    for _ in 0..count {
        let at = bytes.len() - rest.len();
        let (row, left) = postcard::take_from_bytes::<Row>(rest).ok()?;
        // A document lies between the header and the table.
        if row.document.0 < HEADER as u64
            || row.document.0.checked_add(row.document.1)? > start as u64
        {
            return None;
        }
        rows.insert(row.head.path.into(), at..bytes.len() - left.len());
        rest = left;
    }
    rest.is_empty().then_some(Table {
        state: State(sum),
        rows,
        bytes,
    })
}

/// The checksum of an index: its header, its table and how many rows the table holds.
fn checksum(header: &[u8], table: &[u8], count: u64) -> u64 {
    let mut hasher = Fnv::default();
    hasher.write_u64(fingerprint(header));
    hasher.write_u64(fingerprint(table));
    hasher.write_u64(count);
    hasher.write_u64(table.len() as u64);
    hasher.finish()
}

fn u64_at(bytes: &[u8]) -> Option<(u64, &[u8])> {
    let (n, rest) = bytes.split_first_chunk::<8>()?;
    Some((u64::from_le_bytes(*n), rest))
}

/// The bytes at `range` of `file`, whoever else reads it at the same time.
#[cfg(unix)]
pub(super) fn read_at(file: &std::fs::File, range: Range<usize>) -> std::io::Result<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let mut buf = vec![0; range.len()];
    file.read_exact_at(&mut buf, range.start as u64)?;
    Ok(buf)
}

#[cfg(windows)]
pub(super) fn read_at(file: &std::fs::File, range: Range<usize>) -> std::io::Result<Vec<u8>> {
    use std::os::windows::fs::FileExt;
    let mut buf = vec![0; range.len()];
    let mut done = 0;
    while done < buf.len() {
        match file.seek_read(&mut buf[done..], (range.start + done) as u64)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => done += n,
        }
    }
    Ok(buf)
}

#[cfg(not(any(unix, windows)))]
pub(super) fn read_at(_: &std::fs::File, _: Range<usize>) -> std::io::Result<Vec<u8>> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Writes `bytes` at `offset` of `file`, whoever else writes elsewhere in it at the same
/// time. (On Windows it moves the file's cursor, which the index's end seeks anyway.)
#[cfg(unix)]
pub(super) fn write_at(file: &std::fs::File, bytes: &[u8], offset: u64) -> std::io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.write_all_at(bytes, offset)
}

#[cfg(windows)]
pub(super) fn write_at(file: &std::fs::File, bytes: &[u8], offset: u64) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    let mut done = 0;
    while done < bytes.len() {
        match file.seek_write(&bytes[done..], offset + done as u64)? {
            0 => return Err(std::io::ErrorKind::WriteZero.into()),
            n => done += n,
        }
    }
    Ok(())
}

#[cfg(not(any(unix, windows)))]
pub(super) fn write_at(_: &std::fs::File, _: &[u8], _: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// One row of the table: a file as the index knows it. It is written in two parts, as
/// postcard writes a struct's fields one after the other, those of a struct within it
/// included: its [`Head`] when its document is parsed, outside the lock of the next index,
/// and its document's place and checksum once that is known ([`row`]).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(super) struct Row<'a> {
    #[serde(borrow)]
    pub head: Head<'a>,
    /// Where its document is in the file (start and length), and the document's checksum.
    document: (u64, u64),
    sum: u64,
}

/// A row before its document's place: the file's path and identity.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(super) struct Head<'a> {
    pub path: &'a str,
    pub stamp: Stamp,
    /// The file had settled before it was read: the next run may trust its stamp.
    pub trusted: bool,
    /// Its text's length and fingerprint.
    pub text: (usize, u64),
}

/// Appends to `table` the row whose [`Head`] is encoded in `head` and whose document is
/// `stored`.
pub(super) fn row(table: &mut Vec<u8>, head: &[u8], stored: &Stored) -> std::io::Result<()> {
    table.extend_from_slice(head);
    let document = (stored.document.start as u64, stored.document.len() as u64);
    encode(&(document, stored.sum), table)
}

/// A file as a row of the index read has it: its identity and text, and where its
/// document is.
#[derive(Clone, Debug)]
pub(crate) struct Place {
    pub stamp: Stamp,
    pub text: (usize, u64),
    pub stored: Stored,
}

/// Where a document is in the index read, and its checksum: enough to read it later and
/// to copy it into the next index.
#[derive(Clone, Debug)]
pub(crate) struct Stored {
    pub document: Range<usize>,
    sum: u64,
}

impl<'a> Row<'a> {
    /// The row in `bytes`, if it decodes whole.
    pub(super) fn read(bytes: &'a [u8]) -> Option<Self> {
        postcard::from_bytes(bytes).ok()
    }

    pub(super) fn place(&self) -> Option<Place> {
        let start = usize::try_from(self.document.0).ok()?;
        let len = usize::try_from(self.document.1).ok()?;
        Some(Place {
            stamp: self.head.stamp,
            text: self.head.text,
            stored: Stored {
                document: start..start.checked_add(len)?,
                sum: self.sum,
            },
        })
    }
}

impl Stored {
    /// The document stored at `old`, copied to `at`.
    fn moved(at: u64, old: &Stored) -> Self {
        let start = usize::try_from(at).unwrap_or(usize::MAX);
        Self {
            document: start..start.saturating_add(old.document.len()),
            sum: old.sum,
        }
    }

    /// An encoded document of `len` bytes whose fingerprint is `sum`, written at `at`.
    pub(super) fn at(at: u64, len: usize, sum: u64) -> Self {
        let start = usize::try_from(at).unwrap_or(usize::MAX);
        Self {
            document: start..start.saturating_add(len),
            sum,
        }
    }
}

impl Place {
    /// Its document in `bytes` (the document's own), without a path yet; `None` if its
    /// checksum does not hold or it does not decode whole.
    pub(super) fn document(&self, bytes: &[u8], root: &Arc<Path>) -> Option<Document> {
        if fingerprint(bytes) != self.stored.sum {
            return None;
        }
        let (mut doc, rest) = postcard::take_from_bytes::<Document>(bytes).ok()?;
        if !rest.is_empty() {
            return None;
        }
        doc.remember(root, self.text);
        Some(doc)
    }
}

/// Appends `value` to `out`, encoded: a slice at a time, as postcard's own `to_allocvec`
/// does, but into a buffer kept from one document to the next (its `to_extend` goes
/// through `Extend<u8>`, a byte at a time).
pub(super) fn encode(value: &impl serde::Serialize, out: &mut Vec<u8>) -> std::io::Result<()> {
    struct Buffer<'a>(&'a mut Vec<u8>);
    impl postcard::ser_flavors::Flavor for Buffer<'_> {
        type Output = ();
        fn try_extend(&mut self, data: &[u8]) -> postcard::Result<()> {
            self.0.extend_from_slice(data);
            Ok(())
        }
        fn try_push(&mut self, data: u8) -> postcard::Result<()> {
            self.0.push(data);
            Ok(())
        }
        fn finalize(self) -> postcard::Result<()> {
            Ok(())
        }
    }
    postcard::serialize_with_flavor(value, Buffer(out)).map_err(std::io::Error::other)
}

/// Ends the index under `key`, whose header and the documents written as they were parsed
/// are in `out` already, up to `at`, and their rows in `table` (with their `count`): the
/// documents of the entries `reused` are copied from the index read (`old` reads a range of
/// it; adjacent ones are read together) and their rows added, then the table is written.
/// Returns the state it describes (as [`table`] reads it back).
pub(super) fn finish(
    out: &mut impl Write,
    key: &Key,
    mut at: u64,
    old: &mut dyn FnMut(Range<usize>) -> std::io::Result<Vec<u8>>,
    (mut table, mut count): (Vec<u8>, u64),
    reused: &[Reused],
) -> std::io::Result<State> {
    /// How much of the old index is read at a time.
    const RUN: usize = 1 << 20;
    // Adjacent documents of the old index to copy in one piece.
    let mut copying: Option<Range<usize>> = None;
    let mut flush = |out: &mut dyn Write, copying: &mut Option<Range<usize>>| match copying.take() {
        Some(range) => out.write_all(&old(range)?),
        None => Ok(()),
    };
    let mut head = Vec::new();
    for entry in reused {
        let place = &entry.place;
        let range = place.stored.document.clone();
        match &mut copying {
            Some(c) if c.end == range.start && range.end - c.start <= RUN => {
                c.end = range.end;
            }
            _ => {
                flush(out, &mut copying)?;
                copying = Some(range.clone());
            }
        }
        let moved = Stored::moved(at, &place.stored);
        at += range.len() as u64;
        head.clear();
        let taken = Head {
            path: &entry.path,
            stamp: place.stamp,
            trusted: true,
            text: place.text,
        };
        encode(&taken, &mut head)?;
        row(&mut table, &head, &moved)?;
        count += 1;
    }
    flush(out, &mut copying)?;
    let header = key.bytes();
    let sum = checksum(&header, &table, count);
    out.write_all(&table)?;
    for n in [count, table.len() as u64, sum] {
        out.write_all(&n.to_le_bytes())?;
    }
    Ok(State(sum))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::Time;

    /// A row written in two parts ([`Head`], then [`row`]) reads back as the [`Row`] it is.
    #[test]
    fn a_row_written_in_two_parts_is_the_row() {
        let stamp = Stamp {
            size: 12,
            modified: Time {
                secs: 1_765_000_000,
                nanos: 123_456_789,
            },
            changed: Time {
                secs: -5,
                nanos: 999_999_999,
            },
            inode: u64::MAX,
            device: 3,
        };
        let stored = Stored::at(1 << 40, 77, 0xdead_beef);
        let mut head = Vec::new();
        let written = Head {
            path: "chats/2026/2026-11-12-ada.md",
            stamp,
            trusted: true,
            text: (300, u64::MAX - 1),
        };
        encode(&written, &mut head).unwrap();
        let mut table = vec![7];
        row(&mut table, &head, &stored).unwrap();
        let read = Row::read(&table[1..]).expect("one whole row");
        assert_eq!(read.head.path, written.path);
        assert_eq!(read.head.stamp, stamp);
        assert!(read.head.trusted);
        assert_eq!(read.head.text, written.text);
        let place = read.place().unwrap();
        assert_eq!(place.stored.document, stored.document);
        assert_eq!(place.stored.sum, stored.sum);
    }
}
