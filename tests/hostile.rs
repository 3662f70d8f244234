//! Hostile input and hostile output: files and values built to crash `ties` or to reach the
//! user's terminal, spreadsheet or calendar through it. Each test is named after what it
//! guards.

use crate::support::Notebook;

#[test]
fn a_bad_byte_after_a_carriage_return_is_a_diagnostic_not_a_crash() {
    for (name, bytes) in [
        ("nul after CR", &b"\r\0"[..]),
        ("Latin-1 with old-Mac line endings", b"caf\r\xe9"),
        ("NUL at the end of a CRLF line", b"---\r\nname: x\r\0"),
    ] {
        let nb = Notebook::new().bytes("notes/bad.md", bytes);
        let out = nb.run(["check"]);
        out.assert_no_crash();
        assert_eq!(out.code, 1, "{name}: {}", out.stderr);
        assert!(
            out.stdout.contains("notes/bad.md:"),
            "{name}: {}",
            out.stdout
        );
        assert!(out.stdout.contains("[T001]"), "{name}: {}", out.stdout);
    }
}

/// What an attacker puts in a name: a window title, a screen clear, a clipboard write
/// (OSC 52), a CSI introduced by the C1 byte, a bidi override, a bare CR and a NUL.
const EVIL: &str = "Eve \\e]0;pwned\\a\\e[2J\\e]52;c;aGk=\\a\\u009b31m\\u202etxt.md\\r\\0";

/// A notebook where every text a user can write carries [`EVIL`], in YAML's double-quoted
/// escapes so the file itself is plain text.
fn evil_notebook() -> Notebook {
    Notebook::new()
        .file(
            "companies/acme.md",
            &format!("---\nname: \"Acme {EVIL}\"\nstatus: target\nlocation: \"{EVIL}\"\n---\n"),
        )
        .file(
            "contacts/eve.md",
            &format!(
                "---\nname: \"{EVIL}\"\ncompany: acme\ntitle: \"{EVIL}\"\nrole: developer\n\
                 reached_out: 2026-11-02\nnext: \"2026-11-25 call {EVIL}\"\n\
                 tags: [\"{EVIL}\"]\nmy_own_key: \"{EVIL}\"\n---\n\n- [ ] ask about \u{1b}]0;x\u{7} due:2026-11-22\n"
            ),
        )
        .file(
            "contacts/bad.md",
            &format!("---\nname: Bad\ncompany: \"evil\\e]52;c;eA==\\a\"\nrole: \"{EVIL}\"\n---\n"),
        )
        .file(
            "chats/2026-11-10-eve.md",
            &format!("---\nwith: eve\ndate: 2026-11-10\nkind: coffee\nmedium: \"{EVIL}\"\n---\n"),
        )
        .file(
            "events/2026-11-12-meetup.md",
            &format!("---\nname: \"Meetup {EVIL}\"\ndate: 2026-11-12\nmet: [eve]\n---\n"),
        )
        .file("notes/raw.md", "# a raw \u{1b}[2J note with \u{202e} [[\u{1b}]0;x\u{7}]]\n")
}

/// No byte a terminal acts on: with colour off, no control character but the newline and
/// no bidi override; with colour on, an ESC only as the start of a colour (SGR) sequence.
#[track_caller]
fn assert_terminal_safe(what: &str, text: &str, colour: bool) {
    for (at, c) in text.char_indices() {
        if c == '\u{1b}' && colour {
            let rest = &text[at + 1..];
            let sgr = rest.strip_prefix('[').is_some_and(|r| {
                let params = r.find(|c: char| !c.is_ascii_digit() && c != ';');
                params.is_some_and(|end| r[end..].starts_with('m'))
            });
            assert!(
                sgr,
                "{what}: an ESC that is not a colour at byte {at}: {:?}",
                &text[at..]
            );
            continue;
        }
        let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        assert!(
            (!c.is_control() || c == '\n') && !bidi,
            "{what}: raw {c:?} at byte {at}: {:?}",
            &text[at.saturating_sub(40)..(at + 40).min(text.len())]
        );
    }
}

