//! Reports as text (titled, aligned tables; colour only where the stream allows it; the
//! activity report with a bar chart), Markdown (the same tables under headings), CSV (the
//! report's main table, one header row, for a spreadsheet) and JSON (the report's data as
//! built). Every table is filled once here and rendered three ways, so the figures agree.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use crate::period;
use crate::render::table::{Align, Cell, Table};
use crate::render::{self, BOLD, DIM, ERROR, Render, WARNING, count};
use crate::report::activity::Activity;
use crate::report::companies::Companies;
use crate::report::events::{EventResult, Events};
use crate::report::funnel::Funnel;
use crate::report::goals::{Cadence, GoalRow, Goals};
use crate::report::overview::Overview;
use crate::report::templates::Templates;
use crate::report::{Counts, Granularity, Report};
use crate::spreadsheet::Cells;

const GOOD: Style = AnsiColor::Green.on_default();

/// The widest bar of the activity chart, in cells.
const BAR_WIDTH: u32 = 40;

/// The shades of a stacked activity bar: outreach, follow-ups, chats, events. Shades rather
/// than colours alone, so the chart still reads when piped or printed.
const SHADES: [(char, &str); 4] = [
    ('█', "outreach"),
    ('▓', "follow-ups"),
    ('▒', "chats"),
    ('░', "events"),
];

/// A titled table with lines of text under it.
struct Section {
    title: String,
    table: Table,
    notes: Vec<String>,
}

fn title(report: &Report) -> &'static str {
    report.kind().title()
}

/// Lines before the sections, and the sections; `bars` draws the activity chart.
fn sections(report: &Report, bars: bool) -> (Vec<String>, Vec<Section>) {
    match report {
        Report::Overview(o) => overview(o),
        Report::Funnel(f) => (Vec::new(), vec![funnel(f)]),
        Report::Companies(c) => (Vec::new(), vec![companies(c)]),
        Report::Activity(a) => (Vec::new(), vec![activity(a, bars)]),
        Report::Goals(g) => (Vec::new(), vec![goals(g)]),
        Report::Events(e) => (Vec::new(), vec![events(e)]),
        Report::Templates(t) => (Vec::new(), vec![templates(t)]),
    }
}

fn overview(o: &Overview) -> (Vec<String>, Vec<Section>) {
    let r = &o.records;
    let w = &o.warmth;
    let lead = vec![
        format!(
            "As of {} ({})",
            o.today.format("%a %Y-%m-%d"),
            period::week_label(o.today)
        ),
        format!(
            "{}, {}, {}, {}",
            count(r.contacts, "contact", "contacts"),
            count(r.companies, "company", "companies"),
            count(r.chats, "chat", "chats"),
            count(r.events, "event", "events")
        ),
        format!(
            "Warmth: {} warm (goal {}), {} cold, {} not set",
            w.warm, w.goal, w.cold, w.unset
        ),
    ];
    (
        lead,
        vec![funnel(&o.funnel), goals(&o.goals), companies(&o.companies)],
    )
}

fn overview_metrics(o: &Overview) -> Table {
    let mut t = Table::new(&[("metric", Align::Left), ("value", Align::Right)]);
    let mut add = |k: String, v: String| t.push(vec![k.into(), v.into()]);
    let r = &o.records;
    for (k, v) in [
        ("contacts", r.contacts),
        ("companies", r.companies),
        ("chats", r.chats),
        ("events", r.events),
        ("warm", o.warmth.warm),
        ("cold", o.warmth.cold),
        ("warmth_unset", o.warmth.unset),
    ] {
        add(k.to_owned(), v.to_string());
    }
    for s in &o.funnel.stages {
        let stage = s.stage.as_str();
        add(format!("stage.{stage}.contacts"), s.contacts.to_string());
        add(format!("stage.{stage}.reached"), s.reached.to_string());
        if let Some(c) = s.conversion {
            add(format!("stage.{stage}.conversion"), format!("{c}%"));
        }
    }
    for g in &o.goals.rows {
        add(format!("goal.{}.count", g.goal), g.count.to_string());
        add(format!("goal.{}.target", g.goal), g.target.to_string());
        add(format!("goal.{}.met", g.goal), met_text(g).to_owned());
        if let Some(s) = g.streak {
            add(format!("goal.{}.streak", g.goal), s.to_string());
        }
    }
    let c = &o.companies;
    add("target_companies.covered".to_owned(), c.covered.to_string());
    t
}

const fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

fn yes_no_cell(b: bool) -> Cell {
    Cell::styled(yes_no(b), if b { GOOD } else { ERROR })
}

/// Whether a goal is met; "off" for a target of 0 (`events: 0` switches a goal off), which
/// every count meets and so would read as a "yes" nobody earned.
const fn met_text(g: &GoalRow) -> &'static str {
    if g.target == 0 { "off" } else { yes_no(g.met) }
}

fn funnel(f: &Funnel) -> Section {
    let contacts = count(f.contacts, "contact", "contacts");
    let title = if f.period.is_all() {
        format!("Funnel: {contacts}")
    } else {
        format!("Funnel: {contacts} first in touch {}", f.period.describe())
    };
    Section {
        title,
        table: funnel_table(f),
        notes: vec![
            "reached: at this stage or later; to next: the share of those that reached the next stage"
                .to_owned(),
        ],
    }
}

fn funnel_table(f: &Funnel) -> Table {
    let mut t = Table::new(&[
        ("stage", Align::Left),
        ("contacts", Align::Right),
        ("reached", Align::Right),
        ("to next", Align::Right),
    ]);
    for s in &f.stages {
        t.push(vec![
            s.stage.as_str().into(),
            s.contacts.into(),
            s.reached.into(),
            s.conversion
                .map_or_else(String::new, |c| format!("{c}%"))
                .into(),
        ]);
    }
    t
}

fn companies(c: &Companies) -> Section {
    let g = &c.goal;
    let title = format!(
        "Target companies: {} of {} (goal), {} with every role covered",
        c.targets, c.target_goal, c.covered
    );
    let mut notes = vec![format!(
        "goal per company: {} developer, {} manager, {} recruiter; outreach, replies and chats: {}",
        g.developer,
        g.manager,
        g.recruiter,
        c.period.describe()
    )];
    if c.rows.is_empty() {
        notes.insert(
            0,
            format!(
                "no target companies yet: mark some with `status: target` in {}/",
                render::escape::safe(&c.folder)
            ),
        );
    }
    Section {
        title,
        table: companies_table(c),
        notes,
    }
}

fn companies_table(c: &Companies) -> Table {
    let mut t = Table::new(&[
        ("company", Align::Left),
        ("developer", Align::Right),
        ("manager", Align::Right),
        ("recruiter", Align::Right),
        ("people", Align::Right),
        ("outreach", Align::Right),
        ("replies", Align::Right),
        ("chats", Align::Right),
        ("missing", Align::Left),
    ]);
    for row in &c.rows {
        let role = |n: u32, goal: u32| {
            Cell::styled(n.to_string(), if n < goal { WARNING } else { Style::new() })
        };
        t.push(vec![
            Cell::styled(row.name.clone(), BOLD),
            role(row.roles.developer, c.goal.developer),
            role(row.roles.manager, c.goal.manager),
            role(row.roles.recruiter, c.goal.recruiter),
            row.people.into(),
            row.outreach.into(),
            row.replies.into(),
            row.chats.into(),
            Cell::styled(row.missing.join(", "), WARNING),
        ]);
    }
    t
}

fn activity(a: &Activity, bars: bool) -> Section {
    let unit = match a.by {
        Granularity::Week => "week",
        Granularity::Month => "month",
    };
    let mut notes = Vec::new();
    if bars {
        let legend: Vec<String> = SHADES
            .iter()
            .map(|(c, name)| format!("{c} {name}"))
            .collect();
        notes.push(legend.join("  "));
    }
    notes.push("chats: done chats, not message threads; events: on or before today".to_owned());
    Section {
        title: format!("Activity by {unit}, {}", a.period),
        table: activity_table(a, bars, true),
        notes,
    }
}

