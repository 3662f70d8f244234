//! A planned contact as the text of its file.

use chrono::NaiveDate;

use super::rows::Row;
use crate::draft::{self, Draft};

/// The contact file of a row: the keys in the spec's order, then notes and extra columns.
pub(super) fn contact_file(row: &Row) -> String {
    let mut d = Draft::new();
    d.text("name", &row.name);
    if let Some(id) = &row.company_id {
        d.word("company", &draft::id(id));
    }
    let text = |d: &mut Draft, key: &str, v: &Option<String>| {
        if let Some(v) = v {
            d.text(key, v);
        }
    };
    text(&mut d, "title", &row.title);
    if let Some(role) = row.role {
        d.word("role", role.as_str());
    }
    if let Some(warmth) = row.warmth {
        d.word("warmth", warmth.as_str());
    }
    if let Some(tie) = row.tie {
        d.word("tie", tie.as_str());
    }
    text(&mut d, "source", &row.source);
    if let Some(id) = &row.introducer_id {
        d.word("introduced_by", &draft::id(id));
    }
    for (key, value) in [
        ("email", &row.email),
        ("linkedin", &row.linkedin),
        ("github", &row.github),
        ("slack", &row.slack),
        ("twitter", &row.twitter),
        ("phone", &row.phone),
        ("website", &row.website),
        ("location", &row.location),
        ("timezone", &row.timezone),
    ] {
        text(&mut d, key, value);
    }
    if !row.tags.is_empty() {
        d.list("tags", &row.tags);
    }
    if let Some(day) = row.reached_out {
        d.word("reached_out", &day.to_string());
    }
    match row.followed_up.as_slice() {
        [] => {}
        [one] => {
            d.word("followed_up", &one.to_string());
        }
        many => {
            let days: Vec<String> = many.iter().map(NaiveDate::to_string).collect();
            d.word("followed_up", &format!("[{}]", days.join(", ")));
        }
    }
    if let Some(day) = row.replied {
        d.word("replied", &day.to_string());
    }
    text(&mut d, "next", &row.next);
    if let Some(every) = row.stay_in_touch {
        d.word("stay_in_touch", &every.to_string());
    }
    if let Some(day) = row.snooze {
        d.word("snooze", &day.to_string());
    }
    if let Some(status) = row.status {
        d.word("status", status.as_str());
    }
    let mut body: Vec<String> = row.notes.iter().map(|n| n.trim().to_owned()).collect();
    if !row.extras.is_empty() {
        let lines: Vec<&str> = row.extras.iter().map(|(_, line)| line.as_str()).collect();
        body.push(lines.join("\n"));
    }
    d.body(&body.join("\n\n"));
    d.render()
}
