#!/usr/bin/env bash
# `ties html` and `ties serve` in headless Chromium (tests/e2e/browser.py says what is checked).
# Installs Debian's chromium when it is missing; fails, never skips, when it cannot.
# `bash tests/e2e/browser.sh --docs` also writes the screenshots of docs/views/.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${TIES_BIN:=$PWD/target/debug/ties}"
export TIES_BIN
if ! command -v chromium >/dev/null 2>&1; then
  echo "browser: installing Debian's chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if ! command -v chromium >/dev/null 2>&1; then
  echo "browser: chromium is missing and could not be installed" >&2
  exit 1
fi
if [ ! -x "$TIES_BIN" ]; then
  echo "browser: no ties binary at $TIES_BIN (cargo build first)" >&2
  exit 1
fi
exec timeout 120 python3 tests/e2e/browser.py "$@"
