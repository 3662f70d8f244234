//! Answers kept beside the index: what a command printed for the notebook in one
//! [`State`], so that a run which finds no file changed prints it without decoding a
//! single document (`check`'s diagnostics cost more than the stat pass by far).
//!
//! ```text
//! "ties-ans"                       8 bytes
//! key                              as the index's header (format, build, root, conventions)
//! state                            u64: the index state the answers are about
//! checksum                         u64: of the payload
//! payload                          postcard: the answers, latest first
//! ```
//!
//! An answer is keyed by its question: a fingerprint of everything besides the documents
//! that the output depends on (the command and its options, `ties.yaml`, `dismissed.txt`,
//! the message templates, what the walk met), and holds only over the span of the clock
//! in which nothing it says changes with the time. The file is small and written whole
//! (temporary file and rename), as the index is; a file that does not hold is no answer.

use std::io::Write;

use chrono::NaiveDateTime;

use std::path::Path;

use super::State;
use super::format::Key;
use crate::findings::Probe;
use crate::hash::fingerprint;

pub(super) const FILE: &str = "answers";
const MAGIC: &[u8; 8] = b"ties-ans";
/// How many answers are kept: one per question asked of the notebook lately (check in
/// each format, with the editor's and the hook's options; the agenda with its options).
pub(super) const KEPT: usize = 8;

/// One command's output for the notebook in a state.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Answer {
    /// A fingerprint of what the output depends on besides the documents.
    pub question: u64,
    /// The span of the clock over which it holds: from (included) and until (excluded),
    /// open where `None`.
    pub from: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
    /// The files looked up on disk for links (files the notebook does not read), and
    /// whether each was there: the answer holds only while each still is as it was.
    pub probes: Vec<Probe>,
    /// The bytes printed, styles included where stdout takes them.
    #[serde(with = "bytes")]
    pub output: Vec<u8>,
    /// Whether the command failed (its exit status).
    pub failed: bool,
}

/// The output as one run of bytes: serde's `Vec<u8>` is a sequence, encoded and decoded a
/// byte at a time (a 3 MB agenda took longer to decode than the rest of a warm run). The
/// same bytes in the file either way: postcard writes both as a length and the bytes.
mod bytes {
    pub(super) fn serialize<S: serde::Serializer>(
        bytes: &[u8],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(bytes)
    }

    pub(super) fn deserialize<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<u8>, D::Error> {
        <&'de [u8] as serde::Deserialize>::deserialize(deserializer).map(<[u8]>::to_vec)
    }
}

impl Answer {
    /// Whether the answer holds at `now` in the notebook at `root`: the clock within its
    /// span, and each file looked up on disk as it was.
    pub(super) fn holds(&self, now: NaiveDateTime, root: &Path) -> bool {
        self.from.is_none_or(|from| from <= now)
            && self.until.is_none_or(|until| now < until)
            && self.probes.iter().all(|probe| probe.holds(root))
    }
}

fn header(key: &Key, state: State) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&key.bytes());
    out.extend_from_slice(&state.0.to_le_bytes());
    out
}

/// The answers in `bytes`, if they were written under `key` about the notebook in `state`
/// and hold together.
pub(super) fn read(bytes: &[u8], key: &Key, state: State) -> Option<Vec<Answer>> {
    let rest = bytes.strip_prefix(header(key, state).as_slice())?;
    let (sum, payload) = rest.split_first_chunk::<8>()?;
    if u64::from_le_bytes(*sum) != fingerprint(payload) {
        return None;
    }
    postcard::from_bytes(payload).ok()
}

/// Writes `answers` about the notebook in `state` under `key`.
pub(super) fn write(
    out: &mut impl Write,
    key: &Key,
    state: State,
    answers: &[Answer],
) -> std::io::Result<()> {
    let payload = postcard::to_stdvec(answers).map_err(std::io::Error::other)?;
    out.write_all(&header(key, state))?;
    out.write_all(&fingerprint(&payload).to_le_bytes())?;
    out.write_all(&payload)
}
