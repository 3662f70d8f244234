//! The periods reports are filtered by: `--since DATE`, `--until DATE`, or `--period` with a
//! small grammar (`2026`, `2026-11`, `2026-Q4`, `2026-W47`, `this week`, `last week`,
//! `this month`, `last month`, `this year`). Weeks are ISO weeks (Monday to Sunday, the
//! first week of a year is the one holding its first Thursday), because that is what
//! calendars and the weekly goals use. A spec is parsed on its own (on the command line) and
//! resolved against `--today` later, so "this week" means the same thing in every report of
//! one run.

use chrono::{Datelike, Months, NaiveDate, TimeDelta, Weekday};

/// The forms `--period` accepts, for error and help texts.
pub(crate) const GRAMMAR: &str =
    "2026, 2026-11, 2026-Q4, 2026-W47, this week, last week, this month, last month, this year";

/// A `--period` as written, before it meets a "today".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Spec {
    Year(i32),
    Month(i32, u32),
    Quarter(i32, u32),
    Week(i32, u32),
    ThisWeek,
    LastWeek,
    ThisMonth,
    LastMonth,
    ThisYear,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub(crate) enum PeriodError {
    #[error("`{text}` is not a period; write one of: {GRAMMAR}")]
    Unknown { text: String },
    #[error("`{text}`: {year} has no ISO week {week} (it has {weeks})")]
    NoSuchWeek {
        text: String,
        year: i32,
        week: u32,
        weeks: u32,
    },
    #[error("`{text}`: a month is 01 to 12")]
    NoSuchMonth { text: String },
    #[error("`{text}`: a quarter is Q1 to Q4")]
    NoSuchQuarter { text: String },
    #[error("--since {since} is after --until {until}: the period is empty")]
    Empty { since: NaiveDate, until: NaiveDate },
}

impl Spec {
    /// Parses a `--period` value; case and surrounding or doubled spaces do not matter.
    pub(crate) fn parse(text: &str) -> Result<Self, PeriodError> {
        let norm = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let unknown = || PeriodError::Unknown {
            text: text.to_owned(),
        };
        let relative = match norm.as_str() {
            "this week" => Some(Self::ThisWeek),
            "last week" => Some(Self::LastWeek),
            "this month" => Some(Self::ThisMonth),
            "last month" => Some(Self::LastMonth),
            "this year" => Some(Self::ThisYear),
            _ => None,
        };
        if let Some(spec) = relative {
            return Ok(spec);
        }
        let digits = |s: &str, n: usize| -> Option<u32> {
            (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let (year, rest) = match norm.split_once('-') {
            Some((y, rest)) => (y, Some(rest)),
            None => (norm.as_str(), None),
        };
        // Four digits: chrono's calendar and `parse_date` agree on years 1000-9999.
        let year = digits(year, 4)
            .and_then(|y| i32::try_from(y).ok())
            .ok_or_else(unknown)?;
        let Some(rest) = rest else {
            return Ok(Self::Year(year));
        };
        if let Some(q) = rest.strip_prefix('q') {
            let q = digits(q, 1).ok_or_else(unknown)?;
            return if (1..=4).contains(&q) {
                Ok(Self::Quarter(year, q))
            } else {
                Err(PeriodError::NoSuchQuarter {
                    text: text.to_owned(),
                })
            };
        }
        if let Some(w) = rest.strip_prefix('w') {
            let week = digits(w, 2).ok_or_else(unknown)?;
            let weeks = weeks_in(year);
            return if (1..=weeks).contains(&week) {
                Ok(Self::Week(year, week))
            } else {
                Err(PeriodError::NoSuchWeek {
                    text: text.to_owned(),
                    year,
                    week,
                    weeks,
                })
            };
        }
        let month = digits(rest, 2).ok_or_else(unknown)?;
        if (1..=12).contains(&month) {
            Ok(Self::Month(year, month))
        } else {
            Err(PeriodError::NoSuchMonth {
                text: text.to_owned(),
            })
        }
    }

    /// The days this spec covers, with relative forms taken from `today`.
    pub(crate) fn resolve(self, today: NaiveDate) -> Range {
        match self {
            Self::Year(y) => year_range(y),
            Self::Month(y, m) => month_range(first_of(y, m)),
            Self::Quarter(y, q) => {
                let start = first_of(y, (q - 1) * 3 + 1);
                Range::new(start, month_range(add_months(start, 2)).end)
            }
            Self::Week(y, w) => {
                week_range(NaiveDate::from_isoywd_opt(y, w, Weekday::Mon).unwrap_or(NaiveDate::MIN))
            }
            Self::ThisWeek => week_range(today),
            Self::LastWeek => week_range(week_start(today) - TimeDelta::days(7)),
            Self::ThisMonth => month_range(today),
            Self::LastMonth => month_range(sub_month(today)),
            Self::ThisYear => year_range(today.year()),
        }
    }
}

/// An inclusive range of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Range {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Range {
    pub(crate) const fn new(start: NaiveDate, end: NaiveDate) -> Self {
        Self { start, end }
    }

    pub(crate) fn contains(self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    /// How many days it spans, both ends included.
    pub(crate) fn days(self) -> i64 {
        (self.end - self.start).num_days() + 1
    }
}

/// The period a report looks at: either end may be open (`--since` alone, or nothing).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Period {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Period {
    pub(crate) const ALL: Self = Self {
        since: None,
        until: None,
    };

    pub(crate) fn contains(self, day: NaiveDate) -> bool {
        self.since.is_none_or(|s| s <= day) && self.until.is_none_or(|u| day <= u)
    }

    pub(crate) fn is_all(self) -> bool {
        self.since.is_none() && self.until.is_none()
    }

    /// Closes the open ends: a missing start becomes `default.start`, a missing end
    /// `default.end`. A report that must draw each week (activity) or compare against a
    /// weekly target (goals) needs both ends.
    pub(crate) fn bounded(self, default: Range) -> Range {
        Range::new(
            self.since.unwrap_or(default.start),
            self.until.unwrap_or(default.end),
        )
    }

    /// "2026-11-01 to 2026-11-30", "since 2026-11-01", "until …", "all time".
    pub(crate) fn describe(self) -> String {
        match (self.since, self.until) {
            (Some(s), Some(u)) => Range::new(s, u).to_string(),
            (Some(s), None) => format!("since {s}"),
            (None, Some(u)) => format!("until {u}"),
            (None, None) => "all time".to_owned(),
        }
    }
}

impl std::fmt::Display for Range {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{} to {}", self.start, self.end)
        }
    }
}

