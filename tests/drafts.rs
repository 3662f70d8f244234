//! Message drafts: the templates of `templates/` as `ties check` sees them (T501–T503, and
//! never as notes or records), `ties draft` on the example notebook, channel limits counted
//! as LinkedIn counts, refusals, `ties log --template` and `ties report templates`.

use crate::check::{check, check_warnings, messages};
use crate::support::{Diag, Notebook, Output, TODAY, diags, notebook_cases, run, ties};

/// Exactly these diagnostics, none an error: `ties check` exits 0.
#[track_caller]
fn assert_reported(nb: &Notebook, expected: &[Diag]) -> Output {
    assert_eq!(nb.diagnostics(), expected);
    let out = nb.run(["check"]);
    out.assert_no_crash();
    assert_eq!(out.code, 0, "stdout:\n{}", out.stdout);
    out
}

const ADA: &str = "---\nname: Ada Lovelace\n---\n";

notebook_cases! {
    start: Notebook::new().file("contacts/ada.md", ADA);

    t501_unknown_placeholder_in_a_template {
        files: [(
            "templates/outreach.md",
            "---\nsubject: \"About {{compny}}\"\n---\nHi {{ fist_name }},\n\nsee {{first_name\n",
        )],
        errors: [
            "T501 templates/outreach.md:2:17",
            "T501 templates/outreach.md:4:4",
            "T501 templates/outreach.md:6:5",
        ],
        messages: [
            "unknown placeholder `{{compny}}` (did you mean `{{company}}`?)",
            "unknown placeholder `{{fist_name}}` (did you mean `{{first_name}}`?)",
            "`{{` opens a placeholder that is not closed by `}}` on the same line",
        ],
        snapshot: stdout,
    }

    t502_connection_note_over_the_limit_with_long_values {
        files: [(
            "templates/outreach-note.md",
            "---\nchannel: linkedin-note\n---\nHi {{first_name}}! {{how_we_met}} I'm a former chemistry teacher finishing a C# bootcamp in Denver. {{shared_interest}} Could I ask you three questions about your path to {{title}} at {{company}}? I know you're busy; 15 minutes would mean a lot.\n",
        )],
        warnings: ["T502 templates/outreach-note.md:4:101"],
        messages: [
            "with long but realistic values this linkedin-note template comes to 411 characters, 111 over its limit of 300",
        ],
        snapshot: stdout,
    }

    t503_template_header_that_drafts_nothing {
        files: [
            ("templates/outreach.md", "---\nkind: outreach\nchanel: linkedin-note\nlimit: many\n---\nHi {{first_name}}\n"),
            ("templates/follow-up.md", "---\nkind: folow-up\n---\nHi\n"),
            ("templates/meeting-notes.md", "# {{date}}\n"),
        ],
        warnings: [
            "T503 templates/follow-up.md:2:7",
            "T503 templates/meeting-notes.md:1:1",
            "T503 templates/outreach.md:3:1",
            "T503 templates/outreach.md:4:8",
        ],
        snapshot: stdout,
    }

    templates_are_neither_records_nor_notes {
        files: [
            // No front matter (T006 for a record), a wiki link to nothing (T204 in a note),
            // a file name that is not a slug (T107) and an id another file has (T203).
            ("templates/thank-you.md", "Hi {{first_name}}, [[fill: one line]] see [[nowhere]]\n"),
            ("templates/Ask Nicely.md", "---\nkind: ask\n---\nHi\n"),
            ("templates/ada.md", "---\nkind: ask\n---\nHi\n"),
        ],
        reported: [],
    }
}

#[test]
fn a_template_error_is_reported_in_every_check_format() {
    let nb = Notebook::new().file("templates/ask.md", "Hi {{nope}}\n");
    assert_eq!(
        messages(&nb),
        ["unknown placeholder `{{nope}}`"],
        "no suggestion for a word far from every name"
    );
    let out = nb.run(["check", "--format", "github"]);
    assert_eq!(out.code, 1);
    out.assert_stdout_has("file=templates/ask.md,line=1,col=4");
}

