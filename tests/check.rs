//! `ties check`: one test per rule code with a minimal notebook (exact code, line, column,
//! exit status and a snapshot of the human output), then the output formats, colour,
//! notebook discovery and the files a notebook does not read.

use insta::assert_snapshot;
use serde_json::{Value, json};

use crate::support::{Diag, Notebook, Output, d, diags, message, notebook_cases, ties};

/// Checks `nb` twice (JSON and human) and asserts the exact diagnostics and exit code.
/// Returns the human run, for a snapshot.
#[track_caller]
pub(crate) fn check(nb: &Notebook, expected: &[Diag], exit: i32) -> Output {
    assert_eq!(nb.diagnostics(), expected, "diagnostics (JSON)");
    let out = nb.run(["check"]);
    out.assert_no_crash();
    assert_eq!(out.code, exit, "exit code; stdout:\n{}", out.stdout);
    assert_eq!(out.stderr, "", "stderr");
    assert_no_temp_path(nb, &out.stdout);
    out
}

/// For notebooks with warnings only: exit 0, but 1 with `--deny-warnings`.
#[track_caller]
pub(crate) fn check_warnings(nb: &Notebook, expected: &[Diag]) -> Output {
    let out = check(nb, expected, 0);
    let denied = nb.run(["check", "--deny-warnings"]);
    denied.assert_no_crash();
    assert_eq!(denied.code, 1, "--deny-warnings makes warnings fail");
    assert_eq!(
        denied.stdout, out.stdout,
        "same report with --deny-warnings"
    );
    out
}

#[track_caller]
fn assert_no_temp_path(nb: &Notebook, text: &str) {
    for path in [nb.path(), nb.temp_path()] {
        let path = path.to_string_lossy();
        assert!(
            !text.contains(&*path),
            "output names the temp path {path}:\n{text}"
        );
    }
}

/// The messages of the JSON diagnostics, in order.
pub(crate) fn messages(nb: &Notebook) -> Vec<String> {
    nb.json_diagnostics()
        .iter()
        .map(|v| message(v).to_owned())
        .collect()
}

const ADA: &str = "---\nname: Ada Lovelace\n---\n";
const ACME: &str = "---\nname: Acme\n---\n";

// ---------------------------------------------------------------------------------------
// T0xx: reading files

#[test]
fn t001_invalid_utf8_points_at_the_first_bad_byte() {
    let nb = Notebook::new().bytes("contacts/ada.md", b"---\nname: Ada \xff\xfe\n---\n");
    let out = check(&nb, &[d("T001", "contacts/ada.md", 2, 11)], 1);
    assert_eq!(messages(&nb), ["file is not valid UTF-8"]);
    assert_eq!(out.last_line(), "1 error, 0 warnings in 2 files");
    assert_snapshot!(out.stdout);
}

notebook_cases! {
    start: Notebook::new();

    t002_front_matter_never_closed {
        files: [("contacts/ada.md", "---\nname: Ada\nrole: developer\n\nNotes.\n")],
        errors: ["T002 contacts/ada.md:1:1"],
        snapshot: stdout,
    }

    t003_yaml_syntax_error_is_mapped_into_the_file {
        files: [("contacts/ada.md", "---\nname: Ada: Lovelace\n---\n")],
        errors: ["T003 contacts/ada.md:2:10"],
        snapshot: stdout,
    }
}

#[test]
fn t003_duplicate_key_points_at_the_second_key() {
    let nb = Notebook::new().file(
        "contacts/ada.md",
        "---\nname: Ada\nrole: developer\nname: Ada L.\n---\n",
    );
    check(&nb, &[d("T003", "contacts/ada.md", 4, 1)], 1);
    assert_eq!(
        nb.json_diagnostics()[0]["help"],
        "keep one value per key; the first one is used"
    );
}

#[test]
fn t003_duplicate_key_names_the_file_line_of_the_first_key() {
    let nb = Notebook::new().file(
        "contacts/ada.md",
        "---\nname: Ada\nrole: developer\nname: Ada L.\n---\n",
    );
    assert_eq!(
        messages(&nb),
        ["duplicate key `name` (first set on line 2)"]
    );
}

notebook_cases! {
    start: Notebook::new();

    t003_duplicate_key_in_ties_yaml_names_the_first_line {
        files: [("ties.yaml", "owner: Sam\nowner: Sam R.\n")],
        errors: ["T003 ties.yaml:2:1"],
        messages: ["duplicate key `owner` (first set on line 1)"],
    }

    t004_front_matter_that_is_a_list {
        files: [("contacts/ada.md", "---\n- Ada\n- Lovelace\n---\n")],
        errors: ["T004 contacts/ada.md:2:1"],
        messages: ["front matter is a list, not a mapping of keys to values"],
        snapshot: stdout,
    }

    t004_front_matter_that_is_a_single_word {
        files: [("companies/acme.md", "---\nAcme\n---\n")],
        errors: ["T004 companies/acme.md:2:1"],
        messages: ["front matter is a string, not a mapping of keys to values"],
    }

    t005_merge_conflict_marker {
        files: [
            (
                "contacts/ada.md",
                "---\nname: Ada\n<<<<<<< HEAD\nreplied: 2026-11-12\n=======\nreplied: 2026-11-13\n>>>>>>> laptop\n---\n",
            ),
        ],
        errors: ["T005 contacts/ada.md:3:1"],
        snapshot: stdout,
    }

    t005_conflict_marker_in_a_free_note_body {
        files: [
            (
                "notes/plan.md",
                "# Plan\n\n<<<<<<< HEAD\nCall Ada.\n=======\nEmail Ada.\n>>>>>>> laptop\n",
            ),
        ],
        errors: ["T005 notes/plan.md:3:1"],
    }

    t006_record_without_front_matter {
        files: [
            ("contacts/ada.md", "# Ada Lovelace\n\nMet at the meetup.\n"),
            // A free note needs no front matter.
            ("notes/plan.md", "# Plan\n"),
        ],
        errors: ["T006 contacts/ada.md:1:1"],
        messages: ["contact file has no front matter"],
        snapshot: stdout,
    }
}

// ---------------------------------------------------------------------------------------
// T1xx: one record's fields

notebook_cases! {
    start: Notebook::new();

    t101_required_key_missing {
        files: [
            ("contacts/ada.md", ADA),
            ("chats/2026-11-12-ada.md", "---\ndate: 2026-11-12\nkind: call\n---\n"),
        ],
        errors: ["T101 chats/2026-11-12-ada.md:1:1"],
        messages: ["chat is missing the required key `with`"],
        snapshot: stdout,
    }
}

