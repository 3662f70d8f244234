//! Dormant ties, revived a few a week: the courses' advice is to reach out to the people you
//! have lost touch with ("dormant ties": their knowledge and networks are new to you), but a
//! notebook of years of contacts must not turn into a wall of reconnects. Each week (Monday
//! to Sunday) the agenda offers `rules.revive_per_week` of them (default 2), as `reconnect`
//! items due today and named by their week, so the same people are offered all week until
//! you write to them.
//!
//! Who is dormant: a contact with `tie: dormant`, or one you were in touch with (met, or a
//! `last_contact`) whose last interaction is older than `rules.dormant_after` (unless
//! `tie: strong`, who is never dormant) — in both cases out of touch for longer than their
//! cadence (`stay_in_touch`), with no chat booked, and active (not paused, closed or
//! snoozed). Which first ("oldest useful first"): those at a target company (your "in"
//! there), then warm ones, then the longest out of touch (never in touch counts as
//! longest), then by name. The choice is made as of the week's Monday, so clearing one
//! does not bring the next one forward: the others come next week.

use chrono::NaiveDate;

use crate::agenda::{Builder, ItemKind};
use crate::model::contact::{Tie, Warmth};
use crate::model::time::When;
use crate::model::{Contact, Id, Record};
use crate::period::week_start;

/// A dormant contact and what ranks it.
struct Candidate<'a> {
    id: &'a Id,
    contact: &'a Contact,
    path: &'a str,
    last: Option<NaiveDate>,
    at_target: Option<String>,
}

impl Builder<'_> {
    /// This week's dormant ties to revive (`only`: just the item about that contact, if
    /// it is one of them).
    pub(super) fn revivals(&mut self, only: Option<&Id>) {
        let index = self.index;
        let rules = &index.settings.rules;
        let per_week = rules.revive_per_week as usize;
        if per_week == 0 {
            return;
        }
        if let Some(only) = only {
            // Cheap way out for the editor's code lens: most contacts are not dormant.
            let Some(Record::Contact(c)) = index.get(only.as_str()).and_then(|d| d.record.as_ref())
            else {
                return;
            };
            if self.candidate(only, c, "").is_none() {
                return;
            }
        }
        if self.in_grace().is_some() {
            return;
        }
        let monday = week_start(self.today);
        let mut candidates: Vec<Candidate> = index
            .contacts()
            .filter_map(|(doc, c)| self.candidate(&doc.id, c, &doc.path))
            .collect();
        candidates.sort_by_cached_key(|c| {
            (
                c.at_target.is_none(),
                c.contact.warmth != Some(Warmth::Warm),
                c.last,
                c.contact.name.clone(),
                c.id.clone(),
            )
        });
        candidates.dedup_by(|a, b| a.id == b.id);
        for c in candidates.into_iter().take(per_week) {
            if only.is_some_and(|o| o != c.id) {
                continue;
            }
            // Written to since Monday: revived, and this week's slot is used.
            if index
                .interactions(c.id.as_str(), c.contact)
                .any(|d| d >= monday)
            {
                continue;
            }
            let since = c.last.map_or_else(
                || "no interaction noted".to_owned(),
                |d| format!("last in touch {d}"),
            );
            let at = c
                .at_target
                .as_ref()
                .map_or_else(String::new, |company| format!(", now at {company}"));
            let title = format!("Revive a dormant tie: {}{at} ({since})", c.contact.name);
            let Some(doc) = index.get(c.id.as_str()).filter(|d| d.path == c.path) else {
                continue;
            };
            if let Some(item) = self.push(
                When::Date(self.today),
                ItemKind::Reconnect,
                c.id.clone(),
                c.contact.name.clone(),
                doc,
                title,
            ) {
                item.week = Some(monday);
                item.why = vec![
                    format!(
                        "rule: reconnect (dormant tie): `tie: dormant`, or out of touch longer than rules.dormant_after {}; rules.revive_per_week {per_week} a week, at a target company first, then warm, then the longest out of touch",
                        rules.dormant_after
                    ),
                    format!("{since}; one of this week's (from {monday}) until you write to them"),
                ];
            }
        }
    }

    /// `contact` as a dormant tie to revive this week, if it is one (as of Monday).
    fn candidate<'c>(
        &self,
        id: &'c Id,
        contact: &'c Contact,
        path: &'c str,
    ) -> Option<Candidate<'c>> {
        let index = self.index;
        let rules = &index.settings.rules;
        if contact.tie == Some(Tie::Strong) || self.suppressed(id) || self.booked(id.as_str()) {
            return None;
        }
        let monday = week_start(self.today);
        let last = index
            .interactions(id.as_str(), contact)
            .filter(|d| *d < monday)
            .max();
        let cadence = contact.stay_in_touch.unwrap_or(rules.stay_in_touch);
        let out_of_touch = last.is_none_or(|l| cadence.after_date(l) <= monday);
        let dormant = contact.tie == Some(Tie::Dormant)
            || (index.in_touch(id.as_str(), contact)
                && last.is_some_and(|l| rules.dormant_after.after_date(l) < monday));
        if !(dormant && out_of_touch) {
            return None;
        }
        let at_target = super::target_company(index, contact).map(|c| c.name.clone());
        Some(Candidate {
            id,
            contact,
            path,
            last,
            at_target,
        })
    }
}
