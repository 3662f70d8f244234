//! How a notebook names things, from `ties.yaml`: the folder of each record kind
//! (`folders`), whether file titles are ids (`ids: title`, as in Obsidian), the user's own
//! key names (`keys`), the files not read at all (`ignore`) and the owner, whose name in a
//! chat's `with` is no contact. A small plain value decoded once and handed to every
//! per-file parse, so a vault is read where and as it is: everything a file's parse
//! depends on besides its bytes is here.

use std::borrow::Cow;

use crate::model::Kind;
use crate::yaml::{Node, Value};

/// `ids:` in `ties.yaml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub(crate) enum Ids {
    /// File names are slugs (`jane-doe.md`); a name that is not one is a warning (T107).
    #[default]
    Slug,
    /// File titles are ids (`Jane Doe.md`), as in Obsidian.
    Title,
}

/// `Hash`: the persistent cache keeps parses made under equal conventions only
/// ([`crate::cache`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Conventions {
    /// The folder of contacts, companies, chats and events (in [`Kind::RECORDS`] order);
    /// `None` is the default folder (`contacts`…).
    pub folders: [Option<String>; 4],
    pub ids: Ids,
    /// The user's key names, normalised ([`normalise`]), and the `ties` key each stands for.
    pub keys: Vec<(String, String)>,
    /// The vault's own keys (`keys: { role: own }`), normalised: kept as written, shown by
    /// `show`, never read as the `ties` key of the same name nor reported as unknown.
    pub own: Vec<String>,
    /// `owner:`, accepted and ignored in a chat's `with`.
    pub owner: Option<String>,
    /// `ignore:`: files and folders not read at all, as `.gitignore` patterns.
    pub ignore: Ignore,
    /// `kinds:`: the properties that make a file a record of a kind wherever it is.
    pub kinds: Vec<Marker>,
}

/// `kinds: { contacts: { categories: "[[People]]" } }`: a file whose `key` holds one of
/// `values` (or a list holding one) is a record of `kind`, as vaults that keep every note in
/// one folder mark what a note is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Marker {
    pub kind: Kind,
    /// Normalised, as keys are compared ([`normalise`]).
    pub key: String,
    /// As [`marker_value`] compares them.
    pub values: Vec<String>,
}

/// A value as a kind marker compares it: `[[People]]`, `people` and `People` are one.
pub(crate) fn marker_value(value: &str) -> String {
    crate::model::Id::from_reference(value)
        .as_str()
        .trim_start_matches('#')
        .to_lowercase()
}

/// `ignore:` patterns (gitignore syntax, from the notebook root) and their matcher.
#[derive(Clone, Debug, Default)]
pub(crate) struct Ignore {
    patterns: Vec<String>,
    matcher: Option<ignore::gitignore::Gitignore>,
}

impl PartialEq for Ignore {
    fn eq(&self, other: &Self) -> bool {
        self.patterns == other.patterns
    }
}

impl Eq for Ignore {}

/// As equality: by the patterns (the cache keys parses by the conventions' hash).
impl std::hash::Hash for Ignore {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.patterns.hash(state);
    }
}

impl Ignore {
    const NONE: Self = Self {
        patterns: Vec::new(),
        matcher: None,
    };

    /// The matcher of `patterns`, or the pattern it cannot read with why.
    pub(crate) fn new(patterns: Vec<String>) -> Result<Self, (usize, String)> {
        let mut builder = ignore::gitignore::GitignoreBuilder::new("");
        for (i, pattern) in patterns.iter().enumerate() {
            builder
                .add_line(None, pattern)
                .map_err(|e| (i, e.to_string()))?;
        }
        let matcher = builder.build().map_err(|e| (0, e.to_string()))?;
        Ok(Self {
            patterns,
            matcher: Some(matcher),
        })
    }

    /// Whether the file or folder at `path` (relative, `/`-separated) is left out.
    pub(crate) fn matches(&self, path: &str, is_dir: bool) -> bool {
        self.matcher
            .as_ref()
            .is_some_and(|m| m.matched_path_or_any_parents(path, is_dir).is_ignore())
    }
}

/// The conventions of a notebook whose `ties.yaml` says nothing about them.
pub(crate) static PLAIN: Conventions = Conventions {
    folders: [None, None, None, None],
    ids: Ids::Slug,
    keys: Vec::new(),
    own: Vec::new(),
    owner: None,
    ignore: Ignore::NONE,
    kinds: Vec::new(),
};

impl Default for Conventions {
    fn default() -> Self {
        PLAIN.clone()
    }
}

impl Conventions {
    /// The folder where records of `kind` live, relative to the root (`People`,
    /// `CRM/People`, `contacts`); a note has none of its own, so `notes`.
    pub(crate) fn folder(&self, kind: Kind) -> &str {
        Kind::RECORDS
            .iter()
            .position(|k| *k == kind)
            .and_then(|i| self.folders[i].as_deref())
            .unwrap_or(kind.folder())
    }

