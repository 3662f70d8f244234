//! What one cell says, whatever the format: its text cleaned of spreadsheet placeholders,
//! a loose date, a yes or a no, a birthday, a web address. Plain functions of text, used by
//! the format readers and the row reader alike; a leaf of the import module.

use chrono::NaiveDate;

use crate::model::decode::{is_profile, normalize_profile};
use crate::model::time::parse_date;

/// What spreadsheets write in a cell that has nothing to say.
const NOTHING: &[&str] = &["-", "—", "–", "n/a", "na", "none", "null", "?", "tbd"];

/// A cell without its padding and without the `'` that `ties export csv` puts before a cell
/// a spreadsheet would run as a formula (so an export imports back exactly); spreadsheet
/// placeholders for "nothing" count as empty.
pub(super) fn clean(cell: &str) -> &str {
    let cell = crate::spreadsheet::unguard(cell.trim()).trim();
    if NOTHING.iter().any(|n| n.eq_ignore_ascii_case(cell)) {
        ""
    } else {
        cell
    }
}

/// `Some(true)` for a yes (`yes`, `y`, `true`, `replied`, `x`, a tick…), `Some(false)` for a
/// no (`no`, `n`, `false`, `pending`, `waiting`, `not`…), by the cell's first word.
pub(super) fn yes_no(text: &str) -> Option<bool> {
    let text = text.trim();
    if ["✓", "✔", "✅"].contains(&text) {
        return Some(true);
    }
    let lower = text.to_lowercase();
    let word = lower
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let yes = [
        "yes",
        "y",
        "true",
        "replied",
        "responded",
        "x",
        "done",
        "sent",
    ];
    let no = ["no", "n", "false", "pending", "waiting", "not"];
    if yes.contains(&word) {
        Some(true)
    } else if no.contains(&word) {
        Some(false)
    } else {
        None
    }
}

/// A yes or no with more to say ("Yes, set up a call").
pub(super) fn says_more(text: &str) -> bool {
    let text = text.trim();
    let first = text
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    !["✓", "✔", "✅"].contains(&text) && first.len() != text.len()
}

/// A birthday as `MM-DD` or `YYYY-MM-DD`: vCard's forms (`--0415`, `19850415`), a date in
/// any form a date cell takes, or `MM-DD` itself.
pub(super) fn birthday(cell: &str) -> Option<String> {
    let vcard = iso_birthday(cell, None);
    let valid_md = |s: &str| {
        s.len() == 5
            && s.as_bytes()[2] == b'-'
            && NaiveDate::parse_from_str(&format!("2000-{s}"), "%Y-%m-%d").is_ok()
    };
    if valid_md(&vcard) || parse_date(&vcard).is_some() {
        return Some(vcard);
    }
    parse_loose_date(cell, None, false)
        .ok()
        .map(|d| d.to_string())
}

/// Newlines and tabs in a one-line value become spaces.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A profile cell: a handle or an address on `site` (given a scheme if it lacks one).
pub(super) fn profile(cell: &str, header: &str, site: &str) -> Result<String, String> {
    let value = if cell.starts_with(site) {
        format!("https://{cell}")
    } else {
        normalize_profile(cell)
    };
    if !is_profile(&value) {
        return Err(format!(
            "`{cell}` in {header} is not a handle or a web address"
        ));
    }
    Ok(value)
}

pub(super) fn with_scheme(cell: &str) -> String {
    if cell.contains("://") {
        cell.to_owned()
    } else {
        format!("https://{cell}")
    }
}

/// Which number comes first in a column's `11/3/2026` dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Order {
    /// `3/11/2026` is 3 November.
    DayFirst,
    /// `11/3/2026` is 3 November (the US way, and LinkedIn's).
    MonthFirst,
}

/// The first two numbers of `a/b/year`, if `text` starts with such a date.
pub(super) fn slash_pair(text: &str) -> Option<(u32, u32)> {
    let mut parts = text.trim().splitn(3, '/');
    let a = parts.next()?.parse().ok()?;
    let b = parts.next()?.parse().ok()?;
    let year = parts.next()?;
    year.starts_with(|c: char| c.is_ascii_digit())
        .then_some((a, b))
}

