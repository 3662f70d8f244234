#!/usr/bin/env bash
# End-to-end tests that need real programs (a browser, an editor), run by .ci/run after
# `cargo test`. Each part is a script in tests/e2e/: it installs the Debian packages it needs
# when they are missing (CI runs as root and reaches the registries), drives the real program
# against the debug build of `ties`, and exits non-zero on any mismatch. A part never skips
# itself: a missing program that cannot be installed is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
export TIES_BIN="$PWD/target/debug/ties"
shopt -s nullglob
parts=(tests/e2e/*.sh)
if [ ${#parts[@]} -eq 0 ]; then
  echo "e2e: no parts in tests/e2e/"
  exit 0
fi
for part in "${parts[@]}"; do
  echo "== e2e: $part"
  start=$SECONDS
  bash "$part"
  echo "== e2e: $part passed in $((SECONDS - start)) s"
done
