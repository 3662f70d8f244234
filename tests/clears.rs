//! Issue 22: every agenda item clears with the command it shows, and `ties next`. Each of
//! the thirteen defects has a test here at its boundary, most of them on the
//! persona notebook (`tests/fixtures/persona`) in the week of 2026-12-07.

use serde_json::Value;

use crate::persona::{items, persona, run_hint, shell_words};
use crate::support::{Notebook, ties};

const MONDAY: &str = "2026-12-07 08:30";

/// `ties check` at `now` finds nothing.
#[track_caller]
fn clean(nb: &Notebook, now: &str) {
    let out = ok(nb, now, &["check"]);
    assert!(out.starts_with("0 errors, 0 warnings"), "{out}");
}

fn text(item: &Value, key: &str) -> String {
    item[key].as_str().unwrap_or_default().to_owned()
}

/// The item of `kind` about `id` at `now`.
#[track_caller]
fn item(nb: &Notebook, now: &str, kind: &str, id: &str) -> Value {
    let all = items(nb, now, &["--days", "30"]);
    all.iter()
        .find(|i| text(i, "kind") == kind && text(i, "id") == id)
        .cloned()
        .unwrap_or_else(|| {
            let have: Vec<String> = all
                .iter()
                .map(|i| format!("{} {}", text(i, "kind"), text(i, "id")))
                .collect();
            panic!("no {kind} about {id} at {now}: {have:?}")
        })
}

/// Whether any item of `kind` about `id` is on the agenda at `now` (a month ahead).
fn has(nb: &Notebook, now: &str, kind: &str, id: &str) -> bool {
    items(nb, now, &["--days", "30"])
        .iter()
        .any(|i| text(i, "kind") == kind && text(i, "id") == id)
}

/// Runs `ties --now NOW ARGS…`, which must succeed; its stdout.
#[track_caller]
fn ok(nb: &Notebook, now: &str, args: &[&str]) -> String {
    let mut all = vec!["--now", now];
    all.extend_from_slice(args);
    let out = nb.run(&all);
    assert_eq!(out.code, 0, "{args:?}: {}{}", out.stdout, out.stderr);
    out.stdout
}

/// Runs `ties --now NOW ARGS…`, which must be refused (exit 2) and write nothing; its stderr.
#[track_caller]
fn refused(nb: &Notebook, now: &str, args: &[&str]) -> String {
    let before = nb.all_bytes();
    let mut all = vec!["--now", now];
    all.extend_from_slice(args);
    let out = nb.run(&all);
    assert_eq!(out.code, 2, "{args:?}: {}{}", out.stdout, out.stderr);
    assert_eq!(nb.all_bytes(), before, "{args:?} wrote");
    out.stderr
}

// 1. The hint of a reconnect, an event follow-up and a birthday is computed, and runs.

#[test]
fn a_reconnect_or_event_follow_up_hint_is_an_outreach_first_then_a_follow_up() {
    let nb = persona();
    // Never written to: a first message.
    let jordan = item(&nb, MONDAY, "reconnect", "jordan-lee");
    assert_eq!(text(&jordan, "clear"), "ties log outreach jordan-lee");
    let sofia = item(&nb, MONDAY, "event-follow-up", "sofia-reyes");
    assert_eq!(text(&sofia, "clear"), "ties log outreach sofia-reyes");
    // Written to before the event: `log outreach` would be refused, so a follow-up.
    nb.write(
        "contacts/sofia-reyes.md",
        nb.read("contacts/sofia-reyes.md").replace(
            "warmth: cold\n",
            "warmth: cold\nreached_out: 2026-11-02\nreplied: 2026-11-03\n",
        ),
    );
    let sofia = item(&nb, MONDAY, "event-follow-up", "sofia-reyes");
    assert_eq!(text(&sofia, "clear"), "ties log follow-up sofia-reyes");
    run_hint(&nb, MONDAY, &sofia);
    assert!(!has(&nb, MONDAY, "event-follow-up", "sofia-reyes"));
    // A birthday: `ties done` with its own short key, which sets it aside for this year.
    let birthday = item(&nb, MONDAY, "birthday", "priya-shah");
    assert_eq!(
        text(&birthday, "clear"),
        format!("ties done {}", text(&birthday, "short"))
    );
    run_hint(&nb, MONDAY, &birthday);
    assert!(!has(&nb, MONDAY, "birthday", "priya-shah"));
}

