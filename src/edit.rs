//! One-value edits of a note, made in its text at the spans the YAML layer keeps: only the
//! bytes of the touched value change, or one line is added, so comments, key order, quoting,
//! indentation, CRLF line endings and the body stay exactly as the user wrote them and
//! `git diff` shows one line. Nothing here re-serialises YAML: a serialiser would normalise
//! everything it did not understand. Pure functions from text to text; the caller reads and
//! writes the file (and keeps its byte-order mark, which `text` never holds).

use chrono::NaiveDate;

use crate::body;
use crate::frontmatter::FrontMatter;
use crate::model::Conventions;
use crate::span::Span;
use crate::yaml::{self, Node, Value};

/// What to change in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Change {
    /// Sets the top-level `key` to the scalar `value`, adding the key if it is missing.
    Set {
        key: &'static str,
        value: String,
        /// What to do when the key already holds another value.
        existing: Existing,
    },
    /// Adds `item` to the list under `key` (a scalar becomes a flow list), unless an item
    /// already equals it.
    Append { key: &'static str, item: Item },
    /// Ticks the open task `- [ ] text` (due on `due`, if it has a due date).
    Tick {
        text: String,
        due: Option<NaiveDate>,
    },
    /// Removes the top-level `key` and its value, a line (`next:` once it is done).
    Remove { key: &'static str },
    /// Sets `key` aside in `dismissed.txt`, a plain file ([`crate::dismissed::set`]).
    Dismiss {
        key: String,
        entry: crate::dismissed::Entry,
        title: String,
    },
}

/// An item of a list, compared by meaning rather than by spelling: `2026-11-10` and
/// `"2026-11-10"` are the same date, `jane-doe` and `"[[jane-doe]]"` the same id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Item {
    Date(NaiveDate),
    Id(String),
    /// A string, and how to write it on its own in a flow list (quoted if it must be).
    Text {
        value: String,
        written: String,
    },
}

impl Item {
    fn text(&self) -> String {
        match self {
            Self::Date(d) => d.to_string(),
            Self::Id(id) => id.clone(),
            Self::Text { written, .. } => written.clone(),
        }
    }

    /// The item written like `like`, the list's last item: in its quotes, as a link if it
    /// is one.
    fn styled(&self, like: &str) -> String {
        match self {
            // In quotes like its neighbour, the value as it is; else as it must be written.
            Self::Text { value, written } if like.starts_with(['"', '\'']) => {
                if value.contains(['"', '\'', '\\']) {
                    written.clone()
                } else {
                    styled(like, value, false)
                }
            }
            Self::Text { written, .. } => written.clone(),
            Self::Id(_) => styled(like, &self.text(), true),
            Self::Date(_) => styled(like, &self.text(), false),
        }
    }

    fn matches(&self, node: &Node) -> bool {
        match (self, plain(node)) {
            (Self::Date(d), Some(text)) => crate::model::time::parse_date(text.trim()) == Some(*d),
            (Self::Id(id), Some(text)) => {
                crate::model::Id::from_reference(&text).as_str() == id.as_str()
            }
            (Self::Text { value, .. }, Some(text)) => text.trim() == value,
            (_, None) => false,
        }
    }
}

/// When a [`Change::Set`] meets a key that already holds another value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Existing {
    /// Replace it (`status`, `snooze`: the latest decision wins).
    Replace,
    /// Refuse with [`EditError::AlreadySet`] (`reached_out`: a second outreach is a
    /// follow-up, and a date recorded by hand is not overwritten silently).
    Refuse,
    /// A missing key already means the value: leave the file alone (`status: active`).
    DefaultIs,
}

/// The outcome of an edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Edited {
    Changed(String),
    /// The file already says it; nothing to write.
    Unchanged,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub(crate) enum EditError {
    #[error("it has no front matter closed by a `---` line")]
    NoFrontMatter,
    #[error("its front matter is not valid YAML")]
    Yaml,
    #[error("its front matter is not a mapping of keys to values")]
    NotMapping,
    #[error("`{key}` holds {found}, not {expected}; edit it by hand")]
    Shape {
        key: &'static str,
        found: &'static str,
        expected: &'static str,
    },
    #[error("`{key}` is already {found}")]
    AlreadySet { key: &'static str, found: String },
    #[error("it has no open task `{text}`")]
    NoTask { text: String },
    #[error(
        "`{key}` {what}, so an edit of it would change another key's value too; write the \
         value out in place of the anchor and its aliases, then run the command again"
    )]
    Anchored {
        key: &'static str,
        what: &'static str,
    },
}

