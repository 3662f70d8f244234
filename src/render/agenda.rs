//! The agenda as text (org-agenda-like groups and aligned columns), Markdown (a checklist to
//! paste into a note) and JSON (the spec's fields, always present).

use std::io::{self, Write};

use chrono::{Datelike, NaiveDate, Timelike};

use unicode_width::UnicodeWidthStr;

use crate::agenda::{Agenda, Group, Item, SHORT, relative};
use crate::dismissed::Entry;
use crate::model::time::When;
use crate::render::escape::{self, safe};
use crate::render::table::{Align, Table, spaces};
use crate::render::{self, BOLD, DIM, ERROR, Render, WARNING};
use crate::spreadsheet::Cells;

pub(crate) fn heading(agenda: &Agenda, group: Group) -> String {
    match group {
        Group::Overdue => "Overdue".to_owned(),
        Group::Today => format!("Today ({})", agenda.today.format("%a %Y-%m-%d")),
        Group::Upcoming if agenda.days == 1 => "Next day".to_owned(),
        Group::Upcoming => format!("Next {} days", agenda.days),
    }
}

/// The text agenda's width: it fits a terminal of 80 columns, and no key or command is
/// ever broken across lines.
pub(crate) const WIDTH: usize = 80;

/// When an item is due, in a few words: "3 days overdue", "today 16:00", "Wed 12-09 12:00".
fn when(today: NaiveDate, item: &Item) -> String {
    // Written from the date's parts: parsing a chrono format string for every item cost
    // more than the rest of the column.
    let time = match item.due {
        When::DateTime(at) => format!(" {:02}:{:02}", at.hour(), at.minute()),
        When::Date(_) => String::new(),
    };
    let day = item.due.date();
    match item.group {
        Group::Overdue => relative(today, day),
        Group::Today if day > today => format!("today, by {}{time}", day.weekday()),
        Group::Today => format!("today{time}"),
        Group::Upcoming => format!(
            "{} {:02}-{:02}{time}",
            day.weekday(),
            day.month(),
            day.day()
        ),
    }
}

/// Where a line that must not be broken (a command) starts: at `indent`, or further left
/// so that it ends by [`WIDTH`], but never left of the items' own margin of 4.
fn place(line: &str, indent: usize) -> usize {
    indent.min(WIDTH.saturating_sub(line.width()).max(4))
}

/// `text` in lines of at most `width` columns, broken at spaces only (a longer word gets a
/// line of its own).
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    // The line's width so far: measuring the whole line again for each word made wrapping
    // a fifth of rendering the agenda.
    let mut line_width = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        // Nearly every word is printable ASCII, a column a byte.
        let word_width = if word.bytes().all(|b| (b' '..=b'~').contains(&b)) {
            word.len()
        } else {
            word.width()
        };
        if !line.is_empty() && line_width + 1 + word_width > width {
            lines.push(std::mem::take(&mut line));
            line_width = 0;
        }
        if !line.is_empty() {
            line.push(' ');
            line_width += 1;
        }
        line.push_str(word);
        line_width += word_width;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn groups(agenda: &Agenda) -> impl Iterator<Item = (Group, Vec<&Item>)> {
    [Group::Overdue, Group::Today, Group::Upcoming]
        .into_iter()
        .filter_map(|g| {
            let items: Vec<&Item> = agenda.items.iter().filter(|i| i.group == g).collect();
            (!items.is_empty()).then_some((g, items))
        })
}

/// "… 2 more coverage": the nudges the cap of their kind left out, per kind.
pub(crate) fn capped(agenda: &Agenda) -> Vec<String> {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for item in &agenda.capped {
        let kind = item.kind.as_str();
        match counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((kind, 1)),
        }
    }
    counts
        .into_iter()
        .map(|(kind, n)| format!("… {n} more {kind} (all of them: --kind {kind})"))
        .chain(crate::agenda::adoption::more(agenda.held.len()))
        .collect()
}

