//! What is under a byte offset of a file: a record named by a front-matter reference or a
//! `[[link]]`, a file named by a relative `.md` link, or a front-matter key. Read from the
//! parsed document, so it follows exactly what `check` reads.

use crate::body::LinkTarget;
use crate::document::Document;
use crate::index::{Index, Resolved};
use crate::model::conventions::Conventions;
use crate::model::{Id, Kind};
use crate::span::Span;
use crate::yaml::{Node, Value};

use super::keys;

/// What the cursor is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// A record by id (or title, name, alias): a reference value (`company: acme`, an item
    /// of `with:`, with the kind its key names) or a `[[acme]]` link (any kind); `span` is
    /// the whole value or link.
    Id {
        id: String,
        kind: Option<Kind>,
        span: Span,
    },
    /// A relative `.md` link, resolved against the file's folder: a path from the root.
    File { path: String, span: Span },
    /// A front-matter key.
    Key { key: String, span: Span },
}

/// Whether `offset` is in `span`, its end included: a cursor just after a word is on it.
pub(crate) fn touches(span: Span, offset: usize) -> bool {
    span.start <= offset && offset <= span.end
}

/// The `ties` key a front-matter key stands for, as the notebook's conventions read it
/// (`Company` and `company`, or a key renamed in `ties.yaml`'s `keys:`).
pub(crate) fn key_of(conventions: &Conventions, written: &str) -> String {
    conventions.key(written).into_owned()
}

/// The record a reference or link names, as the check resolves it: the exact id, else a
/// title, name or alias ([`Index::resolve`]); `None` if it names none or several.
pub(crate) fn record<'a>(index: &'a Index, kind: Option<Kind>, text: &str) -> Option<&'a Document> {
    match index.resolve(kind, text) {
        Resolved::One(i) => Some(&index.docs[i]),
        _ => None,
    }
}

/// What is at `offset` in `doc`, its keys read with `conventions`.
pub(crate) fn under(doc: &Document, offset: usize, conventions: &Conventions) -> Option<Target> {
    for (key, value) in doc.front_matter() {
        let Some(name) = key.value.scalar_text() else {
            continue;
        };
        let name = key_of(conventions, &name);
        if touches(key.span, offset) {
            return Some(Target::Key {
                key: name,
                span: key.span,
            });
        }
        let Some(kind) = keys::find(doc.kind, &name).and_then(|k| k.target()) else {
            continue;
        };
        for item in items(&value) {
            if touches(item.span, offset)
                && let Some(text) = item.value.scalar_text()
            {
                return Some(Target::Id {
                    id: Id::from_reference(&text).to_string(),
                    kind: Some(kind),
                    span: item.span,
                });
            }
        }
    }
    for linked in &doc.body.links.targets {
        for span in linked.spans() {
            if !touches(span, offset) {
                continue;
            }
            return Some(match &linked.target {
                LinkTarget::Wiki(id) => Target::Id {
                    id: id.to_string(),
                    kind: None,
                    span,
                },
                LinkTarget::File(path) => Target::File {
                    path: resolve(&doc.path, path),
                    span,
                },
            });
        }
    }
    None
}

/// The scalars of a reference value: the value itself, or the items of a list.
pub(crate) fn items<'a>(value: &'a Node<'a>) -> Vec<&'a Node<'a>> {
    match &value.value {
        Value::Seq(items) => items.iter().collect(),
        _ => vec![value],
    }
}

/// `link`, written in the file at `from`, as a path from the notebook root: `..` and `.`
/// folded, `%20` and other escapes decoded.
pub(crate) fn resolve(from: &str, link: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    let decoded = crate::body::percent_decode(link);
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assist::fixture::{doc, index, offset};

    #[test]
    fn references_links_and_keys() {
        let index = index();
        let bob = doc(&index, "contacts/bob.md");
        let plain = &crate::model::conventions::PLAIN;
        let at =
            |needle, delta| under(bob, offset(&index, "contacts/bob.md", needle, delta), plain);
        assert!(matches!(at("acme", 1), Some(Target::Id { id, .. }) if id == "acme"));
        assert!(matches!(at("introduced_by: ada", 16), Some(Target::Id { id, .. }) if id == "ada"));
        assert!(matches!(at("[[ada|", 3), Some(Target::Id { id, .. }) if id == "ada"));
        assert!(
            matches!(at("(ada.md)", 2), Some(Target::File { path, .. }) if path == "contacts/ada.md")
        );
        assert!(matches!(at("name:", 2), Some(Target::Key { key, .. }) if key == "name"));
        assert!(at("Bob Stone", 2).is_none());
        let chat = doc(&index, "chats/2026/2026-11-12-ada.md");
        let o = offset(&index, "chats/2026/2026-11-12-ada.md", "bob", 1);
        assert!(matches!(under(chat, o, plain), Some(Target::Id { id, .. }) if id == "bob"));
    }

    #[test]
    fn relative_links_resolve_from_the_files_folder() {
        assert_eq!(
            resolve("notes/plan.md", "../contacts/ada.md"),
            "contacts/ada.md"
        );
        assert_eq!(resolve("notes/plan.md", "./x%20y.md"), "notes/x y.md");
        assert_eq!(resolve("plan.md", "contacts/ada.md"), "contacts/ada.md");
        assert_eq!(resolve("a/b.md", "../../../x.md"), "x.md");
        assert_eq!(resolve("a/b.md", "%zz%4"), "a/%zz%4");
    }
}
