//! `ties report` (spec §7) on the fixture notebook `tests/fixtures/report-basic`, run at
//! `--today 2026-11-21` (a Saturday, in ISO week 2026-W47 = Mon 11-16 to Sun 11-22). Every
//! figure below was computed by hand from the fixture's files before the code ran.
//!
//! ```text
//! Goals (ties.yaml): target_companies 3; per company 1 developer, 1 manager, 1 recruiter;
//! warm_contacts 2; weekly outreach 2, chats 1, events 1.
//!
//! Contacts (company, role, warmth): evidence → highest stage; first dated interaction
//!   ada  acme dev  warm  reached 11-02, replied 11-03, coffee 11-05 (referrals: gus),
//!                        interview 11-13 with cat; gus introduced_by ada → referred; 11-02
//!   bob  acme mgr  cold  reached 11-09, follow-up 11-16, chat 11-20 cancelled → contacted; 11-09
//!   cat  acme rec  cold  reached 11-10, replied 11-12, interview 11-13 (done),
//!                        chat 11-24 planned → met; 11-10
//!   dan  globex dev cold reached 10-26, follow-ups 11-02 11-09, met at meetup 11-12,
//!                        ivy introduced_by dan → referred; 10-26
//!   eve  [[globex]] dev warm  message thread 11-17 (done) → replied; 11-17
//!   fay  initech mgr cold  nothing → identified; none
//!   gus  -  cold  reached 11-18, call 11-19, met at demo night 11-19 → met; 11-18
//!   hal  -  (no warmth)  met at meetup 11-12 → met; 11-12
//!   ivy  -  cold  introduced_by dan, nothing sent → identified; none
//!   jay  -  cold  reached 11-15 (a Sunday) → contacted; 11-15
//!
//! Funnel (all): identified 2, contacted 2, replied 1, met 3, referred 2 (10 contacts)
//!   reached ≥ stage: 10, 8, 6, 5, 2 → to next: 8/10 = 80.0%, 6/8 = 75.0%, 5/6 = 83.3%,
//!   2/5 = 40.0%, none.
//! Funnel --period 2026-11 (cohort: first interaction in November): ada, bob, cat, eve, gus,
//!   hal, jay (dan 10-26 out; fay, ivy have no date) = 7: identified 0, contacted 2 (bob,
//!   jay), replied 1 (eve), met 3 (cat, gus, hal), referred 1 (ada); reached 7, 7, 5, 4, 1
//!   → 100.0%, 71.4%, 80.0%, 25.0%.
//!
//! Dated facts: outreach ada 11-02, bob 11-09, cat 11-10, dan 10-26, gus 11-18, jay 11-15
//!   (6); follow-ups bob 11-16, dan 11-02, dan 11-09 (3); chats (done, not message) 11-05,
//!   11-13, 11-19 (3: eve's message, bob's cancelled and cat's planned chat do not count);
//!   events on or before today 10-01, 11-12, 11-19 (3; hack night 11-26 is upcoming).
//! Per ISO week: W40 (09-28..10-04) e1; W44 (10-26..11-01) o1; W45 (11-02..08) o1 f1 c1;
//!   W46 (11-09..15) o3 f1 c1 e1; W47 (11-16..22) o1 f1 c1 e1.
//! Activity --period 2026-11 by week: W44 clipped to 11-01 (0), W45 1/1/1/0, W46 3/1/1/1,
//!   W47 1/1/1/1, W48 0, W49 clipped to 11-30 (0); totals 5/3/3/2.
//! Activity --period 2026-Q4 --by month: Oct 1/0/0/1, Nov 5/3/3/2, Dec 0.
//!
//! Goals this week (W47): outreach 1 of 2, not met; streak: W47 not met (does not break),
//!   W46 3 ≥ 2, W45 1 < 2 → 1. Chats 1 of 1, met; streak W47, W46, W45 met, W44 not → 3.
//!   Events 1 of 1, met; streak W47, W46, W45 none → 2. warm_contacts: ada, eve = 2 of 2,
//!   met. target_companies: acme, globex = 2 of 3, not met.
//! Goals --period 2026-11 (30 days): targets ⌈2·30/7⌉ = 9, ⌈30/7⌉ = 5, 5; counts outreach 5
//!   (not dan's 10-26), chats 3, events 2.
//!
//! Companies (targets; all time): Globex first (short: manager, recruiter): developer 2
//!   (dan, eve), manager 0, recruiter 0, people 2, outreach 1 (dan), replies 1 (eve's
//!   message 11-17), chats 0 (a message thread is not a chat). Acme: 1/1/1, people 3,
//!   outreach 3, replies 2 (ada 11-03, cat 11-12), chats 2 (11-05; 11-13 with ada and cat is
//!   one chat). 2 targets of 3, 1 covered.
//! Companies --period 2026-W46: Acme outreach 2 (bob, cat), replies 1 (cat), chats 1 (11-13);
//!   Globex 0, 0, 0.
//!
//! Events (all): career fair 10-01 no goal, 0 met → no-goal; rust meetup 11-12 goal 3, met 2
//!   → short; demo night 11-19 goal 1, met 1 → goal-met; hack night 11-26 → upcoming.
//!   Attended 3, people met 3, with a goal 2, goal met 1.
//! Overview: 10 contacts, 3 companies, 6 chats, 4 events; warm 2, cold 7, unset 1 (hal).
//! ```

