//! `ties import ics` (issue 24, item 3): a calendar's meetings with people of the notebook
//! as chats, each field asserted where it lands; importing it again adds nothing; a newer
//! export moves and cancels by `UID`; `--all` gives attendees files. The calendar is written
//! here (invented people; Google's export headers, CRLF line ends and a folded line).

use crate::support::{Notebook, Output, run, ties};

/// `ties --today 2026-11-30 ARGS…` in Madrid's time zone (the calendar's times are UTC or
/// New York's; chats are dated in the machine's zone).
fn on(nb: &Notebook, args: &[&str]) -> Output {
    let mut cmd = ties();
    cmd.current_dir(nb.path())
        .env("TZ", "Europe/Madrid")
        .args(["--today", "2026-11-30"])
        .args(args);
    run(&mut cmd)
}

/// The calendar: a coffee chat (attendee by email, in person), a call named in its title
/// (a New York time, a Zoom link), a weekly series of four (Meet) with a moved instance
/// (written with only what changed) and a deleted one (`EXDATE`), an all-day
/// event naming no one, a cancelled lunch, an intro call with someone without a file (and a
/// declined guest).
fn calendar() -> String {
    const TEXT: &str = "BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Google Inc//Google Calendar 70.9054//EN
X-WR-CALNAME:sam.rivera@example.com
BEGIN:VEVENT
DTSTART:20261124T093000Z
DTEND:20261124T100000Z
UID:coffee-ana@google.com
SUMMARY:Coffee chat: Ana / Sam
ORGANIZER;CN=Sam Rivera:mailto:sam.rivera@example.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Ana Ru
 iz:mailto:ana@globex.example
ATTENDEE;CUTYPE=INDIVIDUAL;PARTSTAT=ACCEPTED;CN=Sam Rivera:mailto:sam.rivera@example.com
LOCATION:Blue Bottle Coffee\\, 1 Main St
DESCRIPTION:Ask about the platform team.\\nBring the portfolio.
SEQUENCE:0
STATUS:CONFIRMED
END:VEVENT
BEGIN:VEVENT
DTSTART;TZID=America/New_York:20261126T110000
DURATION:PT45M
UID:call-ben
SUMMARY:Call with Ben Osei
DESCRIPTION:Portfolio review\\n\\nJoin Zoom Meeting\\nhttps://zoom.us/j/123
END:VEVENT
BEGIN:VEVENT
DTSTART:20261102T160000Z
DTEND:20261102T163000Z
RRULE:FREQ=WEEKLY;COUNT=4
EXDATE:20261116T160000Z
UID:mentoring-chloe
SUMMARY:Mentoring
ATTENDEE;CN=Chloe Dubois:mailto:chloe@example.org
X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij
END:VEVENT
BEGIN:VEVENT
DTSTART:20261110T170000Z
DTEND:20261110T173000Z
RECURRENCE-ID:20261109T160000Z
UID:mentoring-chloe
SEQUENCE:1
SUMMARY:Mentoring
ATTENDEE;CN=Chloe Dubois:mailto:chloe@example.org
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20261127
DTEND;VALUE=DATE:20261128
UID:dentist
SUMMARY:Dentist
END:VEVENT
BEGIN:VEVENT
DTSTART:20261201T100000Z
UID:cancelled-one
STATUS:CANCELLED
SUMMARY:Lunch
ATTENDEE;CN=Ana Ruiz:mailto:ana@globex.example
END:VEVENT
BEGIN:VEVENT
DTSTART:20261203T150000Z
DTEND:20261203T153000Z
UID:intro-omar
SUMMARY:Intro call
ATTENDEE;CN=Omar Haddad;PARTSTAT=NEEDS-ACTION:mailto:omar@haddad.example
ATTENDEE;CN=Dee Declined;PARTSTAT=DECLINED:mailto:dee@example.com
END:VEVENT
END:VCALENDAR";
    TEXT.replace('\n', "\r\n") + "\r\n"
}

fn notebook() -> Notebook {
    Notebook::new()
        .file("ties.yaml", "owner: Sam Rivera\n")
        .file(
            "contacts/ana-ruiz.md",
            "---\nname: Ana Ruiz\nemail: ana@globex.example\n---\n",
        )
        .file("contacts/ben-osei.md", "---\nname: Ben Osei\n---\n")
        .file(
            "contacts/chloe-dubois.md",
            "---\nname: Chloe Dubois\nemail: chloe@example.org\n---\n",
        )
        .file("cal.ics", &calendar())
}