// 2. A message is a point in time.

#[test]
fn a_sent_message_is_done_and_counted_on_its_day_and_never_to_prepare() {
    let nb = persona();
    let now = "2026-12-08 09:00";
    let path = ok(
        &nb,
        now,
        &[
            "new",
            "chat",
            "zoe-adams",
            "--kind",
            "message",
            "--direction",
            "sent",
        ],
    );
    assert_eq!(path, "chats/2026-12-08-zoe-adams.md\n");
    let file = nb.read("chats/2026-12-08-zoe-adams.md");
    assert!(file.contains("# Message to Zoe Adams\n"), "{file}");
    for absent in ["## Questions", "thank", "# duration:", "# prepared:"] {
        assert!(!file.contains(absent), "{absent} in a message:\n{file}");
    }
    assert!(!has(&nb, now, "prepare", "zoe-adams"));
    let shown = ok(&nb, now, &["show", "2026-12-08-zoe-adams"]);
    assert!(shown.contains("(done)"), "{shown}");
    // Counted as this week's outreach today, not tomorrow.
    let goals = ok(&nb, now, &["report", "goals", "--format", "json"]);
    let goals: Value = serde_json::from_str(&goals).unwrap();
    let outreach = goals["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["goal"] == "outreach")
        .unwrap()
        .clone();
    let before = outreach["count"].as_u64().unwrap();
    // `ties log message` is the one command for it, dated now, on the next free id.
    let out = ok(&nb, now, &["log", "message", "zoe-adams", "--sent"]);
    assert_eq!(
        out,
        "chats/2026-12-08-zoe-adams-2.md\nrecorded: message sent to Zoe Adams on 2026-12-08 09:00\n"
    );
    let second = nb.read("chats/2026-12-08-zoe-adams-2.md");
    assert!(
        second.contains("date: 2026-12-08 09:00\nkind: message\ndirection: sent\n"),
        "{second}"
    );
    assert_eq!(
        before, 1,
        "the first message is today's outreach: {outreach}"
    );
    // A received one is a reply to answer.
    ok(
        &nb,
        "2026-12-08 18:00",
        &["log", "message", "zoe-adams", "--received"],
    );
    let reply = item(&nb, "2026-12-08 18:05", "reply", "zoe-adams");
    assert_eq!(text(&reply, "clear"), "ties log message zoe-adams --sent");
    refused(&nb, now, &["log", "message", "zoe-adams"]);
    clean(&nb, "2026-12-08 18:05");
}

// 3. Durations say what they mean.

#[test]
fn durations_mean_months_with_mo_and_refuse_a_bare_m_and_the_past() {
    let nb = persona();
    let stderr = refused(&nb, MONDAY, &["snooze", "zoe-adams", "3m"]);
    assert!(stderr.contains("minutes or months? write 3mo"), "{stderr}");
    let stderr = refused(&nb, MONDAY, &["snooze", "zoe-adams", "2026-12-01"]);
    assert!(
        stderr.contains("2026-12-01 is not after 2026-12-07"),
        "{stderr}"
    );
    refused(&nb, MONDAY, &["snooze", "zoe-adams", "2026-12-07"]);
    ok(&nb, MONDAY, &["snooze", "zoe-adams", "3mo"]);
    assert!(
        nb.read("contacts/zoe-adams.md")
            .contains("snooze: 2027-03-07\n")
    );
    ok(&nb, MONDAY, &["snooze", "zoe-adams", "1y"]);
    assert!(
        nb.read("contacts/zoe-adams.md")
            .contains("snooze: 2027-12-07\n")
    );
    // In a file, a bare `m` is refused too (T105), except for a chat's length.
    nb.write(
        "contacts/zoe-adams.md",
        "---\nname: Zoe Adams\nstay_in_touch: 3m\n---\n",
    );
    let out = nb.run(["--now", MONDAY, "check"]);
    assert!(out.stdout.contains("error[T105]"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("write 3mo for months or 3min for minutes"),
        "{}",
        out.stdout
    );
}

// 4. A prepare item clears: `ties done` marks the chat prepared.

#[test]
fn a_prepare_item_at_its_question_target_is_a_reminder_and_done_marks_the_chat_prepared() {
    let nb = persona();
    let nina = item(&nb, MONDAY, "prepare", "nina-alvarez");
    assert!(
        text(&nina, "title")
            .starts_with("Ready for the informational interview with Nina Alvarez: 5/5 questions"),
        "{nina}"
    );
    let derek = item(&nb, MONDAY, "prepare", "derek-olsen");
    assert!(
        text(&derek, "title").contains("3/5 questions ready, write 2 more"),
        "{derek}"
    );
    let short = text(&nina, "short");
    let out = ok(&nb, MONDAY, &["done", &short]);
    assert!(out.contains("recorded: prepared on 2026-12-07"), "{out}");
    assert!(
        nb.read("chats/2026-12-09-nina-alvarez.md")
            .contains("prepared: 2026-12-07\n")
    );
    assert!(!has(&nb, MONDAY, "prepare", "nina-alvarez"));
    clean(&nb, MONDAY);
    // Done again, the next day: the key is still known, the file already says it.
    let before = nb.all_bytes();
    let out = ok(&nb, "2026-12-08 09:00", &["done", &short]);
    assert!(
        out.contains("already recorded: prepared on 2026-12-07"),
        "{out}"
    );
    assert_eq!(nb.all_bytes(), before, "done twice wrote");
    let why = ok(&nb, "2026-12-08 09:00", &["agenda", "--explain", &short]);
    assert!(
        why.contains("the chat is marked `prepared: 2026-12-07`: done"),
        "{why}"
    );
}

// 5. An event's item goes when `met` reaches its goal.

#[test]
fn an_event_leaves_the_agenda_when_met_reaches_its_goal() {
    let nb = persona();
    let now = "2026-12-09 20:30";
    let event = "2026-12-09-denver-dotnet-user-group";
    ok(
        &nb,
        now,
        &[
            "log",
            "met",
            "Denver .NET User Group",
            "lucas-meyer",
            "Aisha Khan",
        ],
    );
    let left = item(&nb, now, "event", event);
    assert_eq!(
        text(&left, "title"),
        "Go to Denver .NET User Group (goal: meet 3 people, 2 so far)"
    );
    ok(
        &nb,
        now,
        &["log", "met", "Denver .NET User Group", "marcus-bell"],
    );
    assert!(!has(&nb, now, "event", event));
    // An event with a goal of one says "1 person".
    let hack = item(
        &nb,
        MONDAY,
        "event",
        "2026-12-12-code-for-denver-hack-night",
    );
    assert!(
        text(&hack, "title").ends_with("(goal: meet 2 people)"),
        "{hack}"
    );
}

// 6. A thank-you follows the chat.

#[test]
fn a_thank_you_for_a_chat_not_yet_held_is_refused() {
    let nb = persona();
    let stderr = refused(&nb, MONDAY, &["log", "thank-you", "2026-12-08-derek-olsen"]);
    assert!(
        stderr.contains(
            "`2026-12-08-derek-olsen` is planned (2026-12-08 12:00): a thank-you follows the chat"
        ),
        "{stderr}"
    );
    // Over at 12:30 (30 minutes): from then on it is thanked.
    refused(
        &nb,
        "2026-12-08 12:29",
        &["log", "thank-you", "2026-12-08-derek-olsen"],
    );
    ok(
        &nb,
        "2026-12-08 12:30",
        &["log", "thank-you", "2026-12-08-derek-olsen"],
    );
    clean(&nb, "2026-12-08 12:30");
}

// 7. Nudges know the calendar.

#[test]
fn a_booked_chat_answers_the_follow_up_and_a_chat_today_the_chats_goal() {
    let nb = persona();
    // Lucas booked a call for 2026-12-11: no "no reply" nudge.
    assert!(!has(&nb, MONDAY, "follow-up", "lucas-meyer"));
    nb.write(
        "chats/2026-12-11-lucas-meyer.md",
        nb.read("chats/2026-12-11-lucas-meyer.md")
            .replace("duration: 30m\n", "duration: 30m\nstatus: cancelled\n"),
    );
    assert!(has(&nb, MONDAY, "follow-up", "lucas-meyer"));

    // Tuesday 08:30, one chat a week: behind pace, unless one is planned for this week.
    let config = "rules:\n  grace: 0d\n  nudges: { coverage: false }\ngoals:\n  weekly: { outreach: 0, chats: 1, events: 0 }\n";
    let nb = Notebook::new().file("ties.yaml", config).file(
        "contacts/ada.md",
        "---\nname: Ada\nreached_out: 2026-11-01\nreplied: 2026-11-02\n---\n",
    );
    let tuesday = "2026-12-08 08:30";
    assert!(has(&nb, tuesday, "goal", "chats"));
    nb.write(
        "chats/2026-12-08-ada.md",
        "---\nwith: ada\ndate: 2026-12-08 16:00\n---\n",
    );
    assert!(!has(&nb, tuesday, "goal", "chats"));
    // Cancelled, it no longer counts.
    nb.write(
        "chats/2026-12-08-ada.md",
        "---\nwith: ada\ndate: 2026-12-08 16:00\nstatus: cancelled\n---\n",
    );
    assert!(has(&nb, tuesday, "goal", "chats"));
}

// 8. Dormant ties are revived, a few a week, the most useful first.

#[test]
fn dormant_ties_are_offered_two_a_week_target_companies_first() {
    let nb = persona();
    let revived = |now: &str| -> Vec<String> {
        items(&nb, now, &["--kind", "reconnect"])
            .iter()
            .filter(|i| text(i, "title").starts_with("Revive a dormant tie"))
            .map(|i| text(i, "id"))
            .collect()
    };
    // Tasha is at a target company; Ben is warm and the longest out of touch; Omar waits.
    assert_eq!(revived(MONDAY), ["ben-kowalski", "tasha-greene"]);
    let tasha = item(&nb, MONDAY, "reconnect", "tasha-greene");
    assert!(
        text(&tasha, "key").ends_with("-2026w50"),
        "named by its week: {tasha}"
    );
    assert_eq!(text(&tasha, "clear"), "ties log outreach tasha-greene");
    // Revived: gone, and the week's second slot is not refilled by Omar.
    run_hint(&nb, "2026-12-09 10:00", &tasha);
    assert_eq!(revived("2026-12-09 10:00"), ["ben-kowalski"]);
    // Next week, the next ones.
    assert_eq!(revived("2026-12-14 08:30"), ["ben-kowalski", "omar-haddad"]);
    nb.write("ties.yaml", "rules:\n  revive_per_week: 0\n");
    assert!(revived(MONDAY).is_empty());
}

// 9. A recorded key takes the place of the template's commented line.

#[test]
fn log_outreach_on_a_new_contact_replaces_the_templates_commented_line() {
    let nb = Notebook::new();
    ok(&nb, MONDAY, &["new", "contact", "Jane Doe"]);
    assert!(
        nb.read("contacts/jane-doe.md")
            .contains("# reached_out: YYYY-MM-DD")
    );
    ok(&nb, MONDAY, &["log", "outreach", "jane-doe"]);
    ok(&nb, "2026-12-14 08:30", &["log", "follow-up", "jane-doe"]);
    let file = nb.read("contacts/jane-doe.md");
    assert_eq!(file.matches("reached_out").count(), 1, "{file}");
    assert_eq!(file.matches("followed_up").count(), 1, "{file}");
    assert!(file.contains("\nreached_out: 2026-12-07\n"), "{file}");
    assert!(file.contains("\nfollowed_up: [2026-12-14]\n"), "{file}");
    clean(&nb, "2026-12-14 08:30");
}

// 10. Any item can be set aside or snoozed, by a key stable all its period.

#[test]
fn nudges_keep_their_key_all_week_and_are_set_aside_one_at_a_time() {
    let nb = persona();
    let key = |now: &str| text(&item(&nb, now, "coverage", "summit-payments"), "key");
    assert_eq!(key(MONDAY), "coverage-summit-payments-2026w50");
    assert_eq!(key("2026-12-10 17:00"), key(MONDAY));
    assert_eq!(key("2026-12-14 08:30"), "coverage-summit-payments-2026w51");
    // Snoozed by its short key: that item only, in dismissed.txt, one line.
    let summit = item(&nb, MONDAY, "coverage", "summit-payments");
    ok(&nb, MONDAY, &["snooze", &text(&summit, "short"), "2w"]);
    assert!(!has(&nb, MONDAY, "coverage", "summit-payments"));
    assert!(has(&nb, MONDAY, "coverage", "trailhead-logistics"));
    let dismissed = nb.read("dismissed.txt");
    let lines: Vec<&str> = dismissed.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        lines,
        ["coverage-summit-payments-2026w50 until 2026-12-21  # Summit Payments: no recruiter yet"]
    );
    // `ties done` on the other: set aside for the week only.
    let trailhead = item(&nb, MONDAY, "coverage", "trailhead-logistics");
    ok(&nb, MONDAY, &["done", &text(&trailhead, "key")]);
    assert!(!has(
        &nb,
        "2026-12-13 18:00",
        "coverage",
        "trailhead-logistics"
    ));
    assert!(has(
        &nb,
        "2026-12-14 08:30",
        "coverage",
        "trailhead-logistics"
    ));
    // Done again: already recorded, nothing changes.
    let out = ok(&nb, MONDAY, &["done", &text(&trailhead, "short")]);
    assert!(out.contains("already recorded"), "{out}");
    assert_eq!(
        nb.read("dismissed.txt").lines().count(),
        dismissed.lines().count() + 1
    );
    // A line ties cannot read is a warning, not a silent no-op.
    nb.write("dismissed.txt", format!("{dismissed}nonsense\n"));
    let out = nb.run(["--now", MONDAY, "check"]);
    assert!(
        out.stdout.contains("dismissed.txt:4:1: warning[T305]"),
        "{}",
        out.stdout
    );
    // One that cannot be read at all (a folder by that name) is an error, not a silent
    // empty list; the agenda still prints.
    std::fs::remove_file(nb.path().join("dismissed.txt")).unwrap();
    std::fs::create_dir(nb.path().join("dismissed.txt")).unwrap();
    let out = nb.run(["--now", MONDAY, "check"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("dismissed.txt:1:1: error[T001]: cannot read file"),
        "{}",
        out.stdout
    );
    ok(&nb, MONDAY, &["agenda"]);
}

// 11. Keys you can type, in an agenda of 80 columns.

#[test]
fn the_text_agenda_shows_short_keys_and_fits_80_columns_without_breaking_a_command() {
    let nb = persona();
    for now in [MONDAY, "2026-12-09 19:00", "2026-12-11 12:00"] {
        let shown = ok(&nb, now, &["agenda"]);
        for line in shown.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= 80,
                "wider than 80 at {now}: {line:?}"
            );
        }
        for item in items(&nb, now, &[]) {
            let short = text(&item, "short");
            assert_eq!(short.len(), 4);
            assert!(shown.contains(&format!("  {short}  ")), "{short} at {now}");
            let hint = format!("→ {}", text(&item, "clear"));
            assert!(
                shown.lines().any(|l| l.contains(&hint)),
                "`{hint}` broken at {now}:\n{shown}"
            );
        }
    }
    // Two letters are not enough, a wrong key names the closest.
    let stderr = refused(&nb, MONDAY, &["done", "bk"]);
    assert!(
        stderr.contains("no agenda item has the key `bk`"),
        "{stderr}"
    );
}