use std::process::Command;

use serde_json::{Value, json};

use crate::report_fixture::{assert_usage_error, fixture, json_of, snapshot, stdout, ties};
use crate::support::Notebook;

fn csv_of(args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend(["--format", "csv"]);
    stdout(&all)
}

/// `stage contacts reached conversion` of each funnel row (the conversion as an `Option`).
fn funnel_rows(v: &Value) -> Vec<String> {
    rows_of(v, "stages", |s| {
        let stage = s["stage"].as_str().unwrap();
        let (contacts, reached) = (
            s["contacts"].as_u64().unwrap(),
            s["reached"].as_u64().unwrap(),
        );
        format!(
            "{stage} {contacts} {reached} {:?}",
            s["conversion"].as_f64()
        )
    })
}

/// `f` of each element of the array `v[key]`.
fn rows_of(v: &Value, key: &str, f: impl Fn(&Value) -> String) -> Vec<String> {
    v[key].as_array().unwrap().iter().map(f).collect()
}

#[test]
fn funnel_counts_highest_stages_and_conversions() {
    let v = json_of(&["report", "funnel"]);
    assert_eq!(v["contacts"], 10);
    assert_eq!(
        funnel_rows(&v),
        [
            "identified 2 10 Some(80.0)",
            "contacted 2 8 Some(75.0)",
            "replied 1 6 Some(83.3)",
            "met 3 5 Some(40.0)",
            "referred 2 2 None",
        ]
    );
    assert_eq!(
        csv_of(&["report", "funnel"]),
        "stage,contacts,reached,to next\n\
         identified,2,10,80.0%\n\
         contacted,2,8,75.0%\n\
         replied,1,6,83.3%\n\
         met,3,5,40.0%\n\
         referred,2,2,\n"
    );
}

#[test]
fn funnel_with_a_period_is_a_cohort() {
    let v = json_of(&["report", "funnel", "--period", "2026-11"]);
    assert_eq!(
        v["period"],
        json!({"since": "2026-11-01", "until": "2026-11-30"})
    );
    assert_eq!(v["contacts"], 7);
    assert_eq!(
        funnel_rows(&v),
        [
            "identified 0 7 Some(100.0)",
            "contacted 2 7 Some(71.4)",
            "replied 1 5 Some(80.0)",
            "met 3 4 Some(25.0)",
            "referred 1 1 None",
        ]
    );
}

