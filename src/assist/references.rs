//! Every place that names a record: front-matter references (`company: acme`, an item of
//! `with:`, in any quoting, `[[acme]]` included), `[[acme]]` and `[[acme|label]]` links, and
//! relative `.md` links to its file. Each mention carries the span of the bytes that name the
//! record (the id, or the title, name or alias written), and whether they spell its id, so
//! a rename replaces exactly the ids, keeps the quoting, brackets and label around them, and
//! leaves a mention by name or alias as written.

use crate::body::LinkTarget;
use crate::document::Document;
use crate::index::Index;
use crate::model::Id;
use crate::span::Span;

use super::{at, keys};

/// How a record is named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// A front-matter value.
    Value,
    /// `[[id]]`, `[[id|label]]`, `[[id#heading]]`.
    Wiki,
    /// `[text](../contacts/id.md)`.
    File,
}

/// One mention of a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mention {
    pub path: String,
    /// The bytes that name the record.
    pub span: Span,
    pub form: Form,
    /// The bytes spell the record's id (case aside: `[[priya shah]]` for `Priya Shah`); a
    /// mention by another title, a name or an alias does not.
    pub spells_id: bool,
}

/// Every mention of `id` in the notebook, by path then position. Links are found among the
/// positions a body keeps ([`crate::body::KEPT_PER_TARGET`] per target).
pub(crate) fn to(index: &Index, id: &str) -> Vec<Mention> {
    let file = index.get(id).map(|d| d.path.clone());
    let mut out = Vec::new();
    // Front matter: only the files the index says name it (its back-references).
    let mut naming: Vec<&Document> = index.referenced_by(id).collect();
    naming.sort_by(|a, b| a.path.cmp(&b.path));
    naming.dedup_by(|a, b| a.path == b.path);
    for doc in naming {
        values(index, doc, id, &mut out);
    }
    // Bodies: each body's distinct link targets; a file's text only where one matches.
    for doc in &index.docs {
        links(index, doc, id, file.as_deref(), &mut out);
    }
    out.sort_by(|a, b| (&a.path, a.span.start).cmp(&(&b.path, b.span.start)));
    out
}

/// The front-matter values of `doc` that name `id`: by the id itself, or by a title, name
/// or alias that resolves to it (then the whole value, without its quotes and brackets).
fn values(index: &Index, doc: &Document, id: &str, out: &mut Vec<Mention>) {
    let conventions = &index.settings.conventions;
    for (key, value) in doc.front_matter() {
        let Some(name) = key.value.scalar_text() else {
            continue;
        };
        let name = at::key_of(conventions, &name);
        let Some(kind) = keys::find(doc.kind, &name).and_then(|k| k.target()) else {
            continue;
        };
        for item in at::items(&value) {
            let Some(text) = item.value.scalar_text() else {
                continue;
            };
            let named = Id::from_reference(&text);
            if index.canonical(kind, &named).as_str() != id {
                continue;
            }
            let found = inner(doc.text().unwrap_or(""), item.span, id)
                .or_else(|| inner(doc.text().unwrap_or(""), item.span, named.as_str()));
            if let Some(span) = found {
                out.push(Mention {
                    path: doc.path.clone(),
                    span,
                    form: Form::Value,
                    spells_id: spells(doc, span, id),
                });
            }
        }
    }
}

/// The links of `doc` to `id`: `[[id]]`, a `[[Title]]` or `[[alias]]` that resolves to it,
/// or a relative link to its file.
fn links(index: &Index, doc: &Document, id: &str, file: Option<&str>, out: &mut Vec<Mention>) {
    let resolves = |target: &str| {
        target == id
            || (index.lookup(target).is_empty()
                && at::record(index, None, target).is_some_and(|d| d.id.as_str() == id))
    };
    for linked in &doc.body.links.targets {
        let form = match &linked.target {
            LinkTarget::Wiki(target) if resolves(target.as_str()) => Form::Wiki,
            LinkTarget::File(path) if Some(at::resolve(&doc.path, path).as_str()) == file => {
                Form::File
            }
            _ => continue,
        };
        for span in linked.spans() {
            let found = match form {
                Form::File => file_stem(doc.text().unwrap_or(""), span, id),
                _ => inner(doc.text().unwrap_or(""), span, id).or_else(|| match &linked.target {
                    LinkTarget::Wiki(target) => {
                        inner(doc.text().unwrap_or(""), span, target.as_str())
                    }
                    LinkTarget::File(_) => None,
                }),
            };
            if let Some(span) = found {
                out.push(Mention {
                    path: doc.path.clone(),
                    span,
                    form,
                    spells_id: form == Form::File || spells(doc, span, id),
                });
            }
        }
    }
}

