//! Byte spans inside a file and their translation to the 1-based line:column positions that
//! users see. Every value `ties` reads keeps the span it came from, so a diagnostic can point
//! at the exact characters in the user's file rather than somewhere in the front matter.

use std::ops::Range;

/// A byte range in a document's text (the file with any byte-order mark removed).
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub(crate) const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// The empty span at the start of the file, for problems with the file as a whole.
    pub(crate) const fn file() -> Self {
        Self { start: 0, end: 0 }
    }

    pub(crate) const fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

/// A value and where it was written.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub(crate) const fn new(value: T, span: Span) -> Self {
        Self { value, span }
    }
}

/// `offset` made safe to slice `text` at: at most its length, and moved back to the start
/// of the character it falls inside. Every offset that comes from a span goes through here,
/// so a stale or hostile span can never panic.
pub(crate) fn clamp(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A 1-based line and column; the column counts characters, not bytes, as editors do.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub(crate) struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    #[cfg(test)]
    pub(crate) const START: Self = Self { line: 1, column: 1 };

    /// The position of byte `offset` in `text`. Offsets past the end or inside a character
    /// are clamped, so a stale span can never panic.
    pub(crate) fn of(text: &str, offset: usize) -> Self {
        let offset = clamp(text, offset);
        let before = &text[..offset];
        let line = 1 + before.bytes().filter(|&b| b == b'\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = 1 + before[line_start..].chars().count();
        Self { line, column }
    }
}

/// Where each line of a text starts, so positions are found by binary search instead of a
/// scan from the start of the file (a 50 MB note with a million links must stay linear).
#[derive(Clone, Debug, Default)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { starts }
    }

    /// Like [`Position::of`], in O(log lines + line length).
    pub(crate) fn position(&self, text: &str, offset: usize) -> Position {
        let offset = clamp(text, offset);
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        Position {
            line,
            column: 1 + text[start..offset].chars().count(),
        }
    }
}

/// The byte offset of a 1-based line and character column in `text`, clamped to the line.
pub(crate) fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    text[start..line_end]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_end, |(i, _)| start + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "a: é😀x\nb: 1\n";
        let x = text.find('x').unwrap();
        assert_eq!(Position::of(text, x), Position { line: 1, column: 6 });
        assert_eq!(
            Position::of(text, text.find('b').unwrap()),
            Position { line: 2, column: 1 }
        );
    }

    #[test]
    fn line_index_agrees_with_a_scan() {
        let text = "a: é😀x\nb: 1\n\nlast";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 3 {
            assert_eq!(
                index.position(text, offset),
                Position::of(text, offset),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn offsets_round_trip_and_clamp() {
        let text = "one\ntwé\nthree";
        let off = offset_of(text, 2, 3);
        assert_eq!(&text[off..off + 2], "é");
        assert_eq!(Position::of(text, off), Position { line: 2, column: 3 });
        assert_eq!(offset_of(text, 9, 1), text.len());
        assert_eq!(Position::of(text, 999), Position { line: 3, column: 6 });
    }
}
