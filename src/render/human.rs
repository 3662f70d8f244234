//! The default output: one header line per problem, `path:line:col: severity[code]: message`
//! (so editors and terminals can jump to it), then an excerpt of the line with a caret under
//! the value, then the help.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::diagnostic::Diagnostic;
use crate::findings::Severity;
use crate::render::escape::{self, safe};
use crate::render::{BOLD, Sources, severity_style};
use crate::span;

/// Lines longer than this are shown as a window around the problem.
const MAX_EXCERPT: usize = 200;

/// The first line of a diagnostic: `path:line:col: severity[code]: message`.
pub(crate) fn header(d: &Diagnostic) -> String {
    let style = severity_style(d.severity());
    format!(
        "{BOLD}{}:{}:{}:{BOLD:#} {style}{}[{}]{style:#}{BOLD}: {}{BOLD:#}",
        safe(&d.path),
        d.start.line,
        d.start.column,
        d.severity().as_str(),
        d.code,
        safe(&d.message)
    )
}

pub(crate) fn write(
    out: &mut impl Write,
    diagnostics: &[Diagnostic],
    sources: &Sources,
) -> io::Result<()> {
    let renderer = Renderer::styled();
    for d in diagnostics {
        writeln!(out, "{}", header(d))?;
        let text = sources.get(d.path.as_str()).copied().unwrap_or("");
        let excerpt = excerpt(text, d);
        let level = match d.severity() {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let mut group = Group::with_level(level.clone());
        if let Some((line, range)) = &excerpt {
            group = group.element(
                Snippet::source(line.as_str())
                    .line_start(d.start.line)
                    .fold(false)
                    .annotation(AnnotationKind::Primary.span(range.clone())),
            );
        }
        let help = d.help.as_deref().map(escape::line);
        if let Some(help) = &help {
            group = group.element(Level::HELP.message(help.as_ref()));
        }
        if excerpt.is_some() || d.help.is_some() {
            writeln!(out, "{}", renderer.render(&[group]))?;
        }
    }
    Ok(())
}

/// The diagnostic's first line (or a window of a very long one) and the span within it.
fn excerpt(text: &str, d: &Diagnostic) -> Option<(String, std::ops::Range<usize>)> {
    // File-level problems (unreadable, no front matter, name not a slug) have no excerpt.
    if text.is_empty() || d.span == span::Span::file() {
        return None;
    }
    let start = span::clamp(text, d.span.start);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[line_start..line_end].trim_end_matches('\r');
    // The span may start in the line's trailing CR (a bad byte after `\r`): point at the
    // end of the line, never past it.
    let mut from = span::clamp(line, start - line_start);
    let mut to = span::clamp(line, d.span.end.saturating_sub(line_start)).max(from);
    if to == from {
        // Point at one character (or just past the end of the line).
        to = line[from..]
            .chars()
            .next()
            .map_or(from, |c| from + c.len_utf8());
    }
    if line.len() <= MAX_EXCERPT {
        return Some(shown(line, from..to));
    }
    let mut window_start = from.saturating_sub(MAX_EXCERPT / 2);
    while !line.is_char_boundary(window_start) {
        window_start -= 1;
    }
    // A span longer than the window (a 6 MB value) is underlined for its first part only:
    // rendering it whole costs seconds and the terminal shows a window anyway.
    to = to.min(from + MAX_EXCERPT);
    while !line.is_char_boundary(to) {
        to += 1;
    }
    let mut window_end = (to.max(from + 1) + MAX_EXCERPT / 2).min(line.len());
    while !line.is_char_boundary(window_end) {
        window_end += 1;
    }
    from -= window_start;
    to = to.min(window_end) - window_start;
    let (window, range) = shown(&line[window_start..window_end], from..to);
    // An ellipsis only where the line goes on.
    let (before, after) = (
        if window_start > 0 { "…" } else { "" },
        if window_end < line.len() { "…" } else { "" },
    );
    Some((
        format!("{before}{window}{after}"),
        range.start + before.len()..range.end + before.len(),
    ))
}

/// `line` as the terminal may show it (control characters escaped), with `range` moved to
/// the same characters in the escaped text, so the caret stays under the value.
fn shown(line: &str, range: std::ops::Range<usize>) -> (String, std::ops::Range<usize>) {
    let before = escape::line(&line[..range.start]);
    let inside = escape::line(&line[range.clone()]);
    let after = escape::line(&line[range.end..]);
    let start = before.len();
    let end = start + inside.len();
    (format!("{before}{inside}{after}"), start..end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Code;
    use crate::span::{Position, Span};

    /// Every span over texts with CRs, multi-byte characters and no final newline, including
    /// spans inside a character, backwards or past the end: an excerpt, never a panic.
    #[test]
    fn any_span_gives_an_excerpt_without_panicking() {
        let texts = [
            "\r",
            "\r\0",
            "caf\r",
            "é\r\n",
            "a\r\r\nb",
            "\n\r\n",
            "x: ü\r\ny",
        ];
        for text in texts {
            for start in 0..text.len() + 3 {
                for end in 0..text.len() + 3 {
                    let d = Diagnostic {
                        path: "notes/x.md".into(),
                        span: Span::new(start, end),
                        start: Position::START,
                        end: Position::START,
                        code: Code::T001,
                        message: String::new(),
                        help: None,
                        remedy: crate::findings::Remedy::default(),
                    };
                    if let Some((line, range)) = excerpt(text, &d) {
                        assert!(range.start <= range.end, "{text:?} {start}..{end}");
                        assert!(line.get(range.clone()).is_some(), "{text:?} {start}..{end}");
                    }
                }
            }
        }
    }

    /// A span over a whole 1 MB value (multi-byte, so the cut must find a boundary) gives a
    /// window of a few hundred bytes, underlining the value's start.
    #[test]
    fn a_huge_span_is_underlined_for_its_first_part() {
        let value = "é".repeat(512 * 1024);
        let text = format!("email: {value}\n");
        let d = Diagnostic {
            path: "contacts/big.md".into(),
            span: Span::new(7, 7 + value.len()),
            start: Position::START,
            end: Position::START,
            code: Code::T108,
            message: String::new(),
            help: None,
            remedy: crate::findings::Remedy::default(),
        };
        let (line, range) = excerpt(&text, &d).expect("an excerpt");
        assert!(line.len() < 4 * MAX_EXCERPT, "{} bytes", line.len());
        assert!(
            line.starts_with("email: é") && line.ends_with('…'),
            "{line:.40}"
        );
        assert!(line[range].starts_with('é'));
    }
}
