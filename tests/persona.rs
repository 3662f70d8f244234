//! The persona notebook, `tests/fixtures/persona`: Riley Novak, a bootcamp graduate in a job
//! hunt (21 contacts, 6 companies of which 5 targets, done, planned and message chats,
//! events with goals, tasks, dormant ties, a referral). Other tests copy it and move the
//! clock through the week of 2026-12-07 with `--now`.

use std::path::Path;

use crate::support::{Notebook, fixture};

/// A throw-away copy of the persona notebook.
pub(crate) fn persona() -> Notebook {
    let nb = Notebook::new();
    copy(&fixture("persona"), nb.path(), Path::new(""));
    nb
}

fn copy(from: &Path, to: &Path, rel: &Path) {
    for entry in std::fs::read_dir(from.join(rel)).expect("read fixture") {
        let entry = entry.expect("entry");
        let rel = rel.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(to.join(&rel)).expect("mkdir");
            copy(from, to, &rel);
        } else {
            std::fs::copy(entry.path(), to.join(&rel)).expect("copy");
        }
    }
}

#[test]
fn the_persona_notebook_checks_clean() {
    let nb = persona();
    let out = nb.run(["--now", "2026-12-07 08:30", "check", "--deny-warnings"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    out.assert_stdout_starts("0 errors, 0 warnings in 41 files");
}

/// The words of a hint as a shell would split them (`ties log thank-you "2026-11-18 Ann"`):
/// spaces separate words, double quotes group them, a backslash escapes the next character.
pub(crate) fn shell_words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let (mut quoted, mut started) = (false, false);
    let mut chars = command.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                started = true;
            }
            '\\' => word.extend(chars.next()),
            ' ' if !quoted => {
                if started || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                started = false;
            }
            c => word.push(c),
        }
    }
    if started || !word.is_empty() {
        words.push(word);
    }
    words
}

