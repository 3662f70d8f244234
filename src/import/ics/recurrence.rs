//! A recurring series (`RRULE`, with `RDATE` and `EXDATE`) as its meetings, expanded by the
//! `rrule` crate within a bounded window: from its first meeting (`DTSTART`) up to
//! [`HORIZON_DAYS`] after the clock's today, the last [`CAP`] of them when there are more.
//! Each occurrence is named as a `RECURRENCE-ID` names it (the `DTSTART` value's own form:
//! `20261109T160000Z`, `20261109T110000` in the series' zone, `20261109` for a day), so an
//! override (a moved or cancelled instance) replaces its occurrence, and the chat of each
//! keeps one `uid` from import to import. An excluded occurrence (`EXDATE`, how calendars
//! write a deleted instance) is kept as cancelled: a chat that has it is cancelled, none is
//! made.

use chrono::{Local, NaiveDate, NaiveDateTime, TimeZone as _};
use icalendar::parser::Property;
use rrule::{RRule, Tz, Unvalidated};
use std::str::FromStr as _;

use super::{Start, param};

/// How many days after today a series is expanded: the coming month's meetings are on the
/// agenda to prepare.
pub(super) const HORIZON_DAYS: u64 = 28;

/// At most this many meetings of one series (the latest in the window).
pub(super) const CAP: usize = 100;

/// One meeting of a series.
#[derive(Debug)]
pub(super) struct Occurrence {
    /// As a `RECURRENCE-ID` names it.
    pub id: String,
    pub start: Start,
    /// Left out by an `EXDATE`.
    pub excluded: bool,
}

#[derive(Debug)]
pub(super) struct Expanded {
    /// In time order.
    pub occurrences: Vec<Occurrence>,
    /// The earlier meetings past [`CAP`], not imported.
    pub left_out: usize,
}

/// How a `DTSTART` (or `EXDATE`, `RDATE`) is written.
#[derive(Debug, Clone, Copy)]
enum Zone {
    Utc,
    Named(chrono_tz::Tz),
    /// A wall time as written: no zone, or one that is not an IANA name.
    Floating,
    Day,
}

impl Zone {
    fn of(p: &Property<'_>, value: &str) -> Self {
        if value.len() == 8 {
            Self::Day
        } else if value.ends_with(['Z', 'z']) {
            Self::Utc
        } else {
            param(p, "TZID")
                .and_then(|z| chrono_tz::Tz::from_str(z.trim_start_matches('/')).ok())
                .map_or(Self::Floating, Self::Named)
        }
    }

    /// The zone the series is computed in: a wall time in UTC's, where no shift happens.
    fn rrule(self) -> Tz {
        match self {
            Self::Named(tz) => Tz::Tz(tz),
            Self::Utc | Self::Floating | Self::Day => Tz::UTC,
        }
    }

    /// A value as a moment: UTC for a zoned one, the wall time for the others.
    fn instant(self, value: &str) -> Option<NaiveDateTime> {
        let wall = if value.len() == 8 {
            NaiveDate::parse_from_str(value, "%Y%m%d")
                .ok()?
                .and_time(chrono::NaiveTime::MIN)
        } else {
            NaiveDateTime::parse_from_str(value.trim_end_matches(['Z', 'z']), "%Y%m%dT%H%M%S")
                .ok()?
        };
        Some(match self {
            Self::Named(tz) => tz.from_local_datetime(&wall).earliest()?.naive_utc(),
            Self::Utc | Self::Floating | Self::Day => wall,
        })
    }

    /// The `RECURRENCE-ID` of an occurrence at `at` (a moment as [`Zone::instant`] gives).
    fn id(self, at: NaiveDateTime) -> String {
        match self {
            Self::Utc => at.format("%Y%m%dT%H%M%SZ").to_string(),
            Self::Named(tz) => tz
                .from_utc_datetime(&at)
                .naive_local()
                .format("%Y%m%dT%H%M%S")
                .to_string(),
            Self::Floating => at.format("%Y%m%dT%H%M%S").to_string(),
            Self::Day => at.format("%Y%m%d").to_string(),
        }
    }

    /// When an occurrence at `at` starts, as the notebook writes it: a zoned time in this
    /// machine's zone, a wall time as written, a day.
    fn start(self, at: NaiveDateTime) -> Start {
        match self {
            Self::Utc | Self::Named(_) => Start::At(Local.from_utc_datetime(&at).naive_local()),
            Self::Floating => Start::At(at),
            Self::Day => Start::Day(at.date()),
        }
    }
}

