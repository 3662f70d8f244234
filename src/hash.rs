//! FNV-1a, the one small non-cryptographic hash `ties` uses: for its own maps, and for
//! identifiers that must not change across platforms and releases (calendar UIDs).

use std::hash::Hasher;

/// FNV-1a: ids and paths are short strings from the user's own files, so there is no
/// hash-flooding to defend against, and `SipHash` showed up in profiles of the lookups that
/// run after every file is read (the part of `check` that does not run in parallel).
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// The 32-bit FNV-1a of `bytes`: stable across platforms and releases (unlike std's hasher),
/// so an identifier made from it stays the same.
pub(crate) fn fnv1a_32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// A fingerprint of a file's text, to tell whether a file read again is the one that was
/// parsed: every file of the notebook is fingerprinted while loading (FNV's byte a step cost
/// more than the rest of keeping the text out of memory saves), and every document the
/// persistent index writes or reads. Four lanes of eight bytes a step, so that their
/// multiplications overlap: one lane's chain of rotate, xor and multiply kept the core
/// waiting, and took 3.8 ms for the 24 MB of the bench's 8,300 files, four take 1.3 ms.
/// Not stable across releases, nor meant to be: what it is kept in (the index, its
/// answers) is keyed by the build.
pub(crate) fn fingerprint(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let step = |hash: u64, word: u64| (hash.rotate_left(5) ^ word).wrapping_mul(K);
    let word = |chunk: &[u8]| {
        let mut word = [0; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        u64::from_le_bytes(word)
    };
    // Each lane its own seed, so that the same words in two lanes do not cancel out.
    let mut lanes = [K, K.rotate_left(16), K.rotate_left(32), K.rotate_left(48)];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, chunk) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            *lane = step(*lane, word(chunk));
        }
    }
    let mut hash = (bytes.len() as u64).wrapping_mul(K);
    for lane in lanes {
        hash = step(hash, lane);
    }
    let mut chunks = blocks.remainder().chunks_exact(8);
    for chunk in &mut chunks {
        hash = step(hash, word(chunk));
    }
    step(hash, word(chunks.remainder()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors() {
        // From the FNV reference test suite.
        assert_eq!(fnv1a_32(b""), 0x811c_9dc5);
        assert_eq!(fnv1a_32(b"a"), 0xe40c_292c);
        let mut h = Fnv::default();
        h.write(b"a");
        assert_eq!(h.finish(), 0xaf63_dc4c_8601_ec8c);
    }

    /// Any one byte changed, in a lane, the remainder or the last word, changes the
    /// fingerprint; so do words moved from one lane to another, and trailing zeros.
    #[test]
    fn a_fingerprint_sees_every_byte_and_its_place() {
        for len in 0..100 {
            let text: Vec<u8> = (0..len).map(|i| (i * 7 + 3) as u8).collect();
            let original = fingerprint(&text);
            for at in 0..len {
                let mut changed = text.clone();
                changed[at] ^= 0x20;
                assert_ne!(fingerprint(&changed), original, "byte {at} of {len}");
            }
            let mut longer = text.clone();
            longer.push(0);
            assert_ne!(fingerprint(&longer), original, "a zero after {len}");
        }
        let lanes: Vec<u8> = (0..32).map(|i| i / 8).collect();
        let mut swapped = lanes.clone();
        swapped.rotate_left(8);
        assert_ne!(fingerprint(&lanes), fingerprint(&swapped));
        assert_ne!(fingerprint(&[0; 32]), fingerprint(&[0; 64]));
    }
}