#[test]
fn completion_offers_the_short_keys_of_todays_agenda() {
    let nb = persona();
    let ask = |words: &[&str]| {
        let mut cmd = ties();
        cmd.current_dir(nb.path())
            .env("COMPLETE", "bash")
            .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
            .arg("--")
            .args(words);
        crate::support::run(&mut cmd)
    };
    // Completion runs on the real clock; the agenda of the real today is what it offers.
    let mut cmd = ties();
    cmd.current_dir(nb.path())
        .args(["agenda", "--format", "json"]);
    let out = crate::support::run(&mut cmd);
    let today: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let mut shorts: Vec<String> = today.iter().map(|i| text(i, "short")).collect();
    shorts.sort();
    for words in [
        &["ties", "done", ""][..],
        &["ties", "agenda", "--explain", ""],
    ] {
        let out = ask(words);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let mut offered: Vec<&str> = out.stdout.lines().collect();
        offered.sort_unstable();
        for short in &shorts {
            assert!(
                offered.contains(&short.as_str()),
                "{short} not offered: {offered:?}"
            );
        }
    }
    // `snooze` offers contacts and keys.
    let out = ask(&["ties", "snooze", ""]);
    assert!(
        out.stdout.lines().any(|l| l == "zoe-adams"),
        "{}",
        out.stdout
    );
}

