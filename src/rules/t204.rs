//! ## What it checks
//! Links in a body that lead nowhere: wiki links `[[id]]` (also `[[id|label]]`,
//! `[[id#heading]]`, and a path from the notebook root, `[[People/Jane Doe]]`) to no record
//! or note (a wiki link resolves as a reference does: the exact id, else, ignoring case, a
//! file title, `name` or alias; several matches are ambiguous, and the message names each),
//! and relative Markdown links to `.md` files that do not exist. External URLs are not
//! checked (`ties` never uses the network). A link to the `owner` is never broken.
//!
//! With `links: lenient` (the default with `ids: title`, a vault), a wiki link to a note
//! not written yet is no problem, as in Obsidian, unless its name is a likely typo of one
//! that exists (`[[evergren]]` beside `Evergreen.md`).
//!
//! ## Why it matters
//! Links are how notes connect people, companies and chats; a broken one is a dead end when
//! you come back to prepare a follow-up months later.
//!
//! ## Example
//! ```markdown
//! Introduced me to [[jane-do]]. See [her notes](../contacts/jane.md).
//! ```
//!
//! ## How to fix
//! Correct the id or path (the message suggests the closest id), or create the note.

use std::path::Path;

use crate::body::{KEPT_PER_TARGET, LinkTarget, percent_decode};
use crate::document::Document;
use crate::findings::{Code, Finding, NewRecord, Probe};
use crate::index::{Index, Resolved};
use crate::model::Kind;
use crate::model::settings::Links;
use crate::rules::{Found, Scope, shorten};
use crate::span::Span;
use crate::suggest;

pub(crate) fn check(scope: &Scope, doc: &Document, out: &mut Found) {
    let index = scope.index;
    // Each distinct target is resolved once; its kept positions are the only ones that can
    // be shown, and the rest are counted into "… and N more". Only the shown ones are worded
    // (a suggestion scans every id of the notebook).
    let targets = &doc.body.links.targets;
    let mut broken: Vec<(Span, usize)> = Vec::new();
    let mut total = 0;
    let conventions = &index.settings.conventions;
    let lenient = index.settings.links() == Links::Lenient;
    for (at, linked) in targets.iter().enumerate() {
        let is_broken = match &linked.target {
            LinkTarget::Wiki(id) => {
                match index.resolve(None, id.as_str()) {
                    Resolved::One(_) => false,
                    // You, in your own vault: there need be no note about you. (Asked only
                    // of a link that resolves to no one file: it slugs both names.)
                    _ if conventions.is_owner(id.as_str()) => false,
                    // A note not written yet, unless the name is a typo of one that is.
                    Resolved::None if lenient => {
                        // Whether it is a typo depends on every id there is.
                        out.suggested.push(id.to_string());
                        let suggestion = scope.suggestion(id.as_str(), None);
                        suggestion.is_some_and(|s| suggest::is_typo(id.as_str(), &s))
                    }
                    Resolved::Several(_) | Resolved::None => true,
                }
            }
            LinkTarget::File(link) => {
                let resolved = crate::body::resolve(&doc.path, link);
                !file_exists(index, doc, link, resolved.as_deref(), out)
            }
        };
        if is_broken {
            broken.extend(linked.spans().map(|span| (span, at)));
            total += linked.count;
        }
    }
    broken.sort_by_key(|(span, _)| span.start);
    broken.truncate(KEPT_PER_TARGET);
    let shown = broken.len();
    for (span, at) in broken {
        let mut suggestion = None;
        let mut record = None;
        let (message, help) = match &targets[at].target {
            LinkTarget::Wiki(id) => match index.resolve(None, id.as_str()) {
                Resolved::Several(found) => (
                    format!(
                        "ambiguous link: `{}` names several files: {}",
                        shorten(id.as_str()),
                        super::t201::candidates(index, &found)
                    ),
                    // Its id names one file when the ids differ; a path from the
                    // notebook's root always does (one title in two folders).
                    found.first().map_or_else(String::new, |&first| {
                        let doc = &index.docs[first];
                        let alike = found
                            .iter()
                            .filter(|&&i| index.docs[i].id == doc.id)
                            .count();
                        let (what, name) = if alike == 1 {
                            ("its id", doc.id.as_str())
                        } else {
                            (
                                "its path",
                                doc.path.strip_suffix(".md").unwrap_or(&doc.path),
                            )
                        };
                        format!("say which with {what}: `[[{}]]`", shorten(name))
                    }),
                ),
                _ => {
                    out.suggested.push(id.to_string());
                    suggestion = scope.suggestion(id.as_str(), None);
                    record = new_file(index, doc, id.as_str());
                    let help = match &suggestion {
                        Some(s) => format!("correct it to `[[{s}]]`, or create the note"),
                        None => {
                            "correct the link, or create the record or note it names".to_owned()
                        }
                    };
                    (
                        format!(
                            "broken link: no record or note `{}`{}",
                            shorten(id.as_str()),
                            crate::suggest::said(suggestion.as_deref())
                        ),
                        help,
                    )
                }
            },
            LinkTarget::File(path) => (
                format!("broken link: `{}` does not exist", shorten(path)),
                "correct the path (relative to this file), or create the file".to_owned(),
            ),
        };
        let finding = Finding::worded(Code::T204, span, message)
            .help(help)
            .suggest(suggestion);
        out.findings.push(match record {
            Some(record) => finding.create(record),
            None => finding,
        });
    }
    out.more_links += total - shown;
}

