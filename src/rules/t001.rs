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

use crate::rules::Words;

pub(crate) fn unreadable(reason: &str) -> Words {
    Words::new(format!("cannot read file: {reason}"))
        .help("check the file's permissions, or move it out of the notebook")
}

pub(crate) fn not_utf8() -> Words {
    Words::new("file is not valid UTF-8").help("save the file with UTF-8 encoding")
}

pub(crate) fn utf16(big_endian: bool) -> Words {
    let order = if big_endian { "big" } else { "little" };
    Words::new(format!("file is UTF-16 ({order}-endian), not UTF-8"))
        .help("save the file as UTF-8 (in the editor's \"Save as\" or \"Encoding\" menu)")
}

pub(crate) fn nul_byte() -> Words {
    Words::new("file contains a NUL byte; is it a binary file?")
        .help("notes must be plain UTF-8 text; move binary files out of the notebook")
}

#[cfg(test)]
mod tests {
    use crate::document::Document;
    use crate::findings::Code;

    #[test]
    fn file_that_vanished_before_it_was_read_is_t001() {
        // Racing a real deletion against the walk is flaky; the library takes the read error
        // the walk would have met.
        let doc = Document::parse(
            "contacts/a.md".into(),
            Err(std::io::Error::from(std::io::ErrorKind::NotFound)),
            &crate::model::conventions::PLAIN,
        );
        let got: Vec<(String, &str, usize, usize)> = doc
            .findings
            .iter()
            .map(|d| {
                (
                    d.path.clone(),
                    d.code().as_str(),
                    d.start.line,
                    d.start.column,
                )
            })
            .collect();
        assert_eq!(got, [("contacts/a.md".to_owned(), "T001", 1, 1)]);
        assert_eq!(
            crate::rules::word(doc.findings[0].clone()).message,
            "cannot read file: the file vanished while the notebook was being read"
        );
        assert!(doc.record.is_none());
    }

    #[test]
    fn read_error_of_any_kind_is_t001() {
        for kind in [
            std::io::ErrorKind::PermissionDenied,
            std::io::ErrorKind::InvalidData,
            std::io::ErrorKind::Interrupted,
            std::io::ErrorKind::Other,
        ] {
            let doc = Document::parse(
                "notes/x.md".into(),
                Err(std::io::Error::from(kind)),
                &crate::model::conventions::PLAIN,
            );
            let codes: Vec<Code> = doc
                .findings
                .iter()
                .map(crate::diagnostic::Placed::code)
                .collect();
            assert_eq!(codes, [Code::T001], "{kind:?}");
        }
    }
}
