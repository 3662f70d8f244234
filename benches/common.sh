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
