//! Where an imported record goes and what its id is, as the notebook says (`folders`,
//! `ids` in `ties.yaml`): `contacts/jane-doe.md` in a plain notebook, `People/Jane Doe.md`
//! in an Obsidian vault read with `folders: {contacts: People}` and `ids: title`, the same
//! as `ties new` writes there.

use crate::model::Kind;
use crate::model::conventions::Conventions;
use crate::model::id::is_slug;
use crate::slug;

/// The id a new record named `name` gets: its slug, or in a title notebook its title.
pub(super) fn id_from_name(conventions: &Conventions, name: &str) -> String {
    if conventions.title_ids() {
        slug::title_from_name(name)
    } else {
        slug::from_name(name)
    }
}

/// `base`, or the first of `base-2`, `base-3`… (`base 2`… in a title notebook) that
/// `taken` does not hold.
pub(super) fn first_free(
    conventions: &Conventions,
    base: &str,
    taken: impl Fn(&str) -> bool,
) -> String {
    // A Windows device name (`con`, `Aux`) is never a file name: it takes a number too.
    let taken = |id: &str| taken(id) || slug::is_reserved(&format!("{id}.md")).is_some();
    if conventions.title_ids() {
        slug::first_free_title(base, taken)
    } else {
        slug::first_free(base, taken)
    }
}

/// Whether an id column's cell may name a file: a slug, or in a title notebook a title.
pub(super) fn is_id(conventions: &Conventions, text: &str) -> bool {
    if conventions.title_ids() {
        !text.is_empty() && slug::title_from_name(text) == text
    } else {
        is_slug(text)
    }
}

/// What an id of this notebook is, for messages.
pub(super) fn what_ids_are(conventions: &Conventions) -> &'static str {
    if conventions.title_ids() {
        "a file title (no / \\ : * ? \" < > | # ^ [ ])"
    } else {
        "a slug (lowercase letters and digits joined by hyphens)"
    }
}

/// The notebook-relative path of the record `id` of `kind`.
pub(super) fn path(conventions: &Conventions, kind: Kind, id: &str) -> String {
    format!("{}/{id}.md", conventions.folder(kind))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::conventions::Ids;

    #[test]
    fn plain_and_title_notebooks() {
        let plain = Conventions::default();
        let vault = Conventions {
            ids: Ids::Title,
            folders: [Some("People".to_owned()), None, None, None],
            ..Conventions::default()
        };
        assert_eq!(id_from_name(&plain, "José Álvarez"), "jose-alvarez");
        assert_eq!(id_from_name(&vault, "José Álvarez"), "José Álvarez");
        assert_eq!(path(&plain, Kind::Contact, "ann"), "contacts/ann.md");
        assert_eq!(path(&vault, Kind::Contact, "Ann Lee"), "People/Ann Lee.md");
        assert_eq!(path(&vault, Kind::Company, "Acme"), "companies/Acme.md");
        assert_eq!(
            first_free(&vault, "Ann Lee", |t| t == "Ann Lee"),
            "Ann Lee 2"
        );
        assert_eq!(first_free(&plain, "ann", |t| t == "ann"), "ann-2");
        assert_eq!(first_free(&plain, "con", |_| false), "con-2");
        assert_eq!(first_free(&vault, "Aux", |_| false), "Aux 2");
        assert_eq!(id_from_name(&vault, "Jose\u{301}"), "José");
        assert!(is_id(&vault, "Ann Lee") && !is_id(&plain, "Ann Lee"));
        assert!(!is_id(&vault, "a/b"));
    }
}