// 12. No nagging on day one; replies and introductions get items.

#[test]
fn a_new_notebook_is_not_nudged_in_its_first_week() {
    let nb = Notebook::bare();
    let out = ties()
        .current_dir(nb.path())
        .args(["--now", "2026-12-10 09:00", "init", "--no-git"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    ok(
        &nb,
        "2026-12-10 09:00",
        &["new", "company", "Acme", "--status", "target"],
    );
    ok(
        &nb,
        "2026-12-10 09:00",
        &["new", "contact", "Jane Doe", "--company", "acme"],
    );
    // Thursday of the first week, nothing recorded yet: no goal or coverage nudge.
    let day_one = items(&nb, "2026-12-10 09:00", &[]);
    assert!(day_one.is_empty(), "{day_one:?}");
    // A first outreach starts the notebook's clock: a week later the nudges come.
    ok(&nb, "2026-12-10 09:00", &["log", "outreach", "jane-doe"]);
    assert!(!has(&nb, "2026-12-16 09:00", "goal", "outreach"));
    assert!(!has(&nb, "2026-12-16 09:00", "coverage", "acme"));
    assert!(has(&nb, "2026-12-17 09:00", "goal", "outreach"));
    assert!(has(&nb, "2026-12-17 09:00", "coverage", "acme"));
}

#[test]
fn a_reply_and_an_introduction_each_get_an_item_cleared_by_writing_to_them() {
    let nb = persona();
    let ana = item(&nb, MONDAY, "reply", "ana-ruiz");
    assert_eq!(
        text(&ana, "title"),
        "Ana Ruiz replied on 2026-12-04: answer them (book the chat, or thank them)"
    );
    assert_eq!(text(&ana, "group"), "overdue");
    let grace = item(&nb, MONDAY, "referral", "grace-whitfield");
    assert_eq!(
        text(&grace, "title"),
        "Thank Grace Whitfield for introducing you to Nina Alvarez, and tell them how it went"
    );
    for hint in [&ana, &grace] {
        run_hint(&nb, MONDAY, hint);
    }
    assert!(!has(&nb, MONDAY, "reply", "ana-ruiz"));
    assert!(!has(&nb, MONDAY, "referral", "grace-whitfield"));
    // A chat booked with them answers a reply too; a week past due the moment is gone.
    let nb = persona();
    nb.write(
        "chats/2026-12-15-ana-ruiz.md",
        "---\nwith: ana-ruiz\ndate: 2026-12-15 10:00\n---\n",
    );
    assert!(!has(&nb, MONDAY, "reply", "ana-ruiz"));
    let nb = persona();
    assert!(has(&nb, "2026-12-11 09:00", "reply", "ana-ruiz"));
    assert!(!has(&nb, "2026-12-12 09:00", "reply", "ana-ruiz"));
}

// 13. Names, dates, the thank-you's due time, the manual page, plurals and help lines.

#[test]
fn a_contact_is_found_by_a_unique_first_name_and_several_are_listed() {
    let nb = persona();
    let out = ok(
        &nb,
        MONDAY,
        &["agenda", "--contact", "Nina", "--format", "json"],
    );
    let found: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert!(found.iter().all(|i| text(i, "id") == "nina-alvarez") && !found.is_empty());
    nb.write("contacts/nina-park.md", "---\nname: Nina Park\n---\n");
    let stderr = refused(&nb, MONDAY, &["agenda", "--contact", "nina"]);
    assert!(
        stderr.contains("several contacts are called nina: `nina-alvarez` (Nina Alvarez), `nina-park` (Nina Park)"),
        "{stderr}"
    );
}

#[test]
fn date_times_read_one_way_everywhere_and_a_thank_you_counts_from_the_chats_end() {
    let nb = persona();
    let list = ok(&nb, MONDAY, &["list", "chats"]);
    assert!(list.contains("2026-12-08 12:00"), "{list}");
    assert!(!list.contains("T12:00"), "{list}");
    let show = ok(&nb, MONDAY, &["show", "derek-olsen"]);
    assert!(show.contains("2026-12-08 12:00"), "{show}");
    ok(
        &nb,
        MONDAY,
        &["new", "chat", "zoe-adams", "--date", "2026-12-15 10:30"],
    );
    assert!(
        nb.read("chats/2026-12-15-zoe-adams.md")
            .contains("\ndate: 2026-12-15 10:30\n")
    );
    // Derek's 30 minutes end at 12:30: the thank-you is due a day after, and listed under
    // Today from the moment the chat is over.
    let thanks = item(&nb, "2026-12-08 12:45", "thank-you", "derek-olsen");
    assert_eq!(text(&thanks, "due"), "2026-12-09T12:30");
    assert_eq!(text(&thanks, "group"), "today");
    let shown = ok(&nb, "2026-12-08 12:45", &["agenda"]);
    let today = shown.split("Next 7 days").next().unwrap();
    assert!(today.contains("Send a thank-you to Derek Olsen"), "{shown}");
}

#[test]
fn the_format_page_stands_alone_and_the_events_report_counts_a_person() {
    let dir = tempfile::tempdir().unwrap();
    let out = ties()
        .current_dir(dir.path())
        .args(["man", "--dir", "man"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let page = std::fs::read_to_string(dir.path().join("man/ties-format.5")).unwrap();
    for gone in ["never rewrites", "the spec", "§", "specification"] {
        assert!(!page.contains(gone), "`{gone}` in ties-format(5)");
    }
    assert!(
        page.contains("dismissed.txt"),
        "the page says where dismissals go"
    );
    let nb = Notebook::new()
        .file("contacts/ada.md", "---\nname: Ada\n---\n")
        .file(
            "events/meetup.md",
            "---\nname: Meetup\ndate: 2026-11-10\ngoal: 3\nmet: [ada]\n---\n",
        );
    let report = ok(&nb, MONDAY, &["report", "events"]);
    assert!(report.contains("1 attended, 1 person met"), "{report}");
}

#[test]
fn every_diagnostic_has_a_help_line() {
    let nb = Notebook::new()
        .file("companies/acme.md", "---\nname: Acme\n---\n")
        .file(
            "contacts/ada.md",
            "---\nname: Ada\nemail: not-an-email\nlinkedin: \"not a url\"\ncompany: bob\n---\nSee [[nobody]] and [x](missing.md).\n",
        )
        .file(
            "contacts/bob.md",
            "---\nname: Bob\ncompany: ada\nreached_out: 2026-12-01\nreplied: 2026-11-01\ntags: {a: 1}\n---\n",
        )
        .file("ties.yaml", "rules:\n  horizon: soon\n")
        .file(
            "chats/2026-12-20-ada.md",
            "---\nwith: ada\ndate: 2026-12-20\nthanked: 2026-12-19\n---\n",
        )
        .file("dismissed.txt", "what is this\n");
    let all = nb.json_diagnostics();
    let codes: std::collections::BTreeSet<String> = all.iter().map(|d| text(d, "code")).collect();
    for code in [
        "T102", "T108", "T202", "T204", "T301", "T302", "T305", "T402",
    ] {
        assert!(codes.contains(code), "no {code}: {codes:?}");
    }
    for d in &all {
        assert!(!text(d, "help").is_empty(), "no help: {d}");
    }
}

// 7 (ties next). The one next step.

#[test]
fn next_is_the_most_urgent_item_with_why_and_its_command() {
    let nb = persona();
    let out = ok(&nb, MONDAY, &["next"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].contains("Ana Ruiz replied on 2026-12-04"), "{out}");
    assert!(
        lines.iter().any(|l| l.trim_start().starts_with("why: ")),
        "{out}"
    );
    assert!(
        out.contains("      → ties log message ana-ruiz --sent\n"),
        "{out}"
    );
    assert!(out.contains("more on the agenda: ties next -n"), "{out}");
    // The JSON is ranked; each part of the urgency adds up to it.
    let json = ok(&nb, MONDAY, &["next", "-n", "5", "--format", "json"]);
    let ranked: Vec<Value> = serde_json::from_str(&json).unwrap();
    assert_eq!(ranked.len(), 5);
    let urgencies: Vec<i64> = ranked
        .iter()
        .map(|r| r["urgency"].as_i64().unwrap())
        .collect();
    assert!(urgencies.windows(2).all(|w| w[0] >= w[1]), "{urgencies:?}");
    for r in &ranked {
        let sum: i64 = r["parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["points"].as_i64().unwrap())
            .sum();
        assert_eq!(sum, r["urgency"].as_i64().unwrap(), "{r}");
        let words = shell_words(&text(r, "clear"));
        assert_eq!(words[0], "ties");
    }
    // --explain: every part with its points.
    let explained = ok(&nb, MONDAY, &["next", "--explain"]);
    assert!(
        explained.contains("urgency 69 (reply, due 2026-12-04):"),
        "{explained}"
    );
    assert!(
        explained.contains("+10  at a target company (Harbor Health)"),
        "{explained}"
    );
    assert!(explained.contains(" +9  3 days overdue"), "{explained}");
    // The next step of the day before a chat is to prepare it.
    let tuesday = ok(&nb, "2026-12-08 09:00", &["next"]);
    assert!(
        tuesday.contains("Prepare for the coffee chat with Derek Olsen"),
        "{tuesday}"
    );
    let words = tuesday.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("the chat is in 3 hours"), "{tuesday}");
    // Nothing to do: says so, exit 0.
    let empty = Notebook::new();
    let out = ok(&empty, MONDAY, &["next"]);
    assert!(out.starts_with("Nothing to do now."), "{out}");
}
