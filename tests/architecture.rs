//! Regressions found while restructuring the code (issue: one-directional layers, one output
//! pipeline): filters resolved in the domain, one stdout error, one output path per format.

use crate::support::Notebook;

fn acme_corp() -> Notebook {
    Notebook::new()
        .file(
            "companies/acme-corp.md",
            "---\nname: Acme Corp\nstatus: target\n---\n",
        )
        .file("companies/globex.md", "---\nname: Globex\n---\n")
        .file(
            "contacts/ada.md",
            "---\nname: Ada Archer\ncompany: acme-corp\nreached_out: 2026-11-02\n---\n",
        )
        .file(
            "contacts/bob.md",
            "---\nname: Bob Brown\ncompany: globex\nreached_out: 2026-11-03\n---\n",
        )
}

#[test]
fn list_contacts_by_company_name() {
    let nb = acme_corp();
    for name in ["Acme Corp", "acme corp", "acme-corp", "[[acme-corp]]"] {
        let out = nb.run(["list", "contacts", "--company", name, "--format", "csv"]);
        assert_eq!(out.code, 0, "{name}: {}", out.stderr);
        let ids: Vec<&str> = out
            .stdout
            .lines()
            .skip(1)
            .filter_map(|l| l.split(',').next())
            .collect();
        assert_eq!(ids, ["ada"], "--company {name}");
    }
}

#[test]
fn list_by_unknown_company_is_an_error_with_a_suggestion() {
    let out = acme_corp().run(["list", "contacts", "--company", "Acme Crop"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("did you mean"), "{}", out.stderr);
}

#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_to_stdout_says_cannot_write() {
    let nb = acme_corp();
    for args in [
        &["check"][..],
        &["agenda"],
        &["list", "contacts"],
        &["report"],
        &["show", "ada"],
        &["export", "csv", "contacts"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_ties"))
            .env("NO_COLOR", "1")
            .arg("--notebook")
            .arg(nb.path())
            .args(["--today", "2026-11-21"])
            .args(args)
            .stdout(full)
            .output()
            .expect("run ties");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write to standard output"),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("cannot read"), "{args:?}: {stderr}");
    }
}

#[test]
fn agenda_as_csv_has_the_json_fields() {
    let out = acme_corp().run(["agenda", "--format", "csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = acme_corp().run(["agenda", "--format", "json"]);
    let items: Vec<serde_json::Value> = serde_json::from_str(&json.stdout).unwrap();
    let mut lines = out.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("group,due,kind,id,who,path,title,key,short,clear,also,draft")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), items.len());
    assert!(!rows.is_empty());
    for (row, item) in rows.iter().zip(&items) {
        // A cell with a comma or a quote is quoted, its quotes doubled (RFC 4180).
        let cell = |key: &str| {
            // `also` and `draft` are null where an item has none: an empty cell.
            let text = item[key].as_str().unwrap_or_default();
            if text.contains([',', '"']) {
                format!("\"{}\"", text.replace('"', "\"\""))
            } else {
                text.to_owned()
            }
        };
        let keys = [
            "group", "due", "kind", "id", "who", "path", "title", "key", "short", "clear", "also",
            "draft",
        ];
        let expected = keys.map(cell).join(",");
        assert_eq!(*row, expected);
    }
}

/// The modules from the bottom up: each may use only those listed before it (its own
/// submodules aside). A new module goes in its layer here and in docs/development.md.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "leaves",
        &[
            "span",
            "slug",
            "suggest",
            "hash",
            "interned",
            "exit",
            "period",
            "error",
            "findings",
            "spreadsheet",
            "rng",
            "now",
        ],
    ),
    (
        "parsing",
        &[
            "frontmatter",
            "yaml",
            "model",
            "body",
            "dismissed",
            "template",
        ],
    ),
    (
        "loading",
        &[
            "diagnostic",
            "document",
            "read",
            "fs",
            "cache",
            "templates",
            "index",
            "notebook",
        ],
    ),
    (
        "domain",
        &[
            "sink",
            "rules",
            "check",
            "workspace",
            "lookup",
            "report",
            "agenda",
            "list",
            "show",
            "draft",
            "adopt",
            "create",
            "watch",
            "edit",
            "action",
            "import",
            "compose",
            "assist",
            "urgency",
        ],
    ),
    ("rendering", &["render", "html"]),
    ("adapters", &["config", "lsp", "http", "commands", "cli"]),
    // Test-only (`#[cfg(test)]`): drives parsing, the check and the renderers.
    ("in-crate tests", &["fuzz"]),
];

