//! Generates a large, realistic and *valid* `ties` notebook for benchmarks and manual testing.
//!
//! ```text
//! cargo run --release --example gen_notebook -- DIR --contacts N [--seed S]
//! ```
//!
//! Writes into `DIR` (created if missing; refused if it exists and is not empty):
//!
//! - `ties.yaml` with a few `rules` and `goals`, and a free note `notes/about.md`;
//! - `N` contacts in `contacts/` (slug ids such as `ada-lovelace` or `ada-lovelace-3`), using
//!   most contact fields: company, title, role, warmth, tie, source, email, linkedin, tags,
//!   `reached_out`/`followed_up`/`replied` (never before `reached_out`), sometimes `next`,
//!   `introduced_by`, `stay_in_touch`;
//! - `N/10` companies in `companies/` (about a quarter of them `status: target`);
//! - `3N` chats in `chats/YYYY/YYYY-MM-DD-<contact>-<n>.md`, dated 2025-01-01..2026-12-31, with
//!   one or two contacts, kind, medium, duration, `thanked` (never before the chat, only on
//!   chats marked `status: done`), sometimes referrals, and a body with `## Questions` (5–7
//!   items), `## Notes`, `## Takeaways`, `## Reflection` and a few tasks;
//! - `N/20` events in `events/`; only events dated before 2026-11-21 list people in `met`.
//!
//! "Past" is fixed at before 2026-11-21 (chats on or after it are planned, those before it
//! done or cancelled), so the notebook checks clean with any `--today` from 2026-11-21 on.
//!
//! Bodies are a few hundred words from a fixed word list, with wiki links `[[id]]` and relative
//! Markdown links (`../contacts/x.md`, `../../contacts/x.md` from `chats/YYYY/`) that all
//! resolve, so `ties check` reports nothing on the result. Output is fully determined by
//! `--seed` (default 1): a tiny inline xorshift PRNG, no dependencies. Files are written by a
//! few threads; every file draws from its own PRNG stream, so the output does not depend on
//! scheduling.

// An example, not library code: terse names in the renderers, long linear render functions.
#![allow(
    clippy::many_single_char_names,
    clippy::too_many_lines,
    clippy::cast_precision_loss
)]

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;
use std::{env, fs, io, thread};

// ---------------------------------------------------------------------------------------------
// PRNG and dates

