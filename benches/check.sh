#!/usr/bin/env bash
# Benchmark `ties check` against the "merely walk and read the same files" floor.
#
#   benches/check.sh [N] [RUNS]
#
# N (default 2000) is the number of contacts of the generated notebook (plus N/10 companies,
# 3N chats and N/20 events: N=2000 is 8,301 files, 20000 is 83,001, 50000 is 207,501), kept in
# target/bench/notebook-N (or $BENCH_DIR/notebook-N) and generated only if missing.
# RUNS (default 10) is the number of timed runs of each command.
#
# Runs round-robin, so that load from other processes falls on every command alike:
#   (a) target/release/examples/walk_read DIR        (parallel walk + read of every *.md file)
#       and walk_read --parse DIR                    (the same, and the two parsers over each
#       file, keeping nothing: the floor of any stateless check that uses them)
#   (b) $BASELINE --notebook DIR check               (only if BASELINE names another ties binary)
#   (c) target/release/ties --notebook DIR check     (exit 0 or 1 both count as a run), as
#       nocache without the cache (--no-cache), cold (the cache removed before the
#       clock starts, then written) and warm (the index the cold run wrote); `agenda` the same
#       three ways (its warm run follows its cold one); `report` and `list contacts` without
#       the cache
# and prints the median wall time of each, its ratio to the floor (a), the median CPU time
# (user + system) and peak memory of each (with GNU time, /usr/bin/time, when there is one)
# and the load average. With 2 cores shared,
# read the ratios and memory; wall times move with the load.
# BENCH_PROFILE=profiling benches/check.sh builds target/profiling/ with line tables, for callgrind:
#   valgrind --tool=callgrind target/profiling/ties --notebook target/bench/notebook-2000 check
set -euo pipefail

# shellcheck source=benches/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_args RUNS 10 "$@"
RUNS=$COUNT
bench_notebook walk_read
WALK="$BIN/examples/walk_read"

md_files=$(find "$DIR/" -name '*.md' -type f | wc -l)
md_bytes=$(find "$DIR/" -name '*.md' -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
echo "== notebook: $DIR ($md_files .md files, $((md_bytes / 1000000)) MB)" >&2

names=(floor parsers)
cmds=("$WALK $DIR" "$WALK --parse $DIR")
if [[ -n "${BASELINE:-}" ]]; then
    names+=(baseline)
    cmds+=("$BASELINE --notebook $DIR check")
fi
# Without the cache (the stateless run), cold (no index: every file read, parsed and the
# index written) and warm (the index of the run before, nothing changed); `agenda` too.
# `report` and `list` without the cache: the cold path of every command.
names+=(nocache cold warm agenda-nc agenda-cold agenda report-nc list-nc)
cmds+=("$TIES --notebook $DIR --no-cache check"
    "$TIES --notebook $DIR check"
    "$TIES --notebook $DIR check"
    "$TIES --notebook $DIR --no-cache agenda"
    "$TIES --notebook $DIR agenda"
    "$TIES --notebook $DIR agenda"
    "$TIES --notebook $DIR --no-cache report"
    "$TIES --notebook $DIR --no-cache list contacts")

# One run of each up front (the file cache), failing loudly on an exit code above 1.
run() {
    local rc=0
    # shellcheck disable=SC2086 # the command's words are meant to split
    $1 >/dev/null 2>&1 || rc=$?
    if ((rc > 1)); then
        echo "'$1' failed with exit code $rc" >&2
        exit 1
    fi
}
for c in "${cmds[@]}"; do run "$c"; done
echo "== ties check: $("$TIES" --notebook "$DIR" check 2>&1 | tail -n 1)" >&2

declare -A times cpus mems
# CPU time (user + system) and peak memory of each run, with GNU time when there is one.
have_time=false
if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%U' -o /dev/null true 2>/dev/null; then have_time=true; fi
usage=$(mktemp)
trap 'rm -f "$usage"' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)
for ((i = 0; i < RUNS; i++)); do
    for k in "${!cmds[@]}"; do
        # A cold run starts without the index; removing it is not part of its time (it
        # was, through a wrapper script: a shell and `rm` added 4-5 ms at 8.3k files).
        if [[ ${names[$k]} == *cold ]]; then rm -rf "$DIR/.ties-cache"; fi
        start=$(date +%s%N)
        if $have_time; then
            run "/usr/bin/time -f %U+%S:%M -o $usage ${cmds[$k]}"
        else
            run "${cmds[$k]}"
        fi
        end=$(date +%s%N)
        times[${names[$k]}]+="$(((end - start) / 1000)) "
        if $have_time; then
            IFS=: read -r cpu kb <"$usage"
            cpus[${names[$k]}]+="$(awk -v t="$cpu" 'BEGIN { split(t, a, "+"); print a[1] + a[2] }') "
            mems[${names[$k]}]+="$kb "
        fi
    done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)

floor=$(echo "${times[floor]}" | median)
echo
echo "ties check benchmark: N=$N contacts, $md_files .md files, $RUNS runs each, round-robin"
echo "  load average before: $load_before, after: $load_after"
echo "  (medians: wall time, its ratio to the floor, CPU time user+system, peak RSS)"
for k in "${!cmds[@]}"; do
    name=${names[$k]}
    m=$(echo "${times[$name]}" | median)
    cpu=n/a mem=n/a
    if $have_time; then
        cpu=$(echo "${cpus[$name]}" | median | awk '{ printf "%.0f ms", $1 * 1000 }')
        mem=$(echo "${mems[$name]}" | median | awk '{ printf "%.1f MB", $1 / 1024 }')
    fi
    awk -v c="$name" -v m="$m" -v f="$floor" -v cpu="$cpu" -v mem="$mem" 'BEGIN {
        printf "  %-9s wall %9.1f ms  %6.2fx floor  cpu %10s  peak RSS %s\n", c, m / 1000, m / f, cpu, mem }'
done
