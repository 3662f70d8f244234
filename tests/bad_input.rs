//! Hostile and broken input (spec §5, last paragraph): every file below becomes a
//! diagnostic; none may crash `ties`, hang it, or make it lose track of the other files.
//!
//! Each test adds two "witness" files with known problems next to the bad one and asserts
//! that they are still reported, that the run exits 1 within the timeout, and that nothing
//! panicked. Large and binary fixtures are generated here, never committed.

use std::fmt::Write as _;

use crate::support::{Diag, Notebook, Output, d, diags, message, notebook_cases};

/// Adds files with known problems: a per-file rule (T103) and a cross-file rule (T201).
fn witnessed(nb: Notebook) -> Notebook {
    nb.file("companies/acme.md", "---\nname: Acme\n---\n").file(
        "contacts/witness.md",
        "---\nname: Witness\nrole: develper\ncompany: acm\n---\n",
    )
}

fn witnesses() -> [Diag; 2] {
    [
        d("T103", "contacts/witness.md", 3, 7),
        d("T201", "contacts/witness.md", 4, 10),
    ]
}

/// Asserts the notebook reports exactly `expected` plus the witnesses (in any order), and
/// that a human `check` exits 1 without crashing. Returns the human run.
#[track_caller]
fn assert_reported(nb: &Notebook, expected: &[Diag]) -> Output {
    let mut want: Vec<Diag> = expected.iter().cloned().chain(witnesses()).collect();
    want.sort();
    let mut got = nb.diagnostics();
    got.sort();
    assert_eq!(got, want);
    let out = nb.run(["check"]);
    out.assert_no_crash();
    assert_eq!(out.code, 1, "stderr:\n{}", out.stderr);
    assert_eq!(out.stderr, "");
    out
}

/// The JSON diagnostics of one path.
fn json_of(nb: &Notebook, path: &str) -> Vec<serde_json::Value> {
    nb.json_diagnostics()
        .into_iter()
        .filter(|v| v["path"] == path)
        .collect()
}

/// A small deterministic generator, so a failure can be reproduced byte for byte.
fn junk(seed: u64, len: usize) -> Vec<u8> {
    let mut state = seed | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[3]
        })
        .collect()
}

/// Where a reader stops in `bytes`: the first NUL or invalid UTF-8 sequence, as a 1-based
/// line and character column of the text before it (a byte-order mark is not counted).
fn first_bad_byte(bytes: &[u8]) -> (u64, u64) {
    let nul = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    let valid = std::str::from_utf8(&bytes[..nul]).map_or_else(|e| e.valid_up_to(), str::len);
    let text = std::str::from_utf8(&bytes[..valid]).expect("valid prefix");
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line as u64, column as u64)
}

// ---------------------------------------------------------------------------------------
// Bytes that are not text

#[test]
fn invalid_utf8_is_t001_at_the_bad_byte() {
    let nb = witnessed(Notebook::new())
        .bytes("contacts/latin1.md", b"---\nname: Jos\xe9 Garc\xeda\n---\n");
    assert_reported(&nb, &[d("T001", "contacts/latin1.md", 2, 10)]);
}

#[test]
fn utf16_file_is_t001() {
    let utf16: Vec<u8> = "\u{feff}---\nname: Ada\n---\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let nb = witnessed(Notebook::new()).bytes("contacts/ada.md", &utf16);
    assert_reported(&nb, &[d("T001", "contacts/ada.md", 1, 1)]);
}

#[test]
fn nul_byte_is_t001_at_the_nul() {
    let nb = witnessed(Notebook::new()).bytes(
        "contacts/ada.md",
        b"---\nname: Ada\nrole: dev\x00eloper\n---\n",
    );
    assert_reported(&nb, &[d("T001", "contacts/ada.md", 3, 10)]);
    assert_eq!(
        message(&json_of(&nb, "contacts/ada.md")[0]),
        "file contains a NUL byte; is it a binary file?"
    );
}

