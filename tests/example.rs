//! The shipped `example-notebook/`: it must check clean, and a copy of it with a handful of
//! deliberate mistakes must report exactly those mistakes.
//!
//! NOTE: the example notebook's content is not fixed, so the broken-copy test picks the
//! files to break at run time (e.g. "the first contact with a `company:` line") and finds
//! the expected line numbers by searching the modified text, rather than hard-coding them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::{Notebook, TODAY, run, ties};

fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("example-notebook")
}

#[test]
fn example_notebook_checks_clean() {
    let dir = example_dir();
    assert!(
        dir.join("ties.yaml").is_file(),
        "{} is not a notebook (yet?)",
        dir.display()
    );
    let mut cmd = ties();
    cmd.arg("--notebook")
        .arg(&dir)
        .args(["--today", TODAY, "check"])
        .current_dir(&dir);
    let out = run(&mut cmd);
    out.assert_no_crash();
    assert_eq!(out.code, 0, "example notebook has errors:\n{}", out.stdout);
    assert_eq!(
        out.stdout.lines().count(),
        1,
        "expected only the summary:\n{}",
        out.stdout
    );
    let summary = out.last_line();
    assert!(
        summary.starts_with("0 errors, 0 warnings in ") && summary.ends_with(" files"),
        "{summary}"
    );
    let files = markdown_files(&dir).len() + 1;
    assert_eq!(summary, format!("0 errors, 0 warnings in {files} files"));
}

#[test]
fn example_notebook_has_no_warnings_even_when_denied() {
    let dir = example_dir();
    let mut cmd = ties();
    cmd.arg("--notebook").arg(&dir).args([
        "--today",
        TODAY,
        "check",
        "--deny-warnings",
        "--format",
        "json",
    ]);
    let out = run(&mut cmd);
    out.assert_no_crash();
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(out.stdout.trim(), "[]");
}

// ---------------------------------------------------------------------------------------
// A deliberately broken copy

/// Every file under `dir`, by path relative to it (`/`-separated), skipping hidden ones.
fn markdown_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    walk(dir, dir, &mut |rel, _| {
        if rel.to_ascii_lowercase().ends_with(".md") {
            out.push(rel.to_owned());
        }
    });
    out.sort();
    out
}

fn walk(root: &Path, dir: &Path, each: &mut dyn FnMut(&str, &Path)) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read example folder")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(root, &path, each);
        } else {
            let rel = path
                .strip_prefix(root)
                .expect("under root")
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            each(&rel, &path);
        }
    }
}

/// Copies the example notebook into a fresh temp notebook.
fn copy_example() -> Notebook {
    let nb = Notebook::new();
    let src = example_dir();
    walk(&src, &src, &mut |rel, path| {
        let bytes = std::fs::read(path).expect("read example file");
        nb.write(rel, bytes);
    });
    nb
}

/// The copy's text files, editable in memory and written back in one go.
struct Copy {
    nb: Notebook,
    files: BTreeMap<String, String>,
}

impl Copy {
    fn new() -> Self {
        let nb = copy_example();
        let files = markdown_files(nb.path())
            .into_iter()
            .map(|rel| {
                let text = std::fs::read_to_string(nb.path().join(&rel)).expect("read copy");
                (rel, text)
            })
            .collect();
        Self { nb, files }
    }

    fn text(&self, rel: &str) -> &str {
        &self.files[rel]
    }

    /// Replaces the first `from` in `rel` with `to`.
    #[track_caller]
    fn replace(&mut self, rel: &str, from: &str, to: &str) {
        let text = self.files.get_mut(rel).expect("file exists");
        assert!(text.contains(from), "{rel} lacks {from:?}");
        *text = text.replacen(from, to, 1);
        self.nb.write(rel, text.as_bytes());
    }

    fn delete(&mut self, rel: &str) {
        self.files.remove(rel);
        std::fs::remove_file(self.nb.path().join(rel)).expect("delete file");
    }

    fn ids(&self) -> Vec<String> {
        self.files.keys().map(|p| id_of(p).to_owned()).collect()
    }

