//! Implicit records (`references: implicit`, the default with `ids: title`): a vault names
//! people and companies in front matter long before, if ever, it has a note for each
//! (`company: LEA Technologies`, `with: [Derek Wu]`). Each name no record answers to becomes
//! a record by that name, as if the file `ties new` would write held nothing but the name:
//! reports count it, `show` shows it, and once the note is written the name resolves to
//! the note instead. Only plain names are made records: one with a `/` (a path names a
//! file), one no file can be made of (`.`), and a likely typo of a record that exists stay
//! unknown (T201).
//!
//! The implicit records are documents of the index ([`Document::is_implicit`]), made again
//! whenever the notebook changes ([`Index::imply`]); they have no file, no findings and no
//! references of their own.

use std::collections::{HashMap, HashSet};

use crate::document::Document;
use crate::index::{Index, Resolved, references_of};
use crate::model::{Id, Kind};
use crate::span::Span;

/// An implicit record the notebook's references call for.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Wanted {
    pub kind: Kind,
    pub id: Id,
    pub path: String,
    /// The name as first written (without `[[ ]]`).
    pub name: String,
    /// Where it is first named: the path of the document and the reference.
    pub first: (String, Span),
}

/// The keys whose references may name an implicit record: the people and companies a
/// note names. (An `event` is a record you write when you go.)
const KEYS: [&str; 5] = ["company", "introduced_by", "with", "met", "referrals"];

/// The implicit records `index`'s references call for, each once (by kind and name, any
/// case), first named first, in path order.
pub(super) fn wanted(index: &Index) -> Vec<Wanted> {
    let conventions = &index.settings.conventions;
    let mut seen: HashSet<(Kind, String)> = HashSet::new();
    let mut paths: HashSet<String> = HashSet::new();
    // Whether a name of a kind is a likely typo of a record: asked once per name, of the
    // titles and names of that kind, gathered once.
    let mut typos: HashMap<(Kind, String), bool> = HashMap::new();
    let mut names: HashMap<Kind, Vec<(usize, String)>> = HashMap::new();
    let mut out = Vec::new();
    for doc in index.docs.iter().filter(|d| !d.is_implicit()) {
        references_of(doc, |key, target, kind| {
            if !KEYS.contains(&key) {
                return;
            }
            let text = target.value.as_str();
            if text.contains('/') || conventions.is_owner(text) || resolved(index, kind, text) {
                return;
            }
            let name = Id::from_reference(text);
            let name = name.as_str().trim();
            let file = if conventions.title_ids() {
                crate::slug::title_from_name(name)
            } else {
                crate::slug::from_name(name)
            };
            let lower = name.to_lowercase();
            if file.is_empty() || seen.contains(&(kind, lower.clone())) {
                return;
            }
            let typo = *typos.entry((kind, lower.clone())).or_insert_with(|| {
                let names = names.entry(kind).or_insert_with(|| names_of(index, kind));
                is_typo(names, name)
            });
            let path = format!("{}/{file}.md", conventions.folder(kind));
            // A file of its own there (of another kind, by a property) keeps its path.
            let taken = index
                .position(&path)
                .is_some_and(|i| !index.docs[i].is_implicit());
            if typo || taken || !paths.insert(path.clone()) {
                return;
            }
            seen.insert((kind, lower));
            out.push(Wanted {
                kind,
                id: Id::new(&file),
                path,
                name: name.to_owned(),
                first: (doc.path.clone(), target.span),
            });
        });
    }
    out
}

/// Whether `text` names a record of the notebook's own files (of any kind: one of another
/// kind is T202, no implicit record).
fn resolved(index: &Index, kind: Kind, text: &str) -> bool {
    let real = |i: &usize| !index.docs[*i].is_implicit();
    match index.resolve(Some(kind), text) {
        Resolved::One(i) => real(&i),
        Resolved::Several(found) => found.iter().any(real),
        Resolved::None => false,
    }
}

/// The titles and names of the records of `kind`, each with its length in characters.
fn names_of(index: &Index, kind: Kind) -> Vec<(usize, String)> {
    (index.docs.iter())
        .filter(|d| d.kind == kind && !d.is_implicit())
        .flat_map(|d| std::iter::once(d.id.as_str()).chain(d.name()))
        .map(|n| (n.chars().count(), n.to_owned()))
        .collect()
}

/// Whether `name` is a few letters from one of `names` (a typo, which stays an unknown
/// reference, with its "did you mean").
fn is_typo(names: &[(usize, String)], name: &str) -> bool {
    let length = name.chars().count();
    names
        .iter()
        // Past this difference in length no typo is close enough; most names are cut here.
        .filter(|(other, _)| other.abs_diff(length) <= 4)
        .any(|(_, other)| crate::suggest::is_typo(name, other))
}

impl Wanted {
    /// The document of this implicit record.
    pub(super) fn document(self, index: &Index) -> Document {
        Document::implicit(
            self.kind,
            (self.id, self.path),
            &self.name,
            self.first,
            &index.settings.conventions,
        )
    }

    /// Whether `doc` is this implicit record, first named where it is.
    pub(super) fn is(&self, doc: &Document) -> bool {
        doc.path == self.path
            && doc.id == self.id
            && doc.kind == self.kind
            && doc.name() == Some(self.name.as_str())
            && doc
                .implicit
                .as_ref()
                .is_some_and(|i| (&i.first_path, i.first) == (&self.first.0, self.first.1))
    }
}