impl From<Range> for Period {
    fn from(range: Range) -> Self {
        Self {
            since: Some(range.start),
            until: Some(range.end),
        }
    }
}

/// The period filter as given on the command line: a spec, or explicit ends.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Filter {
    pub spec: Option<Spec>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Filter {
    /// The period as of `today`; `--since`/`--until` narrow a `--period` when both are given.
    pub(crate) fn resolve(&self, today: NaiveDate) -> Result<Period, PeriodError> {
        let base = self.spec.map_or(Period::ALL, |s| s.resolve(today).into());
        let since = match (base.since, self.since) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let until = match (base.until, self.until) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let (Some(since), Some(until)) = (since, until)
            && since > until
        {
            return Err(PeriodError::Empty { since, until });
        }
        Ok(Period { since, until })
    }
}

/// The Monday of `day`'s ISO week.
pub(crate) fn week_start(day: NaiveDate) -> NaiveDate {
    day - TimeDelta::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Monday to Sunday of `day`'s ISO week.
pub(crate) fn week_range(day: NaiveDate) -> Range {
    let start = week_start(day);
    Range::new(start, start + TimeDelta::days(6))
}

/// `2026-W47`: the ISO week-numbering year, which differs from the calendar year for a few
/// days around New Year (2026-12-31 is in 2026-W53, 2027-01-01 too).
pub(crate) fn week_label(day: NaiveDate) -> String {
    let w = day.iso_week();
    format!("{}-W{:02}", w.year(), w.week())
}

/// `2026-11`.
pub(crate) fn month_label(day: NaiveDate) -> String {
    format!("{}-{:02}", day.year(), day.month())
}

/// The first to the last day of `day`'s month.
pub(crate) fn month_range(day: NaiveDate) -> Range {
    let start = first_of(day.year(), day.month());
    Range::new(start, add_months(start, 1) - TimeDelta::days(1))
}

fn year_range(year: i32) -> Range {
    Range::new(
        first_of(year, 1),
        first_of(year, 12).with_day(31).unwrap_or(NaiveDate::MAX),
    )
}

fn first_of(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
}

fn add_months(day: NaiveDate, n: u32) -> NaiveDate {
    day.checked_add_months(Months::new(n))
        .unwrap_or(NaiveDate::MAX)
}

fn sub_month(day: NaiveDate) -> NaiveDate {
    first_of(day.year(), day.month())
        .checked_sub_months(Months::new(1))
        .unwrap_or(NaiveDate::MIN)
}

/// 52 or 53: the ISO week of December 28th, which is always in the year's last week.
fn weeks_in(year: i32) -> u32 {
    NaiveDate::from_ymd_opt(year, 12, 28).map_or(52, |d| d.iso_week().week())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::model::time::parse_date(s).unwrap()
    }

    fn range(spec: &str, today: &str) -> (String, String) {
        let r = Spec::parse(spec).unwrap().resolve(d(today));
        (r.start.to_string(), r.end.to_string())
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_owned(), b.to_owned())
    }

    #[test]
    fn absolute_periods() {
        for (period, start, end) in [
            ("2026", "2026-01-01", "2026-12-31"),
            ("2026-11", "2026-11-01", "2026-11-30"),
            ("2026-02", "2026-02-01", "2026-02-28"),
            ("2028-02", "2028-02-01", "2028-02-29"),
            ("2026-12", "2026-12-01", "2026-12-31"),
            ("2026-Q1", "2026-01-01", "2026-03-31"),
            ("2026-q4", "2026-10-01", "2026-12-31"),
            ("2026-Q3", "2026-07-01", "2026-09-30"),
        ] {
            assert_eq!(range(period, "2026-11-21"), pair(start, end), "{period}");
        }
    }

    #[test]
    fn iso_weeks_start_on_monday() {
        let today = "2026-11-21";
        assert_eq!(range("2026-W47", today), pair("2026-11-16", "2026-11-22"));
        // 2026-01-01 is a Thursday, so week 1 starts on Monday 2025-12-29.
        assert_eq!(range("2026-W01", today), pair("2025-12-29", "2026-01-04"));
        // 2026 has 53 ISO weeks; the last one runs into 2027.
        assert_eq!(range("2026-W53", today), pair("2026-12-28", "2027-01-03"));
        assert_eq!(week_label(d("2027-01-01")), "2026-W53");
        assert_eq!(week_label(d("2026-11-21")), "2026-W47");
        assert!(matches!(
            Spec::parse("2027-W53"),
            Err(PeriodError::NoSuchWeek { weeks: 52, .. })
        ));
        assert!(Spec::parse("2026-W00").is_err());
    }

    #[test]
    fn relative_periods_follow_today() {
        // Saturday 2026-11-21.
        assert_eq!(
            range("this week", "2026-11-21"),
            pair("2026-11-16", "2026-11-22")
        );
        assert_eq!(
            range("last week", "2026-11-21"),
            pair("2026-11-09", "2026-11-15")
        );
        // On a Monday, "this week" starts today and "last week" is the seven days before.
        assert_eq!(
            range("this week", "2026-11-16"),
            pair("2026-11-16", "2026-11-22")
        );
        assert_eq!(
            range("last week", "2026-11-16"),
            pair("2026-11-09", "2026-11-15")
        );
        // On a Sunday, the week is still the one that started six days ago.
        assert_eq!(
            range("this week", "2026-11-22"),
            pair("2026-11-16", "2026-11-22")
        );
        assert_eq!(
            range("This  Month", "2026-11-21"),
            pair("2026-11-01", "2026-11-30")
        );
        assert_eq!(
            range("last month", "2026-11-21"),
            pair("2026-10-01", "2026-10-31")
        );
        // Across a year boundary, and from a 31st into a shorter month.
        assert_eq!(
            range("last month", "2026-01-15"),
            pair("2025-12-01", "2025-12-31")
        );
        assert_eq!(
            range("last month", "2026-03-31"),
            pair("2026-02-01", "2026-02-28")
        );
        assert_eq!(
            range("last week", "2026-01-01"),
            pair("2025-12-22", "2025-12-28")
        );
        assert_eq!(
            range("this year", "2026-11-21"),
            pair("2026-01-01", "2026-12-31")
        );
    }

    #[test]
    fn anything_else_is_refused_with_the_grammar() {
        for bad in [
            "",
            "next week",
            "2026-13",
            "26",
            "2026-1",
            "2026-Q5",
            "2026-W5",
            "yesterday",
        ] {
            let err = Spec::parse(bad).unwrap_err().to_string();
            assert!(err.contains(&format!("`{bad}`")), "{err}");
        }
        let err = Spec::parse("fortnight").unwrap_err().to_string();
        assert_eq!(
            err,
            "`fortnight` is not a period; write one of: 2026, 2026-11, 2026-Q4, 2026-W47, \
             this week, last week, this month, last month, this year"
        );
        assert_eq!(
            Spec::parse("2026-13").unwrap_err().to_string(),
            "`2026-13`: a month is 01 to 12"
        );
    }

    #[test]
    fn filters_combine_and_refuse_empty_ranges() {
        let today = d("2026-11-21");
        let f = Filter {
            spec: Some(Spec::Month(2026, 11)),
            since: Some(d("2026-11-10")),
            until: None,
        };
        assert_eq!(
            f.resolve(today).unwrap(),
            Period {
                since: Some(d("2026-11-10")),
                until: Some(d("2026-11-30"))
            }
        );
        let f = Filter {
            spec: None,
            since: Some(d("2026-11-10")),
            until: Some(d("2026-11-01")),
        };
        assert!(matches!(f.resolve(today), Err(PeriodError::Empty { .. })));
        assert!(Filter::default().resolve(today).unwrap().is_all());
        let p = Period {
            since: Some(d("2026-11-01")),
            until: Some(d("2026-11-30")),
        };
        assert!(p.contains(d("2026-11-01")) && p.contains(d("2026-11-30")));
        assert!(!p.contains(d("2026-10-31")) && !p.contains(d("2026-12-01")));
    }
}
