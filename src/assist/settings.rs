//! `ties.yaml` in the editor, from the table of settings ([`crate::model::settings`]): the
//! keys a section may have at the start of a line, the words a flag or a choice takes after
//! its key, and what a key means on hover. Read from the lines around the cursor, as for
//! front matter: a half-typed `ties.yaml` rarely parses.

use crate::findings::Code;
use crate::model::settings::{self, Setting, Slot};
use crate::span::Span;

use super::complete::{Candidate, Completion, What};

/// Where the cursor is on its line: the section it is in, and whether it is on a key or
/// after one.
#[derive(Debug, PartialEq, Eq)]
struct Place<'a> {
    /// The dotted key of the section (`rules.nudges`; `""` at the top).
    section: String,
    /// The key before the cursor's `:`, if the cursor is on a value.
    key: Option<&'a str>,
    /// What is typed of the word at the cursor, and where it starts.
    typed: &'a str,
    start: usize,
}

/// What may be typed at `offset` of `ties.yaml`'s `text`.
pub(crate) fn complete(text: &str, offset: usize) -> Completion {
    let offset = crate::span::clamp(text, offset);
    let Some(place) = place(text, offset) else {
        return Completion::default();
    };
    let replace = Span::new(place.start, offset);
    let candidates = match place.key {
        None => {
            let present = present(text, offset, &place.section);
            settings::children(&place.section)
                .into_iter()
                .filter(|s| s.name().starts_with(place.typed))
                .filter(|s| !present.iter().any(|p| p == s.name()))
                .map(|s| Candidate {
                    label: s.name().to_owned(),
                    name: None,
                    detail: s.hover(),
                    insert: if s.is_section() {
                        format!("{}:", s.name())
                    } else {
                        format!("{}: ", s.name())
                    },
                    what: What::Key,
                })
                .collect()
        }
        Some(key) => match settings::find(&join(&place.section, key)) {
            Some(row) => values(row)
                .into_iter()
                .filter(|v| v.starts_with(place.typed))
                .map(|v| Candidate {
                    label: v.clone(),
                    name: None,
                    detail: if v == row.default {
                        "default".to_owned()
                    } else {
                        String::new()
                    },
                    insert: v,
                    what: What::Value,
                })
                .collect(),
            None => Vec::new(),
        },
    };
    Completion {
        candidates,
        replace,
        incomplete: false,
    }
}

/// The key under `offset` in `ties.yaml`'s `text`: what it means, and its span.
pub(crate) fn hover(text: &str, offset: usize) -> Option<(String, Span)> {
    let offset = crate::span::clamp(text, offset);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let start = text[line_start..offset]
        .rfind(|c: char| !is_word(c))
        .map_or(line_start, |i| line_start + i + 1);
    let end = text[offset..line_end]
        .find(|c: char| !is_word(c))
        .map_or(line_end, |i| offset + i);
    if start == end || !text[end..line_end].trim_start().starts_with(':') {
        return None;
    }
    // The key's section, as if the cursor were at the start of the key.
    let place = place(text, start)?;
    if place.key.is_some() {
        return None;
    }
    let row = settings::find(&join(&place.section, &text[start..end]))?;
    Some((row.hover(), Span::new(start, end)))
}

/// The values to offer for `row`: its words, the rule codes, or its default.
fn values(row: &Setting) -> Vec<String> {
    match row.slot {
        Slot::Codes(_) => Code::ALL.iter().map(|c| c.as_str().to_owned()).collect(),
        _ if !row.words().is_empty() => row.words().iter().map(|w| (*w).to_owned()).collect(),
        Slot::Section => Vec::new(),
        _ if !row.default.is_empty() => vec![row.default.to_owned()],
        _ => Vec::new(),
    }
}

fn join(section: &str, key: &str) -> String {
    if section.is_empty() {
        key.to_owned()
    } else {
        format!("{section}.{key}")
    }
}

/// The indentation of a line, in spaces.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// A line that only opens a section: `rules:` (a comment after it allowed).
fn section_key(line: &str) -> Option<&str> {
    let (key, rest) = line.trim().split_once(':')?;
    let rest = rest.trim();
    (rest.is_empty() || rest.starts_with('#')).then_some(key.trim())
}

