//! Address books of other programs (issue 24, item 4): Outlook's contacts CSV (desktop,
//! outlook.com) and LinkedIn's `Contacts.csv`, each field asserted where it lands, the
//! honorific kept apart from the job title, and nothing dropped without a line in the plan.

use crate::support::Notebook;

/// Outlook for the desktop's header (the columns before `Notes` as it writes them; the
/// ones after are cut, as they are empty in every row here).
const DESKTOP: &str = "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,\
Business Street,Business City,Business Phone,Home Phone,Mobile Phone,Birthday,Categories,\
E-mail Address,E-mail Type,E-mail Display Name,E-mail 2 Address,Notes,Web Page\r\n";

#[test]
fn outlook_desktop_keeps_the_honorific_apart_from_the_job_title() {
    let nb = Notebook::new().file(
        "outlook.csv",
        &format!(
            "{DESKTOP}\
             Dr.,Ana,M.,Ruiz,,Globex,Platform,Staff Engineer,1 Main St,Lisbon,+351 21 000 0000,,\
             +351 91 000 0000,3/14/1990,Rust; Mentors,ana@globex.example,SMTP,Ana Ruiz (ana@globex.example),\
             ana@home.example,Met at RustConf,www.anaruiz.example\r\n\
             Mr.,Ben,,Osei,Jr.,,,,,,,,,0/0/00,,ben@example.com,SMTP,Ben Osei,,,\r\n"
        ),
    );
    let out = nb.run_here(["import", "csv", "outlook.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "outlook.csv: note: read as an Outlook export: `Job Title` is the title; `Title` is the \
         honorific (Mr., Dr.) and is left out\n\
         outlook.csv: note: columns kept in each body as `- Column: value` lines: Suffix, \
         Department, Business Street, Business Phone, E-mail 2 Address\n  \
         help: map one to a key with --map \"Suffix=KEY\", or drop it with --map \"Suffix=-\"\n"
    );
    let records = nb.records();
    assert_eq!(
        records["contacts/ana-m-ruiz.md"],
        "---\nname: Ana M. Ruiz\ncompany: globex\ntitle: Staff Engineer\nrole: developer\n\
         email: ana@globex.example\nphone: \"+351 91 000 0000\"\nwebsite: https://www.anaruiz.example\n\
         location: Lisbon\ntags: [Rust, Mentors]\nbirthday: 1990-03-14\n---\n\
         Met at RustConf\n\n\
         - Department: Platform\n\
         - Business Street: 1 Main St\n\
         - Business Phone: +351 21 000 0000\n\
         - E-mail 2 Address: ana@home.example\n"
    );
    // `0/0/00` is Outlook's "no birthday"; the suffix is kept.
    assert_eq!(
        records["contacts/ben-osei.md"],
        "---\nname: Ben Osei\nemail: ben@example.com\n---\n- Suffix: Jr.\n"
    );
    nb.assert_clean();
}

#[test]
fn outlook_com_header_reads_the_same() {
    let nb = Notebook::new().file(
        "contacts.csv",
        "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,\
         E-mail Address,E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,Business Phone,\
         Business Phone 2,Mobile Phone,Job Title,Department,Company,Office Location,\
         Business City,Personal Web Page,Location,Web Page,Birthday,Notes\n\
         Carla,,Mendes,Ms.,,Carlinha,,,carla@initech.example,,,,,,,+1 555 0100,\
         Engineering Manager,,Initech,,Austin,,,,,Hiring in Q1\n",
    );
    let out = nb.run_here(["import", "csv", "contacts.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        nb.records()["contacts/carla-mendes.md"],
        "---\nname: Carla Mendes\ncompany: initech\ntitle: Engineering Manager\n\
         role: manager\nemail: carla@initech.example\nphone: \"+1 555 0100\"\n\
         location: Austin\naliases: [Carlinha]\n---\nHiring in Q1\n"
    );
    nb.assert_clean();
    // Given to the LinkedIn importer, it is named for what it is.
    let wrong = nb.run_here(["import", "linkedin", "contacts.csv"]);
    assert_eq!(wrong.code, 2);
    assert!(
        wrong.stderr.contains("an Outlook contacts export")
            && wrong.stderr.contains("ties import csv contacts.csv"),
        "{}",
        wrong.stderr
    );
}

#[test]
fn linkedin_address_book_takes_the_first_of_several_values() {
    let nb = Notebook::new().file(
        "Contacts.csv",
        "Source,FirstName,LastName,Companies,Title,Emails,PhoneNumbers,CreatedAt,Addresses,\
         Sites,InstantMessageHandles,FullName,Birthday,Location,BookmarkedAt,Profiles\n\
         GOOGLE_CONTACTS,Dana,Kim,Hooli,Recruiter,\"dana@hooli.example,dana@home.example\",\
         +1 555 0199,10/2/22 9:14 AM,,https://danakim.example,,Dana Kim,,Seattle,,\
         https://www.linkedin.com/in/danakim\n\
         GOOGLE_CONTACTS,,,,,lee@example.com,,10/2/22 9:14 AM,,,,,,,,\n\
         GOOGLE_CONTACTS,,,,,mo@example.com,,10/2/22 9:14 AM,,,,,,,,\n",
    );
    let out = nb.run_here(["import", "linkedin", "Contacts.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "Contacts.csv: note: read as LinkedIn's address book (Contacts.csv); Source, CreatedAt \
         and BookmarkedAt are about the upload and left out\n\
         Contacts.csv: note: 2 row(s) without a name skipped, at line(s) 3, 4: the address book \
         holds people you know only by an email address; add them with `ties new contact`\n\
         Contacts.csv: note: columns kept in each body as `- Column: value` lines: Other values\n  \
         help: map one to a key with --map \"Other values=KEY\", or drop it with --map \"Other values=-\"\n"
    );
    assert_eq!(
        nb.records()["contacts/dana-kim.md"],
        "---\nname: Dana Kim\ncompany: hooli\ntitle: Recruiter\nrole: recruiter\n\
         email: dana@hooli.example\nlinkedin: https://www.linkedin.com/in/danakim\n\
         phone: \"+1 555 0199\"\nwebsite: https://danakim.example\nlocation: Seattle\n---\n\
         - Other values: dana@home.example\n"
    );
    nb.assert_clean();
    // `import csv` knows it too.
    let again = nb.run_here(["import", "csv", "Contacts.csv"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stdout.contains("1 person already in the notebook"),
        "{}",
        again.stdout
    );
}
