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
        Some("group,due,kind,id,who,path,title,key,clear")
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), items.len());
    assert!(!rows.is_empty());
    for (row, item) in rows.iter().zip(&items) {
        // A cell with a comma or a quote is quoted, its quotes doubled (RFC 4180).
        let cell = |key: &str| {
            let text = item[key].as_str().unwrap();
            if text.contains([',', '"']) {
                format!("\"{}\"", text.replace('"', "\"\""))
            } else {
                text.to_owned()
            }
        };
        let keys = [
            "group", "due", "kind", "id", "who", "path", "title", "key", "clear",
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
            "exit",
            "period",
            "error",
            "findings",
            "spreadsheet",
            "rng",
        ],
    ),
    (
        "parsing",
        &["frontmatter", "yaml", "model", "body", "template"],
    ),
    (
        "loading",
        &[
            "diagnostic",
            "document",
            "templates",
            "index",
            "notebook",
            "fs",
        ],
    ),
    (
        "domain",
        &[
            "sink", "rules", "check", "lookup", "report", "agenda", "list", "show", "draft",
            "create", "watch", "edit", "action", "import", "compose", "assist",
        ],
    ),
    ("rendering", &["render", "html"]),
    ("adapters", &["config", "lsp", "http", "commands", "cli"]),
    // Test-only (`#[cfg(test)]`): drives parsing, the check and the renderers.
    ("in-crate tests", &["fuzz"]),
];

/// Every `crate::module` a source file names outside its tests and comments.
fn uses(source: &str) -> Vec<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or("");
    let mut found = Vec::new();
    for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
        for (at, _) in line.match_indices("crate::") {
            let rest = &line[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push(name);
            }
        }
    }
    found
}

#[test]
fn modules_only_use_the_layers_below_them() {
    let rank: std::collections::HashMap<&str, usize> = LAYERS
        .iter()
        .flat_map(|(_, modules)| modules.iter())
        .enumerate()
        .map(|(i, m)| (*m, i))
        .collect();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut upward = Vec::new();
    let mut files = vec![src.clone()];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let rel = path
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let module = rel.split('/').next().unwrap().trim_end_matches(".rs");
        if module == "lib" || module == "main" {
            continue;
        }
        let Some(&own) = rank.get(module) else {
            panic!("src/{rel}: module `{module}` is in no layer of LAYERS");
        };
        for used in uses(&std::fs::read_to_string(&path).unwrap()) {
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
