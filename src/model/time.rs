//! Dates, date-times and durations as the notebook writes them. Parsing is strict (a real
//! calendar date, four-digit year) and arithmetic saturates instead of overflowing, so a
//! note dated 9999-12-31 can never crash the agenda.

use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

/// `YYYY-MM-DD`, strictly.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        s.get(r)
            .filter(|p| p.bytes().all(|c| c.is_ascii_digit()))?
            .parse()
            .ok()
    };
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

/// A day as a date field takes it: `YYYY-MM-DD`, or a date-time (`2024-06-14T23:02`,
/// `2024-06-14 23:02`, seconds allowed, as Obsidian's date-time property writes it), of
/// which the date is used.
pub(crate) fn parse_day(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    parse_date(s).or_else(|| When::parse(s).map(When::date))
}

/// A date written in words, day first: `12 Feb 2026`, `3 September 2026` (English month
/// names, abbreviated to three letters or in full, any case).
pub(crate) fn parse_written_date(s: &str) -> Option<NaiveDate> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let mut words = s.split_whitespace();
    let (day, month, year) = (words.next()?, words.next()?, words.next()?);
    if words.next().is_some() || day.len() > 2 || year.len() != 4 {
        return None;
    }
    let month = month.trim_end_matches('.').to_lowercase();
    let number = MONTHS.iter().position(|m| {
        month.len() >= 3 && (*m == month || (month.len() == 3 && m.starts_with(&month)))
    })?;
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if !digits(day) || !digits(year) {
        return None;
    }
    NaiveDate::from_ymd_opt(
        year.parse().ok()?,
        u32::try_from(number).ok()? + 1,
        day.parse().ok()?,
    )
}

/// A birthday: a month and day, and the year if it is known (`03-14`, `--03-14` as vCard
/// writes a yearless one, or a full date).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Birthday {
    pub month: u32,
    pub day: u32,
    pub year: Option<i32>,
}

impl Birthday {
    pub(crate) fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if let Some(date) = parse_day(s) {
            return Some(Self {
                month: date.month(),
                day: date.day(),
                year: Some(date.year()),
            });
        }
        let md = s.strip_prefix("--").unwrap_or(s);
        let b = md.as_bytes();
        if b.len() != 5
            || b[2] != b'-'
            || !md
                .bytes()
                .enumerate()
                .all(|(i, c)| i == 2 || c.is_ascii_digit())
        {
            return None;
        }
        let (month, day) = (md[..2].parse().ok()?, md[3..].parse().ok()?);
        // Checked against a leap year, so 02-29 is a birthday.
        NaiveDate::from_ymd_opt(2000, month, day)?;
        Some(Self {
            month,
            day,
            year: None,
        })
    }

    /// The birthday in `year`; 29 February falls on the 28th in other years.
    pub(crate) fn in_year(self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
            .or_else(|| NaiveDate::from_ymd_opt(year, self.month, self.day - 1))
    }
}

impl fmt::Display for Birthday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(year) => write!(f, "{year:04}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "{:02}-{:02}", self.month, self.day),
        }
    }
}

/// The time zone written after a time (`Z`, `-07:00`, `+0100`, `MST`, `Europe/Berlin`) in
/// `text`, a date-time or a time, if it has one. The notebook keeps local times only, so a
/// zone makes a date invalid; naming it lets the message say why.
pub(crate) fn time_zone(text: &str) -> Option<&str> {
    let text = text.trim();
    let time = match text.get(..10).and_then(parse_date) {
        Some(_) => text[10..].strip_prefix([' ', 'T'])?.trim_start(),
        None => text,
    };
    // HH:MM, then :SS and fractions.
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let hours = digits(time);
    if !(1..=2).contains(&hours) {
        return None;
    }
    let mut rest = time[hours..].strip_prefix(':')?;
    if digits(rest) != 2 {
        return None;
    }
    rest = &rest[2..];
    while let Some(more) = rest.strip_prefix([':', '.']) {
        let n = digits(more);
        if n == 0 {
            return None;
        }
        rest = &more[n..];
    }
    let zone = rest.trim();
    let offset = zone
        .strip_prefix(['+', '-'])
        .is_some_and(|o| o.starts_with(|c: char| c.is_ascii_digit()));
    let named = !zone.is_empty()
        && !zone.eq_ignore_ascii_case("am")
        && !zone.eq_ignore_ascii_case("pm")
        && zone.starts_with(|c: char| c.is_ascii_alphabetic())
        && zone
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '+' | '-'));
    (offset || named).then_some(zone)
}

