//! What an import reads into a cell beyond its text, each rule a documented word list
//! (docs/import.md): which way round a column writes its dates, the role a job title
//! implies, and which employers are no company at all.

use super::cells::{Order, slash_pair};
use crate::model::contact::Role;
use crate::model::settings::Settings;

/// The order each column's dates settle among themselves: a column where some date can
/// only be day-first (`20/11/2026`) reads its ambiguous dates day-first, and likewise for
/// month-first (`11/20/2026`). A column that shows both, or neither, settles nothing.
pub(super) fn date_orders(columns: usize, rows: &[(u64, Vec<String>)]) -> Vec<Option<Order>> {
    let mut seen = vec![(false, false); columns];
    for (_, cells) in rows {
        for (i, cell) in cells.iter().enumerate() {
            let Some(slot) = seen.get_mut(i) else {
                continue;
            };
            for part in cell.split([';', '|', '\n']) {
                if let Some((a, b)) = slash_pair(part) {
                    slot.0 |= a > 12 && b <= 12;
                    slot.1 |= b > 12 && a <= 12;
                }
            }
        }
    }
    seen.into_iter()
        .map(|s| match s {
            (true, false) => Some(Order::DayFirst),
            (false, true) => Some(Order::MonthFirst),
            _ => None,
        })
        .collect()
}

/// The role a job title implies, by its words (see [`Role::of_title`]); none for a title
/// without any of them.
pub(super) fn role_of_title(title: &str) -> Option<&'static str> {
    Role::of_title(title).map(Role::as_str)
}

/// Employers that are no company: making a company file of them would only mislead the
/// per-company reports. `import.placeholder_employers` in `ties.yaml` replaces the list.
pub(crate) const PLACEHOLDER_EMPLOYERS: &[&str] = &[
    "Self-employed",
    "Self employed",
    "Freelance",
    "Freelancer",
    "Independent",
    "Independent Consultant",
    "Consultant",
    "Confidential",
    "Stealth",
    "Stealth Startup",
    "Stealth Mode",
    "Stealth Mode Startup",
    "Stealth AI Startup",
    "Retired",
    "Unemployed",
    "Open to Work",
    "Looking for new opportunities",
    "Career Break",
    "Various",
    "Private",
];

/// The employers that are no company: `import.placeholder_employers` of `ties.yaml`, else
/// [`PLACEHOLDER_EMPLOYERS`].
pub(super) fn placeholders(settings: &Settings) -> Vec<String> {
    settings
        .import
        .placeholder_employers
        .clone()
        .unwrap_or_else(|| {
            PLACEHOLDER_EMPLOYERS
                .iter()
                .map(|p| (*p).to_owned())
                .collect()
        })
}

/// Whether `employer` is one of `list`, ignoring case, spaces and punctuation.
pub(super) fn is_placeholder(employer: &str, list: &[String]) -> bool {
    let norm = super::columns::normalise(employer);
    list.iter().any(|p| super::columns::normalise(p) == norm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_from_titles() {
        for (title, role) in [
            ("Engineering Manager", Some("manager")),
            ("Senior Software Engineer", Some("developer")),
            ("Technical Recruiter", Some("recruiter")),
            ("Talent Acquisition Partner", Some("recruiter")),
            ("VP Engineering", Some("manager")),
            ("Head of Platform", Some("manager")),
            ("Tech Lead", Some("developer")),
            ("Lead Backend Engineer", Some("developer")),
            ("Developer Advocate", Some("developer")),
            ("Team Lead", Some("manager")),
            ("Product Designer", None),
            ("HR Business Partner", Some("recruiter")),
            ("Head of HR", Some("recruiter")),
            ("Product Manager, Global HR Technology", Some("manager")),
            ("Software Engineer, HR Systems", Some("developer")),
            ("Chrome Engineer", Some("developer")),
            ("", None),
        ] {
            assert_eq!(role_of_title(title), role, "{title}");
        }
    }

    #[test]
    fn a_column_settles_its_date_order() {
        let rows = vec![
            (
                2,
                vec!["11/3/2026".into(), "3/11/2026".into(), "1/2/2026".into()],
            ),
            (
                3,
                vec!["11/20/2026".into(), "20/11/2026".into(), "13/1/2026".into()],
            ),
            (4, vec![String::new(), String::new(), "1/13/2026".into()]),
        ];
        assert_eq!(
            date_orders(3, &rows),
            [Some(Order::MonthFirst), Some(Order::DayFirst), None]
        );
    }

    #[test]
    fn placeholders_match_loosely() {
        let list: Vec<String> = PLACEHOLDER_EMPLOYERS
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        assert!(is_placeholder("self-employed", &list));
        assert!(is_placeholder("STEALTH STARTUP", &list));
        assert!(!is_placeholder("Stealthy Co", &list));
    }
}