#[test]
fn t101_every_kind_names_its_required_keys() {
    let nb = Notebook::new()
        .file("contacts/ada.md", "---\ntitle: Engineer\n---\n")
        .file("companies/acme.md", "---\nstatus: target\n---\n")
        .file("chats/2026-11-12-x.md", "---\nwith: ada\n---\n")
        .file("events/meetup.md", "---\nname: ''\n---\n");
    check(
        &nb,
        &[
            d("T101", "chats/2026-11-12-x.md", 1, 1),
            d("T101", "companies/acme.md", 1, 1),
            d("T101", "contacts/ada.md", 1, 1),
            d("T101", "events/meetup.md", 1, 1),
            d("T101", "events/meetup.md", 1, 1),
        ],
        1,
    );
    let mut got = messages(&nb);
    got.sort();
    assert_eq!(
        got,
        [
            "chat is missing the required key `date`",
            "company is missing the required key `name`",
            "contact is missing the required key `name`",
            "event is missing the required key `date`",
            "event is missing the required key `name`",
        ]
    );
}

notebook_cases! {
    start: Notebook::new();

    t102_wrong_type_for_a_key {
        files: [("contacts/ada.md", "---\nname: [Ada, Lovelace]\n---\n")],
        errors: ["T102 contacts/ada.md:2:7"],
        messages: ["`name` should be a single value, found a list"],
        snapshot: stdout,
    }
}

#[test]
fn t103_value_not_allowed_suggests_the_closest() {
    let nb = Notebook::new().file(
        "contacts/ada.md",
        // Enumerated values are case-insensitive: `WARM` is fine.
        "---\nname: Ada\nrole: develper\nwarmth: WARM\n---\n",
    );
    let out = check(&nb, &[d("T103", "contacts/ada.md", 3, 7)], 1);
    assert_eq!(
        messages(&nb),
        ["`develper` is not a valid `role` (did you mean `developer`?)"]
    );
    assert_eq!(
        nb.json_diagnostics()[0]["help"],
        "allowed values: developer, manager, recruiter, other"
    );
    assert_snapshot!(out.stdout);
}

notebook_cases! {
    start: Notebook::new();

    t104_invalid_dates_in_front_matter_and_task_due_dates {
        files: [
            (
                "contacts/ada.md",
                "---\nname: Ada\nreached_out: 2026-02-30\n---\n- [ ] send CV (due 2026-13-01)\n",
            ),
        ],
        errors: [
            "T104 contacts/ada.md:3:14",
            "T104 contacts/ada.md:5:20",
        ],
        messages: [
            "`reached_out`: `2026-02-30` is not a valid date",
            "`due`: `2026-13-01` is not a valid date",
        ],
        snapshot: stdout,
    }

    t104_chat_date_allows_a_time_but_not_nonsense {
        files: [
            ("contacts/ada.md", ADA),
            ("chats/a.md", "---\nwith: ada\ndate: 2026-11-12 14:30\n---\n"),
            ("chats/b.md", "---\nwith: ada\ndate: 2026-11-12T09:00\n---\n"),
            ("chats/c.md", "---\nwith: ada\ndate: next tuesday\n---\n"),
            ("chats/d.md", "---\nwith: ada\ndate: 2026-11-12 25:00\n---\n"),
        ],
        errors: [
            "T104 chats/c.md:3:7",
            "T104 chats/d.md:3:7",
        ],
        messages: [
            "`date`: `next tuesday` is not a valid date or date-time",
            "`date`: `2026-11-12 25:00` is not a valid date or date-time",
        ],
    }

    t105_invalid_duration {
        files: [("contacts/ada.md", "---\nname: Ada\nstay_in_touch: 3 months\n---\n")],
        errors: ["T105 contacts/ada.md:3:16"],
        messages: ["`stay_in_touch`: `3 months` is not a valid duration"],
        snapshot: stdout,
    }
}

#[test]
fn t106_unknown_key_is_a_warning_with_a_suggestion() {
    let nb = Notebook::new().file("companies/acme.md", ACME).file(
        "contacts/ada.md",
        "---\nname: Ada\ncompnay: acme\nhobby: chess\n---\n",
    );
    let out = check_warnings(
        &nb,
        &[
            d("T106", "contacts/ada.md", 3, 1),
            d("T106", "contacts/ada.md", 4, 1),
        ],
    );
    assert_eq!(
        messages(&nb),
        [
            "unknown key `compnay` for a contact (did you mean `company`?)",
            "unknown key `hobby` for a contact",
        ]
    );
    assert_eq!(out.last_line(), "0 errors, 2 warnings in 3 files");
    assert_snapshot!(out.stdout);
}

#[test]
fn t107_file_name_not_a_slug() {
    let nb = Notebook::new()
        .file("contacts/Ada Lovelace.md", ADA)
        // Free notes may be named anything.
        .file("notes/My Plan.md", "# Plan\n");
    let out = check_warnings(&nb, &[d("T107", "contacts/Ada Lovelace.md", 1, 1)]);
    assert_eq!(messages(&nb), ["file name `Ada Lovelace` is not a slug id"]);
    assert_eq!(
        nb.json_diagnostics()[0]["help"],
        "rename the file to `ada-lovelace.md`"
    );
    assert_snapshot!(out.stdout);
}

notebook_cases! {
    start: Notebook::new();

    t108_malformed_email_and_url {
        files: [
            (
                "contacts/ada.md",
                "---\nname: Ada\nemail: ada@example\nwebsite: example.com\nlinkedin: https://www.linkedin.com/in/ada\n---\n",
            ),
        ],
        warnings: [
            "T108 contacts/ada.md:3:8",
            "T108 contacts/ada.md:4:10",
        ],
        messages: [
            "`email`: `ada@example` is not a valid email address",
            "`website`: `example.com` is not a valid URL",
        ],
        snapshot: stdout,
    }
}

// ---------------------------------------------------------------------------------------
// T2xx: references across files

