//! ## What it checks
//! Files that cannot be read as text: not valid UTF-8, containing NUL bytes (binary files),
//! or unreadable (no permission, a symlink loop, a dangling symlink, a file that vanished
//! while `ties` was reading the notebook).
//!
//! ## Why it matters
//! A notebook is plain text so that any editor, `git diff` and `ties` can read it. A file that
//! cannot be read is invisible to the agenda and reports, so its contacts silently drop out.
//!
//! ## Example
//! A file saved as UTF-16 by a word processor, or a PDF renamed to `contacts/jane.pdf.md`.
//!
//! ## How to fix
//! Re-save the file as UTF-8 text, fix its permissions or the symlink, or move binary files
//! out of the notebook (or list them in `.gitignore`).

use crate::diagnostic::Finding;
use crate::rules::Code;
use crate::span::Span;

pub fn unreadable(reason: impl std::fmt::Display) -> Finding {
    Finding::new(
        Code::T001,
        Span::file(),
        format!("cannot read file: {reason}"),
    )
}

pub fn not_utf8(span: Span) -> Finding {
    Finding::new(Code::T001, span, "file is not valid UTF-8")
        .help("save the file with UTF-8 encoding")
}

pub fn nul_byte(span: Span) -> Finding {
    Finding::new(
        Code::T001,
        span,
        "file contains a NUL byte; is it a binary file?",
    )
    .help("notes must be plain UTF-8 text; move binary files out of the notebook")
}
