//! vCard files (`.vcf`: what phones, Google, Apple Contacts, Outlook and Monica export),
//! versions 2.1, 3.0 and 4.0, read into the import's [`Table`]: one row per card, starting at
//! its `BEGIN:VCARD` line.
//!
//! A small parser of our own rather than a crate: the importer reports each bad card at its
//! line, which none of the parsers on crates.io exposes (`calcard` hides its positions and
//! brings a time-zone database and two mail crates; `vcard4` reads 4.0 only; `ical` has no
//! quoted-printable). It follows RFC 6350: lines end in CRLF or LF; a line that starts with
//! a space or a tab continues the one before (the break and that one character removed);
//! parameter values may be double-quoted (and then hold `:` and `;`); in values, `\n` is a
//! line break and `\\`, `\,`, `\;` the character itself; `;` separates the parts of `N`,
//! `ORG` and `ADR`, `,` the items of `CATEGORIES`. vCard 2.1 besides: parameters without a
//! name (`TEL;WORK;VOICE:`), and `ENCODING=QUOTED-PRINTABLE` values, whose soft line breaks
//! (`=` at the end of a line) continue them and whose `=XX` bytes are decoded in their
//! `CHARSET` (UTF-8 unless it says ISO-8859-1 or Windows-1252).

use super::cells::{clean, iso_birthday};
use super::columns::Column;
use super::formats::Format;
use super::table::Table;

/// One content line: `[group.]NAME;PARAM=VALUE:value`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Property {
    /// Upper case, without the group.
    pub(super) name: String,
    /// `(NAME, value)`, the name upper case; a 2.1 parameter without a name is a `TYPE` (or
    /// an `ENCODING`, for `QUOTED-PRINTABLE` and `BASE64`).
    pub(super) params: Vec<(String, String)>,
    /// The value as written (quoted-printable decoded), escapes still in it.
    pub(super) value: String,
}

impl Property {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Marked as preferred: `PREF=1` (4.0) or `TYPE=pref` (3.0, 2.1).
    fn preferred(&self) -> bool {
        self.params.iter().any(|(n, v)| {
            n == "PREF"
                || n == "TYPE" && v.split(',').any(|t| t.trim().eq_ignore_ascii_case("pref"))
        })
    }

    /// The value as text, escapes resolved.
    fn text(&self) -> String {
        unescape(&self.value)
    }
}

/// One `BEGIN:VCARD` … `END:VCARD`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Card {
    /// The line of `BEGIN:VCARD`.
    pub(super) line: u64,
    pub(super) properties: Vec<Property>,
    /// The file ended before `END:VCARD`.
    pub(super) unterminated: bool,
}

impl Card {
    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Property> + 'a {
        self.properties.iter().filter(move |p| p.name == name)
    }

    fn first<'a>(&'a self, name: &'a str) -> Option<&'a Property> {
        self.all(name).next()
    }
}

/// The logical lines of `text` (folding undone), each with the line where it starts.
fn unfold(text: &str) -> Vec<(u64, String)> {
    let mut out: Vec<(u64, String)> = Vec::new();
    // Whether the line being built is quoted-printable: told once, by its first physical
    // line (where a name and its parameters are), so a line folded a hundred thousand times
    // is not searched again after each fold.
    let mut quoted_printable = false;
    // It is, and ended in a soft break (`=`): the next line continues it.
    let mut soft_break = false;
    for (n, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let number = n as u64 + 1;
        // A writer that ends a value in a soft break right before the next property (seen in
        // phones' 2.1 exports) would glue that property into the value: the break ends it.
        if soft_break && starts_property(line) {
            if let Some((_, last)) = out.last_mut() {
                last.pop();
            }
            soft_break = false;
        }
        match out.last_mut() {
            Some((_, last)) if soft_break => {
                last.pop();
                last.push_str(line);
            }
            Some((_, last)) if line.starts_with([' ', '\t']) => last.push_str(&line[1..]),
            _ if line.trim().is_empty() => {}
            _ => {
                quoted_printable = is_quoted_printable(line);
                out.push((number, line.to_owned()));
            }
        }
        soft_break = quoted_printable && out.last().is_some_and(|(_, l)| l.ends_with('='));
    }
    out
}