notebook_cases! {
    start: Notebook::new();

    t201_unknown_id_suggests_the_closest {
        files: [
            ("companies/acme.md", ACME),
            ("contacts/ada.md", "---\nname: Ada\ncompany: acm\n---\n"),
        ],
        errors: ["T201 contacts/ada.md:3:10"],
        messages: ["unknown company `acm` (did you mean `acme`?)"],
        snapshot: stdout,
    }

    t201_every_reference_field_is_checked {
        files: [
            ("contacts/ada.md", "---\nname: Ada\nintroduced_by: grace\n---\n"),
            (
                "chats/2026-11-12-ada.md",
                // Not `meetup`: that is the event's name, and a name resolves.
                "---\nwith: [ada, bob]\ndate: 2026-11-12\nevent: rust-night\nreferrals: [carol]\n---\n",
            ),
            (
                "events/2026-11-10-meetup.md",
                "---\nname: Meetup\ndate: 2026-11-10\nmet: [ada, dave]\n---\n",
            ),
        ],
        errors: [
            "T201 chats/2026-11-12-ada.md:2:13",
            "T201 chats/2026-11-12-ada.md:4:8",
            "T201 chats/2026-11-12-ada.md:5:13",
            "T201 contacts/ada.md:3:16",
            "T201 events/2026-11-10-meetup.md:4:12",
        ],
    }

    t202_reference_to_the_wrong_kind {
        files: [
            ("contacts/bob.md", "---\nname: Bob\n---\n"),
            ("contacts/ada.md", "---\nname: Ada\ncompany: bob\n---\n"),
        ],
        errors: ["T202 contacts/ada.md:3:10"],
        messages: ["`company` should name a company, but `bob` is a contact (contacts/bob.md)"],
        snapshot: stdout,
    }

    t203_two_files_share_one_id {
        files: [
            ("contacts/ada.md", ADA),
            ("contacts/old/ada.md", "---\nname: Ada (old)\n---\n"),
            // Free notes may share an id with a record.
            ("notes/ada.md", "# Notes on Ada\n"),
        ],
        errors: ["T203 contacts/old/ada.md:1:1"],
        // Both paths are named: the diagnostic's own and the other one.
        messages: ["id `ada` is also used by contacts/ada.md"],
        snapshot: stdout,
    }

    t204_broken_links_in_a_body {
        files: [
            ("contacts/ada.md", ADA),
            (
                "notes/plan.md",
                "# Plan\n\nAsk [[ada]], [[ada|Ada]] and [[ada#notes]] about [[adaa]].\n\
             See [Ada](../contacts/ada.md) and [Bob](../contacts/bob.md).\n\
             External: [site](https://example.com/x.md), `[[in-code]]`.\n",
            ),
        ],
        warnings: [
            "T204 notes/plan.md:3:50",
            "T204 notes/plan.md:4:35",
        ],
        messages: [
            "broken link: no record or note `adaa` (did you mean `ada`?)",
            "broken link: `../contacts/bob.md` does not exist",
        ],
        snapshot: stdout,
    }
}

// ---------------------------------------------------------------------------------------
// T3xx: dates that contradict each other

notebook_cases! {
    start: Notebook::new();

    t301_reply_and_follow_up_before_outreach {
        files: [
            (
                "contacts/ada.md",
                "---\nname: Ada\nreached_out: 2026-11-10\nfollowed_up: [2026-10-17, 2026-11-17]\nreplied: 2026-11-01\n---\n",
            ),
        ],
        warnings: [
            "T301 contacts/ada.md:4:15",
            "T301 contacts/ada.md:5:10",
        ],
        messages: [
            "`followed_up` (2026-10-17) is before `reached_out` (2026-11-10)",
            "`replied` (2026-11-01) is before `reached_out` (2026-11-10)",
        ],
        snapshot: stdout,
    }

    t302_thanked_before_the_chat_or_while_planned {
        files: [
            ("contacts/ada.md", ADA),
            (
                "chats/2026-11-12-ada.md",
                "---\nwith: ada\ndate: 2026-11-12\nthanked: 2026-11-02\n---\n",
            ),
            (
                "chats/2026-11-30-ada.md",
                "---\nwith: ada\ndate: 2026-11-30\nthanked: 2026-11-30\n---\n",
            ),
            // Thanked the same day, after the chat: fine.
            (
                "chats/2026-11-13-ada.md",
                "---\nwith: ada\ndate: 2026-11-13\nthanked: 2026-11-13\n---\n",
            ),
        ],
        warnings: [
            "T302 chats/2026-11-12-ada.md:4:10",
            "T302 chats/2026-11-30-ada.md:4:10",
        ],
        messages: [
            "`thanked` (2026-11-02) is before the chat (2026-11-12)",
            "`thanked` is set on a chat that is still planned",
        ],
        snapshot: stdout,
    }

    t304_message_without_direction {
        files: [
            ("contacts/ada.md", ADA),
            (
                "chats/2026-11-12-ada.md",
                "---\nwith: ada\ndate: 2026-11-12\nkind: message\n---\n",
            ),
            // With a direction, and a chat that is not a message: fine.
            (
                "chats/2026-11-13-ada.md",
                "---\nwith: ada\ndate: 2026-11-13\nkind: message\ndirection: sent\n---\n",
            ),
            ("chats/2026-11-14-ada.md", "---\nwith: ada\ndate: 2026-11-14\nkind: call\n---\n"),
        ],
        warnings: ["T304 chats/2026-11-12-ada.md:4:7"],
        messages: ["a message without `direction`: it counts as their reply"],
        snapshot: stdout,
    }

    t303_met_on_an_event_that_has_not_happened {
        files: [
            ("contacts/ada.md", ADA),
            (
                "events/2026-12-03-meetup.md",
                "---\nname: Meetup\ndate: 2026-12-03\nmet: [ada]\n---\n",
            ),
            // Today's and past events may list people.
            ("events/2026-11-21-fair.md", "---\nname: Fair\ndate: 2026-11-21\nmet: [ada]\n---\n"),
        ],
        warnings: ["T303 events/2026-12-03-meetup.md:4:7"],
        snapshot: stdout,
    }
}

// ---------------------------------------------------------------------------------------
// T4xx: ties.yaml

notebook_cases! {
    start: Notebook::new();

    t401_unknown_config_key {
        files: [("ties.yaml", "rules:\n  folow_up_after: 5d\n")],
        warnings: ["T401 ties.yaml:2:3"],
        messages: ["unknown key `folow_up_after` in `rules` (did you mean `follow_up_after`?)"],
        snapshot: stdout,
    }

    t402_invalid_config_value {
        files: [("ties.yaml", "rules:\n  horizon: a week\ngoals:\n  warm_contacts: many\n")],
        errors: [
            "T402 ties.yaml:2:12",
            "T402 ties.yaml:4:18",
        ],
        snapshot: stdout,
    }

    t403_unknown_code_in_checks_ignore {
        files: [
            ("ties.yaml", "checks:\n  ignore: [T106, T999]\n"),
            ("contacts/ada.md", "---\nname: Ada\nhobby: chess\n---\n"),
        ],
        // T106 is still silenced; only the unknown code is reported.
        warnings: ["T403 ties.yaml:2:18"],
        snapshot: stdout,
    }

    config_that_is_not_a_mapping_is_reported_and_defaults_apply {
        files: [
            ("ties.yaml", "- rules\n- goals\n"),
            ("contacts/ada.md", ADA),
        ],
        errors: ["T004 ties.yaml:1:1"],
    }
}

