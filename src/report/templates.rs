//! Which template gets replies: every message recorded with `ties log … --template` (the
//! `templates` entries of contacts and chats) whose day falls in the period, per template:
//! how many were sent, how many were answered within `rules.follow_up_after` (the wait
//! before a follow-up is due), how many were not, and how many are still within that
//! window with no answer yet, which the rate leaves out: a message sent yesterday has not
//! failed.
//!
//! An answer to a message sent on day D to a contact is, on a day from D to D +
//! `follow_up_after`: their `replied`, or a chat with them that is an answer (a done chat
//! that is not a message you sent). For a thank-you (an entry on a chat), the chat itself
//! does not count, and any of its contacts may answer.
//!
//! A handful of messages says little (1 of 1 is 100%), so each rate comes with where it
//! likely lies (a 95% Wilson score interval, which stays honest at 0 or all, and at 1
//! message), and two templates of a kind are said to differ only when their ranges are
//! apart.

use chrono::NaiveDate;

use crate::document::Document;
use crate::index::Index;
use crate::model::{Contact, Id, Kind, Record};
use crate::period::Period;
use crate::report::Percent;
use crate::template::DraftKind;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Templates {
    pub period: Period,
    /// `rules.follow_up_after`, as `ties` writes durations.
    pub within: String,
    pub rows: Vec<TemplateRow>,
    /// Every template together.
    pub total: Tally,
    /// Per kind with two templates or more with a decided message: does one get more
    /// answers, as far as the counts can tell.
    pub compared: Vec<Comparison>,
}

/// The templates of one kind side by side.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Comparison {
    pub kind: &'static str,
    /// The templates of the kind with a decided message, highest rate first.
    pub templates: Vec<String>,
    /// The first, when its likely range is wholly above every other's: a difference the
    /// counts show. `None` while the ranges overlap: too few messages to tell.
    pub ahead: Option<String>,
}

/// z for 95%, two-sided: how wide [`Likely`] is.
const Z: f64 = 1.959_963_984_540_054;

/// Where a rate likely lies: the 95% Wilson score interval, in whole percents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Likely {
    pub low: u8,
    pub high: u8,
}

impl Likely {
    /// For `part` of `whole` decided messages; `None` for none.
    pub(crate) fn of(part: u32, whole: u32) -> Option<Self> {
        if whole == 0 {
            return None;
        }
        let n = f64::from(whole);
        let p = f64::from(part) / n;
        let z2 = Z * Z;
        let center = p + z2 / (2.0 * n);
        let spread = Z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
        let scale = 1.0 + z2 / n;
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "clamped to 0..=100 first"
        )]
        let percent = |share: f64| (share * 100.0).round().clamp(0.0, 100.0) as u8;
        Some(Self {
            low: percent((center - spread) / scale),
            high: percent((center + spread) / scale),
        })
    }
}

impl std::fmt::Display for Likely {
    /// `15–85` (no `%` sign: the renderer adds it).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}–{}", self.low, self.high)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct TemplateRow {
    pub template: String,
    /// What the template drafts; `None` for a name no template has (any longer).
    pub kind: Option<&'static str>,
    #[serde(flatten)]
    pub tally: Tally,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Tally {
    pub sent: u32,
    /// Answered within the window.
    pub answered: u32,
    /// The window passed without an answer.
    pub unanswered: u32,
    /// Still within the window, no answer yet.
    pub waiting: u32,
    /// `answered` of `answered + unanswered`; `None` while none of them is decided.
    pub rate: Option<Percent>,
    /// Where the rate likely lies, given how few messages it is of.
    pub likely: Option<Likely>,
}

impl Tally {
    fn add(&mut self, outcome: Outcome) {
        self.sent += 1;
        match outcome {
            Outcome::Answered => self.answered += 1,
            Outcome::Unanswered => self.unanswered += 1,
            Outcome::Waiting => self.waiting += 1,
        }
        self.rate = Percent::of(self.answered, self.decided());
        self.likely = Likely::of(self.answered, self.decided());
    }

