//! `ties import vcard`, Google Contacts and LinkedIn's older exports, a US tracker, and the
//! export → import round trip (issue 13), on the fixtures `tests/fixtures/import-*`: every
//! file created is read back and compared whole, so each field is asserted where it belongs
//! (and nothing is where it does not), the bad rows are reported at the line an editor shows
//! (CRLF files included), and every notebook imported into checks clean.

use std::collections::BTreeMap;

use crate::support::{Notebook, Output, fixture};

/// A notebook holding the fixture `rel` as `name`, imported with `ties import KIND name`;
/// asserts the exit code.
#[track_caller]
fn import(nb: &Notebook, kind: &str, rel: &str, name: &str, code: i32) -> Output {
    let bytes = std::fs::read(fixture(rel)).expect("fixture");
    nb.write(name, bytes);
    let out = nb.run_here(["import", kind, name]);
    assert_eq!(out.code, code, "{}{}", out.stdout, out.stderr);
    out
}

/// Asserts the notebook's record files are exactly `expected`.
#[track_caller]
fn assert_records(nb: &Notebook, expected: &[(&str, &str)]) {
    let expected: BTreeMap<String, String> = expected
        .iter()
        .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()))
        .collect();
    let records = nb.records();
    for (path, text) in &expected {
        assert_eq!(records.get(path), Some(text), "{path}");
    }
    assert_eq!(
        records.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
}

// ---------------------------------------------------------------------------------------
// vCard

#[test]
fn vcard_3_0_with_crlf_folding_escapes_and_bad_cards() {
    let nb = Notebook::new();
    let out = import(
        &nb,
        "vcard",
        "import-vcard/contacts-3.0.vcf",
        "phone.vcf",
        0,
    );
    assert_eq!(
        out.stderr,
        "phone.vcf: note: 1 card(s) without a name (neither FN nor N) skipped, at line(s) 25\n\
         phone.vcf:16: warning: `tomas@@broken.example` in EMAIL is not an email address: left out of `email`, kept in the body\n"
    );
    assert_eq!(
        out.stdout,
        "created companies/brightwater-labs.md\ncreated contacts/nneka-okafor.md\n\
         created contacts/tomas-lindqvist.md\n\
         created 2 contacts and 1 company\n"
    );
    assert_records(
        &nb,
        &[
            (
                "companies/brightwater-labs.md",
                "---\nname: Brightwater Labs\n---\n",
            ),
            (
                "contacts/nneka-okafor.md",
                "---\nname: Nneka Okafor\ncompany: brightwater-labs\ntitle: Engineering Manager\n\
                 role: manager\nemail: nneka@brightwater.example\n\
                 linkedin: https://www.linkedin.com/in/nneka-okafor-example\nphone: \"+1 555 0101\"\n\
                 website: https://nneka.example\nbirthday: 1988-04-15\n---\n\
                 Met at the Rust meetup, talked about hiring juniors; offered to look at my portfolio.\n\
                 Follow up after the holidays.\n\n\
                 - ORG (unit): Platform\n- EMAIL (more): nneka.o@mail.example\n",
            ),
            (
                "contacts/tomas-lindqvist.md",
                "---\nname: Tomas Lindqvist\ntitle: Technical Recruiter\nrole: recruiter\n\
                 birthday: 09-23\n---\n- ORG: Self-employed\n- EMAIL: tomas@@broken.example\n",
            ),
        ],
    );
    nb.assert_clean();
    // Again: everyone is there; the card without a name is still left out, with its note.
    let again = nb.run_here(["import", "vcard", "phone.vcf"]);
    assert_eq!(
        again.stdout,
        "created 0 contacts and 0 companies; 2 people already in the notebook\n"
    );
}

