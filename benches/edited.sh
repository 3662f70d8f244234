#!/usr/bin/env bash
# Benchmark `ties check` after one file changed since the persistent index was written: the
# pre-commit hook after an edit, the editor's save before `ties agenda`.
#
#   benches/edited.sh [N] [RUNS]
#
# N and the notebook as in benches/check.sh. Each timed run follows an untimed check (which
# writes the index of the notebook as it is) and a change to one note,
# notes/bench-edited.md (removed at the end): the run reads and parses that note, decodes
# every other document from the index, runs the rules and writes the index again. Prints the
# median wall time of that run beside a stateless one (`--no-cache`) of the same notebook;
# BASELINE=path/to/ties times another build the same way, in turn.
set -euo pipefail

# shellcheck source=benches/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_args RUNS 11 "$@"
RUNS=$COUNT
bench_notebook

NOTE="$DIR/notes/bench-edited.md"
trap 'rm -f "$NOTE"' EXIT
mkdir -p "$(dirname "$NOTE")"
binaries=("$TIES")
if [[ -n "${BASELINE:-}" ]]; then binaries+=("$BASELINE"); fi

# One run of ties, exit 1 (a notebook with errors) counting as done; its wall time in µs.
timed() {
    local start end rc=0
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || rc=$?
    end=$(date +%s%N)
    if ((rc > 1)); then
        echo "'$*' failed with exit code $rc" >&2
        exit 1
    fi
    echo $(((end - start) / 1000))
}

declare -A edited stateless
for ((i = 0; i < RUNS; i++)); do
    for b in "${binaries[@]}"; do
        timed "$b" --notebook "$DIR" check >/dev/null
        printf '# Edited\n\nRun %d, by %s.\n' "$i" "$b" >"$NOTE"
        edited[$b]+="$(timed "$b" --notebook "$DIR" check) "
        stateless[$b]+="$(timed "$b" --notebook "$DIR" --no-cache check) "
    done
done

echo "ties check after one file changed: N=$N contacts, $RUNS runs each (load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'))"
for b in "${binaries[@]}"; do
    e=$(echo "${edited[$b]}" | median)
    s=$(echo "${stateless[$b]}" | median)
    awk -v b="$b" -v e="$e" -v s="$s" 'BEGIN {
        printf "  %s\n    one file changed %8.1f ms   --no-cache %8.1f ms   %.2fx\n", b, e / 1000, s / 1000, e / s }'
done
