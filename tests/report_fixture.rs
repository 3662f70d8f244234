//! Runs `ties` on the fixture notebook `tests/fixtures/report-basic`, whose figures are
//! worked out by hand in tests/report.rs; shared by the report, list and show tests.

use std::path::PathBuf;

use serde_json::Value;

pub(crate) use crate::support::snapshot;
use crate::support::{self, Output, TODAY, run, ties as binary};

pub(crate) fn fixture() -> PathBuf {
    support::fixture("report-basic")
}

/// `ties --notebook <fixture> --today 2026-11-21 ARGS`, without colour.
pub(crate) fn ties(args: &[&str]) -> Output {
    let mut cmd = binary();
    cmd.arg("--notebook")
        .arg(fixture())
        .args(["--today", TODAY])
        .args(args);
    run(&mut cmd)
}

/// `ties ARGS` on the fixture is a usage error (exit 2) whose stderr contains `message`.
#[track_caller]
pub(crate) fn assert_usage_error(args: &[&str], message: &str) {
    let out = ties(args);
    assert_eq!(out.code, 2, "ties {args:?}: {}", out.stderr);
    out.assert_stderr_has(message);
}

pub(crate) fn stdout(args: &[&str]) -> String {
    let out = ties(args);
    assert_eq!(out.code, 0, "ties {args:?} failed: {}", out.stderr);
    out.stdout
}

pub(crate) fn json_of(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&stdout(&all)).expect("valid JSON")
}
