//! What the pages show, built from the same structs as `ties agenda`, `ties report`, `ties
//! list` and `ties show`: plain strings and numbers ready for the template, every notebook
//! string made safe for a line (control characters and bidi overrides shown, as on a
//! terminal) and, with `--redact`, names turned into initials. The template escapes HTML.

use std::collections::HashMap;
use std::fmt::Write;

use chrono::{NaiveDate, TimeDelta};

use crate::agenda::relative;
use crate::agenda::{self, Agenda, Group, Item, ItemKind};
use crate::html::chart::{self, ActivityChart, FunnelChart, Heatmap, Meter};
use crate::html::redact::Redactor;
use crate::index::Index;
use crate::model::Kind;
use crate::model::contact::Role;
use crate::model::contact::{Tie, Warmth};
use crate::period::{self, Period};
use crate::render::{self, escape};
use crate::report::activity::{self, Activity};
use crate::report::companies::{Companies, RoleCounts};
use crate::report::events::{self, Events};
use crate::report::goals::{Cadence, Goals};
use crate::report::overview::{self, Overview};
use crate::report::{Granularity, dated_facts};
use crate::show::{self, EntryKind};

/// Everything the page shows.
pub(crate) struct View {
    pub title: String,
    pub as_of: String,
    pub records: String,
    pub today: Today,
    pub funnel: FunnelView,
    pub activity: ActivityView,
    pub companies: CompaniesView,
    pub people: Vec<PersonRow>,
    pub persons: Vec<PersonPanel>,
    pub events: EventsView,
    pub goals: GoalsView,
    pub redacted: bool,
}

pub(crate) struct Today {
    pub groups: Vec<AgendaGroup>,
    /// "… 2 more coverage": nudges the cap of their kind left out.
    pub capped: Vec<String>,
    pub empty: Option<String>,
    pub footer: Option<String>,
}

pub(crate) struct AgendaGroup {
    pub class: &'static str,
    pub heading: String,
    pub items: Vec<AgendaItem>,
}

pub(crate) struct AgendaItem {
    pub due: String,
    pub relative: String,
    pub kind: &'static str,
    pub title: String,
    pub who: String,
    /// The person's panel, when the item is about a contact.
    pub href: Option<String>,
    /// The file, the command that clears the item and its key; none when redacted (they
    /// name the person).
    pub path: Option<String>,
    pub clear: Option<String>,
    /// The `ties draft …` that writes the message clearing it, if a message does.
    pub draft: Option<String>,
    pub key: Option<String>,
    /// `ties agenda --explain KEY`: why the item is there.
    pub why: Vec<String>,
}

pub(crate) struct FunnelView {
    pub contacts: u32,
    pub rows: Vec<FunnelRow>,
    pub chart: FunnelChart,
}

pub(crate) struct FunnelRow {
    pub stage: &'static str,
    pub contacts: u32,
    pub reached: u32,
    pub conversion: String,
}

pub(crate) struct ActivityView {
    pub range: String,
    pub charts: Vec<ActivityChart>,
    pub rows: Vec<ActivityRow>,
    pub heatmap: Heatmap,
}

pub(crate) struct ActivityRow {
    pub label: String,
    pub start: String,
    pub outreach: u32,
    pub follow_ups: u32,
    pub chats: u32,
    pub events: u32,
}

