//! The catalogue of what `check` can find: rule [`Code`]s with their one table (name,
//! severity, docs), and the typed [`Finding`]s that parsing, decoding and the rules report.
//! A leaf: parsing depends on it and it depends on nothing above `span`. The words a user
//! reads for a finding live with its rule, in `rules/tNNN.rs`.

use std::fmt;

use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Error,
    Warning,
    /// Nothing wrong: something `ties` read a particular way and says so once (an implicit
    /// record). Never fails a check, even with `--deny-warnings`.
    Info,
}

impl Severity {
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// A file can repeat one problem a million times (a generated note full of one broken link);
/// past this many per file and rule, one diagnostic says how many more there are. Here, in
/// the leaf, because parsing bounds what it keeps by it too (`body::KEPT_PER_TARGET`).
pub(crate) const MAX_PER_FILE_AND_RULE: usize = 100;

struct Rule {
    name: &'static str,
    severity: Severity,
    /// The rule's source file; its `//!` lines are the explanation.
    source: &'static str,
}

/// The one code table: each line makes a variant of [`Code`] and its entry in [`RULES`].
/// Codes are never reused: a retired rule keeps its code.
macro_rules! codes {
    ($($code:ident $name:literal $severity:ident $file:literal;)*) => {
        /// A rule's code, as printed in diagnostics (`T201`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub(crate) enum Code {
            $($code,)*
        }

        impl Code {
            pub(crate) const ALL: &'static [Self] = &[$(Self::$code,)*];

            pub(crate) fn as_str(self) -> &'static str {
                match self {
                    $(Self::$code => stringify!($code),)*
                }
            }
        }

        /// Indexed by `Code as usize`.
        const RULES: &[Rule] = &[$(
            Rule {
                name: $name,
                severity: Severity::$severity,
                source: include_str!(concat!("rules/", $file)),
            },
        )*];
    };
}

codes! {
    T001 "unreadable-file" Error "t001.rs";
    T002 "unclosed-front-matter" Error "t002.rs";
    T003 "yaml-syntax" Error "t003.rs";
    T004 "front-matter-not-mapping" Error "t004.rs";
    T005 "merge-conflict" Error "t005.rs";
    T006 "missing-front-matter" Error "t006.rs";
    T007 "oversized-body" Warning "t007.rs";
    T101 "missing-key" Error "t101.rs";
    T102 "wrong-type" Error "t102.rs";
    T103 "invalid-value" Error "t103.rs";
    T104 "invalid-date" Error "t104.rs";
    T105 "invalid-duration" Error "t105.rs";
    T106 "unknown-key" Warning "t106.rs";
    T107 "non-slug-id" Warning "t107.rs";
    T108 "malformed-address" Warning "t108.rs";
    T109 "names-in-one-string" Warning "t109.rs";
    T201 "unknown-reference" Error "t201.rs";
    T202 "wrong-kind-reference" Error "t202.rs";
    T203 "duplicate-id" Error "t203.rs";
    T204 "broken-link" Warning "t204.rs";
    T205 "names-one-file-elsewhere" Warning "t205.rs";
    T206 "implicit-record" Info "t206.rs";
    T301 "reply-before-outreach" Warning "t301.rs";
    T302 "thanks-out-of-order" Warning "t302.rs";
    T303 "met-before-event" Warning "t303.rs";
    T304 "message-without-direction" Warning "t304.rs";
    T305 "unreadable-dismissal" Warning "t305.rs";
    T401 "unknown-config-key" Warning "t401.rs";
    T402 "invalid-config-value" Error "t402.rs";
    T403 "unknown-ignored-code" Warning "t403.rs";
    T501 "unknown-placeholder" Error "t501.rs";
    T502 "template-over-limit" Warning "t502.rs";
    T503 "unusable-template-header" Warning "t503.rs";
}

impl Code {
    /// How many codes there are, for tables indexed by code.
    pub(crate) const COUNT: usize = Self::ALL.len();

    fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }

    /// A code as a user types it: `T201` or `t201`.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(text))
    }

    pub(crate) fn severity(self) -> Severity {
        self.rule().severity
    }

    /// The rule's short name (`unknown-reference`).
    pub(crate) fn name(self) -> &'static str {
        self.rule().name
    }

    /// What `ties explain` prints: the rule file's `//!` documentation.
    pub(crate) fn explanation(self) -> String {
        let mut out = String::new();
        for line in self
            .rule()
            .source
            .lines()
            .take_while(|l| l.starts_with("//!"))
        {
            let line = line.trim_start_matches("//!");
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which form a date field takes, for the help that names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum DateForm {
    Date,
    /// One date of a list of dates (`followed_up`): a comma means a list was meant.
    Dates,
    DateTime,
    /// `next: "YYYY-MM-DD what to do"`.
    NextAction,
    /// A task's `(due …)` in a body.
    Due,
    /// `birthday: MM-DD` or a date.
    Birthday,
    /// One entry of `templates`: `"YYYY-MM-DD template"`.
    Sent,
}

/// What kind of address a malformed value was meant to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Address {
    Email,
    Url,
    Profile,
}

/// What would fix a finding, as data. The rule fills it when it finds or words the problem;
/// the message's "did you mean", the `help:` line and the editor's quick fix are made from
/// it, and nothing reads it back out of the words.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Remedy {
    /// The word to write in place of the one at the finding's span.
    pub suggestion: Option<String>,
    /// The record whose file would make a reference resolve (T201), or the note or record
    /// a broken `[[link]]` asks for (T204): what `ties new` writes.
    pub create: Option<NewRecord>,
}

/// A record to create: its file from the notebook root (in its kind's folder, so the path
/// says the kind), its id and its name.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct NewRecord {
    pub path: String,
    pub id: String,
    pub name: String,
}