/// A date, or a date and a local time.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub(crate) enum When {
    Date(NaiveDate),
    DateTime(NaiveDateTime),
}

impl When {
    /// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` or `YYYY-MM-DDTHH:MM` (seconds allowed).
    pub(crate) fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if s.len() == 10 {
            return parse_date(s).map(Self::Date);
        }
        let (date, time) = (s.get(..10)?, s.get(10..)?);
        let time = time.strip_prefix([' ', 'T'])?.trim_start();
        let date = parse_date(date)?;
        let time = NaiveTime::parse_from_str(time, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M:%S"))
            .ok()?;
        Some(Self::DateTime(date.and_time(time)))
    }

    pub(crate) fn date(self) -> NaiveDate {
        match self {
            Self::Date(d) => d,
            Self::DateTime(dt) => dt.date(),
        }
    }

    /// The moment this starts: a bare date counts from midnight.
    pub(crate) fn start(self) -> NaiveDateTime {
        match self {
            Self::Date(d) => d.and_time(NaiveTime::MIN),
            Self::DateTime(dt) => dt,
        }
    }
}

impl When {
    /// `2026-12-08` or `2026-12-08T12:00`: ISO 8601, for JSON and for the keys and calendar
    /// UIDs made from a date (which must not change between releases).
    pub(crate) fn iso(self) -> String {
        match self {
            Self::Date(d) => d.format("%Y-%m-%d").to_string(),
            Self::DateTime(dt) => dt.format("%Y-%m-%dT%H:%M").to_string(),
        }
    }
}

/// `2026-12-08` or `2026-12-08 12:00`: the one form people read and write, in every text
/// output, in the files `ties` writes, and in the messages.
impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Self::DateTime(dt) => write!(f, "{}", dt.format("%Y-%m-%d %H:%M")),
        }
    }
}

/// `30min`, `24h`, `7d`, `2w`, `3mo`, `1y`: a length of time. Months and years are calendar
/// months (`1mo` from 31 January is the last day of February), so a snooze of `3mo` ends on
/// the same day of the month; minutes, hours, days and weeks are fixed lengths.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
pub(crate) struct Duration {
    months: u32,
    minutes: i64,
}

/// Why a duration could not be read, for the message that says how to write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BadDuration {
    /// `3m`: minutes or months? Refused where both could be meant.
    Ambiguous,
    /// More than a thousand years (`99999y`): nobody means it, and date arithmetic would
    /// overflow.
    TooLong,
    /// Anything else: no number, no unit, a negative length.
    Unreadable,
}

/// The units [`Duration::parse`] reads, longest first so that `mo` is not read as `m`.
const UNITS: [(&str, Unit); 6] = [
    ("min", Unit::Minutes(1)),
    ("mo", Unit::Months(1)),
    ("h", Unit::Minutes(60)),
    ("d", Unit::Minutes(24 * 60)),
    ("w", Unit::Minutes(7 * 24 * 60)),
    ("y", Unit::Months(12)),
];

#[derive(Clone, Copy)]
enum Unit {
    Minutes(i64),
    Months(u32),
}

impl Duration {
    pub(crate) const fn minutes(minutes: i64) -> Self {
        Self { months: 0, minutes }
    }

    #[cfg(test)]
    pub(crate) const fn days(days: i64) -> Self {
        Self::minutes(days * 24 * 60)
    }

    pub(crate) const fn months(months: u32) -> Self {
        Self { months, minutes: 0 }
    }

    /// `30min`, `24h`, `7d`, `2w`, `3mo` or `1y`. A bare `m` is refused as
    /// [`BadDuration::Ambiguous`]: `stay_in_touch: 3m` means three months to some and three
    /// minutes to others.
    pub(crate) fn parse(s: &str) -> Option<Self> {
        Self::read(s).ok()
    }

    /// [`Duration::parse`], saying why a text is refused.
    pub(crate) fn read(s: &str) -> Result<Self, BadDuration> {
        let s = s.trim();
        let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let (count, unit) = s.split_at(digits);
        if count.is_empty() {
            return Err(BadDuration::Unreadable);
        }
        if unit == "m" {
            return Err(BadDuration::Ambiguous);
        }
        let (_, unit) = UNITS
            .iter()
            .find(|(name, _)| *name == unit)
            .ok_or(BadDuration::Unreadable)?;
        // Digits too many for an i64 are a length past any limit, not a typo.
        let count: i64 = count.parse().map_err(|_| BadDuration::TooLong)?;
        // Durations beyond ~1000 years are nonsense and would overflow date arithmetic.
        match *unit {
            Unit::Minutes(per) => count
                .checked_mul(per)
                .filter(|m| *m <= 1000 * 366 * 24 * 60)
                .map(Self::minutes),
            Unit::Months(per) => u32::try_from(count)
                .ok()
                .and_then(|n| n.checked_mul(per))
                .filter(|m| *m <= 12 * 1000)
                .map(Self::months),
        }
        .ok_or(BadDuration::TooLong)
    }

