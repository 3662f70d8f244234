//! A seeded random-mutation fuzzer over the per-file parse, the check and every renderer.
//! It lives inside the crate, as a test module, because the modules it drives are
//! crate-private and because it needs no new dependency (no nightly, no libFuzzer).
//!
//! A case is a small in-memory notebook: a few files of the example notebook and the test
//! fixtures, left as they are so the agenda and reports have something to show, and a few
//! mutated ones (bytes flipped, inserted, deleted, spliced from another seed, lines
//! duplicated, hostile tokens dropped in), placed under a record folder. Each case is
//! parsed, indexed, checked, and rendered by `check` (human, json, github), `agenda`,
//! `list`, `show` and every `report`, in every format. A finding is a panic, a raw control
//! character or bidi override in human-facing output, JSON or CSV that does not parse
//! back, or a case slower than [`SLOW`].
//!
//! `cargo test` runs [`SHORT_CASES`] cases from a fixed seed. `benches/fuzz.sh SECONDS SEED`
//! runs [`fuzz_long`] in a release build for as long as asked, and saves each finding as a
//! notebook under `target/fuzz-findings/` (`ties --notebook DIR check` replays it). See
//! docs/fuzz.md.

use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::agenda::{self, Filter};
use crate::document::Document;
use crate::index::Index;
use crate::list::{self, Options, Sort, Where};
use crate::model::{Kind, Settings};
use crate::notebook::CONFIG_FILE;
use crate::period::Period;
use crate::render::{self, Format, Render};
use crate::report::{self, Granularity, ReportKind};
use crate::rng::Rng;
use crate::show;
use crate::spreadsheet::Cells;

/// Enough to cover every mutation and renderer a few times; about 3 s in a debug build
/// (30 ms a case), so CI stays fast.
const SHORT_CASES: u64 = 100;
const SHORT_SEED: u64 = 0x7165_735f_6675_7a7a;
/// A case is a handful of small files: anything slower is a finding (a quadratic path).
const SLOW: Duration = Duration::from_secs(5);
/// Mutated files are cut to this size, so a case stays fast even after many splices.
const MAX_FILE: usize = 256 * 1024;

/// One seed file: where it lives in its notebook and its bytes.
#[derive(Clone)]
struct Seed {
    path: String,
    bytes: Vec<u8>,
}

/// Tokens that reach the parser's edges: YAML syntax, front-matter fences, field names,
/// dates on and off the calendar, links, tasks, line endings, escapes and bidi overrides.
const TOKENS: &[&str] = &[
    "---\n",
    "---\r\n",
    "\r",
    "\r\n",
    "\n",
    "\t",
    "\0",
    "\u{feff}",
    "\u{1b}[2J",
    "\u{1b}]0;pwned\u{7}",
    "\u{1b}]52;c;aGk=\u{7}",
    "\u{9b}31m",
    "\u{202e}",
    "\u{2066}",
    "\u{200f}",
    "\u{7f}",
    "\\e]0;x\\a",
    "\\u202e",
    "\\0",
    "\"",
    "'",
    ": ",
    "- ",
    "  ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "<<: *a\n",
    "!!str ",
    "!!binary ",
    "|\n  ",
    ">-\n  ",
    "? ",
    "# ",
    "~",
    "null",
    "[[",
    "]]",
    "[[maya-chen]]",
    "[[acme#x|y]]",
    "[x](../contacts/ada.md)",
    "- [ ] ",
    "- [x] ",
    "(due 2026-11-30)",
    "(due 2026-02-30)",
    "(due ",
    "📅 2026-11-26",
    "due:2026-11-22",
    "## Questions\n- q\n",
    "<<<<<<< HEAD\n",
    "=======\n",
    ">>>>>>> x\n",
    "name: ",
    "company: ",
    "role: ",
    "title: ",
    "reached_out: ",
    "replied: ",
    "followed_up: ",
    "next: ",
    "status: ",
    "tags: ",
    "with: ",
    "date: ",
    "kind: ",
    "met: ",
    "referrals: ",
    "event: ",
    "thanked: ",
    "duration: ",
    "goal: ",
    "2026-11-25",
    "2026-11-25 09:30",
    "2026-02-30",
    "9999-12-31",
    "0000-01-01",
    "+10000-01-01",
    "-1",
    "18446744073709551616",
    "1e400",
    "NaN",
    "24h",
    "0d",
    "99999999999d",
    "é",
    "李",
    "🎉",
];

