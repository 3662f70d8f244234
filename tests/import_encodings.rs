//! Files that are not UTF-8 (issue 24, item 5): a European Excel export in Windows-1252 with
//! `;` and `16.09.2021`, a UTF-16 file with its byte-order mark (Excel's "Unicode Text"),
//! and `--encoding` where the guess would be wrong. Each is written here from UTF-8 text,
//! so the fixture reads in the project's own words.

use crate::support::Notebook;

/// `text` as Windows-1252 bytes, CRLF line ends, as Excel saves "CSV" in Europe.
fn windows_1252(text: &str) -> Vec<u8> {
    let crlf = text.replace('\n', "\r\n");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&crlf);
    assert!(!unmappable, "the fixture holds only Windows-1252 letters");
    bytes.into_owned()
}

#[test]
fn a_european_excel_export_in_windows_1252() {
    let nb = Notebook::new().bytes(
        "kontakte.csv",
        &windows_1252(
            "Name;Company;Title;Email;Date reached out;Response;Notes\n\
             José Müller;Café Zürich GmbH;Entwickler;jose@cafe-zuerich.example;16.09.2021;18.09.2021;Mag Espresso – fragt nach „Berlin“\n\
             Siobhán O’Brien;Brûlerie Évian;Engineering Manager;siobhan@brulerie.example;03.10.2021;;Kostet 5 € pro Kaffee\n",
        ),
    );
    let out = nb.run_here(["import", "csv", "kontakte.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "kontakte.csv: note: not UTF-8: read as windows-1252, guessed from its letters; check the accented letters of the names, or name the encoding with --encoding\n"
    );
    let records = nb.records();
    assert_eq!(
        records["contacts/jose-muller.md"],
        "---\nname: José Müller\ncompany: cafe-zurich-gmbh\ntitle: Entwickler\n\
         email: jose@cafe-zuerich.example\nreached_out: 2021-09-16\nreplied: 2021-09-18\n---\n\
         Mag Espresso – fragt nach „Berlin“\n"
    );
    assert_eq!(
        records["contacts/siobhan-o-brien.md"],
        "---\nname: Siobhán O’Brien\ncompany: brulerie-evian\ntitle: Engineering Manager\n\
         role: manager\nemail: siobhan@brulerie.example\nreached_out: 2021-10-03\n---\n\
         Kostet 5 € pro Kaffee\n"
    );
    assert_eq!(
        records["companies/cafe-zurich-gmbh.md"],
        "---\nname: Café Zürich GmbH\n---\n"
    );
    assert_eq!(
        records["companies/brulerie-evian.md"],
        "---\nname: Brûlerie Évian\n---\n"
    );
    nb.assert_clean();
}

#[test]
fn utf_16_with_a_byte_order_mark_is_read() {
    // Excel's "Unicode Text": UTF-16LE with its mark, tab-separated.
    let text = "Name\tCompany\tTitle\nÅsa Lindqvist\tNordljus AB\tRecruiter\n";
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let nb = Notebook::new().bytes("people.txt", &bytes);
    let out = nb.run_here(["import", "csv", "people.txt"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "people.txt: note: read as UTF-16LE (its byte-order mark says so)\n"
    );
    assert_eq!(
        nb.records()["contacts/asa-lindqvist.md"],
        "---\nname: Åsa Lindqvist\ncompany: nordljus-ab\ntitle: Recruiter\nrole: recruiter\n---\n"
    );
}

#[test]
fn encoding_names_the_code_page_when_the_guess_is_wrong() {
    // ISO-8859-15 has the euro sign at A4, where Windows-1252 has the currency sign.
    let nb = Notebook::new().bytes("people.csv", b"Name,Notes\nJos\xe9 Ortiz,Owes me 5 \xa4\n");
    let out = nb.run_here(["import", "csv", "people.csv", "--encoding", "iso-8859-15"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "people.csv: note: read as ISO-8859-15 (--encoding)\n"
    );
    assert_eq!(
        nb.records()["contacts/jose-ortiz.md"],
        "---\nname: José Ortiz\n---\nOwes me 5 €\n"
    );
}

#[test]
fn a_linkedin_export_saved_again_by_a_european_excel() {
    let nb = Notebook::new().bytes(
        "Connections.csv",
        &windows_1252(
            "First Name;Last Name;URL;Email Address;Company;Position;Connected On\n\
             Zoë;Ødegård;https://www.linkedin.com/in/zoe-odegard;;Fjord Analytics;Data Scientist;16.09.2021\n",
        ),
    );
    let out = nb.run_here(["import", "linkedin", "Connections.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        nb.records()["contacts/zoe-odegard.md"],
        "---\nname: Zoë Ødegård\ncompany: fjord-analytics\ntitle: Data Scientist\nrole: developer\n\
         source: LinkedIn (connected 2021-09-16)\nlinkedin: https://www.linkedin.com/in/zoe-odegard\n---\n"
    );
}