/// `source` without its test code: the item after each `#[cfg(test)]` (a `mod tests { … }`,
/// a helper `fn` or `impl`, a `mod x;`) is left out, and everything after that item is
/// kept; so are comments, as blanks.
fn without_tests(source: &str) -> String {
    let code = blank_comments(source);
    let mut out = String::with_capacity(code.len());
    let mut rest = code.as_str();
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        rest = &rest[at + "#[cfg(test)]".len()..];
        rest = skip_item(rest);
    }
    out.push_str(rest);
    out
}

/// `code` with comments and the insides of string and char literals blanked, so that
/// braces and `crate::` in them count for nothing.
fn blank_comments(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == '"' {
            // A raw string's hashes are not counted: `r#"…"#` holds no lone `"` in ties.
            out.push('"');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            out.push('"');
            i += 1;
        } else if c == '\'' && (chars.get(i + 2) == Some(&'\'') || next == Some('\\')) {
            // A char literal (`'{'`, `'\n'`), not a lifetime.
            let end = (i + 1..chars.len()).find(|&j| j > i + 1 && chars[j] == '\'');
            out.push_str("' '");
            i = end.map_or(chars.len(), |e| e + 1);
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// `code` after the item it starts with (attributes before it included): up to its `;`, or
/// past its balanced `{ … }`, whichever comes first.
fn skip_item(code: &str) -> &str {
    let mut depth = 0usize;
    for (i, c) in code.char_indices() {
        match c {
            ';' if depth == 0 => return &code[i + 1..],
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return &code[i + 1..];
                }
            }
            _ => {}
        }
    }
    ""
}

/// The names a path continues with after `at`: one (`crate::index`) or, for a group
/// (`crate::{agenda, check::Checker}`), the first name of each of its parts.
fn names_after(rest: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
            .collect()
    };
    match rest.strip_prefix('{') {
        Some(group) => {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            group
                .split(',')
                .map(ident)
                .filter(|n| !n.is_empty())
                .collect()
        }
        None => vec![ident(rest)]
            .into_iter()
            .filter(|n| !n.is_empty())
            .collect(),
    }
}

/// Every module of the crate that the file of `module` (its path: `["lsp", "sync"]`)
/// names outside its tests and comments: `crate::x`, `crate::{x, y}`, and a `super::` path
/// that climbs to the crate's root.
fn uses(source: &str, module: &[&str]) -> Vec<String> {
    let code = without_tests(source);
    let mut found = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        if code[..at].ends_with('$') {
            continue;
        }
        found.extend(names_after(&code[at + "crate::".len()..]));
    }
    for (at, _) in code.match_indices("super::") {
        if code[..at].ends_with("super::") {
            continue;
        }
        let mut rest = &code[at..];
        let mut up = 0;
        while let Some(after) = rest.strip_prefix("super::") {
            up += 1;
            rest = after;
        }
        if up >= module.len() {
            found.extend(names_after(rest));
        }
    }
    found
}

/// The files that are test code whole: those a `#[cfg(test)] mod name;` brings in.
fn test_only_files(files: &[std::path::PathBuf]) -> Vec<std::path::PathBuf> {
    let mut test_only = Vec::new();
    for path in files {
        let source = blank_comments(&std::fs::read_to_string(path).unwrap());
        let dir = if path
            .file_name()
            .is_some_and(|n| n == "mod.rs" || n == "lib.rs")
        {
            path.parent().unwrap().to_path_buf()
        } else {
            path.with_extension("")
        };
        for (at, _) in source.match_indices("#[cfg(test)]") {
            let item = source[at + "#[cfg(test)]".len()..].trim_start();
            let Some(name) = item.strip_prefix("mod ") else {
                continue;
            };
            let name: String = name
                .chars()
                .take_while(|c| *c != ';' && *c != ' ')
                .collect();
            if item
                .trim_start_matches("mod ")
                .trim_start_matches(&*name)
                .starts_with(';')
            {
                test_only.push(dir.join(format!("{name}.rs")));
                test_only.push(dir.join(name).join("mod.rs"));
            }
        }
    }
    test_only
}

