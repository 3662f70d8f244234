//! ## What it checks
//! Dates that are not real `YYYY-MM-DD` dates and date-times that are not
//! `YYYY-MM-DD HH:MM` (or `YYYY-MM-DDTHH:MM`), in front matter and in task due dates (which
//! may also be written `(due 12 Feb 2026)`), and birthdays that are not `MM-DD` or a date.
//! Where a date is expected, a date-time is fine: its date is used.
//!
//! ## Why it matters
//! Every agenda item is computed from dates: a follow-up from `reached_out`, a thank-you from a
//! chat's `date`. An unreadable date silently drops the item you needed.
//!
//! ## Example
//! ```yaml
//! reached_out: 2026-11-31
//! date: next tuesday
//! ```
//!
//! ## How to fix
//! Write the date as `YYYY-MM-DD`, e.g. `2026-11-30`; a time as `2026-11-30 14:00`, in local
//! time (time zones such as `-07:00` or `MST` are not supported); several
//! dates as a list, `followed_up: [2026-11-10, 2026-11-17]` (a comma alone does not make one).

use crate::findings::DateForm;
use crate::model::time;
use crate::rules::{Words, shorten};

pub(crate) fn invalid_date(key: &str, value: &str, form: DateForm) -> Words {
    if let Some(zone) = time::time_zone(value) {
        let help = match form {
            DateForm::DateTime => "write the local time without the zone, e.g. 2026-11-24 10:30",
            _ => "write the date alone, as YYYY-MM-DD",
        };
        return Words::new(format!(
            "`{key}`: `{}` has a time zone (`{}`); time zones are not supported",
            shorten(value),
            shorten(zone)
        ))
        .help(help);
    }
    let (what, help) = match form {
        DateForm::Dates if value.contains(',') => (
            "date",
            format!(
                "write several dates as a list: `{key}: [{}]`",
                shorten(
                    &value
                        .split(',')
                        .map(str::trim)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            ),
        ),
        DateForm::Date | DateForm::Dates => {
            ("date", "write it as YYYY-MM-DD, e.g. 2026-11-21".to_owned())
        }
        DateForm::DateTime => (
            "date or date-time",
            "write it as YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2026-11-21".to_owned(),
        ),
        DateForm::NextAction => (
            "date",
            "write the next action as \"YYYY-MM-DD what to do\"".to_owned(),
        ),
        DateForm::Due => (
            "date",
            "write it as YYYY-MM-DD or day, month and year, e.g. (due 2026-02-12) or (due 12 Feb 2026)"
                .to_owned(),
        ),
        DateForm::Birthday => (
            "birthday",
            "write it as MM-DD or YYYY-MM-DD, e.g. 03-14 or 1990-03-14".to_owned(),
        ),
        DateForm::Sent => (
            "date",
            "write each message as \"YYYY-MM-DD template\", e.g. \"2026-11-21 follow-up\"".to_owned(),
        ),
    };
    Words::new(format!(
        "`{key}`: `{}` is not a valid {what}",
        shorten(value)
    ))
    .help(help)
}
