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
echo
echo "ties reports benchmark: N=$N contacts"
round_robin check "${cmds[@]}"
