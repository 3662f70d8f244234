//! The rules `ties check` applies: one file per rule, whose `//!` documentation (What it
//! checks / Why it matters / Example / How to fix) is what `ties explain CODE` prints, and
//! one table mapping codes to rules. Codes are never reused: a retired rule keeps its code.
//!
//! Rules that look at one file are applied while the file is parsed (their files hold the
//! diagnostics' wording); rules that need the whole notebook run over the index in
//! [`check_notebook`].

pub mod t001;
pub mod t002;
pub mod t003;
pub mod t004;
pub mod t005;
pub mod t006;
pub mod t101;
pub mod t102;
pub mod t103;
pub mod t104;
pub mod t105;
pub mod t106;
pub mod t107;
pub mod t108;
pub mod t201;
pub mod t202;
pub mod t203;
pub mod t204;
pub mod t301;
pub mod t302;
pub mod t303;
pub mod t401;
pub mod t402;
pub mod t403;

use std::fmt;

use crate::diagnostic::Severity;

/// A rule's code, as printed in diagnostics (`T201`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    T001,
    T002,
    T003,
    T004,
    T005,
    T006,
    T101,
    T102,
    T103,
    T104,
    T105,
    T106,
    T107,
    T108,
    T201,
    T202,
    T203,
    T204,
    T301,
    T302,
    T303,
    T401,
    T402,
    T403,
}

struct Rule {
    code: Code,
    name: &'static str,
    severity: Severity,
    /// The rule's source file; its `//!` lines are the explanation.
    source: &'static str,
}

macro_rules! rule {
    ($code:ident, $name:literal, $severity:ident, $file:literal) => {
        Rule {
            code: Code::$code,
            name: $name,
            severity: Severity::$severity,
            source: include_str!($file),
        }
    };
}

/// Indexed by `Code as usize`.
const RULES: [Rule; 24] = [
    rule!(T001, "unreadable-file", Error, "t001.rs"),
    rule!(T002, "unclosed-front-matter", Error, "t002.rs"),
    rule!(T003, "yaml-syntax", Error, "t003.rs"),
    rule!(T004, "front-matter-not-mapping", Error, "t004.rs"),
    rule!(T005, "merge-conflict", Error, "t005.rs"),
    rule!(T006, "missing-front-matter", Error, "t006.rs"),
    rule!(T101, "missing-key", Error, "t101.rs"),
    rule!(T102, "wrong-type", Error, "t102.rs"),
    rule!(T103, "invalid-value", Error, "t103.rs"),
    rule!(T104, "invalid-date", Error, "t104.rs"),
    rule!(T105, "invalid-duration", Error, "t105.rs"),
    rule!(T106, "unknown-key", Warning, "t106.rs"),
    rule!(T107, "non-slug-id", Warning, "t107.rs"),
    rule!(T108, "malformed-address", Warning, "t108.rs"),
    rule!(T201, "unknown-reference", Error, "t201.rs"),
    rule!(T202, "wrong-kind-reference", Error, "t202.rs"),
    rule!(T203, "duplicate-id", Error, "t203.rs"),
    rule!(T204, "broken-link", Warning, "t204.rs"),
    rule!(T301, "reply-before-outreach", Warning, "t301.rs"),
    rule!(T302, "thanks-out-of-order", Warning, "t302.rs"),
    rule!(T303, "met-before-event", Warning, "t303.rs"),
    rule!(T401, "unknown-config-key", Warning, "t401.rs"),
    rule!(T402, "invalid-config-value", Error, "t402.rs"),
    rule!(T403, "unknown-ignored-code", Warning, "t403.rs"),
];

impl Code {
    pub const ALL: [Self; 24] = [
        Self::T001,
        Self::T002,
        Self::T003,
        Self::T004,
        Self::T005,
        Self::T006,
        Self::T101,
        Self::T102,
        Self::T103,
        Self::T104,
        Self::T105,
        Self::T106,
        Self::T107,
        Self::T108,
        Self::T201,
        Self::T202,
        Self::T203,
        Self::T204,
        Self::T301,
        Self::T302,
        Self::T303,
        Self::T401,
        Self::T402,
        Self::T403,
    ];

    fn rule(self) -> &'static Rule {
        let rule = &RULES[self as usize];
        debug_assert_eq!(rule.code, self, "RULES is out of code order");
        rule
    }

    pub fn as_str(self) -> &'static str {
        // The variant name is the code.
        const NAMES: [&str; 24] = [
            "T001", "T002", "T003", "T004", "T005", "T006", "T101", "T102", "T103", "T104", "T105",
            "T106", "T107", "T108", "T201", "T202", "T203", "T204", "T301", "T302", "T303", "T401",
            "T402", "T403",
        ];
        NAMES[self as usize]
    }

    /// A code as a user types it: `T201` or `t201`.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::ALL
            .into_iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(text))
    }

    pub fn severity(self) -> Severity {
        self.rule().severity
    }

    /// The rule's short name (`unknown-reference`).
    pub fn name(self) -> &'static str {
        self.rule().name
    }

    /// What `ties explain` prints: the rule file's `//!` documentation.
    pub fn explanation(self) -> String {
        let mut out = String::new();
        for line in self
            .rule()
            .source
            .lines()
            .take_while(|l| l.starts_with("//!"))
        {
            let line = line.trim_start_matches("//!");
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_code_order() {
        for (i, code) in Code::ALL.iter().enumerate() {
            assert_eq!(RULES[i].code, *code);
            assert_eq!(*code as usize, i);
            assert_eq!(Code::parse(code.as_str()), Some(*code));
        }
    }

    #[test]
    fn every_rule_explains_itself_in_four_sections() {
        for code in Code::ALL {
            let text = code.explanation();
            for section in [
                "## What it checks",
                "## Why it matters",
                "## Example",
                "## How to fix",
            ] {
                assert!(text.contains(section), "{code} lacks {section}");
            }
        }
    }
}
