#!/usr/bin/env bash
# The race harness of the write path (issue 20): every recording command against an editor
# saving the same file at a random instant (by rename, in place in one write, in place in two
# chunks with a pause), two `ties` writers at once, and `kill -9` at random instants of `log`
# and `import`. Counts every outcome; exits 1 on any lost save, torn file or leftover junk.
# Not a test of speed, and not run by CI (it takes minutes): run it after changing the write
# path, and put its table in docs/log.md ("What ties guarantees").
#
#   benches/race.sh [ITERATIONS per command and editor, default 200] [SEED] [in-place]
#
# `in-place` measures the alternative the write path weighed and rejected: every edit
# written in place under the lock (TIES_WRITE_IN_PLACE), instead of exchanged and compared.
#
# Needs python3 (the editors are simulated in it, to the half millisecond) and git.
set -euo pipefail
cd "$(dirname "$0")/.."
ITERATIONS="${1:-200}"
SEED="${2:-20}"
MODE="${3:-exchange}"
case "$ITERATIONS" in '' | *[!0-9]* | 0) echo "usage: $0 [ITERATIONS] [SEED]" >&2; exit 2 ;; esac
echo "== building (release)" >&2
cargo build --release --quiet --bin ties
exec python3 benches/race.py "${CARGO_TARGET_DIR:-$PWD/target}/release/ties" "$ITERATIONS" "$SEED" "$MODE"
