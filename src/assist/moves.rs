//! What keeps every reference right when files move under the editor's hands (renamed or
//! moved in its file tree, `workspace/willRenameFiles`): a record whose file name changes
//! changes its id, so every mention that spells the old id ([`super::references`]) is
//! rewritten to the new one (a mention by name or alias still finds it and stays); and
//! every relative Markdown link that leads to a moved file, or out of one, is rewritten to
//! lead where it did. A folder moved moves every document under it. The edits are of the
//! files as they are before the move, which is when an editor asks.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::body::LinkTarget;
use crate::document::id_of;
use crate::index::Index;
use crate::span::Span;

use super::{at, references};

/// A file or folder moved, from the notebook root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Move {
    pub from: String,
    pub to: String,
}

/// Per file (by path, in order), the spans to replace and their new text, that keep the
/// notebook's references right after `moves`.
pub(crate) fn follow(index: &Index, moves: &[Move]) -> Vec<(String, Vec<(Span, String)>)> {
    let by_path = documents(index, moves);
    let mut edits: BTreeMap<String, Vec<(Span, String)>> = BTreeMap::new();
    for (from, to) in &by_path {
        let Some(doc) = index.doc(from) else {
            continue;
        };
        let new_id = id_of(to);
        if new_id == doc.id || index.get(doc.id.as_str()).map(|d| &d.path) != Some(&doc.path) {
            continue;
        }
        for mention in references::to(index, doc.id.as_str()) {
            if mention.spells_id && mention.form != references::Form::File {
                edits
                    .entry(mention.path)
                    .or_default()
                    .push((mention.span, new_id.to_string()));
            }
        }
    }
    for doc in &index.docs {
        let here = by_path.get(&doc.path).unwrap_or(&doc.path);
        let text = doc.text().unwrap_or("");
        for linked in &doc.body.links.targets {
            let LinkTarget::File(link) = &linked.target else {
                continue;
            };
            let target = at::resolve(&doc.path, link);
            let there = match by_path.get(&target) {
                Some(there) => there,
                // A link out of a moved file, to a file that stays.
                None if here != &doc.path && index.has_path(&target) => &target,
                None => continue,
            };
            let new_link = relative_link(here, there, link.contains('%'));
            if new_link == *link {
                continue;
            }
            for span in linked.spans() {
                let Some(slice) = text.get(span.range()) else {
                    continue;
                };
                if let Some(at) = slice.rfind(link.as_str()) {
                    let start = span.start + at;
                    edits
                        .entry(doc.path.clone())
                        .or_default()
                        .push((Span::new(start, start + link.len()), new_link.clone()));
                }
            }
        }
    }
    edits
        .into_iter()
        .map(|(path, mut spans)| {
            spans.sort_by_key(|(span, _)| span.start);
            spans.dedup_by_key(|(span, _)| span.start);
            (path, spans)
        })
        .collect()
}

/// Each document moved, by its path now: a file moved, or every document under a folder.
fn documents(index: &Index, moves: &[Move]) -> BTreeMap<String, String> {
    let mut each = BTreeMap::new();
    for m in moves {
        if index.has_path(&m.from) {
            each.insert(m.from.clone(), m.to.clone());
            continue;
        }
        let folder = format!("{}/", m.from);
        for doc in index.docs.iter().filter(|d| d.path.starts_with(&folder)) {
            let rest = &doc.path[folder.len()..];
            each.insert(doc.path.clone(), format!("{}/{rest}", m.to));
        }
    }
    each
}

