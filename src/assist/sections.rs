//! The sections of a note: each heading with the text up to the next heading of the same or
//! a higher level, nested (a chat's Questions, Notes, Takeaways, Reflection).

use crate::document::Document;
use crate::span::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Section {
    pub name: String,
    pub level: u8,
    /// The heading line.
    pub heading: Span,
    /// From the heading to the end of the section.
    pub span: Span,
    pub children: Vec<Section>,
}

/// The sections of `doc`, outermost first.
pub(crate) fn of(doc: &Document) -> Vec<Section> {
    let headings = &doc.body.headings;
    let end = doc.text().unwrap_or("").len();
    let flat: Vec<Section> = headings
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let until = headings[i + 1..]
                .iter()
                .find(|next| next.level <= h.level)
                .map_or(end, |next| next.span.start);
            Section {
                name: if h.text.is_empty() {
                    "(untitled)".to_owned()
                } else {
                    h.text.clone()
                },
                level: h.level,
                heading: h.span,
                span: Span::new(h.span.start, until.max(h.span.end)),
                children: Vec::new(),
            }
        })
        .collect();
    nest(flat)
}

/// Puts each section under the nearest section before it of a lower level.
fn nest(flat: Vec<Section>) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for section in flat {
        insert(&mut out, section);
    }
    out
}

fn insert(siblings: &mut Vec<Section>, section: Section) {
    match siblings.last_mut() {
        Some(last) if last.level < section.level && section.span.start < last.span.end => {
            insert(&mut last.children, section);
        }
        _ => siblings.push(section),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assist::fixture::{doc, index_of};

    #[test]
    fn a_chats_sections_nested() {
        let index = index_of(&[(
            "chats/c.md",
            "---\nwith: ada\ndate: 2026-11-01\n---\n# Chat\n## Questions\n- why?\n### Later\nx\n## Notes\nfine\n",
        )]);
        let sections = of(doc(&index, "chats/c.md"));
        assert_eq!(sections.len(), 1);
        let chat = &sections[0];
        assert_eq!(chat.name, "Chat");
        let names: Vec<&str> = chat.children.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Questions", "Notes"]);
        assert_eq!(chat.children[0].children[0].name, "Later");
        let text = doc(&index, "chats/c.md").text().unwrap_or("");
        assert_eq!(&text[chat.children[1].span.range()], "## Notes\nfine\n");
    }
}