#[test]
fn config_with_a_yaml_error_is_reported_and_files_still_checked() {
    let nb = Notebook::new()
        .file("ties.yaml", "rules: [oops\n")
        .file("contacts/ada.md", "---\nname: Ada\nrole: develper\n---\n");
    let got = nb.diagnostics();
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0], d("T103", "contacts/ada.md", 3, 7));
    assert_eq!(
        (got[1].code.as_str(), got[1].path.as_str()),
        ("T003", "ties.yaml")
    );
}

// ---------------------------------------------------------------------------------------
// YAML traps: valid-looking front matter that YAML reads otherwise; each names its fix

/// The code, message and help of the only diagnostic of a one-contact notebook.
#[track_caller]
fn only_diagnostic(contact: &str) -> (String, String, String) {
    let nb = Notebook::new().file("contacts/ada.md", contact);
    let got = nb.json_diagnostics();
    assert_eq!(got.len(), 1, "{got:?}");
    let text = |k: &str| got[0][k].as_str().unwrap_or_default().to_owned();
    (text("code"), text("message"), text("help"))
}

#[test]
fn hashtag_value_that_yaml_reads_as_a_comment_says_to_quote_it() {
    let (code, message, help) = only_diagnostic("---\nname: Ada\ntags: #foo\n---\n");
    assert_eq!(code, "T003");
    assert_eq!(message, "`tags` is empty: `#foo` starts a YAML comment");
    assert_eq!(help, "quote the value to keep the `#`: `tags: \"#foo\"`");
    // A spaced comment after an empty key is a comment, as it looks.
    Notebook::new()
        .file("contacts/ada.md", "---\nname: Ada\ntags: # none yet\n---\n")
        .assert_clean();
}

#[test]
fn comma_separated_tags_say_to_write_a_list() {
    let (code, message, help) = only_diagnostic("---\nname: Ada\ntags: foo, bar\n---\n");
    assert_eq!(code, "T102");
    assert_eq!(message, "`tags` is one value, `foo, bar`, not a list");
    assert_eq!(help, "write a list: `tags: [foo, bar]`");
    Notebook::new()
        .file("contacts/ada.md", "---\nname: Ada\ntags: [foo, bar]\n---\n")
        .assert_clean();
}

#[test]
fn comma_separated_dates_say_to_write_a_list() {
    let (code, message, help) =
        only_diagnostic("---\nname: Ada\nfollowed_up: 2026-11-10, 2026-11-17\n---\n");
    assert_eq!(code, "T104");
    assert_eq!(
        message,
        "`followed_up`: `2026-11-10, 2026-11-17` is not a valid date"
    );
    assert_eq!(
        help,
        "write several dates as a list: `followed_up: [2026-11-10, 2026-11-17]`"
    );
}

#[test]
fn value_with_a_second_colon_says_to_quote_it() {
    let (code, _, help) = only_diagnostic("---\nname: Jane: The Recruiter\n---\n");
    assert_eq!(code, "T003");
    assert_eq!(
        help,
        "a value that contains `: ` must be quoted, e.g. `name: \"Jane: The Recruiter\"`"
    );
}

#[test]
fn blank_first_line_before_the_front_matter_is_named() {
    let (code, message, help) = only_diagnostic("\n---\nname: Ada\n---\n");
    assert_eq!(code, "T006");
    assert_eq!(
        message,
        "front matter must start on the first line, but the first line is blank"
    );
    assert_eq!(help, "delete the blank lines before the opening `---`");
}

#[test]
fn date_with_a_time_zone_says_zones_are_not_supported() {
    for (date, zone) in [
        ("2026-11-24T10:30:00-07:00", "-07:00"),
        ("2026-11-24 10:30 MST", "MST"),
    ] {
        let nb = Notebook::new().file("contacts/ada.md", ADA).file(
            "chats/2026-11-24-ada.md",
            &format!("---\nwith: ada\ndate: {date}\n---\n"),
        );
        let got = nb.json_diagnostics();
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0]["code"], "T104");
        assert_eq!(
            message(&got[0]),
            format!("`date`: `{date}` has a time zone (`{zone}`); time zones are not supported")
        );
        assert_eq!(
            got[0]["help"],
            "write the local time without the zone, e.g. 2026-11-24 10:30"
        );
    }
}

#[test]
fn utf16_file_is_named_as_such() {
    let utf16 = |bom: [u8; 2], big_endian: bool| {
        let mut bytes = bom.to_vec();
        for unit in "---\nname: Ada\n---\n".encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend(pair);
        }
        bytes
    };
    for (bom, big_endian, order) in [([0xFF, 0xFE], false, "little"), ([0xFE, 0xFF], true, "big")] {
        let nb = Notebook::new().bytes("contacts/ada.md", &utf16(bom, big_endian));
        check(&nb, &[d("T001", "contacts/ada.md", 1, 1)], 1);
        assert_eq!(
            messages(&nb),
            [format!("file is UTF-16 ({order}-endian), not UTF-8")]
        );
        assert_eq!(
            nb.json_diagnostics()[0]["help"],
            "save the file as UTF-8 (in the editor's \"Save as\" or \"Encoding\" menu)"
        );
    }
}

// ---------------------------------------------------------------------------------------
// A clean notebook, the summary, ignoring rules

#[test]
fn clean_notebook_exits_0_with_a_zero_summary() {
    let nb = Notebook::new()
        .file("companies/acme.md", "---\nname: Acme\nstatus: target\nstack: [rust]\n---\n")
        .file(
            "contacts/ada.md",
            "---\nname: Ada\ncompany: acme\nrole: developer\nwarmth: warm\nreached_out: 2026-11-02\nfollowed_up: 2026-11-09\nreplied: 2026-11-10\nnext: \"2026-11-24 send portfolio\"\nstay_in_touch: 60d\nemail: ada@example.com\n---\nSee [[acme]].\n",
        )
        .file(
            "chats/2026/2026-11-12-ada.md",
            "---\nwith: ada\ndate: 2026-11-12 14:00\nkind: informational-interview\nthanked: 2026-11-12\n---\n## Questions\n- What do you work on?\n",
        )
        .file(
            "events/2026-11-10-meetup.md",
            "---\nname: Rust Meetup\ndate: 2026-11-10\nkind: meetup\ngoal: 3\nmet: ada\n---\n",
        )
        .file("notes/plan.md", "# Plan\n\n- [ ] email [[ada]] (due 2026-11-25)\n");
    let out = check(&nb, &[], 0);
    assert_eq!(out.stdout, "0 errors, 0 warnings in 6 files\n");
}