pub(crate) struct CompaniesView {
    pub summary: String,
    pub goal: String,
    pub roles: [&'static str; 3],
    pub rows: Vec<CompanyRow>,
}

pub(crate) struct CompanyRow {
    pub name: String,
    pub roles: Vec<RoleCell>,
    pub people: u32,
    pub outreach: u32,
    pub replies: u32,
    pub chats: u32,
    pub missing: String,
}

pub(crate) struct RoleCell {
    pub count: u32,
    pub goal: u32,
    pub ok: bool,
}

pub(crate) struct PersonRow {
    pub href: String,
    pub name: String,
    pub company: String,
    pub role: &'static str,
    pub stage: &'static str,
    /// The stage's place in the funnel, so the table sorts stages in funnel order.
    pub stage_rank: usize,
    pub tie: &'static str,
    pub warmth: &'static str,
    pub last: String,
}

pub(crate) struct PersonPanel {
    pub anchor: String,
    pub name: String,
    pub facts: Vec<(&'static str, String)>,
    pub next: Option<String>,
    pub items: Vec<AgendaItem>,
    pub introduced_by: Vec<Link>,
    pub introduced: Vec<Link>,
    pub timeline: Vec<TimelineEntry>,
    pub path: Option<String>,
}

pub(crate) struct Link {
    pub href: Option<String>,
    pub name: String,
}

pub(crate) struct TimelineEntry {
    pub date: String,
    pub kind: &'static str,
    pub title: String,
}

pub(crate) struct EventsView {
    pub summary: String,
    pub rows: Vec<EventRow>,
}

pub(crate) struct EventRow {
    pub date: String,
    pub name: String,
    pub kind: &'static str,
    pub goal: String,
    pub met: u32,
    pub result: &'static str,
}

pub(crate) struct GoalsView {
    pub range: String,
    pub rows: Vec<GoalRow>,
}

pub(crate) struct GoalRow {
    pub goal: &'static str,
    pub cadence: &'static str,
    pub count: u32,
    pub target: u32,
    pub met: bool,
    pub streak: String,
    pub meter: Meter,
}

/// The reports the page shows, as `ties report` builds them with no period: the overview
/// (funnel, goals, companies), activity and events.
pub(crate) struct Reports {
    pub overview: Overview,
    pub activity: Activity,
    pub events: Events,
}

impl Reports {
    pub(crate) fn build(index: &Index) -> Self {
        Self {
            overview: overview::build(index, Period::ALL),
            activity: activity::build(index, Period::ALL, Granularity::Week),
            events: events::build(index, Period::ALL),
        }
    }
}

/// Turns notebook text into what the page may show.
struct Words {
    redactor: Option<Redactor>,
}

impl Words {
    /// One line of notebook text: control characters shown, names redacted.
    fn line(&self, text: &str) -> String {
        let safe = escape::line(text);
        match &self.redactor {
            Some(r) => r.text(&safe),
            None => safe.into_owned(),
        }
    }

    fn redacted(&self) -> bool {
        self.redactor.is_some()
    }

