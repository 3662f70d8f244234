//! Fitting a `watch --agenda` round to one terminal screen. A round that is taller than the
//! screen scrolls its top away, and the top is where the new error is; a line wider than the
//! screen wraps and breaks the agenda's columns. So the diagnostics come first and are never
//! pushed off by the agenda, the agenda gets what room is left ("… N more" for the rest), and
//! every line is cut to the width.

use unicode_width::UnicodeWidthChar;

/// The parts of a round, rendered, one string per line (styles included, no newlines).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Screen<'a> {
    pub diagnostics: &'a [String],
    /// Lines of diagnostics after those given, which cannot fit: counted, not copied.
    pub more_diagnostics: usize,
    /// "1 error, 0 warnings in 36 files": always shown.
    pub summary: &'a [String],
    /// Shown, after a blank line, only in the room the others leave.
    pub agenda: &'a [String],
    /// The status line: always shown, last.
    pub status: &'a [String],
}

/// The lines to print for `screen` on a terminal of `width` columns and `height` rows. One
/// row is left for the cursor, so that the last newline does not scroll the first line away.
pub(crate) fn fit(screen: &Screen<'_>, width: usize, height: usize) -> Vec<String> {
    let rows = height.saturating_sub(1);
    let kept = screen.summary.len() + screen.status.len();
    let mut room = rows.saturating_sub(kept);
    let mut lines = Vec::with_capacity(rows);

    let diagnostics = take(
        screen.diagnostics,
        screen.more_diagnostics,
        room,
        "lines of diagnostics",
    );
    room -= diagnostics.len();
    lines.extend(diagnostics);
    lines.extend(screen.summary.iter().cloned());
    // The blank line before the agenda and one agenda line, or no agenda at all.
    if !screen.agenda.is_empty() && room >= 2 {
        lines.push(String::new());
        lines.extend(take(screen.agenda, 0, room - 1, "more"));
    }
    lines.extend(screen.status.iter().cloned());
    lines.into_iter().map(|line| cut(&line, width)).collect()
}

/// At most `room` of `part`'s lines (and the `more` lines after them, not given); when they
/// do not all fit, the last one says how many were left out ("… 12 more").
fn take(part: &[String], more: usize, room: usize, what: &str) -> Vec<String> {
    if part.len() + more <= room {
        return part.to_vec();
    }
    let Some(shown) = room.checked_sub(1) else {
        return Vec::new();
    };
    let shown = shown.min(part.len());
    let mut lines = part[..shown].to_vec();
    lines.push(format!("… {} {what}", part.len() + more - shown));
    lines
}

/// `line` cut to `width` columns of display width, ending in "…" when cut. Escape sequences
/// (`ESC [ … final`, the styles the renderers write) take no columns and are never split; a
/// style left open by the cut is reset. Text from the notebook reaches here already escaped
/// into printable characters, so it is counted as it will show.
pub(crate) fn cut(line: &str, width: usize) -> String {
    if columns(line) <= width {
        return line.to_owned();
    }
    let room = width.saturating_sub(1);
    let mut out = String::with_capacity(line.len());
    let mut used = 0;
    let mut styled = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            styled = true;
            out.push(c);
            copy_escape(&mut chars, &mut out);
            continue;
        }
        let w = char_width(c);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    if styled {
        out.push_str("\x1b[0m");
    }
    out
}

/// How many columns `line` takes on a terminal.
fn columns(line: &str) -> usize {
    let mut chars = line.chars().peekable();
    let mut used = 0;
    let mut skipped = String::new();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            copy_escape(&mut chars, &mut skipped);
        } else {
            used += char_width(c);
        }
    }
    used
}

/// A tab takes up to eight columns: counted as eight, so a line with one is never too wide.
fn char_width(c: char) -> usize {
    if c == '\t' { 8 } else { c.width().unwrap_or(0) }
}

/// Copies the rest of an escape sequence whose ESC was just read: a CSI (`[`, parameters, a
/// final byte from `@` to `~`), or the one character after ESC.
fn copy_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, out: &mut String) {
    match chars.next() {
        Some('[') => {
            out.push('[');
            for c in chars.by_ref() {
                out.push(c);
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
        Some(c) => out.push(c),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(prefix: &str, n: usize) -> Vec<String> {
        (1..=n).map(|i| format!("{prefix} {i}")).collect()
    }

    /// `n` diagnostic lines and `m` agenda lines, with a summary and a status line, fitted.
    fn fitted(n: usize, m: usize, width: usize, height: usize) -> Vec<String> {
        let screen = Screen {
            diagnostics: &lines("diag", n),
            more_diagnostics: 0,
            summary: &["summary".to_owned()],
            agenda: &lines("item", m),
            status: &["status".to_owned()],
        };
        fit(&screen, width, height)
    }

    #[test]
    fn diagnostics_come_first_and_the_agenda_gets_the_room_left() {
        let got = fitted(5, 40, 80, 12);
        assert_eq!(
            got,
            [
                "diag 1",
                "diag 2",
                "diag 3",
                "diag 4",
                "diag 5",
                "summary",
                "",
                "item 1",
                "item 2",
                "… 38 more",
                "status"
            ]
        );
        assert_eq!(got.len(), 11, "one row left for the cursor");
    }

    #[test]
    fn diagnostics_taller_than_the_screen_keep_their_top_and_push_out_the_agenda() {
        assert_eq!(
            fitted(30, 3, 80, 8),
            [
                "diag 1",
                "diag 2",
                "diag 3",
                "diag 4",
                "… 26 lines of diagnostics",
                "summary",
                "status"
            ]
        );
    }

    /// Lines past the screen need not be given, only counted.
    #[test]
    fn diagnostics_not_given_are_counted() {
        let screen = Screen {
            diagnostics: &lines("diag", 8),
            more_diagnostics: 22,
            summary: &["summary".to_owned()],
            agenda: &lines("item", 3),
            status: &["status".to_owned()],
        };
        assert_eq!(fit(&screen, 80, 8), fitted(30, 3, 80, 8));
    }

    #[test]
    fn everything_that_fits_is_shown_as_it_is() {
        assert_eq!(
            fitted(0, 2, 80, 24),
            ["summary", "", "item 1", "item 2", "status"]
        );
        // A screen too small for anything else still shows the summary and the status.
        assert_eq!(fitted(0, 2, 80, 1), ["summary", "status"]);
        // Lines are cut to the width, the kept ones too.
        assert_eq!(fitted(1, 0, 5, 24), ["diag…", "summ…", "stat…"]);
    }

    #[test]
    fn lines_are_cut_by_display_width_not_bytes() {
        assert_eq!(cut("abcdef", 6), "abcdef");
        assert_eq!(cut("abcdefg", 6), "abcde…");
        // Two columns each: three fit in six, the cut leaves room for the ellipsis.
        assert_eq!(cut("日本語の名前", 7), "日本語…");
        assert_eq!(columns(&cut("日本語の名前", 6)), 5);
        assert_eq!(cut("café au lait", 6), "café …");
    }

    #[test]
    fn styles_take_no_columns_and_are_closed_when_cut() {
        let red = "\x1b[1;91merror\x1b[0m: unknown company";
        assert_eq!(cut(red, 80), red, "fits: untouched");
        assert_eq!(cut(red, 8), "\x1b[1;91merror\x1b[0m: …\x1b[0m");
        // Text from the notebook arrives escaped into printable characters, counted as shown.
        let data = crate::render::escape::line("name: \x1b[2J");
        assert_eq!(data, "name: \\e[2J");
        assert_eq!(cut(&data, 10), "name: \\e[…");
    }
}
