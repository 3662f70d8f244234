//! `ties log`, `snooze`, `close`, `pause`, `resume`, `done` (issue 12) on a fixture of
//! hand-written files in many styles: for every command the exact bytes after the edit, a
//! dry run that shows one changed line and writes nothing, no new diagnostic, and the agenda
//! item the action answers gone. Refusals leave every byte as it was.

use std::collections::BTreeSet;

use crate::support::{Notebook, ties};

const DEREK: &str = "\u{feff}---\r\nname: Derek Olsen\r\nreached_out: \"2026-11-01\"   # LinkedIn\r\nfollowed_up:\r\n  - 2026-11-08  # nudge\r\n---\r\nBody\twith a tab, no trailing newline";
const ANA: &str = "---\nname: Ana Lima\nreached_out: 2026-11-01 # email\nfollowed_up: 2026-11-08\ntags: [design, 'remote']\n---\n# Notes\n";
const BO: &str = "---\nname: Bo Chen\nstatus: paused  # on leave\ntags:\n- data\n---\n";
const CHAT: &str = "---\nwith: [\"[[ana-lima]]\"]\ndate: '2026-11-19'\nkind: coffee-chat\n---\n- [ ] Send CV (due 2026-11-22)\n\t- [ ] Other\n";
const MEETUP: &str = "---\nname: Rust Meetup\ndate: 2026-11-10\nmet:\n  - \"[[bo-chen]]\"\n---\n";

fn notebook() -> Notebook {
    Notebook::new()
        .file("contacts/derek-olsen.md", DEREK)
        .file("contacts/ana-lima.md", ANA)
        .file("contacts/bo-chen.md", BO)
        .file("chats/2026-11-19-ana-lima.md", CHAT)
        .file("events/rust-meetup.md", MEETUP)
}

/// `check --format json` as a set of (code, path, line), so a shifted line is a new one.
fn diagnostics(nb: &Notebook) -> BTreeSet<String> {
    nb.json_diagnostics()
        .iter()
        .map(|d| format!("{} {} {}", d["code"], d["path"], d["message"]))
        .collect()
}