#[test]
fn empty_notebook_is_one_file() {
    let out = Notebook::new().run(["check"]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "0 errors, 0 warnings in 1 file\n")
    );
}

#[test]
fn summary_counts_errors_and_warnings() {
    let nb = Notebook::new()
        .file(
            "contacts/ada.md",
            "---\nname: Ada\nrole: develper\nhobby: chess\n---\n",
        )
        .file("contacts/bob.md", "---\nname: Bob\nwarmth: hot\n---\n");
    let out = nb.run(["check"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.last_line(), "2 errors, 1 warning in 3 files");
}

#[test]
fn checks_ignore_silences_a_rule() {
    let files = |nb: Notebook| {
        nb.file("contacts/ada.md", "---\nname: Ada\nhobby: chess\n---\n")
            .file("contacts/bob.md", "---\nname: Bob\nrole: develper\n---\n")
    };
    let plain = files(Notebook::new());
    assert_eq!(
        plain.diagnostics(),
        [
            d("T106", "contacts/ada.md", 3, 1),
            d("T103", "contacts/bob.md", 3, 7)
        ]
    );
    let ignoring = files(Notebook::new().file("ties.yaml", "checks: {ignore: [T106]}\n"));
    assert_eq!(ignoring.diagnostics(), [d("T103", "contacts/bob.md", 3, 7)]);
    let out = ignoring.run(["check"]);
    assert_eq!(out.last_line(), "1 error, 0 warnings in 3 files");
    // A single code, lower case, is accepted too.
    let single = files(Notebook::new().file("ties.yaml", "checks:\n  ignore: t106\n"));
    assert_eq!(single.diagnostics(), [d("T103", "contacts/bob.md", 3, 7)]);
}

notebook_cases! {
    start: Notebook::new();

    one_bad_field_leaves_the_other_fields_checked {
        files: [
            (
                "contacts/ada.md",
                "---\nname: [Ada, L]\nrole: manager\nreached_out: 2026-02-30\ncompnay: acme\nwarmth: tepid\n---\n",
            ),
        ],
        errors: [
            "T102 contacts/ada.md:2:7",
            "T104 contacts/ada.md:4:14",
            "T106 contacts/ada.md:5:1",
            "T103 contacts/ada.md:6:9",
        ],
    }
}

#[test]
fn diagnostics_are_sorted_by_path_then_position() {
    let nb = Notebook::new()
        .file("contacts/zed.md", "---\nname: Zed\nrole: x\n---\n")
        .file("contacts/ada.md", "---\nwarmth: x\nrole: x\n---\n")
        .file("companies/acme.md", "---\nname: Acme\nstatus: x\n---\n");
    let got = nb.diagnostics();
    let mut sorted = got.clone();
    sorted.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    assert_eq!(got, sorted);
    assert_eq!(got.len(), 5, "{got:?}");
}

// ---------------------------------------------------------------------------------------
// Output formats

#[test]
fn json_output_has_exactly_the_spec_fields() {
    let nb = Notebook::new().file("companies/acme.md", ACME).file(
        "contacts/ada.md",
        "---\nname: Ada\ncompany: acm\nhobby: chess\n---\n",
    );
    let all = nb.json_diagnostics();
    assert_eq!(
        all,
        vec![
            json!({
                "path": "contacts/ada.md",
                "line": 3,
                "column": 10,
                "end_line": 3,
                "end_column": 13,
                "severity": "error",
                "code": "T201",
                "message": "unknown company `acm` (did you mean `acme`?)",
                "help": "create `companies/acm.md` or correct the id",
            }),
            json!({
                "path": "contacts/ada.md",
                "line": 4,
                "column": 1,
                "end_line": 4,
                "end_column": 6,
                "severity": "warning",
                "code": "T106",
                "message": "unknown key `hobby` for a contact",
                "help": null,
            }),
        ]
    );
    for entry in &all {
        let Value::Object(map) = entry else {
            panic!("not an object: {entry}")
        };
        let keys: Vec<&str> = map.keys().map(String::as_str).collect();
        let mut expected = [
            "path",
            "line",
            "column",
            "end_line",
            "end_column",
            "severity",
            "code",
            "message",
            "help",
        ];
        expected.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, expected);
    }
}

#[test]
fn json_output_of_a_clean_notebook_is_an_empty_array() {
    let nb = Notebook::new().file("contacts/ada.md", ADA);
    let out = nb.run(["check", "--format", "json"]);
    assert_eq!(out.code, 0);
    assert_eq!(
        serde_json::from_str::<Value>(&out.stdout).unwrap(),
        json!([])
    );
}

#[test]
fn json_end_position_spans_multi_line_values() {
    let nb = Notebook::new().file(
        "contacts/ada.md",
        "---\nname: Ada\ntags:\n  - a\n  - b\nrole:\n  - developer\n  - manager\n---\n",
    );
    let all = nb.json_diagnostics();
    assert_eq!(all.len(), 1, "{all:?}");
    let v = &all[0];
    assert_eq!(
        (
            &v["code"],
            &v["line"],
            &v["column"],
            &v["end_line"],
            &v["end_column"]
        ),
        (&json!("T102"), &json!(7), &json!(3), &json!(8), &json!(12))
    );
}