#[test]
fn random_binary_junk_is_t001_in_records_and_notes() {
    for seed in [1, 7, 42, 2026, 0xdead_beef] {
        let bytes = junk(seed, 64 * 1024);
        let (line, column) = first_bad_byte(&bytes);
        let nb = witnessed(Notebook::new())
            .bytes("contacts/junk.md", &bytes)
            .bytes("notes/junk.md", &bytes);
        assert_reported(
            &nb,
            &[
                d("T001", "contacts/junk.md", line, column),
                d("T001", "notes/junk.md", line, column),
            ],
        );
    }
}

#[test]
fn binary_junk_after_valid_front_matter_is_t001_in_the_body() {
    let mut bytes = b"---\nname: Ada\n---\nNotes.\n".to_vec();
    bytes.extend(junk(99, 4096));
    let (line, column) = first_bad_byte(&bytes);
    assert!(line >= 4, "the junk starts on line 4");
    let nb = witnessed(Notebook::new()).bytes("contacts/ada.md", &bytes);
    assert_reported(&nb, &[d("T001", "contacts/ada.md", line, column)]);
}

#[test]
fn pdf_renamed_to_md_is_t001() {
    let mut pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec();
    pdf.extend(junk(5, 2048));
    let nb = witnessed(Notebook::new()).bytes("contacts/cv.md", &pdf);
    assert_reported(&nb, &[d("T001", "contacts/cv.md", 2, 2)]);
}

#[cfg(unix)]
#[test]
fn file_name_that_is_not_utf8_is_read_under_a_lossy_name() {
    use std::os::unix::ffi::OsStrExt;
    let nb = witnessed(Notebook::new());
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    std::fs::write(
        nb.path().join("contacts").join(name),
        "---\nname: Cafe\nrole: x\n---\n",
    )
    .expect("write file with a Latin-1 name");
    let got = nb.diagnostics();
    let odd: Vec<&Diag> = got
        .iter()
        .filter(|d| d.path.starts_with("contacts/caf"))
        .collect();
    // Still checked (T103) and its name is flagged (T107); never a crash.
    let codes: Vec<&str> = odd.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["T107", "T103"], "{got:?}");
    assert_eq!(odd[0].path, "contacts/caf\u{fffd}.md");
}

// ---------------------------------------------------------------------------------------
// Files that are empty or almost

notebook_cases! {
    start: witnessed(Notebook::new());

    empty_record_file_is_t006 {
        files: [
            ("contacts/empty.md", ""),
            // An empty free note is fine.
            ("notes/empty.md", ""),
        ],
        reported: ["T006 contacts/empty.md:1:1"],
    }

    empty_front_matter_is_t101 {
        files: [
            ("contacts/ada.md", "---\n---\n"),
            ("notes/empty-front.md", "---\n---\n"),
        ],
        reported: ["T101 contacts/ada.md:1:1"],
    }

    comment_only_front_matter_is_t101 {
        files: [("contacts/ada.md", "---\n# todo\n---\n")],
        reported: ["T101 contacts/ada.md:1:1"],
    }

    lone_fence_is_t002 {
        files: [("contacts/ada.md", "---")],
        reported: ["T002 contacts/ada.md:1:1"],
    }

    front_matter_not_on_the_first_line_is_t006 {
        files: [("contacts/ada.md", "\n---\nname: Ada\n---\n")],
        reported: ["T006 contacts/ada.md:1:1"],
    }

    front_matter_closed_with_dots_is_accepted {
        files: [("contacts/ada.md", "---\nname: Ada\n...\nBody.\n")],
        reported: [],
    }

    whitespace_only_file_is_t006 {
        files: [("contacts/ada.md", " \n\t\n\r\n")],
        reported: ["T006 contacts/ada.md:1:1"],
    }
}

// ---------------------------------------------------------------------------------------
// YAML that is hostile or broken

/// "Billion laughs": nine levels of nine aliases each.
fn alias_bomb() -> String {
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    let mut yaml = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for pair in names.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(",");
        writeln!(yaml, "{}: &{} [{refs}]", pair[1], pair[1]).expect("write to a String");
    }
    yaml
}

