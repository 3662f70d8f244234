#!/usr/bin/env bash
# Benchmark `ties watch`: from a save to the updated diagnostics printed.
#
#   benches/watch.sh [N] [SAVES]
#
# Uses (and generates if missing) the notebook of benches/check.sh, target/bench/notebook-N
# (N contacts, default 2000: about 8,300 files), then runs examples/watch_latency.rs, which
# saves one contact SAVES times (default 30) under `ties watch --format json` and reports
# the median, 90th percentile and worst latency (debounce window included) and how many files
# each round re-read.
set -euo pipefail

# shellcheck source=benches/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_args SAVES 30 "$@"
bench_notebook watch_latency
TIES_BIN="$TIES" "$BIN/examples/watch_latency" "$DIR" "$COUNT"