#[test]
fn companies_short_of_the_goal_come_first() {
    let v = json_of(&["report", "companies"]);
    assert_fields(&v, &json!({"targets": 2, "target_goal": 3, "covered": 1}));
    assert_eq!(
        v["goal"],
        json!({"developer": 1, "manager": 1, "recruiter": 1})
    );
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(
        rows[0],
        json!({
            "id": "globex", "name": "Globex",
            "roles": {"developer": 2, "manager": 0, "recruiter": 0},
            "people": 2, "missing": ["manager", "recruiter"],
            "outreach": 1, "replies": 1, "chats": 0
        })
    );
    assert_eq!(
        rows[1],
        json!({
            "id": "acme", "name": "Acme",
            "roles": {"developer": 1, "manager": 1, "recruiter": 1},
            "people": 3, "missing": [],
            "outreach": 3, "replies": 2, "chats": 2
        })
    );
    assert_eq!(rows.len(), 2, "initech is only watched");
    assert_eq!(
        csv_of(&["report", "companies"]),
        format!("{COMPANIES}Globex,2,0,0,2,1,1,0,\"manager, recruiter\"\nAcme,1,1,1,3,3,2,2,\n")
    );
}

/// The header of `report companies --format csv`.
const COMPANIES: &str =
    "company,developer,manager,recruiter,people,outreach,replies,chats,missing\n";

#[test]
fn companies_count_outreach_replies_and_chats_in_the_period() {
    assert_eq!(
        csv_of(&["report", "companies", "--period", "2026-W46"]),
        format!("{COMPANIES}Globex,2,0,0,2,0,0,0,\"manager, recruiter\"\nAcme,1,1,1,3,2,1,1,\n")
    );
}

#[test]
fn activity_per_week_has_every_week_and_clips_to_the_period() {
    assert_eq!(
        csv_of(&["report", "activity", "--period", "2026-11"]),
        "week,start,outreach,follow-ups,chats,events\n\
         2026-W44,2026-11-01,0,0,0,0\n\
         2026-W45,2026-11-02,1,1,1,0\n\
         2026-W46,2026-11-09,3,1,1,1\n\
         2026-W47,2026-11-16,1,1,1,1\n\
         2026-W48,2026-11-23,0,0,0,0\n\
         2026-W49,2026-11-30,0,0,0,0\n"
    );
    let v = json_of(&["report", "activity", "--period", "2026-11"]);
    assert_eq!(
        v["totals"],
        json!({"outreach": 5, "follow_ups": 3, "chats": 3, "events": 2})
    );
    assert_eq!(
        v["rows"][0],
        json!({"label": "2026-W44", "start": "2026-11-01", "end": "2026-11-01",
               "outreach": 0, "follow_ups": 0, "chats": 0, "events": 0})
    );
    assert_eq!(v["rows"][5]["end"], "2026-11-30");
}