/// The date in `text`, or why not (`""` when it is simply not a date): `2024-11-12`,
/// `2024/11/12`, `12 Nov 2024`, `Nov 12, 2024`, `12.11.2024`, `23-Apr-23` (Excel), or
/// `11/12/2024` when the day is unmistakable (over 12) or `order` settles it.
/// `two_digit_years` (LinkedIn's `1/8/18, 6:14 PM`) reads `18` as 2018.
pub(super) fn parse_loose_date(
    text: &str,
    order: Option<Order>,
    two_digit_years: bool,
) -> Result<NaiveDate, &'static str> {
    let text = text.trim();
    // `1/8/18, 6:14 PM`: the day, without the time.
    let text = match text.split_once(',') {
        Some((day, _)) if slash_pair(day).is_some() => day.trim(),
        _ => text,
    };
    // A date-time: its day.
    let day = text
        .get(..10)
        .filter(|_| text.len() > 10 && text[10..].starts_with([' ', 'T']));
    if let Some(d) = parse_date(text).or_else(|| day.and_then(parse_date)) {
        return Ok(d);
    }
    let words = text.replace(',', " ");
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let formats = [
        "%Y/%m/%d", "%Y.%m.%d", "%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y", "%d.%m.%Y",
    ];
    let four_digit_year = text
        .get(..4)
        .is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()));
    for format in formats {
        // chrono's `%Y` takes `1` as a year: `1/8/18` is no `%Y/%m/%d`.
        if format.starts_with("%Y") && !four_digit_year {
            continue;
        }
        if let Ok(d) = NaiveDate::parse_from_str(&words, format) {
            return Ok(d);
        }
    }
    // Excel's `23-Apr-23`: the month is a word, so only the century is guessed (2000s).
    if let [day, month, year] = text.split('-').collect::<Vec<_>>().as_slice()
        && matches!(year.len(), 2 | 4)
        && month.chars().all(|c| c.is_ascii_alphabetic())
        && let Ok(year) = year.parse::<i32>()
    {
        let year = if year < 100 { 2000 + year } else { year };
        if let Ok(d) = NaiveDate::parse_from_str(&format!("{day}-{month}-{year}"), "%d-%b-%Y") {
            return Ok(d);
        }
    }
    let parts: Vec<&str> = text.split('/').collect();
    if let [a, b, y] = parts.as_slice() {
        let (Ok(a), Ok(b), Ok(mut y)) = (a.parse::<u32>(), b.parse::<u32>(), y.parse::<i32>())
        else {
            return Err("");
        };
        if y < 100 && two_digit_years {
            y += 2000;
        }
        if y < 1000 {
            return Err(" (give the year in four digits)");
        }
        let (month, day) = match (a > 12, b > 12, order) {
            (true, false, _) | (false, false, Some(Order::DayFirst)) => (b, a),
            (false, true, _) | (false, false, Some(Order::MonthFirst)) => (a, b),
            (false, false, None) if a == b => (a, b),
            (false, false, None) => {
                return Err(" (day and month could be either way round)");
            }
            (true, true, _) => return Err(""),
        };
        return NaiveDate::from_ymd_opt(y, month, day).ok_or("");
    }
    Err("")
}

