//! `ties man`: the top page on standard output, and with `--dir` a page per command plus
//! `ties-format(5)`, every cross-reference pointing at a page that was written.

use std::collections::BTreeSet;
use std::process::Command;

use crate::support::ties;

#[test]
fn man_dir_writes_every_page_that_the_pages_refer_to() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man");
    ties().arg("man").arg("--dir").arg(&out).assert().success();
    let written: BTreeSet<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    let expected = [
        "ties.1",
        "ties-check.1",
        "ties-new-contact.1",
        "ties-format.5",
    ];
    let missing: Vec<&str> = expected
        .into_iter()
        .filter(|page| !written.contains(*page))
        .collect();
    assert!(missing.is_empty(), "{missing:?} missing from {written:?}");
    // Every `ties-x(N)` named in any page is a page that exists.
    let mut referred = BTreeSet::new();
    for page in &written {
        let text = std::fs::read_to_string(out.join(page))
            .unwrap()
            .replace("\\-", "-");
        for (at, _) in text.match_indices("ties-") {
            let name: String = text[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            let rest = &text[at + name.len()..];
            if let Some(n) = rest
                .strip_prefix('(')
                .and_then(|r| r.get(..2))
                .and_then(|s| s.strip_suffix(')'))
            {
                referred.insert(format!("{name}.{n}"));
            }
        }
    }
    assert!(referred.contains("ties-check.1") && referred.contains("ties-format.5"));
    let missing: Vec<_> = referred.difference(&written).collect();
    assert!(
        missing.is_empty(),
        "referred to but not written: {missing:?}"
    );

    // Each page reads as roff, where `man` is installed.
    if Command::new("man").arg("--version").output().is_ok() {
        for page in &written {
            let shown = Command::new("man")
                .arg("-l")
                .arg(out.join(page))
                .env("MANPAGER", "cat")
                .env("MANWIDTH", "80")
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&shown.stdout);
            assert!(shown.status.success(), "{page}: {shown:?}");
            assert!(text.contains("NAME"), "{page} has no NAME section:\n{text}");
        }
    } else {
        eprintln!("skipped reading the pages with man: not installed");
    }

    // A second run leaves the pages alone unless told to replace them.
    let before = std::fs::read(out.join("ties.1")).unwrap();
    std::fs::write(out.join("ties.1"), "mine").unwrap();
    let refused = ties().arg("man").arg("--dir").arg(&out).assert().code(2);
    let stderr = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read(out.join("ties.1")).unwrap(), b"mine");
    ties()
        .arg("man")
        .arg("--dir")
        .arg(&out)
        .arg("--force")
        .assert()
        .success();
    assert_eq!(std::fs::read(out.join("ties.1")).unwrap(), before);

    // Without --dir: the top page on standard output, as before.
    let top = ties().arg("man").assert().success();
    let text = String::from_utf8_lossy(&top.get_output().stdout).into_owned();
    assert!(text.contains(".TH ties 1"), "{text}");
}
