//! Hostile input and hostile output: files and values built to crash `ties` or to reach the
//! user's terminal, spreadsheet or calendar through it. Each test is named after what it
//! guards.

use crate::support::Notebook;

#[test]
fn a_bad_byte_after_a_carriage_return_is_a_diagnostic_not_a_crash() {
    for (name, bytes) in [
        ("nul after CR", &b"\r\0"[..]),
        ("Latin-1 with old-Mac line endings", b"caf\r\xe9"),
        ("NUL at the end of a CRLF line", b"---\r\nname: x\r\0"),
    ] {
        let nb = Notebook::new().bytes("notes/bad.md", bytes);
        let out = nb.run(["check"]);
        out.assert_no_crash();
        assert_eq!(out.code, 1, "{name}: {}", out.stderr);
        assert!(
            out.stdout.contains("notes/bad.md:"),
            "{name}: {}",
            out.stdout
        );
        assert!(out.stdout.contains("[T001]"), "{name}: {}", out.stdout);
    }
}
