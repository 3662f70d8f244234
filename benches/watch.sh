#!/usr/bin/env bash
# Benchmark `ties watch`: from a change on disk to the round that reports it printed.
#
#   benches/watch.sh [N] [TIMES]
#   WARNINGS=16000 benches/watch.sh [N] [TIMES]
#
# Uses (and generates if missing) the notebook of benches/check.sh, target/bench/notebook-N
# (N contacts, default 2000: about 8,300 files; 20000: about 83,000), then runs
# examples/watch_latency.rs, which saves one contact, creates and deletes one, and writes and
# deletes bursts of 200 files, TIMES times each (default 30), under
# `ties watch --format json`, and reports the median, 90th percentile and worst latency of
# each (debounce window included) and how many files the rounds re-read.
#
# With WARNINGS=W, a copy of the notebook (notebook-N-warnings-W) has three unknown keys
# (T106 warnings) in each of the first W/3 chats: a notebook with W warnings on screen.
# WATCH_FORMAT=text times the text rounds of a piped `ties watch` instead of its JSON.
set -euo pipefail

# shellcheck source=benches/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_args TIMES 30 "$@"
bench_notebook watch_latency
WARNINGS="${WARNINGS:-0}"
case "$WARNINGS" in '' | *[!0-9]*) echo "WARNINGS must be a whole number" >&2; exit 2 ;; esac
if [[ "$WARNINGS" -gt 0 ]]; then
    warned="$DIR-warnings-$WARNINGS"
    if [[ ! -f "$warned/ties.yaml" ]]; then
        echo "== copying $DIR to $warned with $WARNINGS warnings" >&2
        rm -rf "$warned" "$warned.partial"
        cp -r "$DIR" "$warned.partial"
        chats=$(((WARNINGS + 2) / 3))
        # `sed -n` rather than `head`: it reads all of `sort`'s output, which at 60,000 chats
        # is more than a pipe holds, so `sort` is not killed mid-write (pipefail).
        (cd "$warned.partial" && find chats -name '*.md' | sort | sed -n "1,${chats}p" |
            xargs sed -i '1s/^---$/---\nbench_a: 1\nbench_b: 1\nbench_c: 1/')
        mv "$warned.partial" "$warned"
    fi
    DIR="$warned"
fi
TIES_BIN="$TIES" "$BIN/examples/watch_latency" "$DIR" "$COUNT"
