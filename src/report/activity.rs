//! Activity over time: outreach, follow-ups, chats and events per ISO week (or per month),
//! every bucket of the period present even when empty, so a quiet week shows as a gap.
//! Without a period it covers the last 12 weeks (or months) up to today's; buckets are
//! clipped to the period, so the rows always add up to the period's totals.

use chrono::{Datelike, Months, NaiveDate, TimeDelta};

use crate::index::Index;
use crate::period::{self, Period, Range};
use crate::report::{Counts, Granularity, dated_facts};

/// How many buckets the report shows when the period leaves its start open.
pub(crate) const DEFAULT_BUCKETS: u32 = 12;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Activity {
    pub by: Granularity,
    pub period: Range,
    pub rows: Vec<Bucket>,
    pub totals: Counts,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Bucket {
    /// `2026-W47` or `2026-11`.
    pub label: String,
    /// The bucket's days inside the period.
    pub start: NaiveDate,
    pub end: NaiveDate,
    #[serde(flatten)]
    pub counts: Counts,
}

pub(crate) fn build(index: &Index, period: Period, by: Granularity) -> Activity {
    let range = default_range(index.today(), period, by);
    let mut rows = Vec::new();
    let mut start = range.start;
    while start <= range.end {
        let (label, unit_end) = match by {
            Granularity::Week => (period::week_label(start), period::week_range(start).end),
            Granularity::Month => (period::month_label(start), period::month_range(start).end),
        };
        let end = unit_end.min(range.end);
        rows.push(Bucket {
            label,
            start,
            end,
            counts: Counts::default(),
        });
        match end.succ_opt() {
            Some(next) => start = next,
            None => break,
        }
    }
    let mut totals = Counts::default();
    for (day, measure) in dated_facts(index) {
        if !range.contains(day) {
            continue;
        }
        // Buckets are contiguous and sorted: the first one ending on or after `day` holds it.
        let i = rows.partition_point(|b| b.end < day);
        if let Some(bucket) = rows.get_mut(i) {
            bucket.counts.add(measure);
            totals.add(measure);
        }
    }
    Activity {
        by,
        period: range,
        rows,
        totals,
    }
}

/// The period with its open ends closed: up to today's bucket, and back 12 buckets from the
/// end.
fn default_range(today: NaiveDate, period: Period, by: Granularity) -> Range {
    let end = period.until.unwrap_or(match by {
        Granularity::Week => period::week_range(today).end,
        Granularity::Month => period::month_range(today).end,
    });
    let start = period.since.unwrap_or(match by {
        Granularity::Week => {
            period::week_start(end) - TimeDelta::weeks(i64::from(DEFAULT_BUCKETS) - 1)
        }
        Granularity::Month => end
            .with_day(1)
            .and_then(|d| d.checked_sub_months(Months::new(DEFAULT_BUCKETS - 1)))
            .unwrap_or(NaiveDate::MIN),
    });
    Range::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::model::time::parse_date(s).unwrap()
    }

    #[test]
    fn default_ranges_end_with_todays_bucket() {
        let r = default_range(d("2026-11-21"), Period::ALL, Granularity::Week);
        assert_eq!((r.start, r.end), (d("2026-08-31"), d("2026-11-22")));
        let r = default_range(d("2026-11-21"), Period::ALL, Granularity::Month);
        assert_eq!((r.start, r.end), (d("2025-12-01"), d("2026-11-30")));
        let since = Period {
            since: Some(d("2026-11-04")),
            until: None,
        };
        let r = default_range(d("2026-11-21"), since, Granularity::Week);
        assert_eq!((r.start, r.end), (d("2026-11-04"), d("2026-11-22")));
    }
}
