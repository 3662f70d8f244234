//! ## What it checks
//! Record file names that are not slugs: lowercase ASCII letters and digits in words joined by
//! single hyphens (`jane-doe.md`, `2026-11-12-jane-doe.md`). Not in a notebook whose
//! `ties.yaml` says `ids: title`, where file titles are the ids (`Jane Doe.md`), as in
//! Obsidian.
//!
//! ## Why it matters
//! The file name is the record's id, and ids are typed in references (`company: acme`) and
//! links (`[[jane-doe]]`). Spaces, capitals and accents make ids easy to mistype and awkward
//! in a shell.
//!
//! ## Example
//! `contacts/Jane Doe.md`
//!
//! ## How to fix
//! Rename the file to its slug (`contacts/jane-doe.md`) and update references to it, or, to
//! keep titles as ids (an Obsidian vault), write `ids: title` in `ties.yaml`.

use crate::rules::Words;

pub(crate) fn not_slug(id: &str) -> Words {
    Words::new(format!("file name `{id}` is not a slug id")).help(format!(
        "rename the file to `{}.md`",
        crate::slug::from_name(id)
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn suggests_the_slug_that_ties_new_would_make() {
        let finding = super::not_slug("José Álvarez");
        assert_eq!(
            finding.help.as_deref(),
            Some("rename the file to `jose-alvarez.md`")
        );
    }
}