/// Applies `change` to `text` (a whole file without its byte-order mark).
#[cfg(test)]
pub(crate) fn apply(text: &str, change: &Change) -> Result<Edited, EditError> {
    apply_in(text, change, &crate::model::conventions::PLAIN)
}

/// Applies `change` to `text`, finding its key as the notebook's `conventions` read keys:
/// `ties log reply` fills a vault's `Replied:` rather than adding a second spelling.
pub(crate) fn apply_in(
    text: &str,
    change: &Change,
    conventions: &Conventions,
) -> Result<Edited, EditError> {
    match change {
        Change::Set {
            key,
            value,
            existing,
        } => Front::parse(text, conventions)?.set(key, value, *existing),
        Change::Append { key, item } => Front::parse(text, conventions)?.append(key, item),
        Change::Tick { text: task, due } => tick(text, task, *due),
        Change::Remove { key } => Ok(Front::parse(text, conventions)?.remove(key)),
        Change::Dismiss { key, entry, title } => Ok(
            match crate::dismissed::set(Some(text), key, *entry, title) {
                Some(new) => Edited::Changed(new),
                None => Edited::Unchanged,
            },
        ),
    }
}

/// The front matter of a text, parsed with its spans.
struct Front<'a> {
    text: &'a str,
    yaml: Span,
    entries: Vec<(Node<'a>, Node<'a>)>,
    conventions: &'a Conventions,
}

impl<'a> Front<'a> {
    fn parse(text: &'a str, conventions: &'a Conventions) -> Result<Self, EditError> {
        let FrontMatter::Closed { yaml, .. } = FrontMatter::split(text) else {
            return Err(EditError::NoFrontMatter);
        };
        let parsed = yaml::parse(text, yaml).map_err(|_| EditError::Yaml)?;
        let entries = match parsed.root.value {
            Value::Map(entries) => entries,
            Value::Null => Vec::new(),
            _ => return Err(EditError::NotMapping),
        };
        Ok(Self {
            text,
            yaml,
            entries,
            conventions,
        })
    }

    fn get(&self, key: &str) -> Option<(&Node<'_>, &Node<'_>)> {
        self.entries
            .iter()
            .find(|(k, _)| matches!(&k.value, Value::Str(s) if self.conventions.key(s) == key))
            .map(|(k, v)| (k, v))
    }

    fn set(&self, key: &'static str, value: &str, existing: Existing) -> Result<Edited, EditError> {
        let Some((k, v)) = self.get(key) else {
            if existing == Existing::DefaultIs {
                return Ok(Edited::Unchanged);
            }
            return Ok(self.add_line(&format!("{key}: {value}")));
        };
        self.refuse_anchored(key, k, v)?;
        match &v.value {
            Value::Null => Ok(self.fill_null(k, v, value)),
            Value::Seq(_) | Value::Map(_) => Err(EditError::Shape {
                key,
                found: v.value.describe(),
                expected: "a single value",
            }),
            other => {
                let now = other.scalar_text().unwrap_or_default();
                if now.trim() == value {
                    Ok(Edited::Unchanged)
                } else if existing == Existing::Refuse {
                    Err(EditError::AlreadySet { key, found: now })
                } else {
                    let raw = &self.text[v.span.range()];
                    Ok(replace(self.text, v.span, &styled(raw, value, false)))
                }
            }
        }
    }