#[test]
fn activity_defaults_to_the_last_twelve_weeks() {
    let v = json_of(&["report", "activity"]);
    assert_eq!(v["by"], "week");
    assert_eq!(
        v["period"],
        json!({"start": "2026-08-31", "end": "2026-11-22"})
    );
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 12);
    let busy: Vec<(&str, u64, u64, u64, u64)> = rows
        .iter()
        .filter(|r| {
            r["outreach"].as_u64().unwrap()
                + r["follow_ups"].as_u64().unwrap()
                + r["chats"].as_u64().unwrap()
                + r["events"].as_u64().unwrap()
                > 0
        })
        .map(|r| {
            (
                r["label"].as_str().unwrap(),
                r["outreach"].as_u64().unwrap(),
                r["follow_ups"].as_u64().unwrap(),
                r["chats"].as_u64().unwrap(),
                r["events"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        busy,
        vec![
            ("2026-W40", 0, 0, 0, 1),
            ("2026-W44", 1, 0, 0, 0),
            ("2026-W45", 1, 1, 1, 0),
            ("2026-W46", 3, 1, 1, 1),
            ("2026-W47", 1, 1, 1, 1),
        ]
    );
    assert_eq!(
        v["totals"],
        json!({"outreach": 6, "follow_ups": 3, "chats": 3, "events": 3})
    );
}

#[test]
fn activity_by_month() {
    assert_eq!(
        csv_of(&["report", "activity", "--by", "month", "--period", "2026-Q4"]),
        "month,start,outreach,follow-ups,chats,events\n\
         2026-10,2026-10-01,1,0,0,1\n\
         2026-11,2026-11-01,5,3,3,2\n\
         2026-12,2026-12-01,0,0,0,0\n"
    );
}

#[test]
fn weeks_start_on_monday() {
    // Sunday 11-15 (jay's outreach) is in W46, Monday 11-16 (bob's follow-up) in W47.
    assert_eq!(
        csv_of(&[
            "report",
            "activity",
            "--since",
            "2026-11-15",
            "--until",
            "2026-11-16"
        ]),
        "week,start,outreach,follow-ups,chats,events\n\
         2026-W46,2026-11-15,1,0,0,0\n\
         2026-W47,2026-11-16,0,1,0,0\n"
    );
    // "last week" as of Saturday 11-21 is W46: 3 outreach, so the outreach goal is met.
    let v = json_of(&["report", "goals", "--period", "last week"]);
    assert_eq!(
        v["period"],
        json!({"start": "2026-11-09", "end": "2026-11-15"})
    );
    assert_eq!(v["rows"][0]["count"], 3);
    assert_eq!(v["rows"][0]["met"], true);
}

/// `goal cadence count target met streak` of each goal row (the streak as an `Option`).
fn goal_rows(v: &Value) -> Vec<String> {
    rows_of(v, "rows", |r| {
        let (goal, cadence) = (r["goal"].as_str().unwrap(), r["cadence"].as_str().unwrap());
        let (count, target) = (r["count"].as_u64().unwrap(), r["target"].as_u64().unwrap());
        let met = r["met"].as_bool().unwrap();
        format!(
            "{goal} {cadence} {count} {target} {met} {:?}",
            r["streak"].as_u64()
        )
    })
}

#[test]
fn goals_this_week_with_streaks() {
    let v = json_of(&["report", "goals"]);
    assert_eq!(
        v["period"],
        json!({"start": "2026-11-16", "end": "2026-11-22"})
    );
    assert_eq!(
        goal_rows(&v),
        [
            "outreach weekly 1 2 false Some(1)",
            "chats weekly 1 1 true Some(3)",
            "events weekly 1 1 true Some(2)",
            "warm_contacts total 2 2 true None",
            "target_companies total 2 3 false None",
        ]
    );
    assert_eq!(
        csv_of(&["report", "goals"]),
        "goal,per,count,target,met,streak\n\
         outreach,week,1,2,no,1\n\
         chats,week,1,1,yes,3\n\
         events,week,1,1,yes,2\n\
         warm_contacts,total,2,2,yes,\n\
         target_companies,total,2,3,no,\n"
    );
}

#[test]
fn goals_over_a_month_scale_the_weekly_targets() {
    let v = json_of(&["report", "goals", "--period", "2026-11"]);
    assert_eq!(
        goal_rows(&v)[..3],
        [
            "outreach weekly 5 9 false Some(1)",
            "chats weekly 3 5 false Some(3)",
            "events weekly 2 5 false Some(2)",
        ]
    );
}

#[test]
fn streaks_follow_today_and_the_current_week_never_breaks_one() {
    // On Monday 11-23 (W48, nothing yet) the chat streak is W47, W46, W45: still 3.
    let out = Command::new(env!("CARGO_BIN_EXE_ties"))
        .arg("--notebook")
        .arg(fixture())
        .args([
            "--today",
            "2026-11-23",
            "report",
            "goals",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["rows"][1]["count"], 0);
    assert_eq!(v["rows"][1]["streak"], 3);
}

#[test]
fn events_against_their_goals() {
    let v = json_of(&["report", "events"]);
    assert_fields(
        &v,
        &json!({"attended": 3, "people_met": 3, "with_goal": 2, "goals_met": 1}),
    );
    assert_eq!(
        csv_of(&["report", "events"]),
        "date,event,kind,goal,met,result\n\
         2026-10-01,Career Fair,career-fair,,0,no-goal\n\
         2026-11-12,Rust Meetup,meetup,3,2,short\n\
         2026-11-19,Demo Night,meetup,1,1,goal-met\n\
         2026-11-26,Hack Night,hackathon,3,0,upcoming\n"
    );
    let v = json_of(&["report", "events", "--period", "2026-11"]);
    assert_eq!(v["rows"].as_array().unwrap().len(), 3);
    assert_eq!(v["attended"], 2);
}

#[test]
fn overview_gathers_the_reports() {
    let v = json_of(&["report"]);
    assert_eq!(v["today"], "2026-11-21");
    assert_eq!(
        v["records"],
        json!({"contacts": 10, "companies": 3, "chats": 6, "events": 4})
    );
    assert_eq!(
        v["warmth"],
        json!({"warm": 2, "cold": 7, "unset": 1, "goal": 2})
    );
    assert_eq!(v["funnel"], json_of(&["report", "funnel"]));
    assert_eq!(v["goals"], json_of(&["report", "goals"]));
    assert_eq!(v["companies"], json_of(&["report", "companies"]));
    let csv = csv_of(&["report"]);
    for line in [
        "metric,value",
        "contacts,10",
        "warmth_unset,1",
        "stage.met.contacts,3",
        "stage.replied.conversion,83.3%",
        "goal.chats.streak,3",
        "goal.target_companies.met,no",
        "target_companies.covered,1",
    ] {
        assert!(csv.lines().any(|l| l == line), "no `{line}` in\n{csv}");
    }
}

/// The cells of a Markdown table's body rows, and of a CSV's rows.
fn markdown_cells(md: &str) -> Vec<Vec<String>> {
    md.lines()
        .filter(|l| l.starts_with("| "))
        .skip(1)
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_owned())
                .collect()
        })
        .collect()
}

