//! Between the domain's byte offsets and the protocol's positions (0-based lines, columns in
//! UTF-16 code units), and between `file:` URIs and paths. A position past the end of a line
//! or of the text is clamped, never an error: clients send stale positions.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{Position, Range, Uri};

use crate::document::Document;
use crate::span::Span;

/// A text's line starts, for conversions both ways.
pub(crate) struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// The first line's columns start after a byte-order mark the text leaves out (one
    /// UTF-16 unit): a document's offsets do not count it, the editor's buffer does.
    bom: bool,
}

impl<'a> Lines<'a> {
    /// The lines of `text` as the client has it.
    pub(crate) fn new(text: &'a str) -> Self {
        Self::with_bom(text, false)
    }

    /// The lines of a document's text, placed in the file it was read from (or the buffer
    /// it was parsed from), byte-order mark included.
    pub(crate) fn of(doc: &'a Document) -> Self {
        Self::with_bom(doc.text().unwrap_or(""), doc.bom)
    }

    fn with_bom(text: &'a str, bom: bool) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { text, starts, bom }
    }

    pub(crate) fn position(&self, offset: usize) -> Position {
        let offset = crate::span::clamp(self.text, offset);
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts[line];
        let character = self.text[start..offset].encode_utf16().count() + self.shift(line);
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
        // A position on the byte-order mark itself is the text's start.
        let wanted =
            (position.character as usize).saturating_sub(self.shift(position.line as usize));
        let mut units = 0;
        for (i, c) in self.text[start..line_end].char_indices() {
            if units >= wanted {
                return start + i;
            }
            units += c.len_utf16();
        }
        line_end
    }

    /// The UTF-16 units before the text on `line`: the byte-order mark's on the first.
    fn shift(&self, line: usize) -> usize {
        usize::from(self.bom && line == 0)
    }
}

/// The byte offset of `position` in `text` as the client has it (a byte-order mark is a
/// character of its first line), clamped as [`Lines::offset`] clamps: reading only up to
/// that line, so an edit near the start of a long buffer costs little.
pub(crate) fn offset(text: &str, position: Position) -> usize {
    let mut start = 0;
    for _ in 0..position.line {
        match memchr::memchr(b'\n', &text.as_bytes()[start..]) {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_end =
        memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
    let mut units = 0;
    for (i, c) in text[start..line_end].char_indices() {
        if units >= position.character as usize {
            return start + i;
        }
        units += c.len_utf16();
    }
    line_end
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
    fn offsets_in_a_buffer_agree_with_lines() {
        let text = "\u{feff}a😀b\nçd\n\nlast";
        let lines = Lines::new(text);
        for line in 0..5 {
            for character in 0..7 {
                let p = Position::new(line, character);
                assert_eq!(offset(text, p), lines.offset(p), "{p:?}");
            }
        }
    }

    #[test]
    fn a_byte_order_mark_is_the_first_lines_first_column() {
        let doc = Document::parse(
            "contacts/ada.md".to_owned(),
            Ok("\u{feff}---\nrole: x\n---\n".as_bytes().to_vec()),
            &crate::model::conventions::PLAIN,
        );
        assert!(doc.bom);
        assert_eq!(doc.text(), Some("---\nrole: x\n---\n"));
        let lines = Lines::of(&doc);
        // `---` is at offset 0 of the text, after the mark in the buffer.
        assert_eq!(lines.position(0), Position::new(0, 1));
        assert_eq!(lines.position(3), Position::new(0, 4));
        assert_eq!(lines.offset(Position::new(0, 4)), 3);
        assert_eq!(lines.offset(Position::new(0, 1)), 0);
        assert_eq!(
            lines.offset(Position::new(0, 0)),
            0,
            "on the mark: the start"
        );
        // Other lines are as they are.
        assert_eq!(lines.position(4), Position::new(1, 0));
        assert_eq!(lines.offset(Position::new(1, 2)), 6);
        let plain = Document::parse(
            "contacts/ada.md".to_owned(),
            Ok(b"---\n".to_vec()),
            &crate::model::conventions::PLAIN,
        );
        assert!(!plain.bom);
        assert_eq!(Lines::of(&plain).position(3), Position::new(0, 3));
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
