//! ## What it checks
//! Unresolved git merge-conflict markers (`<<<<<<<`, `=======`, `>>>>>>>`) left in a file.
//!
//! ## Why it matters
//! A half-merged file holds two versions of the truth; `ties` cannot know which one you meant,
//! so it reads neither.
//!
//! ## Example
//! ```text
//! <<<<<<< HEAD
//! replied: 2026-11-12
//! =======
//! replied: 2026-11-13
//! >>>>>>> laptop
//! ```
//!
//! ## How to fix
//! Keep the right lines, delete the markers, and commit the resolved file.

use crate::rules::Words;

pub(crate) fn conflict() -> Words {
    Words::new("unresolved git merge-conflict marker")
        .help("resolve the conflict: keep the right version and delete the marker lines")
}