/// YAML built to exhaust a parser: an alias bomb, deep nesting of each shape, a huge key and
/// value (from `tests/bad_input.rs`).
fn exhausting_yaml() -> Vec<(&'static str, Vec<u8>)> {
    let mut bomb = String::from("---\nname: Bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for pair in ["a", "b", "c", "d", "e", "f", "g", "h", "i"].windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(",");
        let _ = writeln!(bomb, "{}: &{} [{refs}]", pair[1], pair[1]);
    }
    bomb.push_str("---\n");
    let deep_flow = format!(
        "---\nname: D\nx: {}{}\n---\n",
        "[".repeat(300),
        "]".repeat(300)
    );
    let deep_map = format!(
        "---\nname: D\nx: {}1{}\n---\n",
        "{a: ".repeat(200),
        "}".repeat(200)
    );
    let mut deep_block = String::from("---\nname: D\nx:\n");
    for depth in 1..200 {
        let _ = writeln!(deep_block, "{}- ", "  ".repeat(depth));
    }
    deep_block.push_str("---\n");
    let huge_key = format!("---\nname: K\n{}: v\n---\n", "k".repeat(70_000));
    let huge_value = format!(
        "---\nname: {}\n---\n{}\n",
        "v".repeat(70_000),
        "w".repeat(70_000)
    );
    vec![
        ("contacts/bomb.md", bomb.into_bytes()),
        ("contacts/deep-flow.md", deep_flow.into_bytes()),
        ("contacts/deep-map.md", deep_map.into_bytes()),
        ("contacts/deep-block.md", deep_block.into_bytes()),
        ("contacts/huge-key.md", huge_key.into_bytes()),
        ("contacts/huge-value.md", huge_value.into_bytes()),
    ]
}

