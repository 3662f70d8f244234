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

N="${1:-2000}"
SAVES="${2:-30}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DIR="$PWD/target/bench/notebook-$N"

cargo build --release --quiet --bin ties --example gen_notebook --example watch_latency
if [[ ! -f "$DIR/ties.yaml" ]]; then
    rm -rf "$DIR" "$DIR.partial"
    mkdir -p "$(dirname "$DIR")"
    target/release/examples/gen_notebook "$DIR.partial" --contacts "$N" >&2
    mv "$DIR.partial" "$DIR"
fi
TIES_BIN="$PWD/target/release/ties" target/release/examples/watch_latency "$DIR" "$SAVES"
