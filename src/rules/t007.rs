//! ## What it checks
//! A file whose body (everything after the front matter) is larger than 8 MiB. Such a body
//! is not read for links, tasks, headings or questions; the front matter is still checked.
//! A file larger than 64 MiB is read only up to its first 64 MiB.
//!
//! ## Why it matters
//! A note that size is almost always generated, pasted or exported by accident (a log, a
//! dump, a chat export), not something you wrote. Reading it for links would cost seconds
//! and gigabytes of memory on every `check`, and its tasks and links would silently vanish
//! from your agenda if the tool gave up without saying so; this warning says so instead.
//!
//! ## Example
//! `notes/slack-export.md`, 50 MB of pasted messages under a short front matter.
//!
//! ## How to fix
//! Split the note into smaller files, move the bulk to a file that does not end in `.md`
//! (an attachment), or list it in `.gitignore` if `ties` should not read it at all.

use crate::rules::Words;

pub(crate) fn oversized(bytes: u64, limit: u64) -> Words {
    Words::new(format!(
        "body not read for links and tasks: it is {}, more than the {} limit",
        size(bytes),
        size(limit)
    ))
    .help("split the note into smaller files, or keep the bulk in a file that is not `.md`")
}

/// `8 MiB`, `61.0 MB`: whole mebibytes as such, other sizes in megabytes to one decimal.
fn size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        #[allow(clippy::cast_precision_loss)] // a size to one decimal
        let mb = bytes as f64 / 1_000_000.0;
        format!("{mb:.1} MB")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(super::size(8 * 1024 * 1024), "8 MiB");
        assert_eq!(super::size(61_000_000), "61.0 MB");
    }
}
