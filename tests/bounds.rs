//! What one file can cost: a note of millions of links keeps only the ones that can be
//! reported, and a body past the size limit is not parsed (issue 10, item 9).

use crate::support::Notebook;

/// The T204 diagnostics of `check --format json`: (line, column, message), in output order.
fn broken_links(nb: &Notebook) -> Vec<(u64, u64, String)> {
    nb.json_diagnostics()
        .iter()
        .filter(|d| d["code"] == "T204")
        .map(|d| {
            (
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[test]
fn repeated_broken_links_show_the_first_hundred_in_order_and_count_the_rest() {
    // 3 distinct targets, `a` exists: 2 broken links a line, 4000 in all.
    let nb = Notebook::new()
        .file("contacts/a.md", "---\nname: A\n---\n")
        .file("notes/many.md", &"[[a]] [[b]] [[c]]\n".repeat(2000));
    let found = broken_links(&nb);
    assert_eq!(found.len(), 101, "{found:?}");
    let positions: Vec<(u64, u64)> = found[..100].iter().map(|(l, c, _)| (*l, *c)).collect();
    let expected: Vec<(u64, u64)> = (1..=50).flat_map(|l| [(l, 7), (l, 13)]).collect();
    assert_eq!(positions, expected);
    assert!(found[0].2.contains("`b`"), "{}", found[0].2);
    assert!(found[1].2.contains("`c`"), "{}", found[1].2);
    let (line, column, more) = &found[100];
    assert_eq!((*line, *column), (51, 7));
    assert!(more.starts_with("… and 3900 more T204"), "{more}");
}

#[test]
fn a_rare_broken_link_after_many_repeated_ones_is_counted() {
    // 150 of `b`, then one `z`: the first 100 are `b`s, and the 51 after them are counted.
    let text = format!("{}[[z]]\n", "[[b]]\n".repeat(150));
    let nb = Notebook::new().file("notes/many.md", &text);
    let found = broken_links(&nb);
    assert_eq!(found.len(), 101);
    assert_eq!((found[99].0, found[99].1), (100, 1));
    assert!(found[100].2.starts_with("… and 51 more T204"), "{found:?}");
}

#[test]
fn few_broken_links_are_all_shown_in_file_order() {
    let nb = Notebook::new().file("notes/few.md", "[[b]] [[c]]\n[[b]] [x](no.md)\n");
    let found = broken_links(&nb);
    let positions: Vec<(u64, u64)> = found.iter().map(|(l, c, _)| (*l, *c)).collect();
    assert_eq!(positions, [(1, 1), (1, 7), (2, 1), (2, 7)]);
}

/// A contact with a bad `role` (3:7) and a body of `body_len` bytes of prose that ends
/// with a broken link.
fn contact_with_body(body_len: usize) -> String {
    let head = "---\nname: Big\nrole: develper\n---\n";
    let link = "Ask [[nobody]].\n";
    let prose = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do.\n";
    let mut body = prose.repeat((body_len - link.len()) / prose.len());
    body.push_str(&"x".repeat(body_len - link.len() - body.len() - 1));
    body.push('\n');
    body.push_str(link);
    assert_eq!(body.len(), body_len);
    format!("{head}{body}")
}

const MAX_BODY: usize = 8 * 1024 * 1024;

#[test]
fn a_body_past_the_limit_is_not_read_and_says_so() {
    let nb = Notebook::new().file("contacts/big.md", &contact_with_body(MAX_BODY + 1));
    let found = nb.json_diagnostics();
    let summary: Vec<(String, u64, u64)> = found
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_owned(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    // The front matter is still checked; the link at the end is not read.
    assert_eq!(
        summary,
        [("T103".to_owned(), 3, 7), ("T007".to_owned(), 5, 1)],
        "{found:?}"
    );
    let t007 = &found[1];
    assert_eq!(t007["severity"], "warning");
    let message = t007["message"].as_str().unwrap_or("");
    assert!(
        message.contains("not read for links and tasks") && message.contains("8 MiB"),
        "{message}"
    );
}

#[test]
fn a_body_at_the_limit_is_read_to_its_last_link() {
    let text = contact_with_body(MAX_BODY);
    let last_line = text.lines().count() as u64;
    let nb = Notebook::new().file("contacts/big.md", &text);
    let codes: Vec<(String, u64)> = nb
        .diagnostics()
        .into_iter()
        .map(|d| (d.code, d.line))
        .collect();
    assert_eq!(
        codes,
        [("T103".to_owned(), 3), ("T204".to_owned(), last_line)]
    );
}