/// Whether `line` opens a property of its own (`TEL;CELL:…`, `X-ABLabel:…`, `END:VCARD`):
/// the name of one that cards carry, in capitals as writers put them, then `;` or `:`. A
/// quoted-printable line continued by a soft break rarely starts so.
fn starts_property(line: &str) -> bool {
    const NAMES: &[&str] = &[
        "ADR",
        "AGENT",
        "BDAY",
        "BEGIN",
        "CATEGORIES",
        "CLASS",
        "EMAIL",
        "END",
        "FN",
        "GENDER",
        "GEO",
        "IMPP",
        "KEY",
        "KIND",
        "LABEL",
        "LANG",
        "LOGO",
        "MAILER",
        "N",
        "NICKNAME",
        "NOTE",
        "ORG",
        "PHOTO",
        "PRODID",
        "REV",
        "ROLE",
        "SOUND",
        "SOURCE",
        "TEL",
        "TITLE",
        "TZ",
        "UID",
        "URL",
        "VERSION",
    ];
    let Some(end) = line.find([';', ':']) else {
        return false;
    };
    let name = &line[..end];
    let name = name.rsplit('.').next().unwrap_or(name);
    NAMES.contains(&name)
        || name.starts_with("X-")
            && name[2..]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Whether a content line's parameters say `QUOTED-PRINTABLE`.
fn is_quoted_printable(line: &str) -> bool {
    let head = &line[..colon(line).unwrap_or(0)];
    head.to_ascii_uppercase().contains("QUOTED-PRINTABLE")
}

/// The byte offset of the colon that ends the name and parameters (one inside a quoted
/// parameter value does not).
fn colon(line: &str) -> Option<usize> {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ':' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

/// Splits at `sep` outside double quotes.
fn split_unquoted(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut quoted, mut start) = (false, 0);
    for (i, c) in text.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if c == sep && !quoted {
            parts.push(&text[start..i]);
            start = i + c.len_utf8();
        }
    }
    parts.push(&text[start..]);
    parts
}

/// One logical line as a property; `None` for a line that is none (no colon: a 2.1
/// base64 continuation, or junk).
fn property(line: &str) -> Option<Property> {
    let at = colon(line)?;
    let (head, value) = (&line[..at], &line[at + 1..]);
    let mut parts = split_unquoted(head, ';').into_iter();
    let name = parts.next()?.trim();
    let name = name.rsplit('.').next().unwrap_or(name).to_ascii_uppercase();
    let params: Vec<(String, String)> = parts
        .filter(|p| !p.trim().is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.trim().to_ascii_uppercase(), v.trim().replace('"', "")),
            None => {
                let v = p.trim().replace('"', "");
                let upper = v.to_ascii_uppercase();
                let key = if ["QUOTED-PRINTABLE", "BASE64", "8BIT", "B"].contains(&upper.as_str()) {
                    "ENCODING"
                } else {
                    "TYPE"
                };
                (key.to_owned(), v)
            }
        })
        .collect();
    let mut p = Property {
        name,
        params,
        value: value.to_owned(),
    };
    if p.param("ENCODING")
        .is_some_and(|e| e.eq_ignore_ascii_case("QUOTED-PRINTABLE"))
    {
        let latin1 = p.param("CHARSET").is_some_and(|c| {
            let c = c.to_ascii_uppercase();
            c == "ISO-8859-1" || c == "WINDOWS-1252" || c == "LATIN1"
        });
        p.value = quoted_printable(&p.value, latin1);
    }
    Some(p)
}

