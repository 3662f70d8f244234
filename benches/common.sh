# Shared by the bench scripts (sourced, not run): their arguments, the release build and the
# generated notebook target/bench/notebook-N, and a median.

# bench_args COUNT_NAME DEFAULT_COUNT [N] [COUNT]: sets N (default 2000) and COUNT (a whole
# number above 0), or prints the usage and exits 2.
bench_args() {
    local name=$1 default=$2
    N="${3:-2000}"
    COUNT="${4:-$default}"
    case "$N" in '' | *[!0-9]*) echo "usage: $0 [N contacts] [$name]" >&2; exit 2 ;; esac
    case "$COUNT" in '' | *[!0-9]* | 0) echo "usage: $0 [N contacts] [$name]" >&2; exit 2 ;; esac
}

# bench_notebook [EXAMPLE…]: builds ties, gen_notebook and the examples named (release) from
# the repository root, and generates target/bench/notebook-N (or $BENCH_DIR/notebook-N: 207,501
# small files want a disk of their own) if it is missing, into a
# temporary folder first so that an interrupted run never leaves half a notebook.
# Sets ROOT (and the working directory), DIR, BIN (the folder of the binaries) and TIES.
# BENCH_PROFILE=profiling builds with the `profiling` profile instead: the release build with line
# tables, for running the same commands under callgrind or perf (timings are the same; the
# release profile itself is stripped).
bench_notebook() {
    cd "$(dirname "${BASH_SOURCE[0]}")/.."
    ROOT="$PWD"
    DIR="${BENCH_DIR:-$ROOT/target/bench}/notebook-$N"
    local profile="${BENCH_PROFILE:-release}"
    BIN="${CARGO_TARGET_DIR:-$ROOT/target}/$profile"
    TIES="$BIN/ties"
    local examples=() example
    for example in gen_notebook "$@"; do examples+=(--example "$example"); done
    echo "== building ($profile)" >&2
    cargo build --profile "$profile" --quiet --bin ties "${examples[@]}"
    if [[ ! -f "$DIR/ties.yaml" ]]; then
        echo "== generating $DIR" >&2
        rm -rf "$DIR" "$DIR.partial"
        mkdir -p "$(dirname "$DIR")"
        "$BIN/examples/gen_notebook" "$DIR.partial" --contacts "$N" >&2
        mv "$DIR.partial" "$DIR"
    fi
}

# The median of the numbers on stdin (separated by spaces or newlines).
median() {
    tr ' ' '\n' | grep . | sort -g |
        awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# round_robin BASE COMMAND…: times each COMMAND (its words split, after `--notebook "$DIR"
# --today 2026-11-21`; exit 1, a notebook with errors, counts as done) $RUNS times, one of
# each in turn so that load from other processes falls on every command alike, after one
# warm-up round for the file cache; prints the load, then each median wall time and its
# ratio to BASE's.
round_robin() {
    local base=$1 c i start end width=0
    shift
    local -A times
    for c in "$@"; do ((${#c} > width)) && width=${#c}; done
    for c in "$@"; do bench_once "$c"; done
    for ((i = 0; i < RUNS; i++)); do
        for c in "$@"; do
            start=$(date +%s%N)
            bench_once "$c"
            end=$(date +%s%N)
            times[$c]+="$(((end - start) / 1000)) "
        done
    done
    local k m
    k=$(echo "${times[$base]}" | median)
    echo "  $RUNS runs each, round-robin (load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'))"
    for c in "$@"; do
        m=$(echo "${times[$c]}" | median)
        awk -v c="$c" -v w="$width" -v m="$m" -v k="$k" -v b="$base" \
            'BEGIN { printf "  %-*s median %8.1f ms   %5.2fx %s\n", w, c, m / 1000, m / k, b }'
    done
}

bench_once() {
    # shellcheck disable=SC2086 # the command's words are meant to split
    "$TIES" --notebook "$DIR" --today 2026-11-21 $1 >/dev/null 2>&1 || (($? == 1))
}
