//! `ties agenda` (spec §6): one small notebook per rule, run at `--today 2026-11-21` (a
//! Saturday; the default horizon ends on 2026-11-28), asserting exactly which items appear
//! as `(group, kind, id, due)` and, by omission, which do not.

use serde_json::Value;

use crate::support::Notebook;

/// The goal and coverage nudges switched off: they fire in almost any small notebook (a
/// Saturday with no outreach, fewer than 4 warm contacts), so the tests of the other rules
/// see only their own items; the nudges have their tests below.
const QUIET: &str = "rules:\n  nudges: { goal: false, coverage: false }\n";

/// `config` with [`QUIET`]'s switches in its `rules`.
fn quiet(config: &str) -> String {
    if config.contains("rules:\n") {
        config.replacen("rules:\n", QUIET, 1)
    } else {
        format!("{QUIET}{config}")
    }
}

/// A notebook whose `ties.yaml` is [`QUIET`].
fn notebook() -> Notebook {
    Notebook::new().file("ties.yaml", QUIET)
}

/// Runs `agenda --format json` with `args` and returns the parsed array; exit must be 0.
fn agenda_json(nb: &Notebook, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["agenda", "--format", "json"];
    all.extend_from_slice(args);
    let out = nb.run(all);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    let value: Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", out.stdout));
    let Value::Array(items) = value else {
        panic!("not an array: {}", out.stdout)
    };
    for item in &items {
        for key in ["group", "due", "kind", "id", "who", "path", "title"] {
            assert!(item[key].is_string(), "`{key}` missing in {item}");
        }
    }
    items
}

fn field(item: &Value, key: &str) -> String {
    item[key].as_str().unwrap_or_default().to_owned()
}

/// The `keys` of every item of `agenda --format json ARGS`, in output order.
fn agenda_fields<const N: usize>(
    nb: &Notebook,
    args: &[&str],
    keys: [&str; N],
) -> Vec<[String; N]> {
    agenda_json(nb, args)
        .iter()
        .map(|item| keys.map(|key| field(item, key)))
        .collect()
}

/// What [`assert_rows`] compares: the group, kind, id and due date of each item.
const ROW: [&str; 4] = ["group", "kind", "id", "due"];

/// Asserts the items of `agenda ARGS`, each written `"group kind id due"`, in output order.
#[track_caller]
fn assert_rows(nb: &Notebook, args: &[&str], want: &[&str]) {
    let want: Vec<[&str; 4]> = want
        .iter()
        .map(|row| {
            let words: Vec<&str> = row.split(' ').collect();
            words.try_into().expect("four words: group kind id due")
        })
        .collect();
    assert_eq!(agenda_fields(nb, args, ROW), want, "agenda {args:?}");
}

/// Asserts the `(kind, id, title)` of the items of `agenda ARGS`, in output order.
#[track_caller]
fn assert_titles(nb: &Notebook, args: &[&str], want: &[(&str, &str, &str)]) {
    let want: Vec<[&str; 3]> = want.iter().map(|&(k, i, t)| [k, i, t]).collect();
    assert_eq!(
        agenda_fields(nb, args, ["kind", "id", "title"]),
        want,
        "agenda {args:?}"
    );
}

/// Asserts `agenda --contact ID` has exactly one item, of `kind` and `title`.
#[track_caller]
fn assert_title(nb: &Notebook, kind: &str, id: &str, title: &str) {
    assert_titles(nb, &["--contact", id], &[(kind, id, title)]);
}

/// A record's text: front matter of `fields` (each line ending in `\n`), then `body`.
fn record(fields: &str, body: &str) -> String {
    format!("---\n{fields}---\n{body}")
}

fn contact(name: &str, fields: &str) -> String {
    record(&format!("name: {name}\n{fields}"), "")
}

/// Writers of the notebook's records, each with its front matter's leading keys:
/// - `.contact(id, name, fields)`: `contacts/<id>.md` with [`contact`]`(name, fields)`;
/// - `.company(id, name, fields)`: `companies/<id>.md`, `name` first;
/// - `.chat(with, date, fields)`: `chats/<day>-<with>.md`, `with` and `date` first (the
///   day is the date's first ten characters); `.chat_notes` adds a body;
/// - `.event(slug, name, date, fields)`: `events/<day>-<slug>.md`, `name` and `date` first.
trait Records: Sized {
    #[must_use]
    fn contact(self, id: &str, name: &str, fields: &str) -> Self;
    #[must_use]
    fn company(self, id: &str, name: &str, fields: &str) -> Self;
    #[must_use]
    fn chat_notes(self, with: &str, date: &str, fields: &str, body: &str) -> Self;
    #[must_use]
    fn event(self, slug: &str, name: &str, date: &str, fields: &str) -> Self;
    #[must_use]
    fn chat(self, with: &str, date: &str, fields: &str) -> Self {
        self.chat_notes(with, date, fields, "")
    }
}

impl Records for Notebook {
    fn contact(self, id: &str, name: &str, fields: &str) -> Self {
        self.file(&format!("contacts/{id}.md"), &contact(name, fields))
    }

    fn company(self, id: &str, name: &str, fields: &str) -> Self {
        self.file(&format!("companies/{id}.md"), &contact(name, fields))
    }

    fn chat_notes(self, with: &str, date: &str, fields: &str, body: &str) -> Self {
        let day = &date[..10];
        let text = record(&format!("with: {with}\ndate: {date}\n{fields}"), body);
        self.file(&format!("chats/{day}-{with}.md"), &text)
    }

    fn event(self, slug: &str, name: &str, date: &str, fields: &str) -> Self {
        let day = &date[..10];
        let text = record(&format!("name: {name}\ndate: {date}\n{fields}"), "");
        self.file(&format!("events/{day}-{slug}.md"), &text)
    }
}

// ---------------------------------------------------------------------------------------
// follow-up

fn follow_up_notebook() -> Notebook {
    notebook()
        // 8 days ago, no reply: due 7 days after, yesterday.
        .contact("ann", "Ann", "reached_out: 2026-11-13\n")
        // Exactly 7 days ago: due today.
        .contact("bob", "Bob", "reached_out: 2026-11-14\n")
        // Today: due on the last day of the horizon.
        .contact("cat", "Cat", "reached_out: 2026-11-21\n")
        // They replied.
        .contact(
            "dan",
            "Dan",
            "reached_out: 2026-11-01\nreplied: 2026-11-03\n",
        )
        // A done chat since the outreach is a reply.
        .contact("eve", "Eve", "reached_out: 2026-11-01\n")
        .chat("eve", "2026-11-05", "thanked: 2026-11-05\n")
        // A done chat *before* the outreach does not answer it.
        .contact("fox", "Fox", "reached_out: 2026-11-10\n")
        .chat("fox", "2026-10-01", "thanked: 2026-10-01\n")
        // A cancelled chat since is not a reply.
        .contact("gus", "Gus", "reached_out: 2026-11-11\n")
        .chat("gus", "2026-11-12", "status: cancelled\n")
        // A received message since the outreach is a reply too.
        .contact("jay", "Jay", "reached_out: 2026-11-01\n")
        .chat("jay", "2026-11-03", "kind: message\ndirection: received\n")
        // One follow-up sent: due counts from it.
        .contact(
            "hal",
            "Hal",
            "reached_out: 2026-11-01\nfollowed_up: 2026-11-12\n",
        )
        // Never reached out.
        .contact("ivy", "Ivy", "")
}

#[test]
fn follow_up_is_due_a_week_after_the_last_outreach_without_reply() {
    let nb = follow_up_notebook();
    assert_rows(
        &nb,
        &[],
        &[
            "overdue follow-up fox 2026-11-17",
            "overdue follow-up gus 2026-11-18",
            "overdue follow-up hal 2026-11-19",
            "overdue follow-up ann 2026-11-20",
            "today follow-up bob 2026-11-21",
            "upcoming follow-up cat 2026-11-28",
        ],
    );
}

/// Messages logged as chats: `direction: sent` is outreach, `received` is the reply.
fn messages_notebook() -> Notebook {
    notebook()
        // One sent message, 8 days ago: the outreach, follow-up due yesterday.
        .contact("ann", "Ann", "")
        .chat("ann", "2026-11-13", "kind: message\ndirection: sent\n")
        // Sent, then received: answered.
        .contact("bob", "Bob", "")
        .chat("bob", "2026-11-10", "kind: message\ndirection: sent\n")
        .file(
            "chats/2026-11-12-bob-reply.md",
            "---\nwith: bob\ndate: 2026-11-12\nkind: message\ndirection: received\n---\n",
        )
        // Outreach logged on the contact, then two sent messages: max_follow_ups (2) reached.
        .contact("cat", "Cat", "reached_out: 2026-11-01\n")
        .chat("cat", "2026-11-08", "kind: message\ndirection: sent\n")
        .file(
            "chats/2026-11-15-cat.md",
            "---\nwith: cat\ndate: 2026-11-15\nkind: message\ndirection: sent\n---\n",
        )
        // The same message logged on the contact and as a chat counts once: one follow-up.
        .contact(
            "dan",
            "Dan",
            "reached_out: 2026-11-01\nfollowed_up: [2026-11-10]\n",
        )
        .chat("dan", "2026-11-10", "kind: message\ndirection: sent\n")
}

