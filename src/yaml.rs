//! YAML front matter as a tree of values that each remember their span in the file, so one
//! bad field is one diagnostic and every other field is still read and checked.
//!
//! We drive serde-saphyr's own YAML parser (granit, re-exported by serde-saphyr) event by
//! event rather than going through serde with `Spanned<T>`: the tree keeps the same spans,
//! building it takes a third of the instructions (measured with callgrind on an 8,300-file
//! notebook), and an explicit stack means no recursion, so no nesting can overflow a
//! thread's stack. The budgets serde-saphyr would apply are applied here: a node limit that
//! alias expansion counts against (no "billion laughs"), and a depth limit.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_saphyr::granit_parser::{Event, Marker, Parser, ScalarStyle, ScanError};

use crate::findings::{Finding, Problem};
use crate::span::{self, Span};

/// Front matter is a handful of keys; these limits are far above any real note and far below
/// what it takes to exhaust memory or time.
const MAX_NODES: usize = 100_000;
const MAX_DEPTH: usize = 64;

/// A YAML value and its span in the file.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Node<'a> {
    pub value: Value<'a>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// Borrowed from the file's text where it is written as it reads (nearly every
    /// scalar): front matter is read and dropped, and its strings were 80 allocations a file.
    Str(Cow<'a, str>),
    Seq(Vec<Node<'a>>),
    /// Entries in file order; duplicate keys are reported and dropped while parsing.
    Map(Vec<(Node<'a>, Node<'a>)>),
}

impl Value<'_> {
    /// How the value is named in "found …" messages.
    pub(crate) fn describe(&self) -> &'static str {
        match self {
            Self::Null => "nothing",
            Self::Bool(_) => "a boolean",
            Self::Int(_) => "a number",
            Self::Float(_) => "a decimal number",
            Self::Str(_) => "a string",
            Self::Seq(_) => "a list",
            Self::Map(_) => "a mapping",
        }
    }

    /// The text of a scalar, as the user wrote it for strings and as YAML read it otherwise.
    pub(crate) fn scalar_text(&self) -> Option<String> {
        match self {
            Self::Str(s) => Some(s.to_string()),
            Self::Int(i) => Some(i.to_string()),
            Self::Float(f) => Some(f.to_string()),
            Self::Bool(b) => Some(b.to_string()),
            Self::Null | Self::Seq(_) | Self::Map(_) => None,
        }
    }

    fn count(&self) -> usize {
        match self {
            Self::Seq(items) => 1 + items.iter().map(|n| n.value.count()).sum::<usize>(),
            Self::Map(entries) => {
                1 + entries
                    .iter()
                    .map(|(k, v)| k.value.count() + v.value.count())
                    .sum::<usize>()
            }
            _ => 1,
        }
    }
}

/// Parsed front matter: the root value and the problems found on the way (duplicate keys).
pub(crate) struct Parsed<'a> {
    pub root: Node<'a>,
    pub findings: Vec<Finding>,
}

/// Parses the YAML at `yaml` in `text`. An empty or comment-only document is `Null`.
pub(crate) fn parse(text: &str, yaml: Span) -> Result<Parsed<'_>, Finding> {
    let source = &text[yaml.range()];
    let mut tree = Tree {
        text,
        base: yaml.start,
        source,
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        root: None,
        documents: 0,
        findings: Vec::new(),
    };
    for item in Parser::new_from_str(source) {
        let (event, span) = item.map_err(|e| tree.scan_error(&e))?;
        tree.event(event, span.start, span.end)?;
    }
    let root = tree.root.take().unwrap_or(Node {
        value: Value::Null,
        span: Span::new(yaml.start, yaml.start),
    });
    Ok(Parsed {
        root,
        findings: tree.findings,
    })
}

/// A collection being built.
enum Frame<'a> {
    Seq {
        start: usize,
        anchor: usize,
        items: Vec<Node<'a>>,
    },
    Map {
        start: usize,
        anchor: usize,
        entries: Vec<(Node<'a>, Node<'a>)>,
        key: Option<Node<'a>>,
        /// The entries by the hash of their key, so a duplicate is found without comparing
        /// with every key before it (40 000 keys were quadratic). Built only once a mapping
        /// has [`INDEX_KEYS_FROM`] entries: comparing a handful of keys is cheaper than hashing
        /// them, and nearly every mapping of a note is that small.
        keys: Option<HashMap<u64, Vec<usize>>>,
    },
}

