//! Markdown to roff, minimally: enough for `ties-format(5)`, made from docs/format.md and
//! docs/agenda.md so that the installed manual says what the docs say. Headings, paragraphs,
//! lists, code blocks and tables (kept as preformatted text); inline code and bold in bold,
//! links as their text.

use std::fmt::Write;

/// A man page `name(section)` of the Markdown documents `docs`, one after the other.
pub(crate) fn page(name: &str, section: &str, about: &str, docs: &[&str]) -> String {
    let mut out = format!(
        ".TH {} {section}\n.SH NAME\n{name} \\- {}\n",
        name.to_uppercase(),
        text(about)
    );
    for doc in docs {
        markdown(doc, &mut out);
    }
    out
}

fn markdown(doc: &str, out: &mut String) {
    let mut code = false;
    let mut table = false;
    for line in doc.lines() {
        if line.trim_start().starts_with("```") {
            out.push_str(if code { ".fi\n.RE\n" } else { ".RS 4\n.nf\n" });
            code = !code;
            continue;
        }
        if code {
            out.push_str(&literal(line));
            out.push('\n');
            continue;
        }
        let is_row = line.trim_start().starts_with('|');
        if is_row != table {
            out.push_str(if is_row { ".PP\n.nf\n" } else { ".fi\n" });
            table = is_row;
        }
        if is_row {
            // The `|---|---|` rule under a table's header says nothing on a terminal.
            if !line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
                out.push_str(&text(line));
                out.push('\n');
            }
        } else if let Some(title) = line.strip_prefix("# ").or_else(|| line.strip_prefix("## ")) {
            let _ = writeln!(out, ".SH {}", text(&title.to_uppercase()));
        } else if let Some(title) = line.strip_prefix("### ") {
            let _ = writeln!(out, ".SS {}", text(title));
        } else if let Some(item) = list_item(line) {
            let _ = writeln!(out, ".IP \\(bu 2\n{}", text(item));
        } else if line.trim().is_empty() {
            out.push_str(".PP\n");
        } else {
            out.push_str(&text(line.trim_start()));
            out.push('\n');
        }
    }
    if code || table {
        out.push_str(".fi\n");
    }
}

fn list_item(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    trimmed
        .strip_prefix("- ")
        .or_else(|| trimmed.strip_prefix("* "))
        .or_else(|| {
            let digits = trimmed.find(|c: char| !c.is_ascii_digit())?;
            (digits > 0).then(|| trimmed[digits..].strip_prefix(". "))?
        })
}

/// A line as roff text: escaped, `code` and **bold** in bold, `[text](link)` as its text.
fn text(line: &str) -> String {
    let mut out = String::new();
    let mut bold = false;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("**") {
            out.push_str(if bold { "\\fR" } else { "\\fB" });
            bold = !bold;
            rest = after;
        } else if let Some((code, after)) = rest.strip_prefix('`').and_then(|r| r.split_once('`')) {
            out.push_str("\\fB");
            out.push_str(&escape(code));
            out.push_str("\\fR");
            rest = after;
        } else if let Some((label, after)) = link(rest) {
            out.push_str(&text(label));
            rest = after;
        } else {
            out.push_str(&escape(&c.to_string()));
            rest = &rest[c.len_utf8()..];
        }
    }
    if bold {
        out.push_str("\\fR");
    }
    guard(out)
}

/// `[label](target)` at the start of `s`: the label and what follows the link.
fn link(s: &str) -> Option<(&str, &str)> {
    let (label, after) = s.strip_prefix('[')?.split_once("](")?;
    let (_, after) = after.split_once(')')?;
    Some((label, after))
}

/// A line of a code block, as it is.
fn literal(line: &str) -> String {
    guard(escape(line))
}

/// Backslashes and hyphens as roff wants them; anything beyond ASCII as a named code point,
/// which every roff reads whatever the locale.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\e"),
            '-' => out.push_str("\\-"),
            c if c.is_ascii() => out.push(c),
            c => {
                let _ = write!(out, "\\[u{:04X}]", u32::from(c));
            }
        }
    }
    out
}

/// A line starting with `.` or `'` would be read as a request.
fn guard(line: String) -> String {
    if line.starts_with(['.', '\'']) {
        format!("\\&{line}")
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_headings_paragraphs_lists_and_code() {
        let doc = "# Title\n\nSome `code` and **bold**, [a link](x.md).\n\n## Keys\n\n- one\n2. two\n\n```yaml\n.dot: \\x\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        let got = page("ties-format", "5", "the format", &[doc]);
        let want = ".TH TIES-FORMAT 5\n.SH NAME\nties-format \\- the format\n.SH TITLE\n.PP\nSome \\fBcode\\fR and \\fBbold\\fR, a link.\n.PP\n.SH KEYS\n.PP\n.IP \\(bu 2\none\n.IP \\(bu 2\ntwo\n.PP\n.RS 4\n.nf\n\\&.dot: \\ex\n.fi\n.RE\n.PP\n.PP\n.nf\n| a | b |\n| 1 | 2 |\n.fi\n";
        assert_eq!(got, want);
    }
}