/// What was found, with the facts its rule words into a message. Parsing and decoding
/// report these and know no wording; the cross-file rules, whose detection and wording
/// already share a file, report [`Problem::Worded`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Problem {
    /// T001.
    Unreadable {
        reason: String,
    },
    NotUtf8,
    /// The file starts with a UTF-16 byte-order mark.
    Utf16 {
        big_endian: bool,
    },
    NulByte,
    /// T002.
    UnclosedFrontMatter,
    /// T003.
    YamlSyntax {
        message: String,
    },
    DuplicateKey {
        key: String,
        first_line: usize,
    },
    /// `key` is another spelling of the key written `first` before it: both are `ours`
    /// (`Last Contact` and `last_contact`).
    SameKey {
        key: String,
        first: String,
        ours: String,
    },
    /// `tags: #foo`: the `#` started a YAML comment, so `key` is empty.
    CommentedValue {
        key: String,
        comment: String,
    },
    /// T004.
    NotMapping {
        #[serde(with = "crate::interned::word")]
        found: crate::interned::Word,
    },
    /// T005.
    MergeConflict,
    /// T006.
    NoFrontMatter {
        #[serde(with = "crate::interned::word")]
        kind: crate::interned::Word,
        #[serde(with = "crate::interned::word")]
        example: crate::interned::Word,
        /// The record folder the file is in, where `folders:` renamed it (a vault, which
        /// may have no `notes/`); `None` for the default folder.
        folder: Option<String>,
    },
    /// The `---` that opens the front matter comes after `blank_lines` blank lines.
    FrontMatterNotFirst {
        blank_lines: usize,
    },
    /// T007: the body is `bytes` long, more than `limit`.
    OversizedBody {
        bytes: u64,
        limit: u64,
    },
    /// T101.
    MissingKey {
        key: String,
        kind: String,
        example: String,
    },
    /// T102.
    WrongType {
        key: String,
        expected: String,
        found: String,
    },
    /// `tags: foo, bar`: one value with commas where a list was meant.
    CommaInOneValue {
        key: String,
        value: String,
    },
    /// T109: `with: Derek Wu, Jake Fuchs` read as the list it was meant to be.
    NamesInOneString {
        key: String,
        names: Vec<String>,
    },
    /// T103.
    NotAllowed {
        key: String,
        value: String,
        #[serde(with = "crate::interned::list")]
        allowed: crate::interned::List,
    },
    /// T104.
    InvalidDate {
        key: String,
        value: String,
        form: DateForm,
    },
    /// T105.
    InvalidDuration {
        key: String,
        value: String,
    },
    /// T106.
    UnknownKey {
        key: String,
        #[serde(with = "crate::interned::word")]
        kind: crate::interned::Word,
        #[serde(with = "crate::interned::words")]
        known: Vec<&'static str>,
        /// The notebook is a vault read with `ties.yaml` settings: the help names `keys:`.
        vault: bool,
    },
    /// T107.
    NotSlug {
        id: String,
    },
    /// T108.
    Malformed {
        key: String,
        value: String,
        address: Address,
    },
    /// T305: a line of `dismissed.txt` that is not `KEY done DAY` or `KEY until DAY`.
    BadDismissal {
        line: String,
    },
    /// T401.
    UnknownConfigKey {
        key: String,
        section: String,
        #[serde(with = "crate::interned::words")]
        known: Vec<&'static str>,
    },
    /// T402.
    InvalidConfigValue {
        key: String,
        expected: String,
        default: String,
    },
    /// T403.
    UnknownIgnoredCode {
        code: String,
    },
    /// T501: `{{name}}` in a template names no placeholder.
    UnknownPlaceholder {
        name: String,
    },
    /// T501: a template's `{{` without its `}}` on the same line.
    UnclosedPlaceholder,
    /// T502: filled with long but realistic values, a template's body is `length` long,
    /// over `limit` on `channel`; `longest` is its placeholder with the longest sample.
    OverLimit {
        #[serde(with = "crate::interned::word")]
        channel: crate::interned::Word,
        limit: usize,
        length: usize,
        #[serde(with = "crate::interned::counted")]
        longest: Option<(&'static str, usize)>,
    },
    /// T503: a key a template's front matter does not have.
    TemplateKey {
        key: String,
    },
    /// T503: a template's `key` holds something else than one of `allowed` (for a key
    /// without a list of words, `allowed` is empty and `expected` says what it takes).
    TemplateValue {
        #[serde(with = "crate::interned::word")]
        key: crate::interned::Word,
        value: String,
        #[serde(with = "crate::interned::list")]
        allowed: crate::interned::List,
        #[serde(with = "crate::interned::word")]
        expected: crate::interned::Word,
    },
    /// T503: neither the template's `kind:` nor its name says what it drafts.
    TemplateKind {
        name: String,
    },
    /// A finding its reporter has already put into words.
    Worded {
        code: Code,
        message: String,
        help: Option<String>,
        /// Boxed: most findings have none, and every finding stays small.
        remedy: Option<Box<Remedy>>,
    },
}

