//! One file of the notebook, parsed on its own: bytes to text, front matter to a typed
//! record, body to links and tasks, with every problem found on the way. Parsing never
//! looks at another file, so loading is parallel and `watch` can re-parse one file.

use std::path::Path;
use std::sync::{Arc, LazyLock, OnceLock};

use memchr::memmem;

use crate::body::{self, Body};
use crate::diagnostic::Placed;
use crate::findings::{Finding, Problem, Severity};
use crate::frontmatter::{self, FrontMatter};
use crate::hash::fingerprint;
use crate::model::conventions;
use crate::model::{Conventions, Id, Kind, Record};
use crate::span::{LineIndex, Span};
use crate::yaml::{self, Value};

/// Serialised for the persistent cache ([`crate::cache`]): everything parsing produced,
/// the text only where it is kept; the path is the cache entry's key.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct Document {
    /// Relative to the notebook root, with `/` separators.
    #[serde(skip)]
    pub path: String,
    pub kind: Kind,
    pub id: Id,
    /// The file's text without a byte-order mark (empty if it could not be read), or, once
    /// [`Document::forget_text`] let it go, what reading it again gave (see
    /// [`Document::text`]).
    #[serde(with = "kept_text")]
    text: OnceLock<Option<Box<str>>>,
    /// Whether the file starts with a byte-order mark, which `text` and every offset leave
    /// out: an editor counts it as the first line's first column.
    pub bom: bool,
    /// Where to read a forgotten text again, and how to know it is the one that was parsed.
    #[serde(skip)]
    origin: Option<Box<Origin>>,
    /// `None` for free notes and for records whose front matter could not be read at all.
    pub record: Option<Record>,
    pub body: Body,
    /// Problems found in this file alone.
    pub findings: Vec<Placed>,
    /// Built on first use: most files never need a position.
    #[serde(skip)]
    lines: OnceLock<LineIndex>,
    /// For an implicit record (`references: implicit`): a record named in front matter
    /// that has no file yet, where `ties new` would write it ([`crate::implicit`]).
    pub implicit: Option<Box<Implicit>>,
}

/// Where an implicit record is first named: the one reference T206 is reported on.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Implicit {
    pub first_path: String,
    pub first: Span,
}

/// A forgotten text's file and fingerprint.
#[derive(Clone, Debug)]
struct Origin {
    root: Arc<Path>,
    len: usize,
    hash: u64,
}

impl Document {
    /// Parses the file at `path` (relative, `/`-separated) from its bytes or read error, as
    /// the notebook's `conventions` say (which folder is which kind, what an id is, keys).
    pub(crate) fn parse(
        path: String,
        bytes: std::io::Result<Vec<u8>>,
        conventions: &Conventions,
    ) -> Self {
        let len = bytes.as_ref().map_or(0, |b| b.len() as u64);
        Self::parse_head(path, bytes, len, conventions)
    }

    /// Parses the file at `path` from its first bytes, the file being `len` bytes long: a
    /// huge file is read only as far as a check needs it ([`crate::notebook::read_document`]).
    pub(crate) fn parse_head(
        path: String,
        bytes: std::io::Result<Vec<u8>>,
        len: u64,
        conventions: &Conventions,
    ) -> Self {
        let kind = conventions.kind_of(&path);
        let id = id_of(&path);
        let bom = bytes
            .as_ref()
            .is_ok_and(|b| b.starts_with("\u{feff}".as_bytes()));
        let mut doc = Self {
            path,
            kind,
            id,
            text: OnceLock::new(),
            bom,
            origin: None,
            record: None,
            body: Body::default(),
            findings: Vec::new(),
            lines: OnceLock::new(),
            implicit: None,
        };
        let mut findings = Vec::new();
        let truncated = bytes.as_ref().is_ok_and(|b| (b.len() as u64) < len);
        let text = match bytes
            .map(|b| if truncated { whole_chars(b) } else { b })
            .map_err(|e| (unreadable(&e), String::new()))
            .and_then(decode_text)
        {
            Ok(text) => {
                doc.read(&text, &mut findings, len, truncated, conventions);
                text
            }
            Err((finding, readable_prefix)) => {
                // Keep the readable part so the diagnostic's line:column is the bad byte's.
                findings.push(finding);
                readable_prefix
            }
        };
        doc.text = OnceLock::from(Some(text.into_boxed_str()));
        // A title notebook's ids are titles by design (`Jane Doe.md`).
        if doc.kind != Kind::Note && !conventions.title_ids() && !doc.id.is_slug() {
            findings.push(Finding::new(
                Span::file(),
                Problem::NotSlug {
                    id: doc.id.to_string(),
                },
            ));
        }
        doc.findings = findings.into_iter().map(|f| doc.locate(f)).collect();
        doc
    }

