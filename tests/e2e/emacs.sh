#!/usr/bin/env bash
# `ties lsp` in real Emacs with eglot, in batch mode (tests/e2e/emacs.el says what is
# checked): Debian's Emacs (12: 28.2, which has no eglot of its own) and its eglot package
# (elpa-eglot, 1.9: no file operations in workspace edits, no file watcher), on the notebook
# of tests/e2e/editors.sh, against the debug build of `ties`. Installs both when missing;
# fails, never skips, when it cannot.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/e2e/common.bash
need emacs emacs emacs-nox
has_eglot() { emacs --batch --eval '(require (quote eglot))' >/dev/null 2>&1; }
if ! has_eglot; then
  echo "emacs: installing Debian's elpa-eglot"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq elpa-eglot >/dev/null
fi
if ! has_eglot; then
  echo "emacs: eglot is missing and could not be installed" >&2
  exit 1
fi
nb=$(mktemp -d)
trap 'rm -rf "$nb"' EXIT
export TIES_E2E_NOTEBOOK="$nb"
editors_notebook "$nb"
echo "emacs: $(emacs --version | head -1)"
log="$nb.log"
status=0
timeout 120 emacs --batch -l tests/e2e/emacs.el </dev/null >"$log" 2>&1 || status=$?
# Emacs's own chatter (site files loaded, eglot's echo-area messages) aside.
grep -v '^Loading /etc/emacs\|^\[eglot\]' "$log" || true
rm -f "$log"
if [ "$status" -ne 0 ]; then
  echo "emacs: Emacs failed (exit $status)" >&2
  exit 1
fi
