//! `dismissed.txt`, the notebook's record of agenda items set aside by hand: `ties done KEY`
//! on an item that no field of a record answers (a goal or coverage nudge, an event, a
//! birthday, a reply to answer, an introducer to thank) and `ties snooze KEY UNTIL` on any
//! item. One line per item, so each decision is one line in `git diff` and deleting the line
//! brings the item back:
//!
//! ```text
//! goal-outreach-2026w50 done 2026-12-08  # Weekly goal behind pace: outreach 0/3 this week
//! follow-up-lucas-meyer-20261207 until 2026-12-14  # Follow up with Lucas Meyer
//! ```
//!
//! The key is the item's full key ([`crate::agenda::Item::key`]); `done DAY` hides it for
//! good (a nudge's key names its week, so next week's nudge is a new item), `until DAY`
//! hides it before that day. What follows `#` is for the reader. Parsing reports a line it
//! cannot read as a typed finding (T305), and never fails.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::findings::{Finding, Problem};
use crate::model::time::parse_date;
use crate::span::Span;

/// The file, at the notebook's root.
pub(crate) const FILE: &str = "dismissed.txt";

/// What the first lines of a new `dismissed.txt` say.
const HEADER: &str =
    "# Agenda items set aside: `ties done KEY` writes `KEY done DAY`, `ties snooze KEY UNTIL`
# writes `KEY until DAY` (hidden before that day). Delete a line to bring its item back.
";

/// How an item was set aside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Entry {
    /// Dismissed on that day, for good.
    Done(NaiveDate),
    /// Hidden before that day.
    Until(NaiveDate),
}

impl Entry {
    /// Whether the item stays off the agenda on `today`.
    pub(crate) fn hides(self, today: NaiveDate) -> bool {
        match self {
            Self::Done(_) => true,
            Self::Until(day) => today < day,
        }
    }

    fn words(self) -> String {
        match self {
            Self::Done(day) => format!("done {day}"),
            Self::Until(day) => format!("until {day}"),
        }
    }
}

/// The entries of `dismissed.txt`, by key; a key written twice counts as its last line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Dismissals {
    entries: HashMap<String, Entry>,
}

impl Dismissals {
    /// Reads the file's text: its entries, and a finding for each line it cannot read.
    pub(crate) fn parse(text: &str) -> (Self, Vec<Finding>) {
        let mut entries = HashMap::new();
        let mut findings = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let start = at;
            at += line.len();
            let content = line.split('#').next().unwrap_or("").trim();
            if content.is_empty() {
                continue;
            }
            match read(content) {
                Some((key, entry)) => {
                    entries.insert(key.to_owned(), entry);
                }
                None => {
                    let end = start + line.trim_end().len();
                    findings.push(Finding::new(
                        Span::new(start, end),
                        Problem::BadDismissal {
                            line: content.to_owned(),
                        },
                    ));
                }
            }
        }
        (Self { entries }, findings)
    }

    /// How `key` was set aside, if it was.
    pub(crate) fn get(&self, key: &str) -> Option<Entry> {
        self.entries.get(key).copied()
    }

    /// Whether the item of `key` stays off the agenda on `today`.
    pub(crate) fn hides(&self, key: &str, today: NaiveDate) -> bool {
        self.get(key).is_some_and(|e| e.hides(today))
    }
}

/// `KEY done DAY` or `KEY until DAY`.
fn read(content: &str) -> Option<(&str, Entry)> {
    let mut words = content.split_whitespace();
    let (key, verb, day) = (words.next()?, words.next()?, words.next()?);
    if words.next().is_some() {
        return None;
    }
    let day = parse_date(day)?;
    let entry = match verb {
        "done" => Entry::Done(day),
        "until" => Entry::Until(day),
        _ => return None,
    };
    Some((key, entry))
}

/// The text of `dismissed.txt` (`None` or empty: the file does not exist yet) with `key`
/// set to `entry`: its line replaced where the key has one, else a line added at the end
/// (the header first, in a new file). `None` back when the file already says exactly that.
pub(crate) fn set(text: Option<&str>, key: &str, entry: Entry, title: &str) -> Option<String> {
    let text = text.filter(|t| !t.is_empty()).unwrap_or(HEADER);
    // A title is one line of the user's text; never a line break in the file.
    let title: String = title
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let line = format!("{key} {}  # {}", entry.words(), title.trim());
    let mut at = 0;
    let mut found = None;
    for l in text.split_inclusive('\n') {
        let content = l.split('#').next().unwrap_or("").trim();
        if read(content).is_some_and(|(k, _)| k == key) {
            found = Some((at, l));
        }
        at += l.len();
    }
    match found {
        Some((_, l)) if read(l.split('#').next().unwrap_or("").trim()) == Some((key, entry)) => {
            None
        }
        Some((start, l)) => {
            let body = l.trim_end_matches(['\n', '\r']);
            let mut out = text.to_owned();
            out.replace_range(start..start + body.len(), &line);
            Some(out)
        }
        None => {
            let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
            let mut out = text.to_owned();
            if !out.is_empty() && !out.ends_with('\n') {
                out.push_str(eol);
            }
            out.push_str(&line);
            out.push_str(eol);
            Some(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn reads_done_and_until_and_points_at_a_bad_line() {
        let text = "# header\n\ngoal-outreach-2026w50 done 2026-12-08  # Weekly goal\nx until 2026-12-14\nnonsense line\nx until 2026-12-20 # later wins\n";
        let (d, findings) = Dismissals::parse(text);
        assert_eq!(
            d.get("goal-outreach-2026w50"),
            Some(Entry::Done(day("2026-12-08")))
        );
        assert_eq!(d.get("x"), Some(Entry::Until(day("2026-12-20"))));
        assert!(d.hides("x", day("2026-12-19")));
        assert!(!d.hides("x", day("2026-12-20")));
        assert!(d.hides("goal-outreach-2026w50", day("2030-01-01")));
        assert_eq!(findings.len(), 1);
        assert_eq!(&text[findings[0].span.range()], "nonsense line");
    }

    #[test]
    fn set_adds_one_line_or_changes_one_line() {
        let new = set(None, "a", Entry::Done(day("2026-12-08")), "A\nthing").unwrap();
        assert!(new.starts_with(HEADER));
        assert!(new.ends_with("a done 2026-12-08  # A thing\n"), "{new}");
        let snoozed = set(Some(&new), "a", Entry::Until(day("2026-12-14")), "A").unwrap();
        assert_eq!(snoozed.lines().count(), new.lines().count());
        assert!(snoozed.ends_with("a until 2026-12-14  # A\n"));
        assert_eq!(
            set(Some(&snoozed), "a", Entry::Until(day("2026-12-14")), "A"),
            None
        );
        let crlf = "b done 2026-12-01\r\n";
        assert_eq!(
            set(Some(crlf), "c", Entry::Done(day("2026-12-02")), "C").unwrap(),
            "b done 2026-12-01\r\nc done 2026-12-02  # C\r\n"
        );
        let unended = "b done 2026-12-01";
        assert_eq!(
            set(Some(unended), "b", Entry::Done(day("2026-12-03")), "B").unwrap(),
            "b done 2026-12-03  # B"
        );
    }
}
