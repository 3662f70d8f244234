//! `--format github`: GitHub Actions workflow commands, so problems show up as annotations
//! on the pull request's files.

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;
use crate::findings::Severity;
use crate::render::escape;

/// `prefix` is the notebook's path relative to the repository root (may be empty).
pub(crate) fn write(
    out: &mut impl Write,
    diagnostics: &[Diagnostic],
    prefix: &str,
) -> io::Result<()> {
    for d in diagnostics {
        let command = match d.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let file = if prefix.is_empty() {
            d.path.clone()
        } else {
            format!("{prefix}/{}", d.path)
        };
        // A file name is the notebook's text too (`evil\e]0;x\a.md`): escaped like the
        // message. Such a name no longer matches its file, and the annotation goes unplaced.
        let file = escape::line(&file);
        // The log shows the message to a person: no control character from the notebook.
        let mut message = escape::line(&d.message).into_owned();
        if let Some(help) = &d.help {
            message = format!("{message}\nhelp: {}", escape::line(help));
        }
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            property(&file),
            d.start.line,
            d.start.column,
            d.end.line,
            d.end.column,
            property(&format!("{} {}", d.code, d.code.name())),
            data(&message)
        )?;
    }
    Ok(())
}

fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostic;
    use crate::findings::Code;
    use crate::span::{Position, Span};

    /// Found by the fuzzer (src/fuzz.rs): the path went to the log as it was.
    #[test]
    fn a_control_character_in_a_file_name_is_escaped() {
        let d = Diagnostic {
            path: "chats/evil\u{1b}]0;x\u{7}\u{202e}\tdm.md".into(),
            span: Span::file(),
            start: Position::START,
            end: Position::START,
            code: Code::T107,
            message: "m".into(),
            help: None,
            remedy: crate::findings::Remedy::default(),
        };
        let mut out = Vec::new();
        super::write(&mut out, &[d], "nb").unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains(r"file=nb/chats/evil\e]0;x\u{7}\u{202e}\tdm.md,line=1"),
            "{out}"
        );
        assert!(
            !out.trim_end()
                .contains(|c: char| c.is_control() || c == '\u{202e}')
        );
    }

    #[test]
    fn escapes_workflow_command_syntax() {
        assert_eq!(super::data("50%\nnext"), "50%25%0Anext");
        assert_eq!(super::property("a:b,c"), "a%3Ab%2Cc");
    }
}