    /// Records of a kind (by folder), in path order.
    fn records(&self, folder: &str) -> Vec<String> {
        self.files
            .keys()
            .filter(|p| p.starts_with(&format!("{folder}/")))
            .cloned()
            .collect()
    }
}

fn id_of(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name)
}

/// The front matter lines (1-based numbers) of `text`, without the fences.
fn front_matter(text: &str) -> Vec<(u64, &str)> {
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, first)) if first.trim_end() == "---" => {}
        _ => return Vec::new(),
    }
    lines
        .take_while(|(_, l)| l.trim_end() != "---" && l.trim_end() != "...")
        .map(|(i, l)| (i as u64 + 1, l))
        .collect()
}

/// The value of a top-level `key:` line of the front matter, with its line number.
fn field<'a>(text: &'a str, key: &str) -> Option<(u64, &'a str)> {
    front_matter(text).into_iter().find_map(|(n, l)| {
        l.strip_prefix(key)
            .and_then(|rest| rest.strip_prefix(':'))
            .map(|v| (n, v.trim()))
    })
}

/// The 1-based line holding byte `offset`.
fn line_at(text: &str, offset: usize) -> u64 {
    text[..offset].matches('\n').count() as u64 + 1
}

/// An id as a reference writes it: `acme`, `"[[acme]]"`, `[[acme|Acme]]`.
fn reference_id(token: &str) -> &str {
    let t = token.trim().trim_matches(['"', '\'']).trim();
    let t = t
        .strip_prefix("[[")
        .and_then(|t| t.strip_suffix("]]"))
        .unwrap_or(t);
    t.split('|').next().unwrap_or(t).trim()
}

const REFERENCE_KEYS: [&str; 6] = [
    "company",
    "introduced_by",
    "with",
    "event",
    "referrals",
    "met",
];

/// What deleting the record `id` (at `deleted`) breaks: a T201 per front-matter reference
/// and a T204 per body link to it, as (code, path, line).
fn references_to(copy: &Copy, id: &str, deleted: &str) -> Vec<(String, String, u64)> {
    let mut out = Vec::new();
    for (path, text) in &copy.files {
        let front = front_matter(text);
        // Front matter: `key: id`, `key: [a, id]`, `key: "[[id]]"` and block lists.
        let mut current_key = "";
        for (n, line) in &front {
            let (key, value) = match line.split_once(':') {
                Some((k, v)) if !k.starts_with(' ') && !k.starts_with('-') => (k.trim(), v),
                _ => (
                    current_key,
                    line.trim_start().strip_prefix('-').unwrap_or(""),
                ),
            };
            current_key = key;
            if !REFERENCE_KEYS.contains(&key) {
                continue;
            }
            let value = value.trim();
            let inner = value
                .strip_prefix('[')
                .and_then(|v| v.strip_suffix(']'))
                .filter(|_| !value.starts_with("[["))
                .unwrap_or(value);
            for token in inner.split(',') {
                if reference_id(token) == id {
                    out.push(("T201".to_owned(), path.clone(), *n));
                }
            }
        }
        // Body: wiki links and relative Markdown links.
        let body_start = front.last().map_or(0, |(n, _)| {
            text.lines()
                .take(*n as usize + 1)
                .map(|l| l.len() + 1)
                .sum()
        });
        let body = &text[body_start.min(text.len())..];
        let mut from = 0;
        while let Some(i) = body[from..].find("[[") {
            let start = from + i;
            let Some(len) = body[start + 2..].find("]]") else {
                break;
            };
            let target = &body[start + 2..start + 2 + len];
            let target_id = target.split(['|', '#']).next().unwrap_or("").trim();
            if target_id == id {
                out.push((
                    "T204".to_owned(),
                    path.clone(),
                    line_at(text, body_start + start),
                ));
            }
            from = start + 2 + len + 2;
        }
        let mut from = 0;
        while let Some(i) = body[from..].find("](") {
            let close = from + i;
            let rest = &body[close + 2..];
            let end = rest.find(')').unwrap_or(rest.len());
            let target = rest[..end].split(['#', '?']).next().unwrap_or("");
            if !target.contains("://") && resolve(path, target) == deleted {
                // The link starts at the `[` that opens its text.
                let mut depth = 0;
                let open = body[..close]
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| {
                        match c {
                            ']' => depth += 1,
                            '[' if depth == 0 => return true,
                            '[' => depth -= 1,
                            _ => {}
                        }
                        false
                    })
                    .map_or(close, |(j, _)| j);
                out.push((
                    "T204".to_owned(),
                    path.clone(),
                    line_at(text, body_start + open),
                ));
            }
            from = close + 2;
        }
    }
    out
}

