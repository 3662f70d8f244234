//! What a chat's notes say, for a thank-you: the list items under a heading (`##
//! Takeaways`, `## Notes`) as plain sentences, wiki links written as the names they link
//! to, so `[[priya-natarajan]]` reads "Priya Natarajan" in a message.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// The top-level list items under the first heading whose text starts with `heading`
/// (case does not matter), up to the next heading of the same or a higher level, as plain
/// text; a wiki link without a label is written as `name(id)`.
pub(crate) fn items(text: &str, heading: &str, name: &dyn Fn(&str) -> String) -> Vec<String> {
    let heading = heading.to_lowercase();
    let mut items = Vec::new();
    // The level of the heading being read, while reading it; then of the section.
    let mut reading_heading: Option<(u8, String)> = None;
    let mut section: Option<u8> = None;
    let mut depth = 0usize;
    let mut item: Option<String> = None;
    // Inside a wiki link without a label: its text is the id, replaced by the name.
    let mut bare_link = false;
    for event in Parser::new_ext(text, Options::ENABLE_WIKILINKS | Options::ENABLE_TASKLISTS) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                reading_heading = Some((level as u8, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, title)) = reading_heading.take() {
                    if section.is_some_and(|s| level <= s) {
                        section = None;
                    }
                    if section.is_none()
                        && title.trim().to_lowercase().starts_with(&heading)
                        && items.is_empty()
                    {
                        section = Some(level);
                    }
                }
            }
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Item) if section.is_some() && depth == 1 => {
                item = Some(String::new());
            }
            Event::End(TagEnd::Item) if depth == 1 => {
                if let Some(text) = item.take() {
                    // A task's due date is for the agenda, not for the message.
                    let text = crate::body::without_due(&text);
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !text.is_empty() {
                        items.push(text);
                    }
                }
            }
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => {
                if !has_pothole && let Some(item) = item.as_mut().filter(|_| depth == 1) {
                    let id = dest_url.split(['#', '|']).next().unwrap_or(&dest_url);
                    item.push_str(&name(id.trim()));
                    bare_link = true;
                }
            }
            Event::End(TagEnd::Link) => bare_link = false,
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, title)) = reading_heading.as_mut() {
                    title.push_str(&t);
                } else if let Some(item) = item.as_mut().filter(|_| depth == 1 && !bare_link) {
                    item.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(item) = item.as_mut().filter(|_| depth == 1) {
                    item.push(' ');
                }
            }
            _ => {}
        }
        if section.is_none() && !items.is_empty() {
            break;
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(id: &str) -> String {
        match id {
            "priya-natarajan" => "Priya Natarajan".to_owned(),
            other => other.to_owned(),
        }
    }

    #[test]
    fn items_under_a_heading_with_links_as_names() {
        let text = "---\nwith: x\n---\n# Chat\n\n## Notes\n- Team of 7, `C#` and Azure.\n- Is it remote?\n  - nested detail\n\n## Takeaways\n- Rewrite my README\n  around the demo. (due 2026-11-22)\n- Maya will introduce me to her manager, [[priya-natarajan]].\n- See [[harbor-health|Harbor]].\n- [ ] a task\n\n### Sub\n- sub item\n\n## Reflection\n- Most valuable question: \"Who else?\"\n";
        assert_eq!(
            items(text, "takeaways", &name),
            [
                "Rewrite my README around the demo.",
                "Maya will introduce me to her manager, Priya Natarajan.",
                "See Harbor.",
                "a task",
                "sub item"
            ]
        );
        assert_eq!(
            items(text, "notes", &name),
            ["Team of 7, C# and Azure.", "Is it remote?"]
        );
        assert!(items(text, "questions", &name).is_empty());
        assert!(items("## Takeaways\n\n## Notes\n- x\n", "takeaways", &name).is_empty());
    }
}