    /// An implicit record of `kind` named `name`, as if the file at `path` (which does not
    /// exist) held nothing but that name; first named at `first` in the file `first_path`.
    pub(crate) fn implicit(
        kind: Kind,
        (id, path): (Id, String),
        name: &str,
        (first_path, first): (String, Span),
        conventions: &Conventions,
    ) -> Self {
        let (mut record, _) = Record::decode(kind, &[], Span::new(0, 0), &id, conventions);
        match &mut record {
            Some(Record::Contact(c)) => name.clone_into(&mut c.name),
            Some(Record::Company(c)) => name.clone_into(&mut c.name),
            Some(Record::Event(e)) => name.clone_into(&mut e.name),
            Some(Record::Chat(_)) | None => {}
        }
        Self {
            path,
            kind,
            id,
            text: OnceLock::from(Some(Box::from(""))),
            bom: false,
            origin: None,
            record,
            body: Body::default(),
            findings: Vec::new(),
            lines: OnceLock::new(),
            implicit: Some(Box::new(Implicit { first_path, first })),
        }
    }

    /// Whether this is an implicit record, with no file of its own.
    pub(crate) fn is_implicit(&self) -> bool {
        self.implicit.is_some()
    }

    /// The file's text: kept if the file has a problem of its own, else read again from
    /// `root` (and kept from then on), so that a notebook in memory holds the text of the
    /// few files whose excerpts are shown, not of every file. `None` when the file changed
    /// since it was parsed (or vanished): an excerpt of other text would point at the wrong
    /// place, and the next read of the notebook sees the new file.
    pub(crate) fn text(&self) -> Option<&str> {
        self.text.get_or_init(|| self.reread()).as_deref()
    }

    /// Lets the text go if no finding of this file needs it: [`Document::text`] reads it
    /// again from the file under `root` when a cross-file diagnostic wants an excerpt.
    pub(crate) fn forget_text(&mut self, root: &Arc<Path>) {
        if !self.findings.is_empty() {
            return;
        }
        let Some(Some(text)) = self.text.get() else {
            return;
        };
        self.origin = Some(Box::new(Origin {
            root: Arc::clone(root),
            len: text.len(),
            hash: fingerprint(text.as_bytes()),
        }));
        self.text = OnceLock::new();
        self.lines = OnceLock::new();
    }

    /// The length and fingerprint of the text that was parsed, if it was read whole: what
    /// tells the file read again is the same ([`crate::cache`] compares it).
    pub(crate) fn fingerprint(&self) -> Option<(usize, u64)> {
        if self.findings.iter().any(|f| {
            matches!(
                f.problem,
                Problem::Unreadable { .. }
                    | Problem::NotUtf8
                    | Problem::Utf16 { .. }
                    | Problem::NulByte
                    | Problem::OversizedBody { .. }
            )
        }) {
            return None;
        }
        if let Some(origin) = &self.origin {
            return Some((origin.len, origin.hash));
        }
        let text = self.text.get()?.as_deref()?;
        Some((text.len(), fingerprint(text.as_bytes())))
    }

    /// A document read back from the cache: its forgotten text, of this length and
    /// fingerprint, is read again from the file under `root` if a diagnostic wants it.
    pub(crate) fn remember(&mut self, root: &Arc<Path>, (len, hash): (usize, u64)) {
        if self.text.get().is_none() {
            self.origin = Some(Box::new(Origin {
                root: Arc::clone(root),
                len,
                hash,
            }));
        }
    }

