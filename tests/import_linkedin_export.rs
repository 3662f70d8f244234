//! LinkedIn's data export brought in whole (issue 24): connections imported again into a
//! notebook that has them (job changes as one-line edits, and the agenda item that follows),
//! messages, invitations, the export's folder and zip. Fixtures are written here in the
//! project's own words: invented people, the headers of the real files.

use std::io::Write as _;

use crate::support::{Notebook, Output, fixture, run, ties};

/// `ties --today DAY ARGS…` in the notebook's folder, in Madrid's time zone (messages are
/// dated in UTC, chats in the machine's zone): imports made on other days than the tests'
/// usual one.
fn on(nb: &Notebook, day: &str, args: &[&str]) -> Output {
    let mut cmd = ties();
    cmd.current_dir(nb.path())
        .env("TZ", "Europe/Madrid")
        .args(["--today", day])
        .args(args);
    run(&mut cmd)
}

/// A fixture file of `tests/fixtures/import-linkedin-export`.
fn export_file(name: &str) -> Vec<u8> {
    std::fs::read(fixture(&format!("import-linkedin-export/{name}"))).expect("fixture")
}

/// Sam Rivera's notebook with the three people the messages name.
fn sams_notebook() -> Notebook {
    Notebook::new()
        .file("ties.yaml", "owner: Sam Rivera\n")
        .file(
            "contacts/ana-ruiz.md",
            "---\nname: Ana Ruiz\nlinkedin: https://www.linkedin.com/in/ana-ruiz-4f2a\n---\n",
        )
        .file(
            "contacts/ben-osei.md",
            "---\nname: Ben Osei\nlinkedin: https://www.linkedin.com/in/ben-osei\n---\n",
        )
        .file("contacts/chloe-dubois.md", "---\nname: Chloe Dubois\n---\n")
}

/// A chat file as the import writes it for LinkedIn.
fn chat(with: &str, date: &str, direction: &str, uid: &str, body: &str) -> String {
    format!(
        "---\nwith: {with}\ndate: {date}\nkind: message\ndirection: {direction}\nmedium: linkedin\nuid: {uid}\n---\n{body}"
    )
}

