#!/usr/bin/env bash
# Benchmark `ties check` against the "merely walk and read the same files" baseline.
#
#   benches/check.sh [N] [RUNS]
#
# N (default 2000) is the number of contacts of the generated notebook (plus N/10 companies,
# 3N chats and N/20 events), kept in target/bench/notebook-N and generated only if missing.
# RUNS (default 10) is the number of timed runs of each command.
#
# Measures the wall time of
#   (a) target/release/examples/walk_read DIR        (parallel walk + read of every *.md file)
#   (b) target/release/ties --notebook DIR check     (exit 0 or 1 both count as a run)
# with hyperfine when it is installed (apt-get install hyperfine), else with a loop of `date`
# timings (also with NO_HYPERFINE=1), and the peak memory of (b) with /usr/bin/time -v when that is available.
# BENCH_PROFILE=profiling benches/check.sh builds target/profiling/ with line tables, for callgrind:
#   valgrind --tool=callgrind target/profiling/ties --notebook target/bench/notebook-2000 check
set -euo pipefail

# shellcheck source=benches/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_args RUNS 10 "$@"
RUNS=$COUNT
bench_notebook walk_read
WALK="$BIN/examples/walk_read"

md_files=$(find "$DIR" -name '*.md' -type f | wc -l)
md_bytes=$(find "$DIR" -name '*.md' -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
echo "== notebook: $DIR ($md_files .md files, $((md_bytes / 1000000)) MB)" >&2

# One run of `ties check` up front: prints its summary line and fails loudly on exit >= 2.
out=$(mktemp)
trap 'rm -f "$out"' EXIT
set +e
"$TIES" --notebook "$DIR" check >"$out" 2>&1
rc=$?
set -e
summary=$(tail -n 1 "$out")
if ((rc > 1)); then
    echo "ties check failed with exit code $rc: $summary" >&2
    exit 1
fi
echo "== ties check: exit $rc, $summary" >&2

# Wall time in seconds of each of RUNS runs of "$@", one per line (exit codes 0 and 1 accepted).
time_runs() {
    local i start end rc
    for ((i = 0; i < RUNS; i++)); do
        start=$(date +%s%N)
        set +e
        "$@" >/dev/null 2>&1
        rc=$?
        set -e
        end=$(date +%s%N)
        if ((rc > 1)); then
            echo "'$*' failed with exit code $rc" >&2
            return 1
        fi
        awk -v ns="$((end - start))" 'BEGIN { printf "%.6f\n", ns / 1e9 }'
    done
}

if [[ -z "${NO_HYPERFINE:-}" ]] && command -v hyperfine >/dev/null 2>&1; then
    echo "== timing with hyperfine ($RUNS runs each)" >&2
    json="$out"
    hyperfine --warmup 2 --runs "$RUNS" -i --style basic --export-json "$json" \
        -n walk_read "$WALK $DIR" \
        -n "ties check" "$TIES --notebook $DIR check" >&2
    # Medians from the exported JSON (no jq needed: one "median" key per command, in order).
    mapfile -t medians < <(grep -o '"median": *[0-9.eE+-]*' "$json" | sed 's/.*: *//')
    a=${medians[0]}
    b=${medians[1]}
    tool=hyperfine
else
    echo "== timing with a date loop ($RUNS runs each, 1 warm-up; install hyperfine for better numbers)" >&2
    "$WALK" "$DIR" >/dev/null
    a=$(time_runs "$WALK" "$DIR" | median)
    b=$(time_runs "$TIES" --notebook "$DIR" check | median)
    tool="date loop"
fi

rss="n/a"
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; then
    set +e
    kb=$(/usr/bin/time -v "$TIES" --notebook "$DIR" check 2>&1 >/dev/null |
        awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }')
    set -e
    if [[ -n "$kb" ]]; then
        rss=$(awk -v kb="$kb" 'BEGIN { printf "%.1f MB", kb / 1024 }')
    fi
fi

awk -v n="$N" -v files="$md_files" -v a="$a" -v b="$b" -v rss="$rss" -v tool="$tool" 'BEGIN {
    printf "\nties check benchmark: N=%d contacts, %d .md files (%s)\n", n, files, tool
    printf "  (a) walk_read    median %8.1f ms\n", a * 1000
    printf "  (b) ties check   median %8.1f ms\n", b * 1000
    printf "  ratio b/a        %8.2f\n", (a > 0 ? b / a : 0)
    printf "  peak RSS (b)     %s\n", rss
}'
