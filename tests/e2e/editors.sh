#!/usr/bin/env bash
# `ties lsp` in real Neovim, headless (tests/e2e/editors.lua says what is checked): the
# Neovim of the distribution (Debian 12: 0.7.2, which registers no file watcher), on a
# fresh notebook, against the debug build of `ties`. Installs Debian's neovim when it is
# missing; fails, never skips, when it cannot.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/e2e/common.bash
need editors nvim neovim
nb=$(mktemp -d)
trap 'rm -rf "$nb"' EXIT
export TIES_E2E_NOTEBOOK="$nb"
editors_notebook "$nb"
echo "editors: $(nvim --version | head -1)"
log="$nb.log"
status=0
timeout 120 nvim --headless -u NONE -i NONE -n \
  -c "luafile tests/e2e/editors.lua" >"$log" 2>&1 || status=$?
cat "$log"
rm -f "$log"
if [ "$status" -ne 0 ]; then
  echo "editors: Neovim failed (exit $status)" >&2
  exit 1
fi