#[test]
fn yaml_alias_bomb_is_t003() {
    let nb = witnessed(Notebook::new()).file(
        "contacts/bomb.md",
        &format!("---\nname: Bomb\n{}---\n", alias_bomb()),
    );
    let got = json_of(&nb, "contacts/bomb.md");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0]["code"], "T003");
    assert_eq!(
        got[0]["help"],
        "front matter this large or this deeply nested is not a note; simplify it"
    );
    let out = nb.run(["check"]);
    out.assert_no_crash();
    assert_eq!(out.code, 1);
}

#[test]
fn yaml_alias_bomb_in_ties_yaml_is_t003() {
    let nb = witnessed(Notebook::new()).file("ties.yaml", &alias_bomb());
    let got = json_of(&nb, "ties.yaml");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0]["code"], "T003");
    let witnesses_seen = nb
        .diagnostics()
        .into_iter()
        .filter(|d| d.path == "contacts/witness.md")
        .count();
    assert_eq!(witnesses_seen, 2);
}

/// A front matter whose `x` is nested `depth` deep in the given shape.
fn nested(shape: &str, depth: usize) -> String {
    let x = match shape {
        "flow-seq" => format!("x: {}1{}\n", "[".repeat(depth), "]".repeat(depth)),
        "flow-map" => format!("x: {}1{}\n", "{a: ".repeat(depth), "}".repeat(depth)),
        "block-seq" => format!("x:\n  {}1\n", "- ".repeat(depth)),
        other => panic!("unknown shape {other}"),
    };
    format!("---\nname: Deep\n{x}---\n")
}

#[track_caller]
fn assert_too_deep_is_t003(shape: &str, depth: usize) {
    let nb = witnessed(Notebook::new()).file("contacts/deep.md", &nested(shape, depth));
    let out = nb.run(["check", "--format", "json"]);
    out.assert_no_crash();
    let got = json_of(&nb, "contacts/deep.md");
    assert_eq!(got.len(), 1, "{shape} {depth}: {got:?}");
    assert_eq!(got[0]["code"], "T003", "{shape} {depth}");
    assert_eq!(got[0]["line"], 3, "{shape} {depth}");
    assert_reported(&nb, &[crate::support::Diag::from_json(&got[0])]);
}

#[test]
fn yaml_sequences_nested_20000_deep_are_t003() {
    assert_too_deep_is_t003("flow-seq", 20_000);
}

#[test]
fn yaml_mappings_nested_20000_deep_are_t003() {
    assert_too_deep_is_t003("flow-map", 20_000);
}

#[test]
fn yaml_block_sequences_nested_20000_deep_are_t003() {
    assert_too_deep_is_t003("block-seq", 20_000);
}

notebook_cases! {
    start: witnessed(Notebook::new());

    yaml_mappings_nested_50_deep_do_not_crash {
        files: [("contacts/deep.md", &nested("flow-map", 50))],
        // Within the budget: a plain record with an unknown key `x`.
        reported: ["T106 contacts/deep.md:3:1"],
    }
}

#[test]
fn yaml_nested_40_deep_is_read() {
    for shape in ["flow-seq", "flow-map", "block-seq"] {
        let nb = witnessed(Notebook::new()).file("contacts/deep.md", &nested(shape, 40));
        assert_reported(&nb, &[d("T106", "contacts/deep.md", 3, 1)]);
    }
}

#[test]
fn too_many_keys_is_t003_with_a_clear_message() {
    let mut yaml = String::from("---\nname: Keys\n");
    for i in 0..200_000 {
        writeln!(yaml, "k{i}: v").expect("write to a String");
    }
    yaml.push_str("---\n");
    let nb = witnessed(Notebook::new()).file("contacts/keys.md", &yaml);
    let got = json_of(&nb, "contacts/keys.md");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0]["code"], "T003");
    assert!(message(&got[0]).contains("budget"), "{}", got[0]);
    assert_eq!(
        got[0]["help"],
        "front matter this large or this deeply nested is not a note; simplify it"
    );
}

