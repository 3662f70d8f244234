//! `--redact`: a page to share with a coach. Every contact's name, alias and id becomes
//! their initials (`Maya Chen` → `M.C.`, numbered when two people share them), wherever it
//! appears in a title ("Follow up with Maya Chen"), and free text (tasks, next actions) is
//! left out by the view. One automaton finds every name in one pass over a string.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::index::Index;

/// Replaces the contacts' names and ids with their initials.
pub(crate) struct Redactor {
    finder: AhoCorasick,
    /// The initials for each pattern, by pattern index.
    replacements: Vec<String>,
}

/// `Maya Chen` → `M.C.`; a name without letters → `?`.
fn initials(name: &str) -> String {
    let mut letters = String::new();
    let firsts = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|word| word.chars().find(|c| c.is_alphabetic()))
        .flat_map(char::to_uppercase);
    for c in firsts {
        letters.push(c);
        letters.push('.');
    }
    if letters.is_empty() {
        "?".to_owned()
    } else {
        letters
    }
}

impl Redactor {
    pub(crate) fn new(index: &Index) -> Self {
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut replacements = Vec::new();
        for (doc, contact) in index.contacts() {
            let base = initials(&contact.name);
            let n = seen.entry(base.clone()).or_default();
            *n += 1;
            let shown = if *n == 1 { base } else { format!("{base} {n}") };
            let names = std::iter::once(contact.name.as_str())
                .chain(contact.aliases.iter().map(String::as_str))
                .chain(std::iter::once(doc.id.as_str()));
            for name in names.filter(|n| !n.trim().is_empty()) {
                patterns.push(name.to_owned());
                replacements.push(shown.clone());
            }
        }
        let finder = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .unwrap_or_else(|_| AhoCorasick::new(Vec::<String>::new()).expect("no patterns"));
        Self {
            finder,
            replacements,
        }
    }

    /// `text` with every name and id of a contact, as a whole word, replaced by initials
    /// (`eve` inside `event` stays).
    pub(crate) fn text(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for m in self.finder.find_iter(text) {
            let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            if word(text[..m.start()].chars().next_back()) || word(text[m.end()..].chars().next()) {
                continue;
            }
            out.push_str(&text[last..m.start()]);
            out.push_str(&self.replacements[m.pattern().as_usize()]);
            last = m.end();
        }
        out.push_str(&text[last..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_names() {
        assert_eq!(initials("Maya Chen"), "M.C.");
        assert_eq!(initials("jean-luc picard"), "J.L.P.");
        assert_eq!(initials("Zoë Ångström"), "Z.Å.");
        assert_eq!(initials("  "), "?");
        assert_eq!(initials("42"), "?");
    }
}
