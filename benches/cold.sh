#!/usr/bin/env bash
# One cold run for benches/check.sh: removes the notebook's cache, then runs ties on it.
#   benches/cold.sh TIES DIR COMMAND…
set -uo pipefail
ties=$1 dir=$2
shift 2
rm -rf "$dir/.ties-cache"
exec "$ties" --notebook "$dir" "$@"
