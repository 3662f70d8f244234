#!/usr/bin/env bash
# Benchmark `ties agenda`, every `ties report` and `list contacts` against `ties check` on one
# notebook.
#
#   benches/reports.sh [N] [RUNS]
#
# N (default 2000) is the number of contacts of the generated notebook, kept in
# target/bench/notebook-N (shared with benches/check.sh) and generated only if missing.
# Commands run round-robin, RUNS times each (default 15), so that load from other processes
# falls on every command alike; prints each median wall time and its ratio to `check`.
# The bar (issue 15): each of them within `ties check`.
set -euo pipefail

# shellcheck source=benches/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_args RUNS 15 "$@"
RUNS=$COUNT
bench_notebook

cmds=("check" "agenda" "next" "report" "report funnel" "report companies" "report activity"
    "report goals" "report events" "list contacts")
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

check=$(echo "${times[check]}" | median)
echo
echo "ties reports benchmark: N=$N contacts, $RUNS runs each, round-robin"
for c in "${cmds[@]}"; do
    m=$(echo "${times[$c]}" | median)
    awk -v c="$c" -v m="$m" -v k="$check" 'BEGIN { printf "  %-18s median %8.1f ms   %5.2fx check\n", c, m / 1000, m / k }'
done
