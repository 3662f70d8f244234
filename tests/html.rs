//! `ties html`: the page holds the figures of `ties report`, escapes every notebook string
//! (the hostile fixture `tests/fixtures/hostile-html`), asks for nothing from the network,
//! and `--redact` leaves out names, notes and paths. What a browser makes of the page is
//! tested in `tests/e2e/browser.sh`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{Notebook, fixture, run_in};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("example-notebook")
}

fn html(dir: &Path, extra: &[&str]) -> String {
    let mut args = vec!["html"];
    args.extend(extra);
    let out = run_in(dir, args, &[]);
    out.assert_no_crash();
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

/// One tag of the page: its name and its attributes' names and values (still escaped).
#[derive(Debug)]
struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
}

/// Every tag of `page`, in order. A value the page escapes holds no `<`, `>` or quote, so
/// splitting at them is exact for the page and for any markup that escaped escaping.
fn tags(page: &str) -> Vec<Tag> {
    let mut found = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').expect("every tag closes");
        let inside = &rest[..end];
        rest = &rest[end + 1..];
        // A script's or style's text is not markup: skip to its end tag.
        for raw in ["script", "style"] {
            if inside == raw || inside.starts_with(&format!("{raw} ")) {
                let close = rest.find(&format!("</{raw}>")).expect("closed");
                rest = &rest[close..];
            }
        }
        let name: String = inside
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        let mut attributes = Vec::new();
        let mut attrs = inside[name.len()..].trim();
        while !attrs.is_empty() {
            let key_end = attrs
                .find(|c: char| c == '=' || c.is_whitespace())
                .unwrap_or(attrs.len());
            let key = attrs[..key_end].to_lowercase();
            attrs = attrs[key_end..].trim_start();
            let mut value = String::new();
            if let Some(after) = attrs.strip_prefix('=') {
                let quote = after.chars().next().expect("a value");
                assert!(quote == '"', "unquoted attribute {key} in <{inside}>");
                let close = after[1..].find('"').expect("closing quote");
                after[1..=close].clone_into(&mut value);
                attrs = after[close + 2..].trim_start();
            }
            attributes.push((key, value));
        }
        found.push(Tag { name, attributes });
    }
    found
}

/// What the page may hold, and nothing else: no `<img>`, `<iframe>`, `<a>` to elsewhere,
/// no event handler.
const ALLOWED: &[&str] = &[
    "!doctype",
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "span",
    "nav",
    "a",
    "main",
    "section",
    "ol",
    "ul",
    "li",
    "div",
    "code",
    "button",
    "details",
    "summary",
    "svg",
    "text",
    "rect",
    "line",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "label",
    "input",
    "article",
    "dl",
    "dt",
    "dd",
    "aside",
    "strong",
    "footer",
    "script",
];

#[track_caller]
fn assert_only_ties_markup(page: &str) {
    let all = tags(page);
    let mut scripts = 0;
    for tag in &all {
        let name = tag.name.trim_start_matches('/');
        assert!(ALLOWED.contains(&name), "unexpected tag <{}>", tag.name);
        scripts += usize::from(tag.name == "script");
        for (key, value) in &tag.attributes {
            assert!(
                !key.starts_with("on"),
                "event handler {key} on <{}>",
                tag.name
            );
            assert!(key != "style", "a style attribute on <{}>", tag.name);
            if key == "href" || key == "src" {
                assert!(
                    value.starts_with('#'),
                    "<{} {key}={value:?}> leaves the page",
                    tag.name
                );
            }
        }
    }
    assert_eq!(scripts, 1, "one script, ties' own");
}

#[test]
fn the_funnel_and_goals_hold_the_figures_of_ties_report() {
    let page = html(&example(), &[]);
    let json = run_in(&example(), ["report", "--format", "json"], &[]).stdout;
    let report: Value = serde_json::from_str(&json).unwrap();
    let cell = |row: &str, field: &str| -> String {
        let at = page.find(row).unwrap_or_else(|| panic!("no {row}"));
        let rest = &page[at..];
        let marker = format!("data-field=\"{field}\">");
        let from = rest.find(&marker).unwrap() + marker.len();
        rest[from..rest[from..].find('<').unwrap() + from].to_owned()
    };
    let stages = report["funnel"]["stages"].as_array().unwrap();
    assert_eq!(stages.len(), 5);
    for stage in stages {
        let row = format!("data-stage=\"{}\"", stage["stage"].as_str().unwrap());
        assert_eq!(
            cell(&row, "contacts"),
            stage["contacts"].to_string(),
            "{row}"
        );
        assert_eq!(cell(&row, "reached"), stage["reached"].to_string(), "{row}");
        let conversion = match stage["conversion"].as_f64() {
            Some(p) => format!("{p:.1}%"),
            None => String::new(),
        };
        assert_eq!(cell(&row, "conversion"), conversion, "{row}");
    }
    let goals = report["goals"]["rows"].as_array().unwrap();
    assert_eq!(goals.len(), 5);
    for goal in goals {
        let row = format!("data-goal=\"{}\"", goal["goal"].as_str().unwrap());
        assert_eq!(cell(&row, "count"), goal["count"].to_string(), "{row}");
        assert_eq!(cell(&row, "target"), goal["target"].to_string(), "{row}");
        let met = if goal["met"].as_bool().unwrap() {
            "yes"
        } else {
            "no"
        };
        assert_eq!(cell(&row, "met"), met, "{row}");
        let streak = goal["streak"]
            .as_u64()
            .map_or_else(String::new, |s| s.to_string());
        assert_eq!(cell(&row, "streak"), streak, "{row}");
    }
}