/// `=C3=A9` → `é`; `latin1`: each byte is its own character.
fn quoted_printable(text: &str, latin1: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'='
            && let (Some(Some(h)), Some(Some(l))) = (
                bytes.get(i + 1).map(|b| hex(*b)),
                bytes.get(i + 2).map(|b| hex(*b)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    if latin1 {
        out.iter().map(|b| char::from(*b)).collect()
    } else {
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// RFC 6350 §3.4: `\n` (or `\N`) is a line break, `\\`, `\,`, `\;` (and `\:`, which some
/// writers use) the character itself; any other backslash stays.
pub(super) fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(c @ ('\\' | ',' | ';' | ':')) => out.push(c),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Splits a value at `sep` not escaped by a backslash, then resolves the escapes of each part.
fn components(value: &str, sep: char) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            current.push(c);
            if let Some(next) = chars.next() {
                current.push(next);
            }
        } else if c == sep {
            parts.push(unescape(&current));
            current.clear();
        } else {
            current.push(c);
        }
    }
    parts.push(unescape(&current));
    parts
}

/// Every card of `text`, in order.
pub(super) fn cards(text: &str) -> Vec<Card> {
    let mut cards = Vec::new();
    let mut current: Option<Card> = None;
    // vCard 2.1's AGENT may hold a whole card: its lines are not the outer card's.
    let mut depth = 0usize;
    for (line, logical) in unfold(text) {
        let Some(p) = property(&logical) else {
            continue;
        };
        let is_vcard = p.value.trim().eq_ignore_ascii_case("VCARD");
        match p.name.as_str() {
            "BEGIN" if is_vcard => {
                if current.is_none() {
                    current = Some(Card {
                        line,
                        ..Card::default()
                    });
                } else {
                    depth += 1;
                }
            }
            "END" if is_vcard => {
                if depth > 0 {
                    depth -= 1;
                } else if let Some(card) = current.take() {
                    cards.push(card);
                }
            }
            _ => {
                if let Some(card) = current.as_mut().filter(|_| depth == 0) {
                    card.properties.push(p);
                }
            }
        }
    }
    if let Some(mut card) = current {
        card.unterminated = true;
        cards.push(card);
    }
    cards
}

/// The columns of the table a vCard file becomes: its header (a property name) and meaning.
const COLUMNS: &[(&str, Option<Column>)] = &[
    ("FN", Some(Column::Key("name"))),
    ("N (given)", Some(Column::FirstName)),
    ("N (additional)", Some(Column::MiddleName)),
    ("N (family)", Some(Column::LastName)),
    ("ORG", Some(Column::Key("company"))),
    ("TITLE", Some(Column::Key("title"))),
    ("EMAIL", Some(Column::Key("email"))),
    ("TEL", Some(Column::Key("phone"))),
    ("URL", Some(Column::Url)),
    ("BDAY", Some(Column::Key("birthday"))),
    ("ADR", Some(Column::Key("location"))),
    ("CATEGORIES", Some(Column::Key("tags"))),
    ("NOTE", Some(Column::Notes)),
    // Kept in the body, as a spreadsheet's unknown columns are.
    ("ORG (unit)", None),
    ("NICKNAME", Some(Column::Key("aliases"))),
    ("ROLE", None),
    ("EMAIL (more)", None),
    ("TEL (more)", None),
];

/// A vCard file as a table.
pub(super) fn table(text: &str) -> Table {
    let mut table = Table {
        format: Format::Vcard,
        headers: COLUMNS.iter().map(|(h, _)| (*h).to_owned()).collect(),
        columns: COLUMNS.iter().map(|(_, c)| *c).collect(),
        ..Table::default()
    };
    for card in cards(text) {
        if let Some(kind) = not_a_person(&card) {
            table.notes.push((
                card.line,
                format!("a card of {kind}, not of a person: skipped"),
            ));
            continue;
        }
        if card.unterminated {
            table.notes.push((
                card.line,
                "this card has no END:VCARD (the file may be cut short): read to the end of the file"
                    .to_owned(),
            ));
        }
        table.rows.push((card.line, row(&card)));
    }
    table
}

/// What a card is when it is no person's: vCard 4.0's `KIND:org` (or `group`, `location`),
/// Apple's `X-ABSHOWAS:COMPANY`.
fn not_a_person(card: &Card) -> Option<String> {
    if let Some(kind) = card.first("KIND").map(|p| p.text().trim().to_lowercase())
        && ["org", "group", "location"].contains(&kind.as_str())
    {
        return Some(format!("KIND:{kind}"));
    }
    card.first("X-ABSHOWAS")
        .filter(|p| p.text().trim().eq_ignore_ascii_case("COMPANY"))
        .map(|_| "a company (X-ABShowAs:COMPANY)".to_owned())
}

/// One card's cells, in the order of [`COLUMNS`].
fn row(card: &Card) -> Vec<String> {
    let text = |name: &str| card.first(name).map(Property::text).unwrap_or_default();
    let n = card
        .first("N")
        .map(|p| components(&p.value, ';'))
        .unwrap_or_default();
    let n_part = |i: usize| {
        n.get(i)
            .map(|s| s.split(',').map(str::trim).collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    };
    let org = card
        .first("ORG")
        .map(|p| components(&p.value, ';'))
        .unwrap_or_default();
    let (email, more_email) = preferred_first(card, "EMAIL", "mailto:");
    let (tel, more_tel) = preferred_first(card, "TEL", "tel:");
    let urls: Vec<String> = card
        .properties
        .iter()
        .filter(|p| p.name == "URL" || p.name == "X-SOCIALPROFILE")
        .map(Property::text)
        .filter(|u| !u.trim().is_empty())
        .collect();
    let location = card
        .first("ADR")
        .map(|p| {
            let parts = components(&p.value, ';');
            // Locality, region, country.
            [3, 4, 6]
                .iter()
                .filter_map(|i| parts.get(*i).map(|s| s.trim().to_owned()))
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    let categories = card
        .all("CATEGORIES")
        .flat_map(|p| components(&p.value, ','))
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let notes = card
        .all("NOTE")
        .map(Property::text)
        .collect::<Vec<_>>()
        .join("\n\n");
    let birthday = card.first("BDAY").map(|p| {
        let year_omitted = p.param("X-APPLE-OMIT-YEAR").map(str::to_owned);
        iso_birthday(&p.text(), year_omitted.as_deref())
    });
    let cells = [
        text("FN"),
        n_part(1),
        n_part(2),
        n_part(0),
        org.first().cloned().unwrap_or_default(),
        text("TITLE"),
        email,
        tel,
        urls.join("\n"),
        birthday.unwrap_or_default(),
        location,
        categories,
        notes,
        org.get(1..).unwrap_or_default().join(", "),
        card.all("NICKNAME")
            .flat_map(|p| components(&p.value, ','))
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        text("ROLE"),
        more_email,
        more_tel,
    ];
    cells.iter().map(|c| clean(c).to_owned()).collect()
}

/// The preferred value of a property that may repeat (else the first), and the others
/// joined with `; `; `scheme` (`mailto:`, `tel:`) taken off.
fn preferred_first(card: &Card, name: &str, scheme: &str) -> (String, String) {
    let mut props: Vec<&Property> = card.all(name).collect();
    // A stable sort: the preferred first, the rest as written.
    props.sort_by_key(|p| !p.preferred());
    let mut values = props.iter().map(|p| {
        let v = p.text();
        let v = v.trim();
        v.get(..scheme.len())
            .filter(|s| s.eq_ignore_ascii_case(scheme))
            .map_or(v, |_| &v[scheme.len()..])
            .to_owned()
    });
    let first = values.next().unwrap_or_default();
    (first, values.collect::<Vec<_>>().join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_and_escapes_follow_rfc_6350() {
        let text = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann\r\n  Lee\r\nNOTE:one\\ntwo\\, three\\; four\\\\\r\n\tand more\r\nEND:VCARD\r\n";
        let cards = cards(text);
        assert_eq!(cards.len(), 1);
        assert_eq!(cards[0].line, 1);
        assert_eq!(cards[0].first("FN").unwrap().text(), "Ann Lee");
        assert_eq!(
            cards[0].first("NOTE").unwrap().text(),
            "one\ntwo, three; four\\and more"
        );
    }

    #[test]
    fn structured_values_split_at_unescaped_semicolons() {
        assert_eq!(
            components("Doe;Jane;;Dr.;", ';'),
            ["Doe", "Jane", "", "Dr.", ""]
        );
        assert_eq!(components("A\\;B;C", ';'), ["A;B", "C"]);
        assert_eq!(components("rust,c\\,sharp", ','), ["rust", "c,sharp"]);
    }

    #[test]
    fn parameters_may_be_quoted_or_bare() {
        let p = property("item1.TEL;TYPE=\"work,voice\";PREF=1:tel:+1-555-0100").unwrap();
        assert_eq!(p.name, "TEL");
        assert_eq!(p.param("TYPE"), Some("work,voice"));
        assert!(p.preferred());
        assert_eq!(p.value, "tel:+1-555-0100");
        let p = property("TEL;WORK;VOICE:555").unwrap();
        assert_eq!(
            p.params,
            [
                ("TYPE".into(), "WORK".into()),
                ("TYPE".into(), "VOICE".into())
            ]
        );
        let p = property("X-A;LABEL=\"a:b;c\":v").unwrap();
        assert_eq!((p.name.as_str(), p.value.as_str()), ("X-A", "v"));
        assert!(property("no colon here").is_none());
        assert!(property("").is_none());
    }

    #[test]
    fn a_soft_break_before_the_next_property_ends_the_value() {
        let text = "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Jovan Petrovi=C4=87=\r\nTEL;CELL:0995552188\r\nNOTE;ENCODING=QUOTED-PRINTABLE:two=\r\n lines=\r\nand more\r\nEND:VCARD\r\n";
        let cards = cards(text);
        let card = &cards[0];
        assert_eq!(card.first("FN").unwrap().text(), "Jovan Petrović");
        assert_eq!(card.first("TEL").unwrap().text(), "0995552188");
        assert_eq!(card.first("NOTE").unwrap().text(), "two linesand more");
    }

    #[test]
    fn quoted_printable_of_vcard_2_1() {
        let text = "BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=81lvarez;Jos=C3=A9\nNOTE;QUOTED-PRINTABLE:first line=0D=0A=\nsecond =3D line\nORG;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:Caf=E9\nEND:VCARD\n";
        let cards = cards(text);
        let card = &cards[0];
        assert_eq!(
            components(&card.first("N").unwrap().value, ';'),
            ["Álvarez", "José"]
        );
        assert_eq!(
            card.first("NOTE").unwrap().text(),
            "first line\r\nsecond = line"
        );
        assert_eq!(card.first("ORG").unwrap().text(), "Café");
    }

    #[test]
    fn cards_without_end_nested_agents_and_junk() {
        let text = "junk before\nBEGIN:VCARD\nFN:Outer\nAGENT:BEGIN:VCARD\nBEGIN:VCARD\nFN:Inner\nEND:VCARD\nEMAIL:o@example.com\nEND:VCARD\n\nBEGIN:VCARD\nFN:Cut";
        let cards = cards(text);
        assert_eq!(cards.len(), 2);
        assert_eq!(cards[0].first("FN").unwrap().text(), "Outer");
        assert_eq!(cards[0].all("FN").count(), 1);
        assert_eq!(cards[1].line, 11);
        assert!(cards[1].unterminated);
        for garbage in [
            "",
            "\0\u{1}\u{fffd}",
            ":",
            "BEGIN:VCARD",
            &"A".repeat(1 << 20),
        ] {
            let _ = table(garbage);
        }
    }

    #[test]
    fn cards_of_organisations_are_no_rows() {
        let t = table(
            "BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Acme\nEND:VCARD\n\
             BEGIN:VCARD\nVERSION:3.0\nFN:Shop\nX-ABShowAs:COMPANY\nEND:VCARD\n\
             BEGIN:VCARD\nVERSION:4.0\nKIND:individual\nFN:Ann\nEND:VCARD\n",
        );
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].0, 11);
        assert_eq!(
            t.notes,
            [
                (1, "a card of KIND:org, not of a person: skipped".to_owned()),
                (
                    6,
                    "a card of a company (X-ABShowAs:COMPANY), not of a person: skipped".to_owned()
                )
            ]
        );
    }

    /// Random edits of a card with every construct (folding, quoting, quoted-printable,
    /// escapes, nesting): the parser never panics, and every row has one cell per column.
    #[test]
    fn mutated_cards_never_panic() {
        let seed_text = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:=C3=81l;Jo=\r\nse\r\nFN:Ann\r\n  Lee\r\nX-A;P=\"a:b;c\":v\\,w\\n\r\nAGENT:\r\nBEGIN:VCARD\r\nEND:VCARD\r\nBDAY:--0415\r\nEMAIL;PREF:a@b.c\r\nEND:VCARD\r\n";
        let pieces = [
            "=",
            ":",
            ";",
            "\\",
            "\"",
            "\r\n",
            "\n ",
            "=C3",
            "BEGIN:VCARD\n",
            "END:VCARD\n",
            "é",
            "--",
        ];
        let mut rng = crate::rng::Rng::new(0x7663_6172_6473);
        let mut next = move || rng.next();
        for _ in 0..2000 {
            let mut text = seed_text.to_owned();
            for _ in 0..=(next() % 6) {
                let mut at = (next() as usize) % (text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                match next() % 3 {
                    0 => text.insert_str(at, pieces[(next() as usize) % pieces.len()]),
                    1 => {
                        let mut end = (at + (next() as usize) % 8).min(text.len());
                        while !text.is_char_boundary(end) {
                            end -= 1;
                        }
                        text.replace_range(at..end, "");
                    }
                    _ => text.truncate(at),
                }
            }
            let t = table(&text);
            for (_, row) in &t.rows {
                assert_eq!(row.len(), COLUMNS.len(), "{text:?}");
            }
        }
    }

    #[test]
    fn a_card_becomes_a_row() {
        let text = "BEGIN:VCARD\nVERSION:3.0\nN:Doe;Jane;Q.;;\nORG:Acme;Platform\nEMAIL;TYPE=work:jane@acme.example\nEMAIL;TYPE=home,pref:jane@home.example\nURL:https://www.linkedin.com/in/jane\nBDAY:--0415\nADR;TYPE=work:;;1 Main St;Springfield;IL;62701;USA\nEND:VCARD\n";
        let t = table(text);
        let row = &t.rows[0].1;
        let cell = |h: &str| row[t.headers.iter().position(|x| x == h).unwrap()].as_str();
        assert_eq!(cell("N (given)"), "Jane");
        assert_eq!(cell("N (additional)"), "Q.");
        assert_eq!(cell("N (family)"), "Doe");
        assert_eq!(cell("ORG"), "Acme");
        assert_eq!(cell("ORG (unit)"), "Platform");
        assert_eq!(cell("EMAIL"), "jane@home.example");
        assert_eq!(cell("EMAIL (more)"), "jane@acme.example");
        assert_eq!(cell("BDAY"), "04-15");
        assert_eq!(cell("ADR"), "Springfield, IL, USA");
    }
}
