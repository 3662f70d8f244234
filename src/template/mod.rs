//! A message template: a Markdown file of the notebook's `templates/` folder (or one of the
//! built-in set `ties init` writes there) that `ties draft` fills from the notes. An
//! optional front matter says what it is for:
//!
//! ```text
//! ---
//! kind: follow-up          # default: the kind its file name starts with
//! channel: email           # email (default) | linkedin-note | linkedin-message
//! subject: "Re: {{company}}"
//! limit: 200               # a limit of its own, in LinkedIn's count
//! ---
//! Hi {{first_name}}, …
//! ```
//!
//! The body is the message: `{{name}}` is a placeholder ([`fact::Fact`]), an HTML comment
//! `<!-- … -->` is a note to yourself that no draft shows, and `[[fill: …]]` is text you
//! complete by hand in every draft. Parsing finds every problem a draft would meet (T501
//! unknown placeholder, T502 over the channel's limit with long but realistic values, T503
//! a front matter that says something unusable), so `ties check` reports them before a
//! draft does. Parsing reads one file and nothing else.

pub(crate) mod channel;
pub(crate) mod fact;

use crate::findings::{Finding, Problem};
use crate::frontmatter::FrontMatter;
use crate::model::decode::{Choice, choice_enum};
use crate::span::Span;
use crate::yaml::{self, Value};

pub(crate) use channel::Channel;
pub(crate) use fact::Fact;

choice_enum!(
    /// What a draft is for: `ties draft KIND ID`.
    DraftKind {
        Outreach = "outreach",
        FollowUp = "follow-up",
        ThankYou = "thank-you",
        Reconnect = "reconnect",
        Congratulate = "congratulate",
        Ask = "ask",
    }
);

impl DraftKind {
    /// The kind a template's name starts with (`follow-up-short` → follow-up): a kind
    /// name that is the whole name or is followed by something else than a letter or a
    /// digit (`-`, `_`, a space).
    pub(crate) fn of_name(name: &str) -> Option<Self> {
        let name = name.to_lowercase();
        Self::ALL
            .iter()
            .copied()
            .filter(|k| {
                name.strip_prefix(k.as_str())
                    .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
            })
            .max_by_key(|k| k.as_str().len())
    }
}

/// The templates `ties init` writes into `templates/`, and what a notebook without one of
/// these names uses: (name, text).
pub(crate) const BUILTIN: &[(&str, &str)] = &[
    ("outreach", include_str!("builtin/outreach.md")),
    ("outreach-note", include_str!("builtin/outreach-note.md")),
    ("follow-up", include_str!("builtin/follow-up.md")),
    ("thank-you", include_str!("builtin/thank-you.md")),
    ("reconnect", include_str!("builtin/reconnect.md")),
    ("congratulate", include_str!("builtin/congratulate.md")),
    ("ask", include_str!("builtin/ask.md")),
];

/// The keys a template's front matter may hold.
pub(crate) const KEYS: &[&str] = &["kind", "channel", "subject", "limit"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Template {
    /// The file name without `.md`: what `--template` and `ties log --template` name.
    pub name: String,
    /// `None`: neither `kind:` nor the name says, and no draft uses it (T503).
    pub kind: Option<DraftKind>,
    pub channel: Channel,
    /// `limit:`, a hard limit of its own on the body.
    pub limit: Option<usize>,
    pub subject: Option<Text>,
    pub body: Text,
    /// It has a problem a draft would meet (T501, or a front matter that cannot be read).
    pub broken: bool,
}

/// Text with placeholders in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Text {
    pieces: Vec<Piece>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Literal(String),
    /// A placeholder, and where it is in the file.
    Slot(Fact, Span),
}

/// A template filled in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Filled {
    /// Only where the channel has subjects, and the template one.
    pub subject: Option<String>,
    pub body: String,
    /// Each placeholder of the body with the length of its value ([`channel::length`]), in
    /// order: what to shorten when the body is too long.
    pub parts: Vec<(Fact, usize)>,
}

impl Text {
    fn fill(
        &self,
        value: &mut dyn FnMut(Fact) -> String,
        parts: &mut Vec<(Fact, usize)>,
    ) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Literal(text) => out.push_str(text),
                Piece::Slot(fact, _) => {
                    let text = value(*fact);
                    parts.push((*fact, channel::length(&text)));
                    out.push_str(&text);
                }
            }
        }
        out
    }
}

