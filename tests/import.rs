//! `ties import csv`, `ties import linkedin` and `ties export csv` (spec §9), on temporary
//! notebooks with the real binary and the fixtures under `tests/fixtures/import-*`: the
//! files created (snapshots), bad rows reported with their line numbers and skipped, people
//! already present skipped, `--dry-run` writing nothing, and after every import a notebook
//! that `ties check` finds clean.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::{self, Notebook, Output, fixture, snapshot};

/// The files that are in `after` and not in `before`, one after the other.
fn created(before: &BTreeMap<String, String>, after: &BTreeMap<String, String>) -> String {
    after
        .iter()
        .filter(|(path, _)| !before.contains_key(*path))
        .map(|(path, text)| format!("==> {path} <==\n{text}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `import csv tracker.csv` of a notebook holding `csv` as tracker.csv; asserts the exit code.
#[track_caller]
fn import_tracker(csv: &str, code: i32) -> (Notebook, Output) {
    let nb = Notebook::new().file("tracker.csv", csv);
    let out = nb.run_here(["import", "csv", "tracker.csv"]);
    assert_eq!(out.code, code, "{}", out.stderr);
    (nb, out)
}

fn tracker() -> String {
    fixture("import-csv/tracker.csv").display().to_string()
}

fn connections() -> String {
    fixture("import-linkedin/Connections.csv")
        .display()
        .to_string()
}

// ---------------------------------------------------------------------------------------
// csv

/// Imports into `nb` with `args` (the path `file` in stderr shown as `shown`): exit 1 for
/// the bad rows, snapshots `{name}_stdout`, `{name}_stderr` and `{name}_created`, and a
/// notebook `check` finds clean. Then the same import again, which must create nothing;
/// returns that second run.
fn import_twice(nb: &Notebook, args: &[&str], file: &str, shown: &str, name: &str) -> Output {
    let before = nb.records();
    let out = nb.run_here(args);
    assert_eq!(out.code, 1, "bad rows make the exit code 1: {}", out.stderr);
    snapshot(&format!("{name}_stdout"), out.stdout);
    snapshot(&format!("{name}_stderr"), out.stderr.replace(file, shown));
    snapshot(&format!("{name}_created"), created(&before, &nb.records()));
    nb.assert_clean();

    let before = nb.records();
    let again = nb.run_here(args);
    assert_eq!(nb.records(), before, "a second import created files");
    again
}

#[test]
fn a_tracker_spreadsheet_with_quoting_a_bom_unicode_and_bad_rows() {
    let nb = Notebook::new().file(
        "companies/acme.md",
        "---\nname: ACME\nstatus: target\n---\n",
    );
    let file = tracker();
    let args = [
        "import",
        "csv",
        &file,
        "--map",
        "How we're connected=source",
    ];
    // Again: everyone is there now (the duplicate of Jane Doe too); the bad rows are still
    // bad; nothing else happens.
    let again = import_twice(&nb, &args, &file, "tracker.csv", "import_csv");
    assert_eq!(again.code, 1);
    again.assert_stdout_ends(
        "created 0 contacts and 0 companies; 7 people already in the notebook; 2 bad rows skipped (see above)\n",
    );
}

#[test]
fn unknown_columns_go_into_the_body_unless_dropped() {
    let nb = Notebook::new().file(
        "people.csv",
        "Full name,Organisation,Interesting facts,Favourite snack\nJane Doe,Acme,Plays chess,\n",
    );
    let out = nb.run_here(["import", "csv", "people.csv", "--map", "favourite snack=-"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "people.csv: note: columns kept in each body as `- Column: value` lines: Interesting facts\n  \
         help: map one to a key with --map \"Interesting facts=KEY\", or drop it with --map \"Interesting facts=-\"\n"
    );
    assert_eq!(
        nb.records()["contacts/jane-doe.md"],
        "---\nname: Jane Doe\ncompany: acme\n---\n- Interesting facts: Plays chess\n"
    );
    nb.assert_clean();
}

#[test]
fn dry_run_lists_the_files_and_writes_none() {
    let nb = Notebook::new();
    let before: Vec<_> = walk(nb.path());
    let out = nb.run_here(["import", "csv", &tracker(), "--dry-run"]);
    assert_eq!(out.code, 1);
    assert_eq!(walk(nb.path()), before);
    out.assert_stdout_starts("would create companies/acme.md\n");
    out.assert_stdout_has("would create contacts/jane-doe.md\n");
    out.assert_stdout_ends(
        "would create 6 contacts and 3 companies; 3 bad rows skipped (see above)\n",
    );
}

/// Every path below `root`, folders too.
fn walk(root: &Path) -> Vec<PathBuf> {
    let cache = root.join(support::CACHE_DIR);
    let mut all = support::walk(root, |_| true);
    all.retain(|path| !path.starts_with(&cache));
    all
}

#[test]
fn semicolons_response_words_and_enumerations() {
    let (nb, out) = import_tracker(
        "Name;Warm/Cold;Status;Date contacted;Replied;Next steps;Referred by\n\
         Ann Lee;warm;Waiting;2026-11-01;Yes, set up a call;2026-11-25 send portfolio;\n\
         Ben Ong;Cold;closed;;yes;ask about the team;Ann Lee\n\
         Cy Dunn;;;;maybe;;Nobody Known\n",
        1,
    );
    assert_eq!(
        out.stderr,
        "tracker.csv: note: 1 value(s) in column `Status` are none of active, paused, closed: kept in the body\n\
         tracker.csv:2: note: Replied is `Yes, set up a call`: replied set to the reach-out date, 2026-11-01\n\
         tracker.csv:3: note: Replied is `yes` but the row has no outreach date: `replied` left out, the answer kept in the body\n\
         tracker.csv:4: error: introduced by `Nobody Known`, who is neither in the notebook nor in the file (row skipped)\n"
    );
    let records = nb.records();
    assert_eq!(
        records["contacts/ann-lee.md"],
        "---\nname: Ann Lee\nwarmth: warm\nreached_out: 2026-11-01\nreplied: 2026-11-01\nnext: \"2026-11-25 send portfolio\"\n---\n\
         - Status: Waiting\n- Replied: Yes, set up a call\n"
    );
    assert_eq!(
        records["contacts/ben-ong.md"],
        "---\nname: Ben Ong\nwarmth: cold\nintroduced_by: ann-lee\nstatus: closed\n---\n- Replied: yes\n- Next steps: ask about the team\n"
    );
    nb.assert_clean();
}

#[test]
fn a_row_whose_file_would_not_pass_check_is_skipped() {
    let (nb, out) = import_tracker(
        "Name,Notes\nAnn Lee,\"See [[nobody]]\"\nBen Ong,\"- [ ] call back (due 2026-02-30)\"\nCy Dunn,Fine\n",
        1,
    );
    out.assert_stderr_has("tracker.csv:2: error: its file contacts/ann-lee.md would not pass `ties check`: warning[T204]");
    out.assert_stderr_has("tracker.csv:3: error: its file contacts/ben-ong.md would not pass `ties check`: error[T104]");
    assert_eq!(
        nb.records().keys().collect::<Vec<_>>(),
        ["contacts/cy-dunn.md"]
    );
    nb.assert_clean();
}

#[test]
fn usage_problems_exit_2_and_create_nothing() {
    let nb = Notebook::new().file("people.csv", "Person,Organisation\nJane Doe,Acme\n");
    let before = walk(nb.path());
    for (args, message) in [
        (
            &[
                "import",
                "csv",
                "people.csv",
                "--map",
                "Organisation=employer",
            ][..],
            "--map \"Organisation=employer\": `employer` is not a key",
        ),
        (
            &["import", "csv", "people.csv", "--map", "Company=company"],
            "--map \"Company=company\": there is no column `Company`",
        ),
        (
            &["import", "csv", "people.csv", "--map", "Organisation"],
            "is not COLUMN=KEY",
        ),
        (&["import", "csv", "missing.csv"], "cannot read missing.csv"),
        (
            &["import", "linkedin", "people.csv"],
            "is not a LinkedIn connections export",
        ),
    ] {
        let out = nb.run_here(args);
        assert_eq!(out.code, 2, "{args:?}");
        out.assert_stderr_has(message);
    }
    let nb2 = Notebook::new().file("people.csv", "Who,Where\nJane Doe,Acme\n");
    let out = nb2.run_here(["import", "csv", "people.csv"]);
    assert_eq!(out.code, 2);
    out.assert_stderr_has("has no column for the name");
    out.assert_stderr_has("found: Who, Where");
    let out = nb2.run_here([
        "import",
        "csv",
        "people.csv",
        "--map",
        "who=name",
        "--map",
        "where=company",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(walk(nb.path()), before);
    std::fs::write(nb.path().join("latin1.csv"), b"Name\nJos\xe9\n").unwrap();
    let out = nb.run_here(["import", "csv", "latin1.csv", "--encoding", "utf-8"]);
    assert_eq!(out.code, 2);
    out.assert_stderr_has("latin1.csv is not UTF-8 text");
    let out = nb.run_here(["import", "csv", "latin1.csv", "--encoding", "ebcdic"]);
    assert_eq!(out.code, 2);
    out.assert_stderr_has("--encoding ebcdic: no such encoding");
}

// ---------------------------------------------------------------------------------------
// linkedin

#[test]
fn linkedin_connections_with_the_preamble() {
    let nb = Notebook::new()
        .file("companies/acme.md", "---\nname: Acme\n---\n")
        .file("contacts/sam-rivera.md", "---\nname: Sam Rivera\n---\n")
        .file(
            "contacts/kim.md",
            "---\nname: Kim Lee\nlinkedin: https://linkedin.com/in/Kim-Lee/\n---\n",
        )
        .file(
            "contacts/jose-alvarez.md",
            "---\nname: José Álvarez\nlinkedin: https://www.linkedin.com/in/another-jose\n---\n",
        );
    let file = connections();
    let args = ["import", "linkedin", &file];
    let again = import_twice(&nb, &args, &file, "Connections.csv", "import_linkedin");
    // The nameless row is a note now, not a bad row.
    again.assert_stdout_ends("created 0 contacts and 0 companies; 5 people already in the notebook; 1 bad row skipped (see above)\n");
}

// ---------------------------------------------------------------------------------------
// export

fn exported_notebook() -> Notebook {
    Notebook::new()
        .file(
            "companies/acme.md",
            "---\nname: Acme, Inc.\nstatus: target\nstack: [rust, \"c#\"]\n---\nTheir \"in\": the meetup.\n",
        )
        .file(
            "contacts/jane-doe.md",
            "---\nname: Jane Doe\ncompany: acme\nrole: developer\nwarmth: cold\nemail: jane@acme.com\n\
             linkedin: https://www.linkedin.com/in/jane-doe\ntags: [rust, alumni]\nreached_out: 2026-11-02\n\
             followed_up: [2026-11-09, 2026-11-16]\nnext: 2026-11-30 send the portfolio\n---\n\
             Met at RustConf.\n\n- [ ] read her post\n",
        )
        .file(
            "contacts/jose-alvarez.md",
            "---\nname: José Álvarez\nintroduced_by: jane-doe\nstay_in_touch: 2w\n---\n",
        )
        .file(
            "chats/2026-11-20-jane-doe.md",
            "---\nwith: [jane-doe, jose-alvarez]\ndate: 2026-11-20 15:00\nkind: call\nthanked: 2026-11-21\n---\n## Questions\n- How did you start?\n",
        )
        .file(
            "events/2026-11-10-rust-meetup.md",
            "---\nname: Rust Meetup\ndate: 2026-11-10\ngoal: 3\nmet: jane-doe\n---\n",
        )
}

#[test]
fn export_csv_of_each_kind() {
    let nb = exported_notebook();
    nb.assert_clean();
    let all: Vec<String> = ["contacts", "companies", "chats", "events"]
        .into_iter()
        .map(|kind| {
            let out = nb.run_here(["export", "csv", kind]);
            assert_eq!(out.code, 0, "{}", out.stderr);
            format!("==> {kind} <==\n{}", out.stdout)
        })
        .collect();
    snapshot("import_export_csv", all.concat());
}

#[test]
fn export_then_import_creates_nothing() {
    let nb = exported_notebook();
    let out = nb.run_here(["export", "csv", "contacts"]);
    std::fs::write(nb.path().join("contacts.csv"), &out.stdout).unwrap();
    let before = nb.records();
    let back = nb.run_here(["import", "csv", "contacts.csv"]);
    assert_eq!(back.code, 0, "{}", back.stderr);
    assert_eq!(back.stderr, "");
    assert_eq!(
        back.stdout,
        "created 0 contacts and 0 companies; 2 people already in the notebook\n"
    );
    assert_eq!(nb.records(), before);

    // Into an empty notebook, the same export recreates the people and their companies.
    let empty = Notebook::new().file("contacts.csv", &out.stdout);
    let back = empty.run_here(["import", "csv", "contacts.csv"]);
    assert_eq!(back.code, 0, "{}", back.stderr);
    assert_eq!(
        empty.records().keys().collect::<Vec<_>>(),
        [
            "companies/acme.md",
            "contacts/jane-doe.md",
            "contacts/jose-alvarez.md"
        ]
    );
    empty.assert_clean();

    // Chats and events are recognised and refused rather than read as people; companies
    // import back (see `round_trip`).
    for kind in ["chats", "events"] {
        let out = nb.run_here(["export", "csv", kind]);
        std::fs::write(nb.path().join("other.csv"), &out.stdout).unwrap();
        let back = nb.run_here(["import", "csv", "other.csv"]);
        assert_eq!(back.code, 2, "{kind}");
        back.assert_stderr_has(&format!("is an export of {kind}"));
        assert_eq!(nb.records(), before);
    }
}

#[test]
fn an_introducer_in_the_same_file_may_be_named_in_the_obsidian_form() {
    let (nb, _) = import_tracker("Name,Referred by\nAnn Lee,\nBen Ong,[[ann-lee]]\n", 0);
    assert!(nb.records()["contacts/ben-ong.md"].contains("introduced_by: ann-lee\n"));
    nb.assert_clean();
}

// ---------------------------------------------------------------------------------------
// import safety (issue 10)

#[test]
fn crlf_files_report_bad_rows_at_the_line_an_editor_shows() {
    // What a spreadsheet saves: CRLF line ends, a quoted cell with a line break in it.
    let (_, out) = import_tracker(
        "Name,Email,Notes,Date reached out\r\nAda One,ada@example.com,\"two\r\nlines\",\r\n\r\n\
         Bob Two,bob@,,\r\nCy Three,,,someday\r\nDee Four,,,\r\n",
        1,
    );
    assert_eq!(
        out.stderr,
        "tracker.csv:5: warning: `bob@` in Email is not an email address: left out of `email`, kept in the body\n\
         tracker.csv:6: error: `someday` in Date reached out is not a date; write it as YYYY-MM-DD (row skipped)\n"
    );
}

#[test]
fn import_messages_show_control_characters_of_cells_escaped() {
    // A bad cell (an error line), an unknown column (a note line), and a file name.
    let nb = Notebook::new().file(
        "evil\u{1b}[2J.csv",
        "Name,Email,Hobby\u{1b}]52;c;cm0gLXJmIH4=\u{7}\nAda One,\"ada\u{1b}]0;pwned\u{7}@\",x\nBob Two,,y\n",
    );
    let out = nb.run_here(["import", "csv", "evil\u{1b}[2J.csv"]);
    assert_eq!(out.code, 0, "a bad email is a note: {}", out.stderr);
    assert!(
        !out.stderr.contains(['\u{1b}', '\u{7}']),
        "{:?}",
        out.stderr
    );
    assert!(
        out.stderr.starts_with(
            "evil\\e[2J.csv:2: warning: `ada\\e]0;pwned\\u{7}@` in Email is not an email address"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("lines: Hobby\\e]52;c;cm0gLXJmIH4=\\u{7}\n  help: map one"),
        "{}",
        out.stderr
    );
}

/// The lines of a dry run, as the real run would print them.
/// Imports `file` with `--dry-run`, then for real; asserts that the dry run printed what the
/// real run did ("would create" for "created") and returns the real run.
#[track_caller]
fn dry_then_real(nb: &Notebook, file: &str) -> Output {
    let dry = nb.run_here(["import", "csv", file, "--dry-run"]);
    let real = nb.run_here(["import", "csv", file]);
    assert_eq!(
        (dry.code, dry.stdout.replace("would create", "created")),
        (real.code, real.stdout.clone())
    );
    assert_eq!(dry.stderr, real.stderr);
    real
}

#[test]
fn a_name_too_long_for_a_file_name_is_imported_under_a_shorter_id() {
    let long = "Wolfgang Amadeus ".repeat(18);
    let long = long.trim();
    let csv = format!("Name\nAlice One\n{long}\nDave Four\n");
    let nb = Notebook::new().file("people.csv", &csv);
    let real = dry_then_real(&nb, "people.csv");
    assert_eq!(real.code, 0, "{}", real.stderr);
    let records = nb.records();
    assert_eq!(records.len(), 3, "{:?}", records.keys());
    let id = records
        .keys()
        .find(|p| p.starts_with("contacts/wolfgang"))
        .expect("the long name imported");
    assert!(id.len() <= "contacts/".len() + 80 + ".md".len(), "{id}");
    assert!(records.contains_key("contacts/dave-four.md"));
    nb.assert_clean();
}

#[cfg(unix)]
#[test]
fn rows_whose_files_cannot_be_written_are_bad_rows_found_before_any_write() {
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let long_id = "x".repeat(300);
    let nb = Notebook::new().file(
        "people.csv",
        &format!(
            "id,Name,Company\nalice-one,Alice One,\n{long_id},Bob Two,\ncy-three,Cy Three,Globex\ndave-four,Dave Four,\n"
        ),
    );
    // Companies would be written outside the notebook.
    std::os::unix::fs::symlink(elsewhere.path(), nb.path().join("companies")).expect("symlink");
    let real = dry_then_real(&nb, "people.csv");
    assert_eq!(real.code, 1, "bad rows: {}", real.stderr);
    assert!(
        real.stderr.starts_with(&format!(
            "people.csv:3: error: its file contacts/{long_id}.md cannot be written: its file name is longer than the 255 bytes file systems allow (row skipped)\n\
             people.csv:4: error: its file companies/globex.md cannot be written: its folder is a symlink to "
        )),
        "{}",
        real.stderr
    );
    assert_eq!(
        real.stdout,
        "created contacts/alice-one.md\ncreated contacts/dave-four.md\n\
         created 2 contacts and 0 companies; 2 bad rows skipped (see above)\n"
    );
    assert_eq!(
        std::fs::read_dir(elsewhere.path()).expect("read").count(),
        0
    );
}

#[test]
fn csv_output_guards_formula_cells_unless_raw() {
    let formula = "=HYPERLINK(\"https://evil.example\",\"Jane\")";
    let nb = Notebook::new().file(
        "Connections.csv",
        &format!(
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
             \"{}\",Doe,https://www.linkedin.com/in/jane-doe,,+cmd|' /C calc'!A0,@SUM(A1:A2),12 Nov 2024\n",
            formula.replace('"', "\"\"")
        ),
    );
    let out = nb.run_here(["import", "linkedin", "Connections.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let quoted = |cell: &str| format!("\"{}\"", cell.replace('"', "\"\""));
    let guarded_name = quoted(&format!("'{formula} Doe"));
    let raw_name = quoted(&format!("{formula} Doe"));

    let export = nb.run_here(["export", "csv", "contacts"]);
    assert!(export.stdout.contains(&guarded_name), "{}", export.stdout);
    assert!(
        export.stdout.contains(",'@SUM(A1:A2),"),
        "{}",
        export.stdout
    );
    let raw = nb.run_here(["export", "csv", "contacts", "--raw"]);
    assert!(raw.stdout.contains(&raw_name), "{}", raw.stdout);
    assert!(!raw.stdout.contains("'@SUM"), "{}", raw.stdout);

    let list = nb.run_here(["list", "contacts", "--format", "csv"]);
    assert!(list.stdout.contains(&guarded_name), "{}", list.stdout);
    let list_raw = nb.run_here(["list", "contacts", "--format", "csv", "--raw"]);
    assert!(list_raw.stdout.contains(&raw_name), "{}", list_raw.stdout);
    assert!(
        !list_raw.stdout.contains(&guarded_name),
        "{}",
        list_raw.stdout
    );

    let company = nb
        .records()
        .keys()
        .find(|p| p.starts_with("companies/"))
        .map(|p| p["companies/".len()..p.len() - 3].to_owned())
        .expect("the company");
    let show = nb.run_here(["show", &company, "--format", "csv"]);
    assert!(show.stdout.contains(&guarded_name), "{}", show.stdout);
}

#[test]
fn export_then_import_keeps_cells_that_look_like_formulas() {
    let nb = Notebook::new()
        .file(
            "contacts/plus-one.md",
            "---\nname: \"+1 Plus\"\ntitle: \"=2+3\"\nsource: \"@meetup\"\n---\n- [ ] ask about -2\n",
        )
        .file(
            "contacts/quote.md",
            "---\nname: \"'=Quote\"\ntitle: \"-minus\"\n---\n",
        );
    nb.assert_clean();
    let export = nb.run_here(["export", "csv", "contacts"]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    for guarded in [
        "plus-one,'+1 Plus,,,'=2+3,,,,'@meetup,",
        ",'- [ ] ask about -2\n",
        "quote,''=Quote,,,'-minus,",
    ] {
        assert!(
            export.stdout.contains(guarded),
            "{guarded}: {}",
            export.stdout
        );
    }

    let copy = Notebook::new().file("contacts.csv", &export.stdout);
    let back = copy.run_here(["import", "csv", "contacts.csv"]);
    assert_eq!(back.code, 0, "{}", back.stderr);
    let again = copy.run_here(["export", "csv", "contacts"]);
    assert_eq!(again.stdout, export.stdout);
}

/// A long import (2,000 rows, past the progress threshold) with stderr a pipe, and a
/// `TERM` that names a terminal: no spinner, bar or escape sequence reaches stderr or stdout,
/// which hold exactly what a short import prints, dry run or not.
#[test]
fn a_long_import_to_a_pipe_shows_no_progress() {
    let rows: Vec<String> = (0..2000)
        .map(|n| format!("Person {n:04},Firm {}", n % 40))
        .collect();
    let csv = format!("Name,Company\n{}\n", rows.join("\n"));
    let nb = Notebook::new().file("big.csv", &csv);
    let term: &[(&str, &std::ffi::OsStr)] = &[("TERM", "xterm-256color".as_ref())];
    for dry_run in [true, false] {
        let mut args = vec!["import", "csv", "big.csv"];
        if dry_run {
            args.push("--dry-run");
        }
        let out = support::run_in(nb.path(), &args, term);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(out.stderr, "", "nothing but diagnostics on stderr");
        assert!(
            !out.stdout.contains(['\x1b', '\r']),
            "an escape sequence or carriage return on stdout"
        );
        let verb = if dry_run { "would create" } else { "created" };
        assert_eq!(out.stdout.lines().count(), 2000 + 40 + 1);
        out.assert_stdout_ends(&format!("{verb} 2000 contacts and 40 companies\n"));
    }
    assert_eq!(
        nb.records()
            .keys()
            .filter(|k| k.starts_with("contacts/"))
            .count(),
        2000
    );
    nb.assert_clean();
}