/// Whether the bytes of `span` in `doc` are `id`, case aside.
fn spells(doc: &Document, span: Span, id: &str) -> bool {
    doc.text()
        .and_then(|t| t.get(span.range()))
        .is_some_and(|written| written == id || written.to_lowercase() == id.to_lowercase())
}

/// The span of `id` in `span` when it is the whole word there, without the quotes,
/// brackets and spaces around it, a link's `|label` or `#heading`: `acme` in `"[[acme]]"`,
/// `'acme'` and `[[ acme|Acme ]]`, not in `[[acme corp]]`.
fn inner(text: &str, span: Span, id: &str) -> Option<Span> {
    super::fix::core(text, span).filter(|word| text.get(word.range()) == Some(id))
}

/// The span of `id` in the file name of a Markdown link `[text](…/id.md)`.
fn file_stem(text: &str, span: Span, id: &str) -> Option<Span> {
    let slice = text.get(span.range())?;
    let name = format!("{id}.md");
    let at = slice.rfind(&name)?;
    let before = slice[..at].chars().next_back();
    matches!(before, Some('/' | '(' | '<' | ' ' | ':'))
        .then(|| Span::new(span.start + at, span.start + at + id.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assist::fixture::index;

    #[test]
    fn every_form_of_mention_with_the_ids_own_bytes() {
        let index = index();
        let found: Vec<(String, String, Form)> = to(&index, "ada")
            .into_iter()
            .map(|m| {
                let doc = index.docs.iter().find(|d| d.path == m.path).unwrap();
                (
                    m.path,
                    doc.text().unwrap_or("")[m.span.range()].to_owned(),
                    m.form,
                )
            })
            .collect();
        let expected = [
            ("chats/2026/2026-11-12-ada.md", Form::Value),
            ("contacts/bob.md", Form::Value),
            ("contacts/bob.md", Form::Wiki),
            ("contacts/bob.md", Form::File),
            ("events/rust-meetup.md", Form::Value),
            ("notes/plan.md", Form::Wiki),
        ]
        .map(|(p, f)| (p.to_owned(), "ada".to_owned(), f));
        assert_eq!(found, expected);
        let acme: Vec<String> = to(&index, "acme").into_iter().map(|m| m.path).collect();
        assert_eq!(
            acme,
            ["contacts/ada.md", "contacts/bob.md", "notes/plan.md"]
        );
        assert!(to(&index, "nobody").is_empty());
    }

    #[test]
    fn a_record_named_by_its_name_as_the_check_resolves_it() {
        let index = crate::assist::fixture::index_of(&[
            ("companies/acme.md", "---\nname: Acme Corp\n---\n"),
            (
                "contacts/x.md",
                "---\nname: X\ncompany: \"Acme Corp\"\n---\n",
            ),
            ("notes/n.md", "See [[Acme Corp|them]].\n"),
        ]);
        let found: Vec<(String, String)> = to(&index, "acme")
            .into_iter()
            .map(|m| {
                let doc = index.docs.iter().find(|d| d.path == m.path).unwrap();
                (m.path, doc.text().unwrap_or("")[m.span.range()].to_owned())
            })
            .collect();
        assert_eq!(
            found,
            [
                ("contacts/x.md".to_owned(), "Acme Corp".to_owned()),
                ("notes/n.md".to_owned(), "Acme Corp".to_owned())
            ]
        );
    }
}
