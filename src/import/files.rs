//! A planned contact as the text of its file.

use super::row::{Row, Value};
use crate::draft::{self, Draft};
use crate::model::contact;
use crate::model::fields::Type;

/// The contact file of a row: the keys in the spec's order, then notes and extra columns.
pub(super) fn contact_file(row: &Row) -> String {
    let mut d = Draft::new();
    for field in contact::FIELDS {
        let key = field.key;
        if field.ty == Type::Id {
            // The text of the cell named a record; the file names its id.
            if let Some(id) = row.resolved.get(key) {
                d.word(key, &draft::id(id));
            }
            continue;
        }
        match row.values.get(key) {
            Some(Value::Text(text)) => {
                d.text(key, text);
            }
            // `active` is what a contact without `status` is: writing it would only add a line
            // to every file of an export imported back.
            Some(Value::Word(word)) if key == "status" && word == "active" => {}
            Some(Value::Word(word)) => {
                d.word(key, word);
            }
            Some(Value::Date(day)) => {
                d.word(key, &day.to_string());
            }
            Some(Value::Dates(days)) => {
                let days: Vec<String> = days.iter().map(ToString::to_string).collect();
                match days.as_slice() {
                    [] => {}
                    [one] => {
                        d.word(key, one);
                    }
                    many => {
                        d.word(key, &format!("[{}]", many.join(", ")));
                    }
                }
            }
            Some(Value::List(items)) if !items.is_empty() => {
                d.list(key, items);
            }
            // An absent key, or a list of nothing.
            None | Some(Value::List(_)) => {}
        }
    }
    let mut body: Vec<String> = row.notes.iter().map(|n| n.trim().to_owned()).collect();
    if !row.extras.is_empty() {
        let lines: Vec<&str> = row.extras.iter().map(|(_, line)| line.as_str()).collect();
        body.push(lines.join("\n"));
    }
    d.body(&printable(&body.join("\n\n")));
    d.render()
}

/// `text` without the control characters an export may carry (an escape sequence in a
/// vCard's ORG unit, a form feed from a spreadsheet): the body is read with `cat` and in
/// editors, where they would act instead of show. Line ends are `\n`; tabs stay.
pub(super) fn printable(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            '\r' => '\n',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn a_body_holds_no_control_characters() {
        assert_eq!(
            printable("- ORG (unit): \u{1b}[2J\r\nbell\u{7}\there\rend\u{9b}"),
            "- ORG (unit): \u{fffd}[2J\nbell\u{fffd}\there\nend\u{fffd}"
        );
    }
}