pub(crate) fn footer(agenda: &Agenda) -> Option<String> {
    match agenda.files_with_errors {
        0 => None,
        1 => Some("1 file has errors and may be missing items; run `ties check`".to_owned()),
        n => Some(format!(
            "{n} files have errors and may be missing items; run `ties check`"
        )),
    }
}

#[derive(serde::Serialize)]
struct JsonItem<'a> {
    group: Group,
    due: String,
    kind: &'static str,
    id: &'a str,
    who: &'a str,
    path: &'a str,
    title: &'a str,
    /// What `ties done` and calendars name the item by ([`Item::key`]).
    key: String,
    /// What `ties done` takes too, and the text agenda shows ([`Item::short`]).
    short: String,
    /// How to clear it: a command that does.
    clear: &'a str,
    /// Another way to clear it, in words, or null.
    also: Option<&'a str>,
    /// The `ties draft` command that writes the message it asks for, if one does.
    draft: Option<String>,
}

impl<'a> JsonItem<'a> {
    fn of(i: &'a Item) -> Self {
        JsonItem {
            group: i.group,
            due: i.due.iso(),
            kind: i.kind.as_str(),
            id: i.id.as_str(),
            who: &i.who,
            path: &i.path,
            title: &i.title,
            key: i.key(),
            short: i.short(),
            clear: &i.clear,
            also: i.also.as_deref(),
            draft: crate::compose::hint::draft(i),
        }
    }
}

impl Render for Agenda {
    /// Fits [`WIDTH`] columns: per item, its short key, when it is due and what to do
    /// (wrapped at spaces), then `→` and the command that clears it, never broken, with the
    /// file it comes from when there is room. Indents are written as runs of spaces
    /// ([`spaces`]): a `{:n$}` width pads a character at a time, each through the whole
    /// writer: rendering the bench's agenda of 1,543 items took 55 M instructions with
    /// them, 45 M without.
    fn text(&self, out: &mut impl Write) -> io::Result<()> {
        let agenda = self;
        if agenda.items.is_empty() {
            writeln!(
                out,
                "Nothing to do until {}. Time to reach out to someone new?",
                agenda.until
            )?;
        }
        let when: Vec<String> = agenda.items.iter().map(|i| when(agenda.today, i)).collect();
        let when_w = when.iter().map(|w| w.width()).max().unwrap_or(0);
        let indent = 2 + SHORT + 2 + when_w + 2;
        let mut first = true;
        let mut at = 0;
        for (group, items) in groups(agenda) {
            if !first {
                writeln!(out)?;
            }
            first = false;
            let style = match group {
                Group::Overdue => ERROR,
                Group::Today => WARNING,
                Group::Upcoming => BOLD,
            };
            writeln!(out, "{style}{}{style:#}", heading(agenda, group))?;
            for item in items {
                let when = &when[at];
                at += 1;
                let title = escape::line(&item.title);
                let lines = wrap(&title, WIDTH.saturating_sub(indent));
                for (n, line) in lines.iter().enumerate() {
                    if n == 0 {
                        write!(out, "  {BOLD}{}{BOLD:#}  {when}", item.short())?;
                        spaces(out, when_w - when.width())?;
                        writeln!(out, "  {line}")?;
                    } else {
                        spaces(out, indent)?;
                        writeln!(out, "{line}")?;
                    }
                }
                // The file when there is room for it (`--format markdown` and `json` always
                // name it); the command, whole, always.
                let hint = format!("→ {}", safe(&item.clear));
                let path = escape::line(&item.path);
                if indent + hint.width() + 2 + path.width() <= WIDTH {
                    spaces(out, indent)?;
                    writeln!(out, "{DIM}{hint}  {path}{DIM:#}")?;
                } else {
                    let at = place(&hint, indent);
                    spaces(out, at)?;
                    writeln!(out, "{DIM}{hint}{DIM:#}")?;
                }
                if let Some(also) = &item.also {
                    let also = escape::line(also);
                    let at = place(&also, indent + 2);
                    spaces(out, at)?;
                    writeln!(out, "{DIM}{also}{DIM:#}")?;
                }
                if let Some(draft) = crate::compose::hint::draft(item) {
                    let draft = format!("draft it: {}", safe(&draft));
                    let at = place(&draft, indent + 2);
                    spaces(out, at)?;
                    writeln!(out, "{DIM}{draft}{DIM:#}")?;
                }
            }
        }
        for line in capped(agenda) {
            writeln!(out, "  {DIM}{line}{DIM:#}")?;
        }
        if let Some(footer) = footer(agenda) {
            writeln!(out, "\n{WARNING}{footer}{WARNING:#}")?;
        }
        Ok(())
    }

