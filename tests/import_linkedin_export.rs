//! LinkedIn's data export brought in whole (issue 24): connections imported again into a
//! notebook that has them (job changes as one-line edits, and the agenda item that follows),
//! messages, invitations, the export's folder and zip. Fixtures are written here in the
//! project's own words: invented people, the headers of the real files.

use crate::support::{Notebook, Output, run, ties};

/// `ties --today DAY ARGS…` in the notebook's folder: imports made on other days than the
/// tests' usual one.
fn on(nb: &Notebook, day: &str, args: &[&str]) -> Output {
    let mut cmd = ties();
    cmd.current_dir(nb.path()).args(["--today", day]).args(args);
    run(&mut cmd)
}

/// The connections of an export made at `when`, with the header and preamble of 2024 on.
fn connections(rows: &str) -> String {
    format!(
        "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address.\"\n\n\
         First Name,Last Name,URL,Email Address,Company,Position,Connected On\n{rows}"
    )
}

#[test]
fn a_newer_export_updates_job_changes_as_one_line_edits() {
    let nb = Notebook::new().file(
        "Connections.csv",
        &connections(
            "Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz-4f2a,,Initech,Software Engineer,12 Nov 2024\n\
             Ben,Osei,https://www.linkedin.com/in/ben-osei,ben@acme.example,Acme,Engineer,03 Dec 2024\n\
             Chloe,Dubois,https://www.linkedin.com/in/chloe-dubois,,Acme,Recruiter,05 Jan 2025\n",
        ),
    );
    let first = on(
        &nb,
        "2026-11-01",
        &["import", "linkedin", "Connections.csv"],
    );
    assert_eq!(first.code, 0, "{}", first.stderr);
    // What the user wrote since stays as it is.
    let ana = nb.read("contacts/ana-ruiz.md");
    nb.write(
        "contacts/ana-ruiz.md",
        ana.replacen(
            "linkedin:",
            "tags: [rust]   # met at RustConf\nlinkedin:",
            1,
        ) + "Met at RustConf; likes climbing.\n",
    );
    // A month later: Ana at Globex with a new title, Ben promoted, Chloe where she was.
    nb.write(
        "Connections.csv",
        connections(
            "Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz-4f2a,,Globex,Staff Engineer,12 Nov 2024\n\
             Ben,Osei,https://www.linkedin.com/in/ben-osei,ben@acme.example,Acme,Senior Engineer,03 Dec 2024\n\
             Chloe,Dubois,https://www.linkedin.com/in/chloe-dubois,,Acme,Recruiter,05 Jan 2025\n",
        ),
    );
    let before = nb.records();
    let dry = on(
        &nb,
        "2026-12-01",
        &["import", "linkedin", "Connections.csv", "--dry-run"],
    );
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert_eq!(nb.records(), before, "a dry run changes nothing");
    assert_eq!(
        dry.stdout,
        "would create companies/globex.md\n\
         would change contacts/ana-ruiz.md: Ana Ruiz moved to Globex\n\
         --- a/contacts/ana-ruiz.md\n+++ b/contacts/ana-ruiz.md\n\
         @@ -3 +3 @@\n-company: initech\n+company: globex\n\
         @@ -4 +4 @@\n-title: Software Engineer\n+title: Staff Engineer\n\
         @@ -8,0 +9 @@\n+job_changed: 2026-12-01\n\
         @@ -11,0 +12 @@\n+- Until 2026-12-01: Software Engineer at Initech\n\
         would change contacts/ben-osei.md: Ben Osei is now Senior Engineer\n\
         --- a/contacts/ben-osei.md\n+++ b/contacts/ben-osei.md\n\
         @@ -4 +4 @@\n-title: Engineer\n+title: Senior Engineer\n\
         @@ -9,0 +10 @@\n+- Until 2026-12-01: Engineer at Acme\n\
         would create 0 contacts and 1 company; would update 2 people (1 at a new company); 3 people already in the notebook\n"
    );
    let out = on(
        &nb,
        "2026-12-01",
        &["import", "linkedin", "Connections.csv"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "created companies/globex.md\n\
         changed contacts/ana-ruiz.md: Ana Ruiz moved to Globex\n\
         changed contacts/ben-osei.md: Ben Osei is now Senior Engineer\n\
         created 0 contacts and 1 company; updated 2 people (1 at a new company); 3 people already in the notebook\n"
    );
    let records = nb.records();
    assert_eq!(
        records["contacts/ana-ruiz.md"],
        "---\nname: Ana Ruiz\ncompany: globex\ntitle: Staff Engineer\nrole: developer\n\
         source: LinkedIn (connected 2024-11-12)\ntags: [rust]   # met at RustConf\n\
         linkedin: https://www.linkedin.com/in/ana-ruiz-4f2a\njob_changed: 2026-12-01\n---\n\
         Met at RustConf; likes climbing.\n- Until 2026-12-01: Software Engineer at Initech\n"
    );
    assert_eq!(
        records["contacts/ben-osei.md"],
        "---\nname: Ben Osei\ncompany: acme\ntitle: Senior Engineer\nrole: developer\n\
         source: LinkedIn (connected 2024-12-03)\nemail: ben@acme.example\n\
         linkedin: https://www.linkedin.com/in/ben-osei\n---\n- Until 2026-12-01: Engineer at Acme\n"
    );
    assert_eq!(
        records["contacts/chloe-dubois.md"],
        before["contacts/chloe-dubois.md"]
    );
    assert_eq!(records["companies/globex.md"], "---\nname: Globex\n---\n");
    nb.assert_clean();
    // The same export again changes nothing.
    let again = on(
        &nb,
        "2026-12-02",
        &["import", "linkedin", "Connections.csv"],
    );
    assert_eq!(
        again.stdout,
        "created 0 contacts and 0 companies; 3 people already in the notebook\n"
    );
    assert_eq!(nb.records(), records);
}

#[test]
fn a_job_change_is_on_the_agenda_until_you_write_to_them() {
    let nb = Notebook::new()
        .file("companies/globex.md", "---\nname: Globex\n---\n")
        .file(
            "contacts/ana-ruiz.md",
            "---\nname: Ana Ruiz\ncompany: globex\nreached_out: 2026-10-01\nreplied: 2026-10-03\njob_changed: 2026-11-18\n---\n",
        )
        .file(
            "contacts/ben-osei.md",
            "---\nname: Ben Osei\njob_changed: 2026-11-19\n---\n",
        );
    let agenda = nb.run(["agenda", "--format", "json"]);
    let items: Vec<serde_json::Value> = serde_json::from_str(&agenda.stdout).expect("json");
    let moved: Vec<(String, String, String, String)> = items
        .iter()
        .filter(|i| i["kind"] == "job-change")
        .map(|i| {
            let s = |k: &str| i[k].as_str().unwrap_or_default().to_owned();
            (s("due"), s("title"), s("key"), s("clear"))
        })
        .collect();
    assert_eq!(
        moved,
        [
            (
                "2026-11-18".to_owned(),
                "Ana Ruiz moved to Globex — congratulate".to_owned(),
                "job-change-ana-ruiz-20261118".to_owned(),
                "ties log follow-up ana-ruiz".to_owned()
            ),
            (
                "2026-11-19".to_owned(),
                "Ben Osei changed jobs — congratulate".to_owned(),
                "job-change-ben-osei-20261119".to_owned(),
                "ties log outreach ben-osei".to_owned()
            ),
        ]
    );
    // Each clears with the command its item names.
    for (args, id) in [
        (["log", "follow-up", "ana-ruiz"], "ana-ruiz"),
        (["log", "outreach", "ben-osei"], "ben-osei"),
    ] {
        let out = nb.run(args);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let agenda = nb.run(["agenda", "--format", "json"]);
        assert!(
            !agenda.stdout.contains(&format!("job-change-{id}")),
            "{}",
            agenda.stdout
        );
    }
}
