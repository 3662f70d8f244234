//! The notebook's message templates: the built-in set (what `ties init` writes), with each
//! Markdown file at the top of `templates/` in place of the built-in of its name or beside
//! them. A notebook without the folder drafts from the built-ins alone; one that deleted a
//! built-in's file gets the built-in back (a draft never lacks a template for its kind).
//! The folder is not part of the notebook's records or notes ([`crate::notebook`] leaves
//! it out of the walk), so a template is never checked as a note: only by its own rules
//! (T501–T503, and T001–T003 for a file that cannot be read).

use std::io::Read;
use std::path::Path;

use crate::diagnostic::Placed;
use crate::findings::{Finding, Problem};
use crate::span::Span;
use crate::template::{BUILTIN, Channel, DraftKind, Template};

/// The folder, at the notebook's root.
pub(crate) const FOLDER: &str = "templates";

/// Whether `rel` (relative to the root, `/`-separated) is the folder or anywhere below it:
/// what the walk leaves out.
pub(crate) fn within(rel: &str) -> bool {
    rel.strip_prefix(FOLDER)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// A template is a message: past this size a file is something else, and is not read.
const MAX_BYTES: u64 = 64 * 1024;

#[derive(Clone, Debug, Default)]
pub(crate) struct Templates {
    /// Sorted by name.
    pub list: Vec<Loaded>,
    /// The built-in set, whatever the folder holds: what a kind falls back on when each of
    /// its templates has errors.
    builtin: Vec<Loaded>,
    /// The problems of the files, placed in them.
    pub findings: Vec<Placed>,
}

#[derive(Clone, Debug)]
pub(crate) struct Loaded {
    pub template: Template,
    /// `templates/NAME.md`; `None` for a built-in.
    pub path: Option<String>,
    /// The file's text (for excerpts), empty for a built-in.
    pub text: String,
}

impl Templates {
    /// The built-in set alone.
    pub(crate) fn builtin() -> Self {
        let mut list: Vec<Loaded> = BUILTIN
            .iter()
            .map(|(name, text)| Loaded {
                template: Template::parse(name, text).0,
                path: None,
                text: String::new(),
            })
            .collect();
        list.sort_by(|a, b| a.template.name.cmp(&b.template.name));
        Self {
            builtin: list.clone(),
            list,
            findings: Vec::new(),
        }
    }

    /// The templates of the notebook at `root`.
    pub(crate) fn load(root: &Path) -> Self {
        Self::load_with(root, &|_| None)
    }

    /// The templates of the notebook at `root`, the text of a file of `templates/` being
    /// `buffer(path)` where that says one (an editor's unsaved text).
    pub(crate) fn load_with(root: &Path, buffer: &dyn Fn(&str) -> Option<String>) -> Self {
        let mut set = Self::builtin();
        let dir = root.join(FOLDER);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return set,
            Err(e) => {
                set.findings.push(unreadable(FOLDER, &e.to_string()));
                return set;
            }
        };
        let real_root = root.canonicalize().unwrap_or_else(|_| root.to_owned());
        let mut files: Vec<(String, String)> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let stem = name
                    .strip_suffix(".md")
                    .or_else(|| name.strip_suffix(".MD"))?
                    .to_owned();
                (!name.starts_with('.')).then_some((stem, name))
            })
            .collect();
        files.sort();
        let mut loaded = Vec::new();
        for (stem, file) in files {
            let path = format!("{FOLDER}/{file}");
            let full = dir.join(&file);
            let read = buffer(&path).map_or_else(|| read(&full, &real_root), |text| Ok(Some(text)));
            match read {
                Ok(None) => {}
                Ok(Some(text)) => {
                    let (template, found) = Template::parse(&stem, &text);
                    set.findings
                        .extend(found.into_iter().map(|f| Placed::locate(&path, &text, f)));
                    loaded.push(Loaded {
                        template,
                        path: Some(path),
                        text,
                    });
                }
                Err(finding) => set.findings.push(finding.place(&path)),
            }
        }
        set.list
            .retain(|b| !loaded.iter().any(|l| l.template.name == b.template.name));
        set.list.extend(loaded);
        set.list
            .sort_by(|a, b| a.template.name.cmp(&b.template.name));
        set
    }

    /// The template called `name` (the file name without `.md`; case does not matter when
    /// no name matches exactly).
    pub(crate) fn get(&self, name: &str) -> Option<&Loaded> {
        let name = name.trim().trim_end_matches(".md");
        self.list
            .iter()
            .find(|l| l.template.name == name)
            .or_else(|| {
                self.list
                    .iter()
                    .find(|l| l.template.name.eq_ignore_ascii_case(name))
            })
    }

    /// The text of the template file at `path` (`templates/NAME.md`), as it was read.
    pub(crate) fn text(&self, path: &str) -> Option<&str> {
        self.list
            .iter()
            .find(|l| l.path.as_deref() == Some(path))
            .map(|l| l.text.as_str())
    }

    /// The template `--template NAME` asks for, or the error that lists the names there are
    /// and suggests the nearest.
    pub(crate) fn named(&self, name: &str) -> Result<&Loaded, crate::error::Error> {
        self.get(name)
            .ok_or_else(|| crate::error::Error::UnknownTemplate {
                name: name.to_owned(),
                hint: crate::suggest::hint(name, self.names()),
                names: self.names().collect::<Vec<_>>().join(", "),
            })
    }

    /// How many files of `templates/` were read.
    pub(crate) fn files(&self) -> usize {
        self.list.iter().filter(|l| l.path.is_some()).count()
    }

    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.list.iter().map(|l| l.template.name.as_str())
    }

    /// The template a draft of `kind` uses when none is named: among those of `kind`
    /// meant for `channel`, the one named after the kind, else the first by name; if none is
    /// meant for `channel`, the kind's own (named after it), used on that channel. A
    /// template with errors is never chosen; if every one of the kind has some, the
    /// built-in serves.
    pub(crate) fn choose(&self, kind: DraftKind, channel: Channel) -> &Loaded {
        Self::choose_in(&self.list, kind, channel)
            .or_else(|| Self::choose_in(&self.builtin, kind, channel))
            .expect("the built-in templates hold one of every kind")
    }

    fn choose_in(list: &[Loaded], kind: DraftKind, channel: Channel) -> Option<&Loaded> {
        let usable = || {
            list.iter()
                .filter(move |l| l.template.kind == Some(kind) && !l.template.broken)
        };
        let own_name = |l: &&Loaded| l.template.name == kind.as_str();
        let mut meant = usable().filter(|l| l.template.channel == channel);
        let first = meant.next();
        first
            .into_iter()
            .chain(meant)
            .find(own_name)
            .or(first)
            .or_else(|| usable().find(own_name))
            .or_else(|| usable().next())
    }
}