#[test]
fn every_page_and_every_person_is_there() {
    let page = html(&example(), &[]);
    for id in [
        "today",
        "funnel",
        "activity",
        "companies",
        "people",
        "events",
        "goals",
    ] {
        assert!(page.contains(&format!("<section id=\"{id}\"")), "{id}");
        assert!(page.contains(&format!("<a href=\"#{id}\">")), "nav to {id}");
    }
    // A person's panel: the timeline, the next action, who introduced whom.
    let maya = &page[page
        .find("<article class=\"person\" id=\"person-maya-chen\">")
        .unwrap()..];
    let maya = &maya[..maya.find("</article>").unwrap()];
    assert!(
        maya.contains("Introduced you to <a href=\"#person-priya-natarajan\">Priya Natarajan</a>"),
        "{maya}"
    );
    assert!(maya.contains("send portfolio link"), "{maya}");
    assert!(maya.contains("First message to Maya Chen"), "{maya}");
    assert!(maya.contains("contacts/maya-chen.md"), "{maya}");
    // Every agenda item with its command and its reasons.
    let agenda = run_in(&example(), ["agenda", "--format", "json"], &[]).stdout;
    let items: Vec<Value> = serde_json::from_str(&agenda).unwrap();
    assert!(!items.is_empty());
    let mut drafts = 0;
    for item in &items {
        let clear = item["clear"].as_str().unwrap().replace('\'', "&#39;");
        assert!(page.contains(&format!("data-copy=\"{clear}\"")), "{clear}");
        // Beside it, the draft of the message that clears it.
        if let Some(draft) = item["draft"].as_str() {
            let draft = draft.replace('\'', "&#39;");
            assert!(page.contains(&format!("data-copy=\"{draft}\"")), "{draft}");
            drafts += 1;
        }
        assert!(page.contains(item["key"].as_str().unwrap()), "{item}");
    }
    assert!(drafts > 0, "the example's agenda has follow-ups to draft");
    assert_only_ties_markup(&page);
}

#[test]
fn nothing_in_the_page_reaches_the_network() {
    let page = html(&example(), &[]);
    let policy = page
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a Content-Security-Policy meta")
        .replace("&#39;", "'");
    for directive in [
        "default-src 'none'",
        "connect-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ] {
        assert!(policy.contains(directive), "{policy}");
    }
    assert!(policy.contains("script-src 'sha256-"), "{policy}");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "a URL in the page"
    );
}

#[test]
fn a_hostile_notebook_renders_as_text() {
    let page = html(&fixture("hostile-html"), &[]);
    assert_only_ties_markup(&page);
    let tags = tags(&page);
    let names: BTreeSet<&str> = tags.iter().map(|t| t.name.as_str()).collect();
    for banned in ["img", "iframe", "b", "svg onload", "style"] {
        assert!(
            banned == "style" || !names.contains(banned),
            "<{banned}> in the page"
        );
    }
    assert_eq!(page.matches("<style>").count(), 1, "one style, ties' own");
    // The payloads are there, as text.
    for shown in [
        "Eve &#60;script&#62;alert(&#39;name&#39;)&#60;/script&#62;",
        "Evil Corp&#60;/td&#62;&#60;/tr&#62;&#60;/table&#62;",
        "&#34;&#62;&#60;img src=x onerror=alert(&#39;title&#39;)&#62;",
        "Mallory &#39; onmouseover=&#39;alert(1)",
        "&#60;a href=&#34;javascript:alert(&#39;link&#39;)&#34;&#62;click&#60;/a&#62;",
    ] {
        assert!(page.contains(shown), "{shown} not shown as text");
    }
    let redacted = html(&fixture("hostile-html"), &["--redact"]);
    assert_only_ties_markup(&redacted);
}

#[test]
fn redact_leaves_out_names_notes_paths_and_commands() {
    let page = html(&example(), &["--redact"]);
    assert_only_ties_markup(&page);
    let contacts = std::fs::read_dir(example().join("contacts")).unwrap();
    for entry in contacts {
        let path = entry.unwrap().path();
        let id = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let name = text
            .lines()
            .find_map(|l| l.strip_prefix("name: "))
            .unwrap()
            .trim_matches('"');
        let lower = page.to_lowercase();
        assert!(
            !lower.contains(&name.to_lowercase()),
            "{name} in the redacted page"
        );
        assert!(!lower.contains(&id), "{id} in the redacted page");
        // Every name is one of its words.
        let first = name.split(' ').next().unwrap();
        assert!(
            !page.contains(&format!("{first} ")),
            "{first} in the redacted page"
        );
    }
    for note in ["send portfolio link", "contacts/", "ties log", "--explain"] {
        assert!(!page.contains(note), "{note:?} in the redacted page");
    }
    assert!(page.contains("M.C."), "Maya Chen as initials");
    assert!(page.contains("Harbor Health"), "companies stay");
}

#[test]
fn output_goes_to_the_file_named_and_replaces_it() {
    let nb = Notebook::new().file(
        "contacts/ada.md",
        "---\nname: Ada Archer\nreached_out: 2026-11-02\n---\n",
    );
    std::fs::write(nb.path().join("page.html"), "old").unwrap();
    let out = nb.run(["html", "-o", "page.html"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    let page = nb.read("page.html");
    assert!(page.starts_with("<!doctype html>"), "{page}");
    assert!(page.contains("Ada Archer"));
    // A notebook with errors still makes a page, and says what may be missing.
    let nb = Notebook::new().file(
        "contacts/bad.md",
        "---\nname: Bad\nreached_out: 2026-13-40\n---\n",
    );
    let out = nb.run(["html"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("1 file has errors"), "{}", out.stderr);
    assert!(out.stdout.contains("<section id=\"people\""));
}
