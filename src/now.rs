//! The one "now" of a run, which remembers what it was asked: each question about the time
//! (is this chat over? what day is it? how many hours to the meeting?) narrows the span of
//! the clock over which every answer given so far would have been the same. A command's
//! output made only through these questions holds over that whole span, which is what lets
//! a run keep its output for the next one ([`crate::cache::Answer`]) without a rule, a
//! report or an agenda item having to say when its own result turns.
//!
//! The time is reachable only through [`Now`]'s questions, so nothing can read it without
//! narrowing the span; [`Now::exact`] gives the instant itself and empties the span (what
//! is made from it holds at no other moment). The span is kept in atomics, as the checker's
//! threads ask at once.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

/// The moment a run counts from, and the span of the clock over which what it was asked
/// would be answered the same way.
#[derive(Debug)]
pub(crate) struct Now {
    at: NaiveDateTime,
    /// The span, in nanoseconds of the naive clock: from (included) and until (excluded).
    /// `i64::MIN` and `i64::MAX` stand for open ends.
    from: AtomicI64,
    until: AtomicI64,
}

/// Two nows are equal when they are the same moment, whatever was asked of them: for
/// bookkeeping (has the clock moved since a result was made?), which decides no output.
impl PartialEq for Now {
    fn eq(&self, other: &Self) -> bool {
        self.at == other.at
    }
}

impl Clone for Now {
    fn clone(&self) -> Self {
        Self {
            at: self.at,
            from: AtomicI64::new(self.from.load(Ordering::Relaxed)),
            until: AtomicI64::new(self.until.load(Ordering::Relaxed)),
        }
    }
}

/// The instant `at` in nanoseconds, if the clock's range holds it (the years 1677 to 2262).
fn nanos(at: NaiveDateTime) -> Option<i64> {
    at.and_utc().timestamp_nanos_opt()
}

fn instant(nanos: i64) -> NaiveDateTime {
    chrono::DateTime::from_timestamp_nanos(nanos).naive_utc()
}

impl Now {
    /// `at`, with nothing asked yet: its span is the whole of time. A moment outside the
    /// range the span is kept in starts with an empty span.
    pub(crate) fn new(at: NaiveDateTime) -> Self {
        let (from, until) = match nanos(at) {
            Some(_) => (i64::MIN, i64::MAX),
            None => (i64::MAX, i64::MIN),
        };
        Self {
            at,
            from: AtomicI64::new(from),
            until: AtomicI64::new(until),
        }
    }

    /// Narrows the span to the instants from `from` (included) to `until` (excluded), each
    /// open where `None`. An end beyond the range the span is kept in narrows nothing on
    /// its side: no clock reaches it.
    fn narrow(&self, from: Option<NaiveDateTime>, until: Option<NaiveDateTime>) {
        if let Some(from) = from {
            match nanos(from) {
                Some(n) => drop(self.from.fetch_max(n, Ordering::Relaxed)),
                // Before 1677, nothing to narrow; after 2262, no moment is in the span.
                None if from > self.at => drop(self.from.swap(i64::MAX, Ordering::Relaxed)),
                None => {}
            }
        }
        if let Some(until) = until {
            match nanos(until) {
                Some(n) => drop(self.until.fetch_min(n, Ordering::Relaxed)),
                None if until <= self.at => drop(self.until.swap(i64::MIN, Ordering::Relaxed)),
                None => {}
            }
        }
    }

    /// Whether `at` has come: `at <= now`.
    pub(crate) fn reached(&self, at: NaiveDateTime) -> bool {
        let reached = at <= self.at;
        if reached {
            self.narrow(Some(at), None);
        } else {
            self.narrow(None, Some(at));
        }
        reached
    }

    /// Whether `at` is behind: `at < now`.
    pub(crate) fn passed(&self, at: NaiveDateTime) -> bool {
        match at.checked_add_signed(TimeDelta::nanoseconds(1)) {
            Some(next) => self.reached(next),
            None => false,
        }
    }

    /// Whether `at` is still ahead: `now < at`.
    pub(crate) fn before(&self, at: NaiveDateTime) -> bool {
        !self.reached(at)
    }

    /// The date of now, which most rules count in: the span narrows to the day.
    pub(crate) fn today(&self) -> NaiveDate {
        let day = self.at.date();
        let start = day.and_time(NaiveTime::MIN);
        let next = day.succ_opt().map(|d| d.and_time(NaiveTime::MIN));
        self.narrow(Some(start), next);
        day
    }

    /// Whole hours from now to `at`, counted towards zero (`(at - now).num_hours()`): the
    /// span narrows to the moments that count the same number.
    pub(crate) fn hours_until(&self, at: NaiveDateTime) -> i64 {
        let hours = (at - self.at).num_hours();
        // `at - now` in [h, h + 1) hours for h > 0, (h - 1, h] for h < 0, (-1, 1) for 0:
        // `now` in the mirror image, a nanosecond moved where an end is open.
        let tick = TimeDelta::nanoseconds(1);
        let back = |h: i64, by: TimeDelta| {
            TimeDelta::try_hours(h)
                .and_then(|d| d.checked_sub(&by))
                .and_then(|d| at.checked_sub_signed(d))
        };
        let (from, until) = match hours {
            0 => (back(1, tick), back(-1, TimeDelta::zero())),
            h if h > 0 => (back(h + 1, tick), back(h, tick)),
            h => (back(h, TimeDelta::zero()), back(h - 1, TimeDelta::zero())),
        };
        self.narrow(from, until);
        hours
    }

