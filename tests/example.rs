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
    let folder = from.rsplit_once('/').map_or("", |(folder, _)| folder);
    let mut parts = Vec::new();
    for part in folder.split('/').chain(target.split('/')) {
        match part {
            "" | "." => {}
            ".." => drop(parts.pop()),
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

/// The broken copy, what was broken so far, and the diagnostics that must follow.
struct Breakage {
    copy: Copy,
    /// Ids existing before any change, so made-up ids are checked to be new.
    ids: Vec<String>,
    /// Files already broken (each breakage picks a fresh file).
    chosen: Vec<String>,
    expected: Vec<(String, String, u64)>,
    log: Vec<String>,
}

impl Breakage {
    fn new() -> Self {
        let copy = Copy::new();
        let ids = copy.ids();
        Self {
            copy,
            ids,
            chosen: Vec::new(),
            expected: Vec::new(),
            log: Vec::new(),
        }
    }

    #[track_caller]
    fn fresh(&self, candidate: String) -> String {
        assert!(!self.ids.contains(&candidate), "{candidate} already exists");
        candidate
    }

    /// Expects `code` on the first line of `path` that contains `needle`.
    fn expect_at(&mut self, code: &str, path: &str, needle: &str) {
        let line = line_in(&self.copy, path, needle);
        self.expected.push((code.to_owned(), path.to_owned(), line));
        self.chosen.push(path.to_owned());
        self.log.push(format!("{code} in {path}: {needle}"));
    }

    /// The first record of `folder` not broken yet that has a front-matter `key`.
    fn pick(&self, folder: &str, key: &str) -> Option<(String, String)> {
        self.copy.records(folder).into_iter().find_map(|p| {
            if self.chosen.contains(&p) {
                return None;
            }
            let (_, value) = field(self.copy.text(&p), key)?;
            let value = value.to_owned();
            Some((p, value))
        })
    }

    /// The company with the fewest references (at least one): deleting it breaks them all.
    fn company_to_delete(&self) -> (String, String) {
        self.copy
            .records("companies")
            .into_iter()
            .map(|p| {
                let id = id_of(&p).to_owned();
                let n = references_to(&self.copy, &id, &p).len();
                (n, p, id)
            })
            .filter(|(n, _, _)| *n > 0)
            .min()
            .map(|(_, p, id)| (p, id))
            .expect("the example has a company that something references")
    }

    /// A contact's plain `company: id` line, mistyped (not a contact of `spare`).
    fn mistype_company(&mut self, spare: &str) {
        let (path, company) = self
            .copy
            .records("contacts")
            .into_iter()
            .find_map(|p| {
                let (_, value) = field(self.copy.text(&p), "company")?;
                let company = reference_id(value).to_owned();
                (company != spare && !value.contains('[')).then_some((p, company))
            })
            .expect("a contact with a plain `company: id` line");
        let typo = self.fresh(format!("{company}x"));
        let line = format!("company: {typo}");
        self.copy
            .replace(&path, &format!("company: {company}"), &line);
        self.expect_at("T201", &path, &line);
    }

    fn bad_role(&mut self) {
        let (path, role) = self
            .pick("contacts", "role")
            .expect("a contact with a role");
        self.copy
            .replace(&path, &format!("role: {role}"), "role: develper");
        self.expect_at("T103", &path, "role: develper");
    }

    fn impossible_date(&mut self) {
        let (path, date) = self
            .pick("contacts", "reached_out")
            .expect("a contact with reached_out");
        let line = "reached_out: 2026-02-30";
        self.copy
            .replace(&path, &format!("reached_out: {date}"), line);
        self.expect_at("T104", &path, line);
    }

    fn unknown_key(&mut self) {
        let path = self
            .copy
            .records("events")
            .into_iter()
            .chain(self.copy.records("companies"))
            .find(|p| !self.chosen.contains(p))
            .expect("an event or company to add a key to");
        self.copy
            .replace(&path, "---\n", "---\nfavourite_snack: pretzels\n");
        self.expect_at("T106", &path, "favourite_snack: pretzels");
    }

    /// A wiki link `[[contact-id]]`, in a file not broken yet, pointed at a missing id.
    fn break_wiki_link(&mut self) {
        let contact_ids: Vec<String> = self
            .copy
            .records("contacts")
            .iter()
            .map(|p| id_of(p).to_owned())
            .collect();
        let (path, id) = self
            .copy
            .files
            .iter()
            .filter(|(p, _)| !self.chosen.contains(p))
            .find_map(|(p, text)| {
                contact_ids
                    .iter()
                    .find(|id| text.contains(&format!("[[{id}]]")))
                    .map(|id| (p.clone(), id.clone()))
            })
            .expect("a wiki link [[contact-id]] somewhere");
        let broken = format!("[[{}]]", self.fresh(format!("{id}-old")));
        self.copy.replace(&path, &format!("[[{id}]]"), &broken);
        self.expect_at("T204", &path, &broken);
    }

    /// Deletes the company and expects every reference left to it to break.
    fn delete(&mut self, path: &str, id: &str) {
        self.copy.delete(path);
        let broken = references_to(&self.copy, id, path);
        self.log
            .push(format!("deleted {path}: {} references", broken.len()));
        self.expected.extend(broken);
    }
}

#[test]
fn broken_copy_of_the_example_reports_exactly_the_breakages() {
    let mut b = Breakage::new();
    let (deleted, deleted_id) = b.company_to_delete();
    b.chosen.push(deleted.clone());
    b.mistype_company(&deleted_id);
    b.bad_role();
    b.impossible_date();
    b.unknown_key();
    b.break_wiki_link();
    b.delete(&deleted, &deleted_id);
    // Shown with --nocapture or on failure.
    eprintln!("breakages:\n{}", b.log.join("\n"));

    b.expected.sort();
    assert_eq!(
        diagnosed(&b.copy.nb),
        b.expected,
        "breakages:\n{}",
        b.log.join("\n")
    );
    let out = b.copy.nb.run(["check"]);
    out.assert_no_crash();
    assert_eq!(out.code, 1);
}

/// `(code, path, line)` of every diagnostic of `nb`, sorted.
fn diagnosed(nb: &Notebook) -> Vec<(String, String, u64)> {
    let mut all: Vec<_> = nb
        .diagnostics()
        .into_iter()
        .map(|d| (d.code, d.path, d.line))
        .collect();
    all.sort();
    all
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
    assert_eq!(diagnosed(&copy.nb), expected);
}
