//! The notebook's settings, `ties.yaml`: the agenda's rules, the user's goals and which
//! checks to silence. Every key is optional; a bad value is reported (T4xx) and its default
//! used, so a typo in the config never stops the agenda.

use crate::findings::{Code, Finding, Problem};
use crate::model::conventions::{self, Conventions, Ids};
use crate::model::time::Duration;
use crate::model::{Kind, decode};
use crate::span::Span;
use crate::yaml::{Node, Value};

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Settings {
    pub owner: Option<String>,
    pub rules: Rules,
    pub goals: Goals,
    pub ignore: Vec<Code>,
    /// `folders`, `ids`, `keys` and the owner: how the files are read.
    pub conventions: Conventions,
    pub import: Import,
}

/// `import:`: how `ties import` reads other people's exports.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Import {
    /// Employers that are no company (Self-employed, Stealth…); `None`: the built-in list.
    pub placeholder_employers: Option<Vec<String>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Rules {
    pub follow_up_after: Duration,
    pub max_follow_ups: u32,
    pub thank_you_within: Duration,
    /// A thank-you this long past due is dropped: the moment has passed.
    pub thank_you_expires: Duration,
    pub stay_in_touch: Duration,
    /// No reconnect for a contact last in touch longer ago than this (unless `tie: strong`):
    /// an old, migrated notebook must not flood the agenda.
    pub dormant_after: Duration,
    pub prepare_questions: u32,
    pub horizon: Duration,
    /// Which nudges (agenda items not tied to a date in a file) are on.
    pub nudges: Nudges,
    /// At most this many items of each nudge kind: nudges must never crowd the list.
    pub nudges_per_kind: u32,
    /// How long after an event the people met there get an `event-follow-up`.
    pub event_follow_up_within: Duration,
    /// No goal or coverage nudge, and no dormant tie to revive, before the notebook is this
    /// old (counted from its first dated record): a new notebook is not nagged on day one.
    pub grace: Duration,
    /// How many dormant ties the agenda offers to revive each week.
    pub revive_per_week: u32,
}

