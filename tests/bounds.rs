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
