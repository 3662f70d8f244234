//! Which column means which key: headers matched loosely against each key's synonyms, then
//! `--map` on top.

use super::Source;
use crate::error::Error;

/// A contact key, or what a column can mean besides one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Field {
    Id,
    Name,
    FirstName,
    LastName,
    Company,
    Title,
    Role,
    Warmth,
    Tie,
    Source,
    IntroducedBy,
    Email,
    Linkedin,
    Github,
    Slack,
    Twitter,
    Phone,
    Website,
    Location,
    Timezone,
    Tags,
    ReachedOut,
    FollowedUp,
    Replied,
    Next,
    StayInTouch,
    Snooze,
    Status,
    Notes,
    ConnectedOn,
    Skip,
}

/// Each field, the key `--map` names it by, and the headers (normalised) that mean it.
const FIELDS: &[(Field, &str, &[&str])] = &[
    (Field::Id, "id", &["id"]),
    (
        Field::Name,
        "name",
        &["name", "fullname", "contactname", "contact", "person"],
    ),
    (
        Field::FirstName,
        "first_name",
        &["firstname", "givenname", "first"],
    ),
    (
        Field::LastName,
        "last_name",
        &["lastname", "surname", "familyname", "last"],
    ),
    (
        Field::Company,
        "company",
        &[
            "company",
            "companyname",
            "organization",
            "organisation",
            "org",
            "employer",
        ],
    ),
    (
        Field::Title,
        "title",
        &["title", "jobtitle", "position", "headline"],
    ),
    (Field::Role, "role", &["role"]),
    (
        Field::Warmth,
        "warmth",
        &["warmth", "warmcold", "warmorcold"],
    ),
    (Field::Tie, "tie", &["tie", "tiestrength"]),
    (
        Field::Source,
        "source",
        &[
            "source",
            "howwemet",
            "howimet",
            "metat",
            "foundvia",
            "foundthrough",
        ],
    ),
    (
        Field::IntroducedBy,
        "introduced_by",
        &["introducedby", "referredby"],
    ),
    (Field::Email, "email", &["email", "emailaddress", "mail"]),
    (
        Field::Linkedin,
        "linkedin",
        &["linkedin", "linkedinurl", "linkedinprofile"],
    ),
    (Field::Github, "github", &["github", "githuburl"]),
    (Field::Slack, "slack", &["slack"]),
    (Field::Twitter, "twitter", &["twitter"]),
    (
        Field::Phone,
        "phone",
        &["phone", "phonenumber", "mobile", "telephone"],
    ),
    (
        Field::Website,
        "website",
        &["website", "homepage", "portfolio"],
    ),
    (Field::Location, "location", &["location", "city"]),
    (Field::Timezone, "timezone", &["timezone"]),
    (Field::Tags, "tags", &["tags", "tag", "labels"]),
    (
        Field::ReachedOut,
        "reached_out",
        &[
            "reachedout",
            "datereachedout",
            "reachedouton",
            "outreach",
            "outreachdate",
            "dateofoutreach",
            "contacted",
            "datecontacted",
            "firstcontact",
        ],
    ),
    (
        Field::FollowedUp,
        "followed_up",
        &[
            "followedup",
            "followup",
            "followupdate",
            "followupdates",
            "datefollowedup",
            "followedupon",
        ],
    ),
    (
        Field::Replied,
        "replied",
        &[
            "replied",
            "response",
            "responded",
            "reply",
            "repliedon",
            "responsedate",
            "replydate",
        ],
    ),
    (
        Field::Next,
        "next",
        &["next", "nextstep", "nextsteps", "nextaction"],
    ),
    (Field::StayInTouch, "stay_in_touch", &["stayintouch"]),
    (Field::Snooze, "snooze", &["snooze", "snoozeuntil"]),
    (Field::Status, "status", &["status"]),
    (
        Field::Notes,
        "notes",
        &[
            "notes",
            "note",
            "comments",
            "comment",
            "details",
            "description",
            "body",
        ],
    ),
    (Field::ConnectedOn, "connected_on", &["connectedon"]),
];

/// The keys `--map` accepts, for help texts.
pub fn map_keys() -> Vec<&'static str> {
    FIELDS.iter().map(|(_, key, _)| *key).chain(["-"]).collect()
}

/// `Date reached out` → `datereachedout`.
pub(super) fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn field_of(header: &str, source: Source) -> Option<Field> {
    let norm = normalise(header);
    let find = |name: &str| {
        if source == Source::Linkedin && name == "url" {
            return Some(Field::Linkedin);
        }
        FIELDS
            .iter()
            .find(|(_, _, synonyms)| synonyms.contains(&name))
            .map(|(field, _, _)| *field)
    };
    // `Follow-up 2` is a follow-up too.
    find(&norm).or_else(|| find(norm.trim_end_matches(|c: char| c.is_ascii_digit())))
}

pub(super) fn columns(
    headers: &[String],
    source: Source,
    map: &[(String, String)],
) -> Result<Vec<Option<Field>>, Error> {
    let mut columns: Vec<Option<Field>> = headers.iter().map(|h| field_of(h, source)).collect();
    for (column, key) in map {
        let spec = format!("{column}={key}");
        let field = if key.trim() == "-" {
            Field::Skip
        } else {
            let wanted = normalise(key);
            FIELDS
                .iter()
                .find(|(_, k, _)| normalise(k) == wanted)
                .map(|(f, _, _)| *f)
                .ok_or_else(|| Error::BadMap {
                    spec: spec.clone(),
                    reason: format!(
                        "`{key}` is not a key{}; use one of: {}",
                        crate::suggest::hint(key, map_keys()),
                        map_keys().join(", ")
                    ),
                })?
        };
        let wanted = normalise(column);
        let mut found = false;
        for (header, slot) in headers.iter().zip(&mut columns) {
            if normalise(header) == wanted {
                *slot = Some(field);
                found = true;
            }
        }
        if !found {
            return Err(Error::BadMap {
                spec,
                reason: format!(
                    "there is no column `{column}`{}; the columns are: {}",
                    crate::suggest::hint(column, headers.iter().map(String::as_str)),
                    headers.join(", ")
                ),
            });
        }
    }
    Ok(columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_loosely() {
        assert_eq!(
            field_of("Date reached out", Source::Csv),
            Some(Field::ReachedOut)
        );
        assert_eq!(
            field_of("Follow-up date", Source::Csv),
            Some(Field::FollowedUp)
        );
        assert_eq!(
            field_of("Follow up 2", Source::Csv),
            Some(Field::FollowedUp)
        );
        assert_eq!(field_of("FULL NAME", Source::Csv), Some(Field::Name));
        assert_eq!(field_of("Organization", Source::Csv), Some(Field::Company));
        assert_eq!(field_of("Response", Source::Csv), Some(Field::Replied));
        assert_eq!(field_of("URL", Source::Csv), None);
        assert_eq!(field_of("URL", Source::Linkedin), Some(Field::Linkedin));
        assert_eq!(field_of("How we're connected", Source::Csv), None);
    }
}