/// The values of every `name` property (`EXDATE:a,b` and several `EXDATE` lines alike), as
/// moments.
fn moments(properties: &[&Property<'_>]) -> Vec<NaiveDateTime> {
    let mut out = Vec::new();
    for p in properties {
        for value in p.val.as_str().split(',').map(str::trim) {
            // A `VALUE=PERIOD` (`start/end`) is no single moment.
            if value.contains('/') {
                continue;
            }
            if let Some(at) = Zone::of(p, value).instant(value) {
                out.push(at);
            }
        }
    }
    out
}

/// The meetings of the series starting at `dtstart` with the rule `rule`, up to
/// [`HORIZON_DAYS`] after `today`; an error in words when the rule cannot be read.
pub(super) fn expand(
    dtstart: &Property<'_>,
    rule: &str,
    exdates: &[&Property<'_>],
    rdates: &[&Property<'_>],
    today: NaiveDate,
) -> Result<Expanded, String> {
    let value = dtstart.val.as_str().trim();
    let zone = Zone::of(dtstart, value);
    let first = zone
        .instant(value)
        .ok_or_else(|| format!("`{value}` in DTSTART is not a date-time"))?;
    let tz = zone.rrule();
    let in_tz = |at: NaiveDateTime| tz.from_utc_datetime(&at);
    let parsed: RRule<Unvalidated> = rule
        .trim()
        .parse()
        .map_err(|e| format!("its RRULE `{}` cannot be read: {e}", rule.trim()))?;
    let mut set = parsed
        .build(in_tz(first))
        .map_err(|e| format!("its RRULE `{}` cannot be used: {e}", rule.trim()))?;
    for at in moments(rdates) {
        set = set.rdate(in_tz(at));
    }
    // The end of the window: midnight after the last day, in this machine's zone for a
    // zoned series, on the wall clock for the others.
    let end_day = today + chrono::Days::new(HORIZON_DAYS + 1);
    let end_wall = end_day.and_time(chrono::NaiveTime::MIN);
    let end = match zone {
        Zone::Utc | Zone::Named(_) => Local
            .from_local_datetime(&end_wall)
            .earliest()
            .map_or(end_wall, |t| t.naive_utc()),
        Zone::Floating | Zone::Day => end_wall,
    };
    let dates = set.before(in_tz(end)).all(u16::MAX).dates;
    let excluded = moments(exdates);
    let mut occurrences: Vec<Occurrence> = dates
        .iter()
        .map(chrono::DateTime::naive_utc)
        .filter(|at| *at < end)
        .map(|at| Occurrence {
            id: zone.id(at),
            start: zone.start(at),
            excluded: excluded.contains(&at),
        })
        .collect();
    let left_out = occurrences.len().saturating_sub(CAP);
    occurrences.drain(..left_out);
    Ok(Expanded {
        occurrences,
        left_out,
    })
}

#[cfg(test)]
mod tests {
    use icalendar::parser::{read_calendar, unfold};

    use super::*;

    /// The occurrences of the one event of `ics`, as (id, excluded), on `today`.
    fn expanded(event: &str, today: &str) -> (Vec<(String, bool)>, usize) {
        let text = format!("BEGIN:VCALENDAR\nBEGIN:VEVENT\n{event}\nEND:VEVENT\nEND:VCALENDAR\n");
        let unfolded = unfold(&text);
        let calendar = read_calendar(&unfolded).expect("a calendar");
        let e = &calendar.components[0];
        let all = |name: &str| -> Vec<&Property<'_>> {
            e.properties
                .iter()
                .filter(|p| p.name.as_str() == name)
                .collect()
        };
        let dtstart = all("DTSTART")[0];
        let rule = all("RRULE")[0].val.as_str().to_owned();
        let out = expand(
            dtstart,
            &rule,
            &all("EXDATE"),
            &all("RDATE"),
            today.parse().expect("a day"),
        )
        .expect("expands");
        (
            out.occurrences
                .into_iter()
                .map(|o| (o.id, o.excluded))
                .collect(),
            out.left_out,
        )
    }

    fn ids(list: &[(&str, bool)]) -> Vec<(String, bool)> {
        list.iter().map(|(i, e)| ((*i).to_owned(), *e)).collect()
    }

    #[test]
    fn a_weekly_series_in_utc_stops_at_its_count_and_keeps_its_exclusions() {
        let (got, left_out) = expanded(
            "DTSTART:20261102T160000Z\nRRULE:FREQ=WEEKLY;COUNT=4\nEXDATE:20261116T160000Z",
            "2026-11-30",
        );
        assert_eq!(
            got,
            ids(&[
                ("20261102T160000Z", false),
                ("20261109T160000Z", false),
                ("20261116T160000Z", true),
                ("20261123T160000Z", false),
            ])
        );
        assert_eq!(left_out, 0);
    }

    #[test]
    fn an_endless_zoned_series_stops_four_weeks_after_today_in_its_own_wall_time() {
        // New York's clocks go back on 2026-11-01: the meeting stays at 09:00 there.
        let (got, _) = expanded(
            "DTSTART;TZID=America/New_York:20261026T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO\n\
             EXDATE;TZID=America/New_York:20261109T090000\nRDATE;TZID=America/New_York:20261111T090000",
            "2026-10-30",
        );
        assert_eq!(
            got,
            ids(&[
                ("20261026T090000", false),
                ("20261102T090000", false),
                ("20261109T090000", true),
                ("20261111T090000", false),
                ("20261116T090000", false),
                ("20261123T090000", false),
            ])
        );
    }

    #[test]
    fn a_daily_series_of_years_keeps_its_latest_meetings() {
        let (got, left_out) = expanded(
            "DTSTART;VALUE=DATE:20250101\nRRULE:FREQ=DAILY",
            "2026-11-30",
        );
        assert_eq!(got.len(), CAP);
        assert_eq!(left_out, 365 + 362 - CAP);
        assert_eq!(got.last().unwrap().0, "20261228");
    }

    #[test]
    fn a_rule_that_cannot_be_read_says_so() {
        let text =
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20261102T160000Z\nEND:VEVENT\nEND:VCALENDAR\n";
        let unfolded = unfold(text);
        let calendar = read_calendar(&unfolded).expect("a calendar");
        let dtstart = &calendar.components[0].properties[0];
        let err = expand(
            dtstart,
            "FREQ=SOMETIMES",
            &[],
            &[],
            NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        )
        .unwrap_err();
        assert!(
            err.starts_with("its RRULE `FREQ=SOMETIMES` cannot be read"),
            "{err}"
        );
    }
}
