//! The rules `ties check` applies: one file per rule, holding its documentation (What it
//! checks / Why it matters / Example / How to fix: what `ties explain CODE` prints), the
//! words of its diagnostics, and, for a rule over the whole notebook, its detection. The
//! code table is `findings`'s.
//!
//! Parsing and decoding report typed [`Problem`]s and know no wording; [`word`] turns each
//! into the message and help of its rule. The cross-file rules run over the index from
//! `check` and word their findings themselves.

pub(crate) mod t001;
pub(crate) mod t002;
pub(crate) mod t003;
pub(crate) mod t004;
pub(crate) mod t005;
pub(crate) mod t006;
pub(crate) mod t007;
pub(crate) mod t101;
pub(crate) mod t102;
pub(crate) mod t103;
pub(crate) mod t104;
pub(crate) mod t105;
pub(crate) mod t106;
pub(crate) mod t107;
pub(crate) mod t108;
pub(crate) mod t109;
pub(crate) mod t201;
pub(crate) mod t202;
pub(crate) mod t203;
pub(crate) mod t204;
pub(crate) mod t205;
pub(crate) mod t206;
pub(crate) mod t301;
pub(crate) mod t302;
pub(crate) mod t303;
pub(crate) mod t304;
pub(crate) mod t305;
pub(crate) mod t401;
pub(crate) mod t402;
pub(crate) mod t403;
pub(crate) mod t501;
pub(crate) mod t502;
pub(crate) mod t503;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use crate::diagnostic::{Diagnostic, Placed};
use crate::findings::{Finding, Probe, Problem, Remedy};
use crate::index::Index;
use crate::model::Kind;
use crate::suggest;

/// What the cross-file rules found in one document. A cross-file rule is
/// `pub(crate) fn check(scope: &Scope, doc: &Document, out: &mut Found)`: it looks at one
/// document against the index, so the check runs documents in parallel and `watch` re-checks
/// only the documents a change can affect ([`crate::check::Checker`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Found {
    pub findings: Vec<Finding>,
    /// Broken links found but not made, past the ones that can be shown (T204's
    /// "… and N more").
    pub more_links: usize,
    /// The ids no file has that a finding named, with a suggestion from every id there is:
    /// a document that comes or goes may change the suggestion.
    pub suggested: Vec<String>,
    /// The links looked up on disk (files the notebook does not read): only the disk knows
    /// whether they still resolve.
    pub on_disk: Vec<Probe>,
}

/// A word suggested in place of another, if any.
type Suggestion = Option<String>;

/// What the cross-file rules share while checking the documents of one index: the index,
/// and the suggestions made so far (one per missing id: a suggestion scans every id of the
/// notebook, and 40,000 references to one missing id must not scan 40,000 times).
pub(crate) struct Scope<'a> {
    pub index: &'a Index,
    hints: Mutex<HashMap<(String, Option<Kind>), Suggestion>>,
}

impl<'a> Scope<'a> {
    pub(crate) fn new(index: &'a Index) -> Self {
        Self {
            index,
            hints: Mutex::new(HashMap::new()),
        }
    }

    /// The documents (positions in the index) whose path may be the same file as `path` on
    /// a file system that ignores case and normalisation, `path`'s own included: those
    /// whose folded path has its fingerprint ([`Index::same_file`], kept as documents come
    /// and go). Compare the folds before saying two are one file.
    pub(crate) fn same_file(&self, path: &str) -> impl Iterator<Item = usize> + '_ {
        self.index.same_file(path)
    }

    /// The id closest to a missing `id` among the ids of `kind` (of every kind for `None`),
    /// if one is close enough to be a typo of it.
    pub(crate) fn suggestion(&self, id: &str, kind: Option<Kind>) -> Option<String> {
        let key = (id.to_owned(), kind);
        let lock = || self.hints.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(hint) = lock().get(&key) {
            return hint.clone();
        }
        let hint = match kind {
            Some(kind) => suggest::did_you_mean(id, self.index.ids_of(kind)),
            None => suggest::did_you_mean(id, self.index.all_ids()),
        }
        .map(str::to_owned);
        lock().insert(key, hint.clone());
        hint
    }
}

/// A diagnostic's message and help, as its rule words them, and the fix it knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Words {
    pub(crate) message: String,
    pub(crate) help: Option<String>,
    pub(crate) remedy: Remedy,
}