// ---------------------------------------------------------------------------------------
// `ties draft`

fn example_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-notebook")
}

/// `ties draft ARGS…` on the example notebook, as of the tests' today.
fn example(args: &[&str]) -> Output {
    let mut cmd = ties();
    cmd.arg("--notebook")
        .arg(example_dir())
        .args(["--today", TODAY, "draft"])
        .args(args);
    let out = run(&mut cmd);
    out.assert_no_crash();
    out
}

/// The whole run, for a snapshot: exit code, the message, the notes.
fn shown(out: &Output) -> String {
    format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        out.code, out.stdout, out.stderr
    )
}

#[test]
fn a_draft_of_each_kind_on_the_example_notebook() {
    for (name, args) in [
        // The notebook's own template (a connection note: Nina has no email).
        ("draft_outreach", &["outreach", "nina-alvarez"][..]),
        ("draft_outreach_email", &["outreach", "Luis Ortega"]),
        // A LinkedIn message, and who at Harbor Health Sam talked to since.
        ("draft_follow_up", &["follow-up", "derek-olsen"]),
        // Given the contact: their latest chat, its takeaways and reflection.
        ("draft_thank_you", &["thank-you", "grace-whitfield"]),
        ("draft_reconnect", &["reconnect", "tasha-greene"]),
        ("draft_congratulate", &["congratulate", "jordan-park"]),
        ("draft_ask", &["ask", "maya-chen"]),
    ] {
        let out = example(args);
        assert_eq!(out.code, 0, "{name}: {}", out.stderr);
        crate::support::snapshot(name, shown(&out));
    }
}