/// The hostile inputs of `tests/hostile.rs` and `tests/bad_input.rs`, as seeds of their own.
fn hostile_seeds() -> Vec<Seed> {
    let evil = "Eve \\e]0;pwned\\a\\e[2J\\e]52;c;aGk=\\a\\u009b31m\\u202etxt.md\\r\\0";
    let raw_evil = "Eve \u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}txt.md\u{2066}";
    let texts: Vec<(&str, Vec<u8>)> = vec![
        ("contacts/nul.md", b"---\nname: A\x00\n---\n".to_vec()),
        ("notes/nul-after-cr.md", b"\r\0".to_vec()),
        ("notes/latin1-after-cr.md", b"caf\r\xe9".to_vec()),
        ("contacts/crlf-nul.md", b"---\r\nname: x\r\0".to_vec()),
        ("contacts/lone-cr.md", b"---\rname: A\rrole: dev\r---\r".to_vec()),
        ("contacts/bad-utf8.md", b"---\nname: \xc3(\n---\n".to_vec()),
        (
            "contacts/bom.md",
            "\u{feff}---\r\nname: Ada\r\nrole: develper\r\n---\r\n".into(),
        ),
        ("contacts/unclosed.md", b"---\nname: A\n".to_vec()),
        ("notes/unclosed.md", b"---\njust a rule\n".to_vec()),
        (
            "contacts/eve.md",
            format!(
                "---\nname: \"{evil}\"\ncompany: acme\ntitle: \"{evil}\"\nrole: developer\n\
                 reached_out: 2026-11-02\nnext: \"2026-11-25 call {evil}\"\n\
                 tags: [\"{evil}\"]\nmy_own_key: \"{evil}\"\n---\n\n\
                 - [ ] ask about {raw_evil} (due 2026-11-22)\n"
            )
            .into_bytes(),
        ),
        (
            "companies/acme.md",
            format!("---\nname: \"Acme {evil}\"\nstatus: target\nlocation: \"{evil}\"\n---\n")
                .into_bytes(),
        ),
        (
            "chats/2026-11-10-eve.md",
            format!(
                "---\nwith: eve\ndate: 2026-11-10\nkind: coffee\nmedium: \"{evil}\"\n---\n\
                 ## Questions\n- {raw_evil}\n"
            )
            .into_bytes(),
        ),
        (
            "events/2026-11-12-meetup.md",
            format!("---\nname: \"Meetup {evil}\"\ndate: 2026-11-12\nmet: [eve]\n---\n")
                .into_bytes(),
        ),
        (
            "notes/raw.md",
            format!("# a raw {raw_evil} note with [[{raw_evil}]] and [x]({raw_evil}.md)\n")
                .into_bytes(),
        ),
        (
            "contacts/conflict.md",
            b"---\nname: A\n<<<<<<< HEAD\nreplied: 2026-11-12\n=======\nreplied: 2026-11-13\n>>>>>>> x\n---\n"
                .to_vec(),
        ),
        (
            "contacts/tabs.md",
            b"---\nname:\tA\n\tcompany: acme\ntags: [\ta,\tb]\n---\n\t- [ ]\tcall\t(due 2026-11-30)\n"
                .to_vec(),
        ),
        (
            "notes/links.md",
            b"[[maya-chen]] [[nope]] [[ ]] [[a|b]] [[#x]] [[\n[x](../contacts/none.md) `[[code]]`\n"
                .to_vec(),
        ),
        (
            "contacts/tasks.md",
            b"---\nname: T\n---\n- [ ] call (due 2026-11-30)\n- [x] done (due 2026-02-30)\n\
              - [ ] (due )\n- [ ] far (due 9999-12-31)\n- [ ] \xf0\x9f\x93\x85 2026-11-26\n"
                .to_vec(),
        ),
        (
            CONFIG_FILE,
            format!(
                "owner: \"{evil}\"\nrules:\n  horizon: 99999999d\n  follow_up_after: 0d\n\
                 goals:\n  weekly: {{ outreach: -1 }}\nchecks:\n  ignore: [T999, \"{evil}\"]\n"
            )
            .into_bytes(),
        ),
    ];
    texts
        .into_iter()
        .chain(exhausting_yaml())
        .map(|(path, bytes)| Seed {
            path: path.to_owned(),
            bytes,
        })
        .collect()
}

/// Every file under `dir`, with paths relative to it.
fn files_under(dir: &Path, root: &Path, out: &mut Vec<Seed>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    // Sorted, so a seed number means the same cases on every machine.
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, root, out);
        } else if let Ok(bytes) = std::fs::read(&path) {
            out.push(Seed {
                path: crate::notebook::relative(root, &path),
                bytes,
            });
        }
    }
}

/// The seeds: every file of the example notebook and of each fixture notebook, and the
/// hostile inputs. Notebook files keep their paths, so unmutated ones still link up.
fn seeds() -> Vec<Seed> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds = Vec::new();
    files_under(
        &manifest.join("example-notebook"),
        &manifest.join("example-notebook"),
        &mut seeds,
    );
    let fixtures = manifest.join("tests/fixtures");
    if let Ok(entries) = std::fs::read_dir(&fixtures) {
        let mut dirs: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        dirs.sort();
        for dir in dirs {
            files_under(&dir, &dir, &mut seeds);
        }
    }
    seeds.extend(hostile_seeds());
    seeds
}