/// One row per bucket; with `bars` a last column with the stacked bar, with `total` a last
/// row of sums.
fn activity_table(a: &Activity, bars: bool, total: bool) -> Table {
    let mut columns = vec![
        (
            match a.by {
                Granularity::Week => "week",
                Granularity::Month => "month",
            },
            Align::Left,
        ),
        ("start", Align::Left),
        ("outreach", Align::Right),
        ("follow-ups", Align::Right),
        ("chats", Align::Right),
        ("events", Align::Right),
    ];
    if bars {
        columns.push(("", Align::Left));
    }
    let mut t = Table::new(&columns);
    let max = a.rows.iter().map(|r| r.counts.total()).max().unwrap_or(0);
    let row = |label: Cell, start: String, c: &Counts, bar: Option<String>| {
        let mut cells = vec![
            label,
            start.into(),
            c.outreach.into(),
            c.follow_ups.into(),
            c.chats.into(),
            c.events.into(),
        ];
        cells.extend(bar.map(Cell::from));
        cells
    };
    for b in &a.rows {
        let bar = bars.then(|| bar(&b.counts, max));
        t.push(row(
            b.label.as_str().into(),
            b.start.to_string(),
            &b.counts,
            bar,
        ));
    }
    if total {
        let bar = bars.then(String::new);
        t.push(row(
            Cell::styled("total", BOLD),
            String::new(),
            &a.totals,
            bar,
        ));
    }
    t
}

/// A stacked bar, one shade per measure, scaled so the busiest bucket is at most
/// [`BAR_WIDTH`] cells; a measure with any count gets at least one cell.
fn bar(c: &Counts, max: u32) -> String {
    let cells = |n: u32| -> usize {
        if n == 0 {
            return 0;
        }
        let scaled = if max <= BAR_WIDTH {
            n
        } else {
            (n * BAR_WIDTH + max / 2) / max
        };
        scaled.max(1) as usize
    };
    [c.outreach, c.follow_ups, c.chats, c.events]
        .into_iter()
        .zip(SHADES)
        .map(|(n, (shade, _))| shade.to_string().repeat(cells(n)))
        .collect()
}

fn goals(g: &Goals) -> Section {
    let span = if g.period.start == period::week_start(g.period.start) && g.period.days() == 7 {
        format!("{} ({})", period::week_label(g.period.start), g.period)
    } else {
        g.period.to_string()
    };
    Section {
        title: format!("Goals, {span}"),
        table: goals_table(g),
        notes: vec![
            "weekly targets scaled to the period; streak: weeks met in a row up to this week, which counts once met"
                .to_owned(),
        ],
    }
}

fn goals_table(g: &Goals) -> Table {
    let mut t = Table::new(&[
        ("goal", Align::Left),
        ("per", Align::Left),
        ("count", Align::Right),
        ("target", Align::Right),
        ("met", Align::Left),
        ("streak", Align::Right),
    ]);
    for row in &g.rows {
        t.push(vec![
            row.goal.into(),
            match row.cadence {
                Cadence::Weekly => "week",
                Cadence::Total => "total",
            }
            .into(),
            row.count.into(),
            row.target.into(),
            if row.target == 0 {
                Cell::styled(met_text(row), DIM)
            } else {
                yes_no_cell(row.met)
            },
            row.streak
                .map_or_else(String::new, |s| s.to_string())
                .into(),
        ]);
    }
    t
}

fn events(e: &Events) -> Section {
    Section {
        title: format!(
            "Events, {}: {} attended, {} met, goal met at {} of {}",
            e.period.describe(),
            e.attended,
            crate::agenda::people(e.people_met as usize),
            e.goals_met,
            e.with_goal
        ),
        table: events_table(e),
        notes: Vec::new(),
    }
}

fn events_table(e: &Events) -> Table {
    let mut t = Table::new(&[
        ("date", Align::Left),
        ("event", Align::Left),
        ("kind", Align::Left),
        ("goal", Align::Right),
        ("met", Align::Right),
        ("result", Align::Left),
    ]);
    for row in &e.rows {
        let style = match row.result {
            EventResult::GoalMet => GOOD,
            EventResult::Short => ERROR,
            EventResult::NoGoal | EventResult::Upcoming => DIM,
        };
        t.push(vec![
            row.date.to_string().into(),
            row.name.as_str().into(),
            row.kind.unwrap_or("").into(),
            row.goal.map_or_else(String::new, |g| g.to_string()).into(),
            row.met.into(),
            Cell::styled(row.result.as_str(), style),
        ]);
    }
    t
}