    fn markdown(&self, out: &mut impl Write) -> io::Result<()> {
        let agenda = self;
        writeln!(out, "# Agenda for {}", agenda.today)?;
        if agenda.items.is_empty() {
            writeln!(out, "\nNothing to do until {}.", agenda.until)?;
        }
        for (group, items) in groups(agenda) {
            writeln!(out, "\n## {}\n", heading(agenda, group))?;
            for item in items {
                let due = item.due.to_string();
                let also = item
                    .also
                    .as_ref()
                    .map_or_else(String::new, |a| format!(" ({})", safe(a)));
                let draft = crate::compose::hint::draft(item)
                    .map_or_else(String::new, |d| format!("; draft: `{}`", safe(&d)));
                writeln!(
                    out,
                    "- [ ] {due} · {}: {} ([{}]({})); clear: `{}`{also}{draft}",
                    item.kind.as_str(),
                    safe(&item.title),
                    safe(item.id.as_str()),
                    safe(&item.path),
                    safe(&item.clear)
                )?;
            }
        }
        for line in capped(agenda) {
            writeln!(out, "\n{line}")?;
        }
        if let Some(footer) = footer(agenda) {
            writeln!(out, "\n> {footer}")?;
        }
        Ok(())
    }

    /// The same fields as JSON, one row per item, for a spreadsheet.
    fn csv(&self, out: &mut impl Write, cells: Cells) -> io::Result<()> {
        let agenda = self;
        let columns = [
            "group", "due", "kind", "id", "who", "path", "title", "key", "short", "clear", "also",
            "draft",
        ];
        let mut table = Table::new(&columns.map(|c| (c, Align::Left)));
        for i in &agenda.items {
            table.push(vec![
                i.group.as_str().into(),
                i.due.to_string().into(),
                i.kind.as_str().into(),
                i.id.as_str().into(),
                i.who.as_str().into(),
                i.path.as_str().into(),
                i.title.as_str().into(),
                i.key().into(),
                i.short().into(),
                i.clear.as_str().into(),
                i.also.as_deref().unwrap_or("").into(),
                crate::compose::hint::draft(i).unwrap_or_default().into(),
            ]);
        }
        table.csv(out, cells)
    }

    fn json(&self, out: &mut impl Write) -> io::Result<()> {
        let agenda = self;
        let items: Vec<JsonItem> = agenda.items.iter().map(JsonItem::of).collect();
        render::json(out, &items)
    }
}

/// `ties agenda --explain KEY`: one item and why it is there.
pub(crate) struct Explained<'a> {
    pub item: &'a Item,
    pub today: NaiveDate,
    /// `rules.nudges_per_kind`, when the cap of its kind left the item out.
    pub capped: Option<u32>,
    /// The last day of the agenda, when the item is due after it.
    pub beyond: Option<NaiveDate>,
    /// `since:`, when the item fell due before it and the agenda holds it back.
    pub held: Option<NaiveDate>,
    /// How it was set aside in `dismissed.txt`, if it was.
    pub set_aside: Option<Entry>,
    /// Why it is done already (a task ticked, a chat marked `prepared`), if it is.
    pub done: Option<String>,
}

