//! Rows the importers used to get wrong (issue 24, item 6): the same name at another company
//! in an export without profiles, LinkedIn's header without spaces, rows without a name (one
//! note in every importer, exit 0), a vCard 2.1 soft break before the next property, and
//! `HR` read as human resources only where it means them.

use crate::support::Notebook;

#[test]
fn without_profiles_the_same_name_at_another_company_is_another_person() {
    // An export of 2019: no URL column, so only the company tells the two Ana Ruiz apart.
    let nb = Notebook::new().file(
        "Connections.csv",
        "First Name,Last Name,Email Address,Company,Position,Connected On\n\
         Ana,Ruiz,,Acme,Engineer,12 Nov 2019\n\
         Ana,Ruiz,,Globex,Designer,3 Dec 2019\n\
         Ana,Ruiz,,Acme,Engineer,4 Dec 2019\n",
    );
    let out = nb.run_here(["import", "linkedin", "Connections.csv"]);
    assert_eq!(
        out.stderr,
        "Connections.csv:4: error: duplicate of line 2, Ana Ruiz (row skipped)\n"
    );
    assert_eq!(out.code, 1);
    let records = nb.records();
    assert_eq!(
        records["contacts/ana-ruiz.md"],
        "---\nname: Ana Ruiz\ncompany: acme\ntitle: Engineer\nrole: developer\n\
         source: LinkedIn (connected 2019-11-12)\n---\n"
    );
    assert_eq!(
        records["contacts/ana-ruiz-2.md"],
        "---\nname: Ana Ruiz\ncompany: globex\ntitle: Designer\n\
         source: LinkedIn (connected 2019-12-03)\n---\n"
    );
    nb.assert_clean();
    // A later export: both are recognised, neither is added again, though only the
    // company tells them apart (the file `ana-ruiz` is the one at Acme).
    nb.write(
        "Connections.csv",
        "First Name,Last Name,Email Address,Company,Position,Connected On\n\
         Ana,Ruiz,,Globex,Designer,3 Dec 2019\n\
         Ana,Ruiz,,Acme,Engineer,12 Nov 2019\n",
    );
    let again = nb.run_here(["import", "linkedin", "Connections.csv"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(
        again.stdout,
        "created 0 contacts and 0 companies; 2 people already in the notebook\n"
    );
}

#[test]
fn a_linkedin_header_without_spaces_is_read() {
    let nb = Notebook::new().file(
        "Connections.csv",
        "FirstName,LastName,EmailAddress,Company,Position,ConnectedOn\n\
         Ben,Osei,ben@example.com,Initech,Staff Engineer,08 Feb 2026\n",
    );
    let out = nb.run_here(["import", "linkedin", "Connections.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    assert_eq!(
        nb.records()["contacts/ben-osei.md"],
        "---\nname: Ben Osei\ncompany: initech\ntitle: Staff Engineer\nrole: developer\n\
         source: LinkedIn (connected 2026-02-08)\nemail: ben@example.com\n---\n"
    );
}

#[test]
fn rows_without_a_name_are_one_note_in_every_importer() {
    let nb = Notebook::new()
        .file(
            "tracker.csv",
            "Name,Email\nAna Ruiz,ana@example.com\n,bob@example.com\n,carl@example.com\n",
        )
        .file(
            "book.vcf",
            "BEGIN:VCARD\nVERSION:3.0\nEMAIL:dee@example.com\nEND:VCARD\n\
             BEGIN:VCARD\nVERSION:3.0\nFN:Eve Adams\nEND:VCARD\n",
        )
        .file(
            "Connections.csv",
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
             ,,,,,,18 Aug 2025\nFay,Wu,https://www.linkedin.com/in/fay-wu,,,,18 Aug 2025\n",
        );
    for (kind, file, note) in [
        (
            "csv",
            "tracker.csv",
            "tracker.csv: note: 2 row(s) without a name skipped, at line(s) 3, 4: give them a name to import them\n",
        ),
        (
            "vcard",
            "book.vcf",
            "book.vcf: note: 1 card(s) without a name (neither FN nor N) skipped, at line(s) 1\n",
        ),
        (
            "linkedin",
            "Connections.csv",
            "Connections.csv: note: 1 row(s) without a name skipped, from line 2: LinkedIn leaves the connections of closed or hidden accounts empty but for the date\n",
        ),
    ] {
        let out = nb.run_here(["import", kind, file]);
        assert_eq!(out.code, 0, "{kind}: {}", out.stderr);
        assert_eq!(out.stderr, note, "{kind}");
    }
    let records = nb.records();
    for person in ["ana-ruiz", "eve-adams", "fay-wu"] {
        assert!(
            records.contains_key(&format!("contacts/{person}.md")),
            "{person}"
        );
    }
}

#[test]
fn a_quoted_printable_name_ending_in_a_soft_break_keeps_the_phone_apart() {
    let nb = Notebook::new().file(
        "phone.vcf",
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Petrovi=C4=87;Jovan=\r\n\
         FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Jovan Petrovi=C4=87=\r\n\
         TEL;CELL:0995552188\r\nEND:VCARD\r\n",
    );
    let out = nb.run_here(["import", "vcard", "phone.vcf"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        nb.records()["contacts/jovan-petrovic.md"],
        "---\nname: Jovan Petrović\nphone: \"0995552188\"\n---\n"
    );
}

#[test]
fn hr_is_human_resources_only_where_it_means_them() {
    let nb = Notebook::new().file(
        "tracker.csv",
        "Name,Title\nAna Ruiz,\"Product Manager, Global HR Technology\"\nBen Osei,HR Business Partner\n",
    );
    let out = nb.run_here(["import", "csv", "tracker.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let records = nb.records();
    assert!(
        records["contacts/ana-ruiz.md"].contains("role: manager\n"),
        "{}",
        records["contacts/ana-ruiz.md"]
    );
    assert!(records["contacts/ben-osei.md"].contains("role: recruiter\n"));
}