fn csv_cells(csv: &str) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn every_format_shows_the_same_figures() {
    for report in ["funnel", "companies", "goals", "events"] {
        let md = stdout(&["report", report, "--format", "markdown"]);
        let csv = csv_of(&["report", report]);
        assert_eq!(markdown_cells(&md), csv_cells(&csv), "{report}");
        let text = stdout(&["report", report]);
        for row in csv_cells(&csv) {
            for cell in row.iter().filter(|c| !c.is_empty()) {
                assert!(
                    text.contains(cell.as_str()),
                    "{report}: `{cell}` not in the text"
                );
            }
        }
    }
    // Markdown adds the total row that CSV leaves to the spreadsheet.
    let md = stdout(&["report", "activity", "--format", "markdown"]);
    let mut cells = markdown_cells(&md);
    assert_eq!(cells.pop().unwrap()[..6], ["total", "", "6", "3", "3", "3"]);
    assert_eq!(cells, csv_cells(&csv_of(&["report", "activity"])));
}

#[test]
fn text_reports() {
    for (name, args) in [
        ("report_overview", &["report"][..]),
        ("report_funnel", &["report", "funnel"]),
        ("report_companies", &["report", "companies"]),
        ("report_activity", &["report", "activity"]),
        (
            "report_activity_month",
            &[
                "report",
                "activity",
                "--by",
                "month",
                "--period",
                "this year",
            ],
        ),
        ("report_goals", &["report", "goals"]),
        ("report_events", &["report", "events"]),
        (
            "report_funnel_markdown",
            &["report", "funnel", "--format", "markdown"],
        ),
    ] {
        snapshot(name, stdout(args));
    }
}