    fn append(&self, key: &'static str, item: &Item) -> Result<Edited, EditError> {
        let text = self.text;
        let Some((k, v)) = self.get(key) else {
            return Ok(self.add_line(&format!("{key}: [{}]", item.text())));
        };
        self.refuse_anchored(key, k, v)?;
        match &v.value {
            Value::Null => Ok(self.fill_null(k, v, &format!("[{}]", item.text()))),
            Value::Map(_) => Err(EditError::Shape {
                key,
                found: v.value.describe(),
                expected: "a list",
            }),
            // `- [[jane-doe]]` reads as a list in a list; it is one id all the same.
            Value::Seq(items) if !text[v.span.range()].starts_with("[[") => {
                if items.iter().any(|n| item.matches(n)) {
                    return Ok(Edited::Unchanged);
                }
                let flow = text[v.span.range()].starts_with('[');
                match items.last() {
                    None if flow => Ok(insert(text, v.span.end - 1, &item.text())),
                    None => Err(EditError::Shape {
                        key,
                        found: "an empty block list",
                        expected: "a list",
                    }),
                    Some(last) => {
                        let raw = &text[last.span.range()];
                        let new = item.styled(raw);
                        if flow {
                            Ok(insert(text, last.span.end, &format!(", {new}")))
                        } else {
                            self.add_block_item(key, last, &new)
                        }
                    }
                }
            }
            _ => {
                if item.matches(v) {
                    return Ok(Edited::Unchanged);
                }
                let raw = &text[v.span.range()];
                let new = item.styled(raw);
                Ok(replace(text, v.span, &format!("[{raw}, {new}]")))
            }
        }
    }

    /// Removes `key` with its value, whatever its shape: from the start of the key's line
    /// to the end of the value's last line (a block mapping or list goes with its key).
    fn remove(&self, key: &'static str) -> Edited {
        let Some((k, v)) = self.get(key) else {
            return Edited::Unchanged;
        };
        let text = self.text;
        let start = line_start(text, k.span.start);
        let end = v.span.end.max(k.span.end);
        // A block value's span may already end after its last line's line break.
        let end = if text[..end].ends_with('\n') {
            end
        } else {
            text[end..].find('\n').map_or(text.len(), |i| end + i + 1)
        };
        let mut out = text.to_owned();
        out.replace_range(start..end, "");
        Edited::Changed(out)
    }

    /// Refuses a value that carries an anchor (`status: &st paused`: `*st` elsewhere repeats
    /// it, so changing it here would change those keys too) or is an alias (`*st`: its nodes
    /// are the anchored value's, so an append would land in the anchor's list).
    fn refuse_anchored(&self, key: &'static str, k: &Node, v: &Node) -> Result<(), EditError> {
        let text = self.text;
        let raw = text.get(v.span.range()).unwrap_or_default();
        if raw.starts_with('*') {
            return Err(EditError::Anchored {
                key,
                what: "is an alias (`*…`) of another value",
            });
        }
        // Between the key and its value: `: &name`, comments aside (`# me & you`).
        let gap = text.get(k.span.end..v.span.start).unwrap_or_default();
        let anchored = raw.starts_with('&')
            || gap
                .lines()
                .any(|line| line.split('#').next().unwrap_or_default().contains('&'));
        if anchored {
            return Err(EditError::Anchored {
                key,
                what: "carries a YAML anchor (`&…`) that other keys may repeat",
            });
        }
        Ok(())
    }

    /// `key:` with nothing after it: the value goes after the colon, before any comment.
    fn fill_null(&self, key: &Node, value: &Node, new: &str) -> Edited {
        if value.span.end > value.span.start {
            // `~` or `null`, written out.
            return replace(self.text, value.span, new);
        }
        let colon = self.text[key.span.end..]
            .find(':')
            .map_or(key.span.end, |i| key.span.end + i + 1);
        insert(self.text, colon, &format!(" {new}"))
    }

    /// A new `key: value` line: in place of the template's commented hint for the key
    /// (`# reached_out: YYYY-MM-DD`, as `ties new` writes it) if the front matter has one,
    /// else at the end of the front matter, indented as its first key and ended as its
    /// lines are.
    fn add_line(&self, line: &str) -> Edited {
        let text = self.text;
        if let Some(span) = self.hint_line(line) {
            return replace(text, span, line);
        }
        let indent = self.entries.first().map_or("", |(k, _)| {
            &text[line_start(text, k.span.start)..k.span.start]
        });
        let indent = if indent.trim().is_empty() { indent } else { "" };
        let at = self.yaml.end;
        // The closing fence's own line ending tells how this file ends its lines.
        let eol = eol_at(text, at);
        insert(text, at, &format!("{indent}{line}{eol}"))
    }

