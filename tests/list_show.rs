//! `ties list` and `ties show` (spec §7) on the fixture notebook `tests/fixtures/report-basic`
//! (its figures are worked out in tests/report.rs), at `--today 2026-11-21`: filters and
//! sorting on every kind, every format, `show` for each kind.

use serde_json::{Value, json};

use crate::report_fixture::{assert_usage_error, json_of, snapshot, stdout, ties};

/// The ids a `list` prints, in order.
fn ids(args: &[&str]) -> Vec<String> {
    json_of(args)
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Asserts, for each `(ARGS, IDS)`, that `ties list ARGS` prints the records IDS in this
/// order (both split at spaces).
#[track_caller]
fn assert_lists(cases: &[(&str, &str)]) {
    for (args, want) in cases {
        let args: Vec<&str> = ["list"].into_iter().chain(args.split(' ')).collect();
        let want: Vec<&str> = want.split(' ').collect();
        assert_eq!(ids(&args), want, "{args:?}");
    }
}

#[test]
fn contacts_sort_by_name_by_default() {
    assert_lists(&[("contacts", "ada bob cat dan eve fay gus hal ivy jay")]);
}

#[test]
fn contacts_by_stage() {
    assert_lists(&[
        ("contacts --stage met", "cat gus hal"),
        ("contacts --stage met+", "ada cat dan gus hal"),
        ("contacts --stage replied,referred", "ada dan eve"),
    ]);
    assert_usage_error(
        &["list", "contacts", "--stage", "mett"],
        "did you mean `met`",
    );
}

#[test]
fn contacts_met_at_a_company_as_a_spreadsheet() {
    assert_eq!(
        stdout(&[
            "list",
            "contacts",
            "--stage",
            "met",
            "--company",
            "acme",
            "--format",
            "csv"
        ]),
        "id,name,company,role,warmth,stage,reached_out,last\n\
         cat,Cat Cole,acme,recruiter,cold,met,2026-11-10,2026-11-13\n"
    );
}

#[test]
fn where_matches_any_front_matter_key() {
    assert_lists(&[
        ("contacts --where role=developer", "ada dan eve"),
        // `[[globex]]` is globex; values compare case-insensitively.
        ("contacts --where company=Globex", "dan eve"),
        // A list matches by membership; the user's own keys work too.
        ("contacts --where tags=rust", "ada dan"),
        ("contacts --where pronouns=she/her", "eve"),
        // Repeated conditions must all hold.
        (
            "contacts --where role=developer --where warmth=warm",
            "ada eve",
        ),
        // `key=` selects the records without the key.
        ("contacts --where tie= --limit 2", "bob cat"),
        // A derived column works where the front matter has no such key.
        ("contacts --where stage=met", "cat gus hal"),
    ]);
    assert_usage_error(&["list", "contacts", "--where", "role"], "write key=value");
}

#[test]
fn contacts_by_tag_and_sorted() {
    assert_lists(&[
        ("contacts --tag RUST", "ada dan"),
        ("contacts --tag rust --tag alumni", "ada"),
        // Descending by last interaction; contacts without one go last, by id.
        (
            "contacts --sort -last",
            "gus eve bob jay ada cat dan hal fay ivy",
        ),
        ("contacts --sort reached_out --limit 3", "dan ada bob"),
        ("contacts --sort -stage --limit 4", "ada dan cat gus"),
    ]);
}

#[test]
fn contacts_as_json_keep_types() {
    let rows = json_of(&["list", "contacts", "--where", "name=Ada Archer"]);
    assert_eq!(
        rows,
        json!([{
            "id": "ada", "name": "Ada Archer", "company": "acme", "role": "developer",
            "warmth": "warm", "stage": "referred", "reached_out": "2026-11-02",
            "last": "2026-11-13", "path": "contacts/ada.md"
        }])
    );
    let rows = json_of(&["list", "contacts", "--where", "name=Hal Hill"]);
    assert_eq!(rows[0]["warmth"], Value::Null);
}

#[test]
fn companies() {
    assert_lists(&[
        ("companies", "acme globex initech"),
        ("companies --where status=target", "acme globex"),
        ("companies --sort -people", "acme globex initech"),
        ("companies --tag dotnet", "acme"),
    ]);
    assert_eq!(
        stdout(&["list", "companies", "--format", "csv"]),
        "id,name,status,people,met,chats,location\n\
         acme,Acme,target,3,2,2,\"Denver, CO\"\n\
         globex,Globex,target,2,1,0,\n\
         initech,Initech,watching,1,0,0,\n"
    );
    assert_usage_error(
        &["list", "companies", "--company", "acme"],
        "--company does not apply to companies",
    );
}

#[test]
fn chats() {
    assert_lists(&[
        (
            "chats",
            "2026-11-05-ada 2026-11-13-ada-cat 2026-11-17-eve 2026-11-19-gus 2026-11-20-bob 2026-11-24-cat",
        ),
        (
            "chats --company acme",
            "2026-11-05-ada 2026-11-13-ada-cat 2026-11-20-bob 2026-11-24-cat",
        ),
        // `status` is written on the cancelled chat only; the others match on the derived column.
        (
            "chats --where status=done",
            "2026-11-05-ada 2026-11-13-ada-cat 2026-11-17-eve 2026-11-19-gus",
        ),
        ("chats --where status=cancelled", "2026-11-20-bob"),
        (
            "chats --where with=cat",
            "2026-11-13-ada-cat 2026-11-24-cat",
        ),
        (
            "chats --sort -date --limit 2",
            "2026-11-24-cat 2026-11-20-bob",
        ),
        ("chats --tag prep", "2026-11-24-cat"),
    ]);
    let rows = json_of(&["list", "chats", "--where", "with=cat"]);
    assert_eq!(rows[0]["with"], json!(["ada", "cat"]));
    assert_eq!(rows[0]["company"], json!(["acme"]));
    assert_eq!(rows[1]["questions"], 2);
    assert_eq!(rows[1]["status"], "planned");
    assert_eq!(rows[1]["date"], "2026-11-24T09:30");
    assert_usage_error(
        &["list", "chats", "--stage", "met"],
        "--stage does not apply to chats",
    );
}

#[test]
fn events() {
    assert_lists(&[
        (
            "events",
            "2026-10-01-career-fair 2026-11-12-rust-meetup 2026-11-19-demo-night 2026-11-26-hack-night",
        ),
        (
            "events --sort -met",
            "2026-11-12-rust-meetup 2026-11-19-demo-night 2026-10-01-career-fair 2026-11-26-hack-night",
        ),
        // Goals missing sort last whatever the direction.
        (
            "events --sort -goal",
            "2026-11-12-rust-meetup 2026-11-26-hack-night 2026-11-19-demo-night 2026-10-01-career-fair",
        ),
        ("events --company globex", "2026-11-12-rust-meetup"),
        ("events --where met=hal", "2026-11-12-rust-meetup"),
        ("events --tag rust", "2026-11-12-rust-meetup"),
    ]);
}

#[test]
fn unknown_sort_keys_name_the_columns() {
    let out = ties(&["list", "events", "--sort", "dat"]);
    assert_eq!(out.code, 2);
    out.assert_stderr_has("cannot sort events by `dat` (did you mean `date`?)");
    out.assert_stderr_has("id, date, name, kind, goal, met, location");
}

#[test]
fn lists_in_text_and_markdown() {
    snapshot("list_contacts", stdout(&["list", "contacts"]));
    snapshot(
        "list_chats_markdown",
        stdout(&["list", "chats", "--format", "markdown"]),
    );
    assert_eq!(
        stdout(&["list", "contacts", "--where", "role=nobody"]),
        "no contacts match\n"
    );
}

/// Each timeline entry as `date | kind | title` (the date empty when there is none).
fn timeline(v: &Value) -> Vec<String> {
    v["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let date = e["date"].as_str().unwrap_or("");
            let kind = e["kind"].as_str().unwrap();
            let title = e["title"].as_str().unwrap();
            format!("{date} | {kind} | {title}")
        })
        .collect()
}

