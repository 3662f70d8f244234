//! Reports: where a network stands, computed from the index and nothing else. One file per
//! report; each returns plain data (serialisable, so `--format json` is the data itself)
//! and knows nothing of terminals or formats, so every format shows the same figures.
//! This module holds what several reports count the same way: which dated facts are
//! outreach, follow-ups, chats and events, and when a contact first answered.

pub(crate) mod activity;
pub(crate) mod companies;
pub(crate) mod events;
pub(crate) mod funnel;
pub(crate) mod goals;
pub(crate) mod overview;
pub(crate) mod templates;

use chrono::NaiveDate;

use crate::index::Index;
use crate::model::Contact;
use crate::period::Period;

/// The one list of reports. Each line makes a [`ReportKind`] (what `ties report NAME`
/// asks for, with its title and what `--help` says of it), the [`Report`] variant that holds
/// what its module builds, and its arm in [`build`]; `by` marks the report that is counted
/// per week or month.
macro_rules! reports {
    ($($kind:ident $name:literal $title:literal $module:ident::$data:ident $(($by:ident))? $about:literal;)*) => {
        /// Which report to build.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) enum ReportKind {
            $($kind,)*
        }

        impl ReportKind {
            pub(crate) const ALL: &'static [Self] = &[$(Self::$kind,)*];

            /// Its name on the command line.
            pub(crate) const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$kind => $name,)*
                }
            }

            /// The heading it is printed under.
            pub(crate) const fn title(self) -> &'static str {
                match self {
                    $(Self::$kind => $title,)*
                }
            }

            /// What it shows, in one line.
            pub(crate) const fn about(self) -> &'static str {
                match self {
                    $(Self::$kind => $about,)*
                }
            }

            pub(crate) fn parse(name: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|k| k.as_str() == name)
            }
        }

        /// A built report, ready for any renderer.
        #[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
        #[serde(untagged)]
        pub(crate) enum Report {
            $($kind($module::$data),)*
        }

        impl Report {
            pub(crate) fn kind(&self) -> ReportKind {
                match self {
                    $(Self::$kind(_) => ReportKind::$kind,)*
                }
            }
        }

        /// Builds the report of `kind` over `period`; `by` matters to the activity report
        /// only.
        pub(crate) fn build(
            index: &Index,
            kind: ReportKind,
            period: Period,
            by: Granularity,
        ) -> Report {
            // Only the report counted per week or month is given `by`.
            macro_rules! call {
                ($m:ident) => { $m::build(index, period) };
                ($m:ident by) => { $m::build(index, period, by) };
            }
            match kind {
                $(ReportKind::$kind => Report::$kind(call!($module $($by)?)),)*
            }
        }
    };
}

reports! {
    Overview "overview" "Overview" overview::Overview "Every report in short";
    Funnel "funnel" "Funnel" funnel::Funnel "Contacts per stage and the conversion from each stage to the next";
    Companies "companies" "Target companies" companies::Companies "Each target company: people per role against the goal, outreach, replies, chats";
    Activity "activity" "Activity" activity::Activity (by) "Outreach, follow-ups, chats and events per week or month, as a bar chart";
    Goals "goals" "Goals" goals::Goals "The goals of ties.yaml: count, target and streak";
    Events "events" "Events" events::Events "Each event: people met against its goal";
    Templates "templates" "Templates" templates::Templates "Each message template (ties log --template): sent, and answered within rules.follow_up_after";
}

/// The bucket of the activity report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Granularity {
    #[default]
    Week,
    Month,
}

/// What one dated fact counts as, for activity and the weekly goals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Measure {
    /// A first message: a contact's `reached_out`, else their first sent message.
    Outreach,
    /// One date of a contact's `followed_up`, or a later sent message.
    FollowUp,
    /// A done chat that is a conversation, not a `message` thread.
    Chat,
    /// An event on or before today: taken as attended.
    Event,
}

/// Counts of the four measures over some span of days.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Counts {
    pub outreach: u32,
    pub follow_ups: u32,
    pub chats: u32,
    pub events: u32,
}

impl Counts {
    pub(crate) fn add(&mut self, measure: Measure) {
        let slot = match measure {
            Measure::Outreach => &mut self.outreach,
            Measure::FollowUp => &mut self.follow_ups,
            Measure::Chat => &mut self.chats,
            Measure::Event => &mut self.events,
        };
        *slot += 1;
    }