/// xorshift64* seeded through splitmix64.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Self(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    /// A stream of its own for file `index` of kind `kind`.
    fn for_file(seed: u64, kind: u64, index: usize) -> Self {
        Self::new(seed.wrapping_mul(0x100_0000_01B3) ^ (kind << 56) ^ index as u64)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + i64::try_from(self.below(usize::try_from(hi - lo + 1).unwrap_or(1))).unwrap_or(0)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn word(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// A day as `YYYY-MM-DD`.
#[derive(Clone, Copy)]
struct Day(i64);

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, m, d) = civil_from_days(self.0);
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

struct Span {
    first: i64,
    last: i64,
    /// Everything before this day has happened; events after it list nobody in `met`.
    today: i64,
}

fn span() -> Span {
    Span {
        first: days_from_civil(2025, 1, 1),
        last: days_from_civil(2026, 12, 31),
        today: days_from_civil(2026, 11, 21),
    }
}

// ---------------------------------------------------------------------------------------------
// Word lists

/// (display, slug) — a few with accents or apostrophes, whose slug is folded by hand.
#[rustfmt::skip]
const FIRST: &[(&str, &str)] = &[
    ("Ada", "ada"), ("Alan", "alan"), ("Grace", "grace"), ("Linus", "linus"),
    ("Margaret", "margaret"), ("Dennis", "dennis"), ("Barbara", "barbara"), ("Ken", "ken"),
    ("Frances", "frances"), ("Guido", "guido"), ("Radia", "radia"), ("Bjarne", "bjarne"),
    ("Hedy", "hedy"), ("Tim", "tim"), ("Katherine", "katherine"), ("John", "john"),
    ("Annie", "annie"), ("Edsger", "edsger"), ("Mary", "mary"), ("Donald", "donald"),
    ("Shafi", "shafi"), ("Leslie", "leslie"), ("Evelyn", "evelyn"), ("Niklaus", "niklaus"),
    ("Sophie", "sophie"), ("Yukihiro", "yukihiro"), ("Priya", "priya"), ("Kwame", "kwame"),
    ("Amara", "amara"), ("Mateo", "mateo"), ("Sofia", "sofia"), ("Lucas", "lucas"),
    ("Aisha", "aisha"), ("Omar", "omar"), ("Mei", "mei"), ("Hiroshi", "hiroshi"),
    ("Elena", "elena"), ("Ivan", "ivan"), ("Fatima", "fatima"), ("Diego", "diego"),
    ("Nadia", "nadia"), ("Tomas", "tomas"), ("Ingrid", "ingrid"), ("Rahul", "rahul"),
    ("Chloe", "chloe"), ("Samuel", "samuel"), ("Lena", "lena"), ("Noah", "noah"),
    ("Zoë", "zoe"), ("José", "jose"), ("Søren", "soren"), ("Chiara", "chiara"),
    ("Kofi", "kofi"), ("Anika", "anika"), ("Rosa", "rosa"), ("Felix", "felix"),
    ("Jamal", "jamal"), ("Yara", "yara"), ("Oliver", "oliver"), ("Hana", "hana"),
];

#[rustfmt::skip]
const LAST: &[(&str, &str)] = &[
    ("Lovelace", "lovelace"), ("Turing", "turing"), ("Hopper", "hopper"),
    ("Torvalds", "torvalds"), ("Hamilton", "hamilton"), ("Ritchie", "ritchie"),
    ("Liskov", "liskov"), ("Thompson", "thompson"), ("Allen", "allen"), ("Perlman", "perlman"),
    ("Stroustrup", "stroustrup"), ("Lamarr", "lamarr"), ("Johnson", "johnson"),
    ("Backus", "backus"), ("Easley", "easley"), ("Dijkstra", "dijkstra"), ("Knuth", "knuth"),
    ("Goldwasser", "goldwasser"), ("Lamport", "lamport"), ("Wirth", "wirth"),
    ("Wilson", "wilson"), ("Matsumoto", "matsumoto"), ("Patel", "patel"), ("Mensah", "mensah"),
    ("Okafor", "okafor"), ("Garcia", "garcia"), ("Rossi", "rossi"), ("Silva", "silva"),
    ("Khan", "khan"), ("Haddad", "haddad"), ("Chen", "chen"), ("Tanaka", "tanaka"),
    ("Petrova", "petrova"), ("Novak", "novak"), ("Ali", "ali"), ("Fernandez", "fernandez"),
    ("Larsen", "larsen"), ("Nguyen", "nguyen"), ("Kim", "kim"), ("Schmidt", "schmidt"),
    ("Dubois", "dubois"), ("Murphy", "murphy"), ("Kowalski", "kowalski"), ("Sato", "sato"),
    ("Müller", "muller"), ("Núñez", "nunez"), ("O'Brien", "obrien"), ("Van Dyke", "van-dyke"),
    ("Adeyemi", "adeyemi"), ("Costa", "costa"), ("Ivanova", "ivanova"), ("Singh", "singh"),
];

#[rustfmt::skip]
const COMPANY_A: &[&str] = &[
    "Northwind", "Bluefin", "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay",
    "Cyberdyne", "Soylent", "Wonka", "Tyrell", "Aperture", "Stark", "Wayne", "Oscorp",
    "Massive", "Dunder", "Gringotts", "Monarch", "Zephyr", "Quantum", "Lumen", "Ferrous",
    "Crimson", "Juniper", "Kestrel", "Pelican", "Basalt", "Cobalt",
];

#[rustfmt::skip]
const COMPANY_B: &[&str] = &[
    "Labs", "Systems", "Software", "Cloud", "Analytics", "Health", "Robotics", "Payments",
    "Games", "Logistics", "Digital", "Networks", "Studio", "Works",
];

const REGION: &[&str] = &["Europe", "Americas", "Asia", "Nordics", "Iberia", "Africa"];

#[rustfmt::skip]
const CITY: &[&str] = &[
    "Berlin", "Lisbon", "Austin, TX", "Toronto", "London", "Amsterdam", "Nairobi", "Singapore",
    "Remote", "New York", "Barcelona", "Warsaw", "Tokyo", "Dublin",
];

#[rustfmt::skip]
const TIMEZONE: &[&str] = &[
    "Europe/Berlin", "Europe/Lisbon", "America/Chicago", "America/Toronto", "Europe/London",
    "Africa/Nairobi", "Asia/Singapore", "America/New_York", "Asia/Tokyo",
];

const ROLES: &[&str] = &["developer", "manager", "recruiter", "other"];

const TITLES: [&[&str]; 4] = [
    &[
        "Software Engineer",
        "Senior Software Engineer",
        "Backend Developer",
        "Frontend Engineer",
        "Staff Engineer",
        "Data Engineer",
        "DevOps Engineer",
        "Mobile Developer",
        "Site Reliability Engineer",
    ],
    &[
        "Engineering Manager",
        "Director of Engineering",
        "Product Manager",
        "VP Engineering",
        "Team Lead",
        "CTO",
    ],
    &[
        "Technical Recruiter",
        "Talent Acquisition Partner",
        "Recruiting Coordinator",
        "HR Business Partner",
        "Head of Talent",
    ],
    &[
        "Developer Advocate",
        "Bootcamp Instructor",
        "Founder",
        "UX Designer",
        "Mentor",
        "Community Manager",
    ],
];

#[rustfmt::skip]
const SOURCES: &[&str] = &[
    "LinkedIn", "Rust meetup", "bootcamp classmate", "alumni network", "conference hallway",
    "Slack community", "referral", "GitHub", "former colleague", "hackathon team",
    "friend of a friend", "Discord server",
];

#[rustfmt::skip]
const TAGS: &[&str] = &[
    "rust", "python", "dotnet", "frontend", "backend", "mentor", "alumni", "hiring", "remote",
    "open-source", "data", "cloud", "security", "bootcamp", "career-change", "devrel",
];

#[rustfmt::skip]
const STACK: &[&str] = &[
    "rust", "go", "python", "typescript", "react", "dotnet", "csharp", "java", "kotlin",
    "postgres", "kubernetes", "aws", "elixir", "swift",
];

#[rustfmt::skip]
const HIRING: &[&str] = &[
    "entry-level", "senior", "hr", "apprenticeship", "contract", "remote",
];

#[rustfmt::skip]
const IN: &[&str] = &[
    "I use their product every day", "a bootcamp classmate works there",
    "shared interest in open source", "they sponsor the local Rust meetup",
    "I am local to their office", "met their CTO at a conference",
];

#[rustfmt::skip]
const MEDIUM: &[&str] = &[
    "zoom", "phone", "in-person", "in-person", "google-meet", "teams",
];

#[rustfmt::skip]
const CHAT_KINDS: &[&str] = &[
    "coffee-chat", "coffee-chat", "coffee-chat", "informational-interview",
    "informational-interview", "call", "message", "interview", "other",
];

#[rustfmt::skip]
const EVENT_KINDS: &[&str] = &[
    "meetup", "conference", "hackathon", "career-fair", "workshop", "online", "other",
];

#[rustfmt::skip]
const EVENT_TOPICS: &[&str] = &[
    "Rust", "PyData", "Women Who Code", "DevOps Days", "JSConf", "Cloud Native",
    "Open Source Summit", "Data Science", "Frontend Friends", "Security BSides",
];

#[rustfmt::skip]
const NEXT_ACTIONS: &[&str] = &[
    "send portfolio", "ask for a referral", "share the article we discussed",
    "follow up on the open role", "invite to coffee", "send thank-you card",
    "ask about the team offsite", "introduce to a classmate",
];

#[rustfmt::skip]
const TASKS: &[&str] = &[
    "call back", "send thank-you note", "connect on LinkedIn", "share my GitHub profile",
    "read the engineering blog", "apply to the junior role", "prepare questions",
    "update my resume", "ask for an introduction", "review the job description",
];

#[rustfmt::skip]
const QUESTIONS: &[&str] = &[
    "What does a typical week look like on your team?",
    "How did you get into software development?",
    "What skills do you wish you had learned earlier?",
    "How does the team onboard new developers?", "What do you look for in a junior candidate?",
    "Which projects are you most excited about right now?",
    "How does code review work at your company?",
    "What is the biggest challenge your team faces this year?",
    "Who else would you recommend I talk to?", "How do you keep your skills up to date?",
    "What surprised you most when you joined?", "How are decisions about the stack made?",
    "What does career growth look like for engineers there?",
    "Is there a mentoring program for new hires?", "How remote-friendly is the team?",
    "What would you do differently if you were starting out today?",
    "Which communities or meetups do you find most useful?",
    "How does the interview process work?",
];

#[rustfmt::skip]
const WORDS: &[&str] = &[
    "team", "project", "roadmap", "hiring", "mentor", "career", "backend", "frontend", "review",
    "deploy", "product", "customer", "meetup", "conference", "portfolio", "resume", "referral",
    "interview", "onboarding", "culture", "remote", "office", "pairing", "testing", "release",
    "migration", "database", "service", "platform", "startup", "bootcamp", "community", "open",
    "source", "contribution", "learning", "growth", "feedback", "manager", "recruiter",
    "developer", "engineer", "design", "data", "pipeline", "cloud", "budget", "quarter", "goal",
    "question", "answer", "advice", "coffee", "chat", "call", "message", "follow", "up",
    "thank", "note", "introduction", "network", "friend", "colleague", "role", "opening",
    "junior", "senior", "staff", "lead", "stack", "rust", "python", "typescript", "kubernetes",
    "security", "latency", "performance", "scale", "reliability", "incident", "on-call",
    "sprint", "standup", "retro", "planning", "ticket", "estimate", "deadline", "launch",
    "users", "metrics", "dashboard", "experiment", "idea", "the", "the", "the", "a", "a", "and",
    "and", "of", "to", "to", "in", "for", "with", "on", "about", "their", "our", "my", "is",
    "was", "will", "should", "could", "we", "they", "she", "he", "talked", "mentioned",
    "suggested", "asked", "shared", "explained", "recommended", "liked", "enjoyed", "discussed",
    "plans", "wants", "needs", "building", "moving", "hiring", "learning", "reading", "next",
    "week", "month", "later", "soon", "really", "very", "quite", "new", "old", "small", "big",
    "interesting", "useful", "hard", "easy", "clear", "busy", "friendly", "honest", "great",
    "good", "better", "first", "last",
];

// ---------------------------------------------------------------------------------------------
// The notebook's records, before rendering

struct Company {
    id: String,
    name: String,
    domain: String,
    status: &'static str,
    people: Vec<usize>,
}

struct Contact {
    id: String,
    name: String,
    slug_first: &'static str,
    slug_last: &'static str,
    company: Option<usize>,
    role: usize,
}

struct Event {
    id: String,
    name: String,
    date: i64,
    kind: &'static str,
    location: &'static str,
}

struct Model {
    seed: u64,
    span: Span,
    companies: Vec<Company>,
    contacts: Vec<Contact>,
    events: Vec<Event>,
    chats: usize,
}

const KIND_MODEL: u64 = 1;
const KIND_CONTACT: u64 = 2;
const KIND_COMPANY: u64 = 3;
const KIND_CHAT: u64 = 4;
const KIND_EVENT: u64 = 5;
const KIND_OTHER: u64 = 6;

fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A unique id from `base`: `base`, then `base-2`, `base-3`…
fn unique(base: String, seen: &mut HashMap<String, usize>) -> String {
    let n = seen.entry(base.clone()).or_insert(0);
    *n += 1;
    if *n == 1 { base } else { format!("{base}-{n}") }
}

fn build(seed: u64, n: usize) -> Model {
    let span = span();
    let mut rng = Rng::for_file(seed, KIND_MODEL, 0);
    let mut taken = HashMap::new();

    let n_companies = (n / 10).max(1);
    let combos = COMPANY_A.len() * COMPANY_B.len();
    let companies = (0..n_companies)
        .map(|i| {
            let (a, b) = (
                COMPANY_A[i % COMPANY_A.len()],
                COMPANY_B[(i / COMPANY_A.len()) % COMPANY_B.len()],
            );
            let round = i / combos;
            let name = if round == 0 {
                format!("{a} {b}")
            } else {
                format!("{a} {b} {}", REGION[(round - 1) % REGION.len()])
            };
            let id = unique(slugify(&name), &mut taken);
            let domain = format!("{id}.example.com");
            let status = match rng.below(100) {
                0..=24 => "target",
                25..=84 => "watching",
                _ => "not-a-fit",
            };
            Company {
                id,
                name,
                domain,
                status,
                people: Vec::new(),
            }
        })
        .collect::<Vec<_>>();

    let mut model = Model {
        seed,
        span,
        companies,
        contacts: Vec::with_capacity(n),
        events: Vec::new(),
        chats: 3 * n,
    };
    for i in 0..n {
        let (first, sf) = *rng.pick(FIRST);
        let (last, sl) = *rng.pick(LAST);
        let id = unique(format!("{sf}-{sl}"), &mut taken);
        // Target companies get their developer, manager and recruiter first.
        let company = if rng.chance(88) {
            Some(rng.below(n_companies))
        } else {
            None
        };
        let role = match company {
            Some(c) if model.companies[c].people.len() < 3 => model.companies[c].people.len(),
            _ => match rng.below(10) {
                0..=4 => 0,
                5..=6 => 1,
                7..=8 => 2,
                _ => 3,
            },
        };
        if let Some(c) = company {
            model.companies[c].people.push(i);
        }
        model.contacts.push(Contact {
            id,
            name: format!("{first} {last}"),
            slug_first: sf,
            slug_last: sl,
            company,
            role,
        });
    }

    let n_events = (n / 20).max(1);
    for _ in 0..n_events {
        let date = rng.range(model.span.first, model.span.last);
        let mut kind = rng.word(EVENT_KINDS);
        let topic = rng.word(EVENT_TOPICS);
        let location = rng.word(CITY);
        if location == "Remote" {
            kind = "online";
        }
        let location = if kind == "online" { "Online" } else { location };
        let city = location.split(',').next().unwrap_or(location);
        let name = match kind {
            "online" => format!("{topic} Online Session"),
            "other" => format!("{topic} Social {city}"),
            "career-fair" => format!("{topic} Career Fair {city}"),
            k => {
                let mut k = k.to_owned();
                k[..1].make_ascii_uppercase();
                format!("{topic} {k} {city}")
            }
        };
        let id = unique(format!("{}-{}", Day(date), slugify(&name)), &mut taken);
        model.events.push(Event {
            id,
            name,
            date,
            kind,
            location,
        });
    }
    model
}

// ---------------------------------------------------------------------------------------------
// Rendering

/// A YAML scalar: plain when that is safe, else double-quoted.
fn scalar(out: &mut String, s: &str) {
    let plain = !s.is_empty()
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@` ".contains(c))
        && !s.ends_with(' ')
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.contains(['\'', '"', '\\'])
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "yes" | "no" | "true" | "false" | "null" | "on" | "off" | "~"
        );
    if plain {
        out.push_str(s);
    } else {
        out.push('"');
        for c in s.chars() {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
    }
}

fn list(out: &mut String, items: &[&str]) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        scalar(out, item);
    }
    out.push(']');
}

/// Up to `k` distinct picks.
fn some(rng: &mut Rng, items: &[&'static str], k: usize) -> Vec<&'static str> {
    let mut picked: Vec<&str> = Vec::with_capacity(k);
    for _ in 0..k {
        let item = rng.word(items);
        if !picked.contains(&item) {
            picked.push(item);
        }
    }
    picked
}

/// A `tags:` line of 1 to `most` distinct [`TAGS`].
fn tags_line(out: &mut String, rng: &mut Rng, most: usize) {
    out.push_str("tags: ");
    let k = 1 + rng.below(most);
    list(out, &some(rng, TAGS, k));
    out.push('\n');
}

/// Body text generator: sentences of words from [`WORDS`] with links to existing records.
struct Text<'m> {
    model: &'m Model,
    /// From the file's folder up to the notebook root: `../` or `../../`.
    up: &'static str,
}

impl<'m> Text<'m> {
    fn new(model: &'m Model, up: &'static str) -> Self {
        Self { model, up }
    }

    fn link(&self, rng: &mut Rng, out: &mut String) {
        let m = self.model;
        let contact = &m.contacts[rng.below(m.contacts.len())];
        match rng.below(10) {
            0..=2 => {
                let _ = write!(out, "[[{}]]", contact.id);
            }
            3 => {
                let _ = write!(out, "[[{}|{}]]", contact.id, contact.name);
            }
            4..=6 => {
                let _ = write!(
                    out,
                    "[{}]({}contacts/{}.md)",
                    contact.name, self.up, contact.id
                );
            }
            7 => {
                let c = &m.companies[rng.below(m.companies.len())];
                let _ = write!(out, "[[{}]]", c.id);
            }
            8 => {
                let c = &m.companies[rng.below(m.companies.len())];
                let _ = write!(out, "[{}]({}companies/{}.md)", c.name, self.up, c.id);
            }
            _ => {
                let e = &m.events[rng.below(m.events.len())];
                let _ = write!(out, "[[{}]]", e.id);
            }
        }
    }

    /// One sentence; a link replaces a word `link_percent` % of the time.
    fn sentence(&self, rng: &mut Rng, out: &mut String, link_percent: usize) -> usize {
        let words = 7 + rng.below(12);
        let linked = rng.chance(link_percent).then(|| 1 + rng.below(words - 1));
        for w in 0..words {
            if w > 0 {
                out.push(' ');
            }
            if linked == Some(w) {
                self.link(rng, out);
                continue;
            }
            let word = rng.word(WORDS);
            if w == 0 {
                let mut chars = word.chars();
                if let Some(c) = chars.next() {
                    out.push(c.to_ascii_uppercase());
                    out.push_str(chars.as_str());
                }
            } else {
                out.push_str(word);
            }
        }
        out.push(if rng.chance(10) { '!' } else { '.' });
        words
    }

    /// A paragraph of 3–6 sentences; returns the number of words.
    fn paragraph(&self, rng: &mut Rng, out: &mut String) -> usize {
        let mut words = 0;
        for s in 0..3 + rng.below(4) {
            if s > 0 {
                out.push(' ');
            }
            words += self.sentence(rng, out, 25);
        }
        out.push_str("\n\n");
        words
    }

    /// Paragraphs until about `target` words.
    fn paragraphs(&self, rng: &mut Rng, out: &mut String, target: usize) {
        let mut words = 0;
        while words < target {
            words += self.paragraph(rng, out);
        }
    }

    /// A few tasks: done ones if `date` is long past, else open ones due soon after it.
    fn tasks(&self, rng: &mut Rng, out: &mut String, date: i64) {
        let open = date > self.model.span.today - 30;
        for _ in 0..=rng.below(3) {
            let task = rng.word(TASKS);
            if open && rng.chance(70) {
                let due = Day(date + 1 + rng.range(0, 14));
                if rng.chance(80) {
                    let _ = writeln!(out, "- [ ] {task} (due {due})");
                } else {
                    let _ = writeln!(out, "- [ ] {task} 📅 {due}");
                }
            } else if rng.chance(85) {
                let _ = writeln!(out, "- [x] {task}");
            } else {
                let _ = writeln!(out, "- [ ] {task}");
            }
        }
        out.push('\n');
    }
}

fn render_config(out: &mut String) {
    out.push_str(
        "# Generated by `cargo run --example gen_notebook`.\n\
         owner: Sam Rivera\n\
         rules:\n  follow_up_after: 7d\n  max_follow_ups: 2\n  thank_you_within: 24h\n  \
         stay_in_touch: 90d\n  prepare_questions: 5\n  horizon: 7d\n\
         goals:\n  target_companies: 5\n  \
         people_per_company: { developer: 1, manager: 1, recruiter: 1 }\n  \
         warm_contacts: 4\n  weekly: { outreach: 3, chats: 1, events: 0 }\n",
    );
}

fn render_readme(m: &Model, out: &mut String) {
    let mut rng = Rng::for_file(m.seed, KIND_OTHER, 0);
    let text = Text::new(m, "../");
    out.push_str("# About this notebook\n\nA generated notebook for benchmarking `ties`.\n\n");
    text.paragraphs(&mut rng, out, 120);
}

fn render_contact(m: &Model, i: usize, out: &mut String) -> String {
    let mut rng = Rng::for_file(m.seed, KIND_CONTACT, i);
    let c = &m.contacts[i];
    let s = &m.span;
    out.push_str("---\nname: ");
    scalar(out, &c.name);
    out.push('\n');
    if let Some(co) = c.company {
        let _ = writeln!(out, "company: {}", m.companies[co].id);
    }
    let title = rng.word(TITLES[c.role]);
    out.push_str("title: ");
    scalar(out, title);
    let _ = writeln!(out, "\nrole: {}", ROLES[c.role]);
    let warm = rng.chance(30);
    let _ = writeln!(out, "warmth: {}", if warm { "warm" } else { "cold" });
    let tie = match rng.below(10) {
        0..=1 => "strong",
        2..=7 => "weak",
        _ => "dormant",
    };
    let _ = writeln!(out, "tie: {tie}");
    out.push_str("source: ");
    scalar(out, rng.word(SOURCES));
    out.push('\n');
    if m.contacts.len() > 1 && rng.chance(15) {
        let mut j = rng.below(m.contacts.len());
        if j == i {
            j = (j + 1) % m.contacts.len();
        }
        let _ = writeln!(out, "introduced_by: {}", m.contacts[j].id);
    }
    let domain = c
        .company
        .map_or("mail.example.org", |co| m.companies[co].domain.as_str());
    let _ = writeln!(out, "email: {}@{domain}", c.id.replace('-', "."));
    let _ = writeln!(out, "linkedin: https://www.linkedin.com/in/{}", c.id);
    if rng.chance(30) {
        let _ = writeln!(
            out,
            "github: https://github.com/{}{}",
            c.slug_first,
            c.slug_last.replace('-', "")
        );
    }
    if rng.chance(40) {
        out.push_str("location: ");
        scalar(out, rng.word(CITY));
        let _ = writeln!(out, "\ntimezone: {}", rng.pick(TIMEZONE));
    }
    tags_line(out, &mut rng, 3);
    let mut last_touch = None;
    if rng.chance(80) {
        let reached = rng.range(s.first, s.today - 1);
        let _ = writeln!(out, "reached_out: {}", Day(reached));
        last_touch = Some(reached);
        if rng.chance(35) {
            let f1 = (reached + rng.range(7, 14)).min(s.today - 1);
            if rng.chance(50) {
                let f2 = (f1 + rng.range(7, 14)).min(s.today - 1);
                let _ = writeln!(out, "followed_up: [{}, {}]", Day(f1), Day(f2));
            } else {
                let _ = writeln!(out, "followed_up: {}", Day(f1));
            }
        }
        if rng.chance(55) {
            let replied = (reached + rng.range(0, 20)).min(s.today - 1);
            let _ = writeln!(out, "replied: {}", Day(replied));
        }
    }
    if rng.chance(20) {
        let _ = writeln!(
            out,
            "next: \"{} {}\"",
            Day(s.today + rng.range(-5, 40)),
            rng.pick(NEXT_ACTIONS)
        );
    }
    if rng.chance(10) {
        let _ = writeln!(
            out,
            "stay_in_touch: {}",
            rng.pick(&["30d", "60d", "8w", "180d"])
        );
    }
    if rng.chance(5) {
        let _ = writeln!(out, "status: {}", rng.pick(&["paused", "closed"]));
    }
    out.push_str("---\n");

    let text = Text::new(m, "../");
    let _ = write!(out, "# {}\n\n", c.name);
    if let Some(co) = c.company {
        let company = &m.companies[co];
        let _ = write!(out, "{title} at [[{}|{}]]. ", company.id, company.name);
    }
    text.paragraph(&mut rng, out);
    out.push_str("## Notes\n\n");
    let target = 120 + rng.below(180);
    text.paragraphs(&mut rng, out, target);
    if let Some(day) = last_touch.filter(|_| rng.chance(60)) {
        out.push_str("## Tasks\n\n");
        text.tasks(&mut rng, out, day);
    }
    format!("contacts/{}.md", c.id)
}

fn render_company(m: &Model, i: usize, out: &mut String) -> String {
    let mut rng = Rng::for_file(m.seed, KIND_COMPANY, i);
    let c = &m.companies[i];
    out.push_str("---\nname: ");
    scalar(out, &c.name);
    let _ = writeln!(out, "\nstatus: {}", c.status);
    if c.status == "target" || rng.chance(30) {
        out.push_str("in: ");
        scalar(out, rng.word(IN));
        out.push('\n');
    }
    out.push_str("location: ");
    scalar(out, rng.word(CITY));
    let _ = writeln!(out, "\nwebsite: https://{}", c.domain);
    out.push_str("stack: ");
    let k = 2 + rng.below(3);
    list(out, &some(&mut rng, STACK, k));
    if rng.chance(50) {
        out.push_str("\nhiring: ");
        let k = 1 + rng.below(2);
        list(out, &some(&mut rng, HIRING, k));
    }
    out.push('\n');
    tags_line(out, &mut rng, 2);
    out.push_str("---\n");

    let text = Text::new(m, "../");
    let _ = write!(out, "# {}\n\n", c.name);
    text.paragraph(&mut rng, out);
    if !c.people.is_empty() {
        out.push_str("## People\n\n");
        for &p in c.people.iter().take(12) {
            let p = &m.contacts[p];
            if rng.chance(50) {
                let _ = writeln!(out, "- [[{}]] ({})", p.id, ROLES[p.role]);
            } else {
                let _ = writeln!(
                    out,
                    "- [{}](../contacts/{}.md) ({})",
                    p.name, p.id, ROLES[p.role]
                );
            }
        }
        out.push('\n');
    }
    out.push_str("## Notes\n\n");
    let target = 100 + rng.below(150);
    text.paragraphs(&mut rng, out, target);
    format!("companies/{}.md", c.id)
}

fn render_chat(m: &Model, i: usize, out: &mut String) -> String {
    let mut rng = Rng::for_file(m.seed, KIND_CHAT, i);
    let s = &m.span;
    let n = m.contacts.len();
    let first = rng.below(n);
    let second = (n > 1 && rng.chance(12)).then(|| (first + 1 + rng.below(n - 1)) % n);
    let mut kind = rng.word(CHAT_KINDS);
    let mut event = None;
    if rng.chance(8) {
        kind = "event";
        event = Some(&m.events[rng.below(m.events.len())]);
    }
    let date = event.map_or_else(|| rng.range(s.first, s.last), |e| e.date);
    let day = Day(date);
    let who = &m.contacts[first];
    let path = format!("chats/{}/{day}-{}-{i}.md", &day.to_string()[..4], who.id);

    out.push_str("---\nwith: ");
    match second {
        Some(j) => {
            let _ = writeln!(out, "[{}, {}]", who.id, m.contacts[j].id);
        }
        None if rng.chance(10) => {
            let _ = writeln!(out, "\"[[{}]]\"", who.id);
        }
        None => {
            let _ = writeln!(out, "{}", who.id);
        }
    }
    if rng.chance(30) {
        let _ = writeln!(
            out,
            "date: {day} {:02}:{}",
            rng.range(8, 18),
            rng.pick(&["00", "15", "30", "45"])
        );
    } else {
        let _ = writeln!(out, "date: {day}");
    }
    let _ = writeln!(out, "kind: {kind}");
    if kind == "message" {
        // A thread you were answered in; no random draw, so the rest of the notebook stays
        // the same as before `direction` existed.
        let _ = writeln!(out, "direction: received");
    }
    if let Some(e) = event {
        let _ = writeln!(out, "event: {}", e.id);
    }
    let medium = match (kind, event) {
        (_, Some(e)) if e.kind == "online" => "zoom",
        (_, Some(_)) => "in-person",
        ("message", _) => rng.word(&["email", "slack", "linkedin"]),
        _ => rng.word(MEDIUM),
    };
    let _ = writeln!(out, "medium: {medium}");
    let _ = writeln!(
        out,
        "duration: {}",
        rng.pick(&["30m", "30m", "30m", "45m", "1h"])
    );
    let past = date < s.today;
    let status = if past {
        if rng.chance(5) { "cancelled" } else { "done" }
    } else {
        "planned"
    };
    let done = status == "done";
    let thanked = done && kind != "message" && rng.chance(70);
    if thanked {
        let _ = writeln!(out, "thanked: {}", Day(date + rng.range(0, 1)));
    }
    // The status is implied by the date; spell it out where it matters or is not the default.
    if thanked || status == "cancelled" || rng.chance(20) {
        let _ = writeln!(out, "status: {status}");
    }
    if done && rng.chance(15) {
        let mut r = rng.below(n);
        if r == first || Some(r) == second {
            r = (0..n)
                .find(|&x| x != first && Some(x) != second)
                .unwrap_or(r);
        }
        if r != first && Some(r) != second {
            let _ = writeln!(out, "referrals: [{}]", m.contacts[r].id);
        }
    }
    if rng.chance(30) {
        tags_line(out, &mut rng, 2);
    }
    out.push_str("---\n");

    let text = Text::new(m, "../../");
    let title = match kind {
        "informational-interview" => "Informational interview with",
        "call" => "Call with",
        "message" => "Messages with",
        "interview" => "Interview with",
        "event" => "Talked at the event with",
        _ => "Coffee chat with",
    };
    let _ = write!(out, "# {title} {}\n\n## Questions\n\n", who.name);
    let k = 5 + rng.below(3);
    let mut asked: Vec<usize> = Vec::with_capacity(k);
    while asked.len() < k {
        let q = rng.below(QUESTIONS.len());
        if !asked.contains(&q) {
            asked.push(q);
        }
    }
    for &q in &asked {
        let _ = writeln!(out, "- {}", QUESTIONS[q]);
    }
    out.push_str("\n## Notes\n\n");
    let _ = write!(out, "Met [{}](../../contacts/{}.md)", who.name, who.id);
    if let Some(co) = who.company {
        let co = &m.companies[co];
        let _ = write!(out, " from [{}](../../companies/{}.md)", co.name, co.id);
    }
    if let Some(e) = event {
        let _ = write!(out, " at [[{}|{}]]", e.id, e.name);
    }
    out.push_str(". ");
    let target = if past { 150 + rng.below(150) } else { 40 };
    text.paragraphs(&mut rng, out, target);
    out.push_str("## Takeaways\n\n");
    for _ in 0..2 + rng.below(2) {
        out.push_str("- ");
        text.sentence(&mut rng, out, 20);
        out.push('\n');
    }
    out.push_str("\n## Reflection\n\n");
    let _ = writeln!(
        out,
        "- Most valuable question: {}",
        QUESTIONS[asked[rng.below(asked.len())]]
    );
    out.push_str("- Repeat: ");
    text.sentence(&mut rng, out, 0);
    out.push_str("\n- Change: ");
    text.sentence(&mut rng, out, 0);
    out.push_str("\n\n");
    if rng.chance(40) {
        out.push_str("## Next steps\n\n");
        text.tasks(&mut rng, out, date);
    }
    path
}

fn render_event(m: &Model, i: usize, out: &mut String) -> String {
    let mut rng = Rng::for_file(m.seed, KIND_EVENT, i);
    let e = &m.events[i];
    out.push_str("---\nname: ");
    scalar(out, &e.name);
    let _ = writeln!(out, "\ndate: {}", Day(e.date));
    let _ = writeln!(out, "kind: {}", e.kind);
    out.push_str("location: ");
    scalar(out, e.location);
    let _ = writeln!(out, "\nurl: https://events.example.com/{}", e.id);
    out.push_str("goal: 3\n");
    let mut met = Vec::new();
    if e.date < m.span.today {
        for _ in 0..=rng.below(4) {
            let c = rng.below(m.contacts.len());
            if !met.contains(&c) {
                met.push(c);
            }
        }
        out.push_str("met: [");
        for (k, &c) in met.iter().enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            out.push_str(&m.contacts[c].id);
        }
        out.push_str("]\n");
    }
    tags_line(out, &mut rng, 2);
    out.push_str("---\n");

    let text = Text::new(m, "../");
    let _ = write!(out, "# {}\n\n## Plan\n\n", e.name);
    text.paragraph(&mut rng, out);
    if !met.is_empty() {
        out.push_str("## People met\n\n");
        for &c in &met {
            let c = &m.contacts[c];
            let _ = writeln!(out, "- [{}](../contacts/{}.md)", c.name, c.id);
        }
        out.push('\n');
    }
    out.push_str("## Notes\n\n");
    let target = 100 + rng.below(150);
    text.paragraphs(&mut rng, out, target);
    text.tasks(&mut rng, out, e.date);
    format!("events/{}.md", e.id)
}

// ---------------------------------------------------------------------------------------------
// Writing

fn usage() -> ExitCode {
    eprintln!("usage: gen_notebook DIR --contacts N [--seed S]");
    ExitCode::from(2)
}

fn parse_args() -> Option<(PathBuf, usize, u64)> {
    let mut dir = None;
    let mut contacts = None;
    let mut seed = 1;
    let mut args = env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--contacts" | "-n" => contacts = Some(args.next()?.parse().ok()?),
            "--seed" => seed = args.next()?.parse().ok()?,
            "-h" | "--help" => return None,
            _ if arg.starts_with('-') || dir.is_some() => return None,
            _ => dir = Some(PathBuf::from(arg)),
        }
    }
    Some((dir?, contacts?, seed))
}

fn main() -> ExitCode {
    let Some((dir, n, seed)) = parse_args() else {
        return usage();
    };
    if n == 0 {
        eprintln!("gen_notebook: --contacts must be at least 1");
        return ExitCode::from(2);
    }
    match fs::read_dir(&dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                eprintln!(
                    "gen_notebook: {} exists and is not empty; refusing to write into it",
                    dir.display()
                );
                return ExitCode::FAILURE;
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => {
            eprintln!("gen_notebook: {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    let start = Instant::now();
    match generate(&dir, n, seed) {
        Ok((files, bytes)) => {
            println!(
                "wrote {files} files, {bytes} bytes ({:.1} MB) to {} in {:.2?}",
                bytes as f64 / 1e6,
                dir.display(),
                start.elapsed()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_notebook: {e}");
            ExitCode::FAILURE
        }
    }
}

fn generate(dir: &Path, n: usize, seed: u64) -> io::Result<(usize, u64)> {
    let model = build(seed, n);
    debug_assert!({
        let mut ids = HashSet::new();
        model
            .contacts
            .iter()
            .map(|c| &c.id)
            .chain(model.companies.iter().map(|c| &c.id))
            .chain(model.events.iter().map(|e| &e.id))
            .all(|id| ids.insert(id))
    });
    for sub in [
        "contacts",
        "companies",
        "events",
        "notes",
        "chats/2025",
        "chats/2026",
    ] {
        fs::create_dir_all(dir.join(sub))?;
    }

    // Jobs: 0 = ties.yaml, 1 = notes/about.md, then contacts, companies, chats, events.
    let (nc, nco, nch, ne) = (
        model.contacts.len(),
        model.companies.len(),
        model.chats,
        model.events.len(),
    );
    let total = 2 + nc + nco + nch + ne;
    let next = AtomicUsize::new(0);
    let threads = thread::available_parallelism()
        .map_or(2, std::num::NonZero::get)
        .min(8);
    let results = thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| -> io::Result<(usize, u64)> {
                    let mut buf = String::with_capacity(8 * 1024);
                    let (mut files, mut bytes) = (0, 0);
                    loop {
                        let start = next.fetch_add(64, Ordering::Relaxed);
                        if start >= total {
                            return Ok((files, bytes));
                        }
                        for job in start..(start + 64).min(total) {
                            buf.clear();
                            let m = &model;
                            let path = match job {
                                0 => {
                                    render_config(&mut buf);
                                    "ties.yaml".to_owned()
                                }
                                1 => {
                                    render_readme(m, &mut buf);
                                    "notes/about.md".to_owned()
                                }
                                j if j < 2 + nc => render_contact(m, j - 2, &mut buf),
                                j if j < 2 + nc + nco => render_company(m, j - 2 - nc, &mut buf),
                                j if j < 2 + nc + nco + nch => {
                                    render_chat(m, j - 2 - nc - nco, &mut buf)
                                }
                                j => render_event(m, j - 2 - nc - nco - nch, &mut buf),
                            };
                            fs::write(dir.join(&path), buf.as_bytes())?;
                            files += 1;
                            bytes += buf.len() as u64;
                        }
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("writer thread panicked"))
            .collect::<Vec<_>>()
    });
    let (mut files, mut bytes) = (0, 0);
    for r in results {
        let (f, b) = r?;
        files += f;
        bytes += b;
    }
    Ok((files, bytes))
}
