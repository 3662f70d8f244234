//! Vaults as people keep them (issue 23): each class of what real Obsidian vaults hold that
//! `ties` once refused, tested at its boundary on a minimal notebook, and the fixture vaults
//! `tests/fixtures/vault-*` of each class (and one with all of them) checked with no error,
//! a `ties.yaml` of at most 6 lines and a short first agenda; each fails as it did before
//! without the line of settings that reads its class.

use serde_json::Value;

use crate::support::{self, Notebook};

/// "CODE message help" of each diagnostic of `check --format json`, in order.
fn found(nb: &Notebook) -> Vec<String> {
    nb.json_diagnostics()
        .iter()
        .map(|d| {
            let text = format!(
                "{} {} {}",
                d["code"].as_str().unwrap_or_default(),
                support::message(d),
                d["help"].as_str().unwrap_or("")
            );
            text.trim_end().to_owned()
        })
        .collect()
}

/// A vault with people in `People/` and companies in `Companies/`, titles as ids.
fn vault(extra: &str) -> Notebook {
    Notebook::new().file(
        "ties.yaml",
        &format!("folders: {{ contacts: People, companies: Companies, chats: Meetings }}\nids: title\n{extra}"),
    )
}

#[test]
fn a_list_of_one_item_is_the_value_and_two_items_are_still_an_error() {
    let nb = vault("")
        .file("Companies/Acme.md", "---\n---\n")
        .file(
            "People/Jane Roe.md",
            "---\nEmail:\n  - jane@example.com\nCompany:\n  - \"[[Acme]]\"\nLast Contact: [2026-11-02]\nTags: []\n---\n",
        );
    assert_eq!(found(&nb), Vec::<String>::new());
    let list = nb.run(["list", "contacts", "--company", "Acme", "--format", "json"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    let rows: Value = serde_json::from_str(&list.stdout).unwrap();
    assert_eq!(rows[0]["id"], "Jane Roe", "{rows}");
    assert_eq!(rows[0]["last"], "2026-11-02", "{rows}");
    let two = vault("").file(
        "People/Jane Roe.md",
        "---\nEmail:\n  - jane@example.com\n  - jane@home.example\n---\n",
    );
    assert_eq!(
        found(&two),
        [
            "T102 `Email` should be a single value, found a list write `Email` as a single value; `ties explain T102` shows examples"
        ]
    );
    // An empty list is no value: a required key is then missing.
    let empty = Notebook::new().file("contacts/ada.md", "---\nname: []\n---\n");
    assert_eq!(
        found(&empty),
        [
            "T101 contact is missing the required key `name` add a line like `name: Jane Doe` to the front matter"
        ]
    );
}

#[test]
fn a_key_kept_as_the_vaults_own_is_shown_and_never_read_as_a_ties_key() {
    // `Status` is a deal stage here, `Relationship` the vault's: neither is `ties`' key.
    let files = |nb: Notebook| {
        nb.file(
            "People/Ana Lima.md",
            "---\nStatus: sourcing\nRelationship: founder\n---\n",
        )
    };
    let before = files(vault(""));
    assert_eq!(
        found(&before),
        [
            "T103 `sourcing` is not a valid `Status` allowed values: active, paused, closed",
            "T106 unknown key `Relationship` for a contact if it means a ties key, map it in `ties.yaml`: `keys: { Relationship: title }`; to keep it as your own: `keys: { Relationship: own }`",
        ]
    );
    let kept = files(vault("keys: { status: own, relationship: ~ }\n"));
    assert_eq!(found(&kept), Vec::<String>::new());
    let show = kept.run(["show", "Ana Lima"]);
    assert_eq!(show.code, 0, "{}", show.stderr);
    let shown: Vec<String> = (show.stdout.lines())
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert!(
        shown.iter().any(|l| l == "Status: sourcing")
            && shown.iter().any(|l| l == "Relationship: founder"),
        "{}",
        show.stdout
    );
    // Her `ties` status is still the default: she is on the agenda's lists.
    // A deal `closed` is no `status: closed` contact: she stays on the agenda.
    let deal = "---\nStatus: closed\nReached Out: 2026-11-01\n---\n";
    let agenda = |nb: &Notebook| nb.run(["agenda", "--kind", "follow-up"]).stdout;
    let read = vault("").file("People/Bo Berg.md", deal);
    assert!(!agenda(&read).contains("Bo Berg"), "{}", agenda(&read));
    let own = vault("keys: { status: own }\n").file("People/Bo Berg.md", deal);
    assert!(
        agenda(&own).contains("Follow up with Bo Berg"),
        "{}",
        agenda(&own)
    );
    let bad = vault("keys: { status: owns }\n");
    assert_eq!(
        found(&bad),
        [
            "T402 `keys.status` should be `own` (the vault's own key) or a key of a record; using the default (not renamed) write `keys.status` as `own` (the vault's own key) or a key of a record, or remove it to use the default"
        ]
    );
}

#[test]
fn a_vault_role_mapped_onto_title_leaves_the_role_inferred_from_it() {
    let nb = vault("keys: { role: title }\n")
        .file("Companies/Acme.md", "---\nStatus: target\n---\n")
        .file(
            "People/Ana Lima.md",
            "---\nCompany: Acme\nRole: Staff Engineer\n---\n",
        )
        .file(
            "People/Bo Berg.md",
            "---\nCompany: Acme\nRole: Technical Recruiter\n---\n",
        );
    assert_eq!(found(&nb), Vec::<String>::new());
    let out = nb.run(["report", "companies", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    let roles = &json["rows"][0]["roles"];
    assert_eq!(
        (roles["developer"].as_u64(), roles["recruiter"].as_u64()),
        (Some(1), Some(1)),
        "{json}"
    );
    // Where `role` is `ties`' own key, nothing is inferred: a title alone is no role.
    let plain = Notebook::new()
        .file(
            "companies/acme.md",
            "---\nname: Acme\nstatus: target\n---\n",
        )
        .file(
            "contacts/ana.md",
            "---\nname: Ana\ncompany: acme\ntitle: Staff Engineer\n---\n",
        );
    let out = plain.run(["report", "companies", "--format", "json"]);
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["rows"][0]["roles"]["developer"], 0, "{json}");
}

#[test]
fn minor_words_fit_the_vault() {
    // An unknown key with no value is a template's empty slot: no warning.
    let nb = vault("").file("People/Ana Lima.md", "---\nPosition:\nBirthday:\n---\n");
    assert_eq!(found(&nb), Vec::<String>::new());
    // T006 in a vault points at `ignore:` (there may be no notes/), and stays as it was
    // in a notebook made by `ties init`.
    let vault_t006 = vault("").file("People/Ana Lima.md", "# Ana\n");
    assert_eq!(
        found(&vault_t006),
        [
            "T006 contact file has no front matter start the file with front matter, e.g. `---\\nname: Jane Doe\\n---`, or, if it is no contact, list it under `ignore:` in `ties.yaml` (or move it out of `People/`)"
        ]
    );
    let plain_t006 = Notebook::new().file("contacts/ana.md", "# Ana\n");
    assert_eq!(
        found(&plain_t006),
        [
            "T006 contact file has no front matter start the file with front matter, e.g. `---\\nname: Jane Doe\\n---`, or move it to `notes/`"
        ]
    );
    // The report names the vault's companies folder.
    let orgs = Notebook::new().file("ties.yaml", "folders: { companies: Organizations }\n");
    orgs.run(["report", "companies"])
        .assert_stdout_has("mark some with `status: target` in Organizations/");
}

#[test]
fn templates_readmes_and_ignored_files_in_record_folders_are_no_records() {
    let nb = vault("ignore: [_aliases.md, \"Untitled*.md\", Archive/]\n")
        .file("People/Ana Lima.md", "---\nCompany: \"[[Acme]]\"\n---\n")
        .file("Companies/Acme.md", "---\n---\n")
        // Templater's placeholders are no YAML to check.
        .file(
            "People/_template.md",
            "---\nCompany: {{company}}\nDate: <% tp.date.now() %>\n---\n",
        )
        .file("Templates/Person.md", "---\nname: {{title}\n---\n")
        .file("People/README.md", "# People\nOne note per person.\n")
        .file("Companies/README.md", "# Companies\n")
        .file("People/_aliases.md", "Ana = [[Ana Lima]]\n")
        .file("People/Untitled.md", "")
        .file("Companies/Untitled 1.md", "")
        .file("People/Archive/Old Friend.md", "no front matter\n");
    assert_eq!(found(&nb), Vec::<String>::new());
    let out = nb.run(["list", "contacts", "--format", "json"]);
    let rows: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(rows.as_array().map(Vec::len), Some(1), "{rows}");
    // Without `ignore:`, the same files are what they always were.
    let bare = vault("")
        .file("People/_aliases.md", "Ana = [[Ana Lima]]\n")
        .file("People/Ana Lima.md", "---\n---\n");
    assert_eq!(
        nb_codes(&bare),
        ["T006"],
        "a note without front matter in a record folder"
    );
    let bad = vault("ignore: [\"People/{a,b\"]\n");
    assert_eq!(nb_codes(&bad), ["T402"]);
}

/// The codes of `check --format json`, in order.
fn nb_codes(nb: &Notebook) -> Vec<String> {
    nb.json_diagnostics()
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn one_title_in_two_folders_is_no_duplicate_and_a_path_says_which() {
    let nb = vault("")
        .file("People/Untitled.md", "---\nName: Ana Lima\n---\n")
        .file("People/2024/Untitled.md", "---\nName: Bo Berg\n---\n")
        .file(
            "Meetings/2026-11-20 Ana.md",
            "---\nWith: \"[[People/Untitled|Ana]]\"\nDate: 2026-11-20\n---\nAlso [[people/2024/untitled]] and [[2024/Untitled.md|Bo]]; not [[Untitled]].\n",
        );
    assert_eq!(
        found(&nb),
        [
            "T204 ambiguous link: `Untitled` names several files: `Untitled` (People/2024/Untitled.md), `Untitled` (People/Untitled.md) say which with its path: `[[People/2024/Untitled]]`"
        ]
    );
    let show = nb.run(["show", "2026-11-20 Ana"]);
    show.assert_stdout_has("with Ana Lima");
    // In a slug notebook, one id in two files stays T203.
    let slugs = Notebook::new()
        .file("contacts/ana.md", "---\nname: Ana\n---\n")
        .file("contacts/old/ana.md", "---\nname: Ana\n---\n");
    assert_eq!(nb_codes(&slugs), ["T203"]);
}

#[test]
fn path_links_resolve_from_the_root_and_owner_links_are_never_broken() {
    let nb = vault("owner: Sam Okafor\nlinks: strict\n")
        .file("People/Network/Deb Tien.md", "---\n---\n")
        .file("👤 People/Colin Megill.md", "# Colin\n")
        .file("Templates/Person.md", "---\n---\n")
        .file(
            "Home.md",
            "[[People/Network/Deb Tien|Deb Tien]], [[👤 People/Colin Megill]], [[Templates/Person]], [[Network/Deb Tien]], [[Sam Okafor]], [[sam okafor|me]].\n[[People/Deb Tien]] [[Nobody Yet]]\n",
        );
    assert_eq!(
        found(&nb),
        [
            "T204 broken link: no record or note `People/Deb Tien` correct the link, or create the record or note it names",
            "T204 broken link: no record or note `Nobody Yet` correct the link, or create the record or note it names",
        ]
    );
}

#[test]
fn links_to_notes_not_written_yet_are_fine_in_a_vault_unless_a_likely_typo() {
    let files = |nb: Notebook| {
        nb.file("Evergreen.md", "# Evergreen\n").file(
            "People/Ana Lima.md",
            "---\n---\n[[Project Phoenix]], [[Q3 offsite]], [[Evergren]], [[Ever]].\n",
        )
    };
    // `ids: title` reads links leniently by default: a note not written yet is fine.
    assert_eq!(
        found(&files(vault(""))),
        [
            "T204 broken link: no record or note `Evergren` (did you mean `Evergreen`?) correct it to `[[Evergreen]]`, or create the note"
        ]
    );
    assert_eq!(nb_codes(&files(vault("links: strict\n"))).len(), 4);
    // A notebook made by `ties init` (slug ids) is strict unless it says otherwise.
    let plain = Notebook::new().file("notes/plan.md", "[[project-phoenix]]\n");
    assert_eq!(nb_codes(&plain), ["T204"]);
    let lenient = Notebook::new()
        .file("ties.yaml", "links: lenient\n")
        .file("notes/plan.md", "[[project-phoenix]]\n");
    assert_eq!(nb_codes(&lenient), Vec::<String>::new());
    assert_eq!(nb_codes(&vault("links: loose\n")), ["T402"]);
}

#[test]
fn attendees_in_one_string_or_in_the_body_count_for_each_person() {
    let people = |nb: Notebook| {
        nb.file("People/Derek Wu.md", "---\n---\n")
            .file("People/Jake Fuchs.md", "---\n---\n")
            .file("People/Muli Motola.md", "---\n---\n")
    };
    let nb = people(vault("owner: Sam Okafor\nkeys: { attendees: with }\n"))
        .file(
            "Meetings/2026-11-18 Sync.md",
            "---\nDate: 2026-11-18\nAttendees: Derek Wu, Jake Fuchs, Muli Motola, Sam Okafor\n---\n",
        )
        .file(
            "Meetings/2026-11-19 Standup.md",
            "---\nDate: 2026-11-19\n---\n## Participants\n- [[Jake Fuchs]]\n- [[Sam Okafor]]\n\n## Notes\n- [[Muli Motola]] was out\n",
        );
    assert_eq!(
        found(&nb),
        [
            "T109 `Attendees` is one string of 4 names: read as a list write a list: `Attendees: [Derek Wu, Jake Fuchs, Muli Motola, Sam Okafor]`"
        ]
    );
    let diagnostics = nb.diagnostics();
    assert_eq!(
        diagnostics,
        support::diags(&["T109 Meetings/2026-11-18 Sync.md:3:12"])
    );
    // Each of them was met: the funnel counts them.
    let funnel = nb.run(["report", "funnel", "--format", "json"]);
    let json: Value = serde_json::from_str(&funnel.stdout).unwrap();
    let met = json["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["stage"] == "met")
        .cloned()
        .unwrap();
    assert_eq!(met["reached"], 3, "{json}");
    nb.run(["show", "2026-11-19 Standup"])
        .assert_stdout_has("with Jake Fuchs");
    // A name in a wrong place is pointed at where it is written in the string.
    let typo = people(vault("")).file(
        "Meetings/2026-11-18 Sync.md",
        "---\nDate: 2026-11-18\nWith: \"Derek Wu, Jake Fuhcs\"\n---\n",
    );
    assert_eq!(
        typo.diagnostics(),
        support::diags(&[
            "T109 Meetings/2026-11-18 Sync.md:3:7",
            "T201 Meetings/2026-11-18 Sync.md:3:18",
        ])
    );
    // `with` written, even as the owner alone, is not overruled by the body; and without
    // either, `with` is missing as it always was.
    let none = vault("").file(
        "Meetings/2026-11-19 Call.md",
        "---\nDate: 2026-11-19\n---\n## Notes\n- [[Jake Fuchs]]\n",
    );
    assert_eq!(nb_codes(&none), ["T101"]);
}

#[test]
fn a_kind_marked_by_a_property_makes_a_record_wherever_the_note_is() {
    let settings = "ids: title\nkinds: { contacts: { categories: \"[[People]]\" }, companies: { type: [company, org] }, chats: { tags: meeting } }\n";
    let nb = Notebook::new()
        .file("ties.yaml", settings)
        .file(
            "References/Ana Lima.md",
            "---\ncategories:\n  - \"[[People]]\"\norg: \"[[Acme]]\"\n---\n",
        )
        .file("References/Acme.md", "---\ntype: Company\n---\n")
        .file(
            "References/Dune.md",
            "---\ncategories: [\"[[Books]]\"]\nauthor: Frank Herbert\n---\n",
        )
        .file(
            "References/Lisbon.md",
            "---\ncategories: [\"[[Places]]\"]\n---\n",
        )
        .file(
            "Daily/2026-11-18.md",
            "---\ntags: [daily, meeting]\ndate: 2026-11-18\nwith: \"[[Ana Lima]]\"\n---\n",
        )
        // A template says what it makes, and is still no record.
        .file(
            "Templates/People Template.md",
            "---\ncategories: [\"[[People]]\"]\n---\n",
        );
    assert_eq!(
        found(&nb),
        [
            "T106 unknown key `org` for a contact if it means a ties key, map it in `ties.yaml`: `keys: { org: title }`; to keep it as your own: `keys: { org: own }`"
        ]
    );
    let list = |kind: &str| {
        let out = nb.run(["list", kind, "--format", "json"]);
        let rows: Value = serde_json::from_str(&out.stdout).unwrap();
        (rows.as_array().unwrap().iter())
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(list("contacts"), ["Ana Lima"]);
    assert_eq!(list("companies"), ["Acme"]);
    assert_eq!(list("chats"), ["2026-11-18"]);
    let bad = Notebook::new().file(
        "ties.yaml",
        "kinds: { contacts: People, people: { type: person } }\n",
    );
    assert_eq!(nb_codes(&bad), ["T402", "T401"]);
}

#[test]
fn a_name_no_note_answers_to_is_an_implicit_record_in_a_vault_and_unknown_elsewhere() {
    let files = |nb: Notebook| {
        nb.file("Companies/Northwind.md", "---\nStatus: target\n---\n")
            .file(
                "People/Ana Lima.md",
                "---\nCompany: LEA Technologies\nRole: developer\nReached Out: 2026-11-01\n---\n",
            )
            .file(
                "People/Bo Berg.md",
                "---\nCompany: \"[[lea technologies]]\"\nIntroduced By: Derek Wu\n---\n",
            )
            .file("People/Cy.md", "---\nCompany: Nortwind\n---\n")
            .file(
                "Meetings/2026-11-18 Sync.md",
                "---\nDate: 2026-11-18\nWith: [Derek Wu, \"[[Ana Lima]]\"]\n---\n",
            )
    };
    // A vault (`ids: title`): each name is a record, said once; a typo is still unknown.
    let nb = files(vault(""));
    assert_eq!(
        found(&nb),
        [
            "T206 no note for contact `Derek Wu`: counted as a contact by that name `ties new contact \"Derek Wu\"` writes `People/Derek Wu.md` when you want notes on it; `references: strict` in `ties.yaml` reports such names instead",
            "T206 no note for company `LEA Technologies`: counted as a company by that name `ties new company \"LEA Technologies\"` writes `Companies/LEA Technologies.md` when you want notes on it; `references: strict` in `ties.yaml` reports such names instead",
            "T201 unknown company `Nortwind` (did you mean `Northwind`?) create `Companies/Nortwind.md` or correct the id",
        ]
    );
    let check = nb.run(["check"]);
    assert_eq!(check.last_line(), "1 error, 0 warnings, 2 infos in 6 files");
    // Infos never fail a check, even with --deny-warnings.
    let infos = vault("").file(
        "People/Ana Lima.md",
        "---\nCompany: LEA Technologies\n---\n",
    );
    assert_eq!(infos.run(["check", "--deny-warnings"]).code, 0);
    // Counted by reports, shown by `show`, listed with the companies.
    let report = nb.run(["report", "--format", "json"]);
    let json: Value = serde_json::from_str(&report.stdout).unwrap();
    assert_eq!(
        (
            json["records"]["contacts"].as_u64(),
            json["records"]["companies"].as_u64()
        ),
        (Some(4), Some(2)),
        "{json}"
    );
    let show = nb.run(["show", "lea technologies"]);
    assert_eq!(show.code, 0, "{}", show.stderr);
    show.assert_stdout_has("none yet; `ties new company \"LEA Technologies\"` writes it")
        .assert_stdout_has("Ana Lima")
        .assert_stdout_has("Bo Berg");
    nb.run(["show", "Derek Wu"])
        .assert_stdout_has("Derek Wu introduced you to Bo Berg");
    // A command that writes to the record's file says there is none yet.
    let log = nb.run(["log", "follow-up", "Derek Wu"]);
    assert_eq!(log.code, 2, "{}", log.stdout);
    log.assert_stderr_has("contact `Derek Wu` has no note yet");
    // Writing the note: the name resolves to it, and the implicit record is gone.
    let new = nb.run(["new", "company", "LEA Technologies"]);
    assert_eq!(new.code, 0, "{}", new.stderr);
    assert_eq!(nb_codes(&nb), ["T206", "T201"]);
    // `references: strict` in a vault, and the default of a notebook made by `ties init`,
    // report each such name where it is written.
    assert_eq!(
        nb_codes(&files(vault("references: strict\n"))),
        ["T201", "T201", "T201", "T201", "T201"]
    );
    let plain = Notebook::new().file(
        "contacts/ana.md",
        "---\nname: Ana\ncompany: LEA Technologies\n---\n",
    );
    assert_eq!(nb_codes(&plain), ["T201"]);
    let implicit = Notebook::new()
        .file("ties.yaml", "references: implicit\n")
        .file(
            "contacts/ana.md",
            "---\nname: Ana\ncompany: LEA Technologies\n---\n",
        );
    assert_eq!(nb_codes(&implicit), ["T206"]);
    let shown = implicit.run(["show", "LEA Technologies"]);
    shown.assert_stdout_has("companies/lea-technologies.md");
    assert_eq!(nb_codes(&vault("references: loose\n")), ["T402"]);
}

/// `agenda --format json` as "kind id" rows.
fn agenda_of(nb: &Notebook, args: &[&str]) -> Vec<String> {
    let mut all = vec!["agenda", "--format", "json"];
    all.extend_from_slice(args);
    let out = nb.run(all);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let items: Vec<Value> = serde_json::from_str(&out.stdout).expect("agenda JSON");
    support::joined(&items, &["kind", "id"])
}

#[test]
fn an_adopted_vault_shows_a_handful_of_old_items_and_goals_after_a_week() {
    // Twelve people last in touch between March and August: all due a reconnect.
    let mut nb =
        vault("since: 2026-11-20\n").file("Companies/Acme.md", "---\nStatus: target\n---\n");
    for (i, month) in (3..=8).flat_map(|m| [m, m]).enumerate() {
        nb = nb.file(
            &format!("People/Person {i:02}.md"),
            &format!("---\nLast Contact: 2026-{month:02}-{:02}\n---\n", 10 + i),
        );
    }
    let shown = agenda_of(&nb, &[]);
    assert_eq!(
        shown,
        [
            "reconnect Person 07",
            "reconnect Person 08",
            "reconnect Person 09",
            "reconnect Person 10",
            "reconnect Person 11",
        ],
        "the latest five, and no goal or coverage nudge in the first week"
    );
    let text = nb.run(["agenda"]);
    text.assert_stdout_has("… and 7 more from before you started — ties agenda --all");
    let all = agenda_of(&nb, &["--all"]);
    let count = |kind: &str| all.iter().filter(|r| r.starts_with(kind)).count();
    assert_eq!(count("reconnect "), 12, "{all:?}");
    assert!(count("goal ") + count("coverage ") > 0, "{all:?}");
    // A held item keeps its key: explained (saying why it is not shown) and set aside.
    let out = nb.run(["agenda", "--all", "--format", "json", "--kind", "reconnect"]);
    let items: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let oldest = items[0]["short"].as_str().unwrap();
    let why = nb.run(["agenda", "--explain", oldest]);
    why.assert_stdout_has("due before since: 2026-11-20 in ties.yaml: held back");
    let snoozed = nb.run(["snooze", oldest, "2w"]);
    assert_eq!(snoozed.code, 0, "{}", snoozed.stderr);
    assert!(nb.read("dismissed.txt").contains("reconnect-Person%2000-"));
    // A week after `since`, the goal and coverage nudges come.
    let nudges_on = |day: &str| {
        let mut cmd = support::ties();
        cmd.arg("--notebook").arg(nb.path()).args(["--today", day]);
        let out = support::run(cmd.args(["agenda", "--format", "json", "--kind", "goal,coverage"]));
        let items: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
        items.len()
    };
    assert_eq!(nudges_on("2026-11-26"), 0, "six days in");
    assert!(nudges_on("2026-11-27") > 0, "a week in");
    // Without `since:`, nothing is held back.
    let mut plain = vault("");
    for i in 0..8 {
        plain = plain.file(
            &format!("People/Person {i:02}.md"),
            &format!("---\nLast Contact: 2026-06-{:02}\n---\n", 10 + i),
        );
    }
    assert_eq!(agenda_of(&plain, &["--kind", "reconnect"]).len(), 8);
    assert_eq!(nb_codes(&vault("since: soon\n")), ["T402"]);
}

#[test]
fn init_adopt_writes_the_few_lines_a_vault_needs_and_nothing_else() {
    let nb = Notebook::bare()
        .file("People/Ana Lima.md", "---\nCompany: Acme\n---\n")
        .file("Organizations/Acme.md", "# Acme\n")
        .file(
            "CRM/Meetings/2026-11-18 Ana.md",
            "---\nWith: \"[[Ana Lima]]\"\nDate: 2026-11-18\n---\n",
        )
        .file("Home.md", "[[Ana Lima]]\n");
    let mut cmd = support::ties();
    cmd.current_dir(nb.path())
        .args(["--today", "2026-11-21", "init", "--adopt"]);
    let out = support::run(&mut cmd);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let written = nb.read("ties.yaml");
    assert_eq!(
        written,
        "# Written by `ties init --adopt` on 2026-11-21: your notes are read where and as they are.\nfolders: { contacts: People, companies: Organizations, chats: CRM/Meetings }\nids: title\nsince: 2026-11-21\n# owner: Your Name              # as your meeting notes name you\n"
    );
    out.assert_stdout_has("wrote ties.yaml");
    let names: Vec<String> = std::fs::read_dir(nb.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(
        names,
        ["CRM", "Home.md", "Organizations", "People", "ties.yaml"]
    );
    assert_eq!(
        nb_codes(&nb),
        ["T006"],
        "the company note without front matter"
    );
    let again = support::run(
        support::ties()
            .current_dir(nb.path())
            .args(["init", "--adopt"]),
    );
    assert_eq!(again.code, 2, "{}", again.stdout);
}

/// The fixture vaults of issue 23: one per class of what vaults hold, and one with all of
/// them. Each is read as it is, with the few lines of its `ties.yaml`.
const CLASSES: [&str; 10] = [
    "vault-lists",
    "vault-freetext",
    "vault-clutter",
    "vault-unwritten",
    "vault-paths",
    "vault-ownkeys",
    "vault-attendees",
    "vault-categories",
    "vault-adopted",
    "vault-combined",
];

/// `ties --notebook DIR --today 2026-11-21 ARGS`.
fn on(dir: &std::path::Path, args: &[&str]) -> support::Output {
    let mut cmd = support::ties();
    cmd.arg("--notebook")
        .arg(dir)
        .args(["--today", support::TODAY])
        .args(args);
    support::run(&mut cmd)
}

#[test]
fn each_fixture_vault_checks_with_no_error_a_few_lines_of_settings_and_a_short_agenda() {
    for vault in CLASSES {
        let dir = support::fixture(vault);
        let settings = std::fs::read_to_string(dir.join("ties.yaml")).unwrap();
        assert!(settings.lines().count() <= 6, "{vault}: {settings}");
        let check = on(&dir, &["check", "--format", "json"]);
        assert_eq!(check.code, 0, "{vault}: {}{}", check.stdout, check.stderr);
        let diagnostics: Vec<Value> = serde_json::from_str(&check.stdout).unwrap();
        let errors: Vec<&Value> = (diagnostics.iter())
            .filter(|d| d["severity"] == "error")
            .collect();
        assert!(errors.is_empty(), "{vault}: {errors:?}");
        let agenda = on(&dir, &["agenda", "--format", "json"]);
        let items: Vec<Value> = serde_json::from_str(&agenda.stdout).unwrap();
        assert!(
            !items.is_empty() && items.len() < 15,
            "{vault}: {} items",
            items.len()
        );
        for command in [&["report"][..], &["list", "contacts"]] {
            let out = on(&dir, command);
            assert_eq!(out.code, 0, "{vault} {command:?}: {}", out.stderr);
        }
    }
}

/// A copy of a fixture vault with its `ties.yaml` changed by `settings`.
fn copy_of(vault: &str, settings: impl Fn(&str) -> String) -> Notebook {
    let from = support::fixture(vault);
    let mut nb = Notebook::new();
    let mut dirs = vec![from.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            // The cache another test's run left in the fixture is no file of the vault.
            if path.ends_with(support::CACHE_DIR) {
                continue;
            }
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(&from)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&path).unwrap();
            let text = if rel == "ties.yaml" {
                settings(&text)
            } else {
                text
            };
            nb = nb.file(&rel, &text);
        }
    }
    nb
}

/// Each fixture vault without the line of settings that reads its class (or with
/// `strict` where the class is read by default) fails as vaults did before.
#[test]
fn each_fixture_vault_needs_its_line_of_settings() {
    let without = |line: &'static str| {
        move |s: &str| {
            let kept: Vec<&str> = s.lines().filter(|l| !l.starts_with(line)).collect();
            kept.join("\n") + "\n"
        }
    };
    let with = |line: &'static str| move |s: &str| format!("{s}{line}\n");
    let cases: [(&str, Notebook, &[&str]); 7] = [
        (
            "vault-freetext",
            copy_of("vault-freetext", with("references: strict")),
            &["T201", "T201", "T201"],
        ),
        (
            "vault-clutter",
            copy_of("vault-clutter", without("ignore:")),
            &["T006"],
        ),
        (
            "vault-unwritten",
            copy_of("vault-unwritten", with("links: strict")),
            &[
                "T204", "T204", "T206", "T204", "T204", "T204", "T204", "T204",
            ],
        ),
        (
            "vault-ownkeys",
            copy_of("vault-ownkeys", without("keys:")),
            &[
                "T103", "T106", "T106", "T103", "T106", "T106", "T103", "T103", "T103", "T103",
                "T103",
            ],
        ),
        (
            "vault-attendees",
            copy_of("vault-attendees", without("keys:")),
            &["T101", "T106", "T206"],
        ),
        (
            "vault-categories",
            copy_of("vault-categories", without("kinds:")),
            &[],
        ),
        (
            "vault-combined",
            copy_of("vault-combined", without("keys:")),
            &[
                "T101", "T106", "T103", "T206", "T103", "T103", "T103", "T103",
            ],
        ),
    ];
    for (vault, nb, codes) in cases {
        assert_eq!(nb_codes(&nb), *codes, "{vault}");
    }
    // Without `kinds:`, nothing in the categories vault is a record.
    let plain = copy_of("vault-categories", without("kinds:"));
    let out = plain.run(["list", "contacts", "--format", "json"]);
    assert_eq!(out.stdout.trim(), "[]");
    // Without `since:`, the adopted vault's first agenda is every reconnect due.
    let unadopted = copy_of("vault-adopted", without("since:"));
    let items = agenda_of(&unadopted, &[]);
    assert!(items.len() >= 15, "{items:?}");
}
