//! YAML front matter as a tree of values that each remember their span in the file.
//! serde-saphyr parses (with budgets against alias bombs and deep nesting); we keep a
//! generic tree rather than deserializing straight into records, so that one bad field is one
//! diagnostic and every other field is still read and checked.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Budget, DuplicateKeyPolicy, Location};

use crate::diagnostic::Finding;
use crate::rules::t003;
use crate::span::{self, Span};

/// A YAML value and its span in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Entries in file order; duplicate keys are reported and dropped while parsing.
    Map(Vec<(Node, Node)>),
}

impl Value {
    /// How the value is named in "found …" messages.
    pub fn describe(&self) -> &'static str {
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
    pub fn scalar_text(&self) -> Option<String> {
        match self {
            Self::Str(s) => Some(s.clone()),
            Self::Int(i) => Some(i.to_string()),
            Self::Float(f) => Some(f.to_string()),
            Self::Bool(b) => Some(b.to_string()),
            Self::Null | Self::Seq(_) | Self::Map(_) => None,
        }
    }
}

/// Parsed front matter: the root value and the problems found on the way (duplicate keys).
pub struct Parsed {
    pub root: Node,
    pub findings: Vec<Finding>,
}

/// Parses the YAML at `yaml` in `text`. An empty or comment-only document is `Null`.
pub fn parse(text: &str, yaml: Span) -> Result<Parsed, Finding> {
    let source = &text[yaml.range()];
    let options = serde_saphyr::options! {
        strict_booleans: true,
        duplicate_keys: DuplicateKeyPolicy::PassThrough,
        leading_zero_numbers_as_strings: true,
        budget: Some(budget()),
    };
    let raw: Option<serde_saphyr::Spanned<Raw>> =
        serde_saphyr::from_str_with_options(source, options).map_err(|e| {
            let message = e.without_snippet().to_string();
            let at = e
                .location()
                .map_or(yaml.start, |l| locate(source, yaml.start, &l).start);
            t003::syntax(Span::new(at, at), strip_location(&message))
        })?;
    let mut findings = Vec::new();
    let root = match raw {
        Some(raw) => convert(raw, source, yaml.start, &mut findings),
        None => Node {
            value: Value::Null,
            span: Span::new(yaml.start, yaml.start),
        },
    };
    Ok(Parsed { root, findings })
}

/// Front matter is a handful of keys; these limits are far above any real note and far below
/// what it takes to exhaust memory or time.
fn budget() -> Budget {
    let mut budget = Budget::default();
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_nodes = 100_000;
    budget.max_depth = 64;
    budget
}

/// serde-saphyr appends " at line L, column C" to messages; we print our own position.
fn strip_location(message: &str) -> &str {
    message.find(" at line ").map_or(message, |i| &message[..i])
}

fn locate(source: &str, base: usize, location: &Location) -> Span {
    let span = location.span();
    if let (Some(start), Some(len)) = (span.byte_offset(), span.byte_len()) {
        let start = start as usize;
        return Span::new(base + start, base + start + len as usize);
    }
    let start = span::offset_of(source, location.line() as usize, location.column() as usize);
    let end = span::advance_chars(source, start, span.len() as usize);
    Span::new(base + start, base + end)
}

fn convert(
    raw: serde_saphyr::Spanned<Raw>,
    source: &str,
    base: usize,
    findings: &mut Vec<Finding>,
) -> Node {
    let span = locate(source, base, &raw.referenced);
    let value = match raw.value {
        Raw::Null => Value::Null,
        Raw::Bool(b) => Value::Bool(b),
        Raw::Int(i) => Value::Int(i),
        Raw::Float(f) => Value::Float(f),
        Raw::Str(s) => Value::Str(s),
        Raw::Seq(items) => Value::Seq(
            items
                .into_iter()
                .map(|i| convert(i, source, base, findings))
                .collect(),
        ),
        Raw::Map(entries) => {
            let mut out: Vec<(Node, Node)> = Vec::with_capacity(entries.len());
            for (k, v) in entries {
                let key = convert(k, source, base, findings);
                let value = convert(v, source, base, findings);
                if let Some((first, _)) = out.iter().find(|(seen, _)| seen.value == key.value) {
                    let line = span::Position::of(source, first.span.start - base).line;
                    let name = key.value.scalar_text().unwrap_or_default();
                    findings.push(t003::duplicate_key(key.span, &name, line));
                } else {
                    out.push((key, value));
                }
            }
            Value::Map(out)
        }
    };
    Node {
        span: widen(span, &value, source, base),
        value,
    }
}

/// serde-saphyr spans a collection by its start; stretch it over its items (and a flow
/// collection's closing bracket) so a caret underlines the whole `[a, b]`.
fn widen(span: Span, value: &Value, source: &str, base: usize) -> Span {
    let last = match value {
        Value::Seq(items) => items.last().map(|n| n.span.end),
        Value::Map(entries) => entries.last().map(|(_, v)| v.span.end),
        _ => None,
    };
    let Some(end) = last.filter(|e| *e > span.end) else {
        return span;
    };
    let opener = source.as_bytes().get(span.start - base).copied();
    let rest = &source[(end - base).min(source.len())..];
    let close = match opener {
        Some(b'[') => rest
            .find(']')
            .filter(|i| rest[..*i].trim().is_empty() || rest[..*i].trim() == ","),
        Some(b'{') => rest
            .find('}')
            .filter(|i| rest[..*i].trim().is_empty() || rest[..*i].trim() == ","),
        _ => None,
    };
    Span::new(span.start, close.map_or(end, |i| end + i + 1))
}

/// What serde-saphyr hands us: the same tree, with its own span type.
enum Raw {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<serde_saphyr::Spanned<Raw>>),
    Map(Vec<(serde_saphyr::Spanned<Raw>, serde_saphyr::Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
        Ok(i64::try_from(v).map_or_else(|_| Raw::Str(v.to_string()), Raw::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Raw, E> {
        Ok(i64::try_from(v).map_or_else(|_| Raw::Str(v.to_string()), Raw::Int))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Raw, E> {
        Ok(i64::try_from(v).map_or_else(|_| Raw::Str(v.to_string()), Raw::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key()? {
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Raw::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Code;

    fn parse_all(yaml: &str) -> Result<Parsed, Finding> {
        parse(yaml, Span::new(0, yaml.len()))
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
        assert_eq!(parsed.findings[0].code, Code::T003);
        assert_eq!(parsed.findings[0].span.start, text.rfind("name").unwrap());
        assert!(parsed.findings[0].message.contains("first set on line 1"));
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
        assert_eq!(parse_all(&bomb).err().unwrap().code, Code::T003);
        let deep = format!("a: {}{}", "[".repeat(20_000), "]".repeat(20_000));
        assert_eq!(parse_all(&deep).err().unwrap().code, Code::T003);
        let tab = "name: A\n\tcompany: x\n";
        assert_eq!(parse_all(tab).err().unwrap().code, Code::T003);
    }
}
