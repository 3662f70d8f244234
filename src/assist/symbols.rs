//! The notebook's people and companies by name, for the editor's "go to symbol in
//! workspace": each contact and company whose name, id or alias matches what was typed
//! (case and accents' encoding aside), the best matches first: the whole word, then its
//! start, the start of a word in it, anywhere in it, and its letters in order (`adlv` finds
//! Ada Lovelace).

use crate::index::Index;
use crate::model::{Kind, Record};
use crate::slug;

use super::complete;

/// At most this many symbols: an editor filters what it gets as the user types on.
pub(crate) const MAX: usize = 200;

/// One record found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Symbol {
    pub name: String,
    pub kind: Kind,
    pub path: String,
    /// Title @ company and stage, or the company's status.
    pub detail: String,
}

/// The contacts and companies that match `query`, best first.
pub(crate) fn matching(index: &Index, query: &str) -> Vec<Symbol> {
    let query = slug::fold(query.trim());
    let mut found: Vec<(u8, Symbol)> = Vec::new();
    for doc in &index.docs {
        let aliases = match &doc.record {
            Some(Record::Contact(c)) => &c.aliases,
            Some(Record::Company(c)) => &c.aliases,
            _ => continue,
        };
        let name = doc.name().unwrap_or(doc.id.as_str());
        let rank = std::iter::once(name)
            .chain(std::iter::once(doc.id.as_str()))
            .chain(aliases.iter().map(String::as_str))
            .filter_map(|word| rank(&slug::fold(word), &query))
            .min();
        if let Some(rank) = rank {
            found.push((
                rank,
                Symbol {
                    name: name.to_owned(),
                    kind: doc.kind,
                    path: doc.path.clone(),
                    detail: complete::detail(index, doc),
                },
            ));
        }
    }
    found.sort_by(|(a, x), (b, y)| (a, &x.name, &x.path).cmp(&(b, &y.name, &y.path)));
    found.truncate(MAX);
    found.into_iter().map(|(_, s)| s).collect()
}

/// How well `word` matches `query` (both folded), lower is better; `None` if it does not.
fn rank(word: &str, query: &str) -> Option<u8> {
    if word == query {
        Some(0)
    } else if word.starts_with(query) {
        Some(1)
    } else if word
        .split([' ', '-', '_', '.'])
        .any(|part| part.starts_with(query))
    {
        Some(2)
    } else if word.contains(query) {
        Some(3)
    } else {
        let mut letters = word.chars();
        query.chars().all(|q| letters.any(|c| c == q)).then_some(4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assist::fixture::index_of;

    #[test]
    fn people_and_companies_by_name_id_or_alias() {
        let index = index_of(&[
            (
                "contacts/ada.md",
                "---\nname: Ada Lovelace\naliases: [Countess]\ncompany: acme\n---\n",
            ),
            ("contacts/adam.md", "---\nname: Adam Smith\n---\n"),
            ("companies/acme.md", "---\nname: Acme Corp\n---\n"),
            ("notes/ada-notes.md", "Ada\n"),
        ]);
        let names =
            |q: &str| -> Vec<String> { matching(&index, q).into_iter().map(|s| s.name).collect() };
        assert_eq!(names("ada"), ["Ada Lovelace", "Adam Smith"], "notes aside");
        assert_eq!(names("LOVE"), ["Ada Lovelace"]);
        assert_eq!(names("countess"), ["Ada Lovelace"]);
        assert_eq!(names("corp"), ["Acme Corp"]);
        assert_eq!(names("adlv"), ["Ada Lovelace"]);
        assert_eq!(names(""), ["Acme Corp", "Ada Lovelace", "Adam Smith"]);
        assert!(names("zz").is_empty());
        let ada = &matching(&index, "ada")[0];
        assert_eq!(
            (ada.kind, ada.path.as_str()),
            (Kind::Contact, "contacts/ada.md")
        );
        assert_eq!(ada.detail, "@ Acme Corp · identified");
    }
}