/// One mutation of `bytes`, drawing on `others` for splices.
fn mutate_once(rng: &mut Rng, bytes: &mut Vec<u8>, others: &[Seed]) {
    let at = |rng: &mut Rng, len: usize| rng.below(len + 1);
    match rng.below(9) {
        0 if !bytes.is_empty() => {
            let i = rng.below(bytes.len());
            bytes[i] ^= 1 << rng.below(8);
        }
        1 => {
            let i = at(rng, bytes.len());
            let byte = *rng.pick(b"\0\r\n\t:-[]{}\"'#&*|>!%@`\\\x1b\x7f\x80\xc3\xe2\xef\xff");
            bytes.insert(i, byte);
        }
        2 | 3 => {
            let i = at(rng, bytes.len());
            let token = rng.pick(TOKENS).as_bytes();
            bytes.splice(i..i, token.iter().copied());
        }
        4 if !bytes.is_empty() => {
            let i = rng.below(bytes.len());
            let n = 1 + rng.below(16.min(bytes.len() - i));
            bytes.drain(i..i + n);
        }
        5 => {
            let other = &rng.pick(others).bytes;
            if !other.is_empty() {
                let from = rng.below(other.len());
                let n = 1 + rng.below(256.min(other.len() - from));
                let i = at(rng, bytes.len());
                bytes.splice(i..i, other[from..from + n].iter().copied());
            }
        }
        6 => {
            let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
            if !lines.is_empty() {
                let line = lines[rng.below(lines.len())].to_vec();
                let i = at(rng, lines.len());
                let offset: usize = lines[..i].iter().map(|l| l.len()).sum();
                bytes.splice(offset..offset, line);
            }
        }
        7 if !bytes.is_empty() => {
            bytes.truncate(rng.below(bytes.len()));
        }
        _ => {
            // A byte replaced by an arbitrary one: reaches the UTF-8 decoder's edges.
            if !bytes.is_empty() {
                let i = rng.below(bytes.len());
                bytes[i] = rng.next() as u8;
            }
        }
    }
}

/// File names for mutated files: ids the seeds reference, odd slugs, and hostile names.
const NAMES: &[&str] = &[
    "maya-chen",
    "harbor-health",
    "2026-11-13-maya-chen",
    "2026-11-13-frcs-demo-night",
    "ada",
    "acme",
    "eve",
    "2026-11-10-eve",
    "x",
    "Jane Doe",
    "-",
    "2026-11-25-ana",
    "evil\u{1b}]0;x\u{7}",
    "evil\u{202e}dm",
    "tab\there",
    "cr\rhere",
];

const FOLDERS: &[&str] = &[
    "contacts/",
    "companies/",
    "chats/",
    "chats/2026/",
    "events/",
    "notes/",
    "",
];

/// A case: the files of one small notebook, `ties.yaml` included.
struct Case {
    files: Vec<Seed>,
    today: NaiveDate,
    days: Option<u32>,
}

fn make_case(rng: &mut Rng, seeds: &[Seed]) -> Case {
    let configs: Vec<&Seed> = seeds.iter().filter(|s| s.path == CONFIG_FILE).collect();
    // CSV fixtures are only material for splices: a notebook reads Markdown files.
    let docs: Vec<&Seed> = seeds
        .iter()
        .filter(|s| {
            Path::new(&s.path)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md"))
        })
        .collect();
    let mut files = Vec::new();
    // Unmutated files give the agenda, reports and links something real to work on.
    for _ in 0..rng.below(12) {
        let seed = *rng.pick(&docs);
        if !files.iter().any(|f: &Seed| f.path == seed.path) {
            files.push(seed.clone());
        }
    }
    for _ in 0..=rng.below(3) {
        let seed = *rng.pick(&docs);
        let mut bytes = seed.bytes.clone();
        for _ in 0..rng.below(10) {
            mutate_once(rng, &mut bytes, seeds);
        }
        bytes.truncate(MAX_FILE);
        let path = if rng.chance(60) {
            seed.path.clone()
        } else {
            format!("{}{}.md", rng.pick(FOLDERS), rng.pick(NAMES))
        };
        files.retain(|f| f.path != path);
        files.push(Seed { path, bytes });
    }
    let config = *rng.pick(&configs);
    let mut bytes = config.bytes.clone();
    if rng.chance(30) {
        for _ in 0..=rng.below(6) {
            mutate_once(rng, &mut bytes, seeds);
        }
    }
    files.push(Seed {
        path: CONFIG_FILE.to_owned(),
        bytes,
    });
    let today = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default()
        + chrono::TimeDelta::days(i64::try_from(rng.below(90)).unwrap_or(0));
    let days = match rng.below(4) {
        0 => None,
        1 => Some(0),
        2 => Some(u32::MAX),
        _ => Some(rng.below(400) as u32),
    };
    Case { files, today, days }
}

