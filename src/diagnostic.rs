//! What `check` reports: a problem found at a place in a file. Parsing and the rules produce
//! [`Finding`]s (a span in one document); the document places them ([`Placed`]: a path and
//! line:column), and `check` words them ([`Diagnostic`]), which is all the renderers need.

use crate::findings::{Code, Finding, Problem, Remedy, Severity};
use crate::span::{LineIndex, Position, Span};

/// A finding placed in its file: line and column known, not yet put into words (the rule
/// that owns its code does that when `check` hands it out as a [`Diagnostic`]).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Placed {
    /// Relative to the notebook root, with `/` separators.
    pub path: String,
    pub span: Span,
    pub start: Position,
    /// Exclusive: the position just past the last character of the span.
    pub end: Position,
    pub problem: Problem,
}

impl Placed {
    /// Places `finding` in `text`, the contents of the file at `path`.
    pub(crate) fn locate(path: &str, text: &str, finding: Finding) -> Self {
        Self::locate_with(path, text, &LineIndex::new(text), finding)
    }

    /// [`Placed::locate`] with the text's line index already built.
    pub(crate) fn locate_with(path: &str, text: &str, lines: &LineIndex, finding: Finding) -> Self {
        let start = lines.position(text, finding.span.start);
        let end = if finding.span.end > finding.span.start {
            lines.position(text, finding.span.end)
        } else {
            start
        };
        Self {
            path: path.to_owned(),
            span: finding.span,
            start,
            end,
            problem: finding.problem,
        }
    }

    pub(crate) fn code(&self) -> Code {
        self.problem.code()
    }

    pub(crate) fn severity(&self) -> Severity {
        self.code().severity()
    }
}

/// A finding in words, placed in its file: what every output format prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Diagnostic {
    /// Relative to the notebook root, with `/` separators.
    pub path: String,
    pub span: Span,
    pub start: Position,
    /// Exclusive: the position just past the last character of the span.
    pub end: Position,
    pub code: Code,
    pub message: String,
    pub help: Option<String>,
    /// What would fix it, as data (the quick fix reads it).
    pub remedy: Remedy,
}

impl Diagnostic {
    /// `placed`, in the words of its rule, with the fix its rule knows.
    pub(crate) fn new(
        placed: Placed,
        message: String,
        help: Option<String>,
        remedy: Remedy,
    ) -> Self {
        Self {
            path: placed.path,
            span: placed.span,
            start: placed.start,
            end: placed.end,
            code: placed.problem.code(),
            message,
            help,
            remedy,
        }
    }

    pub(crate) fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// The order diagnostics are printed in: by file, then place, then code.
    pub(crate) fn sort_key(&self) -> (&str, Position, Code, &str) {
        (&self.path, self.start, self.code, &self.message)
    }
}

/// Counts for the summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Tally {
    pub(crate) fn of(diagnostics: &[Diagnostic]) -> Self {
        let count = |severity| {
            diagnostics
                .iter()
                .filter(|d| d.severity() == severity)
                .count()
        };
        Self {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        }
    }
}
