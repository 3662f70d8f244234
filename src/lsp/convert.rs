//! Between the domain's byte offsets and the protocol's positions (0-based lines, columns in
//! UTF-16 code units), and between `file:` URIs and paths. A position past the end of a line
//! or of the text is clamped, never an error: clients send stale positions.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{Position, Range, Uri};

use crate::span::Span;

/// A text's line starts, for conversions both ways.
pub(crate) struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { text, starts }
    }

    pub(crate) fn position(&self, offset: usize) -> Position {
        let offset = crate::span::clamp(self.text, offset);
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts[line];
        let character = self.text[start..offset].encode_utf16().count();
        Position::new(line as u32, character as u32)
    }

    pub(crate) fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    pub(crate) fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return self.text.len();
        };
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let mut units = 0;
        for (i, c) in self.text[start..line_end].char_indices() {
            if units >= position.character as usize {
                return start + i;
            }
            units += c.len_utf16();
        }
        line_end
    }
}

/// The path of a `file:` URI, percent-decoded; `None` for any other scheme.
pub(crate) fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///x` (no host) or `file://localhost/x`.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    Some(PathBuf::from(crate::body::percent_decode(path)))
}

/// The `file:` URI of an absolute path, escaping what a URI path cannot hold.
pub(crate) fn uri_of(path: &Path) -> Option<Uri> {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    Uri::from_str(&out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_both_ways() {
        let text = "a😀b\nçd\n";
        let lines = Lines::new(text);
        assert_eq!(lines.position(5), Position::new(0, 3));
        assert_eq!(lines.offset(Position::new(0, 3)), 5);
        assert_eq!(lines.position(9), Position::new(1, 1));
        assert_eq!(lines.offset(Position::new(1, 1)), 9);
        assert_eq!(lines.offset(Position::new(1, 99)), 10);
        assert_eq!(lines.offset(Position::new(9, 0)), text.len());
        assert_eq!(lines.position(999), Position::new(2, 0));
        // Inside the emoji: clamped to its start.
        assert_eq!(lines.position(3), Position::new(0, 1));
    }

    #[test]
    fn file_uris_round_trip() {
        let path = Path::new("/tmp/my notes/contacts/ad%a.md");
        let uri = uri_of(path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/my%20notes/contacts/ad%25a.md");
        assert_eq!(path_of(&uri).unwrap(), path);
        let other = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(path_of(&other), None);
    }
}