impl Words {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            help: None,
            remedy: Remedy::default(),
        }
    }

    #[must_use]
    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The message `lead` ends with the " (did you mean `x`?)" of `suggestion`, which the
    /// quick fix writes in place of the wrong word.
    pub(crate) fn suggesting(lead: &str, suggestion: Option<&str>) -> Self {
        let mut words = Self::new(format!("{lead}{}", suggest::said(suggestion)));
        words.remedy.suggestion = suggestion.map(str::to_owned);
        words
    }
}

/// The words of `problem`, from the rule that owns its code.
pub(crate) fn words(problem: &Problem) -> Words {
    match problem {
        Problem::Unreadable { reason } => t001::unreadable(reason),
        Problem::NotUtf8 => t001::not_utf8(),
        Problem::Utf16 { big_endian } => t001::utf16(*big_endian),
        Problem::NulByte => t001::nul_byte(),
        Problem::UnclosedFrontMatter => t002::unclosed(),
        Problem::YamlSyntax { message } => t003::syntax(message),
        Problem::DuplicateKey { key, first_line } => t003::duplicate_key(key, *first_line),
        Problem::SameKey { key, first, ours } => t003::same_key(key, first, ours),
        Problem::CommentedValue { key, comment } => t003::commented_value(key, comment),
        Problem::NotMapping { found } => t004::not_mapping(found),
        Problem::MergeConflict => t005::conflict(),
        Problem::NoFrontMatter {
            kind,
            example,
            folder,
        } => t006::missing(kind, example, folder.as_deref()),
        Problem::FrontMatterNotFirst { blank_lines } => t006::not_first(*blank_lines),
        Problem::OversizedBody { bytes, limit } => t007::oversized(*bytes, *limit),
        Problem::MissingKey { key, kind, example } => t101::missing(key, kind, example),
        Problem::WrongType {
            key,
            expected,
            found,
        } => t102::wrong_type(key, expected, found),
        Problem::CommaInOneValue { key, value } => t102::comma_in_one_value(key, value),
        Problem::NotAllowed {
            key,
            value,
            allowed,
        } => t103::not_allowed(key, value, allowed),
        Problem::InvalidDate { key, value, form } => t104::invalid_date(key, value, *form),
        Problem::InvalidDuration { key, value } => t105::invalid(key, value),
        Problem::UnknownKey {
            key,
            kind,
            known,
            vault,
        } => t106::unknown(key, kind, known, *vault),
        Problem::NotSlug { id } => t107::not_slug(id),
        Problem::Malformed {
            key,
            value,
            address,
        } => t108::malformed(key, value, *address),
        Problem::BadDismissal { line } => t305::unreadable(line),
        Problem::NamesInOneString { key, names } => t109::names_in_one_string(key, names),
        Problem::UnknownConfigKey {
            key,
            section,
            known,
        } => t401::unknown(key, section, known),
        Problem::InvalidConfigValue {
            key,
            expected,
            default,
        } => t402::invalid(key, expected, default),
        Problem::UnknownIgnoredCode { code } => t403::unknown_code(code),
        Problem::UnknownPlaceholder { name } => t501::unknown(name),
        Problem::UnclosedPlaceholder => t501::unclosed(),
        Problem::OverLimit {
            channel,
            limit,
            length,
            longest,
        } => t502::over(channel, *limit, *length, *longest),
        Problem::TemplateKey { key } => t503::unknown_key(key),
        Problem::TemplateValue {
            key,
            value,
            allowed,
            expected,
        } => t503::bad_value(key, value, allowed, expected),
        Problem::TemplateKind { name } => t503::no_kind(name),
        Problem::Worded {
            message,
            help,
            remedy,
            ..
        } => Words {
            message: message.clone(),
            help: help.clone(),
            remedy: remedy.as_deref().cloned().unwrap_or_default(),
        },
    }
}

/// `placed` in the words of its rule.
pub(crate) fn word(placed: Placed) -> Diagnostic {
    let Words {
        message,
        help,
        remedy,
    } = words(&placed.problem);
    Diagnostic::new(placed, message, help, remedy)
}

/// A value as quoted in a message: long values are cut, so a 6 MB field cannot make a
/// 6 MB line (the excerpt under the message shows where it is).
pub(crate) fn shorten(value: &str) -> Cow<'_, str> {
    const MAX: usize = 60;
    match value.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &value[..cut]).into(),
        None => value.into(),
    }
}

/// "a contact", "an event".
pub(crate) fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}
