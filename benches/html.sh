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
declare -A times
run() {
    # shellcheck disable=SC2086 # the command's words are meant to split
    "$TIES" --notebook "$DIR" --today 2026-11-21 $1 >/dev/null 2>&1 || (($? == 1))
}
for c in "${cmds[@]}"; do run "$c"; done # warm-up: the file cache
for ((i = 0; i < RUNS; i++)); do
    for c in "${cmds[@]}"; do
        start=$(date +%s%N)
        run "$c"
        end=$(date +%s%N)
        times[$c]+="$(((end - start) / 1000)) "
    done
done

report=$(echo "${times[report]}" | median)
bytes=$("$TIES" --notebook "$DIR" --today 2026-11-21 html | wc -c)
echo
echo "ties html benchmark: N=$N contacts, $RUNS runs each, round-robin; the page: $bytes bytes"
for c in "${cmds[@]}"; do
    m=$(echo "${times[$c]}" | median)
    awk -v c="$c" -v m="$m" -v k="$report" 'BEGIN { printf "  %-14s median %8.1f ms   %5.2fx report\n", c, m / 1000, m / k }'
done
