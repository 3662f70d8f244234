//! What `check` reports: a problem found at a place in a file. Parsing and the cross-file
//! rules produce [`Finding`]s (a span in one document); the document turns them into
//! [`Diagnostic`]s with a path and line:column, which is all the renderers need.

use crate::rules::Code;
use crate::span::{LineIndex, Position, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

/// A problem at a span of the document being parsed or checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

impl Finding {
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Self {
            code,
            span,
            message: message.into(),
            help: None,
        }
    }

    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    #[must_use]
    pub fn help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

/// A finding placed in a file: what every output format prints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Relative to the notebook root, with `/` separators.
    pub path: String,
    pub span: Span,
    pub start: Position,
    /// Exclusive: the position just past the last character of the span.
    pub end: Position,
    pub code: Code,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    /// Places `finding` in `text`, the contents of the file at `path`.
    pub fn locate(path: &str, text: &str, finding: Finding) -> Self {
        Self::locate_with(path, text, &LineIndex::new(text), finding)
    }

    /// [`Diagnostic::locate`] with the text's line index already built.
    pub fn locate_with(path: &str, text: &str, lines: &LineIndex, finding: Finding) -> Self {
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
            code: finding.code,
            message: finding.message,
            help: finding.help,
        }
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// The order diagnostics are printed in: by file, then place, then code.
    pub fn sort_key(&self) -> (&str, Position, Code, &str) {
        (&self.path, self.start, self.code, &self.message)
    }
}

/// A value as quoted in a message: long values are cut, so a 6 MB field cannot make a
/// 6 MB line (the excerpt under the message shows where it is).
pub fn shorten(value: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 60;
    match value.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &value[..cut]).into(),
        None => value.into(),
    }
}

/// "a contact", "an event".
pub fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

/// Counts for the summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
}

impl Tally {
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Error)
            .count();
        Self {
            errors,
            warnings: diagnostics.len() - errors,
        }
    }
}
