//! Renaming a record: its file moves to the new id in the same folder, and every mention
//! that spells its id ([`super::references`], case aside) is rewritten in place, so quoting,
//! `[[…|label]]` and relative paths stay as written; a mention by name or alias still names
//! the record and stays as it is. A plan only: the editor applies it (or, for an editor
//! that cannot move files, the language server moves the file through the write path);
//! where the file may go is [`super::files::vet`]'s to say.

use crate::index::{Index, Resolved};
use crate::model::id::is_slug;
use crate::slug;
use crate::span::Span;

use super::references;

/// The edits of one rename.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Plan {
    /// The record's file now and after the rename, from the root.
    pub from: String,
    pub to: String,
    /// Per file (by path, in order), the spans to replace with the new id.
    pub edits: Vec<(String, Vec<Span>)>,
    pub new_id: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub(crate) enum RenameError {
    #[error("no record has the id `{id}`")]
    Unknown { id: String },
    #[error("`{id}` is not an id: use lowercase letters, digits and dashes")]
    NotSlug { id: String },
    #[error(
        "`{id}` is not a file title: leave out / \\ : * ? \" < > | # ^ [ ], leading dots and double spaces"
    )]
    NotTitle { id: String },
    /// The new id is another record's id, or its title, `name` or alias: references to that
    /// record would resolve to this one (an exact id wins) or become ambiguous.
    #[error("`{id}` is taken by {path}")]
    Taken { id: String, path: String },
    #[error(
        "`{id}` holds the invisible character U+{code:04X} (a bidi override or a zero-width space), which would hide what the id says"
    )]
    Invisible { id: String, code: u32 },
}

/// The rename of the record `id` to `new_id`.
pub(crate) fn plan(index: &Index, id: &str, new_id: &str) -> Result<Plan, RenameError> {
    let doc = index
        .get(id)
        .ok_or_else(|| RenameError::Unknown { id: id.to_owned() })?;
    if let Some(c) = new_id.chars().find(|&c| super::files::is_format(c)) {
        return Err(RenameError::Invisible {
            id: new_id.to_owned(),
            code: u32::from(c),
        });
    }
    // A notebook whose ids are file titles (`Jane Doe.md`) takes a name as `ties new` would
    // write it: nothing a file name or a `[[link]]` cannot hold.
    if index.settings.conventions.title_ids() {
        if new_id.is_empty() || slug::title_from_name(new_id) != new_id {
            return Err(RenameError::NotTitle {
                id: new_id.to_owned(),
            });
        }
    } else if !is_slug(new_id) {
        return Err(RenameError::NotSlug {
            id: new_id.to_owned(),
        });
    }
    let others = match index.resolve(None, new_id) {
        Resolved::None => Vec::new(),
        Resolved::One(i) => vec![i],
        Resolved::Several(found) => found,
    };
    if let Some(other) = others
        .into_iter()
        .map(|i| &index.docs[i])
        .find(|other| other.path != doc.path)
    {
        return Err(RenameError::Taken {
            id: new_id.to_owned(),
            path: other.path.clone(),
        });
    }
    let folder = doc.path.rsplit_once('/').map_or("", |(folder, _)| folder);
    // A name no note answers to yet (an implicit record) has no file to move: its mentions
    // are all there is to rename.
    let to = if doc.is_implicit() {
        doc.path.clone()
    } else if folder.is_empty() {
        format!("{new_id}.md")
    } else {
        format!("{folder}/{new_id}.md")
    };
    let mut edits: Vec<(String, Vec<Span>)> = Vec::new();
    for mention in references::to(index, id)
        .into_iter()
        .filter(|m| m.spells_id)
    {
        match edits.last_mut() {
            Some((path, spans)) if *path == mention.path => spans.push(mention.span),
            _ => edits.push((mention.path, vec![mention.span])),
        }
    }
    Ok(Plan {
        from: doc.path.clone(),
        to,
        edits,
        new_id: new_id.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assist::fixture::{index, index_with};

    #[test]
    fn moves_the_file_and_rewrites_every_mention() {
        let index = index();
        let plan = plan(&index, "ada", "ada-king").unwrap();
        assert_eq!(plan.from, "contacts/ada.md");
        assert_eq!(plan.to, "contacts/ada-king.md");
        let files: Vec<(&str, usize)> = plan
            .edits
            .iter()
            .map(|(p, s)| (p.as_str(), s.len()))
            .collect();
        assert_eq!(
            files,
            [
                ("chats/2026/2026-11-12-ada.md", 1),
                ("contacts/bob.md", 3),
                ("events/rust-meetup.md", 1),
                ("notes/plan.md", 1)
            ]
        );
    }

    #[test]
    fn refuses_bad_and_taken_ids() {
        let index = index();
        assert_eq!(
            plan(&index, "ada", "Ada King"),
            Err(RenameError::NotSlug {
                id: "Ada King".into()
            })
        );
        assert_eq!(
            plan(&index, "ada", "bob"),
            Err(RenameError::Taken {
                id: "bob".into(),
                path: "contacts/bob.md".into()
            })
        );
        assert_eq!(
            plan(&index, "zed", "zoe"),
            Err(RenameError::Unknown { id: "zed".into() })
        );
    }

    #[test]
    fn refuses_a_name_another_record_answers_to() {
        let index = index_with(
            "",
            &[
                ("contacts/ada.md", "---\nname: Ada\n---\n"),
                ("contacts/cy.md", "---\nname: Cy\naliases: [dee]\n---\n"),
            ],
        );
        assert_eq!(
            plan(&index, "ada", "dee"),
            Err(RenameError::Taken {
                id: "dee".into(),
                path: "contacts/cy.md".into()
            }),
            "`[[dee]]` would find ada instead of cy"
        );
        assert!(
            plan(&index, "cy", "dee").is_ok(),
            "its own alias is no clash"
        );
    }

    #[test]
    fn a_title_notebook_takes_titles_that_links_and_file_names_can_hold() {
        let index = index_with(
            "folders: { contacts: People }\nids: title\n",
            &[
                (
                    "People/Dana Whitfield.md",
                    "---\nname: Dana Whitfield\n---\n",
                ),
                (
                    "People/Priya Shah.md",
                    "---\naliases: [Priya, P. Shah]\n---\n",
                ),
            ],
        );
        let plan_to = |to: &str| plan(&index, "Dana Whitfield", to);
        assert_eq!(plan_to("Dana W").unwrap().to, "People/Dana W.md");
        for bad in ["a]]|b#c", "x|y", ".hidden", "two  spaces", "", "a/b"] {
            assert_eq!(
                plan_to(bad),
                Err(RenameError::NotTitle { id: bad.into() }),
                "{bad:?}"
            );
        }
        assert_eq!(
            plan_to("p. shah"),
            Err(RenameError::Taken {
                id: "p. shah".into(),
                path: "People/Priya Shah.md".into()
            })
        );
    }

    #[test]
    fn an_implicit_record_is_renamed_in_its_mentions_and_no_file_moves() {
        let index = index_with(
            "folders: { contacts: People, companies: Organizations }\nids: title\n",
            &[
                (
                    "People/Lena Park.md",
                    "---\ncompany: LEA Technologis\n---\n",
                ),
                (
                    "People/Omar Reyes.md",
                    "---\ncompany: LEA Technologis\n---\n",
                ),
            ],
        );
        let plan = plan(&index, "LEA Technologis", "LEA Technologies").unwrap();
        assert_eq!(plan.from, plan.to, "no file to move");
        assert_eq!(plan.edits.len(), 2, "{plan:?}");
    }
}