/// The notebook of `case`, built as `notebook::load` builds it, without the file system.
fn index(case: &Case) -> Index {
    let mut docs = Vec::new();
    let mut settings = (Settings::default(), String::new(), Vec::new());
    // The settings first: they say how every other file reads.
    for file in case.files.iter().filter(|f| f.path == CONFIG_FILE) {
        settings = crate::notebook::decode_settings(file.bytes.clone());
    }
    for file in case.files.iter().filter(|f| f.path != CONFIG_FILE) {
        let bytes = Ok(file.bytes.clone());
        docs.push(Document::parse(
            file.path.clone(),
            bytes,
            &settings.0.conventions,
        ));
    }
    Index::new(
        PathBuf::from("/fuzz"),
        case.today.and_time(chrono::NaiveTime::MIN),
        settings,
        docs,
        Vec::new(),
    )
}

/// The first raw control character (not `\n`) or bidi override of `text`, outside the
/// colour (SGR) sequences renderers write: a terminal would act on it.
fn unsafe_char(text: &str) -> Option<(usize, char)> {
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '\u{1b}' {
            let rest = &text[at + 1..];
            let sgr = rest.strip_prefix('[').and_then(|r| {
                let end = r.find(|c: char| !c.is_ascii_digit() && c != ';')?;
                r[end..].starts_with('m').then_some(end + 2)
            });
            if let Some(len) = sgr {
                while chars.peek().is_some_and(|&(i, _)| i <= at + len) {
                    chars.next();
                }
                continue;
            }
            return Some((at, c));
        }
        let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if (c.is_control() && c != '\n') || bidi {
            return Some((at, c));
        }
    }
    None
}

/// What one renderer printed, checked for its format.
fn check_output(what: &str, format: Format, bytes: &[u8], problems: &mut Vec<String>) {
    let text = String::from_utf8_lossy(bytes);
    match format {
        Format::Text | Format::Markdown => {
            if let Some((at, c)) = unsafe_char(&text) {
                let around: String = text[at..].chars().take(40).collect();
                problems.push(format!("{what}: raw {c:?} at byte {at}: {around:?}"));
            }
        }
        Format::Json => {
            if let Err(e) = serde_json::from_slice::<serde_json::Value>(bytes) {
                problems.push(format!("{what}: JSON does not parse back: {e}"));
            }
        }
        Format::Csv(_) => {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(bytes);
            if let Some(Err(e)) = reader.records().find(Result::is_err) {
                problems.push(format!("{what}: CSV does not parse back: {e}"));
            }
        }
    }
}

const FORMATS: [(Format, &str); 4] = [
    (Format::Text, "text"),
    (Format::Markdown, "markdown"),
    (Format::Csv(Cells::Guarded), "csv"),
    (Format::Json, "json"),
];

fn render_all(what: &str, result: &impl Render, problems: &mut Vec<String>) {
    for (format, name) in FORMATS {
        let mut out = Vec::new();
        match result.render(format, &mut out) {
            Ok(()) => check_output(&format!("{what} --format {name}"), format, &out, problems),
            Err(e) => problems.push(format!("{what} --format {name}: write failed: {e}")),
        }
    }
}

