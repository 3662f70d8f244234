//! Renaming a record: its file moves to the new id in the same folder, and every mention
//! ([`super::references`]) is rewritten in place, so quoting, `[[…|label]]` and relative
//! paths stay as written. A plan only: the editor applies it, `ties` writes nothing.

use crate::index::Index;
use crate::model::id::is_slug;
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
    #[error("`{id}` is taken by {path}")]
    Taken { id: String, path: String },
}

/// The rename of the record `id` to `new_id`.
pub(crate) fn plan(index: &Index, id: &str, new_id: &str) -> Result<Plan, RenameError> {
    let doc = index
        .get(id)
        .ok_or_else(|| RenameError::Unknown { id: id.to_owned() })?;
    // A notebook whose ids are file titles (`Jane Doe.md`) takes any name a file can have.
    let valid = if index.settings.conventions.title_ids() {
        !new_id.trim().is_empty() && !new_id.contains(['/', '\\']) && !new_id.starts_with('.')
    } else {
        is_slug(new_id)
    };
    if !valid {
        return Err(RenameError::NotSlug {
            id: new_id.to_owned(),
        });
    }
    if let Some(other) = index.get(new_id).filter(|_| new_id != id) {
        return Err(RenameError::Taken {
            id: new_id.to_owned(),
            path: other.path.clone(),
        });
    }
    let folder = doc.path.rsplit_once('/').map_or("", |(folder, _)| folder);
    let to = if folder.is_empty() {
        format!("{new_id}.md")
    } else {
        format!("{folder}/{new_id}.md")
    };
    let mut edits: Vec<(String, Vec<Span>)> = Vec::new();
    for mention in references::to(index, id) {
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
    use crate::assist::fixture::index;

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
}
