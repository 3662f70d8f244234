//! Runs `ties` on the fixture notebook `tests/fixtures/report-basic`, whose figures are
//! worked out by hand in tests/report.rs; shared by the report, list and show tests.

use std::path::PathBuf;

use serde_json::Value;

use crate::support::{Output, TODAY, run, ties as binary};

pub fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report-basic")
}

/// `ties --notebook <fixture> --today 2026-11-21 ARGS`, without colour.
pub fn ties(args: &[&str]) -> Output {
    let mut cmd = binary();
    cmd.arg("--notebook")
        .arg(fixture())
        .args(["--today", TODAY])
        .args(args);
    run(&mut cmd)
}

pub fn stdout(args: &[&str]) -> String {
    let out = ties(args);
    assert_eq!(out.code, 0, "ties {args:?} failed: {}", out.stderr);
    out.stdout
}

pub fn json_of(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&stdout(&all)).expect("valid JSON")
}

/// Snapshots are named without the module path, so their files keep their names wherever
/// the test module lives.
pub fn snapshot(name: &str, value: &str) {
    insta::with_settings!({ prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, value);
    });
}