/// Every `.rs` file under `src/` that is not test code whole: its path from `src/` (with `/`)
/// and its text.
fn sources() -> Vec<(String, String)> {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut todo = vec![src.clone()];
    while let Some(path) = todo.pop() {
        if path.is_dir() {
            todo.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    let test_only = test_only_files(&files);
    files
        .iter()
        .filter(|path| !test_only.contains(path))
        .map(|path| {
            let rel = path.strip_prefix(&src).unwrap().to_string_lossy();
            (
                rel.replace('\\', "/"),
                std::fs::read_to_string(path).unwrap(),
            )
        })
        .collect()
}

/// A file's module path from `src/`: `lsp/sync.rs` is `["lsp", "sync"]`, `lsp/mod.rs`
/// `["lsp"]`.
fn module_path(rel: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = rel.trim_end_matches(".rs").split('/').collect();
    if parts.last() == Some(&"mod") {
        parts.pop();
    }
    parts
}

#[test]
fn modules_only_use_the_layers_below_them() {
    let rank: std::collections::HashMap<&str, usize> = LAYERS
        .iter()
        .flat_map(|(_, modules)| modules.iter())
        .enumerate()
        .map(|(i, m)| (*m, i))
        .collect();
    let mut upward = Vec::new();
    for (rel, source) in sources() {
        let modules = module_path(&rel);
        let module = modules[0];
        if module == "lib" || module == "main" {
            continue;
        }
        let Some(&own) = rank.get(module) else {
            panic!("src/{rel}: module `{module}` is in no layer of LAYERS");
        };
        for used in uses(&source, &modules) {
            match rank.get(used.as_str()) {
                Some(&r) if used != module && r > own => {
                    upward.push(format!("src/{rel} uses crate::{used}"));
                }
                _ => {}
            }
        }
    }
    upward.sort();
    upward.dedup();
    assert!(
        upward.is_empty(),
        "imports from a higher layer:\n{}",
        upward.join("\n")
    );
}

/// What the layer test reads: `super::` paths that climb to the root, groups, and code
/// after a test module, but not the test module, a test-only helper, or a comment.
#[test]
fn the_layer_test_reads_super_groups_and_code_after_tests() {
    let source = "use super::super::commands;\n\
        use crate::{agenda, check::Checker};\n\
        // use crate::cli;\n\
        #[cfg(test)]\n\
        mod tests {\n    use crate::html;\n    fn f() { let s = \"}\"; }\n}\n\
        #[cfg(test)]\n\
        fn helper() { crate::render::x(); }\n\
        fn after() { crate::lsp::y(); super::z(); }\n";
    assert_eq!(
        uses(source, &["assist", "fix"]),
        ["agenda", "check", "lsp", "commands"]
    );
    assert_eq!(
        uses("use super::server;\n", &["lsp", "sync"]),
        Vec::<String>::new()
    );
    assert_eq!(uses("use super::server;\n", &["lsp"]), ["server"]);
    assert_eq!(module_path("lsp/mod.rs"), ["lsp"]);
}

/// The index is changed by the loading code, its own methods and the workspace only: every
/// client of a notebook held in memory goes through the workspace.
#[test]
fn only_the_workspace_changes_a_loaded_index() {
    let owners = ["index.rs", "notebook.rs", "workspace.rs"];
    let changes = [
        ".set_now(",
        ".upsert(",
        ".remove_under(",
        ".relink(",
        ".set_settings(",
        ".keep_settings(",
        ".add_walk_findings(",
        "index.apply(",
        ".settings = ",
        ".settings_text = ",
        ".settings_findings = ",
        ".walk_findings.push(",
        ".walk_findings.extend(",
        ".walk_findings.retain(",
        ".docs.push(",
    ];
    let mut found = Vec::new();
    for (rel, source) in sources() {
        if owners.contains(&rel.as_str()) || rel == "fuzz.rs" {
            continue;
        }
        let code = without_tests(&source);
        for change in changes {
            if code.contains(change) {
                found.push(format!("src/{rel}: {change}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "an index changed outside the workspace:\n{}",
        found.join("\n")
    );
}

/// The lines of the `[name]` section of Cargo.toml, comments left out.
fn cargo_section(name: &str) -> Vec<String> {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .expect("Cargo.toml");
    manifest
        .lines()
        .skip_while(|l| l.trim() != format!("[{name}]"))
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn release_is_stripped_and_profiling_keeps_line_tables() {
    // Line tables made the shipped binary 39 MB; callgrind and perf need them, users do not.
    let release = cargo_section("profile.release");
    assert!(release.contains(&"strip = true".to_owned()), "{release:?}");
    assert!(
        !release.iter().any(|l| l.starts_with("debug")),
        "{release:?}"
    );
    let profiling = cargo_section("profile.profiling");
    for line in [
        "inherits = \"release\"",
        "debug = \"line-tables-only\"",
        "strip = false",
    ] {
        assert!(
            profiling.contains(&line.to_owned()),
            "{line}: {profiling:?}"
        );
    }
    let common = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/benches/common.sh"))
        .expect("benches/common.sh");
    assert!(
        common.contains("--profile \"$profile\""),
        "benches build the chosen profile"
    );
}