#[test]
fn sent_messages_are_outreach_and_only_received_ones_are_replies() {
    let nb = messages_notebook();
    assert_rows(
        &nb,
        &[],
        &[
            "overdue follow-up dan 2026-11-17",
            "overdue follow-up ann 2026-11-20",
            "upcoming move-on cat 2026-11-22",
        ],
    );
    assert_title(
        &nb,
        "follow-up",
        "ann",
        "Follow up with Ann: no reply since 2026-11-13 (follow-up 1 of 2)",
    );
    assert_title(
        &nb,
        "move-on",
        "cat",
        "No reply from Cat after 2 follow-ups: close the loop or move on",
    );
    // The stage follows: a sent message is `contacted`, a received one `replied`.
    let out = nb.run(["list", "contacts", "--format", "json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let stages: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["stage"].as_str().unwrap()))
        .collect();
    assert_eq!(
        stages,
        [
            ("ann", "contacted"),
            ("bob", "replied"),
            ("cat", "contacted"),
            ("dan", "contacted")
        ]
    );
}

#[test]
fn follow_up_titles_count_the_follow_ups() {
    let nb = follow_up_notebook();
    assert_title(
        &nb,
        "follow-up",
        "hal",
        "Follow up with Hal: no reply since 2026-11-12 (follow-up 2 of 2)",
    );
    assert_title(
        &nb,
        "follow-up",
        "ann",
        "Follow up with Ann: no reply since 2026-11-13 (follow-up 1 of 2)",
    );
}

#[test]
fn follow_up_on_the_last_day_of_the_horizon_is_in_and_one_day_later_is_out() {
    let nb = follow_up_notebook();
    let at_edge = ["--days", "7", "--contact", "cat"];
    assert_rows(&nb, &at_edge, &["upcoming follow-up cat 2026-11-28"]);
    let past_edge = ["--days", "6", "--contact", "cat"];
    assert_rows(&nb, &past_edge, &[]);
}

#[test]
fn follow_up_after_from_the_config_moves_the_due_date() {
    let nb = notebook()
        .file("ties.yaml", &quiet("rules:\n  follow_up_after: 5d\n"))
        .contact("ann", "Ann", "reached_out: 2026-11-13\n")
        .contact("bob", "Bob", "reached_out: 2026-11-16\n")
        .contact(
            "cat",
            "Cat",
            "reached_out: 2026-11-01\nfollowed_up: [2026-11-20]\n",
        );
    assert_rows(
        &nb,
        &[],
        &[
            "overdue follow-up ann 2026-11-18",
            "today follow-up bob 2026-11-21",
            "upcoming follow-up cat 2026-11-25",
        ],
    );
}

// ---------------------------------------------------------------------------------------
// move-on

fn move_on_notebook(config: &str) -> Notebook {
    notebook()
        .file("ties.yaml", &quiet(config))
        // Two follow-ups unanswered: the default maximum.
        .contact(
            "ann",
            "Ann",
            "reached_out: 2026-10-29\nfollowed_up: [2026-11-05, 2026-11-10]\n",
        )
        // Three follow-ups unanswered, listed out of order.
        .contact(
            "bob",
            "Bob",
            "reached_out: 2026-10-20\nfollowed_up: [2026-11-16, 2026-10-28, 2026-11-05]\n",
        )
        // Two follow-ups, but then a reply.
        .contact(
            "cat",
            "Cat",
            "reached_out: 2026-10-20\nfollowed_up: [2026-10-28, 2026-11-05]\nreplied: 2026-11-06\n",
        )
}

#[test]
fn move_on_replaces_follow_up_after_max_follow_ups() {
    let nb = move_on_notebook("");
    assert_rows(
        &nb,
        &[],
        &[
            "overdue move-on ann 2026-11-17",
            "upcoming move-on bob 2026-11-23",
        ],
    );
    assert_title(
        &nb,
        "move-on",
        "ann",
        "No reply from Ann after 2 follow-ups: close the loop or move on",
    );
}

#[test]
fn max_follow_ups_from_the_config_allows_one_more_follow_up() {
    let nb = move_on_notebook("rules:\n  max_follow_ups: 3\n");
    assert_rows(
        &nb,
        &[],
        &[
            "overdue follow-up ann 2026-11-17",
            "upcoming move-on bob 2026-11-23",
        ],
    );
    assert_title(
        &nb,
        "follow-up",
        "ann",
        "Follow up with Ann: no reply since 2026-11-10 (follow-up 3 of 3)",
    );
}

// ---------------------------------------------------------------------------------------
// thank-you

fn thank_you_notebook(config: &str) -> Notebook {
    notebook()
        .file("ties.yaml", &quiet(config))
        .contact("ann", "Ann", "")
        .contact("bob", "Bob", "")
        .contact("cat", "Cat", "")
        .contact("dan", "Dan", "")
        .contact("eve", "Eve", "")
        .contact("fox", "Fox", "")
        // A bare date: due the next day.
        .chat("ann", "2026-11-19", "")
        // With a time: due 24 hours later. (Ann's own chat the day before is superseded by
        // this one: no thank-you for it.)
        .file(
            "chats/2026-11-20-bob.md",
            "---\nwith: [bob, ann]\ndate: 2026-11-20 14:30\nkind: informational-interview\n---\n",
        )
        // Already thanked.
        .chat("cat", "2026-11-18", "thanked: 2026-11-18\n")
        // A message thread needs no thank-you (a received message is a reply to answer).
        .chat("dan", "2026-11-19", "kind: message\ndirection: received\n")
        // Cancelled.
        .chat("eve", "2026-11-19", "status: cancelled\n")
        // Today, no time: planned through its day, so it is to prepare, not to thank yet.
        .chat("fox", "2026-11-21", "kind: call\n")
}

#[test]
fn thank_you_is_due_a_day_after_a_done_chat() {
    let nb = thank_you_notebook("");
    // Bob's chat at 14:30 lasts the default hour: its thank-you is due a day after its end.
    assert_rows(
        &nb,
        &[],
        &[
            "overdue reply dan 2026-11-19",
            "today prepare fox 2026-11-21",
            "today thank-you bob 2026-11-21T15:30",
        ],
    );
    assert_title(
        &nb,
        "thank-you",
        "bob",
        "Send a thank-you to Bob, Ann for the informational interview on 2026-11-20",
    );
}

#[test]
fn a_thank_you_expires_a_week_after_it_was_due_or_when_you_meet_again() {
    let nb = notebook()
        .contact("ann", "Ann", "")
        .contact("bob", "Bob", "")
        .contact("cat", "Cat", "")
        .contact("dan", "Dan", "")
        // Due 2026-11-14 00:00: expires at 2026-11-21 00:00, now: gone.
        .chat("ann", "2026-11-13", "")
        // Over at 01:30, due 2026-11-14 01:30: ninety minutes left.
        .chat("bob", "2026-11-13 01:00", "duration: 30m\n")
        // A career-fair booth, then a later call with the same person: the call is what
        // to thank for.
        .chat("cat", "2026-11-18", "kind: event\n")
        .file(
            "chats/2026-11-20-cat-call.md",
            "---\nwith: cat\ndate: 2026-11-20 10:00\nkind: call\n---\n",
        )
        // Migrated notes from 2023: no "881 days overdue".
        .chat("dan", "2023-06-23", "")
        .file("contacts/old.md", "---\nname: Old\n---\n");
    assert_rows(
        &nb,
        &["--kind", "thank-you"],
        &[
            "overdue thank-you bob 2026-11-14T01:30",
            "today thank-you cat 2026-11-21T11:00",
        ],
    );
    let later = ["--now", "2026-11-21 01:30", "--kind", "thank-you"];
    assert_rows(&nb, &later, &["today thank-you cat 2026-11-21T11:00"]);
    // Tuned: a 30-day window keeps Ann's.
    nb.write(
        "ties.yaml",
        "rules:\n  nudges: { goal: false, coverage: false }\n  thank_you_expires: 30d\n",
    );
    assert_rows(
        &nb,
        &["--kind", "thank-you"],
        &[
            "overdue thank-you ann 2026-11-14",
            "overdue thank-you bob 2026-11-14T01:30",
            "today thank-you cat 2026-11-21T11:00",
        ],
    );
}

#[test]
fn reconnect_stops_at_dormant_after_unless_the_tie_is_strong() {
    let nb = notebook()
        // Last in touch 365 days ago: the last day it still shows.
        .contact("ann", "Ann", "")
        .chat("ann", "2025-11-21", "thanked: 2025-11-21\n")
        // 366 days ago: dormant.
        .contact("bob", "Bob", "")
        .chat("bob", "2025-11-20", "thanked: 2025-11-20\n")
        // Years ago, but a strong tie.
        .contact("cat", "Cat", "tie: strong\n")
        .chat("cat", "2023-06-23", "thanked: 2023-06-23\n");
    assert_rows(
        &nb,
        &["--kind", "reconnect"],
        &[
            "overdue reconnect cat 2023-09-21",
            "overdue reconnect ann 2026-02-19",
        ],
    );
    nb.write(
        "ties.yaml",
        "rules:\n  nudges: { goal: false, coverage: false }\n  dormant_after: 730d\n",
    );
    let rows = agenda_fields(&nb, &["--kind", "reconnect"], ["id"]);
    assert_eq!(rows.len(), 3, "{rows:?}");
}

#[test]
fn thank_you_within_from_the_config_moves_the_due_time() {
    let nb = thank_you_notebook("rules:\n  thank_you_within: 48h\n");
    // Due tomorrow, but the chat is over: listed under Today (best sent the same day).
    assert_rows(
        &nb,
        &[],
        &[
            "overdue reply dan 2026-11-19",
            "today prepare fox 2026-11-21",
            "today thank-you bob 2026-11-22T15:30",
        ],
    );
    let nb = thank_you_notebook("rules:\n  thank_you_within: 12h\n");
    assert_rows(
        &nb,
        &[],
        &[
            "overdue reply dan 2026-11-19",
            "today prepare fox 2026-11-21",
            "today thank-you bob 2026-11-21T03:30",
        ],
    );
}

// ---------------------------------------------------------------------------------------
// now: a chat is planned until it has ended

/// A chat tonight at 23:00 (spec'd in docs/agenda.md, "Now"), a date-only chat today, and
/// a two-hour chat that runs past midnight.
fn now_notebook() -> Notebook {
    notebook()
        .contact("ann", "Ann", "")
        .contact("bob", "Bob", "")
        .contact("cat", "Cat", "")
        .contact("dan", "Dan", "")
        .chat("ann", "2026-11-21 23:00", "")
        .chat("bob", "2026-11-21", "kind: call\n")
        .chat("cat", "2026-11-21 23:30", "duration: 2h\n")
        // `status:` in the file wins over the clock.
        .chat("dan", "2026-11-21 08:00", "status: planned\n")
}

/// `(id, status)` of every chat of `list chats` at `--now NOW`.
fn chat_statuses(nb: &Notebook, now: &str) -> Vec<(String, String)> {
    let out = nb.run(["--now", now, "list", "chats", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    rows.iter()
        .map(|r| {
            let with = r["with"].as_array().map_or_else(
                || r["with"].as_str().unwrap_or_default().to_owned(),
                |w| w[0].as_str().unwrap_or_default().to_owned(),
            );
            (with, r["status"].as_str().unwrap_or_default().to_owned())
        })
        .collect()
}

#[test]
fn a_chat_tonight_is_to_prepare_in_the_morning_and_to_thank_after() {
    let nb = now_notebook();
    let morning = ["--now", "2026-11-21 06:26", "--kind", "prepare,thank-you"];
    assert_rows(
        &nb,
        &morning,
        &[
            "today prepare bob 2026-11-21",
            "today prepare dan 2026-11-21T08:00",
            "today prepare ann 2026-11-21T23:00",
            "today prepare cat 2026-11-21T23:30",
        ],
    );
    // `--today` is the start of that day: the same as the morning.
    assert_eq!(
        agenda_fields(&nb, &["--kind", "prepare,thank-you"], ROW),
        agenda_fields(&nb, &morning, ROW)
    );
    // 23:59: Ann's hour ends at midnight, Cat's two hours later, Bob's day is not over.
    assert_eq!(
        agenda_fields(
            &nb,
            &["--now", "2026-11-21 23:59", "--kind", "prepare,thank-you"],
            ROW
        ),
        agenda_fields(&nb, &morning, ROW)
    );
    // Midnight: Ann and Bob are over; Cat is still talking: neither prepare (its day is
    // gone) nor thanks.
    assert_rows(
        &nb,
        &["--now", "2026-11-22 00:00", "--kind", "prepare,thank-you"],
        &[
            "today thank-you bob 2026-11-22",
            "today thank-you ann 2026-11-23T00:00",
        ],
    );
    // A thank-you is due a day after the chat's end, and listed under Today from then.
    assert_rows(
        &nb,
        &["--now", "2026-11-22 01:30", "--kind", "thank-you"],
        &[
            "today thank-you bob 2026-11-22",
            "today thank-you ann 2026-11-23T00:00",
            "today thank-you cat 2026-11-23T01:30",
        ],
    );
}

#[test]
fn list_uses_the_same_rule_as_the_agenda() {
    let nb = now_notebook();
    let status = |now| {
        let mut rows = chat_statuses(&nb, now);
        rows.sort();
        rows.into_iter()
            .map(|(_, s)| s)
            .collect::<Vec<_>>()
            .join(" ")
    };
    // ann, bob, cat, dan
    assert_eq!(
        status("2026-11-21 06:26"),
        "planned planned planned planned"
    );
    assert_eq!(status("2026-11-22 00:00"), "done done planned planned");
    assert_eq!(status("2026-11-22 01:30"), "done done done planned");
}

#[test]
fn now_must_be_a_date_and_a_time() {
    let out = notebook().run(["--now", "2026-11-21", "agenda"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    out.assert_stderr_has("YYYY-MM-DD HH:MM");
}

// ---------------------------------------------------------------------------------------
// prepare

fn prepare_notebook(config: &str) -> Notebook {
    notebook()
        .file("ties.yaml", &quiet(config))
        .company("acme", "Acme", "in: I use their app every day\n")
        .company("globex", "Globex", "")
        .contact("ann", "Ann", "company: acme\n")
        .contact("bob", "Bob", "company: globex\n")
        .contact("cat", "Cat", "")
        .contact("dan", "Dan", "company: acme\n")
        // Three real questions, one empty template slot, a nested item that is not a
        // question of its own, and a list under the next heading that does not count.
        .chat_notes(
            "ann",
            "2026-11-24 10:30",
            "",
            "## Questions\n\
             - What does a normal day look like?\n\
             - How did you get started?\n  - (follow-up if time)\n\
             - What would you learn first?\n\
             -\n\n\
             ## Notes\n\
             - not a question\n",
        )
        // No Questions heading: nothing ready.
        .chat_notes(
            "bob",
            "2026-11-28",
            "kind: informational-interview\n",
            "Just notes.\n",
        )
        // A contact without a company: no "in" part.
        .chat_notes(
            "cat",
            "2026-11-23",
            "kind: call\n",
            "## Questions\n1. One?\n2. Two?\n",
        )
        // Today, declared planned: prepare today.
        .contact("eve", "Eve", "")
        .chat("eve", "2026-11-21 16:00", "status: planned\n")
        // Declared planned but already past: neither preparation nor thanks.
        .contact("fox", "Fox", "")
        .chat("fox", "2026-11-19", "status: planned\n")
        // Beyond the horizon.
        .chat("dan", "2026-11-29", "")
}

#[test]
fn prepare_items_for_planned_chats_within_the_horizon() {
    let nb = prepare_notebook("");
    assert_rows(
        &nb,
        &[],
        &[
            "today prepare eve 2026-11-21T16:00",
            "upcoming prepare cat 2026-11-23",
            "upcoming prepare ann 2026-11-24T10:30",
            "upcoming prepare bob 2026-11-28",
        ],
    );
    assert_titles(
        &nb,
        &[],
        &[
            (
                "prepare",
                "eve",
                "Prepare for the coffee chat with Eve: 0/5 questions ready, \
                 write 5 more under `## Questions`",
            ),
            (
                "prepare",
                "cat",
                "Prepare for the call with Cat: 2/5 questions ready, \
                 write 3 more under `## Questions`",
            ),
            (
                "prepare",
                "ann",
                "Prepare for the coffee chat with Ann: 3/5 questions ready, \
                 write 2 more under `## Questions`; your in at Acme: I use their app every day",
            ),
            (
                "prepare",
                "bob",
                "Prepare for the informational interview with Bob: 0/5 questions ready, \
                 write 5 more under `## Questions`; no in noted for Globex",
            ),
        ],
    );
}

#[test]
fn prepare_questions_from_the_config_changes_the_target() {
    let nb = prepare_notebook("rules:\n  prepare_questions: 7\n");
    assert_titles(
        &nb,
        &["--contact", "ann"],
        &[(
            "prepare",
            "ann",
            "Prepare for the coffee chat with Ann: 3/7 questions ready, \
             write 4 more under `## Questions`; your in at Acme: I use their app every day",
        )],
    );
}

#[test]
fn prepare_includes_chats_one_day_past_the_default_horizon_only_with_more_days() {
    let nb = prepare_notebook("");
    assert_rows(
        &nb,
        &["--days", "8", "--contact", "dan"],
        &["upcoming prepare dan 2026-11-29"],
    );
}

// ---------------------------------------------------------------------------------------
// next

#[test]
fn next_action_in_both_forms() {
    let nb = notebook()
        .contact("ann", "Ann", "next: \"2026-11-24 send portfolio\"\n")
        .contact(
            "bob",
            "Bob",
            "next: {date: 2026-11-20, action: call back}\n",
        )
        .contact(
            "cat",
            "Cat",
            "next:\n  date: 2026-11-21\n  action: ask for an intro\n",
        )
        .contact("dan", "Dan", "next: \"2026-11-29 too far\"\n");
    assert_rows(
        &nb,
        &[],
        &[
            "overdue next bob 2026-11-20",
            "today next cat 2026-11-21",
            "upcoming next ann 2026-11-24",
        ],
    );
    assert_titles(
        &nb,
        &[],
        &[
            ("next", "bob", "Bob: call back"),
            ("next", "cat", "Cat: ask for an intro"),
            ("next", "ann", "Ann: send portfolio"),
        ],
    );
}

// ---------------------------------------------------------------------------------------
// task

#[test]
fn tasks_with_due_dates_in_any_body() {
    let nb = notebook()
        .file(
            "contacts/ann.md",
            "---\nname: Ann\n---\n\
             - [ ] x (due 2026-11-23)\n\
             - [ ] y 📅 2026-11-22\n\
             - [x] already done (due 2026-11-22)\n\
             - [ ] no date at all\n\
             - [ ] too far (due 2026-11-30)\n",
        )
        .contact("bob", "Bob", "")
        .contact("cat", "Cat", "")
        .file(
            "chats/2026-11-10-bob.md",
            "---\nwith: [bob, cat]\ndate: 2026-11-10\nthanked: 2026-11-10\n---\n\
             ## Takeaways\n\
             - [ ] send the article she mentioned (due 2026-11-20)\n\
             - [X] done with a capital X 📅 2026-11-20\n",
        )
        .file(
            "notes/plan.md",
            "# Plan\n\n- [ ] update my headline 📅 2026-11-21\n- [ ] someday\n",
        );
    assert_rows(
        &nb,
        &[],
        &[
            "overdue task bob 2026-11-20",
            "today task plan 2026-11-21",
            "upcoming task ann 2026-11-22",
            "upcoming task ann 2026-11-23",
        ],
    );
    assert_eq!(
        agenda_fields(&nb, &[], ["id", "path", "title"]),
        [
            [
                "bob",
                "chats/2026-11-10-bob.md",
                "send the article she mentioned",
            ],
            ["plan", "notes/plan.md", "update my headline"],
            ["ann", "contacts/ann.md", "y"],
            ["ann", "contacts/ann.md", "x"],
        ]
    );
}

// ---------------------------------------------------------------------------------------
// reconnect

#[test]
fn reconnect_with_people_met_and_not_seen_for_a_while() {
    let nb = notebook()
        // Met at a coffee chat on 2026-08-01: due 90 days later.
        .contact("ann", "Ann", "")
        .chat("ann", "2026-08-01", "thanked: 2026-08-01\n")
        // Met at a past event.
        .contact("bob", "Bob", "")
        .event("meetup", "Meetup", "2026-08-15", "met: [bob]\n")
        // Own cadence of 30 days: due 2026-11-24 rather than in January.
        .contact("cat", "Cat", "stay_in_touch: 30d\n")
        .chat("cat", "2026-10-25", "thanked: 2026-10-25\n")
        // Replied, never met.
        .contact(
            "dan",
            "Dan",
            "reached_out: 2026-06-01\nreplied: 2026-06-03\n",
        )
        // Only a message thread: not a meeting.
        .contact("eve", "Eve", "")
        .chat("eve", "2026-06-01", "kind: message\ndirection: received\n")
        // Listed in `met` of an event that has not happened yet.
        .contact("fox", "Fox", "")
        .event("party", "Party", "2026-12-15", "met: [fox]\n")
        // Met recently: not due yet.
        .contact("gus", "Gus", "")
        .chat("gus", "2026-11-01", "thanked: 2026-11-01\n")
        // Met long ago, but a later reply is the last interaction.
        .contact(
            "hal",
            "Hal",
            "reached_out: 2026-08-20\nreplied: 2026-08-25\n",
        )
        .chat("hal", "2026-05-01", "thanked: 2026-05-01\n");
    assert_rows(
        &nb,
        &[],
        &[
            "overdue reconnect ann 2026-10-30",
            "overdue reconnect bob 2026-11-13",
            // Met on 2026-05-01, but replied on 2026-08-25: + 90 days.
            "upcoming reconnect hal 2026-11-23",
            "upcoming reconnect cat 2026-11-24",
        ],
    );
    assert_title(
        &nb,
        "reconnect",
        "ann",
        "Reconnect with Ann: last in touch 2026-08-01",
    );
}

#[test]
fn reconnect_needs_a_meeting_not_just_a_referral() {
    // §6: reconnect is for an "active contact met at least once"; docs/agenda.md: "you have
    // met (a done chat that is not a message, or a past event listing them in `met`)".
    let nb = notebook()
        .contact(
            "ann",
            "Ann",
            "reached_out: 2026-01-01\nreplied: 2026-01-05\n",
        )
        .contact("bob", "Bob", "introduced_by: ann\n");
    assert_rows(&nb, &[], &[]);
}

// ---------------------------------------------------------------------------------------
// event

#[test]
fn events_within_the_horizon_with_their_goal() {
    let nb = notebook()
        .event("rust-meetup", "Rust Meetup", "2026-11-23", "goal: 3\n")
        .event("demo-night", "Demo Night", "2026-11-21 18:00", "")
        .event(
            "career-fair",
            "Career Fair",
            "2026-11-28",
            "kind: career-fair\ngoal: 5\n",
        )
        .event("yesterday", "Yesterday", "2026-11-20", "goal: 3\n")
        .event("later", "Later", "2026-11-29", "");
    assert_rows(
        &nb,
        &[],
        &[
            "today event 2026-11-21-demo-night 2026-11-21T18:00",
            "upcoming event 2026-11-23-rust-meetup 2026-11-23",
            "upcoming event 2026-11-28-career-fair 2026-11-28",
        ],
    );
    assert_titles(
        &nb,
        &[],
        &[
            ("event", "2026-11-21-demo-night", "Go to Demo Night"),
            (
                "event",
                "2026-11-23-rust-meetup",
                "Go to Rust Meetup (goal: meet 3 people)",
            ),
            (
                "event",
                "2026-11-28-career-fair",
                "Go to Career Fair (goal: meet 5 people)",
            ),
        ],
    );
}

// ---------------------------------------------------------------------------------------
// suppression

#[test]
fn paused_closed_and_snoozed_contacts_drop_out() {
    // Every contact would have a follow-up, a next action and a task. (A thank-you goes
    // through the same gate; a chat before the outreach would now be superseded by it.)
    let person = |name: &str, extra: &str| {
        format!(
            "---\nname: {name}\nreached_out: 2026-11-13\nnext: \"2026-11-22 ping\"\n{extra}---\n\
             - [ ] a task (due 2026-11-23)\n"
        )
    };
    let mut nb = notebook();
    for (id, extra) in [
        ("paused", "status: paused\n"),
        ("closed", "status: Closed\n"),
        ("snoozed", "snooze: 2026-11-25\n"),
        ("woken", "snooze: 2026-11-20\n"),
        ("woken-today", "snooze: 2026-11-21\n"),
        ("active", "status: active\n"),
    ] {
        nb = nb.file(&format!("contacts/{id}.md"), &person(id, extra));
    }
    let mut want = Vec::new();
    for (group, kind, due) in [
        ("overdue", "follow-up", "2026-11-20"),
        ("upcoming", "next", "2026-11-22"),
        ("upcoming", "task", "2026-11-23"),
    ] {
        for id in ["active", "woken", "woken-today"] {
            want.push(format!("{group} {kind} {id} {due}"));
        }
    }
    let want: Vec<&str> = want.iter().map(String::as_str).collect();
    assert_rows(&nb, &[], &want);
}

// ---------------------------------------------------------------------------------------
// grouping, order and horizon

fn order_notebook(config: &str) -> Notebook {
    notebook()
        .file("ties.yaml", &quiet(config))
        .contact("zed", "Zed Adams", "reached_out: 2026-11-13\n")
        .contact("amy", "Amy Zimmer", "reached_out: 2026-11-13\n")
        .contact("kim", "Kim", "next: \"2026-11-21 call\"\n")
        .chat("kim", "2026-11-20 09:15", "")
        .contact("lee", "Lee", "next: \"2026-11-24 send notes\"\n")
        .contact("max", "Max", "next: \"2026-11-25 lunch\"\n")
        .contact("ned", "Ned", "next: \"2026-12-05 check in\"\n")
        .contact("old", "Old", "next: \"2025-01-01 long ago\"\n")
}

#[test]
fn items_are_grouped_and_sorted_by_due_then_person() {
    let nb = order_notebook("");
    assert_rows(
        &nb,
        &[],
        &[
            "overdue next old 2025-01-01",
            // Same due date: by person (display name), Amy Zimmer before Zed Adams.
            "overdue follow-up amy 2026-11-20",
            "overdue follow-up zed 2026-11-20",
            // A bare date sorts before a time on the same day.
            "today next kim 2026-11-21",
            "today thank-you kim 2026-11-21T10:15",
            "upcoming next lee 2026-11-24",
            "upcoming next max 2026-11-25",
        ],
    );
}

#[test]
fn days_option_shortens_the_horizon() {
    let nb = order_notebook("");
    assert_rows(
        &nb,
        &["--days", "3"],
        &[
            "overdue next old 2025-01-01",
            "overdue follow-up amy 2026-11-20",
            "overdue follow-up zed 2026-11-20",
            "today next kim 2026-11-21",
            "today thank-you kim 2026-11-21T10:15",
            "upcoming next lee 2026-11-24",
        ],
    );
    assert_rows(
        &nb,
        &["--days", "0"],
        &[
            "overdue next old 2025-01-01",
            "overdue follow-up amy 2026-11-20",
            "overdue follow-up zed 2026-11-20",
            "today next kim 2026-11-21",
            "today thank-you kim 2026-11-21T10:15",
        ],
    );
    let tomorrow = notebook().contact("ann", "Ann", "next: \"2026-11-22 call\"\n");
    let out = tomorrow.run(["agenda", "--days", "1"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "Next day\n  jvzj  Sun 11-22  Ann: call\n                   → ties done jvzj  contacts/ann.md\n"
    );
    let out = nb.run(["agenda", "--days", "3"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_stdout_has("\nNext 3 days\n");
}

#[test]
fn horizon_from_the_config_is_the_default_days() {
    let nb = order_notebook("rules:\n  horizon: 14d\n");
    assert_rows(
        &nb,
        &[],
        &[
            "overdue next old 2025-01-01",
            "overdue follow-up amy 2026-11-20",
            "overdue follow-up zed 2026-11-20",
            "today next kim 2026-11-21",
            "today thank-you kim 2026-11-21T10:15",
            "upcoming next lee 2026-11-24",
            "upcoming next max 2026-11-25",
            "upcoming next ned 2026-12-05",
        ],
    );
    let out = nb.run(["agenda"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_stdout_has("\nNext 14 days\n");
    // --days still wins over the config.
    assert_eq!(
        agenda_fields(&nb, &["--days", "3"], ROW).last(),
        Some(&["upcoming", "next", "lee", "2026-11-24"].map(str::to_owned))
    );
}

// ---------------------------------------------------------------------------------------
// filters

fn filter_notebook() -> Notebook {
    notebook()
        .company("acme", "Acme", "")
        .company("globex", "Globex", "")
        .contact("ann", "Ann", "company: acme\nreached_out: 2026-11-13\n")
        .contact(
            "bob",
            "Bob",
            "company: globex\nnext: \"2026-11-22 coffee\"\n",
        )
        .file(
            "contacts/cat.md",
            "---\nname: Cat\ncompany: acme\n---\n- [ ] read her post (due 2026-11-23)\n",
        )
        // No outreach to Cat: a thank-you.
        .chat("cat", "2026-11-16", "")
        .event("meetup", "Meetup", "2026-11-24", "")
        .file("notes/todo.md", "- [ ] plan the week (due 2026-11-22)\n")
}

#[test]
fn filters_by_kind_contact_and_company() {
    let nb = filter_notebook();
    assert_rows(
        &nb,
        &[],
        &[
            "overdue thank-you cat 2026-11-17",
            "overdue follow-up ann 2026-11-20",
            "upcoming next bob 2026-11-22",
            "upcoming task todo 2026-11-22",
            "upcoming task cat 2026-11-23",
            "upcoming event 2026-11-24-meetup 2026-11-24",
        ],
    );
    assert_rows(
        &nb,
        &["--kind", "follow-up,thank-you"],
        &[
            "overdue thank-you cat 2026-11-17",
            "overdue follow-up ann 2026-11-20",
        ],
    );
    assert_rows(
        &nb,
        &["--kind", "task", "--kind", "event"],
        &[
            "upcoming task todo 2026-11-22",
            "upcoming task cat 2026-11-23",
            "upcoming event 2026-11-24-meetup 2026-11-24",
        ],
    );
    assert_rows(
        &nb,
        &["--contact", "bob"],
        &["upcoming next bob 2026-11-22"],
    );
    assert_rows(
        &nb,
        &["--company", "acme"],
        &[
            "overdue thank-you cat 2026-11-17",
            "overdue follow-up ann 2026-11-20",
            "upcoming task cat 2026-11-23",
        ],
    );
    assert_rows(
        &nb,
        &["--company", "acme", "--kind", "task"],
        &["upcoming task cat 2026-11-23"],
    );
}

#[test]
fn unknown_kind_is_a_usage_error_with_a_suggestion() {
    let nb = filter_notebook();
    let out = nb.run(["agenda", "--kind", "folow-up"]);
    assert_eq!(out.code, 2, "stdout: {}", out.stdout);
    assert_eq!(out.stdout, "");
    out.assert_stderr_has("did you mean `follow-up`?");
    let out = nb.run(["agenda", "--kind", "follow-up,thanks-you"]);
    assert_eq!(out.code, 2);
    out.assert_stderr_has("did you mean `thank-you`?");
}

// ---------------------------------------------------------------------------------------
// bad input

#[test]
fn a_bad_date_is_ignored_and_the_agenda_says_files_have_errors() {
    let nb = notebook().contact(
        "ann",
        "Ann",
        "reached_out: 2026-11-13\nreplied: 2026-02-30\n",
    );
    assert_rows(&nb, &[], &["overdue follow-up ann 2026-11-20"]);
    let out = nb.run(["agenda"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let last = out.stdout.lines().last().unwrap_or_default();
    assert_eq!(
        last,
        "1 file has errors and may be missing items; run `ties check`"
    );
    let out = nb.run(["agenda", "--format", "markdown"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout.lines().last().unwrap_or_default(),
        "> 1 file has errors and may be missing items; run `ties check`"
    );
}

#[test]
fn two_files_with_errors_are_counted() {
    let nb = notebook()
        .contact(
            "ann",
            "Ann",
            "reached_out: 2026-11-13\nreplied: 2026-02-30\n",
        )
        .file("contacts/bob.md", "---\nname: [unclosed\n---\n")
        .contact("cat", "Cat", "");
    let out = nb.run(["agenda"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout.lines().last().unwrap_or_default(),
        "2 files have errors and may be missing items; run `ties check`"
    );
    out.assert_stdout_has("follow-up");
}

fn extreme_dates_notebook() -> Notebook {
    notebook()
        .contact("old", "Old", "reached_out: 0001-01-01\n")
        .file(
            "contacts/late.md",
            "---\nname: Late\nreached_out: 9999-12-31\nfollowed_up: [9999-12-31]\n\
             next: \"9999-12-31 do it\"\nsnooze: 9999-12-31\n---\n- [ ] far (due 9999-12-31)\n",
        )
        .contact(
            "end",
            "End",
            "reached_out: 9999-12-31\nstay_in_touch: 1000d\n",
        )
        .chat("old", "0001-01-01", "")
        .chat("end", "9999-12-31 23:59", "status: done\n")
        .event("end", "End of time", "9999-12-31", "met: [end]\ngoal: 3\n")
        .event("start", "Start of time", "0001-01-01 00:00", "met: [old]\n")
}

#[test]
fn extreme_dates_do_not_panic() {
    let nb = extreme_dates_notebook();
    // Old's thank-you has expired and Old has gone dormant: nothing from year 1 but the
    // offer to revive the tie (a few dormant ties a week, `rules.revive_per_week`).
    assert_rows(&nb, &[], &["today reconnect old 2026-11-21"]);
    for format in ["text", "json", "markdown", "ics"] {
        for days in ["7", "0", "4294967295"] {
            let out = nb.run(["agenda", "--format", format, "--days", days]);
            out.assert_no_crash();
            assert_eq!(out.code, 0, "{format} --days {days}: {}", out.stderr);
        }
    }
}

#[test]
fn due_dates_past_year_9999_keep_the_documented_formats() {
    // reached_out 9999-12-31 + 7d = 10000-01-07, inside a horizon of u32::MAX days; the
    // event on 9999-12-31 ends (DTEND) on 10000-01-01. Spec §6: `due` is `YYYY-MM-DD` or
    // `YYYY-MM-DDTHH:MM`; an RFC 5545 DATE is 8 digits. Actual: `"due": "+10000-01-07"`,
    // `DUE;VALUE=DATE:+100000107` and `DTEND;VALUE=DATE:+100000101`.
    let nb = notebook()
        .contact("late", "Late", "reached_out: 9999-12-31\n")
        .event("end", "End", "9999-12-31", "");
    let days = u32::MAX.to_string();
    for item in agenda_json(&nb, &["--days", &days]) {
        let due = field(&item, "due");
        let shape_ok = due.len() == 10 || due.len() == 16;
        assert!(
            shape_ok && due.starts_with(|c: char| c.is_ascii_digit()),
            "due `{due}` is not YYYY-MM-DD[THH:MM]"
        );
    }
    let out = nb.run(["agenda", "--format", "ics", "--days", &days]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for line in out.stdout.lines() {
        if let Some(value) = line.strip_prefix("DUE;VALUE=DATE:").or_else(|| {
            line.strip_prefix("DTSTART;VALUE=DATE:")
                .or_else(|| line.strip_prefix("DTEND;VALUE=DATE:"))
        }) {
            assert!(
                value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit()),
                "invalid iCalendar DATE in `{line}`"
            );
        }
    }
}

#[test]
fn a_bad_config_is_counted_in_the_errors_footer() {
    // docs/agenda.md: "When any file has errors, the agenda ends with a line saying how many
    // and asking you to run `ties check`"; spec §3: a bad config is reported like any other
    // file. Here the user's follow-up rule is silently replaced by the 7d default.
    let nb = notebook()
        .file("ties.yaml", &quiet("rules:\n  follow_up_after: soon\n"))
        .contact("ann", "Ann", "reached_out: 2026-11-13\n");
    assert_rows(&nb, &[], &["overdue follow-up ann 2026-11-20"]);
    let out = nb.run(["agenda"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let last = out.stdout.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("1 file has errors") && last.ends_with("run `ties check`"),
        "last line: {last:?}"
    );
}

#[test]
fn bom_crlf_subfolders_and_hidden_files() {
    let nb = notebook()
        .file(
            "contacts/ann.md",
            "\u{feff}---\r\nname: Ann\r\n---\r\n- [ ] crlf task (due 2026-11-22)\r\n",
        )
        .file(
            "chats/2026/11/2026-11-23-ann.md",
            "---\r\nwith: \"[[ann]]\"\r\ndate: 2026-11-23\r\n---\r\n## Questions\r\n- a?\r\n- b?\r\n",
        )
        .file(".obsidian/x.md", "- [ ] hidden (due 2026-11-22)\n")
        .file("notes/.x.md.swp", "- [ ] swap file (due 2026-11-22)\n")
        .file("notes/x.md~", "- [ ] backup (due 2026-11-22)\n")
        .file(".gitignore", "notes/ignored.md\n")
        .file("notes/ignored.md", "- [ ] ignored (due 2026-11-22)\n");
    assert_eq!(
        agenda_fields(&nb, &[], ["kind", "id", "path", "title"]),
        [
            ["task", "ann", "contacts/ann.md", "crlf task"],
            [
                "prepare",
                "ann",
                "chats/2026/11/2026-11-23-ann.md",
                "Prepare for the coffee chat with Ann: 2/5 questions ready, \
                 write 3 more under `## Questions`",
            ],
        ]
    );
}

// ---------------------------------------------------------------------------------------
// the rich notebook: one item of each kind, for snapshots and ics

fn rich_notebook() -> Notebook {
    notebook()
        .file("ties.yaml", &quiet("owner: Sam Rivera\n"))
        .company("acme", "Acme", "in: I use their app every day\n")
        .company("globex", "Globex", "")
        .contact(
            "ann-lee",
            "Ann Lee",
            "company: acme\nreached_out: 2026-11-13\n",
        )
        .contact(
            "bob-ray",
            "Bob Ray",
            "reached_out: 2026-10-20\nfollowed_up: [2026-10-28, 2026-11-05]\n",
        )
        .contact("cy-ng", "Cy Ng", "company: acme\n")
        .chat("cy-ng", "2026-11-20 14:30", "")
        .contact("dee-fox", "Dee Fox", "company: globex\n")
        .chat_notes(
            "dee-fox",
            "2026-11-24 10:30",
            "kind: informational-interview\n",
            "## Questions\n- How did you start?\n- What do juniors do first?\n",
        )
        .contact(
            "eli-cho",
            "Eli Cho",
            "next: \"2026-11-22 send portfolio\"\n",
        )
        .file(
            "notes/plan.md",
            "# Plan\n\n- [ ] update my LinkedIn headline (due 2026-11-23)\n",
        )
        .contact("fay-wu", "Fay Wu", "")
        .chat("fay-wu", "2026-07-15", "thanked: 2026-07-15\n")
        .event(
            "rust-meetup",
            "Rust Meetup",
            "2026-11-25 18:30",
            "goal: 3\n",
        )
}

#[test]
fn rich_notebook_has_one_item_of_each_kind() {
    let nb = rich_notebook();
    assert_rows(
        &nb,
        &[],
        &[
            "overdue reconnect fay-wu 2026-10-13",
            "overdue move-on bob-ray 2026-11-12",
            "overdue follow-up ann-lee 2026-11-20",
            "today thank-you cy-ng 2026-11-21T15:30",
            "upcoming next eli-cho 2026-11-22",
            "upcoming task plan 2026-11-23",
            "upcoming prepare dee-fox 2026-11-24T10:30",
            "upcoming event 2026-11-25-rust-meetup 2026-11-25T18:30",
        ],
    );
}

#[test]
fn text_output_snapshot() {
    let out = rich_notebook().run(["agenda"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn markdown_output_snapshot() {
    let out = rich_notebook().run(["agenda", "--format", "markdown"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn empty_agenda_says_so() {
    let nb = notebook().contact("ann", "Ann", "");
    let out = nb.run(["agenda"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "Nothing to do until 2026-11-28. Time to reach out to someone new?\n"
    );
    assert_rows(&nb, &[], &[]);
    let out = nb.run(["agenda", "--format", "json"]);
    assert_eq!(out.stdout, "[]\n");
}

// ---------------------------------------------------------------------------------------
// ics

#[test]
fn ics_parses_back_with_todos_and_events_and_stable_uids() {
    use icalendar::{CalendarComponent, Component, DatePerhapsTime};

    let nb = rich_notebook();
    let first = nb.run(["agenda", "--format", "ics"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let second = nb.run(["agenda", "--format", "ics"]);
    assert_eq!(first.stdout, second.stdout, "byte-identical on a re-run");
    assert!(first.stdout.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(first.stdout.ends_with("END:VCALENDAR\r\n"));

    let calendar: icalendar::Calendar = first.stdout.parse().expect("the output parses back");
    // `KIND UID DUE-OR-START` of each component; the time stamp of each is the start of --today.
    let when = |d: Option<DatePerhapsTime>| match d {
        Some(DatePerhapsTime::Date(d)) => d.to_string(),
        Some(DatePerhapsTime::DateTime(dt)) => format!("{dt:?}"),
        None => "none".to_owned(),
    };
    let mut got = Vec::new();
    for component in calendar.iter() {
        let (kind, stamp, uid, at) = match component {
            CalendarComponent::Todo(c) => {
                ("VTODO", c.get_timestamp(), c.get_uid(), when(c.get_due()))
            }
            CalendarComponent::Event(c) => (
                "VEVENT",
                c.get_timestamp(),
                c.get_uid(),
                when(c.get_start()),
            ),
            _ => continue,
        };
        assert_eq!(
            stamp.map(|t| t.to_rfc3339()),
            Some("2026-11-21T00:00:00+00:00".to_owned()),
            "DTSTAMP is the start of --today"
        );
        got.push(format!("{kind} {} {at}", uid.unwrap_or_default()));
    }
    assert_eq!(
        got,
        [
            "VTODO reconnect-fay-wu-20261013@ties 2026-10-13",
            "VTODO move-on-bob-ray-20261112@ties 2026-11-12",
            "VTODO follow-up-ann-lee-20261120@ties 2026-11-20",
            "VTODO thank-you-cy-ng-20261121T1530@ties Floating(2026-11-21T15:30:00)",
            "VTODO next-eli-cho-20261122@ties 2026-11-22",
            // A task's UID adds the FNV-1a hash of its text ("update my LinkedIn headline").
            "VTODO task-plan-20261123-ce062430@ties 2026-11-23",
            "VEVENT prepare-dee-fox-20261124T1030@ties Floating(2026-11-24T10:30:00)",
            "VEVENT event-2026-11-25-rust-meetup-20261125T1830@ties Floating(2026-11-25T18:30:00)",
        ]
    );
}

#[test]
fn ics_summaries_are_the_titles_and_uids_are_unique() {
    use icalendar::{CalendarComponent, Component};

    // Two tasks for one person on one day: their UIDs differ by the hash of their text.
    let nb = rich_notebook().file(
        "notes/plan.md",
        "# Plan\n\n- [ ] update my LinkedIn headline (due 2026-11-23)\n\
         - [ ] ask Ann for feedback (due 2026-11-23)\n",
    );
    let json = agenda_json(&nb, &[]);
    let out = nb.run(["agenda", "--format", "ics"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let calendar: icalendar::Calendar = out.stdout.parse().expect("the output parses back");
    let mut summaries = Vec::new();
    let mut uids = Vec::new();
    for component in calendar.iter() {
        let (summary, uid) = match component {
            CalendarComponent::Todo(c) => (c.get_summary(), c.get_uid()),
            CalendarComponent::Event(c) => (c.get_summary(), c.get_uid()),
            _ => continue,
        };
        summaries.push(summary.unwrap_or_default().to_owned());
        uids.push(uid.unwrap_or_default().to_owned());
    }
    let titles: Vec<String> = json.iter().map(|i| field(i, "title")).collect();
    assert_eq!(summaries, titles);
    assert_eq!(uids.len(), 9);
    let mut unique = uids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), uids.len(), "UIDs are unique: {uids:?}");
    let task_uids: Vec<&String> = uids.iter().filter(|u| u.starts_with("task-")).collect();
    assert_eq!(task_uids.len(), 2);
    for uid in task_uids {
        let hash = uid
            .strip_prefix("task-plan-20261123-")
            .and_then(|rest| rest.strip_suffix("@ties"))
            .unwrap_or_else(|| panic!("task UID `{uid}`"));
        assert!(
            hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
            "task UID `{uid}` ends in an 8-digit hex hash"
        );
    }
}

#[test]
fn contact_and_company_filters_take_names_and_refuse_unknown_ids() {
    let nb = notebook().company("acme", "Acme Corp", "").contact(
        "ann",
        "Ann Lee",
        "company: acme\nnext: \"2026-11-22 call\"\n",
    );
    assert_rows(
        &nb,
        &["--company", "Acme Corp"],
        &["upcoming next ann 2026-11-22"],
    );
    assert_rows(
        &nb,
        &["--contact", "[[ann]]"],
        &["upcoming next ann 2026-11-22"],
    );
    let out = nb.run(["agenda", "--company", "acm"]);
    assert_eq!(out.code, 2);
    out.assert_stderr_has("unknown company `acm` (did you mean `acme`?)");
    let out = nb.run(["list", "contacts", "--company", "acm"]);
    assert_eq!(out.code, 2);
    out.assert_stderr_has("unknown company `acm`");
}

// ---------------------------------------------------------------------------------------
// nudges: each kind at its threshold and one just under, the cap, the switches

/// A notebook with the nudges as `config` sets them (no [`QUIET`]).
fn nudge_notebook(config: &str) -> Notebook {
    Notebook::new().file("ties.yaml", config)
}

/// The nudge tests' notebooks are days old: `grace: 0d` lets them nudge at once (the grace
/// has its own test below).
const GOAL_ONLY: &str = "rules:\n  nudges: { coverage: false, event_follow_up: false }\n  grace: 0d\n\
                         goals:\n  weekly: { outreach: 3, chats: 0, events: 0 }\n";

#[test]
fn goal_nudge_on_saturday_at_two_of_three_and_none_at_three() {
    // Saturday 2026-11-21: 3 a week scaled to the five days gone is 3.
    let two = nudge_notebook(GOAL_ONLY)
        .contact("ann", "Ann", "reached_out: 2026-11-16\n")
        .contact("bob", "Bob", "reached_out: 2026-11-20\n")
        // Last week's outreach does not count toward this week.
        .contact("cy", "Cy", "reached_out: 2026-11-15\n");
    assert_rows(
        &two,
        &["--kind", "goal"],
        &["today goal outreach 2026-11-21"],
    );
    assert_titles(
        &two,
        &["--kind", "goal"],
        &[(
            "goal",
            "outreach",
            "Weekly goal behind pace: outreach 2/3 this week, 3 expected by Saturday; \
             what counts: a first message to someone (`reached_out`, or a first sent message)",
        )],
    );
    let three = two.contact("dee", "Dee", "reached_out: 2026-11-21\n");
    assert_rows(&three, &["--kind", "goal"], &[]);
    // On Thursday the pace is 2 (3 × 3/7, rounded up): two are enough.
    let thursday = nudge_notebook(GOAL_ONLY)
        .contact("ann", "Ann", "reached_out: 2026-11-16\n")
        .contact("bob", "Bob", "reached_out: 2026-11-18\n");
    assert_rows(&thursday, &["--today", "2026-11-19", "--kind", "goal"], &[]);
}

const COVERAGE_ONLY: &str = "rules:\n  nudges: { goal: false, event_follow_up: false }\n  grace: 0d\n\
                             goals:\n  people_per_company: { developer: 0, manager: 0, recruiter: 1 }\n  \
                             warm_contacts: 1\n";

#[test]
fn coverage_nudge_for_a_target_company_without_a_recruiter_and_none_with_one() {
    let short = nudge_notebook(COVERAGE_ONLY)
        .company("trailhead", "Trailhead Health", "status: target\n")
        // Not a target: no nudge, however few people are known there.
        .company("globex", "Globex", "")
        .contact(
            "ann",
            "Ann",
            "company: trailhead\nrole: developer\nwarmth: warm\n",
        );
    assert_titles(
        &short,
        &["--kind", "coverage"],
        &[(
            "coverage",
            "trailhead",
            "Trailhead Health: no recruiter yet",
        )],
    );
    let covered = short.contact("rae", "Rae", "company: trailhead\nrole: recruiter\n");
    assert_rows(&covered, &["--kind", "coverage"], &[]);
    // One recruiter of two wanted is still short; no warm contact is short of one.
    let two = covered
        .file(
            "ties.yaml",
            &COVERAGE_ONLY.replace("recruiter: 1", "recruiter: 2"),
        )
        .contact("ann", "Ann", "company: trailhead\nrole: developer\n");
    assert_titles(
        &two,
        &["--kind", "coverage"],
        &[
            ("coverage", "trailhead", "Trailhead Health: recruiters 1/2"),
            (
                "coverage",
                "warm-contacts",
                "Warm contacts: 0/1; what counts: contacts with `warmth: warm`",
            ),
        ],
    );
}

const EVENT_ONLY: &str = "rules:\n  nudges: { goal: false, coverage: false }\n";

#[test]
fn event_follow_up_within_three_days_of_the_event_and_cleared_by_a_later_interaction() {
    // 2026-11-18 is exactly `event_follow_up_within` (3d) before 2026-11-21; 11-17 one more.
    let nb = nudge_notebook(EVENT_ONLY)
        .contact("ana-ruiz", "Ana Ruiz", "")
        .contact("ben", "Ben", "")
        .event(
            "meetup",
            "Denver Rust Meetup",
            "2026-11-18",
            "met: [ana-ruiz]\n",
        )
        .event("fair", "Career Fair", "2026-11-17", "met: [ben]\n");
    assert_titles(
        &nb,
        &["--kind", "event-follow-up"],
        &[(
            "event-follow-up",
            "ana-ruiz",
            "Connect with Ana Ruiz, met at Denver Rust Meetup on 2026-11-18",
        )],
    );
    assert_rows(
        &nb,
        &["--kind", "event-follow-up"],
        &["overdue event-follow-up ana-ruiz 2026-11-19"],
    );
    // A longer window takes in the fair too.
    let longer = nb.file(
        "ties.yaml",
        &quiet("rules:\n  event_follow_up_within: 4d\n"),
    );
    assert_rows(
        &longer,
        &["--kind", "event-follow-up"],
        &[
            "overdue event-follow-up ben 2026-11-18",
            "overdue event-follow-up ana-ruiz 2026-11-19",
        ],
    );
    // A message to Ana after the meetup clears hers.
    let cleared = longer.file("ties.yaml", EVENT_ONLY).contact(
        "ana-ruiz",
        "Ana Ruiz",
        "reached_out: 2026-11-19\n",
    );
    assert_rows(&cleared, &["--kind", "event-follow-up"], &[]);
}

#[test]
fn nudges_are_capped_per_kind_and_a_switched_off_kind_is_silent() {
    let met = "met: [ann, bob, cy, dee]\n";
    let config = "rules:\n  nudges: { goal: false, coverage: false }\n  nudges_per_kind: 2\n";
    let nb = nudge_notebook(config)
        .contact("ann", "Ann", "")
        .contact("bob", "Bob", "")
        .contact("cy", "Cy", "")
        .contact("dee", "Dee", "")
        .event("meetup", "Meetup", "2026-11-20", met);
    assert_rows(
        &nb,
        &[],
        &[
            "today event-follow-up ann 2026-11-21",
            "today event-follow-up bob 2026-11-21",
        ],
    );
    let out = nb.run(["agenda"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_stdout_has("… 2 more event-follow-up (all of them: --kind event-follow-up)");
    let out = nb.run(["agenda", "--format", "markdown"]);
    out.assert_stdout_has("… 2 more event-follow-up");
    // Naming the kind shows them all.
    assert_eq!(agenda_json(&nb, &["--kind", "event-follow-up"]).len(), 4);

    let off = nb.file(
        "ties.yaml",
        "rules:\n  nudges: { goal: false, coverage: false, event_follow_up: false }\n",
    );
    assert_rows(&off, &[], &[]);
    assert_rows(&off, &["--kind", "event-follow-up"], &[]);
    let out = off.run(["agenda"]);
    assert!(!out.stdout.contains("more"), "{}", out.stdout);
}

/// [`rich_notebook`] with every nudge on and due: one item of every kind.
fn every_kind_notebook() -> Notebook {
    rich_notebook()
        .file(
            "ties.yaml",
            "owner: Sam Rivera\ngoals:\n  people_per_company: { developer: 1, manager: 0, recruiter: 0 }\n  \
             warm_contacts: 1\n  weekly: { outreach: 3, chats: 0, events: 0 }\n",
        )
        .company("globex", "Globex", "status: target\n")
        .contact("gus-kim", "Gus Kim", "")
        .event("meetup", "Meetup", "2026-11-19", "met: [gus-kim]\n")
}

#[test]
fn every_kind_says_how_to_clear_it() {
    let nb = every_kind_notebook();
    let items = agenda_json(&nb, &[]);
    // `ties done SHORT` where no recording command answers the item: the short key is the
    // item's own.
    let got: Vec<[String; 3]> = items
        .iter()
        .map(|i| {
            let clear = field(i, "clear");
            let done = format!("ties done {}", field(i, "short"));
            let clear = if clear == done {
                "DONE".to_owned()
            } else {
                clear
            };
            [field(i, "kind"), field(i, "id"), clear]
        })
        .collect();
    let want = [
        // No outreach to Fay yet: a first message.
        ["reconnect", "fay-wu", "ties log outreach fay-wu"],
        ["move-on", "bob-ray", "ties close bob-ray"],
        ["follow-up", "ann-lee", "ties log follow-up ann-lee"],
        ["event-follow-up", "gus-kim", "ties log outreach gus-kim"],
        ["thank-you", "cy-ng", "ties log thank-you 2026-11-20-cy-ng"],
        ["coverage", "globex", "DONE"],
        ["coverage", "warm-contacts", "DONE"],
        // Nudges of a day by who: "Globex", "warm contacts", "weekly outreach".
        ["goal", "outreach", "DONE"],
        ["next", "eli-cho", "DONE"],
        ["task", "plan", "DONE"],
        ["prepare", "dee-fox", "DONE"],
        ["event", "2026-11-25-rust-meetup", "DONE"],
    ];
    assert_eq!(got, want.map(|row| row.map(str::to_owned)));
    let kinds: std::collections::BTreeSet<&str> = want.iter().map(|r| r[0]).collect();
    assert_eq!(kinds.len(), 11, "every kind: {kinds:?}");
    // The other way to clear a coverage nudge, beside the hint.
    let globex = items.iter().find(|i| field(i, "id") == "globex").unwrap();
    assert_eq!(
        field(globex, "also"),
        "or: ties new contact NAME --company globex --role developer"
    );
    // In text, under the item.
    let out = nb.run(["agenda"]);
    out.assert_stdout_has("→ ties log follow-up ann-lee");
}

// ---------------------------------------------------------------------------------------
// --explain KEY

/// `agenda --explain KEY` (then `args`): its stdout; exit must be 0.
fn explain(nb: &Notebook, key: &str, args: &[&str]) -> String {
    let mut all = vec!["agenda", "--explain", key];
    all.extend_from_slice(args);
    let out = nb.run(all);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    out.stdout
}

#[test]
fn explain_says_the_rule_its_setting_and_the_dates_of_dated_items() {
    let nb = rich_notebook();
    assert_eq!(
        explain(&nb, "follow-up-ann-lee-20261120", &[]),
        "follow-up-ann-lee-20261120 (trdz)  follow-up, due 2026-11-20 (1 day overdue)\n\
         \x20 Follow up with Ann Lee: no reply since 2026-11-13 (follow-up 1 of 2)  contacts/ann-lee.md\n\
         why:\n\
         \x20 rule: follow-up: 0 follow-up(s) sent, rules.max_follow_ups 2\n\
         \x20 outreach 2026-11-13 (`reached_out`, `followed_up`, sent messages); no `replied`, \
         no received message, done or booked chat since 2026-11-13\n\
         \x20 last outreach 2026-11-13; rules.follow_up_after 1w → due 2026-11-20\n\
         clear: ties log follow-up ann-lee\n"
    );
    let cases = [
        (
            "move-on-bob-ray-20261112",
            "rule: move-on: 2 follow-up(s) sent, rules.max_follow_ups 2",
        ),
        (
            "thank-you-cy-ng-20261121T1530",
            "coffee chat 2026-11-20 14:30 in chats/2026-11-20-cy-ng.md, over at 2026-11-20 15:30; \
             rules.thank_you_within 1d → due 2026-11-21 15:30",
        ),
        (
            "thank-you-cy-ng-20261121T1530",
            "rules.thank_you_expires 1w → gone from 2026-11-28 15:30",
        ),
        (
            "prepare-dee-fox-20261124T1030",
            "2 question(s) under `## Questions`; rules.prepare_questions 5",
        ),
        (
            "reconnect-fay-wu-20261013",
            "last interaction 2026-07-15; rules.stay_in_touch 90d → due 2026-10-13",
        ),
        (
            "next-eli-cho-20261122",
            "next 2026-11-22: send portfolio in contacts/eli-cho.md",
        ),
        (
            "task-plan-20261123-ce062430",
            "`update my LinkedIn headline` due 2026-11-23 in notes/plan.md",
        ),
        (
            "event-2026-11-25-rust-meetup-20261125T1830",
            "Rust Meetup on 2026-11-25 18:30 in events/2026-11-25-rust-meetup.md",
        ),
    ];
    for (key, line) in cases {
        let text = explain(&nb, key, &[]);
        assert!(text.contains(&format!("\n  {line}\n")), "{key}: {text}");
    }
    // A setting changed in ties.yaml is the one named.
    let nb = nb.file("ties.yaml", &quiet("rules:\n  follow_up_after: 5d\n"));
    let text = explain(&nb, "follow-up-ann-lee-20261118", &[]);
    assert!(
        text.contains("rules.follow_up_after 5d → due 2026-11-18"),
        "{text}"
    );
}

#[test]
fn explain_finds_capped_nudges_and_items_past_the_horizon() {
    let config = "rules:\n  nudges: { goal: false, coverage: false }\n  nudges_per_kind: 1\n";
    let nb = nudge_notebook(config)
        .contact("ann", "Ann", "next: \"2026-12-15 coffee\"\n")
        .contact("bob", "Bob", "")
        .event("meetup", "Meetup", "2026-11-20", "met: [ann, bob]\n");
    assert_rows(&nb, &[], &["today event-follow-up ann 2026-11-21"]);
    let text = explain(&nb, "event-follow-up-bob-20261121", &[]);
    assert!(
        text.contains(
            "  left out by rules.nudges_per_kind 1: \"… N more event-follow-up\"; \
             all of them: --kind event-follow-up\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("  events/2026-11-20-meetup.md lists them in `met` on 2026-11-20"),
        "{text}"
    );
    let text = explain(&nb, "next-ann-20261215", &[]);
    assert!(
        text.contains("  due after the agenda's last day, 2026-11-28 (rules.horizon or --days): not shown yet\n"),
        "{text}"
    );
    assert!(!explain(&nb, "next-ann-20261215", &["--days", "30"]).contains("not shown"));

    let json: Value = serde_json::from_str(&explain(
        &nb,
        "event-follow-up-bob-20261121",
        &["--format", "json"],
    ))
    .expect("JSON");
    assert_eq!(json["key"], "event-follow-up-bob-20261121");
    assert_eq!(json["capped"], true);
    assert_eq!(json["clear"], "ties log outreach bob");
    let why: Vec<&str> = json["why"]
        .as_array()
        .expect("why is an array")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(why[0].starts_with("rule: event-follow-up: "), "{why:?}");
    assert_eq!(why.len(), 3, "{why:?}");
}

#[test]
fn explain_an_unknown_key_is_a_usage_error_with_the_closest_key() {
    let nb = rich_notebook();
    let before = nb.all_bytes();
    let out = nb.run(["agenda", "--explain", "follow-up-ann-le-20261120"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert_eq!(out.stdout, "");
    out.assert_stderr_has(
        "no agenda item has the key `follow-up-ann-le-20261120` (did you mean `follow-up-ann-lee-20261120`?)",
    );
    let out = nb.run(["agenda", "--explain", "zzz"]);
    assert_eq!(out.code, 2);
    assert!(!out.stderr.contains("did you mean"), "{}", out.stderr);
    assert_eq!(nb.all_bytes(), before);
}