    /// The kind of the file at `path` (relative, `/`-separated): a record if it lies under
    /// a record folder (at any depth below it), else a note. Where one record folder lies
    /// inside another (`CRM` and `CRM/Companies`), the deeper one decides. A template or a
    /// `README.md` is never a record ([`is_template`], [`is_readme`]).
    pub(crate) fn kind_of(&self, path: &str) -> Kind {
        if is_template(path) || is_readme(path) {
            return Kind::Note;
        }
        Kind::RECORDS
            .into_iter()
            .filter(|&kind| {
                path.strip_prefix(self.folder(kind))
                    .is_some_and(|rest| rest.starts_with('/'))
            })
            .max_by_key(|&kind| self.folder(kind).len())
            .unwrap_or(Kind::Note)
    }

    /// The kind a file's properties mark it as (`kinds:`), if one does: a template never
    /// is one, whatever it says.
    pub(crate) fn kind_by_properties(&self, path: &str, entries: &[(Node, Node)]) -> Option<Kind> {
        if self.kinds.is_empty() || is_template(path) || is_readme(path) {
            return None;
        }
        let holds = |node: &Node, values: &[String]| {
            let one = |n: &Node| {
                (n.value.scalar_text()).is_some_and(|t| values.contains(&marker_value(&t)))
            };
            match &node.value {
                Value::Seq(items) => items.iter().any(one),
                _ => one(node),
            }
        };
        self.kinds.iter().find_map(|marker| {
            entries
                .iter()
                .any(|(key, value)| {
                    key.value
                        .scalar_text()
                        .is_some_and(|k| normalise(&k) == marker.key)
                        && holds(value, &marker.values)
                })
                .then_some(marker.kind)
        })
    }

    /// Whether `key` (normalised) marks the kind of a file: read for that, so no record
    /// reports it unknown.
    pub(crate) fn is_marker(&self, key: &str) -> bool {
        self.kinds.iter().any(|m| m.key == key)
    }

    pub(crate) fn title_ids(&self) -> bool {
        self.ids == Ids::Title
    }

    /// Whether `ties.yaml` says how a vault is organised (folders, title ids or keys of its
    /// own): then a diagnostic may point at those settings, where a notebook made by
    /// `ties init` is told what it has always been told.
    pub(crate) fn is_vault(&self) -> bool {
        self.folders.iter().any(Option::is_some)
            || self.title_ids()
            || !self.keys.is_empty()
            || !self.own.is_empty()
    }

    /// The `ties` key that `written` stands for: normalised, then renamed by `keys:`.
    pub(crate) fn key<'k>(&self, written: &'k str) -> Cow<'k, str> {
        let key = normalise(written);
        match self.keys.iter().find(|(theirs, _)| *theirs == key) {
            Some((_, ours)) => Cow::Owned(ours.clone()),
            None => key,
        }
    }

    /// Whether `written` is a key the vault keeps as its own (`keys: { status: own }`).
    pub(crate) fn is_own(&self, written: &str) -> bool {
        !self.own.is_empty() && self.own.iter().any(|own| *own == normalise(written))
    }

    /// Whether a contact's `role` is inferred from its title: where the vault's own `role`
    /// key means something else (`keys: { role: title }` or `{ role: own }`), so `ties`'
    /// role has no key of its own in the files.
    pub(crate) fn infers_role(&self) -> bool {
        self.own.iter().any(|k| k == "role")
            || self
                .keys
                .iter()
                .any(|(theirs, ours)| theirs == "role" && ours != "role")
    }

    /// Whether a reference in a chat's `with` names the owner: their name, written any
    /// way that slugs alike (`Jane Doe`, `jane-doe`, `[[jane doe]]`).
    pub(crate) fn is_owner(&self, reference: &str) -> bool {
        self.owner.as_deref().is_some_and(|owner| {
            let owner = owner_slug(owner);
            !owner.is_empty() && crate::slug::from_name(reference) == *owner
        })
    }
}

/// The slug of the owner's name, made once per thread and name: every `with` of every
/// chat is asked about (measured: two slugs per reference were 5% of a check's CPU).
fn owner_slug(owner: &str) -> std::rc::Rc<str> {
    thread_local! {
        static LAST: std::cell::RefCell<Option<(String, std::rc::Rc<str>)>> =
            const { std::cell::RefCell::new(None) };
    }
    LAST.with_borrow_mut(|last| match last {
        Some((name, slug)) if name == owner => slug.clone(),
        _ => {
            let slug: std::rc::Rc<str> = crate::slug::from_name(owner).into();
            *last = Some((owner.to_owned(), slug.clone()));
            slug
        }
    })
}