/// Runs every command's renderers over `case`; the problems found, empty if none.
fn run_case(case: &Case, rng: &mut Rng) -> Vec<String> {
    let mut problems = Vec::new();
    let index = index(case);

    let diagnostics = crate::check::diagnostics(&index);
    let mut out = Vec::new();
    let _ = render::human::write(
        &mut out,
        &diagnostics,
        &render::sources(&index, &diagnostics),
    );
    check_output("check", Format::Text, &out, &mut problems);
    out.clear();
    let _ = render::json::write(&mut out, &diagnostics);
    check_output("check --format json", Format::Json, &out, &mut problems);
    out.clear();
    let _ = render::github::write(&mut out, &diagnostics, "nb");
    // Workflow commands are read by a person in the log, as text.
    check_output("check --format github", Format::Text, &out, &mut problems);

    let ids: Vec<String> = index.all_ids().map(str::to_owned).collect();
    let mut filter = Filter::default();
    if rng.chance(30) && !ids.is_empty() {
        filter.contact = Some(rng.pick(&ids).clone());
    }
    let filter = filter.resolve(&index).unwrap_or_default();
    let agenda = agenda::build(&index, case.days, &filter);
    render_all("agenda", &agenda, &mut problems);
    let _ = render::ics::calendar(&agenda).to_string();

    for kind in [
        Kind::Contact,
        Kind::Company,
        Kind::Chat,
        Kind::Event,
        Kind::Note,
    ] {
        let mut options = Options::default();
        if rng.chance(30) {
            let key: &&str = rng.pick(&["-name", "date", "next", "x", "-tags"]);
            options.sort = Some(Sort::parse(key));
        }
        if rng.chance(20) {
            options.wheres.push(Where {
                key: (*rng.pick(&["role", "tags", "my_own_key", "x"])).to_owned(),
                value: (*rng.pick(&["developer", "", "a"])).to_owned(),
            });
        }
        if rng.chance(10) {
            options.limit = Some(rng.below(3));
        }
        if let Ok(listing) = list::build(&index, kind, &options) {
            render_all(&format!("list {}", kind.folder()), &listing, &mut problems);
        }
    }

    // Every mutated file (they come last) and a few others.
    let mut shown: Vec<&str> = case
        .files
        .iter()
        .rev()
        .take(3)
        .filter_map(|f| f.path.rsplit('/').next()?.strip_suffix(".md"))
        .collect();
    for _ in 0..3.min(ids.len()) {
        shown.push(rng.pick(&ids).as_str());
    }
    for &id in &shown {
        if let Ok(record) = show::build(&index, id) {
            render_all(&format!("show {id:?}"), &record, &mut problems);
        }
    }
    drafts(&index, case, &shown, rng, &mut problems);

    let periods = [
        Period::ALL,
        Period {
            since: Some(case.today - chrono::TimeDelta::days(60)),
            until: Some(case.today),
        },
    ];
    let period = *rng.pick(&periods);
    let by = *rng.pick(&[Granularity::Week, Granularity::Month]);
    for &kind in ReportKind::ALL {
        let built = report::build(&index, kind, period, by);
        render_all(&format!("report {}", kind.as_str()), &built, &mut problems);
    }
    problems
}

/// Every file of `case` read as a message template, and a draft of a random kind for each of
/// `ids`, in each of its outputs.
fn drafts(index: &Index, case: &Case, ids: &[&str], rng: &mut Rng, problems: &mut Vec<String>) {
    for file in &case.files {
        let text = String::from_utf8_lossy(&file.bytes);
        let name = file
            .path
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".md");
        let _ = crate::template::Template::parse(name, &text);
    }
    for &id in ids {
        let kind = *rng.pick(crate::template::DraftKind::ALL);
        let request = crate::compose::Request {
            kind,
            id: id.to_owned(),
            channel: rng
                .chance(30)
                .then(|| *rng.pick(crate::template::Channel::ALL)),
            template: None,
        };
        let Ok(draft) = crate::compose::draft(index, &request) else {
            continue;
        };
        let what = format!("draft {kind} {id:?}");
        let mut out = Vec::new();
        let _ = render::draft::message(&draft, &mut out);
        let _ = render::draft::notes(&draft, &mut out);
        check_output(&what, Format::Text, &out, problems);
        out.clear();
        let _ = render::draft::json(&draft, &mut out);
        check_output(
            &format!("{what} --format json"),
            Format::Json,
            &out,
            problems,
        );
    }
}

/// The case of number `n` of a run from `seed`: each case has its own generator, so one
/// case is replayed from `(seed, n)` alone.
fn case_rng(seed: u64, n: u64) -> Rng {
    Rng::new(seed ^ n.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

struct Finding {
    n: u64,
    problems: Vec<String>,
    case: Case,
}

/// Runs cases from `seed`, numbered from `first`, until `more` says stop; the number run
/// and the findings.
fn fuzz(seed: u64, first: u64, mut more: impl FnMut(u64) -> bool) -> (u64, Vec<Finding>) {
    let seeds = seeds();
    let mut findings = Vec::new();
    let mut n = first;
    while more(n) {
        let mut rng = case_rng(seed, n);
        let case = make_case(&mut rng, &seeds);
        let started = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| run_case(&case, &mut rng)));
        let mut problems = match outcome {
            Ok(problems) => problems,
            Err(payload) => {
                let message = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                vec![format!("panic: {message}")]
            }
        };
        let took = started.elapsed();
        if took > SLOW {
            problems.push(format!("slow: {took:?}"));
        }
        if !problems.is_empty() {
            findings.push(Finding { n, problems, case });
        }
        n += 1;
    }
    (n - first, findings)
}