impl Problem {
    pub(crate) fn code(&self) -> Code {
        match self {
            Self::Unreadable { .. } | Self::NotUtf8 | Self::Utf16 { .. } | Self::NulByte => {
                Code::T001
            }
            Self::UnclosedFrontMatter => Code::T002,
            Self::YamlSyntax { .. }
            | Self::DuplicateKey { .. }
            | Self::SameKey { .. }
            | Self::CommentedValue { .. } => Code::T003,
            Self::NotMapping { .. } => Code::T004,
            Self::MergeConflict => Code::T005,
            Self::NoFrontMatter { .. } | Self::FrontMatterNotFirst { .. } => Code::T006,
            Self::OversizedBody { .. } => Code::T007,
            Self::MissingKey { .. } => Code::T101,
            Self::WrongType { .. } | Self::CommaInOneValue { .. } => Code::T102,
            Self::NotAllowed { .. } => Code::T103,
            Self::InvalidDate { .. } => Code::T104,
            Self::InvalidDuration { .. } => Code::T105,
            Self::UnknownKey { .. } => Code::T106,
            Self::NotSlug { .. } => Code::T107,
            Self::Malformed { .. } => Code::T108,
            Self::BadDismissal { .. } => Code::T305,
            Self::NamesInOneString { .. } => Code::T109,
            Self::UnknownConfigKey { .. } => Code::T401,
            Self::InvalidConfigValue { .. } => Code::T402,
            Self::UnknownIgnoredCode { .. } => Code::T403,
            Self::UnknownPlaceholder { .. } | Self::UnclosedPlaceholder => Code::T501,
            Self::OverLimit { .. } => Code::T502,
            Self::TemplateKey { .. } | Self::TemplateValue { .. } | Self::TemplateKind { .. } => {
                Code::T503
            }
            Self::Worded { code, .. } => *code,
        }
    }
}

/// A problem at a span of the document being parsed or checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Finding {
    pub span: Span,
    pub problem: Problem,
}

impl Finding {
    pub(crate) fn new(span: Span, problem: Problem) -> Self {
        Self { span, problem }
    }

    /// A finding its reporter words itself (the cross-file rules).
    pub(crate) fn worded(code: Code, span: Span, message: impl Into<String>) -> Self {
        Self::new(
            span,
            Problem::Worded {
                code,
                message: message.into(),
                help: None,
                remedy: None,
            },
        )
    }

    /// Adds the word a [`Finding::worded`] suggests in place of the one at its span.
    #[must_use]
    pub(crate) fn suggest(mut self, word: Option<String>) -> Self {
        if let Problem::Worded { remedy, .. } = &mut self.problem {
            remedy.get_or_insert_default().suggestion = word;
        }
        self
    }

    /// Adds the record whose creation resolves a [`Finding::worded`].
    #[must_use]
    pub(crate) fn create(mut self, record: NewRecord) -> Self {
        if let Problem::Worded { remedy, .. } = &mut self.problem {
            remedy.get_or_insert_default().create = Some(record);
        }
        self
    }

    /// Adds a help to a [`Finding::worded`].
    #[must_use]
    pub(crate) fn help(mut self, text: impl Into<String>) -> Self {
        if let Problem::Worded { help, .. } = &mut self.problem {
            *help = Some(text.into());
        }
        self
    }

    pub(crate) fn code(&self) -> Code {
        self.problem.code()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_parses_back_and_indexes_its_rule() {
        assert_eq!(RULES.len(), Code::COUNT);
        for (i, code) in Code::ALL.iter().enumerate() {
            assert_eq!(*code as usize, i);
            assert_eq!(Code::parse(code.as_str()), Some(*code));
            assert_eq!(Code::parse(&code.as_str().to_lowercase()), Some(*code));
        }
    }

    #[test]
    fn every_rule_explains_itself_in_four_sections() {
        for &code in Code::ALL {
            let text = code.explanation();
            for section in [
                "## What it checks",
                "## Why it matters",
                "## Example",
                "## How to fix",
            ] {
                assert!(text.contains(section), "{code} lacks {section}");
            }
        }
    }
}

/// A file looked up on disk, and whether it was there, by its path from the notebook root
/// (it may climb out of it: `notes/../../cv.md`); `None` if that path cannot be written
/// down (not UTF-8), and then it never holds.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub(crate) struct Probe {
    pub path: Option<String>,
    pub found: bool,
}

impl Probe {
    /// Whether the file is still as it was found, in the notebook at `root`.
    pub(crate) fn holds(&self, root: &std::path::Path) -> bool {
        self.path
            .as_ref()
            .is_some_and(|path| root.join(path).is_file() == self.found)
    }
}