impl Template {
    /// Parses the template `name` from its file's text (without a byte-order mark), with
    /// every problem a draft from it would meet.
    pub(crate) fn parse(name: &str, text: &str) -> (Self, Vec<Finding>) {
        let mut findings = Vec::new();
        let mut template = Self {
            name: name.to_owned(),
            kind: None,
            channel: Channel::Email,
            limit: None,
            subject: None,
            body: Text::default(),
            broken: false,
        };
        let mut kind_written = false;
        let body_start = match FrontMatter::split(text) {
            FrontMatter::Absent => 0,
            FrontMatter::Unclosed { open } => {
                findings.push(Finding::new(open, Problem::UnclosedFrontMatter));
                template.broken = true;
                return (template, findings);
            }
            FrontMatter::Closed { yaml, body_start } => {
                match yaml::parse(text, yaml) {
                    Err(finding) => {
                        findings.push(finding);
                        template.broken = true;
                    }
                    Ok(parsed) => {
                        findings.extend(parsed.findings);
                        kind_written = template.header(text, &parsed.root, &mut findings);
                    }
                }
                body_start
            }
        };
        if !kind_written {
            template.kind = DraftKind::of_name(name);
            if template.kind.is_none() {
                findings.push(Finding::new(
                    Span::new(0, 0),
                    Problem::TemplateKind {
                        name: name.to_owned(),
                    },
                ));
            }
        }
        let (pieces, found) = tokens(text, body_start, text.len());
        template.body = Text {
            pieces: trimmed(pieces),
        };
        findings.extend(found);
        let placeholder = |f: &Finding| {
            matches!(
                f.problem,
                Problem::UnknownPlaceholder { .. } | Problem::UnclosedPlaceholder
            )
        };
        if template.kind.is_none() {
            // No draft uses it (T503 says so): perhaps another tool's template (`{{date}}`),
            // whose placeholders are not ours to judge.
            findings.retain(|f| !placeholder(f));
        } else if findings.iter().any(placeholder) {
            template.broken = true;
        }
        if !template.broken {
            findings.extend(template.over_limit(body_start));
        }
        (template, findings)
    }

    /// Reads the front matter's keys; whether it wrote a valid `kind`.
    fn header(&mut self, text: &str, root: &yaml::Node, findings: &mut Vec<Finding>) -> bool {
        let entries = match &root.value {
            Value::Map(entries) => entries.as_slice(),
            Value::Null => &[],
            other => {
                findings.push(Finding::new(
                    root.span,
                    Problem::NotMapping {
                        found: other.describe(),
                    },
                ));
                self.broken = true;
                return false;
            }
        };
        let mut kind_written = false;
        for (key, value) in entries {
            let written = key.value.scalar_text().unwrap_or_default();
            let scalar = value.value.scalar_text();
            let mut bad = |key: &'static str, allowed: &'static [&'static str], expected| {
                findings.push(Finding::new(
                    value.span,
                    Problem::TemplateValue {
                        key,
                        value: scalar
                            .clone()
                            .unwrap_or_else(|| value.value.describe().to_owned()),
                        allowed,
                        expected,
                    },
                ));
            };
            match written.trim().to_lowercase().as_str() {
                "kind" => match scalar.as_deref().and_then(DraftKind::parse) {
                    Some(kind) => {
                        self.kind = Some(kind);
                        kind_written = true;
                    }
                    None => bad("kind", DraftKind::NAMES, ""),
                },
                "channel" => match scalar.as_deref().and_then(Channel::parse) {
                    Some(channel) => self.channel = channel,
                    None => bad("channel", Channel::NAMES, ""),
                },
                "limit" => match &value.value {
                    Value::Int(n) if *n > 0 => self.limit = usize::try_from(*n).ok(),
                    _ => bad("limit", &[], "a number of characters above 0"),
                },
                "subject" => match &value.value {
                    Value::Str(subject) => {
                        // Positions from the text as written, pieces from the value as read
                        // (the same unless the YAML quotes escape something).
                        let (_, found) = tokens(text, value.span.start, value.span.end);
                        findings.extend(found);
                        let (pieces, _) = tokens(subject, 0, subject.len());
                        self.subject = Some(Text { pieces });
                    }
                    _ => bad("subject", &[], "a line of text"),
                },
                _ => findings.push(Finding::new(
                    key.span,
                    Problem::TemplateKey {
                        key: written.clone(),
                    },
                )),
            }
        }
        kind_written
    }