#[test]
fn vcard_4_0_profiles_uris_year_less_birthdays_and_duplicates() {
    let nb = Notebook::new();
    let out = import(&nb, "vcard", "import-vcard/contacts-4.0.vcf", "book.vcf", 1);
    assert_eq!(
        out.stderr,
        "book.vcf:17: warning: `19910230` in BDAY is not a birthday (MM-DD or a date): left out of `birthday`, kept in the body\n\
         book.vcf:24: error: duplicate of line 1, Priya Raman (row skipped)\n"
    );
    assert_records(
        &nb,
        &[
            (
                "companies/quillfeather.md",
                "---\nname: Quillfeather\n---\n",
            ),
            (
                "contacts/priya-raman.md",
                "---\nname: Priya Raman\ncompany: quillfeather\ntitle: Senior Software Engineer\n\
                 role: developer\nemail: priya@quillfeather.example\n\
                 linkedin: https://linkedin.com/in/priya-raman-example\n\
                 github: https://github.com/priya-example\nphone: \"+44-20-7946-0001\"\n\
                 location: Leeds, United Kingdom\ntags: [Rust, Mentors]\nbirthday: 07-04\n---\n\
                 Offered to review my CV.\nAsk about the platform team in spring.\n",
            ),
            (
                "contacts/marek-nowak.md",
                "---\nname: Marek Nowak\ncompany: quillfeather\ntitle: Talent Partner\n\
                 role: recruiter\n---\n- BDAY: 19910230\n",
            ),
        ],
    );
    nb.assert_clean();
}

#[test]
fn vcard_2_1_quoted_printable_and_bare_parameters() {
    let nb = Notebook::new();
    let out = import(&nb, "vcard", "import-vcard/contacts-2.1.vcf", "old.vcf", 0);
    assert_eq!(out.stderr, "");
    assert_records(
        &nb,
        &[
            ("companies/copperleaf.md", "---\nname: Copperleaf\n---\n"),
            (
                "contacts/lucia-alvarez.md",
                "---\nname: Lucía Álvarez\ncompany: copperleaf\ntitle: Developer Advocate\n\
                 role: developer\nemail: lucia@copperleaf.example\nphone: \"+34 600 000 001\"\n---\n\
                 Prefers calls after 5pm.\nAsk about the conference = talk slot.\n",
            ),
        ],
    );
    nb.assert_clean();
}