/// The link from the file at `from` to the file at `to` (both from the root), percent-
/// encoded if `encoded` (as the link it replaces was).
fn relative_link(from: &str, to: &str, encoded: bool) -> String {
    let mut dir: Vec<&str> = from.split('/').collect();
    dir.pop();
    let target: Vec<&str> = to.split('/').collect();
    let (folders, name) = target.split_at(target.len() - 1);
    let common = dir.iter().zip(folders).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; dir.len() - common];
    parts.extend(&folders[common..]);
    parts.extend(name);
    let link = parts.join("/");
    if !encoded {
        return link;
    }
    let mut out = String::with_capacity(link.len());
    for b in link.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assist::fixture::{index, index_with};

    /// The edits of `moves`, each as `(file, old text, new text)`.
    fn applied(index: &Index, moves: &[(&str, &str)]) -> Vec<(String, String, String)> {
        let moves: Vec<Move> = moves
            .iter()
            .map(|(from, to)| Move {
                from: (*from).into(),
                to: (*to).into(),
            })
            .collect();
        follow(index, &moves)
            .into_iter()
            .flat_map(|(path, spans)| {
                let text = index.doc(&path).unwrap().text().unwrap().to_owned();
                spans
                    .into_iter()
                    .map(move |(span, new)| (path.clone(), text[span.range()].to_owned(), new))
            })
            .collect()
    }

    fn edit(path: &str, old: &str, new: &str) -> (String, String, String) {
        (path.into(), old.into(), new.into())
    }

    #[test]
    fn a_record_renamed_in_its_folder_takes_its_mentions_along() {
        let index = index();
        assert_eq!(
            applied(&index, &[("contacts/ada.md", "contacts/ada-king.md")]),
            [
                edit("chats/2026/2026-11-12-ada.md", "ada", "ada-king"),
                edit("contacts/bob.md", "ada", "ada-king"),
                edit("contacts/bob.md", "ada", "ada-king"),
                edit("contacts/bob.md", "ada.md", "ada-king.md"),
                edit("events/rust-meetup.md", "ada", "ada-king"),
                edit("notes/plan.md", "ada", "ada-king"),
            ]
        );
    }

    #[test]
    fn links_into_and_out_of_moved_folders_still_lead_there() {
        let index = index_with(
            "",
            &[
                (
                    "contacts/ada.md",
                    "---\nname: Ada\n---\nSee [plan](../notes/plan.md).\n",
                ),
                ("notes/plan.md", "Ask [Ada](../contacts/ada.md).\n"),
                (
                    "notes/deep/x.md",
                    "[p](../plan.md) [a](../../contacts/ada.md)\n",
                ),
            ],
        );
        assert_eq!(
            applied(&index, &[("contacts/ada.md", "contacts/2026/ada.md")]),
            [
                edit("contacts/ada.md", "../notes/plan.md", "../../notes/plan.md"),
                edit(
                    "notes/deep/x.md",
                    "../../contacts/ada.md",
                    "../../contacts/2026/ada.md"
                ),
                edit(
                    "notes/plan.md",
                    "../contacts/ada.md",
                    "../contacts/2026/ada.md"
                ),
            ],
            "the id stays: no mention changes"
        );
        assert_eq!(
            applied(&index, &[("notes", "archive/notes")]),
            [
                edit(
                    "contacts/ada.md",
                    "../notes/plan.md",
                    "../archive/notes/plan.md"
                ),
                edit(
                    "notes/deep/x.md",
                    "../../contacts/ada.md",
                    "../../../contacts/ada.md"
                ),
                edit(
                    "notes/plan.md",
                    "../contacts/ada.md",
                    "../../contacts/ada.md"
                ),
            ],
            "a link between two moved files stays"
        );
        assert_eq!(relative_link("a/b.md", "a/c d.md", true), "c%20d.md");
    }

    #[test]
    fn mentions_by_alias_stay_and_any_case_of_a_title_is_the_id() {
        let index = index_with(
            "folders: { contacts: People }\nids: title\n",
            &[
                ("People/Priya Shah.md", "---\naliases: [Priya]\n---\n"),
                (
                    "Home.md",
                    "[[priya shah]], [[Priya]] and [[Priya Shah|her]].\n",
                ),
            ],
        );
        assert_eq!(
            applied(&index, &[("People/Priya Shah.md", "People/Priya Rao.md")]),
            [
                edit("Home.md", "priya shah", "Priya Rao"),
                edit("Home.md", "Priya Shah", "Priya Rao"),
            ]
        );
    }
}