/// The agenda items as `kind id`.
fn agenda(nb: &Notebook) -> Vec<String> {
    let out = nb.run(["agenda", "--format", "json", "--days", "30"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let items: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    crate::support::joined(&items, &["kind", "id"])
}

/// Runs `args` with `--dry-run` (one `+` line, nothing written), then for real: `file` then
/// holds `original` with `from` replaced by `to`, the check finds nothing new, and the
/// agenda item `answered` (if any) is gone. A second run changes nothing and exits 0.
#[track_caller]
fn records(args: &[&str], file: &str, original: &str, from: &str, to: &str, answered: &str) {
    let nb = notebook();
    let before = nb.all_bytes();
    let checked = diagnostics(&nb);
    if !answered.is_empty() {
        assert!(
            agenda(&nb).contains(&answered.to_owned()),
            "{:?}",
            agenda(&nb)
        );
    }
    let mut dry = args.to_vec();
    dry.push("--dry-run");
    let out = nb.run(&dry);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let plus = out
        .stdout
        .lines()
        .filter(|l| {
            l.starts_with("+ ")
                || l.starts_with("+\t")
                || (l.starts_with('+') && !l.starts_with("+++"))
        })
        .count();
    let minus = out
        .stdout
        .lines()
        .filter(|l| l.starts_with('-') && !l.starts_with("---"))
        .count();
    assert_eq!(plus, 1, "{}", out.stdout);
    assert!(minus <= 1, "{}", out.stdout);
    assert!(
        out.stdout
            .starts_with(&format!("--- a/{file}\n+++ b/{file}\n@@ ")),
        "{}",
        out.stdout
    );
    assert_eq!(nb.all_bytes(), before, "a dry run wrote");

    let out = nb.run(args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with(file), "{}", out.stdout);
    assert!(out.stdout.contains("recorded: "), "{}", out.stdout);
    assert!(original.contains(from), "{from:?} not in the fixture");
    let expected = original.replacen(from, to, 1);
    assert_eq!(
        String::from_utf8(std::fs::read(nb.path().join(file)).unwrap()).unwrap(),
        expected
    );
    assert_eq!(diagnostics(&nb), checked, "the edit added a diagnostic");
    if !answered.is_empty() {
        assert!(
            !agenda(&nb).contains(&answered.to_owned()),
            "{:?}",
            agenda(&nb)
        );
    }
    // For `done` the item is gone with the tick, yet its key still names the ticked task.
    let again = nb.run(args);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.contains("nothing changed"), "{}", again.stdout);
    assert_eq!(
        String::from_utf8(std::fs::read(nb.path().join(file)).unwrap()).unwrap(),
        expected
    );
}

const DEREK_PATH: &str = "contacts/derek-olsen.md";
const ANA_PATH: &str = "contacts/ana-lima.md";
const BO_PATH: &str = "contacts/bo-chen.md";

#[test]
fn follow_up_to_a_block_list_keeps_crlf_bom_and_the_body() {
    records(
        &["log", "follow-up", "Derek Olsen"],
        DEREK_PATH,
        DEREK,
        "  # nudge\r\n",
        "  # nudge\r\n  - 2026-11-21\r\n",
        "follow-up derek-olsen",
    );
}

#[test]
fn follow_up_turns_a_scalar_into_a_flow_list() {
    records(
        &["log", "follow-up", "[[ana-lima]]", "--date", "2026-11-20"],
        ANA_PATH,
        ANA,
        "followed_up: 2026-11-08\n",
        "followed_up: [2026-11-08, 2026-11-20]\n",
        "",
    );
}

#[test]
fn reply_adds_a_line_at_the_end_of_the_front_matter() {
    records(
        &["log", "reply", "ana-lima", "--date", "2026-11-20"],
        ANA_PATH,
        ANA,
        "'remote']\n",
        "'remote']\nreplied: 2026-11-20\n",
        "",
    );
}

#[test]
fn outreach_sets_reached_out() {
    records(
        &["log", "outreach", "bo-chen"],
        BO_PATH,
        BO,
        "- data\n",
        "- data\nreached_out: 2026-11-21\n",
        "",
    );
}

#[test]
fn thank_you_on_a_contact_finds_their_chat() {
    records(
        &["log", "thank-you", "Ana Lima"],
        "chats/2026-11-19-ana-lima.md",
        CHAT,
        "coffee-chat\n",
        "coffee-chat\nthanked: 2026-11-21\n",
        "thank-you ana-lima",
    );
}

#[test]
fn met_appends_an_id_in_the_style_of_the_list() {
    records(
        &["log", "met", "Rust Meetup", "ana-lima"],
        "events/rust-meetup.md",
        MEETUP,
        "[[bo-chen]]\"\n",
        "[[bo-chen]]\"\n  - \"[[ana-lima]]\"\n",
        "",
    );
}

#[test]
fn snooze_takes_a_duration() {
    records(
        &["snooze", "derek-olsen", "2w"],
        DEREK_PATH,
        DEREK,
        "  # nudge\r\n",
        "  # nudge\r\nsnooze: 2026-12-05\r\n",
        "follow-up derek-olsen",
    );
}

#[test]
fn close_and_pause_set_status() {
    records(
        &["close", "ana-lima"],
        ANA_PATH,
        ANA,
        "'remote']\n",
        "'remote']\nstatus: closed\n",
        "thank-you ana-lima",
    );
    records(
        &["pause", "derek-olsen"],
        DEREK_PATH,
        DEREK,
        "  # nudge\r\n",
        "  # nudge\r\nstatus: paused\r\n",
        "follow-up derek-olsen",
    );
}

#[test]
fn resume_replaces_only_the_value() {
    records(
        &["resume", "bo-chen"],
        BO_PATH,
        BO,
        "status: paused  #",
        "status: active  #",
        "",
    );
}

/// The key of the first task on the agenda (`agenda --format json`).
fn task_key(nb: &Notebook) -> String {
    let out = nb.run(["agenda", "--format", "json"]);
    let items: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    items
        .iter()
        .find(|i| i["kind"] == "task")
        .map(|i| i["key"].as_str().unwrap().to_owned())
        .unwrap()
}

#[test]
fn done_ticks_the_task_of_the_key() {
    let nb = notebook();
    let key = task_key(&nb);
    assert!(key.starts_with("task-ana-lima-20261122-"), "{key}");
    records(
        &["done", &key],
        "chats/2026-11-19-ana-lima.md",
        CHAT,
        "- [ ] Send",
        "- [x] Send",
        "task ana-lima",
    );
}

#[test]
fn done_on_a_task_ticked_by_hand_says_so() {
    let nb = notebook();
    let key = task_key(&nb);
    // Ticked in an editor, and the contact paused since: the key still names the task.
    let nb = nb
        .file(
            "chats/2026-11-19-ana-lima.md",
            &CHAT.replacen("- [ ] Send", "- [X] Send", 1),
        )
        .file(
            ANA_PATH,
            &ANA.replacen("'remote']\n", "'remote']\nstatus: paused\n", 1),
        );
    let before = nb.all_bytes();
    let out = nb.run(["done", &key]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "chats/2026-11-19-ana-lima.md\nalready recorded: done: Send CV; nothing changed\n"
    );
    assert_eq!(nb.all_bytes(), before);
}

#[test]
fn refusals_leave_every_byte() {
    let nb = notebook().file(
        "contacts/cy.md",
        "---\nname: Cy\nreached_out: 2026-13-01\n---\n",
    );
    let before = nb.all_bytes();
    for (args, says) in [
        (&["log", "outreach", "ana-lima"][..], "already 2026-11-01"),
        (&["log", "follow-up", "cy"], "has errors"),
        (&["log", "follow-up", "nobody"], "unknown contact"),
        (&["done", "task-nope"], "no agenda item"),
        (
            &["snooze", "ana-lima", "2026-11-21"],
            "is not after 2026-11-21",
        ),
        (&["snooze", "ana-lima", "3m"], "minutes or months?"),
        (
            &["snooze", "ana-lima", "99999y"],
            "too long: a snooze lasts at most 1000y",
        ),
        (
            &["snooze", "nobody", "2w"],
            "unknown contact or agenda item",
        ),
    ] {
        let out = nb.run(args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stdout);
        assert!(out.stderr.contains(says), "{args:?}: {}", out.stderr);
        assert_eq!(nb.all_bytes(), before, "{args:?} wrote");
    }
}

/// `ties` asked for completions the way a shell's script asks (`clap_complete`'s protocol:
/// `COMPLETE=SHELL`, then the words after `--`), from `dir`.
fn complete(dir: &std::path::Path, shell: &str, words: &[&str]) -> crate::support::Output {
    let mut cmd = ties();
    cmd.current_dir(dir)
        .env("COMPLETE", shell)
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .arg("--")
        .args(words);
    crate::support::run(&mut cmd)
}

#[test]
fn completion_offers_the_ids_of_the_notebook_found_from_the_current_folder() {
    let nb = notebook().dir("chats/2026");
    let here = nb.path().join("chats/2026");
    let out = complete(&here, "bash", &["ties", "log", "follow-up", "d"]);
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "derek-olsen"),
        "{}",
        out.stderr
    );
    // fish shows the name beside the id; `show` takes any record, `met` an event first.
    let out = complete(&here, "fish", &["ties", "show", ""]);
    let ids: Vec<&str> = out.stdout.lines().filter(|l| !l.starts_with('-')).collect();
    assert_eq!(
        ids,
        [
            "2026-11-19-ana-lima",
            "ana-lima\tAna Lima",
            "bo-chen\tBo Chen",
            "derek-olsen\tDerek Olsen",
            "rust-meetup\tRust Meetup",
        ]
    );
    let out = complete(&here, "fish", &["ties", "log", "met", "r"]);
    assert_eq!(out.stdout, "rust-meetup\tRust Meetup\n");
    let out = complete(&here, "fish", &["ties", "log", "met", "rust-meetup", "b"]);
    assert_eq!(out.stdout, "bo-chen\tBo Chen\n");
    // No notebook: no ids, and nothing on stderr to spoil the command line.
    let out = complete(Notebook::bare().path(), "bash", &["ties", "close", "d"]);
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "", "")
    );
}

/// The script `COMPLETE=bash ties` prints, sourced into bash and called as bash calls it on
/// Tab, fills `COMPREPLY` with the ids.
#[cfg(unix)]
#[test]
fn the_bash_script_completes_ids() {
    let nb = notebook();
    let script = r#"source <(COMPLETE=bash "$TIES")
COMP_WORDS=(ties snooze de); COMP_CWORD=2; COMP_TYPE=9
_clap_complete_ties ties de snooze
printf '%s\n' "${COMPREPLY[@]}""#;
    let out = std::process::Command::new("bash")
        .args(["-c", script])
        .env("TIES", env!("CARGO_BIN_EXE_ties"))
        .env_remove("COMPLETE")
        .env_remove("TIES_NOTEBOOK")
        .current_dir(nb.path())
        .output()
        .expect("run bash");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "derek-olsen\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