/// The agenda of `nb` as JSON at `now`, with `args`.
pub(crate) fn items(nb: &Notebook, now: &str, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["--now", now, "agenda", "--format", "json"];
    all.extend_from_slice(args);
    let out = nb.run(all);
    assert_eq!(out.code, 0, "agenda at {now}: {}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

fn text(item: &serde_json::Value, key: &str) -> String {
    item[key].as_str().unwrap_or_default().to_owned()
}

/// Runs the hint of `item` (its `clear`) as a command at `now`; it must succeed.
pub(crate) fn run_hint(nb: &Notebook, now: &str, item: &serde_json::Value) {
    let clear = text(item, "clear");
    let words = shell_words(&clear);
    assert_eq!(words[0], "ties", "a hint is a command: {clear}");
    let mut args = vec!["--now".to_owned(), now.to_owned()];
    args.extend(words[1..].iter().cloned());
    let out = nb.run(&args);
    assert_eq!(
        out.code,
        0,
        "`{clear}` at {now} for {}:\n{}{}",
        text(item, "title"),
        out.stdout,
        out.stderr
    );
}

#[test]
fn hints_are_split_as_a_shell_splits_them() {
    assert_eq!(
        shell_words(r#"ties log thank-you "2026-11-18 Priya Shah" --x "" a\"b"#),
        [
            "ties",
            "log",
            "thank-you",
            "2026-11-18 Priya Shah",
            "--x",
            "",
            "a\"b"
        ]
    );
}

/// The persona's week, Monday 2026-12-07 to Sunday 2026-12-13, morning and evening: every
/// item overdue or due today is cleared by running its own hint, as printed; the agenda
/// then holds nothing overdue or due today, and no item cleared comes back later in the
/// week. On Sunday evening every item still shown (the days ahead included) is cleared the
/// same way.
#[test]
fn the_persona_week_every_item_clears_by_its_hint_and_none_comes_back() {
    let nb = persona();
    let mut cleared = std::collections::BTreeMap::<String, String>::new();
    let mut kinds = std::collections::BTreeSet::new();
    let times = ["08:30", "19:00"];
    let days = [
        "2026-12-07",
        "2026-12-08",
        "2026-12-09",
        "2026-12-10",
        "2026-12-11",
        "2026-12-12",
        "2026-12-13",
    ];
    for (d, day) in days.iter().enumerate() {
        for (t, time) in times.iter().enumerate() {
            let now = format!("{day} {time}");
            let last = d == days.len() - 1 && t == times.len() - 1;
            // Clearing one item may bring its successor (a follow-up after an outreach is
            // due a week later): run until nothing is left to do now. A bounded loop: an
            // item that never clears fails below, not by hanging.
            for round in 0..10 {
                // On Sunday evening, the days ahead too, once: a follow-up made by clearing
                // an item is due a week later, and cannot be sent again the same day.
                let ahead = last && round == 0;
                let due: Vec<serde_json::Value> = items(&nb, &now, &[])
                    .into_iter()
                    .filter(|i| ahead || text(i, "group") != "upcoming")
                    .collect();
                for item in &due {
                    let key = text(item, "key");
                    assert!(
                        !cleared.contains_key(&key),
                        "{key} came back at {now}, cleared at {}: {item}",
                        cleared[&key]
                    );
                }
                if due.is_empty() {
                    break;
                }
                for item in &due {
                    run_hint(&nb, &now, item);
                    kinds.insert(text(item, "kind"));
                    cleared.insert(text(item, "key"), now.clone());
                }
                let after: Vec<String> = items(&nb, &now, &["--days", "30"])
                    .iter()
                    .map(|i| text(i, "key"))
                    .collect();
                for item in &due {
                    let key = text(item, "key");
                    assert!(
                        !after.contains(&key),
                        "`{}` did not clear {key} at {now}",
                        text(item, "clear")
                    );
                }
            }
            let left: Vec<String> = items(&nb, &now, &[])
                .iter()
                .filter(|i| text(i, "group") != "upcoming")
                .map(|i| format!("{} {}", text(i, "key"), text(i, "clear")))
                .collect();
            assert!(left.is_empty(), "still to do at {now}: {left:?}");
        }
    }
    // The week met every kind of item the persona's notebook can raise but a goal nudge:
    // clearing everything as it comes keeps each weekly goal on pace (Monday's revived ties
    // are three first messages; Wednesday's meetup and the chats are booked).
    for kind in [
        "follow-up",
        "move-on",
        "thank-you",
        "prepare",
        "next",
        "task",
        "reconnect",
        "event",
        "coverage",
        "event-follow-up",
        "birthday",
        "reply",
        "referral",
    ] {
        assert!(kinds.contains(kind), "no {kind} in the week: {kinds:?}");
    }
    // Every edit left the notebook clean.
    let out = nb.run(["--now", "2026-12-13 20:00", "check"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    out.assert_stdout_starts("0 errors, 0 warnings");
}

/// Every hint of the example notebook (at 2026-11-21) and of the persona notebook (at
/// 2026-12-07 08:30), a month ahead, run as printed: each item is gone afterwards.
#[test]
fn every_hint_of_the_example_and_persona_notebooks_clears_its_item() {
    let example = Notebook::new();
    copy(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-notebook"),
        example.path(),
        Path::new(""),
    );
    for (nb, now) in [
        (example, "2026-11-21 09:00"),
        (persona(), "2026-12-07 08:30"),
    ] {
        let all = items(&nb, now, &["--days", "30"]);
        assert!(all.len() > 15, "{} items only at {now}", all.len());
        for item in &all {
            run_hint(&nb, now, item);
            let key = text(item, "key");
            let after: Vec<String> = items(&nb, now, &["--days", "30"])
                .iter()
                .map(|i| text(i, "key"))
                .collect();
            assert!(
                !after.contains(&key),
                "`{}` did not clear {key}",
                text(item, "clear")
            );
        }
        let out = nb.run(["--now", now, "check"]);
        assert_eq!(out.code, 0, "{}", out.stdout);
    }
}