#[test]
fn github_format_is_one_workflow_command_per_problem() {
    let nb = Notebook::new().file("companies/acme.md", ACME).file(
        "contacts/ada.md",
        "---\nname: Ada\ncompany: acm\nhobby: chess\n---\n",
    );
    let out = nb.run(["check", "--format", "github"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stdout,
        "::error file=contacts/ada.md,line=3,col=10,endLine=3,endColumn=13,title=T201 unknown-reference::unknown company `acm` (did you mean `acme`?)%0Ahelp: create `companies/acm.md` or correct the id\n\
         ::warning file=contacts/ada.md,line=4,col=1,endLine=4,endColumn=6,title=T106 unknown-key::unknown key `hobby` for a contact\n\
         1 error, 1 warning in 3 files\n"
    );
}

#[test]
fn github_format_escapes_commas_and_colons_in_file_names() {
    let nb = Notebook::new().file("contacts/a,b.md", ADA);
    let out = nb.run(["check", "--format", "github"]);
    assert_eq!(out.code, 0);
    out.assert_stdout_starts("::warning file=contacts/a%2Cb.md,line=1,col=1,endLine=1,endColumn=1,title=T107 non-slug-id::");
}

#[test]
fn human_output_without_a_terminal_or_with_no_color_has_no_escapes() {
    let nb = Notebook::new().file("contacts/ada.md", "---\nname: Ada\nrole: develper\n---\n");
    // NO_COLOR=1 and a pipe (the default of every run).
    let out = nb.run(["check"]);
    assert!(!out.stdout.contains('\x1b'), "{:?}", out.stdout);
    // A pipe alone, without NO_COLOR.
    let mut cmd = ties();
    cmd.env_remove("NO_COLOR")
        .arg("--notebook")
        .arg(nb.path())
        .args(["--today", "2026-11-21", "check"]);
    let piped = crate::support::run(&mut cmd);
    assert_eq!(piped.code, 1);
    assert!(!piped.stdout.contains('\x1b'), "{:?}", piped.stdout);
    assert_eq!(piped.stdout, out.stdout);
    // --color never.
    let never = nb.run(["--color", "never", "check"]);
    assert_eq!(never.stdout, out.stdout);
}

#[test]
fn color_always_emits_ansi_escapes() {
    let nb = Notebook::new().file("contacts/ada.md", "---\nname: Ada\nrole: develper\n---\n");
    let out = nb.run(["--color", "always", "check"]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("\x1b["), "{:?}", out.stdout);
    // Same text once the escapes are stripped.
    let plain = nb.run(["check"]).stdout;
    assert_eq!(strip_ansi(&out.stdout), plain);
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // CSI: ESC [ params final-byte
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Suggestions, references, positions

#[test]
fn did_you_mean_for_ids_values_keys_links_and_config() {
    let nb = Notebook::new()
        .file("ties.yaml", "goals:\n  warm_contact: 4\n")
        .file("companies/globex.md", "---\nname: Globex\n---\n")
        .file("contacts/ada-lovelace.md", ADA)
        .file(
            "contacts/bob.md",
            "---\nname: Bob\ncompany: globx\nintroduced_by: ada-lovelac\ntie: strng\nreplyed: 2026-11-01\n---\nAsk [[ada-lovelce]].\n",
        )
        .file("chats/2026-11-12-bob.md", "---\nwith: bob\ndate: 2026-11-12\nkind: coffe-chat\n---\n");
    assert_eq!(
        messages(&nb),
        [
            "`coffe-chat` is not a valid `kind` (did you mean `coffee-chat`?)",
            "unknown company `globx` (did you mean `globex`?)",
            "unknown contact `ada-lovelac` (did you mean `ada-lovelace`?)",
            "`strng` is not a valid `tie` (did you mean `strong`?)",
            "unknown key `replyed` for a contact (did you mean `replied`?)",
            "broken link: no record or note `ada-lovelce` (did you mean `ada-lovelace`?)",
            "unknown key `warm_contact` in `goals` (did you mean `warm_contacts`?)",
        ]
    );
}

#[test]
fn no_suggestion_for_a_word_that_is_not_close() {
    let nb = Notebook::new()
        .file("companies/acme.md", ACME)
        .file("contacts/ada.md", "---\nname: Ada\ncompany: initech\n---\n");
    assert_eq!(messages(&nb), ["unknown company `initech`"]);
}

#[test]
fn obsidian_reference_form_resolves() {
    let nb = Notebook::new()
        .file("companies/acme.md", ACME)
        .file(
            "contacts/ada.md",
            "---\nname: Ada\ncompany: \"[[acme]]\"\n---\n",
        )
        .file(
            "contacts/bob.md",
            "---\nname: Bob\ncompany: \"[[acme|Acme Inc]]\"\nintroduced_by: \"[[ada]]\"\n---\n",
        )
        .file(
            "chats/2026-11-12-ada.md",
            "---\nwith: [\"[[ada]]\", \"[[bob]]\"]\ndate: 2026-11-12\n---\n",
        );
    check(&nb, &[], 0);
}

notebook_cases! {
    start: Notebook::new();

    obsidian_reference_to_an_unknown_id_names_the_id {
        files: [
            ("companies/acme.md", ACME),
            ("contacts/ada.md", "---\nname: Ada\ncompany: \"[[acmee]]\"\n---\n"),
        ],
        errors: ["T201 contacts/ada.md:3:10"],
        messages: ["unknown company `acmee` (did you mean `acme`?)"],
    }
}

#[test]
fn list_fields_accept_a_single_value() {
    let nb = Notebook::new()
        .file("contacts/ada.md", ADA)
        .file(
            "contacts/bob.md",
            "---\nname: Bob\nreached_out: 2026-11-01\nfollowed_up: 2026-11-08\n---\n",
        )
        .file(
            "chats/2026-11-12-ada.md",
            "---\nwith: ada\ndate: 2026-11-12\nreferrals: bob\n---\n",
        )
        .file(
            "events/2026-11-10-meetup.md",
            "---\nname: M\ndate: 2026-11-10\nmet: ada\ntags: rust\n---\n",
        );
    check(&nb, &[], 0);
}

#[test]
fn bom_and_crlf_give_exact_columns() {
    let nb = Notebook::new().bytes(
        "contacts/ada.md",
        "\u{feff}---\r\nname: Ada\r\nrole: develper\r\nfollowed_up: [\"😀\", 2026-02-30]\r\n---\r\nSee [[nobody]].\r\n"
            .as_bytes(),
    );
    let out = check(
        &nb,
        &[
            d("T103", "contacts/ada.md", 3, 7),
            d("T104", "contacts/ada.md", 4, 15),
            d("T104", "contacts/ada.md", 4, 20),
            d("T204", "contacts/ada.md", 6, 5),
        ],
        1,
    );
    let all = nb.json_diagnostics();
    // The end column of `develper` is just past it, on the same line (not counting `\r`).
    assert_eq!(
        (&all[0]["end_line"], &all[0]["end_column"]),
        (&json!(3), &json!(15))
    );
    assert!(!out.stdout.contains('\r'), "{:?}", out.stdout);
    assert_snapshot!(out.stdout);
}

#[test]
fn columns_count_characters_not_bytes() {
    let nb = Notebook::new().file(
        "contacts/ada.md",
        "---\nname: Zoë Ångström\ntitle: \"Ingeniøre 😀\"\ntags: [é, ü, 😀]\ntie: [é, strng]\n---\n",
    );
    check(&nb, &[d("T102", "contacts/ada.md", 5, 6)], 1);
    let nb = Notebook::new().file(
        "contacts/ada.md",
        "---\nname: Zoë\n---\nÅ 😀 é [[nobody]]\n",
    );
    check(&nb, &[d("T204", "contacts/ada.md", 4, 7)], 0);
}

// ---------------------------------------------------------------------------------------
// Finding the notebook

#[test]
fn notebook_from_the_flag() {
    let nb = Notebook::new().file("contacts/ada.md", "---\nname: Ada\nrole: develper\n---\n");
    let mut cmd = ties();
    cmd.arg("--notebook")
        .arg(nb.path())
        .args(["--today", "2026-11-21", "check"])
        .current_dir(std::env::temp_dir());
    let out = crate::support::run(&mut cmd);
    assert_eq!(out.code, 1);
    out.assert_stdout_starts("contacts/ada.md:3:7: error[T103]");
}

#[test]
fn notebook_flag_after_the_subcommand() {
    let nb = Notebook::new().file("contacts/ada.md", ADA);
    let mut cmd = ties();
    cmd.args(["check", "--today", "2026-11-21", "--notebook"])
        .arg(nb.path())
        .current_dir(std::env::temp_dir());
    let out = crate::support::run(&mut cmd);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "0 errors, 0 warnings in 2 files\n")
    );
}