#[test]
fn duplicate_keys_are_t003_and_the_first_value_is_used() {
    let nb = witnessed(Notebook::new()).file(
        "contacts/ada.md",
        "---\nname: Ada\nrole: developer\nrole: develper\n---\n",
    );
    // The second `role` is dropped, so its bad value is not reported as T103.
    assert_reported(&nb, &[d("T003", "contacts/ada.md", 4, 1)]);
    assert!(
        message(&json_of(&nb, "contacts/ada.md")[0]).starts_with("duplicate key `role`"),
        "{:?}",
        json_of(&nb, "contacts/ada.md")
    );
}

#[test]
fn tab_indented_key_is_t003() {
    let nb = witnessed(Notebook::new())
        .file("contacts/ada.md", "---\nname: Ada\n\tcompany: acme\n---\n");
    let got = json_of(&nb, "contacts/ada.md");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0]["code"], "T003");
    assert_eq!(
        got[0]["help"],
        "YAML is indented with spaces; replace the tab"
    );
    let out = nb.run(["check"]);
    assert_eq!(out.code, 1);
}

notebook_cases! {
    start: witnessed(Notebook::new());

    tab_indented_key_points_at_the_tab {
        files: [("contacts/ada.md", "---\nname: Ada\n\tcompany: acme\n---\n")],
        reported: ["T003 contacts/ada.md:3:1"],
    }
}

#[test]
fn tab_indented_value_is_t003() {
    let nb = witnessed(Notebook::new())
        .file("contacts/ada.md", "---\nname: Ada\ntags:\n\t- rust\n---\n");
    let got = json_of(&nb, "contacts/ada.md");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        (&got[0]["code"], &got[0]["line"]),
        (&"T003".into(), &4.into())
    );
}

#[test]
fn unterminated_quote_is_t003() {
    let nb = witnessed(Notebook::new()).file(
        "contacts/ada.md",
        "---\nname: \"Ada\nrole: developer\n---\n",
    );
    let got = json_of(&nb, "contacts/ada.md");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0]["code"], "T003");
    // Somewhere in or just after the front matter, never past the closing fence.
    let line = got[0]["line"].as_u64().unwrap();
    assert!((2..=4).contains(&line), "{}", got[0]);
}

notebook_cases! {
    start: witnessed(Notebook::new());

    unknown_alias_is_t003 {
        files: [("contacts/ada.md", "---\nname: *nobody\n---\n")],
        reported: ["T003 contacts/ada.md:2:7"],
    }
}

#[test]
fn yaml_tags_and_odd_scalars_do_not_crash() {
    let nb = witnessed(Notebook::new()).file(
        "contacts/ada.md",
        "---\nname: !!binary aGVsbG8=\ntitle: !custom x\nphone: 0123\nsource: 1e400\ntimezone: .nan\nlocation: ~\n? [complex, key]\n: value\n---\n",
    );
    let out = nb.run(["check", "--format", "json"]);
    out.assert_no_crash();
    assert!(out.code == 0 || out.code == 1);
    let got: Vec<Diag> = nb
        .diagnostics()
        .into_iter()
        .filter(|d| d.path == "contacts/witness.md")
        .collect();
    assert_eq!(got, witnesses());
}

// ---------------------------------------------------------------------------------------
// Wrong types for every field of every kind (a list of one item is its item: two items
// are a list where one value belongs)

/// Asserts that a record at `path` with one `key: value` line per field, each written
/// `CODE key: value`, reports each field's code at its value (just after `key: `), and no
/// more. Returns the notebook.
#[track_caller]
fn assert_wrong_types(path: &str, fields: &[&str]) -> Notebook {
    let mut text = String::from("---\n");
    let mut expected = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        let (code, line) = field.split_once(' ').expect("CODE key: value");
        let (key, _) = line.split_once(": ").expect("key: value");
        writeln!(text, "{line}").expect("write to a String");
        let column = key.chars().count() as u64 + 3;
        expected.push(d(code, path, i as u64 + 2, column));
    }
    text.push_str("---\n");
    let nb = witnessed(Notebook::new()).file(path, &text);
    assert_reported(&nb, &expected);
    nb
}

