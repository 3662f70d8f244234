#!/usr/bin/env bash
# Benchmark `ties draft` and `ties report templates` against `ties check` on one notebook.
#
#   benches/draft.sh [N] [RUNS]
#
# N (default 2000) is the number of contacts of the generated notebook, kept in
# target/bench/notebook-N (shared with benches/check.sh) and generated only if missing; a
# draft reads the whole notebook, so the bar is `ties check`'s load. Commands run
# round-robin (benches/common.sh's round_robin), RUNS times each (default 15); prints each
# median and its ratio to `check`.
set -euo pipefail

# shellcheck source=benches/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_args RUNS 15 "$@"
RUNS=$COUNT
bench_notebook

# The first contact in path order: a reconnect is never refused, whatever the notes say.
# (`sed -n 1p` reads to the end: `head` would close the pipe on `sort`, and pipefail stops.)
first=$(find "$DIR/contacts" -name '*.md' | sort | sed -n 1p)
id=$(basename "$first" .md)
cmds=("check" "agenda" "draft reconnect $id" "draft reconnect $id --format json"
    "report templates")
echo
echo "ties draft benchmark: N=$N contacts, reconnect ID = $id"
round_robin check "${cmds[@]}"