    /// The instant itself, for what is made from it to the nanosecond (a timestamp in a
    /// file, a draft's date): the span empties, as what depends on the exact moment holds
    /// at no other.
    pub(crate) fn exact(&self) -> NaiveDateTime {
        self.from.store(i64::MAX, Ordering::Relaxed);
        self.until.store(i64::MIN, Ordering::Relaxed);
        self.at
    }

    /// The span of the clock over which everything asked so far is answered as it was:
    /// from (included) and until (excluded), open where `None`; `None` when it holds no
    /// moment at all.
    pub(crate) fn span(&self) -> Option<(Option<NaiveDateTime>, Option<NaiveDateTime>)> {
        let (from, until) = (
            self.from.load(Ordering::Relaxed),
            self.until.load(Ordering::Relaxed),
        );
        let at = nanos(self.at)?;
        (from <= at && at < until).then(|| {
            (
                (from != i64::MIN).then(|| instant(from)),
                (until != i64::MAX).then(|| instant(until)),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    #[test]
    fn nothing_asked_holds_for_ever() {
        let now = Now::new(at("2026-11-21 10:00:00"));
        assert_eq!(now.span(), Some((None, None)));
    }

    #[test]
    fn the_day_holds_from_midnight_to_midnight() {
        let now = Now::new(at("2026-11-21 10:00:00"));
        assert_eq!(now.today(), NaiveDate::from_ymd_opt(2026, 11, 21).unwrap());
        assert_eq!(
            now.span(),
            Some((
                Some(at("2026-11-21 00:00:00")),
                Some(at("2026-11-22 00:00:00"))
            ))
        );
    }

    #[test]
    fn comparisons_narrow_to_the_side_of_the_instant() {
        let now = Now::new(at("2026-11-21 10:00:00"));
        assert!(now.reached(at("2026-11-21 09:00:00")));
        assert!(now.reached(at("2026-11-21 10:00:00")));
        assert!(now.before(at("2026-11-21 11:00:00")));
        assert!(!now.before(at("2026-11-20 11:00:00")));
        assert_eq!(
            now.span(),
            Some((
                Some(at("2026-11-21 10:00:00")),
                Some(at("2026-11-21 11:00:00"))
            ))
        );
    }

    #[test]
    fn the_exact_instant_holds_nowhere_else() {
        let now = Now::new(at("2026-11-21 10:00:00"));
        assert_eq!(now.exact(), at("2026-11-21 10:00:00"));
        assert_eq!(now.span(), None);
        assert!(now.reached(at("2026-11-20 10:00:00")));
        assert_eq!(now.span(), None, "an empty span stays empty");
    }

    #[test]
    fn moments_beyond_the_kept_range_narrow_soundly() {
        let now = Now::new(at("2026-11-21 10:00:00"));
        assert!(now.before(at("9999-01-01 00:00:00")));
        assert!(now.reached(at("1000-01-01 00:00:00")));
        assert_eq!(now.span(), Some((None, None)));
        let far = Now::new(at("9999-01-01 00:00:00"));
        assert_eq!(far.span(), None, "a clock out of range keeps nothing");
    }

    /// The property of the span: at every moment in it, each question asked gets the same
    /// answer it got at `now`; checked on random instants either side of its ends.
    #[test]
    fn every_moment_in_the_span_answers_alike() {
        let mut rng = Rng::new(0x5EED_0A70);
        let base = at("2026-11-21 00:00:00");
        let minutes = |rng: &mut Rng| {
            base + TimeDelta::minutes(i64::try_from(rng.below(60 * 72)).unwrap() - 60 * 24)
                + TimeDelta::nanoseconds(i64::from(rng.chance(20)))
        };
        for _ in 0..2000 {
            let now = Now::new(minutes(&mut rng));
            let asked: Vec<(u8, NaiveDateTime)> = (0..=rng.below(4))
                .map(|_| (rng.below(4) as u8, minutes(&mut rng)))
                .collect();
            let answers = |now: &Now| -> Vec<i64> {
                asked
                    .iter()
                    .map(|&(question, t)| match question {
                        0 => i64::from(now.reached(t)),
                        1 => i64::from(now.before(t)),
                        2 => now.hours_until(t),
                        _ => now.today().and_time(NaiveTime::MIN).and_utc().timestamp(),
                    })
                    .collect()
            };
            let first = answers(&now);
            let Some((from, until)) = now.span() else {
                continue;
            };
            let from = from.unwrap_or(base - TimeDelta::days(10));
            let until = until.unwrap_or(base + TimeDelta::days(10));
            assert!(from <= now.at && now.at < until);
            let tick = TimeDelta::nanoseconds(1);
            for moment in [from, until - tick, from + (until - from) / 2] {
                assert_eq!(answers(&Now::new(moment)), first, "at {moment}: {asked:?}");
            }
            // Just outside either end, some answer differs: the span is no narrower than
            // it must be.
            let (open_from, open_until) = now.span().unwrap();
            for outside in [open_from.map(|f| f - tick), open_until]
                .into_iter()
                .flatten()
            {
                assert_ne!(
                    answers(&Now::new(outside)),
                    first,
                    "at {outside}: {asked:?}"
                );
            }
        }
    }
}