/// Writes the case as a notebook under `dir` (with `finding.txt` saying what went wrong).
fn save(dir: &Path, seed: u64, finding: &Finding) -> std::io::Result<PathBuf> {
    let at = dir.join(format!("{seed:016x}-{}", finding.n));
    for file in &finding.case.files {
        let path = at.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, &file.bytes)?;
    }
    let mut note = format!(
        "seed {seed:#x}, case {}, today {}, agenda days {:?}\n",
        finding.n, finding.case.today, finding.case.days
    );
    for problem in &finding.problems {
        let _ = writeln!(note, "{problem}");
    }
    std::fs::write(at.join("finding.txt"), note)?;
    Ok(at)
}

#[test]
fn fuzz_short() {
    let (cases, findings) = fuzz(SHORT_SEED, 0, |n| n < SHORT_CASES);
    assert_eq!(cases, SHORT_CASES);
    let report: Vec<String> = findings
        .iter()
        .map(|f| {
            let paths: Vec<&str> = f.case.files.iter().map(|s| s.path.as_str()).collect();
            format!("case {} ({paths:?}): {}", f.n, f.problems.join("; "))
        })
        .collect();
    assert!(report.is_empty(), "{}", report.join("\n"));
}

/// Findings saved and printed by one long run: past this, they are counted only (one bug
/// found a thousand times would otherwise fill the disk).
const MAX_SAVED: usize = 50;

/// The long run `benches/fuzz.sh` starts: `TIES_FUZZ_SECONDS` (default 60) of cases from
/// `TIES_FUZZ_SEED` (hexadecimal; default: from the clock), findings saved under
/// `TIES_FUZZ_FINDINGS` (default target/fuzz-findings). With `TIES_FUZZ_CASE=N`, only case
/// N of that seed runs: the replay of a finding.
#[test]
#[ignore = "long: run with benches/fuzz.sh"]
fn fuzz_long() {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let seconds: u64 = env("TIES_FUZZ_SECONDS").map_or(60, |s| {
        s.parse().expect("TIES_FUZZ_SECONDS is a number of seconds")
    });
    let seed = env("TIES_FUZZ_SEED").map_or_else(
        || {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        },
        |s| {
            let s = s.trim_start_matches("0x");
            u64::from_str_radix(s, 16).expect("TIES_FUZZ_SEED is a hexadecimal number")
        },
    );
    let only: Option<u64> =
        env("TIES_FUZZ_CASE").map(|s| s.parse().expect("TIES_FUZZ_CASE is a case number"));
    let dir = env("TIES_FUZZ_FINDINGS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-findings"),
        PathBuf::from,
    );
    println!(
        "fuzz: seed {seed:016x}, {seconds} s, findings to {}",
        dir.display()
    );
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut last_report = Instant::now();
    let (cases, findings) = fuzz(seed, only.unwrap_or(0), |n| {
        if let Some(only) = only {
            return n == only;
        }
        if last_report.elapsed() > Duration::from_secs(60) {
            println!("fuzz: {n} cases after {} s", started.elapsed().as_secs());
            last_report = Instant::now();
        }
        Instant::now() < deadline
    });
    for finding in findings.iter().take(MAX_SAVED) {
        let saved = save(&dir, seed, finding)
            .map_or_else(|e| format!("not saved: {e}"), |p| p.display().to_string());
        println!("fuzz: finding in case {} ({saved}):", finding.n);
        for problem in &finding.problems {
            println!("    {problem}");
        }
    }
    println!(
        "fuzz: {cases} cases, {} findings, seed {seed:016x}, {} s",
        findings.len(),
        started.elapsed().as_secs()
    );
    assert!(findings.is_empty(), "{} findings", findings.len());
}