    /// The hard limit on its body on `channel`: the channel's, or the template's own if
    /// lower.
    pub(crate) fn limit_on(&self, channel: Channel) -> Option<usize> {
        match (channel.limit(), self.limit) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The template filled in for `channel`, each placeholder with `value(fact)`.
    pub(crate) fn fill(&self, channel: Channel, value: &mut dyn FnMut(Fact) -> String) -> Filled {
        let mut parts = Vec::new();
        let subject = self
            .subject
            .as_ref()
            .filter(|_| channel.has_subject())
            .map(|s| s.fill(value, &mut Vec::new()).trim().to_owned());
        let body = self.body.fill(value, &mut parts);
        Filled {
            subject,
            body: body.trim().to_owned(),
            parts,
        }
    }

    /// T502: filled with long but realistic values, the body is over its channel's limit.
    fn over_limit(&self, body_start: usize) -> Option<Finding> {
        let limit = self.limit_on(self.channel)?;
        let filled = self.fill(self.channel, &mut |fact| fact.sample().to_owned());
        let length = channel::length(&filled.body);
        if length <= limit {
            return None;
        }
        // At the placeholder whose value is longest: the first thing to shorten.
        let longest = self
            .body
            .pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Slot(fact, span) => Some((*fact, *span)),
                Piece::Literal(_) => None,
            })
            .max_by_key(|(fact, span)| {
                (
                    channel::length(fact.sample()),
                    std::cmp::Reverse(span.start),
                )
            });
        let span = longest.map_or(Span::new(body_start, body_start), |(_, span)| span);
        Some(Finding::new(
            span,
            Problem::OverLimit {
                channel: self.channel.as_str(),
                limit,
                length,
                longest: longest.map(|(fact, _)| (fact.name(), channel::length(fact.sample()))),
            },
        ))
    }
}

/// The pieces of `text[start..end]` and its placeholder problems; HTML comments left out
/// (with their line, when they are alone on it).
fn tokens(text: &str, start: usize, end: usize) -> (Vec<Piece>, Vec<Finding>) {
    let mut pieces = Vec::new();
    let mut findings = Vec::new();
    let mut literal = String::new();
    let mut at = start;
    while at < end {
        let rest = &text[at..end];
        if rest.starts_with("<!--") {
            let close = rest.find("-->").map_or(rest.len(), |i| i + 3);
            // A comment alone on its line goes with its line.
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1).max(start);
            let before = &text[line_start..at];
            let after = &rest[close..];
            let after_line = after.find('\n').map_or(after.len(), |i| i + 1);
            if before.trim().is_empty() && after[..after_line].trim().is_empty() {
                // What is before it on its line is blank, so it is the end of `literal`.
                literal.truncate(literal.len().saturating_sub(before.len()));
                at += close + after_line;
            } else {
                at += close;
            }
            continue;
        }
        if rest.starts_with("{{") {
            let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
            match line[2..].find("}}") {
                Some(i) => {
                    let raw = &line[2..2 + i];
                    let span = Span::new(at, at + 2 + i + 2);
                    let name = normalise(raw);
                    match Fact::parse(&name) {
                        Some(fact) => {
                            if !literal.is_empty() {
                                pieces.push(Piece::Literal(std::mem::take(&mut literal)));
                            }
                            pieces.push(Piece::Slot(fact, span));
                        }
                        None => {
                            findings.push(Finding::new(
                                span,
                                Problem::UnknownPlaceholder {
                                    name: raw.trim().to_owned(),
                                },
                            ));
                            literal.push_str(&rest[..span.end - at]);
                        }
                    }
                    at = span.end;
                }
                None => {
                    findings.push(Finding::new(
                        Span::new(at, at + 2),
                        Problem::UnclosedPlaceholder,
                    ));
                    literal.push_str("{{");
                    at += 2;
                }
            }
            continue;
        }
        let next = rest
            .char_indices()
            .skip(1)
            .find(|(i, _)| rest[*i..].starts_with("{{") || rest[*i..].starts_with("<!--"))
            .map_or(rest.len(), |(i, _)| i);
        literal.push_str(&rest[..next]);
        at += next;
    }
    if !literal.is_empty() {
        pieces.push(Piece::Literal(literal));
    }
    (pieces, findings)
}