struct Tree<'a> {
    text: &'a str,
    base: usize,
    source: &'a str,
    stack: Vec<Frame<'a>>,
    anchors: HashMap<usize, Node<'a>>,
    nodes: usize,
    root: Option<Node<'a>>,
    documents: usize,
    findings: Vec<Finding>,
}

impl<'a> Tree<'a> {
    fn offset(&self, marker: &Marker) -> usize {
        let local = marker
            .byte_offset()
            .unwrap_or_else(|| span::offset_of(self.source, marker.line(), marker.col() + 1));
        self.base + local.min(self.source.len())
    }

    fn scan_error(&self, error: &ScanError) -> Finding {
        let mut at = self.offset(error.marker());
        let info = error.info();
        if info.contains("tab") {
            // The parser stops where it noticed the tab (often the end of the line before);
            // point at the tab itself.
            if let Some(tab) = self.text[at..self.base + self.source.len()].find('\t') {
                at += tab;
            }
        }
        fail(at, &info)
    }

    fn event(&mut self, event: Event<'a>, start: Marker, end: Marker) -> Result<(), Finding> {
        let (start, end) = (self.offset(&start), self.offset(&end));
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(fail(
                        start,
                        "more than one YAML document; keep a single mapping of keys to values",
                    ));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let tag = tag.map(|t| t.suffix().to_string());
                let value = scalar(text, style, tag.as_deref());
                self.push(
                    Node {
                        value,
                        span: Span::new(start, end),
                    },
                    anchor,
                )?;
            }
            Event::SequenceStart(_, anchor, _) => self.open(Frame::Seq {
                start,
                anchor,
                items: Vec::new(),
            })?,
            Event::MappingStart(_, anchor, _) => self.open(Frame::Map {
                start,
                anchor,
                entries: Vec::new(),
                key: None,
                keys: None,
            })?,
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Frame::Seq {
                        start,
                        anchor,
                        items,
                    }) => {
                        let last = items.last().map_or(start, |n| n.span.end);
                        (
                            Node {
                                span: Span::new(start, close(self.text, last.max(start), end)),
                                value: Value::Seq(items),
                            },
                            anchor,
                        )
                    }
                    Some(Frame::Map {
                        start,
                        anchor,
                        entries,
                        ..
                    }) => {
                        let last = entries.last().map_or(start, |(_, v)| v.span.end);
                        (
                            Node {
                                span: Span::new(start, close(self.text, last.max(start), end)),
                                value: Value::Map(entries),
                            },
                            anchor,
                        )
                    }
                    None => return Err(fail(start, "unbalanced collection")),
                };
                self.push(node, anchor)?;
            }
            Event::Alias(id) => {
                let Some(target) = self.anchors.get(&id) else {
                    return Err(fail(start, "alias to an unknown anchor"));
                };
                // An alias copies its anchor's whole tree: count it, or a few lines of
                // aliases to aliases would expand to billions of nodes.
                self.nodes += target.value.count();
                if self.nodes > MAX_NODES {
                    return Err(fail(
                        start,
                        "budget breached: aliases expand to too many values",
                    ));
                }
                let node = Node {
                    value: target.value.clone(),
                    span: Span::new(start, end),
                };
                self.push(node, 0)?;
            }
            Event::UnresolvedAlias(name) => {
                return Err(fail(
                    start,
                    &format!("alias `*{name}` to an unknown anchor"),
                ));
            }
            _ => {}
        }
        Ok(())
    }

    fn open(&mut self, frame: Frame<'a>) -> Result<(), Finding> {
        let at = match &frame {
            Frame::Seq { start, .. } | Frame::Map { start, .. } => *start,
        };
        if self.stack.len() >= MAX_DEPTH {
            // Point at the key whose value nests too deep (or where the nesting starts): the
            // innermost frames may start lines after the text that opened them.
            let key = self.stack.iter().find_map(|f| match f {
                Frame::Map { key: Some(key), .. } => Some(key.span.start),
                _ => None,
            });
            let first_nested = self.stack.get(1).map(|f| match f {
                Frame::Seq { start, .. } | Frame::Map { start, .. } => *start,
            });
            let outer = key.or(first_nested).unwrap_or(at);
            return Err(fail(
                outer,
                &format!("budget breached: nested deeper than {MAX_DEPTH} levels"),
            ));
        }
        self.stack.push(frame);
        Ok(())
    }

    fn push(&mut self, node: Node<'a>, anchor: usize) -> Result<(), Finding> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(fail(
                node.span.start,
                &format!("budget breached: more than {MAX_NODES} values"),
            ));
        }
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries, key, keys, ..
            }) => match key.take() {
                None => *key = Some(node),
                Some(k) => {
                    let duplicate = if entries.len() < INDEX_KEYS_FROM {
                        entries.iter().position(|(seen, _)| seen.value == k.value)
                    } else {
                        let keys = keys.get_or_insert_with(|| {
                            let mut keys: HashMap<u64, Vec<usize>> = HashMap::new();
                            for (i, (seen, _)) in entries.iter().enumerate() {
                                keys.entry(hash_of(&seen.value)).or_default().push(i);
                            }
                            keys
                        });
                        let same = keys.entry(hash_of(&k.value)).or_default();
                        let found = same
                            .iter()
                            .copied()
                            .find(|&i| entries[i].0.value == k.value);
                        if found.is_none() {
                            same.push(entries.len());
                        }
                        found
                    };
                    if let Some(first) = duplicate {
                        let first = &entries[first].0;
                        let line = span::Position::of(self.text, first.span.start).line;
                        let name = k.value.scalar_text().unwrap_or_default();
                        self.findings.push(Finding::new(
                            k.span,
                            Problem::DuplicateKey {
                                key: name,
                                first_line: line,
                            },
                        ));
                    } else {
                        if node.value == Value::Null
                            && let Some(comment) = commented_value(self.text, k.span.end)
                        {
                            self.findings.push(Finding::new(
                                comment,
                                Problem::CommentedValue {
                                    key: k.value.scalar_text().unwrap_or_default(),
                                    comment: self.text[comment.range()].to_owned(),
                                },
                            ));
                        }
                        entries.push((k, node));
                    }
                }
            },
        }
        Ok(())
    }
}