/// `BDAY` as `YYYY-MM-DD`, or `MM-DD` when the year is missing: `--0415` and `--04-15`
/// (4.0), `1985-04-15`, `19850415`, with or without a time; Apple writes a missing year as
/// 1604 and says so in `X-APPLE-OMIT-YEAR`. Anything else is given back as written, for the
/// row to report.
pub(super) fn iso_birthday(value: &str, year_omitted: Option<&str>) -> String {
    let value = value.trim();
    let day = value.split('T').next().unwrap_or(value);
    let digits: String = day.chars().filter(char::is_ascii_digit).collect();
    let month_day = |md: &str| format!("{}-{}", &md[..2], &md[2..]);
    let valid = |y: i32, md: &str| {
        let (m, d) = (md[..2].parse().unwrap_or(0), md[2..].parse().unwrap_or(0));
        chrono::NaiveDate::from_ymd_opt(y, m, d).is_some()
    };
    if day.starts_with("--") && digits.len() == 4 && valid(2000, &digits) {
        return month_day(&digits);
    }
    if digits.len() == 8 && day.len() <= 10 && day.chars().all(|c| c.is_ascii_digit() || c == '-') {
        let (year, md) = digits.split_at(4);
        let y: i32 = year.parse().unwrap_or(0);
        if valid(y, md) {
            return if year_omitted == Some(year) || year == "1604" {
                month_day(md)
            } else {
                format!("{year}-{}", month_day(md))
            };
        }
    }
    value.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_dates() {
        let parse_loose_date = |t| super::parse_loose_date(t, None, false);
        let d = |y, m, day| Ok(NaiveDate::from_ymd_opt(y, m, day).unwrap());
        assert_eq!(parse_loose_date("2024-11-12"), d(2024, 11, 12));
        assert_eq!(parse_loose_date("2024-11-12 10:30"), d(2024, 11, 12));
        assert_eq!(parse_loose_date("12 Nov 2024"), d(2024, 11, 12));
        assert_eq!(parse_loose_date("12 November 2024"), d(2024, 11, 12));
        assert_eq!(parse_loose_date("Nov 12, 2024"), d(2024, 11, 12));
        assert_eq!(parse_loose_date("2024/11/12"), d(2024, 11, 12));
        assert_eq!(parse_loose_date("12.11.2024"), d(2024, 11, 12));
        assert_eq!(parse_loose_date("11/13/2024"), d(2024, 11, 13));
        assert_eq!(parse_loose_date("13/11/2024"), d(2024, 11, 13));
        assert!(
            parse_loose_date("11/12/2024")
                .unwrap_err()
                .contains("either way")
        );
        assert!(parse_loose_date("31 Feb 2024").is_err());
        assert!(parse_loose_date("next week").is_err());
        assert_eq!(parse_loose_date("23-Apr-23"), d(2023, 4, 23));
        assert!(parse_loose_date("1/8/18").is_err());
    }

    #[test]
    fn a_settled_order_and_linkedin_dates() {
        let d = |y, m, day| Ok(NaiveDate::from_ymd_opt(y, m, day).unwrap());
        assert_eq!(
            parse_loose_date("11/3/2026", Some(Order::MonthFirst), false),
            d(2026, 11, 3)
        );
        assert_eq!(
            parse_loose_date("11/3/2026", Some(Order::DayFirst), false),
            d(2026, 3, 11)
        );
        // An unmistakable day wins over the order.
        assert_eq!(
            parse_loose_date("11/20/2026", Some(Order::DayFirst), false),
            d(2026, 11, 20)
        );
        assert_eq!(
            parse_loose_date("1/8/18, 6:14 PM", Some(Order::MonthFirst), true),
            d(2018, 1, 8)
        );
    }

    #[test]
    fn yes_no_words_and_birthdays() {
        assert_eq!(yes_no("Yes"), Some(true));
        assert_eq!(yes_no("✅"), Some(true));
        assert_eq!(yes_no("No"), Some(false));
        assert_eq!(yes_no("maybe"), None);
        assert!(says_more("Yes, set up a call"));
        assert!(!says_more("yes"));
        assert_eq!(birthday("--0415").as_deref(), Some("04-15"));
        assert_eq!(birthday("04-15").as_deref(), Some("04-15"));
        assert_eq!(birthday("1985-04-15").as_deref(), Some("1985-04-15"));
        assert_eq!(birthday("April 15, 1985").as_deref(), Some("1985-04-15"));
        assert_eq!(birthday("02-30"), None);
        assert_eq!(birthday("soon"), None);
    }

    #[test]
    fn birthday_forms() {
        assert_eq!(iso_birthday("--0415", None), "04-15");
        assert_eq!(iso_birthday("--04-15", None), "04-15");
        assert_eq!(iso_birthday("19850415", None), "1985-04-15");
        assert_eq!(iso_birthday("1985-04-15", None), "1985-04-15");
        assert_eq!(iso_birthday("1985-04-15T00:00:00Z", None), "1985-04-15");
        assert_eq!(iso_birthday("1604-04-15", Some("1604")), "04-15");
        assert_eq!(iso_birthday("--0230", None), "--0230");
        assert_eq!(iso_birthday("circa 1800", None), "circa 1800");
    }
}