/// `rules.nudges`: each nudge kind switched on or off.
#[allow(
    clippy::struct_excessive_bools,
    reason = "one switch per kind, as `ties.yaml` writes them"
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Nudges {
    pub goal: bool,
    pub coverage: bool,
    pub event_follow_up: bool,
    pub birthday: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Goals {
    pub target_companies: u32,
    pub people_per_company: PeoplePerCompany,
    pub warm_contacts: u32,
    pub weekly: Weekly,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct PeoplePerCompany {
    pub developer: u32,
    pub manager: u32,
    pub recruiter: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Weekly {
    pub outreach: u32,
    pub chats: u32,
    pub events: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            owner: None,
            rules: Rules {
                follow_up_after: Duration::days(7),
                max_follow_ups: 2,
                thank_you_within: Duration::minutes(24 * 60),
                thank_you_expires: Duration::days(7),
                stay_in_touch: Duration::days(90),
                dormant_after: Duration::days(365),
                prepare_questions: 5,
                horizon: Duration::days(7),
                nudges: Nudges {
                    goal: true,
                    coverage: true,
                    event_follow_up: true,
                    birthday: true,
                },
                nudges_per_kind: 3,
                event_follow_up_within: Duration::days(3),
                grace: Duration::days(7),
                revive_per_week: 2,
            },
            goals: Goals {
                target_companies: 5,
                people_per_company: PeoplePerCompany {
                    developer: 1,
                    manager: 1,
                    recruiter: 1,
                },
                warm_contacts: 4,
                weekly: Weekly {
                    outreach: 3,
                    chats: 1,
                    events: 0,
                },
            },
            ignore: Vec::new(),
            conventions: Conventions::default(),
            import: Import::default(),
        }
    }
}

impl Settings {
    /// Reads `ties.yaml` (already split as a whole-file YAML document).
    pub(crate) fn decode(text: &str) -> (Self, Vec<Finding>) {
        let mut settings = Self::default();
        let parsed = match crate::yaml::parse(text, Span::new(0, text.len())) {
            Ok(parsed) => parsed,
            Err(finding) => return (settings, vec![finding]),
        };
        let mut findings = parsed.findings;
        let entries = match &parsed.root.value {
            Value::Map(entries) => entries.as_slice(),
            Value::Null => &[],
            other => {
                let found = other.describe();
                findings.push(Finding::new(
                    parsed.root.span,
                    Problem::NotMapping { found },
                ));
                return (settings, findings);
            }
        };
        let mut out = Reader { findings };
        out.section(
            entries,
            "",
            &[
                "owner", "folders", "ids", "keys", "rules", "goals", "checks", "import",
            ],
            |r, key, node| match key {
                "owner" => {
                    settings.owner = r.ok(
                        decode::string(node, key).map(|s| s.value),
                        key,
                        "text",
                        "none",
                    );
                    settings.conventions.owner.clone_from(&settings.owner);
                }
                "folders" => r.folders(node, &mut settings.conventions.folders),
                "ids" => match node.value.scalar_text().as_deref().map(str::trim) {
                    Some("slug") => settings.conventions.ids = Ids::Slug,
                    Some("title") => settings.conventions.ids = Ids::Title,
                    _ => r
                        .findings
                        .push(invalid(node.span, key, "slug or title", "slug")),
                },
                "keys" => settings.conventions.keys = r.keys(node),
                "rules" => r.nested(node, key, &RULE_KEYS, |r, key, node| {
                    settings.rules.set(r, key, node);
                }),
                "goals" => r.nested(
                    node,
                    key,
                    &[
                        "target_companies",
                        "people_per_company",
                        "warm_contacts",
                        "weekly",
                    ],
                    |r, key, node| {
                        let goals = &mut settings.goals;
                        match key {
                            "target_companies" => r.count(node, key, &mut goals.target_companies),
                            "warm_contacts" => r.count(node, key, &mut goals.warm_contacts),
                            "people_per_company" => {
                                let p = &mut goals.people_per_company;
                                let slots = [&mut p.developer, &mut p.manager, &mut p.recruiter];
                                r.counts(node, "goals.people_per_company", ROLES, slots);
                            }
                            _ => {
                                let w = &mut goals.weekly;
                                let slots = [&mut w.outreach, &mut w.chats, &mut w.events];
                                r.counts(node, "goals.weekly", WEEKLY, slots);
                            }
                        }
                    },
                ),
                "import" => r.nested(node, key, &["placeholder_employers"], |r, _, node| {
                    settings.import.placeholder_employers = r.words(node, "placeholder_employers");
                }),
                _ => r.nested(node, "checks", &["ignore"], |r, _, node| {
                    settings.ignore = r.codes(node);
                }),
            },
        );
        (settings, out.findings)
    }
}

const RULE_KEYS: [&str; 13] = [
    "follow_up_after",
    "max_follow_ups",
    "thank_you_within",
    "thank_you_expires",
    "stay_in_touch",
    "dormant_after",
    "prepare_questions",
    "horizon",
    "nudges",
    "nudges_per_kind",
    "event_follow_up_within",
    "grace",
    "revive_per_week",
];

/// The keys of `rules.nudges`.
pub(crate) const NUDGE_KEYS: &[&str; 4] = &["goal", "coverage", "event_follow_up", "birthday"];

/// The keys of `folders`, in [`Kind::RECORDS`] order.
const FOLDER_KEYS: &[&str; 4] = &["contacts", "companies", "chats", "events"];

impl Rules {
    fn set(&mut self, r: &mut Reader, key: &str, node: &Node) {
        match key {
            "follow_up_after" => r.duration(node, key, &mut self.follow_up_after),
            "thank_you_within" => r.duration(node, key, &mut self.thank_you_within),
            "thank_you_expires" => r.duration(node, key, &mut self.thank_you_expires),
            "stay_in_touch" => r.duration(node, key, &mut self.stay_in_touch),
            "dormant_after" => r.duration(node, key, &mut self.dormant_after),
            "horizon" => r.duration(node, key, &mut self.horizon),
            "event_follow_up_within" => r.duration(node, key, &mut self.event_follow_up_within),
            "grace" => r.duration(node, key, &mut self.grace),
            "revive_per_week" => r.count(node, key, &mut self.revive_per_week),
            "max_follow_ups" => r.count(node, key, &mut self.max_follow_ups),
            "nudges_per_kind" => r.count(node, key, &mut self.nudges_per_kind),
            "nudges" => {
                let n = &mut self.nudges;
                let slots = [
                    &mut n.goal,
                    &mut n.coverage,
                    &mut n.event_follow_up,
                    &mut n.birthday,
                ];
                r.nested(node, "rules.nudges", NUDGE_KEYS, |r, key, node| {
                    if let Some(i) = NUDGE_KEYS.iter().position(|k| *k == key) {
                        r.flag(node, key, &mut *slots[i]);
                    }
                });
            }
            _ => r.count(node, key, &mut self.prepare_questions),
        }
    }
}

struct Reader {
    findings: Vec<Finding>,
}

impl Reader {
    /// Calls `each` for every known key of a mapping; reports unknown keys.
    fn section(
        &mut self,
        entries: &[(Node, Node)],
        name: &str,
        known: &'static [&'static str],
        mut each: impl FnMut(&mut Self, &str, &Node),
    ) {
        for (key, value) in entries {
            let text = key.value.scalar_text().unwrap_or_default();
            if let Some(known_key) = known.iter().find(|k| **k == text) {
                if !matches!(value.value, Value::Null) {
                    each(self, known_key, value);
                }
            } else {
                self.findings.push(Finding::new(
                    key.span,
                    Problem::UnknownConfigKey {
                        key: text,
                        section: name.to_owned(),
                        known,
                    },
                ));
            }
        }
    }

    fn nested(
        &mut self,
        node: &Node,
        name: &str,
        known: &'static [&'static str],
        each: impl FnMut(&mut Self, &str, &Node),
    ) {
        match &node.value {
            Value::Map(entries) => self.section(entries, name, known, each),
            other => self.findings.push(invalid(
                node.span,
                name,
                &format!(
                    "a mapping of {}, found {}",
                    known.join(", "),
                    other.describe()
                ),
                "all defaults",
            )),
        }
    }

    fn ok<T>(
        &mut self,
        result: Result<T, Finding>,
        key: &str,
        expected: &str,
        default: &str,
    ) -> Option<T> {
        result
            .map_err(|f| {
                self.findings.push(invalid(f.span, key, expected, default));
            })
            .ok()
    }

    /// A list of strings (a single one is a list of one); `None` and a finding otherwise.
    fn words(&mut self, node: &Node, key: &str) -> Option<Vec<String>> {
        let items: Vec<&Node> = match &node.value {
            Value::Seq(items) => items.iter().collect(),
            _ => vec![node],
        };
        let words: Option<Vec<String>> = items
            .iter()
            .map(|n| decode::string(n, key).ok().map(|s| s.value))
            .collect();
        if words.is_none() {
            self.findings.push(invalid(
                node.span,
                key,
                "a list of names",
                "the built-in list",
            ));
        }
        words
    }

    fn duration(&mut self, node: &Node, key: &str, slot: &mut Duration) {
        let default = slot.to_string();
        if let Some(d) = self.ok(
            decode::duration(node, key),
            key,
            "a duration such as 24h, 7d, 2w or 3mo",
            &default,
        ) {
            *slot = d.value;
        }
    }

    /// A mapping of whole numbers, each key of `keys` filling the slot at its place.
    fn counts<const N: usize>(
        &mut self,
        node: &Node,
        name: &str,
        keys: &'static [&'static str; N],
        mut slots: [&mut u32; N],
    ) {
        self.nested(node, name, keys, |r, key, node| {
            if let Some(i) = keys.iter().position(|k| *k == key) {
                r.count(node, key, slots[i]);
            }
        });
    }

    fn count(&mut self, node: &Node, key: &str, slot: &mut u32) {
        let default = slot.to_string();
        if let Some(n) = self.ok(decode::count(node, key), key, "a whole number", &default) {
            *slot = n;
        }
    }

    /// `true` or `false` (YAML 1.2's only booleans: `yes` is text, and a T402).
    fn flag(&mut self, node: &Node, key: &str, slot: &mut bool) {
        match node.value.scalar_text().as_deref() {
            Some("true") => *slot = true,
            Some("false") => *slot = false,
            _ => self.findings.push(invalid(
                node.span,
                &format!("rules.nudges.{key}"),
                "true or false",
                &slot.to_string(),
            )),
        }
    }

    /// `folders: { contacts: People, … }`: a relative folder per kind, each its own.
    fn folders(&mut self, node: &Node, slots: &mut [Option<String>; 4]) {
        self.nested(node, "folders", FOLDER_KEYS, |r, key, node| {
            let Some(i) = FOLDER_KEYS.iter().position(|k| *k == key) else {
                return;
            };
            let name = format!("folders.{key}");
            let folder = node
                .value
                .scalar_text()
                .map(|t| t.trim().trim_end_matches('/').to_owned())
                .filter(|f| {
                    !f.is_empty()
                        && !f.starts_with('/')
                        && !f.contains('\\')
                        && f.split('/').all(|p| !p.is_empty() && p != "." && p != "..")
                });
            let default = Kind::RECORDS[i].folder();
            match folder {
                Some(f) if slots.iter().flatten().any(|other| *other == f) => r.findings.push(
                    invalid(node.span, &name, "a folder no other kind uses", default),
                ),
                Some(f) => slots[i] = Some(f),
                None => r.findings.push(invalid(
                    node.span,
                    &name,
                    "a folder inside the notebook, such as People",
                    default,
                )),
            }
        });
    }

    /// `keys: { their_key: ties_key }`: each of their keys, normalised, and the key of a
    /// record it stands for.
    fn keys(&mut self, node: &Node) -> Vec<(String, String)> {
        let Value::Map(entries) = &node.value else {
            self.findings.push(invalid(
                node.span,
                "keys",
                "a mapping of your key names to ties keys, e.g. { position: title }",
                "none renamed",
            ));
            return Vec::new();
        };
        let known = record_keys();
        let mut keys = Vec::new();
        for (theirs, ours) in entries {
            let theirs = theirs.value.scalar_text().unwrap_or_default();
            let target = ours
                .value
                .scalar_text()
                .map(|t| conventions::normalise(&t).into_owned());
            match target {
                Some(t) if known.contains(&t.as_str()) => {
                    keys.push((conventions::normalise(&theirs).into_owned(), t));
                }
                _ => {
                    let written = ours.value.scalar_text().unwrap_or_default();
                    let closest = crate::suggest::did_you_mean(&written, known.iter().copied())
                        .unwrap_or("title");
                    self.findings.push(invalid(
                        ours.span,
                        &format!("keys.{theirs}"),
                        &format!("a key of a record, such as `{closest}`"),
                        "not renamed",
                    ));
                }
            }
        }
        keys
    }

    fn codes(&mut self, node: &Node) -> Vec<Code> {
        let items: Vec<&Node> = match &node.value {
            Value::Seq(items) => items.iter().collect(),
            Value::Map(_) => {
                self.findings.push(invalid(
                    node.span,
                    "checks.ignore",
                    "a list of rule codes, e.g. [T106]",
                    "none ignored",
                ));
                return Vec::new();
            }
            _ => vec![node],
        };
        items
            .into_iter()
            .filter_map(|item| {
                let text = item.value.scalar_text()?;
                let code = Code::parse(&text);
                if code.is_none() {
                    let problem = Problem::UnknownIgnoredCode { code: text };
                    self.findings.push(Finding::new(item.span, problem));
                }
                code
            })
            .collect()
    }
}