/// A placeholder's name as written, as the table names it: `{{ First-Name }}` is
/// `first_name`.
fn normalise(raw: &str) -> String {
    raw.trim()
        .chars()
        .map(|c| match c {
            '-' | ' ' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The body without the blank lines that open it (after the front matter).
fn trimmed(mut pieces: Vec<Piece>) -> Vec<Piece> {
    if let Some(Piece::Literal(first)) = pieces.first_mut() {
        *first = first.trim_start_matches(['\n', '\r']).to_owned();
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Code;

    fn codes(text: &str) -> Vec<(Code, String)> {
        let (_, findings) = Template::parse("outreach", text);
        findings
            .iter()
            .map(|f| (f.code(), text[f.span.range()].to_owned()))
            .collect()
    }

    fn filled(template: &Template) -> String {
        template
            .fill(template.channel, &mut |f| format!("<{}>", f.name()))
            .body
    }

    #[test]
    fn the_builtin_templates_are_clean_and_fit_their_channel() {
        for (name, text) in BUILTIN {
            let (template, findings) = Template::parse(name, text);
            assert!(findings.is_empty(), "{name}: {findings:?}");
            assert!(template.kind.is_some() && !template.broken, "{name}");
        }
    }

    #[test]
    fn kinds_come_from_the_header_or_the_name() {
        assert_eq!(
            DraftKind::of_name("follow-up-short"),
            Some(DraftKind::FollowUp)
        );
        assert_eq!(DraftKind::of_name("Thank-You"), Some(DraftKind::ThankYou));
        assert_eq!(DraftKind::of_name("outreachy"), None);
        assert_eq!(DraftKind::of_name("ask_referral"), Some(DraftKind::Ask));
        let (t, _) = Template::parse(
            "short",
            "---\nkind: ask\nchannel: linkedin-message\n---\nHi",
        );
        assert_eq!(
            (t.kind, t.channel),
            (Some(DraftKind::Ask), Channel::LinkedinMessage)
        );
    }

    #[test]
    fn placeholders_fill_and_comments_vanish() {
        let text = "---\nsubject: \"About {{company}}\"\n---\n\n<!-- note to self -->\nHi {{ first_name }}, <!-- inline -->at {{Company}}.\n\nBye\n";
        let (t, findings) = Template::parse("outreach", text);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(filled(&t), "Hi <first_name>, at <company>.\n\nBye");
        let f = t.fill(Channel::Email, &mut |f| f.name().to_uppercase());
        assert_eq!(f.subject.as_deref(), Some("About COMPANY"));
        assert_eq!(f.parts, vec![(Fact::FirstName, 10), (Fact::Company, 7)]);
        assert_eq!(
            t.fill(Channel::LinkedinMessage, &mut |_| String::new())
                .subject,
            None
        );
    }

    #[test]
    fn unknown_and_unclosed_placeholders_are_found_where_they_are() {
        assert_eq!(
            codes("Hi {{fist_name}}, {{first_name"),
            vec![
                (Code::T501, "{{fist_name}}".to_owned()),
                (Code::T501, "{{".to_owned())
            ]
        );
        assert_eq!(
            codes("---\nsubject: \"Re: {{compny}}\"\n---\nHi"),
            vec![(Code::T501, "{{compny}}".to_owned())]
        );
        let (t, _) = Template::parse("outreach", "Hi {{fist_name}}");
        assert!(t.broken);
    }

    #[test]
    fn header_problems() {
        assert_eq!(
            codes("---\nkind: folow-up\nchanel: email\nlimit: -3\n---\nHi"),
            vec![
                (Code::T503, "folow-up".to_owned()),
                (Code::T503, "chanel".to_owned()),
                (Code::T503, "-3".to_owned()),
            ]
        );
        let (t, f) = Template::parse("notes", "Hi");
        assert_eq!((t.kind, f[0].code()), (None, Code::T503));
    }

    #[test]
    fn a_note_over_the_limit_with_long_values_points_at_the_longest_placeholder() {
        let long = format!(
            "---\nchannel: linkedin-note\n---\nHi {{{{first_name}}}}! {{{{shared_interest}}}} {}",
            "x".repeat(200)
        );
        let (_, findings) = Template::parse("outreach-note", &long);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].code(), Code::T502);
        assert_eq!(&long[findings[0].span.range()], "{{shared_interest}}");
        // The template's own limit counts too, on any channel.
        let (_, findings) = Template::parse("outreach", "---\nlimit: 10\n---\nHello there, friend");
        assert_eq!(findings[0].code(), Code::T502);
        let (_, findings) = Template::parse("outreach", "---\nlimit: 19\n---\nHello there, friend");
        assert!(findings.is_empty());
    }
}
