//! Where the editor may create a file or move one to: the refusals a rename and a "create"
//! action share with the command line's write path ([`fs::can_create_in`]: a file already
//! there, a name too long for file systems, a device name, a folder that leads out of the
//! notebook), and two more an editor needs: a name that is another file's under another
//! spelling on macOS and Windows (case, accents' encoding: [`fs::Names`]), and a name that
//! holds Unicode format characters (bidi overrides, zero-width spaces), which would hide
//! what the name says. A file already there counts even when the notebook does not read it
//! (git-ignored, hidden): an editor that renames onto it destroys it.

use std::path::Path;

use crate::error::Error;
use crate::fs::{self, Existing};

/// Why a file may not be created or moved to a path.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub(crate) enum Refused {
    #[error(
        "`{path}` exists already (a file the notebook may not read, git-ignored or hidden, is still a file): choose another name"
    )]
    Exists { path: String },
    #[error(
        "`{path}` and `{other}` are one file on macOS and Windows, which ignore case: choose another name"
    )]
    SameFile { path: String, other: String },
    #[error(
        "the file name of `{path}` would be {bytes} bytes; file systems allow {max}: choose a shorter name"
    )]
    TooLong {
        path: String,
        bytes: usize,
        max: usize,
    },
    #[error("`{path}`: its name {reason}, so the notebook could not be cloned there")]
    Reserved { path: String, reason: &'static str },
    #[error("`{path}` would be written through a symlink to {target}, outside the notebook")]
    Outside { path: String, target: String },
    #[error(
        "`{name}` holds the invisible character U+{code:04X} (a bidi override or a zero-width space), which would hide what the name says"
    )]
    Invisible { name: String, code: u32 },
}

/// Whether a file may be created at `path` (from the notebook at `root`), or the file at
/// `own` moved there: `own`'s own name under another spelling (`priya shah.md` renamed to
/// `Priya Shah.md`) is no other file.
pub(crate) fn vet(root: &Path, path: &str, own: Option<&str>) -> Result<(), Refused> {
    let name = path.rsplit('/').next().unwrap_or(path);
    if let Some(c) = name.chars().find(|&c| is_format(c)) {
        return Err(Refused::Invisible {
            name: name.to_owned(),
            code: u32::from(c),
        });
    }
    let full = root.join(path);
    // On a file system that ignores case, the file's own name in another case is there.
    let own_name = own.is_some_and(|own| own != path && own.eq_ignore_ascii_case(path));
    match fs::can_create_in(root, &full, Existing::Keep) {
        Ok(()) => {}
        Err(Error::Exists { .. }) if own_name => {}
        Err(e) => return Err(refused(root, path, e)),
    }
    match fs::Names::default().claim(&full) {
        Ok(()) => Ok(()),
        Err(Error::NameCollides { other, .. }) if Some(relative(root, &other).as_str()) == own => {
            Ok(())
        }
        Err(e) => Err(refused(root, path, e)),
    }
}

/// The write path's refusal in an editor's words.
fn refused(root: &Path, path: &str, e: Error) -> Refused {
    let path = path.to_owned();
    match e {
        Error::TooLong { part, max, .. } => {
            let bytes = if part == "file name" {
                path.rsplit('/').next().unwrap_or(&path).len()
            } else {
                root.join(&path).as_os_str().len()
            };
            Refused::TooLong { path, bytes, max }
        }
        Error::NameReserved { reason, .. } => Refused::Reserved { path, reason },
        Error::OutsideNotebook { target, .. } => Refused::Outside {
            path,
            target: target.display().to_string(),
        },
        Error::NameCollides { other, .. } => Refused::SameFile {
            path,
            other: relative(root, &other),
        },
        // `Exists`, and anything the disk said.
        _ => Refused::Exists { path },
    }
}

fn relative(root: &Path, path: &Path) -> String {
    crate::notebook::relative(root, path)
}

/// Whether `c` is a Unicode format character (general category Cf): invisible, and able to
/// reorder or hide the text around it.
pub(crate) fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notebook() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("contacts")).unwrap();
        std::fs::write(root.join("contacts/ada.md"), "").unwrap();
        std::fs::write(root.join("contacts/Priya Shah.md"), "").unwrap();
        (dir, root)
    }

    #[test]
    fn refuses_what_the_write_path_refuses_and_more() {
        let (_dir, root) = notebook();
        assert_eq!(vet(&root, "contacts/bob.md", None), Ok(()));
        assert_eq!(
            vet(&root, "contacts/ada.md", None),
            Err(Refused::Exists {
                path: "contacts/ada.md".into()
            })
        );
        assert_eq!(
            vet(&root, "contacts/ADA.md", None),
            Err(Refused::SameFile {
                path: "contacts/ADA.md".into(),
                other: "contacts/ada.md".into()
            })
        );
        let long = format!("contacts/{}.md", "a".repeat(300));
        assert!(matches!(
            vet(&root, &long, None),
            Err(Refused::TooLong {
                bytes: 303,
                max: 255,
                ..
            })
        ));
        assert_eq!(
            vet(&root, "contacts/P\u{202e}ahS ayirP.md", None),
            Err(Refused::Invisible {
                name: "P\u{202e}ahS ayirP.md".into(),
                code: 0x202E
            })
        );
        assert!(matches!(
            vet(&root, "contacts/a\u{200b}b.md", None),
            Err(Refused::Invisible { code: 0x200B, .. })
        ));
        assert!(matches!(
            vet(&root, "contacts/con.md", None),
            Err(Refused::Reserved { .. })
        ));
    }

    #[test]
    fn a_file_may_take_its_own_name_in_another_case() {
        let (_dir, root) = notebook();
        assert_eq!(
            vet(
                &root,
                "contacts/priya shah.md",
                Some("contacts/Priya Shah.md")
            ),
            Ok(())
        );
        assert!(vet(&root, "contacts/Priya Shah.md", Some("contacts/ada.md")).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_folder_symlinked_out_of_the_notebook() {
        let (_dir, root) = notebook();
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), root.join("companies")).unwrap();
        assert!(matches!(
            vet(&root, "companies/acme-new.md", None),
            Err(Refused::Outside { .. })
        ));
    }
}
