//! `ties next`: each item as its title, one line of why, and the command that clears it;
//! with `--explain`, every part of its urgency with its points.

use std::io::{self, Write};

use crate::render::agenda::{WIDTH, wrap};
use crate::render::escape::safe;
use crate::render::{self, BOLD, DIM, Render};
use crate::spreadsheet::Cells;
use crate::urgency::{Next, Part, Ranked};

impl Render for Next {
    fn text(&self, out: &mut impl Write) -> io::Result<()> {
        if self.ranked.is_empty() {
            return writeln!(
                out,
                "Nothing to do now. Time to reach out to someone new? (ties new contact \"NAME\")"
            );
        }
        for (n, ranked) in self.ranked.iter().enumerate() {
            if n > 0 {
                writeln!(out)?;
            }
            let item = &ranked.item;
            let title = safe(&item.title).to_string();
            for (i, line) in wrap(&title, WIDTH - 6).iter().enumerate() {
                if i == 0 {
                    writeln!(out, "{BOLD}{}{BOLD:#}  {line}", item.short())?;
                } else {
                    writeln!(out, "      {line}")?;
                }
            }
            if self.explain {
                writeln!(
                    out,
                    "      urgency {} ({}, due {}):",
                    ranked.urgency(),
                    item.kind.as_str(),
                    item.due
                )?;
                for Part { points, why } in &ranked.parts {
                    writeln!(out, "      {points:>+4}  {}", safe(why))?;
                }
            } else {
                let why = format!("why: {}", ranked.because());
                for line in wrap(&safe(&why).to_string(), WIDTH - 6) {
                    writeln!(out, "      {DIM}{line}{DIM:#}")?;
                }
            }
            writeln!(out, "      → {}", safe(&item.clear))?;
            if let Some(also) = &item.also {
                writeln!(out, "        {DIM}{}{DIM:#}", safe(also))?;
            }
        }
        if self.of > self.ranked.len() {
            let more = self.of - self.ranked.len();
            writeln!(
                out,
                "\n{DIM}{more} more on the agenda: ties next -n {}, or ties agenda{DIM:#}",
                self.of
            )?;
        }
        Ok(())
    }

    fn markdown(&self, out: &mut impl Write) -> io::Result<()> {
        for ranked in &self.ranked {
            let item = &ranked.item;
            writeln!(
                out,
                "- [ ] {} ({}): {}; clear: `{}`",
                safe(&item.title),
                ranked.urgency(),
                safe(&ranked.because()),
                safe(&item.clear)
            )?;
        }
        Ok(())
    }

    fn csv(&self, out: &mut impl Write, cells: Cells) -> io::Result<()> {
        use crate::render::table::{Align, Table};
        let mut table = Table::new(&[
            ("urgency", Align::Right),
            ("kind", Align::Left),
            ("title", Align::Left),
            ("why", Align::Left),
            ("key", Align::Left),
            ("short", Align::Left),
            ("clear", Align::Left),
        ]);
        for ranked in &self.ranked {
            let item = &ranked.item;
            table.push(vec![
                ranked.urgency().to_string().into(),
                item.kind.as_str().into(),
                item.title.as_str().into(),
                ranked.because().into(),
                item.key().into(),
                item.short().into(),
                item.clear.as_str().into(),
            ]);
        }
        table.csv(out, cells)
    }

    fn json(&self, out: &mut impl Write) -> io::Result<()> {
        #[derive(serde::Serialize)]
        struct JsonRanked<'a> {
            urgency: i32,
            kind: &'static str,
            id: &'a str,
            who: &'a str,
            due: String,
            path: &'a str,
            title: &'a str,
            why: String,
            parts: &'a [Part],
            key: String,
            short: String,
            clear: &'a str,
        }
        let items: Vec<JsonRanked> = self
            .ranked
            .iter()
            .map(|Ranked { item, parts }| JsonRanked {
                urgency: parts.iter().map(|p| p.points).sum(),
                kind: item.kind.as_str(),
                id: item.id.as_str(),
                who: &item.who,
                due: item.due.iso(),
                path: &item.path,
                title: &item.title,
                why: Ranked {
                    item: item.clone(),
                    parts: parts.clone(),
                }
                .because(),
                parts,
                key: item.key(),
                short: item.short(),
                clear: &item.clear,
            })
            .collect();
        render::json(out, &items)
    }
}