#[test]
fn notebook_from_the_environment() {
    let nb = Notebook::new().file("contacts/ada.md", "---\nname: Ada\nrole: develper\n---\n");
    let mut cmd = ties();
    cmd.env("TIES_NOTEBOOK", nb.path())
        .args(["--today", "2026-11-21", "check"])
        .current_dir(std::env::temp_dir());
    let out = crate::support::run(&mut cmd);
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.assert_stdout_starts("contacts/ada.md:3:7: error[T103]");
}

#[test]
fn notebook_flag_wins_over_the_environment() {
    let good = Notebook::new().file("contacts/ada.md", ADA);
    let bad = Notebook::new().file("contacts/ada.md", "---\nrole: x\n---\n");
    let mut cmd = ties();
    cmd.env("TIES_NOTEBOOK", bad.path())
        .arg("--notebook")
        .arg(good.path())
        .args(["--today", "2026-11-21", "check"]);
    let out = crate::support::run(&mut cmd);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "0 errors, 0 warnings in 2 files\n")
    );
}

#[test]
fn notebook_found_by_walking_up_from_a_subfolder() {
    let nb = Notebook::new()
        .file("contacts/ada.md", "---\nname: Ada\nrole: develper\n---\n")
        .file(
            "chats/2026/2026-11-12-ada.md",
            "---\nwith: ada\ndate: 2026-11-12\n---\n",
        );
    for sub in ["contacts", "chats/2026"] {
        let mut cmd = ties();
        cmd.args(["--today", "2026-11-21", "check"])
            .current_dir(nb.path().join(sub));
        let out = crate::support::run(&mut cmd);
        assert_eq!(out.code, 1, "from {sub}: {}", out.stderr);
        // Paths stay relative to the notebook root, not to the current folder.
        out.assert_stdout_starts("contacts/ada.md:3:7: error[T103]");
        assert_eq!(out.last_line(), "1 error, 0 warnings in 3 files");
    }
}

#[test]
fn no_notebook_found_exits_2_and_names_ties_init() {
    let dir = Notebook::bare().dir("contacts");
    let mut cmd = ties();
    cmd.args(["--today", "2026-11-21", "check"])
        .current_dir(dir.path().join("contacts"));
    let out = crate::support::run(&mut cmd);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    out.assert_stderr_has("ties init");
}

#[test]
fn notebook_flag_on_a_folder_without_ties_yaml_exits_2() {
    let dir = Notebook::bare();
    let out = dir.run(["check"]);
    assert_eq!(out.code, 2);
    out.assert_stderr_has("ties init");
    out.assert_stderr_has("ties.yaml");
}

#[test]
fn notebook_flag_on_a_missing_folder_exits_2() {
    let dir = Notebook::bare();
    let mut cmd = ties();
    cmd.arg("--notebook")
        .arg(dir.path().join("nope"))
        .args(["--today", "2026-11-21", "check"]);
    let out = crate::support::run(&mut cmd);
    assert_eq!(out.code, 2);
    out.assert_stderr_has("does not exist");
}