#[test]
fn wrong_types_for_every_contact_field() {
    assert_wrong_types(
        "contacts/ada.md",
        &[
            "T102 name: [Ada, Lovelace]",
            "T102 company: {id: acme}",
            "T102 title: [Engineer, Lead]",
            "T102 role: [developer, manager]",
            "T102 warmth: {level: warm}",
            "T102 tie: [strong, weak]",
            "T102 source: {where: meetup}",
            "T102 introduced_by: {id: bob}",
            "T102 email: [ada@example.com, ada@home.example]",
            "T102 linkedin: {url: x}",
            "T102 github: [ada, ada2]",
            "T102 slack: [ada, ada2]",
            "T102 twitter: {handle: ada}",
            "T102 phone: [1, 2]",
            "T102 website: {url: x}",
            "T102 location: [Paris, Lyon]",
            "T102 timezone: {tz: UTC}",
            "T102 tags: {a: 1}",
            "T104 reached_out: soon",
            "T102 replied: {when: today}",
            "T102 next: [2026-11-24, 2026-11-25]",
            "T105 stay_in_touch: forever",
            "T104 snooze: 12",
            "T102 status: [active, paused]",
        ],
    );
}

notebook_cases! {
    start: witnessed(Notebook::new());

    wrong_types_inside_contact_lists_and_next {
        files: [
            (
                "contacts/ada.md",
                "---\nname: Ada\nfollowed_up: [soon, 2026-11-01, {a: 1}]\nnext: someday call her\ntags: [a, [b]]\n---\n",
            ),
        ],
        reported: [
            "T104 contacts/ada.md:3:15",
            "T102 contacts/ada.md:3:33",
            "T104 contacts/ada.md:4:7",
            "T102 contacts/ada.md:5:11",
        ],
    }
}

#[test]
fn wrong_types_for_every_company_field() {
    assert_wrong_types(
        "companies/globex.md",
        &[
            "T102 name: {a: 1}",
            "T102 status: [target, watching]",
            "T102 in: [x, y]",
            "T102 location: {city: x}",
            "T102 website: [x, y]",
            "T102 stack: {lang: rust}",
            "T102 hiring: {level: senior}",
            "T102 tags: {a: 1}",
        ],
    );
}

#[test]
fn wrong_types_for_every_chat_field() {
    assert_wrong_types(
        "chats/2026-11-12-ada.md",
        &[
            "T102 with: {id: ada}",
            "T102 date: [2026-11-12, 2026-11-13]",
            "T102 kind: {a: 1}",
            "T102 medium: [zoom, phone]",
            "T105 duration: an hour",
            "T102 event: [meetup, fair]",
            "T104 thanked: yesterday",
            "T102 referrals: {id: bob}",
            "T102 status: [done, planned]",
            "T102 tags: {a: 1}",
        ],
    );
}

#[test]
fn wrong_types_for_every_event_field() {
    let path = "events/2026-11-10-meetup.md";
    let nb = assert_wrong_types(
        path,
        &[
            "T102 name: [Rust, Meetup]",
            "T104 date: tomorrow",
            "T102 kind: [meetup, online]",
            "T102 location: {city: x}",
            "T102 url: [x, y]",
            "T102 goal: three",
            "T102 met: {id: ada}",
            "T102 tags: {a: 1}",
        ],
    );
    assert_eq!(
        message(&json_of(&nb, path)[5]),
        "`goal` should be a whole number, found a string"
    );
}