#[test]
fn show_a_contact_with_its_timeline_newest_first() {
    let v = json_of(&["show", "ada"]);
    assert_eq!(v["kind"], "contact");
    assert_eq!(v["name"], "Ada Archer");
    assert_eq!(v["fields"]["tags"], json!(["rust", "alumni"]));
    assert_eq!(
        v["facts"],
        json!({"stage": "referred", "last interaction": "2026-11-13"})
    );
    assert_eq!(
        timeline(&v),
        [
            "2026-11-25 | next | Next with Ada Archer: send the portfolio link",
            "2026-11-23 | task | ask about the .NET migration",
            "2026-11-13 | chat | Informational interview with Ada Archer, Cat Cole on 2026-11-13 (done)",
            "2026-11-05T10:00 | chat | Coffee chat with Ada Archer on 2026-11-05 (done)",
            "2026-11-05T10:00 | referral | Ada Archer introduced you to Gus Gray",
            "2026-11-05 | thank-you | Thank-you sent for the coffee chat on 2026-11-05",
            "2026-11-03 | reply | Ada Archer replied",
            "2026-11-02 | outreach | First message to Ada Archer",
            " | task | read her blog post",
        ],
        "the undated task last; Gus's `introduced_by: ada` merges with the dated referral of \
         the coffee chat"
    );
    snapshot("show_contact", stdout(&["show", "ada"]));
}