#[test]
fn messages_of_2022_with_nine_columns() {
    let nb = sams_notebook().bytes("messages.csv", &export_file("messages-2022.csv"));
    let before = nb.records();
    let out = on(&nb, "2026-11-30", &["import", "linkedin", "messages.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "messages.csv: note: your messages are those of Sam Rivera (`owner:` in ties.yaml)\n"
    );
    assert_eq!(
        out.stdout,
        "created chats/2022-05-03-ana-ruiz.md\ncreated chats/2022-05-04-ana-ruiz.md\n\
         created chats/2022-05-04-ana-ruiz-2.md\ncreated chats/2022-06-10-ben-osei.md\n\
         created 0 contacts, 0 companies and 4 chats; 4 new messages, 0 already in the notebook\n"
    );
    let records = nb.records();
    // Madrid is UTC+2 in summer: 16:04 UTC is 18:04 there.
    assert_eq!(
        records["chats/2022-05-03-ana-ruiz.md"],
        chat(
            "ana-ruiz",
            "2022-05-03 18:04",
            "sent",
            "linkedin:2-QW5hUnVpejIwMjI=:2022-05-03:sent",
            "**Sam Rivera, 18:04**\n\nHi Ana, I loved your talk on tracing at RustConf. Would you have 20 minutes for a coffee chat?\n"
        )
    );
    // A day on which both wrote: theirs, then yours.
    assert_eq!(
        records["chats/2022-05-04-ana-ruiz.md"],
        chat(
            "ana-ruiz",
            "2022-05-04 10:30",
            "received",
            "linkedin:2-QW5hUnVpejIwMjI=:2022-05-04:received",
            "**Ana Ruiz, 10:30**\n\nHappy to! Thursday at 10 works for me.\n"
        )
    );
    assert_eq!(
        records["chats/2022-05-04-ana-ruiz-2.md"],
        chat(
            "ana-ruiz",
            "2022-05-04 10:41",
            "sent",
            "linkedin:2-QW5hUnVpejIwMjI=:2022-05-04:sent",
            "**Sam Rivera, 10:41**\n\nPerfect. I'll send an invite.\n"
        )
    );
    // ARCHIVE is a folder like INBOX.
    assert_eq!(
        records["chats/2022-06-10-ben-osei.md"],
        chat(
            "ben-osei",
            "2022-06-10 15:00",
            "received",
            "linkedin:2-QmVuT3NlaTIwMjI=:2022-06-10:received",
            "**Ben Osei, 15:00**\n\nSaw you're learning Rust: our meetup is looking for speakers.\n"
        )
    );
    assert_eq!(records.len(), before.len() + 4);
    nb.assert_clean();
    let again = on(&nb, "2026-11-30", &["import", "linkedin", "messages.csv"]);
    assert_eq!(
        again.stdout,
        "created 0 contacts and 0 companies; 0 new messages, 4 already in the notebook\n"
    );
    assert_eq!(nb.records(), records);
}

#[test]
fn messages_of_2023_with_ten_columns_and_a_hidden_member() {
    let nb = sams_notebook().bytes("messages.csv", &export_file("messages-2023.csv"));
    let out = on(&nb, "2026-11-30", &["import", "linkedin", "messages.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "messages.csv: note: your messages are those of Sam Rivera (`owner:` in ties.yaml)\n\
         messages.csv: note: messages with people who have no file are not imported (--create-contacts creates them): LinkedIn Member (1 message)\n"
    );
    let records = nb.records();
    assert_eq!(
        records["chats/2023-09-12-ana-ruiz.md"],
        chat(
            "ana-ruiz",
            "2023-09-12 23:15",
            "sent",
            "linkedin:2-QW5hMjAyMw==:2023-09-12:sent",
            "**Sam Rivera, 23:15**\n\nCongrats on the new role at Globex!\n"
        )
    );
    assert_eq!(
        records["chats/2023-09-13-ana-ruiz.md"],
        chat(
            "ana-ruiz",
            "2023-09-13 09:02",
            "received",
            "linkedin:2-QW5hMjAyMw==:2023-09-13:received",
            "**Ana Ruiz, 09:02**\n\nThank you, Sam!\n"
        )
    );
    // "LinkedIn Member" is a hidden account: nobody to make a file for.
    let created = on(
        &nb,
        "2026-11-30",
        &["import", "linkedin", "messages.csv", "--create-contacts"],
    );
    assert_eq!(
        created.stdout,
        "created 0 contacts and 0 companies; 0 new messages, 2 already in the notebook\n"
    );
}

#[test]
fn messages_of_2026_all_quoted_with_drafts_sponsored_mail_and_a_group() {
    let nb = sams_notebook().bytes("messages.csv", &export_file("messages-2026.csv"));
    let out = on(&nb, "2026-11-30", &["import", "linkedin", "messages.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "messages.csv: note: your messages are those of Sam Rivera (`owner:` in ties.yaml)\n\
         messages.csv: note: left out: 1 draft(s), 1 sponsored InMail(s)\n"
    );
    let records = nb.records();
    // Winter: Madrid is UTC+1. A message over several lines keeps them.
    assert_eq!(
        records["chats/2026-11-24-ana-ruiz-2.md"],
        chat(
            "ana-ruiz",
            "2026-11-24 10:02",
            "sent",
            "linkedin:2-QW5hMjAyNg==:2026-11-24:sent",
            "**Sam Rivera, 10:02**\n\nHi Ana,\n\nI am applying to the platform team at Globex. Could I ask you two questions about it?\n"
        )
    );
    assert_eq!(
        records["chats/2026-11-24-ana-ruiz.md"],
        chat(
            "ana-ruiz",
            "2026-11-24 18:40",
            "received",
            "linkedin:2-QW5hMjAyNg==:2026-11-24:received",
            "**Ana Ruiz, 18:40**\n\nOf course, ask away.\n"
        )
    );
    // A group conversation is with everyone in it but you.
    assert_eq!(
        records["chats/2026-11-26-ben-osei.md"],
        chat(
            "[ben-osei, ana-ruiz]",
            "2026-11-26 19:30",
            "received",
            "linkedin:2-R3JvdXAyMDI2:2026-11-26:received",
            "**Ben Osei, 19:30**\n\nStudy group moves to Thursdays, 7pm.\n"
        )
    );
    // Chloe has no profile in her file: found by her name.
    assert_eq!(
        records["chats/2026-11-28-chloe-dubois.md"],
        chat(
            "chloe-dubois",
            "2026-11-28 12:11",
            "received",
            "linkedin:2-Q2hsb2UyMDI2:2026-11-28:received",
            "**Chloe Dubois, 12:11**\n\nHi Sam, are you open to a junior backend role at Initech?\n"
        )
    );
    assert_eq!(
        records.keys().filter(|k| k.starts_with("chats/")).count(),
        4
    );
    nb.assert_clean();
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

/// The export as LinkedIn sends it: a zip of its CSV files, made here from the fixtures.
fn export_zip(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, bytes) in files {
        zip.start_file(*name, options).expect("zip entry");
        zip.write_all(bytes).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}

/// The files of the export of 2026-11-30.
fn export_of_november() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("Connections.csv", export_file("Connections.csv")),
        ("Invitations.csv", export_file("Invitations.csv")),
        ("Profile.csv", export_file("Profile.csv")),
        ("messages.csv", export_file("messages-2026.csv")),
        ("Company Follows.csv", export_file("Company Follows.csv")),
        ("Rich_Media.pdf", b"%PDF-1.4".to_vec()),
    ]
}

#[test]
fn the_export_zip_is_one_plan_and_importing_it_again_adds_nothing() {
    let nb = Notebook::new().bytes(
        "Basic_LinkedInDataExport_11-30-2026.zip",
        &export_zip(&export_of_november()),
    );
    let args = [
        "import",
        "linkedin",
        "Basic_LinkedInDataExport_11-30-2026.zip",
    ];
    let out = on(&nb, "2026-11-30", &args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let zip = "Basic_LinkedInDataExport_11-30-2026.zip";
    assert_eq!(
        out.stderr,
        format!(
            "{zip}: note: your messages are those of Sam Rivera (the name in Profile.csv)\n\
             {zip}: note: read Connections.csv (connections), Invitations.csv (invitations), Profile.csv (your profile), messages.csv (messages); not imported: Company Follows.csv\n\
             {zip}/Invitations.csv: note: 1 invitation(s) name people who have no file, so they are not imported (--create-contacts creates them): Dev Patel\n\
             {zip}/messages.csv: note: left out: 1 draft(s), 1 sponsored InMail(s)\n"
        )
    );
    assert_eq!(
        out.stdout,
        "created companies/globex.md\ncreated companies/initech.md\n\
         created contacts/ana-ruiz.md\ncreated contacts/ben-osei.md\ncreated contacts/chloe-dubois.md\n\
         created chats/2026-11-27-chloe-dubois.md\n\
         created chats/2026-11-28-chloe-dubois.md\ncreated chats/2026-11-24-ana-ruiz.md\n\
         created chats/2026-11-24-ana-ruiz-2.md\ncreated chats/2026-11-26-ben-osei.md\n\
         created 3 contacts, 2 companies and 5 chats; 2 new invitations, 0 already in the notebook; \
         4 new messages, 0 already in the notebook\n"
    );
    let records = nb.records();
    // The invitation you sent is your outreach, its note kept.
    assert_eq!(
        records["contacts/ana-ruiz.md"],
        "---\nname: Ana Ruiz\ncompany: globex\ntitle: Staff Engineer\nrole: developer\n\
         source: LinkedIn (connected 2026-11-21)\nlinkedin: https://www.linkedin.com/in/ana-ruiz-4f2a\n\
         reached_out: 2026-11-20\n---\n\
         - LinkedIn invitation sent 2026-11-20: Hi Ana, I enjoyed your talk on tracing, could we connect?\n"
    );
    // The invitation you received is a message from them.
    assert_eq!(
        records["chats/2026-11-27-chloe-dubois.md"],
        "---\nwith: chloe-dubois\ndate: 2026-11-27\nkind: message\ndirection: received\n\
         medium: linkedin\nuid: linkedin-invitation:2026-11-27:linkedin.com/in/chloe-dubois\n---\n\
         Chloe Dubois invited you to connect:\n\nI recruit backend engineers at Initech and liked your portfolio.\n"
    );
    assert_eq!(
        records["contacts/chloe-dubois.md"],
        "---\nname: Chloe Dubois\ncompany: initech\ntitle: Technical Recruiter\nrole: recruiter\n\
         source: LinkedIn (connected 2026-11-27)\nlinkedin: https://www.linkedin.com/in/chloe-dubois\n---\n"
    );
    nb.assert_clean();
    // The same export again: everything is there.
    let again = on(&nb, "2026-12-01", &args);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(
        again.stdout,
        "created 0 contacts and 0 companies; 0 new invitations, 2 already in the notebook; \
         0 new messages, 4 already in the notebook; 3 people already in the notebook\n"
    );
    assert_eq!(nb.records(), records);
}

#[test]
fn a_newer_export_adds_only_the_new_messages_and_creates_contacts_when_asked() {
    let nb = Notebook::new().bytes("export/messages.csv", &export_file("messages-2026.csv"));
    for (name, bytes) in export_of_november() {
        if name != "messages.csv" {
            nb.write(&format!("export/{name}"), bytes);
        }
    }
    let first = on(&nb, "2026-11-30", &["import", "linkedin", "export"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    // A week later: Ana answered again the same evening, and Dev accepted.
    let mut newer = export_file("messages-2026.csv");
    newer.extend_from_slice(
        b"\"2-QW5hMjAyNg==\",\"\",\"Ana Ruiz\",\"https://www.linkedin.com/in/ana-ruiz-4f2a\",\"Sam Rivera\",\"https://www.linkedin.com/in/sam-rivera-dev\",\"2026-11-24 19:05:00 UTC\",\"\",\"One more thing: the team writes Rust.\",\"INBOX\",\"\",\"No\",\"No\"\r\n",
    );
    nb.write("export/messages.csv", newer);
    let before = nb.records();
    let dry = on(
        &nb,
        "2026-12-07",
        &["import", "linkedin", "export", "--dry-run"],
    );
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert_eq!(
        dry.stdout,
        "would change chats/2026-11-24-ana-ruiz.md: 1 new message(s) of 2026-11-24\n\
         --- a/chats/2026-11-24-ana-ruiz.md\n+++ b/chats/2026-11-24-ana-ruiz.md\n\
         @@ -11,0 +12,4 @@\n+\n+**Ana Ruiz, 20:05**\n+\n+One more thing: the team writes Rust.\n\
         would create 0 contacts and 0 companies; would update 1 file; 0 new invitations, 2 already in the notebook; \
         1 new message, 4 already in the notebook; 3 people already in the notebook\n"
    );
    assert_eq!(nb.records(), before);
    let out = on(
        &nb,
        "2026-12-07",
        &["import", "linkedin", "export", "--create-contacts"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let records = nb.records();
    assert_eq!(
        records["chats/2026-11-24-ana-ruiz.md"],
        chat(
            "ana-ruiz",
            "2026-11-24 18:40",
            "received",
            "linkedin:2-QW5hMjAyNg==:2026-11-24:received",
            "**Ana Ruiz, 18:40**\n\nOf course, ask away.\n\n**Ana Ruiz, 20:05**\n\nOne more thing: the team writes Rust.\n"
        )
    );
    // Dev Patel, invited but not (yet) a connection, gets a file with the outreach.
    assert_eq!(
        records["contacts/dev-patel.md"],
        "---\nname: Dev Patel\nsource: LinkedIn\nlinkedin: https://www.linkedin.com/in/dev-patel-7\n\
         reached_out: 2026-11-29\n---\n- LinkedIn invitation sent 2026-11-29\n"
    );
    nb.assert_clean();
}

#[test]
fn without_an_owner_the_messages_cannot_be_told_apart() {
    let nb = Notebook::new().file(
        "messages.csv",
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n\
         c1,,Sam Rivera,,Ana Ruiz,2026-11-24 10:00:00 UTC,,Hi,INBOX\n",
    );
    let out = on(&nb, "2026-11-30", &["import", "linkedin", "messages.csv"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: cannot tell which of the messages in messages.csv are yours\n  \
         help: write your name as LinkedIn shows it in ties.yaml: `owner: Sam Rivera`\n"
    );
}

/// A calendar naming the export's people: a coffee chat named in its title, and a weekly
/// series of three with Ben (by his email) whose second meeting moved a day.
const CALENDAR: &str = "BEGIN:VCALENDAR\r
VERSION:2.0\r
X-WR-CALNAME:sam.rivera@example.com\r
BEGIN:VEVENT\r
DTSTART:20261125T090000Z\r
DTEND:20261125T093000Z\r
UID:coffee-ana-1125\r
SUMMARY:Coffee with Ana Ruiz\r
LOCATION:Blue Bottle Coffee\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART:20261103T160000Z\r
DTEND:20261103T163000Z\r
RRULE:FREQ=WEEKLY;COUNT=3\r
UID:mentoring-ben\r
SUMMARY:Mentoring\r
ATTENDEE;CN=Ben Osei:mailto:ben@meetup.example\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART:20261111T170000Z\r
DTEND:20261111T173000Z\r
RECURRENCE-ID:20261110T160000Z\r
UID:mentoring-ben\r
SUMMARY:Mentoring\r
ATTENDEE;CN=Ben Osei:mailto:ben@meetup.example\r
END:VEVENT\r
END:VCALENDAR\r
";

/// The whole history a user has (connections, messages and invitations in the export's zip,
/// and a calendar) imported, then imported again, a day later and on the same day: the
/// second time adds nothing and changes no byte of the notebook, dry run or not.
#[test]
fn the_export_and_a_calendar_imported_again_change_no_byte() {
    let zip = "Basic_LinkedInDataExport_11-30-2026.zip";
    let nb = Notebook::new()
        .bytes(zip, &export_zip(&export_of_november()))
        .file("calendar.ics", CALENDAR);
    let linkedin = ["import", "linkedin", zip];
    let ics = ["import", "ics", "calendar.ics"];
    let first = on(&nb, "2026-11-30", &linkedin);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let first = on(&nb, "2026-11-30", &ics);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(
        first.stdout,
        "created chats/2026-11-03-ben-osei.md\ncreated chats/2026-11-11-ben-osei.md\n\
         created chats/2026-11-17-ben-osei.md\ncreated chats/2026-11-25-ana-ruiz.md\n\
         created 0 contacts, 0 companies and 4 chats; 4 new meetings, 0 already in the notebook\n"
    );
    nb.assert_clean();
    let before = nb.all_bytes();
    for day in ["2026-11-30", "2026-12-01"] {
        for dry_run in [true, false] {
            let with = |args: &[&'static str]| {
                let mut args = args.to_vec();
                if dry_run {
                    args.push("--dry-run");
                }
                let out = on(&nb, day, &args);
                assert_eq!(out.code, 0, "{day} {args:?}: {}", out.stderr);
                out.stdout
            };
            let verb = if dry_run { "would create" } else { "created" };
            assert_eq!(
                with(&linkedin),
                format!(
                    "{verb} 0 contacts and 0 companies; 0 new invitations, 2 already in the \
                     notebook; 0 new messages, 4 already in the notebook; 3 people already in \
                     the notebook\n"
                ),
                "{day}"
            );
            assert_eq!(
                with(&ics),
                format!(
                    "{verb} 0 contacts and 0 companies; 0 new meetings, 4 already in the notebook\n"
                ),
                "{day}"
            );
            assert_eq!(nb.all_bytes(), before, "{day}, dry run: {dry_run}");
        }
    }
}

/// Connections with what makes people hard to tell apart: namesakes at two companies, one
/// without a profile, the same person twice, a row without a name.
const PEOPLE: [&str; 9] = [
    "Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz-4f2a,,Globex,Staff Engineer,21 Nov 2026",
    "Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz-77,,Initech,Designer,02 Jun 2025",
    "Ana,Ruiz,,,Hooli,HR Business Partner,03 Jun 2025",
    "Ben,Osei,https://www.linkedin.com/in/ben-osei,ben@meetup.example,Initech,Engineering Manager,02 Jun 2022",
    "Ben,Osei,https://www.linkedin.com/in/ben-osei,ben@meetup.example,Initech,Engineering Manager,02 Jun 2022",
    "Chloe,Dubois,https://www.linkedin.com/in/chloe-dubois,,Initech,Technical Recruiter,27 Nov 2026",
    ",,,,,,01 Jan 2024",
    "Dev,Patel,https://www.linkedin.com/in/dev-patel-7,,,,05 Feb 2023",
    "Eli,Novak,https://www.linkedin.com/in/eli-novak,eli@novak.example,Globex,Data Scientist,09 Mar 2024",
];

/// Messages with the people above and with two who are not among them.
const MESSAGES: [&str; 8] = [
    "c-ana,,Sam Rivera,https://www.linkedin.com/in/sam-rivera-dev,Ana Ruiz,2026-11-24 09:02:00 UTC,,Hi Ana,INBOX",
    "c-ana,,Ana Ruiz,https://www.linkedin.com/in/ana-ruiz-4f2a,Sam Rivera,2026-11-24 17:40:00 UTC,,Hello,INBOX",
    "c-ana,,Ana Ruiz,https://www.linkedin.com/in/ana-ruiz-4f2a,Sam Rivera,2026-11-26 08:00:00 UTC,,Thursday?,INBOX",
    "c-ben,,Ben Osei,https://www.linkedin.com/in/ben-osei,Sam Rivera,2026-11-25 10:00:00 UTC,,A role for you,INBOX",
    "c-ben,,Sam Rivera,https://www.linkedin.com/in/sam-rivera-dev,Ben Osei,2026-11-25 11:00:00 UTC,,Tell me more,INBOX",
    "c-gus,,Gus Kim,https://www.linkedin.com/in/gus-kim,Sam Rivera,2026-11-20 12:00:00 UTC,,We met at the meetup,INBOX",
    "c-uma,,Sam Rivera,https://www.linkedin.com/in/sam-rivera-dev,Uma Silva,2026-11-21 12:00:00 UTC,,Thanks for the intro,INBOX",
    "c-eli,,Eli Novak,https://www.linkedin.com/in/eli-novak,Sam Rivera,2026-11-22 12:00:00 UTC,,Coffee next week?,INBOX",
];

/// A few of `rows` (each with probability ½) in a random order, from the state of a
/// xorshift generator.
fn some_of<'a>(rows: &[&'a str], state: &mut u64) -> Vec<&'a str> {
    let mut next = || {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    };
    let mut picked: Vec<&str> = rows.iter().copied().filter(|_| next() % 2 == 0).collect();
    for i in (1..picked.len()).rev() {
        let j = usize::try_from(next() % (i as u64 + 1)).expect("small");
        picked.swap(i, j);
    }
    picked
}

/// Any rows of an export's connections and messages, in any order, imported twice (people
/// the messages name created too): the second import adds nothing and changes no byte.
#[test]
fn any_rows_in_any_order_imported_twice_equal_imported_once() {
    for seed in 1..=12_u64 {
        let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let people = some_of(&PEOPLE, &mut state);
        let messages = some_of(&MESSAGES, &mut state);
        let nb = Notebook::new()
            .file("ties.yaml", "owner: Sam Rivera\n")
            .file(
                "export/Connections.csv",
                &format!(
                    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n{}\n",
                    people.join("\n")
                ),
            )
            .file(
                "export/messages.csv",
                &format!(
                    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n{}\n",
                    messages.join("\n")
                ),
            );
        let args = ["import", "linkedin", "export", "--create-contacts"];
        let once = on(&nb, "2026-11-30", &args);
        assert!(once.code <= 1, "seed {seed}: {}", once.stderr);
        let imported = nb.all_bytes();
        let twice = on(&nb, "2026-11-30", &args);
        assert!(twice.code <= 1, "seed {seed}: {}", twice.stderr);
        assert!(
            twice
                .stdout
                .starts_with("created 0 contacts and 0 companies")
                && !twice.stdout.contains("created contacts/")
                && !twice.stdout.contains("changed "),
            "seed {seed}: {people:?} {messages:?}\n{}",
            twice.stdout
        );
        assert_eq!(
            nb.all_bytes(),
            imported,
            "seed {seed}: {people:?} {messages:?}"
        );
    }
}

/// A message to a name two contacts have, with no profile to say which (the files of 2022
/// have no recipient's profile): not imported, said in a note, and no third namesake made,
/// even with `--create-contacts` (which would make one more at every import).
#[test]
fn a_name_two_contacts_have_names_no_one() {
    let nb = Notebook::new()
        .file("ties.yaml", "owner: Sam Rivera\n")
        .file("contacts/ana-ruiz.md", "---\nname: Ana Ruiz\n---\n")
        .file("contacts/ana-ruiz-2.md", "---\nname: Ana Ruiz\n---\n")
        .file(
            "messages.csv",
            "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n\
             c-ana,,Sam Rivera,https://www.linkedin.com/in/sam-rivera-dev,Ana Ruiz,2022-05-03 16:04:11 UTC,,Hi Ana,INBOX\n",
        );
    let before = nb.all_bytes();
    let out = on(
        &nb,
        "2026-11-30",
        &["import", "linkedin", "messages.csv", "--create-contacts"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "messages.csv: note: your messages are those of Sam Rivera (`owner:` in ties.yaml)\n\
         messages.csv: note: messages with a name several contacts have, and no profile to say \
         which, are not imported: Ana Ruiz (1 message)\n"
    );
    assert_eq!(
        out.stdout,
        "created 0 contacts and 0 companies; 0 new messages, 0 already in the notebook\n"
    );
    assert_eq!(nb.all_bytes(), before);
}