    /// The commented hint line (`# key: …`, from its `#` to its end) of the key `line`
    /// sets, in the front matter.
    fn hint_line(&self, line: &str) -> Option<Span> {
        let key = line.split(':').next()?;
        let text = self.text;
        let mut at = self.yaml.start;
        for l in text[self.yaml.range()].split_inclusive('\n') {
            let start = at;
            at += l.len();
            let body = l.trim_end_matches(['\n', '\r']);
            let trimmed = body.trim_start();
            let Some(rest) = trimmed.strip_prefix('#') else {
                continue;
            };
            if rest
                .trim_start()
                .strip_prefix(key)
                .is_some_and(|r| r.starts_with(':'))
            {
                let hash = start + body.len() - trimmed.len();
                return Some(Span::new(hash, start + body.len()));
            }
        }
        None
    }

    /// A `- item` line after the block list's last item, at its indentation.
    fn add_block_item(
        &self,
        key: &'static str,
        last: &Node,
        new: &str,
    ) -> Result<Edited, EditError> {
        let text = self.text;
        let start = line_start(text, last.span.start);
        let prefix = &text[start..last.span.start];
        let dash = prefix.trim_start();
        if !(dash.starts_with('-') && dash[1..].trim().is_empty()) {
            return Err(EditError::Shape {
                key,
                found: "a list laid out in an unusual way",
                expected: "one `- item` per line",
            });
        }
        let end = last.span.end.max(last.span.start);
        let at = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
        let eol = eol_at(text, start);
        let line = format!("{prefix}{new}{eol}");
        if at == text.len() && !text.ends_with('\n') {
            return Ok(insert(text, at, &format!("{eol}{prefix}{new}")));
        }
        Ok(insert(text, at, &line))
    }
}