#[test]
fn show_a_contact_referred_by_someone() {
    let v = json_of(&["show", "gus"]);
    assert_eq!(
        timeline(&v),
        [
            "2026-11-19T18:00 | chat | Call with Gus Gray on 2026-11-19 (done)",
            "2026-11-19 | event | Met Gus Gray at Demo Night",
            "2026-11-18 | outreach | First message to Gus Gray",
            "2026-11-05T10:00 | referral | Ada Archer introduced you to Gus Gray",
        ]
    );
    // Ivy's only link to Dan is `introduced_by`, which has no date.
    let v = json_of(&["show", "dan"]);
    let last = timeline(&v).pop().unwrap();
    assert_eq!(last, " | referral | Dan Diaz introduced you to Ivy Ito");
}

#[test]
fn show_a_company_with_its_people() {
    let v = json_of(&["show", "acme"]);
    assert_eq!(v["kind"], "company");
    let people: Vec<(&str, &str)> = v["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["stage"].as_str().unwrap()))
        .collect();
    assert_eq!(
        people,
        [("ada", "referred"), ("cat", "met"), ("bob", "contacted")]
    );
    assert_eq!(v["facts"], json!({"people": "3", "people met": "2"}));
    // One entry for the interview with Ada and Cat, though it is on both their timelines.
    let interviews = timeline(&v)
        .iter()
        .filter(|e| {
            e.splitn(3, " | ")
                .nth(2)
                .is_some_and(|title| title.starts_with("Informational interview"))
        })
        .count();
    assert_eq!(interviews, 1);
    assert_eq!(
        stdout(&["show", "acme", "--format", "csv"]),
        "id,name,company,role,stage,last\n\
         ada,Ada Archer,acme,developer,referred,2026-11-13\n\
         cat,Cat Cole,acme,recruiter,met,2026-11-13\n\
         bob,Bob Baker,acme,manager,contacted,2026-11-16\n"
    );
    snapshot("show_company", stdout(&["show", "acme"]));
}

#[test]
fn show_an_event_with_who_was_met() {
    let v = json_of(&["show", "2026-11-12-rust-meetup"]);
    let met: Vec<&str> = v["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(met, ["dan", "hal"]);
    assert_eq!(v["facts"]["people met"], "2 of 3: 1 short");
    let v = json_of(&["show", "2026-11-19-demo-night"]);
    assert_eq!(
        timeline(&v),
        [
            "2026-11-19T18:00 | chat | Call with Gus Gray on 2026-11-19 (done)",
            "2026-11-19 | event | Demo Night (1 met, goal: meet 1)",
        ]
    );
    snapshot("show_event", stdout(&["show", "2026-11-12-rust-meetup"]));
}

#[test]
fn show_a_chat() {
    let v = json_of(&["show", "2026-11-24-cat"]);
    assert_eq!(v["kind"], "chat");
    assert_eq!(
        v["facts"],
        json!({"status": "planned", "questions": "2 of 5 ready"})
    );
    assert_eq!(
        timeline(&v),
        [
            "2026-11-24T09:30 | chat | Coffee chat with Cat Cole on 2026-11-24 (planned)",
            "2026-11-23 | task | research Acme's product line",
        ]
    );
    assert_eq!(
        stdout(&["show", "2026-11-24-cat", "--format", "csv"]),
        "date,kind,what,file\n\
         2026-11-24 09:30,chat,Coffee chat with Cat Cole on 2026-11-24 (planned),chats/2026-11-24-cat.md\n\
         2026-11-23,task,research Acme's product line,chats/2026-11-24-cat.md\n"
    );
    snapshot(
        "show_chat_markdown",
        stdout(&["show", "2026-11-05-ada", "--format", "markdown"]),
    );
}

#[test]
fn show_an_unknown_id_suggests_one() {
    assert_usage_error(
        &["show", "guss"],
        "unknown record `guss` (did you mean `gus`?)",
    );
    // The Obsidian form works as an id.
    assert_eq!(json_of(&["show", "[[gus]]"])["id"], "gus");
}

#[test]
fn every_command_that_takes_a_record_takes_its_id_name_or_link() {
    for given in ["ada", "[[ada]]", "Ada Archer", "ada archer"] {
        assert_eq!(json_of(&["show", given])["id"], "ada", "show {given}");
        let agenda = json_of(&["agenda", "--contact", given, "--days", "60"]);
        assert_eq!(
            agenda,
            json_of(&["agenda", "--contact", "ada", "--days", "60"]),
            "agenda --contact {given}"
        );
    }
    for given in ["acme", "[[acme]]", "Acme"] {
        assert_eq!(json_of(&["show", given])["id"], "acme", "show {given}");
        assert_eq!(
            json_of(&["list", "contacts", "--company", given]),
            json_of(&["list", "contacts", "--company", "acme"]),
            "list --company {given}"
        );
    }
}

#[test]
fn show_list_and_report_count_a_person_met_twice_once() {
    let nb = crate::support::Notebook::new()
        .file("contacts/dan.md", "---\nname: Dan\n---\n")
        .file("contacts/hal.md", "---\nname: Hal\n---\n")
        .file(
            "events/fair.md",
            "---\nname: Fair\ndate: 2026-11-10\ngoal: 3\nmet: [dan, dan, hal]\n---\n",
        )
        .file(
            "events/later.md",
            "---\nname: Later\ndate: 2026-12-10\ngoal: 3\n---\n",
        );
    let show = nb.run(["show", "fair"]);
    show.assert_stdout_has("2 of 3: 1 short");
    let later = nb.run(["show", "later"]);
    later.assert_stdout_has("0 so far (upcoming; goal 3)");
    let list: Value =
        serde_json::from_str(&nb.run(["list", "events", "--format", "json"]).stdout).unwrap();
    let fair = list
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "fair")
        .unwrap()
        .clone();
    let report: Value =
        serde_json::from_str(&nb.run(["report", "events", "--format", "json"]).stdout).unwrap();
    let shown_met: Vec<String> = fair
        .as_object()
        .unwrap()
        .iter()
        .filter(|(k, _)| k.contains("met"))
        .map(|(_, v)| v.to_string())
        .collect();
    assert_eq!(shown_met, ["2"], "{fair}");
    assert!(report.to_string().contains("\"met\":2"), "{report}");
}

#[test]
fn where_keys_ignore_case_for_columns_too() {
    let lower = json_of(&["list", "contacts", "--where", "stage=met"]);
    let upper = json_of(&["list", "contacts", "--where", "Stage=met"]);
    assert!(!lower.as_array().unwrap().is_empty());
    assert_eq!(lower, upper);
}
