//! `ties explain`, `ties --version` and `ties help`: commands that need no notebook.

use crate::support::{Output, run, ties};

/// Every rule code with its severity, from the table of docs/format.md: the user's reference,
/// so the binary must agree with it (the code table itself is `src/findings.rs`).
fn documented_codes() -> Vec<(String, String)> {
    let format = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/format.md"))
        .expect("docs/format.md");
    let table = format
        .split("## Rule codes")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("docs/format.md has a `## Rule codes` section");
    table
        .lines()
        .filter_map(|l| {
            let mut cells = l.split('|').map(str::trim).skip(1);
            let code = cells.next()?;
            let severity = cells.next()?;
            (code.len() == 4 && code.starts_with('T'))
                .then(|| (code.to_owned(), severity.to_owned()))
        })
        .collect()
}

const SECTIONS: [&str; 4] = ["What it checks", "Why it matters", "Example", "How to fix"];

/// Runs `ties ARGS…` outside any notebook.
fn ties_outside(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut cmd = ties();
    cmd.args(args).current_dir(dir.path());
    let out = run(&mut cmd);
    out.assert_no_crash();
    out
}

#[test]
fn explain_t201_prints_four_sections_in_order() {
    let out = ties_outside(&["explain", "T201"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    assert_eq!(
        out.stdout.lines().next(),
        Some("T201 unknown-reference (error)")
    );
    let positions: Vec<usize> = SECTIONS
        .iter()
        .map(|s| {
            out.stdout
                .find(&format!("## {s}\n"))
                .unwrap_or_else(|| panic!("no `## {s}` section in:\n{}", out.stdout))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "sections out of order: {positions:?}"
    );
    // The example is the rule's own: a company reference.
    out.assert_stdout_has("company: acm");
}

#[test]
fn explain_accepts_lower_case_codes() {
    let upper = ties_outside(&["explain", "T106"]);
    let lower = ties_outside(&["explain", "t106"]);
    assert_eq!(lower.code, 0);
    assert_eq!(lower.stdout, upper.stdout);
}

#[test]
fn explain_every_code_has_the_four_sections() {
    let codes = documented_codes();
    assert!(codes.len() >= 25, "{codes:?}");
    for (code, severity) in &codes {
        let out = ties_outside(&["explain", code]);
        assert_eq!(out.code, 0, "{code}: {}", out.stderr);
        let first = out.stdout.lines().next().unwrap_or("");
        assert!(
            first.starts_with(&format!("{code} ")) && first.ends_with(&format!("({severity})")),
            "{code}: header {first:?}"
        );
        for section in SECTIONS {
            out.assert_stdout_has(&format!("## {section}\n"));
        }
    }
}

#[test]
fn explain_without_a_code_lists_every_code() {
    let out = ties_outside(&["explain"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let listed: Vec<(String, String)> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with('T'))
        .map(|l| {
            let mut words = l.split_whitespace().map(str::to_owned);
            (
                words.next().unwrap_or_default(),
                words.next().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(listed, documented_codes());
    out.assert_stdout_has("ties explain CODE");
}

#[test]
fn explain_unknown_code_exits_2_and_lists_the_codes() {
    let out = ties_outside(&["explain", "T999"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    out.assert_stderr_has("T999");
    for (code, _) in documented_codes() {
        out.assert_stderr_has(&code);
    }
}

#[test]
fn explain_near_miss_suggests_a_code() {
    let out = ties_outside(&["explain", "T2011"]);
    assert_eq!(out.code, 2);
    out.assert_stderr_has("did you mean `T201`");
}

#[test]
fn version_prints_name_and_cargo_version() {
    let out = ties_outside(&["--version"]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout, format!("ties {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn help_lists_the_commands() {
    for args in [&["help"][..], &["--help"], &["-h"]] {
        let out = ties_outside(args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        out.assert_stdout_has("Usage: ties");
        for command in ["check", "agenda", "explain"] {
            out.assert_stdout_has(&format!("  {command} "));
        }
    }
}

#[test]
fn help_of_check_lists_its_options() {
    let out = ties_outside(&["help", "check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for option in [
        "--format",
        "--deny-warnings",
        "--notebook",
        "--today",
        "--color",
    ] {
        out.assert_stdout_has(option);
    }
}

#[test]
fn no_command_is_a_usage_error() {
    let out = ties_outside(&[]);
    assert_eq!(out.code, 2);
    out.assert_stderr_has("Usage");
}

#[test]
fn unknown_subcommand_lists_the_valid_ones() {
    for (args, tip) in [
        (
            &["new", "person"][..],
            "the subcommands of `ties new` are: contact, company, chat, event",
        ),
        (
            &["export", "contacts"][..],
            "the subcommands of `ties export` are: csv",
        ),
        (
            &["import", "tracker.csv"][..],
            "the subcommands of `ties import` are: csv, linkedin",
        ),
        (
            &["frob"][..],
            "the subcommands of `ties` are: check, agenda",
        ),
    ] {
        let out = ties_outside(args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        out.assert_stderr_has("unrecognized subcommand")
            .assert_stderr_has(tip);
    }
    ties_outside(&["import", "tracker.csv"])
        .assert_stderr_has("to read `tracker.csv`: ties import csv tracker.csv");
}