/// The text of a scalar item, or the id of a `[[id]]` written unquoted (a list in a list).
fn plain(node: &Node) -> Option<String> {
    match &node.value {
        Value::Seq(outer) => match outer.as_slice() {
            [inner] => match &inner.value {
                Value::Seq(ids) => match ids.as_slice() {
                    [id] => id.value.scalar_text(),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        },
        other => other.scalar_text(),
    }
}

/// `value` written the way `like` is: in the same quotes, and as `[[id]]` if `like` is a
/// link and `link` allows it.
fn styled(like: &str, value: &str, link: bool) -> String {
    let quote = like.chars().next().filter(|c| matches!(c, '"' | '\''));
    let inner = quote.map_or(like, |q| like.trim_start_matches(q));
    let value = if link && inner.starts_with("[[") {
        format!("[[{value}]]")
    } else {
        value.to_owned()
    };
    match quote {
        Some(q) => format!("{q}{value}{q}"),
        None => value,
    }
}

/// Ticks the first open task with this text and due date.
fn tick(text: &str, task: &str, due: Option<NaiveDate>) -> Result<Edited, EditError> {
    let start = FrontMatter::split(text).body_start();
    let tasks = body::parse(text, start, &mut Vec::new()).tasks;
    let found = tasks
        .iter()
        .find(|t| !t.done && t.text == task && t.due.as_ref().map(|d| d.value) == due);
    let Some(found) = found else {
        if tasks
            .iter()
            .any(|t| t.done && t.text == task && t.due.as_ref().map(|d| d.value) == due)
        {
            return Ok(Edited::Unchanged);
        }
        return Err(EditError::NoTask {
            text: task.to_owned(),
        });
    };
    let span = found.span;
    match text[span.range()].find("[ ]") {
        Some(i) => Ok(replace(
            text,
            Span::new(span.start + i, span.start + i + 3),
            "[x]",
        )),
        None => Err(EditError::NoTask {
            text: task.to_owned(),
        }),
    }
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The line ending of the line at `at`: `\r\n` if it has one, else `\n`.
fn eol_at(text: &str, at: usize) -> &'static str {
    let line = &text[at..];
    match line.find('\n') {
        Some(i) if line[..i].ends_with('\r') => "\r\n",
        // The last line has no ending: follow the file's first one.
        None if text.contains("\r\n") => "\r\n",
        Some(_) | None => "\n",
    }
}

fn replace(text: &str, span: Span, new: &str) -> Edited {
    let mut out = String::with_capacity(text.len() + new.len());
    out.push_str(&text[..span.start]);
    out.push_str(new);
    out.push_str(&text[span.end..]);
    Edited::Changed(out)
}

fn insert(text: &str, at: usize, new: &str) -> Edited {
    replace(text, Span::new(at, at), new)
}

/// A unified diff of `before` and `after` with one hunk: the lines that differ, no
/// context (`diff -U0`). An edit changes or adds one line, so one hunk says it all.
pub(crate) fn diff(path: &str, before: &str, after: &str) -> String {
    let old: Vec<&str> = before.split_inclusive('\n').collect();
    let new: Vec<&str> = after.split_inclusive('\n').collect();
    let head = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let tail = old[head..]
        .iter()
        .rev()
        .zip(new[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (removed, added) = (&old[head..old.len() - tail], &new[head..new.len() - tail]);
    let range = |start: usize, n: usize| {
        // An empty side is numbered by the line before it, as `diff` does.
        if n == 0 {
            format!("{start},0")
        } else if n == 1 {
            format!("{}", start + 1)
        } else {
            format!("{},{n}", start + 1)
        }
    };
    let mut out = format!(
        "--- a/{path}\n+++ b/{path}\n@@ -{} +{} @@\n",
        range(head, removed.len()),
        range(head, added.len())
    );
    for (sign, lines) in [('-', removed), ('+', added)] {
        for line in lines {
            out.push(sign);
            out.push_str(line.trim_end_matches(['\n', '\r']));
            out.push('\n');
            if !line.ends_with('\n') {
                out.push_str("\\ No newline at end of file\n");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        crate::model::time::parse_date(s).unwrap()
    }

    fn set(text: &str, key: &'static str, value: &str) -> String {
        match apply(
            text,
            &Change::Set {
                key,
                value: value.to_owned(),
                existing: Existing::Replace,
            },
        )
        .unwrap()
        {
            Edited::Changed(t) => t,
            Edited::Unchanged => text.to_owned(),
        }
    }

    fn append(text: &str, key: &'static str, item: Item) -> String {
        match apply(text, &Change::Append { key, item }).unwrap() {
            Edited::Changed(t) => t,
            Edited::Unchanged => text.to_owned(),
        }
    }

    #[test]
    fn sets_replace_only_the_value() {
        let text = "---\nname: A\nsnooze: \"2026-01-01\"  # later\nstatus: active\n---\nbody\n";
        assert_eq!(
            set(text, "snooze", "2026-02-02"),
            "---\nname: A\nsnooze: \"2026-02-02\"  # later\nstatus: active\n---\nbody\n"
        );
        assert_eq!(
            set(text, "status", "paused"),
            "---\nname: A\nsnooze: \"2026-01-01\"  # later\nstatus: paused\n---\nbody\n"
        );
    }

    #[test]
    fn a_missing_key_is_a_new_last_line_with_the_files_line_ending() {
        for (text, key, value, expected) in [
            (
                "---\r\nname: A\r\n---\r\nbody",
                "replied",
                "2026-01-02",
                "---\r\nname: A\r\nreplied: 2026-01-02\r\n---\r\nbody",
            ),
            (
                "---\nname: A\n---",
                "replied",
                "2026-01-02",
                "---\nname: A\nreplied: 2026-01-02\n---",
            ),
            (
                "---\n---\n",
                "status",
                "closed",
                "---\nstatus: closed\n---\n",
            ),
        ] {
            assert_eq!(set(text, key, value), expected, "{text:?}");
        }
    }

    #[test]
    fn an_empty_value_is_filled_after_its_colon() {
        assert_eq!(
            set(
                "---\nreplied:   # todo\nname: A\n---\n",
                "replied",
                "2026-01-02"
            ),
            "---\nreplied: 2026-01-02   # todo\nname: A\n---\n"
        );
        assert_eq!(
            set("---\nreplied: ~\n---\n", "replied", "2026-01-02"),
            "---\nreplied: 2026-01-02\n---\n"
        );
    }

    #[test]
    fn refusals_and_no_ops() {
        let text = "---\nreached_out: 2026-01-01\ntags: [a]\n---\n";
        let refuse = |key, value: &str| {
            apply(
                text,
                &Change::Set {
                    key,
                    value: value.to_owned(),
                    existing: Existing::Refuse,
                },
            )
        };
        assert_eq!(refuse("reached_out", "2026-01-01"), Ok(Edited::Unchanged));
        assert!(matches!(
            refuse("reached_out", "2026-01-02"),
            Err(EditError::AlreadySet { .. })
        ));
        assert!(matches!(refuse("tags", "x"), Err(EditError::Shape { .. })));
        let resume = Change::Set {
            key: "status",
            value: "active".to_owned(),
            existing: Existing::DefaultIs,
        };
        assert_eq!(apply(text, &resume), Ok(Edited::Unchanged));
        assert_eq!(
            apply("no front matter", &resume),
            Err(EditError::NoFrontMatter)
        );
    }

    #[test]
    fn anchors_and_aliases_are_refused() {
        let set = |text: &str, key| {
            apply(
                text,
                &Change::Set {
                    key,
                    value: "closed".to_owned(),
                    existing: Existing::Replace,
                },
            )
        };
        let text = "---\nstatus: &st paused\nstatus_before_trip: *st\n---\n";
        for key in ["status", "status_before_trip"] {
            let err = set(text, key).unwrap_err();
            assert!(matches!(err, EditError::Anchored { .. }), "{key}: {err}");
            assert!(err.to_string().contains("write the value out"), "{err}");
        }
        let lists = [
            "---\nfollowed_up: &f [2026-01-01]\nalso: *f\n---\n",
            "---\nfollowed_up: &f\n  - 2026-01-01\nalso: *f\n---\n",
            "---\nold: &f [2026-01-01]\nfollowed_up: *f\n---\n",
        ];
        for text in lists {
            let err = apply(
                text,
                &Change::Append {
                    key: "followed_up",
                    item: Item::Date(date("2026-02-02")),
                },
            )
            .unwrap_err();
            assert!(matches!(err, EditError::Anchored { .. }), "{text}: {err}");
        }
        // An ampersand in a comment or in another key's value is no anchor.
        let plain = "---\nfollowed_up:  # me & you\n  - 2026-01-01\nnote: R&D\n---\n";
        assert!(
            apply(
                plain,
                &Change::Append {
                    key: "followed_up",
                    item: Item::Date(date("2026-02-02")),
                },
            )
            .is_ok()
        );
        assert!(set("---\nstatus: paused # A&B\n---\n", "status").is_ok());
    }

    #[test]
    fn appends_to_every_shape_of_list() {
        let d = Item::Date(date("2026-11-17"));
        assert_eq!(
            append(
                "---\nfollowed_up: 2026-11-10 # one\n---\n",
                "followed_up",
                d.clone()
            ),
            "---\nfollowed_up: [2026-11-10, 2026-11-17] # one\n---\n"
        );
        assert_eq!(
            append(
                "---\nfollowed_up: ['2026-11-10' ]\n---\n",
                "followed_up",
                d.clone()
            ),
            "---\nfollowed_up: ['2026-11-10', '2026-11-17' ]\n---\n"
        );
        assert_eq!(
            append("---\nfollowed_up: []\n---\n", "followed_up", d.clone()),
            "---\nfollowed_up: [2026-11-17]\n---\n"
        );
        assert_eq!(
            append(
                "---\r\nfollowed_up:\r\n  - 2026-11-10  # sent\r\nname: A\r\n---\r\n",
                "followed_up",
                d.clone()
            ),
            "---\r\nfollowed_up:\r\n  - 2026-11-10  # sent\r\n  - 2026-11-17\r\nname: A\r\n---\r\n"
        );
        assert_eq!(
            append("---\nname: A\n---\n", "followed_up", d.clone()),
            "---\nname: A\nfollowed_up: [2026-11-17]\n---\n"
        );
        let same = "---\nfollowed_up: [2026-11-10, \"2026-11-17\"]\n---\n";
        assert_eq!(append(same, "followed_up", d), same);
    }

    #[test]
    fn ids_follow_the_style_of_the_list() {
        let id = || Item::Id("bo".to_owned());
        assert_eq!(
            append("---\nmet:\n- \"[[al]]\"\n---\n", "met", id()),
            "---\nmet:\n- \"[[al]]\"\n- \"[[bo]]\"\n---\n"
        );
        assert_eq!(
            append("---\nmet:\n  - [[al]]\n---\n", "met", id()),
            "---\nmet:\n  - [[al]]\n  - [[bo]]\n---\n"
        );
        assert_eq!(
            append("---\nmet: [al]\n---\n", "met", id()),
            "---\nmet: [al, bo]\n---\n"
        );
        let has = "---\nmet:\n  - [[bo]]\n---\n";
        assert_eq!(append(has, "met", id()), has);
        assert_eq!(
            append("---\nmet: \"[[al]]\"\n---\n", "met", id()),
            "---\nmet: [\"[[al]]\", \"[[bo]]\"]\n---\n"
        );
    }

    #[test]
    fn remove_takes_the_key_and_its_value_and_nothing_else() {
        let remove = |text: &str| match apply(text, &Change::Remove { key: "next" }).unwrap() {
            Edited::Changed(new) => new,
            Edited::Unchanged => text.to_owned(),
        };
        assert_eq!(
            remove("---\nname: A\nnext: \"2026-12-07 call\"  # soon\ntags: [x]\n---\nBody\n"),
            "---\nname: A\ntags: [x]\n---\nBody\n"
        );
        assert_eq!(
            remove("---\nnext: {date: 2026-11-24, action: \"email\"}\nname: A\n---\n"),
            "---\nname: A\n---\n"
        );
        assert_eq!(
            remove("---\nname: A\nnext:\n  date: 2026-11-24\n  action: call\ntags: [x]\n---\n"),
            "---\nname: A\ntags: [x]\n---\n"
        );
        assert_eq!(
            remove("---\r\nname: A\r\nnext: 2026-12-07 call\r\n---\r\n"),
            "---\r\nname: A\r\n---\r\n"
        );
        assert_eq!(remove("---\nname: A\n---\n"), "---\nname: A\n---\n");
    }

    #[test]
    fn a_new_key_takes_the_place_of_the_templates_hint_for_it() {
        let text = "---\nname: A\n# reached_out: YYYY-MM-DD   # the day of your first message\n# replied: YYYY-MM-DD\n---\n";
        assert_eq!(
            set(text, "reached_out", "2026-12-07"),
            "---\nname: A\nreached_out: 2026-12-07\n# replied: YYYY-MM-DD\n---\n"
        );
        assert_eq!(
            append(text, "followed_up", Item::Date(date("2026-12-07"))),
            format!(
                "{}followed_up: [2026-12-07]\n---\n",
                &text[..text.len() - 4]
            )
        );
    }

    #[test]
    fn ticks_the_task_and_nothing_else() {
        let text = "---\nname: A\n---\n- [ ] Other\n\t- [ ] Send CV (due 2026-01-05)\n";
        let change = Change::Tick {
            text: "Send CV".to_owned(),
            due: Some(date("2026-01-05")),
        };
        let Ok(Edited::Changed(done)) = apply(text, &change) else {
            panic!("not ticked")
        };
        assert_eq!(
            done,
            "---\nname: A\n---\n- [ ] Other\n\t- [x] Send CV (due 2026-01-05)\n"
        );
        assert_eq!(apply(&done, &change), Ok(Edited::Unchanged));
    }

    #[test]
    fn diffs_show_the_one_changed_line() {
        for (old, new, expected) in [
            (
                "a\nb\nc\n",
                "a\nB\nc\n",
                "--- a/c.md\n+++ b/c.md\n@@ -2 +2 @@\n-b\n+B\n",
            ),
            (
                "a\nc\n",
                "a\nb\nc\n",
                "--- a/c.md\n+++ b/c.md\n@@ -1,0 +2 @@\n+b\n",
            ),
            (
                "a\r\nb",
                "a\r\nB",
                "--- a/c.md\n+++ b/c.md\n@@ -2 +2 @@\n-b\n\\ No newline at end of file\n+B\n\\ No newline at end of file\n",
            ),
        ] {
            assert_eq!(diff("c.md", old, new), expected, "{old:?}");
        }
    }
}
