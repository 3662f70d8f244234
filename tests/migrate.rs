//! Vaults as people keep them (issue 23): each class of what real Obsidian vaults hold that
//! `ties` once refused, tested at its boundary on a minimal notebook, and the fixture vaults
//! `tests/fixtures/vault-*` of each class checked with no error.

use serde_json::Value;

use crate::support::{self, Notebook};

/// "CODE message help" of each diagnostic of `check --format json`, in order.
fn found(nb: &Notebook) -> Vec<String> {
    nb.json_diagnostics()
        .iter()
        .map(|d| {
            let text = format!(
                "{} {} {}",
                d["code"].as_str().unwrap_or_default(),
                support::message(d),
                d["help"].as_str().unwrap_or("")
            );
            text.trim_end().to_owned()
        })
        .collect()
}

/// A vault with people in `People/` and companies in `Companies/`, titles as ids.
fn vault(extra: &str) -> Notebook {
    Notebook::new().file(
        "ties.yaml",
        &format!("folders: {{ contacts: People, companies: Companies, chats: Meetings }}\nids: title\n{extra}"),
    )
}

#[test]
fn a_list_of_one_item_is_the_value_and_two_items_are_still_an_error() {
    let nb = vault("")
        .file("Companies/Acme.md", "---\n---\n")
        .file(
            "People/Jane Roe.md",
            "---\nEmail:\n  - jane@example.com\nCompany:\n  - \"[[Acme]]\"\nLast Contact: [2026-11-02]\nTags: []\n---\n",
        );
    assert_eq!(found(&nb), Vec::<String>::new());
    let list = nb.run(["list", "contacts", "--company", "Acme", "--format", "json"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    let rows: Value = serde_json::from_str(&list.stdout).unwrap();
    assert_eq!(rows[0]["id"], "Jane Roe", "{rows}");
    assert_eq!(rows[0]["last"], "2026-11-02", "{rows}");
    let two = vault("").file(
        "People/Jane Roe.md",
        "---\nEmail:\n  - jane@example.com\n  - jane@home.example\n---\n",
    );
    assert_eq!(
        found(&two),
        ["T102 `Email` should be a single value, found a list"]
    );
    // An empty list is no value: a required key is then missing.
    let empty = Notebook::new().file("contacts/ada.md", "---\nname: []\n---\n");
    assert_eq!(
        found(&empty),
        [
            "T101 contact is missing the required key `name` add a line like `name: Jane Doe` to the front matter"
        ]
    );
}