#[test]
fn a_file_of_another_format_is_named_as_such() {
    let vcf = std::fs::read(fixture("import-vcard/contacts-3.0.vcf")).expect("fixture");
    let nb = Notebook::new()
        .bytes("phone.vcf", &vcf)
        .file("people.csv", "Name,Company\nAnn Lee,Acme\n")
        .bytes("book.xlsx", b"PK\x03\x04\x14\x00\x06\x00binary")
        .file(
            "cal.ics",
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
        );
    let google = std::fs::read(fixture("import-google/google-new.csv")).expect("fixture");
    nb.write("google.csv", google);
    let linkedin = std::fs::read(fixture("import-linkedin/Connections.csv")).expect("fixture");
    nb.write("Connections.csv", linkedin);
    for (args, message) in [
        (
            &["import", "csv", "phone.vcf"][..],
            "phone.vcf is a vCard file\n  help: use `ties import vcard phone.vcf`",
        ),
        (
            &["import", "linkedin", "phone.vcf"],
            "phone.vcf is a vCard file\n  help: use `ties import vcard phone.vcf`",
        ),
        (
            &["import", "vcard", "people.csv"],
            "people.csv is not a vCard file (no BEGIN:VCARD line)",
        ),
        (
            &["import", "csv", "book.xlsx"],
            "book.xlsx is a spreadsheet workbook or another zip archive (an .xlsx or .ods file)\n  \
             help: save it from the spreadsheet as \"CSV UTF-8\"",
        ),
        (
            &["import", "vcard", "cal.ics"],
            "cal.ics is an iCalendar file (a calendar, not contacts)",
        ),
        (
            &["import", "csv", "Connections.csv"],
            "Connections.csv is a LinkedIn connections export\n  \
             help: use `ties import linkedin Connections.csv`",
        ),
        (
            &["import", "linkedin", "google.csv"],
            "google.csv is a Google Contacts export\n  help: use `ties import csv google.csv`",
        ),
    ] {
        let out = nb.run_here(args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        out.assert_stderr_has(message);
        assert!(
            !out.stderr.contains("no column for the name"),
            "{}",
            out.stderr
        );
    }
    assert!(nb.records().is_empty());
}

#[test]
fn hostile_vcard_files_never_crash() {
    let long = format!("BEGIN:VCARD\nFN:{}\nEND:VCARD\n", "x".repeat(1 << 20));
    let folded = format!("BEGIN:VCARD\nFN:Ann\n{}END:VCARD\n", " y\n".repeat(50_000));
    // Folded a hundred thousand times, with no colon and a soft-break `=` on every line.
    let soft = format!("BEGIN:VCARD\nX{}\nEND:VCARD\n", "\n =".repeat(100_000));
    let nb = Notebook::new()
        .file("empty.vcf", "")
        .bytes("junk.vcf", &[0xff, 0xfe, 0, 1, 2, 3, 0x80])
        .file("long.vcf", &long)
        .file("folded.vcf", &folded)
        .file("soft.vcf", &soft)
        .file(
            "cut.vcf",
            "BEGIN:VCARD\nVERSION:3.0\nFN:Cut Short\nN;ENCODING=QUOTED-PRINTABLE:=\n",
        );
    for file in [
        "empty.vcf",
        "junk.vcf",
        "long.vcf",
        "folded.vcf",
        "soft.vcf",
        "cut.vcf",
    ] {
        let out = nb.run_here(["import", "vcard", file, "--dry-run"]);
        out.assert_no_crash();
        assert!(matches!(out.code, 0..=2), "{file}: {}", out.stderr);
        assert!(out.elapsed.as_secs() < 20, "{file} took {:?}", out.elapsed);
    }
    // Latin-1, as old phones write vCard 2.1.
    nb.write(
        "latin1.vcf",
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1:M\xfcller;J\xfcrgen\r\nEND:VCARD\r\n",
    );
    let latin1 = nb.run_here(["import", "vcard", "latin1.vcf"]);
    assert_eq!(latin1.code, 0, "{}", latin1.stderr);
    latin1.assert_stderr_has(
        "latin1.vcf: note: not UTF-8: read as windows-1252, guessed from its letters",
    );
    assert_eq!(
        nb.read("contacts/jurgen-muller.md"),
        "---\nname: Jürgen Müller\n---\n"
    );
    let cut = nb.run_here(["import", "vcard", "cut.vcf"]);
    assert_eq!(cut.code, 0, "{}", cut.stderr);
    cut.assert_stderr_has("cut.vcf:1: note: this card has no END:VCARD");
    assert!(nb.records().contains_key("contacts/cut-short.md"));
    nb.assert_clean();
}

#[test]
fn hostile_csv_files_never_crash_any_importer() {
    let long_line = format!("Name,Notes\nAnn Lee,{}\n", "y".repeat(1 << 20));
    let long_header = format!("{}\nAnn\n", "Name,".repeat(100_000));
    let nb = Notebook::new()
        .file("empty.csv", "")
        .bytes("junk.csv", &[0xff, 0xfe, 0, 1, 2, 3, 0x80, b'\n', b','])
        .bytes("nul.csv", b"Name\nAnn\0Lee\n")
        .file("long.csv", &long_line)
        .file("wide.csv", &long_header)
        .file("quote.csv", "Name,Notes\nAnn,\"never closed\n")
        .file(
            "dates.csv",
            "Name,Date contacted,Connected On\nAnn,99/99/9999,1/1/1\nBo,0/0/0,//\n",
        );
    for file in [
        "empty.csv",
        "junk.csv",
        "nul.csv",
        "long.csv",
        "wide.csv",
        "quote.csv",
        "dates.csv",
    ] {
        for kind in ["csv", "linkedin", "vcard"] {
            let out = nb.run_here(["import", kind, file, "--dry-run"]);
            out.assert_no_crash();
            assert!(matches!(out.code, 0..=2), "{kind} {file}: {}", out.stderr);
            assert!(
                out.elapsed.as_secs() < 20,
                "{kind} {file} took {:?}",
                out.elapsed
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// Google Contacts

#[test]
fn google_contacts_old_headers() {
    let nb = Notebook::new();
    let out = import(
        &nb,
        "csv",
        "import-google/google-old.csv",
        "contacts.csv",
        0,
    );
    assert_eq!(
        out.stderr,
        "contacts.csv: note: read as a Google Contacts export\n\
         contacts.csv: note: 1 row(s) without a name skipped, at line(s) 4: give them a name to import them\n\
         contacts.csv:3: warning: `ben.osei@` in E-mail 1 - Value is not an email address: left out of `email`, kept in the body\n\
         contacts.csv: note: columns kept in each body as `- Column: value` lines: Other values\n  \
         help: map one to a key with --map \"Other values=KEY\", or drop it with --map \"Other values=-\"\n"
    );
    assert_records(
        &nb,
        &[
            (
                "companies/northwind-analytics.md",
                "---\nname: Northwind Analytics\n---\n",
            ),
            (
                "contacts/ada-quint.md",
                "---\nname: Ada Quint\ncompany: northwind-analytics\ntitle: Data Engineer\n\
                 role: developer\nemail: ada@northwind.example\n\
                 linkedin: https://www.linkedin.com/in/ada-quint-example\nphone: \"+1 555 0142\"\n\
                 tags: [Conference]\naliases: [AQ]\nbirthday: 1990-02-11\n---\n\
                 Met at PyCon; wants an intro to the data team.\n\n\
                 - Other values: ada.q@mail.example\n",
            ),
            (
                "contacts/ben-osei.md",
                "---\nname: Ben Osei\ntitle: Frontend Developer\nrole: developer\nbirthday: 03-09\n---\n\
                 - E-mail 1 - Value: ben.osei@\n- Organization 1 - Name: Freelance\n",
            ),
        ],
    );
    nb.assert_clean();
}

#[test]
fn google_contacts_new_headers() {
    let nb = Notebook::new();
    let out = import(
        &nb,
        "csv",
        "import-google/google-new.csv",
        "contacts.csv",
        1,
    );
    assert_eq!(
        out.stderr,
        "contacts.csv: note: read as a Google Contacts export\n\
         contacts.csv:4: warning: `1990-13-01` in Birthday is not a birthday (MM-DD or a date): left out of `birthday`, kept in the body\n\
         contacts.csv:5: error: duplicate of line 4, Dev Anand (row skipped)\n\
         contacts.csv: note: columns kept in each body as `- Column: value` lines: Organization Department\n  \
         help: map one to a key with --map \"Organization Department=KEY\", or drop it with --map \"Organization Department=-\"\n"
    );
    assert_records(
        &nb,
        &[
            (
                "companies/lumen-freight.md",
                "---\nname: Lumen Freight\n---\n",
            ),
            (
                "contacts/carmen-ines-duarte.md",
                "---\nname: Carmen Ines Duarte\ncompany: lumen-freight\ntitle: VP Engineering\n\
                 role: manager\nemail: carmen@lumenfreight.example\nphone: \"+1 555 0177\"\n\
                 website: https://carmenduarte.example\ntags: [Hiring managers]\n\
                 birthday: 1979-11-30\n---\nHiring two juniors in Q1.\nPrefers email.\n\n\
                 - Organization Department: Platform\n",
            ),
            (
                "contacts/dev-anand.md",
                "---\nname: Dev Anand\ncompany: lumen-freight\ntitle: Software Engineer\n\
                 role: developer\nemail: dev@lumenfreight.example\n\
                 github: https://github.com/dev-anand-example\n---\n- Birthday: 1990-13-01\n",
            ),
        ],
    );
    nb.assert_clean();
}

// ---------------------------------------------------------------------------------------
// LinkedIn

#[test]
fn linkedin_before_2020_us_dates_no_url_and_placeholder_employers() {
    let nb = Notebook::new();
    let out = import(
        &nb,
        "linkedin",
        "import-linkedin/Connections-2018.csv",
        "c.csv",
        1,
    );
    assert_eq!(
        out.stderr,
        "c.csv: note: 1 row(s) without a name skipped, from line 6: LinkedIn leaves the \
         connections of closed or hidden accounts empty but for the date\n\
         c.csv:5: error: `13/30/18, 1:00 PM` in Connected On is not a date; write it as YYYY-MM-DD (row skipped)\n"
    );
    assert_records(
        &nb,
        &[
            (
                "companies/orchard-systems.md",
                "---\nname: Orchard Systems\n---\n",
            ),
            (
                "contacts/hannah-berg.md",
                "---\nname: Hannah Berg\ncompany: orchard-systems\ntitle: Site Reliability Engineer\n\
                 role: developer\nsource: LinkedIn (connected 2018-01-08)\n\
                 email: hannah.berg@mail.example\n---\n",
            ),
            (
                "contacts/omar-haddad.md",
                "---\nname: Omar Haddad\ntitle: Consultant\n\
                 source: LinkedIn (connected 2018-03-22)\n---\n- Company: Self-Employed\n",
            ),
            (
                "contacts/grace-liu.md",
                "---\nname: Grace Liu\ntitle: Co-Founder\nrole: manager\n\
                 source: LinkedIn (connected 2017-11-30)\n---\n- Company: Stealth Startup\n",
            ),
        ],
    );
    nb.assert_clean();
}

#[test]
fn linkedin_resaved_by_excel_with_crlf_and_a_vanity_url_change() {
    // Rosa is in the notebook under her old profile address, at the same company.
    let nb = Notebook::new()
        .file(
            "companies/tidewater-bank.md",
            "---\nname: Tidewater Bank\n---\n",
        )
        .file(
            "contacts/rosa-delgado.md",
            "---\nname: Rosa Delgado\ncompany: tidewater-bank\n\
             linkedin: https://www.linkedin.com/in/rosa-delgado-example\n---\n",
        );
    let before = nb.records();
    let out = import(
        &nb,
        "linkedin",
        "import-linkedin/Connections-excel.csv",
        "c.csv",
        1,
    );
    assert_eq!(
        out.stderr,
        "c.csv: note: 2 row(s) without a name skipped, from line 7: LinkedIn leaves the \
         connections of closed or hidden accounts empty but for the date\n\
         c.csv:8: error: `30-Feb-24` in Connected On is not a date; write it as YYYY-MM-DD (row skipped)\n"
    );
    assert_eq!(
        out.stdout,
        "created contacts/felix-wong.md\ncreated contacts/theo-brandt.md\n\
         created 2 contacts and 0 companies; 1 person already in the notebook; 1 bad row skipped (see above)\n"
    );
    let mut expected: Vec<(&str, &str)> = before
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    expected.extend([
        (
            "contacts/felix-wong.md",
            "---\nname: Felix Wong\ntitle: UX Designer\nsource: LinkedIn (connected 2024-01-02)\n\
             linkedin: https://www.linkedin.com/in/felix-wong-example\n---\n- Company: Freelance\n",
        ),
        (
            "contacts/theo-brandt.md",
            "---\nname: Theo Brandt\ntitle: Engineering Lead\nrole: developer\n\
             source: LinkedIn (connected 2025-03-07)\n\
             linkedin: https://www.linkedin.com/in/theo-brandt-example\n---\n- Company: Confidential\n",
        ),
    ]);
    assert_records(&nb, &expected);
    nb.assert_clean();
}

#[test]
fn linkedin_rows_without_a_name_alone_exit_0() {
    let nb = Notebook::new().file(
        "Connections.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n\
         Ann,Lee,https://www.linkedin.com/in/ann-lee-example,,,,18 Aug 2025\r\n\
         ,,,,,,18 Aug 2025\r\n,,,,,,19 Aug 2025\r\n",
    );
    let out = nb.run_here(["import", "linkedin", "Connections.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.assert_stderr_has("note: 2 row(s) without a name skipped, from line 3");
    assert_eq!(
        out.stdout,
        "created contacts/ann-lee.md\ncreated 1 contact and 0 companies\n"
    );
}

#[test]
fn placeholder_employers_can_be_replaced_in_ties_yaml() {
    let nb = Notebook::new()
        .file(
            "ties.yaml",
            "import:\n  placeholder_employers: [Between Jobs]\n",
        )
        .file(
            "people.csv",
            "Name,Company\nAnn Lee,Between jobs\nBen Ong,Freelance\n",
        );
    let out = nb.run_here(["import", "csv", "people.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let records = nb.records();
    assert_eq!(
        records["contacts/ann-lee.md"],
        "---\nname: Ann Lee\n---\n- Company: Between jobs\n"
    );
    assert_eq!(
        records["contacts/ben-ong.md"],
        "---\nname: Ben Ong\ncompany: freelance\n---\n"
    );
    nb.assert_clean();
    let bad = Notebook::new().file("ties.yaml", "import:\n  placeholder_employers: {a: 1}\n");
    let out = bad.run_here(["check"]);
    out.assert_stdout_has("placeholder_employers");
}

// ---------------------------------------------------------------------------------------
// a US tracker

#[test]
fn a_us_tracker_with_crlf_yes_no_columns_and_a_bad_email() {
    let nb = Notebook::new();
    let out = import(&nb, "csv", "import-csv/us-tracker.csv", "tracker.csv", 1);
    assert_eq!(
        out.stderr,
        "tracker.csv:2: note: Followed Up? is `Yes`: followed_up set to the reach-out date, 2026-11-03 (the follow-up's own date is unknown)\n\
         tracker.csv:2: note: Response? is `Yes`: replied set to the last follow-up date, 2026-11-03\n\
         tracker.csv:3: warning: `jordan@pinecone` in Email is not an email address: left out of `email`, kept in the body\n\
         tracker.csv:4: note: Response? is `Yes`: replied set to the last follow-up date, 2026-11-18\n\
         tracker.csv:6: note: Followed Up? is `Yes`: followed_up set to the reach-out date, 2026-11-13 (the follow-up's own date is unknown)\n\
         tracker.csv:7: error: `11/31/2026` in Date Reached Out is not a date; write it as YYYY-MM-DD (row skipped)\n"
    );
    assert_records(
        &nb,
        &[
            (
                "companies/harbor-freight-tech.md",
                "---\nname: Harbor Freight Tech\n---\n",
            ),
            (
                "companies/pinecone-labs.md",
                "---\nname: Pinecone Labs\n---\n",
            ),
            (
                "contacts/alex-rivera.md",
                "---\nname: Alex Rivera\ncompany: harbor-freight-tech\ntitle: Engineering Manager\n\
                 role: manager\nemail: alex.rivera@harbor.example\n\
                 linkedin: https://linkedin.com/in/alex-rivera-example\nreached_out: 2026-11-03\n\
                 followed_up: 2026-11-03\nreplied: 2026-11-03\n---\nCoffee chat next week\n",
            ),
            (
                "contacts/jordan-blake.md",
                // `11/20/2026` settles the column: `11/3/2026` above is 3 November.
                "---\nname: Jordan Blake\ncompany: pinecone-labs\ntitle: Software Engineer II\n\
                 role: developer\nreached_out: 2026-11-20\n---\n- Email: jordan@pinecone\n",
            ),
            (
                "contacts/casey-moore.md",
                "---\nname: Casey Moore\ncompany: pinecone-labs\ntitle: Technical Recruiter\n\
                 role: recruiter\nemail: casey.moore@pinecone.example\nreached_out: 2026-11-04\n\
                 followed_up: 2026-11-18\nreplied: 2026-11-18\n---\nSent resume\nand portfolio\n",
            ),
            (
                "contacts/taylor-kim.md",
                "---\nname: Taylor Kim\ntitle: Freelance Developer\nrole: developer\n\
                 reached_out: 2026-11-13\nfollowed_up: 2026-11-13\n---\n- Company: Self-employed\n",
            ),
            ("contacts/drew-park.md", "---\nname: Drew Park\n---\n"),
        ],
    );
    nb.assert_clean();
}

#[test]
fn a_column_of_both_orders_settles_nothing() {
    let nb = Notebook::new().file(
        "t.csv",
        "Name,Date contacted\nAnn Lee,11/20/2026\nBen Ong,20/11/2026\nCy Dunn,11/3/2026\n",
    );
    let out = nb.run_here(["import", "csv", "t.csv"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "t.csv:4: error: `11/3/2026` in Date contacted is not a date (day and month could be either way round); write it as YYYY-MM-DD (row skipped)\n"
    );
}

#[test]
fn lone_carriage_returns_end_lines_too() {
    let nb = Notebook::new().file(
        "t.csv",
        "Name,Date contacted\rAnn Lee,\r\rBen Ong,someday\r",
    );
    let out = nb.run_here(["import", "csv", "t.csv"]);
    assert_eq!(out.code, 1);
    out.assert_stderr_has("t.csv:4: error: `someday` in Date contacted is not a date");
}

// ---------------------------------------------------------------------------------------
// the round trip

fn rich_notebook() -> Notebook {
    Notebook::new()
        .file(
            "companies/qvest-us.md",
            "---\nname: Qvest.US\nstatus: target\nin: I use their product\nlocation: New York\n\
             website: https://qvest.example\nstack: [rust, \"c#\"]\nhiring: [entry-level]\n\
             tags: [consulting]\n---\nTheir \"in\": the meetup.\n",
        )
        .file("companies/acme.md", "---\nname: ACME, Inc.\n---\n")
        .file(
            "contacts/jane-doe.md",
            "---\nname: Jane Doe\ncompany: qvest-us\ntitle: Software Engineer\nrole: manager\n\
             warmth: warm\ntie: strong\nsource: RustConf 2026\nemail: jane@qvest.example\n\
             linkedin: https://www.linkedin.com/in/jane-doe\ngithub: janedoe\nslack: \"@jane\"\n\
             twitter: \"@janedoe\"\nphone: \"+1 555 0100\"\nwebsite: https://janedoe.dev\n\
             location: Berlin\ntimezone: Europe/Berlin\nbirthday: \"04-15\"\ntags: [alumni, rust]\n\
             reached_out: 2026-11-02\nfollowed_up: [2026-11-09, 2026-11-16]\nreplied: 2026-11-17\n\
             next: 2026-11-30 send the portfolio\nstay_in_touch: 30d\nsnooze: 2026-12-01\n\
             status: paused\n---\nMet at RustConf.\n\n- [ ] read her post\n",
        )
        .file(
            "contacts/jose-alvarez.md",
            "---\nname: José Álvarez\ncompany: acme\ntitle: Engineering Manager\n\
             introduced_by: jane-doe\n---\n",
        )
        .file(
            "contacts/sam-self.md",
            "---\nname: Sam Self\ncompany: acme\ntitle: Freelance\n---\n",
        )
}

#[test]
fn export_then_import_into_an_empty_notebook_is_lossless() {
    let nb = rich_notebook();
    nb.assert_clean();
    let contacts = nb.run_here(["export", "csv", "contacts"]);
    let companies = nb.run_here(["export", "csv", "companies"]);
    assert_eq!((contacts.code, companies.code), (0, 0));

    let copy = Notebook::new()
        .file("contacts.csv", &contacts.stdout)
        .file("companies.csv", &companies.stdout);
    let out = copy.run_here(["import", "csv", "companies.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "created companies/acme.md\ncreated companies/qvest-us.md\ncreated 0 contacts and 2 companies\n"
    );
    let out = copy.run_here(["import", "csv", "contacts.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    copy.assert_clean();

    // Field by field: every cell of both exports is the same again.
    for kind in ["contacts", "companies"] {
        let first = nb.run_here(["export", "csv", kind]).stdout;
        let again = copy.run_here(["export", "csv", kind]).stdout;
        let rows = |s: &str| {
            csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(s.as_bytes())
                .records()
                .map(|r| {
                    r.expect("csv")
                        .iter()
                        .map(str::to_owned)
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        };
        let (first, again) = (rows(&first), rows(&again));
        assert_eq!(first.len(), again.len(), "{kind}");
        let header = &first[0];
        for (a, b) in first.iter().zip(&again).skip(1) {
            for ((column, x), y) in header.iter().zip(a).zip(b) {
                assert_eq!(x, y, "{kind} {} {column}", a[0]);
            }
        }
    }
    // The files say no more than the originals: no `status: active`, no company named by
    // its id, no role guessed from a title.
    let records = copy.records();
    assert_eq!(
        records["contacts/jose-alvarez.md"],
        "---\nname: José Álvarez\ncompany: acme\ntitle: Engineering Manager\nintroduced_by: jane-doe\n---\n"
    );
    assert_eq!(records["companies/acme.md"], "---\nname: ACME, Inc.\n---\n");
}

#[test]
fn contacts_exported_alone_create_their_companies_under_their_names() {
    let nb = rich_notebook();
    let contacts = nb.run_here(["export", "csv", "contacts"]);
    assert!(
        contacts
            .stdout
            .starts_with("id,name,company,company_name,title,"),
        "{}",
        contacts.stdout
    );
    let copy = Notebook::new().file("contacts.csv", &contacts.stdout);
    let out = copy.run_here(["import", "csv", "contacts.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    let records = copy.records();
    assert_eq!(records["companies/acme.md"], "---\nname: ACME, Inc.\n---\n");
    assert_eq!(
        records["contacts/jose-alvarez.md"],
        "---\nname: José Álvarez\ncompany: acme\ntitle: Engineering Manager\nintroduced_by: jane-doe\n---\n"
    );
    copy.assert_clean();
    // Imported back into the notebook it came from, it adds nothing: `company_name` is
    // kept out of the files.
    let back = nb.file("contacts.csv", &contacts.stdout);
    let before = back.records();
    let again = back.run_here(["import", "csv", "contacts.csv"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(back.records(), before);
}

#[test]
fn an_export_of_another_version_with_a_key_less_is_an_export_all_the_same() {
    let nb = rich_notebook();
    let contacts = nb.run_here(["export", "csv", "contacts"]).stdout;
    // As an older `ties` wrote it: no birthday column, no company_name.
    let mut older = Vec::new();
    {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(contacts.as_bytes());
        let mut writer = csv::Writer::from_writer(&mut older);
        let mut dropped = None;
        for record in reader.records() {
            let record = record.expect("csv");
            let at = *dropped.get_or_insert_with(|| {
                ["birthday", "company_name"].map(|h| record.iter().position(|c| c == h).expect(h))
            });
            let kept: Vec<&str> = record
                .iter()
                .enumerate()
                .filter(|(i, _)| !at.contains(i))
                .map(|(_, c)| c)
                .collect();
            writer.write_record(kept).expect("write");
        }
        writer.flush().expect("flush");
    }
    let copy = Notebook::new().bytes("contacts.csv", &older);
    let out = copy.run_here(["import", "csv", "contacts.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Read as an export: no role from "Engineering Manager", no employer dropped.
    assert_eq!(
        copy.records()["contacts/jose-alvarez.md"],
        "---\nname: José Álvarez\ncompany: acme\ntitle: Engineering Manager\nintroduced_by: jane-doe\n---\n"
    );
    assert_eq!(
        out.stderr,
        "contacts.csv: note: 2 companies not in the notebook: created with the id as the name, \
         since this export of contacts has no company_name column; to keep their names, import \
         `ties export csv companies` first\n"
    );
    assert_eq!(
        copy.records()["companies/qvest-us.md"],
        "---\nname: qvest-us\n---\n"
    );
}

#[test]
fn imports_into_a_vault_follow_its_folders_and_title_ids() {
    let nb = Notebook::new()
        .file(
            "ties.yaml",
            "folders: { contacts: People, companies: Companies }\nids: title\n",
        )
        .file("Companies/Acme Corp.md", "---\nname: Acme Corp\n---\n")
        .file(
            "people.csv",
            "Name,Company,Referred by\nJosé Álvarez,Acme Corp,\nAnn Lee,Globex,José Álvarez\n",
        );
    let out = nb.run_here(["import", "csv", "people.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "created Companies/Globex.md\ncreated People/José Álvarez.md\ncreated People/Ann Lee.md\n\
         created 2 contacts and 1 company\n"
    );
    assert_eq!(nb.read("Companies/Globex.md"), "---\nname: Globex\n---\n");
    assert_eq!(
        nb.read("People/Ann Lee.md"),
        "---\nname: Ann Lee\ncompany: Globex\nintroduced_by: José Álvarez\n---\n"
    );
    assert_eq!(
        nb.read("People/José Álvarez.md"),
        "---\nname: José Álvarez\ncompany: Acme Corp\n---\n"
    );
    nb.assert_clean();
    // A vCard of the same people: recognised by name, nobody twice.
    nb.write(
        "phone.vcf",
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Bo Chen\nEND:VCARD\n",
    );
    let out = nb.run_here(["import", "vcard", "phone.vcf"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "created People/Bo Chen.md\ncreated 1 contact and 0 companies; 1 person already in the notebook\n"
    );
    nb.assert_clean();
}