notebook_cases! {
    start: witnessed(Notebook::new());

    goal_must_be_a_whole_number_of_0_or_more {
        files: [
            ("events/a.md", "---\nname: A\ndate: 2026-11-10\ngoal: -1\n---\n"),
            ("events/b.md", "---\nname: B\ndate: 2026-11-10\ngoal: 2.5\n---\n"),
            ("events/c.md", "---\nname: C\ndate: 2026-11-10\ngoal: 99999999999999999999\n---\n"),
            ("events/d.md", "---\nname: D\ndate: 2026-11-10\ngoal: 0\n---\n"),
        ],
        reported: [
            "T102 events/a.md:4:7",
            "T102 events/b.md:4:7",
            "T102 events/c.md:4:7",
        ],
    }

    wrong_types_in_ties_yaml_are_t402_and_defaults_apply {
        files: [
            (
                "ties.yaml",
                "owner: [Sam, Rivera]\nrules: [fast]\ngoals:\n  target_companies: three\n  people_per_company: 3\n  weekly: {outreach: -1, chats: 1.5, events: \"2\"}\nchecks: 5\n",
            ),
        ],
        reported: [
            "T402 ties.yaml:1:8",
            "T402 ties.yaml:2:8",
            "T402 ties.yaml:4:21",
            "T402 ties.yaml:5:23",
            "T402 ties.yaml:6:22",
            "T402 ties.yaml:6:33",
            "T402 ties.yaml:6:46",
            "T402 ties.yaml:7:9",
        ],
    }

    checks_ignore_that_is_a_mapping_is_t402 {
        files: [("ties.yaml", "checks:\n  ignore: {T106: true}\n")],
        reported: ["T402 ties.yaml:2:11"],
    }
}

// ---------------------------------------------------------------------------------------
// Big files

#[test]
fn fifty_megabyte_file_is_checked() {
    let mut text = String::from("---\nname: Big\nrole: develper\n---\n");
    let paragraph = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.\n";
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(paragraph);
    }
    text.push_str("Ask [[nobody]].\n");
    let nb = witnessed(Notebook::new()).file("contacts/big.md", &text);
    drop(text);
    // Its front matter is checked; its 50 MB body is too big to be read for links (T007).
    let out = assert_reported(
        &nb,
        &[
            d("T103", "contacts/big.md", 3, 7),
            d("T007", "contacts/big.md", 5, 1),
        ],
    );
    assert!(
        out.stdout.len() < 4096,
        "{} bytes of output",
        out.stdout.len()
    );
}

#[test]
fn megabytes_of_broken_links_complete_and_are_summarised() {
    let mut text = String::from("---\nname: Links\n---\n");
    while text.len() < 8 * 1024 * 1024 {
        text.push_str("see [[nobody]] and [x](nowhere.md)\n");
    }
    let nb = witnessed(Notebook::new()).file("contacts/links.md", &text);
    let out = nb.run(["check"]);
    out.assert_no_crash();
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.contains("contacts/witness.md:3:7: error[T103]"),
        "witness lost"
    );
    assert!(
        out.stdout.contains("contacts/witness.md:4:10: error[T201]"),
        "witness lost"
    );
    assert!(
        out.stdout.len() < 1024 * 1024,
        "{} bytes of output for one file",
        out.stdout.len()
    );
}

#[test]
fn three_megabyte_single_line_is_shown_as_a_window() {
    let mut text = String::from("---\nname: Long\n---\n");
    text.push_str(&"x".repeat(3_000_000));
    text.push_str(" [[nobody]]\n");
    let nb = witnessed(Notebook::new()).file("contacts/long.md", &text);
    let out = assert_reported(&nb, &[d("T204", "contacts/long.md", 4, 3_000_002)]);
    // The excerpt is a window around the link, not the 3 MB line.
    assert!(
        out.stdout.len() < 4096,
        "{} bytes of output",
        out.stdout.len()
    );
    out.assert_stdout_has("[[nobody]]");
}

