#!/usr/bin/env bash
# Fuzz the per-file parse, the check and every renderer for a while (see docs/fuzz.md).
#
#   benches/fuzz.sh [SECONDS] [SEED]
#
# SECONDS (default 600) is how long to generate cases; SEED (hexadecimal, default: from the
# clock) makes a run repeatable. Runs the `fuzz_long` test of src/fuzz.rs in a release test
# build; each finding is saved as a notebook under $TARGET/fuzz-findings/SEED-CASE/ with a
# finding.txt, and replayed alone with TIES_FUZZ_SEED=SEED TIES_FUZZ_CASE=CASE.
# Exits 0 when the run found nothing, non-zero otherwise.
set -euo pipefail

SECONDS_ARG="${1:-600}"
SEED="${2:-}"
case "$SECONDS_ARG" in '' | *[!0-9]*) echo "usage: $0 [SECONDS] [SEED (hex)]" >&2; exit 2 ;; esac
case "$SEED" in *[!0-9a-fA-Fx]*) echo "usage: $0 [SECONDS] [SEED (hex)]" >&2; exit 2 ;; esac

cd "$(dirname "${BASH_SOURCE[0]}")/.."
TARGET="${CARGO_TARGET_DIR:-$PWD/target}"

echo "== building (release test build)" >&2
cargo test --release --lib --no-run --quiet

echo "== fuzzing for $SECONDS_ARG s" >&2
TIES_FUZZ_SECONDS="$SECONDS_ARG" \
TIES_FUZZ_SEED="$SEED" \
TIES_FUZZ_FINDINGS="${TIES_FUZZ_FINDINGS:-$TARGET/fuzz-findings}" \
    cargo test --release --lib --quiet fuzz_long -- --ignored --nocapture