#[test]
fn usage_errors_exit_2() {
    let nb = Notebook::new();
    for args in [
        &["check", "--format", "xml"][..],
        &["check", "--bogus"],
        &["--today", "2026-02-30", "check"],
        &["frobnicate"],
    ] {
        let out = nb.run(args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
}

// ---------------------------------------------------------------------------------------
// What a notebook does not read

#[test]
fn hidden_swap_backup_and_gitignored_files_are_not_read() {
    let broken = "---\nname: [unclosed\nrole: nonsense\n";
    let nb = Notebook::new()
        .file(".gitignore", "drafts/\n*.tmp.md\ncontacts/private.md\n")
        .file("contacts/ada.md", ADA)
        .file(".obsidian/x.md", broken)
        .file(".obsidian/plugins/deep/y.md", broken)
        .file("contacts/.x.md.swp", broken)
        .file("contacts/.hidden.md", broken)
        .file("contacts/ada.md~", broken)
        .file("contacts/#ada.md#", broken)
        .file("contacts/.#ada.md", broken)
        .file(".git/info/z.md", broken)
        .file("drafts/contacts/bob.md", broken)
        .file("contacts/bob.tmp.md", broken)
        .file("contacts/private.md", broken)
        .file("contacts/notes.txt", broken);
    let out = check(&nb, &[], 0);
    assert_eq!(out.stdout, "0 errors, 0 warnings in 2 files\n");
}

notebook_cases! {
    start: Notebook::new();

    // Only the root's .gitignore is honoured (spec §1).
    gitignore_below_the_root_does_not_count {
        files: [
            ("contacts/.gitignore", "bob.md\n"),
            ("contacts/bob.md", "---\nname: Bob\nrole: x\n---\n"),
        ],
        errors: ["T103 contacts/bob.md:3:7"],
    }
}

#[test]
fn markdown_extension_is_case_insensitive_and_other_files_are_skipped() {
    let nb = Notebook::new()
        .file("contacts/ada.MD", "---\nrole: x\n---\n")
        .file("contacts/bob.markdown", "---\nrole: x\n---\n")
        .file("contacts/cv.pdf", "%PDF-1.4");
    let got = nb.diagnostics();
    assert!(got.iter().all(|d| d.path == "contacts/ada.MD"), "{got:?}");
    assert!(got.iter().any(|d| d.code == "T101"), "{got:?}");
}

#[test]
fn github_format_prefixes_a_relative_notebook_path() {
    // In CI the notebook is often a folder of the repository: annotations must name the
    // file from the repository root.
    let repo = Notebook::bare()
        .file("nb/ties.yaml", "")
        .file("nb/contacts/ada.md", "---\nname: Ada\nrole: x\n---\n");
    let mut cmd = ties();
    cmd.args([
        "--notebook",
        "nb",
        "--today",
        "2026-11-21",
        "check",
        "--format",
        "github",
    ])
    .current_dir(repo.path());
    let out = crate::support::run(&mut cmd);
    assert_eq!(out.code, 1);
    out.assert_stdout_starts("::error file=nb/contacts/ada.md,line=3,col=7,endLine=3,endColumn=8,title=T103 invalid-value::");
}

// ---------------------------------------------------------------------------------------
// Field formats

notebook_cases! {
    start: Notebook::new();

    durations_are_an_integer_and_a_unit {
        files: [
            ("contacts/ada.md", "---\nname: Ada\nstay_in_touch: 2w\n---\n"),
            ("contacts/bob.md", "---\nname: Bob\nstay_in_touch: 7\n---\n"),
            ("contacts/cy.md", "---\nname: Cy\nstay_in_touch: -3d\n---\n"),
            ("chats/a.md", "---\nwith: ada\ndate: 2026-11-12\nduration: 30m\n---\n"),
            ("chats/b.md", "---\nwith: ada\ndate: 2026-11-12\nduration: 1.5h\n---\n"),
            ("chats/c.md", "---\nwith: ada\ndate: 2026-11-12\nduration: 24 h\n---\n"),
        ],
        errors: [
            "T105 chats/b.md:4:11",
            "T105 chats/c.md:4:11",
            "T105 contacts/bob.md:3:16",
            "T105 contacts/cy.md:3:16",
        ],
    }

    profiles_may_be_handles_or_full_urls {
        files: [
            (
                "contacts/ada.md",
                "---\nname: Ada\ngithub: \"@ada\"\nslack: ada.lovelace\nlinkedin: https://\ntwitter: \"@ada lovelace\"\nemail: mailto:ada@example.com\nwebsite: http://ada.example.com/about\n---\n",
            ),
        ],
        warnings: [
            "T108 contacts/ada.md:5:11",
            "T108 contacts/ada.md:6:10",
        ],
    }

    next_action_in_both_forms_is_checked {
        files: [
            ("contacts/ada.md", "---\nname: Ada\nnext: \"2026-11-24 send portfolio\"\n---\n"),
            ("contacts/bob.md", "---\nname: Bob\nnext: {date: 2026-11-24, action: call}\n---\n"),
            ("contacts/cy.md", "---\nname: Cy\nnext: \"2026-02-30 call\"\n---\n"),
            ("contacts/di.md", "---\nname: Di\nnext: {date: 2026-02-30, action: call}\n---\n"),
            ("contacts/ed.md", "---\nname: Ed\nnext: {action: call}\n---\n"),
        ],
        errors: [
            "T104 contacts/cy.md:3:7",
            "T104 contacts/di.md:3:14",
            "T101 contacts/ed.md:3:7",
        ],
    }

    t202_for_every_reference_field {
        files: [
            ("companies/acme.md", ACME),
            ("events/meetup.md", "---\nname: Meetup\ndate: 2026-11-01\n---\n"),
            ("contacts/ada.md", "---\nname: Ada\nintroduced_by: acme\n---\n"),
            (
                "chats/2026-11-12-ada.md",
                "---\nwith: [ada, acme]\ndate: 2026-11-12\nevent: ada\nreferrals: meetup\n---\n",
            ),
            (
                "events/2026-11-10-fair.md",
                "---\nname: Fair\ndate: 2026-11-10\nmet: [ada, meetup]\n---\n",
            ),
        ],
        errors: [
            "T202 chats/2026-11-12-ada.md:2:13",
            "T202 chats/2026-11-12-ada.md:4:8",
            "T202 chats/2026-11-12-ada.md:5:12",
            "T202 contacts/ada.md:3:16",
            "T202 events/2026-11-10-fair.md:4:12",
        ],
    }
}

#[test]
fn t202_message_says_an_event() {
    let nb = Notebook::new()
        .file("contacts/ada.md", ADA)
        .file(
            "events/meetup.md",
            "---\nname: Meetup\ndate: 2026-11-01\n---\n",
        )
        .file(
            "chats/2026-11-12-ada.md",
            "---\nwith: meetup\ndate: 2026-11-12\nevent: ada\n---\n",
        );
    assert_eq!(
        messages(&nb),
        [
            "`with` should name a contact, but `meetup` is an event (events/meetup.md)",
            "`event` should name an event, but `ada` is a contact (contacts/ada.md)",
        ]
    );
}

notebook_cases! {
    start: Notebook::new();

    t203_contact_and_company_with_one_id {
        files: [
            ("companies/ada.md", ACME),
            ("contacts/ada.md", ADA),
        ],
        errors: ["T203 contacts/ada.md:1:1"],
        messages: ["id `ada` is also used by companies/ada.md"],
    }

    body_links_resolve_notes_encoded_paths_and_fragments {
        files: [
            ("notes/plan.md", "# Plan\n"),
            ("notes/my note.md", "# Mine\n"),
            ("chats/2026/2026-11-12-x.md", "---\nwith: plan\ndate: 2026-11-12\n---\n"),
            (
                "contacts/ada.md",
                "---\nname: Ada\n---\n[[plan]] [[my note]] [a](../notes/my%20note.md) [b](<../notes/my note.md>) \
             [c](../notes/plan.md#goals) [d](../chats/2026/2026-11-12-x.md) [e](https://x.org/y.md) \
             [f](mailto:ada@example.com) ![img](../notes/pic.png)\n",
            ),
        ],
        // `with: plan` names a note: ids of notes are not contacts.
        errors: ["T202 chats/2026/2026-11-12-x.md:2:7"],
    }
}

#[test]
fn unclosed_quote_is_t003_with_a_help_that_names_the_quote() {
    let nb = Notebook::new().file("contacts/ada.md", "---\nname: \"Ada\ncompany: acme\n---\n");
    let diagnostics = nb.json_diagnostics();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "T003");
    assert_eq!(
        diagnostics[0]["help"],
        "a quoted value above is not closed: add the closing quote, or drop the opening one"
    );
}
