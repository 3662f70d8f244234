//! Obsidian vaults read where and as they are (issue 13): the fixture vaults
//! `tests/fixtures/vault-*` (Title Case keys, title ids, aliases, lower-case links, the owner
//! among attendees, Obsidian date-times, folders of their own) check clean with a
//! `ties.yaml` of three lines, and each convention has its own minimal notebook here.

use serde_json::Value;

use crate::support::{self, Notebook, Output, fixture, run, snapshot};

const VAULTS: [&str; 3] = ["vault-crm", "vault-network", "vault-nested"];

/// `ties --notebook tests/fixtures/<vault> --today <today> ARGS`.
fn on_vault(vault: &str, today: &str, args: &[&str]) -> Output {
    let mut cmd = support::ties();
    cmd.arg("--notebook")
        .arg(fixture(vault))
        .args(["--today", today])
        .args(args);
    run(&mut cmd)
}

/// `ties --notebook NB --today <today> ARGS` on a throw-away notebook.
fn on_day(nb: &Notebook, today: &str, args: &[&str]) -> Output {
    let mut cmd = support::ties();
    cmd.arg("--notebook")
        .arg(nb.path())
        .args(["--today", today])
        .args(args);
    run(&mut cmd)
}

/// `agenda --format json`, each item as "group kind id due".
fn agenda_rows(out: &Output) -> Vec<String> {
    assert_eq!(out.code, 0, "{}", out.stderr);
    let items: Vec<Value> = serde_json::from_str(&out.stdout).expect("agenda JSON");
    items
        .iter()
        .map(|i| {
            let f = |k: &str| i[k].as_str().unwrap_or_default().to_owned();
            format!("{} {} {} {}", f("group"), f("kind"), f("id"), f("due"))
        })
        .collect()
}

/// The messages of `check --format json` with their code: "T201 message".
fn messages(nb: &Notebook) -> Vec<String> {
    nb.json_diagnostics()
        .iter()
        .map(|d| {
            format!(
                "{} {}",
                support::message(d),
                d["help"].as_str().unwrap_or("")
            )
        })
        .map(|m| m.trim_end().to_owned())
        .collect()
}