#[test]
fn bad_periods_are_refused_with_the_grammar() {
    let out = ties(&["report", "--period", "next week"]);
    assert_eq!(out.code, 2);
    out.assert_stderr_has(
        "`next week` is not a period; write one of: 2026, 2026-11, 2026-Q4, 2026-W47, \
             this week, last week, this month, last month, this year",
    );
    assert_usage_error(
        &["report", "goals", "--period", "2026-W54"],
        "2026 has no ISO week 54 (it has 53)",
    );
    assert_usage_error(
        &[
            "report",
            "activity",
            "--since",
            "2026-11-20",
            "--until",
            "2026-11-01",
        ],
        "--since 2026-11-20 is after --until 2026-11-01",
    );
    assert_usage_error(&["report", "--since", "last monday"], "is not a date");
}

#[test]
fn since_and_until_narrow_a_period() {
    let v = json_of(&[
        "report",
        "events",
        "--period",
        "2026-11",
        "--until",
        "2026-11-15",
    ]);
    assert_eq!(
        v["period"],
        json!({"since": "2026-11-01", "until": "2026-11-15"})
    );
    assert_eq!(v["rows"].as_array().unwrap().len(), 1);
}

#[test]
fn an_empty_notebook_reports_zeros() {
    let nb = Notebook::new();
    for report in ["funnel", "companies", "activity", "goals", "events"] {
        let out = nb.run(["report", report]);
        assert_eq!(out.code, 0, "{report}");
    }
    nb.run(["report", "companies"])
        .assert_stdout_has("no target companies yet");
}

#[test]
fn files_with_errors_are_flagged_on_stderr_only() {
    let nb = Notebook::new().file(
        "contacts/bad.md",
        "---\nname: Bad\nreached_out: 2026-13-01\n---\n",
    );
    let out = nb.run(["report", "funnel", "--format", "csv"]);
    assert_eq!(out.code, 0);
    let stdout = &out.stdout;
    assert!(
        stdout.starts_with("stage,contacts,reached,to next\nidentified,1,1,0.0%\n"),
        "{stdout}"
    );
    assert_eq!(
        out.stderr,
        "warning: 1 file has errors, and what they hold may be missing here; run `ties check`\n"
    );
}

/// Each field of the `expected` object has its value in `v`.
#[track_caller]
fn assert_fields(v: &Value, expected: &Value) {
    for (key, want) in expected.as_object().expect("an object of expected fields") {
        assert_eq!(&v[key], want, "`{key}`");
    }
}

#[test]
fn one_of_each_is_singular_and_a_goal_switched_off_says_off() {
    let nb = crate::support::Notebook::new()
        .file(
            "ties.yaml",
            "goals:\n  weekly: { outreach: 3, chats: 1, events: 0 }\n",
        )
        .file(
            "contacts/ada.md",
            "---\nname: Ada\nreached_out: 2026-11-17\n---\n",
        )
        .file("companies/acme.md", "---\nname: Acme\n---\n")
        .file(
            "chats/2026-11-18-ada.md",
            "---\nwith: ada\ndate: 2026-11-18\n---\n",
        )
        .file("events/fair.md", "---\nname: Fair\ndate: 2026-11-10\n---\n");
    let overview = nb.run(["report"]);
    assert_eq!(overview.code, 0, "{}", overview.stderr);
    overview
        .assert_stdout_has("1 contact, 1 company, 1 chat, 1 event\n")
        .assert_stdout_has("Funnel: 1 contact\n");
    let goals = nb.run(["report", "goals"]);
    let events = goals
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("events"))
        .unwrap_or_else(|| panic!("no events row:\n{}", goals.stdout));
    assert_eq!(
        events.split_whitespace().collect::<Vec<_>>(),
        ["events", "week", "0", "0", "off"],
        "{events}"
    );
    let csv = nb.run(["report", "goals", "--format", "csv"]);
    csv.assert_stdout_has("events,week,0,0,off,");
}