#[test]
fn json_for_editors() {
    let out = example(&["follow-up", "derek-olsen", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "", "nothing but the object");
    let draft: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(draft["kind"], "follow-up");
    assert_eq!(draft["id"], "derek-olsen");
    assert_eq!(draft["channel"], "linkedin-message");
    assert_eq!(draft["template"], "follow-up");
    assert_eq!(draft["template_path"], serde_json::Value::Null);
    assert_eq!(
        draft["subject"],
        serde_json::Value::Null,
        "no subject on LinkedIn"
    );
    assert_eq!(
        draft["log"],
        "ties log follow-up derek-olsen --template follow-up"
    );
    let body = draft["body"].as_str().unwrap();
    assert!(body.starts_with("Hi Derek,\n"), "{body}");
    assert!(
        body.contains("Since then, I have talked with Maya Chen at Harbor Health."),
        "what changed since the last message: {body}"
    );
    assert_eq!(
        draft["length"].as_u64(),
        Some(body.encode_utf16().count() as u64)
    );
    // The same as email: a subject line.
    let out = example(&[
        "follow-up",
        "derek-olsen",
        "--channel",
        "email",
        "--format",
        "json",
    ]);
    let draft: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(
        draft["subject"],
        "Re: A question about your work at Harbor Health"
    );
    assert_eq!(draft["to"], serde_json::Value::Null);
    assert!(
        draft["notes"][0]
            .as_str()
            .unwrap()
            .starts_with("no `email` for Derek Olsen in contacts/derek-olsen.md"),
        "{draft}"
    );
}

/// A contact whose name has letters outside ASCII and an emoji, on LinkedIn.
fn gulsen() -> Notebook {
    Notebook::new().file(
        "contacts/gulsen.md",
        "---\nname: Ğülşen🌻 Ñúñez\nlinkedin: https://www.linkedin.com/in/gulsen\n---\n",
    )
}

/// A connection note whose name has letters outside ASCII and an emoji: `Ğülşen🌻` is 7
/// code points (and 7 graphemes) but 8 UTF-16 units, as LinkedIn counts.
fn note_of(len: usize) -> Notebook {
    // "Hi " + name + "! 🚀 " + filler: 3 + 8 + 5 + filler.
    let filler = "x".repeat(len - 16);
    gulsen().file(
        "templates/outreach-note.md",
        &format!("---\nchannel: linkedin-note\n---\nHi {{{{first_name}}}}! 🚀 {filler}\n"),
    )
}

#[test]
fn a_connection_note_at_299_300_and_301_characters() {
    for (len, code) in [(299, 0), (300, 0), (301, 1)] {
        let nb = note_of(len);
        let out = nb.run(["draft", "outreach", "gulsen"]);
        out.assert_no_crash();
        assert_eq!(out.code, code, "{len}: {}", out.stderr);
        let body = out.stdout.trim_end_matches('\n');
        assert_eq!(body.encode_utf16().count(), len);
        assert_eq!(
            body.chars().count(),
            len - 2,
            "two units are surrogate halves"
        );
        let json = nb.run(["draft", "outreach", "gulsen", "--format", "json"]);
        let draft: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
        assert_eq!(draft["length"].as_u64(), Some(len as u64));
        assert_eq!(draft["limit"].as_u64(), Some(300));
        if len <= 300 {
            out.assert_stderr_has(&format!("note: {len} of 300 characters\n"));
            assert!(draft["over"].is_null());
        } else {
            out.assert_stderr_has(
                "error: 301 characters, 1 over the limit of 300 for a LinkedIn connection note: \
                 shorten `{{first_name}}` (8 characters here) or the template's own text",
            );
            assert_eq!(draft["over"]["by"].as_u64(), Some(1));
            assert_eq!(draft["over"]["shorten"]["placeholder"], "first_name");
            assert_eq!(draft["over"]["shorten"]["length"].as_u64(), Some(8));
        }
    }
}

#[test]
fn a_template_of_its_own_limit_for_a_free_account() {
    let nb = note_of(250).file(
        "templates/outreach-free.md",
        &format!(
            "---\nkind: outreach\nchannel: linkedin-note\nlimit: 200\n---\nHi {{{{first_name}}}}! {}\n",
            "x".repeat(200)
        ),
    );
    let out = nb.run(["draft", "outreach", "gulsen", "--template", "outreach-free"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.assert_stderr_has("213 characters, 13 over the limit of 200");
}

#[test]
fn a_missing_fact_is_a_visible_fill_never_a_gap() {
    let nb = Notebook::new()
        .file("ties.yaml", "owner: Sam Rivera\n")
        .file(
            "contacts/ada.md",
            "---\nname: Ada Lovelace\nemail: ada@example.com\nsource: met on a train\n---\n",
        );
    let out = nb.run(["draft", "outreach", "ada", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let draft: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    let fills: Vec<&str> = draft["fills"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        fills,
        [
            "[[fill: how you know them or found them (your note: met on a train)]]",
            "[[fill: who you are, in one sentence: write it here once, in templates/outreach.md]]",
            "[[fill: what you share with them]]",
            "[[fill: their role]]",
            "[[fill: their company]]",
        ]
    );
    let body = draft["body"].as_str().unwrap();
    for fill in fills {
        assert!(body.contains(fill), "{fill} in {body}");
    }
    assert!(body.ends_with("Thank you,\nSam Rivera"), "{body}");
    assert_eq!(
        draft["subject"],
        "A question about your work at [[fill: their company]]"
    );
    // As text: the fills are listed with their lines.
    let out = nb.run(["draft", "outreach", "ada"]);
    out.assert_stderr_has(
        "warning: 5 parts to fill by hand before sending:\n  line 3: [[fill: how you know them",
    );
}

#[test]
fn refusals() {
    for (args, message) in [
        (
            &["follow-up", "hannah-brooks"][..],
            "error: Hannah Brooks has had 2 follow-ups without an answer (rules.max_follow_ups: 2): the advice is to move on\n  help: close the loop with `ties close hannah-brooks`",
        ),
        (
            &["follow-up", "nina-alvarez"],
            "error: nothing to follow up: you have not reached out to Nina Alvarez yet\n  help: draft the first message with `ties draft outreach nina-alvarez`",
        ),
        (
            &["thank-you", "2026-11-24-priya-natarajan"],
            "error: the informational interview with Priya Natarajan on 2026-11-24 10:30 (chats/2026-11-24-priya-natarajan.md) has not happened yet: a thank-you comes after it",
        ),
        // Given the contact, the chat still to come is why.
        (&["thank-you", "priya-natarajan"], "has not happened yet"),
        (
            &["thank-you", "nina-alvarez"],
            "error: no chat with Nina Alvarez to thank them for",
        ),
        (
            &["outreach", "nina-alvarez", "--template", "outreach-nte"],
            "error: unknown template `outreach-nte` (did you mean `outreach-note`?)\n  help: the templates are: ask, congratulate, follow-up, outreach, outreach-note, reconnect, thank-you",
        ),
        (
            &["outreach", "nina-alvarez", "--template", "thank-you"],
            "error: template `thank-you` (built-in) drafts thank-you messages, not outreach",
        ),
        (&["outreach", "nobody"], "error: unknown contact `nobody`"),
    ] {
        let out = example(args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert_eq!(out.stdout, "", "{args:?}");
        out.assert_stderr_has(message);
    }
}

#[test]
fn a_follow_up_after_an_answer_is_no_follow_up_past_the_limit() {
    // Two follow-ups, then they answered: a third message is a conversation, not a nudge.
    let nb = Notebook::new().file(
        "contacts/ada.md",
        "---\nname: Ada\nemail: ada@example.com\nreached_out: 2026-10-01\nfollowed_up: [2026-10-08, 2026-10-15]\nreplied: 2026-10-16\n---\n",
    );
    let out = nb.run(["draft", "follow-up", "ada"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn a_broken_template_is_never_drafted_from() {
    let nb = Notebook::new()
        .file(
            "contacts/ada.md",
            "---\nname: Ada\nemail: ada@example.com\n---\n",
        )
        .file("templates/ask.md", "Hi {{fist_name}}\n");
    // Named: refused, with the way to find out why.
    let out = nb.run(["draft", "ask", "ada", "--template", "ask"]);
    assert_eq!(out.code, 2);
    out.assert_stderr_has("error: template `ask` (templates/ask.md) has errors");
    // Not named: the built-in of its kind serves.
    let out = nb.run(["draft", "ask", "ada"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_stdout_has("Hi Ada,");
    out.assert_stderr_has("from the built-in template ask");
}

// ---------------------------------------------------------------------------------------
// `ties log … --template`

#[test]
fn log_records_the_template_beside_the_message() {
    let nb = Notebook::new()
        .file(
            "contacts/ada.md",
            "---\nname: Ada\nreached_out: 2026-11-10\n---\nNotes.\n",
        )
        .file(
            "chats/2026-11-20-ada.md",
            "---\nwith: ada\ndate: 2026-11-20\n---\n",
        )
        .file("templates/follow-up-short.md", "Hi {{first_name}}!\n");
    let out = nb.run(["log", "follow-up", "ada", "--template", "follow-up-short"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_stdout_has(
        "recorded: follow-up on 2026-11-21 to Ada, with template follow-up-short",
    );
    assert_eq!(
        nb.read("contacts/ada.md"),
        "---\nname: Ada\nreached_out: 2026-11-10\nfollowed_up: [2026-11-21]\ntemplates: [2026-11-21 follow-up-short]\n---\nNotes.\n"
    );
    // Again: already recorded, nothing changes.
    let again = nb.run(["log", "follow-up", "ada", "--template", "follow-up-short"]);
    again.assert_stdout_has("already recorded");
    // A built-in counts too; the entry goes on the chat for a thank-you.
    let out = nb.run([
        "log",
        "thank-you",
        "ada",
        "--template",
        "thank-you",
        "--date",
        "2026-11-21",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        nb.read("chats/2026-11-20-ada.md"),
        "---\nwith: ada\ndate: 2026-11-20\nthanked: 2026-11-21\ntemplates: [2026-11-21 thank-you]\n---\n"
    );
    nb.assert_clean();
    // An unknown name is refused with the closest, and nothing is written.
    let before = nb.read("contacts/ada.md");
    let out = nb.run([
        "log",
        "follow-up",
        "ada",
        "--template",
        "folow-up-short",
        "--date",
        "2026-11-28",
    ]);
    assert_eq!(out.code, 2);
    out.assert_stderr_has(
        "error: unknown template `folow-up-short` (did you mean `follow-up-short`?)",
    );
    assert_eq!(nb.read("contacts/ada.md"), before);
    // Only messages you send take a template.
    let out = nb.run(["log", "reply", "ada", "--template", "follow-up"]);
    assert_eq!(out.code, 2);
}

#[test]
fn log_template_keeps_the_list_as_it_is_written() {
    let nb = Notebook::new()
        .file(
            "contacts/ada.md",
            "---\nname: Ada\nreached_out: 2026-11-10\ntemplates:\n  - \"2026-11-10 outreach\"\n---\n",
        )
        .file("templates/follow-up, short.md", "Hi {{first_name}}!\n");
    let out = nb.run(["log", "follow-up", "ada", "--template", "follow-up, short"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        nb.read("contacts/ada.md"),
        "---\nname: Ada\nreached_out: 2026-11-10\ntemplates:\n  - \"2026-11-10 outreach\"\n  - \"2026-11-21 follow-up, short\"\nfollowed_up: [2026-11-21]\n---\n"
    );
    nb.assert_clean();
}

notebook_cases! {
    start: Notebook::new();

    templates_entries_are_a_date_and_a_name {
        files: [(
            "contacts/ada.md",
            "---\nname: Ada\ntemplates: [2026-11-31 outreach, 2026-11-10, \"2026-11-12 follow-up\"]\n---\n",
        )],
        errors: ["T104 contacts/ada.md:3:13", "T102 contacts/ada.md:3:34"],
        messages: [
            "`templates`: `2026-11-31` is not a valid date",
            "`templates` should be \"YYYY-MM-DD template\", found a date without a template",
        ],
    }
}

// ---------------------------------------------------------------------------------------
// `ties report templates`, on a fixture whose figures are worked out by hand in its files.

fn templates_report(args: &[&str]) -> Output {
    let mut cmd = ties();
    cmd.arg("--notebook")
        .arg(crate::support::fixture("templates-report"))
        .args(["--today", TODAY, "report", "templates"])
        .args(args);
    let out = run(&mut cmd);
    out.assert_no_crash();
    assert_eq!(out.code, 0, "{}", out.stderr);
    out
}

/// `template kind sent answered unanswered waiting rate low-high` per row, from the JSON.
fn rows(report: &serde_json::Value) -> Vec<String> {
    report["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            format!(
                "{} {} {} {} {} {} {} {}-{}",
                r["template"].as_str().unwrap(),
                r["kind"].as_str().unwrap_or("-"),
                r["sent"],
                r["answered"],
                r["unanswered"],
                r["waiting"],
                r["rate"],
                r["likely"]["low"],
                r["likely"]["high"]
            )
        })
        .collect()
}

#[test]
fn the_templates_report_counts_answers_within_follow_up_after() {
    let out = templates_report(&["--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    // outreach: ann (replied in 2 days), eve (a received message in 2 days) answered; ben
    // (answered only after 11 days) and fay (19 days) not. outreach-note: cat unanswered,
    // dan still waiting. follow-up: ben, answered the next day. thank-you: ann answered by
    // a message two days after (the chat itself does not count), ben still waiting.
    // old-pitch: gus, a template no file has any more. Where each rate likely lies is the
    // 95% Wilson interval of a statistics table: 2 of 4 is 15-85, 1 of 1 is 21-100.
    assert_eq!(
        rows(&report),
        [
            "outreach outreach 4 2 2 0 50.0 15-85",
            "outreach-note outreach 2 0 1 1 0.0 0-79",
            "follow-up follow-up 1 1 0 0 100.0 21-100",
            "thank-you thank-you 2 1 0 1 100.0 21-100",
            "old-pitch - 1 1 0 0 100.0 21-100",
        ]
    );
    assert_eq!(
        report["total"],
        serde_json::json!({"sent": 10, "answered": 5, "unanswered": 3, "waiting": 2, "rate": 62.5,
            "likely": {"low": 31, "high": 86}})
    );
    // 50% of 4 against 0% of 1: the ranges overlap, too few to tell.
    assert_eq!(
        report["compared"],
        serde_json::json!([{"kind": "outreach", "templates": ["outreach", "outreach-note"], "ahead": null}])
    );
    assert_eq!(report["within"], "1w");
    // November only: fay's outreach of October is left out.
    let out = templates_report(&["--period", "2026-11", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(rows(&report)[0], "outreach outreach 3 2 1 0 66.7 21-94");
    assert_eq!(report["total"]["rate"], 71.4);
    crate::support::snapshot("report_templates", templates_report(&[]).stdout);
    let csv = templates_report(&["--format", "csv"]);
    assert_eq!(
        csv.stdout.lines().next(),
        Some("template,kind,sent,answered,no answer,waiting,rate,likely")
    );
}

#[test]
fn the_templates_report_of_a_notebook_without_any() {
    let out = Notebook::new()
        .file("contacts/ada.md", ADA)
        .run(["report", "templates"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_stdout_has("0 sent, no answer rate yet");
    out.assert_stdout_has("`ties log outreach|follow-up|thank-you ID --template NAME` records one");
}

#[test]
fn a_record_that_cannot_be_read_is_refused_not_guessed() {
    let nb = Notebook::new()
        .file("contacts/ada.md", "---\nname: [Ada\n---\n")
        .file("chats/2026-11-20-ada.md", "---\nwith: ada\ndate: [\n---\n");
    for args in [
        ["draft", "reconnect", "ada"],
        ["draft", "thank-you", "2026-11-20-ada"],
    ] {
        let out = nb.run(args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        out.assert_stderr_has("cannot draft from ");
        out.assert_stderr_has("its front matter cannot be read");
    }
}

#[test]
fn a_hostile_name_or_template_never_reaches_the_terminal() {
    let nb = Notebook::new()
        .file(
            "contacts/eve.md",
            "---\nname: \"Eve\\e]0;pwned\\a Mallory\"\nemail: eve@example.com\n---\n",
        )
        .file(
            "templates/reconnect.md",
            "---\nsubject: \"Hi \\e[2J{{first_name}}\"\n---\nHello {{name}} \u{202e}evil\u{202c}\n",
        );
    let out = nb.run(["draft", "reconnect", "eve"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for (stream, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        assert!(
            !text
                .chars()
                .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
            "{stream}: {text:?}"
        );
    }
    // JSON keeps the text exactly, escaped by JSON itself.
    let json = nb.run(["draft", "reconnect", "eve", "--format", "json"]);
    let draft: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert!(draft["body"].as_str().unwrap().contains('\u{202e}'));
}

#[test]
fn a_thank_you_for_a_chat_with_two_is_to_the_one_named() {
    let nb = Notebook::new()
        .file("contacts/ada.md", "---\nname: Ada Lovelace\n---\n")
        .file("contacts/bob.md", "---\nname: Bob Stone\n---\n")
        .file(
            "chats/2026-11-20-ada.md",
            "---\nwith: [ada, bob]\ndate: 2026-11-20\n---\n## Takeaways\n- Pair on it\n",
        );
    let out = nb.run(["draft", "thank-you", "bob"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_stdout_has("Hi Bob,");
    out.assert_stderr_has("the chat was with Ada Lovelace too: this note is to Bob Stone");
    let out = nb.run(["draft", "thank-you", "2026-11-20-ada"]);
    out.assert_stdout_has("Hi Ada,");
}

/// A connection note with a part to fill: the limit is for what stays, and the rest is the
/// room for what the user writes in its place.
fn note_with_fill(filler: usize) -> Notebook {
    gulsen().file(
        "templates/outreach-note.md",
        &format!(
            "---\nchannel: linkedin-note\n---\nHi {{{{first_name}}}}! {} at {{{{company}}}}?\n",
            "x".repeat(filler)
        ),
    )
}

#[test]
fn a_part_to_fill_is_not_counted_against_the_limit() {
    // "Hi " + 8 + "! " + filler + " at " + "?": 18 + filler besides the fill.
    let out = note_with_fill(250).run(["draft", "outreach", "gulsen", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let draft: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(draft["fills"][0]["text"], "[[fill: their company]]");
    assert_eq!(draft["length"].as_u64(), Some(268 + 23));
    assert_eq!(draft["written"].as_u64(), Some(268));
    assert_eq!(draft["room"].as_u64(), Some(32));
    assert!(draft["over"].is_null());
    let out = note_with_fill(250).run(["draft", "outreach", "gulsen"]);
    out.assert_stderr_has("note: 268 of 300 characters besides the part to fill: 32 left for it\n");
    // Over without the fill: over, and what to shorten is never the part to fill.
    let out = note_with_fill(290).run(["draft", "outreach", "gulsen"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.assert_stderr_has(
        "error: 308 characters besides the part to fill, 8 over the limit of 300 for a LinkedIn \
         connection note: shorten `{{first_name}}` (8 characters here) or the template's own text",
    );
}

#[test]
fn the_templates_report_says_a_template_is_ahead_only_when_the_counts_show_it() {
    // Outreach templates "warm" and "cold": `answered` of `sent` answered in two days.
    let notebook = |warm: (usize, usize), cold: (usize, usize)| {
        let mut nb = Notebook::new();
        for (template, (sent, answered)) in [("warm", warm), ("cold", cold)] {
            for i in 0..sent {
                let replied = if i < answered {
                    "replied: 2026-10-03\n"
                } else {
                    ""
                };
                nb = nb.file(
                    &format!("contacts/{template}-{i}.md"),
                    &format!(
                        "---\nname: {template} {i}\nreached_out: 2026-10-01\n{replied}templates: [2026-10-01 {template}]\n---\n"
                    ),
                );
            }
        }
        nb.file(
            "templates/warm.md",
            "---\nkind: outreach\n---\nHi {{first_name}}\n",
        )
        .file(
            "templates/cold.md",
            "---\nkind: outreach\n---\nHello {{first_name}}\n",
        )
    };
    // 3 of 3 against 0 of 3: 100% and 0%, and still too few to tell.
    let out = notebook((3, 3), (3, 0)).run(["report", "templates"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_stdout_has(
        "outreach: too few messages yet to tell warm and cold apart (their likely ranges overlap)",
    );
    // 12 of 12 against 0 of 12: 76-100% and 0-24%, apart.
    let out = notebook((12, 12), (12, 0)).run(["report", "templates"]);
    out.assert_stdout_has("76–100%");
    out.assert_stdout_has(
        "outreach: warm gets more answers than cold (their likely ranges are apart)",
    );
}

#[test]
fn a_late_or_second_thank_you_is_drafted_with_a_note() {
    // Today is 2026-11-21; a chat on a day is thanked by the next (rules.thank_you_within).
    let nb = Notebook::new()
        .file("contacts/ada.md", ADA)
        .file(
            "chats/2026-11-20-ada.md",
            "---\nwith: ada\ndate: 2026-11-20\n---\n",
        )
        .file(
            "chats/2026-11-17-ada.md",
            "---\nwith: ada\ndate: 2026-11-17\n---\n",
        )
        .file(
            "chats/2026-11-10-ada.md",
            "---\nwith: ada\ndate: 2026-11-10\nthanked: 2026-11-10\n---\n",
        );
    let out = nb.run(["draft", "thank-you", "2026-11-20-ada"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("due by"), "{}", out.stderr);
    let out = nb.run(["draft", "thank-you", "2026-11-17-ada"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_stderr_has(
        "note: the thank-you was due by 2026-11-18 (rules.thank_you_within: 1d): send it today; \
         a late thank-you is still better than none",
    );
    let out = nb.run(["draft", "thank-you", "2026-11-10-ada"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_stderr_has(
        "note: you thanked them on 2026-11-10 already (`thanked` in chats/2026-11-10-ada.md)",
    );
}