/// The file a broken `[[target]]` in `doc` asks for, named as `ties new` names files: a
/// record where the link names its folder (`[[companies/zeta-labs]]`, `[[People/Jane
/// Doe]]`), else a note, beside `doc` if it is a note, else in the notes folder.
fn new_file(index: &Index, doc: &Document, target: &str) -> Option<NewRecord> {
    let conventions = &index.settings.conventions;
    let (folder, name) = match target.rsplit_once('/') {
        Some((folder, name)) => (folder.trim_matches('/').to_owned(), name),
        None if doc.kind == Kind::Note => (
            doc.path.rsplit_once('/').map_or("", |(f, _)| f).to_owned(),
            target,
        ),
        None => (conventions.folder(Kind::Note).to_owned(), target),
    };
    let file = if conventions.title_ids() {
        crate::slug::title_from_name(name)
    } else {
        crate::slug::from_name(name)
    };
    if file.is_empty() || folder.split('/').any(|part| part == ".." || part == ".") {
        return None;
    }
    let path = if folder.is_empty() {
        format!("{file}.md")
    } else {
        format!("{folder}/{file}.md")
    };
    Some(NewRecord {
        path,
        name: crate::slug::to_name(name.trim()),
        id: file,
    })
}

/// Whether the Markdown link `link` of `doc`, leading to the notebook path `resolved` (`None`
/// if it climbs out of the notebook), leads to a file.
fn file_exists(
    index: &Index,
    doc: &Document,
    link: &str,
    resolved: Option<&str>,
    out: &mut Found,
) -> bool {
    if let Some(path) = resolved
        && index.has_path(path)
    {
        return true;
    }
    // A file the notebook does not read (ignored, hidden, or outside it): only the disk
    // can tell, and it may change without a change of any document.
    let path = match resolved {
        Some(path) => index.root.join(Path::new(path)),
        None => {
            let link: std::borrow::Cow<str> = if link.contains('%') {
                percent_decode(link).into()
            } else {
                link.into()
            };
            let Some(dir) = index.root.join(&doc.path).parent().map(Path::to_owned) else {
                return false;
            };
            dir.join(link.as_ref())
        }
    };
    let found = path.is_file();
    // Kept from the root, so that the probe holds wherever the notebook is.
    let from_root = path
        .strip_prefix(&index.root)
        .ok()
        .and_then(Path::to_str)
        .map(str::to_owned);
    out.on_disk.push(Probe {
        path: from_root,
        found,
    });
    found
}

#[cfg(test)]
mod tests {
    #[test]
    fn percent_decoding() {
        for (input, expected) in [
            ("my%20note.md", "my note.md"),
            ("100%.md", "100%.md"),
            ("a%2", "a%2"),
        ] {
            assert_eq!(crate::body::percent_decode(input), expected, "{input:?}");
        }
    }
}