fn templates(t: &Templates) -> Section {
    let total = &t.total;
    let rate = total.rate.map_or_else(
        || "no answer rate yet".to_owned(),
        |r| format!("{r}% answered"),
    );
    let mut notes = Vec::new();
    if t.rows.is_empty() {
        notes.push(
            "No message recorded with a template: `ties log outreach|follow-up|thank-you ID --template NAME` records one"
                .to_owned(),
        );
    } else {
        notes.push(format!(
            "answered: a reply within rules.follow_up_after ({}) of sending; waiting: still within it, left out of the rate",
            t.within
        ));
        notes.push(
            "likely: where the rate would settle over many more messages (95% of the time); few messages make it wide: 1 of 1 is 100%, likely 21–100%"
                .to_owned(),
        );
    }
    for c in &t.compared {
        notes.push(match &c.ahead {
            Some(ahead) => format!(
                "{}: {ahead} gets more answers than {} (their likely ranges are apart)",
                c.kind,
                c.templates[1..].join(", ")
            ),
            None => format!(
                "{}: too few messages yet to tell {} apart (their likely ranges overlap); keep sending and recording",
                c.kind,
                crate::compose::facts::and_list(&c.templates)
            ),
        });
    }
    Section {
        title: format!(
            "Templates, {}: {} sent, {rate} ({} of {}), {} waiting",
            t.period.describe(),
            total.sent,
            total.answered,
            total.answered + total.unanswered,
            total.waiting
        ),
        table: templates_table(t),
        notes,
    }
}

fn templates_table(t: &Templates) -> Table {
    let mut table = Table::new(&[
        ("template", Align::Left),
        ("kind", Align::Left),
        ("sent", Align::Right),
        ("answered", Align::Right),
        ("no answer", Align::Right),
        ("waiting", Align::Right),
        ("rate", Align::Right),
        ("likely", Align::Right),
    ]);
    for row in &t.rows {
        let tally = &row.tally;
        table.push(vec![
            row.template.as_str().into(),
            row.kind.unwrap_or("").into(),
            tally.sent.into(),
            tally.answered.into(),
            tally.unanswered.into(),
            tally.waiting.into(),
            tally
                .rate
                .map_or_else(String::new, |r| format!("{r}%"))
                .into(),
            tally
                .likely
                .map_or_else(String::new, |l| format!("{l}%"))
                .into(),
        ]);
    }
    table
}

impl Render for Report {
    fn text(&self, out: &mut impl Write) -> io::Result<()> {
        let report = self;
        let (lead, sections) = sections(report, true);
        for line in &lead {
            writeln!(out, "{line}")?;
        }
        for (i, section) in sections.iter().enumerate() {
            if i > 0 || !lead.is_empty() {
                writeln!(out)?;
            }
            writeln!(out, "{BOLD}{}{BOLD:#}", section.title)?;
            section.table.text(out, 2)?;
            for note in &section.notes {
                writeln!(out, "  {DIM}{note}{DIM:#}")?;
            }
        }
        Ok(())
    }

    fn markdown(&self, out: &mut impl Write) -> io::Result<()> {
        let report = self;
        let (lead, sections) = sections(report, false);
        writeln!(out, "# {}", title(report))?;
        if !lead.is_empty() {
            writeln!(out)?;
            for line in &lead {
                writeln!(out, "{line}  ")?;
            }
        }
        for section in &sections {
            writeln!(out, "\n## {}\n", section.title)?;
            section.table.markdown(out)?;
            for note in &section.notes {
                writeln!(out, "\n{note}")?;
            }
        }
        Ok(())
    }

    /// The report's main table; the overview, which has several, as `metric,value` lines.
    fn csv(&self, out: &mut impl Write, cells: Cells) -> io::Result<()> {
        let report = self;
        let table = match report {
            Report::Overview(o) => overview_metrics(o),
            Report::Funnel(f) => funnel_table(f),
            Report::Companies(c) => companies_table(c),
            Report::Activity(a) => activity_table(a, false, false),
            Report::Goals(g) => goals_table(g),
            Report::Events(e) => events_table(e),
            Report::Templates(t) => templates_table(t),
        };
        table.csv(out, cells)
    }

    fn json(&self, out: &mut impl Write) -> io::Result<()> {
        let report = self;
        render::json(out, report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(outreach: u32, follow_ups: u32, chats: u32, events: u32) -> Counts {
        Counts {
            outreach,
            follow_ups,
            chats,
            events,
        }
    }

    #[test]
    fn bars_stack_shades_and_scale_down() {
        assert_eq!(bar(&counts(3, 1, 2, 0), 6), "███▓▒▒");
        assert_eq!(bar(&counts(0, 0, 0, 0), 6), "");
        // 80 outreach in the busiest week: 40 cells; a single event still shows.
        assert_eq!(bar(&counts(80, 0, 0, 1), 81).chars().count(), 40 + 1);
        assert_eq!(bar(&counts(40, 0, 0, 0), 80).chars().count(), 20);
    }
}