/// Whether `rel` (from the notebook root, `/`-separated) is a file [`Templates::load`]
/// reads, or the folder itself: what a change there asks to read again.
pub(crate) fn holds(rel: &str) -> bool {
    if rel == FOLDER {
        return true;
    }
    rel.strip_prefix(FOLDER)
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|name| {
            !name.contains('/')
                && !name.starts_with('.')
                && std::path::Path::new(name)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("md"))
        })
}

/// Why a file of the folder could not be read.
struct Unread {
    finding: Finding,
    /// The readable text before the problem, to place it.
    text: String,
}

impl Unread {
    fn place(self, path: &str) -> Placed {
        Placed::locate(path, &self.text, self.finding)
    }
}

fn unreadable(path: &str, reason: &str) -> Placed {
    Placed::locate(
        path,
        "",
        Finding::new(
            Span::file(),
            Problem::Unreadable {
                reason: reason.to_owned(),
            },
        ),
    )
}

/// The text of the template at `path`: `None` for what is not a file; a symlink that leads
/// out of the notebook, a file past [`MAX_BYTES`] and bytes that are not UTF-8 are
/// findings (T001).
fn read(path: &Path, real_root: &Path) -> Result<Option<String>, Unread> {
    let file_level = |reason: String| Unread {
        finding: Finding::new(Span::file(), Problem::Unreadable { reason }),
        text: String::new(),
    };
    let meta = std::fs::symlink_metadata(path).map_err(|e| file_level(e.to_string()))?;
    if meta.file_type().is_symlink() {
        match path.canonicalize() {
            Ok(target) if !target.starts_with(real_root) => {
                return Err(file_level(format!(
                    "it is a symlink to {}, outside the notebook, and is not followed",
                    target.display()
                )));
            }
            Ok(_) => {}
            Err(e) => return Err(file_level(e.to_string())),
        }
    }
    let file = std::fs::File::open(path).map_err(|e| file_level(e.to_string()))?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| file_level(e.to_string()))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(file_level(format!(
            "a message template is at most {} KiB, and this file is larger",
            MAX_BYTES / 1024
        )));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Some(
            text.strip_prefix('\u{feff}')
                .map_or(text.clone(), str::to_owned),
        )),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            Err(Unread {
                finding: Finding::new(Span::new(valid, valid), Problem::NotUtf8),
                text,
            })
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A notebook in a temporary folder holding `files` (path, text); also the language
    /// server's tests'.
    pub(crate) fn notebook(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn within_the_folder_is_the_folder_and_all_below_it() {
        assert!(within("templates") && within("templates/intro.md") && within("templates/a/b.md"));
        assert!(!within("templates-old/intro.md") && !within("notes/templates/a.md"));
        assert!(!within("templatesx") && !within(""));
    }

    #[test]
    fn without_the_folder_the_builtins_serve() {
        let set = Templates::load(Path::new("/nonexistent/notebook"));
        assert_eq!(set.list.len(), BUILTIN.len());
        assert!(set.findings.is_empty());
        for kind in DraftKind::ALL {
            let chosen = set.choose(*kind, Channel::Email);
            assert_eq!(chosen.template.name, kind.as_str());
        }
        let note = set.choose(DraftKind::Outreach, Channel::LinkedinNote);
        assert_eq!(note.template.name, "outreach-note");
        // No follow-up is meant for a note: the kind's own, on that channel.
        let note = set.choose(DraftKind::FollowUp, Channel::LinkedinNote);
        assert_eq!(note.template.name, "follow-up");
    }

    #[test]
    fn files_replace_builtins_and_join_them() {
        let dir = notebook(&[
            (
                "templates/follow-up.md",
                "Hi {{first_name}}, just checking in.",
            ),
            (
                "templates/follow-up-short.md",
                "---\nchannel: linkedin-message\n---\nHi!",
            ),
            ("templates/ask-broken.md", "Hi {{fist_name}}"),
            ("templates/minutes.md", "# {{date}}"),
            ("templates/.hidden.md", "Hi"),
            ("templates/sub/deeper.md", "Hi"),
            ("templates/notes.txt", "Hi"),
        ]);
        let set = Templates::load(dir.path());
        let names: Vec<&str> = set.names().collect();
        assert_eq!(
            names,
            [
                "ask",
                "ask-broken",
                "congratulate",
                "follow-up",
                "follow-up-short",
                "minutes",
                "outreach",
                "outreach-note",
                "reconnect",
                "thank-you"
            ]
        );
        assert_eq!(
            set.get("follow-up").unwrap().path.as_deref(),
            Some("templates/follow-up.md")
        );
        let short = set.choose(DraftKind::FollowUp, Channel::LinkedinMessage);
        assert_eq!(short.template.name, "follow-up-short");
        // A broken template is never chosen; the built-in of its kind is.
        let ask = set.choose(DraftKind::Ask, Channel::Email);
        assert_eq!(
            (ask.template.name.as_str(), ask.path.as_deref()),
            ("ask", None)
        );
        let codes: Vec<(String, String)> = set
            .findings
            .iter()
            .map(|p| (p.path.clone(), p.code().to_string()))
            .collect();
        assert_eq!(
            codes,
            [
                ("templates/ask-broken.md".to_owned(), "T501".to_owned()),
                ("templates/minutes.md".to_owned(), "T503".to_owned())
            ]
        );
    }

    #[test]
    fn what_the_folder_holds_and_an_editor_buffer_over_a_file() {
        assert!(holds("templates") && holds("templates/ask.md") && holds("templates/A b.MD"));
        for other in [
            "templates/sub/x.md",
            "templates/.x.md",
            "templates/x.txt",
            "notes/t.md",
        ] {
            assert!(!holds(other), "{other}");
        }
        let dir = notebook(&[("templates/ask.md", "Hi {{fist_name}}")]);
        let fixed =
            |path: &str| (path == "templates/ask.md").then(|| "Hi {{first_name}}".to_owned());
        let set = Templates::load_with(dir.path(), &fixed);
        assert!(set.findings.is_empty(), "{:?}", set.findings);
        assert_eq!(set.text("templates/ask.md"), Some("Hi {{first_name}}"));
    }

    #[test]
    fn unreadable_files_are_findings() {
        let dir = notebook(&[("templates/outreach.md", "")]);
        std::fs::write(dir.path().join("templates/bad.md"), b"Hi \xff").unwrap();
        std::fs::write(
            dir.path().join("templates/huge.md"),
            "x".repeat(usize::try_from(MAX_BYTES).unwrap() + 1),
        )
        .unwrap();
        let set = Templates::load(dir.path());
        let found: Vec<(String, usize)> = set
            .findings
            .iter()
            .map(|p| (p.path.clone(), p.start.column))
            .collect();
        assert_eq!(
            found,
            [
                ("templates/bad.md".to_owned(), 4),
                ("templates/huge.md".to_owned(), 1)
            ]
        );
    }
}