/// Where `offset` is: the sections of the lines above with less indentation, a flow
/// mapping (`nudges: { go`) opened on its own line, and the word typed.
fn place(text: &str, offset: usize) -> Option<Place<'_>> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..offset];
    if line.trim_start().starts_with('#') {
        return None;
    }
    let mut sections = Vec::new();
    let mut limit = indent(line);
    for above in text[..line_start].lines().rev() {
        if limit == 0 {
            break;
        }
        if above.trim().is_empty() || above.trim_start().starts_with('#') {
            continue;
        }
        if indent(above) < limit {
            sections.push(section_key(above)?);
            limit = indent(above);
        }
    }
    sections.reverse();
    // In a flow mapping: its key is one more section, the item the part after `{` or `,`.
    let mut item_start = line_start + indent(line);
    if let Some(open) = line.rfind('{')
        && !line[open..].contains('}')
    {
        let (key, _) = line[..open]
            .trim()
            .rsplit_once(':')
            .unwrap_or((&line[..open], ""));
        let key = key.trim().trim_start_matches(['-', ' ']);
        sections.push(key);
        let after = line.rfind([',', '{']).map_or(open, |i| i);
        item_start = line_start + after + 1;
    }
    let item = &text[item_start..offset];
    let section = sections.join(".");
    match item.split_once(':') {
        Some((key, value)) => {
            let cut = value.rfind(['[', ',', ' ']).map_or(0, |i| i + 1);
            let typed = &value[cut..];
            Some(Place {
                section,
                key: Some(key.trim()),
                typed,
                start: offset - typed.len(),
            })
        }
        None => {
            let typed = item.trim_start();
            Some(Place {
                section,
                key: None,
                typed,
                start: offset - typed.len(),
            })
        }
    }
}

/// The keys already written in the section the line at `offset` is in, at its indentation.
fn present(text: &str, offset: usize, section: &str) -> Vec<String> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let depth = indent(&text[line_start..offset]);
    let mut keys = Vec::new();
    // The lines of this block: up from the cursor and down from it, while indented as deep.
    let block = |lines: &mut dyn Iterator<Item = &str>, keys: &mut Vec<String>| {
        for line in lines {
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            if indent(line) < depth {
                break;
            }
            if indent(line) == depth
                && let Some((key, _)) = line.trim().split_once(':')
            {
                keys.push(key.trim().to_owned());
            }
        }
    };
    block(&mut text[..line_start].lines().rev(), &mut keys);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    block(&mut text[line_end..].lines().skip(1), &mut keys);
    // Inside a flow mapping the keys are on the line itself.
    if let Some(flow) = section.rsplit('.').next()
        && text[line_start..offset].contains('{')
        && !flow.is_empty()
    {
        let line = &text[line_start..line_end];
        keys.extend(
            line.split(['{', ',', '}'])
                .filter_map(|item| item.split_once(':'))
                .map(|(key, _)| key.trim().to_owned()),
        );
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str, needle: &str) -> Vec<String> {
        let offset = text.find(needle).unwrap() + needle.len();
        complete(text, offset)
            .candidates
            .into_iter()
            .map(|c| c.label)
            .collect()
    }

    #[test]
    fn keys_of_the_section_the_line_is_in() {
        let text = "owner: Sam\nrules:\n  horizon: 7d\n  fo\ngoals:\n  weekly:\n    ch\n";
        assert_eq!(labels(text, "  fo"), ["follow_up_after"]);
        assert_eq!(labels(text, "    ch"), ["chats"]);
        let top = labels("owner: Sam\n\n", "owner: Sam\n");
        assert!(top.contains(&"rules".to_owned()), "{top:?}");
        assert!(!top.contains(&"owner".to_owned()), "already there: {top:?}");
        let rules = labels("rules:\n  horizon: 7d\n  \n", "7d\n  ");
        assert!(!rules.contains(&"horizon".to_owned()), "{rules:?}");
        assert!(rules.contains(&"nudges".to_owned()), "{rules:?}");
        let c = complete("rules:\n  hor", 12);
        assert_eq!(c.candidates[0].insert, "horizon: ");
        assert_eq!(c.replace, Span::new(9, 12));
    }

    #[test]
    fn words_of_flags_choices_and_codes() {
        assert_eq!(labels("ids: t", "ids: t"), ["title"]);
        let flow = "rules:\n  nudges: { goal: true, birthday: f";
        assert_eq!(labels(flow, "birthday: f"), ["false"]);
        assert_eq!(
            labels("rules:\n  nudges: { goal: true, ev", "true, ev"),
            ["event_follow_up"]
        );
        assert_eq!(
            labels("checks:\n  ignore: [T106, T20", "T20"),
            ["T201", "T202", "T203", "T204", "T205", "T206"]
        );
        assert_eq!(labels("rules:\n  horizon: ", "horizon: "), ["7d"]);
        assert!(labels("# rules:\n  ", "# rul").is_empty(), "a comment");
    }

    #[test]
    fn hover_says_what_a_key_means() {
        let text = "rules:\n  horizon: 2w\n  nudges: { birthday: false }\nfolow: 1\n";
        let at = |needle: &str| hover(text, text.find(needle).unwrap() + 2);
        let (doc, span) = at("horizon").unwrap();
        assert!(doc.starts_with("`rules.horizon`: how far ahead"), "{doc}");
        assert!(doc.contains("default: `7d`"), "{doc}");
        assert_eq!(&text[span.range()], "horizon");
        let (doc, _) = at("birthday").unwrap();
        assert!(doc.starts_with("`rules.nudges.birthday`"), "{doc}");
        let (doc, _) = at("rules").unwrap();
        assert!(doc.contains("keys: follow_up_after"), "{doc}");
        assert_eq!(at("folow"), None, "no such key");
        assert_eq!(at("2w"), None, "a value");
    }
}