    pub(crate) fn get(&self, measure: Measure) -> u32 {
        match measure {
            Measure::Outreach => self.outreach,
            Measure::FollowUp => self.follow_ups,
            Measure::Chat => self.chats,
            Measure::Event => self.events,
        }
    }

    pub(crate) fn total(&self) -> u32 {
        self.outreach + self.follow_ups + self.chats + self.events
    }
}

/// Every dated fact of the notebook that activity and goals count, unsorted.
pub(crate) fn dated_facts(index: &Index) -> Vec<(NaiveDate, Measure)> {
    let mut out = Vec::new();
    for (doc, contact) in index.contacts() {
        // A sent message is the outreach when nothing earlier was logged, else a follow-up.
        let sent = index.sent_messages(doc.id.as_str(), contact);
        let first = Index::outreach_with(contact, &sent).first().copied();
        out.extend(sent.into_iter().map(|d| {
            if contact.reached_out.is_none() && Some(d) == first {
                (d, Measure::Outreach)
            } else {
                (d, Measure::FollowUp)
            }
        }));
        out.extend(
            contact
                .reached_out
                .iter()
                .map(|d| (d.value, Measure::Outreach)),
        );
        out.extend(
            contact
                .followed_up
                .iter()
                .map(|d| (d.value, Measure::FollowUp)),
        );
    }
    for (_, chat) in index.chats() {
        if counts_as_chat(index, chat)
            && let Some(day) = chat.day()
        {
            out.push((day, Measure::Chat));
        }
    }
    for (_, event) in index.events() {
        if let Some(day) = event.day().filter(|d| *d <= index.today()) {
            out.push((day, Measure::Event));
        }
    }
    out
}

/// A chat counts when it happened (`done`) and was a conversation: a `message` thread is how
/// outreach and replies travel, and counting it would let a busy inbox meet the chat goal.
/// The same line the stage `met` and the thank-you rule draw.
pub(crate) fn counts_as_chat(index: &Index, chat: &crate::model::Chat) -> bool {
    chat.is_meeting(index.now())
}

/// When the contact first answered: `replied`, else the day of their first reply chat (a done
/// chat of any kind but a sent message, as for the stage `replied`).
pub(crate) fn reply_date(index: &Index, id: &str, contact: &Contact) -> Option<NaiveDate> {
    contact.replied.as_ref().map(|d| d.value).or_else(|| {
        index
            .chats_with(id)
            .filter(|(_, c)| c.is_reply(index.now()))
            .filter_map(|(_, c)| c.day())
            .min()
    })
}

/// A share, kept as tenths of a percent so that every format prints the same rounded
/// figure: 2 of 3 is 66.7 everywhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Percent {
    tenths: u32,
}

impl Percent {
    /// `part / whole`, rounded half up to a tenth of a percent; `None` if `whole` is 0.
    pub(crate) fn of(part: u32, whole: u32) -> Option<Self> {
        (whole > 0).then(|| {
            let tenths = (u64::from(part) * 1000 + u64::from(whole) / 2) / u64::from(whole);
            Self {
                tenths: u32::try_from(tenths).unwrap_or(u32::MAX),
            }
        })
    }

    pub(crate) fn value(self) -> f64 {
        f64::from(self.tenths) / 10.0
    }
}

impl std::fmt::Display for Percent {
    /// `66.7` (no `%` sign: the column header or the renderer adds it).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.tenths / 10, self.tenths % 10)
    }
}

impl serde::Serialize for Percent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.value())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percents_round_half_up_to_a_tenth() {
        assert_eq!(Percent::of(2, 3).unwrap().to_string(), "66.7");
        assert_eq!(Percent::of(1, 3).unwrap().to_string(), "33.3");
        assert_eq!(Percent::of(1, 8).unwrap().to_string(), "12.5");
        assert_eq!(Percent::of(3, 3).unwrap().to_string(), "100.0");
        assert_eq!(Percent::of(0, 5).unwrap().to_string(), "0.0");
        assert_eq!(Percent::of(1, 0), None);
        assert_eq!(
            serde_json::to_string(&Percent::of(2, 3)).unwrap(),
            "66.7",
            "JSON shows the same figure"
        );
    }
}
