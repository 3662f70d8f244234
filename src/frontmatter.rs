//! Splits a file into YAML front matter and Markdown body, keeping byte offsets so every
//! later diagnostic lands on the right line of the file. Written by hand rather than with
//! `gray_matter` because we need the offsets, a precise "never closed" error, and no silent
//! acceptance of a fence that does not start the file.

use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FrontMatter {
    /// The file does not start with a `---` line.
    Absent,
    /// `---` on the first line, but no closing `---` or `...` line.
    Unclosed { open: Span },
    /// The YAML between the fences, and where the body starts.
    Closed { yaml: Span, body_start: usize },
}

impl FrontMatter {
    /// Splits `text`, which must already have any byte-order mark removed.
    pub(crate) fn split(text: &str) -> Self {
        let mut lines = Lines { text, pos: 0 };
        let Some(first) = lines.next() else {
            return Self::Absent;
        };
        if !is_fence(first.content, "---") {
            return Self::Absent;
        }
        let yaml_start = first.next;
        // Only a line starting with `---` or `...` can close it: those are found by their
        // newline and three bytes, rather than every line of the front matter cut out and
        // compared (2% of a check's instructions).
        let bytes = text.as_bytes();
        let line_starts = std::iter::once(yaml_start)
            .chain(memchr::memchr_iter(b'\n', &bytes[yaml_start..]).map(|i| yaml_start + i + 1));
        let candidates = line_starts.filter(|&start| {
            let head = bytes.get(start..start + 3);
            head == Some(b"---") || head == Some(b"...")
        });
        for start in candidates {
            let Some(line) = (Lines { text, pos: start }).next() else {
                break;
            };
            if is_fence(line.content, "---") || is_fence(line.content, "...") {
                return Self::Closed {
                    yaml: Span::new(yaml_start, line.start),
                    body_start: line.next,
                };
            }
        }
        Self::Unclosed {
            open: Span::new(0, 3),
        }
    }

    /// Where the Markdown body starts: after the front matter if it is closed.
    pub(crate) fn body_start(self) -> usize {
        match self {
            Self::Closed { body_start, .. } => body_start,
            Self::Absent | Self::Unclosed { .. } => 0,
        }
    }
}

/// How many blank lines come before a `---` line that would have opened front matter, if
/// the file starts with blank lines and then such a fence: editors and templates add them,
/// and front matter is only read from the first line.
pub(crate) fn blank_lines_before_fence(text: &str) -> Option<usize> {
    let mut blank = 0;
    for line in (Lines { text, pos: 0 }) {
        if line.content.trim().is_empty() {
            blank += 1;
        } else {
            return (blank > 0 && is_fence(line.content, "---")).then_some(blank);
        }
    }
    None
}

/// A fence is the marker alone on its line; trailing spaces are forgiven, as editors add them.
fn is_fence(line: &str, marker: &str) -> bool {
    line.strip_prefix(marker)
        .is_some_and(|rest| rest.trim_end_matches([' ', '\t']).is_empty())
}

struct Line<'a> {
    start: usize,
    /// The line without its `\n` or `\r\n`.
    content: &'a str,
    /// Offset of the next line.
    next: usize,
}

struct Lines<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let rest = &self.text[start..];
        let (raw, next) = match rest.find('\n') {
            Some(i) => (&rest[..i], start + i + 1),
            None => (rest, self.text.len()),
        };
        self.pos = next;
        Some(Line {
            start,
            content: raw.strip_suffix('\r').unwrap_or(raw),
            next,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> &str {
        match FrontMatter::split(text) {
            FrontMatter::Closed { yaml, .. } => &text[yaml.range()],
            other => panic!("expected closed front matter, got {other:?}"),
        }
    }

    /// The split as it was written first: every line after the opening one compared.
    fn split_line_by_line(text: &str) -> FrontMatter {
        let mut lines = Lines { text, pos: 0 };
        match lines.next() {
            Some(first) if is_fence(first.content, "---") => {
                for line in lines {
                    if is_fence(line.content, "---") || is_fence(line.content, "...") {
                        return FrontMatter::Closed {
                            yaml: Span::new(first.next, line.start),
                            body_start: line.next,
                        };
                    }
                }
                FrontMatter::Unclosed {
                    open: Span::new(0, 3),
                }
            }
            _ => FrontMatter::Absent,
        }
    }

    #[test]
    fn closing_fences_found_by_their_first_bytes_are_those_of_every_line() {
        let mut rng = crate::rng::Rng::new(11);
        let parts = [
            "---", "...", "\n", "\r\n", "a: b", " ", "\t", "-- -", "....", "---x", "é",
        ];
        for _ in 0..50_000 {
            let len = rng.below(10);
            let text: String = (0..len).map(|_| *rng.pick(&parts)).collect();
            assert_eq!(
                FrontMatter::split(&text),
                split_line_by_line(&text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn splits_lf_and_crlf() {
        assert_eq!(yaml("---\nname: A\n---\nbody"), "name: A\n");
        assert_eq!(yaml("---\r\nname: A\r\n---\r\nbody"), "name: A\r\n");
        let text = "---\r\nname: A\r\n---\r\nbody";
        assert_eq!(&text[FrontMatter::split(text).body_start()..], "body");
    }

    #[test]
    fn closes_with_dots_and_allows_empty() {
        assert_eq!(yaml("---\nname: A\n...\n"), "name: A\n");
        assert_eq!(yaml("---\n---\n"), "");
        assert_eq!(yaml("---  \nname: A\n---"), "name: A\n");
    }

    #[test]
    fn counts_blank_lines_before_a_late_fence() {
        assert_eq!(blank_lines_before_fence("\n---\nname: A\n---\n"), Some(1));
        assert_eq!(blank_lines_before_fence(" \r\n\n---\n"), Some(2));
        assert_eq!(blank_lines_before_fence("---\nname: A\n---\n"), None);
        assert_eq!(blank_lines_before_fence("\n# Title\n---\n"), None);
        assert_eq!(blank_lines_before_fence("\n\n"), None);
    }

    #[test]
    fn detects_absent_and_unclosed() {
        assert_eq!(FrontMatter::split(""), FrontMatter::Absent);
        assert_eq!(FrontMatter::split("# Title\n---\n"), FrontMatter::Absent);
        assert_eq!(FrontMatter::split("----\nx\n----\n"), FrontMatter::Absent);
        assert_eq!(
            FrontMatter::split("---\nname: A\n"),
            FrontMatter::Unclosed {
                open: Span::new(0, 3)
            }
        );
        // A `---` later in the YAML that is not alone on its line does not close it.
        assert!(matches!(
            FrontMatter::split("---\na: ---x\n"),
            FrontMatter::Unclosed { .. }
        ));
    }
}