impl Explained<'_> {
    /// The reasons, then what keeps the item off the printed agenda, if anything.
    fn lines(&self) -> Vec<String> {
        let kind = self.item.kind.as_str();
        let mut lines = self.item.why.clone();
        if let Some(cap) = self.capped {
            lines.push(format!(
                "left out by rules.nudges_per_kind {cap}: \"… N more {kind}\"; all of them: --kind {kind}"
            ));
        }
        if let Some(until) = self.beyond {
            lines.push(format!(
                "due after the agenda's last day, {until} (rules.horizon or --days): not shown yet"
            ));
        }
        if let Some(since) = self.held {
            lines.push(format!(
                "due before since: {since} in ties.yaml: held back; shown by ties agenda --all"
            ));
        }
        match self.set_aside {
            Some(Entry::Done(day)) => lines.push(format!(
                "set aside on {day} in {} (`ties done`): not shown; delete its line to bring it back",
                crate::dismissed::FILE
            )),
            Some(Entry::Until(day)) if day > self.today => lines.push(format!(
                "snoozed until {day} in {} (`ties snooze`): not shown before then",
                crate::dismissed::FILE
            )),
            _ => {}
        }
        lines.extend(self.done.clone());
        lines
    }
}

#[derive(serde::Serialize)]
struct JsonExplained<'a> {
    #[serde(flatten)]
    item: JsonItem<'a>,
    why: Vec<String>,
    /// Whether the cap of its kind left it out.
    capped: bool,
}

impl Render for Explained<'_> {
    fn text(&self, out: &mut impl Write) -> io::Result<()> {
        let item = self.item;
        let due = item.due.to_string();
        writeln!(
            out,
            "{BOLD}{}{BOLD:#} ({})  {}, due {due} ({})",
            item.key(),
            item.short(),
            item.kind.as_str(),
            relative(self.today, item.due.date())
        )?;
        writeln!(
            out,
            "  {}  {DIM}{}{DIM:#}",
            safe(&item.title),
            safe(&item.path)
        )?;
        writeln!(out, "why:")?;
        for line in self.lines() {
            writeln!(out, "  {}", safe(&line))?;
        }
        writeln!(out, "clear: {}", safe(&item.clear))
    }

    fn markdown(&self, out: &mut impl Write) -> io::Result<()> {
        self.text(out)
    }

    fn csv(&self, out: &mut impl Write, _: Cells) -> io::Result<()> {
        self.text(out)
    }

    fn json(&self, out: &mut impl Write) -> io::Result<()> {
        render::json(
            out,
            &JsonExplained {
                item: JsonItem::of(self.item),
                why: self.lines(),
                capped: self.capped.is_some(),
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_never_breaks_a_word() {
        assert_eq!(wrap("a bb ccc", 4), ["a bb", "ccc"]);
        assert_eq!(wrap("ties done bkfq", 3), ["ties", "done", "bkfq"]);
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("été été", 7), ["été été"]);
    }

    /// Wrapping as first written, measuring each line whole for every word.
    fn wrap_measuring_lines(text: &str, width: usize) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            if !line.is_empty() && line.width() + 1 + word.width() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    #[test]
    fn a_line_measured_word_by_word_wraps_as_one_measured_whole() {
        // Wide letters, combining marks, emoji with a variation selector and a zero-width
        // joiner, a tab: what a title may hold that is not one column a byte.
        let pieces = [
            "a",
            "bb",
            "été",
            "名前",
            "e\u{301}",
            "\u{2764}\u{fe0f}",
            "\u{1f469}\u{200d}\u{1f4bb}",
            "\t",
            "ﷺ",
            " ",
            "  ",
        ];
        let mut rng = crate::rng::Rng::new(8);
        for _ in 0..2_000 {
            let text: String = (0..rng.below(24)).map(|_| *rng.pick(&pieces)).collect();
            let width = 1 + rng.below(30);
            assert_eq!(
                wrap(&text, width),
                wrap_measuring_lines(&text, width),
                "{text:?} in {width}"
            );
        }
    }
}