/// Every key of every record kind: what a `keys:` entry may stand for.
fn record_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = (crate::model::Contact::KEYS.iter())
        .chain(crate::model::Company::KEYS)
        .chain(crate::model::Chat::KEYS)
        .chain(crate::model::Event::KEYS)
        .copied()
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The keys of `goals.people_per_company` and `goals.weekly`.
const ROLES: &[&str; 3] = &["developer", "manager", "recruiter"];
const WEEKLY: &[&str; 3] = &["outreach", "chats", "events"];

fn invalid(span: Span, key: &str, expected: &str, default: &str) -> Finding {
    let problem = Problem::InvalidConfigValue {
        key: key.to_owned(),
        expected: expected.to_owned(),
        default: default.to_owned(),
    };
    Finding::new(span, problem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_is_all_defaults() {
        let (settings, findings) = Settings::decode("");
        assert_eq!(settings, Settings::default());
        assert!(findings.is_empty());
    }

    #[test]
    fn reads_every_key() {
        let text = "owner: Sam\nrules:\n  follow_up_after: 5d\n  max_follow_ups: 3\n  thank_you_within: 12h\n  stay_in_touch: 60d\n  prepare_questions: 6\n  horizon: 2w\ngoals:\n  target_companies: 4\n  people_per_company: { developer: 2, manager: 1, recruiter: 0 }\n  warm_contacts: 5\n  weekly: { outreach: 5, chats: 2, events: 1 }\nchecks:\n  ignore: [T106, t107]\n";
        let (s, findings) = Settings::decode(text);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(s.owner.as_deref(), Some("Sam"));
        assert_eq!(s.rules.follow_up_after, Duration::days(5));
        assert_eq!(s.rules.max_follow_ups, 3);
        assert_eq!(s.rules.thank_you_within, Duration::minutes(12 * 60));
        assert_eq!(s.rules.horizon, Duration::days(14));
        assert_eq!(s.goals.people_per_company.developer, 2);
        assert_eq!(s.goals.people_per_company.recruiter, 0);
        assert_eq!(
            s.goals.weekly,
            Weekly {
                outreach: 5,
                chats: 2,
                events: 1
            }
        );
        assert_eq!(s.ignore, vec![Code::T106, Code::T107]);
    }

    #[test]
    fn nudges_switch_off_one_by_one_and_bad_ones_are_reported() {
        let text = "rules:\n  nudges: { goal: false, coverage: yes, event_folow_up: true }\n  nudges_per_kind: 1\n  event_follow_up_within: 5d\n";
        let (s, findings) = Settings::decode(text);
        let n = s.rules.nudges;
        assert!(!n.goal && n.coverage && n.event_follow_up, "{n:?}");
        assert_eq!(s.rules.nudges_per_kind, 1);
        assert_eq!(s.rules.event_follow_up_within, Duration::days(5));
        let codes: Vec<Code> = findings.iter().map(Finding::code).collect();
        assert_eq!(codes, vec![Code::T402, Code::T401]);
    }

    #[test]
    fn vault_conventions_are_read_and_bad_ones_reported() {
        let text = "owner: Jane Doe\nfolders: { contacts: People/, chats: CRM/Meetings }\nids: title\nkeys: { Position: title, attendees: With }\n";
        let (s, findings) = Settings::decode(text);
        assert!(findings.is_empty(), "{findings:?}");
        let c = &s.conventions;
        assert_eq!(c.folder(Kind::Contact), "People");
        assert_eq!(c.folder(Kind::Chat), "CRM/Meetings");
        assert_eq!(c.folder(Kind::Company), "companies");
        assert!(c.title_ids());
        assert_eq!(c.owner.as_deref(), Some("Jane Doe"));
        assert_eq!(c.key("POSITION"), "title");
        assert_eq!(c.key("Attendees"), "with");
        let bad = "folders: { contacts: /abs, events: a/../b, people: x }\nids: titles\nkeys: { position: titel, x: [a] }\n";
        let (s, findings) = Settings::decode(bad);
        assert_eq!(s.conventions, Conventions::default());
        let codes: Vec<Code> = findings.iter().map(Finding::code).collect();
        assert_eq!(
            codes,
            [
                Code::T402,
                Code::T402,
                Code::T401,
                Code::T402,
                Code::T402,
                Code::T402
            ]
        );
    }

    #[test]
    fn bad_values_keep_defaults_and_are_reported() {
        let text = "rules:\n  folow_up_after: 5d\n  horizon: a week\ngoals:\n  warm_contacts: many\nchecks:\n  ignore: [T016]\n";
        let (s, findings) = Settings::decode(text);
        assert_eq!(s.rules, Settings::default().rules);
        let codes: Vec<Code> = findings.iter().map(Finding::code).collect();
        assert_eq!(codes, vec![Code::T401, Code::T402, Code::T402, Code::T403]);
        assert!(matches!(
            &findings[0].problem,
            Problem::UnknownConfigKey { key, section, .. } if key == "folow_up_after" && section == "rules"
        ));
    }
}
