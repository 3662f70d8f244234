//! The first look at the documents an editor opens while the notebook is still loading: at
//! 83,000 files the load takes seconds, and the file the user opened must not stay blank
//! that long. Before the load starts, the server reads what reading one file needs, the
//! notebook's `ties.yaml` (which folder is which kind, what an id is, `checks.ignore`) and
//! its `.gitignore` (which files are the notebook's); each document opened meanwhile is then
//! parsed as the load will parse it, and its own findings are published at once.
//!
//! Its own findings are those its parse makes: front matter that does not read, keys and
//! values the spec refuses, dates, a body too big, a conflict marker (the codes below T200,
//! and `ties.yaml`'s own for `ties.yaml`). They depend on no other file, so the full check
//! says the same of them: the first look is a part of what the full set will be, never
//! something it takes back. Whatever needs the other files waits for the load: a name no
//! record answers to (T201), a broken link (T204), a duplicate id, dates across files, the
//! agenda. Without the index those would be guesses, and a false "no such contact" on every
//! line of the file just opened is worse than a second of silence. When the load ends, the
//! full set replaces the first (an editor replaces a file's set on each publish).

use std::path::{Path, PathBuf};

use crate::check;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::error::Error;
use crate::model::Settings;
use crate::notebook::{self, CONFIG_FILE, Ignores};
use crate::templates;

use super::convert::Lines;

/// What a first look needs of the notebook at `root`, read before its load.
pub(super) struct Early {
    root: PathBuf,
    ignores: Ignores,
    settings: Settings,
}

/// A file looked at: the text its diagnostics are placed in, and those diagnostics.
pub(super) struct Looked {
    text: Text,
    pub diagnostics: Vec<Diagnostic>,
}

/// The text a first look placed its diagnostics in.
enum Text {
    /// A document, parsed as the load parses it (its byte-order mark counted).
    Document(Box<Document>),
    /// `ties.yaml`, as its settings were read from it.
    Settings(String),
}

impl Early {
    /// Reads `ties.yaml` and `.gitignore` of the notebook at `root`; an unreadable
    /// `ties.yaml` is an error (the load then says so).
    pub(super) fn read(root: &Path) -> Result<Self, Error> {
        let (settings, _, _) = notebook::load_settings(root)?;
        Ok(Self {
            root: root.to_owned(),
            ignores: Ignores::load(root),
            settings,
        })
    }

    /// The path from the root of a file of the notebook at the absolute `path`, as the
    /// loaded workspace will say it ([`crate::workspace::notebook_path`]).
    pub(super) fn notebook_path(&self, path: &Path) -> Option<String> {
        crate::workspace::notebook_path(&self.root, &self.ignores, &self.settings, path)
    }

    /// The own findings of the file at `rel` holding `text` (see the module's docs); `None`
    /// for a message template, which is checked against the notebook's fields.
    pub(super) fn look(&self, rel: &str, text: &str) -> Option<Looked> {
        if templates::holds(rel) {
            return None;
        }
        if rel == CONFIG_FILE {
            let (settings, text, found) = notebook::decode_settings(text.as_bytes().to_vec());
            return Some(Looked {
                diagnostics: check::placed(&settings.ignore, found),
                text: Text::Settings(text),
            });
        }
        let doc = Document::parse(
            rel.to_owned(),
            Ok(text.as_bytes().to_vec()),
            &self.settings.conventions,
        );
        Some(Looked {
            diagnostics: check::placed(&self.settings.ignore, doc.findings.iter().cloned()),
            text: Text::Document(Box::new(doc)),
        })
    }
}

impl Looked {
    /// The lines the diagnostics are placed in, as the editor counts them.
    pub(super) fn lines(&self) -> Lines<'_> {
        match &self.text {
            Text::Document(doc) => Lines::of(doc),
            Text::Settings(text) => Lines::new(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Workspace;

    /// A notebook with findings of both kinds in the same files: its own (a bad date, an
    /// unknown key, an id that is no slug, a conflict marker, more of one code than a file
    /// shows) and cross-file ones (an unknown company, a broken link, a duplicate name).
    fn broken() -> tempfile::TempDir {
        let ada = format!(
            "---\nname: Ada\ncompany: nowhere\nreached_out: 2026-13-01\ncolour: red\nfollowed_up: [{}]\n---\nSee [[nobody]].\n",
            vec!["2026-02-30"; 120].join(", ")
        );
        crate::templates::tests::notebook(&[
            ("ties.yaml", "checks:\n  ignore: [T106]\n"),
            ("contacts/ada.md", &ada),
            ("contacts/Bad Id.md", "---\nname: Ada\n---\n"),
            ("contacts/cy.md", "---\nname: Cy\n<<<<<<< HEAD\n---\n"),
            (
                "chats/2026-11-01-ada.md",
                "---\nwith: [ada, ghost]\ndate: 2026-11-01\nsummary: [1, 2]\n---\n",
            ),
        ])
    }

    /// The first look says of each file a part of what the full check says: never a
    /// finding the loaded notebook takes back. On the example notebook, every fixture
    /// notebook, and one broken both ways.
    #[test]
    fn a_first_look_is_part_of_the_full_check_of_every_file() {
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        let broken = broken();
        let mut roots = vec![here.join("example-notebook"), broken.path().to_owned()];
        for entry in std::fs::read_dir(here.join("tests/fixtures")).unwrap() {
            let path = entry.unwrap().path();
            if path.join(CONFIG_FILE).is_file() {
                roots.push(path);
            }
        }
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap();
        let (mut looked_at, mut own, mut cross) = (0, 0, 0);
        for root in roots {
            let root = root.canonicalize().unwrap();
            let early = Early::read(&root).unwrap();
            let (workspace, _) =
                Workspace::load_with(&root, now, crate::cache::Policy::Off).unwrap();
            let mut paths: Vec<&str> = workspace
                .index()
                .docs
                .iter()
                .filter(|d| !d.is_implicit())
                .map(|d| d.path.as_str())
                .collect();
            paths.push(CONFIG_FILE);
            for path in paths {
                let text = std::fs::read_to_string(root.join(path)).unwrap();
                assert_eq!(
                    early.notebook_path(&root.join(path)).as_deref(),
                    Some(path),
                    "{}",
                    root.display()
                );
                let looked = early.look(path, &text).unwrap();
                let full = workspace.diagnostics_at(path);
                for d in &looked.diagnostics {
                    assert!(full.contains(d), "{path}: {d:?} not in {full:?}");
                }
                looked_at += 1;
                own += looked.diagnostics.len();
                cross += full.len() - looked.diagnostics.len();
            }
        }
        assert!(looked_at > 100, "{looked_at}");
        assert!(own > 5 && cross > 5, "own {own}, cross-file {cross}");
    }
}