    /// Answered or not: the messages a rate is of.
    pub(crate) const fn decided(&self) -> u32 {
        self.answered + self.unanswered
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Answered,
    Unanswered,
    Waiting,
}

pub(crate) fn build(index: &Index, period: Period) -> Templates {
    let window = index.settings.rules.follow_up_after;
    let mut uses: Vec<(String, Outcome)> = Vec::new();
    for doc in &index.docs {
        let (entries, contacts, chat): (_, Vec<Id>, _) = match &doc.record {
            Some(Record::Contact(c)) => (&c.templates, vec![doc.id.clone()], None),
            Some(Record::Chat(c)) => (
                &c.templates,
                c.with
                    .iter()
                    .map(|w| index.canonical(Kind::Contact, &w.value).clone())
                    .collect(),
                Some(doc.path.as_str()),
            ),
            _ => continue,
        };
        for entry in entries.iter().filter(|e| period.contains(e.date.value)) {
            let sent = entry.date.value;
            let last = window.after_date(sent);
            let answered = contacts
                .iter()
                .any(|id| answers(index, id, chat).any(|d| sent <= d && d <= last));
            let outcome = if answered {
                Outcome::Answered
            } else if index.today() <= last {
                Outcome::Waiting
            } else {
                Outcome::Unanswered
            };
            uses.push((entry.template.clone(), outcome));
        }
    }
    let templates = index.templates();
    let mut rows: Vec<TemplateRow> = Vec::new();
    let mut total = Tally::default();
    for (name, outcome) in uses {
        total.add(outcome);
        let at = match rows.iter().position(|r| r.template == name) {
            Some(at) => at,
            None => {
                let kind = templates
                    .get(&name)
                    .filter(|l| l.template.name == name)
                    .and_then(|l| l.template.kind)
                    .map(DraftKind::as_str);
                rows.push(TemplateRow {
                    template: name,
                    kind,
                    tally: Tally::default(),
                });
                rows.len() - 1
            }
        };
        rows[at].tally.add(outcome);
    }
    // By kind in the order of a relationship (unknown ones last), then by name.
    let order = |kind: Option<&str>| {
        DraftKind::ALL
            .iter()
            .position(|k| Some(k.as_str()) == kind)
            .unwrap_or(usize::MAX)
    };
    rows.sort_by(|a, b| (order(a.kind), &a.template).cmp(&(order(b.kind), &b.template)));
    Templates {
        period,
        within: window.to_string(),
        compared: compare(&rows),
        rows,
        total,
    }
}

/// Per kind, its templates with a decided message, and the one ahead if the counts show
/// it: its likely range is above every other's. Overlapping ranges are "too few to tell",
/// however far apart the rates.
fn compare(rows: &[TemplateRow]) -> Vec<Comparison> {
    let mut compared = Vec::new();
    for kind in DraftKind::ALL.iter().map(|k| k.as_str()) {
        let mut decided: Vec<&TemplateRow> = rows
            .iter()
            .filter(|r| r.kind == Some(kind) && r.tally.decided() > 0)
            .collect();
        if decided.len() < 2 {
            continue;
        }
        decided.sort_by_key(|r| std::cmp::Reverse(r.tally.rate));
        let low = |r: &TemplateRow| r.tally.likely.map_or(0, |l| l.low);
        let high = |r: &TemplateRow| r.tally.likely.map_or(100, |l| l.high);
        let ahead = decided
            .iter()
            .skip(1)
            .all(|other| high(other) < low(decided[0]))
            .then(|| decided[0].template.clone());
        compared.push(Comparison {
            kind,
            templates: decided.iter().map(|r| r.template.clone()).collect(),
            ahead,
        });
    }
    compared
}

/// The days the contact `id` answered: `replied`, and the chats with them that are an
/// answer, but `except` (the chat a thank-you was for).
fn answers<'a>(
    index: &'a Index,
    id: &'a Id,
    except: Option<&'a str>,
) -> impl Iterator<Item = NaiveDate> + 'a {
    let replied = index
        .get(id.as_str())
        .and_then(|d: &Document| match &d.record {
            Some(Record::Contact(c)) => Some(&**c),
            _ => None,
        })
        .and_then(|c: &Contact| c.replied.as_ref().map(|r| r.value));
    let chats = index
        .chats_with(id.as_str())
        .filter(move |(d, c)| Some(d.path.as_str()) != except && c.is_reply(index.now()))
        .filter_map(|(_, c)| c.day());
    replied.into_iter().chain(chats)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(template: &str, answered: u32, unanswered: u32) -> TemplateRow {
        let mut tally = Tally::default();
        for _ in 0..answered {
            tally.add(Outcome::Answered);
        }
        for _ in 0..unanswered {
            tally.add(Outcome::Unanswered);
        }
        TemplateRow {
            template: template.to_owned(),
            kind: Some("outreach"),
            tally,
        }
    }

    #[test]
    fn likely_is_the_wilson_interval_rounded() {
        // As any statistics table gives them.
        let of = |a, n| Likely::of(a, n).map(|l| (l.low, l.high));
        assert_eq!(of(0, 0), None);
        assert_eq!(of(1, 1), Some((21, 100)));
        assert_eq!(of(0, 1), Some((0, 79)));
        assert_eq!(of(2, 4), Some((15, 85)));
        assert_eq!(of(5, 8), Some((31, 86)));
        assert_eq!(of(30, 100), Some((22, 40)));
        assert_eq!(of(20, 20), Some((84, 100)));
    }

    #[test]
    fn a_template_is_ahead_only_when_the_ranges_are_apart() {
        let overlap = compare(&[row("a", 2, 2), row("b", 0, 1)]);
        assert_eq!(overlap[0].templates, ["a", "b"]);
        assert_eq!(overlap[0].ahead, None);
        // 100% against 0% of 3 each: still too few.
        assert_eq!(compare(&[row("a", 0, 3), row("b", 3, 0)])[0].ahead, None);
        let apart = compare(&[row("a", 2, 18), row("b", 15, 5), row("c", 3, 17)]);
        assert_eq!(apart[0].templates, ["b", "c", "a"]);
        assert_eq!(apart[0].ahead.as_deref(), Some("b"));
        // One template, or one with a decided message, is no comparison.
        assert!(compare(&[row("a", 2, 2), row("b", 0, 0)]).is_empty());
    }
}