#[test]
fn no_human_output_carries_a_control_character_from_the_notebook() {
    let nb = evil_notebook();
    let mut runs: Vec<Vec<&str>> = vec![
        vec!["check"],
        vec!["check", "--format", "github"],
        vec!["explain", "T201"],
        vec!["show", "no\u{1b}]0;such\u{7}-id"],
        vec!["list", "contacts", "--company", "\u{1b}[2Jacme"],
        vec!["html"],
        vec!["html", "--redact"],
    ];
    for format in ["text", "markdown"] {
        runs.push(vec!["agenda", "--days", "30", "--format", format]);
        for kind in ["contacts", "companies", "chats", "events"] {
            runs.push(vec!["list", kind, "--format", format]);
        }
        for id in ["eve", "acme", "2026-11-10-eve", "2026-11-12-meetup"] {
            runs.push(vec!["show", id, "--format", format]);
        }
        for report in [
            "overview",
            "funnel",
            "companies",
            "activity",
            "goals",
            "events",
        ] {
            runs.push(vec!["report", report, "--format", format]);
        }
    }
    for args in &runs {
        for colour in [false, true] {
            let mut all = vec!["--color", if colour { "always" } else { "never" }];
            all.extend(args);
            let out = nb.run(all);
            out.assert_no_crash();
            let what = format!("ties {}", args.join(" "));
            assert_terminal_safe(&format!("{what} (stdout)"), &out.stdout, colour);
            assert_terminal_safe(&format!("{what} (stderr)"), &out.stderr, colour);
        }
    }
    // The value is still there, visibly.
    let out = nb.run(["list", "contacts"]);
    assert!(out.stdout.contains("Eve \\e]0;pwned"), "{}", out.stdout);
}

#[test]
fn json_output_keeps_the_notebook_text_exact() {
    let out = evil_notebook().run(["show", "eve", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        v["name"].as_str().unwrap(),
        "Eve \u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}]52;c;aGk=\u{7}\u{9b}31m\u{202e}txt.md\r\0"
    );
}

#[test]
fn a_value_longer_than_the_formatters_width_limit_does_not_crash_a_table() {
    // The formatter takes widths up to 65,535; a table pads by hand past that.
    let long = "x".repeat(70_000);
    let nb = Notebook::new()
        .file(
            "companies/acme.md",
            &format!("---\nname: {long}\nstatus: target\n---\n"),
        )
        .file(
            "contacts/ada.md",
            // YAML allows a simple key of 1,024 characters; an explicit `?` key is unlimited.
            &format!("---\nname: {long}\ncompany: acme\n? {long}\n: a key that long\n---\n\n- [ ] {long} (due 2026-11-25)\n"),
        )
        .file(
            "events/2026-11-12-meetup.md",
            &format!("---\nname: {long}\ndate: 2026-11-12\nmet: [ada]\n---\n"),
        );
    for args in [
        &["list", "contacts"][..],
        &["list", "companies"],
        &["show", "ada"],
        &["show", "acme"],
        &["report", "events"],
        &["report", "companies"],
        &["agenda", "--days", "30"],
    ] {
        let out = nb.run(args.iter().copied());
        out.assert_no_crash();
        assert!(out.code == 0 || out.code == 1, "{args:?}: {}", out.stderr);
        assert!(
            out.stdout.contains(&long),
            "{args:?} does not show the long value"
        );
    }
    // `check` quotes at most 60 characters of a value; the point is that it runs.
    let out = nb.run(["check"]);
    out.assert_no_crash();
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The key is unknown.
    out.assert_stdout_has("warning[T106]");
}

#[test]
fn a_carriage_return_in_a_name_cannot_inject_calendar_entries() {
    let inject =
        "A\\rEND:VTODO\\rBEGIN:VEVENT\\rUID:evil\\rSUMMARY:injected\\rEND:VEVENT\\rBEGIN:VTODO";
    // Goal and coverage nudges off: the count below is of the items these files make.
    let nb = Notebook::new()
        .file(
            "ties.yaml",
            "rules:\n  nudges: { goal: false, coverage: false }\n",
        )
        .file(
            "contacts/eve.md",
            &format!("---\nname: \"{inject}\"\nreached_out: 2026-11-02\n---\n"),
        )
        // A file name with a CR names the item and its UID.
        .file(
            "contacts/x\ry.md",
            "---\nname: X\nreached_out: 2026-11-02\n---\n\n- [ ] call \u{1b}[2J (due 2026-11-22)\n",
        );
    let out = nb.run(["agenda", "--format", "ics", "--days", "30"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for line in out.stdout.split("\r\n") {
        assert!(
            !line.contains(['\r', '\n']) && !line.chars().any(char::is_control),
            "a content line with a raw control character: {line:?}"
        );
    }
    let calendar: icalendar::Calendar = out.stdout.parse().expect("the output parses back");
    let uids: Vec<String> = calendar
        .iter()
        .filter_map(|c| match c {
            icalendar::CalendarComponent::Todo(t) => {
                icalendar::Component::get_uid(t).map(str::to_owned)
            }
            icalendar::CalendarComponent::Event(e) => {
                icalendar::Component::get_uid(e).map(str::to_owned)
            }
            _ => None,
        })
        .collect();
    assert!(!uids.iter().any(|u| u == "evil"), "{uids:?}");
    // eve's follow-up, x's follow-up and x's task: no event was injected.
    assert_eq!(uids.len(), 3, "{uids:?}");
    assert!(uids.iter().any(|u| u.contains("x%0Dy")), "{uids:?}");
}