    /// The forgotten text, if the file still holds it.
    fn reread(&self) -> Option<Box<str>> {
        let origin = self.origin.as_deref()?;
        let bytes = std::fs::read(origin.root.join(&self.path)).ok()?;
        let text = decode_text(bytes).ok()?;
        (text.len() == origin.len && fingerprint(text.as_bytes()) == origin.hash)
            .then(|| text.into_boxed_str())
    }

    /// Places a finding in this file.
    pub(crate) fn locate(&self, finding: Finding) -> Placed {
        // A forgotten text that changed on disk places the finding at the file's start.
        let text = self.text().unwrap_or_default();
        let lines = self.lines.get_or_init(|| LineIndex::new(text));
        Placed::locate_with(&self.path, text, lines, finding)
    }

    /// The `name` of a contact, company or event; `None` for chats and notes.
    pub(crate) fn name(&self) -> Option<&str> {
        match &self.record {
            Some(Record::Contact(c)) => Some(&c.name),
            Some(Record::Company(c)) => Some(&c.name),
            Some(Record::Event(e)) => Some(&e.name),
            _ => None,
        }
    }

    /// The front matter's entries, read again from the text: records keep their typed
    /// fields only, and `list --where` and `show` also want the user's own keys. Empty if the
    /// front matter is absent or not a mapping.
    pub(crate) fn front_matter(&self) -> Vec<(yaml::Node<'_>, yaml::Node<'_>)> {
        let text = self.text().unwrap_or_default();
        let FrontMatter::Closed { yaml, .. } = FrontMatter::split(text) else {
            return Vec::new();
        };
        match yaml::parse(text, yaml).map(|p| p.root.value) {
            Ok(Value::Map(entries)) => entries,
            _ => Vec::new(),
        }
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|d| d.severity() == Severity::Error)
    }

    /// Reads the text of a file of `len` bytes, which is only its head if `truncated`.
    fn read(
        &mut self,
        text: &str,
        findings: &mut Vec<Finding>,
        len: u64,
        truncated: bool,
        conventions: &Conventions,
    ) {
        if let Some(marker) = conflict_marker(text) {
            findings.push(Finding::new(marker, Problem::MergeConflict));
            return;
        }
        let front = FrontMatter::split(text);
        match (front, self.kind) {
            (FrontMatter::Absent | FrontMatter::Unclosed { .. }, Kind::Note) => {}
            // A template's front matter holds placeholders (`{{date}}`), not YAML to check.
            (FrontMatter::Closed { .. }, Kind::Note) if conventions::is_template(&self.path) => {}
            (FrontMatter::Absent, kind) => {
                let problem = match frontmatter::blank_lines_before_fence(text) {
                    Some(blank_lines) => Problem::FrontMatterNotFirst { blank_lines },
                    None => Problem::NoFrontMatter {
                        kind: kind.as_str(),
                        example: kind.example(),
                        folder: Some(conventions.folder(kind))
                            .filter(|f| *f != kind.folder())
                            .map(str::to_owned),
                    },
                };
                findings.push(Finding::new(Span::file(), problem));
            }
            (FrontMatter::Unclosed { .. }, _) if truncated => {
                // Its end may lie past the head: this file cannot be read as a record.
                let reason = format!(
                    "its front matter does not end in the first {} MiB read of it",
                    text.len() / (1024 * 1024)
                );
                findings.push(Finding::new(Span::file(), Problem::Unreadable { reason }));
                return;
            }
            (FrontMatter::Unclosed { open }, _) => {
                findings.push(Finding::new(open, Problem::UnclosedFrontMatter));
                return;
            }
            (FrontMatter::Closed { yaml, .. }, kind) => match yaml::parse(text, yaml) {
                Err(finding) => findings.push(finding),
                Ok(parsed) => {
                    findings.extend(parsed.findings);
                    let entries = match &parsed.root.value {
                        Value::Map(entries) => Some(entries.as_slice()),
                        Value::Null => Some(&[][..]),
                        other if kind != Kind::Note => {
                            let span = if parsed.root.span.end > parsed.root.span.start {
                                parsed.root.span
                            } else {
                                Span::new(yaml.start, yaml.start)
                            };
                            findings.push(Finding::new(
                                span,
                                Problem::NotMapping {
                                    found: other.describe(),
                                },
                            ));
                            None
                        }
                        _ => None,
                    };
                    if let Some(entries) = entries {
                        // A property may say what the file is, wherever it lies (`kinds:`).
                        let kind =
                            (conventions.kind_by_properties(&self.path, entries)).unwrap_or(kind);
                        self.kind = kind;
                        let (record, found) =
                            Record::decode(kind, entries, Span::new(0, 3), &self.id, conventions);
                        self.record = record;
                        findings.extend(found);
                    }
                }
            },
        }
        let start = match front {
            FrontMatter::Unclosed { .. } => 0,
            other => other.body_start(),
        };
        // The length of the body in the file, not in the head that was read of it.
        let body_len = len.saturating_sub(start as u64);
        if body_len > body::MAX_BODY_BYTES {
            findings.push(Finding::new(
                Span::new(start, start),
                Problem::OversizedBody {
                    bytes: body_len,
                    limit: body::MAX_BODY_BYTES,
                },
            ));
            return;
        }
        self.body = body::parse(text, start, findings);
        self.participants_as_with(findings, conventions);
    }

    /// A chat without `with` whose body lists who was there under `## Participants` or
    /// `## Attendees` (as `[[links]]`): those are its `with`, and nothing is missing.
    fn participants_as_with(&mut self, findings: &mut Vec<Finding>, conventions: &Conventions) {
        let Some(Record::Chat(chat)) = &mut self.record else {
            return;
        };
        if !chat.with.is_empty() || self.body.participants.is_empty() {
            return;
        }
        let missing =
            |f: &Finding| matches!(&f.problem, Problem::MissingKey { key, .. } if key == "with");
        if !findings.iter().any(missing) {
            // `with` is written (with only the owner, say): the body does not overrule it.
            return;
        }
        findings.retain(|f| !missing(f));
        chat.with = (self.body.participants.iter())
            .filter(|p| !conventions.is_owner(p.value.as_str()))
            .cloned()
            .collect();
    }
}

