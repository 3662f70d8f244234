#!/usr/bin/env bash
# Benchmark `ties draft` and `ties report templates` against `ties check` on one notebook.
#
#   benches/draft.sh [N] [RUNS]
#
# N (default 2000) is the number of contacts of the generated notebook, kept in
# target/bench/notebook-N (shared with benches/check.sh) and generated only if missing; a
# draft reads the whole notebook, so the bar is `ties check`'s load. Commands run
# round-robin, RUNS times each (default 15); prints each median and its ratio to `check`.
set -euo pipefail

# shellcheck source=benches/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_args RUNS 15 "$@"
RUNS=$COUNT
bench_notebook

# The first contact in path order: a reconnect is never refused, whatever the notes say.
first=$(find "$DIR/contacts" -name '*.md' | sort | head -n 1)
id=$(basename "$first" .md)
cmds=("check" "agenda" "draft reconnect $id" "draft reconnect $id --format json"
    "report templates")
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
echo "ties draft benchmark: N=$N contacts, $RUNS runs each, round-robin (load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'))"
for c in "${cmds[@]}"; do
    m=$(echo "${times[$c]}" | median)
    awk -v c="${c/$id/ID}" -v m="$m" -v k="$check" 'BEGIN { printf "  %-34s median %8.1f ms   %5.2fx check\n", c, m / 1000, m / k }'
done