#[test]
fn six_megabyte_value_in_front_matter_is_read() {
    let value = "y".repeat(6 * 1024 * 1024);
    let text = format!("---\nname: Big\ntitle: {value}\nrole: develper\nemail: {value}\n---\n");
    let nb = witnessed(Notebook::new()).file("contacts/big.md", &text);
    // A long value is not a problem in itself: the fields after it are still checked.
    let out = assert_reported(
        &nb,
        &[
            d("T103", "contacts/big.md", 4, 7),
            d("T108", "contacts/big.md", 5, 8),
        ],
    );
    // The excerpt of the 6 MB line is a window, whatever the message holds.
    assert!(
        !out.stdout.contains(&format!("| email: {}", &value[..1000])),
        "the whole line is printed"
    );
}

#[test]
fn six_megabyte_bad_value_gives_a_bounded_message() {
    let value = "y".repeat(6 * 1024 * 1024);
    let nb = witnessed(Notebook::new()).file(
        "contacts/big.md",
        &format!("---\nname: Big\nemail: {value}\n---\n"),
    );
    let out = assert_reported(&nb, &[d("T108", "contacts/big.md", 3, 8)]);
    assert!(
        out.stdout.len() < 8192,
        "{} bytes of output",
        out.stdout.len()
    );
}

// ---------------------------------------------------------------------------------------
// Merge conflicts

notebook_cases! {
    start: witnessed(Notebook::new());

    merge_conflict_in_front_matter_is_t005 {
        files: [
            (
                "contacts/ada.md",
                "---\nname: Ada\n<<<<<<< HEAD\nreplied: 2026-11-12\n=======\nreplied: 2026-11-13\n>>>>>>> laptop\n---\n",
            ),
        ],
        reported: ["T005 contacts/ada.md:3:1"],
    }

    merge_conflict_with_only_a_closing_marker_is_t005 {
        files: [("contacts/ada.md", "---\nname: Ada\n---\nNotes.\n>>>>>>> 1a2b3c4\n")],
        reported: ["T005 contacts/ada.md:5:1"],
    }
}

#[test]
fn seven_equals_signs_alone_are_not_a_conflict() {
    // A Markdown setext heading underline, not a marker.
    let nb =
        witnessed(Notebook::new()).file("contacts/ada.md", "---\nname: Ada\n---\nTitle\n=======\n");
    assert_reported(&nb, &[]);
}

// ---------------------------------------------------------------------------------------
// The file system

#[cfg(unix)]
#[test]
fn symlink_loop_is_t001_and_the_walk_goes_on() {
    let nb = witnessed(Notebook::new()).dir("contacts/loop");
    std::os::unix::fs::symlink("..", nb.path().join("contacts/loop/up")).expect("symlink");
    let out = assert_reported(&nb, &[d("T001", "contacts/loop/up", 1, 1)]);
    out.assert_stdout_has("symlink loop");
}

#[cfg(unix)]
#[test]
fn symlink_loop_message_is_notebook_relative() {
    let nb = witnessed(Notebook::new()).dir("contacts/loop");
    std::os::unix::fs::symlink("..", nb.path().join("contacts/loop/up")).expect("symlink");
    let out = nb.run(["check"]);
    for path in [nb.path(), nb.temp_path()] {
        assert!(
            !out.stdout.contains(&*path.to_string_lossy()),
            "output names the temp path:\n{}",
            out.stdout
        );
    }
    let loop_message = json_of(&nb, "contacts/loop/up");
    assert_eq!(
        message(&loop_message[0]),
        "cannot read file: symlink loop back to contacts"
    );
}

#[cfg(unix)]
#[test]
fn symlink_to_the_notebook_root_is_t001() {
    let nb = witnessed(Notebook::new()).dir("notes");
    std::os::unix::fs::symlink(nb.path(), nb.path().join("notes/root")).expect("symlink");
    assert_reported(&nb, &[d("T001", "notes/root", 1, 1)]);
}

#[cfg(unix)]
#[test]
fn dangling_symlink_is_t001() {
    let nb = witnessed(Notebook::new());
    std::os::unix::fs::symlink("nowhere.md", nb.path().join("contacts/gone.md")).expect("symlink");
    assert_reported(&nb, &[d("T001", "contacts/gone.md", 1, 1)]);
}