/// The text a document keeps, in the cache: kept (a finding needs it) or not.
mod kept_text {
    use std::sync::OnceLock;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(super) fn serialize<S: Serializer>(
        text: &OnceLock<Option<Box<str>>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        text.get().and_then(Option::as_deref).serialize(s)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<OnceLock<Option<Box<str>>>, D::Error> {
        let text = Option::<Box<str>>::deserialize(d)?;
        Ok(text.map_or_else(OnceLock::new, |t| OnceLock::from(Some(t))))
    }
}

/// `chats/2026/2026-11-12-jane.md` → `2026-11-12-jane`.
pub(crate) fn id_of(path: &str) -> Id {
    let name = path.rsplit('/').next().unwrap_or(path);
    Id::new(
        name.strip_suffix(".md")
            .or_else(|| name.strip_suffix(".MD"))
            .unwrap_or(name),
    )
}

/// A file that cannot be read, with the reason in a user's words.
pub(crate) fn unreadable(e: &std::io::Error) -> Finding {
    use std::io::ErrorKind;
    let reason = match e.kind() {
        ErrorKind::NotFound => "the file vanished while the notebook was being read".to_owned(),
        ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    };
    Finding::new(Span::file(), Problem::Unreadable { reason })
}

/// The head of a file without a character cut in two at its end (the rest of it is in the
/// part not read).
fn whole_chars(mut bytes: Vec<u8>) -> Vec<u8> {
    if let Err(e) = std::str::from_utf8(&bytes)
        && e.error_len().is_none()
    {
        bytes.truncate(e.valid_up_to());
    }
    bytes
}

/// UTF-8 text without a byte-order mark, or a finding at the first bad byte together with
/// the readable text before it.
fn decode_text(bytes: Vec<u8>) -> Result<String, (Finding, String)> {
    let nul = |text: &str| {
        // Validating first and then searching the text is far cheaper than a byte loop over
        // every file; the `memchr` crate's search is SIMD, where `str::find` reads a word at a
        // time (that was 1.5% of a check's instructions).
        memchr::memchr(0, text.as_bytes()).map(|at| {
            let prefix = readable(&text.as_bytes()[..at]);
            (
                Finding::new(Span::new(prefix.len(), prefix.len()), Problem::NulByte),
                prefix,
            )
        })
    };
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if let Some(error) = nul(&text) {
                return Err(error);
            }
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(e) => {
            // Notepad's "Unicode" and some exports write UTF-16; its byte-order mark names it.
            let utf16 = match e.as_bytes() {
                [0xFF, 0xFE, ..] => Some(false),
                [0xFE, 0xFF, ..] => Some(true),
                _ => None,
            };
            if let Some(big_endian) = utf16 {
                return Err((
                    Finding::new(Span::new(0, 0), Problem::Utf16 { big_endian }),
                    String::new(),
                ));
            }
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            if let Some(error) = nul(valid) {
                return Err(error);
            }
            let prefix = readable(valid.as_bytes());
            Err((
                Finding::new(Span::new(prefix.len(), prefix.len()), Problem::NotUtf8),
                prefix,
            ))
        }
    }
}

