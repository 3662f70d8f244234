#!/usr/bin/env bash
# Benchmark `ties html` (and `--redact`) against `ties report` on one notebook.
#
#   benches/html.sh [N] [RUNS]
#
# N (default 2000) is the number of contacts of the generated notebook, kept in
# target/bench/notebook-N (shared with the other benches) and generated only if missing.
# Commands run round-robin, RUNS times each (default 11), so that load from other processes
# falls on every command alike; prints each median wall time, its ratio to `report` and the
# page's size. The bar (issue 26): `ties html` under 2x `ties report`.
set -euo pipefail

# shellcheck source=benches/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_args RUNS 11 "$@"
RUNS=$COUNT
bench_notebook

cmds=("check" "report" "agenda" "html" "html --redact")
bytes=$("$TIES" --notebook "$DIR" --today 2026-11-21 html | wc -c)
echo
echo "ties html benchmark: N=$N contacts; the page: $bytes bytes"
round_robin report "${cmds[@]}"