/// `target` (relative to the folder of `from`) as a notebook path.
fn resolve(from: &str, target: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// First line number in `rel` that contains `needle`.
#[track_caller]
fn line_in(copy: &Copy, rel: &str, needle: &str) -> u64 {
    crate::support::line_of(copy.text(rel), needle)
}

#[test]
fn broken_copy_of_the_example_reports_exactly_the_breakages() {
    let mut copy = Copy::new();
    let ids = copy.ids();
    let fresh = |candidate: String| {
        assert!(!ids.contains(&candidate), "{candidate} already exists");
        candidate
    };
    let mut expected: Vec<(String, String, u64)> = Vec::new();
    let mut expect = |code: &str, path: &str, line: u64| {
        expected.push((code.to_owned(), path.to_owned(), line));
    };

    // 1. Delete the company with the fewest references; every reference breaks.
    let companies = copy.records("companies");
    let (deleted, deleted_id) = companies
        .iter()
        .map(|p| (p.clone(), id_of(p).to_owned()))
        .filter(|(p, id)| !references_to(&copy, id, p).is_empty())
        .min_by_key(|(p, id)| references_to(&copy, id, p).len())
        .expect("the example has a company that something references");
    let mut chosen: Vec<String> = vec![deleted.clone()];

    // 2. A contact's `company:` mistyped (a contact of another company than the deleted one).
    let contacts = copy.records("contacts");
    let (typo_path, typo_company) = contacts
        .iter()
        .find_map(|p| {
            let (_, value) = field(copy.text(p), "company")?;
            let company = reference_id(value).to_owned();
            (company != deleted_id && !value.contains('[')).then(|| (p.clone(), company))
        })
        .expect("a contact with a plain `company: id` line");
    let typo = fresh(format!("{typo_company}x"));
    copy.replace(
        &typo_path,
        &format!("company: {typo_company}"),
        &format!("company: {typo}"),
    );
    expect(
        "T201",
        &typo_path,
        line_in(&copy, &typo_path, &format!("company: {typo}")),
    );
    chosen.push(typo_path.clone());

    // 3. Another contact's `role:` set to a value that does not exist.
    let role_path = contacts
        .iter()
        .find(|p| !chosen.contains(p) && field(copy.text(p), "role").is_some())
        .cloned()
        .expect("a second contact with a role");
    let (_, role) = field(copy.text(&role_path), "role").unwrap();
    let role = role.to_owned();
    copy.replace(&role_path, &format!("role: {role}"), "role: develper");
    expect(
        "T103",
        &role_path,
        line_in(&copy, &role_path, "role: develper"),
    );
    chosen.push(role_path.clone());

    // 4. A third contact's `reached_out:` set to a date that does not exist.
    let date_path = contacts
        .iter()
        .find(|p| !chosen.contains(p) && field(copy.text(p), "reached_out").is_some())
        .cloned()
        .expect("a third contact with reached_out");
    let (_, date) = field(copy.text(&date_path), "reached_out").unwrap();
    let date = date.to_owned();
    copy.replace(
        &date_path,
        &format!("reached_out: {date}"),
        "reached_out: 2026-02-30",
    );
    expect(
        "T104",
        &date_path,
        line_in(&copy, &date_path, "reached_out: 2026-02-30"),
    );
    chosen.push(date_path.clone());

    // 5. An unknown key added to the first event (or company) not touched yet.
    let key_path = copy
        .records("events")
        .into_iter()
        .chain(copy.records("companies"))
        .find(|p| !chosen.contains(p))
        .expect("an event or company to add a key to");
    copy.replace(&key_path, "---\n", "---\nfavourite_snack: pretzels\n");
    expect("T106", &key_path, 2);
    chosen.push(key_path.clone());

    // 6. A wiki link to a contact, in a file not touched yet, pointed at a missing id.
    let contact_ids: Vec<String> = contacts.iter().map(|p| id_of(p).to_owned()).collect();
    let (link_path, link_id) = copy
        .files
        .iter()
        .filter(|(p, _)| !chosen.contains(p))
        .find_map(|(p, text)| {
            contact_ids
                .iter()
                .find(|id| text.contains(&format!("[[{id}]]")))
                .map(|id| (p.clone(), id.clone()))
        })
        .expect("a wiki link [[contact-id]] somewhere");
    let broken_link = fresh(format!("{link_id}-old"));
    copy.replace(
        &link_path,
        &format!("[[{link_id}]]"),
        &format!("[[{broken_link}]]"),
    );
    expect(
        "T204",
        &link_path,
        line_in(&copy, &link_path, &format!("[[{broken_link}]]")),
    );

    // Now delete the company and expect every reference left to it.
    copy.delete(&deleted);
    for (code, path, line) in references_to(&copy, &deleted_id, &deleted) {
        expect(&code, &path, line);
    }

    let mut got: Vec<(String, String, u64)> = copy
        .nb
        .diagnostics()
        .into_iter()
        .map(|d| (d.code, d.path, d.line))
        .collect();
    got.sort();
    expected.sort();
    assert_eq!(
        got, expected,
        "broke: deleted {deleted}; company typo in {typo_path}; role in {role_path}; \
         date in {date_path}; unknown key in {key_path}; link in {link_path}"
    );
    let out = copy.nb.run(["check"]);
    out.assert_no_crash();
    assert_eq!(out.code, 1);
}

#[test]
fn reference_finder_knows_the_reference_forms() {
    // The helper the broken-copy test relies on, checked on a notebook of its own.
    let nb = Notebook::new()
        .file("companies/acme.md", "---\nname: Acme\n---\n")
        .file(
            "contacts/ada.md",
            "---\nname: Ada\ncompany: \"[[acme]]\"\ntags: [acme]\n---\nAt [[acme|Acme]].\nSee [the\nfile](../companies/acme.md).\n",
        )
        .file(
            "chats/2026-11-12-ada.md",
            "---\nwith: [ada, acme]\ndate: 2026-11-12\n---\n[[acme#people]]\n",
        );
    let mut copy = Copy {
        files: markdown_files(nb.path())
            .into_iter()
            .map(|rel| {
                let text = std::fs::read_to_string(nb.path().join(&rel)).unwrap();
                (rel, text)
            })
            .collect(),
        nb,
    };
    copy.delete("companies/acme.md");
    let mut expected = vec![
        ("T201".to_owned(), "chats/2026-11-12-ada.md".to_owned(), 2),
        ("T204".to_owned(), "chats/2026-11-12-ada.md".to_owned(), 5),
        ("T201".to_owned(), "contacts/ada.md".to_owned(), 3),
        ("T204".to_owned(), "contacts/ada.md".to_owned(), 6),
        ("T204".to_owned(), "contacts/ada.md".to_owned(), 7),
    ];
    expected.sort();
    let mut found = references_to(&copy, "acme", "companies/acme.md");
    found.sort();
    assert_eq!(found, expected);
    // And `ties` agrees (with-ing a company is a T201 once the company is gone).
    let mut got: Vec<(String, String, u64)> = copy
        .nb
        .diagnostics()
        .into_iter()
        .map(|d| (d.code, d.path, d.line))
        .collect();
    got.sort();
    assert_eq!(got, expected);
}
