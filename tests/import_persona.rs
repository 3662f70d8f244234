//! Issue 24, "done when": the persona's week (`tests/fixtures/persona`, replayed in
//! `persona` and `clears`) rebuilt from the history its owner already has. The notebook
//! without a single hand-recorded chat, plus `ties import ics calendar.ics` and `ties import
//! linkedin messages.csv` (`tests/fixtures/persona-history`: the seven meetings as Google
//! exports them, Riley's questions written in the invitations; the LinkedIn messages with
//! Chris and the thank-you to Grace, a draft among them), prints the same agenda, morning
//! and evening of every day of the week, as the notebook recorded by hand.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::persona::persona;
use crate::support::{Notebook, Output, fixture, run, ties};

/// Riley lives in Denver: the exports' UTC times become Denver's, as the notebook keeps them.
fn at(nb: &Notebook, now: &str, args: &[&str]) -> Output {
    let mut cmd = ties();
    cmd.current_dir(nb.path())
        .env("TZ", "America/Denver")
        .args(["--now", now])
        .args(args);
    run(&mut cmd)
}

fn history(name: &str) -> String {
    let path: PathBuf = fixture("persona-history").join(name);
    path.to_string_lossy().into_owned()
}

fn chats(nb: &Notebook) -> BTreeSet<String> {
    nb.records()
        .into_keys()
        .filter(|k| k.starts_with("chats/"))
        .collect()
}

/// `ties import WHAT FILE` of the persona's history at `now`, which must succeed and end
/// its summary with `… and SUMMARY in the notebook`; its stderr (the notes).
#[track_caller]
fn import(nb: &Notebook, now: &str, what: &str, file: &str, summary: &str) -> String {
    let out = at(nb, now, &["import", what, &history(file)]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .ends_with(&format!("{summary} in the notebook\n")),
        "{}",
        out.stdout
    );
    out.stderr
}

/// The persona notebook with its chats imported instead of typed.
fn rebuilt() -> Notebook {
    let nb = persona();
    for chat in chats(&nb) {
        std::fs::remove_file(nb.path().join(chat)).expect("remove a hand-recorded chat");
    }
    let now = "2026-12-07 08:00";
    import(
        &nb,
        now,
        "ics",
        "calendar.ics",
        "7 chats; 7 new meetings, 0 already",
    );
    let messages = import(
        &nb,
        now,
        "linkedin",
        "messages.csv",
        "3 chats; 3 new messages, 0 already",
    );
    assert!(
        messages.contains("note: left out: 1 draft(s)"),
        "{messages}"
    );
    nb
}

#[test]
fn the_persona_week_rebuilt_from_a_calendar_and_messages_has_the_same_agenda() {
    let hand = persona();
    let nb = rebuilt();
    let out = at(&nb, "2026-12-07 08:00", &["check", "--deny-warnings"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    // The same chats under the same names (a chat is named by its contact's id, as `ties
    // new chat` names it: Chris O'Connor's are `chris-oconnor`), and the thank-you message
    // to Grace beside the coffee chat it thanks for.
    let mut expected = chats(&hand);
    expected.insert("chats/2026-12-01-grace-whitfield-2.md".to_owned());
    assert_eq!(chats(&nb), expected);
    let derek = nb.read("chats/2026-12-08-derek-olsen.md");
    assert_eq!(
        derek,
        "---\nwith: derek-olsen\ndate: 2026-12-08 12:00\nkind: coffee-chat\nmedium: zoom\n\
         duration: 30min\nuid: ics:coffee-derek-1208@google.com\n---\n\
         **Coffee chat with Derek Olsen**\n\n## Questions\n\
         - What does Harbor Health look for in a Software Engineer I?\n\
         - How does a bootcamp grad's application get read?\n\
         - What does the interview loop look like?\n\n## To do\n\
         - [ ] Read Harbor Health's engineering blog (due 2026-12-07)\n"
    );
    let chris = nb.read("chats/2026-12-06-chris-oconnor.md");
    assert!(
        chris.starts_with(
            "---\nwith: chris-oconnor\ndate: 2026-12-06 18:20\nkind: message\n\
             direction: received\nmedium: linkedin\n"
        ),
        "{chris}"
    );
    for day in 7..=13 {
        for time in ["08:30", "19:00"] {
            let now = format!("2026-12-{day:02} {time}");
            let by_hand = at(&hand, &now, &["agenda"]);
            let imported = at(&nb, &now, &["agenda"]);
            assert_eq!(by_hand.code, imported.code, "{now}");
            assert_eq!(by_hand.stdout, imported.stdout, "the agenda at {now}");
        }
    }
}

#[test]
fn the_persona_history_imported_again_adds_nothing() {
    let nb = rebuilt();
    let before = nb.all_bytes();
    let now = "2026-12-09 20:00";
    import(&nb, now, "ics", "calendar.ics", "0 new meetings, 7 already");
    import(
        &nb,
        now,
        "linkedin",
        "messages.csv",
        "0 new messages, 3 already",
    );
    assert_eq!(nb.all_bytes(), before);
}
