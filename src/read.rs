//! Reading one file of the notebook: at most [`MAX_READ_BYTES`] of it, its length, and its
//! metadata from the same open (what the persistent cache keys a file by), parsed into a
//! [`Document`]. The walk, `watch`, the cache and the write path all read files this way.

use std::path::Path;
use std::sync::Arc;

use crate::document::Document;
use crate::model::Conventions;

/// How much of a file is read at most. A body past [`crate::body::MAX_BODY_BYTES`] is not
/// parsed, so the rest of a bigger file is never needed; the head leaves room for a front
/// matter of many MB (long pasted values are legal) before the body.
pub(crate) const MAX_READ_BYTES: u64 = 64 * 1024 * 1024;

/// What reading a file gave: its first [`MAX_READ_BYTES`], its length, and its metadata.
pub(crate) type Read = std::io::Result<(Vec<u8>, u64, std::fs::Metadata)>;

/// The first [`MAX_READ_BYTES`] of the file at `path`, the file's length, and its metadata.
pub(crate) fn file(path: &Path) -> Read {
    head(path, MAX_READ_BYTES)
}

/// Parses what reading the file at `rel` (from the notebook `root`) gave, and lets its
/// text go if no finding needs it ([`Document::forget_text`]).
pub(crate) fn parse(
    root: &Arc<Path>,
    rel: String,
    read: Read,
    conventions: &Conventions,
) -> Document {
    let mut doc = match read {
        Ok((head, len, _)) => Document::parse_head(rel, Ok(head), len, conventions),
        Err(e) => Document::parse(rel, Err(e), conventions),
    };
    doc.forget_text(root);
    doc
}

/// The first `max` bytes of the file at `path`, the file's length, and its metadata.
fn head(path: &Path, max: u64) -> Read {
    use std::io::Read as _;
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    let len = meta.len();
    let mut head = Vec::with_capacity(len.min(max) as usize + 1);
    file.take(max).read_to_end(&mut head)?;
    // The file may have grown or shrunk since `metadata`; what was read is the truth.
    let len = if (head.len() as u64) < max {
        head.len() as u64
    } else {
        len.max(max)
    };
    Ok((head, len, meta))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_file_is_read_up_to_the_limit_and_its_length_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.md");
        std::fs::write(&path, "0123456789".repeat(10)).expect("write");
        let (head, len, _) = super::head(&path, 25).expect("read");
        assert_eq!((head.len(), len), (25, 100));
        let (whole, len, _) = super::head(&path, 100).expect("read");
        assert_eq!((whole.len(), len), (100, 100));
    }
}