fn codes(nb: &Notebook) -> Vec<String> {
    nb.json_diagnostics()
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// A title notebook whose people live in `People/`, companies in `Companies/`, chats in
/// `Meetings/`, with an owner.
fn vault() -> Notebook {
    Notebook::new().file(
        "ties.yaml",
        "folders: { contacts: People, companies: Companies, chats: Meetings }\nids: title\nowner: Sam Rivera\nrules:\n  nudges: { goal: false, coverage: false }\n",
    )
}

#[test]
fn each_fixture_vault_checks_with_no_errors_given_three_lines_of_settings() {
    for vault in VAULTS {
        let settings = std::fs::read_to_string(fixture(vault).join("ties.yaml")).unwrap();
        assert!(settings.lines().count() <= 3, "{vault}: {settings}");
        let check = on_vault(vault, support::TODAY, &["check"]);
        assert_eq!(check.code, 0, "{vault}: {}{}", check.stdout, check.stderr);
        check.assert_stdout_starts("0 errors, 0 warnings");
        for command in [
            &["agenda"][..],
            &["report"],
            &["agenda", "--format", "json"],
        ] {
            let out = on_vault(vault, support::TODAY, command);
            assert_eq!(out.code, 0, "{vault} {command:?}: {}", out.stderr);
            assert!(!out.stdout.is_empty(), "{vault} {command:?}");
        }
    }
}

#[test]
fn the_crm_vault_check_and_agenda() {
    let check = on_vault("vault-crm", support::TODAY, &["check"]);
    let agenda = on_vault("vault-crm", support::TODAY, &["agenda"]);
    snapshot(
        "vault_crm_check_and_agenda",
        format!(
            "$ ties check\n{}\n$ ties agenda\n{}",
            check.stdout, agenda.stdout
        ),
    );
}

/// Owner ignored, aliases, lower-case links and date-times all count in the CRM vault: its
/// agenda and report are exactly what the files say.
#[test]
fn the_crm_vault_agenda_resolves_titles_aliases_and_the_owner() {
    let out = on_vault(
        "vault-crm",
        support::TODAY,
        &[
            "agenda",
            "--format",
            "json",
            "--kind",
            "reconnect,follow-up,thank-you,prepare,birthday",
        ],
    );
    assert_eq!(
        agenda_rows(&out),
        [
            "overdue reconnect Dana Whitfield 2026-08-30",
            // Tomás's call is booked for 2026-11-26: no follow-up.
            "overdue thank-you Priya Shah 2026-11-19T15:15",
            "upcoming birthday Priya Shah 2026-11-24",
            "upcoming prepare Tomás Ruiz 2026-11-26T09:00",
        ]
    );
    // `[[NWL]]` (an alias) and `[[northwind labs]]` (the title in lower case) both count
    // for Northwind Labs: a developer and a recruiter, one chat (the owner is no contact).
    let report = on_vault(
        "vault-crm",
        support::TODAY,
        &["report", "companies", "--format", "json"],
    );
    assert_eq!(report.code, 0, "{}", report.stderr);
    let json: Value = serde_json::from_str(&report.stdout).unwrap();
    let row = &json["rows"][0];
    assert_eq!(row["id"], "Northwind Labs", "{json}");
    assert_eq!(
        (row["people"].as_u64(), row["chats"].as_u64()),
        (Some(2), Some(1)),
        "{row}"
    );
}

#[test]
fn an_ambiguous_reference_is_an_error_naming_each_candidate() {
    let nb = vault()
        .file("People/Sam Lee.md", "---\nAliases: [Sam]\n---\n")
        .file(
            "People/Samantha Cole.md",
            "---\nName: Samantha Cole\nAliases: [sam]\n---\n",
        )
        .file(
            "Meetings/2026-11-20 Sam.md",
            "---\nWith: \"[[Sam]]\"\nDate: 2026-11-20\n---\nAlso [[SAM]].\n",
        );
    assert_eq!(
        messages(&nb),
        [
            "`Sam` names several records: `Sam Lee` (People/Sam Lee.md), `Samantha Cole` (People/Samantha Cole.md) write the id (the file name without `.md`) of the one you mean",
            "ambiguous link: `SAM` names several files: `Sam Lee` (People/Sam Lee.md), `Samantha Cole` (People/Samantha Cole.md) say which with its id: `[[Sam Lee]]`",
        ]
    );
    assert_eq!(codes(&nb), ["T201", "T204"]);
    // On the command line too: the error names the ids to choose from.
    let out = nb.run(["show", "sam"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    out.assert_stderr_has(
        "unknown record `sam` (several records have that name: `Sam Lee`, `Samantha Cole`)",
    );
}

#[test]
fn a_lower_case_wiki_link_finds_the_title_and_a_wrong_one_is_still_broken() {
    let nb = vault().file("Evergreen.md", "# Evergreen\n").file(
        "People/Steph Ango.md",
        "---\n---\nSee [[evergreen]], [[STEPH ANGO]] and [[evergren]].\n",
    );
    assert_eq!(
        messages(&nb),
        [
            "broken link: no record or note `evergren` (did you mean `Evergreen`?) correct it to `[[Evergreen]]`, or create the note"
        ]
    );
}

#[test]
fn an_alias_or_a_name_resolves_a_reference_in_any_case() {
    let nb = vault()
        .file("Companies/Northwind Labs.md", "---\nAliases: [NWL]\n---\n")
        .file("People/Ada.md", "---\nCompany: \"[[nwl]]\"\n---\n")
        .file(
            "People/Bo.md",
            "---\nName: Bo Berg\nCompany: northwind labs\n---\n",
        )
        .file(
            "Meetings/2026-11-20 Bo.md",
            "---\nWith: [\"[[bo berg]]\", ada]\nDate: 2026-11-20\n---\n",
        );
    assert_eq!(codes(&nb), Vec::<String>::new());
    let out = nb.run(["list", "contacts", "--company", "NWL", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows: Value = serde_json::from_str(&out.stdout).unwrap();
    let ids: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["Ada", "Bo"]);
    // The chat counts for both: each has met you.
    for id in ["Ada", "Bo"] {
        let show = nb.run(["show", id]);
        let stage = show
            .stdout
            .lines()
            .find(|l| l.trim_start().starts_with("stage:"));
        assert_eq!(
            stage.map(|l| l.split_whitespace().collect::<Vec<_>>()),
            Some(vec!["stage:", "met"]),
            "{}",
            show.stdout
        );
    }
}

#[test]
fn t107_is_silent_in_a_title_notebook_and_still_warns_in_a_slug_notebook() {
    let titled = vault().file("People/Jane Roe.md", "---\nName: Jane Roe\n---\n");
    assert_eq!(codes(&titled), Vec::<String>::new());
    let slugs = Notebook::new().file("contacts/Jane Roe.md", "---\nname: Jane Roe\n---\n");
    assert_eq!(
        messages(&slugs),
        ["file name `Jane Roe` is not a slug id rename the file to `jane-roe.md`"]
    );
}

#[test]
fn hints_propose_titles_in_a_title_notebook_and_slugs_in_a_slug_notebook() {
    let titled = vault()
        .file("Companies/Tree Company.md", "---\n---\n")
        .file("People/Max Muster.md", "---\nCompany: Tree Compnay\n---\n");
    assert_eq!(
        messages(&titled),
        [
            "unknown company `Tree Compnay` (did you mean `Tree Company`?) create `Companies/Tree Compnay.md` or correct the id"
        ]
    );
    // The T201 hint is the file T107 would ask for: never two contradicting names.
    let slugs = Notebook::new().file(
        "contacts/max-muster.md",
        "---\nname: Max\ncompany: \"[[Tree Company]]\"\n---\n",
    );
    assert_eq!(
        messages(&slugs),
        ["unknown company `Tree Company` create `companies/tree-company.md` or correct the id"]
    );
    // No file can be made of these: the help does not propose a hidden or nested one.
    let odd = vault()
        .file("People/Max Muster.md", "---\nCompany: \".\"\n---\n")
        .file(
            "Meetings/Call.md",
            "---\nWith: [\"[[Max Muster]]\", \"A/B\"]\ndate: 2026-11-02\n---\n",
        );
    assert_eq!(
        messages(&odd),
        [
            "unknown contact `A/B` create `People/A B.md` or correct the id",
            "unknown company `.` correct the id",
        ]
    );
}

#[test]
fn the_owner_in_a_chats_with_is_accepted_and_ignored() {
    let chat = "---\nWith: [\"[[Sam Rivera]]\", sam-rivera, Priya]\nDate: 2026-11-20\n---\n";
    let nb = vault()
        .file("People/Priya.md", "---\n---\n")
        .file("Meetings/2026-11-20 Priya.md", chat);
    assert_eq!(codes(&nb), Vec::<String>::new());
    let show = nb.run(["show", "2026-11-20 Priya"]);
    show.assert_stdout_has("Coffee chat with Priya on 2026-11-20");
    // Without `owner:` the same name is a contact that does not exist: unknown where
    // references are strict, and in a title notebook (implicit references, issue 23) a
    // contact with no note, under each of the two names it is written by.
    let no_owner = |references: &str| {
        Notebook::new()
            .file(
                "ties.yaml",
                &format!(
                    "folders: {{ contacts: People, chats: Meetings }}\nids: title\n{references}"
                ),
            )
            .file("People/Priya.md", "---\n---\n")
            .file("Meetings/2026-11-20 Priya.md", chat)
    };
    assert_eq!(codes(&no_owner("references: strict\n")), ["T201", "T201"]);
    assert_eq!(codes(&no_owner("")), ["T206", "T206"]);
}

#[test]
fn a_date_time_is_accepted_where_a_date_is_expected_and_its_date_used() {
    let nb = vault().file(
        "People/Lena.md",
        "---\nReached Out: 2026-11-10T09:12\nfollowed_up: [2026-11-12 17:40:05]\n---\n",
    );
    assert_eq!(codes(&nb), Vec::<String>::new());
    assert_eq!(
        agenda_rows(&nb.run(["agenda", "--format", "json"])),
        ["overdue follow-up Lena 2026-11-19"]
    );
}

#[test]
fn last_contact_counts_as_an_interaction() {
    let nb = vault().file(
        "People/Dana.md",
        "---\nLast Contact: 2026-07-01T10:00\nreached_out: 2026-05-01\nreplied: 2026-05-02\n---\n",
    );
    assert_eq!(
        agenda_rows(&nb.run(["agenda", "--format", "json"])),
        ["overdue reconnect Dana 2026-09-29"]
    );
    let list = nb.run(["list", "contacts", "--format", "json"]);
    let rows: Value = serde_json::from_str(&list.stdout).unwrap();
    assert_eq!(rows[0]["last"], "2026-07-01", "{rows}");
    nb.run(["show", "dana"])
        .assert_stdout_has("Last in touch with Dana");
    // `--where` reads keys as the files do.
    let out = nb.run([
        "list",
        "contacts",
        "--where",
        "last-contact=2026-07-01T10:00",
    ]);
    out.assert_stdout_has("Dana");
    let none = nb.run(["list", "contacts", "--where", "last-contact=2026-07-02"]);
    assert!(!none.stdout.contains("Dana"), "{}", none.stdout);
}

#[test]
fn a_birthday_is_on_the_agenda_on_the_day_and_can_be_switched_off() {
    let nb = vault().file("People/Priya.md", "---\nBirthday: 11-24\n---\n");
    let on = |today| {
        agenda_rows(&on_day(
            &nb,
            today,
            &["agenda", "--format", "json", "--days", "3"],
        ))
    };
    assert_eq!(on("2026-11-24"), ["today birthday Priya 2026-11-24"]);
    assert_eq!(on("2026-11-23"), ["upcoming birthday Priya 2026-11-24"]);
    assert_eq!(
        on("2026-11-25"),
        Vec::<String>::new(),
        "a birthday is never overdue"
    );
    assert_eq!(on("2027-11-22"), ["upcoming birthday Priya 2027-11-24"]);
    let born = vault().file("People/Ada.md", "---\nbirthday: 1992-02-29\n---\n");
    let out = on_day(
        &born,
        "2026-02-28",
        &["agenda", "--format", "json", "--days", "0"],
    );
    assert_eq!(agenda_rows(&out), ["today birthday Ada 2026-02-28"]);
    let off = Notebook::new()
        .file(
            "ties.yaml",
            "rules:\n  nudges: { goal: false, coverage: false, birthday: false }\n",
        )
        .file(
            "contacts/priya.md",
            "---\nname: Priya\nbirthday: 11-21\n---\n",
        );
    assert_eq!(
        agenda_rows(&off.run(["agenda", "--format", "json"])),
        Vec::<String>::new()
    );
    let bad = Notebook::new().file(
        "contacts/priya.md",
        "---\nname: Priya\nbirthday: 24 Nov\n---\n",
    );
    assert_eq!(
        messages(&bad),
        [
            "`birthday`: `24 Nov` is not a valid birthday write it as MM-DD or YYYY-MM-DD, e.g. 03-14 or 1990-03-14"
        ]
    );
}

#[test]
fn new_contact_in_a_title_notebook_writes_its_title_in_its_folder() {
    let nb = vault();
    let out = nb.run(["new", "contact", "Jane Doe"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_stdout_has("People/Jane Doe.md");
    assert!(
        nb.read("People/Jane Doe.md")
            .starts_with("---\nname: Jane Doe\n")
    );
    let chat = nb.run(["new", "chat", "jane doe", "--date", "2026-11-25"]);
    assert_eq!(chat.code, 0, "{}", chat.stderr);
    assert!(
        nb.read("Meetings/2026-11-25 Jane Doe.md")
            .contains("with: Jane Doe\n")
    );
    assert_eq!(codes(&nb), Vec::<String>::new());
    let again = nb.run(["new", "contact", "Jane Doe"]);
    assert_eq!(again.code, 2, "{}", again.stdout);
    again.assert_stderr_has("Jane Doe 2");
}

#[test]
fn keys_match_whatever_their_case_spaces_or_hyphens_and_two_spellings_are_a_duplicate() {
    let nb = Notebook::new().file(
        "contacts/ada.md",
        "---\nName: Ada\nReached-Out: 2026-11-01\nLast Contact: 2026-11-02\nlast_contact: 2026-11-03\nFavourite Colour: teal\n---\n",
    );
    assert_eq!(
        messages(&nb),
        [
            "duplicate key `last_contact`: it is `Last Contact` again (both are `last_contact`) keys match whatever their case, spaces, `-` or `_`: keep one; the first one is used",
            "unknown key `Favourite Colour` for a contact",
        ]
    );
    let diagnostics = nb.diagnostics();
    assert_eq!(
        diagnostics,
        support::diags(&["T003 contacts/ada.md:5:1", "T106 contacts/ada.md:6:1"])
    );
}

#[test]
fn keys_renamed_in_settings_are_read_as_ties_keys_and_problems_name_the_key_as_written() {
    let nb = Notebook::new()
        .file(
            "ties.yaml",
            "keys: { position: title, Attendees: with, type: kind }\n",
        )
        .file("contacts/ada.md", "---\nname: Ada\nPosition: CTO\n---\n")
        .file(
            "chats/2026-11-20-ada.md",
            "---\nAttendees: [ada]\ndate: 2026-11-20\nType: brunch\n---\n",
        );
    assert_eq!(
        messages(&nb),
        [
            "`brunch` is not a valid `Type` allowed values: coffee-chat, informational-interview, call, message, event, interview, other"
        ]
    );
    let bad = Notebook::new().file("ties.yaml", "keys: { position: titel }\n");
    assert_eq!(codes(&bad), ["T402"]);
}

#[test]
fn folders_in_settings_give_the_kind_and_the_old_folder_is_a_note() {
    let nb = Notebook::new()
        .file("ties.yaml", "folders: { contacts: CRM/People }\n")
        .file("CRM/People/2024/ada.md", "---\nname: Ada\n---\n")
        .file("contacts/bob.md", "no front matter: a free note now\n");
    assert_eq!(codes(&nb), Vec::<String>::new());
    let out = nb.run(["list", "contacts", "--format", "json"]);
    let rows: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(rows.as_array().map(Vec::len), Some(1), "{rows}");
    let bad = Notebook::new().file(
        "ties.yaml",
        "folders: { contacts: ../elsewhere, chats: People, events: People }\n",
    );
    assert_eq!(codes(&bad), ["T402", "T402"]);
}

#[test]
fn a_due_date_in_words_is_read_and_a_bad_one_named_whole() {
    let nb = Notebook::new()
        .file(
            "ties.yaml",
            "rules:\n  nudges: { goal: false, coverage: false }\n",
        )
        .file(
            "notes/plan.md",
            "- [ ] renew the domain (due 24 Nov 2026)\n- [ ] ask (due 12 Febr 2026)\n",
        );
    assert_eq!(
        messages(&nb),
        [
            "`due`: `12 Febr 2026` is not a valid date write it as YYYY-MM-DD or day, month and year, e.g. (due 2026-02-12) or (due 12 Feb 2026)"
        ]
    );
    assert_eq!(
        agenda_rows(&nb.run(["agenda", "--format", "json"])),
        ["upcoming task plan 2026-11-24"]
    );
}

#[test]
fn log_fills_the_key_as_the_vault_spells_it() {
    let nb = vault().file(
        "People/Tom.md",
        "---\nReached Out: 2026-11-01\nFollowed Up: 2026-11-08\n---\n",
    );
    let out = nb.run(["log", "follow-up", "tom"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(
        nb.read("People/Tom.md"),
        "---\nReached Out: 2026-11-01\nFollowed Up: [2026-11-08, 2026-11-21]\n---\n"
    );
    assert_eq!(codes(&nb), Vec::<String>::new());
}

#[test]
fn an_id_given_to_new_is_a_title_in_a_title_notebook_and_a_slug_otherwise() {
    let titled = vault();
    let out = titled.run(["new", "contact", "Jane", "--id", "Jane Q. Public"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(titled.path().join("People/Jane Q. Public.md").is_file());
    let bad = titled.run(["new", "contact", "Jane", "--id", "Jane/Public"]);
    assert_eq!(bad.code, 2, "{}", bad.stdout);
    bad.assert_stderr_has("is not a file title");
    let slugs = Notebook::new();
    let out = slugs.run(["new", "contact", "Jane", "--id", "Jane Public"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    out.assert_stderr_has("is not an id");
}

#[test]
fn an_import_writes_into_the_folders_the_settings_name_with_titles_as_ids() {
    let nb = vault().file(
        "tracker.csv",
        "Name,Company,Date reached out\nAda Lovelace,Analytical Engines,2026-11-02\n",
    );
    let out = nb.run(["import", "csv", "tracker.csv"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        nb.path().join("People/Ada Lovelace.md").is_file(),
        "{}",
        out.stdout
    );
    assert!(
        nb.path().join("Companies/Analytical Engines.md").is_file(),
        "{}",
        out.stdout
    );
    assert_eq!(codes(&nb), Vec::<String>::new());
    let list = nb.run(["list", "contacts", "--company", "Analytical Engines"]);
    list.assert_stdout_has("Ada Lovelace");
}