/// Whether the file at `path` is a template, in every notebook: its name starts with
/// `_template` or `template` (`_template.md`, `Template Person.md`), or it lies in a
/// `Templates` folder, as Obsidian's and Templater's settings usually name it (any case).
/// A template holds placeholders (`{{title}}`, `<% tp.date.now() %>`), not a record:
/// it is a free note, and its front matter is not read.
pub(crate) fn is_template(path: &str) -> bool {
    let mut parts = path.rsplit('/');
    let name = parts.next().unwrap_or(path);
    // ASCII case alone: no other letter lowercases to one of `template`'s.
    let starts = |prefix: &str| {
        name.get(..prefix.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
    };
    starts("_template")
        || starts("template")
        || parts.any(|folder| folder.eq_ignore_ascii_case("templates"))
}

/// Whether the file at `path` is a `README.md` (any case), which describes a folder and is
/// no record of it.
pub(crate) fn is_readme(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|name| name.eq_ignore_ascii_case("readme.md"))
}

/// A key as `ties` compares it: lower case, spaces and hyphens as `_`, so `Last Contact`,
/// `last-contact` and `last_contact` are one key. Borrowed when already normal (nearly
/// every key of a `ties` notebook), so the common case allocates nothing.
pub(crate) fn normalise(key: &str) -> Cow<'_, str> {
    let key = key.trim();
    if key
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Cow::Borrowed(key);
    }
    Cow::Owned(
        key.chars()
            .flat_map(char::to_lowercase)
            .map(|c| if c == ' ' || c == '-' { '_' } else { c })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_key_are_one_key() {
        for written in [
            "Last Contact",
            "last-contact",
            "last_contact",
            " LAST CONTACT ",
        ] {
            assert_eq!(normalise(written), "last_contact", "{written:?}");
        }
        let renamed = Conventions {
            keys: vec![("position".into(), "title".into())],
            ..Conventions::default()
        };
        assert_eq!(renamed.key("Position"), "title");
        assert_eq!(renamed.key("Phone Number"), "phone_number");
    }

    #[test]
    fn folders_give_kinds_at_any_depth() {
        let vault = Conventions {
            folders: [Some("People".into()), Some("CRM/Firms".into()), None, None],
            ..Conventions::default()
        };
        assert_eq!(vault.kind_of("People/Jane Doe.md"), Kind::Contact);
        assert_eq!(vault.kind_of("People/2024/Jane Doe.md"), Kind::Contact);
        assert_eq!(vault.kind_of("CRM/Firms/Acme.md"), Kind::Company);
        assert_eq!(vault.kind_of("contacts/jane.md"), Kind::Note);
        assert_eq!(vault.kind_of("Peoples/jane.md"), Kind::Note);
        assert_eq!(vault.kind_of("chats/x.md"), Kind::Chat);
        assert_eq!(PLAIN.kind_of("contacts/a/b.md"), Kind::Contact);
        assert_eq!(PLAIN.kind_of("README.md"), Kind::Note);
        let nested = Conventions {
            folders: [Some("CRM".into()), Some("CRM/Companies".into()), None, None],
            ..Conventions::default()
        };
        assert_eq!(nested.kind_of("CRM/Companies/Acme.md"), Kind::Company);
        assert_eq!(nested.kind_of("CRM/Jane.md"), Kind::Contact);
    }

    #[test]
    fn templates_and_readmes_are_never_records() {
        for path in [
            "contacts/_template.md",
            "contacts/_TEMPLATE.md",
            "contacts/Template Person.md",
            "contacts/templates/jane.md",
            "Templates/Person.md",
            "contacts/README.md",
            "contacts/2024/readme.MD",
        ] {
            assert_eq!(PLAIN.kind_of(path), Kind::Note, "{path}");
        }
        for path in [
            "contacts/temple.md",
            "contacts/templa€.md",
            "contacts/my template.md",
            "contacts/readme-ada.md",
        ] {
            assert_eq!(PLAIN.kind_of(path), Kind::Contact, "{path}");
        }
    }

    #[test]
    fn ignore_patterns_match_as_gitignore_does() {
        let ignore = Ignore::new(vec![
            "Archive/".into(),
            "*.excalidraw.md".into(),
            "/Untitled*.md".into(),
        ])
        .unwrap();
        assert!(ignore.matches("Archive", true));
        assert!(ignore.matches("People/Archive/x.md", false));
        assert!(ignore.matches("People/Board.excalidraw.md", false));
        assert!(ignore.matches("Untitled 2.md", false));
        assert!(!ignore.matches("People/Untitled.md", false));
        assert!(!ignore.matches("Archive.md", false));
        assert!(!Ignore::NONE.matches("x.md", false));
        assert!(Ignore::new(vec!["People/{a,b".into()]).is_err());
    }

    #[test]
    fn the_owner_is_recognised_however_written() {
        let c = Conventions {
            owner: Some("Jane Doe".into()),
            ..Conventions::default()
        };
        assert!(c.is_owner("jane doe") && c.is_owner("jane-doe") && c.is_owner("Jane Doe"));
        assert!(!c.is_owner("Jane") && !PLAIN.is_owner("jane-doe"));
    }
}
