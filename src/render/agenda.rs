//! The agenda as text (org-agenda-like groups and aligned columns), Markdown (a checklist to
//! paste into a note) and JSON (the spec's fields, always present).

use std::io::{self, Write};

use chrono::NaiveDate;

use crate::agenda::{Agenda, Group, Item};
use crate::render::escape::safe;
use crate::render::table::{Align, Table};
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

/// "3 days overdue", "today", "in 2 days".
pub(crate) fn relative(today: NaiveDate, due: NaiveDate) -> String {
    let days = (due - today).num_days();
    let unit = |n: i64| {
        if n == 1 {
            "1 day".to_owned()
        } else {
            format!("{n} days")
        }
    };
    match days {
        0 => "today".to_owned(),
        d if d < 0 => format!("{} overdue", unit(-d)),
        d => format!("in {}", unit(d)),
    }
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
    /// How to clear it: a command or the field to write.
    clear: &'a str,
    /// The `ties draft` command that writes the message it asks for, if one does.
    draft: Option<String>,
}

impl<'a> JsonItem<'a> {
    fn of(i: &'a Item) -> Self {
        JsonItem {
            group: i.group,
            due: i.due.to_string(),
            kind: i.kind.as_str(),
            id: i.id.as_str(),
            who: &i.who,
            path: &i.path,
            title: &i.title,
            key: i.key(),
            clear: &i.clear,
            draft: crate::compose::hint::draft(i),
        }
    }
}

impl Render for Agenda {
    fn text(&self, out: &mut impl Write) -> io::Result<()> {
        let agenda = self;
        if agenda.items.is_empty() {
            writeln!(
                out,
                "Nothing to do until {}. Time to reach out to someone new?",
                agenda.until
            )?;
        }
        let rel: Vec<String> = agenda
            .items
            .iter()
            .map(|i| relative(agenda.today, i.due.date()))
            .collect();
        let widest = |len: fn(&Item) -> usize| agenda.items.iter().map(len).max();
        let due_w = widest(|i| i.due.to_string().len()).unwrap_or(10);
        let rel_w = rel.iter().map(String::len).max().unwrap_or(0);
        let kind_w = widest(|i| i.kind.as_str().len()).unwrap_or(0);
        let mut first = true;
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
                let due = item.due.to_string().replace('T', " ");
                let rel = relative(agenda.today, item.due.date());
                writeln!(
                    out,
                    "  {due:<due_w$}  {rel:<rel_w$}  {BOLD}{:<kind_w$}{BOLD:#}  {}  {DIM}{}{DIM:#}",
                    item.kind.as_str(),
                    safe(&item.title),
                    safe(&item.path)
                )?;
                // Under the title, so the columns stay aligned and the line stays short.
                let indent = due_w + rel_w + kind_w + 8;
                let draft = crate::compose::hint::draft(item)
                    .map_or_else(String::new, |d| format!("  (draft it: {})", safe(&d)));
                writeln!(
                    out,
                    "{:indent$}{DIM}→ {}{draft}{DIM:#}",
                    "",
                    safe(&item.clear)
                )?;
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
                let due = item.due.to_string().replace('T', " ");
                let draft = crate::compose::hint::draft(item)
                    .map_or_else(String::new, |d| format!("; draft: {}", safe(&d)));
                writeln!(
                    out,
                    "- [ ] {due} · {}: {} ([{}]({})); clear: {}{draft}",
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
            "group", "due", "kind", "id", "who", "path", "title", "key", "clear", "draft",
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
                i.clear.as_str().into(),
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
        let due = item.due.to_string().replace('T', " ");
        writeln!(
            out,
            "{BOLD}{}{BOLD:#}  {}, due {due} ({})",
            item.key(),
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
    fn relative_days() {
        let d = |s| crate::model::time::parse_date(s).unwrap();
        assert_eq!(relative(d("2026-11-21"), d("2026-11-18")), "3 days overdue");
        assert_eq!(relative(d("2026-11-21"), d("2026-11-20")), "1 day overdue");
        assert_eq!(relative(d("2026-11-21"), d("2026-11-21")), "today");
        assert_eq!(relative(d("2026-11-21"), d("2026-11-23")), "in 2 days");
    }
}