    /// What a person's link points at: `#person-maya-chen`, or a number when redacted.
    fn anchor(&self, id: &str, n: usize) -> String {
        if self.redacted() {
            return format!("person-{n}");
        }
        let mut anchor = String::from("person-");
        for c in id.chars() {
            if c.is_alphanumeric() || matches!(c, '-' | '_') {
                anchor.push(c);
            } else {
                for b in c.encode_utf8(&mut [0; 4]).bytes() {
                    let _ = write!(anchor, "_{b:02x}");
                }
            }
        }
        anchor
    }
}

pub(crate) fn build(index: &Index, redact: bool) -> View {
    let words = Words {
        redactor: redact.then(|| Redactor::new(index)),
    };
    let reports = Reports::build(index);
    let agenda = agenda::build(index, None, &agenda::Filter::default());
    let anchors: HashMap<&str, String> = index
        .contacts()
        .enumerate()
        .map(|(n, (doc, _))| (doc.id.as_str(), words.anchor(doc.id.as_str(), n + 1)))
        .collect();
    let o = &reports.overview;
    let title = match &index.settings.conventions.owner {
        Some(owner) => format!("{}'s network", escape::line(owner)),
        None => "Your network".to_owned(),
    };
    let records = format!(
        "{}, {}, {}, {}",
        crate::render::count(o.records.contacts, "contact", "contacts"),
        crate::render::count(o.records.companies, "company", "companies"),
        crate::render::count(o.records.chats, "chat", "chats"),
        crate::render::count(o.records.events, "event", "events"),
    );
    View {
        title,
        as_of: format!(
            "{} ({})",
            index.today().format("%a %Y-%m-%d"),
            period::week_label(index.today())
        ),
        records,
        today: today(&agenda, &words, &anchors),
        funnel: funnel(o),
        activity: activity_view(index, &reports.activity),
        companies: companies(&o.companies, &words),
        people: people(index, &words, &anchors),
        persons: persons(index, &agenda, &words, &anchors),
        events: events_view(&reports.events, &words),
        goals: goals(&o.goals),
        redacted: redact,
    }
}

fn item(
    item: &Item,
    today: NaiveDate,
    words: &Words,
    anchors: &HashMap<&str, String>,
) -> AgendaItem {
    let redacted = words.redacted();
    // A task's text, a next action's words and a chat's preparation quote the notes: a
    // redacted page says what kind of item it is and whom it is about, no more.
    let title = match item.kind {
        ItemKind::Task if redacted => format!("A task about {}", words.line(&item.who)),
        ItemKind::Next if redacted => format!("Next step with {}", words.line(&item.who)),
        ItemKind::Prepare if redacted => {
            format!("Prepare the chat with {}", words.line(&item.who))
        }
        _ => words.line(&item.title),
    };
    AgendaItem {
        due: item.due.to_string().replace('T', " "),
        relative: relative(today, item.due.date()),
        kind: item.kind.as_str(),
        title,
        who: words.line(&item.who),
        href: anchors.get(item.id.as_str()).map(|a| format!("#{a}")),
        path: (!redacted).then(|| words.line(&item.path)),
        clear: (!redacted).then(|| words.line(&item.clear)),
        draft: crate::compose::hint::draft(item)
            .filter(|_| !redacted)
            .map(|d| words.line(&d)),
        key: (!redacted).then(|| item.key()),
        why: if redacted {
            Vec::new()
        } else {
            item.why.iter().map(|w| words.line(w)).collect()
        },
    }
}

fn today(agenda: &Agenda, words: &Words, anchors: &HashMap<&str, String>) -> Today {
    let groups = [Group::Overdue, Group::Today, Group::Upcoming]
        .into_iter()
        .filter_map(|group| {
            let items: Vec<AgendaItem> = agenda
                .items
                .iter()
                .filter(|i| i.group == group)
                .map(|i| item(i, agenda.today, words, anchors))
                .collect();
            let heading = render::agenda::heading(agenda, group);
            (!items.is_empty()).then_some(AgendaGroup {
                class: group.as_str(),
                heading,
                items,
            })
        })
        .collect();
    Today {
        groups,
        capped: render::agenda::capped(agenda),
        empty: agenda.items.is_empty().then(|| {
            format!(
                "Nothing to do until {}. Time to reach out to someone new?",
                agenda.until
            )
        }),
        footer: render::agenda::footer(agenda),
    }
}

fn funnel(o: &Overview) -> FunnelView {
    let f = &o.funnel;
    FunnelView {
        contacts: f.contacts,
        rows: f
            .stages
            .iter()
            .map(|row| FunnelRow {
                stage: row.stage.as_str(),
                contacts: row.contacts,
                reached: row.reached,
                conversion: row.conversion.map_or_else(String::new, |p| format!("{p}%")),
            })
            .collect(),
        chart: chart::funnel(f),
    }
}

fn activity_view(index: &Index, a: &Activity) -> ActivityView {
    let weekly = &index.settings.goals.weekly;
    ActivityView {
        range: format!("{} to {}", a.period.start, a.period.end),
        charts: chart::activity(a, weekly),
        rows: a
            .rows
            .iter()
            .map(|b| ActivityRow {
                label: b.label.clone(),
                start: b.start.to_string(),
                outreach: b.counts.outreach,
                follow_ups: b.counts.follow_ups,
                chats: b.counts.chats,
                events: b.counts.events,
            })
            .collect(),
        heatmap: heatmap(index),
    }
}

/// Interactions per day over the 53 weeks up to this one, like a contributions calendar.
fn heatmap(index: &Index) -> Heatmap {
    let end = period::week_range(index.today()).end;
    let start = period::week_start(end) - TimeDelta::weeks(52);
    let mut per_day: HashMap<NaiveDate, u32> = HashMap::new();
    for (day, _) in dated_facts(index) {
        if day >= start && day <= index.today() {
            *per_day.entry(day).or_default() += 1;
        }
    }
    chart::heatmap(start, index.today(), &per_day)
}

fn companies(c: &Companies, words: &Words) -> CompaniesView {
    let roles = RoleCounts::ROLES.map(Role::as_str);
    CompaniesView {
        summary: format!(
            "{} of {} target companies (goal), {} with every role covered",
            c.targets, c.target_goal, c.covered
        ),
        goal: format!(
            "goal per company: {} developer, {} manager, {} recruiter",
            c.goal.developer, c.goal.manager, c.goal.recruiter
        ),
        roles,
        rows: c
            .rows
            .iter()
            .map(|row| CompanyRow {
                name: words.line(&row.name),
                roles: RoleCounts::ROLES
                    .iter()
                    .map(|&r| RoleCell {
                        count: row.roles.get(r),
                        goal: c.goal.get(r),
                        ok: row.roles.get(r) >= c.goal.get(r),
                    })
                    .collect(),
                people: row.people,
                outreach: row.outreach,
                replies: row.replies,
                chats: row.chats,
                missing: row.missing.join(", "),
            })
            .collect(),
    }
}

fn company_name(index: &Index, contact: &crate::model::Contact) -> String {
    contact.company.as_ref().map_or_else(String::new, |c| {
        let id = index.canonical(Kind::Company, &c.value);
        index.name_of(id)
    })
}

fn people(index: &Index, words: &Words, anchors: &HashMap<&str, String>) -> Vec<PersonRow> {
    let mut rows: Vec<PersonRow> = index
        .contacts()
        .map(|(doc, c)| {
            let id = doc.id.as_str();
            let stage = index.stage(id, c);
            PersonRow {
                href: format!("#{}", anchors[id]),
                name: words.line(&c.name),
                company: words.line(&company_name(index, c)),
                role: c.role.map_or("", Role::as_str),
                stage: stage.as_str(),
                stage_rank: stage as usize,
                tie: c.tie.map_or("", Tie::as_str),
                warmth: c.warmth.map_or("", Warmth::as_str),
                last: index
                    .last_interaction(id, c)
                    .map_or_else(String::new, |d| d.to_string()),
            }
        })
        .collect();
    rows.sort_by_key(|row| row.name.to_lowercase());
    rows
}

/// Who introduced whom, both ways, from `introduced_by` and chats' `referrals`: (introducer,
/// introduced) pairs of canonical contact ids.
fn introductions(index: &Index) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for (doc, c) in index.contacts() {
        if let Some(by) = &c.introduced_by {
            let by = index.canonical(Kind::Contact, &by.value);
            pairs.push((by.to_string(), doc.id.to_string()));
        }
    }
    for (_, chat) in index.chats() {
        for with in &chat.with {
            for r in &chat.referrals {
                pairs.push((
                    index.canonical(Kind::Contact, &with.value).to_string(),
                    index.canonical(Kind::Contact, &r.value).to_string(),
                ));
            }
        }
    }
    pairs.sort();
    pairs.dedup();
    pairs
}

fn persons(
    index: &Index,
    agenda: &Agenda,
    words: &Words,
    anchors: &HashMap<&str, String>,
) -> Vec<PersonPanel> {
    let mut items: HashMap<&str, Vec<&Item>> = HashMap::new();
    for i in &agenda.items {
        items.entry(i.id.as_str()).or_default().push(i);
    }
    let pairs = introductions(index);
    let link = |id: &str| Link {
        href: anchors.get(id).map(|a| format!("#{a}")),
        name: words.line(&index.name_of(&crate::model::Id::from_reference(id))),
    };
    let mut by: HashMap<&str, Vec<Link>> = HashMap::new();
    let mut to: HashMap<&str, Vec<Link>> = HashMap::new();
    for (introducer, introduced) in &pairs {
        by.entry(introduced.as_str())
            .or_default()
            .push(link(introducer));
        to.entry(introducer.as_str())
            .or_default()
            .push(link(introduced));
    }
    let referrals = show::Referrals::of(index);
    index
        .contacts()
        .map(|(doc, c)| {
            let id = doc.id.as_str();
            let shown = show::of_with(index, doc, &referrals);
            let mut facts: Vec<(&'static str, String)> = Vec::new();
            let company = company_name(index, c);
            if !company.is_empty() {
                facts.push(("company", words.line(&company)));
            }
            if let Some(title) = &c.title {
                facts.push(("title", words.line(title)));
            }
            if let Some(role) = c.role {
                facts.push(("role", role.as_str().to_owned()));
            }
            facts.push(("stage", index.stage(id, c).as_str().to_owned()));
            if let Some(tie) = c.tie {
                facts.push(("tie", tie.as_str().to_owned()));
            }
            if let Some(warmth) = c.warmth {
                facts.push(("warmth", warmth.as_str().to_owned()));
            }
            if let Some(last) = index.last_interaction(id, c) {
                facts.push(("last interaction", last.to_string()));
            }
            let next = c.next.as_ref().map(|n| {
                if words.redacted() {
                    format!("{}: next step", n.date.value)
                } else {
                    format!("{}: {}", n.date.value, words.line(n.what()))
                }
            });
            let timeline = shown
                .timeline
                .iter()
                .map(|e| TimelineEntry {
                    date: e
                        .date
                        .map_or_else(String::new, |d| d.to_string().replace('T', " ")),
                    kind: e.kind.as_str(),
                    title: if words.redacted()
                        && matches!(e.kind, EntryKind::Task | EntryKind::Next)
                    {
                        e.kind.as_str().to_owned()
                    } else {
                        words.line(&e.title)
                    },
                })
                .collect();
            PersonPanel {
                anchor: anchors[id].clone(),
                name: words.line(&c.name),
                facts,
                next,
                items: items
                    .get(id)
                    .into_iter()
                    .flatten()
                    .map(|i| item(i, index.today(), words, anchors))
                    .collect(),
                introduced_by: by.remove(id).unwrap_or_default(),
                introduced: to.remove(id).unwrap_or_default(),
                timeline,
                path: (!words.redacted()).then(|| words.line(&doc.path)),
            }
        })
        .collect()
}

fn events_view(e: &Events, words: &Words) -> EventsView {
    EventsView {
        summary: format!(
            "{} attended, {} met, goal met at {} of {}",
            e.attended,
            agenda::people(e.people_met as usize),
            e.goals_met,
            e.with_goal
        ),
        rows: e
            .rows
            .iter()
            .map(|r| EventRow {
                date: r.date.to_string(),
                name: words.line(&r.name),
                kind: r.kind.unwrap_or(""),
                goal: r.goal.map_or_else(String::new, |g| g.to_string()),
                met: r.met,
                result: r.result.as_str(),
            })
            .collect(),
    }
}

fn goals(g: &Goals) -> GoalsView {
    GoalsView {
        range: format!(
            "{} ({} to {})",
            period::week_label(g.period.start),
            g.period.start,
            g.period.end
        ),
        rows: g
            .rows
            .iter()
            .map(|r| GoalRow {
                goal: r.goal,
                cadence: match r.cadence {
                    Cadence::Weekly => "week",
                    Cadence::Total => "total",
                },
                count: r.count,
                target: r.target,
                met: r.met,
                streak: r.streak.map_or_else(String::new, |s| s.to_string()),
                meter: chart::meter(r.count, r.target),
            })
            .collect(),
    }
}
