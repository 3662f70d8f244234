//! How the persistent index ([`crate::cache`]) writes the dates of a record: as numbers.
//! `chrono` writes a date through its `Display` (`2026-11-21`), formatted twice by the
//! index's encoder (once to count, once to write), and reads it back by parsing it: that
//! was 60 M of the 93 M instructions a cold check adds to a stateless one at 8,300 files.
//! A field opts in with `#[serde(with = "crate::model::compact")]`; the JSON that commands
//! print never goes through here, so its dates stay text.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::time::When;
use crate::span::{Span, Spanned};

/// A value the index writes as a plainer one.
pub(crate) trait Compact: Sized {
    type Plain: Serialize + DeserializeOwned;
    fn plain(&self) -> Self::Plain;
    /// `None` for a plain value no date has (a corrupt entry that passed its checksum).
    fn from_plain(plain: Self::Plain) -> Option<Self>;
}

/// Days since the first day of the common era.
impl Compact for NaiveDate {
    type Plain = i32;

    fn plain(&self) -> i32 {
        self.num_days_from_ce()
    }

    fn from_plain(days: i32) -> Option<Self> {
        Self::from_num_days_from_ce_opt(days)
    }
}

/// The day, and the seconds and nanoseconds into it when there is a time.
impl Compact for When {
    type Plain = (i32, Option<(u32, u32)>);

    fn plain(&self) -> Self::Plain {
        match self {
            Self::Date(day) => (day.plain(), None),
            Self::DateTime(at) => (
                at.date().plain(),
                Some((at.num_seconds_from_midnight(), at.nanosecond())),
            ),
        }
    }

    fn from_plain((days, time): Self::Plain) -> Option<Self> {
        let day = NaiveDate::from_plain(days)?;
        Some(match time {
            None => Self::Date(day),
            Some((seconds, nanos)) => Self::DateTime(NaiveDateTime::new(
                day,
                NaiveTime::from_num_seconds_from_midnight_opt(seconds, nanos)?,
            )),
        })
    }
}

impl<T: Compact> Compact for Spanned<T> {
    type Plain = (T::Plain, Span);

    fn plain(&self) -> Self::Plain {
        (self.value.plain(), self.span)
    }

    fn from_plain((value, span): Self::Plain) -> Option<Self> {
        Some(Self::new(T::from_plain(value)?, span))
    }
}

impl<T: Compact> Compact for Option<T> {
    type Plain = Option<T::Plain>;

    fn plain(&self) -> Self::Plain {
        self.as_ref().map(T::plain)
    }

    fn from_plain(plain: Self::Plain) -> Option<Self> {
        match plain {
            None => Some(None),
            Some(value) => T::from_plain(value).map(Some),
        }
    }
}

impl<T: Compact> Compact for Vec<T> {
    type Plain = Vec<T::Plain>;

    fn plain(&self) -> Self::Plain {
        self.iter().map(T::plain).collect()
    }

    fn from_plain(plain: Self::Plain) -> Option<Self> {
        plain.into_iter().map(T::from_plain).collect()
    }
}

pub(crate) fn serialize<T: Compact, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    value.plain().serialize(serializer)
}

pub(crate) fn deserialize<'de, T: Compact, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    T::from_plain(T::Plain::deserialize(deserializer)?)
        .ok_or_else(|| D::Error::custom("a date out of range"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T: Compact + PartialEq + std::fmt::Debug>(value: &T) {
        let bytes = postcard::to_stdvec(&value.plain()).unwrap();
        let plain: T::Plain = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(T::from_plain(plain).as_ref(), Some(value));
    }

    #[test]
    fn dates_and_times_come_back_as_they_went() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        for date in [
            day(2026, 11, 21),
            day(1, 1, 1),
            day(-40, 2, 29),
            NaiveDate::MAX,
            NaiveDate::MIN,
        ] {
            round_trip(&date);
            round_trip(&Some(Spanned::new(date, Span::new(3, 13))));
        }
        let at = day(2026, 2, 28)
            .and_hms_nano_opt(23, 59, 59, 1_500_000_000)
            .unwrap();
        round_trip(&vec![
            Spanned::new(When::DateTime(at), Span::new(0, 16)),
            Spanned::new(When::Date(day(2026, 3, 1)), Span::new(1, 2)),
        ]);
        round_trip(&None::<Spanned<When>>);
        assert_eq!(NaiveDate::from_plain(i32::MAX), None);
        assert_eq!(When::from_plain((0, Some((86_400, 0)))), None);
    }
}