const NOTES: &str = "cal.ics: note: 1 recurring series: 3 meetings up to 2026-12-28 (28 days \
from today), each its own chat\n\
cal.ics: note: 2 event(s) name no one in the notebook, not imported \
(--all imports them, with files for their attendees): Dentist (2026-11-27), Intro call (2026-12-03)\n\
cal.ics: note: 2 cancelled event(s) not in the notebook left out\n";

#[test]
fn meetings_with_known_people_become_chats_and_importing_again_adds_nothing() {
    let nb = notebook();
    let out = on(&nb, &["import", "ics", "cal.ics"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, NOTES);
    assert_eq!(
        out.stdout,
        "created chats/2026-11-02-chloe-dubois.md\n\
         created chats/2026-11-10-chloe-dubois.md\n\
         created chats/2026-11-23-chloe-dubois.md\n\
         created chats/2026-11-24-ana-ruiz.md\n\
         created chats/2026-11-26-ben-osei.md\n\
         created 0 contacts, 0 companies and 5 chats; 5 new meetings, 0 already in the notebook\n"
    );
    let records = nb.records();
    // 09:30 UTC is 10:30 in Madrid; the folded attendee line is read whole; the organizer
    // (the owner) is no one to meet.
    assert_eq!(
        records["chats/2026-11-24-ana-ruiz.md"],
        "---\nwith: ana-ruiz\ndate: 2026-11-24 10:30\nkind: coffee-chat\nmedium: in-person\n\
         duration: 30min\nuid: ics:coffee-ana@google.com\n---\n\
         **Coffee chat: Ana / Sam**\n\nAsk about the platform team.\nBring the portfolio.\n"
    );
    // Named in the title; 11:00 in New York is 17:00 in Madrid; Zoom's instructions dropped.
    assert_eq!(
        records["chats/2026-11-26-ben-osei.md"],
        "---\nwith: ben-osei\ndate: 2026-11-26 17:00\nkind: call\nmedium: zoom\nduration: 45min\n\
         uid: ics:call-ben\n---\n**Call with Ben Osei**\n\nPortfolio review\n"
    );
    // Each meeting of the series is its own chat, keyed by its RECURRENCE-ID: the moved one
    // where it moved to (its Meet link taken from the series), the deleted one nowhere.
    for (day, at, id) in [
        ("2026-11-02", "2026-11-02 17:00", "20261102T160000Z"),
        ("2026-11-10", "2026-11-10 18:00", "20261109T160000Z"),
        ("2026-11-23", "2026-11-23 17:00", "20261123T160000Z"),
    ] {
        assert_eq!(
            records[&format!("chats/{day}-chloe-dubois.md")],
            format!(
                "---\nwith: chloe-dubois\ndate: {at}\nkind: call\nmedium: google-meet\n\
                 duration: 30min\nuid: ics:mentoring-chloe:{id}\n---\n**Mentoring**\n"
            )
        );
    }
    assert!(!records.contains_key("chats/2026-11-16-chloe-dubois.md"));
    nb.assert_clean();
    let again = on(&nb, &["import", "ics", "cal.ics"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(
        again.stdout,
        "created 0 contacts and 0 companies; 0 new meetings, 5 already in the notebook\n"
    );
    assert_eq!(nb.records(), records);
}

#[test]
fn a_newer_calendar_moves_and_cancels_by_uid_as_one_line_edits() {
    let nb = notebook();
    assert_eq!(on(&nb, &["import", "ics", "cal.ics"]).code, 0);
    let newer = calendar()
        .replace("DTSTART:20261124T093000Z", "DTSTART:20261125T093000Z")
        .replace("DTEND:20261124T100000Z", "DTEND:20261125T101500Z")
        .replace("SEQUENCE:0", "SEQUENCE:2")
        .replace("UID:call-ben\r\n", "UID:call-ben\r\nSTATUS:CANCELLED\r\n");
    nb.write("cal.ics", newer);
    let dry = on(&nb, &["import", "ics", "cal.ics", "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert_eq!(
        dry.stdout,
        "would change chats/2026-11-24-ana-ruiz.md: moved; new duration\n\
         --- a/chats/2026-11-24-ana-ruiz.md\n+++ b/chats/2026-11-24-ana-ruiz.md\n\
         @@ -3 +3 @@\n-date: 2026-11-24 10:30\n+date: 2026-11-25 10:30\n\
         @@ -6 +6 @@\n-duration: 30min\n+duration: 45min\n\
         would change chats/2026-11-26-ben-osei.md: cancelled\n\
         --- a/chats/2026-11-26-ben-osei.md\n+++ b/chats/2026-11-26-ben-osei.md\n\
         @@ -7,0 +8 @@\n+status: cancelled\n\
         would create 0 contacts and 0 companies; would update 2 files; 0 new meetings, 5 already in the notebook\n"
    );
    let before = nb.records();
    let out = on(&nb, &["import", "ics", "cal.ics"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let records = nb.records();
    assert_eq!(
        records["chats/2026-11-24-ana-ruiz.md"],
        before["chats/2026-11-24-ana-ruiz.md"]
            .replace("date: 2026-11-24 10:30", "date: 2026-11-25 10:30")
            .replace("duration: 30min", "duration: 45min")
    );
    assert_eq!(
        records["chats/2026-11-26-ben-osei.md"],
        before["chats/2026-11-26-ben-osei.md"].replace(
            "uid: ics:call-ben\n",
            "uid: ics:call-ben\nstatus: cancelled\n"
        )
    );
    nb.assert_clean();
    let again = on(&nb, &["import", "ics", "cal.ics"]);
    assert_eq!(
        again.stdout,
        "created 0 contacts and 0 companies; 0 new meetings, 5 already in the notebook\n"
    );
    assert_eq!(nb.records(), records);
}

#[test]
fn all_gives_the_attendees_files_but_not_the_declined_or_the_owner() {
    let nb = notebook();
    let out = on(&nb, &["import", "ics", "cal.ics", "--all"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let records = nb.records();
    assert_eq!(
        records["contacts/omar-haddad.md"],
        "---\nname: Omar Haddad\nsource: calendar\nemail: omar@haddad.example\n---\n"
    );
    assert_eq!(
        records["chats/2026-12-03-omar-haddad.md"],
        "---\nwith: omar-haddad\ndate: 2026-12-03 16:00\nkind: call\nduration: 30min\n\
         uid: ics:intro-omar\n---\n**Intro call**\n"
    );
    assert!(!records.contains_key("contacts/dee-declined.md"));
    assert!(!records.contains_key("contacts/sam-rivera.md"));
    assert!(out.stderr.contains("1 event(s) name no one in the notebook, not imported (--all imports them, with files for their attendees): Dentist (2026-11-27)"), "{}", out.stderr);
    nb.assert_clean();
}

#[test]
fn a_file_that_is_no_calendar_is_refused_with_a_reason() {
    let nb = Notebook::new().file("contacts.csv", "Name\nAna\n").file(
        "broken.ics",
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026\r\n",
    );
    let out = on(&nb, &["import", "ics", "contacts.csv"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("not an iCalendar file"),
        "{}",
        out.stderr
    );
    let broken = on(&nb, &["import", "ics", "broken.ics"]);
    assert_eq!(broken.code, 2);
    assert_eq!(
        broken.stderr,
        "error: cannot read broken.ics as a calendar: it is cut short or malformed from line 2 \
         on (a BEGIN without its END, or a line without `NAME:value`)\n  \
         help: export the calendar again as .ics, or give the one invitation (invite.ics) to import\n"
    );
    // A calendar given to the contacts importers points at this one.
    let wrong = on(&nb, &["import", "csv", "broken.ics"]);
    assert!(
        wrong.stderr.contains("ties import ics broken.ics"),
        "{}",
        wrong.stderr
    );
}

/// `ties --today TODAY import ics cal.ics [--dry-run]` in Madrid's zone.
fn import_on(nb: &Notebook, today: &str, dry_run: bool) -> Output {
    let mut cmd = ties();
    cmd.current_dir(nb.path())
        .env("TZ", "Europe/Madrid")
        .args(["--today", today, "import", "ics", "cal.ics"]);
    if dry_run {
        cmd.arg("--dry-run");
    }
    run(&mut cmd)
}

const WEEKLY: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n\
DTSTART;TZID=Europe/Madrid:20261102T170000\r\nDTEND;TZID=Europe/Madrid:20261102T173000\r\n\
RRULE:FREQ=WEEKLY;BYDAY=MO\r\nUID:weekly-chloe\r\nSUMMARY:Mentoring with Chloe Dubois\r\n\
LOCATION:Café Central\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

#[test]
fn an_endless_series_grows_with_the_clock_and_a_moved_or_deleted_meeting_is_a_one_line_edit() {
    // The first meeting was imported before series were expanded (`uid: ics:UID`): it is
    // found again, not made twice.
    let first = "---\nwith: chloe-dubois\ndate: 2026-11-02 17:00\nkind: other\nmedium: in-person\n\
                 duration: 30min\nuid: ics:weekly-chloe\n---\n**Mentoring with Chloe Dubois**\n";
    let nb = Notebook::new()
        .file("contacts/chloe-dubois.md", "---\nname: Chloe Dubois\n---\n")
        .file("chats/2026-11-02-chloe-dubois.md", first)
        .file("cal.ics", WEEKLY);
    let out = import_on(&nb, "2026-11-30", false);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Every Monday from the first to four weeks after today (2026-12-28).
    let days = [
        "2026-11-09",
        "2026-11-16",
        "2026-11-23",
        "2026-11-30",
        "2026-12-07",
        "2026-12-14",
        "2026-12-21",
        "2026-12-28",
    ];
    let created = days.iter().fold(String::new(), |all, d| {
        all + &format!("created chats/{d}-chloe-dubois.md\n")
    });
    assert_eq!(
        out.stdout,
        format!(
            "{created}created 0 contacts, 0 companies and 8 chats; 8 new meetings, 1 already in the notebook\n"
        )
    );
    assert_eq!(
        out.stderr,
        "cal.ics: note: 1 recurring series: 9 meetings up to 2026-12-28 (28 days from today), \
         each its own chat\n"
    );
    let records = nb.records();
    assert_eq!(records["chats/2026-11-02-chloe-dubois.md"], first);
    assert_eq!(
        records["chats/2026-12-14-chloe-dubois.md"],
        "---\nwith: chloe-dubois\ndate: 2026-12-14 17:00\nkind: other\nmedium: in-person\n\
         duration: 30min\nuid: ics:weekly-chloe:20261214T170000\n---\n\
         **Mentoring with Chloe Dubois**\n"
    );
    nb.assert_clean();
    // Two weeks on: 2026-12-07 was deleted, 2026-12-14 moved to Tuesday, two more Mondays.
    let newer = WEEKLY
        .replace(
            "UID:weekly-chloe\r\n",
            "UID:weekly-chloe\r\nEXDATE;TZID=Europe/Madrid:20261207T170000\r\n",
        )
        .replace(
            "END:VCALENDAR",
            "BEGIN:VEVENT\r\nRECURRENCE-ID;TZID=Europe/Madrid:20261214T170000\r\n\
         DTSTART;TZID=Europe/Madrid:20261215T180000\r\nDTEND;TZID=Europe/Madrid:20261215T183000\r\n\
         UID:weekly-chloe\r\nSEQUENCE:1\r\nEND:VEVENT\r\nEND:VCALENDAR",
        );
    nb.write("cal.ics", newer);
    let dry = import_on(&nb, "2026-12-14", true);
    assert_eq!(
        dry.stdout,
        "would create chats/2027-01-04-chloe-dubois.md\n\
         would create chats/2027-01-11-chloe-dubois.md\n\
         would change chats/2026-12-07-chloe-dubois.md: cancelled\n\
         --- a/chats/2026-12-07-chloe-dubois.md\n+++ b/chats/2026-12-07-chloe-dubois.md\n\
         @@ -7,0 +8 @@\n+status: cancelled\n\
         would change chats/2026-12-14-chloe-dubois.md: moved\n\
         --- a/chats/2026-12-14-chloe-dubois.md\n+++ b/chats/2026-12-14-chloe-dubois.md\n\
         @@ -3 +3 @@\n-date: 2026-12-14 17:00\n+date: 2026-12-15 18:00\n\
         would create 0 contacts, 0 companies and 2 chats; would update 2 files; 2 new meetings, 9 already in the notebook\n",
    );
    assert_eq!(
        dry.stderr,
        "cal.ics: note: 1 recurring series: 10 meetings up to 2027-01-11 (28 days from today), \
         each its own chat\n"
    );
    let before = nb.records();
    assert_eq!(import_on(&nb, "2026-12-14", false).code, 0);
    let after = nb.records();
    assert_eq!(
        after["chats/2026-12-14-chloe-dubois.md"],
        before["chats/2026-12-14-chloe-dubois.md"]
            .replace("date: 2026-12-14 17:00", "date: 2026-12-15 18:00")
    );
    assert_eq!(after.len(), before.len() + 2);
    nb.assert_clean();
    let again = import_on(&nb, "2026-12-14", false);
    assert_eq!(
        again.stdout,
        "created 0 contacts and 0 companies; 0 new meetings, 11 already in the notebook\n"
    );
    assert_eq!(nb.records(), after);
}
