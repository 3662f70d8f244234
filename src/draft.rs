//! A record file about to be written by `ties new` or an import: front-matter keys in a
//! chosen order, commented hints for the keys left out, and a body. Values that come from
//! the user are quoted whenever YAML would otherwise read them as something else (a number,
//! a boolean, null, a comment, a mapping), so what is written reads back as written.

use std::fmt::Write;

#[derive(Clone, Debug, Default)]
pub(crate) struct Draft {
    lines: Vec<String>,
    body: String,
}

impl Draft {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// `key: value` for a value `ties` itself produced and knows to be plain: a date, an
    /// enumerated word, a duration.
    pub(crate) fn word(&mut self, key: &str, word: &str) -> &mut Self {
        self.lines.push(format!("{key}: {word}"));
        self
    }

    /// `key: value` for text from the user, quoted if needed.
    pub(crate) fn text(&mut self, key: &str, text: &str) -> &mut Self {
        self.lines.push(format!("{key}: {}", scalar(text)));
        self
    }

    /// `key: [a, b]`, each item quoted if needed.
    pub(crate) fn list<S: AsRef<str>>(&mut self, key: &str, items: &[S]) -> &mut Self {
        let items: Vec<String> = items.iter().map(|i| flow_scalar(i.as_ref())).collect();
        self.lines.push(format!("{key}: [{}]", items.join(", ")));
        self
    }

    /// A comment line, `# …`.
    pub(crate) fn hint(&mut self, hint: &str) -> &mut Self {
        self.lines.push(format!("# {hint}"));
        self
    }

    pub(crate) fn body(&mut self, body: &str) -> &mut Self {
        body.clone_into(&mut self.body);
        self
    }

    /// The file's text: front matter, then the body, ending with one newline.
    pub(crate) fn render(&self) -> String {
        let mut out = String::from("---\n");
        for line in &self.lines {
            out.push_str(line);
            out.push('\n');
        }
        out.push_str("---\n");
        let body = self.body.trim_end();
        if !body.is_empty() {
            out.push_str(body);
            out.push('\n');
        }
        out
    }
}

/// A YAML scalar for `text`: plain when that reads back as the same string, else
/// double-quoted.
pub(crate) fn scalar(text: &str) -> String {
    if is_plain_safe(text) {
        text.to_owned()
    } else {
        double_quoted(text)
    }
}

/// An id as a YAML scalar: a slug is written plain, even one that starts with a date
/// (`2026-11-10-rust-meetup` is not a number to YAML); `null` and anything else is quoted as
/// needed.
pub(crate) fn id(text: &str) -> String {
    if crate::model::id::is_slug(text) && text != "null" {
        text.to_owned()
    } else {
        scalar(text)
    }
}

/// Like [`scalar`], inside `[…]`, where commas and brackets end a plain value.
fn flow_scalar(text: &str) -> String {
    if is_plain_safe(text) && !text.contains([',', '[', ']', '{', '}']) {
        text.to_owned()
    } else {
        double_quoted(text)
    }
}

fn is_plain_safe(text: &str) -> bool {
    const SPECIAL: &[&str] = &[
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    ];
    let Some(first) = text.chars().next() else {
        return false;
    };
    // Digits and signs could make a number (`1.50` would read back as 1.5); such names are
    // rare enough that quoting them all is simpler than recognising YAML's number forms.
    !first.is_ascii_digit()
        && !"-+.?:,[]{}#&*!|>'\"%@`".contains(first)
        && text.trim() == text
        && !text.chars().any(char::is_control)
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !SPECIAL.iter().any(|s| s.eq_ignore_ascii_case(text))
}

fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;
    use crate::yaml::{self, Value};

    fn read_back(yaml_text: &str) -> Vec<(String, Value<'_>)> {
        let parsed = yaml::parse(yaml_text, Span::new(0, yaml_text.len())).unwrap();
        let Value::Map(entries) = parsed.root.value else {
            panic!("not a mapping: {yaml_text}")
        };
        entries
            .into_iter()
            .map(|(k, v)| (k.value.scalar_text().unwrap(), v.value))
            .collect()
    }

    #[test]
    fn user_text_reads_back_as_written() {
        let tricky = [
            "Jane Doe",
            "José Álvarez",
            "O'Brien",
            "yes",
            "No",
            "null",
            "~",
            "1.50",
            "0123",
            "3M",
            "-dash",
            "key: value",
            "a # not a comment",
            "ends with colon:",
            "[bracket]",
            "{brace}",
            "*star",
            "&anchor",
            "!tag",
            "@handle",
            "`tick`",
            "\"quoted\"",
            "back\\slash",
            "two\nlines",
            " padded ",
            "tab\there",
            "https://www.linkedin.com/in/jane-doe",
            "",
        ];
        for text in tricky {
            let yaml_text = format!("k: {}\n", scalar(text));
            let entries = read_back(&yaml_text);
            assert_eq!(entries[0].1, Value::Str(text.into()), "{yaml_text}");
        }
    }

    #[test]
    fn ids_read_back() {
        for text in [
            "2026-11-10-rust-meetup",
            "acme",
            "null",
            "123",
            "0123",
            "Acme_Corp",
        ] {
            let yaml_text = format!("k: {}\n", id(text));
            let read = read_back(&yaml_text).remove(0).1.scalar_text();
            assert_eq!(read.as_deref(), Some(text), "{yaml_text}");
        }
    }

    #[test]
    fn lists_read_back() {
        let mut draft = Draft::new();
        draft.list("tags", &["a, b", "plain", "yes", "[x]"]);
        let text = draft.render();
        let yaml_text = text.trim_start_matches("---\n").trim_end_matches("---\n");
        let entries = read_back(yaml_text);
        let Value::Seq(items) = &entries[0].1 else {
            panic!("{text}")
        };
        let items: Vec<Value> = items.iter().map(|n| n.value.clone()).collect();
        assert_eq!(
            items,
            ["a, b", "plain", "yes", "[x]"].map(|s| Value::Str(s.into()))
        );
    }

    #[test]
    fn renders_front_matter_then_body() {
        let mut draft = Draft::new();
        draft
            .text("name", "Jane Doe")
            .word("reached_out", "2026-11-10")
            .hint("role: developer | manager | recruiter | other")
            .body("Met at the meetup.\n\n");
        assert_eq!(
            draft.render(),
            "---\nname: Jane Doe\nreached_out: 2026-11-10\n# role: developer | manager | recruiter | other\n---\nMet at the meetup.\n"
        );
    }
}
