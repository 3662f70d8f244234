#!/usr/bin/env bash
# Benchmark `ties lsp`: start-up (`initialize` answered; the first diagnostics of a file the
# editor opens at once, the notebook loading in the background), and from a keystroke
# (didChange) to the diagnostics published for it.
#
#   benches/lsp.sh [N] [KEYS]
#
# Uses (and generates if missing) the notebook of benches/check.sh, target/bench/notebook-N
# (N contacts, default 2000: about 8,300 files; 20000: about 83,000), then runs
# examples/lsp_bench.rs, which drives the release server over stdio: it opens one contact
# and changes it KEYS times (default 50), alternately broken and fixed, and reports the
# median, 90th percentile and worst time to the publishDiagnostics of each change, then to
# the answer of a codeLens request sent after each of KEYS more changes. Runs it twice:
# cold (the persistent index `.ties-cache/` cleared first: every file read and parsed) and
# warm (the index the cold run wrote). Prints `uptime` first: wall-clock figures mean little
# while the machine is busy.
set -euo pipefail

# shellcheck source=benches/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_args KEYS 50 "$@"
bench_notebook lsp_bench
uptime
"$TIES" --notebook "$DIR" cache clear >/dev/null
echo "== cold: no persistent index"
TIES_BIN="$TIES" "$BIN/examples/lsp_bench" "$DIR" "$COUNT"
echo "== warm: the persistent index of the cold run"
TIES_BIN="$TIES" "$BIN/examples/lsp_bench" "$DIR" "$COUNT"
