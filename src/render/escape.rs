//! Text from the notebook made safe for a terminal: control characters (C0, DEL, C1) and the
//! bidirectional overrides that reorder what is shown (U+202E and friends) are written
//! visibly (`\e`, `\r`, `\u{202e}`), so a name copied from a web page cannot clear the
//! screen, set the window title, write the clipboard (OSC 52) or disguise a path. Every
//! human-facing format (text, Markdown, diagnostics, error lines) passes user text through
//! here; JSON is exact (serde escapes), CSV is exact when it goes to a file.

use std::borrow::Cow;
use std::fmt;

/// Whether `c` must not reach a terminal as it is.
pub(crate) fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\u{1b}' => out.push_str("\\e"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\0' => out.push_str("\\0"),
        other => {
            use fmt::Write;
            let _ = write!(out, "\\u{{{:x}}}", u32::from(other));
        }
    }
}

fn escape_where(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let escape = |c: char| is_unsafe(c) && !(keep_newlines && c == '\n');
    if !text.chars().any(escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escape(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One line of user text (a name, a title, a path): every control character escaped,
/// newlines included, so it stays one line and tables stay aligned.
pub(crate) fn line(text: &str) -> Cow<'_, str> {
    escape_where(text, false)
}

/// A message that may span lines on purpose (an error with its help): newlines kept.
pub(crate) fn lines(text: &str) -> Cow<'_, str> {
    escape_where(text, true)
}

/// [`line`] as a `Display`, for `write!` arguments: `write!(out, "{}", safe(&name))`.
pub(crate) struct Safe<'a>(pub &'a str);

impl fmt::Display for Safe<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&line(self.0))
    }
}

/// Shorthand for [`Safe`].
pub(crate) fn safe(text: &str) -> Safe<'_> {
    Safe(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_a_terminal_would_act_on() {
        for (text, shown) in [
            (
                "Eve \u{1b}]0;pwned\u{7}\u{1b}[2J",
                "Eve \\e]0;pwned\\u{7}\\e[2J",
            ),
            ("a\rb\nc\td\0", "a\\rb\\nc\\td\\0"),
            ("\u{7f}\u{9b}31m", "\\u{7f}\\u{9b}31m"),
            ("evil\u{202e}txt.md", "evil\\u{202e}txt.md"),
        ] {
            assert_eq!(line(text), shown);
        }
        assert_eq!(lines("one\ntwo\u{1b}"), "one\ntwo\\e");
    }

    #[test]
    fn leaves_ordinary_text_alone_and_borrowed() {
        for text in [
            "Zoë Ångström",
            "李小龍",
            "emoji 🎉",
            "tab-free, quote \" and \\",
        ] {
            assert!(matches!(line(text), Cow::Borrowed(t) if t == text));
        }
    }
}