#[cfg(unix)]
#[test]
fn symlinked_file_is_read_like_any_other() {
    let nb = witnessed(Notebook::new()).file("elsewhere/bob.txt", "---\nname: Bob\nrole: x\n---\n");
    std::os::unix::fs::symlink("../elsewhere/bob.txt", nb.path().join("contacts/bob.md"))
        .expect("symlink");
    assert_reported(&nb, &[d("T103", "contacts/bob.md", 3, 7)]);
}

/// Makes `rel` unreadable; `None` if this process can read it anyway (running as root).
#[cfg(unix)]
fn make_unreadable(nb: &Notebook, rel: &str) -> Option<()> {
    use std::os::unix::fs::PermissionsExt;
    let path = nb.path().join(rel);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod 000");
    let readable = if path.is_dir() {
        std::fs::read_dir(&path).is_ok()
    } else {
        std::fs::read(&path).is_ok()
    };
    if readable {
        eprintln!("skipped: {rel} is still readable after chmod 000 (running as root?)");
        let mode = if path.is_dir() { 0o755 } else { 0o644 };
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).expect("chmod");
        return None;
    }
    Some(())
}

#[cfg(unix)]
fn restore(nb: &Notebook, rel: &str, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    // So the temp dir can be deleted.
    let _ = std::fs::set_permissions(nb.path().join(rel), std::fs::Permissions::from_mode(mode));
}

#[cfg(unix)]
#[test]
fn unreadable_directory_is_t001() {
    let nb = witnessed(Notebook::new()).file("contacts/private/bob.md", "---\nname: Bob\n---\n");
    if make_unreadable(&nb, "contacts/private").is_none() {
        return;
    }
    let result = std::panic::catch_unwind(|| {
        assert_reported(&nb, &[d("T001", "contacts/private", 1, 1)]);
    });
    restore(&nb, "contacts/private", 0o755);
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_t001() {
    let nb = witnessed(Notebook::new()).file("contacts/bob.md", "---\nname: Bob\n---\n");
    if make_unreadable(&nb, "contacts/bob.md").is_none() {
        return;
    }
    let result = std::panic::catch_unwind(|| {
        assert_reported(&nb, &[d("T001", "contacts/bob.md", 1, 1)]);
        assert_eq!(
            message(&json_of(&nb, "contacts/bob.md")[0]),
            "cannot read file: permission denied"
        );
    });
    restore(&nb, "contacts/bob.md", 0o644);
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

#[test]
fn directory_named_like_a_markdown_file_is_walked_not_read() {
    let nb =
        witnessed(Notebook::new()).file("contacts/odd.md/bob.md", "---\nname: Bob\nrole: x\n---\n");
    assert_reported(&nb, &[d("T103", "contacts/odd.md/bob.md", 3, 7)]);
}

#[test]
fn many_files_sharing_one_id_each_name_the_first() {
    let mut nb = Notebook::new();
    for i in 0..400 {
        nb = nb.file(&format!("contacts/d{i:03}/ada.md"), "---\nname: Ada\n---\n");
    }
    let found = nb.json_diagnostics();
    assert_eq!(found.len(), 399);
    assert!(
        found
            .iter()
            .all(|v| v["code"] == "T203" && message(v).ends_with("contacts/d000/ada.md")),
        "{found:?}"
    );
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_notebook_are_reported_and_not_followed() {
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("x.md"), "---\nname: X\n---\n").unwrap();
    let nb = Notebook::new().file("contacts/ada.md", "---\nname: Ada\n---\n");
    std::os::unix::fs::symlink(elsewhere.path(), nb.path().join("contacts/away")).unwrap();
    // Inside the notebook: its files are read once, at their own path.
    std::os::unix::fs::symlink(nb.path().join("contacts"), nb.path().join("people")).unwrap();
    let found = nb.json_diagnostics();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(Diag::from_json(&found[0]), d("T001", "contacts/away", 1, 1));
    assert!(
        message(&found[0]).contains("outside the notebook"),
        "{found:?}"
    );
}