/// The longest valid UTF-8 prefix of `bytes`, without a byte-order mark.
fn readable(bytes: &[u8]) -> String {
    let valid = std::str::from_utf8(bytes).map_or_else(|e| &bytes[..e.valid_up_to()], |_| bytes);
    let text = String::from_utf8_lossy(valid);
    text.strip_prefix('\u{feff}').unwrap_or(&text).to_owned()
}

/// The first line starting with a conflict marker (`<<<<<<<` or `>>>>>>>`).
fn conflict_marker(text: &str) -> Option<Span> {
    // Every file is searched and nearly none has a marker: memchr's SIMD substring search for
    // a marker at a line start (after a newline, or first in the file), with searchers built
    // once, is the cheap way to say so, and a marker inside a line (`a <<<<<<< b`) costs no
    // line loop.
    static AFTER_NEWLINE: LazyLock<[memmem::Finder<'static>; 2]> = LazyLock::new(|| {
        [
            memmem::Finder::new(b"\n<<<<<<<"),
            memmem::Finder::new(b"\n>>>>>>>"),
        ]
    });
    AFTER_NEWLINE
        .iter()
        .filter_map(|finder| first_marker_line(text, finder))
        .min_by_key(|span| span.start)
}

/// The first line of `text` that is the marker `finder` looks for (after its newline) alone
/// or followed by a space.
fn first_marker_line(text: &str, finder: &memmem::Finder) -> Option<Span> {
    let bytes = text.as_bytes();
    let marker = &finder.needle()[1..];
    let first = bytes.starts_with(marker).then_some(0);
    let later = finder.find_iter(bytes).map(|at| at + 1);
    first.into_iter().chain(later).find_map(|start| {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |n| start + n);
        let line = text.get(start..end)?.trim_end_matches('\r');
        let rest = &line[marker.len()..];
        (rest.is_empty() || rest.starts_with(' ')).then(|| Span::new(start, start + line.len()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Code;
    use crate::model::conventions::PLAIN;

    fn doc(path: &str, text: &[u8]) -> Document {
        Document::parse(path.to_owned(), Ok(text.to_vec()), &PLAIN)
    }

    fn codes(doc: &Document) -> Vec<(Code, usize, usize)> {
        doc.findings
            .iter()
            .map(|d| (d.code(), d.start.line, d.start.column))
            .collect()
    }

    #[test]
    fn conflict_markers_only_at_line_starts() {
        let span = |text: &str| conflict_marker(text).map(|s| (s.start, s.end));
        assert_eq!(span("<<<<<<< HEAD\nx\n"), Some((0, 12)));
        assert_eq!(span("a\n>>>>>>>\r\nb"), Some((2, 9)));
        assert_eq!(span("a\n>>>>>>> x\n<<<<<<< y\n"), Some((2, 11)));
        assert_eq!(span("a <<<<<<< b\nc >>>>>>> d\n"), None);
        assert_eq!(span("<<<<<<<< eight\n>>>>>>>x\n"), None);
    }

    #[test]
    fn kinds_and_ids_from_paths() {
        let d = doc(
            "chats/2026/2026-11-12-jane.md",
            b"---\nwith: jane\ndate: 2026-11-12\n---\n",
        );
        assert_eq!(d.kind, Kind::Chat);
        assert_eq!(d.id.as_str(), "2026-11-12-jane");
        assert_eq!(doc("plan.md", b"# Plan").kind, Kind::Note);
        assert!(codes(&d).is_empty(), "{:?}", d.findings);
    }

    #[test]
    fn bom_and_crlf_are_accepted_and_positions_stay_exact() {
        let d = doc(
            "contacts/ada.md",
            "\u{feff}---\r\nname: Ada\r\nrole: develper\r\n---\r\n".as_bytes(),
        );
        assert_eq!(codes(&d), vec![(Code::T103, 3, 7)]);
    }

    /// A path, its bytes, and the one diagnostic's code, line and column.
    type Case<'a> = (&'a str, &'a [u8], (Code, usize, usize));

    #[test]
    fn file_level_problems() {
        let conflict: &[u8] = b"---\nname: A\n<<<<<<< HEAD\nreplied: 2026-11-12\n=======\nreplied: 2026-11-13\n>>>>>>> x\n---\n";
        let cases: [Case; 9] = [
            ("contacts/a.md", b"", (Code::T006, 1, 1)),
            ("contacts/a.md", b"---\nname: A\n", (Code::T002, 1, 1)),
            ("contacts/a.md", b"---\n---\n", (Code::T101, 1, 1)),
            ("contacts/a.md", b"---\n- a\n- b\n---\n", (Code::T004, 2, 1)),
            ("contacts/a.md", b"\xff\xfe---", (Code::T001, 1, 1)),
            (
                "contacts/a.md",
                b"---\nname: A\x00\n---",
                (Code::T001, 2, 8),
            ),
            (
                "contacts/a.md",
                b"---\nname: \xc3(\n---",
                (Code::T001, 2, 7),
            ),
            ("contacts/a.md", conflict, (Code::T005, 3, 1)),
            (
                "contacts/Jane Doe.md",
                b"---\nname: A\n---\n",
                (Code::T107, 1, 1),
            ),
        ];
        for (path, bytes, expected) in cases {
            assert_eq!(codes(&doc(path, bytes)), vec![expected], "{path} {bytes:?}");
        }
        let io = Document::parse(
            "contacts/a.md".into(),
            Err(std::io::Error::from(std::io::ErrorKind::NotFound)),
            &PLAIN,
        );
        assert_eq!(codes(&io), vec![(Code::T001, 1, 1)]);
    }

    #[test]
    fn a_head_cut_inside_a_character_keeps_its_checks_and_warns_of_the_unread_body() {
        // The first bytes of a 100 MiB file, cut inside the `é`.
        let text = "---\nname: A\nrole: develper\n---\nCaf\u{e9}".as_bytes();
        let head = text[..text.len() - 1].to_vec();
        let d = Document::parse_head("contacts/a.md".into(), Ok(head), 100 << 20, &PLAIN);
        assert_eq!(codes(&d), vec![(Code::T103, 3, 7), (Code::T007, 5, 1)]);
        assert!(d.body.links.targets.is_empty());
    }

    #[test]
    fn a_front_matter_that_does_not_end_in_the_head_is_unreadable() {
        let head = b"---\nname: A\ntitle: long".to_vec();
        let d = Document::parse_head("contacts/a.md".into(), Ok(head), 100 << 20, &PLAIN);
        assert_eq!(codes(&d), vec![(Code::T001, 1, 1)]);
    }

    #[test]
    fn free_notes_have_no_schema() {
        assert!(codes(&doc("notes/x.md", b"---\nanything: [1]\n---\n# Hi\n")).is_empty());
        assert!(codes(&doc("notes/x.md", b"---\njust a rule\n")).is_empty());
    }

    #[test]
    fn one_bad_field_leaves_the_others() {
        let d = doc(
            "contacts/ada.md",
            b"---\nname: [Ada, L]\nrole: manager\nreached_out: 2026-02-30\ncompnay: acme\n---\n",
        );
        assert_eq!(
            codes(&d),
            vec![(Code::T102, 2, 7), (Code::T104, 4, 14), (Code::T106, 5, 1)]
        );
        let Some(Record::Contact(c)) = &d.record else {
            panic!()
        };
        assert_eq!(c.role, Some(crate::model::contact::Role::Manager));
    }
}