/// A hash consistent with `Value`'s equality: equal values hash alike (floats by their bits;
/// `0.0` and `-0.0`, equal yet of different bits, are hashed as one).
fn hash_of(value: &Value<'_>) -> u64 {
    use std::hash::{Hash, Hasher};
    fn feed(value: &Value<'_>, h: &mut impl Hasher) {
        std::mem::discriminant(value).hash(h);
        match value {
            Value::Null => {}
            Value::Bool(b) => b.hash(h),
            Value::Int(i) => i.hash(h),
            Value::Float(f) => (if *f == 0.0 { 0 } else { f.to_bits() }).hash(h),
            Value::Str(s) => s.hash(h),
            Value::Seq(items) => {
                items.len().hash(h);
                for n in items {
                    feed(&n.value, h);
                }
            }
            Value::Map(entries) => {
                entries.len().hash(h);
                for (k, v) in entries {
                    feed(&k.value, h);
                    feed(&v.value, h);
                }
            }
        }
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    feed(value, &mut h);
    h.finish()
}

/// `tags: #foo`: the span of `#foo` when an empty value is followed on its key's line by a
/// comment that starts right at a word. YAML reads the hashtag as a comment; a spaced
/// `# note` is taken as the comment it looks like.
fn commented_value(text: &str, key_end: usize) -> Option<Span> {
    let line = text.get(key_end..)?;
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let after_colon = line.trim_start_matches([' ', '\t']).strip_prefix(':')?;
    let comment = after_colon.trim_start_matches([' ', '\t']);
    let word = comment.strip_prefix('#')?;
    if word.is_empty() || word.starts_with(char::is_whitespace) || word.starts_with('#') {
        return None;
    }
    let start = key_end + (line.len() - comment.len());
    Some(Span::new(start, start + comment.trim_end().len()))
}

/// How many keys a mapping has before its duplicate-key check hashes them.
const INDEX_KEYS_FROM: usize = 32;

fn fail(at: usize, message: &str) -> Finding {
    Finding::new(
        Span::new(at, at),
        Problem::YamlSyntax {
            message: message.to_owned(),
        },
    )
}

/// The end of a collection: its last item, or its closing bracket for a flow collection.
fn close(text: &str, last: usize, end: usize) -> usize {
    let closing = text
        .get(last..end.max(last))
        .and_then(|gap| gap.rfind([']', '}']))
        .map(|i| last + i + 1);
    closing.unwrap_or(last)
}

/// A scalar's value under YAML 1.2's core schema, with strict booleans (`yes` is a string)
/// and numbers with leading zeros kept as strings (`0123` is a phone number, not 123).
fn scalar<'a>(text: Cow<'a, str>, style: ScalarStyle, tag: Option<&str>) -> Value<'a> {
    if style != ScalarStyle::Plain || tag == Some("str") {
        return Value::Str(text);
    }
    match text.as_ref() {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(&text);
    let is_int = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    if is_int {
        if let Ok(i) = text.parse::<i64>() {
            return Value::Int(i);
        }
    } else if digits.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && digits.bytes().filter(|b| *b == b'.').count() <= 1
        && !digits.starts_with('0')
        && let Ok(f) = text.parse::<f64>()
    {
        return Value::Float(f);
    }
    Value::Str(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Code;

    fn parse_all(yaml: &str) -> Result<Parsed<'_>, Finding> {
        parse(yaml, Span::new(0, yaml.len()))
    }

    #[test]
    fn duplicate_keys_among_many_are_each_reported_against_the_first() {
        let mut yaml = String::new();
        for i in 0..20_000 {
            yaml.push('k');
            yaml.push_str(&i.to_string());
            yaml.push_str(": v\n");
        }
        yaml.push_str("k7: again\n1: a\n\"1\": b\n\"k8\": again\n");
        let parsed = parse_all(&yaml).unwrap();
        let lines: Vec<_> = parsed
            .findings
            .iter()
            .map(|f| span::Position::of(&yaml, f.span.start).line)
            .collect();
        // `k7` and `"k8"` again; the number `1` and the string `"1"` differ.
        assert_eq!(lines, [20_001, 20_004], "{:?}", parsed.findings);
        let Value::Map(entries) = parsed.root.value else {
            panic!("not a map")
        };
        assert_eq!(entries.len(), 20_000 + 2);
    }

    #[test]
    fn values_keep_file_spans() {
        let text = "name: \"é😀\"\ndate: 2026-11-12\nn: 0123\nb: yes\nt: true\n";
        let root = parse_all(text).unwrap().root;
        let Value::Map(entries) = root.value else {
            panic!("not a map")
        };
        let (_, name) = &entries[0];
        assert_eq!(&text[name.span.range()], "\"é😀\"");
        let list = parse_all("with: [a, \"b\" ]\n").unwrap().root;
        let Value::Map(with) = list.value else {
            panic!("not a map")
        };
        assert_eq!(with[0].1.span, Span::new(6, 15));
        assert_eq!(entries[1].1.value, Value::Str("2026-11-12".into()));
        assert_eq!(
            entries[2].1.value,
            Value::Str("0123".into()),
            "leading zeros are kept"
        );
        assert_eq!(
            entries[3].1.value,
            Value::Str("yes".into()),
            "strict booleans"
        );
        assert_eq!(entries[4].1.value, Value::Bool(true));
    }

    #[test]
    fn duplicate_keys_are_reported_at_the_second_key() {
        let text = "name: A\ncompany: x\nname: B\n";
        let parsed = parse_all(text).unwrap();
        assert_eq!(parsed.findings.len(), 1);
        assert_eq!(parsed.findings[0].span.start, text.rfind("name").unwrap());
        assert_eq!(
            parsed.findings[0].problem,
            Problem::DuplicateKey {
                key: "name".into(),
                first_line: 1
            }
        );
    }

    #[test]
    fn empty_document_is_null() {
        assert_eq!(parse_all("").unwrap().root.value, Value::Null);
        assert_eq!(
            parse_all("# just a comment\n").unwrap().root.value,
            Value::Null
        );
    }

    #[test]
    fn hostile_documents_fail_fast() {
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        let bomb: String = std::iter::once("a: &a [x,x,x,x,x,x,x,x,x]\n".to_owned())
            .chain(names.windows(2).map(|w| {
                format!(
                    "{1}: &{1} [{}]\n",
                    vec![format!("*{}", w[0]); 9].join(","),
                    w[1]
                )
            }))
            .collect();
        assert_eq!(parse_all(&bomb).err().unwrap().code(), Code::T003);
        let deep = format!("a: {}{}", "[".repeat(20_000), "]".repeat(20_000));
        assert_eq!(parse_all(&deep).err().unwrap().code(), Code::T003);
        let tab = "name: A\n\tcompany: x\n";
        assert_eq!(parse_all(tab).err().unwrap().code(), Code::T003);
    }
}
