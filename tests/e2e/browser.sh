#!/usr/bin/env bash
# `ties html` and `ties serve` in headless Chromium (tests/e2e/browser.py says what is checked).
# Installs Debian's chromium when it is missing; fails, never skips, when it cannot.
# `bash tests/e2e/browser.sh --docs` also writes the screenshots of docs/views/.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/e2e/common.bash
need browser chromium chromium
exec timeout 120 python3 tests/e2e/browser.py "$@"