    /// How long a chat lasts (`duration: 45m`): as [`Duration::parse`], and a bare `m` is
    /// minutes, since no chat lasts months.
    pub(crate) fn parse_length(s: &str) -> Option<Self> {
        match s.trim().strip_suffix('m') {
            Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                Self::parse(&format!("{n}min"))
            }
            _ => Self::parse(s),
        }
    }

    /// The length in minutes, a month counted as 30 days.
    pub(crate) fn as_minutes(self) -> i64 {
        i64::from(self.months) * 30 * 24 * 60 + self.minutes
    }

    /// The whole days in this duration (a horizon of 36h looks 1 day ahead; a month counts
    /// as 30 days).
    pub(crate) fn whole_days(self) -> i64 {
        self.as_minutes() / (24 * 60)
    }

    /// `date + self`, rounded down to whole days, saturating at the calendar's ends.
    pub(crate) fn after_date(self, date: NaiveDate) -> NaiveDate {
        date.checked_add_months(chrono::Months::new(self.months))
            .and_then(|d| d.checked_add_signed(TimeDelta::days(self.minutes / (24 * 60))))
            .unwrap_or(NaiveDate::MAX)
    }

    /// `moment + self`, saturating at the calendar's end.
    pub(crate) fn after(self, moment: NaiveDateTime) -> NaiveDateTime {
        moment
            .checked_add_months(chrono::Months::new(self.months))
            .and_then(|m| m.checked_add_signed(TimeDelta::minutes(self.minutes)))
            .unwrap_or(NaiveDateTime::MAX)
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.minutes;
        if self.months != 0 && m == 0 {
            return if self.months.is_multiple_of(12) {
                write!(f, "{}y", self.months / 12)
            } else {
                write!(f, "{}mo", self.months)
            };
        }
        if m != 0 && m % (7 * 24 * 60) == 0 {
            write!(f, "{}w", m / (7 * 24 * 60))
        } else if m != 0 && m % (24 * 60) == 0 {
            write!(f, "{}d", m / (24 * 60))
        } else if m != 0 && m % 60 == 0 {
            write!(f, "{}h", m / 60)
        } else {
            write!(f, "{m}min")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_zone_after_a_time_is_named() {
        for (text, zone) in [
            ("2026-11-24T10:30:00-07:00", Some("-07:00")),
            ("2026-11-24 10:30 MST", Some("MST")),
            ("10:30 MST", Some("MST")),
            ("2026-11-24T10:30Z", Some("Z")),
            ("2026-11-24 10:30:00.5+0100", Some("+0100")),
            ("2026-11-24 10:30 Europe/Berlin", Some("Europe/Berlin")),
            ("2026-11-24 10:30", None),
            ("2026-11-24 10:30 pm", None),
            ("2026-11-24", None),
            ("next tuesday", None),
            ("2026-11-24 lunch with Ada", None),
        ] {
            assert_eq!(time_zone(text), zone, "{text:?}");
        }
    }

    #[test]
    fn dates_are_strict() {
        assert_eq!(
            parse_date("2026-11-21"),
            NaiveDate::from_ymd_opt(2026, 11, 21)
        );
        assert_eq!(parse_date("2026-11-31"), None);
        assert_eq!(parse_date("2026-1-21"), None);
        assert_eq!(parse_date("+202-11-21"), None);
        assert_eq!(parse_date("next tuesday"), None);
    }

    #[test]
    fn date_times_in_both_forms() {
        let dt = When::parse("2026-11-21 14:30").unwrap();
        assert_eq!(When::parse("2026-11-21T14:30"), Some(dt));
        assert_eq!(dt.to_string(), "2026-11-21 14:30");
        assert_eq!(dt.iso(), "2026-11-21T14:30");
        assert_eq!(When::parse("2026-11-21").unwrap().to_string(), "2026-11-21");
        assert_eq!(When::parse("2026-11-21 25:00"), None);
        assert_eq!(When::parse("2026-11-21 noon"), None);
    }

    #[test]
    fn a_date_field_takes_the_date_of_a_date_time() {
        let day = NaiveDate::from_ymd_opt(2024, 6, 14);
        for text in [
            "2024-06-14",
            "2024-06-14T23:02",
            "2024-06-14 23:02",
            "2024-06-14T23:02:59",
        ] {
            assert_eq!(parse_day(text), day, "{text:?}");
        }
        assert_eq!(parse_day("2024-06-14T25:00"), None);
        assert_eq!(parse_day("2024-06-14T23:02Z"), None);
    }

    #[test]
    fn dates_in_words() {
        let feb = NaiveDate::from_ymd_opt(2026, 2, 12);
        for text in ["12 Feb 2026", "12 february 2026", "12 FEB. 2026"] {
            assert_eq!(parse_written_date(text), feb, "{text:?}");
        }
        for bad in [
            "12 Febr 2026",
            "31 Feb 2026",
            "12 Feb 26",
            "Feb 12 2026",
            "12",
        ] {
            assert_eq!(parse_written_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn birthdays_with_and_without_a_year() {
        let b = Birthday::parse("03-14").unwrap();
        assert_eq!((b.month, b.day, b.year), (3, 14, None));
        assert_eq!(Birthday::parse("--03-14"), Some(b));
        assert_eq!(Birthday::parse("1990-03-14").unwrap().year, Some(1990));
        assert_eq!(b.to_string(), "03-14");
        for bad in ["3-14", "13-01", "02-30", "14 March", "0314"] {
            assert_eq!(Birthday::parse(bad), None, "{bad:?}");
        }
        let leap = Birthday::parse("02-29").unwrap();
        assert_eq!(leap.in_year(2026), NaiveDate::from_ymd_opt(2026, 2, 28));
        assert_eq!(leap.in_year(2028), NaiveDate::from_ymd_opt(2028, 2, 29));
    }

    #[test]
    fn durations() {
        assert_eq!(Duration::parse("30min"), Some(Duration::minutes(30)));
        assert_eq!(Duration::parse("24h"), Some(Duration::days(1)));
        assert_eq!(Duration::parse("2w"), Some(Duration::days(14)));
        assert_eq!(Duration::parse("3mo"), Some(Duration::months(3)));
        assert_eq!(Duration::parse("1y"), Some(Duration::months(12)));
        assert_eq!(Duration::parse("7 days"), None);
        assert_eq!(Duration::parse("-3d"), None);
        assert_eq!(Duration::parse("d"), None);
        assert_eq!(Duration::parse("99999999999999w"), None);
        assert_eq!(Duration::parse("99999999999y"), None);
        assert_eq!(Duration::days(14).to_string(), "2w");
        assert_eq!(Duration::minutes(90).to_string(), "90min");
        assert_eq!(Duration::months(3).to_string(), "3mo");
        assert_eq!(Duration::months(24).to_string(), "2y");
    }

    #[test]
    fn a_bare_m_is_refused_except_for_a_chats_length() {
        assert_eq!(Duration::read("3m"), Err(BadDuration::Ambiguous));
        assert_eq!(Duration::read("3x"), Err(BadDuration::Unreadable));
        assert_eq!(Duration::read("99999y"), Err(BadDuration::TooLong));
        assert_eq!(
            Duration::read("99999999999999999999d"),
            Err(BadDuration::TooLong)
        );
        assert_eq!(Duration::read("1000y"), Ok(Duration::months(12_000)));
        assert_eq!(Duration::parse_length("45m"), Some(Duration::minutes(45)));
        assert_eq!(Duration::parse_length("45min"), Some(Duration::minutes(45)));
        assert_eq!(Duration::parse_length("1h"), Some(Duration::minutes(60)));
        assert_eq!(Duration::parse_length("m"), None);
    }

    #[test]
    fn months_are_calendar_months() {
        let d = |s| parse_date(s).unwrap();
        assert_eq!(
            Duration::months(1).after_date(d("2027-01-31")),
            d("2027-02-28")
        );
        assert_eq!(
            Duration::months(3).after_date(d("2026-12-08")),
            d("2027-03-08")
        );
        assert_eq!(
            Duration::months(12).after_date(d("2028-02-29")),
            d("2029-02-28")
        );
        assert_eq!(Duration::months(1).whole_days(), 30);
    }

    #[test]
    fn arithmetic_saturates() {
        let end = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
        assert_eq!(Duration::days(7).after_date(NaiveDate::MAX), NaiveDate::MAX);
        assert!(Duration::days(7).after_date(end) > end);
    }
}
